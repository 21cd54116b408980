/**
 * Behaviour on PostgreSQL 15 of the PL/SQL object types for JSON (JSON_ELEMENT_T, JSON_OBJECT_T,
 * JSON_ARRAY_T, JSON_KEY_LIST as jsonb / text[]) and of SYS.ANYDATA (opg_anydata rows): the golden
 * fixtures' expected.pg.sql files are loaded into a scratch database and their functions run.
 * Expected values are Oracle's (JSON Developer's Guide, "Using PL/SQL Object Types for JSON";
 * PL/SQL Packages and Types Reference, "JSON Data Structures" and "ANYDATA TYPE"); JSON text is
 * compared parsed, as jsonb prints ", " and ": " where Oracle prints none (OPG-JSON-0001).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { one, scratchDatabase } from './pg-scratch.js';

const FIXTURES = ['json-object-types', 'anydata-values'];

const db = scratchDatabase('json_anydata', 'JSON object type / ANYDATA', async (s) => {
  for (const f of FIXTURES) await s.query(readFileSync(`fixtures/plsql/${f}/expected.pg.sql`, 'utf8'));
});

describe('PL/SQL object types for JSON (PostgreSQL 15)', () => {
  it("parse, TREAT … AS JSON_OBJECT_T, put and to_string (the JSON Developer's Guide example)", async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      const text = await one(a, `SELECT json_add_price('{"name":"Radio controlled plane"}')`);
      expect(JSON.parse(text as string)).toEqual({ name: 'Radio controlled plane', price: 149.99 });
      // Not an object: TREAT is not reached, jo stays NULL.
      expect(await one(a, "SELECT json_add_price('[1]')")).toBeNull();
    } finally {
      await a.end();
    }
  });

  it('get_keys into a JSON_KEY_LIST, appended to a JSON_ARRAY_T created with NEW', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      const text = await one(
        a,
        `SELECT json_key_names('{"name":"Beda","jobTitle":"codmonki","projects":["json", "xml"]}')`,
      );
      expect(JSON.parse(text as string)).toEqual(['name', 'jobTitle', 'projects']);
    } finally {
      await a.end();
    }
  });

  it('typed getters by key and 0-based position, has, get_size, stringify of an element', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      const doc = {
        Reference: 'ABULL-2014',
        Rush: true,
        LineItems: [
          { Quantity: 2, Part: { UnitPrice: 19.95 } },
          { Quantity: 1, Part: { UnitPrice: 5 } },
        ],
      };
      const r = await a.query('SELECT json_getters($1) AS v', [JSON.stringify(doc)]);
      const parts = (r.rows[0].v as string).split('|');
      // 2 × 19.95 + 1 × 5
      expect(parts.slice(0, 6)).toEqual(['ABULL-2014', '44.9', '2', 'rush', 'has', '2']);
      expect(JSON.parse(parts[6])).toEqual({ Quantity: 1, Part: { UnitPrice: 5 } });
      expect(parts[7]).toBe('STRING');
    } finally {
      await a.end();
    }
  });

  it('introspection: is_object / is_array / is_string / is_number / is_true / is_null / is_scalar, TREAT of another kind is NULL', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      const r = await a.query(
        `SELECT json_kind('{"a":1,"b":2}') o, json_kind('[1,2,3]') a, json_kind('"x"') s, json_kind('4.5') n, json_kind('true') t, json_kind('false') f, json_kind('null') z`,
      );
      expect(r.rows[0]).toEqual({
        o: 'object:2',
        a: 'array:3:not-object',
        s: 'string:"x":scalar:not-object',
        n: 'number:5.5:scalar:not-object',
        t: 'true:scalar:not-object',
        f: 'false:scalar:not-object',
        z: 'null:scalar:not-object',
      });
    } finally {
      await a.end();
    }
  });

  it('mutators: put (scalars, objects, arrays), put_null, remove, rename_key, append, append_null, put at a position, a change through get_Object', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      const text = await one(a, 'SELECT json_build()');
      expect(JSON.parse(text as string)).toEqual({
        name: 'Widget',
        qty: 3,
        ok: true,
        part: { id: 7, color: 'red' },
        items: ['zero', 2, 'three', null],
      });
      expect(JSON.parse((await one(a, "SELECT json_put_missing('a')")) as string)).toEqual({ a: { b: 1 } });
      // Oracle: ORA-30625, method dispatch on a NULL SELF.
      await expect(a.query("SELECT json_put_missing('zz')")).rejects.toThrow(/must not be null/);
    } finally {
      await a.end();
    }
  });

  it('a JSON_OBJECT_T attribute of an object type; parse of a BLOB', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, `SELECT json_holder_name_of(row('{"name":"n1","k":2}'::jsonb)::json_holder)`)).toBe(
        'n1:2',
      );
      expect(
        JSON.parse((await one(a, `SELECT json_from_blob(convert_to('{"a":[1,2]}', 'UTF8'))`)) as string),
      ).toEqual({ a: [1, 2] });
    } finally {
      await a.end();
    }
  });
});

describe('PL/SQL object types for JSON in packages (PostgreSQL 15)', () => {
  it('methods of a package variable and of a package function result (doc().get_String, pkg.doc().get_Array(…).get_size)', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, 'SELECT json_pkg.doc_info()')).toBe('pkg:3:has n');
    } finally {
      await a.end();
    }
  });
});

describe('ANYDATA (PostgreSQL 15)', () => {
  it('Convert… / GetTypeName / Access… / Get… round trips of NUMBER, VARCHAR2 and DATE; a NULL value keeps the ANYDATA NOT NULL', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, 'SELECT any_scalars()')).toBe(
        'SYS.NUMBER=43.5;SYS.VARCHAR2=abc;SYS.DATE=2024-01-31 10:20:30;42.5;0;null kept',
      );
      expect(await one(a, 'SELECT any_type_name(NULL)')).toBe('undefined');
    } finally {
      await a.end();
    }
  });

  it('ConvertObject / ConvertCollection and GetObject / GetCollection: the value and the type name SCHEMA.TYPE', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      const schema = ((await one(a, 'SELECT upper(current_schema)')) as string).toUpperCase();
      expect(await one(a, 'SELECT any_objects()')).toBe(`${schema}.POINT_T=1,2;${schema}.NUM_LIST=3:312;78`);
    } finally {
      await a.end();
    }
  });

  it('DBMS_TYPES constants: type codes of collections (VARRAY 247, TABLE 248, NAMEDCOLLECTION 122) and objects (108), SUCCESS 0', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      const r = await a.query(
        'SELECT any_type_kind(247) a, any_type_kind(248) b, any_type_kind(122) c, any_type_kind(108) d, any_type_kind(0) e, any_type_kind(2) f',
      );
      expect(r.rows[0]).toEqual({
        a: 'collection',
        b: 'collection',
        c: 'collection',
        d: 'object',
        e: 'success',
        f: 'scalar',
      });
    } finally {
      await a.end();
    }
  });

  it('an ANYDATA column: stored by INSERT … ANYDATA.ConvertNumber, read back by SELECT … INTO', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query('BEGIN');
      expect(await one(a, 'SELECT any_stored(3)')).toBe('SYS.NUMBER=30');
      const r = await a.query('SELECT (payload).type_name, (payload).value FROM any_store');
      expect(r.rows).toEqual([{ type_name: 'SYS.NUMBER', value: 30 }]);
      await a.query('ROLLBACK');
    } finally {
      await a.end();
    }
  });
});
