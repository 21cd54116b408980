/**
 * Behaviour on PostgreSQL 15 of the converted SQL/JSON functions (rules/json-functions.ts): the golden
 * fixtures ddl/view-json-functions and plsql/json-sql-functions are loaded into a scratch database and
 * their views and functions run. Expected values are Oracle's (SQL Language Reference 19c, JSON_VALUE,
 * JSON_QUERY, JSON_EXISTS, JSON_OBJECT, JSON_ARRAY, JSON_ARRAYAGG; JSON Developer's Guide 19c, error and
 * empty-field clauses): NULL ON ERROR by default, one scalar for JSON_VALUE, one object or array for
 * JSON_QUERY without a wrapper, generated JSON in the order written and without spaces.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertText } from '../src/index.js';
import { one, scratchDatabase } from './pg-scratch.js';

const PO1 = {
  PONumber: 1600,
  Reference: 'ABULL-20140421',
  Requestor: 'Alexis Bull',
  Qty: 'x',
  LineItems: [
    { Part: { UPC: 13131092899 }, Quantity: 9 },
    { Part: { UPC: 85391628927 }, Quantity: 5 },
  ],
};
const PO2 = {
  PONumber: '1700',
  Reference: 'SBELL',
  Missing: null,
  Qty: 3,
  LineItems: [{ Part: { UPC: 1 }, Quantity: 2 }],
};
const ORDER1 = {
  customer: { name: 'Alexis Bull' },
  rush: true,
  items: [
    { sku: 'A1', qty: 2, price: 19.95 },
    { sku: 'B2', qty: 1, price: 5 },
  ],
};
const ORDER2 = { customer: { name: 'Sarah Bell' }, items: [{ sku: 'C3', qty: 3, price: 'x' }] };

const db = scratchDatabase('json_functions', 'SQL/JSON function', async (s) => {
  for (const f of ['ddl/view-json-functions', 'plsql/json-sql-functions'])
    await s.query(readFileSync(`fixtures/${f}/expected.pg.sql`, 'utf8'));
  await s.query(
    'INSERT INTO po VALUES (1, $1, convert_to(\'{"a":"2014-04-21T10:11:12"}\', \'UTF8\')), (2, $2, NULL)',
    [JSON.stringify(PO1), JSON.stringify(PO2)],
  );
  await s.query('INSERT INTO json_orders VALUES (1, $1), (2, $2)', [
    JSON.stringify(ORDER1),
    JSON.stringify(ORDER2),
  ]);
});

describe('SQL/JSON functions (PostgreSQL 15)', () => {
  it('JSON_VALUE: RETURNING NUMBER / DATE / VARCHAR2(n) TRUNCATE, DEFAULT ON ERROR, DEFAULT ON EMPTY, BLOB FORMAT JSON', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      const r = await a.query(
        "SELECT id, po_number::text, reference, who, qty::text, missing, to_char(bd, 'YYYY-MM-DD HH24:MI:SS') bd, upc FROM po_v ORDER BY id",
      );
      expect(r.rows).toEqual([
        // "x" is not a number: DEFAULT 0 ON ERROR; Missing is absent: DEFAULT 'none' ON EMPTY;
        // RETURNING DATE drops the time of day.
        {
          id: '1',
          po_number: '1600',
          reference: 'ABULL-20140421',
          who: 'Alexi',
          qty: '0',
          missing: 'none',
          bd: '2014-04-21 00:00:00',
          upc: '13131092899',
        },
        // "1700" is a string holding a number; Missing is JSON null: found, so NULL and not the ON EMPTY default.
        {
          id: '2',
          po_number: '1700',
          reference: 'SBELL',
          who: null,
          qty: '3',
          missing: null,
          bd: null,
          upc: '1',
        },
      ]);
      // The function-based index is created on the converted expression.
      expect(await one(a, "SELECT count(*)::int FROM pg_indexes WHERE indexname = 'po_reference_ix'")).toBe(
        1,
      );
    } finally {
      await a.end();
    }
  });

  it('ERROR ON ERROR raises for a missing field (strict path) unless ON EMPTY says otherwise', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, 'SELECT po_number::text FROM po_strict WHERE id = 1')).toBe('1600');
      // … but NULL / DEFAULT / EMPTY OBJECT ON EMPTY say what a missing field gives.
      const r = await a.query('SELECT null_on_empty, default_on_empty, empty_object FROM po_strict WHERE id = 1');
      expect(r.rows[0]).toEqual({ null_on_empty: null, default_on_empty: 'none', empty_object: '{}' });
      await a.query(`INSERT INTO po VALUES (3, '{"Reference":"x","LineItems":[{"Quantity":2}]}', NULL)`);
      await expect(a.query('SELECT po_number FROM po_strict WHERE id = 3')).rejects.toThrow(/PONumber/);
      await a.query('DELETE FROM po WHERE id = 3');
    } finally {
      await a.end();
    }
  });

  it('JSON_QUERY: one object or array without a wrapper, all matches WITH WRAPPER, CONDITIONAL wrapper', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      const r = await a.query('SELECT id, items, parts, ref_wrapped FROM po_v ORDER BY id');
      expect(JSON.parse(r.rows[0].items)).toEqual(PO1.LineItems);
      expect(JSON.parse(r.rows[0].parts)).toEqual([{ UPC: 13131092899 }, { UPC: 85391628927 }]);
      // A scalar WITH CONDITIONAL WRAPPER is wrapped.
      expect(JSON.parse(r.rows[0].ref_wrapped)).toEqual(['ABULL-20140421']);
      expect(JSON.parse(r.rows[1].parts)).toEqual([{ UPC: 1 }]);
    } finally {
      await a.end();
    }
  });

  it('JSON_OBJECT / JSON_ARRAY: Oracle text (order written, no spaces), FORMAT JSON embedded, NULL handling', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      const r = await a.query('SELECT id, obj, arr FROM po_v ORDER BY id');
      expect(r.rows[0].arr).toBe('[1,"x",null,1.5]');
      expect(r.rows[1].arr).toBe('[2,"x",null,1.5]');
      const obj = JSON.parse(r.rows[1].obj);
      expect(Object.keys(obj)).toEqual(['id', 'ref', 'items']);
      expect(obj).toEqual({ id: 2, ref: 'SBELL', items: PO2.LineItems });
      expect(r.rows[1].obj.startsWith('{"id":2,"ref":"SBELL","items":[')).toBe(true);
    } finally {
      await a.end();
    }
  });

  it('JSON_OBJECT(*) and JSON_OBJECT(t.* ABSENT ON NULL): the columns in table order, keyed by their Oracle names', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query("INSERT INTO dept_small VALUES (10, 'ACCOUNTING', NULL)");
      const r = await a.query('SELECT j, j2 FROM dept_json');
      expect(r.rows[0]).toEqual({
        j: '{"DEPTNO":10,"DNAME":"ACCOUNTING","LOC":null}',
        j2: '{"DEPTNO":10,"DNAME":"ACCOUNTING"}',
      });
    } finally {
      await a.end();
    }
  });

  it('JSON_ARRAYAGG with ORDER BY and JSON_OBJECTAGG with FORMAT JSON values', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      const r = await a.query('SELECT ids, docs FROM po_agg');
      expect(r.rows[0].ids).toBe('[2,1]');
      expect(JSON.parse(r.rows[0].docs)).toEqual({ '1': PO1, '2': PO2 });
    } finally {
      await a.end();
    }
  });

  it('JSON_EXISTS with a filter and a PASSING variable (the view keeps both orders: Quantity > 1)', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(await one(a, 'SELECT count(*)::int FROM po_v')).toBe(2);
      // No order has a line of 100: no row, JSON_ARRAYAGG gives NULL.
      expect(await one(a, 'SELECT order_ids(100)')).toBeNull();
    } finally {
      await a.end();
    }
  });

  it('PL/SQL: JSON_VALUE with PASSING and DEFAULT ON ERROR in a loop, SELECT … INTO with JSON_QUERY / JSON_EXISTS, JSON_ARRAYAGG', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      const totals = await a.query('SELECT order_total(doc)::float8 t FROM json_orders ORDER BY id');
      // 2 × 19.95 + 1 × 5; order 2: price "x" is not a number → DEFAULT 0 ON ERROR → 3 × 0.
      expect(totals.rows.map((x) => x.t)).toEqual([44.9, 0]);
      const s1 = (await one(a, 'SELECT order_summary(1)')) as string;
      expect(Object.keys(JSON.parse(s1))).toEqual(['id', 'customer', 'skus', 'rush', 'total']);
      expect(JSON.parse(s1)).toEqual({
        id: 1,
        customer: 'Alexis Bull',
        skus: ['A1', 'B2'],
        rush: 'yes',
        total: 44.9,
      });
      expect(JSON.parse((await one(a, 'SELECT order_summary(2)')) as string)).toEqual({
        id: 2,
        customer: 'Sarah Bell',
        skus: ['C3'],
        rush: 'no',
        total: 0,
      });
      expect(await one(a, 'SELECT order_ids(2)')).toBe('[1,2]');
      expect(await one(a, 'SELECT order_ids(3)')).toBe('[2]');
    } finally {
      await a.end();
    }
  });

  it("PL/SQL: Oracle's NULL ON ERROR cases, ON EMPTY defaults and ON NULL clauses", async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      const r = await one(a, `SELECT json_defaults('{"obj":{"a":1},"arr":[1,2],"name":"abcd"}')`);
      // none (ON EMPTY) | object → NULL | several → NULL | too long → NULL | TRUNCATE | JSON_QUERY of a
      // scalar → NULL | CONDITIONAL wraps a scalar | … keeps an object | EMPTY ARRAY ON ERROR | ABSENT | NULL ON NULL
      expect(JSON.parse(r as string)).toEqual([
        'none',
        null,
        null,
        null,
        'abc',
        null,
        ['abcd'],
        { a: 1 },
        [],
        {},
        { k: null },
      ]);
    } finally {
      await a.end();
    }
  });
});

describe('SQL/JSON function conversion', () => {
  const convert = (sql: string) => convertText(sql);

  it('parses the clauses that made statements fail (utPLSQL json_query … returning clob)', () => {
    const r = convert(`CREATE OR REPLACE FUNCTION f(a_json_t VARCHAR2) RETURN CLOB IS
BEGIN
  RETURN json_query(a_json_t, '$' returning clob);
END;
/`);
    expect(r.findings.filter((f) => f.id.startsWith('OPG-PARSE'))).toEqual([]);
    expect(r.phases.code).toContain(`jsonb_path_query_first(jsonb_path_query_array(a_json_t::jsonb, '$')`);
  });

  it("reads 'k':1 and 'k':col (lexed as bind variables) as members, and JSON_OBJECT(col) keyed by the column name", () => {
    const r = convert(`CREATE VIEW v AS SELECT json_object('a':1, 'b':x) a, json_object(id) b FROM t;`);
    expect(r.phases.code).toContain(`concat_ws(',', '"a":1', '"b":' || coalesce(to_json(x)::text, 'null'))`);
    expect(r.phases.code).toContain(`'"ID":' || coalesce(to_json(id)::text, 'null')`);
  });

  it('reports invalid calls instead of failing', () => {
    const r = convert('CREATE VIEW v AS SELECT json_query() a, json_arrayagg() b FROM t;');
    const details = r.findings.filter((f) => f.id === 'OPG-EXPR-0004').map((f) => f.message);
    expect(details).toContain('JSON_QUERY() without an argument (not a valid call)');
    expect(details).toContain('JSON_ARRAYAGG() without an argument (not a valid call)');
  });

  it('reports what PostgreSQL 15 cannot do: JSON_MERGEPATCH, JSON_OBJECT(*), item methods without a counterpart', () => {
    const r = convert(
      `CREATE VIEW v AS SELECT json_mergepatch(doc, '{}') a, json_object(*) b, json_value(doc, '$.a.string()') c FROM t;`,
    );
    const details = r.findings.filter((f) => f.id === 'OPG-EXPR-0004').map((f) => f.message);
    expect(details.some((m) => m.includes('JSON_MERGEPATCH'))).toBe(true);
    expect(details.some((m) => m.includes('JSON_OBJECT(*)'))).toBe(true);
    expect(details.some((m) => m.includes('.string()'))).toBe(true);
  });
});
