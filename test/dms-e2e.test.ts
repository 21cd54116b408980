/**
 * End to end, with the real AWS SDK against the local DMS fake (test/dms-fake.ts) and the
 * PostgreSQL 15 server on 127.0.0.1:5432:
 *   pg prep → pre-data DDL → dms plan → dms apply (a throttled call retried, connection tests)
 *   → apply again (converges, creates nothing) → dms run (pre-load, full load that writes real
 *   rows, post-load, sequences, CDC) → dms status → cutover refused → cutover passes.
 * Every line printed is checked for the test passwords.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { convert } from '../src/index.js';
import { FakeDms } from './dms-fake.js';

const admin = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };
const tag = `${process.pid}_${Date.now() % 100000}`;
const dbName = `orapg_dms_${tag}`;
const owner = `orapg_owner_${tag}`;
const dmsUser = `orapg_dms_${tag}`;
const appUser = `orapg_app_${tag}`;
const SOURCE_PASSWORD = 'Src-Pa55word!oracle';
const DMS_PASSWORD = 'Dms-Pa55word!target';
const URL_PASSWORD = 'Url-Pa55word!owner';
const SECRETS = [SOURCE_PASSWORD, DMS_PASSWORD, URL_PASSWORD, encodeURIComponent(URL_PASSWORD)];

let available = false;
let fake: FakeDms;
let endpoint: string;
let dir: string;
let configPath: string;
const outputs: string[] = [];

async function orapg(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'orapg', ...args], { out: (s) => (out += s), err: (s) => (err += s) });
  outputs.push(out, err);
  return { code, out, err };
}

async function withDb<T>(fn: (c: pg.Client) => Promise<T>, database = dbName): Promise<T> {
  const c = new pg.Client({ ...admin, database });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Rows "DMS" writes during the fake full load, by Oracle table. */
const LOAD: Record<string, string> = {
  'HR.DEPARTMENTS': `INSERT INTO hr_app.departments VALUES (10, 'D10', 'Ten'), (20, 'D20', 'Twenty')`,
  'HR.EMPLOYEES': `INSERT INTO hr_app.employees (employee_id, department_id, email_address, resume, photo, salary)
                   VALUES (1000, 10, 'a@x', repeat('cv ', 1000), '\\x00ff', 10), (1001, 20, 'b@x', NULL, NULL, 20),
                          (1002, 20, 'c@x', 'short', NULL, 30)`,
  'HR.Audit Trail': `INSERT INTO hr_app."Audit Trail" ("EventId", "Payload") VALUES (1, 'a'), (2, 'b'), (7, 'c')`,
  'HR.PAYROLL_ADJUSTMENT_REQUESTS_WITH_A_NAME_FAR_TOO_LONG_FOR_POSTGRES_TABLES': `INSERT INTO hr_app.payroll_adjustment_requests_with_a_name_far_too_long_f_0d674d5d VALUES (1, 5.5, 'n')`,
  'HR.APP_LOG': `INSERT INTO hr_app.app_log VALUES (now(), 'started'), (now(), 'stopped')`,
  'FIN.INVOICES': `INSERT INTO fin.invoices VALUES (500, 1000, NULL, 99.5), (501, 1002, '\\x01', 10)`,
};

