/**
 * Behaviour on PostgreSQL 15 of converted object-type methods and the code around them: a MEMBER
 * FUNCTION and a MEMBER PROCEDURE of one name and parameters (the procedure renamed <name>_proc),
 * PIPELINED member functions (SETOF, also through the dispatcher of a hierarchy), constructors
 * called with named notation, CASE expressions in IF / WHEN conditions, %TYPE / %ROWTYPE in package
 * types (tables and cursors), assignments through package getters and nested associative arrays, SELECT t.* BULK COLLECT INTO
 * several collections (also package variables), overloads PostgreSQL merges (reported), member functions with IN OUT parameters, EXTEND / TRIM / DELETE on collection elements, parameter defaults a type body leaves to its specification, static methods called on the type name. The golden
 * fixtures' expected.pg.sql files are loaded into a scratch database.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { one, scratchDatabase } from './pg-scratch.js';

const FIXTURES = [
  'object-method-function-procedure-same-name',
  'object-method-pipelined',
  'object-constructor-named-args',
  'if-condition-case-expression',
  'package-rowtype-types',
  'assign-through-package-and-map',
  'bulk-collect-star-into-collections',
  'overloads-same-postgres-signature',
  'object-method-out-params',
  'collection-element-methods',
  'object-method-spec-defaults',
  'object-static-method-calls',
];

const db = scratchDatabase('type_methods', 'object type method', async (s) => {
  for (const f of FIXTURES) await s.query(readFileSync(`fixtures/plsql/${f}/expected.pg.sql`, 'utf8'));
});

describe('object type methods (PostgreSQL 15)', () => {
  // Oracle: a call in an expression runs the MEMBER FUNCTION, a call statement the MEMBER
  // PROCEDURE; a subtype overriding the procedure is dispatched on the value's dynamic type.
  it('a member function and a member procedure of one name: expressions reach the function, call statements the procedure', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // l_m.negated() returns a negated copy, l_m.tag('x') changes l_m, l_copy.tag('y') is the function.
      expect(await one(a, 'SELECT matcher_demo(1)')).toBe('x|y (negated)');
      // equal_matcher overrides the procedure tag: the call statement runs its implementation, the
      // function (matcher's) calls l_result.tag(…), dispatched to equal_matcher's procedure too.
      expect(await one(a, 'SELECT matcher_demo(2)')).toBe('eq:x|eq:y (negated)');
      // p_m.negated; (no parentheses) calls the procedure, which changes the IN OUT argument.
      const r = await a.query("CALL matcher_negate(row('MATCHER', 0, 'z', NULL)::matcher)");
      expect(r.rows[0].p_m).toBe('(MATCHER,1,z,)');
      // pop() (the function) returns the last character; pop; and pop(2) (the procedure, whose
      // a_cnt has a default) shorten the label: 'abcd' → 'abc' → 'a'.
      expect(await one(a, "SELECT matcher_pop('abcd')")).toBe('d|a');
      // Both routines exist side by side.
      const kinds = await a.query(
        "SELECT proname, prokind FROM pg_proc WHERE proname IN ('matcher_negated', 'matcher_negated_proc') ORDER BY proname",
      );
      expect(kinds.rows).toEqual([
        { proname: 'matcher_negated', prokind: 'f' },
        { proname: 'matcher_negated_proc', prokind: 'p' },
      ]);
    } finally {
      await a.end();
    }
  });

  // Oracle: a PIPELINED function is read with TABLE(…), one row per PIPE ROW.
  it('PIPELINED member functions return their piped rows, also through dynamic dispatch', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, 'SELECT buffer_text(1)')).toBe('>line 1/L;>line 2/L;>line 3/L;2:>line 2:10:>10');
      expect(await one(a, 'SELECT buffer_text(2)')).toBe('#word/W;1:#word:20:#20');
      const rows = await a.query(
        "SELECT text, item_type FROM line_buffer_get_lines(row('LINE_BUFFER', '-')::buffer_base)",
      );
      expect(rows.rows).toEqual([
        { text: '-line 1', item_type: 'L' },
        { text: '-line 2', item_type: 'L' },
      ]);
    } finally {
      await a.end();
    }
  });

  // Oracle: named notation binds arguments to the constructor's parameters (the attributes) by name.
  it('attribute-value constructors with named arguments fill the attributes by name', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, "SELECT named_info('ME')")).toBe('ME.PKG:Y:2024-01-31|ME.T:N:2024-02-01');
      await a.query('BEGIN');
      await a.query("INSERT INTO cache_info VALUES ('A', 'Y', '2024-03-01'), ('B', 'X', NULL)");
      expect(await one(a, 'SELECT cached_list()')).toBe('B.X:N:;A.Y:N:2024-03-01;');
      await a.query('ROLLBACK');
    } finally {
      await a.end();
    }
  });

  it('IF / ELSIF / CASE WHEN conditions holding CASE expressions (DBMS_LOB.COMPARE, DECODE) run', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      const r = await a.query(
        "SELECT lob_state('', 1) a, lob_state(NULL, 1) b, lob_state('x', 9) c, lob_state('x', 3) d",
      );
      expect(r.rows[0]).toEqual({
        a: 'empty, small',
        b: 'code one, small',
        c: 'other, big',
        d: 'other, small',
      });
    } finally {
      await a.end();
    }
  });

  // Oracle: a subtype of table%ROWTYPE is the table's row; a record of table.column%TYPE fields and
  // collections of cursor%ROWTYPE hold rows as the select list gives them.
  it('package types built on %TYPE / %ROWTYPE of tables and cursors hold and pass rows', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query('BEGIN');
      await a.query(
        "INSERT INTO cache_schema VALUES ('ME', 'PACKAGE', '2024-01-01'), ('YOU', 'TYPE', NULL), ('HIM', 'PACKAGE', NULL)",
      );
      await a.query("INSERT INTO source_lines VALUES ('ME.A', 2, 'x'), ('ME.B', 1, 'y'), ('X.C', 3, 'z')");
      const info = await a.query("SELECT (cache_pkg.schema_info('ME')).*");
      expect(info.rows[0]).toMatchObject({ object_owner: 'ME', object_type: 'PACKAGE' });
      // Lines of ME ordered by line; two object types, the first (PACKAGE) counted twice.
      expect(await one(a, "SELECT cache_pkg.lines_text('ME')")).toBe('ME.B:1;ME.A:2;|2:PACKAGE=2');
      expect(
        await one(
          a,
          "SELECT cache_pkg.suites_text(ARRAY[row('a', 1)::suite_row, row('a.b', 2)::suite_row]::suite_rows)",
        ),
      ).toBe('a@1,a.b@2');
      await a.query('ROLLBACK');
    } finally {
      await a.end();
    }
  });

  // Oracle: assigning a field of an element of a package collection (or of a package record)
  // changes the package state; assigning inside a missing element of an associative array creates it.
  it('assignments through a package variable getter and deep in nested associative arrays', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query('CALL event_pkg.suspend(7)');
      await a.query('CALL event_pkg.suspend(9)');
      expect(await one(a, 'SELECT event_pkg.suspended()')).toBe('7/2;9/2;depth 2');
      // Two procedures, TEST_A with two texts, TEST_B with one at position 5.
      expect(await one(a, 'SELECT event_pkg.annotations()')).toBe('2:setup,more:cleanup');
      // g_counters(i).on_event(name): the member procedure changes the element of the package
      // collection (SELF IN OUT), written back: 0 + 2 + 3 and 10 + 2 + 3.
      await a.query("CALL event_pkg.notify('ab')");
      await a.query("CALL event_pkg.notify('xyz')");
      expect(await one(a, 'SELECT event_pkg.hits()')).toBe('5,15');
    } finally {
      await a.end();
    }
  });

  // Oracle: BULK COLLECT INTO c1, c2, … fills one collection per select-list column, in row order.
  it('SELECT alias.* BULK COLLECT INTO several collections, and into package collections', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query('BEGIN');
      await a.query(
        "INSERT INTO buffer_tmp VALUES (1, 2, 'b', 0), (1, 1, 'a', 0), (1, 3, 'c', 1), (2, 1, 'x', 1)",
      );
      expect(await one(a, 'SELECT buffer_pkg.read_buffer(1)')).toBe('1=a/0;2=b/0;3=c/1;');
      // No rows: empty collections, the loop does not run.
      expect(await one(a, 'SELECT buffer_pkg.read_buffer(9)')).toBeNull();
      // g_ids and g_texts filled in descending message order through the package setters.
      expect(await one(a, 'SELECT buffer_pkg.cached(1)')).toBe('3:c');
      await a.query('ROLLBACK');
    } finally {
      await a.end();
    }
  });

  // The finding OPG-PLSQL-0046 says DATE and TIMESTAMP overloads become one routine: check that
  // PostgreSQL indeed holds one (the last created) and keeps the overloads of distinct types.
  it('overloads of one PostgreSQL signature are one routine, the others stay apart', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      const count = async (name: string) =>
        Number(
          await one(
            a,
            `SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname || '.' || p.proname = '${name}'`,
          ),
        );
      expect(await count('fmt.show')).toBe(2);
      expect(await count('fmt.pad')).toBe(2);
      expect(await count('public.within_matcher_of_')).toBe(2);
      expect(await one(a, "SELECT fmt.show(DATE '2024-05-06')")).toBe('timestamp 2024-05-06 00:00');
      expect(await one(a, 'SELECT fmt.show(42)')).toBe('number 42');
      expect(
        await one(a, "SELECT (within_matcher_of_(row(1, NULL)::within_matcher, DATE '2024-05-06')).expected"),
      ).toBe('timestamp');
    } finally {
      await a.end();
    }
  });

  // Oracle: v := obj.m(x) with x IN OUT returns the value and changes x; the subtype's override
  // runs for a value of the subtype (dynamic dispatch).
  it('member functions with IN OUT parameters (and SELF IN OUT) assign the argument and the result, also dispatched', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, "SELECT run_all('b')")).toBe('run:a;check test b=b;ok');
      expect(await one(a, "SELECT run_all('x')")).toBe('run:a;check test b=x;failed');
      // SELF IN OUT: pop() changes the stack it is called on, also inside a condition and inside
      // another expression (the calls run first, once, in order) and from another method (pop_upper).
      expect(await one(a, 'SELECT stack_demo()')).toBe('c:cbX|a');
    } finally {
      await a.end();
    }
  });

  // Oracle: EXTEND / TRIM / DELETE work on any collection, also an element of a collection of
  // collections; DELETE(k1, k2) of an INDEX BY table removes the elements from k1 to k2.
  it('EXTEND / TRIM / DELETE on a collection element, DELETE of a range of an INDEX BY table', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // ('a') extended twice, filled, trimmed → ('a', 'b'); the second level deleted → 0 elements;
      // v1..v5 without 2..3 (5..4 is an empty range).
      expect(await one(a, 'SELECT levels_demo()')).toBe('2:b:0:v1v4v5');
    } finally {
      await a.end();
    }
  });

  // Oracle: callers see the defaults of the type specification, also when the TYPE BODY's
  // parameters have none; a call may leave those arguments out (positionally or with named notation).
  it('a method called without the arguments its specification gives defaults (the body gives none)', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // counter(1), bump (a_by 5) → base 6; total = 6 + 1 * 2, total(3) = 6 + 3 * 2,
      // total(a_times => 3) = 6 + 1 * 3, label('n=') appends the default suffix '!'.
      expect(await one(a, 'SELECT counter_demo()')).toBe('8 12 9 n=6!');
      expect(await one(a, 'SELECT counter_total(row(10)::counter)')).toBe('12');
      const r = await a.query('CALL counter_bump(row(10)::counter)');
      expect(r.rows[0].self).toBe('(15)');
    } finally {
      await a.end();
    }
  });

  // Oracle: a static method is called on the type name (TYPE.m(…)), has no SELF, is chosen among
  // overloads by argument type and is inherited by subtypes; in the type body it is called unqualified.
  it('static methods called as TYPE.m(…): functions and procedures, overloads, inherited, in declarations and SQL', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // l_a = of_cents(250); of_cents('1.5') (the VARCHAR2 overload) = 1.5 * 100, plus → 400
      // (printed as Oracle's TO_CHAR: not 400.0); sub_amount.of_cents(7) runs amount's;
      // amount.zero() = 0; SELECT of_cents(250 + 1) = 251; split(1234, l_rest) = 1200, l_rest 34.
      expect(await one(a, 'SELECT amount_demo()')).toBe('400 7 0 251 1200+34');
      // The static procedure log_it ran: called on the type name, unqualified from the static
      // function of_cents(VARCHAR2) and from the member function plus.
      const log = await a.query('SELECT msg FROM amount_log');
      expect(log.rows.map((r) => r.msg)).toEqual(['start', 'parsed 1.5', 'plus']);
      // Static routines take no SELF.
      expect(await one(a, "SELECT pg_get_function_identity_arguments('amount_log_it'::regproc)")).toBe(
        'IN a_msg character varying',
      );
    } finally {
      await a.end();
    }
  });
});
