/**
 * Schema-level types (CREATE TYPE … AS OBJECT / TABLE OF / VARRAY) known before any unit is
 * converted, so that the order of the scripts does not matter: a type body, a package or another
 * type can use a type whose script comes later (supertypes of UNDER types, collection methods on
 * parameters of collection types). The PostgreSQL objects are ordered by their dependencies.
 */
import type { OraName, QualifiedName } from '../../ast/common.js';
import type { PlsqlUnit } from '../../ast/ddl.js';
import type { DataType } from '../../ast/expr.js';
import type { PgObject } from '../../ast/pg.js';
import type { ConvertContext } from '../context.js';
import { noteCollectionType } from './context.js';

interface ObjectTypeDef {
  name: QualifiedName;
  under?: QualifiedName;
  attributes: { name: OraName; type: DataType }[];
}

type Attributes = { name: OraName; type: DataType }[];

/** Object type definitions of a conversion, by key (`schema.name`, '' for no schema). */
const definitions = new WeakMap<ConvertContext, Map<string, ObjectTypeDef>>();

const keyOf = (q: QualifiedName) => `${q.schema ?? ''}.${q.name}`;

/** Registers a CREATE TYPE unit in the model (before any unit is converted). */
export function registerType(unit: PlsqlUnit, ctx: ConvertContext): void {
  const ast = unit.ast;
  if (ast?.kind !== 'type') return;
  if (ast.def.kind !== 'object') {
    noteCollectionType(ast.name, ast.def.of, ctx);
    return;
  }
  const defs = definitions.get(ctx) ?? new Map<string, ObjectTypeDef>();
  definitions.set(ctx, defs);
  const d: ObjectTypeDef = { name: ast.name, ...(ast.def.under ? { under: ast.def.under } : {}), attributes: ast.def.attributes };
  defs.set(keyOf(ast.name), d);
  const waiting = pending.get(ctx) ?? new Set<ObjectTypeDef>();
  pending.set(ctx, waiting);
  waiting.add(d);
  resolvePending(ctx, defs, waiting);
}

/** Types whose supertype is not registered yet, per conversion. */
const pending = new WeakMap<ConvertContext, Set<ObjectTypeDef>>();

/** The definition a supertype name refers to (same schema as the subtype, or any schema). */
function findDef(defs: Map<string, ObjectTypeDef>, ref: QualifiedName, from: QualifiedName): ObjectTypeDef | undefined {
  return (
    defs.get(keyOf(ref)) ??
    defs.get(`${from.schema ?? ''}.${ref.name}`) ??
    defs.get(`.${ref.name}`) ??
    (ref.schema ? undefined : [...defs.values()].find((d) => d.name.name === ref.name))
  );
}

/**
 * Flattened attributes (supertype's first) of the waiting object types whose supertypes are now
 * all known go to ctx.objectTypes; the others keep waiting (left out while their supertype is
 * unknown).
 */
function resolvePending(ctx: ConvertContext, defs: Map<string, ObjectTypeDef>, waiting: Set<ObjectTypeDef>): void {
  let progress = true;
  while (progress) {
    progress = false;
    for (const d of waiting) {
      let attrs: Attributes | undefined = d.attributes;
      if (d.under) {
        const parent = findDef(defs, d.under, d.name);
        const inherited = parent && parent !== d ? ctx.objectTypes.get(keyOf(parent.name)) : undefined;
        attrs = inherited ? [...inherited, ...d.attributes] : undefined;
      }
      if (!attrs) continue;
      ctx.objectTypes.set(keyOf(d.name), attrs);
      waiting.delete(d);
      progress = true;
    }
  }
}

/**
 * Attributes of a registered object type with its supertypes' first, computed from the definitions
 * as they are now (ALTER TYPE merged into them); undefined when a supertype is not registered.
 */
export function flattenedAttributes(ctx: ConvertContext, name: QualifiedName): Attributes | undefined {
  const defs = definitions.get(ctx);
  const walk = (d: ObjectTypeDef | undefined, seen: Set<ObjectTypeDef>): Attributes | undefined => {
    if (!d || seen.has(d)) return undefined;
    if (!d.under) return d.attributes;
    const inherited = walk(findDef(defs!, d.under, d.name), new Set([...seen, d]));
    return inherited ? [...inherited, ...d.attributes] : undefined;
  };
  return defs && walk(defs.get(keyOf(name)), new Set());
}

/** The supertype definition of a registered UNDER type (undefined when it is not in the sources). */
export function supertypeOf(ctx: ConvertContext, name: QualifiedName): QualifiedName | undefined {
  const defs = definitions.get(ctx);
  const d = defs?.get(keyOf(name));
  if (!defs || !d?.under) return undefined;
  return findDef(defs, d.under, d.name)?.name;
}

/** User-defined type names a data type refers to (for dependency ordering). */
function typeRefs(t: DataType): string[] {
  if (t.attribute) return [];
  return [keyOf({ ...(t.schema ? { schema: t.schema } : {}), name: t.name })];
}

/** Keys of the types a CREATE TYPE unit depends on: its supertype, attribute and element types. */
export function typeDependencies(unit: PlsqlUnit): string[] {
  const ast = unit.ast;
  if (ast?.kind !== 'type') return [];
  const def = ast.def;
  if (def.kind !== 'object') return typeRefs(def.of);
  return [...(def.under ? [keyOf(def.under)] : []), ...def.attributes.flatMap((a) => typeRefs(a.type))];
}

/**
 * Puts the objects of the given kind of one phase in dependency order (`defines` / `dependsOn`,
 * a name without schema matching any schema), keeping the positions they occupy.
 */
export function topoSortObjects(objects: PgObject[], select: (o: PgObject) => boolean): PgObject[] {
  const idx = objects.map((o, i) => ({ o, i })).filter((x) => select(x.o) && x.o.defines);
  if (idx.length < 2) return objects;
  const byName = new Map<string, PgObject>();
  const byShort = new Map<string, PgObject>();
  for (const x of idx) {
    byName.set(x.o.defines!, x.o);
    const short = x.o.defines!.split('.').pop()!;
    if (!byShort.has(short)) byShort.set(short, x.o);
  }
  const done = new Set<PgObject>();
  const visiting = new Set<PgObject>();
  const out: PgObject[] = [];
  const visit = (o: PgObject) => {
    if (done.has(o) || visiting.has(o)) return;
    visiting.add(o);
    for (const d of o.dependsOn ?? []) {
      const dep = byName.get(d) ?? (d.startsWith('.') ? byShort.get(d.slice(1)) : byName.get(`.${d.split('.').pop()}`));
      if (dep && dep !== o) visit(dep);
    }
    visiting.delete(o);
    done.add(o);
    out.push(o);
  };
  for (const x of idx) visit(x.o);
  const result = [...objects];
  idx.forEach((x, k) => {
    result[x.i] = out[k];
  });
  return result;
}
