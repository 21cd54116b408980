/**
 * Chains of field access, element access and collection methods on any PL/SQL value whose static
 * type is known: `cov.objects(unit).lines(n).executions`, `cov.objects(unit).lines.exists(n)`,
 * `f(x).items.count`, `self.results(i).lines.next(j)` …
 *
 * The parser reads such chains as nested nodes: `x.f(i)` after a call or an element is a method
 * node, `.f` a field node. Each step is typed from the declarations (records and object types of
 * the unit, of packages or CREATE TYPE; collection types local, of packages, CREATE TYPE or
 * built-in) and lowered on the value the previous step produced:
 *
 *   .f                       (value).f
 *   .c(k)                    an element: value[k] for a collection held as an array, the
 *                            string-indexed associative array's element read from its jsonb
 *                            (assoc.ts) for one held as jsonb
 *   .c.COUNT / FIRST / LAST  as on a collection variable (arrays, sparse INDEX BY arrays, jsonb)
 *   .c.EXISTS(k) / NEXT(k) / PRIOR(k)
 *
 * Object method calls on such a value are left to objects.ts, which types their operand through
 * `chainType` here.
 */
import type { OraName } from '../../ast/common.js';
import type { DataType, Expr } from '../../ast/expr.js';
import {
  inPackage,
  mapAttributeOf,
  mapElementType,
  mapElementValueAt,
  mapMethodOf,
  packageTypeDecl,
  recordFields,
} from './assoc.js';
import { collectionAttribute, collectionElement, collectionMethod, type PlContext } from './context.js';
import { findMethod, objectTypeOf } from './objects.js';
import { attributeColumn } from './types.js';

const ATTRIBUTES = ['COUNT', 'FIRST', 'LAST', 'LIMIT'];
const METHODS = ['EXISTS', 'NEXT', 'PRIOR'];

/** Fields of a record type or attributes of an object type (undefined for other types). */
export function fieldsOf(
  t: DataType | undefined,
  pc: PlContext,
): { name: OraName; type: DataType }[] | undefined {
  if (!t || t.attribute) return undefined;
  const q = objectTypeOf(pc.cctx, t);
  if (q)
    return pc.cctx.objectTypes.get(`${q.schema ?? ''}.${q.name}`) ?? pc.cctx.objectTypes.get(`.${q.name}`);
  return recordFields(t, pc);
}

/** The element type of a collection type, and whether it is held as jsonb (indexed by strings). */
export function elementOf(
  t: DataType | undefined,
  pc: PlContext,
): { element: DataType; map: boolean } | undefined {
  if (!t || t.attribute) return undefined;
  const map = mapElementType(t, pc);
  if (map) return { element: map, map: true };
  if (!pc.isCollectionType(t)) return undefined;
  const created = collectionElement(pc.cctx, t);
  if (created) return { element: created, map: false };
  if (!t.schema && pc.localTypes.has(t.name)) {
    const local = pc.localElements.get(t.name);
    return local ? { element: local, map: false } : undefined;
  }
  const p = packageTypeDecl(t, pc);
  if (p?.decl.kind === 'type' && (p.decl.def.kind === 'table' || p.decl.def.kind === 'varray'))
    return { element: inPackage(p.decl.def.of, p.info), map: false };
  return undefined;
}

/** Type of a name path: a variable or parameter (SELF's attributes named alone), a package variable, then fields. */
function pathType(parts: OraName[], pc: PlContext): DataType | undefined {
  if (!parts.length || parts.some((p) => p.startsWith('%'))) return undefined;
  if (parts[0] !== 'SELF' && pc.isSelfAttribute(parts[0])) return pathType(['SELF', ...parts], pc);
  let t: DataType | undefined;
  let rest: OraName[];
  const v = pc.lookup(parts[0]);
  if (v) {
    t = v.type;
    rest = parts.slice(1);
  } else {
    // pkg.v / v of the package being converted.
    const n = parts.length >= 2 && pc.packageMember(parts.slice(0, 2))?.info.variables.has(parts[1]) ? 2 : 1;
    const ref = pc.packageMember(parts.slice(0, n));
    const d = ref?.info.variables.get(ref.member);
    if (!ref || !d) return undefined;
    t = inPackage(d.type, ref.info);
    rest = parts.slice(n);
  }
  for (const f of rest) t = fieldsOf(t, pc)?.find((a) => a.name === f)?.type;
  return t;
}