beforeAll(async () => {
  try {
    await withDb((c) => c.query(`CREATE DATABASE ${dbName}`), 'test');
    available = true;
  } catch (e) {
    console.warn(
      `PostgreSQL not reachable on 127.0.0.1:5432, DMS end-to-end test skipped: ${(e as Error).message}`,
    );
    return;
  }
  fake = new FakeDms({
    loadTable: async (schema, table) =>
      withDb(async (c) => {
        const sql = LOAD[`${schema}.${table}`];
        return sql ? ((await c.query(sql)).rowCount ?? 0) : 0;
      }),
    onCdc: async (taskArn) =>
      withDb(async (c) => {
        // What DMS writes in its control schema once it applies changes, as the DMS user.
        await c.query(`SET ROLE ${dmsUser}`);
        await c.query(`CREATE TABLE IF NOT EXISTS awsdms_control.awsdms_status (server_name text, task_name text, task_status text,
          status_time timestamp, pending_changes bigint, disk_swap_size bigint, task_memory bigint, source_current_position text,
          source_current_timestamp timestamp, source_tail_position text, source_tail_timestamp timestamp, source_timestamp_applied timestamp)`);
        await c.query(`CREATE TABLE IF NOT EXISTS awsdms_control.awsdms_apply_exceptions (task_name text, table_owner text,
          table_name text, error_time timestamp, statement text, error text)`);
        await c.query(
          `INSERT INTO awsdms_control.awsdms_status VALUES ('ip-10-0-0-1', $1, 'CHANGE PROCESSING', now(), 12, 0, 100,
             'SCN:1', now(), 'SCN:1', now(), now() - interval '3 seconds')`,
          [taskArn.split(':').pop()],
        );
      }),
  });
  fake.transitionTicks = 2;
  endpoint = await fake.start();
  dir = mkdtempSync(join(tmpdir(), 'orapg-dms-'));
  configPath = join(dir, 'dms.json');
  const config = JSON.parse(
    JSON.stringify({
      project: 'hr-migration',
      region: 'eu-west-1',
      inputs: [resolve('fixtures/dms/hr/input.sql')],
      schemaMap: { HR: 'hr_app' },
      lobStats: {
        'HR.EMPLOYEES.RESUME': 180000,
        'HR.EMPLOYEES.PHOTO': 2500000,
        'HR.APP_LOG.MESSAGE': 4000,
        'FIN.INVOICES.SCAN': 1000,
      },
      sequenceOwners: { 'FIN.INV_NUMBERS': 'FIN.INVOICES.INVOICE_ID' },
      replicationInstance: {
        id: 'hr-migration-ri',
        class: 'dms.r5.large',
        allocatedStorage: 100,
        multiAz: false,
        engineVersion: '3.5.3',
        securityGroupIds: ['sg-0123'],
        subnetGroup: { id: 'hr-migration-subnets', subnetIds: ['subnet-a', 'subnet-b'] },
      },
      source: {
        id: 'hr-oracle',
        server: 'oracle.internal',
        database: 'ORCLPDB1',
        username: 'DMS_READER',
        password: { env: 'ORAPG_E2E_SOURCE_PASSWORD' },
      },
      target: {
        id: 'hr-postgres',
        server: '127.0.0.1',
        database: dbName,
        username: dmsUser,
        password: {
          secretsManagerArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:pg',
          accessRoleArn: 'arn:aws:iam::123456789012:role/dms',
        },
      },
      task: { id: 'hr-migration-task', migrationType: 'full-load-and-cdc' },
      cutover: { maxLatencySeconds: 5 },
    }),
  );
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  process.env.ORAPG_E2E_SOURCE_PASSWORD = SOURCE_PASSWORD;
  process.env.ORAPG_E2E_DMS_PASSWORD = DMS_PASSWORD;
  process.env.AWS_ACCESS_KEY_ID = 'AKIAFAKEFORTESTS0000';
  process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret-key-for-the-local-fake';
  delete process.env.AWS_PROFILE;
});

afterAll(async () => {
  if (process.env.ORAPG_E2E_DUMP) writeFileSync(process.env.ORAPG_E2E_DUMP, outputs.join('\n----\n'));
  await fake?.stop();
  if (!available) return;
  await withDb(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    for (const r of [owner, dmsUser, appUser]) {
      const exists = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [r]);
      if (!exists.rowCount) continue;
      await c.query(`DROP OWNED BY ${r} CASCADE`);
      await c.query(`DROP ROLE ${r}`);
    }
  }, 'test');
});

