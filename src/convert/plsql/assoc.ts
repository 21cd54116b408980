/**
 * Associative arrays indexed by strings (`TABLE OF t INDEX BY VARCHAR2(n)`) → jsonb objects.
 *
 *   a(k)               opg_assoc_get(a, k) (NO_DATA_FOUND when the key is absent, as in Oracle),
 *                      the element read back from its JSON: scalars through their text, records
 *                      with jsonb_populate_record, nested string-indexed arrays as jsonb, nested
 *                      arrays as their text (which keeps their bounds: '[5:6]={a,b}')
 *   a(k) := v          a := coalesce(a, '{}') || jsonb_build_object(k, v)
 *   a(k).f := v, a(k)(i) := v   the element changed and stored back (created when missing, as in
 *                      Oracle)
 *   a.EXISTS(k)        a ? k
 *   a.COUNT            the number of keys
 *   a.FIRST / LAST     the smallest / largest key in byte order
 *   a.NEXT(k) / PRIOR  the next key above / below k in byte order
 *   a.DELETE[(k[, k2])] all keys, one key, or the keys from k to k2
 *
 * Oracle orders string keys by NLS_SORT, BINARY by default (byte order: 'B' < 'a10' < 'a9' <
 * 'aa' < 'b'); jsonb keeps keys by length first, so the order is computed with COLLATE "C".
 * Variables start as '{}' (an associative array is empty, never NULL); a NULL value (a package
 * variable never assigned) is read as empty.
 */
import type { OraName } from '../../ast/common.js';
import type { DataType, Expr, FuncCall } from '../../ast/expr.js';
import type { Declaration } from '../../ast/plsql.js';
import { pgNameOf, quoteIdent, quoteLiteral } from '../../emit/quote.js';
import { printExpr } from '../../emit/pg/expr.js';
import { collectionAttribute, collectionMethod, type PlContext } from './context.js';
import type { PackageInfo } from './packages.js';

const INTEGER_INDEX = /^(PLS_INTEGER|BINARY_INTEGER|INTEGER|INT|SMALLINT|NATURAL|NATURALN|POSITIVE|POSITIVEN|SIGNTYPE|SIMPLE_INTEGER)$/;
const STRING_INDEX = /^(VARCHAR2|VARCHAR|NVARCHAR2|STRING|CHAR|NCHAR|LONG)$/;

/** How a collection is indexed: 'integer' (an array), 'string' (jsonb) or undefined (not known). */
export function indexKind(by: DataType, pc: PlContext, pkg?: PackageInfo): 'integer' | 'string' | undefined {
  let t: DataType | undefined = by;
  for (let i = 0; i < 6 && t; i++) {
    if (t.attribute === 'TYPE') {
      t = pc.oracleType(t);
      continue;
    }
    if (t.schema) return undefined;
    if (INTEGER_INDEX.test(t.name)) return 'integer';
    if (STRING_INDEX.test(t.name)) return 'string';
    const name: string = t.name;
    const local = pc.subtypes.get(name);
    const sub = local ?? (pkg ?? pc.pkg)?.typeDecls.find((d) => d.kind === 'subtype' && d.name === name);
    t = local ?? (sub?.kind === 'subtype' ? sub.base : undefined);
  }
  return undefined;
}

/** The declaration of a package type `t` / `pkg.t` as the unit sees it. */
export function packageTypeDecl(t: DataType, pc: PlContext): { decl: Extract<Declaration, { kind: 'type' | 'subtype' }>; info: PackageInfo } | undefined {
  if (t.attribute || t.schema?.includes('.')) return undefined;
  const ref = pc.packageMember(t.schema ? [t.schema, t.name] : [t.name]);
  const decl = ref?.info.typeDecls.find((d) => d.name === ref.member);
  return ref && decl ? { decl, info: ref.info } : undefined;
}

/** Element type of a string-indexed associative array type (undefined for any other type). */
export function mapElementType(t: DataType | undefined, pc: PlContext): DataType | undefined {
  if (!t || t.attribute || t.args.length) return undefined;
  if (!t.schema && pc.localTypes.has(t.name)) return pc.localMaps.get(t.name);
  const p = packageTypeDecl(t, pc);
  if (p?.decl.kind === 'type' && p.decl.def.kind === 'table' && p.decl.def.indexBy && indexKind(p.decl.def.indexBy, pc, p.info) === 'string')
    return inPackage(p.decl.def.of, p.info);
  return undefined;
}

