/**
 * Object-type expressions in PL/SQL: method calls on any value (`c(i).m(…)`, `f().m()`,
 * `self.items(i).m(…)`, inherited methods), generalized invocation `(SELF AS super).m(…)`,
 * TREAT(x AS t), collection attributes of objects (`obj.list(i)`), static methods `TYPE.m(…)`;
 * SET(collection) and the MULTISET operators are in multisets.ts.
 *
 * Type bodies are converted to functions `<type>_<method>(self, …)` (units.ts) and object types
 * to composite types whose attributes are flattened, supertype's first (types.ts). So a method
 * call becomes a call of the function of the nearest type in the supertype chain that implements
 * it, with the value as first argument; a value is converted to a supertype by building a row of
 * the supertype's attributes (a composite value cannot be cast to another composite type).
 *
 * A hierarchy of more than one type is one composite type with a discriminator (types.ts): every
 * type of it maps to that composite, so a supertype variable holds subtype values (Oracle
 * Object-Relational Developer's Guide, "Substitutable Types"). Then constructors set the
 * discriminator, TREAT(x AS sub) tests it ("TREAT", narrowing gives NULL when x is not of the
 * subtype), `x IS OF ([ONLY] t)` compares it ("IS OF type"), and a member method that a subtype
 * overrides is called through a dispatcher function `<root>_<method>_dispatch` that runs the
 * implementation of the value's dynamic type ("Overriding and Hiding Methods", "Dynamic Method
 * Dispatch"); `(SELF AS super).m()` still calls the supertype's function directly.
 */
import type { QualifiedName } from '../../ast/common.js';
import type { PlsqlUnit } from '../../ast/ddl.js';
import type { DataType, Expr, FuncArg, FuncCall } from '../../ast/expr.js';
import type { Subprogram, TypeMethod } from '../../ast/plsql.js';
import { printExpr } from '../../emit/pg/expr.js';
import { pgNameOf, quoteIdent } from '../../emit/quote.js';
import type { ConvertContext } from '../context.js';
import { collectionElement, type PlContext } from './context.js';
import { methodRoutineName, selfInOut } from './method-kinds.js';
import { chainType } from './chains.js';
import { RESULT_COLUMN } from './outfunctions.js';
import { isASet, multiset, multisetEquals, setOf, submultiset } from './multisets.js';
import { chooseOverload } from './overload-resolution.js';
import { jsonAttribute, lowerRecursiveRead, toJson } from './recursive-types.js';
import { attributeColumn, hierarchyColumns, hierarchyOf, hierarchyRoot, supertypeOf, TYPE_TAG, typeAndDescendants } from './types.js';

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

/** The methods of a type's TYPE BODY (as registered). */
export function typeBodyMethods(ctx: ConvertContext, typeName: string): TypeMethod[] {
  return bodies.get(ctx)?.get(typeName) ?? [];
}

export function attributes(ctx: ConvertContext, q: QualifiedName): { name: string; type: DataType }[] {
  return ctx.objectTypes.get(keyOf(q)) ?? [];
}

const asType = (q: QualifiedName): DataType => ({ kind: 'datatype', name: q.name, args: [], ...(q.schema ? { schema: q.schema } : {}) });

/** Parameters of a method other than SELF. */
const ownParams = (m: TypeMethod) => m.unit.params.filter((p) => p.name !== 'SELF');

/** What a call needs: a function (in an expression) or a procedure (a call statement). */
export type MethodKind = 'function' | 'procedure';

/**
 * The implementation of `name` for a value of type `q`: the type's own body first, then its
 * supertypes'. Overloads are told apart by the number of arguments, then by kind: a type may have
 * a MEMBER FUNCTION and a MEMBER PROCEDURE of one name and parameters, and Oracle runs the function
 * in an expression and the procedure in a call statement (`want`).
 */
