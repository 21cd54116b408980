/**
 * Package state on PostgreSQL 15: per session, initialized once per session by the package's
 * initialization block, separate between two sessions (two connections), constants inlined,
 * package exceptions raised with their SQLSTATE. Skipped with a message when no server answers.
 */
import { describe, expect, it } from 'vitest';
import { one, scratchDatabase } from './pg-scratch.js';
import { convert, PHASES } from '../src/index.js';

const db = scratchDatabase('pkg', 'package', async (s) => {
  const r = convert(['fixtures/plsql-packages/counter.sql']);
  for (const phase of PHASES) await s.query(r.phases[phase]);
});
const session = () => db.session();

describe('package state (PostgreSQL 15)', () => {
  it('keeps variables per session, runs the initialization block once per session', async (ctx) => {
    if (!db.ready) ctx.skip();
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
