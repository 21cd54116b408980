import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { oracleDriver } from '../src/cli/oracle.js';
import { convert } from '../src/index.js';
import { loadDriver } from '../src/source/oracle/connection.js';
import { parseSnapshot } from '../src/source/oracle/snapshot.js';
import { FakeOracleConnection, fakeDriver, loadRows, oraError } from './oracle-fake.js';

const SECRET = 'Zx9-catalog-Secret';
let dir: string;
let calls: Record<string, unknown>[] = [];
let fail: Error | undefined;
let rows = loadRows('hr_app/rows.json');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'orapg-oracle-'));
  oracleDriver.load = async () => {
    const d = fakeDriver(() => fail ?? new FakeOracleConnection(rows));
    calls = d.calls;
    return d;
  };
});
afterAll(() => {
  oracleDriver.load = loadDriver;
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  fail = undefined;
  calls = [];
  rows = loadRows('hr_app/rows.json');
  delete process.env.ORAPG_ORACLE_PASSWORD;
});

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(['node', 'orapg', ...argv], { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('orapg snapshot', () => {
  it('writes a snapshot that convert reads like a script, and the password shows nowhere', async () => {
    process.env.ORAPG_ORACLE_PASSWORD = SECRET;
    const file = join(dir, 'hr.snapshot.json');
    const r = await run([
      'snapshot',
      '--oracle',
      'migrator@db1:1521/ORCLPDB1',
      '--schemas',
      'hr_app',
      '-o',
      file,
      '--profile-numbers',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /HR_APP: 24 tables, 10 views, 14 sequences, 65 indexes, 25 PL\/SQL units → .*hr\.snapshot\.json \(29 queries, \d+ round trips\)/,
    );
    expect(r.err).toBe('orapg: connecting to migrator@db1:1521/ORCLPDB1\n');
    expect(calls[0]).toMatchObject({ user: 'migrator', password: SECRET, connectTimeout: 20 });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(r.out + r.err).not.toContain(SECRET);
    const snapshot = parseSnapshot(JSON.parse(text));
    expect(
      snapshot.schemas[0].tables.find((t) => t.name === 'LEGACY_EMPLOYEE_NOTES')?.columns[0].stats?.maxScale,
    ).toBe(0);

    const outDir = join(dir, 'out');
    const c = await run(['convert', file, '-o', outDir, '--json']);
    expect(c.code).toBe(0);
    const summary = JSON.parse(c.out);
    expect(summary.inputs).toEqual([expect.stringMatching(/hr\.snapshot\.json$/)]);
    const pre = readFileSync(join(outDir, '01-pre-data.sql'), 'utf8');
    expect(pre).toContain('CREATE TABLE hr_app.legacy_employee_notes (');
    const findings = JSON.parse(readFileSync(join(outDir, 'findings.json'), 'utf8')) as {
      id: string;
      message: string;
    }[];
    expect(findings.filter((f) => f.id === 'OPG-ORA-0004').map((f) => f.message)).toEqual([
      'HR_APP.LEGACY_EMPLOYEE_NOTES.NOTE_ID is NUMBER without precision but holds integers from 1 to 48213: integer fits',
      'HR_APP.LEGACY_EMPLOYEE_NOTES.EMPLOYEE_ID is NUMBER without precision but holds integers from 100 to 88412: integer fits',
    ]);
    // Without --narrow-numbers nothing changes: still numeric.
    expect(pre).toMatch(/note_id numeric NOT NULL/);
    // The same snapshot with the scripts of another schema in one run.
    expect(convert([file]).objects.length).toBeGreaterThan(200);
  });

  it('explains a wrong password without repeating it, and exits 2', async () => {
    process.env.ORAPG_ORACLE_PASSWORD = SECRET;
    fail = oraError(1017, 'invalid credential or not authorized; logon denied');
    const r = await run([
      'snapshot',
      '--oracle',
      'migrator@db1:1521/ORCLPDB1',
      '--schemas',
      'HR_APP',
      '-o',
      join(dir, 'x.snapshot.json'),
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'ORA-01017: Oracle refused user migrator: wrong user name or password. Check ORAPG_ORACLE_PASSWORD.',
    );
    expect(r.err).not.toContain(SECRET);
  });

  it('refuses user/password@… on the command line', async () => {
    const r = await run([
      'snapshot',
      '--oracle',
      `migrator/${SECRET}@db1:1521/ORCL`,
      '--schemas',
      'HR_APP',
      '-o',
      join(dir, 'y.snapshot.json'),
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('must not contain a password');
    expect(r.err).not.toContain(SECRET);
    expect(calls).toHaveLength(0);
  });

  it('warns about catalog views it could not read', async () => {
    process.env.ORAPG_ORACLE_PASSWORD = SECRET;
    const real = oracleDriver.load;
    oracleDriver.load = async () =>
      fakeDriver(
        () =>
          new FakeOracleConnection(rows, {
            failOn: { DBA_SEGMENTS: oraError(942, 'table or view does not exist') },
          }),
      );
    try {
      const r = await run([
        'snapshot',
        '--oracle',
        'migrator@db1/ORCLPDB1',
        '--schemas',
        'HR_APP',
        '-o',
        join(dir, 'z.snapshot.json'),
      ]);
      expect(r.code).toBe(0);
      expect(r.err).toContain('orapg: warning: DBA_SEGMENTS not readable (ORA-00942)');
      expect(r.err).toContain('Fix: GRANT SELECT_CATALOG_ROLE TO <user>');
    } finally {
      oracleDriver.load = real;
    }
  });
});

describe('orapg oracle prep / check', () => {
  it('prints the preparation script on stdout', async () => {
    const r = await run(['oracle', 'prep', '--dms-user', 'dms_user', '--schemas', 'HR_APP', '--rds']);
    expect(r.code).toBe(0);
    expect(r.out).toContain("exec rdsadmin.rdsadmin_util.alter_supplemental_logging('ADD');");
    expect(r.out).toContain('CREATE USER DMS_USER IDENTIFIED BY "&dms_password";');
  });

  it('exits 1 on a database that is not ready and 0 on one that is', async () => {
    process.env.ORAPG_ORACLE_PASSWORD = SECRET;
    rows = { ...loadRows('hr_app/rows.json'), ...loadRows('preflight/not-ready.json') };
    const bad = await run([
      'oracle',
      'check',
      '--oracle',
      'migrator@db1:1521/ORCLPDB1',
      '--dms-user',
      'dms_user',
      '--schemas',
      'HR_APP',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('MISSING  ARCHIVELOG mode: LOG_MODE = NOARCHIVELOG');
    expect(bad.err).toContain('error OPG-ORA-0005 The database runs in NOARCHIVELOG mode');
    rows = { ...loadRows('hr_app/rows.json'), ...loadRows('preflight/ready.json') };
    const good = await run([
      'oracle',
      'check',
      '--oracle',
      'migrator@db1:1521/ORCLPDB1',
      '--dms-user',
      'dms_user',
      '--schemas',
      'HR_APP',
      '--json',
    ]);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.out).ready).toBe(true);
  });
});