export function findMethod(
  ctx: ConvertContext,
  q: QualifiedName,
  name: string,
  argc: number,
  want?: MethodKind,
  /** The call's arguments: among overloads of one number of arguments, the one their types match (overload-resolution.ts). */
  call?: { args: FuncArg[]; pc: PlContext },
  /** Only STATIC methods (a call `TYPE.m(…)`, or one without SELF in a static method). */
  staticOnly = false,
): { owner: QualifiedName; method: TypeMethod } | undefined {
  const seen = new Set<string>();
  const pick = (list: TypeMethod[]): TypeMethod | undefined => {
    if (list.length < 2 || !call) return list[0];
    const units = list.map((m) => ({ ...m.unit, params: ownParams(m) }));
    const chosen = chooseOverload(units, call.args, call.pc).unit;
    return chosen ? list[units.indexOf(chosen)] : list[0];
  };
  const fitsArgs = (m: TypeMethod) => {
    const ps = ownParams(m);
    return argc <= ps.length && ps.slice(argc).every((p) => p.default);
  };
  const isWanted = (m: TypeMethod) => !want || m.unit.kind === want;
  const chain: QualifiedName[] = [];
  for (let t: QualifiedName | undefined = q; t && !seen.has(keyOf(t)); t = supertypeOf(ctx, t)) {
    seen.add(keyOf(t));
    chain.push(t);
  }
  // A subtype inherits its supertypes' static methods too (Oracle Object-Relational Developer's
  // Guide, "About Inheritance in SQL Object Types": subtypes inherit the attributes and methods).
  const candidates = (t: QualifiedName) =>
    (bodies.get(ctx)?.get(t.name) ?? []).filter((m) => m.kind !== 'constructor' && m.unit.name.name === name && (!staticOnly || m.kind === 'static'));
  // The nearest implementation of the wanted kind first: a type may implement only the procedure
  // of a name whose function its subtypes implement (NOT INSTANTIABLE there), or the reverse.
  if (want) {
    for (const t of chain) {
      const best = pick(candidates(t).filter((m) => fitsArgs(m) && isWanted(m)));
      if (best) return { owner: t, method: best };
    }
    // Only subtypes implement it: none here (dispatchOf finds them).
    if (!staticOnly && typeAndDescendants(ctx, q).slice(1).some((t) => candidates(t).some((m) => fitsArgs(m) && isWanted(m)))) return undefined;
  }
  for (const t of chain) {
    const c = candidates(t);
    const best = pick(c.filter((m) => fitsArgs(m) && isWanted(m))) ?? pick(c.filter(fitsArgs)) ?? c.find(isWanted) ?? c[0];
    if (best) return { owner: t, method: best };
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

/** Values of both types have the same PostgreSQL representation (one type, or one hierarchy). */
function sameRep(ctx: ConvertContext, a: QualifiedName, b: QualifiedName): boolean {
  if (same(a, b)) return true;
  const ha = hierarchyOf(ctx, a);
  const hb = hierarchyOf(ctx, b);
  return !!ha && !!hb && same(ha.root, hb.root);
}

/** The discriminator of a hierarchy value: `(e).opg_type`. */
const tagOf = (e: Expr): Expr => ({ kind: 'field', operand: { kind: 'paren', expr: e }, field: TYPE_TAG });
const str = (value: string): Expr => ({ kind: 'literal', type: 'string', value });
/** The discriminator values of a type and its descendants. */
const tagsOf = (ctx: ConvertContext, q: QualifiedName): Expr[] => typeAndDescendants(ctx, q).map((t) => str(t.name));

/** Static (declared) type of a PL/SQL expression, when it can be told. */
export function staticType(e: Expr, pc: PlContext): DataType | undefined {
  // Else a chain through records and collections (chains.ts).
  return objectStaticType(e, pc) ?? chainType(e, pc);
}

function objectStaticType(e: Expr, pc: PlContext): DataType | undefined {
  const ctx = pc.cctx;
  const attrType = (t: DataType | undefined, name: string): DataType | undefined => {
    const q = objectTypeOf(ctx, t);
    // An attribute, or a parameterless member function named without parentheses.
    return q ? (attributes(ctx, q).find((a) => a.name === name)?.type ?? parameterlessFunction(ctx, q, name)?.unit.returnType) : undefined;
  };
  const element = (t: DataType | undefined) => (t ? collectionElement(ctx, t) : undefined);
  switch (e.kind) {
    case 'column': {
      // An attribute of SELF named alone in a type body.
      if (!pc.lookup(e.parts[0]) && pc.isSelfAttribute(e.parts[0])) return staticType({ kind: 'column', parts: ['SELF', ...e.parts] }, pc);
      const info = pc.lookup(e.parts[0]);
      // TYPE.m: a parameterless static function named without parentheses.
      const owner = !info && e.parts.length >= 2 && !pc.inSql ? typeNamed(e.parts.slice(0, -1), pc) : undefined;
      if (owner) return findMethod(ctx, owner, e.parts[e.parts.length - 1], 0, 'function', undefined, true)?.method.unit.returnType;
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
      // pkg_collection(i): an element of a package collection variable.
      const pv = e.args.length === 1 && !pc.lookup(e.name[0]) ? pc.packageMember(e.name) : undefined;
      const pvType = pv?.info.variables.get(pv.member)?.type;
      if (pvType) return element(pvType) ?? packageCollectionElement(pvType, pc);
      if (e.name.length === 1 && !pc.lookup(e.name[0]) && pc.isSelfAttribute(e.name[0])) return staticType({ ...e, name: ['SELF', e.name[0]] }, pc);
      if (e.name.length === 1) {
        const info = pc.lookup(e.name[0]);
        if (info) return e.args.length === 1 ? element(info.type) : undefined;
        // TYPE(…) constructs a value of the type.
        const q = objectTypeOf(ctx, { kind: 'datatype', name: e.name[0], args: [] });
        if (q) return asType(q);
        // COLL(…) constructs a collection of a CREATE TYPE … AS TABLE / VARRAY type.
        const coll: DataType = { kind: 'datatype', name: e.name[0], args: [] };
        if (!pc.cctx.routines.has(e.name[0]) && collectionElement(ctx, coll)) return coll;
        const self = selfMethod(e.name[0], e.args.length, pc, 'function', e.args);
        if (self) return self.method.unit.returnType;
        // f(…).m(): a standalone function returning an object type.
        const returned = pc.ectx.callReturnType?.(e.name) ?? (pc.cctx.routines.has(e.name[0]) ? pc.cctx.routineReturnTypes.get(e.name[0]) : undefined);
        return objectTypeOf(ctx, returned) ? returned : undefined;
      }
      const member = pc.packageMember(e.name);
      if (member) {
        // pkg.f(…).m(): a package function returning an object type.
        const returned = member.info.subprograms.get(member.member);
        return returned?.kind === 'function' && objectTypeOf(ctx, returned.returnType) ? returned.returnType : undefined;
      }
      const owner = typeNamed(e.name.slice(0, -1), pc);
      if (owner) return findMethod(ctx, owner, e.name[e.name.length - 1], e.args.length, 'function', { args: e.args, pc }, true)?.method.unit.returnType;
      const prefix: Expr = { kind: 'column', parts: e.name.slice(0, -1) };
      return memberType(staticType(prefix, pc), e.name[e.name.length - 1], e.args.length, pc, e.args);
    }
    case 'method': {
      const base = e.operand.kind === 'treat' ? e.operand.type : staticType(e.operand, pc);
      return memberType(base, e.name, e.args.length, pc, e.args);
    }
    default:
      return undefined;
  }
}

/** Element type of a package TABLE OF / VARRAY type (`t` in its package, `pkg.t` elsewhere). */
function packageCollectionElement(t: DataType, pc: PlContext): DataType | undefined {
  if (t.attribute || t.schema?.includes('.')) return undefined;
  const ref = pc.packageMember(t.schema ? [t.schema, t.name] : [t.name]);
  const d = ref?.info.typeDecls.find((x) => x.name === ref.member);
  return d?.kind === 'type' && (d.def.kind === 'table' || d.def.kind === 'varray') ? d.def.of : undefined;
}

/** Type of `value.name(args)`: an element of a collection attribute or a method's result. */
function memberType(t: DataType | undefined, name: string, argc: number, pc: PlContext, args?: FuncArg[]): DataType | undefined {
  const q = objectTypeOf(pc.cctx, t);
  if (!q) return undefined;
  const attr = attributes(pc.cctx, q).find((a) => a.name === name);
  if (attr) return argc === 1 ? collectionElement(pc.cctx, attr.type) : argc === 0 ? attr.type : undefined;
  return findMethod(pc.cctx, q, name, argc, 'function', args && { args, pc })?.method.unit.returnType;
}

/**
 * Inside a type body, an unqualified call of one of SELF's methods; in a STATIC method (no SELF),
 * of one of its type's static methods.
 */
function selfMethod(name: string, argc: number, pc: PlContext, want?: MethodKind, args?: FuncArg[]): { owner: QualifiedName; method: TypeMethod } | undefined {
  if (pc.lookup(name) || pc.packageMember([name]) || pc.cctx.routines.has(name)) return undefined;
  const self = objectTypeOf(pc.cctx, pc.lookup('SELF')?.type);
  const q = self ?? (pc.methodType && objectTypeOf(pc.cctx, asType(pc.methodType)));
  return q ? findMethod(pc.cctx, q, name, argc, want, args && { args, pc }, !self) : undefined;
}

/**
 * `T` / `SCHEMA.T` naming an object type of the converted scripts, in a call `T.m(…)` of one of
 * its static methods (Oracle PL/SQL calls them on the type name, PLS-00587 on a value); undefined
 * when the name is a variable, a parameter, an attribute of SELF or a package member.
 */
function typeNamed(parts: string[], pc: PlContext): QualifiedName | undefined {
  if (parts.length > 2 || parts.some((p) => p.startsWith('%')) || pc.lookup(parts[0])) return undefined;
  const ref = pc.packageMember([parts[0]]);
  if (ref && [ref.info.variables, ref.info.constants, ref.info.members, ref.info.cursors].some((m) => m.has(ref.member))) return undefined;
  if (parts.length === 1 && pc.isSelfAttribute(parts[0])) return undefined;
  const name = parts[parts.length - 1];
  return objectTypeOf(pc.cctx, { kind: 'datatype', name, args: [], ...(parts.length === 2 ? { schema: parts[0] } : {}) });
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
  if (!from || sameRep(pc.cctx, from, to)) return e;
  const args: FuncArg[] = attributes(pc.cctx, to).map((a) => ({ value: fieldOf(e, a.name) }));
  return { kind: 'pg-cast', operand: { kind: 'call', name: ['row'], args }, type: typeNode(to, pc) };
}

const methodFunction = (ctx: ConvertContext, owner: QualifiedName, m: TypeMethod) => `${owner.name}_${methodRoutineName(ctx, owner, m)}`;
const dispatchFunction = (ctx: ConvertContext, root: QualifiedName, m: TypeMethod) => `${root.name}_${methodRoutineName(ctx, root, m)}_DISPATCH`;

/**
 * A member method called on a value declared `s` of a hierarchy runs the implementation of the
 * value's dynamic type (Oracle Object-Relational Developer's Guide, "Dynamic Method Dispatch"):
 * when a descendant of `s` implements it differently (or only descendants implement it, a NOT
 * INSTANTIABLE method), the call goes through the hierarchy's dispatcher. Returns its root and
 * the method (for the signature), else undefined (a static call).
 */
function dispatchOf(
  ctx: ConvertContext,
  s: QualifiedName,
  name: string,
  argc: number,
  found: ReturnType<typeof findMethod>,
  want?: MethodKind,
): { root: QualifiedName; found: NonNullable<ReturnType<typeof findMethod>> } | undefined {
  if (found?.method.kind === 'static') return undefined;
  const h = hierarchyOf(ctx, s);
  if (!h) return undefined;
  for (const t of typeAndDescendants(ctx, s).slice(1)) {
    const f = found ? findOverride(ctx, t, found.method) : findMethod(ctx, t, name, argc, want);
    if (f && f.method.kind !== 'static' && (!found || !same(f.owner, found.owner))) return { root: h.root, found: found ?? f };
  }
  return undefined;
}

/** The parameter types of a method other than SELF, as a key (lengths and precisions left out). */
export const signature = (m: TypeMethod) =>
  ownParams(m)
    .map((p) => `${p.type.schema ?? ''}.${p.type.name}${p.type.timeZone ? ` ${p.type.timeZone}` : ''}${p.type.interval ? ` ${p.type.interval.from}` : ''}%${p.type.attribute ?? ''}`)
    .join(',');

/**
 * The implementation of method `m` (same name and parameter types: an override, not another
 * overload) for a value of type `q`: its own body's, or its nearest supertype's.
 */
function findOverride(ctx: ConvertContext, q: QualifiedName, m: TypeMethod): { owner: QualifiedName; method: TypeMethod } | undefined {
  const seen = new Set<string>();
  const sig = signature(m);
  for (let t: QualifiedName | undefined = q; t && !seen.has(keyOf(t)); t = supertypeOf(ctx, t)) {
    seen.add(keyOf(t));
    const hit = (bodies.get(ctx)?.get(t.name) ?? []).find(
      (x) => x.kind !== 'constructor' && x.unit.name.name === m.unit.name.name && x.unit.kind === m.unit.kind && signature(x) === sig,
    );
    if (hit) return { owner: t, method: hit };
  }
  return undefined;
}

const dispatchersDone = new WeakMap<ConvertContext, Set<string>>();

/**
 * The dispatcher of member method `m` of type `q`'s hierarchy, once per hierarchy, method name
 * and number of arguments, when its types do not all run the same implementation:
 * `<root>_<m>_dispatch(self, …)` calls `<type>_<m>` of the nearest implementing type of
 * self's discriminator; a value without one (NULL SELF) raises, as Oracle does (ORA-30625).
 */
export function dispatcherText(ctx: ConvertContext, q: QualifiedName, m: TypeMethod, pc: PlContext): string | undefined {
  if (m.kind === 'constructor' || m.kind === 'static') return undefined;
  const h = hierarchyOf(ctx, q);
  if (!h) return undefined;
  const name = m.unit.name.name;
  const params = ownParams(m);
  const key = `${keyOf(h.root)}.${m.unit.kind} ${name}(${signature(m)})`;
  const done = dispatchersDone.get(ctx) ?? new Set<string>();
  dispatchersDone.set(ctx, done);
  if (done.has(key)) return undefined;
  const owners = new Map<string, { owner: QualifiedName; method: TypeMethod; tags: string[] }>();
  for (const t of h.types) {
    const f = findOverride(ctx, t, m);
    if (!f || f.method.kind === 'static') continue;
    const o = owners.get(keyOf(f.owner)) ?? { owner: f.owner, method: f.method, tags: [] };
    owners.set(keyOf(f.owner), o);
    o.tags.push(t.name);
  }
  // Only when some call can need it (a type whose descendants run another implementation).
  if (!h.types.some((t) => dispatchOf(ctx, t, name, params.length, findOverride(ctx, t, m), m.unit.kind))) return undefined;
  done.add(key);
  const id = (n: string) => quoteIdent(pgNameOf(n));
  const rootType = typeNode(h.root, pc).name;
  const proc = m.unit.kind === 'procedure';
  // A function with OUT / IN OUT parameters returns them with its value as one record
  // (outfunctions.ts): the dispatcher has the same OUT columns and reads them from the implementation.
  const selfOut = !proc && selfInOut(ctx, q, m);
  const outs = !proc && (selfOut || params.some((p) => p.mode !== 'IN'));
  // No defaults: the callers pass them (callArgs), so that overloads with fewer parameters stay
  // distinct for PostgreSQL.
  const decl = params.map((p) => `${p.mode === 'OUT' ? 'OUT ' : p.mode === 'IN OUT' ? 'INOUT ' : ''}${id(p.name)} ${pc.type(p.type, p.name)}`);
  const args = ['self', ...params.filter((p) => !outs || p.mode !== 'OUT').map((p) => id(p.name))].join(', ');
  // Through a record: a composite OUT value cannot be one of several INTO targets.
  const outColumns = [...(selfOut ? ['self'] : []), ...params.filter((p) => p.mode !== 'IN').map((p) => id(p.name)), RESULT_COLUMN];
  const readOuts = outColumns.map((c) => `${c} := opg_o.${c};`).join(' ');
  const fname = `${h.root.schema ? `${quoteIdent(pc.ectx.mapSchema(h.root.schema))}.` : ''}${id(dispatchFunction(ctx, h.root, m))}`;
  const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;
  // A PIPELINED method returns a set (SETOF the collection's element type): the dispatcher too.
  const element = m.unit.attributes.includes('PIPELINED') && m.unit.returnType ? collectionElement(ctx, m.unit.returnType) : undefined;
  const run = (o: { owner: QualifiedName; method: TypeMethod }) =>
    proc
      ? `CALL ${id(methodFunction(ctx, o.owner, o.method))}(${args});`
      : outs
        ? `SELECT * INTO opg_o FROM ${id(methodFunction(ctx, o.owner, o.method))}(${args}); ${readOuts}`
        : element
        ? `RETURN QUERY SELECT * FROM ${id(methodFunction(ctx, o.owner, o.method))}(${args});`
        : `RETURN ${id(methodFunction(ctx, o.owner, o.method))}(${args});`;
  const whens = [...owners.values()].map((o) => `    WHEN ${o.tags.map(lit).join(', ')} THEN ${run(o)}`);
  const body = [
    ...(outs ? ['DECLARE', '  opg_o record;'] : []),
    'BEGIN',
    `  CASE self.${id(TYPE_TAG)}`,
    ...whens,
    `    ELSE RAISE EXCEPTION 'method dispatch of ${name.replace(/'/g, "''")} on an object of type % (NULL SELF or no implementation)', self.${id(TYPE_TAG)};`,
    '  END CASE;',
    'END;',
  ].join('\n');
  const head = proc
    ? `CREATE OR REPLACE PROCEDURE ${fname}(${['INOUT self ' + rootType, ...decl].join(', ')})`
    : outs
      ? `CREATE OR REPLACE FUNCTION ${fname}(${[`${selfOut ? 'INOUT ' : ''}self ${rootType}`, ...decl, `OUT ${RESULT_COLUMN} ${m.unit.returnType ? pc.type(m.unit.returnType, 'RETURN') : 'void'}`].join(', ')})`
      : `CREATE OR REPLACE FUNCTION ${fname}(${['self ' + rootType, ...decl].join(', ')}) RETURNS ${element ? `SETOF ${pc.resolvedType(element, 'RETURN')}` : m.unit.returnType ? pc.type(m.unit.returnType, 'RETURN') : 'void'}`;
  return `${head}\nLANGUAGE plpgsql\nAS $$\n${body}\n$$;`;
}

/** A method call resolved to its function, with the self value and the arguments (converted). */
interface Resolved {
  owner: QualifiedName;
  method: TypeMethod;
  /** The self value as written (an assignment target when the method is a procedure); none for a STATIC method. */
  self?: Expr;
  /** The hierarchy root whose dispatcher runs the call (dynamic dispatch). */
  dispatch?: QualifiedName;
  selfType?: QualifiedName;
  args: FuncArg[];
}

/**
 * Resolves `operand.name(args)` (a method node, a name chain `v.attr.m(…)` or, in a type body, an
 * unqualified call of a method of SELF); undefined when it is not a method call on an object.
 */
function resolveCall(x: Expr, pc: PlContext, want: MethodKind = 'function'): Resolved | 'not-found' | undefined {
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
  } else if (x.kind === 'call' && x.name.length >= 2 && !pc.packageMember(x.name) && typeNamed(x.name.slice(0, -1), pc)) {
    // TYPE.m(…) / SCHEMA.TYPE.m(…): a static method of the type or of a supertype.
    const owner = typeNamed(x.name.slice(0, -1), pc)!;
    const found = findMethod(ctx, owner, x.name[x.name.length - 1], x.args.length, want, { args: x.args, pc }, true);
    return found ? { ...found, args: x.args } : 'not-found';
  } else if (x.kind === 'call' && x.name.length >= 2 && !pc.packageMember(x.name)) {
    operand = { kind: 'column', parts: x.name.slice(0, -1) };
    name = x.name[x.name.length - 1];
    args = x.args;
    start = selfType = objectTypeOf(ctx, staticType(operand, pc));
  } else if (x.kind === 'call' && x.name.length === 1 && !x.over) {
    const found = selfMethod(x.name[0], x.args.length, pc, want, x.args);
    const self = objectTypeOf(ctx, pc.lookup('SELF')?.type);
    // Also a method that only subtypes implement (NOT INSTANTIABLE here): dispatched.
    const d =
      self && (found || !(pc.lookup(x.name[0]) || pc.packageMember([x.name[0]]) || ctx.routines.has(x.name[0])))
        ? dispatchOf(ctx, self, x.name[0], x.args.length, found, want)
        : undefined;
    if (d) return { ...d.found, self: { kind: 'column', parts: ['SELF'] }, ...(self ? { selfType: self } : {}), args: x.args, dispatch: d.root };
    if (!found) return undefined;
    if (found.method.kind === 'static') return { ...found, args: x.args };
    return { ...found, self: { kind: 'column', parts: ['SELF'] }, ...(self ? { selfType: self } : {}), args: x.args };
  } else return undefined;
  if (!start) return undefined;
  if (attributes(ctx, start).some((a) => a.name === name)) return undefined;
  const found = findMethod(ctx, start, name, args.length, want, { args, pc });
  const generalized = x.kind === 'method' && x.operand.kind === 'treat' && x.operand.generalized;
  const d = generalized ? undefined : dispatchOf(ctx, start, name, args.length, found, want);
  if (d) return { ...d.found, self: operand, ...(selfType ? { selfType } : {}), args, dispatch: d.root };
  if (!found) return 'not-found';
  return { ...found, self: operand, ...(selfType ? { selfType } : {}), args };
}

const functionOf = (ctx: ConvertContext, r: Resolved) => (r.dispatch ? dispatchFunction(ctx, r.dispatch, r.method) : methodFunction(ctx, r.owner, r.method));

/**
 * `self.m(args)` in SQL, where `self` (already converted: a FROM item's row or an object column)
 * has object type `t`: the method function call, its arguments converted by `sub`; undefined when
 * `m` is not a member function of the type (recursive-query.ts resolves `self` by Oracle's rules).
 */
export function sqlMethodCall(self: Expr, t: DataType, name: string, args: FuncArg[], pc: PlContext): ((sub: (e: Expr) => Expr) => Expr) | undefined {
  const ctx = pc.cctx;
  const start = objectTypeOf(ctx, t);
  if (!start || attributes(ctx, start).some((a) => a.name === name)) return undefined;
  const found = findMethod(ctx, start, name, args.length, 'function', { args, pc });
  const d = dispatchOf(ctx, start, name, args.length, found, 'function');
  const r: Resolved | undefined = d
    ? { ...d.found, self, selfType: start, args, dispatch: d.root }
    : found && found.method.kind !== 'static'
      ? { ...found, self, selfType: start, args }
      : undefined;
  if (!r) return undefined;
  return (sub) => nullSelfInSql(r, self, { kind: 'call', name: [functionOf(ctx, r)], args: callArgs(r, pc, (e) => (e === self ? e : sub(e))) });
}

/**
 * In SQL a member function of a NULL object is not called and gives NULL (SQL Language Reference,
 * "Object Access Expressions"): CASE WHEN self IS NOT DISTINCT FROM NULL THEN NULL ELSE call END,
 * for a self that is a column or a field of one (read twice, no side effects).
 */
function nullSelfInSql(r: Resolved, self: Expr, call: Expr): Expr {
  const plain = (e: Expr): boolean => e.kind === 'column' || (e.kind === 'field' && plain(e.operand)) || (e.kind === 'paren' && plain(e.expr));
  if (r.method.kind === 'static' || r.method.unit.kind !== 'function' || r.method.unit.attributes.includes('PIPELINED') || !plain(self)) return call;
  const isNull: Expr = { kind: 'binary', op: 'IS NOT DISTINCT FROM', left: self, right: { kind: 'literal', type: 'null', value: 'NULL' } };
  return { kind: 'case', whens: [{ when: isNull, then: { kind: 'literal', type: 'null', value: 'NULL' } }], else: call };
}

/**
 * opg_self(v): v, or ORA-30625 (SELF_IS_NULL, condition null_value_not_allowed) when v is an
 * atomically null object: PL/SQL raises it calling a member method on one (SQL gives NULL).
 */
export const SELF_HELPER = `CREATE OR REPLACE FUNCTION opg_self(v anyelement)
RETURNS anyelement
LANGUAGE plpgsql
IMMUTABLE
AS $body$
BEGIN
  IF v IS NOT DISTINCT FROM NULL THEN
    RAISE null_value_not_allowed USING MESSAGE = 'ORA-30625: method dispatch on NULL SELF argument is disallowed';
  END IF;
  RETURN v;
END;
$body$;`;

/** Whether a member call on `self` raises SELF_IS_NULL for a NULL object: in PL/SQL, not on SELF. */
function checksSelf(r: Resolved, pc: PlContext): boolean {
  return !!r.self && r.method.kind !== 'static' && !pc.inSql && !(r.self.kind === 'column' && r.self.parts.length === 1 && r.self.parts[0] === 'SELF');
}

/** The self value of a member function call in PL/SQL, through opg_self (checksSelf). */
function checkedSelf(e: Expr, pc: PlContext): Expr {
  if (!pc.preStatements.includes(SELF_HELPER)) pc.preStatements.push(SELF_HELPER);
  return { kind: 'call', name: ['opg_self'], args: [{ value: e }] };
}

/** Arguments of the method function: self (converted to the owner type) first. */
function callArgs(r: Resolved, pc: PlContext, sub: (e: Expr) => Expr, checkSelf = false): FuncArg[] {
  const own = r.args.map((a) => ({ ...a, value: sub(a.value) }));
  // A static method has no SELF (a value it was called on, which Oracle rejects, is not passed).
  if (!r.self || r.method.kind === 'static') return own;
  const self = sub(r.self);
  const args = [{ value: upcast(checkSelf && checksSelf(r, pc) ? checkedSelf(self, pc) : self, r.selfType, r.owner, pc) }, ...own];
  if (!r.dispatch) return args;
  // A dispatcher has no defaults: the omitted parameters get theirs here.
  const positional = r.args.filter((a) => !a.name).length;
  const named = new Set(r.args.filter((a) => a.name).map((a) => a.name));
  const missing = ownParams(r.method).filter((p, i) => i >= positional && !named.has(p.name) && p.default);
  return [...args, ...missing.map((p) => ({ name: p.name, value: sub(p.default!) }))];
}

function notFound(x: Expr, pc: PlContext): void {
  const name = x.kind === 'method' ? x.name : x.kind === 'call' ? x.name[x.name.length - 1] : '?';
  const operand = x.kind === 'method' ? x.operand : undefined;
  const owner = x.kind === 'call' && x.name.length >= 2 ? typeNamed(x.name.slice(0, -1), pc) : undefined;
  const t = operand?.kind === 'treat' ? operand.type.name : operand ? staticType(operand, pc)?.name : owner && `type ${owner.name} (static)`;
  pc.fail(
    `method ${name} of ${t ?? 'an object type'}: no implementation in the converted type bodies of the type, its supertypes or its subtypes`,
  );
}

/**
 * Reports (OPG-PLSQL-0062) a collection of objects whose type (or a supertype) has a MAP or ORDER
 * method, compared element by element by `what`: Oracle compares them through the method,
 * PostgreSQL attribute by attribute. True when reported.
 */
const methodComparisons = new WeakMap<PlContext, Set<string>>();

function comparedByMethod(what: string, c: Expr, pc: PlContext): boolean {
  const ctx = pc.cctx;
  const t = staticType(c, pc);
  const el = t && collectionElement(ctx, t);
  const q = el && objectTypeOf(ctx, el);
  const seen = new Set<string>();
  for (let s = q; s && !seen.has(keyOf(s)); s = supertypeOf(ctx, s)) {
    seen.add(keyOf(s));
    const m = typeBodyMethods(ctx, s.name).find((x) => x.kind === 'map' || x.kind === 'order');
    // The hierarchy's operators compare through the method (comparisonOperatorsText).
    const root = hierarchyRoot(ctx, s);
    const rootMethod = typeBodyMethods(ctx, root.name).find((x) => x.kind === 'map' || x.kind === 'order');
    if (m && rootMethod && comparesByOperators(ctx, root, rootMethod)) return false;
    if (m) {
      const detail = `${what} on a collection of ${q!.name}, whose ${m.kind.toUpperCase()} method ${s.name}.${m.unit.name.name} Oracle compares the elements with: here they are compared attribute by attribute`;
      // Once per unit (an expression can be lowered more than once).
      const done = methodComparisons.get(pc) ?? new Set<string>();
      methodComparisons.set(pc, done);
      if (!done.has(detail)) pc.report('OPG-PLSQL-0062', { detail });
      done.add(detail);
      return true;
    }
  }
  return false;
}

/**
 * PL/SQL object nodes → PostgreSQL nodes; undefined when `x` is not one (the caller goes on).
 * `sub` converts a sub-expression (the PL/SQL pre-pass).
 */
export function lowerObjectExpr(x: Expr, pc: PlContext, sub: (e: Expr) => Expr): Expr | undefined {
  const ctx = pc.cctx;
  if (x.kind === 'call' && x.name.length === 1 && x.name[0] === 'SET' && x.args.length === 1 && !pc.lookup('SET')) {
    comparedByMethod('SET(…)', x.args[0].value, pc);
    return setOf(sub(x.args[0].value));
  }
  if (x.kind === 'call' && x.name.length === 1 && x.name[0].startsWith('MULTISET ') && x.args.length === 2) {
    if (x.name[0] !== 'MULTISET UNION ALL' && !comparedByMethod(x.name[0], x.args[0].value, pc)) comparedByMethod(x.name[0], x.args[1].value, pc);
    return multiset(x.name[0], sub(x.args[0].value), sub(x.args[1].value), pc);
  }
  if (x.kind === 'call' && x.name.length === 1 && x.name[0] === 'IS A SET' && x.args.length === 1) {
    comparedByMethod('IS A SET', x.args[0].value, pc);
    return isASet(sub(x.args[0].value));
  }
  if (x.kind === 'call' && x.name.length === 1 && x.name[0] === 'SUBMULTISET' && x.args.length === 2) {
    if (!comparedByMethod('SUBMULTISET', x.args[0].value, pc)) comparedByMethod('SUBMULTISET', x.args[1].value, pc);
    return submultiset(sub(x.args[0].value), sub(x.args[1].value), pc);
  }
  if (x.kind === 'is-null') {
    // An object is NULL only when atomically null, not when its attributes all are; IS NOT NULL
    // is true for an object with some NULL attributes (PostgreSQL's row tests look at every
    // attribute): compare the whole value with NULL.
    const q = objectTypeOf(ctx, staticType(x.operand, pc));
    if (q) return { kind: 'binary', op: x.not ? 'IS DISTINCT FROM' : 'IS NOT DISTINCT FROM', left: sub(x.operand), right: { kind: 'literal', type: 'null', value: 'NULL' } };
  }
  if (x.kind === 'binary' && (x.op === '=' || x.op === '<>')) {
    // Only nested tables compare with = / <> in Oracle (not VARRAYs nor INDEX BY tables).
    const t = staticType(x.left, pc) ?? staticType(x.right, pc);
    if (t && pc.isCollectionType(t) && !pc.isSparse(t) && pc.varrayLimit(t) === undefined) {
      if (!comparedByMethod(x.op, x.left, pc)) comparedByMethod(x.op, x.right, pc);
      return multisetEquals(sub(x.left), sub(x.right), x.op === '<>', pc);
    }
  }
  if (x.kind === 'call' && x.name.length === 1 && x.name[0] === 'XMLELEMENT' && x.args[0]?.name === 'EVALNAME') {
    pc.fail('XMLELEMENT(EVALNAME …): PostgreSQL element names are fixed in the query (build the XML text, or use a fixed name)');
    return { ...x, args: x.args.slice(1).map((a) => ({ ...a, value: sub(a.value) })) };
  }
  if (x.kind === 'call' && x.name.length === 1 && x.name[0] === 'VALUE' && x.args.length === 1 && pc.inSql && !pc.lookup('VALUE')) {
    // VALUE(t) of a row of TABLE(collection of objects) or of a pipelined function: the object
    // itself, which PostgreSQL's whole-row reference to the FROM item is (its composite type).
    const a = x.args[0].value;
    if (a.kind === 'column' && a.parts.length === 1 && !pc.lookup(a.parts[0])) return a;
  }
  if (x.kind === 'quantified' && x.arrayOperand && Array.isArray(x.list) && x.list.length === 1) {
    // x MEMBER OF c on a nested table of objects: PostgreSQL does not take a domain over an array
    // of a composite type as the array of = ANY (…), its base type (element[]) it does.
    comparedByMethod('MEMBER OF', x.list[0], pc);
    const t = staticType(x.list[0], pc);
    const el = t && collectionElement(ctx, t);
    if (el && objectTypeOf(ctx, el)) {
      const base: DataType = { kind: 'datatype', name: `${pc.resolvedType(el, 'MEMBER OF')}[]`, args: [] };
      return { ...x, operand: sub(x.operand), list: [{ kind: 'pg-cast', operand: sub(x.list[0]), type: base }] };
    }
  }
  if (x.kind === 'treat') return treat(x, pc, sub);
  // Attributes stored as jsonb (recursive-types.ts).
  const recursive = lowerRecursiveRead(x, pc, sub);
  if (recursive) return recursive;
  const bare = withoutParentheses(x, pc);
  if (bare) return lowerObjectExpr(bare, pc, sub) ?? bare;
  if (x.kind === 'column' || x.kind === 'field') return renamedAttribute(x, pc, sub);
  if (x.kind === 'call' && x.name.length === 1 && x.name[0] === 'IS OF' && x.args.length >= 2) return isOf(x.args, pc, sub);
  if (x.kind === 'call' && x.name.length === 1 && x.name[0] === 'SYS_TYPEID' && x.args.length === 1 && !pc.lookup('SYS_TYPEID')) {
    // SYS_TYPEID(x): the dynamic type of x (Oracle SQL Language Reference, "SYS_TYPEID"); here
    // the type's name, not Oracle's RAW type id (values compare the same way).
    const q = objectTypeOf(ctx, staticType(x.args[0].value, pc));
    if (q && hierarchyOf(ctx, q)) return tagOf(sub(x.args[0].value));
  }
  const ctorName = x.kind === 'call' ? x.name[x.name.length - 1] : '';
  if (x.kind === 'call' && (x.name.length === 1 || (x.name.length === 2 && !pc.packageMember(x.name))) && !pc.lookup(x.name[0])) {
    // TYPE(…) / SCHEMA.TYPE(…): the attribute-value constructor, unless a user-defined
    // constructor of the type takes these arguments (Oracle resolves the call among both).
    const q = objectTypeOf(ctx, { kind: 'datatype', name: ctorName, args: [], ...(x.name.length === 2 ? { schema: x.name[0] } : {}) });
    const userDefined = !!ctx.objectMethods.get(ctorName)?.has(ctorName);
    if (q && (!userDefined || attributeValueCall(ctx, q, x.args))) {
      const h = hierarchyOf(ctx, q);
      if (h) return construct(q, h.root, x.args, pc, sub);
      // Named notation TYPE(attr => v, …): a row needs the attributes in their declared order.
      if (userDefined || x.args.some((a) => a.name)) return constructNamed(q, x.args, pc, sub);
    }
  }
  if (x.kind !== 'method' && x.kind !== 'call') return undefined;
  // obj.attr(i) / f().attr(i): an element of a collection attribute.
  const operand = x.kind === 'method' ? x.operand : x.name.length >= 2 && !pc.packageMember(x.name) ? ({ kind: 'column', parts: x.name.slice(0, -1) } as Expr) : undefined;
  const name = x.kind === 'method' ? x.name : x.name[x.name.length - 1];
  if (operand && operand.kind !== 'treat') {
    const q = objectTypeOf(ctx, staticType(operand, pc));
    const attr = q && attributes(ctx, q).find((a) => a.name === name);
    if (attr && x.args.length === 1 && collectionElement(ctx, attr.type))
      return { kind: 'subscript', operand: fieldOf(sub(operand), attributeColumn(ctx, q, name)), index: sub(x.args[0].value) };
    if (attr && x.args.length === 0) return fieldOf(sub(operand), attributeColumn(ctx, q, name));
  }
  const r = resolveCall(x, pc);
  if (r === 'not-found') {
    // Reported once; the unit is kept as a comment.
    notFound(x, pc);
    return { kind: 'call', name: [name], args: x.args.map((a) => ({ ...a, value: sub(a.value) })) };
  }
  if (!r) return undefined;
  if (r.method.unit.kind === 'function' && (ownParams(r.method).some((p) => p.mode !== 'IN') || selfInOut(ctx, r.owner, r.method)))
    pc.fail(
      `call of method ${r.method.unit.name.name}, a function with OUT parameters, inside an expression (only v := obj.${r.method.unit.name.name}(…) is converted: assign the result to a variable first)`,
    );
  // A PIPELINED method returns a set: TABLE(obj.m(…)) reads it as such (rewriteFrom).
  if (r.method.unit.attributes.includes('PIPELINED')) ctx.pipelined.add(functionOf(ctx, r));
  const rt = r.method.unit.kind === 'function' && r.method.unit.returnType && !r.method.unit.attributes.includes('PIPELINED') ? pc.oracleType(r.method.unit.returnType) : undefined;
  if (rt) pc.methodReturns.set(functionOf(ctx, r), rt);
  const call: Expr = { kind: 'call', name: [functionOf(ctx, r)], args: callArgs(r, pc, sub, true) };
  return pc.inSql && r.self ? nullSelfInSql(r, sub(r.self), call) : call;
}

/**
 * `obj.m(…)` where m is a member function with OUT / IN OUT parameters: the call and the routine
 * as outFunctionAssign (outfunctions.ts) takes them (SELF first, IN), so `v := obj.m(x)` assigns
 * the OUT arguments and the result; likewise `v := TYPE.m(x)` for a static function (no SELF).
 * Undefined for anything else, or when SELF needs a conversion.
 */
export function methodOutCall(x: Expr, pc: PlContext): { call: FuncCall; unit: Subprogram } | undefined {
  // obj.m without parentheses.
  if (x.kind === 'column' && x.parts.length >= 2 && !x.parts.some((p) => p.startsWith('%'))) x = { kind: 'call', name: x.parts, args: [] };
  if (x.kind !== 'method' && !(x.kind === 'call' && !x.over)) return undefined;
  const r = resolveCall(x, pc, 'function');
  if (!r || r === 'not-found' || r.method.unit.kind !== 'function') return undefined;
  const params = ownParams(r.method);
  // A static function (TYPE.m(…)): its own parameters only.
  if (r.method.kind === 'static' || !r.self) {
    if (!params.some((p) => p.mode !== 'IN')) return undefined;
    const name = functionOf(pc.cctx, r);
    return { call: { kind: 'call', name: [name], args: r.args }, unit: { ...r.method.unit, name: { name }, params } };
  }
  const selfOut = selfInOut(pc.cctx, r.owner, r.method);
  if (!selfOut && !params.some((p) => p.mode !== 'IN')) return undefined;
  if (r.selfType && !sameRep(pc.cctx, r.selfType, r.owner)) return undefined;
  // The changed object is written back to where it came from: that must be a variable, an
  // attribute or an element.
  if (selfOut && !['column', 'call', 'field', 'subscript'].includes(r.self.kind)) return undefined;
  // A dispatcher has no defaults: the omitted parameters get theirs here (as callArgs).
  const positional = r.args.filter((a) => !a.name).length;
  const named = new Set(r.args.filter((a) => a.name).map((a) => a.name));
  const missing = r.dispatch ? params.filter((p, i) => i >= positional && !named.has(p.name) && p.default) : [];
  const selfParam = { name: 'SELF', mode: selfOut ? ('IN OUT' as const) : ('IN' as const), type: asType(r.dispatch ?? r.owner) };
  const unit: Subprogram = { ...r.method.unit, name: { name: functionOf(pc.cctx, r) }, params: [selfParam, ...params] };
  const args: FuncArg[] = [{ value: r.self }, ...r.args, ...missing.map((p) => ({ name: p.name, value: p.default! }))];
  return { call: { kind: 'call', name: [functionOf(pc.cctx, r)], args }, unit };
}

/**
 * A member function of `q` (or, NOT INSTANTIABLE there, of its subtypes) that takes no arguments,
 * when `q` has no attribute of that name.
 */
function parameterlessFunction(ctx: ConvertContext, q: QualifiedName, name: string): TypeMethod | undefined {
  if (attributes(ctx, q).some((a) => a.name === name)) return undefined;
  for (const t of typeAndDescendants(ctx, q)) {
    const f = findMethod(ctx, t, name, 0, 'function');
    if (f?.method.unit.kind === 'function' && f.method.kind !== 'constructor') return f.method;
  }
  return undefined;
}

/**
 * A parameterless member function named without parentheses, which PL/SQL allows (Oracle PL/SQL
 * Language Reference, "Subprogram Invocations"; SQL requires them): `v.m`, `(e).m`, and `m` alone
 * in a type body, as a method call node; undefined for anything else.
 */
function withoutParentheses(x: Expr, pc: PlContext): Expr | undefined {
  const ctx = pc.cctx;
  if (pc.inSql) return undefined;
  if (x.kind === 'field') {
    const q = x.field === '*' ? undefined : objectTypeOf(ctx, staticType(x.operand, pc));
    return q && parameterlessFunction(ctx, q, x.field) ? { kind: 'method', operand: x.operand, name: x.field, args: [] } : undefined;
  }
  if (x.kind !== 'column' || x.parts.some((p) => p.startsWith('%'))) return undefined;
  const [first] = x.parts;
  if (x.parts.length === 1) {
    if (pc.lookup(first) || pc.isSelfAttribute(first) || pc.packageMember([first]) || ctx.routines.has(first)) return undefined;
    const self = objectTypeOf(ctx, pc.lookup('SELF')?.type);
    if (self) return parameterlessFunction(ctx, self, first) ? { kind: 'call', name: [first], args: [] } : undefined;
    // In a static method: a parameterless static function of its type.
    const own = pc.methodType && objectTypeOf(ctx, asType(pc.methodType));
    const f = own && findMethod(ctx, own, first, 0, 'function', undefined, true);
    return f && f.method.unit.kind === 'function' ? { kind: 'call', name: [first], args: [] } : undefined;
  }
  if (!pc.lookup(first) && !pc.isSelfAttribute(first)) {
    // TYPE.m: a parameterless static function.
    const owner = typeNamed(x.parts.slice(0, -1), pc);
    const f = owner && findMethod(ctx, owner, x.parts[x.parts.length - 1], 0, 'function', undefined, true);
    return f && f.method.unit.kind === 'function' ? { kind: 'call', name: x.parts, args: [] } : undefined;
  }
  const prefix: Expr = { kind: 'column', parts: x.parts.slice(0, -1) };
  const name = x.parts[x.parts.length - 1];
  const q = objectTypeOf(ctx, staticType(prefix, pc));
  return q && parameterlessFunction(ctx, q, name) ? { kind: 'method', operand: prefix, name, args: [] } : undefined;
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
  const h = hierarchyOf(ctx, to);
  if (h && (!from || (!isAncestor(ctx, to, from) && sameRep(ctx, from, to)))) {
    // Narrowing (Oracle Object-Relational Developer's Guide, "TREAT"): the value when its dynamic
    // type is `to` or a descendant of it, else NULL. The operand is evaluated twice.
    const test: Expr = { kind: 'in', operand: tagOf(operand), list: tagsOf(ctx, to), not: false } as Expr;
    // Parenthesized: PL/pgSQL ends an IF / WHILE condition at the first THEN outside parentheses.
    return { kind: 'paren', expr: { kind: 'case', whens: [{ when: test, then: operand }], else: { kind: 'pg-cast', operand: { kind: 'literal', type: 'null', value: 'NULL' }, type: typeNode(to, pc) } } };
  }
  if (!from) return { kind: 'pg-cast', operand: { kind: 'paren', expr: operand }, type: typeNode(to, pc) };
  if (same(from, to)) return operand;
  if (isAncestor(ctx, to, from)) return upcast(operand, from, to, pc);
  if (!same(hierarchyRoot(ctx, from), hierarchyRoot(ctx, to))) {
    pc.fail(`${label} of a value declared ${from.name}: ${to.name} is not a type of its hierarchy (Oracle rejects it)`);
    return operand;
  }
  // Types of one hierarchy share its composite type (narrowed above).
  return operand;
}

/**
 * `v.attr` / `f().attr` where the attribute is held in a column of another name (an attribute of a
 * sibling type of the hierarchy has its name and another data type, types.ts); undefined else.
 */
function renamedAttribute(x: Extract<Expr, { kind: 'column' | 'field' }>, pc: PlContext, sub: (e: Expr) => Expr): Expr | undefined {
  const ctx = pc.cctx;
  if (x.kind === 'field') {
    if (x.field === '*') return undefined;
    const q = objectTypeOf(ctx, staticType(x.operand, pc));
    const col = q && attributeColumn(ctx, q, x.field);
    return q && col !== x.field ? { kind: 'field', operand: sub(x.operand), field: col! } : undefined;
  }
  if (x.parts.length < 2 || !pc.lookup(x.parts[0])) return undefined;
  let t = pc.lookup(x.parts[0])?.type;
  const parts = [x.parts[0]];
  let changed = false;
  for (const p of x.parts.slice(1)) {
    const q = objectTypeOf(ctx, t);
    const col = q ? attributeColumn(ctx, q, p) : p;
    changed ||= col !== p;
    parts.push(col);
    t = q ? attributes(ctx, q).find((a) => a.name === p)?.type : undefined;
  }
  return changed ? { kind: 'column', parts } : undefined;
}

/**
 * The attribute-value constructor of a type of a hierarchy (Oracle Object-Relational Developer's
 * Guide, "Constructors"): a row of the hierarchy's composite type with the discriminator set to
 * the type and the attributes of other types of the hierarchy NULL.
 */
function construct(q: QualifiedName, root: QualifiedName, args: FuncArg[], pc: PlContext, sub: (e: Expr) => Expr): Expr {
  const own = attributes(pc.cctx, q);
  const values = new Map<string, Expr>();
  args.forEach((a, i) => {
    const name = a.name ?? own[i]?.name;
    // An attribute stored as jsonb takes the value as jsonb (recursive-types.ts).
    const j = name ? jsonAttribute(pc.cctx, q, name) : undefined;
    if (name) values.set(attributeColumn(pc.cctx, q, name), j ? toJson(sub(a.value), j.type, pc) : sub(a.value));
  });
  if (args.length > own.length) pc.fail(`${q.name}(…): ${args.length} arguments for ${own.length} attributes`);
  const row: FuncArg[] = hierarchyColumns(pc.cctx, root).columns.map((c, i) => ({
    value: i === 0 ? str(q.name) : (values.get(c.name) ?? { kind: 'literal', type: 'null', value: 'NULL' }),
  }));
  return { kind: 'pg-cast', operand: { kind: 'call', name: ['row'], args: row }, type: typeNode(root, pc) };
}

/**
 * TYPE(args) of a type with user-defined constructors: whether the call is one of the
 * attribute-value constructor (Oracle Object-Relational Developer's Guide, "Constructor Methods":
 * both exist unless a user-defined one has the attribute-value signature). It is when no
 * user-defined constructor takes the arguments (by number and, in named notation, by parameter
 * names) and they fit the attributes: one per attribute, or names that are all attributes.
 */
function attributeValueCall(ctx: ConvertContext, q: QualifiedName, args: FuncArg[]): boolean {
  const positional = args.filter((a) => !a.name).length;
  const named = args.filter((a) => a.name).map((a) => a.name as string);
  const takes = (params: { name: string; default?: unknown }[]) =>
    positional <= params.length &&
    named.every((n) => params.slice(positional).some((p) => p.name === n)) &&
    params.slice(positional).every((p) => p.default || named.includes(p.name));
  const ctors = typeBodyMethods(ctx, q.name).filter((m) => m.kind === 'constructor');
  if (ctors.some((m) => takes(ownParams(m)))) return false;
  const own = attributes(ctx, q);
  if (!named.length) return positional === own.length;
  return positional <= own.length && named.every((n) => own.slice(positional).some((a) => a.name === n));
}

/**
 * The attribute-value constructor of a type outside a hierarchy called with named (or mixed)
 * notation: a row of the type's attributes in their declared order. Oracle requires every
 * attribute; one left out is NULL here (reported).
 */
function constructNamed(q: QualifiedName, args: FuncArg[], pc: PlContext, sub: (e: Expr) => Expr): Expr {
  const own = attributes(pc.cctx, q);
  const values = new Map<string, Expr>();
  args.forEach((a, i) => {
    const name = a.name ?? own[i]?.name;
    if (name && own.some((x) => x.name === name)) values.set(name, sub(a.value));
    else pc.fail(`${q.name}(…): ${a.name ? `no attribute ${a.name}` : `${args.length} arguments for ${own.length} attributes`}`);
  });
  const missing = own.filter((a) => !values.has(a.name)).map((a) => a.name);
  if (missing.length)
    pc.report('OPG-PLSQL-0002', { detail: `${q.name}(…) without ${missing.join(', ')}: Oracle's attribute-value constructor requires every attribute (PLS-00306); here they are NULL` });
  const row: FuncArg[] = own.map((a) => ({ value: values.get(a.name) ?? { kind: 'literal', type: 'null', value: 'NULL' } }));
  return { kind: 'pg-cast', operand: { kind: 'call', name: ['row'], args: row }, type: typeNode(q, pc) };
}

/**
 * `x IS [NOT] OF ([ONLY] a, …)` (Oracle Object-Relational Developer's Guide, "IS OF type"): the
 * discriminator is one of the types (or their descendants, without ONLY). Undefined when a type is
 * not of a converted hierarchy (the rules report it).
 */
function isOf(args: FuncArg[], pc: PlContext, sub: (e: Expr) => Expr): Expr | undefined {
  const tags: Expr[] = [];
  for (const a of args.slice(1)) {
    const only = a.value.kind === 'call' && a.value.name[0] === 'ONLY';
    const lit = only && a.value.kind === 'call' ? a.value.args[0]?.value : a.value;
    if (lit?.kind !== 'literal') return undefined;
    const q = objectTypeOf(pc.cctx, { kind: 'datatype', name: String(lit.value), args: [] });
    if (!q) return undefined;
    if (!hierarchyOf(pc.cctx, q)) return undefined;
    tags.push(...(only ? [str(q.name)] : tagsOf(pc.cctx, q)));
  }
  return { kind: 'in', operand: tagOf(sub(args[0].value)), list: tags, not: false };
}

/**
 * A method call used as a statement: `CALL <type>_<method>(self, …)`. A member procedure takes
 * SELF IN OUT: when the value is not a plain variable of the method's type (a collection element,
 * an attribute, SELF seen as a supertype) it goes through a variable and is written back.
 */
export function objectCallStatement(
  call: Expr,
  pc: PlContext,
  sub: (e: Expr) => Expr,
  /** Emits an assignment statement (to write SELF back where PL/pgSQL cannot assign directly). */
  assign?: (target: Expr, value: Expr) => string[],
): string[] | undefined {
  // `obj.m;`: a method called without parentheses.
  if (call.kind === 'column' && call.parts.length >= 2 && !call.parts.some((p) => p.startsWith('%'))) call = { kind: 'call', name: call.parts, args: [] };
  else if (call.kind === 'column' && call.parts.length === 1 && selfMethod(call.parts[0], 0, pc, 'procedure')) call = { kind: 'call', name: call.parts, args: [] };
  const r = resolveCall(call, pc, 'procedure');
  if (r === 'not-found') {
    notFound(call, pc);
    return [`-- not converted: ${printExpr(call)}`];
  }
  if (!r) return undefined;
  const fn = quoteIdent(pgNameOf(functionOf(pc.cctx, r)));
  const func = r.method.unit.kind === 'function';
  const args = callArgs(r, pc, sub, func).map((a) => (a.name ? `${quoteIdent(pgNameOf(a.name))} => ${printExpr(a.value)}` : printExpr(a.value)));
  if (func) return [`PERFORM ${fn}(${args.join(', ')});`];
  // A static procedure: a procedure without SELF.
  if (r.method.kind === 'static' || !r.self) return [`CALL ${fn}(${args.join(', ')});`];
  const self = sub(r.self);
  // A member procedure on a NULL object: SELF_IS_NULL (ORA-30625), checked before the CALL (its
  // SELF is IN OUT, an assignable argument); an IF leaves FOUND alone.
  const guard = checksSelf(r, pc)
    ? [
        `IF ${printExpr(self)} IS NOT DISTINCT FROM NULL THEN`,
        "  RAISE null_value_not_allowed USING MESSAGE = 'ORA-30625: method dispatch on NULL SELF argument is disallowed';",
        'END IF;',
      ]
    : [];
  return [...guard, ...procedureCall(r, self, fn, args, pc, assign)];
}

/** The CALL of a member procedure, SELF written back where PL/pgSQL cannot pass it as INOUT. */
function procedureCall(
  r: Resolved,
  self: Expr,
  fn: string,
  args: string[],
  pc: PlContext,
  assign: ((target: Expr, value: Expr) => string[]) | undefined,
): string[] {
  if (!r.self) return [`CALL ${fn}(${args.join(', ')});`];
  const plain = self.kind === 'column' && self.parts.length === 1 && (!r.selfType || sameRep(pc.cctx, r.selfType, r.owner));
  if (plain) return [`CALL ${fn}(${args.join(', ')});`];
  const tmp = `opg_self_${pgNameOf(r.owner.name)}`;
  pc.extraDecls.set(`SELF:${keyOf(r.owner)}`, `${quoteIdent(tmp)} ${typeNode(r.owner, pc).name};`);
  const target = targetText(self);
  const viaTemp = [`${quoteIdent(tmp)} := ${args[0]};`, `CALL ${fn}(${[quoteIdent(tmp), ...args.slice(1)].join(', ')});`];
  // SELF read through a package variable's getter (pkg_coll(i).m(…)): the procedure changed it,
  // written back by an assignment statement (read-modify-write of the package variable).
  const place = r.self.kind === 'call' || r.self.kind === 'column' || r.self.kind === 'field' || r.self.kind === 'subscript';
  if (!assignTarget(self) && assign && place && (!r.selfType || sameRep(pc.cctx, r.selfType, r.owner)))
    return [...viaTemp, ...assign(r.self, { kind: 'column', parts: [tmp.toUpperCase()] })];
  // SELF is not a variable (TREAT(…), a function result): Oracle passes a temporary, nothing to write back.
  if (!assignTarget(self)) return viaTemp;
  const back =
    !r.selfType || sameRep(pc.cctx, r.selfType, r.owner)
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

/** Whether `m` of `q` gives `q` comparison operators (comparisonOperatorsText). */
function comparesByOperators(ctx: ConvertContext, q: QualifiedName, m: TypeMethod): boolean {
  if ((m.kind !== 'map' && m.kind !== 'order') || m.unit.kind !== 'function') return false;
  const params = ownParams(m);
  if (params.length !== (m.kind === 'order' ? 1 : 0) || params.some((p) => p.mode !== 'IN') || selfInOut(ctx, q, m)) return false;
  const h = hierarchyOf(ctx, q);
  return !h || same(h.root, q);
}

/**
 * The comparison operators of an object type with a MAP or ORDER method (Oracle compares such
 * objects only through it: `a = b`, `a < b`, ORDER BY, DISTINCT, GROUP BY, MEMBER OF, SET and the
 * MULTISET operators; Object-Relational Developer's Guide, "Comparing Objects"): `=`, `<>`, `<`,
 * `<=`, `>`, `>=` on the type's composite, computed from the MAP value (`map(a) op map(b)`) or the
 * ORDER function's sign (`order(a, b) op 0`), and a default btree operator class, which PostgreSQL
 * takes for sorting, grouping, DISTINCT and array_position / = ANY instead of its attribute-by-
 * attribute record comparison. The ordering support function puts a NULL MAP value last, as
 * Oracle's ORDER BY does. Undefined when `m` is not such a method, for a subtype (the root's
 * operators serve the whole hierarchy, through the dispatcher when a subtype overrides MAP) and
 * for a method returning more than its value (SELF IN OUT).
 */
export function comparisonOperatorsText(ctx: ConvertContext, q: QualifiedName, m: TypeMethod, pc: PlContext): string | undefined {
  if (!comparesByOperators(ctx, q, m)) return undefined;
  const params = ownParams(m);
  const h = hierarchyOf(ctx, q);
  const id = (n: string) => quoteIdent(pgNameOf(n));
  const schema = q.schema ? `${quoteIdent(pc.ectx.mapSchema(q.schema))}.` : '';
  const dispatched = h?.types.some((t) => dispatchOf(ctx, t, m.unit.name.name, params.length, findOverride(ctx, t, m), 'function'));
  const method = `${schema}${id(dispatched ? dispatchFunction(ctx, q, m) : methodFunction(ctx, q, m))}`;
  const type = typeNode(q, pc).name;
  const fn = (suffix: string) => `${schema}${id(`${q.name}_OPG_${suffix}`)}`;
  const ops: [string, string, string, string, string][] = [
    // operator, function suffix, commutator, negator, selectivity
    ['=', 'EQ', '=', '<>', 'RESTRICT = eqsel, JOIN = eqjoinsel'],
    ['<>', 'NE', '<>', '=', 'RESTRICT = neqsel, JOIN = neqjoinsel'],
    ['<', 'LT', '>', '>=', 'RESTRICT = scalarltsel, JOIN = scalarltjoinsel'],
    ['<=', 'LE', '>=', '>', 'RESTRICT = scalarlesel, JOIN = scalarlejoinsel'],
    ['>', 'GT', '<', '<=', 'RESTRICT = scalargtsel, JOIN = scalargtjoinsel'],
    ['>=', 'GE', '<=', '<', 'RESTRICT = scalargesel, JOIN = scalargejoinsel'],
  ];
  const test = (op: string) => (m.kind === 'map' ? `${method}(a) ${op} ${method}(b)` : `${method}(a, b) ${op} 0`);
  const lines = [
    `-- ${q.name}.${m.unit.name.name} (${m.kind.toUpperCase()}) compares ${q.name} values: operators and default operator class`,
    ...ops.map(
      ([op, suffix]) =>
        `CREATE OR REPLACE FUNCTION ${fn(suffix)}(a ${type}, b ${type}) RETURNS boolean LANGUAGE sql STRICT AS $$ SELECT ${test(op)} $$;`,
    ),
    m.kind === 'map'
      ? `CREATE OR REPLACE FUNCTION ${fn('CMP')}(a ${type}, b ${type}) RETURNS integer LANGUAGE sql STRICT AS $$ SELECT CASE WHEN x IS NOT DISTINCT FROM y THEN 0 WHEN x IS NULL THEN 1 WHEN y IS NULL THEN -1 WHEN x < y THEN -1 ELSE 1 END FROM (SELECT ${method}(a) AS x, ${method}(b) AS y) AS v $$;`
      : `CREATE OR REPLACE FUNCTION ${fn('CMP')}(a ${type}, b ${type}) RETURNS integer LANGUAGE sql STRICT AS $$ SELECT sign(coalesce(${method}(a, b), 0))::integer $$;`,
    ...ops.map(
      ([op, suffix, com, neg, sel]) =>
        `CREATE OPERATOR ${schema}${op} (LEFTARG = ${type}, RIGHTARG = ${type}, FUNCTION = ${fn(suffix)}, COMMUTATOR = ${com}, NEGATOR = ${neg}, ${sel});`,
    ),
    `CREATE OPERATOR CLASS ${fn('OPS')} DEFAULT FOR TYPE ${type} USING btree AS OPERATOR 1 ${schema}<, OPERATOR 2 ${schema}<=, OPERATOR 3 ${schema}=, OPERATOR 4 ${schema}>=, OPERATOR 5 ${schema}>, FUNCTION 1 ${fn('CMP')}(${type}, ${type});`,
  ];
  return lines.join('\n');
}

/**
 * The function of member function `name` of object type `t` for a call in plain SQL (a view),
 * its dispatcher when subtypes override it; undefined when `t` has no such member function.
 */
export function memberFunctionName(ctx: ConvertContext, t: DataType, name: string, argc: number): string | undefined {
  const q = objectTypeOf(ctx, t);
  if (!q || attributes(ctx, q).some((a) => a.name === name)) return undefined;
  const found = findMethod(ctx, q, name, argc, 'function');
  if (!found || found.method.kind === 'static' || found.method.kind === 'constructor' || found.method.unit.kind !== 'function') return undefined;
  if (found.method.unit.attributes.includes('PIPELINED') || ownParams(found.method).some((p) => p.mode !== 'IN')) return undefined;
  const d = dispatchOf(ctx, q, name, argc, found, 'function');
  return d ? dispatchFunction(ctx, d.root, d.found.method) : methodFunction(ctx, found.owner, found.method);
}
