/**
 * `orapg oracle check`: read-only queries that say whether the Oracle source is ready for AWS DMS
 * (ARCHIVELOG mode, supplemental logging, the DMS user's grants, tables without keys, column types
 * DMS does not replicate, LOB sizes) and report what is missing as findings.
 */
import { makeFinding } from '../../findings/make.js';
import type { Finding } from '../../findings/types.js';
import { readCatalog } from './catalog.js';
import {
  isMissingPrivilege,
  type OracleConnectionLike,
  OUT_FORMAT_OBJECT,
  oracleErrorCode,
} from './connection.js';
import { type CdcMethod, dmsPrivileges, identification, oracleName, type SourceKind } from './prep.js';
import type { Snapshot } from './snapshot.js';

export const PREFLIGHT_QUERIES = {
  database: `/* orapg:preflightDatabase */
SELECT LOG_MODE, SUPPLEMENTAL_LOG_DATA_MIN, SUPPLEMENTAL_LOG_DATA_PK, SUPPLEMENTAL_LOG_DATA_UI,
       SUPPLEMENTAL_LOG_DATA_ALL, FORCE_LOGGING, CDB,
       (SELECT VERSION FROM PRODUCT_COMPONENT_VERSION WHERE PRODUCT LIKE 'Oracle Database%' AND ROWNUM = 1) AS VERSION
  FROM V$DATABASE`,
  userPrivileges: `/* orapg:preflightUser */
SELECT 'SYSTEM' AS KIND, PRIVILEGE, CAST(NULL AS VARCHAR2(128)) AS OWNER, CAST(NULL AS VARCHAR2(128)) AS OBJECT_NAME
  FROM DBA_SYS_PRIVS WHERE GRANTEE = :grantee
UNION ALL
SELECT 'ROLE', GRANTED_ROLE, NULL, NULL FROM DBA_ROLE_PRIVS WHERE GRANTEE = :grantee
UNION ALL
SELECT 'OBJECT', PRIVILEGE, OWNER, TABLE_NAME FROM DBA_TAB_PRIVS WHERE GRANTEE = :grantee`,
  rdsConfiguration: `/* orapg:preflightRds */
SELECT NAME, VALUE FROM RDSADMIN.RDS_CONFIGURATION WHERE NAME = 'archivelog retention hours'`,
};

export type CheckStatus = 'ok' | 'missing' | 'unknown';

export interface PreflightCheck {
  name: string;
  status: CheckStatus;
  detail: string;
}

export interface PreflightReport {
  /** No error-level finding and nothing unknown that DMS needs. */
  ready: boolean;
  checks: PreflightCheck[];
  findings: Finding[];
}

export interface PreflightInput {
  /** The V$DATABASE row (undefined when it could not be read). */
  database?: Record<string, unknown>;
  databaseError?: string;
  /** Catalog of the schemas DMS will read. */
  snapshot?: Snapshot;
  dms?: {
    user: string;
    /** Rows of DBA_SYS_PRIVS / DBA_ROLE_PRIVS / DBA_TAB_PRIVS for the user (undefined: not readable). */
    privileges?: Record<string, unknown>[];
    error?: string;
  };
  kind?: SourceKind;
  cdc?: CdcMethod;
  rdsRetentionHours?: number;
  label?: string;
}

/** DMS replicates these as NULL, or truncates them (LONG). */
const UNSUPPORTED_TYPES: Record<string, string> = {
  BFILE: 'DMS replicates it as NULL',
  ROWID: 'DMS replicates it as NULL',
  UROWID: 'DMS replicates it as NULL',
  ANYDATA: 'DMS replicates it as NULL',
  LONG: 'DMS truncates values to 64 KB and needs LOB support enabled',
  'LONG RAW': 'DMS truncates values to 64 KB and needs LOB support enabled',
};

const LOB_TYPES = new Set(['BLOB', 'CLOB', 'NCLOB']);

