/**
 * Semantic suite on PGlite: every case's translated setup and query must return the rows Oracle
 * returns. Cases listed in KNOWN_SEMANTIC_FAILURES are asserted to still fail (remove an entry
 * when its rewrite lands).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_SEMANTIC_FAILURES, listSemanticCases, runSemanticCase } from './semantic.js';
import { pgliteExecutor } from './semantic-pglite.js';

const cases = listSemanticCases();
let pg: Awaited<ReturnType<typeof pgliteExecutor>>;

beforeAll(async () => {
  pg = await pgliteExecutor();
}, 60_000);
afterAll(async () => {
  await pg?.close();
});

describe('semantic fixtures (PGlite)', () => {
  it('has at least 80 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });
  it('lists only existing cases as known failures', () => {
    const names = new Set(cases.map((c) => c.name));
    expect(Object.keys(KNOWN_SEMANTIC_FAILURES).filter((k) => !names.has(k))).toEqual([]);
  });
  cases.forEach((c, i) => {
    const known = KNOWN_SEMANTIC_FAILURES[c.name];
    it(`${c.name}${known ? ' (known failure)' : ''}`, async () => {
      const r = await runSemanticCase(c, await pg.forCase(i));
      if (known) expect(r.ok, `${c.name} passes now: remove it from KNOWN_SEMANTIC_FAILURES`).toBe(false);
      else expect(r.ok, r.problem).toBe(true);
    });
  });
});
