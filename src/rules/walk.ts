/** Generic traversals of expression trees, shared by the rewrite families. */
import type { Expr, OrderItem } from '../ast/expr.js';
import type { FromItem, Query, SelectQuery } from '../ast/query.js';

/**
 * Rebuilds an expression bottom-up-aware: `fn` sees every node first (pre-order); returning an
 * expression replaces that node (not descended into), returning undefined descends into its
 * children. Subqueries are not entered: their column references belong to another query block.
 */
export function mapExpr(e: Expr, fn: (e: Expr) => Expr | undefined): Expr {
  const hit = fn(e);
  if (hit) return hit;
  const m = (x: Expr) => mapExpr(x, fn);
  const mo = (items: OrderItem[]) => items.map((o) => ({ ...o, expr: m(o.expr) }));
  switch (e.kind) {
    case 'literal':
    case 'typed-literal':
    case 'interval-literal':
    case 'column':
    case 'bind':
    case 'star':
    case 'pseudo':
    case 'exists':
    case 'subquery':
    case 'cursor':
      return e;
    case 'call': {
      const r = { ...e, args: e.args.map((a) => ({ ...a, value: m(a.value), ...(a.key ? { key: m(a.key) } : {}) })) };
      if (e.over) r.over = { ...e.over, partitionBy: e.over.partitionBy.map(m), orderBy: mo(e.over.orderBy) };
      if (e.withinGroup) r.withinGroup = mo(e.withinGroup);
      if (e.argOrderBy) r.argOrderBy = mo(e.argOrderBy);
      if (e.keep) r.keep = { ...e.keep, orderBy: mo(e.keep.orderBy) };
      return r;
    }
    case 'unary':
      return { ...e, operand: m(e.operand) };
    case 'binary':
      return { ...e, left: m(e.left), right: m(e.right) };
    case 'is-null':
      return { ...e, operand: m(e.operand) };
    case 'like': {
      const r = { ...e, operand: m(e.operand), pattern: m(e.pattern) };
      if (e.escape) r.escape = m(e.escape);
      return r;
    }
    case 'between':
      return { ...e, operand: m(e.operand), low: m(e.low), high: m(e.high) };
    case 'in':
    case 'quantified':
      return { ...e, operand: m(e.operand), list: Array.isArray(e.list) ? e.list.map(m) : e.list };
    case 'case': {
      const r: Expr = { kind: 'case', whens: e.whens.map((w) => ({ when: m(w.when), then: m(w.then) })) };
      if (e.operand) r.operand = m(e.operand);
      if (e.else) r.else = m(e.else);
      return r;
    }
    case 'cast':
    case 'pg-cast':
      return { ...e, operand: m(e.operand) };
    case 'extract':
      return { ...e, from: m(e.from) };
    case 'trim': {
      const r = { ...e, from: m(e.from) };
      if (e.chars) r.chars = m(e.chars);
      return r;
    }
    case 'paren':
      return { kind: 'paren', expr: m(e.expr) };
    case 'field':
      return { ...e, operand: m(e.operand) };
    case 'subscript':
      return { ...e, operand: m(e.operand), index: m(e.index) };
    case 'method':
      return { ...e, operand: m(e.operand), args: e.args.map((a) => ({ ...a, value: m(a.value) })) };
    case 'treat':
      return { ...e, operand: m(e.operand) };
    case 'list':
      return { kind: 'list', items: e.items.map(m) };
    case 'at-time-zone':
      return { ...e, operand: m(e.operand), zone: e.zone === 'LOCAL' ? e.zone : m(e.zone) };
    case 'collate':
      return { ...e, operand: m(e.operand) };
    case 'json-fn': {
      const r = { ...e, args: e.args.map((a) => ({ ...a, value: m(a.value), ...(a.key ? { key: m(a.key) } : {}) })) };
      if (e.passing) r.passing = e.passing.map((p) => ({ ...p, value: m(p.value) }));
      if (e.onError?.kind === 'DEFAULT') r.onError = { kind: 'DEFAULT', value: m(e.onError.value) };
      if (e.onEmpty?.kind === 'DEFAULT') r.onEmpty = { kind: 'DEFAULT', value: m(e.onEmpty.value) };
      if (e.orderBy) r.orderBy = mo(e.orderBy);
      return r;
    }
  }
}

/** Visits every node of an expression (pre-order), not entering subqueries. */
export function walkExpr(e: Expr, visit: (e: Expr) => void): void {
  mapExpr(e, (x) => {
    visit(x);
    return undefined;
  });
}

