/** Bind variables of a translated statement: listed in first-appearance order, optionally numbered $1…. */
import type { DmlStatement, ReturningClause, SetClause } from '../ast/dml.js';
import type { BindRef, Expr } from '../ast/expr.js';
import type { FromItem, Query } from '../ast/query.js';
import { mapExprDeep, mapFromDeep, mapQueryDeep } from '../rules/walk.js';

/**
 * Returns the statement with binds numbered (when `dollar`) and the bind names in $n order.
 * The same name always gets the same number (Oracle by-name binding); the order is the order in
 * which the statement's clauses are printed, which for SELECT/DML matches the source order.
 */
export function numberBinds(s: DmlStatement, dollar: boolean): { statement: DmlStatement; binds: string[] } {
  const binds: string[] = [];
  const statement = mapBinds(s, (e) => {
    let i = binds.indexOf(e.name);
    if (i < 0) i = binds.push(e.name) - 1;
    return dollar ? { ...e, pgPosition: i + 1 } : e;
  });
  return { statement, binds };
}

/** The statement with each bind placeholder (:n, not :NEW.col) replaced by what `replace` returns. */
export function mapBinds(s: DmlStatement, replace: (b: BindRef) => Expr): DmlStatement {
  const fn = (e: Expr): Expr | undefined => (e.kind !== 'bind' || e.path ? undefined : replace(e));
  const ex = (e: Expr) => mapExprDeep(e, fn);
  const q = (x: Query) => mapQueryDeep(x, fn);
  const f = (x: FromItem) => mapFromDeep(x, fn);
  const set = (list: SetClause[]) => list.map((c) => ({ ...c, value: ex(c.value) }));
  const ret = (r: ReturningClause | undefined) => r && { ...r, exprs: r.exprs.map(ex), into: r.into.map(ex) };
  const statement = ((): DmlStatement => {
    switch (s.kind) {
      case 'select':
        return { ...s, query: q(s.query) };
      case 'insert': {
        const r = { ...s };
        if (s.values) r.values = s.values.map((row) => row.map(ex));
        if (s.query) r.query = q(s.query);
        if (s.returning) r.returning = ret(s.returning);
        return r;
      }
      case 'insert-multi':
        return {
          ...s,
          branches: s.branches.map((b) => ({
            ...b,
            ...(b.when ? { when: ex(b.when) } : {}),
            into: b.into.map((i) => (i.values ? { ...i, values: i.values.map(ex) } : i)),
          })),
          query: q(s.query),
        };
      case 'update': {
        const r = { ...s, set: set(s.set) };
        if (s.where) r.where = ex(s.where);
        if (s.returning) r.returning = ret(s.returning);
        return r;
      }
      case 'delete': {
        const r = { ...s };
        if (s.where) r.where = ex(s.where);
        if (s.returning) r.returning = ret(s.returning);
        return r;
      }
      case 'merge': {
        const r = { ...s, using: f(s.using), on: ex(s.on) };
        if (s.matched)
          r.matched = {
            set: set(s.matched.set),
            ...(s.matched.where ? { where: ex(s.matched.where) } : {}),
            ...(s.matched.deleteWhere ? { deleteWhere: ex(s.matched.deleteWhere) } : {}),
          };
        if (s.notMatched)
          r.notMatched = {
            ...s.notMatched,
            values: s.notMatched.values.map(ex),
            ...(s.notMatched.where ? { where: ex(s.notMatched.where) } : {}),
          };
        return r;
      }
      case 'call': {
        const call = ex(s.call);
        return { ...s, call: call.kind === 'call' ? call : s.call };
      }
      default:
        return s;
    }
  })();
  return statement;
}
