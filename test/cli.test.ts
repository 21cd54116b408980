import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['node', 'orapg', ...args], { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('orapg convert', () => {
  it('writes the three phases, findings and a manifest for the example schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orapg-'));
    const r = await run(['convert', 'examples/hr', '-o', dir, '--json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary.parseErrors).toBe(0);
    for (const f of [
      '01-pre-data.sql',
      '02-code.sql',
      '03-post-data.sql',
      'findings.json',
      'manifest.json',
    ]) {
      expect(existsSync(join(dir, f))).toBe(true);
    }
    expect(readFileSync(join(dir, '01-pre-data.sql'), 'utf8')).toContain('CREATE TABLE employees (');
  });

  it('prints findings in compiler format and fails only when asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orapg-'));
    const ok = await run(['convert', 'fixtures/ddl/errors-garbage-between-good/input.sql', '-o', dir]);
    expect(ok.code).toBe(0);
    expect(ok.err).toMatch(/input\.sql:\d+:\d+: error OPG-PARSE-0001 /);
    const fail = await run([
      'convert',
      'fixtures/ddl/errors-garbage-between-good/input.sql',
      '-o',
      dir,
      '--fail-on',
      'error',
    ]);
    expect(fail.code).toBe(1);
  });

  it('exits with 2 on usage errors', async () => {
    expect((await run(['convert', 'examples/hr'])).code).toBe(2);
    expect((await run(['convert', 'no/such/dir', '-o', 'x'])).code).toBe(2);
    expect((await run(['convert', 'examples/hr', '-o', 'x', '--schema-map', 'nonsense'])).code).toBe(2);
  });
});
