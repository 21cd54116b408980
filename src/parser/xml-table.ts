/**
 * XMLTABLE in a FROM clause (its conversion is src/rules/xml-table.ts):
 *
 *   XMLTABLE( [XMLNAMESPACES('uri' AS prefix | DEFAULT 'uri', …) ,] 'xquery'
 *             [PASSING [BY VALUE] expr [AS name], …] [RETURNING SEQUENCE BY REF]
 *             [COLUMNS name { FOR ORDINALITY | type [PATH 'path'] [DEFAULT expr] }, …] )
 *
 * The clause loops decide with gates, so they look one token ahead (MAX_LOOKAHEAD: 1, see base.ts).
 */
import type { OraName } from '../ast/common.js';
import type { Expr } from '../ast/expr.js';
import type { XmlTableColumn, XmlTableRef } from '../ast/query.js';
import type { $ } from './base.js';
import { stringValue } from './expr.js';
import { K } from './keywords.js';
import { isWord } from './query.js';
import * as T from './tokens.js';

export function defineXmlTableRules($: $): void {
  $.RULE('xmlTable', (): XmlTableRef => {
    $.consume(10, T.Ident); // XMLTABLE
    $.consume(10, T.LParen);
    const namespaces: { uri: string; prefix?: OraName }[] = [];
    $.option(10, {
      MAX_LOOKAHEAD: 1,
      GATE: () => isWord($.LA(1), 'XMLNAMESPACES'),
      DEF: () => {
        $.consume(11, T.Ident);
        $.consume(11, T.LParen);
        namespaces.push($.subrule(15, $.xmlNamespace));
        $.many(10, () => {
          $.consume(10, T.Comma);
          namespaces.push($.subrule(16, $.xmlNamespace));
        });
        $.consume(11, T.RParen);
        $.consume(14, T.Comma);
      },
    });
    const xquery = stringValue($.consume(13, T.StringLit));
    const passing: { expr: Expr; name?: OraName }[] = [];
    $.option(11, {
      MAX_LOOKAHEAD: 1,
      GATE: () => isWord($.LA(1), 'PASSING'),
      DEF: () => {
        $.consume(14, T.Ident); // PASSING
        $.option(12, {
          MAX_LOOKAHEAD: 1,
          GATE: () => $.LA(1).tokenType === K.BY,
          DEF: () => {
            $.consume(15, K.BY);
            $.consume(15, T.Ident); // VALUE
          },
        });
        passing.push($.subrule(17, $.xmlPassingItem));
        $.many(11, {
          MAX_LOOKAHEAD: 1,
          GATE: () => $.LA(1).tokenType === T.Comma,
          DEF: () => {
            $.consume(11, T.Comma);
            passing.push($.subrule(18, $.xmlPassingItem));
          },
        });
      },
    });
    $.option(14, {
      MAX_LOOKAHEAD: 1,
      GATE: () => isWord($.LA(1), 'RETURNING'),
      DEF: () => {
        // RETURNING SEQUENCE BY REF: how Oracle hands nodes to the columns; no effect on values.
        $.consume(17, T.Ident);
        $.consume(18, T.Ident);
        $.consume(19, K.BY);
        $.consume(19, T.Ident);
      },
    });
    const columns: XmlTableColumn[] = [];
    $.option(15, {
      MAX_LOOKAHEAD: 1,
      GATE: () => isWord($.LA(1), 'COLUMNS'),
      DEF: () => {
        $.consume(20, T.Ident);
        columns.push($.subrule(13, $.xmlTableColumn));
        $.many(12, () => {
          $.consume(12, T.Comma);
          columns.push($.subrule(14, $.xmlTableColumn));
        });
      },
    });
    $.consume(10, T.RParen);
    return $.ACTION(() => {
      const r: XmlTableRef = { kind: 'xml-table', xquery, passing, columns };
      if (namespaces.length) r.namespaces = namespaces;
      return r;
    });
  });

  $.RULE('xmlNamespace', (): { uri: string; prefix?: OraName } =>
    $.or(30, [
      {
        ALT: () => {
          $.consume(30, K.DEFAULT);
          return { uri: stringValue($.consume(30, T.StringLit)) };
        },
      },
      {
        ALT: () => {
          const uri = stringValue($.consume(31, T.StringLit));
          $.consume(30, K.AS);
          return { uri, prefix: $.subrule(30, $.identifier) };
        },
      },
    ]),
  );

  $.RULE('xmlPassingItem', (): { expr: Expr; name?: OraName } => {
    const item: { expr: Expr; name?: OraName } = { expr: $.subrule(40, $.expr) };
    $.option(40, {
      MAX_LOOKAHEAD: 1,
      GATE: () => $.LA(1).tokenType === K.AS,
      DEF: () => {
        $.consume(40, K.AS);
        item.name = $.subrule(40, $.identifier);
      },
    });
    return item;
  });

  $.RULE('xmlTableColumn', (): XmlTableColumn => {
    const col: XmlTableColumn = { name: $.subrule(20, $.identifier) };
    $.or(20, {
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        {
          GATE: () => $.LA(1).tokenType === K.FOR,
          ALT: () => {
            $.consume(20, K.FOR);
            $.consume(21, T.Ident); // ORDINALITY
            col.ordinality = true;
          },
        },
        {
          ALT: () => {
            $.option(20, {
              MAX_LOOKAHEAD: 1,
              GATE: () =>
                !isWord($.LA(1), 'PATH') &&
                $.LA(1).tokenType !== K.DEFAULT &&
                $.LA(1).tokenType !== T.Comma &&
                $.LA(1).tokenType !== T.RParen,
              DEF: () => {
                col.type = $.subrule(20, $.dataType);
              },
            });
            $.option(21, {
              MAX_LOOKAHEAD: 1,
              GATE: () => isWord($.LA(1), 'PATH'),
              DEF: () => {
                $.consume(22, T.Ident);
                col.path = stringValue($.consume(20, T.StringLit));
              },
            });
            $.option(22, {
              MAX_LOOKAHEAD: 1,
              GATE: () => $.LA(1).tokenType === K.DEFAULT,
              DEF: () => {
                $.consume(20, K.DEFAULT);
                col.default = $.subrule(21, $.expr);
              },
            });
          },
        },
      ],
    });
    return col;
  });
}
