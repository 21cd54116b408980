/**
 * Collections in application code on PostgreSQL 15, against results the Oracle PL/SQL Language
 * Reference ("PL/SQL Collections and Records") documents: each golden fixture's converted output
 * is loaded in a scratch database and its entry point run. Skipped with a message when no server
 * answers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { one, scratchDatabase } from './pg-scratch.js';

const FIXTURES = [
  'nested-table-equality',
  'index-by-cache-no-data-found',
  'collection-exception-handlers',
  'collection-extend-copies-limit',
  'package-cache-sparse',
  'record-element-number-text',
  'nested-table-delete-element',
  'collection-of-local-collections',
  'collection-is-empty',
  'record-field-defaults',
];
const db = scratchDatabase('colloracle', 'collection semantics', async (s) => {
  for (const f of FIXTURES) await s.query(readFileSync(`fixtures/plsql/${f}/expected.pg.sql`, 'utf8'));
});

describe('collections as Oracle documents them (PostgreSQL 15)', () => {
  it('= and <> compare nested tables as multisets, NULL when one is NULL', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // (1,2,2,3) = (3,2,1,2); (1,2,2,3) <> (1,2,3,3); a = NULL is unknown; two empty ones are
      // equal; ('x','y') = ('y','x').
      expect(await one(a, 'SELECT nte_compare()')).toBe('eq,ne,unknown,eq,names eq');
    } finally {
      await a.end();
    }
  });
});

describe('DELETE(i) on a nested table (PostgreSQL 15)', () => {
  it('leaves gaps that COUNT, FIRST, LAST, NEXT, PRIOR and EXISTS skip', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // (3,4,6,7,8,10,12): the odd ones (1st, 4th) deleted, then DELETE(LAST - 1, LAST - 1) (10):
      // 4 elements at 2, 3, 5, 7; PRIOR(7) = 5; EXISTS(1) false.
      expect(await one(a, 'SELECT ntd_keep_even(ARRAY[3, 4, 6, 7, 8, 10, 12]::ntd_ids)')).toBe(
        '4:2-7: 4 6 8 12:5 n',
      );
    } finally {
      await a.end();
    }
  });
});

describe('EXTEND (PostgreSQL 15)', () => {
  it('EXTEND(n, i) appends n copies of element i; past a VARRAY size it raises SUBSCRIPT_OUTSIDE_LIMIT', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // (1,2,3) + two copies of 1; VARRAY(3) ('a') + two copies of 'a'; one more is past its size.
      expect(await one(a, 'SELECT ecl_demo()')).toBe('5:1,1;3:a;limit 3');
    } finally {
      await a.end();
    }
  });
});

describe('INDEX BY tables used as caches (PostgreSQL 15)', () => {
  it('a missing key raises NO_DATA_FOUND; SELECT … INTO cache(id) loads it; a nested lookup shares the table', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query("INSERT INTO ic_emp VALUES (1, 'Ann'), (2, 'Bob')");
      // lookup(2), lookup(1) load (2 loads), the next two hit the cache; cache(7) raises
      // NO_DATA_FOUND, caught; cache(2) is Bob.
      expect(await one(a, 'SELECT ic_names()')).toBe('Bob Ann Bob Ann no 7; loads 2');
    } finally {
      await a.end();
    }
  });
});

describe('a package cache filled by key (PostgreSQL 15)', () => {
  it('COUNT counts its elements and a missing key raises NO_DATA_FOUND in the other routines', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query("INSERT INTO pcs_item VALUES (5, 'five'), (-2, 'minus two'), (40000, 'big')");
      await a.query('CALL pcs_cache.load()');
      // Three elements (not the 40003 subscripts from -2 to 40000); 6 is missing: the handler's '?'.
      expect(
        await one(
          a,
          "SELECT pcs_cache.size_of() || ',' || pcs_cache.label_of(40000) || ',' || pcs_cache.label_of(-2) || ',' || pcs_cache.label_of(6)",
        ),
      ).toBe('3,big,minus two,?');
    } finally {
      await a.end();
    }
  });
});

describe('records in collections and function results (PostgreSQL 15)', () => {
  it('a NUMBER element, or a field read through an element or a function result, is written as TO_CHAR writes it', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // 1000 * (1 + 10 / 100), 2 / 8 and 3 / 4 * 2: Oracle writes 1100, .25 and 1.5 (no trailing
      // zeros, no leading 0).
      expect(await one(a, 'SELECT rent_pay.demo()')).toBe('1100;1100;.25;1.5');
    } finally {
      await a.end();
    }
  });
});

describe('collections of collections (PostgreSQL 15)', () => {
  it('an inner collection of a created type is an element of its own; local inner types are reported', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // ('a','b') and ('c'): inner collections of different sizes, COUNT 2 + 1.
      expect(Number(await one(a, 'SELECT cl_matrix.names()'))).toBe(3);
      // The routine using a local TABLE OF VARRAY type is not emitted (reported instead).
      expect(await one(a, "SELECT count(*) FROM pg_proc WHERE proname = 'cells'")).toBe('0');
    } finally {
      await a.end();
    }
  });
});

describe('IS [NOT] EMPTY (PostgreSQL 15)', () => {
  it('is NULL for an atomically null nested table', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // cie_nums() is empty, an uninitialized one neither empty nor not, (NULL) has an element.
      expect(await one(a, 'SELECT cie_demo()')).toBe('empty, unknown, not empty');
    } finally {
      await a.end();
    }
  });
});

describe('RECORD field defaults (PostgreSQL 15)', () => {
  it('a record variable starts with the defaults of its fields, nested ones too', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // name := 'dflt', inner.y := 7; r2 := r copies (r.inner.x changed after stays 1 in r2).
      expect(await one(a, 'SELECT rfd_pkg.demo()')).toBe('dflt:7:2:1:7');
      // A package variable of the other package's record type.
      expect(await one(a, 'SELECT rfd_read()')).toBe('dflt:7');
    } finally {
      await a.end();
    }
  });
});
