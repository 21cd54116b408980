/**
 * Behaviour on PostgreSQL 15 of XMLTABLE / XMLType functions and methods, REGEXP_* with a match
 * parameter known at run time, NUMTODSINTERVAL / NUMTOYMINTERVAL, and the built-in packages
 * DBMS_CRYPTO, DBMS_RANDOM, DBMS_APPLICATION_INFO, DBMS_UTILITY, DBMS_LOB conversions,
 * DBMS_XMLGEN.CONVERT and DBMS_ASSERT. The golden fixtures' expected.pg.sql files are loaded into a scratch database; the
 * expected values are the ones Oracle documents (hash test vectors of 'abc', ORA-4400x errors …).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { one, scratchDatabase } from './pg-scratch.js';

const FIXTURES = [
  'sql/xmltable',
  'sql/regexp-numtointerval',
  'plsql/builtin-packages-misc',
  'plsql/dbms-assert',
];

const db = scratchDatabase('builtins_xml', 'XML and built-in package', async (s) => {
  // SHA-1 is pgcrypto's digest (OPG-PLSQL-0040).
  await s.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
  for (const f of FIXTURES) await s.query(readFileSync(`fixtures/${f}/expected.pg.sql`, 'utf8'));
  await s.query(`INSERT INTO xml_docs VALUES (1, '<ROWSET><ROW label="first"><CODE>7</CODE><NAME>x</NAME></ROW><ROW><CODE>8</CODE></ROW></ROWSET>'),
    (2, '<list xmlns="urn:demo"><v>a</v><v>b</v></list>')`);
  await s.query(`INSERT INTO patterns VALUES (1, 'ABC abc', 'abc', 'i', 90, 'minute'), (2, 'ABC abc', 'abc', 'c', 1.5, 'DAY'),
    (3, 'line1' || chr(10) || 'line2', '^line2$', 'm', 100, ' Second '), (4, 'a' || chr(10) || 'b', 'a.b', NULL, 36, 'hour'),
    (5, 'a' || chr(10) || 'b', 'a.b', 'n', 1, 'HOUR'), (6, 'joe@example bob', 'X', 'ci', 2, 'day')`);
});

describe('XMLTABLE and XMLType (PostgreSQL 15)', () => {
  it('XMLTABLE gives one row per node of the row path, with ordinality, typed columns, defaults and fragments', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const r = await c.query(
        'SELECT pos, code, label, item::text AS item FROM xml_doc_rows WHERE id = 1 ORDER BY pos',
      );
      expect(r.rows).toEqual([
        { pos: 1, code: 7, label: 'first', item: '<CODE>7</CODE><NAME>x</NAME>' },
        { pos: 2, code: 8, label: 'none', item: '<CODE>8</CODE>' },
      ]);
      // COLUMNS code NUMBER without PATH reads the element CODE (Oracle's upper-case column name).
      expect((await c.query('SELECT code FROM xml_doc_codes WHERE id = 1 ORDER BY code')).rows).toEqual([
        { code: '7' },
        { code: '8' },
      ]);
      expect((await c.query('SELECT v FROM xml_doc_ns WHERE id = 2 ORDER BY v')).rows).toEqual([
        { v: 'a' },
        { v: 'b' },
      ]);
      // XMLTABLE('1 to 20'): twenty rows.
      expect(
        (await c.query('SELECT count(*)::int n, min(pos)::int lo, max(pos)::int hi FROM twenty_rows'))
          .rows[0],
      ).toEqual({ n: 20, lo: 1, hi: 20 });
    } finally {
      await c.end();
    }
  });

  it('EXTRACTVALUE, EXISTSNODE, EXTRACT().getClobVal(), getRootElement(), XMLTYPE(text) and TABLE(XMLSEQUENCE(EXTRACT()))', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const r = await c.query(
        'SELECT first_code, has_label, first_row_children, root_name, wrapped FROM xml_doc_values WHERE id = 1',
      );
      expect(r.rows[0]).toEqual({
        first_code: '7',
        has_label: 1,
        first_row_children: '<CODE>7</CODE><NAME>x</NAME>',
        root_name: 'ROWSET',
        wrapped: '<a>1</a>',
      });
      expect(
        (await c.query('SELECT name, xml_text FROM xml_doc_elements WHERE id = 1 ORDER BY name')).rows,
      ).toEqual([
        { name: 'CODE', xml_text: '<CODE>7</CODE>' },
        { name: 'NAME', xml_text: '<NAME>x</NAME>' },
      ]);
    } finally {
      await c.end();
    }
  });
});

describe('XMLType methods in PL/SQL (PostgreSQL 15)', () => {
  it('extract / existsNode / getRootElement / getClobVal / getStringVal of XMLTYPE variables and parameters', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      expect(await one(c, "SELECT xml_methods('<r><a>x</a><a>y</a></r>')")).toBe(
        '<a>y</a>|0|1|r|<a>1</a><a>2</a>',
      );
    } finally {
      await c.end();
    }
  });
});

describe('REGEXP_* with run-time match parameters, NUMTODSINTERVAL (PostgreSQL 15)', () => {
  it("translates the Oracle flags held in a column: i / c (last wins), '.' off newlines unless n, ^ $ at lines with m", async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const r = await c.query(
        'SELECT id, matched, first_match, match_count, match_pos, replaced FROM pattern_matches ORDER BY id',
      );
      expect(r.rows).toEqual([
        { id: '1', matched: 'Y', first_match: 'ABC', match_count: 2, match_pos: 1, replaced: '# #' },
        { id: '2', matched: 'Y', first_match: 'abc', match_count: 1, match_pos: 5, replaced: 'ABC #' },
        { id: '3', matched: 'Y', first_match: 'line2', match_count: 1, match_pos: 7, replaced: 'line1\n#' },
        { id: '4', matched: 'N', first_match: null, match_count: 0, match_pos: 0, replaced: 'a\nb' },
        { id: '5', matched: 'Y', first_match: 'a\nb', match_count: 1, match_pos: 1, replaced: '#' },
        // 'ci': the last of i / c wins (case-insensitive): X matches the x of example.
        {
          id: '6',
          matched: 'Y',
          first_match: 'x',
          match_count: 1,
          match_pos: 6,
          replaced: 'joe@e#ample bob',
        },
      ]);
      const n = await c.query(
        'SELECT id, domain, second_b FROM pattern_named WHERE id IN (1, 6) ORDER BY id',
      );
      expect(n.rows).toEqual([
        { id: '1', domain: null, second_b: 6 },
        { id: '6', domain: 'example', second_b: 15 },
      ]);
    } finally {
      await c.end();
    }
  });

  it('NUMTODSINTERVAL(90, MINUTE) is 1:30:00; units are case-insensitive and may come from a column', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      await c.query("SET intervalstyle = 'postgres'");
      const r = await c.query(
        'SELECT ninety_minutes::text a, thirty_six_hours::text b, eighteen_months::text c, amount_interval::text d FROM intervals ORDER BY id',
      );
      expect(r.rows[0]).toEqual({ a: '01:30:00', b: '1 day 12:00:00', c: '1 year 6 mons', d: '01:30:00' });
      expect(r.rows.map((x) => x.d)).toEqual([
        '01:30:00',
        '1 day 12:00:00',
        '00:01:40',
        '1 day 12:00:00',
        '01:00:00',
        '2 days',
      ]);
    } finally {
      await c.end();
    }
  });
});

describe('built-in packages (PostgreSQL 15)', () => {
  it('DBMS_CRYPTO.HASH gives the standard digests of abc (SHA-1 default parameter, SHA-256 of a CLOB, MD5 of a RAW)', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      expect(await one(c, "SELECT encode(get_hash(convert_to('abc', 'UTF8')), 'hex')")).toBe(
        'a9993e364706816aba3e25717850c26c9cd0d89d',
      );
      expect(await one(c, "SELECT encode(clob_hash('abc', 4), 'hex')")).toBe(
        'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      );
      expect(await one(c, "SELECT encode(clob_hash('abc', 6), 'hex')")).toMatch(/^ddaf35a193617aba/);
      expect(await one(c, "SELECT sha256_hex('abc')")).toBe(
        'BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD',
      );
      expect(await one(c, "SELECT md5_hex('abc')")).toBe('900150983CD24FB0D6963F7D28E17F72');
      expect(await one(c, 'SELECT get_hash(NULL) IS NULL')).toBe(true);
    } finally {
      await c.end();
    }
  });

  it('DBMS_RANDOM.SEED makes the sequence repeatable; STRING(X, n) gives n upper-case letters and digits', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const a = (await one(c, "SELECT seeded_numbers('s1')")) as string;
      expect(await one(c, "SELECT seeded_numbers('s1')")).toBe(a);
      expect(await one(c, "SELECT seeded_numbers('s2')")).not.toBe(a);
      expect(a).toMatch(/^\d+:[A-Z0-9]{8}$/);
    } finally {
      await c.end();
    }
  });

  it('DBMS_APPLICATION_INFO module / action / client info and DBMS_UTILITY.DB_VERSION', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const r = await c.query('CALL session_info(NULL, NULL, NULL, NULL, NULL)');
      expect(r.rows[0]).toMatchObject({ o_module: 'utPLSQL', o_action: 'running', o_client: 'suite a' });
      expect(r.rows[0].o_version).toMatch(/^15\./);
      expect(await one(c, 'SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()')).toBe(
        'utPLSQL',
      );
    } finally {
      await c.end();
    }
  });

  it('DBMS_UTILITY.FORMAT_ERROR_STACK / BACKTRACE in a handler, FORMAT_CALL_STACK, GET_HASH_VALUE range', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      // Outside a handler the error stack is empty (NULL): 'ok ' || NULL.
      expect(await one(c, 'SELECT error_report(1)')).toBe('ok ');
      const e = (await one(c, 'SELECT error_report(0)')) as string;
      // FORMAT_ERROR_STACK carries Oracle's message of ZERO_DIVIDE.
      expect(e).toMatch(
        /^ORA-01476: divisor is equal to zero\n\|.*function error_report\(numeric\) line \d+/s,
      );
      expect(await one(c, 'SELECT call_stack()')).toMatch(
        /^PL\/pgSQL function call_stack\(\) line \d+ at RETURN\n$/,
      );
      const b = await c.query(
        'SELECT min(bucket(x::text))::int lo, max(bucket(x::text))::int hi FROM generate_series(1, 500) x',
      );
      expect(b.rows[0].lo).toBeGreaterThanOrEqual(1);
      expect(b.rows[0].hi).toBeLessThanOrEqual(100);
    } finally {
      await c.end();
    }
  });

  it('DBMS_LOB.CONVERTTOBLOB / CONVERTTOCLOB convert through UTF-8 and advance the offsets', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      expect(await one(c, "SELECT byte_length('aé€')")).toBe('6:aé€:0');
    } finally {
      await c.end();
    }
  });

  it('DBMS_XMLGEN.CONVERT escapes the XML special characters and ENTITY_DECODE restores them', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      expect(await one(c, `SELECT xml_escape('<a href="x">''&amp;</a>')`)).toBe(
        `&lt;a href=&quot;x&quot;&gt;&apos;&amp;amp;&lt;/a&gt;|<a href="x">'&amp;</a>`,
      );
    } finally {
      await c.end();
    }
  });

  it('DBMS_TRANSACTION.LOCAL_TRANSACTION_ID: NULL before the transaction has an id, then one id for the transaction', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const r = (await c.query('CALL transaction_ids(NULL, NULL, NULL)')).rows[0];
      expect(r.o_before).toBeNull();
      expect(r.o_started).toMatch(/^\d+$/);
      expect(r.o_after).toBe(r.o_started);
    } finally {
      await c.end();
    }
  });

  it('DBMS_ASSERT raises ORA-44001 … 44004 and handlers of DBMS_ASSERT.INVALID_* catch them', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const r =
        await c.query(`SELECT check_names('asserted_items') a, check_names('1x') b, check_names('public.asserted_items') c,
        check_names(' "Quoted ""Name""" ') d, check_names('ASSERTED_ITEMS') e, check_names(NULL) f`);
      expect(r.rows[0]).toEqual({
        a: 'asserted_items|asserted_items|asserted_items',
        b: 'not simple|not qualified|no object (-44002)',
        c: 'not simple|public.asserted_items|public.asserted_items',
        d: ' "Quoted ""Name""" | "Quoted ""Name""" |no object (-44002)',
        e: 'ASSERTED_ITEMS|ASSERTED_ITEMS|ASSERTED_ITEMS',
        f: 'not simple|not qualified|no object (-44002)',
      });
      expect(await one(c, "SELECT check_schema('public')")).toBe('PUBLIC');
      expect(await one(c, "SELECT check_schema('no_such_schema')")).toBe('ORA-44001: invalid schema name');
    } finally {
      await c.end();
    }
  });
});
