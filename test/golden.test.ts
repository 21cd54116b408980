import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCases, renderCase } from './golden.js';

const cases = listCases();

/**
 * Cases whose output PostgreSQL still rejects, with the reason. The test asserts that they fail,
 * so fixing one makes the test fail until it is removed from this list.
 */
const KNOWN_APPLY_FAILURES: Record<string, string> = {};
let db: PGlite;

beforeAll(async () => {
  db = new PGlite();
  await db.waitReady;
});
afterAll(async () => {
  await db.close();
});

describe('golden fixtures', () => {
  it('has the DDL fixture set', () => {
    expect(cases.filter((c) => c.name.startsWith('ddl/')).length).toBeGreaterThanOrEqual(60);
  });

  for (const c of cases) {
    describe(c.name, () => {
      const expectedSql = readFileSync(join(c.dir, 'expected.pg.sql'), 'utf8');
      const expectedFindings = readFileSync(join(c.dir, 'expected.findings.json'), 'utf8');

      it('converts to the expected PostgreSQL and findings', () => {
        const r = renderCase(c.input);
        expect(r.sql).toBe(expectedSql);
        expect(r.findings).toBe(expectedFindings);
      });

      const apply = async () => {
        // DDL is transactional in PostgreSQL: each case runs in its own transaction, rolled back.
        await db.exec('BEGIN');
        try {
          await db.exec(expectedSql);
        } finally {
          await db.exec('ROLLBACK');
        }
      };
      if (KNOWN_APPLY_FAILURES[c.name]) {
        it(`is still rejected by PostgreSQL: ${KNOWN_APPLY_FAILURES[c.name]}`, async () => {
          await expect(apply()).rejects.toThrow();
        });
      } else {
        it('applies on PostgreSQL (PGlite)', apply);
      }
    });
  }
});
