/**
 * Attributes stored as jsonb (recursive-types.ts) read by SQL statements inside PL/SQL. PL/SQL
 * reads of a variable's attribute are converted by the expression pre-pass; in a query the value
 * also comes from FROM items, which that pre-pass does not see:
 *
 *   FROM TABLE(coll) x          x.attr, attr            (coll a collection of a hierarchy's type)
 *   FROM (SELECT … e AS c) s    s.c.attr                (e typed: TREAT(… AS t), VALUE(x), x.attr…)
 *   WITH w AS (SELECT …)        w.c.attr                (a query name read like a derived table)
 *   FROM tab t                  t.col.attr              (a column of an object type of the model)
 *
 * Each such reference is replaced by the same conversion PL/SQL reads use (fromJson: the declared
 * collection or object type, or COUNT / FIRST / LAST on the jsonb array). The walk follows Oracle's
 * name resolution: a name qualified by a FROM item of the block or of an enclosing block is that
 * item's; an unqualified name is a column of the innermost item that has it.
 */
import type { OraName, QualifiedName } from '../../ast/common.js';
import type { DataType, Expr } from '../../ast/expr.js';
import type { FromItem, Query, SelectQuery } from '../../ast/query.js';
import { walkExpr } from '../../rules/walk.js';
import { collectionElement, type PlContext } from './context.js';
import { objectTypeOf, sqlMethodCall, staticType } from './objects.js';
import { continueChain, jsonAttribute } from './recursive-types.js';
import { attributeColumn } from './types.js';

type Columns = Map<OraName, DataType | undefined>;

interface Item {
  names: OraName[];
  /** TABLE(collection of objects): each row is an element, its attributes are the columns. */
  row?: DataType;
  columns?: Columns;
}

interface Scope {
  items: Item[];
  ctes: Map<OraName, Columns>;
  parent?: Scope;
}

const keyOf = (q: QualifiedName) => `${q.schema ?? ''}.${q.name}`;

function attributeType(pc: PlContext, q: QualifiedName, name: OraName): DataType | undefined {
  return pc.cctx.objectTypes.get(keyOf(q))?.find((a) => a.name === name)?.type;
}

/**
 * The replacements of the references to jsonb attributes in the queries of one SQL statement,
 * keyed by the original (Oracle) node; each is built with `sub`, the conversion of the Oracle
 * expressions it keeps (the operand of `(expr).attr`).
 */
export type JsonReads = Map<Expr, (sub: (e: Expr) => Expr) => Expr>;

export function queryJsonReads(queries: Query[], exprs: Expr[], pc: PlContext): JsonReads {
  const out: JsonReads = new Map();
  const root: Scope = { items: [], ctes: new Map() };
  for (const q of queries) walkQuery(q, root, pc, out);
  for (const e of exprs) walkExpressions([e], root, pc, out);
  return out;
}

/** Walks one query; returns the Oracle types of its output columns (by name). */
function walkQuery(q: Query, parent: Scope, pc: PlContext, out: JsonReads): Columns {
  const ctes = new Map(parent.ctes);
  for (const c of q.with?.ctes ?? []) {
    const cols = walkQuery(c.query, { ...parent, ctes }, pc, out);
    ctes.set(c.name, c.columns ? new Map(c.columns.map((n, i) => [n, [...cols.values()][i]])) : cols);
  }
  if (q.kind === 'set') {
    const scope: Scope = { items: [], ctes, parent };
    const left = walkQuery(q.left, scope, pc, out);
    walkQuery(q.right, scope, pc, out);
    return left;
  }
  return walkSelect(q, { items: [], ctes, parent }, pc, out);
}

