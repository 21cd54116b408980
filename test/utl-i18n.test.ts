/**
 * Behaviour on PostgreSQL 15 of UTL_I18N.STRING_TO_RAW / RAW_TO_CHAR with a character set and of
 * UTL_ENCODE.BASE64_ENCODE (fixture plsql/utl-i18n-charset). Oracle (UTL_I18N reference): the text
 * converted to the destination character set, RAW_TO_CHAR back from the source one; without a
 * character set, the database's (AL32UTF8). PGlite has no encoding conversions, hence the server.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scratchDatabase } from './pg-scratch.js';

const db = scratchDatabase('utl_i18n', 'UTL_I18N character sets', async (s) => {
  await s.query(readFileSync('fixtures/plsql/utl-i18n-charset/expected.pg.sql', 'utf8'));
});

describe('UTL_I18N character sets, UTL_ENCODE base 64 (PostgreSQL 15)', () => {
  it('gives the bytes of the text in the named character set, and reads them back', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const r = await c.query(
        `SELECT latin1_hex('Grüße') AS latin1, win1252_hex('€5') AS win, db_charset_hex('ü') AS utf8,
                to_base64(repeat('z', 50)) AS b64`,
      );
      // ISO 8859-1: ü = FC, ß = DF; Windows-1252: € = 80; UTF-8: ü = C3 BC. 50 bytes are 68
      // base 64 characters: a line of 64, CR LF, then 4.
      expect(r.rows[0]).toEqual({
        latin1: '4772FCDF65 Grüße',
        win: '8035',
        utf8: 'C3BC',
        b64: `${'enp6'.repeat(16)}\r\neno=`,
      });
    } finally {
      await c.end();
    }
  });
});
