/**
 * A scratch database on the PostgreSQL 15 server for behaviour tests: created before the file's
 * tests (loaded by `load`), dropped after them. When no server answers, `ready` stays false and the
 * tests skip themselves with a message (`if (!db.ready) ctx.skip()`).
 */
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

export const ADMIN = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };

export interface ScratchDb {
  /** True once the database exists and `load` ran. */
  readonly ready: boolean;
  /** A new connection to the scratch database (a session of its own). */
  session(): Promise<pg.Client>;
}

export function scratchDatabase(label: string, what: string, load: (c: pg.Client) => Promise<void>): ScratchDb {
  const name = `orapg_${label}_${process.pid}`;
  const state = { ready: false };
  beforeAll(async () => {
    const c = new pg.Client(ADMIN);
    try {
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`);
    } catch (e) {
      console.warn(`PostgreSQL server not reachable on 127.0.0.1:5432, ${what} tests skipped: ${(e as Error).message}`);
      return;
    } finally {
      await c.end().catch(() => {});
    }
    const s = new pg.Client({ ...ADMIN, database: name });
    await s.connect();
    try {
      await load(s);
    } finally {
      await s.end();
    }
    state.ready = true;
  }, 60_000);
  afterAll(async () => {
    if (!state.ready) return;
    const c = new pg.Client(ADMIN);
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  return {
    get ready() {
      return state.ready;
    },
    async session() {
      const c = new pg.Client({ ...ADMIN, database: name });
      await c.connect();
      return c;
    },
  };
}

/** First column of the first row. */
export const one = async (c: pg.Client, sql: string): Promise<unknown> => Object.values((await c.query(sql)).rows[0])[0];
