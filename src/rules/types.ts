/**
 * Oracle → PostgreSQL data type mapping. The table is data (docs/type-mapping.md is generated
 * from TYPE_MAPPING_DOC); lossy or approximate mappings raise findings.
 */
import type { DataType } from '../ast/expr.js';
import { makeFinding } from '../findings/make.js';
import type { Finding, SourceLocation } from '../findings/types.js';

export interface TypeContext {
  /** Column or variable label for messages, e.g. EMPLOYEES.SALARY */
  column: string;
  object?: string;
  location?: SourceLocation;
  /** Map INTEGER / NUMBER(p>=19,0) to bigint instead of numeric(p). */
  narrowIntegers?: boolean;
  findings: Finding[];
  /**
   * Helper types the mapped type needs (opg_anydata for ANYDATA); the conversion creates each
   * once, before the objects that use it (ConvertContext.supportTypes).
   */
  support?: Set<string>;
}

/** The composite type holding ANYDATA values (see SUPPORT_TYPES). */
export const ANYDATA_TYPE = 'opg_anydata';

/**
 * Helper types created once by a conversion that uses them, by name. ANYDATA (a self-describing
 * value of any type) is a row of the Oracle type's name (what GetTypeName returns: SYS.NUMBER,
 * HR.POINT_T …) and the value as jsonb (to_jsonb of the PostgreSQL value; read back by a cast or
 * jsonb_populate_record), see convert/plsql/anydata.ts.
 */
export const SUPPORT_TYPES: Record<string, string> = {
  [ANYDATA_TYPE]: `CREATE TYPE ${ANYDATA_TYPE} AS (type_name text, value jsonb);`,
};

/**
 * Oracle's PL/SQL object types for JSON (12.2+, package-less built-ins of SYS) held as jsonb: a
 * variable of any of them holds one JSON value (JSON_ELEMENT_T is the supertype of the three others).
 */
export const JSON_OBJECT_TYPES: Record<string, 'element' | 'object' | 'array' | 'scalar'> = {
  JSON_ELEMENT_T: 'element',
  JSON_OBJECT_T: 'object',
  JSON_ARRAY_T: 'array',
  JSON_SCALAR_T: 'scalar',
};

/** A built-in type of SYS named without schema or as SYS.name / PUBLIC.name. */
export const isSysType = (t: DataType, name: string): boolean =>
  !t.attribute && t.name.toUpperCase() === name && (t.schema === undefined || t.schema === 'SYS' || t.schema === 'PUBLIC');

const pg = (name: string, args: (number | '*')[] = []): DataType => ({ kind: 'datatype', name, args });

/** Text form of an Oracle type, for messages. */
export function oracleTypeText(t: DataType): string {
  if (t.interval) {
    const i = t.interval;
    return `INTERVAL ${i.from}${i.fromPrecision !== undefined ? `(${i.fromPrecision})` : ''} TO ${i.to}${i.toPrecision !== undefined ? `(${i.toPrecision})` : ''}`;
  }
  const args = t.args.length ? `(${t.args.join(',')}${t.semantics ? ` ${t.semantics}` : ''})` : '';
  const tz = t.timeZone === 'TZ' ? ' WITH TIME ZONE' : t.timeZone === 'LTZ' ? ' WITH LOCAL TIME ZONE' : '';
  return `${t.schema ? `${t.schema}.` : ''}${t.name}${args}${tz}`;
}

