/**
 * Object-type expressions in PL/SQL: method calls on any value (`c(i).m(…)`, `f().m()`,
 * `self.items(i).m(…)`, inherited methods), generalized invocation `(SELF AS super).m(…)`,
 * TREAT(x AS t), collection attributes of objects (`obj.list(i)`), SET(collection) and the
 * MULTISET operators.
 *
 * Type bodies are converted to functions `<type>_<method>(self, …)` (units.ts) and object types
 * to composite types whose attributes are flattened, supertype's first (types.ts). So a method
 * call becomes a call of the function of the nearest type in the supertype chain that implements
 * it, with the value as first argument; a value is converted to a supertype by building a row of
 * the supertype's attributes (a composite value cannot be cast to another composite type).
 * Dynamic dispatch is lost: the method is chosen by the declared type, and a value of a subtype
 * cannot be held by a variable of its supertype (TREAT down to a subtype is reported).
 */
import type { QualifiedName } from '../../ast/common.js';
import type { PlsqlUnit } from '../../ast/ddl.js';
import type { DataType, Expr, FuncArg } from '../../ast/expr.js';
import type { TypeMethod } from '../../ast/plsql.js';
import type { Query } from '../../ast/query.js';
import { printExpr } from '../../emit/pg/expr.js';
import { pgNameOf, quoteIdent } from '../../emit/quote.js';
import type { ConvertContext } from '../context.js';
import { collectionElement, type PlContext } from './context.js';
import { supertypeOf } from './types.js';

type Bodies = Map<string, TypeMethod[]>;
const bodies = new WeakMap<ConvertContext, Bodies>();
const keyOf = (q: QualifiedName) => `${q.schema ?? ''}.${q.name}`;

/** Remembers the methods of a TYPE BODY (signatures for method calls on values of the type). */
export function registerTypeBody(unit: PlsqlUnit, ctx: ConvertContext): void {
  if (unit.ast?.kind !== 'type-body') return;
  const map = bodies.get(ctx) ?? new Map<string, TypeMethod[]>();
  bodies.set(ctx, map);
  map.set(unit.ast.name.name, unit.ast.methods);
}

/** The object type a data type names, when the conversion knows its attributes. */
export function objectTypeOf(ctx: ConvertContext, t: DataType | undefined): QualifiedName | undefined {
  if (!t || t.attribute || t.args.length) return undefined;
  const q: QualifiedName = t.schema ? { schema: t.schema, name: t.name } : { name: t.name };
  if (ctx.objectTypes.has(keyOf(q))) return q;
  if (t.schema) return undefined;
  for (const k of ctx.objectTypes.keys())
    if (k.endsWith(`.${t.name}`)) {
      const schema = k.slice(0, -t.name.length - 1);
      return schema ? { schema, name: t.name } : { name: t.name };
    }
  return undefined;
}

function attributes(ctx: ConvertContext, q: QualifiedName): { name: string; type: DataType }[] {
  return ctx.objectTypes.get(keyOf(q)) ?? [];
}

const asType = (q: QualifiedName): DataType => ({ kind: 'datatype', name: q.name, args: [], ...(q.schema ? { schema: q.schema } : {}) });

/** Parameters of a method other than SELF. */
const ownParams = (m: TypeMethod) => m.unit.params.filter((p) => p.name !== 'SELF');

/**
 * The implementation of `name` for a value of type `q`: the type's own body first, then its
 * supertypes'. Overloads are told apart by the number of arguments.
 */
export function findMethod(ctx: ConvertContext, q: QualifiedName, name: string, argc: number): { owner: QualifiedName; method: TypeMethod } | undefined {
  const seen = new Set<string>();
  for (let t: QualifiedName | undefined = q; t && !seen.has(keyOf(t)); t = supertypeOf(ctx, t)) {
    seen.add(keyOf(t));
    const candidates = (bodies.get(ctx)?.get(t.name) ?? []).filter((m) => m.kind !== 'constructor' && m.unit.name.name === name);
    const fits = candidates.find((m) => {
      const ps = ownParams(m);
      return argc <= ps.length && ps.slice(argc).every((p) => p.default);
    });
    if (fits ?? candidates[0]) return { owner: t, method: (fits ?? candidates[0])! };
  }
  return undefined;
}

