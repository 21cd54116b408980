/**
 * Reads an Oracle catalog into a snapshot: one batched query per object family (queries.ts) for all
 * requested owners, then the rows are assembled in memory. A DBA_* view the user cannot read is
 * recorded under `privileges.missing` with its fallback; the snapshot is still produced.
 */
import type { OracleConnectionLike } from './connection.js';
import { isMissingPrivilege, OracleConnectError, OUT_FORMAT_OBJECT, oracleErrorCode } from './connection.js';
import {
  bindOwners,
  CATALOG_QUERIES,
  type CatalogQuery,
  DDL_QUERY,
  DDL_SETUP,
  SESSION_QUERY,
  USERS_QUERY,
} from './queries.js';
import {
  type CodeUnitSnapshot,
  type ColumnSnapshot,
  type ConstraintSnapshot,
  type IndexSnapshot,
  type MissingPrivilege,
  normalizeSnapshot,
  parseSnapshot,
  type SchemaSnapshot,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type Snapshot,
  type TableSnapshot,
  type ViewSnapshot,
} from './snapshot.js';

export type Row = Record<string, unknown>;

export interface ReadCatalogOptions {
  /** Owners in catalog form (HR, "Mixed" → Mixed). */
  schemas: string[];
  /** Also fetch DBMS_METADATA.GET_DDL text for every object. */
  ddl?: boolean;
  /** Rows per round trip (oracledb fetchArraySize). */
  fetchArraySize?: number;
  /**
   * Also read the data of bare NUMBER columns (MIN, MAX, largest scale) so the conversion can
   * suggest integer types. Needs SELECT on the tables; one UNION ALL query per 200 columns.
   */
  profileNumbers?: boolean;
  /** Fixed timestamp (tests, reproducible snapshots). */
  capturedAt?: string;
  toolVersion?: string;
  onProgress?: (message: string) => void;
}

export class CatalogError extends Error {}

/** Runs the catalog queries and returns the validated snapshot. */
export async function readCatalog(conn: OracleConnectionLike, opts: ReadCatalogOptions): Promise<Snapshot> {
  const owners = [...new Set(opts.schemas)].sort();
  if (!owners.length) throw new CatalogError('no schema to read: pass --schemas OWNER[,OWNER…]');
  const fetchArraySize = opts.fetchArraySize ?? 1000;
  const stats = { queries: 0, roundTrips: 0, rows: {} as Record<string, number> };
  const run = async (name: string, sql: string, binds: Record<string, unknown> = {}): Promise<Row[]> => {
    opts.onProgress?.(`reading ${name}`);
    stats.queries++;
    const r = await conn.execute(sql, binds, { outFormat: OUT_FORMAT_OBJECT, fetchArraySize });
    const rows = (r.rows ?? []) as Row[];
    stats.roundTrips += Math.max(1, Math.ceil(rows.length / fetchArraySize));
    stats.rows[name] = (stats.rows[name] ?? 0) + rows.length;
    return rows;
  };

  const [session] = await run('session', SESSION_QUERY);
  const usersQuery = bindOwners(USERS_QUERY, owners);
  const users = await run('users', usersQuery.sql, usersQuery.binds);
  const visible = new Set(users.map((u) => str(u.USERNAME)));
  const absent = owners.filter((o) => !visible.has(o));
  if (absent.length)
    throw new CatalogError(
      `schema ${absent.join(', ')} not found or not visible to ${str(session?.SESSION_USER) ?? 'this user'} (names are case-sensitive: unquoted names are upper case)`,
    );

  const missing: MissingPrivilege[] = [];
  const data: Record<string, Row[]> = {};
  const runCatalog = async (q: CatalogQuery) => {
    const { sql, binds } = bindOwners(q.sql, owners);
    try {
      data[q.name] = await run(q.name, sql, binds);
    } catch (err) {
      if (!isMissingPrivilege(err)) throw err;
      const code =
        oracleErrorCode(err) ?? (err instanceof OracleConnectError ? err.code : undefined) ?? 'error';
      const info = q.privileged ?? {
        object: q.name,
        effect: `${q.name} are not in the snapshot`,
        grant: 'GRANT SELECT_CATALOG_ROLE TO <user>',
      };
      missing.push({ ...info, error: code });
      data[q.name] = [];
      if (q.fallback) {
        const fb = bindOwners(q.fallback, owners);
        data[q.name] = await run(q.name, fb.sql, fb.binds);
      }
    }
  };
  for (const q of CATALOG_QUERIES) await runCatalog(q);
  if (opts.ddl) {
    stats.queries++;
    stats.roundTrips++;
    await conn.execute(DDL_SETUP, {}, {});
    await runCatalog(DDL_QUERY);
  }

  const schemas = assemble(owners, data, missing);
  if (opts.profileNumbers) await profileNumbers(schemas, run, missing);
  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    capturedAt: opts.capturedAt ?? new Date().toISOString(),
    tool: { name: 'orapg', version: opts.toolVersion ?? '0.1.0' },
    source: {
      connectedAs: str(session?.SESSION_USER),
      database: clean({
        name: str(session?.DB_NAME),
        version: str(session?.VERSION),
        characterSet: str(session?.CHARACTER_SET),
        ncharCharacterSet: str(session?.NCHAR_CHARACTER_SET),
      }),
      schemas: owners,
    },
    privileges: { missing },
    stats,
    roles: assembleRoles(data.roles ?? []),
    schemas,
  };
  return normalizeSnapshot(parseSnapshot(snapshot));
}

