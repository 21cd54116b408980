/**
 * SQL/JSON functions with their clauses (converted by src/rules/json-functions.ts):
 *
 *   JSON_VALUE(doc [FORMAT JSON], 'path' [PASSING x AS v, …] [RETURNING type] [TRUNCATE]
 *              [{ERROR|NULL|DEFAULT x} ON ERROR] [… ON EMPTY])
 *   JSON_QUERY(doc [FORMAT JSON], 'path' [RETURNING type] [PRETTY] [ASCII]
 *              [WITH [CONDITIONAL|UNCONDITIONAL] [ARRAY] WRAPPER | WITHOUT [ARRAY] WRAPPER]
 *              [{ERROR|NULL|EMPTY [ARRAY|OBJECT]} ON ERROR] [… ON EMPTY])
 *   JSON_EXISTS(doc [FORMAT JSON], 'path' [PASSING x AS v, …] [{ERROR|TRUE|FALSE} ON ERROR])
 *   JSON_OBJECT([KEY] k VALUE v [FORMAT JSON] | k : v | col, … [NULL|ABSENT ON NULL] [RETURNING type]
 *               [STRICT] [WITH UNIQUE KEYS]) and JSON_OBJECT(*)
 *   JSON_ARRAY(v [FORMAT JSON], … [NULL|ABSENT ON NULL] [RETURNING type])
 *   JSON_OBJECTAGG([KEY] k VALUE v …), JSON_ARRAYAGG(v [FORMAT JSON] [ORDER BY …] …)
 *   JSON_SERIALIZE(x [RETURNING type] [PRETTY] [ASCII] …), JSON_MERGEPATCH(target, patch …)
 *
 * The clause loop decides with gates, looking one token ahead (MAX_LOOKAHEAD: 1, see base.ts).
 * Clauses the rules do not act on are kept as words in `options` and reported there.
 */
import type { IToken } from 'chevrotain';
import type { Expr, JsonBehavior, JsonFuncExpr } from '../ast/expr.js';
import type { $ } from './base.js';
import { stringValue } from './expr.js';
import { K } from './keywords.js';
import { isWord } from './query.js';
import * as T from './tokens.js';

export const JSON_FUNCTIONS = new Set([
  'JSON_VALUE',
  'JSON_QUERY',
  'JSON_EXISTS',
  'JSON_OBJECT',
  'JSON_ARRAY',
  'JSON_OBJECTAGG',
  'JSON_ARRAYAGG',
  'JSON_SERIALIZE',
  'JSON_MERGEPATCH',
]);

/** Words that start an ON ERROR / ON EMPTY / ON NULL / ON MISMATCH clause. */
const BEHAVIOURS = new Set(['ERROR', 'NULL', 'TRUE', 'FALSE', 'EMPTY', 'ABSENT', 'IGNORE']);

const up = (t: IToken) => t.image.toUpperCase();

function addOption(e: JsonFuncExpr, option: string): void {
  if (!e.options) e.options = [];
  e.options.push(option);
}

function addPassing(e: JsonFuncExpr, name: string, value: Expr): void {
  if (!e.passing) e.passing = [];
  e.passing.push({ name, value });
}

