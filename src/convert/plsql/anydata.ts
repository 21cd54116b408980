/**
 * SYS.ANYDATA (Oracle Database PL/SQL Packages and Types Reference, "ANYDATA TYPE"): a value
 * together with its type. On PostgreSQL it is a row of the composite type
 * `opg_anydata (type_name text, value jsonb)` (rules/types.ts SUPPORT_TYPES, created once by a
 * conversion that uses it): the Oracle type name GetTypeName returns and to_jsonb of the value.
 * No helper function: every method is an expression or an assignment.
 *
 *   ANYDATA.ConvertNumber(x)         ROW('SYS.NUMBER', to_jsonb((x)::numeric))::opg_anydata
 *   ANYDATA.ConvertVarchar2/Date/…   the same with SYS.VARCHAR2, SYS.DATE … and the PostgreSQL type
 *   ANYDATA.ConvertObject(o)         ROW('<SCHEMA>.<TYPE>', to_jsonb(o)) (the schema of the type,
 *                                    else the current schema; a type of a hierarchy: its tag)
 *   ANYDATA.ConvertCollection(c)     ROW('<SCHEMA>.<TYPE>', to_jsonb(c)) (a JSON array)
 *   a.GetTypeName()                  (a).type_name
 *   a.AccessNumber() / Access…()     ((a).value #>> '{}')::numeric …
 *   s := a.GetNumber(v) / Get…(v)    v := ((a).value #>> '{}')::numeric; s := 0 (DBMS_TYPES.SUCCESS)
 *   s := a.GetObject(v)              v := jsonb_populate_record(NULL::t, (a).value); s := 0
 *   s := a.GetCollection(v)          v := ARRAY(elements of (a).value, each read as the element type)
 *
 * A NULL value is stored as JSON null, so that the ANYDATA itself is NOT NULL as in Oracle (a
 * composite value with a NULL field is neither NULL nor NOT NULL on PostgreSQL).
 * ANYTYPE variables hold a type name (text, 'SCHEMA.NAME'); GetInfo, GetAttrElemInfo,
 * GetPersistent and ANYDATA.GetType read the PostgreSQL catalog (anytype.ts); the piecewise and
 * transient-type methods (BeginCreate, Set…, AddAttr, EndCreate, PieceWise) are reported, not converted.
 */
import type { DataType, Expr, FuncArg } from '../../ast/expr.js';
import { quoteLiteral } from '../../emit/quote.js';
import { ANYDATA_TYPE, isSysType } from '../../rules/types.js';
import { anytypeAssign, persistentCall, persistentExpr } from './anytype.js';
import { anytypeHelperText } from './anytype-catalog.js';
import type { PlContext } from './context.js';
import { collectionElement } from './context.js';
import { assignTarget, objectTypeOf, staticType } from './objects.js';
import { hierarchyOf, TYPE_TAG } from './types.js';

/** Convert… / Access… / Get… suffixes of the scalar types: Oracle type name and PostgreSQL type. */
const SCALARS: Record<string, [string, string]> = {
  NUMBER: ['SYS.NUMBER', 'numeric'],
  DATE: ['SYS.DATE', 'timestamp(0)'],
  CHAR: ['SYS.CHAR', 'text'],
  VARCHAR2: ['SYS.VARCHAR2', 'text'],
  VARCHAR: ['SYS.VARCHAR', 'text'],
  NCHAR: ['SYS.NCHAR', 'text'],
  NVARCHAR2: ['SYS.NVARCHAR2', 'text'],
  CLOB: ['SYS.CLOB', 'text'],
  NCLOB: ['SYS.NCLOB', 'text'],
  RAW: ['SYS.RAW', 'bytea'],
  BLOB: ['SYS.BLOB', 'bytea'],
  TIMESTAMP: ['SYS.TIMESTAMP', 'timestamp'],
  TIMESTAMPTZ: ['SYS.TIMESTAMP_WITH_TIMEZONE', 'timestamptz'],
  TIMESTAMPLTZ: ['SYS.TIMESTAMP_WITH_LTZ', 'timestamptz'],
  INTERVALYM: ['SYS.INTERVAL_YEAR_MONTH', 'interval year to month'],
  INTERVALDS: ['SYS.INTERVAL_DAY_SECOND', 'interval day to second'],
  BFLOAT: ['SYS.BINARY_FLOAT', 'real'],
  BDOUBLE: ['SYS.BINARY_DOUBLE', 'double precision'],
  BOOLEAN: ['SYS.BOOLEAN', 'boolean'],
};