// ── row value helpers ────────────────────────────────────────────────────────────────────────────

function str(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return v.toString('hex').toUpperCase();
  return String(v);
}

function num(v: unknown): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

const yes = (v: unknown) => v === 'YES' || v === 'Y';

function clean<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

function groupBy(rows: Row[], key: (r: Row) => string): Map<string, Row[]> {
  const m = new Map<string, Row[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

const k2 = (a: unknown, b: unknown) => `${str(a)}\u0000${str(b)}`;

/**
 * Oracle NUMBER internal format (LOW_VALUE / HIGH_VALUE statistics) → decimal text.
 * Byte 0: sign and base-100 exponent; then base-100 digits (+1 when positive, 101- when negative,
 * negative numbers end with 102).
 */
export function decodeOracleNumber(hex: string): string | undefined {
  if (!/^([0-9A-Fa-f]{2})+$/.test(hex)) return undefined;
  const b = Buffer.from(hex, 'hex');
  if (b.length === 1 && b[0] === 0x80) return '0';
  const positive = b[0] >= 0x80;
  const exp = positive ? b[0] - 193 : 62 - b[0];
  let digits = [...b.subarray(1)];
  if (!positive && digits[digits.length - 1] === 102) digits = digits.slice(0, -1);
  const vals = digits.map((d) => (positive ? d - 1 : 101 - d));
  if (vals.some((v) => v < 0 || v > 99)) return undefined;
  // value = Σ vals[i] × 100^(exp − i)
  let intPart = '';
  let frac = '';
  for (let i = 0; i < Math.max(vals.length, exp + 1); i++) {
    const two = String(vals[i] ?? 0).padStart(2, '0');
    if (i <= exp) intPart += two;
    else frac += two;
  }
  if (exp < 0) frac = '00'.repeat(-exp - 1) + vals.map((v) => String(v).padStart(2, '0')).join('');
  intPart = intPart.replace(/^0+/, '') || '0';
  frac = frac.replace(/0+$/, '');
  return `${positive ? '' : '-'}${intPart}${frac ? `.${frac}` : ''}`;
}

// ── assembly ─────────────────────────────────────────────────────────────────────────────────────

function emptySchema(name: string): SchemaSnapshot {
  return {
    name,
    tables: [],
    views: [],
    materializedViews: [],
    sequences: [],
    synonyms: [],
    indexes: [],
    code: [],
    grants: [],
    dependencies: [],
  };
}

function assemble(owners: string[], d: Record<string, Row[]>, missing: MissingPrivilege[]): SchemaSnapshot[] {
  const schemas = new Map(owners.map((o) => [o, emptySchema(o)]));
  const tables = new Map<string, TableSnapshot>();
  const views = new Map<string, ViewSnapshot>();

  for (const r of d.tables ?? []) {
    const sc = schemas.get(str(r.OWNER)!);
    if (!sc) continue;
    const t: TableSnapshot = clean({
      name: str(r.TABLE_NAME)!,
      temporary: yes(r.TEMPORARY)
        ? ((str(r.DURATION) === 'SYS$SESSION' ? 'SESSION' : 'TRANSACTION') as 'SESSION' | 'TRANSACTION')
        : undefined,
      iot: str(r.IOT_TYPE) === 'IOT' ? true : undefined,
      external: yes(r.EXTERNAL) ? true : undefined,
      nested: yes(r.NESTED) ? true : undefined,
      columns: [],
      constraints: [],
      physical: clean({
        tablespace: str(r.TABLESPACE_NAME),
        compression: str(r.COMPRESSION) === 'ENABLED' ? 'ENABLED' : undefined,
        logging: r.LOGGING === undefined || r.LOGGING === null ? undefined : yes(r.LOGGING),
        degree: str(r.DEGREE) && str(r.DEGREE) !== '1' ? str(r.DEGREE) : undefined,
        rowMovement: str(r.ROW_MOVEMENT) === 'ENABLED' ? true : undefined,
      }),
      stats: clean({
        numRows: num(r.NUM_ROWS),
        blocks: num(r.BLOCKS),
        avgRowLen: num(r.AVG_ROW_LEN),
        lastAnalyzed: str(r.LAST_ANALYZED),
      }),
    });
    sc.tables.push(t);
    tables.set(k2(sc.name, t.name), t);
  }

  for (const r of d.views ?? []) {
    const sc = schemas.get(str(r.OWNER)!);
    if (!sc) continue;
    const v: ViewSnapshot = { name: str(r.VIEW_NAME)!, text: (str(r.TEXT) ?? '').trimEnd(), columns: [] };
    sc.views.push(v);
    views.set(k2(sc.name, v.name), v);
  }

  addColumns(d, tables, views);
  addConstraints(d, tables, views);
  addPartitions(d, tables);
  addLobsAndLogging(d, tables);
  addSizes(d, tables, missing);
  addComments(d, tables, views);

  for (const [owner, sc] of schemas) {
    sc.indexes = buildIndexes(d, owner);
    sc.sequences = (d.sequences ?? [])
      .filter((r) => str(r.SEQUENCE_OWNER) === owner)
      .map((r) => ({
        name: str(r.SEQUENCE_NAME)!,
        minValue: str(r.MIN_VALUE) ?? '1',
        maxValue: str(r.MAX_VALUE) ?? '9999999999999999999999999999',
        increment: str(r.INCREMENT_BY) ?? '1',
        cycle: yes(r.CYCLE_FLAG),
        order: yes(r.ORDER_FLAG),
        cache: num(r.CACHE_SIZE) ?? 0,
        lastNumber: str(r.LAST_NUMBER) ?? '1',
      }));
    sc.materializedViews = (d.mviews ?? [])
      .filter((r) => str(r.OWNER) === owner)
      .map((r) =>
        clean({
          name: str(r.MVIEW_NAME)!,
          query: (str(r.QUERY) ?? '').trimEnd(),
          refreshMethod: str(r.REFRESH_METHOD),
          refreshMode: str(r.REFRESH_MODE),
          buildMode: str(r.BUILD_MODE),
        }),
      );
    sc.code = buildCode(d, owner);
    sc.dependencies = (d.dependencies ?? [])
      .filter((r) => str(r.OWNER) === owner)
      .map((r) =>
        clean({
          name: str(r.NAME)!,
          type: str(r.TYPE)!,
          referencedOwner: str(r.REFERENCED_OWNER) ?? '',
          referencedName: str(r.REFERENCED_NAME) ?? '',
          referencedType: str(r.REFERENCED_TYPE) ?? '',
          referencedLink: str(r.REFERENCED_LINK_NAME),
        }),
      );
    sc.grants = buildGrants(d, owner);
    if (d.ddl?.length)
      sc.ddl = d.ddl
        .filter((r) => str(r.OWNER) === owner && str(r.DDL))
        .map((r) => ({ type: str(r.OBJECT_TYPE)!, name: str(r.OBJECT_NAME)!, text: str(r.DDL)!.trim() }));
  }
  for (const r of d.synonyms ?? []) {
    const isPublic = str(r.OWNER) === 'PUBLIC';
    const sc = schemas.get(isPublic ? str(r.TABLE_OWNER)! : str(r.OWNER)!);
    if (!sc) continue;
    sc.synonyms.push(
      clean({
        name: str(r.SYNONYM_NAME)!,
        public: isPublic,
        targetOwner: str(r.TABLE_OWNER),
        target: str(r.TABLE_NAME)!,
        dbLink: str(r.DB_LINK),
      }),
    );
  }
  return [...schemas.values()];
}

function addColumns(
  d: Record<string, Row[]>,
  tables: Map<string, TableSnapshot>,
  views: Map<string, ViewSnapshot>,
) {
  const identity = new Map(
    (d.identity ?? []).map((r) => [`${k2(r.OWNER, r.TABLE_NAME)}.${str(r.COLUMN_NAME)}`, r]),
  );
  const sorted = [...(d.columns ?? [])].sort((a, b) => (num(a.COLUMN_ID) ?? 0) - (num(b.COLUMN_ID) ?? 0));
  for (const r of sorted) {
    const key = k2(r.OWNER, r.TABLE_NAME);
    const view = views.get(key);
    if (view) {
      if (!yes(r.HIDDEN_COLUMN)) view.columns.push(str(r.COLUMN_NAME)!);
      continue;
    }
    const t = tables.get(key);
    if (!t || num(r.COLUMN_ID) === undefined) continue;
    const ident = identity.get(`${key}.${str(r.COLUMN_NAME)}`);
    const dataType = str(r.DATA_TYPE) ?? 'UNDEFINED';
    const numeric = dataType === 'NUMBER' || dataType === 'FLOAT';
    const low = numeric ? decodeOracleNumber(str(r.LOW_VALUE) ?? '') : undefined;
    const high = numeric ? decodeOracleNumber(str(r.HIGH_VALUE) ?? '') : undefined;
    const col: ColumnSnapshot = clean({
      name: str(r.COLUMN_NAME)!,
      id: num(r.COLUMN_ID)!,
      dataType,
      dataTypeOwner: str(r.DATA_TYPE_OWNER),
      length: num(r.DATA_LENGTH) ?? 0,
      precision: num(r.DATA_PRECISION) ?? null,
      scale: num(r.DATA_SCALE) ?? null,
      charLength: r.CHAR_USED ? num(r.CHAR_LENGTH) : undefined,
      charUsed: (str(r.CHAR_USED) as 'B' | 'C' | undefined) || undefined,
      nullable: str(r.NULLABLE) !== 'N',
      default: ident ? undefined : str(r.DATA_DEFAULT)?.trimEnd() || undefined,
      defaultOnNull: yes(r.DEFAULT_ON_NULL) ? true : undefined,
      virtual: yes(r.VIRTUAL_COLUMN) ? true : undefined,
      invisible: yes(r.HIDDEN_COLUMN) ? true : undefined,
      identity: ident ? parseIdentity(ident, yes(r.DEFAULT_ON_NULL)) : undefined,
      stats:
        r.NUM_DISTINCT !== null && r.NUM_DISTINCT !== undefined
          ? clean({ numDistinct: num(r.NUM_DISTINCT), numNulls: num(r.NUM_NULLS), low, high })
          : undefined,
    });
    t.columns.push(col);
  }
}

/** IDENTITY_OPTIONS text: "START WITH: 1, INCREMENT BY: 1, MAX_VALUE: 9999…, MIN_VALUE: 1, CYCLE_FLAG: N, CACHE_SIZE: 20, ORDER_FLAG: N, …" */
function parseIdentity(r: Row, onNull: boolean): NonNullable<ColumnSnapshot['identity']> {
  const opts = new Map<string, string>();
  for (const part of (str(r.IDENTITY_OPTIONS) ?? '').split(',')) {
    const [k, v] = part.split(':').map((x) => x.trim());
    if (k && v !== undefined) opts.set(k, v);
  }
  const cache = num(opts.get('CACHE_SIZE'));
  return clean({
    generation: str(r.GENERATION_TYPE) === 'ALWAYS' ? ('ALWAYS' as const) : ('BY DEFAULT' as const),
    onNull: onNull || undefined,
    start: opts.get('START WITH'),
    increment: opts.get('INCREMENT BY'),
    minValue: opts.get('MIN_VALUE'),
    maxValue: opts.get('MAX_VALUE'),
    cycle: opts.has('CYCLE_FLAG') ? opts.get('CYCLE_FLAG') === 'Y' : undefined,
    cache,
    order: opts.has('ORDER_FLAG') ? opts.get('ORDER_FLAG') === 'Y' : undefined,
  });
}

function addConstraints(
  d: Record<string, Row[]>,
  tables: Map<string, TableSnapshot>,
  views: Map<string, ViewSnapshot>,
) {
  const cols = groupBy(d.constraintColumns ?? [], (r) => k2(r.OWNER, r.CONSTRAINT_NAME));
  // Check constraints list their columns without POSITION: those are sorted by name.
  const colsOf = (owner: unknown, name: unknown) =>
    (cols.get(k2(owner, name)) ?? [])
      .slice()
      .sort(
        (a, b) =>
          (num(a.POSITION) ?? 0) - (num(b.POSITION) ?? 0) ||
          (str(a.COLUMN_NAME)! < str(b.COLUMN_NAME)!
            ? -1
            : str(a.COLUMN_NAME)! > str(b.COLUMN_NAME)!
              ? 1
              : 0),
      )
      .map((c) => str(c.COLUMN_NAME)!);
  const byName = new Map((d.constraints ?? []).map((r) => [k2(r.OWNER, r.CONSTRAINT_NAME), r]));
  for (const r of d.constraints ?? []) {
    const key = k2(r.OWNER, r.TABLE_NAME);
    const type = str(r.CONSTRAINT_TYPE) as ConstraintSnapshot['type'];
    const view = views.get(key);
    if (view) {
      if (type === 'O') view.readOnly = true;
      if (type === 'V')
        view.checkOption =
          str(r.GENERATED) === 'GENERATED NAME' ? {} : { constraint: str(r.CONSTRAINT_NAME) };
      continue;
    }
    const t = tables.get(key);
    if (!t) continue;
    let references: ConstraintSnapshot['references'];
    if (type === 'R' && r.R_CONSTRAINT_NAME) {
      const target = byName.get(k2(r.R_OWNER, r.R_CONSTRAINT_NAME));
      const targetCols = cols.get(k2(r.R_OWNER, r.R_CONSTRAINT_NAME));
      references = {
        owner: str(r.R_OWNER)!,
        table: str(target?.TABLE_NAME) ?? str(targetCols?.[0]?.TABLE_NAME) ?? '?',
        constraint: str(r.R_CONSTRAINT_NAME)!,
        columns: colsOf(r.R_OWNER, r.R_CONSTRAINT_NAME),
      };
    }
    t.constraints.push(
      clean({
        name: str(r.CONSTRAINT_NAME)!,
        type,
        columns: colsOf(r.OWNER, r.CONSTRAINT_NAME),
        searchCondition: type === 'C' ? str(r.SEARCH_CONDITION)?.trim() : undefined,
        references,
        deleteRule:
          type === 'R'
            ? ((str(r.DELETE_RULE) ?? 'NO ACTION') as ConstraintSnapshot['deleteRule'])
            : undefined,
        enabled: str(r.STATUS) !== 'DISABLED',
        validated: str(r.VALIDATED) !== 'NOT VALIDATED',
        deferrable: str(r.DEFERRABLE) === 'DEFERRABLE',
        deferred: str(r.DEFERRED) === 'DEFERRED',
        rely: str(r.RELY) === 'RELY' ? true : undefined,
        generatedName: str(r.GENERATED) === 'GENERATED NAME',
        indexName: str(r.INDEX_NAME),
      }),
    );
  }
}

function addPartitions(d: Record<string, Row[]>, tables: Map<string, TableSnapshot>) {
  const keys = groupBy(d.partKeys ?? [], (r) => k2(r.OWNER, r.NAME));
  const parts = groupBy(d.partitions ?? [], (r) => k2(r.TABLE_OWNER, r.TABLE_NAME));
  for (const r of d.partTables ?? []) {
    const t = tables.get(k2(r.OWNER, r.TABLE_NAME));
    if (!t) continue;
    const keyRows = (keys.get(k2(r.OWNER, r.TABLE_NAME)) ?? []).sort(
      (a, b) => (num(a.COLUMN_POSITION) ?? 0) - (num(b.COLUMN_POSITION) ?? 0),
    );
    const colsOf = (kind: string) =>
      keyRows.filter((k) => str(k.KEY_KIND) === kind).map((k) => str(k.COLUMN_NAME)!);
    const sub = str(r.SUBPARTITIONING_TYPE);
    t.partitioning = clean({
      type: str(r.PARTITIONING_TYPE) as NonNullable<TableSnapshot['partitioning']>['type'],
      columns: colsOf('PARTITION'),
      interval: str(r.INTERVAL) || undefined,
      subpartitioning:
        sub && sub !== 'NONE'
          ? clean({
              type: sub as 'RANGE' | 'LIST' | 'HASH',
              columns: colsOf('SUBPARTITION'),
              count: num(r.DEF_SUBPARTITION_COUNT) || undefined,
            })
          : undefined,
      partitions: (parts.get(k2(r.OWNER, r.TABLE_NAME)) ?? [])
        .sort((a, b) => (num(a.PARTITION_POSITION) ?? 0) - (num(b.PARTITION_POSITION) ?? 0))
        .map((p) =>
          clean({
            name: str(p.PARTITION_NAME)!,
            position: num(p.PARTITION_POSITION)!,
            highValue: str(p.HIGH_VALUE)?.trim() || undefined,
            interval: yes(p.INTERVAL) ? true : undefined,
            subpartitionCount: num(p.SUBPARTITION_COUNT) || undefined,
          }),
        ),
    });
  }
}

function addLobsAndLogging(d: Record<string, Row[]>, tables: Map<string, TableSnapshot>) {
  for (const r of d.lobs ?? []) {
    const t = tables.get(k2(r.OWNER, r.TABLE_NAME));
    if (!t) continue;
    t.lobs ??= [];
    t.lobs.push(
      clean({
        column: str(r.COLUMN_NAME)!,
        segmentName: str(r.SEGMENT_NAME),
        securefile: yes(r.SECUREFILE),
        inRow: yes(r.IN_ROW),
        chunk: num(r.CHUNK),
        cache: str(r.CACHE),
      }),
    );
  }
  for (const r of d.logGroups ?? []) {
    const t = tables.get(k2(r.OWNER, r.TABLE_NAME));
    if (!t) continue;
    t.supplementalLogging ??= [];
    t.supplementalLogging.push({
      name: str(r.LOG_GROUP_NAME)!,
      type: str(r.LOG_GROUP_TYPE) ?? 'USER LOG GROUP',
      always: str(r.ALWAYS) === 'ALWAYS',
    });
  }
}

function addSizes(d: Record<string, Row[]>, tables: Map<string, TableSnapshot>, missing: MissingPrivilege[]) {
  const segmentsVisible = !missing.some((m) => m.object === 'DBA_SEGMENTS');
  const lobOwner = new Map<string, string>();
  for (const r of d.lobs ?? []) lobOwner.set(k2(r.OWNER, r.SEGMENT_NAME), k2(r.OWNER, r.TABLE_NAME));
  // An index-organized table's rows live in its primary key index segment.
  const iotIndex = new Map<string, string>();
  for (const r of d.indexes ?? [])
    if (str(r.INDEX_TYPE) === 'IOT - TOP')
      iotIndex.set(k2(r.OWNER, r.INDEX_NAME), k2(r.TABLE_OWNER, r.TABLE_NAME));
  const bytes = new Map<string, number>();
  for (const r of d.segments ?? []) {
    const type = str(r.SEGMENT_TYPE) ?? '';
    const seg = k2(r.OWNER, r.SEGMENT_NAME);
    const key = type.startsWith('LOB')
      ? lobOwner.get(seg)
      : type.startsWith('INDEX')
        ? iotIndex.get(seg)
        : type.startsWith('TABLE')
          ? seg
          : undefined;
    if (key) bytes.set(key, (bytes.get(key) ?? 0) + (num(r.BYTES) ?? 0));
  }
  const lobBytes = new Map<string, number>();
  for (const r of d.segments ?? [])
    if ((str(r.SEGMENT_TYPE) ?? '').startsWith('LOB')) {
      const seg = k2(r.OWNER, r.SEGMENT_NAME);
      lobBytes.set(seg, (lobBytes.get(seg) ?? 0) + (num(r.BYTES) ?? 0));
    }
  for (const [key, t] of tables) {
    t.stats ??= {};
    const s = t.stats;
    const owner = key.split('\u0000')[0];
    if (segmentsVisible)
      for (const l of t.lobs ?? []) if (l.segmentName) l.bytes = lobBytes.get(k2(owner, l.segmentName)) ?? 0;
    if (segmentsVisible) {
      s.bytes = bytes.get(key) ?? 0;
      s.bytesFrom = 'DBA_SEGMENTS';
    } else if (s.blocks !== undefined) {
      s.bytes = s.blocks * 8192;
      s.bytesFrom = 'ALL_TABLES.BLOCKS';
    }
  }
}

function addComments(
  d: Record<string, Row[]>,
  tables: Map<string, TableSnapshot>,
  views: Map<string, ViewSnapshot>,
) {
  for (const r of d.comments ?? []) {
    const key = k2(r.OWNER, r.TABLE_NAME);
    const text = str(r.COMMENTS);
    if (!text) continue;
    const column = str(r.COLUMN_NAME);
    const t = tables.get(key);
    if (t) {
      if (!column) t.comment = text;
      else {
        const c = t.columns.find((x) => x.name === column);
        if (c) c.comment = text;
      }
      continue;
    }
    const v = views.get(key);
    if (v) {
      if (!column) v.comment = text;
      else {
        v.columnComments ??= {};
        v.columnComments[column] = text;
      }
    }
  }
}

function buildIndexes(d: Record<string, Row[]>, owner: string): IndexSnapshot[] {
  const cols = groupBy(d.indexColumns ?? [], (r) => k2(r.INDEX_OWNER, r.INDEX_NAME));
  const exprs = new Map(
    (d.indexExpressions ?? []).map((r) => [
      `${k2(r.INDEX_OWNER, r.INDEX_NAME)}.${num(r.COLUMN_POSITION)}`,
      r,
    ]),
  );
  const locality = new Map((d.partIndexes ?? []).map((r) => [k2(r.OWNER, r.INDEX_NAME), str(r.LOCALITY)]));
  return (d.indexes ?? [])
    .filter((r) => str(r.OWNER) === owner)
    .map((r) => {
      const key = k2(r.OWNER, r.INDEX_NAME);
      const columns = (cols.get(key) ?? [])
        .sort((a, b) => (num(a.COLUMN_POSITION) ?? 0) - (num(b.COLUMN_POSITION) ?? 0))
        .map((c) =>
          clean({
            name: str(c.COLUMN_NAME)!,
            descending: str(c.DESCEND) === 'DESC',
            expression: str(exprs.get(`${key}.${num(c.COLUMN_POSITION)}`)?.COLUMN_EXPRESSION)?.trim(),
          }),
        );
      return clean({
        name: str(r.INDEX_NAME)!,
        tableOwner: str(r.TABLE_OWNER)!,
        table: str(r.TABLE_NAME)!,
        type: str(r.INDEX_TYPE) ?? 'NORMAL',
        unique: str(r.UNIQUENESS) === 'UNIQUE',
        columns,
        locality: (locality.get(key) as 'LOCAL' | 'GLOBAL' | undefined) ?? undefined,
        generated: yes(r.GENERATED) ? true : undefined,
        tablespace: str(r.TABLESPACE_NAME),
        compression: str(r.COMPRESSION) && str(r.COMPRESSION) !== 'DISABLED' ? str(r.COMPRESSION) : undefined,
        degree: str(r.DEGREE) && str(r.DEGREE) !== '1' ? str(r.DEGREE) : undefined,
        logging: r.LOGGING === undefined || r.LOGGING === null ? undefined : yes(r.LOGGING),
        visible: str(r.VISIBILITY) === 'INVISIBLE' ? false : undefined,
      });
    });
}

function buildCode(d: Record<string, Row[]>, owner: string): CodeUnitSnapshot[] {
  const status = new Map(
    (d.objects ?? [])
      .filter((r) => str(r.OWNER) === owner)
      .map((r) => [k2(r.OBJECT_TYPE, r.OBJECT_NAME), str(r.STATUS)]),
  );
  const triggers = new Map(
    (d.triggers ?? []).filter((r) => str(r.OWNER) === owner).map((r) => [str(r.TRIGGER_NAME), r]),
  );
  const units = groupBy(
    (d.source ?? []).filter((r) => str(r.OWNER) === owner),
    (r) => k2(r.TYPE, r.NAME),
  );
  const out: CodeUnitSnapshot[] = [];
  for (const lines of units.values()) {
    lines.sort((a, b) => (num(a.LINE) ?? 0) - (num(b.LINE) ?? 0));
    const text = lines.map((l) => str(l.TEXT) ?? '').join('');
    const type = str(lines[0].TYPE) as CodeUnitSnapshot['type'];
    const name = str(lines[0].NAME)!;
    const trig = type === 'TRIGGER' ? triggers.get(name) : undefined;
    const firstLine = (text.split('\n')[0] ?? '').trim();
    out.push(
      clean({
        type,
        name,
        text: text.trimEnd(),
        lines: lines.length,
        status: status.get(k2(type, name)) as 'VALID' | 'INVALID' | undefined,
        wrapped: /\swrapped$/i.test(firstLine) ? true : undefined,
        table: trig ? str(trig.TABLE_NAME) : undefined,
        enabled: trig ? str(trig.STATUS) === 'ENABLED' : undefined,
      }),
    );
  }
  return out;
}

function buildGrants(d: Record<string, Row[]>, owner: string): SchemaSnapshot['grants'] {
  const merged = new Map<string, SchemaSnapshot['grants'][number]>();
  for (const r of (d.grants ?? []).filter((x) => str(x.TABLE_SCHEMA) === owner)) {
    const column = str(r.COLUMN_NAME);
    const key = [r.TABLE_NAME, r.GRANTEE, r.PRIVILEGE, r.GRANTABLE, column ? 'col' : 'tab']
      .map(str)
      .join('\u0000');
    const g = merged.get(key);
    if (g && column) {
      g.columns = [...(g.columns ?? []), column].sort();
      continue;
    }
    merged.set(
      key,
      clean({
        grantee: str(r.GRANTEE)!,
        privilege: str(r.PRIVILEGE)!,
        object: str(r.TABLE_NAME)!,
        objectType: str(r.TYPE),
        columns: column ? [column] : undefined,
        grantable: yes(r.GRANTABLE),
      }),
    );
  }
  return [...merged.values()];
}

function assembleRoles(rows: Row[]): Snapshot['roles'] {
  const roles = new Map<string, Set<string>>();
  for (const r of rows) {
    const role = str(r.ROLE);
    if (!role) continue;
    const set = roles.get(role) ?? new Set<string>();
    const granted = str(r.GRANTED_ROLE);
    if (granted) set.add(granted);
    roles.set(role, set);
  }
  return [...roles].map(([name, granted]) => ({ name, grantedRoles: [...granted].sort() }));
}

// ── data profile of bare NUMBER columns ─────────────────────────────────────────────────────────

const sqlName = (n: string) => `"${n.replace(/"/g, '""')}"`;
const sqlText = (n: string) => `'${n.replace(/'/g, "''")}'`;

/** Batches of this many columns per query (each one a full scan of its table on the Oracle side). */
export const PROFILE_BATCH = 200;

async function profileNumbers(
  schemas: SchemaSnapshot[],
  run: (name: string, sql: string, binds?: Record<string, unknown>) => Promise<Row[]>,
  missing: MissingPrivilege[],
): Promise<void> {
  const targets: { owner: string; t: TableSnapshot; c: ColumnSnapshot }[] = [];
  for (const sc of schemas)
    for (const t of sc.tables)
      if (!t.temporary && !t.external && !t.nested)
        for (const c of t.columns)
          if (c.dataType === 'NUMBER' && c.precision === null && c.scale === null && !c.virtual)
            targets.push({ owner: sc.name, t, c });
  for (let i = 0; i < targets.length; i += PROFILE_BATCH) {
    const batch = targets.slice(i, i + PROFILE_BATCH);
    const branches = batch.map(({ owner, t, c }) => {
      const col = sqlName(c.name);
      return `SELECT ${sqlText(owner)} AS OWNER, ${sqlText(t.name)} AS TABLE_NAME, ${sqlText(c.name)} AS COLUMN_NAME,
       MAX(CASE WHEN ${col} = TRUNC(${col}) THEN 0
                ELSE LENGTH(TO_CHAR(ABS(${col}) - TRUNC(ABS(${col}))) ) - 1 END) AS MAX_SCALE,
       TO_CHAR(MIN(${col})) AS LOW, TO_CHAR(MAX(${col})) AS HIGH
  FROM ${sqlName(owner)}.${sqlName(t.name)}`;
    });
    let rows: Row[];
    try {
      rows = await run('profile', `/* orapg:profile */\n${branches.join('\nUNION ALL\n')}`);
    } catch (err) {
      if (!isMissingPrivilege(err)) throw err;
      missing.push({
        object: 'table data (--profile-numbers)',
        error: oracleErrorCode(err) ?? 'error',
        effect: 'NUMBER columns were not profiled',
        grant: 'GRANT SELECT ANY TABLE TO <user>',
      });
      return;
    }
    const byKey = new Map(rows.map((r) => [`${str(r.OWNER)}.${str(r.TABLE_NAME)}.${str(r.COLUMN_NAME)}`, r]));
    for (const { owner, t, c } of batch) {
      const r = byKey.get(`${owner}.${t.name}.${c.name}`);
      if (!r) continue;
      c.stats = clean({
        ...(c.stats ?? {}),
        maxScale: num(r.MAX_SCALE) ?? 0,
        low: str(r.LOW)?.replace(/^(-?)\./, '$10.'),
        high: str(r.HIGH)?.replace(/^(-?)\./, '$10.'),
      });
    }
  }
}
