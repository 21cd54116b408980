/**
 * The Oracle data dictionary views that rules/dictionary.ts maps, each as a query over pg_catalog
 * written in the subset of SQL that Oracle's grammar and PostgreSQL read alike (parsed once by the
 * orapg parser, never rewritten). Markers the parser reads as calls and dictionary.ts replaces on the
 * tree: OPG_CAST(x, 'type'[, n…]) → x::type(n…); OPG_PACKAGES(x) → x IN (<package schemas>);
 * OPG_SCHEMA(x) → the Oracle name of schema x (--schema-map inverted, else the oraName rule);
 * TABLE(OPG_ROWS(srf, 'c1', 'c2')) alias → srf WITH ORDINALITY AS alias(c1, c2).
 *
 * Names are exposed as Oracle stores them (see oraName below and the module header of
 * dictionary.ts): a PostgreSQL name without upper-case letters, which is what an unquoted Oracle
 * name becomes, is shown in upper case; any other name (from a quoted Oracle name) as it is.
 */
import type { OraName } from '../ast/common.js';
import type { DataType } from '../ast/expr.js';

export type Scope = 'USER' | 'ALL' | 'DBA';

export interface DictColumn {
  name: OraName;
  /** The Oracle type of the column (for %TYPE and type inference). */
  type: DataType;
  /** How the value differs from Oracle's, when it does (reported when the query uses the column). */
  differs?: string;
}

export interface ViewDef {
  /** Columns in Oracle's order (the ALL_ / DBA_ form; the USER_ form drops `owner`). */
  columns: DictColumn[];
  /** The owner column: USER_ views keep the rows where it is USER and drop the column. */
  owner?: OraName;
  /** USER_ views that keep the owner column (USER_CONSTRAINTS, USER_CONS_COLUMNS). */
  userKeepsOwner?: boolean;
  /** The prefixes the view exists with; none for a view named as it is (V$VERSION). */
  prefixes?: Scope[];
  /** The query (select list = `columns`, in order): ALL_ form (privilege checks) or DBA_ form. */
  sql: (scope: 'ALL' | 'DBA') => string;
  /** What differs from Oracle for the view as a whole. */
  note: string;
}

const T = (name: string, ...args: number[]): DataType => ({ kind: 'datatype', name, args });
const V = (n = 128) => T('VARCHAR2', n);
const N = T('NUMBER');
const D = T('DATE');
const C = (name: string, type: DataType, differs?: string): DictColumn =>
  differs ? { name, type, differs } : { name, type };

/** The Oracle spelling of a PostgreSQL name: upper case when it has no upper-case letters. */
const oraName = (x: string) =>
  `OPG_CAST(CASE WHEN ${x} = lower(${x}) THEN upper(${x}) ELSE ${x} END, 'varchar')`;
const ORA = oraName;
/**
 * The Oracle name of a PostgreSQL schema: the inverse of --schema-map (hr_app → HR) where the map
 * names it, else oraName (dictionary.ts replaces the marker).
 */
const SCH = (x: string) => `OPG_SCHEMA(${x})`;

/** Schemas holding user objects (not the system catalogs, TOAST and temporary schemas). */
const userSchema = (n: string) =>
  `substr(${n}.nspname, 1, 3) <> 'pg_' AND ${n}.nspname <> 'information_schema'`;
const visible = (scope: 'ALL' | 'DBA', n: string, extra?: string) =>
  scope === 'DBA' ? '' : ` AND has_schema_privilege(${n}.oid, 'USAGE')${extra ? ` AND ${extra}` : ''}`;
const TABLE_PRIVS = `'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER'`;
const tablePriv = (c: string) => `has_table_privilege(${c}.oid, ${TABLE_PRIVS})`;
const nullOf = (type: string, ...args: number[]) =>
  `OPG_CAST(NULL, '${type}'${args.map((a) => `, ${a}`).join('')})`;
const NULL_DATE = nullOf('timestamp', 0);
const NULL_TEXT = nullOf('varchar');
const NULL_NUM = nullOf('numeric');
const yn = (cond: string, yes = 'Y', no = 'N') => `CASE WHEN ${cond} THEN '${yes}' ELSE '${no}' END`;

/** Oracle's name for the type of a column (the inverse of orapg's type mapping). */
const dataType = (t: string, a: string) => `CASE ${t}.typname
  WHEN 'varchar' THEN 'VARCHAR2' WHEN 'bpchar' THEN 'CHAR' WHEN 'text' THEN 'CLOB'
  WHEN 'numeric' THEN 'NUMBER' WHEN 'int2' THEN 'NUMBER' WHEN 'int4' THEN 'NUMBER' WHEN 'int8' THEN 'NUMBER'
  WHEN 'float4' THEN 'BINARY_FLOAT' WHEN 'float8' THEN 'BINARY_DOUBLE'
  WHEN 'timestamp' THEN CASE WHEN ${a}.atttypmod = 0 THEN 'DATE' ELSE 'TIMESTAMP(' || CASE WHEN ${a}.atttypmod < 0 THEN 6 ELSE ${a}.atttypmod END || ')' END
  WHEN 'timestamptz' THEN 'TIMESTAMP(' || CASE WHEN ${a}.atttypmod < 0 THEN 6 ELSE ${a}.atttypmod END || ') WITH TIME ZONE'
  WHEN 'date' THEN 'DATE' WHEN 'bytea' THEN 'BLOB' WHEN 'bool' THEN 'BOOLEAN' WHEN 'xml' THEN 'XMLTYPE'
  WHEN 'json' THEN 'JSON' WHEN 'jsonb' THEN 'JSON' WHEN 'interval' THEN 'INTERVAL DAY(2) TO SECOND(6)'
  ELSE ${ORA(`${t}.typname`)} END`;
const dataLength = (t: string, a: string) => `CASE
  WHEN ${t}.typname IN ('varchar', 'bpchar') THEN CASE WHEN ${a}.atttypmod > 4 THEN ${a}.atttypmod - 4 ELSE 4000 END
  WHEN ${t}.typname IN ('numeric', 'int2', 'int4', 'int8') THEN 22
  WHEN ${t}.typname IN ('timestamp', 'date') THEN CASE WHEN ${a}.atttypmod = 0 OR ${t}.typname = 'date' THEN 7 ELSE 11 END
  WHEN ${t}.typname = 'timestamptz' THEN 13 WHEN ${t}.typname IN ('text', 'bytea') THEN 4000
  WHEN ${t}.typname = 'float4' THEN 4 WHEN ${t}.typname = 'float8' THEN 8 ELSE ${t}.typlen END`;
const dataPrecision = (t: string, a: string) =>
  `CASE WHEN ${t}.typname = 'numeric' AND ${a}.atttypmod > 4 THEN trunc((${a}.atttypmod - 4) / 65536) END`;
const dataScale = (t: string, a: string) =>
  `CASE WHEN ${t}.typname = 'numeric' AND ${a}.atttypmod > 4 THEN mod(${a}.atttypmod - 4, 65536) WHEN ${t}.typname IN ('int2', 'int4', 'int8') THEN 0 END`;

const REL = `pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace`;

// ─── objects ──────────────────────────────────────────────────────────────────────────────

const OBJECT_COLUMNS: DictColumn[] = [
  C('OWNER', V()),
  C('OBJECT_NAME', V()),
  C('SUBOBJECT_NAME', V()),
  C('OBJECT_ID', N, 'the PostgreSQL oid'),
  C('DATA_OBJECT_ID', N),
  C('OBJECT_TYPE', V(23)),
  C('CREATED', D, 'always NULL (PostgreSQL does not record creation times)'),
  C('LAST_DDL_TIME', D, 'always NULL (PostgreSQL does not record DDL times)'),
  C('TIMESTAMP', V(19), 'always NULL'),
  C(
    'STATUS',
    V(7),
    "always 'VALID' (PostgreSQL has no invalid objects; a routine that does not compile is found at run time)",
  ),
  C('TEMPORARY', V(1)),
  C('GENERATED', V(1), "always 'N'"),
  C('SECONDARY', V(1)),
  C('NAMESPACE', N, 'always NULL'),
  C('EDITION_NAME', V(), 'always NULL'),
  C('SHARING', V(18)),
  C('EDITIONABLE', V(1), 'always NULL'),
  C('ORACLE_MAINTAINED', V(1), "always 'N' (system schemas are not listed)"),
];

/** One kind of object: the varying columns and the FROM / WHERE that list them. */
interface ObjectBranch {
  type: string;
  owner: string;
  name: string;
  id: string;
  dataId?: string;
  temporary?: string;
  from: string;
  where: (scope: 'ALL' | 'DBA') => string;
}

