/**
 * `orapg oracle prep`: the SQL a DBA runs on the Oracle source before AWS DMS can read it: ARCHIVELOG
 * check, supplemental logging (database and per table), the DMS user with the grants the AWS DMS
 * user guide lists for LogMiner or Binary Reader, for a self-managed database or Amazon RDS
 * (rdsadmin.rdsadmin_util procedures, archived log retention), and optionally a read-only catalog user
 * for `orapg snapshot`. The script never holds a password: SQL*Plus asks for it (ACCEPT … HIDE).
 *
 * Privilege lists: AWS DMS user guide, "Using an Oracle database as a source for AWS DMS"
 * (CHAP_Source.Oracle): user account privileges for self-managed and AWS-managed sources, and the
 * additional privileges for LogMiner and Binary Reader.
 */
import type { Snapshot, TableSnapshot } from './snapshot.js';

export type SourceKind = 'self-managed' | 'rds';
export type CdcMethod = 'logminer' | 'binary-reader';

/** A privilege DMS needs: a system privilege or role, or an object privilege on a SYS object. */
export interface DmsPrivilege {
  privilege: string;
  /** SYS object (V_$DATABASE, ALL_TABLES, DBMS_LOGMNR …); absent for system privileges. */
  on?: string;
  /** Why (shown as a comment in the script and in preflight findings). */
  note?: string;
}

const sel = (on: string, note?: string): DmsPrivilege => ({
  privilege: 'SELECT',
  on,
  ...(note ? { note } : {}),
});

/** Grants for every Oracle source, before the CDC method's own (CHAP_Source.Oracle.*.Privileges). */
const COMMON_CATALOG = [
  'V_$ARCHIVED_LOG',
  'V_$LOG',
  'V_$LOGFILE',
  'V_$DATABASE',
  'V_$THREAD',
  'V_$PARAMETER',
  'V_$NLS_PARAMETERS',
  'V_$TIMEZONE_NAMES',
  'V_$TRANSACTION',
  'V_$CONTAINERS',
  'ALL_INDEXES',
  'ALL_OBJECTS',
  'ALL_TABLES',
  'ALL_USERS',
  'ALL_CATALOG',
  'ALL_CONSTRAINTS',
  'ALL_CONS_COLUMNS',
  'ALL_TAB_COLS',
  'ALL_IND_COLUMNS',
  'ALL_ENCRYPTED_COLUMNS',
  'ALL_LOG_GROUPS',
  'ALL_TAB_PARTITIONS',
  'DBA_REGISTRY',
  'OBJ$',
  'DBA_TABLESPACES',
];

/** What the DMS user needs, in the order the script grants it. */
export function dmsPrivileges(kind: SourceKind, cdc: CdcMethod): DmsPrivilege[] {
  const out: DmsPrivilege[] = [
    { privilege: 'CREATE SESSION' },
    { privilege: 'SELECT ANY TRANSACTION' },
    ...COMMON_CATALOG.map((v) => sel(v)),
    sel('ALL_VIEWS', 'to expose views (exposeViews=true)'),
  ];
  if (kind === 'rds') out.push({ privilege: 'EXECUTE', on: 'RDSADMIN.RDSADMIN_UTIL' });
  if (cdc === 'logminer') {
    out.push({ privilege: 'EXECUTE', on: 'DBMS_LOGMNR' }, sel('V_$LOGMNR_LOGS'), sel('V_$LOGMNR_CONTENTS'), {
      privilege: 'LOGMINING',
      note: 'Oracle 12c and later',
    });
  } else {
    out.push(sel('DBA_DIRECTORIES', 'Binary Reader'));
    if (kind === 'self-managed')
      out.push(
        sel('V_$TRANSPORTABLE_PLATFORM', 'redo logs in ASM'),
        { privilege: 'CREATE ANY DIRECTORY', note: 'BFILE access to the redo logs' },
        { privilege: 'EXECUTE', on: 'DBMS_FILE_TRANSFER', note: 'CopyToTempFolder' },
        { privilege: 'EXECUTE', on: 'DBMS_FILE_GROUP' },
      );
  }
  if (kind === 'rds') out.push(sel('REGISTRY$SQLPATCH', 'Oracle 12.1 and later'));
  return out;
}

