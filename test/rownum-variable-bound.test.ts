/**
 * Behaviour on PostgreSQL 15 of ROWNUM top-N tests whose bound is a PL/SQL variable (parameter,
 * local, record field): in an inline view with other predicates and ROWNUM numbered in its select
 * list, inside an IN subquery, and before an aggregate of the same block; and ROWNUM outside a
 * top-N test (in aggregates, with or without GROUP BY, after a limit, in ORDER BY, over TABLE()).
 * The golden fixtures' expected.pg.sql (plsql/rownum-variable-bound, sql/rownum-other-positions)
 * are loaded into scratch databases.
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

const views = scratchDatabase('rownum_positions', 'ROWNUM other positions', async (s) => {
  await s.query(readFileSync('fixtures/sql/rownum-other-positions/expected.pg.sql', 'utf8'));
  await s.query(`INSERT INTO players VALUES (1, 'ANN', 90), (2, 'BOB', 75), (3, 'CID', 88), (4, 'DAN', 95),
    (5, 'EVE', 60), (6, 'FAY', 82), (7, 'GUS', 70)`);
});

describe('ROWNUM outside a top-N test (PostgreSQL 15)', () => {
  // Oracle numbers the rows after WHERE and before aggregation: 4 rows score >= 80 → 4/4/10; the
  // largest number over GROUP BY groups is the row count (7); a limit of 3 then SUM(ROWNUM) = 6;
  // a ROWNUM limit in an IN subquery keeps 2 rows; ROWNUM = 1 over TABLE(collection) before
  // COUNT counts at most one row.
  it('numbers the rows before aggregation and limits subqueries', async (ctx) => {
    if (!views.ready) ctx.skip();
    const a = await views.session();
    try {
      expect(await one(a, "SELECT cnt || '/' || mx || '/' || sm FROM v1")).toBe('4/4/10');
      expect(await one(a, 'SELECT mm FROM v2')).toBe('7');
      expect(await one(a, 'SELECT s FROM v3')).toBe('6');
      expect(await one(a, 'SELECT c FROM v5')).toBe('2');
      expect(await one(a, 'SELECT count(*) FROM v4')).toBe('7');
      const list = "ARRAY[row('A', 85), row('B', 90), row('C', 10)]::score_t[]";
      expect(await one(a, `SELECT any_high(${list}::score_list)`)).toBe('1');
      expect(await one(a, "SELECT any_high(ARRAY[row('C', 10)]::score_t[]::score_list)")).toBe('0');
    } finally {
      await a.end();
    }
  });
});