/** The documented mapping (first column Oracle, second PostgreSQL, third note). */
export const TYPE_MAPPING_DOC: [string, string, string][] = [
  ['NUMBER(p,0), p ≤ 4', 'smallint', ''],
  ['NUMBER(p,0), 5 ≤ p ≤ 9', 'integer', ''],
  ['NUMBER(p,0), 10 ≤ p ≤ 18', 'bigint', ''],
  [
    'NUMBER(p,0), p ≥ 19; NUMBER(*,0); INTEGER, INT, SMALLINT',
    'numeric(p) / numeric(38)',
    'bigint with --narrow-integers (finding)',
  ],
  ['NUMBER(p,s)', 'numeric(p,s)', 'negative scale: finding'],
  ['NUMBER, NUMBER(*)', 'numeric', 'never narrowed silently (finding)'],
  ['DECIMAL(p,s), NUMERIC(p,s), DEC', 'numeric(p,s)', ''],
  ['FLOAT(b), b ≤ 53; REAL; DOUBLE PRECISION', 'double precision', 'approximate (finding)'],
  ['FLOAT, FLOAT(b), b > 53', 'numeric', 'exact decimal, as in Oracle'],
  ['BINARY_FLOAT / BINARY_DOUBLE', 'real / double precision', ''],
  ['VARCHAR2(n [BYTE|CHAR]), VARCHAR(n), NVARCHAR2(n)', 'varchar(n)', 'BYTE semantics: info finding'],
  ['CHAR(n), NCHAR(n)', 'char(n)', ''],
  ['DATE', 'timestamp(0)', 'Oracle DATE has a time part (finding)'],
  ['TIMESTAMP(p)', 'timestamp(min(p,6))', 'p > 6: finding'],
  ['TIMESTAMP WITH TIME ZONE', 'timestamptz', 'time zone name not kept (finding)'],
  ['TIMESTAMP WITH LOCAL TIME ZONE', 'timestamptz', ''],
  ['INTERVAL YEAR TO MONTH', 'interval year to month', ''],
  ['INTERVAL DAY TO SECOND(s)', 'interval day to second(min(s,6))', 's > 6: finding'],
  ['RAW(n), LONG RAW, BLOB', 'bytea', ''],
  ['CLOB, NCLOB, LONG', 'text', 'LONG: finding'],
  ['BFILE', 'text', 'finding: content not migrated'],
  ['ROWID, UROWID', 'text', 'finding'],
  ['XMLTYPE', 'xml', ''],
  ['JSON', 'jsonb', ''],
  ['BOOLEAN', 'boolean', ''],
  [
    'JSON_ELEMENT_T, JSON_OBJECT_T, JSON_ARRAY_T, JSON_SCALAR_T',
    'jsonb',
    'PL/SQL object types for JSON: methods become jsonb expressions (parse → ::jsonb, get → ->, put → ||, get_keys → jsonb_object_keys); sorted keys, ", " in serialized text, strict parsing and values copied rather than shared are reported where the methods are converted',
  ],
  ['JSON_KEY_LIST', 'text[]', 'the keys of a JSON_OBJECT_T (get_keys), jsonb key order'],
  [
    'ANYDATA',
    'opg_anydata (type_name text, value jsonb)',
    'composite type created once when used: the Oracle type name (GetTypeName) and to_jsonb of the value; Convert… → ROW(…), Access… / Get… → cast or jsonb_populate_record; column: finding',
  ],
  [
    'ANYTYPE',
    'text (the type name, SCHEMA.NAME)',
    'GetInfo, GetAttrElemInfo, GetPersistent and ANYDATA.GetType read pg_type / pg_attribute through helper functions (finding); transient types (BeginCreate …) not converted',
  ],
  ['ANYDATASET', 'same name', 'finding: not converted'],
  ['SDO_GEOMETRY', 'text', 'finding: needs PostGIS'],
  ['REF object_type', 'text', 'finding: no object references (store the key of the referenced row)'],
  ['other (user-defined)', 'same name', 'finding'],
];

