import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseStatement } from '../src/parser/statement.js';
import { readCatalog } from '../src/source/oracle/catalog.js';
import { runPreflight } from '../src/source/oracle/preflight.js';
import { dmsPrivileges, generatePrepSql } from '../src/source/oracle/prep.js';
import type { Snapshot } from '../src/source/oracle/snapshot.js';
import { splitScript } from '../src/source/script.js';
import { FakeOracleConnection, loadRows, oraError, type Row } from './oracle-fake.js';

const GOLDEN = join(import.meta.dirname, '..', 'fixtures', 'catalog', 'prep');
const update = !!process.env.ORAPG_UPDATE_GOLDEN;

function golden(name: string, text: string): void {
  const path = join(GOLDEN, name);
  if (update) writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

let snapshot: Snapshot;
beforeAll(async () => {
  snapshot = await readCatalog(new FakeOracleConnection(loadRows('hr_app/rows.json')), {
    schemas: ['HR_APP'],
    capturedAt: '2024-03-02T10:00:00.000Z',
  });
});

describe('orapg oracle prep', () => {
  it('self-managed, LogMiner, schemas prepared by a PL/SQL block (golden)', () => {
    golden(
      'self-managed-logminer.sql',
      generatePrepSql({ dmsUser: 'dms_user', schemas: ['hr_app'], catalogUser: 'orapg_reader' }),
    );
  });

  it('Amazon RDS, LogMiner, one statement per table from a snapshot (golden)', () => {
    golden(
      'rds-logminer.sql',
      generatePrepSql({ dmsUser: 'dms_user', kind: 'rds', snapshot, retentionHours: 48 }),
    );
  });

  it('self-managed, Binary Reader (golden)', () => {
    golden(
      'self-managed-binary-reader.sql',
      generatePrepSql({ dmsUser: '"DmsUser"', cdc: 'binary-reader', schemas: ['HR_APP'] }),
    );
  });

  it('grants exactly the privileges the AWS DMS guide lists, and never holds a password', () => {
    const sql = generatePrepSql({ dmsUser: 'dms_user', schemas: ['HR_APP'] });
    for (const p of dmsPrivileges('self-managed', 'logminer'))
      expect(sql).toContain(
        p.on
          ? `GRANT ${p.privilege} ON ${p.on.startsWith('V_$') || p.on.startsWith('ALL_') ? '' : 'SYS.'}${p.on} TO DMS_USER;`
          : `GRANT ${p.privilege} TO DMS_USER;`,
      );
    expect(sql).toContain('GRANT LOGMINING TO DMS_USER;');
    expect(sql).toContain('GRANT EXECUTE ON SYS.DBMS_LOGMNR TO DMS_USER;');
    expect(sql).toMatch(
      /ACCEPT dms_password CHAR PROMPT .* HIDE\nCREATE USER DMS_USER IDENTIFIED BY "&dms_password";/,
    );
    const rds = generatePrepSql({ dmsUser: 'dms_user', kind: 'rds', schemas: ['HR_APP'] });
    expect(rds).toContain(
      "exec rdsadmin.rdsadmin_util.grant_sys_object('V_$LOGMNR_CONTENTS', 'DMS_USER', 'SELECT');",
    );
    expect(rds).toContain("exec rdsadmin.rdsadmin_util.alter_supplemental_logging('ADD', 'PRIMARY KEY');");
    expect(rds).toContain("exec rdsadmin.rdsadmin_util.set_configuration('archivelog retention hours', 24);");
    expect(rds).not.toContain('ALTER DATABASE');
  });

  it('writes a script the SQL*Plus splitter and the Oracle grammar read without syntax errors', () => {
    for (const sql of [
      generatePrepSql({ dmsUser: 'dms_user', snapshot }),
      generatePrepSql({ dmsUser: 'dms_user', kind: 'rds', schemas: ['HR_APP'], cdc: 'binary-reader' }),
    ]) {
      const split = splitScript(sql, 'prep.sql', { followIncludes: false });
      expect(split.findings.filter((f) => f.severity === 'error')).toEqual([]);
      const statements = split.items.filter((i) => i.kind === 'statement');
      expect(statements.length).toBeGreaterThan(8);
      expect(split.items.some((i) => i.kind === 'sqlplus' && /^ACCEPT dms_password/.test(i.text))).toBe(true);
      // The grammar has no rule for ALTER TABLE … ADD SUPPLEMENTAL LOG (it never needs to convert one).
      for (const s of statements.filter((x) => !/ADD SUPPLEMENTAL LOG/.test(x.text))) {
        const r = parseStatement(s.text, s.location);
        expect(r.findings.filter((f) => f.id === 'OPG-PARSE-0001')).toEqual([]);
      }
    }
  });
});

describe('orapg oracle check (recorded rows)', () => {
  const rows = (name: string): Record<string, Row[]> => ({
    ...loadRows('hr_app/rows.json'),
    ...loadRows(`preflight/${name}.json`),
  });

  it('says a prepared database is ready, with warnings for what DMS will not copy', async () => {
    const conn = new FakeOracleConnection(rows('ready'));
    const report = await runPreflight(conn, { schemas: ['HR_APP'], dmsUser: 'dms_user' });
    expect(report.checks.filter((c) => c.status !== 'ok')).toEqual([
      { name: 'column types DMS replicates', status: 'missing', detail: '1 column(s) not replicated as is' },
    ]);
    expect(report.ready).toBe(true);
    expect(report.findings.filter((f) => f.severity !== 'info').map((f) => f.message)).toEqual([
      'HR_APP.LEGACY_EMPLOYEE_NOTES.NOTE_TEXT is LONG: DMS truncates values to 64 KB and needs LOB support enabled',
    ]);
    expect(
      report.findings.find((f) => f.id === 'OPG-ORA-0012' && f.object === 'TABLE HR_APP.EMPLOYEE_DOCUMENTS')
        ?.message,
    ).toBe('HR_APP.EMPLOYEE_DOCUMENTS.CONTENT is a BLOB column with 700 MB of LOB segments');
    const userQuery = conn.executed.find((e) => e.tag === 'preflightUser')!;
    expect(userQuery.binds).toEqual({ grantee: 'DMS_USER' });
  });

  it('lists what a fresh database lacks', async () => {
    const report = await runPreflight(new FakeOracleConnection(rows('not-ready')), {
      schemas: ['HR_APP'],
      dmsUser: 'DMS_USER',
    });
    expect(report.ready).toBe(false);
    const byId = (id: string) => report.findings.filter((f) => f.id === id);
    expect(byId('OPG-ORA-0005').map((f) => f.message)).toEqual([
      'The database runs in NOARCHIVELOG mode; DMS change data capture reads archived redo logs',
    ]);
    expect(byId('OPG-ORA-0006').map((f) => f.message)).toEqual(['SUPPLEMENTAL_LOG_DATA_MIN is NO']);
    // EMPLOYEES has table-level primary key logging; the 22 other tables have none.
    expect(byId('OPG-ORA-0007')).toHaveLength(22);
    expect(byId('OPG-ORA-0007').some((f) => f.object === 'TABLE HR_APP.EMPLOYEES')).toBe(false);
    // SELECT_CATALOG_ROLE covers the dictionary views, not LogMiner, transactions or the tables.
    const missing = byId('OPG-ORA-0010').map((f) => f.message.replace('DMS_USER lacks ', ''));
    expect(missing.slice(0, 4)).toEqual([
      'SELECT ANY TRANSACTION',
      'EXECUTE ON DBMS_LOGMNR',
      'LOGMINING',
      'SELECT ON HR_APP.APP_LOG',
    ]);
    expect(missing).toHaveLength(3 + 23);
    expect(report.checks.map((c) => `${c.name}: ${c.status}`)).toEqual([
      'ARCHIVELOG mode: missing',
      'supplemental logging (minimal): missing',
      'tables with a primary key: ok',
      'supplemental logging (keys): missing',
      'column types DMS replicates: missing',
      'grants of DMS_USER: missing',
    ]);
  });

  it('checks archived log retention on RDS', async () => {
    const report = await runPreflight(new FakeOracleConnection(rows('rds-retention')), {
      kind: 'rds',
      snapshot,
    });
    expect(report.findings.filter((f) => f.id === 'OPG-ORA-0011').map((f) => f.message)).toEqual([
      'Archived redo logs are kept 0 hours',
    ]);
    expect(report.checks.find((c) => c.name === 'archived log retention (RDS)')).toMatchObject({
      status: 'missing',
    });
  });

  it('reports what it could not read instead of guessing', async () => {
    const conn = new FakeOracleConnection(rows('ready'), {
      failOn: {
        V$DATABASE: oraError(942, 'table or view does not exist'),
        DBA_SYS_PRIVS: oraError(942, 'table or view does not exist'),
      },
    });
    const report = await runPreflight(conn, { snapshot, dmsUser: 'DMS_USER' });
    expect(report.ready).toBe(false);
    expect(report.checks.filter((c) => c.status === 'unknown').map((c) => c.detail)).toEqual([
      'V$DATABASE not readable (ORA-00942): grant SELECT ON V_$DATABASE',
      'V$DATABASE not readable (ORA-00942): grant SELECT ON V_$DATABASE',
      'not readable (ORA-00942): needs SELECT_CATALOG_ROLE',
    ]);
  });

  it('finds tables without a key and the columns DMS cannot copy', async () => {
    const s = structuredClone(snapshot);
    const t = s.schemas[0].tables.find((x) => x.name === 'AUDIT_LOG')!;
    t.constraints = t.constraints.filter((c) => c.type !== 'P');
    t.columns.push({
      name: 'ATTACHMENT',
      id: 99,
      dataType: 'BFILE',
      length: 530,
      precision: null,
      scale: null,
      nullable: true,
    });
    const report = await runPreflight(new FakeOracleConnection(rows('ready')), { snapshot: s });
    expect(report.findings.filter((f) => f.id === 'OPG-ORA-0008').map((f) => f.message)).toEqual([
      'Table HR_APP.AUDIT_LOG has no primary key and no unique key; its LOB columns (OLD_VALUES, NEW_VALUES) are skipped during CDC',
    ]);
    expect(report.findings.filter((f) => f.id === 'OPG-ORA-0009').map((f) => f.message)).toContain(
      'HR_APP.AUDIT_LOG.ATTACHMENT is BFILE: DMS replicates it as NULL',
    );
  });
});