/** True when `ancestor` is `q` or one of its supertypes. */
function isAncestor(ctx: ConvertContext, ancestor: QualifiedName, q: QualifiedName): boolean {
  const seen = new Set<string>();
  for (let t: QualifiedName | undefined = q; t && !seen.has(keyOf(t)); t = supertypeOf(ctx, t)) {
    if (t.name === ancestor.name && (!ancestor.schema || !t.schema || ancestor.schema === t.schema)) return true;
    seen.add(keyOf(t));
  }
  return false;
}

const same = (a: QualifiedName, b: QualifiedName) => a.name === b.name && (!a.schema || !b.schema || a.schema === b.schema);

/** Static (declared) type of a PL/SQL expression, when it can be told. */
export function staticType(e: Expr, pc: PlContext): DataType | undefined {
  const ctx = pc.cctx;
  const attrType = (t: DataType | undefined, name: string): DataType | undefined => {
    const q = objectTypeOf(ctx, t);
    return q ? attributes(ctx, q).find((a) => a.name === name)?.type : undefined;
  };
  const element = (t: DataType | undefined) => (t ? collectionElement(ctx, t) : undefined);
  switch (e.kind) {
    case 'column': {
      const info = pc.lookup(e.parts[0]);
      let t = info?.type;
      for (const p of e.parts.slice(1)) t = attrType(t, p);
      return t;
    }
    case 'paren':
      return staticType(e.expr, pc);
    case 'field':
      return e.field === '*' ? undefined : attrType(staticType(e.operand, pc), e.field);
    case 'treat':
      return e.type;
    case 'call': {
      if (e.name.length === 1) {
        const info = pc.lookup(e.name[0]);
        if (info) return e.args.length === 1 ? element(info.type) : undefined;
        // TYPE(…) constructs a value of the type.
        const q = objectTypeOf(ctx, { kind: 'datatype', name: e.name[0], args: [] });
        if (q) return asType(q);
        return selfMethod(e.name[0], e.args.length, pc)?.method.unit.returnType;
      }
      if (pc.packageMember(e.name)) return undefined;
      const prefix: Expr = { kind: 'column', parts: e.name.slice(0, -1) };
      return memberType(staticType(prefix, pc), e.name[e.name.length - 1], e.args.length, pc);
    }
    case 'method': {
      const base = e.operand.kind === 'treat' ? e.operand.type : staticType(e.operand, pc);
      return memberType(base, e.name, e.args.length, pc);
    }
    default:
      return undefined;
  }
}

/** Type of `value.name(args)`: an element of a collection attribute or a method's result. */
function memberType(t: DataType | undefined, name: string, argc: number, pc: PlContext): DataType | undefined {
  const q = objectTypeOf(pc.cctx, t);
  if (!q) return undefined;
  const attr = attributes(pc.cctx, q).find((a) => a.name === name);
  if (attr) return argc === 1 ? collectionElement(pc.cctx, attr.type) : argc === 0 ? attr.type : undefined;
  return findMethod(pc.cctx, q, name, argc)?.method.unit.returnType;
}

/** Inside a type body, an unqualified call of one of SELF's methods. */
function selfMethod(name: string, argc: number, pc: PlContext): { owner: QualifiedName; method: TypeMethod } | undefined {
  if (pc.lookup(name) || pc.packageMember([name]) || pc.cctx.routines.has(name)) return undefined;
  const self = objectTypeOf(pc.cctx, pc.lookup('SELF')?.type);
  return self ? findMethod(pc.cctx, self, name, argc) : undefined;
}

/** `e.name` (a name chain stays a name chain, so it is also a valid assignment target). */
function fieldOf(e: Expr, name: string): Expr {
  return e.kind === 'column' ? { kind: 'column', parts: [...e.parts, name] } : { kind: 'field', operand: e, field: name };
}

function typeNode(q: QualifiedName, pc: PlContext): DataType {
  return { kind: 'datatype', name: pc.type(asType(q), q.name), args: [] };
}

/**
 * A value of type `from` as a value of its supertype `to`: a row of `to`'s attributes (the first
 * ones of `from`, flattened), cast to `to`.
 */
function upcast(e: Expr, from: QualifiedName | undefined, to: QualifiedName, pc: PlContext): Expr {
  if (!from || same(from, to)) return e;
  const args: FuncArg[] = attributes(pc.cctx, to).map((a) => ({ value: fieldOf(e, a.name) }));
  return { kind: 'pg-cast', operand: { kind: 'call', name: ['row'], args }, type: typeNode(to, pc) };
}

const methodFunction = (owner: QualifiedName, name: string) => `${owner.name}_${name}`;