const notPackage = (n: string) => `NOT OPG_PACKAGES(${n}.nspname)`;
const relBranch = (type: string, kinds: string, extra?: string, priv = true): ObjectBranch => ({
  type: `'${type}'`,
  owner: SCH('n.nspname'),
  name: ORA('c.relname'),
  id: 'c.oid',
  dataId: `CASE WHEN c.relfilenode <> 0 THEN c.relfilenode END`,
  temporary: yn(`c.relpersistence = 't'`),
  from: REL,
  where: (s) =>
    `c.relkind IN (${kinds}) AND ${extra ? `${extra} AND ` : ''}${userSchema('n')}${visible(s, 'n', priv ? tablePriv('c') : undefined)}`,
});
const OBJECT_BRANCHES: ObjectBranch[] = [
  relBranch('TABLE', `'r', 'p', 'f'`, 'NOT c.relispartition'),
  relBranch('TABLE PARTITION', `'r', 'p', 'f'`, 'c.relispartition'),
  relBranch('VIEW', `'v'`),
  relBranch('MATERIALIZED VIEW', `'m'`),
  relBranch('SEQUENCE', `'S'`, undefined, false),
  relBranch('INDEX', `'i', 'I'`, undefined, false),
  {
    type: `CASE WHEN p.prokind = 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END`,
    owner: SCH('n.nspname'),
    name: ORA('p.proname'),
    id: 'p.oid',
    from: `pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace`,
    where: (s) =>
      `p.prokind IN ('f', 'p') AND p.prorettype <> OPG_CAST('trigger', 'regtype') AND ${notPackage('n')} AND ${userSchema('n')}${visible(s, 'n', `has_function_privilege(p.oid, 'EXECUTE')`)}`,
  },
  {
    type: `'PACKAGE'`,
    owner: ORA('pg_get_userbyid(n.nspowner)'),
    name: SCH('n.nspname'),
    id: 'n.oid',
    from: 'pg_catalog.pg_namespace n',
    where: (s) => `OPG_PACKAGES(n.nspname)${visible(s, 'n')}`,
  },
  {
    type: `'PACKAGE BODY'`,
    owner: ORA('pg_get_userbyid(n.nspowner)'),
    name: SCH('n.nspname'),
    id: 'n.oid',
    from: 'pg_catalog.pg_namespace n',
    where: (s) => `OPG_PACKAGES(n.nspname)${visible(s, 'n')}`,
  },
  {
    type: `'TYPE'`,
    owner: SCH('n.nspname'),
    name: ORA('t.typname'),
    id: 't.oid',
    from: `pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace`,
    where: (s) =>
      `(t.typtype IN ('d', 'e') OR (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_catalog.pg_class tc WHERE tc.oid = t.typrelid AND tc.relkind = 'c'))) AND ${notPackage('n')} AND ${userSchema('n')}${visible(s, 'n', `has_type_privilege(t.oid, 'USAGE')`)}`,
  },
  {
    type: `'TRIGGER'`,
    owner: SCH('n.nspname'),
    name: ORA('tg.tgname'),
    id: 'tg.oid',
    from: `pg_catalog.pg_trigger tg JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace`,
    where: (s) => `NOT tg.tgisinternal AND ${userSchema('n')}${visible(s, 'n', tablePriv('c'))}`,
  },
];

const objects: ViewDef = {
  columns: OBJECT_COLUMNS,
  owner: 'OWNER',
  prefixes: ['USER', 'ALL', 'DBA'],
  note: "OBJECTS lists tables, partitions, views, materialized views, sequences, indexes, standalone functions and procedures, packages (the schemas orapg made of them: OWNER is the schema's owner role), types (composite, domain and enum types) and triggers of the non-system schemas; synonyms are views on PostgreSQL and are listed as VIEW",
  sql: (s) =>
    OBJECT_BRANCHES.map(
      (b) =>
        `SELECT ${b.owner} AS owner, ${b.name} AS object_name, ${NULL_TEXT} AS subobject_name, OPG_CAST(${b.id}, 'bigint') AS object_id, ` +
        `OPG_CAST(${b.dataId ?? 'NULL'}, 'bigint') AS data_object_id, ${b.type} AS object_type, ${NULL_DATE} AS created, ${NULL_DATE} AS last_ddl_time, ` +
        `${NULL_TEXT} AS "TIMESTAMP", 'VALID' AS status, ${b.temporary ?? `'N'`} AS temporary, 'N' AS generated, 'N' AS secondary, ${NULL_NUM} AS namespace, ` +
        `${NULL_TEXT} AS edition_name, 'NONE' AS sharing, ${NULL_TEXT} AS editionable, 'N' AS oracle_maintained FROM ${b.from} WHERE ${b.where(s)}`,
    ).join(' UNION ALL '),
};

// ─── tables and columns ───────────────────────────────────────────────────────────────────

const tables: ViewDef = {
  columns: [
    C('OWNER', V()),
    C('TABLE_NAME', V()),
    C('TABLESPACE_NAME', V(30), 'the PostgreSQL tablespace (NULL for the default)'),
    C('STATUS', V(8), "always 'VALID'"),
    C('NUM_ROWS', N, 'pg_class.reltuples (NULL before the first ANALYZE)'),
    C('BLOCKS', N),
    C('LAST_ANALYZED', D, 'always NULL'),
    C('PARTITIONED', V(3)),
    C('IOT_TYPE', V(12), 'always NULL'),
    C('TEMPORARY', V(1)),
    C('NESTED', V(3)),
    C('DURATION', V(15), 'always NULL'),
    C('LOGGING', V(3)),
    C('READ_ONLY', V(3)),
    C('DROPPED', V(3)),
  ],
  owner: 'OWNER',
  prefixes: ['USER', 'ALL', 'DBA'],
  note: 'TABLES lists ordinary, partitioned and foreign tables (not partitions); storage and statistics columns are not Oracle figures',
  sql: (s) =>
    `SELECT ${SCH('n.nspname')} AS owner, ${ORA('c.relname')} AS table_name, ` +
    `(SELECT ${ORA('ts.spcname')} FROM pg_catalog.pg_tablespace ts WHERE ts.oid = c.reltablespace) AS tablespace_name, 'VALID' AS status, ` +
    `OPG_CAST(CASE WHEN c.reltuples >= 0 THEN c.reltuples END, 'numeric') AS num_rows, OPG_CAST(c.relpages, 'numeric') AS blocks, ${NULL_DATE} AS last_analyzed, ` +
    `${yn(`c.relkind = 'p'`, 'YES', 'NO')} AS partitioned, ${NULL_TEXT} AS iot_type, ${yn(`c.relpersistence = 't'`)} AS temporary, 'NO' AS nested, ` +
    `${NULL_TEXT} AS duration, ${yn(`c.relpersistence = 'u'`, 'NO', 'YES')} AS logging, 'NO' AS read_only, 'NO' AS dropped ` +
    `FROM ${REL} WHERE c.relkind IN ('r', 'p', 'f') AND NOT c.relispartition AND ${userSchema('n')}${visible(s, 'n', tablePriv('c'))}`,
};

const columnBase: DictColumn[] = [
  C('OWNER', V()),
  C('TABLE_NAME', V()),
  C('COLUMN_NAME', V()),
  C(
    'DATA_TYPE',
    V(),
    'the Oracle name of the PostgreSQL type (varchar → VARCHAR2, numeric and integers → NUMBER, timestamp(0) → DATE, text → CLOB, bytea → BLOB); other types by their PostgreSQL name',
  ),
  C('DATA_TYPE_MOD', V(3)),
  C('DATA_TYPE_OWNER', V()),
  C('DATA_LENGTH', N),
  C(
    'DATA_PRECISION',
    N,
    'NULL for integer columns (smallint / integer / bigint), whose Oracle precision is not kept',
  ),
  C('DATA_SCALE', N),
  C('NULLABLE', V(1)),
  C('COLUMN_ID', N, 'the PostgreSQL attribute number (gaps where columns were dropped)'),
  C('DEFAULT_LENGTH', N),
  C('DATA_DEFAULT', T('LONG'), 'the PostgreSQL default expression'),
  C('CHAR_LENGTH', N),
  C('CHAR_USED', V(1)),
];
const columnsSql = (s: 'ALL' | 'DBA', extra = '') =>
  `SELECT ${SCH('n.nspname')} AS owner, ${ORA('c.relname')} AS table_name, ${ORA('a.attname')} AS column_name, ${dataType('t', 'a')} AS data_type, ` +
  `${NULL_TEXT} AS data_type_mod, (SELECT ${SCH('tn.nspname')} FROM pg_catalog.pg_namespace tn WHERE tn.oid = t.typnamespace AND tn.nspname <> 'pg_catalog') AS data_type_owner, ` +
  `OPG_CAST(${dataLength('t', 'a')}, 'numeric') AS data_length, OPG_CAST(${dataPrecision('t', 'a')}, 'numeric') AS data_precision, OPG_CAST(${dataScale('t', 'a')}, 'numeric') AS data_scale, ` +
  `${yn('a.attnotnull', 'N', 'Y')} AS nullable, OPG_CAST(a.attnum, 'numeric') AS column_id, OPG_CAST(length(pg_get_expr(d.adbin, d.adrelid)), 'numeric') AS default_length, ` +
  `pg_get_expr(d.adbin, d.adrelid) AS data_default, OPG_CAST(CASE WHEN t.typname IN ('varchar', 'bpchar') THEN CASE WHEN a.atttypmod > 4 THEN a.atttypmod - 4 ELSE 4000 END ELSE 0 END, 'numeric') AS char_length, ` +
  `CASE WHEN t.typname IN ('varchar', 'bpchar') THEN 'C' END AS char_used${extra} ` +
  `FROM ${REL} JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid JOIN pg_catalog.pg_type t ON t.oid = a.atttypid ` +
  `LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum ` +
  `WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped AND ${userSchema('n')}${visible(s, 'n', tablePriv('c'))}`;
const COLUMNS_NOTE =
  'TAB_COLUMNS lists the columns of tables, views and materialized views; types are given by their Oracle names where orapg maps them';
const tabColumns: ViewDef = {
  columns: columnBase,
  owner: 'OWNER',
  prefixes: ['USER', 'ALL', 'DBA'],
  note: COLUMNS_NOTE,
  sql: (s) => columnsSql(s),
};
const tabCols: ViewDef = {
  columns: [
    ...columnBase,
    C('HIDDEN_COLUMN', V(3)),
    C('VIRTUAL_COLUMN', V(3)),
    C('SEGMENT_COLUMN_ID', N),
    C('INTERNAL_COLUMN_ID', N),
    C('USER_GENERATED', V(3)),
  ],
  owner: 'OWNER',
  prefixes: ['USER', 'ALL', 'DBA'],
  note: COLUMNS_NOTE,
  sql: (s) =>
    columnsSql(
      s,
      `, 'NO' AS hidden_column, ${yn(`a.attgenerated = 's'`, 'YES', 'NO')} AS virtual_column, OPG_CAST(a.attnum, 'numeric') AS segment_column_id, ` +
        `OPG_CAST(a.attnum, 'numeric') AS internal_column_id, 'YES' AS user_generated`,
    ),
};

