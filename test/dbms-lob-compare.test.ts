/**
 * DBMS_LOB.COMPARE on PostgreSQL 15 (fixture plsql/dbms-lob-compare-binary): CLOBs compare by
 * character code whatever the collation in effect (PL/SQL Packages and Types Reference,
 * DBMS_LOB.COMPARE: -1 / 1 by the first differing character, 0 when equal, NULL for a NULL LOB).
 * The arguments carry a linguistic ICU collation here, as a database created with one would give.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scratchDatabase } from './pg-scratch.js';

const db = scratchDatabase('dbms_lob_compare', 'DBMS_LOB.COMPARE', async (s) => {
  await s.query(readFileSync('fixtures/plsql/dbms-lob-compare-binary/expected.pg.sql', 'utf8'));
});

describe('DBMS_LOB.COMPARE (PostgreSQL 15)', () => {
  it('compares CLOBs by character code under a linguistic collation, BLOBs by byte', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const r = await c.query(
        `SELECT lob_cmp('a' COLLATE "en-x-icu", 'B' COLLATE "en-x-icu", '\\x61'::bytea, '\\x42'::bytea) AS x,
                lob_cmp('abc' COLLATE "en-x-icu", 'abc', NULL, '\\x00'::bytea) AS y,
                lob_cmp(NULL, 'a', '\\x01'::bytea, '\\x0102'::bytea) AS z`,
      );
      // 'a' (97) sorts after 'B' (66) by code; the ICU collation would put it first (-1).
      expect(r.rows[0]).toEqual({ x: '1,1', y: '0,', z: ',-1' });
    } finally {
      await c.end();
    }
  });
});