/** The Oracle type of a PL/SQL expression built of names, elements, fields and method calls. */
export function chainType(e: Expr, pc: PlContext): DataType | undefined {
  switch (e.kind) {
    case 'column':
      return pathType(e.parts, pc);
    case 'paren':
      return chainType(e.expr, pc);
    case 'call': {
      if (e.args.length === 1 && !e.args[0].name) {
        const element = elementOf(pathType(e.name, pc), pc)?.element;
        if (element) return element;
      }
      // f(…) / pkg.f(…): the result of a package function.
      if (e.name.length > 2 || (e.name.length === 1 && pc.lookup(e.name[0]))) return undefined;
      const ref = pc.packageMember(e.name);
      const unit = ref?.info.subprograms.get(ref.member);
      return ref && unit?.kind === 'function' && unit.returnType
        ? inPackage(unit.returnType, ref.info)
        : undefined;
    }
    case 'field':
      return e.field === '*'
        ? undefined
        : fieldsOf(chainType(e.operand, pc), pc)?.find((a) => a.name === e.field)?.type;
    case 'method': {
      const base = chainType(e.operand, pc);
      const field = fieldsOf(base, pc)?.find((a) => a.name === e.name);
      if (field)
        return e.args.length === 1 && !e.args[0].name ? elementOf(field.type, pc)?.element : undefined;
      const q = objectTypeOf(pc.cctx, base);
      return q
        ? findMethod(pc.cctx, q, e.name, e.args.length, 'function', { args: e.args, pc })?.method.unit
            .returnType
        : undefined;
    }
    default:
      return undefined;
  }
}

/** A chain whose operand holds a method node (element or call on a value): only these need this module. */
const hasMethod = (e: Expr): boolean =>
  e.kind === 'method' ||
  ((e.kind === 'field' || e.kind === 'paren') && hasMethod(e.kind === 'field' ? e.operand : e.expr));

/**
 * Lowers `x` when it is a step this module handles on a typed value: an element of a collection
 * field, a collection method or attribute, or a field of such a value. Undefined otherwise (the
 * caller goes on). `sub` converts a sub-expression (the PL/SQL pre-pass).
 */
export function lowerChain(x: Expr, pc: PlContext, sub: (e: Expr) => Expr): Expr | undefined {
  if (x.kind === 'method') {
    const base = chainType(x.operand, pc);
    if (!base) return undefined;
    const one = x.args.length === 1 && !x.args[0].name;
    const field = fieldsOf(base, pc)?.find((a) => a.name === x.name);
    if (field && one) {
      const coll = elementOf(field.type, pc);
      if (!coll) return undefined;
      return element(fieldOf(x.operand, base, x.name, pc, sub), coll, x.args[0].value, `${x.name}(…)`, pc);
    }
    const coll = elementOf(base, pc);
    if (coll && one && METHODS.includes(x.name))
      return method(lowerValue(x.operand, pc, sub), base, coll, x.name, x.args[0].value, pc, sub);
    return undefined;
  }
  if (x.kind === 'field' && x.field !== '*') {
    const base = chainType(x.operand, pc);
    if (!base) return undefined;
    // COUNT / FIRST / LAST / LIMIT after an element or a call (on a name path they are a column node).
    const coll = elementOf(base, pc);
    if (coll && ATTRIBUTES.includes(x.field))
      return attribute(lowerValue(x.operand, pc, sub), base, coll, x.field, pc);
    // A field: left to the conversion of its operand unless that holds a step of this module.
    if (hasMethod(x.operand) && fieldsOf(base, pc)?.some((a) => a.name === x.field))
      return fieldOf(x.operand, base, x.field, pc, sub);
  }
  return undefined;
}

/** The PostgreSQL value of a step of a chain. */
function lowerValue(e: Expr, pc: PlContext, sub: (e: Expr) => Expr): Expr {
  return lowerChain(e, pc, sub) ?? sub(e);
}

/** `(value).f`, the attribute's column for an object type (a renamed attribute of a hierarchy). */
function fieldOf(operand: Expr, base: DataType, name: OraName, pc: PlContext, sub: (e: Expr) => Expr): Expr {
  const q = objectTypeOf(pc.cctx, base);
  return {
    kind: 'field',
    operand: lowerValue(operand, pc, sub),
    field: q ? attributeColumn(pc.cctx, q, name) : name,
  };
}

function element(
  c: Expr,
  coll: { element: DataType; map: boolean },
  k: Expr,
  label: string,
  pc: PlContext,
): Expr {
  if (coll.map) return mapElementValueAt(pc.lowered(c), coll.element, pc.expr(k), label, pc);
  return {
    kind: 'subscript',
    operand: c.kind === 'call' || c.kind === 'field' ? { kind: 'paren', expr: c } : c,
    index: pc.arrayIndex(k),
  };
}

function attribute(c: Expr, t: DataType, coll: { map: boolean }, name: string, pc: PlContext): Expr {
  if (coll.map) return mapAttributeOf(`coalesce(${pc.lowered(c)}, '{}'::jsonb)`, name);
  if ((name === 'FIRST' || name === 'LAST') && pc.isSparse(t)) return pc.sparse(name, c);
  return collectionAttribute(c, name);
}

function method(
  c: Expr,
  t: DataType,
  coll: { map: boolean },
  name: string,
  k: Expr,
  pc: PlContext,
  _sub: (e: Expr) => Expr,
): Expr {
  if (coll.map) return mapMethodOf(`coalesce(${pc.lowered(c)}, '{}'::jsonb)`, name, `(${pc.expr(k)})::text`);
  // The index as an integer (a VARCHAR2 value holding an index is converted, as in Oracle).
  const index: Expr = { kind: 'paren', expr: pc.arrayIndex(k) };
  if (pc.isSparse(t)) return pc.sparse(name, c, index);
  return collectionMethod(c, name, index);
}