const tabComments: ViewDef = {
  columns: [C('OWNER', V()), C('TABLE_NAME', V()), C('TABLE_TYPE', V(11)), C('COMMENTS', V(4000))],
  owner: 'OWNER',
  prefixes: ['USER', 'ALL', 'DBA'],
  note: 'TAB_COMMENTS reads COMMENT ON TABLE / VIEW (obj_description)',
  sql: (s) =>
    `SELECT ${SCH('n.nspname')} AS owner, ${ORA('c.relname')} AS table_name, CASE WHEN c.relkind IN ('v', 'm') THEN 'VIEW' ELSE 'TABLE' END AS table_type, ` +
    `obj_description(c.oid, 'pg_class') AS comments FROM ${REL} WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm') AND ${userSchema('n')}${visible(s, 'n', tablePriv('c'))}`,
};
const colComments: ViewDef = {
  columns: [C('OWNER', V()), C('TABLE_NAME', V()), C('COLUMN_NAME', V()), C('COMMENTS', V(4000))],
  owner: 'OWNER',
  prefixes: ['USER', 'ALL', 'DBA'],
  note: 'COL_COMMENTS reads COMMENT ON COLUMN (col_description)',
  sql: (s) =>
    `SELECT ${SCH('n.nspname')} AS owner, ${ORA('c.relname')} AS table_name, ${ORA('a.attname')} AS column_name, col_description(c.oid, a.attnum) AS comments ` +
    `FROM ${REL} JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped AND ${userSchema('n')}${visible(s, 'n', tablePriv('c'))}`,
};

// ─── constraints and indexes ──────────────────────────────────────────────────────────────

const CON = `pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace`;
const constraints: ViewDef = {
  columns: [
    C('OWNER', V()),
    C('CONSTRAINT_NAME', V()),
    C(
      'CONSTRAINT_TYPE',
      V(1),
      'NOT NULL constraints are not listed (PostgreSQL keeps them as column attributes: see NULLABLE of TAB_COLUMNS)',
    ),
    C('TABLE_NAME', V()),
    C(
      'SEARCH_CONDITION',
      T('LONG'),
      'the PostgreSQL definition (pg_get_constraintdef), e.g. CHECK ((x > 0))',
    ),
    C('R_OWNER', V()),
    C('R_CONSTRAINT_NAME', V()),
    C('DELETE_RULE', V(9)),
    C('STATUS', V(8), "always 'ENABLED'"),
    C('DEFERRABLE', V(14)),
    C('DEFERRED', V(9)),
    C('VALIDATED', V(13)),
    C('GENERATED', V(14), "always 'USER NAME'"),
    C('INDEX_OWNER', V()),
    C('INDEX_NAME', V()),
  ],
  owner: 'OWNER',
  userKeepsOwner: true,
  prefixes: ['USER', 'ALL', 'DBA'],
  note: 'CONSTRAINTS lists primary key (P), unique (U), foreign key (R) and check (C) constraints of tables',
  sql: (s) =>
    `SELECT ${SCH('n.nspname')} AS owner, ${ORA('k.conname')} AS constraint_name, ` +
    `CASE k.contype WHEN 'p' THEN 'P' WHEN 'u' THEN 'U' WHEN 'f' THEN 'R' WHEN 'c' THEN 'C' ELSE upper(k.contype) END AS constraint_type, ` +
    `${ORA('c.relname')} AS table_name, CASE WHEN k.contype = 'c' THEN pg_get_constraintdef(k.oid) END AS search_condition, ` +
    `(SELECT ${SCH('rn.nspname')} FROM pg_catalog.pg_class rc JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace WHERE rc.oid = k.confrelid) AS r_owner, ` +
    `(SELECT ${ORA('rk.conname')} FROM pg_catalog.pg_constraint rk WHERE k.contype = 'f' AND rk.conrelid = k.confrelid AND rk.conindid = k.conindid AND rk.contype IN ('p', 'u')) AS r_constraint_name, ` +
    `CASE WHEN k.contype = 'f' THEN CASE k.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' ELSE 'NO ACTION' END END AS delete_rule, 'ENABLED' AS status, ` +
    `${yn('k.condeferrable', 'DEFERRABLE', 'NOT DEFERRABLE')} AS "DEFERRABLE", ${yn('k.condeferred', 'DEFERRED', 'IMMEDIATE')} AS deferred, ` +
    `${yn('k.convalidated', 'VALIDATED', 'NOT VALIDATED')} AS validated, 'USER NAME' AS generated, ` +
    `CASE WHEN k.contype IN ('p', 'u') THEN ${SCH('n.nspname')} END AS index_owner, ` +
    `(SELECT ${ORA('ic.relname')} FROM pg_catalog.pg_class ic WHERE k.contype IN ('p', 'u') AND ic.oid = k.conindid) AS index_name ` +
    `FROM ${CON} WHERE k.contype IN ('p', 'u', 'f', 'c') AND ${userSchema('n')}${visible(s, 'n', tablePriv('c'))}`,
};
const consColumns: ViewDef = {
  columns: [
    C('OWNER', V()),
    C('CONSTRAINT_NAME', V()),
    C('TABLE_NAME', V()),
    C('COLUMN_NAME', V(4000)),
    C('POSITION', N),
  ],
  owner: 'OWNER',
  userKeepsOwner: true,
  prefixes: ['USER', 'ALL', 'DBA'],
  note: 'CONS_COLUMNS lists the columns of primary key, unique, foreign key and check constraints',
  sql: (s) =>
    `SELECT ${SCH('n.nspname')} AS owner, ${ORA('k.conname')} AS constraint_name, ${ORA('c.relname')} AS table_name, ${ORA('a.attname')} AS column_name, ` +
    `OPG_CAST(CASE WHEN k.contype <> 'c' THEN kc.position END, 'numeric') AS position ` +
    `FROM ${CON} CROSS JOIN TABLE(OPG_ROWS(unnest(k.conkey), 'attnum', 'position')) kc JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = kc.attnum ` +
    `WHERE k.contype IN ('p', 'u', 'f', 'c') AND ${userSchema('n')}${visible(s, 'n', tablePriv('c'))}`,
};

const IDX = `pg_catalog.pg_index x JOIN pg_catalog.pg_class ic ON ic.oid = x.indexrelid JOIN pg_catalog.pg_class c ON c.oid = x.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace`;
const indexes: ViewDef = {
  columns: [
    C('OWNER', V()),
    C('INDEX_NAME', V()),
    C('INDEX_TYPE', V(27)),
    C('TABLE_OWNER', V()),
    C('TABLE_NAME', V()),
    C('TABLE_TYPE', V(11)),
    C('UNIQUENESS', V(9)),
    C('TABLESPACE_NAME', V(30)),
    C('STATUS', V(8)),
    C('NUM_ROWS', N),
    C('LAST_ANALYZED', D, 'always NULL'),
    C('PARTITIONED', V(3)),
    C('TEMPORARY', V(1)),
    C('GENERATED', V(1)),
    C('VISIBILITY', V(9)),
    C('CONSTRAINT_INDEX', V(3)),
  ],
  owner: 'OWNER',
  prefixes: ['USER', 'ALL', 'DBA'],
  note: "INDEXES lists the indexes of tables and materialized views; INDEX_TYPE is 'NORMAL' or 'FUNCTION-BASED NORMAL' whatever the access method",
  sql: (s) =>
    `SELECT ${SCH('n.nspname')} AS owner, ${ORA('ic.relname')} AS index_name, CASE WHEN x.indexprs IS NULL THEN 'NORMAL' ELSE 'FUNCTION-BASED NORMAL' END AS index_type, ` +
    `${SCH('n.nspname')} AS table_owner, ${ORA('c.relname')} AS table_name, 'TABLE' AS table_type, ${yn('x.indisunique', 'UNIQUE', 'NONUNIQUE')} AS uniqueness, ` +
    `(SELECT ${ORA('ts.spcname')} FROM pg_catalog.pg_tablespace ts WHERE ts.oid = ic.reltablespace) AS tablespace_name, ${yn('x.indisvalid', 'VALID', 'UNUSABLE')} AS status, ` +
    `OPG_CAST(CASE WHEN ic.reltuples >= 0 THEN ic.reltuples END, 'numeric') AS num_rows, ${NULL_DATE} AS last_analyzed, ${yn(`ic.relkind = 'I'`, 'YES', 'NO')} AS partitioned, ` +
    `${yn(`ic.relpersistence = 't'`)} AS temporary, 'N' AS generated, 'VISIBLE' AS visibility, ` +
    `CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid) THEN 'YES' ELSE 'NO' END AS constraint_index ` +
    `FROM ${IDX} WHERE ${userSchema('n')}${visible(s, 'n', tablePriv('c'))}`,
};
const indColumns: ViewDef = {
  columns: [
    C('INDEX_OWNER', V()),
    C('INDEX_NAME', V()),
    C('TABLE_OWNER', V()),
    C('TABLE_NAME', V()),
    C(
      'COLUMN_NAME',
      V(4000),
      'an expression column is shown as its PostgreSQL expression (Oracle shows a SYS_NC… name)',
    ),
    C('COLUMN_POSITION', N),
    C('COLUMN_LENGTH', N),
    C('CHAR_LENGTH', N),
    C('DESCEND', V(4)),
  ],
  owner: 'INDEX_OWNER',
  prefixes: ['USER', 'ALL', 'DBA'],
  note: 'IND_COLUMNS lists the key columns of indexes (INCLUDE columns are left out)',
  sql: (s) =>
    `SELECT ${SCH('n.nspname')} AS index_owner, ${ORA('ic.relname')} AS index_name, ${SCH('n.nspname')} AS table_owner, ${ORA('c.relname')} AS table_name, ` +
    `CASE WHEN a.attname IS NULL THEN pg_get_indexdef(x.indexrelid, OPG_CAST(k.position, 'int'), TRUE) ELSE ${ORA('a.attname')} END AS column_name, ` +
    `OPG_CAST(k.position, 'numeric') AS column_position, OPG_CAST(CASE WHEN a.atttypmod > 4 THEN a.atttypmod - 4 ELSE 22 END, 'numeric') AS column_length, ` +
    `OPG_CAST(CASE WHEN a.atttypmod > 4 THEN a.atttypmod - 4 ELSE 0 END, 'numeric') AS char_length, ` +
    `${yn(`pg_index_column_has_property(x.indexrelid, OPG_CAST(k.position, 'int'), 'desc')`, 'DESC', 'ASC')} AS descend ` +
    `FROM ${IDX} CROSS JOIN TABLE(OPG_ROWS(unnest(OPG_CAST(x.indkey, 'int2[]')), 'attnum', 'position')) k ` +
    `LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ` +
    `WHERE k.position <= x.indnkeyatts AND ${userSchema('n')}${visible(s, 'n', tablePriv('c'))}`,
};

