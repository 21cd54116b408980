/** Shared by the golden test and scripts/update-fixtures.ts: how a fixture case is converted and serialised. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { convertSources, PHASES } from '../src/convert/index.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export const GOLDEN_FAMILIES = ['ddl', 'sql', 'plsql'];

export interface FixtureCase {
  name: string;
  dir: string;
  input: string;
}

export function listCases(): FixtureCase[] {
  const out: FixtureCase[] = [];
  // Families of converter golden cases (other folders hold other fixture kinds: semantic, dms …).
  for (const family of readdirSync(FIXTURES).sort().filter((f) => GOLDEN_FAMILIES.includes(f))) {
    const fdir = join(FIXTURES, family);
    for (const c of readdirSync(fdir).sort()) {
      const dir = join(fdir, c);
      const input = join(dir, 'input.sql');
      if (existsSync(input)) out.push({ name: `${family}/${c}`, dir, input: readFileSync(input, 'utf8') });
    }
  }
  return out;
}

/** The conversion of a case as the golden files hold it. */
export function renderCase(input: string): { sql: string; findings: string } {
  const r = convertSources([{ file: 'input.sql', text: input }], {}, () => undefined);
  const sql = PHASES.map((p) => r.phases[p]).join('\n');
  const findings = r.findings.map((f) => ({
    id: f.id,
    severity: f.severity,
    line: f.location?.line,
    column: f.location?.column,
    object: f.object,
    message: f.message,
  }));
  return { sql, findings: `${JSON.stringify(findings, null, 2)}\n` };
}
