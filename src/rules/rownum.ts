/**
 * ROWNUM. Oracle numbers the rows of a query block as they come out of FROM/WHERE — before
 * GROUP BY, DISTINCT, window functions and ORDER BY of the same block — and a row that fails a
 * ROWNUM test does not consume a number. Hence:
 *   - `WHERE … AND ROWNUM <= n` is a row limit (LIMIT n) only when nothing in the block is
 *     evaluated after numbering (no ORDER BY, GROUP BY, DISTINCT, aggregates, windows, CONNECT BY);
 *   - `ROWNUM > n` (n ≥ 1) and `ROWNUM = n` (n > 1) never match; `ROWNUM > 0` always does;
 *   - the bound of a limit may be a literal, a bind or a PL/SQL variable (not a column);
 *   - ROWNUM in the select list / ORDER BY is row_number() OVER (), which PostgreSQL also computes
 *     before the block's ORDER BY; in a block with GROUP BY or aggregates the rows are numbered
 *     in a derived table holding the block's FROM item and WHERE (numberRows).
 * Anything else is left for the expression rules, which report it.
 */
import type { Expr, FuncCall } from '../ast/expr.js';
import type { SelectQuery } from '../ast/query.js';
import { makeFinding } from '../findings/make.js';
import type { ExprContext } from './expressions.js';
import { buildScope, type Scope } from './infer.js';
import { andAll, conjuncts, mapExpr, walkExpr } from './walk.js';

const isRownum = (e: Expr) => e.kind === 'pseudo' && e.name === 'ROWNUM';

function mentionsRownum(e: Expr): boolean {
  let found = false;
  walkExpr(e, (x) => {
    if (isRownum(x)) found = true;
  });
  return found;
}

/**
 * A name that is a PL/SQL variable (parameter, local, record field) rather than a column of a
 * query block in scope: the variable is known to the routine and no FROM item of this block or
 * of an enclosing one has (or may have: columns not known) a column or an alias of that name.
 * The outermost scope of a query inside PL/SQL holds the routine's record variables (rec.field),
 * not FROM items: it is not searched.
 */
function isPlsqlVariable(parts: string[], ctx: ExprContext, scope: Scope | undefined): boolean {
  if (!ctx.pathType?.(parts)) return false;
  for (let s = scope; s && (s.parent || s === scope); s = s.parent)
    for (const item of s.items) {
      if (parts.length > 1 && item.names.includes(parts[0])) return false;
      const cols = item.columns();
      if (!cols.size || cols.has(parts[0])) return false;
    }
  return true;
}

/** A bound that does not depend on the row: literals, binds, PL/SQL variables and arithmetic on them. */
function isRowIndependent(e: Expr, ctx?: ExprContext, scope?: Scope): boolean {
  let ok = true;
  walkExpr(e, (x) => {
    if (x.kind === 'column' && ctx && isPlsqlVariable(x.parts, ctx, scope)) return;
    if (
      x.kind === 'column' ||
      x.kind === 'pseudo' ||
      x.kind === 'subquery' ||
      x.kind === 'exists' ||
      x.kind === 'call'
    )
      ok = false;
  });
  return ok;
}

const FLIP: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=', '=': '=' };

type Bound = { limit?: Expr; never?: boolean; always?: boolean };

const num = (v: number): Expr => ({ kind: 'literal', type: 'number', value: String(v) });
const fn = (name: string, arg: Expr): Expr => ({ kind: 'call', name: [name], args: [{ value: arg }] });
const minus1 = (e: Expr): Expr => ({ kind: 'binary', op: '-', left: e, right: num(1) });
const literalValue = (e: Expr): number | undefined =>
  e.kind === 'literal' && e.type === 'number'
    ? Number(e.value)
    : e.kind === 'paren'
      ? literalValue(e.expr)
      : undefined;

/** Reads one ROWNUM comparison: ROWNUM op bound (either side). */
function rownumTest(e: Expr, fixed: (e: Expr) => boolean): Bound | undefined {
  if (e.kind === 'between' && !e.not && isRownum(e.operand) && fixed(e.low) && fixed(e.high)) {
    const low = literalValue(e.low);
    if (low !== undefined && low <= 1) return upper('<=', e.high);
    return undefined;
  }
  if (e.kind !== 'binary' || !(e.op in FLIP)) return undefined;
  let op = e.op;
  let bound: Expr;
  if (isRownum(e.left) && fixed(e.right)) bound = e.right;
  else if (isRownum(e.right) && fixed(e.left)) {
    bound = e.left;
    op = FLIP[op] as typeof op;
  } else return undefined;
  const v = literalValue(bound);
  switch (op) {
    case '<':
    case '<=':
      return upper(op, bound);
    case '=':
      if (v === undefined) return undefined;
      return v === 1 ? { limit: num(1) } : { never: true };
    case '>':
      if (v === undefined) return undefined;
      return v >= 1 ? { never: true } : { always: true };
    case '>=':
      if (v === undefined) return undefined;
      return v > 1 ? { never: true } : { always: true };
  }
  return undefined;
}

