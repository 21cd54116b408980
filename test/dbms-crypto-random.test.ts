/**
 * DBMS_CRYPTO.RANDOMBYTES / RANDOMINTEGER on PostgreSQL 15 with pgcrypto (fixture
 * plsql/dbms-crypto-random): RANDOMBYTES(n) returns n random bytes (also more than the 1024 of one
 * gen_random_bytes call), RANDOMINTEGER a BINARY_INTEGER (PL/SQL Packages and Types Reference,
 * DBMS_CRYPTO).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scratchDatabase } from './pg-scratch.js';

const db = scratchDatabase('dbms_crypto_random', 'DBMS_CRYPTO.RANDOMBYTES', async (s) => {
  await s.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
  await s.query(readFileSync('fixtures/plsql/dbms-crypto-random/expected.pg.sql', 'utf8'));
});

describe('DBMS_CRYPTO.RANDOMBYTES / RANDOMINTEGER (PostgreSQL 15)', () => {
  it('returns the number of random bytes asked for and a 32-bit integer', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await db.session();
    try {
      const r = await c.query('SELECT new_salt() AS v, new_salt() = new_salt() AS same');
      expect(r.rows[0].v).toBe('16:2000:int');
    } finally {
      await c.end();
    }
  });
});
