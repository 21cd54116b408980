/**
 * Computed columns on PostgreSQL 15, from the golden fixture ddl/computed-columns-triggers: virtual
 * columns PostgreSQL cannot generate (not IMMUTABLE) kept by a trigger, immutable ones generated,
 * and DEFAULT ON NULL / identity ON NULL taking their value for an explicit NULL, as in Oracle.
 * Skipped with a message when no server answers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scratchDatabase } from './pg-scratch.js';

const db = scratchDatabase('computedcols', 'computed columns', async (s) => {
  await s.query(readFileSync('fixtures/ddl/computed-columns-triggers/expected.pg.sql', 'utf8'));
});

describe('computed columns (PostgreSQL 15)', () => {
  it('virtual columns are computed on insert and update; ON NULL columns take their value for an explicit NULL', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query("INSERT INTO cc_people (name, born, score) VALUES ('ann', DATE '1990-06-15', 95)");
      await a.query("INSERT INTO cc_people (id, name, born, score, country) VALUES (NULL, 'bob', NULL, 80, NULL)");
      await a.query("INSERT INTO cc_people (id, name, score, country) VALUES (7, 'cy', 10, 'DE')");
      await a.query("UPDATE cc_people SET born = DATE '2001-02-03', score = 50 WHERE name = 'bob'");
      const rows = (await a.query('SELECT id::int, name, country, born_year, grade, name_upper FROM cc_people ORDER BY id')).rows;
      expect(rows).toEqual([
        { id: 7, name: 'cy', country: 'DE', born_year: null, grade: 'C', name_upper: 'CY' },
        { id: 100, name: 'ann', country: 'NL', born_year: '1990', grade: 'A', name_upper: 'ANN' },
        { id: 101, name: 'bob', country: 'NL', born_year: '2001', grade: 'C', name_upper: 'BOB' },
      ]);
    } finally {
      await a.end();
    }
  });
});
