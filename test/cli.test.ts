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

  it('selects $IF branches for --oracle-version and --ccflags', async () => {
    const input = 'fixtures/plsql/conditional-compilation/input.sql';
    const dflt = mkdtempSync(join(tmpdir(), 'orapg-'));
    expect((await run(['convert', input, '-o', dflt])).code).toBe(0);
    const code19 = readFileSync(join(dflt, '02-code.sql'), 'utf8');
    expect(code19).toContain(":12.2+'");
    expect(code19).not.toContain("'trace: '");
    const old = mkdtempSync(join(tmpdir(), 'orapg-'));
    const r = await run(['convert', input, '-o', old, '--oracle-version', '12.1', '--ccflags', 'trace_on:TRUE,other:3']);
    expect(r.code).toBe(0);
    const code12 = readFileSync(join(old, '02-code.sql'), 'utf8');
    expect(code12).toContain(":12.1'");
    expect(code12).not.toContain(":12.2+'");
    expect(code12).toContain("'trace: '");
    // malformed values are usage errors, not conversions with a wrong branch
    expect((await run(['convert', input, '-o', old, '--ccflags', 'trace_on'])).code).toBe(2);
    expect((await run(['convert', input, '-o', old, '--oracle-version', 'nineteen'])).code).toBe(2);
  });

  it('exits with 2 on usage errors', async () => {
    expect((await run(['convert', 'examples/hr'])).code).toBe(2);
    expect((await run(['convert', 'no/such/dir', '-o', 'x'])).code).toBe(2);
    expect((await run(['convert', 'examples/hr', '-o', 'x', '--schema-map', 'nonsense'])).code).toBe(2);
  });
});
