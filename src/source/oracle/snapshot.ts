/**
 * The catalog snapshot: what `orapg snapshot` reads from a live Oracle database, as one versioned
 * JSON document. Every command accepts a `*.snapshot.json` file as a source, so an assessment can
 * run offline, repeatably, and be attached to a ticket.
 *
 * The document is normalised (one entry per object, ALL_* view columns renamed to camelCase) and
 * deterministic: schemas, objects and grants are sorted by name, columns by COLUMN_ID. It never
 * holds a password, a host name or a connect string: only the user name it was taken as.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const SNAPSHOT_FORMAT = 'orapg-oracle-catalog';
export const SNAPSHOT_VERSION = 1;

/** Files named `*.snapshot.json` are catalog snapshots, whatever else is on the command line. */
export function isSnapshotPath(path: string): boolean {
  return /\.snapshot\.json$/i.test(path);
}

const name = z.string().min(1);
const count = z.number().int().nonnegative();

const Identity = z.object({
  generation: z.enum(['ALWAYS', 'BY DEFAULT']),
  onNull: z.boolean().optional(),
  start: z.string().optional(),
  increment: z.string().optional(),
  minValue: z.string().optional(),
  maxValue: z.string().optional(),
  cycle: z.boolean().optional(),
  cache: count.optional(),
  order: z.boolean().optional(),
});

/** Optimizer statistics of a column (ALL_TAB_COL_STATISTICS / ALL_TAB_COLS), and data profile when taken. */
const ColumnStats = z.object({
  numDistinct: count.optional(),
  numNulls: count.optional(),
  /** LOW_VALUE / HIGH_VALUE decoded for NUMBER columns. */
  low: z.string().optional(),
  high: z.string().optional(),
  /** From `--profile-numbers`: the largest number of decimals seen (0 = integers only). */
  maxScale: count.optional(),
});

const Column = z.object({
  name,
  id: z.number().int().positive(),
  /** DATA_TYPE as the catalog spells it: VARCHAR2, NUMBER, TIMESTAMP(3) WITH TIME ZONE, INTERVAL DAY(2) TO SECOND(6) … */
  dataType: z.string(),
  dataTypeOwner: z.string().optional(),
  length: count,
  precision: z.number().int().nullable(),
  scale: z.number().int().nullable(),
  charLength: count.optional(),
  /** B (byte) or C (char) length semantics of character columns. */
  charUsed: z.enum(['B', 'C']).optional(),
  nullable: z.boolean(),
  /** DATA_DEFAULT text (trailing blanks removed); for a virtual column, its expression. */
  default: z.string().optional(),
  defaultOnNull: z.boolean().optional(),
  virtual: z.boolean().optional(),
  invisible: z.boolean().optional(),
  identity: Identity.optional(),
  comment: z.string().optional(),
  stats: ColumnStats.optional(),
});

const Constraint = z.object({
  name,
  /** P primary key, U unique, R foreign key, C check (NOT NULL included), V/O view check option / read only. */
  type: z.enum(['P', 'U', 'R', 'C', 'V', 'O', 'F', 'H', 'S']),
  columns: z.array(name),
  searchCondition: z.string().optional(),
  references: z.object({ owner: name, table: name, constraint: name, columns: z.array(name) }).optional(),
  deleteRule: z.enum(['CASCADE', 'SET NULL', 'NO ACTION']).optional(),
  enabled: z.boolean(),
  validated: z.boolean(),
  deferrable: z.boolean(),
  deferred: z.boolean(),
  rely: z.boolean().optional(),
  /** Name made up by Oracle (SYS_C…): the source had no name. */
  generatedName: z.boolean(),
  indexName: z.string().optional(),
});

const Partition = z.object({
  name,
  position: z.number().int().positive(),
  /** HIGH_VALUE text: `MAXVALUE`, `DEFAULT`, `'A', 'B'`, `TO_DATE(' 2024-01-01 00:00:00', …)`. */
  highValue: z.string().optional(),
  /** Created by Oracle for interval partitioning (not in the DDL). */
  interval: z.boolean().optional(),
  subpartitionCount: count.optional(),
});

