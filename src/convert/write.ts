/** Writes a conversion result to a directory: one file per phase (or per object), findings, manifest. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Phase } from '../ast/pg.js';
import { type ConvertResult, PHASES, printObject } from './index.js';

export type Layout = 'phases' | 'objects';

export const PHASE_FILES: Record<Phase, string> = {
  'pre-data': '01-pre-data.sql',
  code: '02-code.sql',
  'post-data': '03-post-data.sql',
};

function safeFileName(s: string): string {
  return (
    s
      .replace(/[^A-Za-z0-9_.$#-]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .toLowerCase() || 'object'
  );
}

export function writeResult(result: ConvertResult, outDir: string, layout: Layout = 'phases'): string[] {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const manifest: { phase: Phase; type: string; object: string; file: string; findings: number }[] = [];
  if (layout === 'phases') {
    for (const phase of PHASES) {
      const file = PHASE_FILES[phase];
      writeFileSync(join(outDir, file), result.phases[phase]);
      written.push(file);
    }
    for (const o of result.objects)
      manifest.push({
        phase: o.phase,
        type: o.objectType,
        object: o.object,
        file: PHASE_FILES[o.phase],
        findings: o.findings.length,
      });
  } else {
    const used = new Set<string>();
    result.objects.forEach((o) => {
      const text = printObject(o);
      if (!text) return;
      const dir = join(phase2dir(o.phase), safeFileName(o.objectType));
      let name = `${safeFileName(o.object.split(' ').slice(1).join(' ') || o.object)}.sql`;
      for (let i = 2; used.has(join(dir, name)); i++) name = name.replace(/(_\d+)?\.sql$/, `_${i}.sql`);
      used.add(join(dir, name));
      mkdirSync(join(outDir, dir), { recursive: true });
      writeFileSync(join(outDir, dir, name), text);
      written.push(join(dir, name));
      manifest.push({
        phase: o.phase,
        type: o.objectType,
        object: o.object,
        file: join(dir, name),
        findings: o.findings.length,
      });
    });
  }
  writeFileSync(join(outDir, 'findings.json'), `${JSON.stringify(result.findings, null, 2)}\n`);
  writeFileSync(
    join(outDir, 'manifest.json'),
    `${JSON.stringify({ phases: PHASES.map((p) => PHASE_FILES[p]), objects: manifest }, null, 2)}\n`,
  );
  written.push('findings.json', 'manifest.json');
  return written;
}

function phase2dir(p: Phase): string {
  return PHASE_FILES[p].replace(/\.sql$/, '');
}