function walkSelect(q: SelectQuery, scope: Scope, pc: PlContext, out: JsonReads): Columns {
  const joins: Expr[] = [];
  const add = (f: FromItem) => {
    switch (f.kind) {
      case 'join':
        add(f.left);
        add(f.right);
        if (f.on) joins.push(f.on);
        return;
      case 'table': {
        const cte = !f.name.schema ? scope.ctes.get(f.name.name) : undefined;
        const names = f.alias ? [f.alias] : [f.name.name];
        if (cte) {
          scope.items.push({ names, columns: cte });
          return;
        }
        const table = pc.cctx.findTable(f.name);
        scope.items.push({ names, columns: new Map(table?.columns.map((c) => [c.name, c.type]) ?? []) });
        return;
      }
      case 'subquery': {
        // A LATERAL item sees the items before it; any other, only the enclosing blocks.
        const cols = walkQuery(f.query, f.lateral ? scope : (scope.parent ?? scope), pc, out);
        scope.items.push({ names: f.alias ? [f.alias] : [], columns: cols });
        return;
      }
      case 'table-function': {
        walkExpressions([f.expr], scope, pc, out);
        const t = f.pipelined ? undefined : (staticType(f.expr, pc) ?? functionReturnType(f.expr, pc));
        const element = t && collectionElement(pc.cctx, t);
        const row = element && objectTypeOf(pc.cctx, element) ? element : undefined;
        scope.items.push({ names: f.alias ? [f.alias] : [], ...(row ? { row } : { columns: new Map() }) });
        return;
      }
      default:
        scope.items.push({ names: 'alias' in f && f.alias ? [f.alias] : [], columns: new Map() });
    }
  };
  q.from.forEach(add);
  const exprs: Expr[] = [...q.items.map((i) => i.expr), ...joins];
  if (q.where) exprs.push(q.where);
  if (q.having) exprs.push(q.having);
  for (const g of q.groupBy ?? [])
    if (g.kind === 'expr') exprs.push(g.expr);
    else if (g.kind === 'grouping-sets') exprs.push(...g.sets.flat());
    else exprs.push(...g.items);
  for (const o of q.orderBy ?? []) exprs.push(o.expr);
  if (q.connectBy)
    exprs.push(q.connectBy.condition, ...(q.connectBy.startWith ? [q.connectBy.startWith] : []));
  walkExpressions(exprs, scope, pc, out);
  const cols: Columns = new Map();
  for (const i of q.items) {
    const name = i.alias ?? (i.expr.kind === 'column' ? i.expr.parts[i.expr.parts.length - 1] : undefined);
    if (name) cols.set(name, exprType(i.expr, scope, pc));
  }
  return cols;
}

function walkExpressions(exprs: Expr[], scope: Scope, pc: PlContext, out: JsonReads): void {
  for (const e of exprs)
    walkExpr(e, (x) => {
      switch (x.kind) {
        case 'column': {
          const r = resolve(x.parts, scope, pc);
          const replacement = r?.replacement;
          if (replacement) out.set(x, () => replacement);
          return;
        }
        case 'field': {
          // (expr).attr: TREAT(VALUE(x) AS t).attr, a typed select item's attribute.
          const q = x.field === '*' ? undefined : objectTypeOf(pc.cctx, exprType(x.operand, scope, pc));
          const j = q && jsonAttribute(pc.cctx, q, x.field);
          if (j)
            out.set(x, (sub) =>
              continueChain({ kind: 'field', operand: sub(x.operand), field: j.column }, j.type, [], pc),
            );
          return;
        }
        case 'call': {
          // alias.m(…) / alias.col.m(…): a member function of the object value a FROM item gives
          // (a TABLE() row of objects, an object column), called as its method function.
          if (x.name.length < 2 || x.over || x.name.some((p) => p.startsWith('%'))) return;
          const alias = x.name.length === 2 ? find(scope, x.name[0]) : undefined;
          const r = alias?.row ? { type: alias.row, expr: { kind: 'column', parts: [x.name[0]] } as Expr } : resolve(x.name.slice(0, -1), scope, pc);
          const self = r?.replacement ?? r?.expr;
          const build = r?.type && self ? sqlMethodCall(self, r.type, x.name[x.name.length - 1], x.args, pc) : undefined;
          if (build) out.set(x, build);
          return;
        }
        case 'subquery':
        case 'exists':
        case 'cursor':
          walkQuery(x.query, scope, pc, out);
          return;
        case 'in':
        case 'quantified':
          if (!Array.isArray(x.list)) walkQuery(x.list, scope, pc, out);
          return;
      }
    });
}