export interface PrepOptions {
  dmsUser: string;
  kind?: SourceKind;
  cdc?: CdcMethod;
  /** Owners whose tables DMS reads (SELECT grants and supplemental logging come per table from a snapshot). */
  schemas?: string[];
  /** Tables to prepare one by one (from a snapshot); without it a PL/SQL block prepares the schemas' tables. */
  snapshot?: Snapshot;
  /** RDS: archived redo log retention (hours). */
  retentionHours?: number;
  /** Also create a read-only user for `orapg snapshot` (and AWS SCT). */
  catalogUser?: string;
  toolVersion?: string;
}

/** Catalog form of a user-given name: unquoted → upper case, "quoted" → as is. */
export function oracleName(name: string): string {
  const m = /^"(.+)"$/.exec(name);
  return m ? m[1] : name.toUpperCase();
}

/** An identifier as Oracle SQL text: bare when it is a plain upper-case name, quoted otherwise. */
export function sqlIdent(catalogName: string): string {
  return /^[A-Z][A-Z0-9_$#]*$/.test(catalogName) ? catalogName : `"${catalogName.replace(/"/g, '""')}"`;
}

const qualified = (owner: string, name: string) => `${sqlIdent(owner)}.${sqlIdent(name)}`;

/** The SQL*Plus script. Deterministic for given options (golden-file tested). */
export function generatePrepSql(opts: PrepOptions): string {
  const kind = opts.kind ?? 'self-managed';
  const cdc = opts.cdc ?? 'logminer';
  const user = sqlIdent(oracleName(opts.dmsUser));
  const schemas = [...new Set((opts.schemas ?? opts.snapshot?.source.schemas ?? []).map(oracleName))].sort();
  const L: string[] = [];
  const title = `${kind === 'rds' ? 'Amazon RDS for Oracle' : 'self-managed Oracle'}, CDC with ${cdc === 'logminer' ? 'LogMiner' : 'Binary Reader'}`;
  L.push(
    `-- orapg ${opts.toolVersion ?? '0.1.0'} oracle prep: source preparation for AWS DMS (${title})`,
    `-- Run in SQL*Plus as ${kind === 'rds' ? 'the RDS master user' : 'SYSDBA'}, after reading it. Schemas: ${schemas.join(', ') || '(none given)'}.`,
    '-- Privileges: AWS DMS user guide, "Using an Oracle database as a source for AWS DMS".',
    '-- Check the result with: orapg oracle check --oracle <user>@<host>:<port>/<service>' +
      ` --dms-user ${user}${schemas.length ? ` --schemas ${schemas.join(',')}` : ''}${kind === 'rds' ? ' --rds' : ''}`,
    '',
    'WHENEVER SQLERROR EXIT SQL.SQLCODE',
    'SET SERVEROUTPUT ON',
    'SET VERIFY OFF',
    '',
  );
  step(L, '1. ARCHIVELOG mode (DMS change data capture reads the archived redo logs)');
  L.push('SELECT log_mode FROM v$database;');
  if (kind === 'rds') {
    L.push(
      '-- On RDS, ARCHIVELOG mode follows automated backups: keep the backup retention period above 0.',
      `-- Keep archived logs long enough for a stopped task to resume (${opts.retentionHours ?? 24} hours):`,
      `exec rdsadmin.rdsadmin_util.set_configuration('archivelog retention hours', ${opts.retentionHours ?? 24});`,
      'commit;',
    );
  } else {
    L.push(
      '-- If it says NOARCHIVELOG, switching needs a restart. Plan a window, then as SYSDBA:',
      '--   SHUTDOWN IMMEDIATE',
      '--   STARTUP MOUNT',
      '--   ALTER DATABASE ARCHIVELOG;',
      '--   ALTER DATABASE OPEN;',
      '-- and keep the archived logs (RMAN retention, DB_RECOVERY_FILE_DEST_SIZE) for at least 24 hours.',
    );
  }
  L.push('');
  step(L, '2. Supplemental logging at database level (minimal, then primary key)');
  if (kind === 'rds')
    L.push(
      "exec rdsadmin.rdsadmin_util.alter_supplemental_logging('ADD');",
      "exec rdsadmin.rdsadmin_util.alter_supplemental_logging('ADD', 'PRIMARY KEY');",
    );
  else
    L.push(
      'ALTER DATABASE ADD SUPPLEMENTAL LOG DATA;',
      '-- Primary key logging for the whole database (or per table, step 3):',
      '-- ALTER DATABASE ADD SUPPLEMENTAL LOG DATA (PRIMARY KEY) COLUMNS;',
    );
  L.push(
    'SELECT supplemental_log_data_min, supplemental_log_data_pk, supplemental_log_data_all FROM v$database;',
    '',
  );
  step(L, '3. Supplemental logging per table (PRIMARY KEY; unique key log group or ALL COLUMNS without one)');
  if (opts.snapshot) tableLogging(L, opts.snapshot, schemas);
  else if (schemas.length) tableLoggingBlock(L, schemas);
  else L.push('-- No schema given (--schemas or --snapshot): add per-table logging yourself.');
  L.push('');
  step(L, `4. The DMS user ${user}`);
  L.push(
    `ACCEPT dms_password CHAR PROMPT 'Password for ${user}: ' HIDE`,
    `CREATE USER ${user} IDENTIFIED BY "&dms_password";`,
    'UNDEFINE dms_password',
  );
  for (const p of dmsPrivileges(kind, cdc)) L.push(grantLine(p, user, kind));
  if (kind === 'rds' && cdc === 'binary-reader')
    L.push(
      'exec rdsadmin.rdsadmin_master_util.create_archivelog_dir;',
      'exec rdsadmin.rdsadmin_master_util.create_onlinelog_dir;',
      `GRANT READ ON DIRECTORY ONLINELOG_DIR TO ${user};`,
      `GRANT READ ON DIRECTORY ARCHIVELOG_DIR TO ${user};`,
    );
  L.push('');
  step(L, `5. SELECT on the tables ${user} replicates`);
  if (opts.snapshot) {
    for (const { owner, t } of tablesOf(opts.snapshot, schemas))
      L.push(`GRANT SELECT ON ${qualified(owner, t.name)} TO ${user};`);
  } else if (schemas.length) selectBlock(L, schemas, user);
  else L.push(`-- GRANT SELECT ON <owner>.<table> TO ${user};   (or GRANT SELECT ANY TABLE TO ${user};)`);
  if (opts.catalogUser) {
    const cu = sqlIdent(oracleName(opts.catalogUser));
    L.push('');
    step(L, `6. Read-only catalog user ${cu} for orapg snapshot / AWS SCT`);
    L.push(
      `ACCEPT catalog_password CHAR PROMPT 'Password for ${cu}: ' HIDE`,
      `CREATE USER ${cu} IDENTIFIED BY "&catalog_password";`,
      'UNDEFINE catalog_password',
      `GRANT CREATE SESSION TO ${cu};`,
      `GRANT SELECT_CATALOG_ROLE TO ${cu};   -- DBA_SEGMENTS, DBA_TAB_PRIVS, DBA_ROLES; other users' DDL`,
      `-- For orapg snapshot --profile-numbers (reads column data): GRANT SELECT ANY TABLE TO ${cu};`,
    );
  }
  L.push('', 'PROMPT Done. Now run orapg oracle check.', '');
  return L.join('\n');
}

function step(L: string[], title: string): void {
  L.push(`PROMPT ${title}`);
}

function grantLine(p: DmsPrivilege, user: string, kind: SourceKind): string {
  const note = p.note ? `   -- ${p.note}` : '';
  if (!p.on) return `GRANT ${p.privilege} TO ${user};${note}`;
  // RDS grants SYS objects through rdsadmin (the master user has no GRANT OPTION on them).
  if (kind === 'rds' && !p.on.includes('.'))
    return `exec rdsadmin.rdsadmin_util.grant_sys_object('${p.on}', '${user.replace(/"/g, '')}', '${p.privilege}');${note}`;
  const on = p.on.includes('.') || p.on.startsWith('V_$') || p.on.startsWith('ALL_') ? p.on : `SYS.${p.on}`;
  return `GRANT ${p.privilege} ON ${on} TO ${user};${note}`;
}

function tablesOf(s: Snapshot, schemas: string[]): { owner: string; t: TableSnapshot }[] {
  return s.schemas
    .filter((sc) => !schemas.length || schemas.includes(sc.name))
    .flatMap((sc) =>
      sc.tables.filter((t) => !t.temporary && !t.external && !t.nested).map((t) => ({ owner: sc.name, t })),
    );
}

/** One ALTER TABLE per table, chosen the way DMS identifies rows. */
function tableLogging(L: string[], s: Snapshot, schemas: string[]): void {
  for (const { owner, t } of tablesOf(s, schemas)) {
    const name = qualified(owner, t.name);
    const kind = identification(t);
    if (kind.by === 'pk') L.push(`ALTER TABLE ${name} ADD SUPPLEMENTAL LOG DATA (PRIMARY KEY) COLUMNS;`);
    else if (kind.by === 'unique')
      L.push(
        `ALTER TABLE ${name} ADD SUPPLEMENTAL LOG GROUP ${sqlIdent(logGroupName(t.name))} (${kind.columns.map(sqlIdent).join(', ')}) ALWAYS;   -- no primary key: unique key ${kind.name}`,
      );
    else L.push(`ALTER TABLE ${name} ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;   -- no primary or unique key`);
  }
}

/** How DMS finds a row of the table: primary key, else the first unique key by name, else all columns. */
export function identification(
  t: TableSnapshot,
): { by: 'pk'; columns: string[] } | { by: 'unique'; name: string; columns: string[] } | { by: 'all' } {
  const pk = t.constraints.find((c) => c.type === 'P' && c.enabled);
  if (pk) return { by: 'pk', columns: pk.columns };
  const uk = t.constraints
    .filter((c) => c.type === 'U' && c.enabled)
    .sort((a, b) => (a.name < b.name ? -1 : 1))[0];
  if (uk) return { by: 'unique', name: uk.name, columns: uk.columns };
  return { by: 'all' };
}

function logGroupName(table: string): string {
  return `${table.slice(0, 120)}_DMS_LG`;
}

const ownerList = (schemas: string[]) => schemas.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ');

/** Without a snapshot: a block that picks the logging of each table of the schemas at run time. */
function tableLoggingBlock(L: string[], schemas: string[]): void {
  L.push(
    'BEGIN',
    '  FOR t IN (SELECT owner, table_name,',
    '                   CASE WHEN EXISTS (SELECT 1 FROM all_constraints c WHERE c.owner = t.owner',
    "                                      AND c.table_name = t.table_name AND c.constraint_type = 'P')",
    "                        THEN 'PRIMARY KEY' ELSE 'ALL' END AS cols",
    '              FROM all_tables t',
    `             WHERE owner IN (${ownerList(schemas)}) AND temporary = 'N' AND nested = 'NO'`,
    "               AND secondary = 'N' AND (iot_type IS NULL OR iot_type = 'IOT')",
    '             ORDER BY owner, table_name) LOOP',
    "    EXECUTE IMMEDIATE 'ALTER TABLE \"' || t.owner || '\".\"' || t.table_name ||",
    "                      '\" ADD SUPPLEMENTAL LOG DATA (' || t.cols || ') COLUMNS';",
    "    DBMS_OUTPUT.PUT_LINE(t.owner || '.' || t.table_name || ': ' || t.cols);",
    '  END LOOP;',
    'END;',
    '/',
  );
}

function selectBlock(L: string[], schemas: string[], user: string): void {
  L.push(
    'BEGIN',
    '  FOR t IN (SELECT owner, table_name FROM all_tables',
    `             WHERE owner IN (${ownerList(schemas)}) AND temporary = 'N' AND secondary = 'N'`,
    '             ORDER BY owner, table_name) LOOP',
    `    EXECUTE IMMEDIATE 'GRANT SELECT ON "' || t.owner || '"."' || t.table_name || '" TO ${user.replace(/'/g, "''")}';`,
    '  END LOOP;',
    'END;',
    '/',
  );
}
