/**
 * Calling conventions of converted PL/SQL routines on PostgreSQL 15, from golden fixtures'
 * converted output: a package FUNCTION and PROCEDURE of one name and signature (the procedure
 * renamed <name>_proc, call statements rewritten). Skipped with a message when no server answers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { one, scratchDatabase } from './pg-scratch.js';

const FIXTURES = ['package-function-procedure-same-name'];
const db = scratchDatabase('routines', 'routine calling convention', async (s) => {
  for (const f of FIXTURES) await s.query(readFileSync(`fixtures/plsql/${f}/expected.pg.sql`, 'utf8'));
});

describe('routine calling conventions (PostgreSQL 15)', () => {
  it('a function and a procedure of one name: expressions reach the function, call statements the renamed procedure', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, 'SELECT heartbeat.is_alive()')).toBe(false);
      await a.query('CALL heartbeat.check_all()');
      expect(await one(a, 'SELECT heartbeat.is_alive()')).toBe(true);
      // touch_proc('me') adds 10, touch('you') adds 1.
      expect(Number(await one(a, 'SELECT heartbeat.g_count()'))).toBe(11);
      await a.query('CALL heartbeat.check_all()');
      expect(Number(await one(a, 'SELECT heartbeat.g_count()'))).toBe(22);
    } finally {
      await a.end();
    }
  });
});
