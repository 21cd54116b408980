/** orapg verify on embedded PGlite: the example schema, a broken object, routines, structure comparison, CLI. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { type ConvertResult, convert, type VerifyResult, verify, writeResult } from '../src/index.js';
import { Masker, maskUrl } from '../src/verify/mask.js';
import { LINES, writeFixtureDir } from './verify-fixture.js';

let db: PGlite;
let hr: ConvertResult;

beforeAll(async () => {
  db = new PGlite();
  await db.waitReady;
  hr = convert(['examples/hr']);
});

afterAll(async () => {
  await db.close();
});

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['node', 'orapg', ...args], { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const byObject = (r: VerifyResult, label: string) => {
  const o = r.objects.find((x) => x.object === label);
  if (!o) throw new Error(`no object ${label}`);
  return o;
};

const BROKEN = `CREATE TABLE dept (
  id NUMBER(4) PRIMARY KEY,
  name VARCHAR2(30) NOT NULL
);

CREATE VIEW v_broken AS
  SELECT d.id, x.total
    FROM dept d
    JOIN no_such_table x ON x.dept_id = d.id;

CREATE VIEW v_on_broken AS SELECT id FROM v_broken;

CREATE VIEW v_ok AS SELECT id, name FROM dept;

CREATE TABLE emp (
  id NUMBER(6) PRIMARY KEY,
  dept_id NUMBER(4) REFERENCES dept (id),
  salary NUMBER(8,2) DEFAULT 0
);
CREATE INDEX emp_dept_ix ON emp (dept_id);
`;

describe('verify on PGlite', () => {
  it('applies every converted object of the example schema and finds the structure of the model', async () => {
    const r = await verify(hr, { pglite: db });
    expect(r.target).toMatchObject({ engine: 'pglite', mode: 'embedded', cleanedUp: true });
    expect(r.summary.failed).toBe(0);
    const withSql = hr.objects.filter(
      (o) => o.nodes.length && !o.nodes.every((n) => n.kind === 'comment-block'),
    ).length;
    expect(r.summary.applied).toBe(withSql);
    expect(r.summary.applied).toBeGreaterThan(200);
    for (const o of r.objects.filter((x) => x.status === 'skipped'))
      expect(['not-converted', 'empty']).toContain(o.skipReason);
    // Every applied object maps to its block in the emitted file and its Oracle statement.
    for (const o of r.objects.filter((x) => x.status === 'applied')) {
      const text = hr.phases[o.phase].split('\n');
      expect(text[o.emitted.line - 1]).toBe(
        `-- ${o.object}${o.source ? ` (${o.source.file}:${o.source.line})` : ''}`,
      );
    }
    expect(r.structure.performed).toBe(true);
    expect(r.summary).toMatchObject({ missing: 0, different: 0, extra: 0 });
    const tables = hr.objects.flatMap((o) => o.nodes.filter((n) => n.kind === 'table')).length;
    expect(r.structure.counts.table).toMatchObject({ expected: tables, found: tables });
    expect(r.structure.counts.column?.found).toBe(r.structure.counts.column?.expected);
    expect(r.deepCheck.available).toBe(false);
    expect(r.deepCheck.reason).toMatch(/PGlite/);
    // Nothing survives: the instance holds none of the example's tables.
    const left = await db.query(`select count(*)::int as n from pg_class where relname = 'employees'`);
    expect(left.rows[0]).toEqual({ n: 0 });
  });

  it('reports a broken object with its SQLSTATE and lines while the objects after it still apply', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orapg-verify-'));
    const file = join(dir, 'broken.sql');
    writeFileSync(file, BROKEN);
    const r = await verify([file], { pglite: db });
    const broken = byObject(r, 'VIEW V_BROKEN');
    expect(broken.status).toBe('failed');
    expect(broken.error?.sqlstate).toBe('42P01');
    expect(broken.error?.message).toContain('no_such_table');
    // Emitted position: the line and column of the reference in 02-code.sql as written by convert.
    const out = join(dir, 'out');
    writeResult(convert([file]), out);
    const e = broken.error!.emitted!;
    expect(e.file).toBe('02-code.sql');
    const line = readFileSync(join(out, e.file), 'utf8').split('\n')[e.line - 1];
    expect(line.slice(e.column - 1)).toMatch(/^no_such_table\b/);
    // Oracle position: the line of the Oracle statement that names the missing table.
    expect(broken.error?.source).toMatchObject({ line: 9, column: 10 });
    expect(broken.error?.source?.file.endsWith('broken.sql')).toBe(true);
    expect(broken.error?.sourcePrecision).toBe('token');
    expect(broken.source?.line).toBe(6);
    // The failure is isolated: later objects apply; a dependent view names its cause.
    const dependent = byObject(r, 'VIEW V_ON_BROKEN');
    expect(dependent.status).toBe('failed');
    expect(dependent.blockedBy).toEqual(['VIEW V_BROKEN']);
    for (const label of ['TABLE DEPT', 'VIEW V_OK', 'TABLE EMP', 'INDEX EMP_DEPT_IX'])
      expect(byObject(r, label).status, label).toBe('applied');
    expect(r.objects.filter((o) => o.objectType === 'FOREIGN KEY').map((o) => o.status)).toEqual(['applied']);
    const f = r.findings.find((x) => x.id === 'OPG-VERIFY-0001' && x.object === 'VIEW V_BROKEN');
    expect(f?.location?.line).toBe(9);
    expect(f?.message).toContain(`02-code.sql:${e.line}:${e.column}`);
    expect(r.summary.ok).toBe(false);
  });

  it('orders by dependencies, creates calling routines in a cycle, and validates bodies afterwards', async () => {
    const r = await verify(writeFixtureDir(), { pglite: db });
    expect(r.input.kind).toBe('converted-dir');
    // The view calls a function written after it: applied after the function, flagged.
    const view = byObject(r, 'VIEW V_NET');
    const fn = byObject(r, 'FUNCTION NET_SALARY');
    expect(view.status).toBe('applied');
    expect(view.applyOrder).toBeGreaterThan(fn.applyOrder!);
    expect(view.outOfOrder).toBe(true);
    const order = r.findings.find((f) => f.id === 'OPG-VERIFY-0009');
    expect(order?.message).toContain(`02-code.sql:${LINES.netSalary}`);
    // is_even and is_odd call each other: both created, both validate.
    for (const label of ['FUNCTION IS_EVEN', 'FUNCTION IS_ODD']) {
      const o = byObject(r, label);
      expect(o.status).toBe('applied');
      expect(o.routines?.[0].validated).toBe('ok');
    }
    // A SQL body reading a missing table: created, then fails validation at the line of the reference.
    const bad = byObject(r, 'FUNCTION DEPT_TOTAL');
    expect(bad).toMatchObject({ status: 'failed', stage: 'validate' });
    expect(bad.error).toMatchObject({
      sqlstate: '42P01',
      emitted: { file: '02-code.sql', line: LINES.deptTotalFrom, column: 27 },
    });
    expect(bad.error?.source).toMatchObject({ file: 'hr/code.sql', line: 40 });
    expect(r.findings.some((f) => f.id === 'OPG-VERIFY-0002' && f.object === 'FUNCTION DEPT_TOTAL')).toBe(
      true,
    );
    // PL/pgSQL with a missing column is accepted by CREATE; PGlite cannot deep-check it.
    const bonus = byObject(r, 'FUNCTION GET_BONUS');
    expect(bonus.status).toBe('applied');
    expect(bonus.routines?.[0]).toMatchObject({ language: 'plpgsql', validated: 'ok', deepCheck: 'skipped' });
    expect(r.findings.find((f) => f.id === 'OPG-VERIFY-0005')?.message).toMatch(/^3 PL\/pgSQL routines/);
    expect(byObject(r, 'INDEX EMP_DEPT_IX').status).toBe('applied');
    expect(r.structure.performed).toBe(false);
    expect(r.structure.skippedReason).toMatch(/--source/);
  });

  it('catches a column dropped and a type changed in the emitted scripts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orapg-verify-'));
    writeResult(hr, dir);
    const pre = join(dir, '01-pre-data.sql');
    const text = readFileSync(pre, 'utf8');
    const edited = text
      .replace('  national_id_hash bytea,\n', '')
      .replace('  termination_date timestamp(0),\n', '  termination_date date,\n');
    expect(edited).not.toBe(text);
    writeFileSync(pre, edited);
    const r = await verify(dir, { pglite: db, source: ['examples/hr'] });
    expect(r.summary.failed).toBe(1); // COMMENT ON COLUMN employees.national_id_hash
    const diffs = r.structure.diffs.filter((d) => d.reason !== 'not-converted');
    expect(diffs).toHaveLength(2);
    expect(diffs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'column',
          name: 'public.employees.termination_date',
          status: 'different',
          attribute: 'type',
          expected: 'timestamp(0) without time zone',
          actual: 'date',
        }),
        expect.objectContaining({
          kind: 'column',
          name: 'public.employees.national_id_hash',
          status: 'missing',
          object: 'TABLE EMPLOYEES',
        }),
      ]),
    );
    expect(r.summary.missing).toBe(1);
    expect(r.summary.different).toBe(1);
    const missing = r.findings.find((f) => f.id === 'OPG-VERIFY-0006');
    expect(missing?.message).toContain('public.employees.national_id_hash');
    expect(missing?.location?.file).toBe('examples/hr/01_tables.sql');
    expect(r.findings.find((f) => f.id === 'OPG-VERIFY-0007')?.message).toContain('date on the target');
  });
});

describe('orapg verify (CLI)', () => {
  it('verifies a converted directory, writes verify.json and exits with 1 for --fail-on error', async () => {
    const dir = writeFixtureDir();
    const r = await cli(['verify', dir, '--fail-on', 'error']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/10 objects on PGlite [\d.]+ \(embedded\): 9 applied, 1 failed/);
    expect(r.out).toContain('deep check skipped');
    expect(r.err).toMatch(/02-code\.sql:21:27: error FUNCTION DEPT_TOTAL: 42P01 /);
    const written = JSON.parse(readFileSync(join(dir, 'verify.json'), 'utf8')) as VerifyResult;
    expect(written.version).toBe(1);
    expect(written.summary).toMatchObject({ applied: 9, failed: 1 });
  });

  it('never prints the password of --pg-url', async () => {
    const secret = 'Sup3r-Secret_pw';
    const bad = await cli([
      'verify',
      writeFixtureDir(),
      '--pg-url',
      `mysql://admin:${secret}@db.example:3306/x`,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('admin:***@db.example');
    expect(bad.out + bad.err).not.toContain(secret);
    const refused = await cli([
      'verify',
      writeFixtureDir(),
      '--pg-url',
      `postgres://admin:${secret}@127.0.0.1:1/x`,
    ]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/cannot connect to PostgreSQL/);
    expect(refused.out + refused.err).not.toContain(secret);
  });
});

describe('password masking', () => {
  it('masks URL passwords, encoded forms and password= parameters in any text', () => {
    const m = new Masker('postgresql://app:p%40ss%3Aw0rd@h:5432/db?sslmode=require');
    expect(m.text('failed for postgresql://app:p%40ss%3Aw0rd@h:5432/db')).toBe(
      'failed for postgresql://app:***@h:5432/db',
    );
    expect(m.text('raw p@ss:w0rd leaked')).toBe('raw *** leaked');
    expect(m.text('host=h password=p@ss:w0rd user=app')).not.toContain('w0rd');
    expect(m.deep({ a: ['x p%40ss%3Aw0rd y'], b: 1 })).toEqual({ a: ['x *** y'], b: 1 });
    expect(maskUrl('postgres://u:secret@h/db?password=other')).toBe('postgres://u:***@h/db?password=***');
    expect(maskUrl('postgres://u@h/db')).toBe('postgres://u@h/db');
  });
});
