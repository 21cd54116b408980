/**
 * JSON_TABLE in a FROM clause (its conversion is src/rules/json-table.ts). The clause loops decide
 * with gates, so they look one token ahead (MAX_LOOKAHEAD: 1, see base.ts).
 */
import type { JsonTableColumn, JsonTableRef } from '../ast/query.js';
import type { $ } from './base.js';
import { stringValue } from './expr.js';
import { K } from './keywords.js';
import { isWord } from './query.js';
import * as T from './tokens.js';

export function defineJsonTableRules($: $): void {
  // JSON_TABLE(expr [FORMAT JSON], 'path' [{ERROR|NULL|DEFAULT x} ON ERROR] [… ON EMPTY] COLUMNS (…))
  $.RULE('jsonTable', (): JsonTableRef => {
    $.consume(10, T.Ident);
    $.consume(10, T.LParen);
    const doc = $.subrule(10, $.expr);
    $.option(10, {
      MAX_LOOKAHEAD: 1,
      GATE: () => isWord($.LA(1), 'FORMAT'),
      DEF: () => {
        $.consume(11, T.Ident);
        $.consume(12, T.Ident);
      },
    });
    let path = '$';
    $.option(11, {
      MAX_LOOKAHEAD: 1,
      DEF: () => {
        $.consume(10, T.Comma);
        path = stringValue($.consume(10, T.StringLit));
      },
    });
    const errorClauses: string[] = [];
    $.many(10, {
      MAX_LOOKAHEAD: 1,
      GATE: () => !isWord($.LA(1), 'COLUMNS'),
      DEF: () => {
        errorClauses.push($.consume(13, T.NonParen).image.toUpperCase());
      },
    });
    const columns = $.subrule(10, $.jsonTableColumns);
    $.consume(10, T.RParen);
    return $.ACTION(() => {
      const r: JsonTableRef = { kind: 'json-table', doc, path, columns };
      const clauses = errorClauses.join(' ');
      if (clauses && clauses !== 'NULL ON ERROR') r.errorClauses = [clauses];
      return r;
    });
  });

  $.RULE('jsonTableColumns', (): JsonTableColumn[] => {
    $.consume(20, T.Ident); // COLUMNS
    $.consume(20, T.LParen);
    const cols = [$.subrule(20, $.jsonTableColumn)];
    $.many(20, () => {
      $.consume(20, T.Comma);
      cols.push($.subrule(21, $.jsonTableColumn));
    });
    $.consume(20, T.RParen);
    return cols;
  });

  $.RULE(
    'jsonTableColumn',
    (): JsonTableColumn =>
      $.or(20, {
        IGNORE_AMBIGUITIES: true,
        MAX_LOOKAHEAD: 1,
        DEF: [
          {
            // NESTED [PATH] 'path' COLUMNS (…)
            GATE: () =>
              isWord($.LA(1), 'NESTED') && ($.LA(2).tokenType === T.StringLit || isWord($.LA(2), 'PATH')),
            ALT: (): JsonTableColumn => {
              $.consume(21, T.Ident);
              $.option(20, {
                MAX_LOOKAHEAD: 1,
                GATE: () => isWord($.LA(1), 'PATH'),
                DEF: () => $.consume(22, T.Ident),
              });
              const path = stringValue($.consume(20, T.StringLit));
              const columns = $.subrule(22, $.jsonTableColumns);
              return { kind: 'nested', path, columns };
            },
          },
          {
            ALT: (): JsonTableColumn => {
              const name = $.subrule(20, $.identifier);
              return $.or(21, {
                IGNORE_AMBIGUITIES: true,
                MAX_LOOKAHEAD: 1,
                DEF: [
                  {
                    // name FOR ORDINALITY
                    GATE: () => $.LA(1).tokenType === K.FOR,
                    ALT: (): JsonTableColumn => {
                      $.consume(20, K.FOR);
                      $.consume(23, T.Ident);
                      return { kind: 'ordinality', name };
                    },
                  },
                  {
                    ALT: (): JsonTableColumn => {
                      const col: JsonTableColumn & { kind: 'value' } = { kind: 'value', name };
                      $.option(21, {
                        MAX_LOOKAHEAD: 1,
                        GATE: () =>
                          !isWord($.LA(1), 'PATH') &&
                          !isWord($.LA(1), 'FORMAT') &&
                          !isWord($.LA(1), 'EXISTS') &&
                          $.LA(1).tokenType !== K.EXISTS &&
                          $.LA(1).tokenType !== T.Comma &&
                          $.LA(1).tokenType !== T.RParen,
                        DEF: () => {
                          col.type = $.subrule(20, $.dataType);
                        },
                      });
                      $.many(21, {
                        MAX_LOOKAHEAD: 1,
                        GATE: () => $.LA(1).tokenType !== T.Comma && $.LA(1).tokenType !== T.RParen,
                        DEF: () => {
                          $.or(22, {
                            IGNORE_AMBIGUITIES: true,
                            MAX_LOOKAHEAD: 1,
                            DEF: [
                              {
                                GATE: () => isWord($.LA(1), 'PATH'),
                                ALT: () => {
                                  $.consume(24, T.Ident);
                                  col.path = stringValue($.consume(21, T.StringLit));
                                },
                              },
                              {
                                GATE: () => isWord($.LA(1), 'FORMAT'),
                                ALT: () => {
                                  $.consume(25, T.Ident);
                                  $.consume(26, T.Ident);
                                  col.formatJson = true;
                                },
                              },
                              {
                                GATE: () => $.LA(1).tokenType === K.EXISTS || isWord($.LA(1), 'EXISTS'),
                                ALT: () => {
                                  $.consume(21, T.NonParen);
                                  col.exists = true;
                                },
                              },
                              {
                                // ON ERROR / ON EMPTY / WITH WRAPPER / TRUNCATE …: behaviour clauses
                                ALT: () => {
                                  $.consume(22, T.NonParen);
                                },
                              },
                            ],
                          });
                        },
                      });
                      return col;
                    },
                  },
                ],
              });
            },
          },
        ],
      }),
  );
}
