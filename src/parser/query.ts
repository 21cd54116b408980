/** SELECT queries: WITH, set operators, joins, hierarchical clauses, row limiting. */
import { type IToken, tokenMatcher } from 'chevrotain';
import type { OraName } from '../ast/common.js';
import type { Expr, OrderItem } from '../ast/expr.js';
import type {
  FromItem,
  GroupByItem,
  PivotRef,
  JoinRef,
  Cte,
  Query,
  SelectItem,
  SelectQuery,
  TableRef,
  WithClause,
} from '../ast/query.js';
import type { $ } from './base.js';
import { K } from './keywords.js';
import * as T from './tokens.js';

/** Words that follow a table or column expression and are therefore never taken as an alias. */
const NOT_AN_ALIAS = new Set([
  'JOIN',
  'INNER',
  'LEFT',
  'RIGHT',
  'FULL',
  'CROSS',
  'NATURAL',
  'OUTER',
  'APPLY',
  'PARTITION',
  'SAMPLE',
  'PIVOT',
  'UNPIVOT',
  'MATCH_RECOGNIZE',
  'MODEL',
  'FETCH',
  'OFFSET',
  'LOG',
  'RETURNING',
  'RETURN',
  'VERSIONS',
  'BULK',
  'LIMIT',
  'EXCEPT',
  'KEEP',
  'WINDOW',
  'USING',
  'ERRORS',
]);

export const isWord = (tok: IToken, w: string) =>
  tok.tokenType !== T.QuotedIdent && tok.image.toUpperCase() === w;

export function aliasAllowed($: $): boolean {
  const t = $.LA(1);
  if (!tokenMatcher(t, T.Ident)) return false;
  return t.tokenType === T.QuotedIdent || !NOT_AN_ALIAS.has(t.image.toUpperCase());
}