const Partitioning = z.object({
  type: z.enum(['RANGE', 'LIST', 'HASH', 'REFERENCE', 'SYSTEM']),
  columns: z.array(name),
  interval: z.string().optional(),
  subpartitioning: z
    .object({ type: z.enum(['RANGE', 'LIST', 'HASH']), columns: z.array(name), count: count.optional() })
    .optional(),
  partitions: z.array(Partition),
});

const Lob = z.object({
  column: name,
  segmentName: z.string().optional(),
  securefile: z.boolean(),
  inRow: z.boolean(),
  chunk: count.optional(),
  cache: z.string().optional(),
  /** Size of the LOB segment (DBA_SEGMENTS). */
  bytes: count.optional(),
});

const LogGroup = z.object({
  name,
  type: z.string(),
  always: z.boolean(),
  columns: z.array(name).optional(),
});

const Table = z.object({
  name,
  temporary: z.enum(['TRANSACTION', 'SESSION']).optional(),
  iot: z.boolean().optional(),
  external: z.boolean().optional(),
  nested: z.boolean().optional(),
  columns: z.array(Column),
  constraints: z.array(Constraint),
  partitioning: Partitioning.optional(),
  lobs: z.array(Lob).optional(),
  comment: z.string().optional(),
  physical: z
    .object({
      tablespace: z.string().optional(),
      compression: z.string().optional(),
      logging: z.boolean().optional(),
      degree: z.string().optional(),
      rowMovement: z.boolean().optional(),
    })
    .optional(),
  stats: z
    .object({
      numRows: count.optional(),
      blocks: count.optional(),
      avgRowLen: count.optional(),
      lastAnalyzed: z.string().optional(),
      /** Size of the table's segments (table, partitions, LOB segments). */
      bytes: count.optional(),
      /** DBA_SEGMENTS when visible, else an estimate from ALL_TABLES.BLOCKS × 8 KB. */
      bytesFrom: z.enum(['DBA_SEGMENTS', 'ALL_TABLES.BLOCKS']).optional(),
    })
    .optional(),
  supplementalLogging: z.array(LogGroup).optional(),
});

const IndexColumn = z.object({
  /** Column name, or the SYS_NC…$ hidden column of an expression. */
  name,
  descending: z.boolean(),
  /** ALL_IND_EXPRESSIONS.COLUMN_EXPRESSION for function-based (and DESC) columns. */
  expression: z.string().optional(),
});

const Index = z.object({
  name,
  tableOwner: name,
  table: name,
  /** INDEX_TYPE: NORMAL, NORMAL/REV, BITMAP, FUNCTION-BASED NORMAL, FUNCTION-BASED BITMAP, DOMAIN … */
  type: z.string(),
  unique: z.boolean(),
  columns: z.array(IndexColumn),
  locality: z.enum(['LOCAL', 'GLOBAL']).optional(),
  generated: z.boolean().optional(),
  tablespace: z.string().optional(),
  compression: z.string().optional(),
  degree: z.string().optional(),
  logging: z.boolean().optional(),
  visible: z.boolean().optional(),
});

const Sequence = z.object({
  name,
  minValue: z.string(),
  maxValue: z.string(),
  increment: z.string(),
  cycle: z.boolean(),
  order: z.boolean(),
  cache: count,
  /** LAST_NUMBER: the value the sequence resumes from (≥ the next value handed out). */
  lastNumber: z.string(),
});

const View = z.object({
  name,
  text: z.string(),
  columns: z.array(name),
  readOnly: z.boolean().optional(),
  checkOption: z.object({ constraint: z.string().optional() }).optional(),
  comment: z.string().optional(),
  columnComments: z.record(z.string(), z.string()).optional(),
});

