/**
 * String-indexed associative arrays (jsonb) and FORALL (INDICES OF, VALUES OF, SAVE EXCEPTIONS,
 * SQL%BULK_ROWCOUNT, SQL%BULK_EXCEPTIONS) on PostgreSQL 15, from golden fixtures' converted
 * output. The expected values are those the Oracle Database PL/SQL Language Reference documents
 * (sections cited per test). Skipped with a message when no server answers.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { one, scratchDatabase } from './pg-scratch.js';

const FIXTURES = ['assoc-string-index', 'assoc-string-package', 'forall-bulk-exceptions'];
const db = scratchDatabase('assoc', 'associative array / FORALL', async (s) => {
  for (const f of FIXTURES) await s.query(readFileSync(`fixtures/plsql/${f}/expected.pg.sql`, 'utf8'));
});
const session = () => db.session();
const errorOf = async (c: pg.Client, sql: string) => {
  try {
    await c.query(sql);
  } catch (e) {
    return e as { code?: string; message: string };
  }
  return undefined;
};

describe('associative arrays indexed by strings (PostgreSQL 15)', () => {
  // PL/SQL Language Reference, "Associative Arrays": indexes are stored in sort order, not
  // creation order; for string types the sort order is determined by NLS_SORT (BINARY by
  // default: byte order, 'B' < 'a10' < 'a9' < 'aa' < 'b'). "Collection Methods": FIRST / LAST /
  // NEXT / PRIOR follow that order, NEXT and PRIOR work across deleted elements, DELETE(m, n)
  // deletes the keys from m to n.
  it('FIRST / NEXT and LAST / PRIOR walk the keys in binary order; COUNT, EXISTS, DELETE', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      // 'a9' deleted: NEXT('a10') skips it.
      expect(await one(a, "SELECT assoc_walk('a9', NULL)")).toBe('B=3 a10=4 aa=20 b=1 |b aa a10 B |4|aa|b|N');
      // Keys 'a10' … 'aa' deleted (range in binary order, bounds included); NEXT of a deleted key.
      expect(await one(a, "SELECT assoc_walk('a10', 'aa')")).toBe('B=3 b=1 |b B |2|b|b|N');
      // A range whose low bound is above the high bound deletes nothing.
      expect(await one(a, "SELECT assoc_walk('b', 'a')")).toBe('B=3 a10=4 a9=5 aa=20 b=1 |b aa a9 a10 B |5|a9|b|Y');
      // A key that is not there: nothing deleted.
      expect(await one(a, "SELECT assoc_walk('zz', NULL)")).toBe('B=3 a10=4 a9=5 aa=20 b=1 |b aa a9 a10 B |5|a9|b|Y');
    } finally {
      await a.end();
    }
  });

  // "Associative Arrays" / "Predefined Exceptions": referencing a nonexistent element of an
  // associative array raises NO_DATA_FOUND.
  it('reading a missing key raises NO_DATA_FOUND', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      expect(Number(await one(a, "SELECT assoc_get('x')"))).toBe(1);
      expect((await errorOf(a, "SELECT assoc_get('y')"))?.code).toBe('P0002');
      // Keys are case-sensitive.
      expect((await errorOf(a, "SELECT assoc_get('X')"))?.code).toBe('P0002');
      expect(Number(await one(a, "SELECT assoc_get_or('y', -1)"))).toBe(-1);
    } finally {
      await a.end();
    }
  });

  it('elements of record and collection types keep their fields and indexes', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      expect(await one(a, 'SELECT assoc_records()')).toBe('Bob:100:2');
      // Assigning inside an element that does not exist creates it; a nested PLS_INTEGER-indexed
      // collection keeps its indexes (5 and 7, not 1 and 2) and NEXT(5) skips the gap at 6.
      expect(await one(a, 'SELECT assoc_nested()')).toBe('5:7:7:ok:Ann11');
    } finally {
      await a.end();
    }
  });

  // "Package State": a package variable keeps its value for the session; an associative array
  // variable starts empty.
  it('a package variable of a string-indexed type keeps its keys across calls in the session', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    const b = await session();
    try {
      expect(Number(await one(a, "SELECT counters.hits('x')"))).toBe(0);
      await a.query("CALL counters.hit('x')");
      await a.query("CALL counters.hit('b')");
      await a.query("CALL counters.hit('x')");
      await a.query("CALL counters.hit('B')");
      expect(Number(await one(a, "SELECT counters.hits('x')"))).toBe(2);
      expect(await one(a, 'SELECT counters.names()')).toBe('B=1,b=1,x=2,');
      await a.query("CALL counters.forget('b')");
      expect(await one(a, 'SELECT counters.names()')).toBe('B=1,x=2,');
      // Another session has its own, empty, state.
      expect(await one(b, 'SELECT counters.names()')).toBeNull();
      expect(Number(await one(b, "SELECT counters.hits('x')"))).toBe(0);
      expect(Number(await one(b, 'SELECT counters.size_of()'))).toBe(0);
      expect(Number(await one(b, `SELECT counters.size_of('{"a": 1, "b": 2}')`))).toBe(2);
    } finally {
      await a.end();
      await b.end();
    }
  });
});

describe('FORALL (PostgreSQL 15)', () => {
  const rows = async (c: pg.Client, sql: string) => (await c.query(sql)).rows.map((r) => Object.values(r).join('|'));
  const reset = (c: pg.Client) => c.query('DELETE FROM bulk_target; DELETE FROM bulk_log');

  // PL/SQL Language Reference, "Handling FORALL Exceptions After FORALL Statement Completes": with
  // SAVE EXCEPTIONS the statement continues after a failing iteration, then raises ORA-24381;
  // SQL%BULK_EXCEPTIONS(i).ERROR_INDEX is the number of the failing statement, ERROR_CODE the
  // Oracle error code (ORA-01400 cannot insert NULL, ORA-00001 unique constraint); the rows of the
  // successful iterations stay.
  it('SAVE EXCEPTIONS collects the failing iterations and keeps the others', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      await reset(a);
      await a.query('CALL forall_save()');
      expect(await rows(a, 'SELECT id, label FROM bulk_target ORDER BY id')).toEqual(['1|one', '4|four']);
      expect(await rows(a, 'SELECT seq, line FROM bulk_log ORDER BY seq')).toEqual(['1|2:1400', '2|3:1']);
      // Without a handler, ORA-24381 reaches the caller (SQLSTATE OB381).
      await reset(a);
      const e = await errorOf(a, 'CALL forall_save_raise()');
      expect(e?.code).toBe('OB381');
      expect(e?.message).toContain('ORA-24381');
    } finally {
      await a.end();
    }
  });

  // "FORALL Statement": without SAVE EXCEPTIONS the first failing iteration stops the statement
  // and its exception is raised (the statement that failed is rolled back).
  it('without SAVE EXCEPTIONS the first failure raises', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      await reset(a);
      expect((await errorOf(a, 'CALL forall_plain()'))?.code).toBe('23505');
    } finally {
      await a.end();
    }
  });

  // "Getting Number of Rows Affected by FORALL Statement": SQL%BULK_ROWCOUNT(i) is the number of
  // rows the i-th DML statement affected; with VALUES OF its subscripts are the values of the
  // index collection.
  it('SQL%BULK_ROWCOUNT(i) holds the rows of each iteration', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      await reset(a);
      await a.query("INSERT INTO bulk_target VALUES (1, 'one'), (2, 'two'), (4, 'four')");
      await a.query('CALL forall_rowcount()');
      expect(await rows(a, 'SELECT seq, line FROM bulk_log ORDER BY seq')).toEqual(['1|rows 1', '2|rows 0', '3|rows 3']);
    } finally {
      await a.end();
    }
  });

  // "FORALL Statement": INDICES OF iterates over the indexes of the existing elements of a sparse
  // collection, within BETWEEN lower AND upper; VALUES OF over the values of the index collection.
  it('INDICES OF a sparse collection (BETWEEN) and VALUES OF', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      await reset(a);
      await a.query('CALL forall_sparse()');
      // Indexes -1, 3, 7 (9 is outside BETWEEN -5 AND 7); VALUES OF (9, 3): ids(9)-100 = 9 is
      // no row, ids(3) = 103 is.
      expect(await rows(a, 'SELECT id, label FROM bulk_target ORDER BY id')).toEqual(['101|idx-1', '103|val3', '107|idx7']);
      expect(await rows(a, 'SELECT line FROM bulk_log')).toEqual(['rows 0 1']);
    } finally {
      await a.end();
    }
  });
});