// ─── sequences, views, source, types, synonyms ────────────────────────────────────────────

const sequences: ViewDef = {
  columns: [
    C('SEQUENCE_OWNER', V()),
    C('SEQUENCE_NAME', V()),
    C('MIN_VALUE', N),
    C('MAX_VALUE', N),
    C('INCREMENT_BY', N),
    C('CYCLE_FLAG', V(1)),
    C('ORDER_FLAG', V(1), "always 'N'"),
    C('CACHE_SIZE', N),
    C(
      'LAST_NUMBER',
      N,
      'the next value the sequence gives (its last value plus the increment), NULL without the right to read it',
    ),
  ],
  owner: 'SEQUENCE_OWNER',
  prefixes: ['USER', 'ALL', 'DBA'],
  note: 'SEQUENCES reads pg_sequence',
  sql: (s) =>
    `SELECT ${SCH('n.nspname')} AS sequence_owner, ${ORA('c.relname')} AS sequence_name, OPG_CAST(q.seqmin, 'numeric') AS min_value, OPG_CAST(q.seqmax, 'numeric') AS max_value, ` +
    `OPG_CAST(q.seqincrement, 'numeric') AS increment_by, ${yn('q.seqcycle')} AS cycle_flag, 'N' AS order_flag, OPG_CAST(q.seqcache, 'numeric') AS cache_size, ` +
    `OPG_CAST(CASE WHEN has_sequence_privilege(c.oid, 'SELECT, USAGE') THEN coalesce(pg_sequence_last_value(c.oid) + q.seqincrement, q.seqstart) END, 'numeric') AS last_number ` +
    `FROM pg_catalog.pg_sequence q JOIN pg_catalog.pg_class c ON c.oid = q.seqrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE ${userSchema('n')}${visible(s, 'n', `CASE WHEN c.relkind = 'S' THEN has_sequence_privilege(c.oid, 'SELECT, USAGE, UPDATE') ELSE FALSE END`)}`,
};

const views: ViewDef = {
  columns: [
    C('OWNER', V()),
    C('VIEW_NAME', V()),
    C('TEXT_LENGTH', N),
    C('TEXT', T('LONG'), 'the PostgreSQL query (pg_get_viewdef)'),
    C('TEXT_VC', V(4000)),
    C('READ_ONLY', V(1)),
  ],
  owner: 'OWNER',
  prefixes: ['USER', 'ALL', 'DBA'],
  note: 'VIEWS gives the PostgreSQL text of the views',
  sql: (s) =>
    `SELECT ${SCH('n.nspname')} AS owner, ${ORA('c.relname')} AS view_name, OPG_CAST(length(pg_get_viewdef(c.oid)), 'numeric') AS text_length, ` +
    `pg_get_viewdef(c.oid) AS text, OPG_CAST(substr(pg_get_viewdef(c.oid), 1, 4000), 'varchar') AS text_vc, 'N' AS read_only ` +
    `FROM ${REL} WHERE c.relkind = 'v' AND ${userSchema('n')}${visible(s, 'n', tablePriv('c'))}`,
};

const sourceUnits = (s: 'ALL' | 'DBA') =>
  `SELECT ${SCH('n.nspname')} AS owner, ${ORA('p.proname')} AS name, ` +
  `CASE WHEN p.prorettype = OPG_CAST('trigger', 'regtype') THEN 'TRIGGER' WHEN p.prokind = 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END AS type, pg_get_functiondef(p.oid) AS src ` +
  `FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p') AND ${notPackage('n')} AND ${userSchema('n')}` +
  `${visible(s, 'n', `has_function_privilege(p.oid, 'EXECUTE')`)} ` +
  `UNION ALL SELECT ${ORA('pg_get_userbyid(n.nspowner)')} AS owner, ${SCH('n.nspname')} AS name, 'PACKAGE BODY' AS type, ` +
  `(SELECT string_agg(pg_get_functiondef(m.oid), chr(10)) FROM (SELECT pm.oid FROM pg_catalog.pg_proc pm WHERE pm.pronamespace = n.oid AND pm.prokind IN ('f', 'p') ORDER BY pm.proname, pm.oid) m) AS src ` +
  `FROM pg_catalog.pg_namespace n WHERE OPG_PACKAGES(n.nspname)${visible(s, 'n')}`;
const source: ViewDef = {
  columns: [
    C('OWNER', V()),
    C('NAME', V()),
    C('TYPE', V(12)),
    C('LINE', N),
    C(
      'TEXT',
      V(4000),
      'the lines of the converted PostgreSQL routine (pg_get_functiondef), not of the Oracle source: line numbers and comments differ',
    ),
  ],
  owner: 'OWNER',
  prefixes: ['USER', 'ALL', 'DBA'],
  note: "SOURCE gives the PostgreSQL definition of each function and procedure, line by line (TYPE FUNCTION, PROCEDURE or TRIGGER for trigger functions); a package (a schema) is one 'PACKAGE BODY' made of its routines' definitions; there are no 'PACKAGE' (specification) or 'TYPE' rows",
  sql: (s) =>
    `SELECT u.owner AS owner, u.name AS name, u.type AS type, OPG_CAST(l.line, 'numeric') AS line, l.text || chr(10) AS text ` +
    `FROM (${sourceUnits(s)}) u CROSS JOIN TABLE(OPG_ROWS(string_to_table(rtrim(u.src, chr(10)), chr(10)), 'text', 'line')) l`,
};

const types: ViewDef = {
  columns: [
    C('OWNER', V()),
    C('TYPE_NAME', V()),
    C('TYPE_OID', T('RAW', 16)),
    C('TYPECODE', V(128)),
    C('ATTRIBUTES', N),
    C('METHODS', N, 'always 0 (methods are separate functions on PostgreSQL)'),
    C('PREDEFINED', V(3)),
    C('INCOMPLETE', V(3)),
    C('FINAL', V(3), "always 'YES' (type hierarchies are flattened into one composite type)"),
    C('INSTANTIABLE', V(3), "always 'YES'"),
    C('SUPERTYPE_OWNER', V(), 'always NULL'),
    C('SUPERTYPE_NAME', V(), 'always NULL'),
    C('LOCAL_ATTRIBUTES', N),
    C('LOCAL_METHODS', N),
  ],
  owner: 'OWNER',
  prefixes: ['USER', 'ALL', 'DBA'],
  note: "TYPES lists composite types (TYPECODE 'OBJECT'), domains over arrays (collections: 'COLLECTION') and other domains and enums by their base type",
  sql: (s) =>
    `SELECT ${SCH('n.nspname')} AS owner, ${ORA('t.typname')} AS type_name, ${nullOf('bytea')} AS type_oid, ` +
    `CASE WHEN t.typtype = 'c' THEN 'OBJECT' WHEN t.typtype = 'd' AND EXISTS (SELECT 1 FROM pg_catalog.pg_type b WHERE b.oid = t.typbasetype AND b.typcategory = 'A') THEN 'COLLECTION' ELSE upper(format_type(t.typbasetype, t.typtypmod)) END AS typecode, ` +
    `OPG_CAST((SELECT count(*) FROM pg_catalog.pg_attribute ta WHERE t.typtype = 'c' AND ta.attrelid = t.typrelid AND ta.attnum > 0 AND NOT ta.attisdropped), 'numeric') AS attributes, ` +
    `OPG_CAST(0, 'numeric') AS methods, 'NO' AS predefined, 'NO' AS incomplete, 'YES' AS final, 'YES' AS instantiable, ${NULL_TEXT} AS supertype_owner, ${NULL_TEXT} AS supertype_name, ` +
    `OPG_CAST((SELECT count(*) FROM pg_catalog.pg_attribute ta WHERE t.typtype = 'c' AND ta.attrelid = t.typrelid AND ta.attnum > 0 AND NOT ta.attisdropped), 'numeric') AS local_attributes, ` +
    `OPG_CAST(0, 'numeric') AS local_methods ` +
    `FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace ` +
    `WHERE (t.typtype IN ('d', 'e') OR (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_catalog.pg_class tc WHERE tc.oid = t.typrelid AND tc.relkind = 'c'))) ` +
    `AND ${userSchema('n')}${visible(s, 'n', `has_type_privilege(t.oid, 'USAGE')`)}`,
};

