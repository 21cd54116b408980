/**
 * Behaviour on PostgreSQL 15 of calls of packages of the sources named like Oracle-supplied
 * packages (fixture plsql/user-package-builtin-name): UTL_APP and DBMS_MYAPP (the DBMS_ / UTL_
 * prefix only) and DBMS_LOCK (an Oracle name; the schema's own package hides SYS.DBMS_LOCK, PL/SQL
 * Language Reference, "PL/SQL Name Resolution"). Each call runs the user's subprogram: none becomes
 * a RAISE of feature_not_supported (OPG-PLSQL-0010), DBMS_LOCK.SLEEP is not pg_sleep.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { one, scratchDatabase } from './pg-scratch.js';

const FIXTURE = 'fixtures/plsql/user-package-builtin-name';

const db = scratchDatabase('userbuiltin', 'user packages named like built-ins', async (s) => {
  await s.query(readFileSync(`${FIXTURE}/expected.pg.sql`, 'utf8'));
});

describe('packages of the sources named like Oracle-supplied ones (PostgreSQL 15)', () => {
  it('procedure and function calls run the subprograms of the sources', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query('CALL run_app(5)');
      expect(await one(a, "SELECT string_agg(id || '=' || msg, '|' ORDER BY id) FROM app_log")).toBe(
        '5=app:end|7=slept|10=app:app:end|13=app:start app:',
      );
      expect(await one(a, 'SELECT app_total()')).toBe('73');
    } finally {
      await a.end();
    }
  });

  it('reports no Oracle built-in package call', () => {
    expect(readFileSync(`${FIXTURE}/expected.findings.json`, 'utf8')).not.toContain('OPG-PLSQL-0010');
  });
});
