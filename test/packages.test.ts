/**
 * Package state on PostgreSQL 15: per session, initialized once per session by the package's
 * initialization block, separate between two sessions (two connections), constants inlined,
 * package exceptions raised with their SQLSTATE. Skipped with a message when no server answers.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert, PHASES } from '../src/index.js';

const admin = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };
const db = `orapg_pkg_${process.pid}`;
let ready = false;

beforeAll(async () => {
  const c = new pg.Client(admin);
  try {
    await c.connect();
    await c.query(`CREATE DATABASE ${db}`);
  } catch (e) {
    console.warn(`PostgreSQL server not reachable on 127.0.0.1:5432, package tests skipped: ${(e as Error).message}`);
    return;
  } finally {
    await c.end().catch(() => {});
  }
  const r = convert(['fixtures/plsql-packages/counter.sql']);
  const s = new pg.Client({ ...admin, database: db });
  await s.connect();
  for (const phase of PHASES) await s.query(r.phases[phase]);
  await s.end();
  ready = true;
}, 60_000);

afterAll(async () => {
  const c = new pg.Client(admin);
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await c.end();
});

async function session() {
  const c = new pg.Client({ ...admin, database: db });
  await c.connect();
  return c;
}
const one = async (c: pg.Client, sql: string) => Object.values((await c.query(sql)).rows[0])[0];

describe('package state (PostgreSQL 15)', () => {
  it('keeps variables per session, runs the initialization block once per session', async (ctx) => {
    if (!ready) ctx.skip();
    const a = await session();
    const b = await session();
    try {
      // Session A: default 10, step 5 from the initialization block.
      expect(Number(await one(a, 'SELECT counter_pkg.next_value()'))).toBe(15);
      expect(Number(await one(a, 'SELECT counter_pkg.next_value()'))).toBe(20);
      // Session B starts from the default, unaffected by A.
      expect(Number(await one(b, 'SELECT counter_pkg.next_value()'))).toBe(15);
      await a.query('CALL counter_pkg.reset(90)');
      expect(Number(await one(a, 'SELECT counter_pkg.next_value()'))).toBe(95);
      expect(Number(await one(b, 'SELECT counter_pkg.next_value()'))).toBe(20);
      // The record type of the spec is a composite type of the package schema.
      expect(await one(a, 'SELECT (counter_pkg.state()).cnt')).toBe('95');
      // Initialization ran exactly once in each session.
      expect(Number(await one(a, 'SELECT count(*) FROM pkg_init_log'))).toBe(2);
      // The constant bound (c_max = 100) raises the package exception with its SQLSTATE.
      expect(Number(await one(a, 'SELECT counter_pkg.next_value()'))).toBe(100);
      const err = await a.query('SELECT counter_pkg.next_value()').catch((e: { code: string }) => e);
      expect((err as { code: string }).code).toMatch(/^OP/);
    } finally {
      await a.end();
      await b.end();
    }
  });
});