/** Element type of a package nested table / VARRAY / INDEX BY PLS_INTEGER type (`pkg.t` or `t` inside its package). */
export function packageCollectionElement(t: DataType, pc: PlContext): DataType | undefined {
  const p = packageTypeDecl(t, pc);
  if (p?.decl.kind !== 'type' || (p.decl.def.kind !== 'table' && p.decl.def.kind !== 'varray')) return undefined;
  if (p.decl.def.kind === 'table' && p.decl.def.indexBy && indexKind(p.decl.def.indexBy, pc, p.info) === 'string') return undefined;
  return inPackage(p.decl.def.of, p.info);
}

/**
 * A type named inside a package declaration: another type of the same package is written
 * unqualified; qualified here so that code outside the package resolves it too.
 */
export function inPackage(t: DataType, info: PackageInfo): DataType {
  return !t.schema && !t.attribute && info.typeDecls.some((d) => d.name === t.name) ? { ...t, schema: info.name } : t;
}

/** Fields of a record type declared in the unit or in a package. */
export function recordFields(t: DataType, pc: PlContext): { name: OraName; type: DataType }[] | undefined {
  if (t.attribute) return undefined;
  if (!t.schema && pc.recordTypes.has(t.name)) return pc.recordTypes.get(t.name);
  const p = packageTypeDecl(t, pc);
  if (p?.decl.kind !== 'type' || p.decl.def.kind !== 'record') return undefined;
  const info = p.info;
  return p.decl.def.fields.map((f) => ({ ...f, type: inPackage(f.type, info) }));
}

export interface MapRef {
  /** The jsonb value (a variable, a record field, or a package variable's getter). */
  expr: Expr;
  element: DataType;
  packageVar?: { info: PackageInfo; name: OraName };
}

/** The string-indexed associative array a name path refers to: `a`, `rec.a`, `pkg.a`. */
export function mapOf(parts: OraName[], pc: PlContext): MapRef | undefined {
  if (!parts.length || parts.length > 2 || parts.some((p) => p.startsWith('%'))) return undefined;
  const v = pc.lookup(parts[0]);
  if (v) {
    let t = v.type;
    if (parts.length === 2) t = t && recordFields(t, pc)?.find((f) => f.name === parts[1])?.type;
    const element = mapElementType(t, pc);
    return element ? { expr: { kind: 'column', parts }, element } : undefined;
  }
  const ref = pc.packageMember(parts);
  const d = ref?.info.variables.get(ref.member);
  if (!ref || !d || ref.info.variableFailures.has(ref.member)) return undefined;
  const element = mapElementType(d.type, pc);
  if (!element) return undefined;
  return { expr: { kind: 'call', name: [ref.info.name, ref.member], args: [] }, element, packageVar: { info: ref.info, name: ref.member } };
}

const pseudo = (name: string): Expr => ({ kind: 'pseudo', name });

/** The helper raising NO_DATA_FOUND for a missing key (created before the unit, once per unit). */
const GETTER = `CREATE OR REPLACE FUNCTION opg_assoc_get(m jsonb, k text)
RETURNS jsonb
LANGUAGE plpgsql
IMMUTABLE
AS $body$
BEGIN
  -- Oracle raises NO_DATA_FOUND when an associative array has no element with this key.
  IF m IS NULL OR k IS NULL OR NOT m ? k THEN
    RAISE no_data_found;
  END IF;
  RETURN m -> k;
END;
$body$;`;

/** PostgreSQL text reading an element (jsonb) back as a value of the element type. */
function fromJson(json: string, element: DataType, label: string, pc: PlContext): string {
  if (mapElementType(element, pc)) return json;
  const type = pc.resolvedType(element, label);
  if (element.attribute === 'ROWTYPE' && type.endsWith('%ROWTYPE')) return `jsonb_populate_record(NULL::${type.slice(0, -'%ROWTYPE'.length)}, ${json})`;
  if (recordFields(element, pc) || pc.cctx.objectTypes.has(`${element.schema ?? ''}.${element.name}`) || pc.cctx.objectTypes.has(`.${element.name}`))
    return `jsonb_populate_record(NULL::${type}, ${json})`;
  if (type === 'record') {
    pc.fail(`${label}: elements of type ${element.name}%ROWTYPE in a string-indexed associative array`);
    return json;
  }
  // Arrays (nested collections) are kept as their text, which keeps their bounds ('[5:6]={a,b}').
  return `(${json} #>> '{}')::${type}`;
}