function numeric(t: DataType, ctx: TypeContext): DataType {
  const [p, s] = t.args;
  const text = oracleTypeText(t);
  const integerLike = (precision: number | '*'): DataType => {
    if (precision === '*' || precision >= 19) {
      const digits = precision === '*' ? 38 : precision;
      if (ctx.narrowIntegers) {
        ctx.findings.push(
          finding('OPG-TYPE-0014', { type: text, column: ctx.column, target: 'bigint' }, ctx),
        );
        return pg('bigint');
      }
      ctx.findings.push(
        finding('OPG-TYPE-0012', { type: text, column: ctx.column, target: `numeric(${digits})` }, ctx),
      );
      return pg('numeric', [digits]);
    }
    if (precision <= 4) return pg('smallint');
    if (precision <= 9) return pg('integer');
    return pg('bigint');
  };
  if (p === undefined || (p === '*' && s === undefined)) {
    ctx.findings.push(finding('OPG-TYPE-0001', { column: ctx.column }, ctx));
    return pg('numeric');
  }
  if (s === undefined || s === 0) return integerLike(p);
  if (typeof s === 'number' && s < 0) {
    const target = pg('numeric', [p === '*' ? 38 : p, s]);
    ctx.findings.push(
      finding(
        'OPG-TYPE-0010',
        { type: text, column: ctx.column, target: `numeric(${target.args.join(',')})` },
        ctx,
      ),
    );
    return target;
  }
  return pg('numeric', [p === '*' ? 38 : p, s]);
}

function finding(id: string, args: Record<string, string | number>, ctx: TypeContext): Finding {
  return makeFinding(id, args, { object: ctx.object, location: ctx.location });
}

