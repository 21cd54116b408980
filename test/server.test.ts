/** Applies the example's converted phases, in order, to the PostgreSQL 15 server on 127.0.0.1:5432. */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert, PHASES } from '../src/index.js';

const admin = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };
const dbName = `orapg_it_${process.pid}`;
let available = false;

beforeAll(async () => {
  const c = new pg.Client(admin);
  try {
    await c.connect();
    await c.query(`CREATE DATABASE ${dbName}`);
    available = true;
  } catch (e) {
    console.warn(
      `PostgreSQL server not reachable on 127.0.0.1:5432, server tests skipped: ${(e as Error).message}`,
    );
  } finally {
    await c.end().catch(() => {});
  }
});

afterAll(async () => {
  if (!available) return;
  const c = new pg.Client(admin);
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await c.end();
});

describe('PostgreSQL 15 server', () => {
  it('applies every phase of the converted example schema, in order, without error', async (ctx) => {
    if (!available) ctx.skip();
    const r = convert(['examples/hr']);
    const c = new pg.Client({ ...admin, database: dbName });
    await c.connect();
    try {
      const version = await c.query('SHOW server_version_num');
      expect(Number(version.rows[0].server_version_num)).toBeGreaterThanOrEqual(150000);
      for (const phase of PHASES) await c.query(r.phases[phase]);
      const names = r.objects
        .filter((o) => o.objectType === 'TABLE')
        .flatMap((o) => o.nodes.map((n) => (n.kind === 'table' ? n.name.name : '')));
      const found = await c.query(
        `select relname from pg_class where relkind in ('r','p') and relname = any($1)`,
        [names],
      );
      expect(found.rows.map((x) => x.relname).sort()).toEqual([...names].sort());
      const fks = await c.query(
        `select count(*)::int n from pg_constraint where contype = 'f' and conparentid = 0`,
      );
      expect(fks.rows[0].n).toBe(r.objects.filter((o) => o.objectType === 'FOREIGN KEY').length);
    } finally {
      await c.end();
    }
  });
});