export function defineQueryRules($: $): void {
  $.RULE('query', (): Query => {
    let withClause: WithClause | undefined;
    $.option(0, () => {
      $.consume(0, K.WITH);
      const ctes: WithClause['ctes'] = [];
      const cte = (i: number) => {
        const name = $.subrule(i, $.identifier);
        const columns = $.option(1 + i, () => {
          $.consume(i, T.LParen);
          const cols = $.subrule(i, $.nameList);
          $.consume(i, T.RParen);
          return cols;
        });
        $.consume(i, K.AS);
        $.consume(2 + i, T.LParen);
        const query = $.subrule(i, $.query);
        $.consume(2 + i, T.RParen);
        const c: Cte = columns ? { name, columns, query } : { name, query };
        // Recursive subquery factoring: SEARCH … SET ordering_column, CYCLE … SET mark TO v DEFAULT d.
        const b = 30 + 10 * i;
        $.option(b, {
          GATE: () => isWord($.LA(1), 'SEARCH'),
          DEF: () => {
            $.consume(b, T.Ident);
            const breadth = $.or(b, [
              { GATE: () => isWord($.LA(1), 'DEPTH'), ALT: () => ($.consume(b + 1, T.Ident), false) },
              { GATE: () => isWord($.LA(1), 'BREADTH'), ALT: () => ($.consume(b + 2, T.Ident), true) },
            ]);
            $.consume(b, K.FIRST);
            $.consume(b, K.BY);
            const by = $.subrule(b, $.orderByList);
            $.consume(b, K.SET);
            c.search = { breadth, by, set: $.subrule(b, $.identifier) };
          },
        });
        $.option(b + 1, () => {
          $.consume(b, K.CYCLE);
          const cols = $.subrule(b, $.nameList);
          $.consume(b + 1, K.SET);
          const set = $.subrule(b + 1, $.identifier);
          $.consume(b, K.TO);
          const to = $.subrule(b, $.additive);
          $.consume(b, K.DEFAULT);
          c.cycle = { columns: cols, set, to, default: $.subrule(b + 1, $.additive) };
        });
        ctes.push(c);
      };
      cte(0);
      $.many(0, () => {
        $.consume(0, T.Comma);
        cte(1);
      });
      withClause = { ctes };
    });
    let q: Query = $.subrule(0, $.queryBlock);
    $.many(1, () => {
      const op = $.or(0, [
        {
          ALT: () => {
            $.consume(0, K.UNION);
            return $.option(3, () => $.consume(0, K.ALL)) ? ('UNION ALL' as const) : ('UNION' as const);
          },
        },
        { ALT: () => ($.consume(0, K.INTERSECT), 'INTERSECT' as const) },
        { ALT: () => ($.consume(0, K.MINUS), 'MINUS' as const) },
        { ALT: () => ($.consume(0, K.EXCEPT), 'MINUS' as const) },
      ]);
      const right = $.subrule(1, $.queryBlock);
      q = { kind: 'set', op, left: q, right };
    });
    // Trailing clauses belong to the whole query.
    let orderBy: OrderItem[] | undefined;
    let siblings = false;
    $.option(4, () => {
      $.consume(0, K.ORDER);
      siblings = !!$.option(5, () => $.consume(0, K.SIBLINGS));
      $.consume(0, K.BY);
      orderBy = $.subrule(0, $.orderByList);
    });
    let offset: Expr | undefined;
    $.option(6, () => {
      $.consume(0, K.OFFSET);
      offset = $.subrule(0, $.expr);
      $.or(1, [{ ALT: () => $.consume(0, K.ROW) }, { ALT: () => $.consume(0, K.ROWS) }]);
    });
    let fetch: SelectQuery['fetch'];
    $.option(7, () => {
      $.consume(0, K.FETCH);
      $.or(2, [{ ALT: () => $.consume(0, K.FIRST) }, { ALT: () => $.consume(0, K.NEXT) }]);
      const f: NonNullable<SelectQuery['fetch']> = {};
      $.option(8, {
        GATE: () => $.LA(1).tokenType !== K.ROW && $.LA(1).tokenType !== K.ROWS,
        DEF: () => {
          f.count = $.subrule(0, $.additive);
          $.option(9, () => {
            $.consume(0, K.PERCENT);
            f.percent = true;
          });
        },
      });
      $.or(3, [{ ALT: () => $.consume(1, K.ROW) }, { ALT: () => $.consume(1, K.ROWS) }]);
      $.or(4, [
        { ALT: () => $.consume(0, K.ONLY) },
        {
          ALT: () => {
            $.consume(1, K.WITH);
            $.consume(0, K.TIES);
            f.withTies = true;
          },
        },
      ]);
      fetch = f;
    });
    let forUpdate: SelectQuery['forUpdate'];
    $.option(10, () => {
      $.consume(0, K.FOR);
      $.consume(0, K.UPDATE);
      const fu: NonNullable<SelectQuery['forUpdate']> = {};
      $.option(11, () => {
        $.consume(0, K.OF);
        fu.of = $.subrule(0, $.exprList);
      });
      $.option(12, () =>
        $.or(5, [
          {
            ALT: () => {
              $.consume(0, K.NOWAIT);
              fu.wait = 'NOWAIT';
            },
          },
          {
            ALT: () => {
              $.consume(0, K.WAIT);
              fu.wait = Number($.consume(0, T.NumberLit).image);
            },
          },
          {
            ALT: () => {
              $.consume(0, K.SKIP);
              $.consume(0, K.LOCKED);
              fu.wait = 'SKIP LOCKED';
            },
          },
        ]),
      );
      forUpdate = fu;
    });
    return $.ACTION(() => {
      const target = q as SelectQuery;
      if (withClause) q.with = withClause;
      if (orderBy) q.orderBy = orderBy;
      if (siblings) target.orderSiblings = true;
      if (offset) q.offset = offset;
      if (fetch) q.fetch = fetch;
      if (forUpdate && q.kind === 'select') q.forUpdate = forUpdate;
      return q;
    });
  });

  $.RULE('subquery', (): Query => {
    $.consume(0, T.LParen);
    const q = $.subrule(0, $.query);
    // subquery_restriction_clause: WITH READ ONLY | WITH CHECK OPTION [CONSTRAINT name]
    $.option(0, {
      GATE: () => $.LA(1).tokenType === K.WITH && ($.LA(2).tokenType === K.READ || $.LA(2).tokenType === K.CHECK),
      DEF: () => {
        $.consume(0, K.WITH);
        const r = $.or(0, [
          { ALT: () => ($.consume(0, K.READ), $.consume(0, K.ONLY), 'READ ONLY' as const) },
          { ALT: () => ($.consume(0, K.CHECK), $.consume(0, K.OPTION), 'CHECK OPTION' as const) },
        ]);
        $.option(1, () => {
          $.consume(0, K.CONSTRAINT);
          $.subrule(0, $.identifier);
        });
        $.ACTION(() => {
          q.restriction = r;
        });
      },
    });
    $.consume(0, T.RParen);
    return q;
  });

  $.RULE(
    'queryBlock',
    (): Query =>
      $.or(0, [
        { ALT: (): Query => $.subrule(0, $.subquery) },
        {
          ALT: (): Query => {
            const selectTok = $.consume(0, K.SELECT);
            const q: SelectQuery = { kind: 'select', items: [], from: [] };
            $.ACTION(() => {
              const hint = hintAfter($, selectTok);
              if (hint) q.hint = hint;
            });
            $.option(0, () =>
              $.or(1, [
                {
                  ALT: () => {
                    $.consume(0, K.DISTINCT);
                    q.distinct = true;
                  },
                },
                {
                  ALT: () => {
                    $.consume(0, K.UNIQUE);
                    q.distinct = true;
                  },
                },
                { ALT: () => $.consume(0, K.ALL) },
              ]),
            );
            q.items.push($.subrule(0, $.selectItem));
            $.many(0, () => {
              $.consume(0, T.Comma);
              q.items.push($.subrule(1, $.selectItem));
            });
            $.option(7, {
              GATE: () => $.LA(1).tokenType === K.INTO || ($.LA(1).tokenType === K.BULK && $.LA(2).tokenType === K.COLLECT),
              DEF: () => {
                const bulk = !!$.option(8, () => ($.consume(0, K.BULK), $.consume(0, K.COLLECT)));
                $.consume(0, K.INTO);
                const targets = [$.subrule(0, $.unary)];
                $.many(3, () => {
                  $.consume(3, T.Comma);
                  targets.push($.subrule(1, $.unary));
                });
                q.into = { targets, bulk };
              },
            });
            $.option(1, () => {
              $.consume(0, K.FROM);
              q.from.push($.subrule(0, $.fromItem));
              $.many(1, () => {
                $.consume(1, T.Comma);
                q.from.push($.subrule(1, $.fromItem));
              });
            });
            $.option(2, () => {
              $.consume(0, K.WHERE);
              q.where = $.subrule(0, $.expr);
            });
            $.option(3, () => {
              const cb: NonNullable<SelectQuery['connectBy']> = {
                condition: { kind: 'literal', type: 'null', value: 'NULL' },
                nocycle: false,
              };
              const startWith = (i: number) => {
                $.consume(i, K.START);
                $.consume(i, K.WITH);
                cb.startWith = $.subrule(1 + i, $.expr);
              };
              $.or(2, [
                {
                  ALT: () => {
                    connectBy(0, cb);
                    $.option(4, () => startWith(0));
                  },
                },
                {
                  ALT: () => {
                    startWith(1);
                    connectBy(1, cb);
                  },
                },
              ]);
              q.connectBy = cb;
            });
            $.option(5, () => {
              $.consume(0, K.GROUP);
              $.consume(0, K.BY);
              const items: GroupByItem[] = [groupByItem(0)];
              $.many(2, () => {
                $.consume(2, T.Comma);
                items.push(groupByItem(1));
              });
              q.groupBy = items;
            });
            $.option(6, () => {
              $.consume(0, K.HAVING);
              q.having = $.subrule(5, $.expr);
            });
            return q;
          },
        },
      ]),
  );

  const connectBy = (i: number, cb: NonNullable<SelectQuery['connectBy']>) => {
    $.consume(i, K.CONNECT);
    $.consume(10 + i, K.BY);
    $.option(20 + i, () => {
      $.consume(i, K.NOCYCLE);
      cb.nocycle = true;
    });
    cb.condition = $.subrule(3 + i, $.expr);
  };

  const groupByItem = (i: number): GroupByItem =>
    $.or(10 + i, [
      {
        GATE: () => (isWord($.LA(1), 'ROLLUP') || isWord($.LA(1), 'CUBE')) && $.LA(2).tokenType === T.LParen,
        ALT: (): GroupByItem => {
          const kind = $.consume(10 + i, T.Ident).image.toUpperCase() === 'CUBE' ? 'cube' : 'rollup';
          $.consume(10 + i, T.LParen);
          const items = $.subrule(10 + i, $.exprList);
          $.consume(10 + i, T.RParen);
          return { kind, items };
        },
      },
      {
        GATE: () => isWord($.LA(1), 'GROUPING') && isWord($.LA(2), 'SETS'),
        ALT: (): GroupByItem => {
          $.consume(20 + i, T.Ident);
          $.consume(30 + i, T.Ident);
          $.consume(20 + i, T.LParen);
          const sets: Expr[][] = [];
          const set = (j: number) =>
            $.or(40 + i * 2 + j, [
              {
                // () — the grand total
                GATE: () => $.LA(1).tokenType === T.LParen && $.LA(2).tokenType === T.RParen,
                ALT: () => {
                  $.consume(40 + i * 2 + j, T.LParen);
                  $.consume(40 + i * 2 + j, T.RParen);
                  sets.push([]);
                },
              },
              {
                ALT: () => {
                  const e = $.subrule(20 + i * 2 + j, $.expr);
                  sets.push(e.kind === 'list' ? e.items : e.kind === 'paren' ? [e.expr] : [e]);
                },
              },
            ]);
          set(0);
          $.many(10 + i, () => {
            $.consume(10 + i, T.Comma);
            set(1);
          });
          $.consume(20 + i, T.RParen);
          return { kind: 'grouping-sets', sets };
        },
      },
      { ALT: (): GroupByItem => ({ kind: 'expr', expr: $.subrule(30 + i, $.expr) }) },
    ]);

  $.RULE(
    'selectItem',
    (): SelectItem =>
      $.or(0, [
        { ALT: (): SelectItem => ($.consume(0, T.Star), { expr: { kind: 'star' } }) },
        {
          ALT: (): SelectItem => {
            const expr = $.subrule(0, $.expr);
            const alias = $.option(0, {
              GATE: () => $.LA(1).tokenType === K.AS || aliasAllowed($),
              DEF: () =>
                $.or(1, [
                  { ALT: () => ($.consume(0, K.AS), $.subrule(0, $.identifier)) },
                  { ALT: () => $.subrule(1, $.identifier) },
                ]),
            });
            return alias ? { expr, alias } : { expr };
          },
        },
      ]),
  );

  $.RULE('fromItem', (): FromItem => {
    let left = $.subrule(0, $.tableReference);
    $.many(0, () => {
      left = joinClause(left);
    });
    return left;
  });

  const joinClause = (left: FromItem): FromItem => {
    let natural = false;
    $.option(0, () => {
      $.consume(0, K.NATURAL);
      natural = true;
    });
    const type = $.or(0, [
      {
        ALT: () => {
          $.consume(0, K.CROSS);
          return $.or(1, [
            { ALT: () => ($.consume(0, K.JOIN), 'CROSS' as const) },
            { ALT: () => ($.consume(0, K.APPLY), 'CROSS APPLY' as const) },
          ]);
        },
      },
      { ALT: () => ($.consume(0, K.OUTER), $.consume(1, K.APPLY), 'OUTER APPLY' as const) },
      {
        ALT: () => {
          const t = $.option(1, () =>
            $.or(2, [
              { ALT: () => ($.consume(0, K.INNER), 'INNER' as const) },
              {
                ALT: () => ($.consume(0, K.LEFT), $.option(2, () => $.consume(1, K.OUTER)), 'LEFT' as const),
              },
              {
                ALT: () => (
                  $.consume(0, K.RIGHT), $.option(3, () => $.consume(2, K.OUTER)), 'RIGHT' as const
                ),
              },
              {
                ALT: () => ($.consume(0, K.FULL), $.option(4, () => $.consume(3, K.OUTER)), 'FULL' as const),
              },
            ]),
          );
          $.consume(1, K.JOIN);
          return t ?? 'INNER';
        },
      },
    ]);
    const right = $.subrule(1, $.tableReference);
    const j: JoinRef = { kind: 'join', type, left, right };
    $.ACTION(() => {
      if (natural) j.natural = true;
    });
    $.option(5, () =>
      $.or(3, [
        {
          ALT: () => {
            $.consume(0, K.ON);
            j.on = $.subrule(0, $.expr);
          },
        },
        {
          ALT: () => {
            $.consume(0, K.USING);
            $.consume(0, T.LParen);
            j.using = $.subrule(0, $.nameList);
            $.consume(0, T.RParen);
          },
        },
      ]),
    );
    return j;
  };

  $.RULE('tableReference', (): FromItem => {
    // LL(2): LATERAL ( … ) vs a table named LATERAL.
    const item: FromItem = $.or(0, { MAX_LOOKAHEAD: 2, DEF: [
      {
        GATE: () => $.LA(2).tokenType === K.SELECT || $.LA(2).tokenType === K.WITH,
        ALT: (): FromItem => ({ kind: 'subquery', query: $.subrule(0, $.subquery) }),
      },
      {
        ALT: (): FromItem => {
          $.consume(0, T.LParen);
          const inner = $.subrule(0, $.fromItem);
          $.consume(0, T.RParen);
          return inner;
        },
      },
      {
        ALT: (): FromItem => {
          $.consume(0, K.LATERAL);
          return { kind: 'subquery', query: $.subrule(1, $.subquery), lateral: true };
        },
      },
      {
        GATE: () => isWord($.LA(1), 'JSON_TABLE') && $.LA(2).tokenType === T.LParen,
        ALT: (): FromItem => $.subrule(0, $.jsonTable),
      },
      {
        GATE: () => isWord($.LA(1), 'XMLTABLE') && $.LA(2).tokenType === T.LParen,
        ALT: (): FromItem => $.subrule(0, $.xmlTable),
      },
      {
        ALT: (): FromItem => {
          $.consume(0, K.TABLE);
          $.consume(1, T.LParen);
          const expr = $.subrule(0, $.expr);
          $.consume(1, T.RParen);
          return { kind: 'table-function', expr };
        },
      },
      {
        ALT: (): FromItem => {
          const name = $.subrule(0, $.qualifiedName);
          const t: FromItem = { kind: 'table', name };
          return t;
        },
      },
    ]});
    // partition_extension_clause: PARTITION (p) | PARTITION FOR (values) | SUBPARTITION …
    $.option(7, {
      GATE: () =>
        (isWord($.LA(1), 'PARTITION') || isWord($.LA(1), 'SUBPARTITION')) &&
        ($.LA(2).tokenType === T.LParen || $.LA(2).tokenType === K.FOR),
      DEF: () => {
        const sub = $.consume(8, T.NonParen).image.toUpperCase() === 'SUBPARTITION';
        const forValues = $.option(8, () => $.consume(8, K.FOR));
        $.consume(8, T.LParen);
        const part: NonNullable<TableRef['partition']> = { sub };
        if (forValues) part.for = $.subrule(8, $.exprList);
        else part.name = $.subrule(8, $.identifier);
        $.consume(8, T.RParen);
        $.ACTION(() => {
          if (item.kind === 'table') item.partition = part;
        });
      },
    });
    // SAMPLE [BLOCK] (percent) [SEED (seed)]: a random sample of a table's rows (or blocks).
    $.option(4, {
      GATE: () =>
        isWord($.LA(1), 'SAMPLE') && ($.LA(2).tokenType === T.LParen || isWord($.LA(2), 'BLOCK')),
      DEF: () => {
        $.consume(3, T.Ident);
        const block = $.option(5, {
          GATE: () => isWord($.LA(1), 'BLOCK'),
          DEF: () => $.consume(4, T.Ident),
        });
        $.consume(2, T.LParen);
        const percent = $.subrule(5, $.expr);
        $.consume(2, T.RParen);
        const seed = $.option(6, {
          GATE: () => isWord($.LA(1), 'SEED') && $.LA(2).tokenType === T.LParen,
          DEF: () => {
            $.consume(5, T.Ident);
            $.consume(3, T.LParen);
            const s = $.subrule(6, $.expr);
            $.consume(3, T.RParen);
            return s;
          },
        });
        $.ACTION(() => {
          if (item.kind === 'table') item.sample = seed ? { block: !!block, percent, seed } : { block: !!block, percent };
        });
      },
    });
    $.option(0, {
      GATE: () => $.LA(1).tokenType === K.AS && $.LA(2).tokenType === K.OF,
      DEF: () => {
        $.consume(0, K.AS);
        $.consume(0, K.OF);
        const kind = $.consume(0, T.Ident).image.toUpperCase();
        const at = $.subrule(1, $.additive);
        $.ACTION(() => {
          if (item.kind === 'table') item.flashback = `AS OF ${kind}`;
          void at;
        });
      },
    });
    const alias = $.option(1, {
      GATE: () => $.LA(1).tokenType === K.AS || aliasAllowed($),
      DEF: () =>
        $.or(1, [
          { ALT: () => ($.consume(1, K.AS), $.subrule(1, $.identifier)) },
          { ALT: () => $.subrule(2, $.identifier) },
        ]),
    });
    const pivoted = $.option(2, {
      GATE: () =>
        isWord($.LA(1), 'PIVOT') ||
        isWord($.LA(1), 'UNPIVOT') ||
        (isWord($.LA(1), 'MATCH_RECOGNIZE') && $.LA(2).tokenType === T.LParen),
      DEF: () =>
        $.or(7, [
          {
            // MATCH_RECOGNIZE (…): read to its closing parenthesis, reported by the rules.
            GATE: () => isWord($.LA(1), 'MATCH_RECOGNIZE'),
            ALT: (): Pick<PivotRef, 'pivot' | 'unpivot' | 'matchRecognize'> => {
              $.consume(6, T.Ident);
              $.subrule(7, $.balanced);
              return { matchRecognize: true };
            },
          },
          { ALT: () => pivotClause() },
        ]),
    });
    const alias2 = $.option(3, {
      GATE: () => $.LA(1).tokenType === K.AS || aliasAllowed($),
      DEF: () =>
        $.or(6, [
          { ALT: () => ($.consume(2, K.AS), $.subrule(3, $.identifier)) },
          { ALT: () => $.subrule(4, $.identifier) },
        ]),
    });
    return $.ACTION((): FromItem => {
      if (alias && item.kind !== 'join') item.alias = alias;
      if (!pivoted) return item;
      const p: FromItem = { kind: 'pivot', source: item, ...pivoted };
      if (alias2) p.alias = alias2;
      return p;
    });
  });

  /** PIVOT [XML] ( agg [AS a], … FOR col | (cols) IN ( v [AS a], … ) ) / UNPIVOT [INCLUDE|EXCLUDE NULLS] ( … ) */
  const pivotClause = (): Pick<PivotRef, 'pivot' | 'unpivot'> => {
    const kind = $.consume(20, T.Ident).image.toUpperCase();
    const names = (i: number): OraName[] =>
      $.or(20 + i, [
        { ALT: () => [$.subrule(20 + i, $.identifier)] },
        {
          ALT: () => {
            $.consume(20 + i, T.LParen);
            const n = $.subrule(20 + i, $.nameList);
            $.consume(20 + i, T.RParen);
            return n;
          },
        },
      ]);
    return $.or<Pick<PivotRef, 'pivot' | 'unpivot'>>(30, {
      IGNORE_AMBIGUITIES: true,
      DEF: [
      {
        GATE: () => kind === 'PIVOT',
        ALT: () => {
          $.option(30, { GATE: () => isWord($.LA(1), 'XML'), DEF: () => $.consume(21, T.Ident) });
          $.consume(30, T.LParen);
          const aggregates: NonNullable<PivotRef['pivot']>['aggregates'] = [];
          const agg = (i: number) => {
            const call = $.subrule(30 + i, $.additive);
            const a = $.option(31 + 2 * i, () => ($.option(32 + 2 * i, () => $.consume(30 + i, K.AS)), $.subrule(30 + i, $.identifier)));
            $.ACTION(() => aggregates.push(a ? { call, alias: a } : { call }));
          };
          agg(0);
          $.many(30, () => {
            $.consume(30, T.Comma);
            agg(1);
          });
          $.consume(30, K.FOR);
          const forCols = names(0);
          $.consume(30, K.IN);
          $.consume(31, T.LParen);
          const ins: NonNullable<PivotRef['pivot']>['in'] = [];
          const value = (i: number) => {
            const e = $.subrule(40 + i, $.additive);
            const a = $.option(40 + 2 * i, () => ($.option(41 + 2 * i, () => $.consume(40 + i, K.AS)), $.subrule(40 + i, $.identifier)));
            $.ACTION(() => {
              const values = e.kind === 'list' ? e.items : e.kind === 'paren' ? [e.expr] : [e];
              ins.push(a ? { values, alias: a } : { values });
            });
          };
          value(0);
          $.many(31, () => {
            $.consume(31, T.Comma);
            value(1);
          });
          $.consume(31, T.RParen);
          $.consume(30, T.RParen);
          return { pivot: { aggregates, for: forCols, in: ins } };
        },
      },
      {
        ALT: () => {
          let includeNulls = false;
          $.option(50, {
            GATE: () => isWord($.LA(1), 'INCLUDE') || isWord($.LA(1), 'EXCLUDE'),
            DEF: () => {
              includeNulls = $.consume(50, T.Ident).image.toUpperCase() === 'INCLUDE';
              $.consume(50, K.NULLS);
            },
          });
          $.consume(50, T.LParen);
          const value = names(1);
          $.consume(50, K.FOR);
          const forCols = names(2);
          $.consume(50, K.IN);
          $.consume(51, T.LParen);
          const ins: NonNullable<PivotRef['unpivot']>['in'] = [];
          const entry = (i: number) => {
            const columns = names(3 + i);
            const v = $.option(51 + i, () => {
              $.consume(50 + i, K.AS);
              const e = $.subrule(50 + i, $.additive);
              return e.kind === 'list' ? e.items : e.kind === 'paren' ? [e.expr] : [e];
            });
            $.ACTION(() => ins.push(v ? { columns, values: v } : { columns }));
          };
          entry(0);
          $.many(50, () => {
            $.consume(52, T.Comma);
            entry(1);
          });
          $.consume(51, T.RParen);
          $.consume(50, T.RParen);
          return { unpivot: { includeNulls, value, for: forCols, in: ins } };
        },
      },
    ],
    });
  };

  $.RULE('nameList', (): OraName[] => {
    const names: OraName[] = [$.subrule(0, $.identifier)];
    $.many(0, () => {
      $.consume(0, T.Comma);
      names.push($.subrule(1, $.identifier));
    });
    return names;
  });
}

/** The optimizer hint written right after SELECT, if any. */
export function hintAfter($: $, selectTok: IToken): string | undefined {
  const comments = ($ as unknown as { comments?: IToken[] }).comments;
  if (!comments) return undefined;
  const next = $.LA(1);
  for (const c of comments) {
    if (
      c.startOffset > selectTok.endOffset! &&
      c.startOffset < next.startOffset &&
      c.image.startsWith('/*+')
    ) {
      return c.image.slice(3, -2).trim();
    }
  }
  return undefined;
}