const ora = (name: string, extra: Partial<DataType> = {}): DataType => ({
  kind: 'datatype',
  name,
  args: [],
  ...extra,
});
/** The Oracle types of Access… results that map to the PostgreSQL type of SCALARS. */
const ORACLE_TYPES: Record<string, DataType> = {
  NUMBER: ora('NUMBER'),
  DATE: ora('DATE'),
  CHAR: ora('CLOB'),
  VARCHAR2: ora('CLOB'),
  VARCHAR: ora('CLOB'),
  NCHAR: ora('CLOB'),
  NVARCHAR2: ora('CLOB'),
  CLOB: ora('CLOB'),
  NCLOB: ora('CLOB'),
  RAW: ora('BLOB'),
  BLOB: ora('BLOB'),
  TIMESTAMP: ora('TIMESTAMP'),
  BOOLEAN: ora('BOOLEAN'),
};

const pseudo = (text: string): Expr => ({ kind: 'pseudo', name: text });
const col = (parts: string[]): Expr => ({ kind: 'column', parts });

function noteUse(pc: PlContext): void {
  pc.cctx.supportTypes.add(ANYDATA_TYPE);
  if (pc.findings.some((f) => f.id === 'OPG-ANYDATA-0004')) return;
  pc.report('OPG-ANYDATA-0004', {
    detail: `${pc.object}: ANYDATA values are ${ANYDATA_TYPE} rows (the Oracle type name, the value as jsonb); Access… / Get… cast the value to the type asked for instead of raising a type-mismatch error`,
  });
}

/** `ANYDATA.ConvertX(…)` (also SYS.ANYDATA.…): the suffix X. */
function staticMethod(x: Expr, pc: PlContext): { name: string; args: FuncArg[] } | undefined {
  if (x.kind !== 'call' || x.over) return undefined;
  const n = x.name;
  const qualified = n.length === 3 && (n[0] === 'SYS' || n[0] === 'PUBLIC') && n[1] === 'ANYDATA';
  if (!qualified && !(n.length === 2 && n[0] === 'ANYDATA' && !pc.lookup('ANYDATA'))) return undefined;
  return { name: n[n.length - 1], args: x.args };
}

/** `operand.name(args)` with the operand's declared type ANYDATA or ANYTYPE. */
export function memberCall(
  x: Expr,
  pc: PlContext,
): { operand: Expr; name: string; args: FuncArg[]; type: 'ANYDATA' | 'ANYTYPE' } | undefined {
  let m: { operand: Expr; name: string; args: FuncArg[] } | undefined;
  if (x.kind === 'method') m = { operand: x.operand, name: x.name, args: x.args };
  else if (x.kind === 'call' && x.name.length >= 2 && !x.over)
    m = { operand: col(x.name.slice(0, -1)), name: x.name[x.name.length - 1], args: x.args };
  else if (x.kind === 'column' && x.parts.length >= 2)
    m = { operand: col(x.parts.slice(0, -1)), name: x.parts[x.parts.length - 1], args: [] };
  if (!m) return undefined;
  if (
    m.operand.kind === 'column' &&
    !pc.lookup(m.operand.parts[0]) &&
    !pc.isSelfAttribute(m.operand.parts[0])
  )
    return undefined;
  const operand =
    m.operand.kind === 'column' && pc.isSelfAttribute(m.operand.parts[0])
      ? col(['SELF', ...m.operand.parts])
      : m.operand;
  const t = staticType(operand, pc);
  const type =
    t && isSysType(t, 'ANYDATA') ? 'ANYDATA' : t && isSysType(t, 'ANYTYPE') ? 'ANYTYPE' : undefined;
  return type && { ...m, type };
}

