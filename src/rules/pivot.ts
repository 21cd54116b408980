/**
 * PIVOT / UNPIVOT → plain SQL.
 *
 *   src PIVOT (agg(v) [AS a] FOR c IN (x [AS n], …))
 *     → (SELECT <other columns of src>, agg(CASE WHEN c = x THEN v END) AS n[_a], …
 *          FROM src GROUP BY <other columns>)
 *   src UNPIVOT [EXCLUDE NULLS] (val FOR name IN (c1 [AS 'a'], …))
 *     → (SELECT <other columns>, u.name, u.val FROM src CROSS JOIN LATERAL
 *          (SELECT 'a' AS name, c1 AS val UNION ALL …) u WHERE u.val IS NOT NULL)
 * "Other columns" are the source's columns not named by the clause: the rewrite needs them, so
 * the source must be a table of the converted model or a subquery with named select items.
 */
import type { OraName } from '../ast/common.js';
import type { Expr } from '../ast/expr.js';
import type { FromItem, PivotRef, Query, SelectItem, SelectQuery } from '../ast/query.js';
import type { ExprContext } from './builders.js';
import { makeFinding } from '../findings/make.js';
import { walkExpr } from './walk.js';

const col = (...parts: string[]): Expr => ({ kind: 'column', parts });

function fail(ctx: ExprContext, detail: string): undefined {
  const d = `PIVOT/UNPIVOT: ${detail}`;
  ctx.findings.push(makeFinding('OPG-EXPR-0004', { detail: d }, { object: ctx.object, location: ctx.location }));
  (ctx.unconvertible ??= []).push(d);
  return undefined;
}

/** Column names of a FROM item, when they can be known. */
function sourceColumns(f: FromItem, ctx: ExprContext): OraName[] | undefined {
  if (f.kind === 'table') {
    const table = ctx.tableColumns?.(f.name);
    if (table) return table;
    // A view of the sources: its column list, or the names of its query's select items.
    const view = ctx.relation?.(f.name);
    if (view?.kind !== 'view') return undefined;
    return view.columns?.length ? view.columns : sourceColumns({ kind: 'subquery', query: view.query }, ctx);
  }
  if (f.kind === 'subquery' && f.query.kind === 'select') {
    const out: OraName[] = [];
    for (const i of f.query.items) {
      if (i.alias) out.push(i.alias);
      else if (i.expr.kind === 'column') out.push(i.expr.parts[i.expr.parts.length - 1]);
      else if (i.expr.kind === 'star' && f.query.from.length === 1 && f.query.from[0].kind === 'table') {
        const cols = ctx.tableColumns?.(f.query.from[0].name);
        if (!cols) return undefined;
        out.push(...cols);
      } else return undefined;
    }
    return out;
  }
  return undefined;
}

/** Text of an IN value for the generated column name (Oracle names the column after it). */
function valueText(e: Expr): string {
  if (e.kind === 'literal') return e.type === 'string' ? `'${e.value}'` : e.value;
  if (e.kind === 'column') return e.parts.join('.');
  return 'expr';
}

export function rewritePivot(f: PivotRef, ctx: ExprContext, opts: { starFree?: boolean } = {}): FromItem | undefined {
  const columns = sourceColumns(f.source, ctx);
  // UNPIVOT keeps the other columns as they are: when the query selects no *, all columns of the
  // source can be kept (src.*), those the clause names included, without knowing them.
  const keepAll = !columns && !!f.unpivot && !!opts.starFree && f.source.kind !== 'join';
  if (!columns && !keepAll)
    return fail(
      ctx,
      f.unpivot
        ? 'the columns of the source are not known (list them in a subquery, or select the columns instead of *)'
        : 'the columns of the source are not known (list them in a subquery)',
    );
  const source = f.source.kind === 'join' ? f.source : { ...f.source, alias: undefined };
  const srcName = 'OPG_PIVOT_SRC';
  const named: FromItem = f.source.kind === 'subquery' ? { ...f.source, alias: srcName } : { ...(source as FromItem) };
  let query: Query;
  if (f.pivot) {
    const used = new Set<OraName>(f.pivot.for);
    for (const a of f.pivot.aggregates)
      walkExpr(a.call, (x) => {
        if (x.kind === 'column') used.add(x.parts[x.parts.length - 1]);
      });
    const group = (columns ?? []).filter((c) => !used.has(c));
    const items: SelectItem[] = group.map((c) => ({ expr: col(c) }));
    for (const v of f.pivot.in) {
      if (v.values.length !== f.pivot.for.length) return fail(ctx, 'IN values do not match the FOR columns');
      const match = v.values
        .map((x, i): Expr => ({ kind: 'binary', op: '=', left: col(f.pivot!.for[i]), right: x }))
        .reduce((a, b) => ({ kind: 'binary', op: 'AND', left: a, right: b }));
      for (const a of f.pivot.aggregates) {
        if (a.call.kind !== 'call' || a.call.args.length > 1) return fail(ctx, 'the pivoted value must be one aggregate call');
        const arg: Expr = a.call.star ? { kind: 'literal', type: 'number', value: '1' } : a.call.args[0].value;
        const filtered: Expr = {
          ...a.call,
          star: false,
          args: [{ value: { kind: 'case', whens: [{ when: match, then: arg }] } }],
        };
        const base = v.alias ?? valueText(v.values.length === 1 ? v.values[0] : { kind: 'literal', type: 'number', value: 'expr' });
        items.push({ expr: filtered, alias: a.alias ? `${base}_${a.alias}` : base });
      }
    }
    const q: SelectQuery = { kind: 'select', items, from: [named] };
    if (group.length) q.groupBy = group.map((c) => ({ kind: 'expr', expr: col(c) }));
    query = q;
  } else {
    const u = f.unpivot!;
    const used = new Set<OraName>(u.in.flatMap((e) => e.columns));
    const keep: SelectItem[] = columns
      ? columns.filter((c) => !used.has(c)).map((c) => ({ expr: col(srcName, c) }))
      : [{ expr: { kind: 'star', qualifier: [srcName] } }];
    const rows: SelectQuery[] = u.in.map((e) => {
      const labels = e.values ?? e.columns.map((c) => ({ kind: 'literal', type: 'string', value: c }) as Expr);
      return {
        kind: 'select',
        items: [
          ...u.for.map((n, i) => ({ expr: labels[i] ?? labels[0], alias: n })),
          ...u.value.map((n, i) => ({ expr: col(srcName, e.columns[i] ?? e.columns[0]), alias: n })),
        ],
        from: [],
      };
    });
    const lateral: Query = rows.slice(1).reduce<Query>((l, r) => ({ kind: 'set', op: 'UNION ALL', left: l, right: r }), rows[0]);
    const q: SelectQuery = {
      kind: 'select',
      items: [...keep, ...[...u.for, ...u.value].map((n) => ({ expr: col('OPG_U', n) }))],
      from: [
        {
          kind: 'join',
          type: 'CROSS APPLY',
          left: { ...named, alias: srcName } as FromItem,
          right: { kind: 'subquery', query: lateral, alias: 'OPG_U' },
        },
      ],
    };
    if (!u.includeNulls)
      q.where = u.value
        .map((n): Expr => ({ kind: 'is-null', operand: col('OPG_U', n), not: true }))
        .reduce((a, b) => ({ kind: 'binary', op: 'OR', left: a, right: b }));
    query = q;
  }
  const out: FromItem = { kind: 'subquery', query };
  if (f.alias) out.alias = f.alias;
  return out;
}