const synonyms: ViewDef = {
  columns: [
    C('OWNER', V()),
    C('SYNONYM_NAME', V()),
    C('TABLE_OWNER', V()),
    C('TABLE_NAME', V()),
    C('DB_LINK', V()),
  ],
  owner: 'OWNER',
  prefixes: ['USER', 'ALL', 'DBA'],
  note: 'SYNONYMS is always empty: PostgreSQL has no synonyms (orapg converts a synonym to a view over its target, listed in ALL_VIEWS / ALL_OBJECTS as a VIEW); code that looks synonyms up must look for the view instead',
  sql: () =>
    `SELECT ${NULL_TEXT} AS owner, ${NULL_TEXT} AS synonym_name, ${NULL_TEXT} AS table_owner, ${NULL_TEXT} AS table_name, ${NULL_TEXT} AS db_link FROM dual WHERE 1 = 0`,
};

// ─── users, privileges, roles ─────────────────────────────────────────────────────────────

const users: ViewDef = {
  columns: [
    C('USERNAME', V()),
    C('USER_ID', N, 'the role oid'),
    C('ACCOUNT_STATUS', V(32)),
    C('EXPIRY_DATE', D),
    C('DEFAULT_TABLESPACE', V(30), 'always NULL'),
    C('CREATED', D, 'always NULL'),
    C('COMMON', V(3)),
    C(
      'ORACLE_MAINTAINED',
      V(1),
      "'Y' for the roles PostgreSQL creates itself (the bootstrap superuser, pg_* roles)",
    ),
  ],
  owner: 'USERNAME',
  userKeepsOwner: true,
  prefixes: ['USER', 'ALL', 'DBA'],
  note: 'USERS lists the roles that can log in or own a schema of their name (a converted Oracle user), plus the predefined roles',
  sql: () =>
    `SELECT ${ORA('r.rolname')} AS username, OPG_CAST(r.oid, 'bigint') AS user_id, ` +
    `CASE WHEN NOT r.rolcanlogin THEN 'LOCKED' WHEN r.rolvaliduntil < now() THEN 'EXPIRED' ELSE 'OPEN' END AS account_status, ` +
    `OPG_CAST(r.rolvaliduntil, 'timestamp', 0) AS expiry_date, ${NULL_TEXT} AS default_tablespace, ${NULL_DATE} AS created, 'NO' AS common, ` +
    `${yn('r.oid < 16384')} AS oracle_maintained FROM pg_catalog.pg_roles r ` +
    `WHERE r.rolcanlogin OR r.oid < 16384 OR EXISTS (SELECT 1 FROM pg_catalog.pg_namespace un WHERE un.nspname = r.rolname)`,
};

/** Oracle system privileges from the role attributes and database / schema privileges of a role. */
const privileges = (role: string) =>
  [
    [`${role}.rolcanlogin`, `CREATE SESSION`],
    [
      `${role}.rolsuper`,
      `SELECT ANY TABLE|INSERT ANY TABLE|UPDATE ANY TABLE|DELETE ANY TABLE|EXECUTE ANY PROCEDURE|SELECT ANY DICTIONARY|CREATE ANY TABLE|DROP ANY TABLE|ALTER ANY TABLE|CREATE ANY PROCEDURE|ALTER SYSTEM|ALTER SESSION`,
    ],
    [
      `${role}.rolcreaterole`,
      `CREATE ROLE|ALTER ANY ROLE|DROP ANY ROLE|GRANT ANY ROLE|CREATE USER|ALTER USER|DROP USER`,
    ],
    [`has_database_privilege(${role}.oid, current_database(), 'CREATE')`, `CREATE USER`],
    [
      `has_schema_privilege(${role}.oid, current_schema(), 'CREATE')`,
      `CREATE TABLE|CREATE VIEW|CREATE SEQUENCE|CREATE PROCEDURE|CREATE TYPE|CREATE TRIGGER|CREATE MATERIALIZED VIEW`,
    ],
    [`pg_has_role(${role}.oid, 'pg_read_all_data', 'MEMBER')`, `SELECT ANY TABLE`],
    [
      `pg_has_role(${role}.oid, 'pg_write_all_data', 'MEMBER')`,
      `INSERT ANY TABLE|UPDATE ANY TABLE|DELETE ANY TABLE`,
    ],
  ]
    .map(
      ([cond, list]) =>
        `SELECT p.privilege FROM TABLE(OPG_ROWS(unnest(string_to_array('${list}', '|')), 'privilege', 'n')) p WHERE ${cond}`,
    )
    .join(' UNION ');
const PRIV_NOTE =
  'system privileges are derived from the role attributes (LOGIN → CREATE SESSION, SUPERUSER → the ANY privileges, CREATEROLE → role and user administration), CREATE on the database and on the current schema, and membership of pg_read_all_data / pg_write_all_data; object privileges are not system privileges';
const sysPrivs: ViewDef = {
  columns: [
    C('USERNAME', V()),
    C('PRIVILEGE', V(40)),
    C('ADMIN_OPTION', V(3)),
    C('COMMON', V(3)),
    C('INHERITED', V(3)),
  ],
  owner: 'USERNAME',
  userKeepsOwner: true,
  prefixes: ['USER'],
  note: `USER_SYS_PRIVS: ${PRIV_NOTE}`,
  sql: () =>
    `SELECT ${ORA('r.rolname')} AS username, x.privilege AS privilege, 'NO' AS admin_option, 'NO' AS common, 'NO' AS inherited ` +
    `FROM pg_catalog.pg_roles r CROSS APPLY (${privileges('r')}) x`,
};
const sessionPrivs: ViewDef = {
  columns: [C('PRIVILEGE', V(40))],
  note: `SESSION_PRIVS: ${PRIV_NOTE}; privileges of the roles the user is a member of are included`,
  sql: () =>
    `SELECT DISTINCT x.privilege AS privilege FROM pg_catalog.pg_roles r CROSS APPLY (${privileges('r')}) x WHERE pg_has_role(r.oid, 'USAGE')`,
};
const roleSysPrivs: ViewDef = {
  columns: [
    C('ROLE', V()),
    C('PRIVILEGE', V(40)),
    C('ADMIN_OPTION', V(3)),
    C('COMMON', V(3)),
    C('INHERITED', V(3)),
  ],
  note: `ROLE_SYS_PRIVS lists the roles the user is a member of; ${PRIV_NOTE}`,
  sql: () =>
    `SELECT ${ORA('r.rolname')} AS role, x.privilege AS privilege, 'NO' AS admin_option, 'NO' AS common, 'NO' AS inherited ` +
    `FROM pg_catalog.pg_roles r CROSS APPLY (${privileges('r')}) x WHERE pg_has_role(r.oid, 'USAGE') AND r.rolname <> USER`,
};
const sessionRoles: ViewDef = {
  columns: [C('ROLE', V())],
  note: 'SESSION_ROLES lists the roles the current user is a member of (and inherits from)',
  sql: () =>
    `SELECT ${ORA('r.rolname')} AS role FROM pg_catalog.pg_roles r WHERE pg_has_role(r.oid, 'USAGE') AND r.rolname <> USER`,
};

// ─── NLS parameters, instance and session ─────────────────────────────────────────────────

/** The value of one NLS parameter as the converted code sees it. */
const NLS: [string, string][] = [
  [
    'NLS_LANGUAGE',
    `CASE WHEN current_setting('lc_messages') IN ('C', 'POSIX') OR substr(current_setting('lc_messages'), 1, 2) = 'en' THEN 'AMERICAN' ELSE upper(current_setting('lc_messages')) END`,
  ],
  [
    'NLS_TERRITORY',
    `CASE WHEN current_setting('lc_monetary') IN ('C', 'POSIX') OR substr(current_setting('lc_monetary'), 1, 5) = 'en_US' THEN 'AMERICA' ELSE upper(current_setting('lc_monetary')) END`,
  ],
  ['NLS_CURRENCY', `'$'`],
  ['NLS_ISO_CURRENCY', `'AMERICA'`],
  ['NLS_NUMERIC_CHARACTERS', `'.,'`],
  ['NLS_CALENDAR', `'GREGORIAN'`],
  // How a timestamp(0) (a converted DATE) and timestamps turn into text under the session's DateStyle.
  [
    'NLS_DATE_FORMAT',
    `CASE WHEN substr(current_setting('DateStyle'), 1, 3) = 'ISO' THEN 'YYYY-MM-DD HH24:MI:SS' WHEN current_setting('DateStyle') LIKE 'SQL, DMY%' OR current_setting('DateStyle') LIKE 'German%' THEN 'DD/MM/YYYY HH24:MI:SS' ELSE 'MM/DD/YYYY HH24:MI:SS' END`,
  ],
  ['NLS_DATE_LANGUAGE', `'AMERICAN'`],
  [
    'NLS_SORT',
    `CASE WHEN current_setting('lc_collate') IN ('C', 'POSIX') THEN 'BINARY' ELSE upper(current_setting('lc_collate')) END`,
  ],
  ['NLS_TIME_FORMAT', `'HH24:MI:SSXFF'`],
  [
    'NLS_TIMESTAMP_FORMAT',
    `CASE WHEN substr(current_setting('DateStyle'), 1, 3) = 'ISO' THEN 'YYYY-MM-DD HH24:MI:SS.FF6' ELSE 'MM/DD/YYYY HH24:MI:SS.FF6' END`,
  ],
  ['NLS_TIME_TZ_FORMAT', `'HH24:MI:SSXFF TZR'`],
  [
    'NLS_TIMESTAMP_TZ_FORMAT',
    `CASE WHEN substr(current_setting('DateStyle'), 1, 3) = 'ISO' THEN 'YYYY-MM-DD HH24:MI:SS.FF6TZH:TZM' ELSE 'MM/DD/YYYY HH24:MI:SS.FF6 TZR' END`,
  ],
  ['NLS_DUAL_CURRENCY', `'$'`],
  ['NLS_COMP', `'BINARY'`],
  ['NLS_LENGTH_SEMANTICS', `'CHAR'`],
  ['NLS_NCHAR_CONV_EXCP', `'FALSE'`],
];
const nlsRows = (extra: [string, string][] = []) =>
  [...NLS, ...extra]
    .map(([p, v]) => `SELECT '${p}' AS parameter, OPG_CAST(${v}, 'varchar') AS value FROM dual`)
    .join(' UNION ALL ');
