/**
 * Behaviour on PostgreSQL 15 of ROWNUM top-N tests whose bound is a PL/SQL variable (parameter,
 * local, record field): in an inline view with other predicates and ROWNUM numbered in its select
 * list, inside an IN subquery, and before an aggregate of the same block. The golden fixture's
 * expected.pg.sql is loaded into a scratch database.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { one, scratchDatabase } from './pg-scratch.js';

const db = scratchDatabase('rownum_variable', 'ROWNUM variable bound', async (s) => {
  await s.query(readFileSync('fixtures/plsql/rownum-variable-bound/expected.pg.sql', 'utf8'));
  await s.query(`INSERT INTO rn_items VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 1, 'c'), (4, 1, 'd'),
    (5, 2, 'e'), (6, 1, 'f'), (7, 1, 'g')`);
});

describe('ROWNUM compared with a PL/SQL variable (PostgreSQL 15)', () => {
  // Oracle: ROWNUM numbers the rows the block produces after its other WHERE tests, so
  // ROWNUM <= n keeps min(n, rows) of them, numbered 1..k (sum k(k+1)/2); ROWNUM < n keeps n - 1.
  // A NULL bound makes the comparison unknown: no row passes.
  it('keeps the first n rows that pass the other predicates', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // group 1 has 5 rows, group 2 has 2.
      expect(await one(a, 'SELECT rn_summary(1, 3)')).toBe('3/3/6/3/2');
      expect(await one(a, 'SELECT rn_summary(2, 5)')).toBe('2/2/3/2/2');
      expect(await one(a, 'SELECT rn_summary(1, 0)')).toBe('0///0/0');
      expect(await one(a, 'SELECT rn_summary(1, NULL)')).toBe('0///0/0');
    } finally {
      await a.end();
    }
  });
});