/** A method call resolved to its function, with the self value and the arguments (converted). */
interface Resolved {
  owner: QualifiedName;
  method: TypeMethod;
  /** The self value as written (an assignment target when the method is a procedure). */
  self: Expr;
  selfType?: QualifiedName;
  args: FuncArg[];
}

/**
 * Resolves `operand.name(args)` (a method node, a name chain `v.attr.m(…)` or, in a type body, an
 * unqualified call of a method of SELF); undefined when it is not a method call on an object.
 */
function resolveCall(x: Expr, pc: PlContext): Resolved | 'not-found' | undefined {
  const ctx = pc.cctx;
  let operand: Expr;
  let name: string;
  let args: FuncArg[];
  let start: QualifiedName | undefined;
  let selfType: QualifiedName | undefined;
  if (x.kind === 'method') {
    ({ operand, name, args } = x);
    if (operand.kind === 'treat' && operand.generalized) {
      start = objectTypeOf(ctx, operand.type);
      operand = operand.operand;
      selfType = objectTypeOf(ctx, staticType(operand, pc));
    } else start = selfType = objectTypeOf(ctx, staticType(operand, pc));
  } else if (x.kind === 'call' && x.name.length >= 2 && !pc.packageMember(x.name)) {
    operand = { kind: 'column', parts: x.name.slice(0, -1) };
    name = x.name[x.name.length - 1];
    args = x.args;
    start = selfType = objectTypeOf(ctx, staticType(operand, pc));
  } else if (x.kind === 'call' && x.name.length === 1 && !x.over) {
    const found = selfMethod(x.name[0], x.args.length, pc);
    if (!found) return undefined;
    const self = objectTypeOf(ctx, pc.lookup('SELF')?.type);
    return { ...found, self: { kind: 'column', parts: ['SELF'] }, ...(self ? { selfType: self } : {}), args: x.args };
  } else return undefined;
  if (!start) return undefined;
  if (attributes(ctx, start).some((a) => a.name === name)) return undefined;
  const found = findMethod(ctx, start, name, args.length);
  if (!found) return 'not-found';
  return { ...found, self: operand, ...(selfType ? { selfType } : {}), args };
}

/** Arguments of the method function: self (converted to the owner type) first. */
function callArgs(r: Resolved, pc: PlContext, sub: (e: Expr) => Expr): FuncArg[] {
  return [{ value: upcast(sub(r.self), r.selfType, r.owner, pc) }, ...r.args.map((a) => ({ ...a, value: sub(a.value) }))];
}

function notFound(x: Expr, pc: PlContext): void {
  const name = x.kind === 'method' ? x.name : x.kind === 'call' ? x.name[x.name.length - 1] : '?';
  const operand = x.kind === 'method' ? x.operand : undefined;
  const t = operand?.kind === 'treat' ? operand.type.name : operand ? staticType(operand, pc)?.name : undefined;
  pc.fail(
    `method ${name} of ${t ?? 'an object type'}: no implementation in the converted type bodies of the type or its supertypes (a NOT INSTANTIABLE method is dispatched to subtypes in Oracle; PostgreSQL composite types are not substitutable)`,
  );
}

/**
 * PL/SQL object nodes → PostgreSQL nodes; undefined when `x` is not one (the caller goes on).
 * `sub` converts a sub-expression (the PL/SQL pre-pass).
 */
export function lowerObjectExpr(x: Expr, pc: PlContext, sub: (e: Expr) => Expr): Expr | undefined {
  const ctx = pc.cctx;
  if (x.kind === 'call' && x.name.length === 1 && x.name[0] === 'SET' && x.args.length === 1 && !pc.lookup('SET'))
    return setOf(sub(x.args[0].value));
  if (x.kind === 'call' && x.name.length === 1 && x.name[0].startsWith('MULTISET ') && x.args.length === 2)
    return multiset(x.name[0], sub(x.args[0].value), sub(x.args[1].value), pc);
  if (x.kind === 'call' && x.name.length === 1 && x.name[0] === 'XMLELEMENT' && x.args[0]?.name === 'EVALNAME') {
    pc.fail('XMLELEMENT(EVALNAME …): PostgreSQL element names are fixed in the query (build the XML text, or use a fixed name)');
    return { ...x, args: x.args.slice(1).map((a) => ({ ...a, value: sub(a.value) })) };
  }
  if (x.kind === 'treat') return treat(x, pc, sub);
  if (x.kind !== 'method' && x.kind !== 'call') return undefined;
  // obj.attr(i) / f().attr(i): an element of a collection attribute.
  const operand = x.kind === 'method' ? x.operand : x.name.length >= 2 && !pc.packageMember(x.name) ? ({ kind: 'column', parts: x.name.slice(0, -1) } as Expr) : undefined;
  const name = x.kind === 'method' ? x.name : x.name[x.name.length - 1];
  if (operand && operand.kind !== 'treat') {
    const q = objectTypeOf(ctx, staticType(operand, pc));
    const attr = q && attributes(ctx, q).find((a) => a.name === name);
    if (attr && x.args.length === 1 && collectionElement(ctx, attr.type))
      return { kind: 'subscript', operand: fieldOf(sub(operand), name), index: sub(x.args[0].value) };
    if (attr && x.args.length === 0) return fieldOf(sub(operand), name);
  }
  const r = resolveCall(x, pc);
  if (r === 'not-found') {
    // Reported once; the unit is kept as a comment.
    notFound(x, pc);
    return { kind: 'call', name: [name], args: x.args.map((a) => ({ ...a, value: sub(a.value) })) };
  }
  if (!r) return undefined;
  return { kind: 'call', name: [methodFunction(r.owner, r.method.unit.name.name)], args: callArgs(r, pc, sub) };
}