/** Evaluates the checks (pure: tested with recorded rows). */
export function evaluatePreflight(input: PreflightInput): PreflightReport {
  const checks: PreflightCheck[] = [];
  const findings: Finding[] = [];
  const where = { location: { file: input.label ?? 'oracle', line: 1, column: 1 } };
  const db = input.database;
  const kind = input.kind ?? 'self-managed';

  if (!db) {
    const d = `V$DATABASE not readable${input.databaseError ? ` (${input.databaseError})` : ''}: grant SELECT ON V_$DATABASE`;
    checks.push({ name: 'ARCHIVELOG mode', status: 'unknown', detail: d });
    checks.push({ name: 'supplemental logging', status: 'unknown', detail: d });
  } else {
    const mode = String(db.LOG_MODE ?? '');
    const archive = mode === 'ARCHIVELOG';
    checks.push({
      name: 'ARCHIVELOG mode',
      status: archive ? 'ok' : 'missing',
      detail: `LOG_MODE = ${mode}`,
    });
    if (!archive) findings.push(makeFinding('OPG-ORA-0005', { mode }, { ...where, object: 'DATABASE' }));
    const min = String(db.SUPPLEMENTAL_LOG_DATA_MIN ?? 'NO');
    const minOk = min === 'YES' || min === 'IMPLICIT';
    checks.push({
      name: 'supplemental logging (minimal)',
      status: minOk ? 'ok' : 'missing',
      detail: `SUPPLEMENTAL_LOG_DATA_MIN = ${min}`,
    });
    if (!minOk) findings.push(makeFinding('OPG-ORA-0006', { value: min }, { ...where, object: 'DATABASE' }));
  }
  const dbKeys = db && (db.SUPPLEMENTAL_LOG_DATA_PK === 'YES' || db.SUPPLEMENTAL_LOG_DATA_ALL === 'YES');

  if (input.snapshot) tableChecks(input.snapshot, !!dbKeys, checks, findings, input.label);
  else
    checks.push({ name: 'tables', status: 'unknown', detail: 'no schema given (--schemas or --snapshot)' });

  if (input.dms)
    dmsUserChecks(input.dms, kind, input.cdc ?? 'logminer', input.snapshot, checks, findings, where);

  if (kind === 'rds') {
    const h = input.rdsRetentionHours;
    const ok = h !== undefined && h >= 24;
    checks.push({
      name: 'archived log retention (RDS)',
      status: h === undefined ? 'unknown' : ok ? 'ok' : 'missing',
      detail: h === undefined ? 'rdsadmin.rds_configuration not readable' : `${h} hours`,
    });
    if (h !== undefined && !ok)
      findings.push(makeFinding('OPG-ORA-0011', { hours: h }, { ...where, object: 'DATABASE' }));
  }
  const ready =
    !findings.some((f) => f.severity === 'error') &&
    !checks.some((c) => c.status === 'unknown' && c.name !== 'tables');
  return { ready, checks, findings };
}

