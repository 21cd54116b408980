/**
 * The semantic suite on the PostgreSQL 15 server (the default target): every case translated with
 * translate() and run in its own schema must give the rows Oracle returns. Known failures are the
 * same list as on PGlite. Skipped with a message only when no server answers on 127.0.0.1:5432.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Executor, KNOWN_SEMANTIC_FAILURES, listSemanticCases, runSemanticCase } from './semantic.js';

const admin = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };
const dbName = `orapg_sem_${process.pid}`;
const cases = listSemanticCases();
let client: pg.Client | undefined;
// Every value as PostgreSQL's text output.
const asText = { getTypeParser: () => (v: string) => v };

beforeAll(async () => {
  const c = new pg.Client(admin);
  try {
    await c.connect();
    await c.query(`CREATE DATABASE ${dbName}`);
    client = new pg.Client({ ...admin, database: dbName });
    await client.connect();
    await client.query("SET TimeZone = 'UTC'");
  } catch (e) {
    console.warn(
      `PostgreSQL server not reachable on 127.0.0.1:5432, server semantic tests skipped: ${(e as Error).message}`,
    );
    client = undefined;
  } finally {
    await c.end().catch(() => {});
  }
}, 30_000);

afterAll(async () => {
  if (!client) return;
  await client.end();
  const c = new pg.Client(admin);
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await c.end();
});

async function executorFor(n: number): Promise<Executor> {
  const c = client!;
  const schema = `sem_${n}`;
  await c.query(
    `DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}; SET search_path = ${schema}`,
  );
  return {
    exec: async (sql) => {
      await c.query(sql);
    },
    rows: async (sql) => {
      const r = await c.query({ text: sql, rowMode: 'array', types: asText });
      return r.rows.map((row: unknown[]) => row.map((v) => (v === null ? null : String(v))));
    },
  };
}

describe('semantic fixtures (PostgreSQL 15 server)', () => {
  cases.forEach((c, i) => {
    const known = KNOWN_SEMANTIC_FAILURES[c.name];
    it(`${c.name}${known ? ' (known failure)' : ''}`, async (ctx) => {
      if (!client) ctx.skip();
      const r = await runSemanticCase(c, await executorFor(i));
      if (known) expect(r.ok).toBe(false);
      else expect(r.ok, r.problem).toBe(true);
    });
  });
});