/** ROWNUM <= n → LIMIT floor(n); ROWNUM < n → LIMIT ceil(n) - 1 (negative limits become 0). */
function upper(op: string, bound: Expr): Bound {
  const v = literalValue(bound);
  if (v !== undefined) {
    const n = op === '<=' ? Math.floor(v) : Math.ceil(v) - 1;
    return n <= 0 ? { never: true } : { limit: num(n) };
  }
  const n = op === '<=' ? fn('floor', bound) : minus1(fn('ceil', bound));
  return { limit: greatest0(n) };
}

function greatest0(e: Expr): Expr {
  const c: FuncCall = { kind: 'call', name: ['greatest'], args: [{ value: e }, { value: num(0) }] };
  return c;
}

/** True when something in the block is evaluated after ROWNUM is assigned. */
function evaluatedAfterNumbering(q: SelectQuery): string | undefined {
  if (q.orderBy?.length) return 'ORDER BY';
  if (q.groupBy?.length) return 'GROUP BY';
  if (q.distinct) return 'DISTINCT';
  if (q.connectBy) return 'CONNECT BY';
  if (q.having) return 'HAVING';
  let agg: string | undefined;
  for (const i of q.items)
    walkExpr(i.expr, (x) => {
      if (x.kind === 'call' && (x.over || AGGREGATES.has(x.name.join('.'))))
        agg = x.over ? 'a window function' : 'an aggregate';
    });
  return agg;
}

const AGGREGATES = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'LISTAGG', 'STDDEV', 'VARIANCE', 'MEDIAN']);

/** Applies the ROWNUM rules to one query block (before the expression rules run). */
export function rewriteRownum(q: SelectQuery, ctx: ExprContext): SelectQuery {
  let r = q;
  let numbered: SelectQuery | undefined;
  if (q.where && mentionsRownum(q.where)) {
    const rest: Expr[] = [];
    let limit: Expr | undefined;
    let never = false;
    let handled = true;
    const scope = buildScope(q, ctx, ctx.scope);
    const fixed = (e: Expr) => isRowIndependent(e, ctx, scope);
    for (const c of conjuncts(q.where)) {
      if (!mentionsRownum(c)) {
        rest.push(c);
        continue;
      }
      const b = rownumTest(c, fixed);
      if (!b) {
        handled = false;
        rest.push(c);
      } else if (b.never) never = true;
      else if (b.limit) limit = limit ? greatestLeast(limit, b.limit) : b.limit;
    }
    const after = evaluatedAfterNumbering(q) ?? (q.fetch || q.offset ? 'FETCH/OFFSET' : undefined);
    const where = (list: Expr[]) => {
      const w = andAll(list);
      const out = { ...q };
      if (w) out.where = w;
      else delete out.where;
      return out;
    };
    if (!handled) {
      // Left to the expression rules, which report ROWNUM in this position.
    } else if (never) {
      r = where([...rest, { kind: 'literal', type: 'boolean', value: 'FALSE' }]);
    } else if (!limit) {
      r = where(rest);
    } else if (
      after &&
      q.from.length === 1 &&
      q.from[0].kind !== 'join' &&
      (q.from[0].kind !== 'table-function' || !namesColumnValue(q))
    ) {
      // Number (limit) the rows first, in a derived table that takes the item's name, so the
      // block's column references still resolve; the rest of the block runs on top of it.
      const item = q.from[0];
      const name = item.alias ?? (item.kind === 'table' ? item.name.name : 'OPG_ROWNUM');
      const inner: SelectQuery = {
        kind: 'select',
        items: [{ expr: { kind: 'star' } }],
        from: [item],
        fetch: { count: limit },
      };
      const w = andAll(rest);
      if (w) inner.where = w;
      numbered = inner;
      r = { ...q, from: [{ kind: 'subquery', query: inner, alias: name }] };
      delete r.where;
    } else if (after) {
      const detail = `ROWNUM limit in a query block with ${after}: Oracle numbers the rows before the ${after} is applied, so this is not a top-N query; if a top-N was meant, move the ${after} into an inline view and keep the ROWNUM test outside (or use FETCH FIRST n ROWS ONLY)`;
      ctx.findings.push(
        makeFinding('OPG-EXPR-0004', { detail }, { object: ctx.object, location: ctx.location }),
      );
      (ctx.unconvertible ??= []).push(detail);
    } else {
      r = { ...where(rest), fetch: { count: limit } };
    }
  }
  return numberRows(r, numbered);
}

