/**
 * Behaviour on PostgreSQL 15 of CHR(0) in a RAW context and of UTL_RAW.CONCAT (fixture
 * plsql/utl-raw-nul). Oracle (UTL_RAW reference): CAST_TO_RAW gives the bytes of the text, a NUL
 * character is the byte 00; CONCAT joins up to 12 RAWs whose parameters default to NULL (a NULL
 * argument adds nothing), and a RAW of no bytes is NULL.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scratchDatabase } from './pg-scratch.js';

const db = scratchDatabase('utl_raw_nul', 'CHR(0) in RAW values', async (s) => {
  await s.query(readFileSync('fixtures/plsql/utl-raw-nul/expected.pg.sql', 'utf8'));
});

describe('CHR(0) in a RAW value, UTL_RAW.CONCAT (PostgreSQL 15)', () => {
  it('UTL_RAW.CAST_TO_RAW(text with CHR(0)) keeps the NUL bytes', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const r = await c.query(
        `SELECT encode(rn_record('ab', 'é'), 'hex') AS x, encode(rn_record(NULL, 'b'), 'hex') AS y,
                rn_record_length('ab', 'c') AS n`,
      );
      // 'é' is C3 A9 in UTF-8; a NULL operand of || adds nothing
      expect(r.rows[0]).toEqual({ x: '616200c3a900', y: '006200', n: '4' });
    } finally {
      await c.end();
    }
  });

  it('UTL_RAW.CONCAT: bytes joined, NULL arguments skipped, no bytes is NULL', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const r = await c.query(
        `SELECT rn_concat('\\x41'::bytea, '\\xff'::bytea) AS a, rn_concat(NULL, '\\x42'::bytea) AS b,
                rn_concat_nulls(NULL, NULL) IS NULL AS none, encode(rn_concat_nulls(NULL, '\\x43'::bytea), 'hex') AS c`,
      );
      expect(r.rows[0]).toEqual({ a: '4100FF', b: '0042', none: true, c: '43' });
    } finally {
      await c.end();
    }
  });
});