const NLS_NOTE =
  'the NLS values describe how the converted code formats values on PostgreSQL: NLS_DATE_FORMAT and the timestamp formats follow DateStyle (ISO: YYYY-MM-DD HH24:MI:SS), NLS_SORT lc_collate, NLS_LANGUAGE / NLS_TERRITORY lc_messages / lc_monetary; ALTER SESSION SET NLS_… has no effect on them';
const nlsSession: ViewDef = {
  columns: [C('PARAMETER', V(30)), C('VALUE', V(64))],
  note: `NLS_SESSION_PARAMETERS: ${NLS_NOTE}`,
  sql: () => nlsRows(),
};
const CHARSET: [string, string][] = [
  [
    'NLS_CHARACTERSET',
    `CASE WHEN pg_client_encoding() = 'UTF8' THEN 'AL32UTF8' ELSE pg_client_encoding() END`,
  ],
  ['NLS_NCHAR_CHARACTERSET', `'AL16UTF16'`],
  ['NLS_RDBMS_VERSION', `current_setting('server_version')`],
];
const nlsDatabase: ViewDef = {
  columns: [C('PARAMETER', V(128)), C('VALUE', V(64))],
  note: `NLS_DATABASE_PARAMETERS / NLS_INSTANCE_PARAMETERS: ${NLS_NOTE}`,
  sql: () => nlsRows(CHARSET),
};

const version: ViewDef = {
  columns: [C('BANNER', V(80)), C('BANNER_FULL', V(160)), C('BANNER_LEGACY', V(80)), C('CON_ID', N)],
  note: 'V$VERSION gives the PostgreSQL version string',
  sql: () =>
    `SELECT OPG_CAST(version(), 'varchar') AS banner, OPG_CAST(version(), 'varchar') AS banner_full, OPG_CAST(version(), 'varchar') AS banner_legacy, OPG_CAST(0, 'numeric') AS con_id FROM dual`,
};
const registryBanners: ViewDef = {
  prefixes: ['ALL'],
  columns: [C('BANNER', V(80))],
  note: 'ALL_REGISTRY_BANNERS gives one row, the PostgreSQL version string (Oracle lists one banner per installed component)',
  sql: () => `SELECT OPG_CAST(version(), 'varchar') AS banner FROM dual`,
};
const productVersion: ViewDef = {
  columns: [C('PRODUCT', V(80)), C('VERSION', V(80)), C('VERSION_FULL', V(160)), C('STATUS', V(80))],
  note: 'PRODUCT_COMPONENT_VERSION gives one row, PostgreSQL and its server_version',
  sql: () =>
    `SELECT OPG_CAST('PostgreSQL', 'varchar') AS product, OPG_CAST(current_setting('server_version'), 'varchar') AS version, OPG_CAST(current_setting('server_version'), 'varchar') AS version_full, OPG_CAST('Production', 'varchar') AS status FROM dual`,
};
const session: ViewDef = {
  columns: [
    C('SID', N, 'the backend process id'),
    C('SERIAL#', N, 'always 0'),
    C('AUDSID', N, 'the backend process id'),
    C('USERNAME', V()),
    C('STATUS', V(8)),
    C('SCHEMANAME', V(), 'the role name (PostgreSQL sessions have no current schema visible to others)'),
    C('OSUSER', V(), 'always NULL'),
    C('MACHINE', V(64)),
    C('PROGRAM', V(84), 'application_name'),
    C('TYPE', V(10)),
    C('MODULE', V(64), 'application_name'),
    C('ACTION', V(64), 'always NULL'),
    C('CLIENT_INFO', V(64), 'always NULL'),
    C('LOGON_TIME', D),
  ],
  note: 'V$SESSION reads pg_stat_activity (sessions of other users show only what pg_stat_activity lets the current role see)',
  sql: () =>
    `SELECT OPG_CAST(a.pid, 'numeric') AS sid, OPG_CAST(0, 'numeric') AS "SERIAL#", OPG_CAST(a.pid, 'numeric') AS audsid, ${ORA('a.usename')} AS username, ` +
    `CASE WHEN a.state = 'active' THEN 'ACTIVE' ELSE 'INACTIVE' END AS status, ${ORA('a.usename')} AS schemaname, ${NULL_TEXT} AS osuser, ` +
    `OPG_CAST(coalesce(a.client_hostname, host(a.client_addr)), 'varchar') AS machine, OPG_CAST(a.application_name, 'varchar') AS program, ` +
    `CASE WHEN a.backend_type = 'client backend' THEN 'USER' ELSE 'BACKGROUND' END AS type, OPG_CAST(a.application_name, 'varchar') AS module, ` +
    `${NULL_TEXT} AS action, ${NULL_TEXT} AS client_info, OPG_CAST(a.backend_start, 'timestamp', 0) AS logon_time FROM pg_catalog.pg_stat_activity a`,
};
const database: ViewDef = {
  columns: [
    C('DBID', N, 'the database oid'),
    C('NAME', V(9)),
    C('CREATED', D, 'always NULL'),
    C('LOG_MODE', V(12), 'always NULL'),
    C('OPEN_MODE', V(20)),
    C('DATABASE_ROLE', V(16)),
    C('PLATFORM_NAME', V(101)),
    C('DB_UNIQUE_NAME', V(30)),
  ],
  note: 'V$DATABASE describes the current PostgreSQL database (OPEN_MODE READ ONLY and DATABASE_ROLE PHYSICAL STANDBY on a standby in recovery)',
  sql: () =>
    `SELECT OPG_CAST(OPG_CAST(d.oid, 'bigint'), 'numeric') AS dbid, ${ORA('d.datname')} AS name, ${NULL_DATE} AS created, ${NULL_TEXT} AS log_mode, ` +
    `${yn('pg_is_in_recovery()', 'READ ONLY', 'READ WRITE')} AS open_mode, ${yn('pg_is_in_recovery()', 'PHYSICAL STANDBY', 'PRIMARY')} AS database_role, ` +
    `OPG_CAST(version(), 'varchar') AS platform_name, ${ORA('d.datname')} AS db_unique_name FROM pg_catalog.pg_database d WHERE d.datname = current_database()`,
};
const globalName: ViewDef = {
  columns: [C('GLOBAL_NAME', V(4000))],
  note: 'GLOBAL_NAME is the name of the current database (no domain)',
  sql: () => `SELECT ${ORA('current_database()')} AS global_name FROM dual`,
};

// ─── procedures, triggers, role grants, errors ────────────────────────────────────────────

/** Helper functions orapg creates in package schemas (state getters / setters, initialization). */
const notHelper = (p: string) => `substr(${p}.proname, 1, 4) <> 'opg_'`;
const procedures: ViewDef = {
  columns: [
    C('OWNER', V()),
    C('OBJECT_NAME', V()),
    C('PROCEDURE_NAME', V()),
    C('OBJECT_ID', N),
    C('SUBPROGRAM_ID', N, 'the function oid for package members (not a position in the package)'),
    C('OVERLOAD', V(40), 'always NULL'),
    C('OBJECT_TYPE', V(13)),
    C('AGGREGATE', V(3)),
    C('PIPELINED', V(3), "'YES' for set-returning functions"),
    C('PARALLEL', V(3)),
    C('DETERMINISTIC', V(3), "'YES' for IMMUTABLE functions"),
    C('AUTHID', V(12)),
  ],
  owner: 'OWNER',
  prefixes: ['USER', 'ALL', 'DBA'],
  note: "PROCEDURES lists standalone functions and procedures (PROCEDURE_NAME NULL) and, for each package schema, a row for the package and one per routine of the schema; private package routines are listed too (PostgreSQL does not keep them apart), orapg's own helpers (opg_*) are not, but the getter functions of package variables are",
  sql: (s) =>
    `SELECT ${SCH('n.nspname')} AS owner, ${ORA('p.proname')} AS object_name, ${NULL_TEXT} AS procedure_name, OPG_CAST(p.oid, 'bigint') AS object_id, OPG_CAST(1, 'numeric') AS subprogram_id, ` +
    `${NULL_TEXT} AS overload, CASE WHEN p.prokind = 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END AS object_type, ${yn(`p.prokind = 'a'`, 'YES', 'NO')} AS aggregate, ` +
    `${yn('p.proretset', 'YES', 'NO')} AS pipelined, ${yn(`p.proparallel = 's'`, 'YES', 'NO')} AS parallel, ${yn(`p.provolatile = 'i'`, 'YES', 'NO')} AS deterministic, ` +
    `${yn('p.prosecdef', 'DEFINER', 'CURRENT_USER')} AS authid ` +
    `FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace ` +
    `WHERE p.prokind IN ('f', 'p', 'a') AND p.prorettype <> OPG_CAST('trigger', 'regtype') AND NOT OPG_PACKAGES(n.nspname) AND ${userSchema('n')}${visible(s, 'n', `has_function_privilege(p.oid, 'EXECUTE')`)} ` +
    `UNION ALL SELECT ${ORA('pg_get_userbyid(n.nspowner)')} AS owner, ${SCH('n.nspname')} AS object_name, ${NULL_TEXT} AS procedure_name, OPG_CAST(n.oid, 'bigint') AS object_id, ` +
    `OPG_CAST(0, 'numeric') AS subprogram_id, ${NULL_TEXT} AS overload, 'PACKAGE' AS object_type, 'NO' AS aggregate, 'NO' AS pipelined, 'NO' AS parallel, 'NO' AS deterministic, 'DEFINER' AS authid ` +
    `FROM pg_catalog.pg_namespace n WHERE OPG_PACKAGES(n.nspname)${visible(s, 'n')} ` +
    `UNION ALL SELECT ${ORA('pg_get_userbyid(n.nspowner)')} AS owner, ${SCH('n.nspname')} AS object_name, ${ORA('p.proname')} AS procedure_name, OPG_CAST(n.oid, 'bigint') AS object_id, ` +
    `OPG_CAST(OPG_CAST(p.oid, 'bigint'), 'numeric') AS subprogram_id, ${NULL_TEXT} AS overload, 'PACKAGE' AS object_type, 'NO' AS aggregate, ${yn('p.proretset', 'YES', 'NO')} AS pipelined, ` +
    `${yn(`p.proparallel = 's'`, 'YES', 'NO')} AS parallel, ${yn(`p.provolatile = 'i'`, 'YES', 'NO')} AS deterministic, ${yn('p.prosecdef', 'DEFINER', 'CURRENT_USER')} AS authid ` +
    `FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p') AND OPG_PACKAGES(n.nspname) AND ${notHelper('p')}` +
    `${visible(s, 'n', `has_function_privilege(p.oid, 'EXECUTE')`)}`,
};

