/**
 * Behaviour on PostgreSQL 15 of DBMS_XMLGEN context handles (fixture plsql/dbms-xmlgen-context):
 * NEWCONTEXT on a ref cursor and on a query text, SETMAXROWS pages ended by GETNUMROWSPROCESSED = 0,
 * SETSKIPROWS (applied at every GETXML call), RESTARTQUERY, SETROWSETTAG / SETROWTAG (NULL: no row
 * element), SETNULLHANDLING with DROP_NULLS / NULL_ATTR / EMPTY_TAG, CLOSECONTEXT. The expected
 * documents are the shapes the DBMS_XMLGEN reference documents: <ROWSET><ROW>… with upper-case
 * column names, NULL columns left out, <C xsi:nil="true"/> or <C/>; GETXML laid out one element a
 * line as Oracle prints it (attributes with blanks around '=').
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scratchDatabase } from './pg-scratch.js';

const db = scratchDatabase('xmlgen_ctx', 'DBMS_XMLGEN context handles', async (s) => {
  await s.query(readFileSync('fixtures/plsql/dbms-xmlgen-context/expected.pg.sql', 'utf8'));
  await s.query(`INSERT INTO xc_emp VALUES (10, 'KING', 500), (20, 'A&B', NULL), (30, NULL, NULL)`);
});

describe('DBMS_XMLGEN context handles (PostgreSQL 15)', () => {
  it('a ref cursor read in pages of SETMAXROWS rows, EMPTY_TAG, until GETNUMROWSPROCESSED is 0', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const r = await c.query('SELECT xc_emp_pages() AS x');
      expect(r.rows[0].x).toBe(
        '2:<ROWSET><ROW><EMPNO>10</EMPNO><ENAME>KING</ENAME><COMM>500</COMM></ROW>' +
          '<ROW><EMPNO>20</EMPNO><ENAME>A&amp;B</ENAME><COMM/></ROW></ROWSET>;' +
          '1:<ROWSET><ROW><EMPNO>30</EMPNO><ENAME/><COMM/></ROW></ROWSET>;',
      );
    } finally {
      await c.end();
    }
  });

  it('a query context: tags, NULL_ATTR, SETSKIPROWS, RESTARTQUERY, GETXML layout', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const page = [
        '<?xml version="1.0"?>',
        '<EMPLOYEES xmlns:xsi = "http://www.w3.org/2001/XMLSchema-instance">',
        ' <EMP>',
        '  <EMPNO>20</EMPNO>',
        '  <ENAME>A&amp;B</ENAME>',
        '  <COMM xsi:nil = "true"/>',
        ' </EMP>',
        '</EMPLOYEES>',
        '',
      ].join('\n');
      // skip 1, read 1: row 20; the restarted query skips row 10 again
      expect((await c.query('SELECT xc_tagged(1) AS x')).rows[0].x).toBe(page + page);
      // skip 0: row 10, twice (no NULL column, so no nil element)
      const first = (await c.query('SELECT xc_tagged(0) AS x')).rows[0].x as string;
      expect(first.split('<EMPNO>10</EMPNO>').length).toBe(3);
      expect(first).not.toContain('<EMPNO>20</EMPNO>');
    } finally {
      await c.end();
    }
  });

  it('SETROWTAG(NULL): the columns of every row directly under ROWSET, NULL ones left out', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const r = await c.query('SELECT xc_names()::text AS x');
      expect(r.rows[0].x).toBe('<ROWSET><ENAME>KING</ENAME><ENAME>A&amp;B</ENAME></ROWSET>');
    } finally {
      await c.end();
    }
  });

  it('SETSKIPROWS applies at every call; no rows left gives NULL and 0 rows processed; a closed handle is rejected', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      await c.query('BEGIN');
      const h = (
        await c.query(`SELECT opg_xmlgen_newcontext('SELECT empno FROM xc_emp ORDER BY empno') AS h`)
      ).rows[0].h;
      await c.query(
        `SELECT opg_xmlgen_set($1, 'skiprows', to_jsonb(1)), opg_xmlgen_set($1, 'maxrows', to_jsonb(1))`,
        [h],
      );
      const a = await c.query('SELECT opg_xmlgen_fetch($1, false) AS x, opg_xmlgen_rowsprocessed($1) AS n', [
        h,
      ]);
      expect(a.rows[0]).toEqual({ x: '<ROWSET><ROW><EMPNO>20</EMPNO></ROW></ROWSET>', n: '1' });
      // row 30 is skipped: nothing left
      const b = await c.query('SELECT opg_xmlgen_fetch($1, false) AS x, opg_xmlgen_rowsprocessed($1) AS n', [
        h,
      ]);
      expect(b.rows[0]).toEqual({ x: null, n: '0' });
      await c.query('SELECT opg_xmlgen_close($1)', [h]);
      await expect(c.query('SELECT opg_xmlgen_rowsprocessed($1)', [h])).rejects.toThrow(
        /invalid context handle/,
      );
      await c.query('ROLLBACK');
    } finally {
      await c.end();
    }
  });

  it('the converted routines pass plpgsql_check', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const ext = await c.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'plpgsql_check'`);
      if (!ext.rowCount) ctx.skip();
      await c.query('CREATE EXTENSION IF NOT EXISTS plpgsql_check');
      const r = await c.query(
        `SELECT p.oid::regprocedure::text AS f, x.message
           FROM pg_proc p, plpgsql_check_function_tb(p.oid) x
          WHERE p.proname LIKE 'xc\\_%' OR p.proname LIKE 'opg\\_xmlgen\\_%'`,
      );
      expect(r.rows).toEqual([]);
    } finally {
      await c.end();
    }
  });
});
