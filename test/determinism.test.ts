/**
 * Determinism (issue 11): the same input converts to the same bytes, run after run, and the
 * order in which input files are given changes only what the converter documents as following
 * source order.
 *
 * What the converter promises (src/convert/index.ts orderObjects, docs/architecture.md): objects
 * are ordered by phase, then by kind group, then in source order, views topologically by their
 * dependencies. So:
 * - the same sources give byte-identical phases, findings, written files and reports;
 * - files that a driver script includes (@@) are read through it: listing them in any order, or
 *   the directory, gives the driver's order and the same bytes;
 * - independent files in another order give the same objects (same printed text, same findings
 *   with the same locations), in an order that only differs inside a kind group, and the
 *   dependency order still holds (tables before what refers to them, views after their views).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateScript } from '../bench/gen/index.js';
import type { PgObject } from '../src/ast/pg.js';
import {
  type ConvertResult,
  convertSources,
  PHASES,
  printObject,
  type SourceText,
} from '../src/convert/index.js';
import { writeResult } from '../src/convert/write.js';
import { assessSources, renderCsv, renderHtml, renderJson } from '../src/report/index.js';
import { readSources, readTextFile } from '../src/source/files.js';
import { translate } from '../src/translate/index.js';

const ROOT = join(import.meta.dirname, '..');
const HR = join(ROOT, 'examples', 'hr');
const hrFiles = readdirSync(HR)
  .filter((f) => f.endsWith('.sql'))
  .sort();

const tmp: string[] = [];
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});

/** Everything a conversion gives, as text. */
function snapshot(r: ConvertResult) {
  return {
    phases: PHASES.map((p) => r.phases[p]),
    findings: JSON.stringify(r.findings),
    objects: r.objects.map((o) => `${o.phase} ${o.objectType} ${o.object}\n${printObject(o)}`),
    stats: JSON.stringify(r.stats),
  };
}

