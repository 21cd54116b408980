/**
 * Package state on PostgreSQL 15: per session, initialized once per session by the package's
 * initialization block, separate between two sessions (two connections), constants inlined,
 * package exceptions raised with their SQLSTATE. Skipped with a message when no server answers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { one, scratchDatabase } from './pg-scratch.js';
import { convert, PHASES } from '../src/index.js';

const db = scratchDatabase('pkg', 'package', async (s) => {
  const r = convert(['fixtures/plsql-packages/counter.sql']);
  for (const phase of PHASES) await s.query(r.phases[phase]);
  await s.query(readFileSync('fixtures/plsql/package-cursor-session/expected.pg.sql', 'utf8'));
  await s.query(readFileSync('fixtures/plsql/package-cursor-fetch-elsewhere/expected.pg.sql', 'utf8'));
  await s.query('INSERT INTO pf_item VALUES (1), (2), (4)');
  await s.query(readFileSync('fixtures/plsql/package-record-variable-fields/expected.pg.sql', 'utf8'));
  await s.query(readFileSync('fixtures/plsql/package-variable-length-check/expected.pg.sql', 'utf8'));
  await s.query(readFileSync('fixtures/plsql/package-serially-reusable/expected.pg.sql', 'utf8'));
  await s.query(readFileSync('fixtures/plsql/package-refcursor-variable/expected.pg.sql', 'utf8'));
  await s.query(readFileSync('fixtures/plsql/package-variable-not-null/expected.pg.sql', 'utf8'));
  await s.query(readFileSync('fixtures/plsql/package-cursor-current-of/expected.pg.sql', 'utf8'));
  await s.query('INSERT INTO wco_t VALUES (1, 10), (2, 20)');
  await s.query("INSERT INTO prc_t VALUES (1, 'a'), (2, 'b'), (3, 'a'), (12, 'a')");
  await s.query("INSERT INTO pcs_task VALUES (1, 1, 'low'), (2, 5, 'high'), (3, 3, 'mid'), (4, 4, 'four'), (5, 2, 'five'), (6, 9, 'six')");
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

describe('package cursors (PostgreSQL 15)', () => {
  // PL/SQL Language Reference, "Explicit Cursors": a cursor declared in a package stays open for
  // the session until CLOSE; each statement below is a transaction of its own (autocommit).
  it('stay open across calls and transactions of one session, until CLOSE', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    const b = await session();
    try {
      expect(await one(a, 'SELECT pcs_status()')).toBe('closed');
      await a.query('CALL pcs_queue.start_batch(3)');
      // Tasks of priority 3 and more: 2 high, 3 mid, 4 four, 6 six; %ROWCOUNT counts on.
      expect(await one(a, 'SELECT pcs_queue.next_title()')).toBe('high#1');
      expect(await one(a, 'SELECT pcs_queue.next_title()')).toBe('mid#2');
      // Another unit: %ISOPEN true, OPEN raises CURSOR_ALREADY_OPEN, its FETCH goes on.
      expect(await one(a, 'SELECT pcs_status()')).toBe('already open, next four');
      // Another session has its own (closed) cursor.
      expect(await one(b, 'SELECT pcs_status()')).toBe('closed');
      // BULK COLLECT LIMIT 5 gets the last row; the next batch is empty.
      expect(await one(a, 'SELECT pcs_queue.take(5)')).toBe('6 rows 4');
      expect(await one(a, 'SELECT pcs_queue.take(5)')).toBe('rows 4');
      expect(await one(a, 'SELECT pcs_queue.next_title()')).toBe('none');
      await a.query('CALL pcs_queue.finish()');
      expect(await one(a, 'SELECT pcs_status()')).toBe('closed');
      // FETCH after CLOSE raises INVALID_CURSOR.
      expect(await one(a, 'SELECT pcs_fetch_closed()')).toBe('invalid cursor');
      // WHERE CURRENT OF a FOR UPDATE package cursor updates the fetched rows.
      expect(Number(await one(a, 'SELECT wco_pkg.bump_all()'))).toBe(2);
      expect(Number(await one(a, 'SELECT sum(v) FROM wco_t'))).toBe(32);
      // A FOR UPDATE package cursor: opened for the transaction, closed in the call, reopened.
      expect(await one(a, 'SELECT pcs_queue.lock_first()')).toBe('low');
      expect(await one(a, 'SELECT pcs_queue.lock_first()')).toBe('low');
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('a package REF CURSOR variable stays open across calls and transactions', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      // Not open yet (%ISOPEN false: -2); opened for group 'a' below 10 (the parameter and the
      // local variable bound), fetched one per call, closed at the end.
      expect(Number(await one(a, 'SELECT prc_pkg.next_id()'))).toBe(-2);
      await a.query("CALL prc_pkg.open_it('a')");
      expect(Number(await one(a, 'SELECT prc_pkg.next_id()'))).toBe(1);
      expect(Number(await one(a, 'SELECT prc_pkg.next_id()'))).toBe(3);
      expect(Number(await one(a, 'SELECT prc_pkg.next_id()'))).toBe(-1);
      expect(Number(await one(a, 'SELECT prc_pkg.next_id()'))).toBe(-2);
      // A query string with a USING bind; the variable handed on names the open cursor.
      await a.query('CALL prc_pkg.open_dyn(2)');
      expect(Number(await one(a, 'SELECT prc_pkg.next_dyn()'))).toBe(12);
      const handle = String(await one(a, 'SELECT prc_pkg.handle()::text'));
      expect(Number((await a.query(`FETCH NEXT FROM "${handle}"`)).rows[0].id)).toBe(3);
      expect(Number(await one(a, 'SELECT prc_pkg.next_dyn()'))).toBe(2);
      // Assigned a cursor opened by another function (group 'b'), fetched through the package.
      expect(Number(await one(a, 'SELECT prc_assigned()'))).toBe(2);
    } finally {
      await a.end();
    }
  });

  it('%NOTFOUND read in a call that did not FETCH is the last FETCH of the cursor', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      // fetch_next fetches into the package variable g_id; sum_all's loop exits on c%NOTFOUND:
      // 1 + 2 + 4, twice (CLOSE at the end, OPEN again).
      expect(Number(await one(a, 'SELECT pf_pkg.sum_all()'))).toBe(7);
      expect(Number(await one(a, 'SELECT pf_pkg.sum_all()'))).toBe(7);
    } finally {
      await a.end();
    }
  });

});

describe('package record variables (PostgreSQL 15)', () => {
  // PL/SQL Language Reference, "Package State": a package record variable keeps its fields, also
  // its collection fields, for the session; other units name them pkg.var.field.
  it('reads and changes fields, elements and collection fields of package records', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      // In the package: (1,2,3) → items(2) := 20, EXTEND, items(COUNT) := 40; LAST = 4.
      expect(await one(a, 'SELECT prf_a.demo()')).toBe('n:1,20,3,40,4');
      // From another unit: the same session state, then a field assignment.
      expect(await one(a, 'SELECT prf_outside()')).toBe('n:4:1:4:changed');
      // Another package: the initialization block ran before g_derived's default (50 + 1); the
      // collection field grows by one per call; an INDEX BY table of records keeps element 7.
      expect(await one(a, 'SELECT prf3_b.demo()')).toBe('51:init:1,20,3,40,:seven3:1');
      expect(await one(a, 'SELECT prf3_b.demo()')).toBe('51:init:1,20,3,40,40,:seven3:1');
    } finally {
      await a.end();
    }
  });

  // PL/SQL Language Reference, "VALUE_ERROR": a value too long for a VARCHAR2(n) variable, or past
  // a NUMBER(p)'s precision, raises it; the variable keeps its value.
  it('raises VALUE_ERROR for a value longer than a package variable is declared', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      expect(await one(a, 'SELECT pvl_pkg.demo()')).toBe('AB,13,8 value_error, still AB value_error, still 13');
      // NOT NULL: NULL raises VALUE_ERROR, the value stays 1; NATURALN: -1 is out of its range.
      expect(await one(a, 'SELECT pvn_pkg.demo()')).toBe('ve 1 ve2 0');
    } finally {
      await a.end();
    }
  });
});

describe('SERIALLY_REUSABLE packages (PostgreSQL 15)', () => {
  // PL/SQL Language Reference, "SERIALLY_REUSABLE Packages": the state is initialized again for
  // each server call. Here: for each transaction (each statement in autocommit).
  it('start from the initial state in each call', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      expect(Number(await one(a, 'SELECT sr_counter.bump()'))).toBe(11);
      expect(Number(await one(a, 'SELECT sr_counter.bump()'))).toBe(11);
      // Calls in one transaction share the state (Oracle: one server call each).
      await a.query('BEGIN');
      expect(Number(await one(a, 'SELECT sr_counter.bump()'))).toBe(11);
      expect(Number(await one(a, 'SELECT sr_counter.bump()'))).toBe(12);
      await a.query('COMMIT');
      expect(Number(await one(a, 'SELECT sr_counter.bump()'))).toBe(11);
    } finally {
      await a.end();
    }
  });
});