/** A bit of pg_trigger.tgtype (ROW 1, BEFORE 2, INSERT 4, DELETE 8, UPDATE 16, TRUNCATE 32, INSTEAD 64). */
const tgBit = (bit: number) => `mod(tg.tgtype / ${bit}, 2) = 1`;
const triggers: ViewDef = {
  columns: [
    C('OWNER', V()),
    C('TRIGGER_NAME', V()),
    C('TRIGGER_TYPE', V(16)),
    C('TRIGGERING_EVENT', V(246)),
    C('TABLE_OWNER', V()),
    C('BASE_OBJECT_TYPE', V(18)),
    C('TABLE_NAME', V()),
    C('WHEN_CLAUSE', V(4000), 'NULL (the condition is part of the PostgreSQL definition)'),
    C('STATUS', V(8)),
    C('ACTION_TYPE', V(11)),
    C(
      'TRIGGER_BODY',
      T('LONG'),
      'the PostgreSQL trigger definition (pg_get_triggerdef), not the PL/SQL body',
    ),
  ],
  owner: 'OWNER',
  prefixes: ['USER', 'ALL', 'DBA'],
  note: 'TRIGGERS lists the table and view triggers (pg_trigger); the event triggers orapg makes of DDL triggers are not listed',
  sql: (s) =>
    `SELECT ${SCH('n.nspname')} AS owner, ${ORA('tg.tgname')} AS trigger_name, ` +
    `CASE WHEN ${tgBit(64)} THEN 'INSTEAD OF' WHEN ${tgBit(2)} THEN 'BEFORE' ELSE 'AFTER' END || CASE WHEN ${tgBit(1)} THEN ' EACH ROW' ELSE ' STATEMENT' END AS trigger_type, ` +
    `substr(concat(CASE WHEN ${tgBit(4)} THEN ' OR INSERT' END, CASE WHEN ${tgBit(16)} THEN ' OR UPDATE' END, CASE WHEN ${tgBit(8)} THEN ' OR DELETE' END, CASE WHEN ${tgBit(32)} THEN ' OR TRUNCATE' END), 5) AS triggering_event, ` +
    `${SCH('n.nspname')} AS table_owner, CASE WHEN c.relkind = 'v' THEN 'VIEW' ELSE 'TABLE' END AS base_object_type, ${ORA('c.relname')} AS table_name, ${NULL_TEXT} AS when_clause, ` +
    `CASE WHEN tg.tgenabled = 'D' THEN 'DISABLED' ELSE 'ENABLED' END AS status, 'CALL' AS action_type, pg_get_triggerdef(tg.oid) AS trigger_body ` +
    `FROM pg_catalog.pg_trigger tg JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace ` +
    `WHERE NOT tg.tgisinternal AND ${userSchema('n')}${visible(s, 'n', tablePriv('c'))}`,
};

const roleGrants = (first: string) =>
  `SELECT ${ORA('mr.rolname')} AS ${first}, ${ORA('gr.rolname')} AS granted_role, ${yn('m.admin_option', 'YES', 'NO')} AS admin_option, 'NO' AS delegate_option, ` +
  `${yn('mr.rolinherit', 'YES', 'NO')} AS default_role, 'NO' AS common, 'NO' AS inherited ` +
  `FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles gr ON gr.oid = m.roleid JOIN pg_catalog.pg_roles mr ON mr.oid = m.member`;
const ROLE_PRIVS_NOTE =
  "the role memberships (pg_auth_members); DEFAULT_ROLE is YES when the member inherits the role's privileges (INHERIT)";
const rolePrivs: ViewDef = {
  columns: [
    C('USERNAME', V()),
    C('GRANTED_ROLE', V()),
    C('ADMIN_OPTION', V(3)),
    C('DELEGATE_OPTION', V(3)),
    C('DEFAULT_ROLE', V(3)),
    C('COMMON', V(3)),
    C('INHERITED', V(3)),
  ],
  owner: 'USERNAME',
  userKeepsOwner: true,
  prefixes: ['USER'],
  note: `USER_ROLE_PRIVS: ${ROLE_PRIVS_NOTE}`,
  sql: () => roleGrants('username'),
};
const dbaRolePrivs: ViewDef = {
  columns: [
    C('GRANTEE', V()),
    C('GRANTED_ROLE', V()),
    C('ADMIN_OPTION', V(3)),
    C('DELEGATE_OPTION', V(3)),
    C('DEFAULT_ROLE', V(3)),
    C('COMMON', V(3)),
    C('INHERITED', V(3)),
  ],
  note: `DBA_ROLE_PRIVS: ${ROLE_PRIVS_NOTE}`,
  sql: () => roleGrants('grantee'),
};

const errors: ViewDef = {
  columns: [
    C('OWNER', V()),
    C('NAME', V()),
    C('TYPE', V(12)),
    C('SEQUENCE', N),
    C('LINE', N),
    C('POSITION', N),
    C('TEXT', V(4000)),
    C('ATTRIBUTE', V(9)),
    C('MESSAGE_NUMBER', N),
  ],
  owner: 'OWNER',
  prefixes: ['USER', 'ALL', 'DBA'],
  note: 'ERRORS is always empty: PostgreSQL rejects a routine with a syntax error at CREATE and finds the other errors when the routine runs (plpgsql_check finds them beforehand); code that reads compilation errors after a CREATE must check the CREATE itself instead',
  sql: () =>
    `SELECT ${NULL_TEXT} AS owner, ${NULL_TEXT} AS name, ${NULL_TEXT} AS type, ${NULL_NUM} AS sequence, ${NULL_NUM} AS line, ${NULL_NUM} AS position, ` +
    `${NULL_TEXT} AS text, ${NULL_TEXT} AS attribute, ${NULL_NUM} AS message_number FROM dual WHERE 1 = 0`,
};

// ─── object grants, segments, instance, parameters ────────────────────────────────────────

/**
 * Object grants from the ACLs of relations and routines (aclexplode), without the owner's own
 * privileges (PostgreSQL lists them, Oracle does not); grantee 0 is PUBLIC. gr, ge and ow are the
 * PostgreSQL role names of grantor, grantee and owner, for the filters of the USER_ / ALL_ forms.
 */
const grantRows =
  `SELECT ${SCH('n.nspname')} AS owner, ${ORA('c.relname')} AS table_name, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE ${ORA('pg_get_userbyid(a.grantee)')} END AS grantee, ` +
  `${ORA('pg_get_userbyid(a.grantor)')} AS grantor, CASE WHEN c.relkind = 'S' AND a.privilege_type = 'USAGE' THEN 'SELECT' ELSE a.privilege_type END AS privilege, ` +
  `${yn('a.is_grantable', 'YES', 'NO')} AS grantable, CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END AS type, ` +
  `pg_get_userbyid(a.grantor) AS gr, pg_get_userbyid(a.grantee) AS ge, pg_get_userbyid(c.relowner) AS ow ` +
  `FROM ${REL} CROSS APPLY TABLE(OPG_ROWS(aclexplode(c.relacl), 'grantor', 'grantee', 'privilege_type', 'is_grantable', 'n')) a ` +
  `WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND a.grantee <> c.relowner AND ${userSchema('n')} ` +
  `UNION ALL SELECT ${SCH('n.nspname')} AS owner, ${ORA('p.proname')} AS table_name, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE ${ORA('pg_get_userbyid(a.grantee)')} END AS grantee, ` +
  `${ORA('pg_get_userbyid(a.grantor)')} AS grantor, a.privilege_type AS privilege, ${yn('a.is_grantable', 'YES', 'NO')} AS grantable, ` +
  `CASE WHEN p.prokind = 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END AS type, pg_get_userbyid(a.grantor) AS gr, pg_get_userbyid(a.grantee) AS ge, pg_get_userbyid(p.proowner) AS ow ` +
  `FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace CROSS APPLY TABLE(OPG_ROWS(aclexplode(p.proacl), 'grantor', 'grantee', 'privilege_type', 'is_grantable', 'n')) a ` +
  `WHERE p.prokind IN ('f', 'p') AND a.grantee <> p.proowner AND ${userSchema('n')}`;