function tableChecks(
  s: Snapshot,
  dbKeys: boolean,
  checks: PreflightCheck[],
  findings: Finding[],
  label = 'oracle',
): void {
  let tables = 0;
  let noKey = 0;
  let unlogged = 0;
  let unsupported = 0;
  for (const sc of s.schemas)
    for (const t of sc.tables) {
      if (t.temporary || t.external) continue;
      tables++;
      const table = `${sc.name}.${t.name}`;
      const object = `TABLE ${table}`;
      const where = { object, location: { file: `${label}#${sc.name}.${t.name}`, line: 1, column: 1 } };
      const id = identification(t);
      const lobs = t.columns.filter((c) => LOB_TYPES.has(c.dataType));
      if (id.by !== 'pk') {
        noKey++;
        const detail =
          (id.by === 'unique' ? `: DMS will use unique key ${id.name}` : ' and no unique key') +
          (lobs.length
            ? `; its LOB columns (${lobs.map((c) => c.name).join(', ')}) are skipped during CDC`
            : '');
        findings.push(makeFinding('OPG-ORA-0008', { table, detail }, where));
      }
      const groups = new Set((t.supplementalLogging ?? []).map((g) => g.type));
      const needed =
        id.by === 'pk' ? 'PRIMARY KEY LOGGING' : id.by === 'unique' ? 'USER LOG GROUP' : 'ALL COLUMN LOGGING';
      const logged =
        dbKeys ||
        groups.has('ALL COLUMN LOGGING') ||
        groups.has(needed) ||
        (id.by === 'unique' && groups.has('UNIQUE KEY LOGGING'));
      if (!logged) {
        unlogged++;
        findings.push(
          makeFinding(
            'OPG-ORA-0007',
            {
              table,
              needed: needed.replace(' LOGGING', '').replace('USER LOG GROUP', 'unique key log group'),
            },
            where,
          ),
        );
      }
      for (const c of t.columns) {
        const custom = c.dataTypeOwner && !['SYS', 'PUBLIC', 'MDSYS'].includes(c.dataTypeOwner);
        const why =
          UNSUPPORTED_TYPES[c.dataType] ?? (custom ? 'user-defined types are replicated as NULL' : undefined);
        if (why) {
          unsupported++;
          findings.push(
            makeFinding('OPG-ORA-0009', { table, column: c.name, type: c.dataType, detail: why }, where),
          );
        }
      }
      if (t.nested) {
        unsupported++;
        findings.push(
          makeFinding(
            'OPG-ORA-0009',
            {
              table,
              column: '(storage)',
              type: 'NESTED TABLE',
              detail: 'nested tables need the NestedTables settings and a parent key',
            },
            where,
          ),
        );
      }
      for (const l of t.lobs ?? []) {
        const col = t.columns.find((c) => c.name === l.column);
        if (!col || l.bytes === undefined) continue;
        findings.push(
          makeFinding(
            'OPG-ORA-0012',
            { table, column: l.column, type: col.dataType, size: humanBytes(l.bytes) },
            where,
          ),
        );
      }
    }
  checks.push({
    name: 'tables with a primary key',
    status: noKey ? 'missing' : 'ok',
    detail: `${tables - noKey} of ${tables}`,
  });
  checks.push({
    name: 'supplemental logging (keys)',
    status: unlogged ? 'missing' : 'ok',
    detail: dbKeys ? 'database level' : `${tables - unlogged} of ${tables} tables`,
  });
  checks.push({
    name: 'column types DMS replicates',
    status: unsupported ? 'missing' : 'ok',
    detail: `${unsupported} column(s) not replicated as is`,
  });
}

/** What a role brings, for the purpose of these checks. */
function covered(priv: { privilege: string; on?: string }, held: Held): boolean {
  if (held.roles.has('DBA')) return true;
  if (!priv.on)
    return (
      held.system.has(priv.privilege) || (priv.privilege === 'CREATE SESSION' && held.roles.has('CONNECT'))
    );
  const obj = priv.on.replace(/^SYS\./, '');
  if (held.objects.has(`${priv.privilege} ${obj}`) || held.objects.has(`${priv.privilege} SYS.${obj}`))
    return true;
  if (
    priv.privilege === 'SELECT' &&
    (held.system.has('SELECT ANY DICTIONARY') || held.roles.has('SELECT_CATALOG_ROLE'))
  )
    return !obj.startsWith('RDSADMIN');
  if (priv.privilege === 'EXECUTE' && obj === 'DBMS_LOGMNR' && held.roles.has('EXECUTE_CATALOG_ROLE'))
    return true;
  return false;
}

interface Held {
  system: Set<string>;
  roles: Set<string>;
  objects: Set<string>;
}

