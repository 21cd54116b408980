/**
 * orapg verify on the PostgreSQL 15 server at 127.0.0.1:5432 (scratch database, scratch schema,
 * in place, plpgsql_check, password masking). Skipped when no server answers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { convert, type VerifyResult, verify } from '../src/index.js';
import { LINES, writeFixtureDir } from './verify-fixture.js';

const admin = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };
const URL = 'postgres://postgres@127.0.0.1:5432/test';
const inPlaceDb = `orapg_verify_inplace_${process.pid}`;
let available = false;

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = [], database = 'test') {
  const c = new pg.Client({ ...admin, database });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  try {
    await sql('select 1');
    available = true;
  } catch (e) {
    console.warn(
      `PostgreSQL server not reachable on 127.0.0.1:5432, verify server tests skipped: ${(e as Error).message}`,
    );
  }
});

afterAll(async () => {
  if (available) await sql(`DROP DATABASE IF EXISTS ${inPlaceDb} WITH (FORCE)`);
});

const byObject = (r: VerifyResult, label: string) => r.objects.find((x) => x.object === label)!;

async function scratchDatabases(): Promise<string[]> {
  return (
    await sql<{ datname: string }>(`select datname from pg_database where datname like 'orapg_verify%'`)
  ).map((r) => r.datname);
}

describe('verify on PostgreSQL 15', () => {
  it('applies every converted object of the example in a scratch database, then drops it', async (ctx) => {
    if (!available) ctx.skip();
    const hr = convert(['examples/hr']);
    const r = await verify(hr, { pgUrl: URL });
    expect(r.target).toMatchObject({ engine: 'postgres', mode: 'scratch-database', cleanedUp: true });
    expect(r.target.serverVersionNum).toBeGreaterThanOrEqual(150000);
    expect(r.summary.failed).toBe(0);
    const withSql = hr.objects.filter(
      (o) => o.nodes.length && !o.nodes.every((n) => n.kind === 'comment-block'),
    );
    expect(r.summary.applied).toBe(withSql.length);
    expect(r.summary).toMatchObject({ missing: 0, different: 0, extra: 0 });
    expect(r.deepCheck.available).toBe(true);
    expect(r.deepCheck.checked).toBe(
      r.objects
        .flatMap((o) => o.routines ?? [])
        .filter((x) => x.language === 'plpgsql' && x.deepCheck !== 'skipped').length,
    );
    expect(await scratchDatabases()).not.toContain(r.target.scratchName);
  });

  it('runs plpgsql_check on every PL/pgSQL routine and maps its findings to emitted lines', async (ctx) => {
    if (!available) ctx.skip();
    const r = await verify(writeFixtureDir(), { pgUrl: URL });
    expect(r.deepCheck).toMatchObject({ available: true, errors: 2 });
    const bonus = byObject(r, 'FUNCTION GET_BONUS');
    expect(bonus.status).toBe('applied'); // CREATE accepts it; plpgsql_check does not
    const issue = bonus.routines?.[0].issues.find((i) => i.level === 'error');
    expect(issue).toMatchObject({
      sqlstate: '42703',
      bodyLine: 5,
      emitted: { file: '02-code.sql', line: LINES.getBonusSelect, column: 3 },
      source: { file: 'hr/code.sql', line: 50 },
    });
    expect(issue?.message).toContain('bonus');
    const trigger = byObject(r, 'TRIGGER EMP_BIU').routines?.[0];
    expect(trigger).toMatchObject({ kind: 'trigger function', deepCheck: 'issues' });
    expect(trigger?.issues[0]).toMatchObject({
      sqlstate: '42703',
      emitted: { file: '03-post-data.sql', line: LINES.empBiuAssign },
    });
    expect(byObject(r, 'PROCEDURE RAISE_ALL').routines?.[0]).toMatchObject({
      kind: 'procedure',
      deepCheck: 'ok',
      issues: [],
    });
    expect(byObject(r, 'FUNCTION NET_SALARY').routines?.[0].deepCheckReason).toMatch(/PL\/pgSQL only/);
    expect(
      r.findings
        .filter((f) => f.id === 'OPG-VERIFY-0003')
        .map((f) => f.object)
        .sort(),
    ).toEqual(['FUNCTION GET_BONUS', 'TRIGGER EMP_BIU']);
    expect(await scratchDatabases()).not.toContain(r.target.scratchName);
  });

  it('uses a scratch schema when asked and leaves nothing behind', async (ctx) => {
    if (!available) ctx.skip();
    const r = await verify(writeFixtureDir(), { pgUrl: URL, scratch: 'schema' });
    expect(r.target.mode).toBe('scratch-schema');
    expect(r.summary).toMatchObject({ applied: 9, failed: 1 });
    const left = await sql(`select 1 from pg_namespace where nspname = $1`, [r.target.scratchName]);
    expect(left).toEqual([]);
  });

  it('applies in place and keeps the objects, removing only the extension it created', async (ctx) => {
    if (!available) ctx.skip();
    await sql(`DROP DATABASE IF EXISTS ${inPlaceDb} WITH (FORCE)`);
    await sql(`CREATE DATABASE ${inPlaceDb}`);
    const r = await verify(writeFixtureDir(), {
      pgUrl: `postgres://postgres@127.0.0.1:5432/${inPlaceDb}`,
      inPlace: true,
    });
    expect(r.target).toMatchObject({ mode: 'in-place', cleanedUp: false });
    expect(r.deepCheck.available).toBe(true);
    const tables = await sql(
      `select relname from pg_class where relname in ('emp', 'v_net') order by 1`,
      [],
      inPlaceDb,
    );
    expect(tables).toEqual([{ relname: 'emp' }, { relname: 'v_net' }]);
    expect(await sql(`select 1 from pg_extension where extname = 'plpgsql_check'`, [], inPlaceDb)).toEqual(
      [],
    );
  });

  it('never shows the password of the URL (result, JSON output, messages)', async (ctx) => {
    if (!available) ctx.skip();
    const secret = 'Very$ecret-Pass_42';
    const url = `postgres://postgres:${encodeURIComponent(secret)}@127.0.0.1:5432/test`; // trust auth ignores it
    let out = '';
    let err = '';
    const dir = writeFixtureDir();
    const code = await main(['node', 'orapg', 'verify', dir, '--pg-url', url, '--json'], {
      out: (s) => (out += s),
      err: (s) => (err += s),
    });
    expect(code).toBe(0);
    const r = JSON.parse(out) as VerifyResult;
    expect(r.target.url).toBe('postgres://postgres:***@127.0.0.1:5432/test');
    const file = readFileSync(join(dir, 'verify.json'), 'utf8');
    for (const text of [out, err, file]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(encodeURIComponent(secret));
    }
    // A failing connection: the error names the URL only masked.
    const bad = `postgres://postgres:${encodeURIComponent(secret)}@127.0.0.1:5432/no_such_db_${process.pid}`;
    await expect(verify(dir, { pgUrl: bad })).rejects.toThrow(/cannot connect to PostgreSQL/);
    const e = await verify(dir, { pgUrl: bad }).catch((x: Error) => x);
    expect(String((e as Error).message)).not.toContain(secret);
  });
});