/** PostgreSQL text of a value stored as an element: arrays as their text, anything else as JSON. */
export function toJson(value: string, element: DataType, label: string, pc: PlContext): string {
  if (mapElementType(element, pc)) return value;
  if (pc.resolvedType(element, label).endsWith('[]')) return `(${value})::text`;
  const overlay = recordJson('opg_v', element, label, pc, 0);
  return overlay ? `(SELECT ${overlay} FROM (SELECT (${value}) AS opg_v) opg_s)` : value;
}

/**
 * The JSON of a record (or object) value `v` whose array fields, at any depth, are written as
 * their text: to_jsonb would write JSON arrays, which lose the bounds of an INDEX BY table indexed
 * from 5; jsonb_populate_record reads the text back through the array's input function.
 * Undefined when to_jsonb keeps everything.
 */
function recordJson(v: string, t: DataType, label: string, pc: PlContext, depth: number): string | undefined {
  const fields = depth < 6 ? (recordFields(t, pc) ?? objectAttributes(t, pc)) : undefined;
  if (!fields) return undefined;
  const parts: string[] = [];
  for (const f of fields) {
    if (mapElementType(f.type, pc)) continue;
    const fv = `(${v}).${quoteIdent(pgNameOf(f.name))}`;
    const fl = `${label}.${f.name}`;
    const json = pc.resolvedType(f.type, fl).endsWith('[]') ? `(${fv})::text` : recordJson(fv, f.type, fl, pc, depth + 1);
    if (json) parts.push(`${quoteLiteral(pgNameOf(f.name))}, ${json}`);
  }
  return parts.length ? `to_jsonb(${v}) || jsonb_build_object(${parts.join(', ')})` : undefined;
}

function objectAttributes(t: DataType, pc: PlContext): { name: OraName; type: DataType }[] | undefined {
  return t.attribute ? undefined : (pc.cctx.objectTypes.get(`${t.schema ?? ''}.${t.name}`) ?? pc.cctx.objectTypes.get(`.${t.name}`));
}

/**
 * The element of key `k` as a value of the element type, or an empty one when the key is absent
 * (an empty associative array or collection; NULL for a record): Oracle creates a missing element
 * when something is assigned inside it.
 */
export function mapElementValue(m: MapRef, k: Expr, label: string, pc: PlContext): string {
  const read = fromJson(`(${whole(m, pc)} -> ${key(k, pc)})`, m.element, label, pc);
  if (mapElementType(m.element, pc)) return `coalesce(${read}, '{}'::jsonb)`;
  return pc.resolvedType(m.element, label).endsWith('[]') ? `coalesce(${read}, '{}')` : read;
}

/**
 * The element of key `key` (PostgreSQL text) of the jsonb `json` (PostgreSQL text) as a value of
 * the element type; NO_DATA_FOUND when the key is absent, as in Oracle (chains.ts).
 */
export function mapElementValueAt(json: string, element: DataType, key: string, label: string, pc: PlContext): Expr {
  if (!pc.preStatements.includes(GETTER)) pc.preStatements.push(GETTER);
  return { kind: 'paren', expr: pseudo(fromJson(`opg_assoc_get(${json}, (${key})::text)`, element, label, pc)) };
}

const elementCall = (e: Expr): e is FuncCall => e.kind === 'call' && e.args.length === 1 && !e.args[0].name;

/** Reading `a` as jsonb ('{}' when NULL). */
const whole = (m: MapRef, pc: PlContext) => `coalesce(${pc.expr(m.expr)}, '{}'::jsonb)`;
const key = (k: Expr, pc: PlContext) => `(${pc.expr(k)})::text`;