/** TREAT(x AS t) and a generalized invocation operand (SELF AS t) outside a method call. */
function treat(x: Extract<Expr, { kind: 'treat' }>, pc: PlContext, sub: (e: Expr) => Expr): Expr | undefined {
  const ctx = pc.cctx;
  const to = objectTypeOf(ctx, x.type);
  const label = `TREAT(… AS ${x.ref ? 'REF ' : ''}${x.type.name})`;
  if (x.ref) {
    pc.fail(`${label}: object references (REF) have no PostgreSQL equivalent`);
    return sub(x.operand);
  }
  if (!to) {
    pc.fail(`${label}: ${x.type.name} is not an object type of the converted scripts`);
    return sub(x.operand);
  }
  const operand = sub(x.operand);
  if (x.operand.kind === 'literal' && x.operand.type === 'null') return { kind: 'pg-cast', operand, type: typeNode(to, pc) };
  const from = objectTypeOf(ctx, staticType(x.operand, pc));
  if (!from) return { kind: 'pg-cast', operand: { kind: 'paren', expr: operand }, type: typeNode(to, pc) };
  if (same(from, to)) return operand;
  if (isAncestor(ctx, to, from)) return upcast(operand, from, to, pc);
  pc.fail(
    `${label} of a value declared ${from.name}: ${to.name} is not a supertype of it; after flattening a ${from.name} variable cannot hold a ${to.name} (object substitutability is lost), so the value cannot be narrowed`,
  );
  return operand;
}

/**
 * SET(c): the distinct elements of a nested table, in the order of their first occurrence, one
 * NULL kept (Oracle's SET); NULL for a NULL collection.
 */
function setOf(c: Expr): Expr {
  const cv: Expr = { kind: 'column', parts: ['COLUMN_VALUE'] };
  const distinct: Query = { kind: 'select', distinct: true, items: [{ expr: cv }], from: [{ kind: 'table-function', expr: c }] };
  const agg: Expr = {
    kind: 'call',
    name: ['array_agg'],
    args: [{ value: cv }],
    argOrderBy: [{ expr: { kind: 'call', name: ['array_position'], args: [{ value: c }, { value: cv }] } }],
  };
  const elements: Expr = {
    kind: 'subquery',
    query: { kind: 'select', items: [{ expr: agg }], from: [{ kind: 'subquery', query: distinct, alias: 'OPG_SET' }] },
  };
  return {
    kind: 'case',
    whens: [{ when: { kind: 'is-null', operand: c, not: false }, then: { kind: 'literal', type: 'null', value: 'NULL' } }],
    else: { kind: 'call', name: ['coalesce'], args: [{ value: elements }, { value: { kind: 'literal', type: 'string', value: '{}' } }] },
  };
}

/**
 * a MULTISET UNION | INTERSECT | EXCEPT [ALL | DISTINCT] b on nested tables held as arrays: NULL
 * when either is NULL. UNION ALL appends b to a; UNION DISTINCT keeps the first occurrences (as
 * SET); EXCEPT / INTERSECT DISTINCT are set queries over the elements (their order is not kept).
 */