export function defineJsonFunctionRules($: $): void {
  $.RULE('jsonFunction', (): Expr => {
    const fn = up($.consume(0, T.Ident));
    $.consume(0, T.LParen);
    const e: JsonFuncExpr = { kind: 'json-fn', fn, args: [] };
    const formatJson = (i: number): boolean =>
      !!$.option(60 + i, {
        MAX_LOOKAHEAD: 1,
        GATE: () => isWord($.LA(1), 'FORMAT') && isWord($.LA(2), 'JSON'),
        DEF: () => {
          $.consume(60 + i, T.Ident);
          $.consume(65 + i, T.Ident);
          return true;
        },
      });
    /** A member of JSON_OBJECT / JSON_OBJECTAGG: [KEY] k VALUE v | k : v | column (key = its name). */
    const member = (i: number): void => {
      $.option(10 + i, {
        MAX_LOOKAHEAD: 1,
        GATE: () =>
          $.LA(1).tokenType === K.KEY &&
          !isWord($.LA(2), 'VALUE') &&
          $.LA(2).tokenType !== T.Colon &&
          $.LA(2).tokenType !== T.Comma &&
          $.LA(2).tokenType !== T.RParen &&
          $.LA(2).tokenType !== T.BindVar,
        DEF: () => $.consume(10 + i, K.KEY),
      });
      const first = $.subrule(10 + i, $.expr);
      const value = $.option(12 + i, {
        MAX_LOOKAHEAD: 1,
        GATE: () =>
          isWord($.LA(1), 'VALUE') || $.LA(1).tokenType === T.Colon || $.LA(1).tokenType === T.BindVar,
        DEF: () =>
          $.or(10 + i, {
            IGNORE_AMBIGUITIES: true,
            MAX_LOOKAHEAD: 1,
            DEF: [
              {
                GATE: () => $.LA(1).tokenType !== T.BindVar,
                ALT: (): Expr => {
                  $.or(20 + i, [
                    { ALT: () => $.consume(20 + i, T.Ident) },
                    { ALT: () => $.consume(20 + i, T.Colon) },
                  ]);
                  return $.subrule(20 + i, $.expr);
                },
              },
              {
                // 'k':x lexes as a string and the bind variable :x
                ALT: (): Expr => {
                  const tok = $.consume(10 + i, T.BindVar);
                  const raw = tok.image.slice(1);
                  if (/^\d+$/.test(raw)) return { kind: 'literal', type: 'number', value: raw };
                  return {
                    kind: 'column',
                    parts: [raw.startsWith('"') ? raw.slice(1, -1) : raw.toUpperCase()],
                  };
                },
              },
            ],
          }),
      });
      const fj = formatJson(i);
      $.ACTION(() => {
        if (value) e.args.push(fj ? { key: first, value, formatJson: true } : { key: first, value });
        else {
          // JSON_OBJECT(col): the key is the column's name as the dictionary spells it.
          const name = first.kind === 'column' ? first.parts[first.parts.length - 1] : '?';
          const key: Expr = { kind: 'literal', type: 'string', value: name };
          e.args.push(fj ? { key, value: first, formatJson: true } : { key, value: first });
        }
      });
    };
    const element = (i: number): void => {
      const value = $.subrule(30 + i, $.expr);
      const fj = formatJson(2 + i);
      $.ACTION(() => e.args.push(fj ? { value, formatJson: true } : { value }));
    };
    const isObject = fn === 'JSON_OBJECT' || fn === 'JSON_OBJECTAGG';
    const isList = fn === 'JSON_OBJECT' || fn === 'JSON_ARRAY';
    $.option(1, {
      MAX_LOOKAHEAD: 1,
      GATE: () => $.LA(1).tokenType !== T.RParen && !clauseAhead(),
      DEF: () => {
        $.or(1, {
          IGNORE_AMBIGUITIES: true,
          MAX_LOOKAHEAD: 1,
          DEF: [
            {
              // JSON_OBJECT(*) / JSON_OBJECT(t.*)
              GATE: () =>
                isObject &&
                ($.LA(1).tokenType === T.Star ||
                  ($.LA(2).tokenType === T.Dot && $.LA(3).tokenType === T.Star)),
              ALT: () => {
                const star: string[] = [];
                $.option(2, {
                  MAX_LOOKAHEAD: 1,
                  GATE: () => $.LA(1).tokenType !== T.Star,
                  DEF: () => {
                    star.push($.subrule(1, $.identifier));
                    $.consume(1, T.Dot);
                  },
                });
                $.consume(1, T.Star);
                e.star = star;
              },
            },
            {
              GATE: () => isObject,
              ALT: () => {
                member(0);
                $.many(1, {
                  MAX_LOOKAHEAD: 1,
                  GATE: () => isList && $.LA(1).tokenType === T.Comma,
                  DEF: () => {
                    $.consume(1, T.Comma);
                    member(1);
                  },
                });
              },
            },
            {
              ALT: () => {
                element(0);
                $.many(2, {
                  MAX_LOOKAHEAD: 1,
                  GATE: () => isList && $.LA(1).tokenType === T.Comma,
                  DEF: () => {
                    $.consume(2, T.Comma);
                    element(1);
                  },
                });
              },
            },
          ],
        });
      },
    });
    // JSON_VALUE / JSON_QUERY / JSON_EXISTS: , 'path'; JSON_MERGEPATCH: , patch
    $.option(3, {
      MAX_LOOKAHEAD: 1,
      GATE: () => !isList && $.LA(1).tokenType === T.Comma,
      DEF: () => {
        $.consume(3, T.Comma);
        $.or(3, {
          IGNORE_AMBIGUITIES: true,
          MAX_LOOKAHEAD: 1,
          DEF: [
            {
              GATE: () => fn !== 'JSON_MERGEPATCH' && $.LA(1).tokenType === T.StringLit,
              ALT: () => {
                e.path = stringValue($.consume(3, T.StringLit));
              },
            },
            { ALT: () => element(2) },
          ],
        });
      },
    });
    $.many(4, {
      MAX_LOOKAHEAD: 1,
      GATE: () => $.LA(1).tokenType !== T.RParen,
      DEF: () => clause(e),
    });
    $.consume(0, T.RParen);
    return e;
  });

  /** True when the next tokens start a clause rather than an argument (JSON_ARRAY(RETURNING …)). */
  const clauseAhead = (): boolean =>
    $.LA(1).tokenType === K.RETURNING || (BEHAVIOURS.has(up($.LA(1))) && $.LA(2).tokenType === K.ON);

  const setBehaviour = (e: JsonFuncExpr, b: JsonBehavior, on: string): void => {
    if (on === 'ERROR') e.onError = b;
    else if (on === 'EMPTY') e.onEmpty = b;
    else if (on === 'NULL' && (b.kind === 'NULL' || (b.kind as string) === 'ABSENT'))
      e.onNull = b.kind === 'NULL' ? 'NULL' : 'ABSENT';
    else addOption(e, `${b.kind} ON ${on}`);
  };

  const clause = (e: JsonFuncExpr): void => {
    $.or(40, {
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        {
          GATE: () => $.LA(1).tokenType === K.RETURNING,
          ALT: () => {
            $.consume(40, K.RETURNING);
            e.returning = $.subrule(40, $.dataType);
          },
        },
        {
          // DEFAULT x ON ERROR | EMPTY
          GATE: () => $.LA(1).tokenType === K.DEFAULT,
          ALT: () => {
            $.consume(40, K.DEFAULT);
            const value = $.subrule(41, $.expr);
            $.consume(40, K.ON);
            const on = up($.consume(40, T.NonParen));
            $.ACTION(() => setBehaviour(e, { kind: 'DEFAULT', value }, on));
          },
        },
        {
          // ERROR | NULL | TRUE | FALSE | EMPTY [ARRAY | OBJECT] | ABSENT  ON  ERROR | EMPTY | NULL | MISMATCH
          GATE: () => BEHAVIOURS.has(up($.LA(1))) && $.LA(1).tokenType !== T.QuotedIdent,
          ALT: () => {
            let what = up($.consume(41, T.NonParen));
            $.option(41, {
              MAX_LOOKAHEAD: 1,
              GATE: () => what === 'EMPTY' && (isWord($.LA(1), 'ARRAY') || isWord($.LA(1), 'OBJECT')),
              DEF: () => {
                what += ` ${up($.consume(42, T.Ident))}`;
              },
            });
            $.consume(41, K.ON);
            const on = up($.consume(43, T.NonParen));
            $.ACTION(() => setBehaviour(e, { kind: what } as JsonBehavior, on));
          },
        },
        {
          // WITH [CONDITIONAL | UNCONDITIONAL] [ARRAY] WRAPPER, WITHOUT [ARRAY] WRAPPER, WITH[OUT] UNIQUE KEYS
          GATE: () => $.LA(1).tokenType === K.WITH || isWord($.LA(1), 'WITHOUT'),
          ALT: () => {
            const words = [up($.consume(44, T.NonParen))];
            $.many(41, {
              MAX_LOOKAHEAD: 1,
              GATE: () =>
                !['WRAPPER', 'KEYS'].includes(words[words.length - 1]) && $.LA(1).tokenType !== T.RParen,
              DEF: () => {
                words.push(up($.consume(45, T.NonParen)));
              },
            });
            $.ACTION(() => {
              if (words[words.length - 1] === 'WRAPPER')
                e.wrapper =
                  words[0] === 'WITHOUT'
                    ? 'WITHOUT'
                    : words.includes('CONDITIONAL')
                      ? 'CONDITIONAL'
                      : 'UNCONDITIONAL';
              else addOption(e, words.join(' '));
            });
          },
        },
        {
          // PASSING expr AS name, …
          GATE: () => isWord($.LA(1), 'PASSING'),
          ALT: () => {
            $.consume(46, T.Ident);
            const item = (i: number) => {
              const value = $.subrule(42 + i, $.expr);
              $.consume(42 + i, K.AS);
              const tok = $.consume(47 + i, T.Ident);
              const name = tok.tokenType === T.QuotedIdent ? tok.image.slice(1, -1) : tok.image;
              $.ACTION(() => addPassing(e, name, value));
            };
            item(0);
            $.many(42, {
              MAX_LOOKAHEAD: 1,
              GATE: () => $.LA(1).tokenType === T.Comma,
              DEF: () => {
                $.consume(42, T.Comma);
                item(1);
              },
            });
          },
        },
        {
          GATE: () => $.LA(1).tokenType === K.ORDER,
          ALT: () => {
            $.consume(40, K.ORDER);
            $.consume(40, K.BY);
            e.orderBy = $.subrule(40, $.orderByList);
          },
        },
        {
          // TYPE (STRICT | LAX)
          GATE: () => $.LA(1).tokenType === K.TYPE && $.LA(2).tokenType === T.LParen,
          ALT: () => {
            $.consume(40, K.TYPE);
            $.consume(40, T.LParen);
            const mode = up($.consume(49, T.Ident));
            $.consume(40, T.RParen);
            $.ACTION(() => addOption(e, `TYPE (${mode})`));
          },
        },
        {
          // FORMAT JSON (after RETURNING), PRETTY, ASCII, STRICT, TRUNCATE, ALLOW SCALARS …
          ALT: () => {
            const word = up($.consume(50, T.NonParen));
            $.ACTION(() => {
              if (word === 'JSON' && e.options?.[e.options.length - 1] === 'FORMAT')
                e.options[e.options.length - 1] = 'FORMAT JSON';
              else addOption(e, word);
            });
          },
        },
      ],
    });
  };
}