/** The declared return type of a call of a standalone or package function (TABLE(f(…)) over its collection). */
function functionReturnType(e: Expr, pc: PlContext): DataType | undefined {
  if (e.kind !== 'call' || e.over) return undefined;
  if (e.name.length === 1 && !pc.lookup(e.name[0]) && pc.cctx.routines.has(e.name[0])) return pc.cctx.routineReturnTypes.get(e.name[0]);
  const m = e.name.length <= 2 ? pc.packageMember(e.name) : undefined;
  const u = m?.info.subprograms.get(m.member);
  return u?.kind === 'function' ? u.returnType : undefined;
}

/** The Oracle type of a select item, when it is an object or collection value the walk can type. */
function exprType(e: Expr, scope: Scope, pc: PlContext): DataType | undefined {
  switch (e.kind) {
    case 'paren':
      return exprType(e.expr, scope, pc);
    case 'treat':
      return e.ref ? undefined : e.type;
    case 'call':
      if (e.name.length === 1 && e.name[0] === 'VALUE' && e.args.length === 1 && !pc.lookup('VALUE')) {
        const a = e.args[0].value;
        if (a.kind === 'column' && a.parts.length === 1) return find(scope, a.parts[0])?.row;
      }
      return undefined;
    case 'column':
      return resolve(e.parts, scope, pc)?.type;
    case 'field': {
      const q = objectTypeOf(pc.cctx, exprType(e.operand, scope, pc));
      return q && attributeType(pc, q, e.field);
    }
    default:
      return undefined;
  }
}

function find(scope: Scope, name: OraName): Item | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const item = s.items.find((i) => i.names.includes(name));
    if (item) return item;
  }
  return undefined;
}

/** A name in a query: its Oracle type, and its conversion when it reads a jsonb attribute. */
function resolve(
  parts: OraName[],
  scope: Scope,
  pc: PlContext,
): { type?: DataType; replacement?: Expr; expr?: Expr } | undefined {
  if (parts.some((p) => p.startsWith('%'))) return undefined;
  let item: Item | undefined;
  let qualifier: OraName[] = [];
  let rest = parts;
  if (parts.length >= 2) {
    item = find(scope, parts[0]);
    if (item) {
      qualifier = [parts[0]];
      rest = parts.slice(1);
    }
  }
  if (!item)
    for (let s: Scope | undefined = scope; s && !item; s = s.parent)
      item = s.items.find((i) =>
        i.row ? !!attributeType(pc, objectTypeOf(pc.cctx, i.row)!, parts[0]) : i.columns?.has(parts[0]),
      );
  if (!item) return undefined;
  // The value the chain starts from, and the attributes still to read.
  let cur: Expr;
  let type: DataType | undefined;
  let attrs: OraName[];
  if (item.row) {
    type = item.row;
    attrs = rest;
    cur = { kind: 'column', parts: qualifier };
    if (!attrs.length) return qualifier.length ? { type, expr: cur } : { type };
  } else {
    type = item.columns?.get(rest[0]);
    cur = { kind: 'column', parts: [...qualifier, rest[0]] };
    attrs = rest.slice(1);
  }
  for (const [i, a] of attrs.entries()) {
    const q = objectTypeOf(pc.cctx, type);
    if (!q) return undefined;
    const j = jsonAttribute(pc.cctx, q, a);
    if (j) {
      const raw = extend(cur, j.column);
      return { type: j.type, replacement: continueChain(raw, j.type, attrs.slice(i + 1), pc) };
    }
    cur = extend(cur, attributeColumn(pc.cctx, q, a));
    type = attributeType(pc, q, a);
  }
  return { type, expr: cur };
}

/** `base.name`: a longer name while the base is one, else a field of the value. */
function extend(base: Expr, name: OraName): Expr {
  return base.kind === 'column'
    ? { kind: 'column', parts: [...base.parts, name] }
    : { kind: 'field', operand: base, field: name };
}