const MaterializedView = z.object({
  name,
  query: z.string(),
  refreshMethod: z.string().optional(),
  refreshMode: z.string().optional(),
  buildMode: z.string().optional(),
});

const Synonym = z.object({
  name,
  public: z.boolean(),
  targetOwner: z.string().optional(),
  target: name,
  dbLink: z.string().optional(),
});

const CodeUnit = z.object({
  type: z.enum(['PROCEDURE', 'FUNCTION', 'PACKAGE', 'PACKAGE BODY', 'TRIGGER', 'TYPE', 'TYPE BODY']),
  name,
  /** ALL_SOURCE lines joined, starting with the unit keyword (no CREATE OR REPLACE). */
  text: z.string(),
  lines: count,
  status: z.enum(['VALID', 'INVALID']).optional(),
  wrapped: z.boolean().optional(),
  /** Triggers: the table and whether the trigger is enabled. */
  table: z.string().optional(),
  enabled: z.boolean().optional(),
});

const Grant = z.object({
  grantee: name,
  privilege: name,
  object: name,
  objectType: z.string().optional(),
  columns: z.array(name).optional(),
  grantable: z.boolean(),
});

const Role = z.object({
  name,
  /** Roles granted to this role (DBA_ROLE_PRIVS). */
  grantedRoles: z.array(name),
});

const Dependency = z.object({
  name,
  type: z.string(),
  referencedOwner: z.string(),
  referencedName: z.string(),
  referencedType: z.string(),
  referencedLink: z.string().optional(),
});

const Schema = z.object({
  name,
  tables: z.array(Table),
  views: z.array(View),
  materializedViews: z.array(MaterializedView),
  sequences: z.array(Sequence),
  synonyms: z.array(Synonym),
  indexes: z.array(Index),
  code: z.array(CodeUnit),
  grants: z.array(Grant),
  dependencies: z.array(Dependency),
  /** DBMS_METADATA.GET_DDL text per object, when the snapshot was taken with --ddl. */
  ddl: z.array(z.object({ type: z.string(), name, text: z.string() })).optional(),
});

const MissingPrivilege = z.object({
  /** The view or privilege that could not be read, e.g. DBA_SEGMENTS. */
  object: name,
  error: z.string(),
  /** What the snapshot does without it. */
  effect: z.string(),
  /** The grant that would give it. */
  grant: z.string(),
});

export const SnapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  capturedAt: z.string(),
  tool: z.object({ name: z.literal('orapg'), version: z.string() }),
  source: z.object({
    /** The user the catalog was read as (no password, host or connect string is ever stored). */
    connectedAs: z.string().optional(),
    database: z
      .object({
        name: z.string().optional(),
        version: z.string().optional(),
        banner: z.string().optional(),
        characterSet: z.string().optional(),
        ncharCharacterSet: z.string().optional(),
      })
      .optional(),
    schemas: z.array(name),
  }),
  privileges: z.object({ missing: z.array(MissingPrivilege) }),
  stats: z.object({
    queries: count,
    roundTrips: count,
    rows: z.record(z.string(), count),
  }),
  roles: z.array(Role),
  schemas: z.array(Schema),
});

export type Snapshot = z.infer<typeof SnapshotSchema>;
export type SchemaSnapshot = z.infer<typeof Schema>;
export type TableSnapshot = z.infer<typeof Table>;
export type ColumnSnapshot = z.infer<typeof Column>;
export type ConstraintSnapshot = z.infer<typeof Constraint>;
export type IndexSnapshot = z.infer<typeof Index>;
export type SequenceSnapshot = z.infer<typeof Sequence>;
export type ViewSnapshot = z.infer<typeof View>;
export type CodeUnitSnapshot = z.infer<typeof CodeUnit>;
export type GrantSnapshot = z.infer<typeof Grant>;
export type PartitioningSnapshot = z.infer<typeof Partitioning>;
export type MissingPrivilege = z.infer<typeof MissingPrivilege>;