const grantsOf = (where: string, cols: string) =>
  `SELECT ${cols} FROM (${grantRows}) g${where ? ` WHERE ${where}` : ''}`;
const TAB_PRIVS_NOTE =
  "object grants read from the ACLs of tables, views, sequences and routines (the owner's own privileges are left out); privileges have their PostgreSQL names (TRUNCATE, TRIGGER, USAGE … exist; USAGE on a sequence is shown as SELECT), HIERARCHY is always 'NO'; grants on a package are grants on its routines";
const TAB_PRIVS_COLUMNS = (first: DictColumn[]) => [
  ...first,
  C('TABLE_NAME', V()),
  C('GRANTOR', V()),
  C('PRIVILEGE', V(40)),
  C('GRANTABLE', V(3)),
  C('HIERARCHY', V(3)),
  C('TYPE', V(24)),
];
const PRIVS_SELECT = `g.table_name AS table_name, g.grantor AS grantor, g.privilege AS privilege, g.grantable AS grantable, 'NO' AS hierarchy, g.type AS type`;
const tabPrivs: ViewDef = {
  columns: TAB_PRIVS_COLUMNS([C('GRANTEE', V()), C('OWNER', V())]),
  prefixes: ['DBA'],
  note: `DBA_TAB_PRIVS: ${TAB_PRIVS_NOTE}`,
  sql: () => grantsOf('', `g.grantee AS grantee, g.owner AS owner, ${PRIVS_SELECT}`),
};
const userTabPrivs: ViewDef = {
  columns: TAB_PRIVS_COLUMNS([C('GRANTEE', V()), C('OWNER', V())]),
  note: `USER_TAB_PRIVS (grants where the current user is the owner, the grantor or the grantee): ${TAB_PRIVS_NOTE}`,
  sql: () =>
    grantsOf('USER IN (g.gr, g.ge, g.ow)', `g.grantee AS grantee, g.owner AS owner, ${PRIVS_SELECT}`),
};
const allTabPrivs: ViewDef = {
  columns: [
    C('GRANTOR', V()),
    C('GRANTEE', V()),
    C('TABLE_SCHEMA', V()),
    C('TABLE_NAME', V()),
    C('PRIVILEGE', V(40)),
    C('GRANTABLE', V(3)),
    C('HIERARCHY', V(3)),
    C('TYPE', V(24)),
  ],
  note: `ALL_TAB_PRIVS (grants where the current user or PUBLIC is the grantee, or the user is the owner or grantor): ${TAB_PRIVS_NOTE}`,
  sql: () =>
    grantsOf(
      `USER IN (g.gr, g.ge, g.ow) OR CASE WHEN g.grantee = 'PUBLIC' THEN TRUE ELSE pg_has_role(g.ge, 'USAGE') END`,
      `g.grantor AS grantor, g.grantee AS grantee, g.owner AS table_schema, g.table_name AS table_name, g.privilege AS privilege, g.grantable AS grantable, 'NO' AS hierarchy, g.type AS type`,
    ),
};

const segments: ViewDef = {
  columns: [
    C('OWNER', V()),
    C('SEGMENT_NAME', V()),
    C('PARTITION_NAME', V()),
    C('SEGMENT_TYPE', V(18)),
    C('TABLESPACE_NAME', V(30)),
    C(
      'BYTES',
      N,
      'pg_relation_size (the main fork; TOAST data and indexes are separate relations, TOAST is not listed)',
    ),
    C('BLOCKS', N),
    C('EXTENTS', N, 'always NULL'),
  ],
  owner: 'OWNER',
  prefixes: ['USER', 'DBA'],
  note: 'SEGMENTS lists the relations that have storage (tables, partitions, materialized views, indexes) with their size on disk',
  sql: () =>
    `SELECT ${SCH('n.nspname')} AS owner, ${ORA('c.relname')} AS segment_name, ${NULL_TEXT} AS partition_name, ` +
    `CASE WHEN c.relkind IN ('i', 'I') THEN 'INDEX' WHEN c.relispartition THEN 'TABLE PARTITION' ELSE 'TABLE' END AS segment_type, ` +
    `(SELECT ${ORA('ts.spcname')} FROM pg_catalog.pg_tablespace ts WHERE ts.oid = c.reltablespace) AS tablespace_name, ` +
    `OPG_CAST(pg_relation_size(c.oid), 'numeric') AS bytes, OPG_CAST(pg_relation_size(c.oid) / OPG_CAST(current_setting('block_size'), 'int'), 'numeric') AS blocks, ${NULL_NUM} AS extents ` +
    `FROM ${REL} WHERE c.relkind IN ('r', 'm', 'i') AND ${userSchema('n')}`,
};

const instance: ViewDef = {
  columns: [
    C('INSTANCE_NUMBER', N),
    C('INSTANCE_NAME', V(16), 'the current database name'),
    C('HOST_NAME', V(64), 'the server address of the connection (NULL over a local socket)'),
    C('VERSION', V(17), 'the PostgreSQL server_version'),
    C('STARTUP_TIME', D),
    C('STATUS', V(12)),
    C('DATABASE_STATUS', V(17)),
    C('INSTANCE_ROLE', V(18)),
    C('LOGINS', V(10)),
  ],
  note: 'V$INSTANCE describes the PostgreSQL server (start time pg_postmaster_start_time, role PRIMARY_INSTANCE or STANDBY in recovery)',
  sql: () =>
    `SELECT OPG_CAST(1, 'numeric') AS instance_number, ${ORA('current_database()')} AS instance_name, OPG_CAST(host(inet_server_addr()), 'varchar') AS host_name, ` +
    `OPG_CAST(current_setting('server_version'), 'varchar') AS version, OPG_CAST(pg_postmaster_start_time(), 'timestamp', 0) AS startup_time, 'OPEN' AS status, 'ACTIVE' AS database_status, ` +
    `${yn('pg_is_in_recovery()', 'STANDBY_INSTANCE', 'PRIMARY_INSTANCE')} AS instance_role, 'ALLOWED' AS logins FROM dual`,
};

const parameter: ViewDef = {
  columns: [
    C(
      'NAME',
      V(80),
      'PostgreSQL parameter names (pg_settings), not Oracle ones: a query for an Oracle parameter finds no row',
    ),
    C('TYPE', N),
    C('VALUE', V(4000)),
    C('DISPLAY_VALUE', V(4000)),
    C('DEFAULT_VALUE', V(255)),
    C('ISDEFAULT', V(9)),
    C('ISSES_MODIFIABLE', V(5)),
    C('ISSYS_MODIFIABLE', V(9)),
    C('DESCRIPTION', V(255)),
  ],
  note: 'V$PARAMETER lists the PostgreSQL settings (pg_settings) under their PostgreSQL names',
  sql: () =>
    `SELECT OPG_CAST(ps.name, 'varchar') AS name, OPG_CAST(CASE ps.vartype WHEN 'bool' THEN 1 WHEN 'string' THEN 2 WHEN 'integer' THEN 3 WHEN 'real' THEN 3 ELSE 2 END, 'numeric') AS type, ` +
    `OPG_CAST(ps.setting, 'varchar') AS value, OPG_CAST(concat(ps.setting, ps.unit), 'varchar') AS display_value, OPG_CAST(ps.boot_val, 'varchar') AS default_value, ` +
    `${yn(`ps.source = 'default'`, 'TRUE', 'FALSE')} AS isdefault, ${yn(`ps.context IN ('user', 'superuser')`, 'TRUE', 'FALSE')} AS isses_modifiable, ` +
    `CASE WHEN ps.context IN ('postmaster', 'internal') THEN 'FALSE' ELSE 'IMMEDIATE' END AS issys_modifiable, OPG_CAST(ps.short_desc, 'varchar') AS description FROM pg_catalog.pg_settings ps`,
};

/** Views by base name (without USER_/ALL_/DBA_ when `prefixes` is set). */
export const VIEWS: Record<string, ViewDef> = {
  OBJECTS: objects,
  TABLES: tables,
  TAB_COLUMNS: tabColumns,
  TAB_COLS: tabCols,
  TAB_COMMENTS: tabComments,
  COL_COMMENTS: colComments,
  CONSTRAINTS: constraints,
  CONS_COLUMNS: consColumns,
  INDEXES: indexes,
  IND_COLUMNS: indColumns,
  SEQUENCES: sequences,
  VIEWS: views,
  SOURCE: source,
  TYPES: types,
  SYNONYMS: synonyms,
  PROCEDURES: procedures,
  TRIGGERS: triggers,
  ERRORS: errors,
  TAB_PRIVS: tabPrivs,
  USER_TAB_PRIVS: userTabPrivs,
  ALL_TAB_PRIVS: allTabPrivs,
  SEGMENTS: segments,
  V$INSTANCE: instance,
  V$PARAMETER: parameter,
  ROLE_PRIVS: rolePrivs,
  DBA_ROLE_PRIVS: dbaRolePrivs,
  USERS: users,
  SYS_PRIVS: sysPrivs,
  SESSION_PRIVS: sessionPrivs,
  ROLE_SYS_PRIVS: roleSysPrivs,
  SESSION_ROLES: sessionRoles,
  NLS_SESSION_PARAMETERS: nlsSession,
  NLS_DATABASE_PARAMETERS: nlsDatabase,
  NLS_INSTANCE_PARAMETERS: nlsDatabase,
  V$VERSION: version,
  PRODUCT_COMPONENT_VERSION: productVersion,
  REGISTRY_BANNERS: registryBanners,
  V$SESSION: session,
  V$DATABASE: database,
  GLOBAL_NAME: globalName,
};