/** a(k), a.COUNT, a.FIRST, a.LAST, a.EXISTS(k), a.NEXT(k), a.PRIOR(k), a(k).field on a string-indexed array. */
export function mapExpr(x: Expr, pc: PlContext): Expr | undefined {
  // CAST(NULL AS string_indexed_type): an empty array (Oracle's associative arrays are never NULL).
  if (x.kind === 'cast' && !x.multiset && mapElementType(x.type, pc)) {
    const nul = x.operand.kind === 'literal' && x.operand.type === 'null';
    return pseudo(nul ? `'{}'::jsonb` : `(${pc.expr(x.operand)})::jsonb`);
  }
  // On an element: a(k).field, a(k).COUNT / FIRST / LAST, a(k).EXISTS(i) / NEXT(i) / PRIOR(i).
  const on = x.kind === 'field' || x.kind === 'method' ? x.operand : undefined;
  const name = x.kind === 'field' ? x.field : x.kind === 'method' ? x.name : undefined;
  if (on && name && name !== '*' && elementCall(on)) {
    const m = mapOf(on.name, pc);
    if (!m) return undefined;
    const read = mapExpr(on, pc)!;
    const args = x.kind === 'method' ? x.args : [];
    const inner = mapElementType(m.element, pc);
    const isArray = !inner && pc.resolvedType(m.element, on.name.join('.')).endsWith('[]');
    // An INDEX BY integer table: a NULL element is a gap (PlContext.sparse).
    const sparse = isArray && pc.isSparse(m.element);
    if (!args.length && ['COUNT', 'FIRST', 'LAST', 'LIMIT'].includes(name)) {
      if (inner) return mapAttributeOf(printExpr(read), name);
      if (sparse && (name === 'FIRST' || name === 'LAST')) return pc.sparse(name, read);
      if (isArray) return collectionAttribute(read, name);
    }
    if (args.length === 1 && ['EXISTS', 'NEXT', 'PRIOR'].includes(name)) {
      if (inner) return mapMethodOf(printExpr(read), name, key(args[0].value, pc));
      const index: Expr = { kind: 'pseudo', name: `(${pc.expr(args[0].value)})` };
      if (sparse) return pc.sparse(name, read, index);
      if (isArray) return collectionMethod(read, name, index);
    }
    // a(k).m() is a method call of an object element (objects.ts), not a field.
    return x.kind === 'field' ? { kind: 'field', operand: read, field: name } : undefined;
  }
  if (x.kind === 'column' && x.parts.length >= 2) {
    const attr = x.parts[x.parts.length - 1];
    if (!['COUNT', 'FIRST', 'LAST', 'LIMIT'].includes(attr)) return undefined;
    const m = mapOf(x.parts.slice(0, -1), pc);
    return m ? mapAttributeOf(whole(m, pc), attr) : undefined;
  }
  if (!elementCall(x)) return undefined;
  const element = mapOf(x.name, pc);
  if (element) {
    if (!pc.preStatements.includes(GETTER)) pc.preStatements.push(GETTER);
    const read = pseudo(fromJson(`opg_assoc_get(${pc.expr(element.expr)}, ${key(x.args[0].value, pc)})`, element.element, x.name.join('.'), pc));
    return { kind: 'paren', expr: read };
  }
  const method = x.name[x.name.length - 1];
  if (!['EXISTS', 'NEXT', 'PRIOR'].includes(method)) return undefined;
  const m = mapOf(x.name.slice(0, -1), pc);
  return m ? mapMethodOf(whole(m, pc), method, key(x.args[0].value, pc)) : undefined;
}

/** COUNT / FIRST / LAST / LIMIT of a jsonb map (keys in byte order). */
export function mapAttributeOf(json: string, attr: string): Expr {
  const keys = `jsonb_object_keys(${json}) opg_k`;
  switch (attr) {
    case 'COUNT':
      return pseudo(`(SELECT count(*) FROM ${keys})::integer`);
    case 'FIRST':
      return pseudo(`(SELECT min(opg_k COLLATE "C") FROM ${keys})`);
    case 'LAST':
      return pseudo(`(SELECT max(opg_k COLLATE "C") FROM ${keys})`);
    default:
      return pseudo('NULL::integer');
  }
}

/** EXISTS(k) / NEXT(k) / PRIOR(k) of a jsonb map (keys in byte order). */
export function mapMethodOf(json: string, method: string, k: string): Expr {
  if (method === 'EXISTS') return pseudo(`coalesce(${json} ? ${k}, false)`);
  const [agg, op] = method === 'NEXT' ? ['min', '>'] : ['max', '<'];
  return pseudo(`(SELECT ${agg}(opg_k COLLATE "C") FROM jsonb_object_keys(${json}) opg_k WHERE opg_k COLLATE "C" ${op} ${k})`);
}