describe('DMS end to end (local DMS fake + PostgreSQL 15)', () => {
  it('prep → apply → run → status → cutover gate', async (ctx) => {
    if (!available) ctx.skip();
    const common = ['-c', configPath, '--endpoint-url', endpoint, '--poll-ms', '5'];
    const ownerUrl = `postgres://${owner}:${encodeURIComponent(URL_PASSWORD)}@127.0.0.1:5432/${dbName}`;

    // 1. Target prep, verified by the command's own privilege queries.
    const prep = await orapg(
      'pg',
      'prep',
      '--url',
      `postgres://postgres@127.0.0.1:5432/${dbName}`,
      '--schema',
      'hr_app',
      '--schema',
      'fin',
      '--owner',
      owner,
      '--dms-user',
      dmsUser,
      '--app-user',
      appUser,
      '--dms-password-env',
      'ORAPG_E2E_DMS_PASSWORD',
    );
    expect(prep.err).toBe('');
    expect(prep.code).toBe(0);
    expect(prep.out).not.toMatch(/\[ \]/);

    // 2. The converted pre-data phase, applied by the owner role.
    const conv = convert([resolve('fixtures/dms/hr/input.sql')], { schemaMap: { HR: 'hr_app' } });
    await withDb(async (c) => {
      await c.query(`SET ROLE ${owner}`);
      await c.query(conv.phases['pre-data']);
    });

    // 3. Plan: everything to create, nothing changed.
    const plan = await orapg('dms', 'plan', ...common);
    expect(plan.code).toBe(0);
    expect(plan.out).toContain('plan: 5 to create, 0 to modify, 0 unchanged, 0 blocked');
    expect(fake.ops().filter((o) => /^(Create|Modify|Start|Stop)/.test(o))).toEqual([]);

    // 4. Apply, with the first CreateEndpoint throttled.
    fake.faults.set('CreateEndpoint', ['ThrottlingException']);
    const before = fake.requests.length;
    const apply = await orapg('dms', 'apply', ...common);
    expect(apply.err).toMatch(/CreateEndpoint: ThrottlingException \(attempt 1\), retrying/);
    expect(apply.code).toBe(0);
    const applyOps = fake
      .ops()
      .slice(before)
      .filter((o) => !o.startsWith('Describe') && o !== 'ListTagsForResource');
    expect(applyOps).toEqual([
      'CreateReplicationSubnetGroup',
      'CreateReplicationInstance',
      'CreateEndpoint', // throttled
      'CreateEndpoint',
      'CreateEndpoint',
      'TestConnection',
      'TestConnection',
      'CreateReplicationTask',
    ]);
    expect(apply.out).toMatch(/replication instance hr-migration-ri: creating[\s\S]*: available/);
    expect(apply.out).toMatch(/endpoint hr-oracle: connection successful/);
    const creates = fake.requests.filter((r) => r.op === 'CreateEndpoint');
    expect((creates[1].body.OracleSettings as Record<string, unknown>).Password).toBe(SOURCE_PASSWORD);
    expect(creates[2].body.PostgreSQLSettings).not.toHaveProperty('Password');
    expect(creates[2].body.PostgreSQLSettings).toMatchObject({
      SecretsManagerSecretId: expect.stringContaining('secret:pg'),
    });
    const task = fake.tasks.get('hr-migration-task')!;
    expect(JSON.parse(task.settings).FullLoadSettings.TargetTablePrepMode).toBe('DO_NOTHING');
    expect(fake.tags.get(task.arn)).toEqual([{ Key: 'orapg:project', Value: 'hr-migration' }]);

    // 5. Apply again: converges without creating or modifying anything.
    const again0 = fake.requests.length;
    const again = await orapg('dms', 'apply', ...common);
    expect(again.code).toBe(0);
    expect(
      fake
        .ops()
        .slice(again0)
        .filter((o) => /^(Create|Modify)/.test(o)),
    ).toEqual([]);
    expect(again.out).toContain('replication task hr-migration-task: up to date (ready)');

    // 6. Run: pre-load, full load with progress, post-load, sequences, CDC.
    const run = await orapg('dms', 'run', ...common, '--pg-url', ownerUrl);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/running \[#+\.*\] \d+% tables \d\/6 loaded/);
    expect(run.out).toMatch(/stopped \[#{24}\] 100% tables 6\/6 loaded/);
    expect(run.out).toContain('HR.EMPLOYEES: Table completed (3 rows)');
    expect(run.out).toMatch(/validate CONSTRAINT INVOICES_EMP_FK: ok/);
    expect(run.out).toContain('replicating changes (CDC)');
    const starts = fake.requests
      .filter((r) => r.op === 'StartReplicationTask')
      .map((r) => r.body.StartReplicationTaskType);
    expect(starts).toEqual(['start-replication', 'resume-processing']);
    await withDb(async (c) => {
      const fks = await c.query(
        `SELECT conname, convalidated FROM pg_constraint WHERE contype = 'f' ORDER BY conname`,
      );
      expect(fks.rows).toEqual([
        { conname: 'employees_department_id_fkey', convalidated: true },
        { conname: 'invoices_emp_fk', convalidated: true },
      ]);
      const next = await c.query(
        `SELECT nextval('hr_app.emp_seq') AS emp, nextval('hr_app.departments_seq') AS dept, nextval('fin.inv_numbers') AS inv,
                nextval(pg_get_serial_sequence('hr_app."Audit Trail"', 'EventId')) AS audit`,
      );
      expect(next.rows[0]).toEqual({ emp: '1003', dept: '21', inv: '502', audit: '8' });
      const idx = await c.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'employees_dept_ix'`);
      expect(idx.rowCount).toBe(1);
    });

    // 7. Status: latency from awsdms_status, table states from DescribeTableStatistics (paged).
    const status = await orapg('dms', 'status', ...common, '--pg-url', ownerUrl);
    expect(status.err).toBe('');
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/task hr-migration-task: running/);
    expect(status.out).toMatch(
      /CDC latency 3\.\d s \(threshold 5 s\), pending changes 12, apply exceptions 0/,
    );
    expect(status.out.match(/: Table completed/g)).toHaveLength(6);

    // 8. Cutover refused: validation failure, and the source is not confirmed frozen.
    fake.tasks.get('hr-migration-task')!.tables[1].failed = 2;
    const refused = await orapg('cutover', ...common, '--pg-url', ownerUrl);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(
      /\[ \] validation without failures: HR\.EMPLOYEES: 2 records failed validation/,
    );
    expect(refused.out).toMatch(/\[ \] source writes stopped/);
    expect(refused.out).toMatch(/\[x\] CDC latency at most 5 s/);
    expect(refused.out).toContain('cutover refused');
    expect(fake.ops()).not.toContain('StopReplicationTask');

    // 9. Cutover passes: counts equal, source frozen, caught up.
    fake.tasks.get('hr-migration-task')!.tables[1].failed = 0;
    await withDb((c) =>
      c.query(`UPDATE awsdms_control.awsdms_status SET pending_changes = 0, status_time = now()`),
    );

    const counts = join(dir, 'counts.json');
    writeFileSync(
      counts,
      JSON.stringify({
        'HR.DEPARTMENTS': 2,
        'HR.EMPLOYEES': 3,
        'HR.Audit Trail': 3,
        'HR.APP_LOG': 2,
        'FIN.INVOICES': 2,
        'HR.PAYROLL_ADJUSTMENT_REQUESTS_WITH_A_NAME_FAR_TOO_LONG_FOR_POSTGRES_TABLES': 1,
      }),
    );
    const cut = await orapg(
      'cutover',
      ...common,
      '--pg-url',
      ownerUrl,
      '--source-frozen',
      '--source-counts',
      counts,
    );
    expect(cut.err).toBe('');
    expect(cut.code).toBe(0);
    expect(cut.out).not.toMatch(/\[ \]/);
    expect(cut.out).toMatch(/\[x\] row counts equal: 6 tables equal/);
    expect(cut.out).toMatch(/task hr-migration-task: stopped/);
    expect(cut.out).toMatch(/application switch \(in this order\):\n {2}1\. /);
    expect(fake.tasks.get('hr-migration-task')!.status).toBe('stopped');
    await withDb(async (c) => {
      const id = await c.query(
        `SELECT attidentity FROM pg_attribute WHERE attrelid = 'hr_app."Audit Trail"'::regclass AND attname = 'EventId'`,
      );
      expect(id.rows[0].attidentity).toBe('a');
    });

    // 10. No secret in any output.
    const all = outputs.join('\n');
    expect(all.length).toBeGreaterThan(1000);
    for (const s of SECRETS) expect(all).not.toContain(s);
  });
});
