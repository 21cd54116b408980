/**
 * UTL_RAW.COMPARE and UTL_RAW.CONVERT on PostgreSQL 15 (fixture plsql/utl-raw-compare-convert).
 * Oracle (PL/SQL Packages and Types Reference, UTL_RAW): COMPARE returns 0 when the values are
 * equal, else the position of the first differing byte, the shorter value padded with pad (00 by
 * default; a NULL value counts as empty); CONVERT re-encodes the bytes from from_charset to
 * to_charset (given as NLS_LANG or alone). PGlite has no encoding conversions, hence the server.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scratchDatabase } from './pg-scratch.js';

const db = scratchDatabase('utl_raw_compare', 'UTL_RAW.COMPARE / CONVERT', async (s) => {
  await s.query(readFileSync('fixtures/plsql/utl-raw-compare-convert/expected.pg.sql', 'utf8'));
});

describe('UTL_RAW.COMPARE / CONVERT (PostgreSQL 15)', () => {
  it('finds the first differing byte and re-encodes between character sets', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const r = await c.query('SELECT raw_checks() AS v');
      // equal; 03 at byte 2; 03 against the pad 00 at byte 3; FF against the pad FF; NULL as
      // empty against 00 padded; 'Grüße' in ISO 8859-1 (ü = FC, ß = DF) and back in UTF-8.
      expect(r.rows[0].v).toBe('0,2,3,0,0,4772FCDF65,4772C3BCC39F65');
    } finally {
      await c.end();
    }
  });
});