export class SnapshotError extends Error {}

/** Validates a parsed JSON value; the error lists the first problems with their JSON paths. */
export function parseSnapshot(value: unknown, label = 'snapshot'): Snapshot {
  if (value && typeof value === 'object') {
    const v = value as { format?: unknown; version?: unknown };
    if (v.format !== SNAPSHOT_FORMAT)
      throw new SnapshotError(
        `${label}: not an orapg catalog snapshot (format is ${JSON.stringify(v.format)})`,
      );
    if (v.version !== SNAPSHOT_VERSION)
      throw new SnapshotError(
        `${label}: snapshot version ${JSON.stringify(v.version)} is not supported (this orapg reads version ${SNAPSHOT_VERSION})`,
      );
  }
  const r = SnapshotSchema.safeParse(value);
  if (!r.success) {
    const problems = r.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new SnapshotError(`${label}: invalid snapshot: ${problems}`);
  }
  return r.data;
}

export function readSnapshotFile(path: string): Snapshot {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new SnapshotError(`${path}: ${(err as Error).message}`);
  }
  return parseSnapshot(json, path);
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Sorts every list into its canonical order (the reader already does; this makes hand-edited files stable too). */
export function normalizeSnapshot(s: Snapshot): Snapshot {
  const schemas = [...s.schemas].sort(byName).map((sc) => ({
    ...sc,
    tables: [...sc.tables].sort(byName).map((t) => ({
      ...t,
      columns: [...t.columns].sort((a, b) => a.id - b.id),
      constraints: [...t.constraints].sort(byName),
      ...(t.lobs ? { lobs: [...t.lobs].sort((a, b) => cmp(a.column, b.column)) } : {}),
      ...(t.supplementalLogging ? { supplementalLogging: [...t.supplementalLogging].sort(byName) } : {}),
    })),
    views: [...sc.views].sort(byName).map((v) =>
      v.columnComments
        ? {
            ...v,
            columnComments: Object.fromEntries(
              Object.entries(v.columnComments).sort(([a], [b]) => cmp(a, b)),
            ),
          }
        : v,
    ),
    materializedViews: [...sc.materializedViews].sort(byName),
    sequences: [...sc.sequences].sort(byName),
    synonyms: [...sc.synonyms].sort((a, b) => Number(a.public) - Number(b.public) || byName(a, b)),
    indexes: [...sc.indexes].sort(byName),
    code: [...sc.code].sort(
      (a, b) => CODE_ORDER.indexOf(a.type) - CODE_ORDER.indexOf(b.type) || byName(a, b),
    ),
    grants: [...sc.grants].sort(
      (a, b) => cmp(a.object, b.object) || cmp(a.grantee, b.grantee) || cmp(a.privilege, b.privilege),
    ),
    dependencies: [...sc.dependencies].sort(
      (a, b) =>
        cmp(a.type, b.type) ||
        byName(a, b) ||
        cmp(a.referencedOwner, b.referencedOwner) ||
        cmp(a.referencedName, b.referencedName),
    ),
    ...(sc.ddl ? { ddl: [...sc.ddl].sort((a, b) => cmp(a.type, b.type) || byName(a, b)) } : {}),
  }));
  return { ...s, roles: [...s.roles].sort(byName), schemas };
}

/** Code units in dependency-friendly order: types, then standalone code, package specs, bodies, triggers. */
export const CODE_ORDER: CodeUnitSnapshot['type'][] = [
  'TYPE',
  'TYPE BODY',
  'FUNCTION',
  'PROCEDURE',
  'PACKAGE',
  'PACKAGE BODY',
  'TRIGGER',
];

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable JSON text (two-space indent, trailing newline). */
export function serializeSnapshot(s: Snapshot): string {
  return `${JSON.stringify(normalizeSnapshot(parseSnapshot(s)), null, 2)}\n`;
}