/** The Oracle name of an object or collection type as GetTypeName gives it (SCHEMA.NAME). */
function typeNameOf(value: Expr, pc: PlContext, r: string): string | undefined {
  // A collection constructor TYPE(…) (staticType knows object constructors only).
  const ctor: DataType | undefined =
    value.kind === 'call' && value.name.length <= 2 && !pc.lookup(value.name[0])
      ? {
          kind: 'datatype',
          name: value.name[value.name.length - 1],
          args: [],
          ...(value.name.length === 2 ? { schema: value.name[0] } : {}),
        }
      : undefined;
  const t = ctor && pc.isCollectionType(ctor) ? ctor : staticType(value, pc);
  if (!t || t.attribute) return undefined;
  const q = objectTypeOf(pc.cctx, t);
  const collection = !q && pc.isCollectionType(t);
  if (!q && !collection) return undefined;
  const name = q ?? (t.schema ? { schema: t.schema, name: t.name } : { name: t.name });
  const schema = name.schema ? quoteLiteral(`${name.schema}.`) : "upper(current_schema) || '.'";
  // A value of a type hierarchy carries its dynamic type (types.ts).
  if (q && hierarchyOf(pc.cctx, q)) return `${schema} || (${r}).${TYPE_TAG.toLowerCase()}`;
  return `${schema} || ${quoteLiteral(name.name)}`;
}

/**
 * The constants of package DBMS_TYPES (type codes, as OCI numbers them, and the status values of
 * the ANYDATA Get… functions): documented fixed numbers.
 */
const DBMS_TYPES: Record<string, number> = {
  SUCCESS: 0,
  NO_DATA: 100,
  TYPECODE_VARCHAR: 1,
  TYPECODE_NUMBER: 2,
  TYPECODE_VARCHAR2: 9,
  TYPECODE_DATE: 12,
  TYPECODE_OPAQUE: 58,
  TYPECODE_RAW: 95,
  TYPECODE_CHAR: 96,
  TYPECODE_BFLOAT: 100,
  TYPECODE_BDOUBLE: 101,
  TYPECODE_UROWID: 104,
  TYPECODE_MLSLABEL: 105,
  TYPECODE_OBJECT: 108,
  TYPECODE_REF: 110,
  TYPECODE_CLOB: 112,
  TYPECODE_BLOB: 113,
  TYPECODE_BFILE: 114,
  TYPECODE_CFILE: 115,
  TYPECODE_NAMEDCOLLECTION: 122,
  TYPECODE_TIMESTAMP: 187,
  TYPECODE_TIMESTAMP_TZ: 188,
  TYPECODE_INTERVAL_YM: 189,
  TYPECODE_INTERVAL_DS: 190,
  TYPECODE_TIMESTAMP_LTZ: 232,
  TYPECODE_VARRAY: 247,
  TYPECODE_TABLE: 248,
  TYPECODE_NCHAR: 286,
  TYPECODE_NVARCHAR2: 287,
  TYPECODE_NCLOB: 288,
};

/**
 * The constants of package DBMS_SQL (PL/SQL Packages and Types Reference, "DBMS_SQL Constants"):
 * the language flags and the column type codes DESCRIBE_COLUMNS reports (OCI's SQLT codes).
 */
const DBMS_SQL: Record<string, number> = {
  V6: 0,
  NATIVE: 1,
  V7: 2,
  VARCHAR2_TYPE: 1,
  NUMBER_TYPE: 2,
  LONG_TYPE: 8,
  ROWID_TYPE: 11,
  DATE_TYPE: 12,
  RAW_TYPE: 23,
  LONG_RAW_TYPE: 24,
  CHAR_TYPE: 96,
  BINARY_FLOAT_TYPE: 100,
  // Oracle's own spelling of the constant.
  BINARY_BOUBLE_TYPE: 101,
  MLSLABEL_TYPE: 106,
  USER_DEFINED_TYPE: 109,
  REF_TYPE: 111,
  CLOB_TYPE: 112,
  BLOB_TYPE: 113,
  BFILE_TYPE: 114,
  TIMESTAMP_TYPE: 180,
  TIMESTAMP_WITH_TZ_TYPE: 181,
  INTERVAL_YEAR_TO_MONTH_TYPE: 182,
  INTERVAL_DAY_TO_SECOND_TYPE: 183,
  UROWID_TYPE: 208,
  TIMESTAMP_WITH_LOCAL_TZ_TYPE: 231,
};

const PACKAGE_CONSTANTS: Record<string, Record<string, number>> = { DBMS_TYPES, DBMS_SQL };

