import type { Severity } from './types.js';

/**
 * The findings catalog: every action item orapg can raise, with a stable ID.
 * IDs are never reused or renumbered; retired entries stay with `retired: true`.
 * docs/action-items.md is generated from this table (npm run docs:action-items).
 */
export interface CatalogEntry {
  id: string;
  title: string;
  severity: Severity;
  /** Minutes of manual work for one occurrence (the report multiplies). */
  effortMinutes: number;
  /** Message template; `{key}` placeholders are filled from the finding's arguments. */
  message: string;
  /** What the user should do. */
  suggestion: string;
  /** Why it matters (one or two sentences). */
  why: string;
  /** Rule module that raises it. */
  rule: string;
}

const entries: CatalogEntry[] = [
  // ── parsing and scripts ─────────────────────────────────────────────
  {
    id: 'OPG-PARSE-0001', title: 'Statement could not be parsed', severity: 'error', effortMinutes: 30,
    message: 'Syntax error: {detail}',
    suggestion: 'Check the statement in Oracle (it may use syntax orapg does not know yet) and convert it by hand.',
    why: 'An unparsed statement is not converted; the object it defines is missing from the target.',
    rule: 'parser',
  },
  {
    id: 'OPG-PARSE-0002', title: 'Statement kind not converted', severity: 'warning', effortMinutes: 15,
    message: '{kind} is not converted to PostgreSQL',
    suggestion: 'Review whether the statement is needed on PostgreSQL and write the equivalent by hand.',
    why: 'Some Oracle statements (database links, sessions settings, materialized view logs) have no direct PostgreSQL equivalent.',
    rule: 'parser',
  },
  {
    id: 'OPG-PARSE-0003', title: 'SQL*Plus include not found', severity: 'error', effortMinutes: 10,
    message: 'Included script {path} was not found',
    suggestion: 'Provide the missing file next to the including script or fix the path.',
    why: 'Objects defined in the missing script are not converted.',
    rule: 'source/script',
  },
  {
    id: 'OPG-PARSE-0004', title: 'SQL*Plus include cycle', severity: 'error', effortMinutes: 5,
    message: 'Script {path} includes itself (cycle: {cycle}); the repeated include was skipped',
    suggestion: 'Remove the circular @/@@ include.',
    why: 'SQL*Plus would recurse until it fails.',
    rule: 'source/script',
  },
  {
    id: 'OPG-PARSE-0005', title: 'Undefined substitution variable', severity: 'warning', effortMinutes: 5,
    message: 'Substitution variable &{name} has no value; the text was left as is',
    suggestion: 'Pass the value with --define {name}=VALUE or add a DEFINE to the script.',
    why: 'SQL*Plus would prompt for the value; orapg cannot, so the statement may not parse.',
    rule: 'source/script',
  },
  {
    id: 'OPG-PARSE-0006', title: 'Unterminated statement at end of file', severity: 'warning', effortMinutes: 5,
    message: 'The last statement has no terminating ";" or "/"; it was converted anyway',
    suggestion: 'Check that the file is complete.',
    why: 'A truncated file may have lost part of the last statement.',
    rule: 'source/script',
  },
  {
    id: 'OPG-PARSE-0007', title: 'SQL*Plus command skipped', severity: 'info', effortMinutes: 0,
    message: 'SQL*Plus command {command} has no effect on the converted schema',
    suggestion: 'Nothing to do for schema conversion; use psql equivalents in your own scripts if needed.',
    why: 'SQL*Plus client commands are not SQL.',
    rule: 'source/script',
  },
  {
    id: 'OPG-PARSE-0008', title: 'Wrapped (obfuscated) PL/SQL', severity: 'error', effortMinutes: 240,
    message: '{object} is WRAPPED; its source cannot be read',
    suggestion: 'Obtain the unwrapped source from the application vendor or the original repository.',
    why: 'Wrapped code is obfuscated and cannot be converted.',
    rule: 'parser',
  },
  {
    id: 'OPG-PARSE-0009', title: 'PL/SQL unit not terminated by /', severity: 'warning', effortMinutes: 2,
    message: 'The PL/SQL unit is not followed by a line with "/"; it was ended before the next CREATE statement',
    suggestion: 'Add a line containing only "/" after the unit; SQL*Plus would not run the script as written.',
    why: 'SQL*Plus only ends PL/SQL units on a "/" line.',
    rule: 'source/script',
  },
  // ── data types ──────────────────────────────────────────────────────
  {
    id: 'OPG-TYPE-0001', title: 'Unconstrained NUMBER mapped to numeric', severity: 'info', effortMinutes: 0,
    message: 'Column {column} is NUMBER without precision; mapped to numeric',
    suggestion: 'If the column only holds integers, consider integer or bigint for speed (orapg assess with catalog statistics can suggest it).',
    why: 'numeric is exact like Oracle NUMBER but slower than integer types; orapg never narrows silently.',
    rule: 'rules/types',
  },
  {
    id: 'OPG-TYPE-0002', title: 'FLOAT mapped to an approximate type', severity: 'warning', effortMinutes: 10,
    message: '{type} on {column} is a decimal type in Oracle; mapped to {target}, which is binary floating point',
    suggestion: 'Use numeric if exact decimal values or more than 15 significant digits matter.',
    why: 'Oracle FLOAT(b) stores decimal values; double precision rounds to binary and keeps about 15 digits.',
    rule: 'rules/types',
  },
  {
    id: 'OPG-TYPE-0003', title: 'Fractional seconds precision reduced', severity: 'warning', effortMinutes: 5,
    message: '{type} on {column} keeps {precision} fractional digits; PostgreSQL keeps at most 6',
    suggestion: 'Accept microsecond precision, or store the nanoseconds in a separate column.',
    why: 'Values are rounded to microseconds.',
    rule: 'rules/types',
  },
  {
    id: 'OPG-TYPE-0004', title: 'Time zone region not stored', severity: 'warning', effortMinutes: 15,
    message: '{type} on {column} mapped to timestamptz, which stores the instant but not the original time zone',
    suggestion: 'If the original zone name or offset matters, add a text column holding it.',
    why: 'Oracle TIMESTAMP WITH TIME ZONE keeps the zone; PostgreSQL normalises to UTC.',
    rule: 'rules/types',
  },
  {
    id: 'OPG-TYPE-0005', title: 'LONG / LONG RAW column', severity: 'info', effortMinutes: 5,
    message: '{type} on {column} mapped to {target}',
    suggestion: 'Code that reads LONG columns piecewise (DBMS_SQL.COLUMN_VALUE_LONG) must be rewritten.',
    why: 'LONG types are deprecated in Oracle and have access restrictions that do not exist in PostgreSQL.',
    rule: 'rules/types',
  },
  {
    id: 'OPG-TYPE-0006', title: 'BFILE has no PostgreSQL equivalent', severity: 'error', effortMinutes: 120,
    message: 'BFILE column {column} mapped to text holding the file locator; the file content is not migrated',
    suggestion: 'Load the external files into a bytea column, or keep them outside the database and store their path.',
    why: 'PostgreSQL cannot reference server-side files from a column.',
    rule: 'rules/types',
  },
  {
    id: 'OPG-TYPE-0007', title: 'ROWID / UROWID column', severity: 'warning', effortMinutes: 30,
    message: '{type} column {column} mapped to text; Oracle row addresses have no meaning in PostgreSQL',
    suggestion: 'Replace stored ROWIDs with the primary key of the referenced row.',
    why: 'Physical row addresses differ between databases and change with VACUUM FULL.',
    rule: 'rules/types',
  },
  {
    id: 'OPG-TYPE-0008', title: 'Spatial type needs PostGIS', severity: 'error', effortMinutes: 240,
    message: '{type} column {column} mapped to text; spatial data needs PostGIS',
    suggestion: 'Install PostGIS, use geometry(<type>, <srid>) and convert the data with SDO_UTIL.TO_WKTGEOMETRY.',
    why: 'Oracle Spatial types are not part of core PostgreSQL.',
    rule: 'rules/types',
  },
  {
    id: 'OPG-TYPE-0009', title: 'User-defined or unknown type', severity: 'warning', effortMinutes: 60,
    message: 'Type {type} on {column} is not a built-in Oracle type; it is referenced by name',
    suggestion: 'Convert the type definition (CREATE TYPE) first, or map the column to a built-in type.',
    why: 'The column only works when a type of that name exists in PostgreSQL.',
    rule: 'rules/types',
  },
  {
    id: 'OPG-TYPE-0010', title: 'NUMBER with negative scale', severity: 'warning', effortMinutes: 15,
    message: '{type} on {column} rounds to the left of the decimal point; mapped to {target}',
    suggestion: 'Round values in the application, or add a CHECK / trigger if the rounding matters (PostgreSQL 15 accepts negative scale natively).',
    why: 'Oracle rounds on insert; older PostgreSQL versions reject negative scale.',
    rule: 'rules/types',
  },
  {
    id: 'OPG-TYPE-0011', title: 'DATE holds a time of day', severity: 'info', effortMinutes: 0,
    message: 'DATE column {column} mapped to timestamp(0) because Oracle DATE includes hours, minutes and seconds',
    suggestion: 'Use date instead only if no row has a time part (check with TRUNC(col) <> col in Oracle).',
    why: 'Mapping to PostgreSQL date would silently drop the time part.',
    rule: 'rules/types',
  },
  {
    id: 'OPG-TYPE-0012', title: 'Integer declared as NUMBER(38)', severity: 'info', effortMinutes: 0,
    message: '{type} on {column} mapped to {target}',
    suggestion: 'If values fit in 64 bits, bigint is faster; convert with --narrow-integers.',
    why: 'INTEGER, NUMBER(*,0) and NUMBER(p>=19,0) hold up to 38 digits, more than bigint.',
    rule: 'rules/types',
  },
  {
    id: 'OPG-TYPE-0013', title: 'Character length semantics', severity: 'info', effortMinutes: 0,
    message: '{type} on {column} counts bytes in Oracle; varchar({length}) counts characters in PostgreSQL',
    suggestion: 'Nothing to do unless code relies on byte limits (the PostgreSQL column accepts at least as much).',
    why: 'Multibyte strings that fit in Oracle always fit; the reverse is not true.',
    rule: 'rules/types',
  },
  {
    id: 'OPG-TYPE-0014', title: 'Integer column narrowed', severity: 'warning', effortMinutes: 5,
    message: '{type} on {column} narrowed to {target} as requested by --narrow-integers',
    suggestion: 'Check that no value exceeds the target range before loading data.',
    why: 'Values larger than 9223372036854775807 cannot be stored.',
    rule: 'rules/types',
  },
  // ── tables, columns, constraints ───────────────────────────────────
  {
    id: 'OPG-TABLE-0001', title: 'Physical attributes dropped', severity: 'info', effortMinutes: 0,
    message: 'Physical clauses of {object} dropped: {clauses}',
    suggestion: 'Recreate tablespaces, fillfactor or compression on PostgreSQL if you need them.',
    why: 'Oracle storage, logging and compression clauses do not apply to PostgreSQL.',
    rule: 'rules/tables',
  },
  {
    id: 'OPG-TABLE-0002', title: 'Index-organized table', severity: 'info', effortMinutes: 10,
    message: '{object} is index-organized; converted to a heap table with its primary key',
    suggestion: 'Consider CLUSTER on the primary key index after loading if range scans on the key dominate.',
    why: 'PostgreSQL has no index-organized tables.',
    rule: 'rules/tables',
  },
  {
    id: 'OPG-TABLE-0003', title: 'Global temporary table', severity: 'warning', effortMinutes: 60,
    message: '{object} is a global temporary table; converted to an UNLOGGED table whose rows are shared by all sessions',
    suggestion: 'Create the table as TEMPORARY at the start of each session that uses it, or install the pgtt extension; ON COMMIT {onCommit} must be reproduced there.',
    why: 'PostgreSQL temporary tables are private per session and exist only while it lasts; there is no permanent definition.',
    rule: 'rules/tables',
  },
  {
    id: 'OPG-TABLE-0004', title: 'Virtual column stored', severity: 'info', effortMinutes: 5,
    message: 'Virtual column {column} converted to GENERATED ALWAYS AS (…) STORED',
    suggestion: 'PostgreSQL 15 stores generated columns; make sure the expression is immutable.',
    why: 'PostgreSQL before 18 has no virtual generated columns; storage grows.',
    rule: 'rules/tables',
  },
  {
    id: 'OPG-TABLE-0005', title: 'DEFAULT ON NULL', severity: 'warning', effortMinutes: 30,
    message: 'Column {column} has DEFAULT ON NULL; PostgreSQL applies defaults only when the column is omitted',
    suggestion: 'Add a BEFORE INSERT trigger that replaces NULL with the default, or fix the inserts.',
    why: 'Explicit NULL inserts would fail on the NOT NULL column instead of taking the default.',
    rule: 'rules/tables',
  },
  {
    id: 'OPG-TABLE-0006', title: 'CREATE TABLE AS SELECT', severity: 'warning', effortMinutes: 20,
    message: '{object} is created from a query; the rows are not part of the schema migration',
    suggestion: 'The table is created empty with the query; load its data with DMS like other tables.',
    why: 'A schema conversion creates structures; data moves separately.',
    rule: 'rules/tables',
  },
  {
    id: 'OPG-TABLE-0007', title: 'ALTER on an object not in the model', severity: 'warning', effortMinutes: 10,
    message: 'ALTER TABLE {object}: the table is not defined in the converted sources; the statement was emitted as is',
    suggestion: 'Check that the table exists on the target before this script runs.',
    why: 'orapg can only merge changes into tables it has seen.',
    rule: 'model',
  },
  {
    id: 'OPG-TABLE-0008', title: 'Identity column options', severity: 'info', effortMinutes: 0,
    message: 'Identity column {column}: {detail}',
    suggestion: 'Nothing to do unless the application relies on the dropped option.',
    why: 'Some Oracle identity options (ORDER, NOKEEP, ON NULL) have no PostgreSQL equivalent.',
    rule: 'rules/tables',
  },
  {
    id: 'OPG-CONS-0001', title: 'Disabled constraint', severity: 'warning', effortMinutes: 15,
    message: 'Constraint {constraint} is DISABLED in Oracle; emitted commented out',
    suggestion: 'Decide whether to enforce it on PostgreSQL; clean the data first if so.',
    why: 'PostgreSQL cannot keep a disabled constraint definition.',
    rule: 'rules/constraints',
  },
  {
    id: 'OPG-CONS-0002', title: 'Constraint not validated', severity: 'info', effortMinutes: 5,
    message: 'Constraint {constraint} is ENABLE NOVALIDATE; emitted as NOT VALID',
    suggestion: 'Run ALTER TABLE … VALIDATE CONSTRAINT after cleaning existing rows.',
    why: 'Existing rows are not checked, new rows are, as in Oracle.',
    rule: 'rules/constraints',
  },
  {
    id: 'OPG-CONS-0003', title: 'Deferrable CHECK or NOT NULL', severity: 'warning', effortMinutes: 20,
    message: 'Constraint {constraint} is DEFERRABLE; PostgreSQL only defers UNIQUE, PRIMARY KEY and FOREIGN KEY constraints',
    suggestion: 'Emulate with a deferred constraint trigger if transactions rely on the deferral.',
    why: 'The check is enforced immediately on PostgreSQL.',
    rule: 'rules/constraints',
  },
  {
    id: 'OPG-CONS-0004', title: 'Constraint index clause dropped', severity: 'info', effortMinutes: 0,
    message: 'USING INDEX clause of {constraint} dropped',
    suggestion: 'Nothing to do; PostgreSQL creates the index for the constraint.',
    why: 'Index storage options do not apply.',
    rule: 'rules/constraints',
  },
  {
    id: 'OPG-CONS-0005', title: 'ON DELETE / RELY option', severity: 'info', effortMinutes: 0,
    message: '{detail}',
    suggestion: 'Nothing to do.',
    why: 'The option only informs the Oracle optimizer.',
    rule: 'rules/constraints',
  },
  // ── indexes ─────────────────────────────────────────────────────────
  {
    id: 'OPG-INDEX-0001', title: 'Bitmap index', severity: 'info', effortMinutes: 10,
    message: 'Bitmap index {object} converted to a B-tree index',
    suggestion: 'PostgreSQL combines B-tree indexes with bitmap scans at run time; consider BRIN or a partial index on low-cardinality columns.',
    why: 'PostgreSQL has no stored bitmap indexes.',
    rule: 'rules/indexes',
  },
  {
    id: 'OPG-INDEX-0002', title: 'Reverse key index', severity: 'info', effortMinutes: 5,
    message: 'Reverse key index {object} converted to a B-tree index',
    suggestion: 'Consider a hash index if only equality lookups are needed.',
    why: 'Reverse key indexes spread insert contention in RAC; not applicable to PostgreSQL.',
    rule: 'rules/indexes',
  },
  {
    id: 'OPG-INDEX-0003', title: 'Index options dropped', severity: 'info', effortMinutes: 0,
    message: 'Options of index {object} dropped: {clauses}',
    suggestion: 'Nothing to do.',
    why: 'Index storage and build options do not apply to PostgreSQL.',
    rule: 'rules/indexes',
  },
  {
    id: 'OPG-INDEX-0004', title: 'Function-based index needs immutable expression', severity: 'warning', effortMinutes: 20,
    message: 'Index {object} uses {detail}, which PostgreSQL does not consider immutable',
    suggestion: 'Wrap the expression in an IMMUTABLE SQL function, or index a generated column.',
    why: 'PostgreSQL only allows immutable functions in index expressions.',
    rule: 'rules/indexes',
  },
  // ── partitioning ────────────────────────────────────────────────────
  {
    id: 'OPG-PART-0001', title: 'Interval partitioning', severity: 'warning', effortMinutes: 60,
    message: '{object} uses INTERVAL partitioning; the existing partitions were created but new ones are not added automatically',
    suggestion: 'Create future partitions in advance (e.g. with pg_partman) or add a DEFAULT partition.',
    why: 'PostgreSQL has no automatic partition creation.',
    rule: 'rules/partitions',
  },
  {
    id: 'OPG-PART-0002', title: 'Unique key without partition key', severity: 'error', effortMinutes: 60,
    message: 'Constraint {constraint} on partitioned table {object} does not include the partition key ({columns}); the partition key columns were added to it',
    suggestion: 'Check that uniqueness of the original columns is still guaranteed (e.g. by the application or a trigger).',
    why: 'PostgreSQL requires unique constraints on partitioned tables to include all partition key columns.',
    rule: 'rules/partitions',
  },
  {
    id: 'OPG-PART-0003', title: 'Partitioning method not supported', severity: 'error', effortMinutes: 120,
    message: '{object} uses {method} partitioning, which PostgreSQL does not support; the table was created without partitions',
    suggestion: 'Partition the table by one of its own columns (range, list or hash) or leave it unpartitioned.',
    why: 'Reference and system partitioning have no PostgreSQL equivalent.',
    rule: 'rules/partitions',
  },
  {
    id: 'OPG-PART-0004', title: 'Partition clauses dropped', severity: 'info', effortMinutes: 0,
    message: 'Partition options of {object} dropped: {clauses}',
    suggestion: 'Nothing to do.',
    why: 'Storage and compression per partition do not apply.',
    rule: 'rules/partitions',
  },
  // ── sequences ───────────────────────────────────────────────────────
  {
    id: 'OPG-SEQ-0001', title: 'Sequence option not supported', severity: 'info', effortMinutes: 0,
    message: 'Sequence {object}: {detail}',
    suggestion: 'Nothing to do unless the application relies on it.',
    why: 'ORDER, KEEP, SCALE and SESSION options have no PostgreSQL equivalent.',
    rule: 'rules/sequences',
  },
  {
    id: 'OPG-SEQ-0002', title: 'Sequence bound beyond bigint', severity: 'warning', effortMinutes: 5,
    message: 'Sequence {object}: {bound} is outside the bigint range; clamped to {clamped}',
    suggestion: 'Nothing to do unless the sequence really reaches 9.2e18.',
    why: 'PostgreSQL sequences are 64-bit.',
    rule: 'rules/sequences',
  },
  // ── views, synonyms, code ───────────────────────────────────────────
  {
    id: 'OPG-VIEW-0001', title: 'View option dropped', severity: 'info', effortMinutes: 5,
    message: 'View {object}: {detail}',
    suggestion: 'Revoke INSERT/UPDATE/DELETE on the view if it must stay read-only.',
    why: 'PostgreSQL simple views are updatable; WITH READ ONLY does not exist.',
    rule: 'rules/views',
  },
  {
    id: 'OPG-VIEW-0002', title: 'View not converted', severity: 'error', effortMinutes: 60,
    message: 'View {object} could not be converted: {detail}',
    suggestion: 'Rewrite the query by hand; the Oracle text is kept in the output as a comment.',
    why: 'The view is missing on the target until it is rewritten.',
    rule: 'rules/views',
  },
  {
    id: 'OPG-SYN-0001', title: 'Synonym emulated by a view', severity: 'warning', effortMinutes: 10,
    message: 'Synonym {object} for {target} emulated by a view',
    suggestion: 'Prefer schema-qualified names or search_path in the application; the view only works for tables and views.',
    why: 'PostgreSQL has no synonyms.',
    rule: 'rules/synonyms',
  },
  {
    id: 'OPG-SYN-0002', title: 'Synonym not convertible', severity: 'warning', effortMinutes: 30,
    message: 'Synonym {object} for {target} was not converted: {detail}',
    suggestion: 'Use postgres_fdw for remote objects, or schema-qualified names / search_path for code objects.',
    why: 'PostgreSQL has no synonyms and no database links.',
    rule: 'rules/synonyms',
  },
  {
    id: 'OPG-GRANT-0001', title: 'Privilege not mapped', severity: 'warning', effortMinutes: 10,
    message: '{detail}',
    suggestion: 'Grant the equivalent PostgreSQL privilege or role attribute by hand.',
    why: 'Oracle system privileges have no one-to-one PostgreSQL equivalent.',
    rule: 'rules/grants',
  },
  {
    id: 'OPG-USER-0001', title: 'Password not migrated', severity: 'warning', effortMinutes: 5,
    message: 'User {object}: the password was not migrated',
    suggestion: 'Set a password with ALTER ROLE … PASSWORD (or use IAM / certificates) after the migration.',
    why: 'orapg never writes credentials to output files.',
    rule: 'rules/grants',
  },
  {
    id: 'OPG-NAME-0001', title: 'Identifier too long', severity: 'warning', effortMinutes: 10,
    message: 'Identifier {name} is longer than 63 bytes; shortened to {short}',
    suggestion: 'Rename the object in code that references it, or choose a shorter name with --rename.',
    why: 'PostgreSQL truncates identifiers to 63 bytes, which can make two names collide.',
    rule: 'emit/quote',
  },
  {
    id: 'OPG-PLSQL-0001', title: 'PL/SQL unit not converted', severity: 'error', effortMinutes: 60,
    message: '{object} ({lines} lines of PL/SQL) was not converted automatically',
    suggestion: 'Convert the unit by hand; its Oracle source is kept in the output as a comment.',
    why: 'The unit is missing on the target until it is converted.',
    rule: 'rules/plsql',
  },
  {
    id: 'OPG-EXPR-0001', title: 'Function without PostgreSQL equivalent', severity: 'warning', effortMinutes: 20,
    message: 'Function {name} has no automatic conversion; it was kept as is',
    suggestion: 'Replace the call with PostgreSQL code or create a compatible function.',
    why: 'The statement fails on PostgreSQL unless a function of that name exists.',
    rule: 'rules/functions',
  },
  {
    id: 'OPG-EXPR-0002', title: 'SYSDATE / SYSTIMESTAMP time zone', severity: 'info', effortMinutes: 0,
    message: '{name} converted to {target}, which uses the session time zone, not the database server\'s OS time zone',
    suggestion: 'Set the timezone parameter of the PostgreSQL database to the Oracle server\'s zone.',
    why: 'SYSDATE returns the server OS clock in its zone; PostgreSQL uses the TimeZone setting.',
    rule: 'rules/functions',
  },
  {
    id: 'OPG-EXPR-0003', title: 'Empty string is NULL in Oracle', severity: 'info', effortMinutes: 0,
    message: "The empty string literal '' was converted to NULL (Oracle treats '' as NULL)",
    suggestion: 'Nothing to do; review code that compares with empty strings.',
    why: "PostgreSQL distinguishes '' from NULL.",
    rule: 'rules/functions',
  },
  {
    id: 'OPG-EXPR-0004', title: 'Construct not converted', severity: 'error', effortMinutes: 30,
    message: '{detail}',
    suggestion: 'Rewrite this part of the statement by hand.',
    why: 'The converted statement would not run or would return different results.',
    rule: 'rules/functions',
  },
  {
    id: 'OPG-MISC-0001', title: 'Statement ignored for schema conversion', severity: 'info', effortMinutes: 0,
    message: '{kind} is not part of the converted schema',
    suggestion: 'Nothing to do; orapg creates objects from scratch.',
    why: 'DROP and similar statements in install scripts only matter on Oracle.',
    rule: 'model',
  },
];

export const catalog: ReadonlyMap<string, CatalogEntry> = new Map(entries.map((e) => [e.id, e]));

export function catalogEntry(id: string): CatalogEntry {
  const e = catalog.get(id);
  if (!e) throw new Error(`unknown finding id ${id}`);
  return e;
}

export const allCatalogEntries: readonly CatalogEntry[] = entries;