/** Statement storing a new value of the array (a package variable through its setter). */
function store(m: MapRef, value: string, pc: PlContext): string {
  if (m.packageVar)
    return `PERFORM ${quoteIdent(pc.ectx.mapSchema(m.packageVar.info.name))}.${quoteIdent(`opg_set_${pgNameOf(m.packageVar.name)}`)}(${value});`;
  return `${pc.expr(m.expr)} := ${value};`;
}

/**
 * a(k) := v, a(k).field := v, a(k)(i) := v (undefined when the target is not in a string-indexed
 * array). As in Oracle, assigning inside an element that does not exist yet creates it.
 */
export function mapAssign(target: Expr, value: Expr, pc: PlContext): string[] | undefined {
  if (elementCall(target)) {
    const m = mapOf(target.name, pc);
    if (!m) return undefined;
    const v = toJson(pc.expr(value), m.element, target.name.join('.'), pc);
    return [store(m, `${whole(m, pc)} || jsonb_build_object(${key(target.args[0].value, pc)}, ${v})`, pc)];
  }
  if ((target.kind !== 'field' && target.kind !== 'subscript') || !elementCall(target.operand)) return undefined;
  const m = mapOf(target.operand.name, pc);
  if (!m) return undefined;
  const k = key(target.operand.args[0].value, pc);
  const current = `(${whole(m, pc)} -> ${k})`;
  const put = (element: string) => store(m, `${whole(m, pc)} || jsonb_build_object(${k}, ${element})`, pc);
  if (target.kind === 'field') {
    // A record element is a JSON object of its fields (named as the composite type's attributes).
    if (target.field === '*') return undefined;
    const ft = (recordFields(m.element, pc) ?? objectAttributes(m.element, pc))?.find((f) => f.name === target.field)?.type;
    const v = ft ? toJson(pc.expr(value), ft, `${target.operand.name.join('.')}.${target.field}`, pc) : pc.expr(value);
    return [put(`coalesce(${current}, '{}'::jsonb) || jsonb_build_object(${quoteLiteral(pgNameOf(target.field))}, ${v})`)];
  }
  if (mapElementType(m.element, pc))
    return [put(`coalesce(${current}, '{}'::jsonb) || jsonb_build_object(${key(target.index, pc)}, ${pc.expr(value)})`)];
  const type = pc.resolvedType(m.element, target.operand.name.join('.'));
  if (!type.endsWith('[]')) return undefined;
  // An array element: changed in a variable of its type, then stored back.
  return [
    'DECLARE',
    `  opg_e ${type} := coalesce(${fromJson(current, m.element, target.operand.name.join('.'), pc)}, '{}');`,
    'BEGIN',
    `  opg_e[${pc.expr(target.index)}] := ${pc.expr(value)};`,
    `  ${put('opg_e::text')}`,
    'END;',
  ];
}

/** a.DELETE, a.DELETE(k), a.DELETE(k1, k2) as statements. */
export function mapCallStatement(c: FuncCall, pc: PlContext): string[] | undefined {
  if (c.name.length < 2) return undefined;
  const m = mapOf(c.name.slice(0, -1), pc);
  if (!m) return undefined;
  const method = c.name[c.name.length - 1];
  const args = c.args.map((a) => key(a.value, pc));
  if (method === 'DELETE' && !args.length) return [store(m, `'{}'::jsonb`, pc)];
  if (method === 'DELETE' && args.length === 1) return [store(m, `${whole(m, pc)} - ${args[0]}`, pc)];
  if (method === 'DELETE' && args.length === 2)
    // The keys from k1 to k2 in byte order (none when k1 > k2).
    return [
      store(
        m,
        `coalesce((SELECT jsonb_object_agg(opg_e.key, opg_e.value) FROM jsonb_each(${whole(m, pc)}) opg_e WHERE NOT coalesce(opg_e.key COLLATE "C" >= ${args[0]} AND opg_e.key COLLATE "C" <= ${args[1]}, false)), '{}'::jsonb)`,
        pc,
      ),
    ];
  pc.fail(`${c.name.join('.')}: ${method} on an associative array indexed by strings`);
  return [`-- ${c.name.join('.')} not converted`];
}
