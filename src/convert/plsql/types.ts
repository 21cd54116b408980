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
import { collectionElement, noteCollectionType } from './context.js';

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
    noteCollectionType(ast.name, ast.def.of, ctx, ast.def.kind === 'varray' ? ast.def.size : undefined);
    return;
  }
  if (ast.def.incomplete) return;
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

// ── type hierarchies (Oracle Object-Relational Developer's Guide, "Inheritance in SQL Object
// Types" and "Substitutable Types") ─────────────────────────────────────────────────────────────
//
// A hierarchy of more than one type (a NOT FINAL type with subtypes) is held in ONE composite type,
// named after the root: a hidden discriminator `opg_type` (the dynamic type's name) followed by
// the attributes of every type of the hierarchy (root's first, then each subtype's own, depth
// first). Every type of the hierarchy maps to that composite, so a variable, parameter, attribute
// or collection element of a supertype can hold a value of any of its subtypes (substitutability);
// the subtypes are also created as domains over it, so other references to their names still work.

/** The name of the discriminator attribute of a hierarchy's composite type. */
export const TYPE_TAG = 'OPG_TYPE';

/** The direct subtypes of a registered object type, in registration order. */
export function subtypesOf(ctx: ConvertContext, name: QualifiedName): QualifiedName[] {
  const defs = definitions.get(ctx);
  if (!defs) return [];
  const me = defs.get(keyOf(name));
  if (!me) return [];
  return [...defs.values()].filter((d) => d.under && d !== me && findDef(defs, d.under, d.name) === me).map((d) => d.name);
}

/** The root of a registered type's hierarchy (the type itself when it has no known supertype). */
export function hierarchyRoot(ctx: ConvertContext, name: QualifiedName): QualifiedName {
  const seen = new Set<string>();
  let t = name;
  for (let up = supertypeOf(ctx, t); up && !seen.has(keyOf(up)); up = supertypeOf(ctx, t)) {
    seen.add(keyOf(t));
    t = up;
  }
  const d = definitions.get(ctx)?.get(keyOf(t));
  return d?.name ?? t;
}

/** A type and all its descendants, depth first (the type first). */
export function typeAndDescendants(ctx: ConvertContext, name: QualifiedName): QualifiedName[] {
  const out: QualifiedName[] = [];
  const seen = new Set<string>();
  const walk = (q: QualifiedName) => {
    if (seen.has(keyOf(q))) return;
    seen.add(keyOf(q));
    out.push(q);
    for (const s of subtypesOf(ctx, q)) walk(s);
  };
  walk(name);
  return out;
}

/**
 * A hierarchy held in one composite type: its root, its types, and its columns (with `json` set on
 * the recursive ones, recursive-types.ts).
 */
type Hierarchy = { root: QualifiedName; types: QualifiedName[]; columns: HierarchyColumn[]; byAttribute: Map<string, OraName> };
/** The hierarchies of a conversion by root key, valid while the definitions keep their size. */
const hierarchies = new WeakMap<
  ConvertContext,
  { version: string; byRoot: Map<string, Hierarchy | undefined> }
>();

/** The hierarchies of a conversion, decided again when the definitions changed. */
function hierarchyCache(ctx: ConvertContext, defs: Map<string, ObjectTypeDef>) {
  let version = `${defs.size}`;
  for (const d of defs.values()) version += `,${d.attributes.length}`;
  let cache = hierarchies.get(ctx);
  if (!cache || cache.version !== version) hierarchies.set(ctx, (cache = { version, byRoot: decideHierarchies(ctx, defs) }));
  return cache;
}

/**
 * The hierarchy of a registered object type when it has more than one type (held in one composite
 * type), else undefined (a type without subtypes is a composite type of its own).
 */
export function hierarchyOf(ctx: ConvertContext, name: QualifiedName): Hierarchy | undefined {
  const defs = definitions.get(ctx);
  if (!defs?.has(keyOf(name))) return undefined;
  return hierarchyCache(ctx, defs).byRoot.get(keyOf(hierarchyRoot(ctx, name)));
}

/**
 * Every hierarchy of more than one type is one composite type. PostgreSQL composite types cannot
 * contain themselves, so a column whose type would hold a value of the hierarchy (a type of it, a
 * collection of such, directly or through other object types) is stored as jsonb instead
 * (recursive-types.ts). Decided in registration order, each with the hierarchies decided before it
 * as decided (their jsonb columns hold nothing) and the later ones as separate types (a later one
 * gets jsonb columns wherever it would close a cycle, so earlier decisions stay valid).
 */
