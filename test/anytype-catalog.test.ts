/**
 * Behaviour on PostgreSQL 15 of ANYTYPE descriptions read from the catalog (fixture
 * plsql/anytype-describe, convert/plsql/anytype.ts): ANYTYPE.GetPersistent and
 * GETANYTYPEFROMPERSISTENT (in a dynamic PL/SQL block), GetInfo, GetAttrElemInfo and
 * ANYDATA.GetType. Expected values are those Oracle documents (PL/SQL Packages and Types
 * Reference, "ANYTYPE TYPE", "ANYDATA TYPE", "DBMS_TYPES"): TYPECODE_OBJECT 108, TYPECODE_VARRAY
 * 247, TYPECODE_TABLE 248, NUMBER 2, VARCHAR2 9, DATE 12, CLOB 112; upper-case names; numelems the
 * number of attributes of an object type, the limit of a VARRAY; ORA-22303 for an unknown type.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCase } from './golden.js';
import { one, scratchDatabase } from './pg-scratch.js';

/** A type hierarchy: its hidden type tag column is not an attribute. */
const HIERARCHY = `
CREATE TYPE animal_t AS OBJECT (name VARCHAR2(20)) NOT FINAL;
/
CREATE TYPE dog_t UNDER animal_t (breed VARCHAR2(30));
/
CREATE OR REPLACE FUNCTION attr_count(a_name VARCHAR2) RETURN VARCHAR2 IS
  l_type ANYTYPE := ANYTYPE.GetPersistent(USER, a_name);
  p PLS_INTEGER; s PLS_INTEGER; l PLS_INTEGER; ci PLS_INTEGER; cf PLS_INTEGER;
  sn VARCHAR2(128); tn VARCHAR2(128); v VARCHAR2(100); n PLS_INTEGER;
  code PLS_INTEGER;
  e ANYTYPE; an VARCHAR2(128); acode PLS_INTEGER;
BEGIN
  code := l_type.GetInfo(p, s, l, ci, cf, sn, tn, v, n);
  acode := l_type.GetAttrElemInfo(n, p, s, l, ci, cf, e, an);
  RETURN code || ' ' || sn || '.' || tn || ' ' || n || ' ' || acode || ' ' || an || ' ' || l;
END;
/
`;

const db = scratchDatabase('anytype_catalog', 'ANYTYPE catalog', async (s) => {
  await s.query(readFileSync('fixtures/plsql/anytype-describe/expected.pg.sql', 'utf8'));
});

describe('ANYTYPE described from the catalog (PostgreSQL 15)', () => {
  it('GetPersistent + GetInfo: type code, upper-case schema and name, attribute count / VARRAY limit', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const r = await c.query(
        `SELECT type_desc.describe('PUBLIC', 'SHAPE_T') AS obj, type_desc.describe('PUBLIC', 'SHAPE_LIST') AS tab,
                type_desc.describe('PUBLIC', 'TAG_ARR') AS arr`,
      );
      expect(r.rows[0]).toEqual({
        obj: '108 PUBLIC.SHAPE_T 4',
        tab: '248 PUBLIC.SHAPE_LIST 0',
        arr: '247 PUBLIC.TAG_ARR 5',
      });
      // GetInfo's other OUT values: version NULL (no type versions on PostgreSQL).
      const info = await c.query(
        `SELECT (i).type_code, (i).schema_name, (i).type_name, (i).elements, (i).version FROM (SELECT type_desc.info('PUBLIC.SHAPE_T') AS i) x`,
      );
      expect(info.rows[0]).toEqual({
        type_code: 108,
        schema_name: 'PUBLIC',
        type_name: 'SHAPE_T',
        elements: 4,
        version: null,
      });
    } finally {
      await c.end();
    }
  });

  it('GETANYTYPEFROMPERSISTENT in a dynamic block: the type name; an unknown type raises ORA-22303 (caught by its EXCEPTION_INIT)', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      expect(await one(c, `SELECT type_desc.persistent('PUBLIC', 'SHAPE_T')`)).toBe('PUBLIC.SHAPE_T');
      expect(await one(c, `SELECT type_desc.persistent('PUBLIC', 'NO_SUCH_TYPE') IS NULL`)).toBe(true);
      // A schema that exists without the type: not found (no fallback to the search path).
      await c.query('CREATE SCHEMA IF NOT EXISTS empty_s');
      expect(await one(c, `SELECT type_desc.persistent('EMPTY_S', 'SHAPE_T') IS NULL`)).toBe(true);
      await expect(c.query(`SELECT type_desc.describe('PUBLIC', 'NO_SUCH_TYPE')`)).rejects.toThrow(
        /ORA-22303/,
      );
    } finally {
      await c.end();
    }
  });

  it('GetAttrElemInfo: attribute type codes, names, precision / scale / length; collection element types', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const r = await c.query(
        `SELECT p, type_desc.attribute('PUBLIC.SHAPE_T', p) AS a FROM generate_series(1, 4) AS p ORDER BY p`,
      );
      expect(r.rows.map((x) => x.a)).toEqual([
        '2 ID 10 2  -',
        '9 LABEL   30 -',
        '112 NOTE    -',
        '12 BORN    -',
      ]);
      // A nested table of objects: the element is an object type with its ANYTYPE; a VARRAY of VARCHAR2(20).
      expect(await one(c, `SELECT type_desc.attribute('PUBLIC.SHAPE_LIST', NULL)`)).toBe(
        '108 -    PUBLIC.SHAPE_T',
      );
      expect(await one(c, `SELECT type_desc.attribute('PUBLIC.TAG_ARR', NULL)`)).toBe('9 -   20 -');
      await expect(c.query(`SELECT type_desc.attribute('PUBLIC.SHAPE_T', 5)`)).rejects.toThrow(
        /no attribute at position 5/,
      );
    } finally {
      await c.end();
    }
  });

  it('ANYDATA.GetType of converted values: object / collection codes with their ANYTYPE, scalars without', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      expect(await one(c, 'SELECT type_desc.samples()')).toBe(
        'object PUBLIC.SHAPE_T|collection 248 PUBLIC.SHAPE_LIST|collection 247 PUBLIC.TAG_ARR|scalar 2 -|PUBLIC.SHAPE_T|scalar 9',
      );
    } finally {
      await c.end();
    }
  });

  it('GetType / GetInfo inside larger expressions: run first, OUT arguments set', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const r = await c.query(
        `SELECT type_desc.is_object(ROW('PUBLIC.SHAPE_T', '{}')::opg_anydata) AS obj,
                type_desc.is_object(ROW('SYS.NUMBER', '1')::opg_anydata) AS num,
                type_desc.elements('PUBLIC', 'SHAPE_T') AS attrs, type_desc.elements('PUBLIC', 'SHAPE_LIST') AS coll`,
      );
      expect(r.rows[0]).toEqual({ obj: true, num: false, attrs: 4, coll: -1 });
    } finally {
      await c.end();
    }
  });

  it('a type hierarchy: the type tag column is not an attribute (a subtype has its supertype attributes first)', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      await c.query('CREATE SCHEMA zoo; SET search_path = zoo, public');
      await c.query(renderCase(HIERARCHY).sql);
      expect(await one(c, `SELECT attr_count('DOG_T')`)).toBe('108 ZOO.DOG_T 2 9 BREED 30');
    } finally {
      await c.end();
    }
  });
});
