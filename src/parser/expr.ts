/** Names, data types and expressions. */
import { type IToken, tokenMatcher } from 'chevrotain';
import type { OraName, QualifiedName } from '../ast/common.js';
import type { BinaryOp, Expr, FrameBound, FuncArg, OrderItem, WindowSpec } from '../ast/expr.js';
import type { Query } from '../ast/query.js';
import { type $, nameOf } from './base.js';
import { JSON_FUNCTIONS } from './json-functions.js';
import { K } from './keywords.js';
import * as T from './tokens.js';

/** Removes quotes from a string literal token: 'It''s' → It's, q'[x]' → x, N'x' → x. */
export function stringValue(tok: IToken): string {
  const img = tok.image;
  if (tok.tokenType === T.QString) {
    const start = img[0] === 'n' || img[0] === 'N' ? 1 : 0;
    return img.slice(start + 3, -2);
  }
  const body = tok.tokenType === T.NString ? img.slice(2, -1) : img.slice(1, -1);
  return body.replaceAll("''", "'");
}

const imageIs = (tok: IToken, word: string) => tok.image.toUpperCase() === word;

export function defineExprRules($: $): void {
  $.RULE('identifier', (): OraName => nameOf($.consume(0, T.Ident)));

  $.RULE('qualifiedName', (): QualifiedName => {
    const parts: OraName[] = [$.subrule(0, $.identifier)];
    $.many(0, () => {
      $.consume(0, T.Dot);
      parts.push($.subrule(1, $.identifier));
    });
    let dblink: string | undefined;
    $.option(0, () => {
      $.consume(0, T.At);
      const link: string[] = [$.subrule(2, $.identifier)];
      $.many(1, () => {
        $.consume(1, T.Dot);
        link.push($.subrule(3, $.identifier));
      });
      dblink = link.join('.');
    });
    return $.ACTION(() => {
      const q: QualifiedName =
        parts.length === 1 ? { name: parts[0] } : { schema: parts[0], name: parts.slice(1).join('.') };
      if (dblink) q.dblink = dblink;
      return q;
    });
  });

  $.RULE('signedNumber', (): string => {
    let sign = '';
    $.option(0, () => {
      sign = $.or(0, [{ ALT: () => $.consume(0, T.Minus).image }, { ALT: () => ($.consume(0, T.Plus), '') }]);
    });
    return sign + $.consume(0, T.NumberLit).image;
  });

  // ── expressions, lowest precedence first ───────────────────────────
  $.RULE('expr', (): Expr => {
    let left = $.subrule(0, $.andExpr);
    $.many(0, () => {
      $.consume(0, K.OR);
      const right = $.subrule(1, $.andExpr);
      left = { kind: 'binary', op: 'OR', left, right };
    });
    return left;
  });

  $.RULE('andExpr', (): Expr => {
    let left = $.subrule(0, $.notExpr);
    $.many(0, () => {
      $.consume(0, K.AND);
      const right = $.subrule(1, $.notExpr);
      left = { kind: 'binary', op: 'AND', left, right };
    });
    return left;
  });

  $.RULE(
    'notExpr',
    (): Expr =>
      $.or(0, [
        {
          ALT: () => {
            $.consume(0, K.NOT);
            return { kind: 'unary', op: 'NOT', operand: $.subrule(0, $.notExpr) };
          },
        },
        { ALT: () => $.subrule(0, $.comparison) },
      ]),
  );

  const compOp = (): BinaryOp =>
    $.or(10, [
      { ALT: () => ($.consume(0, T.Equals), '=' as const) },
      { ALT: () => ($.consume(0, T.NotEq), '<>' as const) },
      { ALT: () => ($.consume(0, T.Less), '<' as const) },
      { ALT: () => ($.consume(0, T.Greater), '>' as const) },
      { ALT: () => ($.consume(0, T.LessEq), '<=' as const) },
      { ALT: () => ($.consume(0, T.GreaterEq), '>=' as const) },
    ]);

  $.RULE('comparison', (): Expr => {
    let left = $.subrule(0, $.additive);
    // Chevrotain computes a repetition's lookahead without the global follow set: keep
    // `DEFAULT x NOT NULL` from entering the loop on NOT.
    const notOperator = () => {
      // The only operators that start with a name are MEMBER [OF] and SUBMULTISET: any other name
      // ends the expression.
      if (tokenMatcher($.LA(1), T.Ident)) return (imageIs($.LA(1), 'MEMBER') && $.LA(2).tokenType === K.OF) || imageIs($.LA(1), 'SUBMULTISET');
      if ($.LA(1).tokenType !== K.NOT) return true;
      const n = $.LA(2).tokenType;
      return (
        n === K.LIKE || n === K.IN || n === K.BETWEEN || (imageIs($.LA(2), 'MEMBER') && $.LA(3).tokenType === K.OF) || imageIs($.LA(2), 'SUBMULTISET')
      );
    };
    $.many(0, {
      GATE: notOperator,
      DEF: () => {
        left = $.or(0, [
          {
            ALT: (): Expr => {
              const op = compOp();
              return $.or(1, {
                IGNORE_AMBIGUITIES: true,
                DEF: [
                  {
                    GATE: () =>
                      $.LA(2).tokenType === T.LParen &&
                      ($.LA(1).tokenType === K.ANY ||
                        $.LA(1).tokenType === K.ALL ||
                        imageIs($.LA(1), 'SOME')),
                    ALT: (): Expr => {
                      const q = $.or(2, [
                        { ALT: () => ($.consume(0, K.ANY), 'ANY' as const) },
                        { ALT: () => ($.consume(0, K.ALL), 'ALL' as const) },
                        {
                          GATE: () => imageIs($.LA(1), 'SOME'),
                          ALT: () => ($.consume(0, T.Word), 'SOME' as const),
                        },
                      ]);
                      const list = inList(0);
                      return { kind: 'quantified', op, quantifier: q, operand: left, list };
                    },
                  },
                  { ALT: (): Expr => ({ kind: 'binary', op, left, right: $.subrule(1, $.additive) }) },
                ],
              });
            },
          },
          {
            // x [NOT] MEMBER [OF] collection → x = ANY (collection)
            // (MEMBER without OF is left out: it could be a column alias named MEMBER.)
            GATE: () =>
              (imageIs($.LA(1), 'MEMBER') && $.LA(2).tokenType === K.OF) ||
              ($.LA(1).tokenType === K.NOT && imageIs($.LA(2), 'MEMBER') && $.LA(3).tokenType === K.OF),
            ALT: (): Expr => {
              const not = !!$.option(12, () => $.consume(12, K.NOT));
              $.consume(12, T.Ident);
              $.consume(12, K.OF);
              const coll = $.subrule(12, $.additive);
              return $.ACTION((): Expr => {
                const test: Expr = { kind: 'quantified', op: '=', quantifier: 'ANY', operand: left, list: [coll], arrayOperand: true };
                return not ? { kind: 'unary', op: 'NOT', operand: { kind: 'paren', expr: test } } : test;
              });
            },
          },
          {
            // a [NOT] SUBMULTISET [OF] b (nested tables) → "SUBMULTISET"(a, b), converted by the PL/SQL rules.
            GATE: () => imageIs($.LA(1), 'SUBMULTISET') || ($.LA(1).tokenType === K.NOT && imageIs($.LA(2), 'SUBMULTISET')),
            ALT: (): Expr => {
              const not = !!$.option(13, () => $.consume(13, K.NOT));
              $.consume(13, T.Ident);
              $.option(14, { GATE: () => $.LA(1).tokenType === K.OF, DEF: () => $.consume(13, K.OF) });
              const coll = $.subrule(13, $.additive);
              return $.ACTION((): Expr => {
                const test: Expr = { kind: 'call', name: ['SUBMULTISET'], args: [{ value: left }, { value: coll }] };
                return not ? { kind: 'unary', op: 'NOT', operand: test } : test;
              });
            },
          },
          {
            ALT: (): Expr => {
              $.consume(0, K.IS);
              const not = !!$.option(0, () => $.consume(0, K.NOT));
              return $.or(6, [
                { ALT: (): Expr => ($.consume(0, K.NULL), { kind: 'is-null', operand: left, not }) },
                {
                  // IS [NOT] OF [TYPE] ([ONLY] t, …): object type inheritance test, reported by the rules.
                  GATE: () => $.LA(1).tokenType === K.OF,
                  ALT: (): Expr => {
                    $.consume(0, K.OF);
                    $.option(9, { GATE: () => $.LA(1).tokenType === K.TYPE, DEF: () => $.consume(0, K.TYPE) });
                    $.consume(9, T.LParen);
                    const types: Expr[] = [];
                    const one = (j: number) => {
                      const only = $.option(10 + j, { GATE: () => $.LA(1).tokenType === K.ONLY, DEF: () => $.consume(j, K.ONLY) });
                      const q = $.subrule(20 + j, $.qualifiedName);
                      // ONLY t → ONLY('T') (the type itself, not its subtypes).
                      $.ACTION(() => {
                        const t: Expr = { kind: 'literal', type: 'string', value: q.name };
                        types.push(only ? { kind: 'call', name: ['ONLY'], args: [{ value: t }] } : t);
                      });
                    };
                    one(0);
                    $.many(4, () => {
                      $.consume(9, T.Comma);
                      one(1);
                    });
                    $.consume(9, T.RParen);
                    return $.ACTION((): Expr => {
                      const test: Expr = { kind: 'call', name: ['IS OF'], args: [{ value: left }, ...types.map((value) => ({ value }))] };
                      return not ? { kind: 'unary', op: 'NOT', operand: test } : test;
                    });
                  },
                },
                {
                  // IS [NOT] A SET (nested tables) → "IS A SET"(c), converted by the PL/SQL rules.
                  GATE: () => imageIs($.LA(1), 'A') && $.LA(2).tokenType === K.SET,
                  ALT: (): Expr => {
                    $.consume(14, T.Ident);
                    $.consume(14, K.SET);
                    return $.ACTION((): Expr => {
                      const test: Expr = { kind: 'call', name: ['IS A SET'], args: [{ value: left }] };
                      return not ? { kind: 'unary', op: 'NOT', operand: test } : test;
                    });
                  },
                },
                {
                  // IS [NOT] EMPTY (nested tables) → cardinality test; NULL for a NULL collection,
                  // as Oracle gives (SQL Language Reference, "IS EMPTY Condition").
                  GATE: () => imageIs($.LA(1), 'EMPTY'),
                  ALT: (): Expr => {
                    $.consume(5, T.Ident);
                    return $.ACTION(
                      (): Expr => ({
                        kind: 'binary',
                        op: not ? '>' : '=',
                        left: { kind: 'call', name: ['cardinality'], args: [{ value: left }] },
                        right: { kind: 'literal', type: 'number', value: '0' },
                      }),
                    );
                  },
                },
                {
                  // IS [NOT] JSON [STRICT|LAX] [WITH UNIQUE KEYS]: NULL stays NULL (CHECK passes), text
                  // is tested by a jsonb cast (invalid JSON raises an error instead of yielding false).
                  GATE: () => imageIs($.LA(1), 'JSON'),
                  ALT: (): Expr => {
                    $.consume(2, T.Ident);
                    $.option(7, { GATE: () => imageIs($.LA(1), 'STRICT') || imageIs($.LA(1), 'LAX'), DEF: () => $.consume(3, T.Ident) });
                    $.option(8, {
                      GATE: () => $.LA(1).tokenType === K.WITH && $.LA(2).tokenType === K.UNIQUE,
                      DEF: () => {
                        $.consume(0, K.WITH);
                        $.consume(0, K.UNIQUE);
                        $.consume(4, T.Ident);
                      },
                    });
                    return $.ACTION((): Expr => {
                      const parsed: Expr = {
                        kind: 'is-null',
                        operand: { kind: 'pg-cast', operand: left, type: { kind: 'datatype', name: 'jsonb', args: [] } },
                        not: true,
                      };
                      const test: Expr = {
                        kind: 'case',
                        whens: [{ when: { kind: 'is-null', operand: left, not: false }, then: { kind: 'literal', type: 'null', value: 'NULL' } }],
                        else: parsed,
                      };
                      return not ? { kind: 'unary', op: 'NOT', operand: { kind: 'paren', expr: test } } : test;
                    });
                  },
                },
                {
                  // IS [NOT] NAN / INFINITE (BINARY_FLOAT/DOUBLE): PostgreSQL compares with 'NaN' / '±Infinity'.
                  GATE: () => imageIs($.LA(1), 'NAN') || imageIs($.LA(1), 'INFINITE'),
                  ALT: (): Expr => {
                    const what = $.consume(1, T.Ident).image.toUpperCase();
                    return $.ACTION((): Expr => {
                      const special = (v: string): Expr => ({
                        kind: 'pg-cast',
                        operand: { kind: 'literal', type: 'string', value: v },
                        type: { kind: 'datatype', name: 'double precision', args: [] },
                      });
                      const test: Expr =
                        what === 'NAN'
                          ? { kind: 'binary', op: '=', left, right: special('NaN') }
                          : { kind: 'in', operand: left, list: [special('Infinity'), special('-Infinity')], not: false };
                      return not ? { kind: 'unary', op: 'NOT', operand: { kind: 'paren', expr: test } } : { kind: 'paren', expr: test };
                    });
                  },
                },
              ]);
            },
          },
          {
            ALT: (): Expr => {
              const not = !!$.option(1, () => $.consume(1, K.NOT));
              return $.or(3, [
                {
                  ALT: (): Expr => {
                    $.consume(0, K.LIKE);
                    const pattern = $.subrule(2, $.additive);
                    const escape = $.option(2, () => {
                      $.consume(0, K.ESCAPE);
                      return $.subrule(3, $.additive);
                    });
                    return escape
                      ? { kind: 'like', operand: left, pattern, escape, not }
                      : { kind: 'like', operand: left, pattern, not };
                  },
                },
                {
                  ALT: (): Expr => {
                    $.consume(0, K.IN);
                    return { kind: 'in', operand: left, list: inList(1), not };
                  },
                },
                {
                  ALT: (): Expr => {
                    $.consume(0, K.BETWEEN);
                    const low = $.subrule(4, $.additive);
                    $.consume(0, K.AND);
                    const high = $.subrule(5, $.additive);
                    return { kind: 'between', operand: left, low, high, not };
                  },
                },
              ]);
            },
          },
        ]);
      },
    });
    return left;
  });

  /** ( subquery ) or ( expr, … ) after IN / ANY / ALL. */
  const inList = (i: number): Expr[] | Query => {
    $.consume(5 + i, T.LParen);
    const r = $.or(20 + i, [
      {
        GATE: () => $.LA(1).tokenType === K.SELECT || $.LA(1).tokenType === K.WITH,
        ALT: (): Expr[] | Query => $.subrule(10 + i, $.query),
      },
      { ALT: (): Expr[] | Query => $.subrule(10 + i, $.exprList) },
    ]);
    $.consume(5 + i, T.RParen);
    return r;
  };

  $.RULE('exprList', (): Expr[] => {
    const items: Expr[] = [$.subrule(0, $.expr)];
    $.many(0, () => {
      $.consume(0, T.Comma);
      items.push($.subrule(1, $.expr));
    });
    return items;
  });

  /** MULTISET UNION | INTERSECT | EXCEPT ahead (collection operators, PL/SQL and SQL). */
  const multisetAhead = () =>
    imageIs($.LA(1), 'MULTISET') && ($.LA(2).tokenType === K.UNION || $.LA(2).tokenType === K.INTERSECT || imageIs($.LA(2), 'EXCEPT'));

  $.RULE('additive', (): Expr => {
    let left = $.subrule(0, $.multiplicative);
    $.many(0, {
      GATE: () => {
        const t = $.LA(1).tokenType;
        return t === T.Plus || t === T.Minus || t === T.Concat || multisetAhead();
      },
      DEF: () => {
        // a MULTISET UNION [ALL | DISTINCT] b → call "MULTISET UNION ALL"(a, b) (converted by the PL/SQL rules)
        const op = $.or(0, [
          { ALT: () => ($.consume(0, T.Plus), '+' as const) },
          { ALT: () => ($.consume(0, T.Minus), '-' as const) },
          { ALT: () => ($.consume(0, T.Concat), '||' as const) },
          {
            GATE: multisetAhead,
            ALT: () => {
              $.consume(0, T.Ident);
              const set = $.or(1, [
                { ALT: () => $.consume(0, K.UNION).image },
                { ALT: () => $.consume(0, K.INTERSECT).image },
                { ALT: () => $.consume(1, T.Ident).image },
              ]);
              const quantifier = $.option(0, () =>
                $.or(2, [{ ALT: () => $.consume(0, K.ALL).image }, { ALT: () => $.consume(0, K.DISTINCT).image }]),
              );
              return $.ACTION(() => `MULTISET ${set.toUpperCase()} ${(quantifier ?? 'ALL').toUpperCase()}`);
            },
          },
        ]);
        const right = $.subrule(1, $.multiplicative);
        left = $.RECORDING_PHASE
          ? left
          : op.startsWith('MULTISET')
          ? { kind: 'call', name: [op], args: [{ value: left }, { value: right }] }
          : { kind: 'binary', op: op as '+' | '-' | '||', left, right };
      },
    });
    return left;
  });

  $.RULE('multiplicative', (): Expr => {
    let left = $.subrule(0, $.unary);
    $.many(0, () => {
      const op = $.or(0, [
        { ALT: () => ($.consume(0, T.Star), '*' as const) },
        { ALT: () => ($.consume(0, T.Slash), '/' as const) },
      ]);
      const right = $.subrule(1, $.unary);
      left = { kind: 'binary', op, left, right };
    });
    return left;
  });

  $.RULE('unary', (): Expr => {
    const e: Expr = $.or(0, [
      {
        ALT: (): Expr => ($.consume(0, T.Minus), { kind: 'unary', op: '-', operand: $.subrule(0, $.unary) }),
      },
      { ALT: (): Expr => ($.consume(0, T.Plus), { kind: 'unary', op: '+', operand: $.subrule(1, $.unary) }) },
      {
        ALT: (): Expr => (
          $.consume(0, K.PRIOR), { kind: 'unary', op: 'PRIOR', operand: $.subrule(2, $.unary) }
        ),
      },
      {
        // PL/SQL `NEW type(args)` / `NEW type`: the same constructor call as `type(args)` (Oracle
        // PL/SQL Language Reference, "Object types": NEW is optional).
        GATE: () => $.LA(1).tokenType === K.NEW && tokenMatcher($.LA(2), T.Ident),
        ALT: (): Expr => {
          $.consume(1, K.NEW);
          const ctor = $.subrule(4, $.primary);
          return ctor.kind === 'column' ? { kind: 'call', name: ctor.parts, args: [] } : ctor;
        },
      },
      {
        GATE: () => imageIs($.LA(1), 'CONNECT_BY_ROOT'),
        ALT: (): Expr => (
          $.consume(0, T.Word), { kind: 'unary', op: 'CONNECT_BY_ROOT', operand: $.subrule(3, $.unary) }
        ),
      },
      {
        ALT: (): Expr => {
          let base = $.subrule(0, $.primary);
          // PL/SQL attributes: cursor%FOUND, SQL%ROWCOUNT, c%ISOPEN … (kept as a name part "%FOUND").
          $.option(2, () => {
            $.consume(0, T.Percent);
            const attr = $.consume(0, T.Ident).image.toUpperCase();
            $.ACTION(() => {
              if (base.kind === 'column') base = { ...base, parts: [...base.parts, `%${attr}`] };
              else if (base.kind === 'call' && base.args.length === 0) base = { kind: 'column', parts: [...base.name, `%${attr}`] };
            });
            // SQL%BULK_ROWCOUNT(i), SQL%BULK_EXCEPTIONS(j).ERROR_INDEX, SQL%BULK_EXCEPTIONS.COUNT
            $.option(42, () => {
              $.consume(42, T.LParen);
              const index = $.subrule(42, $.expr);
              $.consume(42, T.RParen);
              $.ACTION(() => {
                if (base.kind === 'column') base = { kind: 'call', name: base.parts, args: [{ value: index }] };
              });
            });
            $.option(43, () => {
              $.consume(43, T.Dot);
              const field = $.consume(43, T.Ident).image.toUpperCase();
              $.ACTION(() => {
                if (base.kind === 'column') base = { ...base, parts: [...base.parts, field] };
                else base = { kind: 'method', operand: base, name: field, args: [] };
              });
            });
          });
          $.option(0, () => {
            $.consume(0, T.Power);
            base = { kind: 'binary', op: '**', left: base, right: $.subrule(4, $.unary) };
          });
          $.option(1, {
            GATE: () => $.LA(2).tokenType === K.TIME || $.LA(2).tokenType === K.LOCAL,
            DEF: () => {
              $.consume(0, K.AT);
              $.or(1, [
                {
                  ALT: () => {
                    $.consume(0, K.LOCAL);
                    base = { kind: 'at-time-zone', operand: base, zone: 'LOCAL' };
                  },
                },
                {
                  ALT: () => {
                    $.consume(0, K.TIME);
                    $.consume(0, K.ZONE);
                    base = { kind: 'at-time-zone', operand: base, zone: $.subrule(1, $.primary) };
                  },
                },
              ]);
            },
          });
          // expr COLLATE collation_name
          $.option(41, {
            GATE: () => imageIs($.LA(1), 'COLLATE') && tokenMatcher($.LA(2), T.Ident),
            DEF: () => {
              $.consume(41, T.Ident);
              const collation = $.subrule(41, $.identifier);
              base = { kind: 'collate', operand: base, collation };
            },
          });
          return base;
        },
      },
    ]);
    return e;
  });

  $.RULE(
    'primary',
    (): Expr =>
      $.or(0, {
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { ALT: (): Expr => ({ kind: 'literal', type: 'number', value: $.consume(0, T.NumberLit).image }) },
          {
            ALT: (): Expr => ({
              kind: 'literal',
              type: 'string',
              value: stringValue($.consume(0, T.StringLit)),
            }),
          },
          {
            ALT: (): Expr => ({
              kind: 'literal',
              type: 'string',
              value: stringValue($.consume(0, T.NString)),
              national: true,
            }),
          },
          {
            ALT: (): Expr => ({
              kind: 'literal',
              type: 'string',
              value: stringValue($.consume(0, T.QString)),
            }),
          },
          { ALT: (): Expr => ($.consume(0, K.NULL), { kind: 'literal', type: 'null', value: 'NULL' }) },
          {
            ALT: (): Expr => {
              const tok = $.consume(0, T.BindVar);
              const path: OraName[] = [];
              $.many(0, () => {
                $.consume(0, T.Dot);
                path.push($.subrule(0, $.identifier));
              });
              const raw = tok.image.slice(1);
              const name = raw.startsWith('"') ? raw.slice(1, -1) : raw.toUpperCase();
              return path.length ? { kind: 'bind', name, path } : { kind: 'bind', name };
            },
          },
          {
            GATE: () => $.LA(2).tokenType === T.StringLit,
            ALT: (): Expr => {
              const type = $.or(1, [
                { ALT: () => ($.consume(0, K.DATE), 'DATE' as const) },
                { ALT: () => ($.consume(0, K.TIMESTAMP), 'TIMESTAMP' as const) },
              ]);
              return { kind: 'typed-literal', type, value: stringValue($.consume(1, T.StringLit)) };
            },
          },
          {
            GATE: () => $.LA(2).tokenType === T.StringLit,
            ALT: (): Expr => {
              $.consume(0, K.INTERVAL);
              const value = stringValue($.consume(2, T.StringLit));
              const from = $.consume(1, T.Ident).image.toUpperCase();
              const e: Expr = { kind: 'interval-literal', value, from };
              $.option(0, () => {
                $.consume(0, T.LParen);
                e.fromPrecision = Number($.consume(1, T.NumberLit).image);
                $.consume(0, T.RParen);
              });
              $.option(1, () => {
                $.consume(0, K.TO);
                e.to = $.consume(2, T.Ident).image.toUpperCase();
                $.option(2, () => {
                  $.consume(1, T.LParen);
                  e.toPrecision = Number($.consume(2, T.NumberLit).image);
                  $.consume(1, T.RParen);
                });
              });
              return e;
            },
          },
          { ALT: (): Expr => $.subrule(0, $.caseExpr) },
          {
            ALT: (): Expr => {
              $.consume(0, K.CAST);
              $.consume(2, T.LParen);
              let multiset = false;
              const operand = $.or(43, [
                {
                  // CAST(MULTISET(subquery) AS collection_type)
                  GATE: () => imageIs($.LA(1), 'MULTISET') && $.LA(2).tokenType === T.LParen,
                  ALT: (): Expr => {
                    $.consume(43, T.Ident);
                    $.consume(43, T.LParen);
                    const query = $.subrule(43, $.query);
                    $.consume(43, T.RParen);
                    multiset = true;
                    return { kind: 'subquery', query };
                  },
                },
                { ALT: () => $.subrule(0, $.expr) },
              ]);
              $.consume(0, K.AS);
              const type = $.subrule(0, $.dataType);
              // CAST(x AS type DEFAULT d ON CONVERSION ERROR [, fmt [, nlsparam]])
              const conversion = $.option(84, () => {
                const d = conversionDefault(0);
                const format: Expr[] = [];
                $.many(84, () => {
                  $.consume(84, T.Comma);
                  format.push($.subrule(84, $.expr));
                });
                return { d, format };
              });
              $.consume(2, T.RParen);
              return $.ACTION((): Expr => {
                const c: Expr = multiset ? { kind: 'cast', operand, type, multiset } : { kind: 'cast', operand, type };
                if (conversion) {
                  c.conversionDefault = conversion.d;
                  if (conversion.format.length) c.conversionFormat = conversion.format;
                }
                return c;
              });
            },
          },
          {
            // EXTRACT(field FROM x); the XML function EXTRACT(xml, path) is an ordinary call
            GATE: () => $.LA(1).tokenType !== K.EXTRACT || $.LA(4).tokenType === K.FROM,
            ALT: (): Expr => {
              $.consume(0, K.EXTRACT);
              $.consume(3, T.LParen);
              const field = $.consume(3, T.Ident).image.toUpperCase();
              $.consume(0, K.FROM);
              const from = $.subrule(1, $.expr);
              $.consume(3, T.RParen);
              return { kind: 'extract', field, from };
            },
          },
          {
            ALT: (): Expr => {
              $.consume(0, K.TRIM);
              $.consume(4, T.LParen);
              const e: Expr = { kind: 'trim', from: { kind: 'literal', type: 'null', value: 'NULL' } };
              const side = $.option(3, () =>
                $.or(2, [
                  { ALT: () => ($.consume(0, K.LEADING), 'LEADING' as const) },
                  { ALT: () => ($.consume(0, K.TRAILING), 'TRAILING' as const) },
                  { ALT: () => ($.consume(0, K.BOTH), 'BOTH' as const) },
                ]),
              );
              const first = $.option(4, {
                GATE: () => $.LA(1).tokenType !== K.FROM,
                DEF: () => $.subrule(2, $.expr),
              });
              const hasFrom = $.option(5, () => {
                $.consume(1, K.FROM);
                e.from = $.subrule(3, $.expr);
                return true;
              });
              $.ACTION(() => {
                if (side) e.side = side;
                if (hasFrom) {
                  if (first) e.chars = first;
                } else if (first) e.from = first;
              });
              $.consume(4, T.RParen);
              return e;
            },
          },
          {
            ALT: (): Expr => {
              $.consume(0, K.EXISTS);
              $.consume(5, T.LParen);
              const query = $.subrule(0, $.query);
              $.consume(5, T.RParen);
              return { kind: 'exists', query };
            },
          },
          {
            // CURSOR (subquery)
            GATE: () =>
              $.LA(1).tokenType === K.CURSOR &&
              $.LA(2).tokenType === T.LParen &&
              ($.LA(3).tokenType === K.SELECT || $.LA(3).tokenType === K.WITH),
            ALT: (): Expr => {
              $.consume(42, K.CURSOR);
              $.consume(42, T.LParen);
              const query = $.subrule(42, $.query);
              $.consume(42, T.RParen);
              return { kind: 'cursor', query };
            },
          },
          {
            ALT: (): Expr => {
              let e = $.subrule(0, $.parenExpr);
              // (ts1 - ts2) DAY [(p)] TO SECOND [(p)] | YEAR [(p)] TO MONTH: the difference as an interval.
              $.option(40, {
                GATE: () =>
                  ($.LA(1).tokenType === K.DAY || $.LA(1).tokenType === K.YEAR) &&
                  ($.LA(2).tokenType === K.TO || $.LA(2).tokenType === T.LParen),
                DEF: () => {
                  const type = $.subrule(40, $.intervalQualifier);
                  e = { kind: 'cast', operand: e, type };
                },
              });
              return $.subrule(1, $.postfixChain, { ARGS: [e] });
            },
          },
          {
            // TREAT(x AS [REF] type)
            GATE: () => imageIs($.LA(1), 'TREAT') && $.LA(2).tokenType === T.LParen,
            ALT: (): Expr => {
              $.consume(46, T.Ident);
              $.consume(46, T.LParen);
              const operand = $.subrule(44, $.expr);
              $.consume(41, K.AS);
              const ref = $.option(46, () => $.consume(40, K.REF));
              const type = $.subrule(41, $.dataType);
              $.consume(46, T.RParen);
              const e: Expr = ref ? { kind: 'treat', operand, type, ref: true } : { kind: 'treat', operand, type };
              return $.subrule(42, $.postfixChain, { ARGS: [e] });
            },
          },
          {
            // SET(nested table): the distinct elements
            GATE: () => $.LA(1).tokenType === K.SET && $.LA(2).tokenType === T.LParen,
            ALT: (): Expr => {
              $.consume(40, K.SET);
              const a = $.subrule(41, $.funcArgs);
              return { kind: 'call', name: ['SET'], args: a.args };
            },
          },
          {
            // XMLELEMENT([NAME] name, …): the element name is an identifier, not an expression
            GATE: () => imageIs($.LA(1), 'XMLELEMENT') && $.LA(2).tokenType === T.LParen,
            ALT: (): Expr => {
              $.consume(47, T.Ident);
              $.consume(47, T.LParen);
              const args: FuncArg[] = [];
              let xmlName: string | undefined;
              $.or(47, [
                {
                  // EVALNAME expr: the name computed at run time (kept as the first argument)
                  GATE: () => imageIs($.LA(1), 'EVALNAME'),
                  ALT: () => {
                    $.consume(49, T.Ident);
                    args.push({ name: 'EVALNAME', value: $.subrule(46, $.expr) });
                  },
                },
                {
                  ALT: () => {
                    $.option(47, { GATE: () => imageIs($.LA(1), 'NAME') && $.LA(2).tokenType !== T.Comma && $.LA(2).tokenType !== T.RParen, DEF: () => $.consume(48, T.Ident) });
                    xmlName = $.subrule(48, $.identifier);
                  },
                },
              ]);
              $.many(44, () => {
                $.consume(44, T.Comma);
                const value = $.subrule(45, $.expr);
                const alias = $.option(48, () => ($.consume(42, K.AS), $.subrule(49, $.identifier)));
                args.push(alias ? { alias, value } : { value });
              });
              $.consume(47, T.RParen);
              const e: Expr = xmlName ? { kind: 'call', name: ['XMLELEMENT'], args, xmlName } : { kind: 'call', name: ['XMLELEMENT'], args };
              // XMLELEMENT(…).getClobVal(), .EXTRACT(path): an XMLType method on the element
              return $.subrule(43, $.postfixChain, { ARGS: [e] });
            },
          },
          {
            // XMLSERIALIZE(CONTENT | DOCUMENT x [AS type] [NO INDENT | INDENT [SIZE = n]] [HIDE | SHOW DEFAULTS] …)
            GATE: () => imageIs($.LA(1), 'XMLSERIALIZE') && $.LA(2).tokenType === T.LParen,
            ALT: (): Expr => {
              $.consume(50, T.Ident);
              $.consume(50, T.LParen);
              const option = $.consume(51, T.Ident).image.toUpperCase();
              const value = $.subrule(50, $.expr);
              const type = $.option(50, () => ($.consume(50, K.AS), $.subrule(50, $.dataType)));
              $.many(50, { GATE: () => $.LA(1).tokenType !== T.RParen, DEF: () => $.consume(50, T.NonParen) });
              $.consume(50, T.RParen);
              const e: Expr = { kind: 'call', name: ['XMLSERIALIZE'], args: [{ value }], xmlName: option === 'DOCUMENT' ? 'DOCUMENT' : 'CONTENT' };
              return type ? { kind: 'cast', operand: e, type } : e;
            },
          },
          {
            // JSON_VALUE, JSON_QUERY, JSON_OBJECT … with their clauses (json-functions.ts)
            GATE: () => $.LA(2).tokenType === T.LParen && $.LA(1).tokenType !== T.QuotedIdent && JSON_FUNCTIONS.has($.LA(1).image.toUpperCase()),
            ALT: (): Expr => $.subrule(60, $.jsonFunction),
          },
          {
            // PL/SQL inquiry directive: $$PLSQL_UNIT, $$PLSQL_LINE (the line in the unit), $$flag
            GATE: () => $.LA(1).tokenType === T.Directive && $.LA(1).image.startsWith('$$'),
            ALT: (): Expr => {
              const tok = $.consume(40, T.Directive);
              const name = tok.image.slice(2).toUpperCase();
              if (name === 'PLSQL_LINE') return { kind: 'literal', type: 'number', value: String(tok.startLine ?? 1) };
              return { kind: 'pseudo', name: `$$${name}` };
            },
          },
          {
            ALT: (): Expr => {
              const name = $.or<string>(3, [
                { ALT: () => $.consume(40, K.SYSDATE).image.toUpperCase() },
                { ALT: () => $.consume(40, K.USER).image.toUpperCase() },
                { ALT: () => $.consume(40, K.UID).image.toUpperCase() },
                { ALT: () => $.consume(40, K.ROWNUM).image.toUpperCase() },
                { ALT: () => $.consume(40, K.LEVEL).image.toUpperCase() },
                { ALT: () => $.consume(40, K.ROWID).image.toUpperCase() },
              ]);
              return { kind: 'pseudo', name };
            },
          },
          { ALT: (): Expr => identifierChain() },
        ],
      }),
  );

  /** IGNORE NULLS / RESPECT NULLS (IGNORE and RESPECT are not keywords). */
  /** DEFAULT d ON CONVERSION ERROR (CAST, TO_NUMBER, TO_DATE …): d. */
  const conversionDefault = (i: number): Expr => {
    $.consume(80 + i, K.DEFAULT);
    const d = $.subrule(80 + i, $.expr);
    $.consume(80 + i, K.ON);
    $.consume(80 + i, T.Ident); // CONVERSION
    $.consume(81 + i, T.Ident); // ERROR
    return d;
  };

  const nullsModifierAhead = (): boolean => {
    const word = $.LA(1).image?.toUpperCase();
    return (word === 'IGNORE' || word === 'RESPECT') && $.LA(2).tokenType === K.NULLS;
  };

  /** a.b.c, f(x), pkg.f(x) OVER (…), t.*, col (+), seq.NEXTVAL */
  const identifierChain = (): Expr => {
    const parts: OraName[] = [$.subrule(5, $.identifier)];
    let star = false;
    $.many(1, () => {
      $.consume(1, T.Dot);
      $.or(4, [
        { ALT: () => parts.push($.subrule(6, $.identifier)) },
        { ALT: () => parts.push($.consume(1, K.ROWID).image.toUpperCase()) },
        // Collection methods named by reserved words: c.EXISTS(i), c.DELETE(i), c.PRIOR(i)
        { ALT: () => parts.push($.consume(1, K.EXISTS).image.toUpperCase()) },
        { ALT: () => parts.push($.consume(1, K.DELETE).image.toUpperCase()) },
        { ALT: () => parts.push($.consume(1, K.PRIOR).image.toUpperCase()) },
        // Package constants named by reserved words: DBMS_LOB.SESSION
        { ALT: () => parts.push($.consume(1, K.SESSION).image.toUpperCase()) },
        {
          ALT: () => {
            $.consume(1, T.Star);
            star = true;
          },
        },
      ]);
    });
    return $.or(5, [
      {
        ALT: (): Expr => {
          const a = $.subrule(0, $.funcArgs);
          const call: Expr = { kind: 'call', name: parts, args: a.args };
          $.ACTION(() => {
            if (a.star) call.star = true;
            if (a.distinct) call.distinct = true;
            if (a.orderBy) call.argOrderBy = a.orderBy;
            if (a.nulls === 'IGNORE') call.ignoreNulls = true;
            if (a.using) call.charsetUsing = a.using;
            if (a.conversionDefault) call.conversionDefault = a.conversionDefault;
            if (a.fromLast) call.fromLast = true;
          });
          // NTH_VALUE(x, n) FROM FIRST | FROM LAST
          $.option(11, {
            GATE: () =>
              parts[parts.length - 1] === 'NTH_VALUE' &&
              $.LA(1).tokenType === K.FROM &&
              ($.LA(2).tokenType === K.FIRST || $.LA(2).tokenType === K.LAST),
            DEF: () => {
              $.consume(2, K.FROM);
              $.or(12, [
                { ALT: () => $.consume(2, K.FIRST) },
                {
                  ALT: () => {
                    $.consume(2, K.LAST);
                    call.fromLast = true;
                  },
                },
              ]);
            },
          });
          // LAST_VALUE(x) IGNORE NULLS OVER (…)
          $.option(10, {
            GATE: nullsModifierAhead,
            DEF: () => {
              const word = $.consume(5, T.Ident).image.toUpperCase();
              $.consume(2, K.NULLS);
              if (word === 'IGNORE') call.ignoreNulls = true;
            },
          });
          $.option(6, () => {
            $.consume(0, K.WITHIN);
            $.consume(0, K.GROUP);
            $.consume(6, T.LParen);
            $.consume(0, K.ORDER);
            $.consume(0, K.BY);
            const list = $.subrule(0, $.orderByList);
            $.consume(6, T.RParen);
            call.withinGroup = list;
          });
          $.option(7, () => {
            $.consume(0, K.KEEP);
            $.consume(7, T.LParen);
            $.consume(4, T.Ident); // DENSE_RANK
            const which = $.or(6, [
              { ALT: () => ($.consume(0, K.FIRST), 'FIRST' as const) },
              { ALT: () => ($.consume(0, K.LAST), 'LAST' as const) },
            ]);
            $.consume(1, K.ORDER);
            $.consume(1, K.BY);
            const orderBy = $.subrule(1, $.orderByList);
            $.consume(7, T.RParen);
            call.keep = { which, orderBy };
          });
          $.option(8, () => {
            call.over = $.subrule(0, $.overClause);
          });
          // PL/SQL: a field or method of a collection element or of a function result, c(i).field.m()
          return $.subrule(0, $.postfixChain, { ARGS: [call] });
        },
      },
      {
        ALT: (): Expr => {
          // Record the OPTION before any early return: in the recording phase `star` may be true.
          const outer = $.option(9, () => $.consume(0, T.OuterJoin));
          if (star) return { kind: 'star', qualifier: parts };
          return outer ? { kind: 'column', parts, outerJoin: true } : { kind: 'column', parts };
        },
      },
    ]);
  };

  $.RULE('funcArgs', () => {
    const out: {
      args: FuncArg[];
      star?: boolean;
      distinct?: boolean;
      nulls?: 'IGNORE' | 'RESPECT';
      using?: 'CHAR_CS' | 'NCHAR_CS';
      /** COLLECT(x ORDER BY …) and other aggregates ordering their input. */
      orderBy?: OrderItem[];
      conversionDefault?: Expr;
      /** NTH_VALUE(x, n FROM LAST) */
      fromLast?: boolean;
    } = {
      args: [],
    };
    $.consume(0, T.LParen);
    $.option(0, () => {
      $.or(0, [
        {
          ALT: () => {
            $.consume(0, T.Star);
            out.star = true;
          },
        },
        {
          ALT: () => {
            $.option(1, () =>
              $.or(1, [
                {
                  ALT: () => {
                    $.consume(0, K.DISTINCT);
                    out.distinct = true;
                  },
                },
                {
                  ALT: () => {
                    $.consume(0, K.UNIQUE);
                    out.distinct = true;
                  },
                },
                { ALT: () => $.consume(0, K.ALL) },
              ]),
            );
            const arg = (i: number) => {
              const name = $.option(2 + i, {
                GATE: () => $.LA(2).tokenType === T.Arrow,
                DEF: () => {
                  const n = $.subrule(i, $.identifier);
                  $.consume(i, T.Arrow);
                  return n;
                },
              });
              let value = $.subrule(i, $.expr);
              // Qualified expression (PL/SQL 18c) with an index choice: ints_t(1 => 55, -5 => 7),
              // by_name_t(UPPER(k) => v); a choice written as a plain name is the named form above.
              const key = $.option(12 + i, {
                GATE: () => !name,
                DEF: () => {
                  $.consume(2 + i, T.Arrow);
                  const k = value;
                  value = $.subrule(12 + i, $.expr);
                  return k;
                },
              });
              // XMLFOREST(x AS name) / XMLATTRIBUTES(x AS "Name"): the XML name of the value.
              const alias = $.option(8 + i, () => ($.consume(1 + i, K.AS), $.subrule(10 + i, $.identifier)));
              const a: FuncArg = name ? { name, value } : key ? { key, value } : { value };
              if (alias) a.alias = alias;
              out.args.push(a);
            };
            arg(0);
            // TO_NUMBER(x DEFAULT d ON CONVERSION ERROR, …)
            $.option(86, {
              GATE: () => $.LA(1).tokenType === K.DEFAULT,
              DEF: () => {
                out.conversionDefault = conversionDefault(2);
              },
            });
            // LAG(x IGNORE NULLS, 2, 0): the modifier may follow the first argument too.
            $.option(11, {
              GATE: nullsModifierAhead,
              DEF: () => {
                const word = $.consume(3, T.Ident).image.toUpperCase();
                $.consume(1, K.NULLS);
                out.nulls = word === 'IGNORE' ? 'IGNORE' : 'RESPECT';
              },
            });
            $.many(0, () => {
              $.consume(0, T.Comma);
              arg(1);
            });
            // NTH_VALUE(x, n FROM LAST): the FROM clause written inside the parentheses (Oracle's
            // own examples do), as after them.
            $.option(16, {
              GATE: () => $.LA(1).tokenType === K.FROM && ($.LA(2).tokenType === K.FIRST || $.LA(2).tokenType === K.LAST),
              DEF: () => {
                $.consume(16, K.FROM);
                $.or(16, [
                  { ALT: () => $.consume(16, K.FIRST) },
                  {
                    ALT: () => {
                      $.consume(16, K.LAST);
                      out.fromLast = true;
                    },
                  },
                ]);
              },
            });
            // FIRST_VALUE(x IGNORE NULLS) / LAG(x, 1 RESPECT NULLS)
            $.option(5, {
              GATE: nullsModifierAhead,
              DEF: () => {
                const word = $.consume(0, T.Ident).image.toUpperCase();
                $.consume(0, K.NULLS);
                out.nulls = word === 'IGNORE' ? 'IGNORE' : 'RESPECT';
              },
            });
            $.option(4, () => {
              $.consume(0, K.ORDER);
              $.consume(0, K.BY);
              out.orderBy = $.subrule(0, $.orderByList);
            });
            // TRANSLATE(x USING CHAR_CS | NCHAR_CS): character set conversion
            $.option(7, {
              GATE: () => $.LA(1).tokenType === K.USING && (imageIs($.LA(2), 'CHAR_CS') || imageIs($.LA(2), 'NCHAR_CS')),
              DEF: () => {
                $.consume(0, K.USING);
                out.using = $.consume(2, T.Ident).image.toUpperCase() as 'CHAR_CS' | 'NCHAR_CS';
              },
            });
            // LISTAGG(x, ',' ON OVERFLOW ERROR | TRUNCATE ['…'] [WITH|WITHOUT COUNT]): PostgreSQL's
            // string_agg has no length limit, so the clause has nothing to act on.
            $.option(6, {
              GATE: () => $.LA(1).tokenType === K.ON && imageIs($.LA(2), 'OVERFLOW'),
              DEF: () => {
                $.consume(0, K.ON);
                $.many(1, { GATE: () => $.LA(1).tokenType !== T.RParen, DEF: () => $.consume(1, T.NonParen) });
              },
            });
          },
        },
      ]);
    });
    $.consume(0, T.RParen);
    return out;
  });

  $.RULE('orderByList', (): OrderItem[] => {
    const items: OrderItem[] = [];
    const orderItem = (i: number) => {
      const item: OrderItem = { expr: $.subrule(i, $.expr) };
      $.option(10 * i + 1, () =>
        $.or(10 * i, [
          { ALT: () => $.consume(i, K.ASC) },
          {
            ALT: () => {
              $.consume(i, K.DESC);
              item.desc = true;
            },
          },
        ]),
      );
      $.option(10 * i + 2, () => {
        $.consume(i, K.NULLS);
        item.nulls = $.or(10 * i + 1, [
          { ALT: () => ($.consume(i, K.FIRST), 'FIRST' as const) },
          { ALT: () => ($.consume(i, K.LAST), 'LAST' as const) },
        ]);
      });
      items.push(item);
    };
    orderItem(0);
    $.many(0, () => {
      $.consume(0, T.Comma);
      orderItem(1);
    });
    return items;
  });

  $.RULE('overClause', (): WindowSpec => {
    const w: WindowSpec = { partitionBy: [], orderBy: [] };
    $.consume(0, K.OVER);
    $.consume(0, T.LParen);
    $.option(0, () => {
      $.consume(0, K.PARTITION);
      $.consume(0, K.BY);
      w.partitionBy = $.subrule(0, $.exprList);
    });
    $.option(1, () => {
      $.consume(0, K.ORDER);
      $.consume(1, K.BY);
      w.orderBy = $.subrule(0, $.orderByList);
    });
    $.option(2, () => {
      const unit = $.or(0, [
        { ALT: () => ($.consume(0, K.ROWS), 'ROWS' as const) },
        { ALT: () => ($.consume(0, K.RANGE), 'RANGE' as const) },
      ]);
      $.or(1, [
        {
          ALT: () => {
            $.consume(0, K.BETWEEN);
            const start = frameBound(0);
            $.consume(0, K.AND);
            const end = frameBound(1);
            w.frame = { unit, start, end };
          },
        },
        {
          ALT: () => {
            w.frame = { unit, start: frameBound(2) };
          },
        },
      ]);
    });
    $.consume(0, T.RParen);
    return w;
  });

  const frameBound = (i: number): FrameBound =>
    $.or(30 + i, {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: (): FrameBound => {
            $.consume(10 + i, K.UNBOUNDED);
            return $.or(40 + i, [
              { ALT: (): FrameBound => ($.consume(10 + i, K.PRECEDING), { type: 'UNBOUNDED PRECEDING' }) },
              { ALT: (): FrameBound => ($.consume(10 + i, K.FOLLOWING), { type: 'UNBOUNDED FOLLOWING' }) },
            ]);
          },
        },
        {
          ALT: (): FrameBound => (
            $.consume(10 + i, K.CURRENT), $.consume(10 + i, K.ROW), { type: 'CURRENT ROW' }
          ),
        },
        {
          ALT: (): FrameBound => {
            const offset = $.subrule(10 + i, $.additive);
            return $.or(50 + i, [
              { ALT: (): FrameBound => ($.consume(20 + i, K.PRECEDING), { type: 'PRECEDING', offset }) },
              { ALT: (): FrameBound => ($.consume(20 + i, K.FOLLOWING), { type: 'FOLLOWING', offset }) },
            ]);
          },
        },
      ],
    });

  $.RULE('caseExpr', (): Expr => {
    $.consume(0, K.CASE);
    const operand = $.option(0, {
      GATE: () => $.LA(1).tokenType !== K.WHEN,
      DEF: () => $.subrule(0, $.expr),
    });
    const whens: { when: Expr; then: Expr }[] = [];
    $.atLeastOne(0, () => {
      $.consume(0, K.WHEN);
      const when = $.subrule(1, $.expr);
      $.consume(0, K.THEN);
      whens.push({ when, then: $.subrule(2, $.expr) });
    });
    const elseExpr = $.option(1, () => {
      $.consume(0, K.ELSE);
      return $.subrule(3, $.expr);
    });
    $.consume(0, K.END);
    const e: Expr = { kind: 'case', whens };
    $.ACTION(() => {
      if (operand) e.operand = operand;
      if (elseExpr) e.else = elseExpr;
    });
    return e;
  });

  /** After a call, a parenthesized value or TREAT(…): `.field`, `.method(args)`, repeated (PL/SQL). */
  $.RULE('postfixChain', (base: Expr): Expr => {
    let result = base;
    $.many(0, {
      GATE: () => $.LA(1).tokenType === T.Dot && $.LA(2).tokenType !== T.Star,
      DEF: () => {
        $.consume(0, T.Dot);
        const name = $.or(0, [
          { ALT: () => $.subrule(0, $.identifier) },
          // Collection methods named by reserved words: c(i).DELETE(k), f().EXISTS(i)
          { ALT: () => $.consume(0, K.DELETE).image.toUpperCase() },
          { ALT: () => $.consume(0, K.EXISTS).image.toUpperCase() },
          { ALT: () => $.consume(0, K.PRIOR).image.toUpperCase() },
        ]);
        const args = $.option(0, () => $.subrule(0, $.funcArgs));
        $.ACTION(() => {
          result = args ? { kind: 'method', operand: result, name, args: args.args } : { kind: 'field', operand: result, field: name };
        });
      },
    });
    // An element of a collection returned by a call or held in a collection: f(x)(i), c(i)(j)
    $.many(1, {
      GATE: () => $.LA(1).tokenType === T.LParen && (result.kind === 'call' || result.kind === 'method' || result.kind === 'subscript'),
      DEF: () => {
        $.consume(1, T.LParen);
        const index = $.subrule(0, $.expr);
        $.consume(1, T.RParen);
        $.ACTION(() => {
          result = { kind: 'subscript', operand: result, index };
        });
      },
    });
    return result;
  });

  $.RULE('parenExpr', (): Expr => {
    $.consume(0, T.LParen);
    const e = $.or(0, [
      {
        // Generalized invocation: (SELF AS supertype).method(…)
        GATE: () => $.LA(2).tokenType === K.AS && tokenMatcher($.LA(1), T.Ident),
        ALT: (): Expr => {
          const operand = $.subrule(0, $.identifier);
          $.consume(0, K.AS);
          const type = $.subrule(0, $.dataType);
          return { kind: 'treat', operand: { kind: 'column', parts: [operand] }, type, generalized: true };
        },
      },
      {
        GATE: () => $.LA(1).tokenType === K.SELECT || $.LA(1).tokenType === K.WITH,
        ALT: (): Expr => ({ kind: 'subquery', query: $.subrule(0, $.query) }),
      },
      {
        ALT: (): Expr => {
          const items = $.subrule(0, $.exprList);
          return items.length === 1 ? { kind: 'paren', expr: items[0] } : { kind: 'list', items };
        },
      },
    ]);
    $.consume(0, T.RParen);
    return e;
  });
}
