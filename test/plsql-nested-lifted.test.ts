/**
 * Nested subprograms calling nested subprograms (lifted to routines of their own, with names
 * longer than 63 bytes shortened alike at the definition and the calls), CURRENT_TIMESTAMP() /
 * LOCALTIMESTAMP(p) with parentheses, and numbers where Oracle expects a string (LENGTH(n),
 * LPAD(n, …), NVL(s, 0)) on PostgreSQL 15, from the golden fixture plsql/nested-lifted-chains.
 * Skipped with a message when no server answers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { one, scratchDatabase } from './pg-scratch.js';

const db = scratchDatabase('nestl', 'nested lifted', async (s) => {
  await s.query(readFileSync('fixtures/plsql/nested-lifted-chains/expected.pg.sql', 'utf8'));
});
const reporter = (failed: number, lvl: number, label: string | null) =>
  `row(${failed}, ${lvl}, ${label === null ? 'NULL' : `'${label}'`}, LOCALTIMESTAMP - interval '1 hour')::tally_reporter`;

describe('nested subprograms lifted, chained (PostgreSQL 15)', () => {
  it('a nested procedure passes the enclosing variables and SELF its callee needs (recursively)', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      // LPAD(n, LENGTH(failed_count) + 2): failed_count 12 → width 4; the IN OUT counter comes back.
      expect(await one(c, `SELECT tally_reporter_numbered_report(${reporter(12, 5, 'x')}, 3)`)).toBe(
        '   1)1/5    2)2/5    3)3/5 #3',
      );
      expect(await one(c, `SELECT tally_reporter_numbered_report(${reporter(7, 0, 'x')}, 0)`)).toBe('#0');
    } finally {
      await c.end();
    }
  });

  it('a nested procedure calling a member procedure on SELF takes SELF IN OUT: the change reaches the method', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      // i / 2 for i in 1 .. 3: .5, 1, 1.5 (Oracle's number text), appended by print_line to label
      const r = await c.query(`CALL tally_reporter_log_numbers(${reporter(1, 1, 'L:')}, 3)`);
      expect(r.rows[0].self).toMatch(/^\(1,1,L:n\.5;n1;n1\.5;,/);
    } finally {
      await c.end();
    }
  });

  it('NVL(string, 0) converts the 0 to a string (LENGTH of it), CURRENT_TIMESTAMP() is the keyword', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      expect(Number(await one(c, `SELECT tally_reporter_text_width(${reporter(1, 1, 'abc')})`))).toBe(3997);
      expect(Number(await one(c, `SELECT tally_reporter_text_width(${reporter(1, 1, null)})`))).toBe(3999);
      expect(await one(c, `SELECT tally_reporter_started_recently(${reporter(1, 1, 'a')})`)).toBe('yes');
    } finally {
      await c.end();
    }
  });

  it('a function nested in a nested function, both names over 63 bytes; LENGTH of a number is of its Oracle text', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      expect(await one(c, 'SELECT long_enclosing_function_name_for_nested_routines(2)')).toBe('7,2');
      // p_n * 10 = 0.5, which Oracle prints as .5 (length 2)
      expect(await one(c, 'SELECT long_enclosing_function_name_for_nested_routines(0.05)')).toBe('1.15,2');
      // The lifted function's NUMBER result is converted as Oracle prints numbers: 1.30 → 1.3, 0.70 → .7
      expect(await one(c, 'SELECT long_enclosing_function_name_for_nested_routines(0.10)')).toBe('1.3,1');
      expect(await one(c, 'SELECT long_enclosing_function_name_for_nested_routines(-0.10)')).toBe('.7,2');
    } finally {
      await c.end();
    }
  });
});
