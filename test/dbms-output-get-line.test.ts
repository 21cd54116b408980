/**
 * DBMS_OUTPUT.GET_LINE on PostgreSQL 15 (fixture plsql/dbms-output-get-line). PUT_LINE is RAISE
 * NOTICE, so no buffer exists to read back: GET_LINE gives what Oracle gives when DBMS_OUTPUT is
 * disabled (PL/SQL Packages and Types Reference, DBMS_OUTPUT: "status … 0 if successful, 1 if no
 * more lines"), line NULL and status 1, and the routine runs instead of raising
 * feature_not_supported. Oracle with the buffer enabled counts 1 line here; that difference is the
 * OPG-PLSQL-0020 finding of the fixture.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scratchDatabase } from './pg-scratch.js';

const db = scratchDatabase('dbms_output_get_line', 'DBMS_OUTPUT.GET_LINE', async (s) => {
  await s.query(readFileSync('fixtures/plsql/dbms-output-get-line/expected.pg.sql', 'utf8'));
});

describe('DBMS_OUTPUT.GET_LINE (PostgreSQL 15)', () => {
  it('finds no line (status 1) and the text written by PUT_LINE reaches the client as a notice', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    const notices: string[] = [];
    c.on('notice', (n) => notices.push(n.message ?? ''));
    try {
      const r = await c.query('SELECT dog_count_lines() AS n');
      expect(r.rows[0]).toEqual({ n: '0' });
      expect(notices).toEqual(['first']);
    } finally {
      await c.end();
    }
  });

  it('the finding names the difference', () => {
    const findings = readFileSync('fixtures/plsql/dbms-output-get-line/expected.findings.json', 'utf8');
    expect(findings).toContain('DBMS_OUTPUT.GET_LINE always finds the buffer empty');
  });
});
