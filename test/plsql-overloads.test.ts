/**
 * Behaviour on PostgreSQL 15 of calls of overloaded package subprograms (fixture
 * plsql/overload-resolution): each call runs the overload Oracle runs for the argument types
 * (PL/SQL Language Reference, "Overloaded Subprograms"), by position and by name, with defaults for
 * parameters left out; procedure calls keep their IN OUT arguments writable; overloads PostgreSQL
 * merges (DATE / TIMESTAMP, INTERVAL DAY TO SECOND / YEAR TO MONTH) run the routine that survived,
 * as OPG-PLSQL-0046 reports. Overloaded methods of an object type (fixture
 * plsql/object-method-overloads): the overload a subtype overrides is dispatched, the others not.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCase } from './golden.js';
import { one, scratchDatabase } from './pg-scratch.js';

const FIXTURE = 'fixtures/plsql/overload-resolution';

const db = scratchDatabase('overloads', 'overload resolution', async (s) => {
  await s.query(readFileSync(`${FIXTURE}/expected.pg.sql`, 'utf8'));
  await s.query(readFileSync('fixtures/plsql/object-method-overloads/expected.pg.sql', 'utf8'));
  await s.query("INSERT INTO ovl_samples VALUES (1, 'lab', 2.5, now()), (2, 'other', 7, now())");
});

describe('calls of overloaded package subprograms (PostgreSQL 15)', () => {
  it('a variable of each type reaches the overload of its type', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // DATE and TIMESTAMP are one PostgreSQL routine (the TIMESTAMP body, created last), and so
      // are the two interval kinds (the YEAR TO MONTH body): OPG-PLSQL-0046.
      expect(await one(a, 'SELECT ovl.variables()')).toBe(
        "varchar2 'x'|clob c|number 42|timestamp|timestamp|timestamp with time zone|interval year to month|interval year to month|boolean true|names 2",
      );
    } finally {
      await a.end();
    }
  });

  it('literals: a character literal is VARCHAR2, a number NUMBER, TRUE / FALSE BOOLEAN', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, 'SELECT ovl.literals()')).toBe(
        "varchar2 'lit'|number 7|boolean false|timestamp|interval year to month",
      );
    } finally {
      await a.end();
    }
  });

  it("named notation, a defaulted parameter given or left out, a nested function's result", async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, 'SELECT ovl.named()')).toBe('number 5|varchar2 "q"|varchar2 *p*|number 2.5');
    } finally {
      await a.end();
    }
  });

  it('expressions: SYSTIMESTAMP, a timestamp difference, concatenations (with a CLOB: CLOB), TO_CHAR', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, 'SELECT ovl.expressions()')).toBe(
        "timestamp with time zone|interval year to month|varchar2 'ab'|clob cd|varchar2 '12'|interval year to month",
      );
    } finally {
      await a.end();
    }
  });

  it('procedure calls: the IN argument chooses the overload, the IN OUT argument collects the results', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, 'SELECT ovl.procedures()')).toBe('[varchar2 s][number 3][boolean][number 4]');
    } finally {
      await a.end();
    }
  });

  it('a call whose argument type is not inferred is left to PostgreSQL, which resolves it by the column type (reported)', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, 'SELECT ovl.columns()')).toBe(
        "varchar2 'lab';number 2.5;varchar2 'other';number 7;",
      );
      const findings = JSON.parse(renderCase(readFileSync(`${FIXTURE}/input.sql`, 'utf8')).findings) as {
        id: string;
        message: string;
      }[];
      const left = findings.filter((f) => f.id === 'OPG-PLSQL-0052');
      expect(left.map((f) => f.message.split(':')[0])).toEqual(['OVL.TO_STRING(r.label)']);
      expect(findings.filter((f) => f.id === 'OPG-PLSQL-0046')).toHaveLength(2);
    } finally {
      await a.end();
    }
  });

  it("outside the package, the package's own collection type and SYSDATE - 1 (a DATE)", async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, 'SELECT ovl_names_count()')).toBe('names 3|timestamp');
      // A private overload of the body (show(NUMBER)) is reached from inside the package only:
      // outside it, show(1) is show(VARCHAR2) with the number converted.
      expect(await one(a, 'SELECT vis_outside()')).toBe('public varchar2 1|private number 1');
      // Exactly the overloads PostgreSQL keeps apart exist: 10 Oracle functions, 8 routines.
      const n = await one(
        a,
        "SELECT count(*)::int FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'ovl' AND p.proname = 'to_string'",
      );
      expect(n).toBe(8);
    } finally {
      await a.end();
    }
  });

  it('methods: the overload matching the argument types runs, dispatched on the dynamic type only where a subtype overrides it; procedure / function pairs PostgreSQL cannot tell apart stay apart', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // A circle in a shape variable: describe(VARCHAR2) is circle's, describe(NUMBER / DATE) shape's;
      // scaled(NUMBER) is a number (3 * 2 + 1), scaled(VARCHAR2) a string.
      expect(await one(a, 'SELECT shape_demo()')).toBe(
        'c circle text v|c circle text lit|c number 3|c date|7|abab',
      );
      // mark(INTERVAL DAY TO SECOND) is a procedure (shape_mark_proc), mark(INTERVAL YEAR TO MONTH)
      // a function: both interval for PostgreSQL. circle overrides stamp(TIMESTAMP WITH TIME ZONE)
      // only, so stamp(TIMESTAMP) stays shape's.
      expect(await one(a, 'SELECT shape_marks()')).toBe('m+ds ym|shape timestamp|circle timestamp tz');
    } finally {
      await a.end();
    }
  });
});