function multiset(op: string, a: Expr, b: Expr, pc: PlContext): Expr {
  const anyNull: Expr = {
    kind: 'binary',
    op: 'OR',
    left: { kind: 'is-null', operand: a, not: false },
    right: { kind: 'is-null', operand: b, not: false },
  };
  const orNull = (value: Expr): Expr => ({ kind: 'case', whens: [{ when: anyNull, then: { kind: 'literal', type: 'null', value: 'NULL' } }], else: value });
  const both: Expr = { kind: 'call', name: ['array_cat'], args: [{ value: a }, { value: b }] };
  switch (op) {
    case 'MULTISET UNION ALL':
      return orNull(both);
    case 'MULTISET UNION DISTINCT':
      return orNull(setOf(both));
    case 'MULTISET EXCEPT DISTINCT':
    case 'MULTISET INTERSECT DISTINCT': {
      const cv: Expr = { kind: 'column', parts: ['COLUMN_VALUE'] };
      const side = (c: Expr): Query => ({ kind: 'select', items: [{ expr: cv }], from: [{ kind: 'table-function', expr: c }] });
      const rows: Query = { kind: 'set', op: op.includes('EXCEPT') ? 'MINUS' : 'INTERSECT', left: side(a), right: side(b) };
      const agg: Expr = { kind: 'call', name: ['array_agg'], args: [{ value: cv }] };
      const elements: Expr = { kind: 'subquery', query: { kind: 'select', items: [{ expr: agg }], from: [{ kind: 'subquery', query: rows, alias: 'OPG_SET' }] } };
      return orNull({ kind: 'call', name: ['coalesce'], args: [{ value: elements }, { value: { kind: 'literal', type: 'string', value: '{}' } }] });
    }
    default:
      pc.fail(`${op} (PostgreSQL's EXCEPT ALL / INTERSECT ALL would do it in a query over the elements; not converted)`);
      return orNull(both);
  }
}

/**
 * A method call used as a statement: `CALL <type>_<method>(self, …)`. A member procedure takes
 * SELF IN OUT: when the value is not a plain variable of the method's type (a collection element,
 * an attribute, SELF seen as a supertype) it goes through a variable and is written back.
 */
export function objectCallStatement(call: Expr, pc: PlContext, sub: (e: Expr) => Expr): string[] | undefined {
  const r = resolveCall(call, pc);
  if (r === 'not-found') {
    notFound(call, pc);
    return [`-- not converted: ${printExpr(call)}`];
  }
  if (!r) return undefined;
  const fn = quoteIdent(pgNameOf(methodFunction(r.owner, r.method.unit.name.name)));
  const args = callArgs(r, pc, sub).map((a) => (a.name ? `${quoteIdent(pgNameOf(a.name))} => ${printExpr(a.value)}` : printExpr(a.value)));
  if (r.method.unit.kind === 'function' || r.method.kind === 'static') return [`PERFORM ${fn}(${args.join(', ')});`];
  const self = sub(r.self);
  const plain = self.kind === 'column' && self.parts.length === 1 && (!r.selfType || same(r.selfType, r.owner));
  if (plain) return [`CALL ${fn}(${args.join(', ')});`];
  const tmp = `opg_self_${pgNameOf(r.owner.name)}`;
  pc.extraDecls.set(`SELF:${keyOf(r.owner)}`, `${quoteIdent(tmp)} ${typeNode(r.owner, pc).name};`);
  const target = targetText(self);
  const back =
    !r.selfType || same(r.selfType, r.owner)
      ? [`${target} := ${quoteIdent(tmp)};`]
      : attributes(pc.cctx, r.owner).map((a) => `${target}.${quoteIdent(pgNameOf(a.name))} := ${quoteIdent(tmp)}.${quoteIdent(pgNameOf(a.name))};`);
  return [`${quoteIdent(tmp)} := ${args[0]};`, `CALL ${fn}(${[quoteIdent(tmp), ...args.slice(1)].join(', ')});`, ...back];
}

/**
 * An assignment target as PL/pgSQL writes it: `v.attr[i].field` (no parentheses); undefined when
 * the converted expression is not a variable, field or element chain.
 */
export function assignTarget(e: Expr): string | undefined {
  switch (e.kind) {
    case 'column':
      return e.parts.map((p) => quoteIdent(pgNameOf(p))).join('.');
    case 'field': {
      const base = assignTarget(e.operand);
      return base && e.field !== '*' ? `${base}.${quoteIdent(pgNameOf(e.field))}` : undefined;
    }
    case 'subscript': {
      const base = assignTarget(e.operand);
      return base && `${base}[${printExpr(e.index)}]`;
    }
    case 'paren':
      return assignTarget(e.expr);
    default:
      return undefined;
  }
}

function targetText(e: Expr): string {
  return assignTarget(e) ?? printExpr(e);
}
