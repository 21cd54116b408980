/**
 * DBMS_OUTPUT.PUT / NEW_LINE / PUT_LINE on PostgreSQL 15 (fixture plsql/dbms-output-put): the
 * partial line PUT builds is sent as one notice by NEW_LINE or PUT_LINE, as Oracle's client shows
 * one line (PL/SQL Packages and Types Reference, DBMS_OUTPUT).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scratchDatabase } from './pg-scratch.js';

const db = scratchDatabase('dbms_output_put', 'DBMS_OUTPUT.PUT', async (s) => {
  await s.query(readFileSync('fixtures/plsql/dbms-output-put/expected.pg.sql', 'utf8'));
});

describe('DBMS_OUTPUT.PUT (PostgreSQL 15)', () => {
  it('sends the partial lines as whole lines at NEW_LINE and PUT_LINE', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    const notices: string[] = [];
    c.on('notice', (n) => notices.push(n.message ?? ''));
    try {
      await c.query('CALL dop_report(1)');
      expect(notices).toEqual(['a-b', '', 'x=1y']);
    } finally {
      await c.end();
    }
  });
});
