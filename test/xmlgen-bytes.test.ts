/**
 * Behaviour on PostgreSQL 15 of DBMS_XMLGEN.GETXML / GETXMLTYPE of a query text and of CHR(0)
 * (fixture plsql/dbms-xmlgen-query). Expected documents are Oracle's canonical form as documented
 * in the DBMS_XMLGEN reference: <ROWSET><ROW><COLUMN>value</COLUMN>…, upper-case names of
 * unquoted columns, NULL columns left out, NULL for no rows, GETXML laid out one element a line.
 * SUBSTRB / INSTRB are checked by the semantic fixture string-substrb-instrb-bytes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scratchDatabase } from './pg-scratch.js';

const db = scratchDatabase('xmlgen_bytes', 'DBMS_XMLGEN and CHR(0)', async (s) => {
  await s.query(readFileSync('fixtures/plsql/dbms-xmlgen-query/expected.pg.sql', 'utf8'));
  await s.query(`INSERT INTO xg_emp VALUES (10, 'KING', NULL), (20, 'A&B', 'x')`);
});

describe('DBMS_XMLGEN and CHR(0) (PostgreSQL 15)', () => {
  it('GETXML of a literal query: the converted query, Oracle layout, escaped values, quoted mixed-case alias kept', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const r = await c.query('SELECT xg_emp_clob() AS x');
      expect(r.rows[0].x).toBe(
        [
          '<?xml version="1.0"?>',
          '<ROWSET>',
          ' <ROW>',
          '  <EMPNO>10</EMPNO>',
          '  <ENAME>KING</ENAME>',
          '  <Note>-</Note>',
          ' </ROW>',
          ' <ROW>',
          '  <EMPNO>20</EMPNO>',
          '  <ENAME>A&amp;B</ENAME>',
          '  <Note>x</Note>',
          ' </ROW>',
          '</ROWSET>',
          '',
        ].join('\n'),
      );
    } finally {
      await c.end();
    }
  });

  it('GETXMLTYPE of a run-time query: NULL columns left out, no rows give NULL', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const r = await c.query(
        `SELECT xg_doc('SELECT empno, note FROM xg_emp ORDER BY empno')::text AS x,
                xg_doc('SELECT empno FROM xg_emp WHERE empno < 0') IS NULL AS none`,
      );
      expect(r.rows[0]).toEqual({
        x: '<ROWSET><ROW><EMPNO>10</EMPNO></ROW><ROW><EMPNO>20</EMPNO><NOTE>x</NOTE></ROW></ROWSET>',
        none: true,
      });
    } finally {
      await c.end();
    }
  });

  it('the XML name of a quoted alias (utPLSQL XMLGEN_ESCAPED_STRING): blanks escaped as _x0020_', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const r = await c.query(
        `SELECT xg_escaped_name('A B') AS a, xg_escaped_name('X<Y') AS b, xg_escaped_name(NULL) AS n`,
      );
      expect(r.rows[0]).toEqual({ a: 'A_x0020_B', b: 'X_x003C_Y', n: null });
    } finally {
      await c.end();
    }
  });

  it('CHR(0) as a separator became the empty string (OPG-EXPR-0023): the call runs', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      expect((await c.query(`SELECT xg_join('a', 'b') AS j`)).rows[0]).toEqual({ j: 'ab' });
    } finally {
      await c.end();
    }
  });
});
