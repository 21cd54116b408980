/**
 * Behaviour on PostgreSQL 15 of SQL statements inside PL/SQL that read attributes a recursive type
 * hierarchy stores as jsonb (recursive-types.ts, recursive-query.ts): through a FROM item over
 * TABLE(collection of the hierarchy), a column of a query name typed by TREAT(VALUE(x) AS t), a
 * TREAT(…).attr select item read by TABLE(), and a PL/SQL variable. The golden fixture's
 * expected.pg.sql is loaded into a scratch database.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { one, scratchDatabase } from './pg-scratch.js';

const db = scratchDatabase('recursive_query', 'recursive type query reads', async (s) => {
  await s.query(readFileSync('fixtures/plsql/recursive-type-query-reads/expected.pg.sql', 'utf8'));
});

describe('jsonb attributes of a recursive hierarchy read in SQL (PostgreSQL 15)', () => {
  // Oracle: the INSERT … SELECT s.f.children stores the folders' children collections as they are
  // (F1: a, sub; F2: NULL); elements that are not folders are filtered by the WHERE.
  it('inserts a collection attribute read through a query name column into a collection column', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query('CALL rq_save(rq_sample())');
      expect(await one(a, 'SELECT rq_report()')).toBe('F1:a,sub,;F2:null;');
      // The column holds the declared collection type: its second element is the folder 'sub'.
      expect(await one(a, "SELECT (children[2]).name FROM rq_cache WHERE name = 'F1'")).toBe('sub');
    } finally {
      await a.end();
    }
  });

  // Oracle: x.children of the row of TABLE(folders) named p_name; TABLE() of a TREAT(…).children
  // select item counts the children of the folders only (TREAT of a non-folder and a NULL
  // collection give no rows); l_folder.children read in a query is the variable's collection.
  it('reads the attribute of TABLE() rows, of TREAT(…) items and of a variable', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, "SELECT rq_last_child('F2')")).toBe('2:c');
      expect(await one(a, "SELECT rq_last_child('F1')")).toBe('1:a');
      expect(await one(a, 'SELECT rq_children_count(rq_sample())')).toBe('202');
    } finally {
      await a.end();
    }
  });
});