/** SCALARS suffixes whose DBMS_TYPES constant is spelled otherwise. */
const TYPECODE_KEY: Record<string, string> = {
  TIMESTAMPTZ: 'TIMESTAMP_TZ',
  TIMESTAMPLTZ: 'TIMESTAMP_LTZ',
  INTERVALYM: 'INTERVAL_YM',
  INTERVALDS: 'INTERVAL_DS',
};
/** The type code of each built-in type name ANYDATA.Convert… stores (SYS.NUMBER → 2 …). */
const SCALAR_TYPECODES: Record<string, number> = Object.fromEntries(
  Object.entries(SCALARS).flatMap(([k, [name]]) => {
    const code = DBMS_TYPES[`TYPECODE_${TYPECODE_KEY[k] ?? k}`];
    return code === undefined ? [] : [[name, code]];
  }),
);

/** The ANYTYPE helper functions (anytype-catalog.ts), created once by a conversion that uses them. */
export const ANYTYPE_HELPERS = anytypeHelperText(SCALAR_TYPECODES);

/** DBMS_TYPES.<constant> / DBMS_SQL.<constant> (also SYS.-qualified): its number. */
function dbmsTypesConstant(x: Expr, pc: PlContext): Expr | undefined {
  if (x.kind !== 'column') return undefined;
  const p = x.parts[0] === 'SYS' ? x.parts.slice(1) : x.parts;
  const table = p.length === 2 ? PACKAGE_CONSTANTS[p[0]] : undefined;
  if (!table || pc.lookup(x.parts[0]) || pc.packageMember(p) || !(p[1] in table)) return undefined;
  return { kind: 'literal', type: 'number', value: String(table[p[1]]) };
}

/** ANYDATA / ANYTYPE expressions → PostgreSQL; undefined when `x` is none of them. */
export function anydataExpr(x: Expr, pc: PlContext): Expr | undefined {
  const constant = dbmsTypesConstant(x, pc);
  if (constant) return constant;
  const s = staticMethod(x, pc);
  if (s) {
    noteUse(pc);
    if (!s.name.startsWith('CONVERT') || s.args.length !== 1) {
      pc.fail(`ANYDATA.${s.name}: not converted (only the Convert… functions are)`);
      return pseudo('NULL');
    }
    const kind = s.name.slice('CONVERT'.length);
    const a = s.args[0].value;
    const scalar = SCALARS[kind];
    const row = (name: string, json: string) =>
      pseudo(`ROW(${name}, coalesce(${json}, 'null'::jsonb))::${ANYDATA_TYPE}`);
    if (scalar) return row(quoteLiteral(scalar[0]), `to_jsonb((${pc.expr(a)})::${scalar[1]})`);
    if (kind === 'OBJECT' || kind === 'COLLECTION') {
      const r = pc.expr(a);
      const name = typeNameOf(a, pc, r);
      if (name) return row(name, `to_jsonb(${r})`);
      pc.fail(
        `ANYDATA.${s.name}: the type of the argument is not an object or collection type of the converted scripts`,
      );
      return pseudo('NULL');
    }
    pc.fail(
      `ANYDATA.${s.name}: no conversion for this type (REF, BFILE and user-defined opaque types have no PostgreSQL equivalent)`,
    );
    return pseudo('NULL');
  }
  const persistent = persistentCall(x, pc);
  if (persistent) {
    const text = persistentExpr(persistent, pc);
    if (text) return { kind: 'cast', operand: pseudo(text), type: ora('CLOB') };
    pc.fail('ANYTYPE.GETPERSISTENT: the arguments do not match (schema_name, type_name [, version])');
    return pseudo('NULL');
  }
  const m = memberCall(x, pc);
  if (!m) return undefined;
  if (m.type === 'ANYTYPE') {
    pc.fail(
      m.name === 'GETINFO' || m.name === 'GETATTRELEMINFO'
        ? `ANYTYPE.${m.name}(…) inside an expression (only status := t.${m.name}(…) is converted)`
        : `ANYTYPE method ${m.name} is not converted (an ANYTYPE is held as its type name; transient types cannot be built)`,
    );
    return pseudo('NULL');
  }
  noteUse(pc);
  const r = `(${pc.expr(m.operand)})`;
  if (m.name === 'GETTYPENAME' && !m.args.length)
    return { kind: 'cast', operand: pseudo(`${r}.type_name`), type: ora('CLOB') };
  const scalar =
    m.name.startsWith('ACCESS') && !m.args.length ? SCALARS[m.name.slice('ACCESS'.length)] : undefined;
  if (scalar) {
    // A CAST node of the Oracle type (the expression rules know its type class) for a PostgreSQL one.
    const type = ORACLE_TYPES[m.name.slice('ACCESS'.length)];
    if (type) return { kind: 'cast', operand: pseudo(`(${r}.value #>> '{}')`), type };
    return pseudo(`((${r}.value #>> '{}')::${scalar[1]})`);
  }
  pc.fail(
    m.name.startsWith('GET') && m.name !== 'GETTYPE' && m.args.length === 1
      ? `ANYDATA.${m.name}(…) inside an expression (only status := a.${m.name}(v) is converted)`
      : m.name === 'GETTYPE'
        ? 'ANYDATA.GETTYPE(…) inside an expression (only status := a.GETTYPE(t) is converted)'
        : `ANYDATA method ${m.name} is not converted`,
  );
  return pseudo('NULL');
}