function decideHierarchies(ctx: ConvertContext, defs: Map<string, ObjectTypeDef>): Map<string, Hierarchy | undefined> {
  const byRoot = new Map<string, Hierarchy | undefined>();
  for (const d of defs.values()) {
    if (d.under && supertypeOf(ctx, d.name)) continue;
    const types = typeAndDescendants(ctx, d.name);
    if (types.length < 2) continue;
    const { columns, byAttribute } = columnsOf(ctx, d.name, defs);
    const members = new Set(types.map((t) => keyOf(t)));
    for (const c of columns) if (reaches(ctx, defs, c.type, members, byRoot)) c.json = true;
    byRoot.set(keyOf(d.name), { root: d.name, types, columns, byAttribute });
  }
  return byRoot;
}

/** A value of type `start` holds one of `members` (composite containment), given the hierarchies decided. */
function reaches(ctx: ConvertContext, defs: Map<string, ObjectTypeDef>, start: DataType, members: Set<string>, decided: Map<string, Hierarchy | undefined>): boolean {
  const seen = new Set<string>();
  const work: DataType[] = [start];
  while (work.length) {
    const t = work.pop()!;
    if (t.attribute) continue;
    const ref = { ...(t.schema ? { schema: t.schema } : {}), name: t.name };
    const element = collectionElement(ctx, t);
    if (element && !seen.has(`[]${keyOf(ref)}`)) {
      seen.add(`[]${keyOf(ref)}`);
      work.push(element);
    }
    const d = findDef(defs, ref, ref);
    if (!d) continue;
    if (members.has(keyOf(d.name))) return true;
    if (seen.has(keyOf(d.name))) continue;
    const h = decided.get(keyOf(hierarchyRoot(ctx, d.name)));
    // A type of a hierarchy held in one composite brings its columns but the jsonb ones; a type
    // decided later its own attributes and its supertypes'.
    for (const x of h ? h.types : [d.name]) seen.add(keyOf(x));
    work.push(...(h ? h.columns.filter((c) => !c.json).map((c) => c.type) : (flattenedAttributes(ctx, d.name)?.map((a) => a.type) ?? [])));
  }
  return false;
}

/** A column of a hierarchy's composite type: the attribute it holds and the type declaring it. */
export interface HierarchyColumn {
  name: OraName;
  type: DataType;
  attribute?: OraName;
  owner?: QualifiedName;
  /** Stored as jsonb: its type holds a value of the hierarchy (recursive-types.ts). */
  json?: boolean;
}

/**
 * The columns of a hierarchy's composite type: the discriminator, then each type's own attributes
 * (root's first, depth first). Attributes of the same name declared by sibling types share a
 * column when their data types are the same but for length / precision (the column then has
 * none); with another data type the later one gets a column of its own, `<attribute>_<type>`.
 */
export function hierarchyColumns(ctx: ConvertContext, root: QualifiedName): { columns: HierarchyColumn[]; byAttribute: Map<string, OraName> } {
  const defs = definitions.get(ctx);
  const h = defs && hierarchyCache(ctx, defs).byRoot.get(keyOf(root));
  return h ?? columnsOf(ctx, root, defs);
}

function columnsOf(ctx: ConvertContext, root: QualifiedName, defs: Map<string, ObjectTypeDef> | undefined): { columns: HierarchyColumn[]; byAttribute: Map<string, OraName> } {
  const columns: HierarchyColumn[] = [{ name: TYPE_TAG, type: { kind: 'datatype', name: 'VARCHAR2', args: [128] } }];
  const byAttribute = new Map<string, OraName>();
  const family = (t: DataType) => JSON.stringify([t.schema ?? '', t.name, t.attribute ?? '']);
  for (const t of typeAndDescendants(ctx, root))
    for (const a of defs?.get(keyOf(t))?.attributes ?? []) {
      const prior = columns.find((c) => c.name === a.name);
      let name = a.name;
      if (!prior) columns.push({ name, type: a.type, attribute: a.name, owner: t });
      else if (family(prior.type) === family(a.type)) {
        if (JSON.stringify(prior.type.args) !== JSON.stringify(a.type.args)) prior.type = { ...prior.type, args: [] };
      } else {
        name = `${a.name}_${t.name}`;
        columns.push({ name, type: a.type, attribute: a.name, owner: t });
      }
      byAttribute.set(`${keyOf(t)}/${a.name}`, name);
    }
  return { columns, byAttribute };
}

/**
 * The column of a hierarchy's composite type holding attribute `attr` of a value of type `q`
 * (declared by `q` or its nearest supertype that has it); `attr` when `q` is not in a hierarchy.
 */
export function attributeColumn(ctx: ConvertContext, q: QualifiedName, attr: OraName): OraName {
  const h = hierarchyOf(ctx, q);
  if (!h) return attr;
  const defs = definitions.get(ctx);
  const { byAttribute } = hierarchyColumns(ctx, h.root);
  const seen = new Set<string>();
  for (let t: QualifiedName | undefined = defs?.get(keyOf(q))?.name ?? q; t && !seen.has(keyOf(t)); t = supertypeOf(ctx, t)) {
    seen.add(keyOf(t));
    const col = byAttribute.get(`${keyOf(t)}/${attr}`);
    if (col) return col;
  }
  return attr;
}
