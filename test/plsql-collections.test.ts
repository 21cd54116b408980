/**
 * Collections and package state on PostgreSQL 15, from golden fixtures' converted output:
 * collection methods on package variables (getter / setter), on parameters (NEXT / PRIOR), on
 * local variables (EXTEND(n), TRIM, constructors), and a package whose initialization section and
 * one type could not be converted: its state, getters, setters and members still work; nested
 * subprograms lifted to routines of their own, enclosing variables passed by name. Skipped
 * with a message when no server answers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { one, scratchDatabase } from './pg-scratch.js';

const FIXTURES = [
  'collection-methods-package',
  'package-state-robust',
  'nested-subprogram-lifted',
  'nested-subprogram',
  'object-self-attributes',
  'bulk-collect-fetch-dynamic',
  'record-field-collections',
  'collection-builtin-types',
  'collection-chains',
];
const db = scratchDatabase('coll', 'collection', async (s) => {
  for (const f of FIXTURES) await s.query(readFileSync(`fixtures/plsql/${f}/expected.pg.sql`, 'utf8'));
});
const session = () => db.session();

describe('collections (PostgreSQL 15)', () => {
  it('EXTEND, element assignment, COUNT, EXISTS and DELETE on a package variable', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      expect(Number(await one(a, 'SELECT coll_pkg.cnt()'))).toBe(0);
      await a.query("CALL coll_pkg.add_item('x')");
      await a.query("CALL coll_pkg.add_item('y')");
      expect(Number(await one(a, 'SELECT coll_pkg.cnt()'))).toBe(2);
      expect(await one(a, 'SELECT coll_pkg.item(2)')).toBe('y');
      expect(await one(a, 'SELECT coll_pkg.item(3)')).toBeNull();
      await a.query('CALL coll_pkg.reset_items()');
      expect(Number(await one(a, 'SELECT coll_pkg.cnt()'))).toBe(0);
    } finally {
      await a.end();
    }
  });

  it('NEXT and PRIOR on a parameter follow Oracle on a dense collection', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      const list = "ARRAY['a','b','c']::str_list";
      expect(Number(await one(a, `SELECT coll_pkg.nxt(${list}, 1)`))).toBe(2);
      expect(await one(a, `SELECT coll_pkg.nxt(${list}, 3)`)).toBeNull();
      expect(Number(await one(a, `SELECT coll_pkg.nxt(${list}, 0)`))).toBe(1);
      expect(Number(await one(a, `SELECT coll_pkg.prv(${list}, 3)`))).toBe(2);
      expect(await one(a, `SELECT coll_pkg.prv(${list}, 1)`)).toBeNull();
      expect(Number(await one(a, `SELECT coll_pkg.prv(${list}, 9)`))).toBe(3);
    } finally {
      await a.end();
    }
  });

  it('collections in record fields and records in record fields read as Oracle reads them', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      // first key of the string-indexed map ('a' < 'b'), sum over a sparse INDEX BY field (3, 7),
      // EXISTS on a present and an absent index, a.b.c on a parameter: 3 / 8 * 100 rounded.
      expect(await one(a, 'SELECT cov.demo()')).toBe('PKG_0:15:5:-1:37.5');
      // The same types used outside their package (field and element types named unqualified there).
      expect(await one(a, "SELECT unit_total(cov.sample(), 'b')")).toBe('B=10');
    } finally {
      await a.end();
    }
  });

  it('chains of fields, elements and collection methods on records, maps and objects', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      // Units in byte order of their keys; lines indexed by source line numbers (3; 5 and 7) keep
      // their indexes through the jsonb element (FIRST / NEXT / LAST / EXISTS, elements' fields);
      // total = A.PROC's COUNT (1) + B.PKG line 5's partcove (1); then chains on build()'s result.
      expect(await one(a, 'SELECT cov_chain.summary(cov_chain.build())')).toBe(
        'A.PROC:3=9;no6;last=3;B.PKG:5=1;B.PKG:7=2;no6;last=7;total=2;B7=2;first=A.PROC',
      );
      // DELETE('2') / DELETE('4') on an INDEX BY PLS_INTEGER table: the keys converted to numbers.
      expect(await one(a, 'SELECT cov_chain.kept_lines()')).toBe('135');
      // DELETE(2) and DELETE on collections held in a string-keyed map (through a local).
      expect(await one(a, 'SELECT cov_chain.deleted_texts()')).toBe('1x3z:0');
      // A VARCHAR2 variable holding '2' as an index, read and assigned.
      expect(await one(a, 'SELECT cov_chain.string_index()')).toBe('aBc');
      // An INDEX BY table inside a record inside a map element keeps its indexes (4, 6).
      expect(await one(a, 'SELECT cov_chain.nested_bounds()')).toBe('4:6:8');
      // Methods and collection attributes on elements of a record field, of a string-keyed map,
      // and of a SELF attribute named without SELF (utPLSQL ut_test.get_result_lines).
      expect(await one(a, 'SELECT chain_pkg.demo()')).toBe(
        'second:b:2:lines: 3:r:3:first/lines: 2/2/b;second/lines: 1/1;',
      );
    } finally {
      await a.end();
    }
  });

  it('built-in package collection types are arrays; INDEX BY ones skip their gaps', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      // SOURCE_LINES_T elements 1 and 3, ODCIVARCHAR2LIST('a','b'), UNCL_ARRAY's first index 2.
      expect(await one(a, "SELECT join_lines('|')")).toBe('x|z|ab|2|2');
      expect(await one(a, 'SELECT sql_type_codes()')).toBe('1,2,112,180');
    } finally {
      await a.end();
    }
  });

  it('constructor, EXTEND(n), element assignment and TRIM on a local collection', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      expect(await one(a, 'SELECT coll_pkg.defaults()::text')).toBe('{a,b,NULL}');
    } finally {
      await a.end();
    }
  });
});

describe('package whose initialization section is not converted (PostgreSQL 15)', () => {
  it('keeps its state, getters, setters and members; opg_init warns once per session', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    const notices: string[] = [];
    a.on('notice', (n) => notices.push(n.message ?? ''));
    try {
      expect(await one(a, 'SELECT settings_pkg.get_flag()')).toBe(false);
      await a.query('CALL settings_pkg.set_flag(true)');
      expect(await one(a, 'SELECT settings_pkg.get_flag()')).toBe(true);
      expect(notices.filter((m) => m.includes('initialization section not converted'))).toHaveLength(1);
      // The member reading the string-indexed associative array (jsonb, empty): NO_DATA_FOUND.
      await expect(a.query("SELECT settings_pkg.lookup('k')")).rejects.toMatchObject({ code: 'P0002' });
    } finally {
      await a.end();
    }
  });
});

describe('nested subprograms lifted to routines (PostgreSQL 15)', () => {
  it('call each other, read the enclosing variables they are passed, write back IN OUT ones', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      expect(await one(a, "SELECT format_name('jOHN', 'smith')")).toBe('John Smith');
      expect(Number(await one(a, 'SELECT total_with_tax(100)'))).toBe(120);
      // bump assigns the enclosing l_calls (0 → 1) and returns it: 1 + 5.
      expect(Number(await one(a, 'SELECT counted(5)'))).toBe(6);
      // The enclosing procedure's total is updated through the INOUT parameter of the lifted one.
      await a.query('CALL outer_proc(3)');
      const notices: string[] = [];
      a.on('notice', (n) => notices.push(n.message ?? ''));
      await a.query(
        `DO $$ DECLARE t numeric := 1; BEGIN CALL outer_proc_add_one(4, v_total => t); RAISE NOTICE '%', t; END $$`,
      );
      expect(notices).toEqual(['5']);
    } finally {
      await a.end();
    }
  });
});

describe('object type methods naming attributes without SELF (PostgreSQL 15)', () => {
  it('read and change the attributes of the object they are called on', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      const notices: string[] = [];
      a.on('notice', (n) => notices.push(n.message ?? ''));
      await a.query(`DO $$
        DECLARE r roster_t := row(NULL, NULL)::roster_t;
        BEGIN
          CALL roster_t_add_member(r, 'ann');
          CALL roster_t_add_member(r, 'bob');
          RAISE NOTICE '% %', roster_t_size_text(r), r.members;
        END $$`);
      expect(notices).toEqual(['roster: 2 {ann,bob}']);
    } finally {
      await a.end();
    }
  });
});

describe('BULK COLLECT from a cursor and from dynamic SQL (PostgreSQL 15)', () => {
  it('collects every row in order, batch by batch with LIMIT, and stops when the rows run out', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await session();
    try {
      await a.query('BEGIN');
      await a.query(
        "INSERT INTO tasks VALUES (1, 'a', 0), (2, 'b', 1), (3, 'c', 0), (4, 'd', 0), (5, 'e', 0)",
      );
      // 4 open tasks: batches of 2 end with an empty fetch, batches of 3 with a short one.
      expect(await one(a, 'SELECT open_titles(2)::text')).toBe('{a,c,d,e}');
      expect(await one(a, 'SELECT open_titles(3)::text')).toBe('{a,c,d,e}');
      expect(await one(a, 'SELECT open_titles(10)::text')).toBe('{a,c,d,e}');
      expect(await one(a, 'SELECT titles_where(1)::text')).toBe('{b}');
      expect(await one(a, 'SELECT titles_where(7)::text')).toBe('{}');
      await a.query('ROLLBACK');
    } finally {
      await a.end();
    }
  });
});