function dmsUserChecks(
  dms: NonNullable<PreflightInput['dms']>,
  kind: SourceKind,
  cdc: CdcMethod,
  snapshot: Snapshot | undefined,
  checks: PreflightCheck[],
  findings: Finding[],
  where: { location: { file: string; line: number; column: number } },
): void {
  const user = oracleName(dms.user);
  if (!dms.privileges) {
    checks.push({
      name: `grants of ${user}`,
      status: 'unknown',
      detail: `not readable${dms.error ? ` (${dms.error})` : ''}: needs SELECT_CATALOG_ROLE`,
    });
    return;
  }
  if (dms.privileges.length === 0) {
    checks.push({
      name: `grants of ${user}`,
      status: 'missing',
      detail: 'the user does not exist or has no grants',
    });
    findings.push(
      makeFinding(
        'OPG-ORA-0010',
        { user, privilege: 'everything (the user does not exist or has no grants)' },
        { ...where, object: `USER ${user}` },
      ),
    );
    return;
  }
  const held: Held = { system: new Set(), roles: new Set(), objects: new Set() };
  for (const r of dms.privileges) {
    const p = String(r.PRIVILEGE);
    if (r.KIND === 'SYSTEM') held.system.add(p);
    else if (r.KIND === 'ROLE') held.roles.add(p);
    else held.objects.add(`${p} ${r.OWNER === 'SYS' ? '' : `${r.OWNER}.`}${r.OBJECT_NAME}`);
  }
  const wanted = dmsPrivileges(kind, cdc).filter((p) => !p.note?.startsWith('to expose views'));
  const missing = wanted
    .filter((p) => !covered(p, held))
    .map((p) => (p.on ? `${p.privilege} ON ${p.on}` : p.privilege));
  if (snapshot && !held.system.has('SELECT ANY TABLE') && !held.roles.has('DBA'))
    for (const sc of snapshot.schemas)
      for (const t of sc.tables)
        if (!t.temporary && !held.objects.has(`SELECT ${sc.name}.${t.name}`))
          missing.push(`SELECT ON ${sc.name}.${t.name}`);
  for (const m of missing)
    findings.push(makeFinding('OPG-ORA-0010', { user, privilege: m }, { ...where, object: `USER ${user}` }));
  checks.push({
    name: `grants of ${user}`,
    status: missing.length ? 'missing' : 'ok',
    detail: missing.length
      ? `${missing.length} missing: ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ' …' : ''}`
      : 'all present',
  });
}

function humanBytes(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1).replace(/\.0$/, '')} ${units[i]}`;
}

export interface RunPreflightOptions {
  schemas?: string[];
  snapshot?: Snapshot;
  dmsUser?: string;
  kind?: SourceKind;
  cdc?: CdcMethod;
  label?: string;
}

/** Runs the read-only preflight queries (and reads the schemas' catalog when no snapshot is given). */
export async function runPreflight(
  conn: OracleConnectionLike,
  opts: RunPreflightOptions,
): Promise<PreflightReport> {
  const q = async (sql: string, binds: Record<string, unknown> = {}) =>
    ((await conn.execute(sql, binds, { outFormat: OUT_FORMAT_OBJECT })).rows ?? []) as Record<
      string,
      unknown
    >[];
  const input: PreflightInput = { kind: opts.kind, cdc: opts.cdc, label: opts.label };
  try {
    input.database = (await q(PREFLIGHT_QUERIES.database))[0];
  } catch (err) {
    if (!isMissingPrivilege(err)) throw err;
    input.databaseError = oracleErrorCode(err);
  }
  if (opts.dmsUser) {
    const user = oracleName(opts.dmsUser);
    try {
      input.dms = { user, privileges: await q(PREFLIGHT_QUERIES.userPrivileges, { grantee: user }) };
    } catch (err) {
      if (!isMissingPrivilege(err)) throw err;
      input.dms = { user, error: oracleErrorCode(err) };
    }
  }
  if (opts.kind === 'rds') {
    try {
      const v = (await q(PREFLIGHT_QUERIES.rdsConfiguration))[0]?.VALUE;
      if (v !== undefined && v !== null) input.rdsRetentionHours = Number(v);
    } catch (err) {
      if (!isMissingPrivilege(err)) throw err;
    }
  }
  input.snapshot =
    opts.snapshot ??
    (opts.schemas?.length ? await readCatalog(conn, { schemas: opts.schemas.map(oracleName) }) : undefined);
  return evaluatePreflight(input);
}
