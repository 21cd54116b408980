/**
 * Semantic fixtures: fixtures/semantic/<case>/{setup.sql, query.sql, expected.tsv}. The Oracle
 * setup and query are translated with `translate()`, run on PostgreSQL (PGlite or a server),
 * and the rows compared with the rows Oracle returns (expected.tsv, from Oracle's documentation).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { translate } from '../src/translate/index.js';

export const SEMANTIC = join(import.meta.dirname, '..', 'fixtures', 'semantic');

export interface SemanticCase {
  name: string;
  setup: string;
  query: string;
  expected: string[][];
}

export function listSemanticCases(): SemanticCase[] {
  if (!existsSync(SEMANTIC)) return [];
  return readdirSync(SEMANTIC)
    .sort()
    .filter((c) => existsSync(join(SEMANTIC, c, 'query.sql')))
    .map((name) => {
      const dir = join(SEMANTIC, name);
      const tsv = readFileSync(join(dir, 'expected.tsv'), 'utf8');
      return {
        name,
        setup: existsSync(join(dir, 'setup.sql')) ? readFileSync(join(dir, 'setup.sql'), 'utf8') : '',
        query: readFileSync(join(dir, 'query.sql'), 'utf8'),
        expected:
          tsv === ''
            ? []
            : tsv
                .replace(/\n$/, '')
                .split('\n')
                .map((l) => l.split('\t')),
      };
    });
}

/** Runs SQL and returns rows as text (NULL as null). */
export interface Executor {
  exec(sql: string): Promise<void>;
  rows(sql: string): Promise<(string | null)[][]>;
}

/** Canonical text of a value: numbers without trailing fractional zeros, NULL as \N. */
export function canonical(v: string | null): string {
  if (v === null) return '\\N';
  if (/^-?\d+\.\d+$/.test(v)) {
    const t = v.replace(/0+$/, '').replace(/\.$/, '');
    return t === '-0' ? '0' : t;
  }
  if (/^-?\.\d+$/.test(v)) return canonical(v.replace('.', '0.'));
  return v;
}

export interface CaseOutcome {
  ok: boolean;
  /** Why the case failed: translation, setup, query or row mismatch. */
  problem?: string;
  rows?: string[][];
  sql?: { setup: string; query: string };
}

export async function runSemanticCase(c: SemanticCase, db: Executor): Promise<CaseOutcome> {
  const setup = translate(c.setup, { file: `${c.name}/setup.sql` });
  // The query is translated against the setup's model (its tables' column types).
  const query = translate(c.query, { file: `${c.name}/query.sql`, context: setup.context });
  const sql = { setup: setup.sql, query: query.sql };
  for (const s of setup.statements) {
    if (s.kind === 'comment') continue;
    if (s.target.includes('-- orapg:'))
      return { ok: false, problem: `setup not translated: ${s.oracle.trim()}`, sql };
    try {
      await db.exec(s.target);
    } catch (e) {
      return { ok: false, problem: `setup failed: ${(e as Error).message}: ${s.target}`, sql };
    }
  }
  const stmt = query.statements.find((s) => s.kind !== 'comment');
  if (!stmt) return { ok: false, problem: 'no query', sql };
  if (stmt.target.includes('-- orapg:')) {
    const why = query.findings.filter((f) => f.severity === 'error').map((f) => f.message);
    return { ok: false, problem: `query not translated: ${why.join('; ')}`, sql };
  }
  let rows: string[][];
  try {
    rows = (await db.rows(stmt.target)).map((r) => r.map(canonical));
  } catch (e) {
    return { ok: false, problem: `query failed: ${(e as Error).message}: ${stmt.target}`, sql };
  }
  const expected = c.expected.map((r) => r.map((v) => canonical(v === '\\N' ? null : v)));
  const same = JSON.stringify(rows) === JSON.stringify(expected);
  return same
    ? { ok: true, rows, sql }
    : {
        ok: false,
        problem: `rows differ:\n  expected ${JSON.stringify(expected)}\n  got      ${JSON.stringify(rows)}\n  sql: ${stmt.target}`,
        rows,
        sql,
      };
}

/**
 * Cases that do not pass yet, each with the reason. The test asserts they still fail, so a fix
 * that makes one pass forces its removal from this list.
 */
export const KNOWN_SEMANTIC_FAILURES: Record<string, string> = {
  'plsql-autonomous-transaction':
    "PRAGMA AUTONOMOUS_TRANSACTION: the procedure runs in the caller's transaction (OPG-PLSQL-0012), so the caller's ROLLBACK also removes the log row; an independent transaction needs dblink or pg_background",
  'plsql-handler-keeps-prior-dml':
    "a PL/pgSQL block with an EXCEPTION section rolls back all of the block's changes before the handler runs; Oracle keeps the statements that succeeded (reported as OPG-PLSQL-0013)",
};