/** Splits a condition on top-level AND (parentheses around an AND chain are looked through). */
export function conjuncts(e: Expr): Expr[] {
  if (e.kind === 'binary' && e.op === 'AND') return [...conjuncts(e.left), ...conjuncts(e.right)];
  if (e.kind === 'paren' && e.expr.kind === 'binary' && e.expr.op === 'AND') return conjuncts(e.expr);
  return [e];
}

/** Joins conditions with AND (undefined for none). */
export function andAll(list: Expr[]): Expr | undefined {
  if (!list.length) return undefined;
  return list.reduce((l, r) => ({ kind: 'binary', op: 'AND', left: l, right: r }));
}

/**
 * Applies `fn` to every expression of a query, entering subqueries (in expressions, FROM, WITH).
 * `fn` is applied through mapExpr, so it sees each node first.
 */
export function mapQueryDeep(q: Query, fn: (e: Expr) => Expr | undefined): Query {
  // Clauses are visited in source order (binds are numbered by this walk).
  const m = (e: Expr) => mapExprDeep(e, fn);
  const mo = (items: OrderItem[]) => items.map((o) => ({ ...o, expr: m(o.expr) }));
  const withClause = q.with && {
    ...q.with,
    ctes: q.with.ctes.map((c) => ({ ...c, query: mapQueryDeep(c.query, fn) })),
  };
  let r: Query;
  if (q.kind === 'set') {
    r = { ...q, left: mapQueryDeep(q.left, fn), right: mapQueryDeep(q.right, fn) };
  } else {
    const sel: SelectQuery = {
      ...q,
      items: q.items.map((i) => ({ ...i, expr: m(i.expr) })),
      from: q.from.map((f) => mapFromDeep(f, fn)),
    };
    if (q.where) sel.where = m(q.where);
    if (q.connectBy) {
      const startWith = q.connectBy.startWith && m(q.connectBy.startWith);
      sel.connectBy = { ...q.connectBy, condition: m(q.connectBy.condition) };
      if (startWith) sel.connectBy.startWith = startWith;
    }
    if (q.groupBy)
      sel.groupBy = q.groupBy.map((g) =>
        g.kind === 'expr'
          ? { kind: 'expr', expr: m(g.expr) }
          : g.kind === 'grouping-sets'
            ? { kind: 'grouping-sets', sets: g.sets.map((s) => s.map(m)) }
            : { kind: g.kind, items: g.items.map(m) },
      );
    if (q.having) sel.having = m(q.having);
    r = sel;
  }
  if (withClause) r.with = withClause;
  if (q.orderBy) r.orderBy = mo(q.orderBy);
  if (q.offset) r.offset = m(q.offset);
  if (q.fetch) r.fetch = { ...q.fetch, ...(q.fetch.count ? { count: m(q.fetch.count) } : {}) };
  return r;
}

export function mapFromDeep(f: FromItem, fn: (e: Expr) => Expr | undefined): FromItem {
  switch (f.kind) {
    case 'table':
      return f;
    case 'subquery':
      return { ...f, query: mapQueryDeep(f.query, fn) };
    case 'table-function':
      return { ...f, expr: mapExprDeep(f.expr, fn) };
    case 'json-table':
      return { ...f, doc: mapExprDeep(f.doc, fn) };
    case 'xml-table':
      return { ...f, passing: f.passing.map((p) => ({ ...p, expr: mapExprDeep(p.expr, fn) })) };
    case 'pivot':
      return { ...f, source: mapFromDeep(f.source, fn) };
    case 'join': {
      const r: FromItem = { ...f, left: mapFromDeep(f.left, fn), right: mapFromDeep(f.right, fn) };
      if (f.on) r.on = mapExprDeep(f.on, fn);
      return r;
    }
  }
}

/** mapExpr that also enters subqueries. */
export function mapExprDeep(e: Expr, fn: (e: Expr) => Expr | undefined): Expr {
  return mapExpr(e, (x) => {
    const hit = fn(x);
    if (hit) return hit;
    switch (x.kind) {
      case 'subquery':
      case 'exists':
      case 'cursor':
        return { ...x, query: mapQueryDeep(x.query, fn) };
      case 'in':
      case 'quantified':
        if (!Array.isArray(x.list))
          return { ...x, operand: mapExprDeep(x.operand, fn), list: mapQueryDeep(x.list, fn) };
        return undefined;
      default:
        return undefined;
    }
  });
}