/**
 * The block names COLUMN_VALUE (of a TABLE() over a scalar collection): how the column is named
 * depends on the block's own mentions (expressions.ts), so the item is not moved to a derived table.
 */
function namesColumnValue(q: SelectQuery): boolean {
  let found = false;
  const visit = (e: Expr) =>
    walkExpr(e, (x) => {
      if (x.kind === 'column' && x.parts[x.parts.length - 1] === 'COLUMN_VALUE') found = true;
    });
  for (const i of q.items) visit(i.expr);
  if (q.where) visit(q.where);
  if (q.having) visit(q.having);
  for (const o of q.orderBy ?? []) visit(o.expr);
  for (const g of q.groupBy ?? []) if (g.kind === 'expr') visit(g.expr);
  return found;
}

const ROW_NUMBER: Expr = {
  kind: 'call',
  name: ['row_number'],
  args: [],
  over: { partitionBy: [], orderBy: [] },
};

function hasAggregate(q: SelectQuery): boolean {
  let found = false;
  const visit = (e: Expr) =>
    walkExpr(e, (x) => {
      if (x.kind === 'call' && !x.over && AGGREGATES.has(x.name.join('.'))) found = true;
    });
  for (const i of q.items) visit(i.expr);
  if (q.having) visit(q.having);
  for (const o of q.orderBy ?? []) visit(o.expr);
  return found;
}

/**
 * ROWNUM in the select list, ORDER BY or HAVING: the number of the row as it came out of FROM /
 * WHERE. Without grouping that is row_number() OVER () of the block (PostgreSQL computes it
 * before the block's ORDER BY and DISTINCT). With GROUP BY or aggregates the rows are numbered in
 * a derived table holding the block's FROM item and WHERE (`numbered`: the one the ROWNUM limit
 * already made), taking the item's name, and the block reads its OPG_ROWNUM column. Anything else
 * is left to the expression rules, which report it.
 */
function numberRows(r: SelectQuery, numbered: SelectQuery | undefined): SelectQuery {
  const mapped = (e: Expr, to: Expr) => mapExpr(e, (x) => (isRownum(x) ? to : undefined));
  const outside =
    r.items.some((i) => mentionsRownum(i.expr)) ||
    !!r.orderBy?.some((o) => mentionsRownum(o.expr)) ||
    (!!r.having && mentionsRownum(r.having));
  if (!outside) return r;
  const grouped = !!r.groupBy?.length || !!r.having || hasAggregate(r);
  const replace = (to: Expr): SelectQuery => {
    const out: SelectQuery = { ...r, items: r.items.map((i) => ({ ...i, expr: mapped(i.expr, to) })) };
    if (r.orderBy) out.orderBy = r.orderBy.map((o) => ({ ...o, expr: mapped(o.expr, to) }));
    if (r.having) out.having = mapped(r.having, to);
    return out;
  };
  if (!grouped) return replace(ROW_NUMBER);
  const item = r.from.length === 1 ? r.from[0] : undefined;
  if (!item || (r.where && mentionsRownum(r.where))) return r;
  let inner: SelectQuery;
  let name: string;
  if (numbered && item.kind === 'subquery' && item.query === numbered && item.alias) {
    inner = numbered;
    name = item.alias;
    const base = numbered.from[0];
    if (base.kind !== 'table' && !('alias' in base && base.alias)) return r;
  } else {
    if (item.kind === 'join' || (item.kind === 'table-function' && namesColumnValue(r))) return r;
    if (item.kind !== 'table' && !item.alias) return r;
    name = item.alias ?? (item.kind === 'table' ? item.name.name : '');
    inner = { kind: 'select', items: [{ expr: { kind: 'star' } }], from: [item] };
    if (r.where) inner.where = r.where;
  }
  const query: SelectQuery = {
    ...inner,
    items: [{ expr: { kind: 'star', qualifier: [name] } }, { expr: ROW_NUMBER, alias: 'OPG_ROWNUM' }],
  };
  const out = replace({ kind: 'column', parts: [name, 'OPG_ROWNUM'] });
  out.from = [{ kind: 'subquery', query, alias: name }];
  delete out.where;
  return out;
}

function greatestLeast(a: Expr, b: Expr): Expr {
  const va = literalValue(a);
  const vb = literalValue(b);
  if (va !== undefined && vb !== undefined) return num(Math.min(va, vb));
  return { kind: 'call', name: ['least'], args: [{ value: a }, { value: b }] };
}
