/**
 * DBMS_OUTPUT.PUT_LINE of a NULL value on PostgreSQL 15 (fixture plsql/dbms-output-null-line):
 * Oracle's client shows an empty line (PL/SQL Packages and Types Reference, DBMS_OUTPUT), where
 * RAISE NOTICE '%' of NULL prints <NULL>.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scratchDatabase } from './pg-scratch.js';

const db = scratchDatabase('dbms_output_null', 'DBMS_OUTPUT.PUT_LINE(NULL)', async (s) => {
  await s.query(readFileSync('fixtures/plsql/dbms-output-null-line/expected.pg.sql', 'utf8'));
});

describe('DBMS_OUTPUT.PUT_LINE of NULL (PostgreSQL 15)', () => {
  it('prints an empty line for a NULL value', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    const notices: string[] = [];
    c.on('notice', (n) => notices.push(n.message ?? ''));
    try {
      await c.query('CALL print_lines(NULL, NULL)');
      expect(notices).toEqual(['', '', '', '', 'n=']);
      notices.length = 0;
      await c.query("CALL print_lines('hi', 2.5)");
      expect(notices).toEqual(['hi', '', '', '2.5', 'n=2.5']);
    } finally {
      await c.end();
    }
  });
});