/**
 * A call of GetInfo / GetAttrElemInfo (ANYTYPE) or GetType (ANYDATA): it sets OUT arguments, so
 * inside a larger expression it runs first as `status := call` (hoist.ts).
 */
export function isDescribingCall(x: Expr, pc: PlContext): boolean {
  const m = memberCall(x, pc);
  return m?.type === 'ANYTYPE'
    ? m.name === 'GETINFO' || m.name === 'GETATTRELEMINFO'
    : m?.type === 'ANYDATA' && m.name === 'GETTYPE';
}

/**
 * `status := a.GetX(v)`: assigns v from the ANYDATA and status DBMS_TYPES.SUCCESS (0);
 * undefined when the value is not such a call.
 */
export function anydataAssign(target: Expr, value: Expr, pc: PlContext): string[] | undefined {
  const m = memberCall(value, pc);
  const described = m && anytypeAssign(target, m, pc);
  if (described) return described;
  if (
    m?.type !== 'ANYDATA' ||
    !m.name.startsWith('GET') ||
    m.name === 'GETTYPE' ||
    m.name === 'GETTYPENAME' ||
    m.args.length !== 1
  )
    return undefined;
  noteUse(pc);
  const r = `(${pc.expr(m.operand)})`;
  const out = m.args[0].value;
  const outTarget = assignTarget(pc.exprNode(out));
  const status = assignTarget(pc.exprNode(target));
  if (!outTarget || !status) return undefined;
  const kind = m.name.slice('GET'.length);
  const scalar = SCALARS[kind];
  let read: string | undefined;
  // The types of v were reported where v was declared: no findings again here.
  const seen = pc.findings.length;
  if (scalar) read = `(${r}.value #>> '{}')::${scalar[1]}`;
  else {
    const t = staticType(out, pc);
    if (t && kind === 'OBJECT' && objectTypeOf(pc.cctx, t))
      read = `jsonb_populate_record(NULL::${pc.type(t, 'GETOBJECT')}, ${r}.value)`;
    else if (t && kind === 'COLLECTION' && pc.isCollectionType(t)) {
      const type = pc.type(t, 'GETCOLLECTION');
      const declared = collectionElement(pc.cctx, t);
      const elemText = declared
        ? pc.type(declared, 'GETCOLLECTION')
        : type.endsWith('[]')
          ? type.slice(0, -2)
          : undefined;
      if (elemText) {
        const elem =
          declared && objectTypeOf(pc.cctx, declared)
            ? `jsonb_populate_record(NULL::${elemText}, e.v)`
            : `(e.v #>> '{}')::${elemText}`;
        read = `(CASE WHEN jsonb_typeof(${r}.value) = 'array' THEN ARRAY(SELECT ${elem} FROM jsonb_array_elements(${r}.value) WITH ORDINALITY AS e(v, n) ORDER BY e.n) END)::${type}`;
      }
    }
  }
  pc.findings.length = seen;
  if (!read) {
    pc.fail(`ANYDATA.${m.name}(v): the type of v is not known to the conversion`);
    return [`-- not converted: ANYDATA.${m.name}`];
  }
  return [`${outTarget} := ${read};`, `${status} := 0;`];
}

/**
 * A variable holding one composite value (an object type, ANYDATA): SELECT x INTO v fills it
 * field by field on PL/pgSQL, so the selected value must be expanded (statements.ts).
 */
export function isCompositeVariable(target: Expr, pc: PlContext): boolean {
  if (target.kind !== 'column' || target.parts.length !== 1) return false;
  const info = pc.lookup(target.parts[0]);
  if (!info || (info.kind !== 'variable' && info.kind !== 'param') || !info.type) return false;
  return isSysType(info.type, 'ANYDATA') || !!objectTypeOf(pc.cctx, info.type);
}