/** Maps one Oracle data type to PostgreSQL, pushing findings into ctx.findings. */
export function mapType(t: DataType, ctx: TypeContext): DataType {
  if (t.attribute) return t; // %TYPE / %ROWTYPE are handled by the PL/SQL rules
  if (t.ref) {
    ctx.findings.push(finding('OPG-TYPE-0015', { type: `REF ${oracleTypeText({ ...t, ref: false })}`, column: ctx.column }, ctx));
    return pg('text');
  }
  const text = oracleTypeText(t);
  const name = t.schema ? '' : t.name;
  switch (name) {
    case 'NUMBER':
      return numeric(t, ctx);
    case 'DECIMAL':
    case 'DEC':
    case 'NUMERIC':
      if (t.args.length === 0) {
        ctx.findings.push(
          finding('OPG-TYPE-0012', { type: text, column: ctx.column, target: 'numeric(38)' }, ctx),
        );
        return pg('numeric', [38]);
      }
      return numeric({ ...t, name: 'NUMBER' }, ctx);
    case 'INTEGER':
    case 'INT':
    case 'SMALLINT':
      return numeric({ ...t, name: 'NUMBER', args: ['*', 0] }, ctx);
    case 'FLOAT':
    case 'REAL':
    case 'DOUBLE PRECISION': {
      const bits =
        name === 'REAL' ? 63 : name === 'DOUBLE PRECISION' ? 126 : ((t.args[0] as number | undefined) ?? 126);
      if (bits > 53) return pg('numeric');
      ctx.findings.push(
        finding('OPG-TYPE-0002', { type: text, column: ctx.column, target: 'double precision' }, ctx),
      );
      return pg('double precision');
    }
    case 'BINARY_FLOAT':
      return pg('real');
    case 'BINARY_DOUBLE':
      return pg('double precision');
    case 'VARCHAR2':
    case 'VARCHAR':
    case 'NVARCHAR2':
    case 'CHAR':
    case 'NCHAR': {
      const fixed = name === 'CHAR' || name === 'NCHAR';
      const n = typeof t.args[0] === 'number' ? t.args[0] : fixed ? 1 : undefined;
      if (t.semantics === 'BYTE' && n !== undefined) {
        ctx.findings.push(finding('OPG-TYPE-0013', { type: text, column: ctx.column, length: n }, ctx));
      }
      if (n === undefined) return pg(fixed ? 'char' : 'varchar');
      return pg(fixed ? 'char' : 'varchar', [n]);
    }
    case 'DATE':
      return pg('timestamp', [0]);
    case 'TIMESTAMP': {
      let p = typeof t.args[0] === 'number' ? t.args[0] : 6;
      if (p > 6) {
        ctx.findings.push(finding('OPG-TYPE-0003', { type: text, column: ctx.column, precision: p }, ctx));
        p = 6;
      }
      if (t.timeZone === 'TZ') {
        ctx.findings.push(finding('OPG-TYPE-0004', { type: text, column: ctx.column }, ctx));
      }
      return pg(t.timeZone ? 'timestamptz' : 'timestamp', p === 6 ? [] : [p]);
    }
    case 'INTERVAL': {
      const i = t.interval!;
      if (i.from === 'YEAR') return pg('interval year to month');
      const s = i.toPrecision ?? 6;
      if (s > 6) ctx.findings.push(finding('OPG-TYPE-0003', { type: text, column: ctx.column, precision: s }, ctx));
      return s >= 6 ? pg('interval day to second') : pg('interval day to second', [Math.min(s, 6)]);
    }
    case 'RAW':
    case 'BLOB':
      return pg('bytea');
    case 'LONG RAW':
      ctx.findings.push(finding('OPG-TYPE-0005', { type: text, column: ctx.column, target: 'bytea' }, ctx));
      return pg('bytea');
    case 'LONG':
      ctx.findings.push(finding('OPG-TYPE-0005', { type: text, column: ctx.column, target: 'text' }, ctx));
      return pg('text');
    case 'CLOB':
    case 'NCLOB':
      return pg('text');
    case 'BFILE':
      ctx.findings.push(finding('OPG-TYPE-0006', { column: ctx.column }, ctx));
      return pg('text');
    case 'ROWID':
    case 'UROWID':
      ctx.findings.push(finding('OPG-TYPE-0007', { type: text, column: ctx.column }, ctx));
      return pg('text');
    case 'XMLTYPE':
      return pg('xml');
    case 'JSON':
      return pg('jsonb');
    case 'BOOLEAN':
      return pg('boolean');
    case 'PLS_INTEGER':
    case 'BINARY_INTEGER':
    case 'SIMPLE_INTEGER':
      return pg('integer');
  }
  const upper = t.name.toUpperCase();
  if (!t.attribute && (t.schema === undefined || t.schema === 'SYS' || t.schema === 'PUBLIC')) {
    if (JSON_OBJECT_TYPES[upper]) return pg('jsonb');
    if (upper === 'JSON_KEY_LIST') return pg('text[]');
    if (upper === 'ANYDATA') {
      ctx.support?.add(ANYDATA_TYPE);
      ctx.findings.push(finding('OPG-ANYDATA-0001', { type: text, column: ctx.column }, ctx));
      return pg(ANYDATA_TYPE);
    }
    if (upper === 'ANYTYPE') {
      ctx.findings.push(finding('OPG-ANYDATA-0002', { type: text, column: ctx.column }, ctx));
      return pg('text');
    }
    if (upper === 'ANYDATASET') {
      ctx.findings.push(finding('OPG-ANYDATA-0003', { type: text, column: ctx.column }, ctx));
      return { ...t };
    }
  }
  if (
    (t.schema === undefined || t.schema === 'MDSYS' || t.schema === 'SYS' || t.schema === 'PUBLIC') &&
    upper === 'XMLTYPE'
  )
    return pg('xml');
  if (upper === 'SDO_GEOMETRY' || upper === 'ST_GEOMETRY' || upper === 'SDO_TOPO_GEOMETRY') {
    ctx.findings.push(finding('OPG-TYPE-0008', { type: text, column: ctx.column }, ctx));
    return pg('text');
  }
  ctx.findings.push(finding('OPG-TYPE-0009', { type: text, column: ctx.column }, ctx));
  return { ...t };
}

/** True for PostgreSQL integer types (identity columns need one). */
export function isPgInteger(t: DataType): boolean {
  return t.name === 'smallint' || t.name === 'integer' || t.name === 'bigint';
}