/** The files writeResult writes, name → bytes. */
function written(r: ConvertResult, layout: 'phases' | 'objects'): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'orapg-det-'));
  tmp.push(dir);
  const files = writeResult(r, dir, layout);
  return Object.fromEntries(files.sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

const convertPaths = (paths: string[]) => convertSources(readSources(paths, ROOT), {}, readTextFile);

/** Seeded Fisher–Yates (mulberry32). */
function shuffle<T>(xs: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const sorted = (xs: string[]) => [...xs].sort();
const printed = (r: ConvertResult) =>
  r.objects.map((o) => `${o.phase} ${o.objectType} ${o.object}\n${printObject(o)}`);
const groupKey = (o: PgObject) => `${o.phase} ${o.objectType}`;

/** The sequence of (phase, kind) groups, runs collapsed: "pre-data SCHEMA, pre-data ROLE, …". */
function groups(r: ConvertResult): string[] {
  const out: string[] = [];
  for (const o of r.objects) if (out[out.length - 1] !== groupKey(o)) out.push(groupKey(o));
  return out;
}

/** Views (and other code objects with `defines`) placed after what they depend on. */
function dependencyViolations(r: ConvertResult): string[] {
  const pos = new Map<string, number>();
  r.objects.forEach((o, i) => {
    if (o.defines) pos.set(o.defines, i);
  });
  const bad: string[] = [];
  r.objects.forEach((o, i) => {
    for (const d of o.dependsOn ?? []) {
      const at = pos.get(d);
      if (at !== undefined && at > i && o.phase === r.objects[at].phase) bad.push(`${o.object} before ${d}`);
    }
  });
  return bad;
}

describe('determinism: the same input twice', () => {
  it('examples/hr: byte-identical phases, findings, objects, written files and reports', () => {
    const a = convertPaths(['examples/hr']);
    const b = convertPaths(['examples/hr']);
    expect(a.stats.statements).toBeGreaterThan(100);
    expect(snapshot(b)).toEqual(snapshot(a));
    expect(written(b, 'phases')).toEqual(written(a, 'phases'));
    expect(written(b, 'objects')).toEqual(written(a, 'objects'));

    const sources = readSources(['examples/hr'], ROOT);
    const ra = assessSources(sources, {}, readTextFile);
    const rb = assessSources(sources, {}, readTextFile);
    expect(renderJson(rb.report)).toBe(renderJson(ra.report));
    expect(renderCsv(rb.report)).toBe(renderCsv(ra.report));
    expect(renderHtml(rb.report, rb.code)).toBe(renderHtml(ra.report, ra.code));
  });

  it('a generated 2,000-line script: byte-identical phases and findings', () => {
    const text = generateScript({ lines: 2000, seed: 3 });
    expect(generateScript({ lines: 2000, seed: 3 })).toBe(text);
    const src: SourceText[] = [{ file: 'gen.sql', text }];
    const a = convertSources(src);
    const b = convertSources([{ file: 'gen.sql', text }]);
    expect(a.objects.length).toBeGreaterThan(200);
    expect(snapshot(b)).toEqual(snapshot(a));
  });

  it('translate(): identical output on re-run (and with a fresh context each time)', () => {
    for (const f of hrFiles) {
      const text = readFileSync(join(HR, f), 'utf8');
      const a = translate(text, { file: f });
      const b = translate(text, { file: f });
      expect(b.sql, f).toBe(a.sql);
      expect(JSON.stringify(b.statements), f).toBe(JSON.stringify(a.statements));
      expect(JSON.stringify(b.findings), f).toBe(JSON.stringify(a.findings));
    }
    const app = readFileSync(join(ROOT, 'fixtures', 'translate', 'app-script', 'input.sql'), 'utf8');
    expect(translate(app, { binds: 'dollar' }).sql).toBe(translate(app, { binds: 'dollar' }).sql);
  });

  it('translate() against an earlier context: identical on re-run', () => {
    const ddl = readFileSync(join(HR, '01_tables.sql'), 'utf8');
    const views = readFileSync(join(HR, '05_views.sql'), 'utf8');
    const run = () =>
      translate(views, { file: '05_views.sql', context: translate(ddl, { file: '01_tables.sql' }).context });
    expect(run().sql).toBe(run().sql);
  });
});

describe('determinism: input files in another order', () => {
  it('examples/hr: the files listed in any order (the driver includes them) give the same bytes', () => {
    const base = snapshot(convertPaths(['examples/hr']));
    for (const seed of [1, 2, 3]) {
      const paths = shuffle(
        hrFiles.map((f) => `examples/hr/${f}`),
        seed,
      );
      expect(snapshot(convertPaths(paths)), paths.join(' ')).toEqual(base);
    }
    // The directory and the driver script alone are the same input too.
    expect(snapshot(convertPaths(['examples/hr/00_install.sql']))).toEqual(base);
  });

  it('examples/hr without the driver: independent files reordered give the same objects', () => {
    // 01 tables, 02 constraints, 03 indexes, 04 sequences and triggers must come in that order
    // (ALTER TABLE needs its table); 05 views, 06 code, 07 packages, 08 grants and comments and
    // 09 reference data only refer to what 01–04 create, and views to views in the same file.
    const first = ['01_tables.sql', '02_constraints.sql', '03_indexes.sql', '04_sequences_triggers.sql'];
    const rest = hrFiles.filter((f) => f !== '00_install.sql' && !first.includes(f));
    const read = (fs: string[]): SourceText[] =>
      fs.map((f) => ({ file: `examples/hr/${f}`, text: readFileSync(join(HR, f), 'utf8') }));
    const a = convertSources(read([...first, ...rest]), {}, readTextFile);
    const again = convertSources(read([...first, ...rest]), {}, readTextFile);
    expect(snapshot(again)).toEqual(snapshot(a));
    let moved = 0;
    for (const seed of [4, 5]) {
      const order = [...first, ...shuffle(rest, seed)];
      const b = convertSources(read(order), {}, readTextFile);
      expect(sorted(printed(b)), order.join(' ')).toEqual(sorted(printed(a)));
      expect(sorted(b.findings.map((f) => JSON.stringify(f)))).toEqual(
        sorted(a.findings.map((f) => JSON.stringify(f))),
      );
      expect(groups(b)).toEqual(groups(a));
      expect(dependencyViolations(b)).toEqual([]);
      // Stable: the same order twice is the same bytes.
      expect(snapshot(convertSources(read(order), {}, readTextFile))).toEqual(snapshot(b));
      if (printed(b).join('\n') !== printed(a).join('\n')) moved++;
    }
    expect(moved, 'the reordering changed no object position: the test checks nothing').toBeGreaterThan(0);
  });

  it('a generated script cut into modules: modules reordered give the same objects', () => {
    // The generator writes a header and a core module that later modules refer to, then modules
    // that refer only to the core, then one-line filler statements on tables already written.
    const text = generateScript({ lines: 4000, seed: 5 });
    const longer = generateScript({ lines: 8000, seed: 5 }).split('\n');
    const lines = text.split('\n');
    let fill = 0;
    while (fill < lines.length && lines[fill] === longer[fill]) fill++;
    const banner = /^-- Module [A-Z0-9]+ \(/;
    const starts = lines.map((l, i) => (banner.test(l) && i < fill ? i - 1 : -1)).filter((i) => i > 0);
    expect(starts.length).toBeGreaterThanOrEqual(3);
    const cut = [0, ...starts.slice(1), fill, lines.length];
    const files: SourceText[] = [];
    for (let k = 0; k + 1 < cut.length; k++)
      files.push({ file: `gen/part${k}.sql`, text: `${lines.slice(cut[k], cut[k + 1]).join('\n')}\n` });
    const head = files[0];
    const tail = files[files.length - 1];
    const modules = files.slice(1, -1);
    expect(modules.length).toBeGreaterThanOrEqual(2);

    const a = convertSources(files);
    let moved = 0;
    for (const seed of [6, 7]) {
      const order = [head, ...shuffle(modules, seed), tail];
      const b = convertSources(order);
      expect(sorted(printed(b)), order.map((f) => f.file).join(' ')).toEqual(sorted(printed(a)));
      expect(sorted(b.findings.map((f) => JSON.stringify(f)))).toEqual(
        sorted(a.findings.map((f) => JSON.stringify(f))),
      );
      expect(groups(b)).toEqual(groups(a));
      expect(dependencyViolations(b)).toEqual([]);
      if (printed(b).join('\n') !== printed(a).join('\n')) moved++;
    }
    expect(moved, 'the reordering changed no object position: the test checks nothing').toBeGreaterThan(0);
  });
});
