/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`, or `npm run bench -- --cpu-prof`):
 * self time by source area (src/parser, src/convert, chevrotain, GC …) and the top functions.
 *
 *   npx tsx bench/profile.ts bench/.cache/prof/100000-parse.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  byArea: [area: string, ms: number][];
  top: [fn: string, ms: number][];
}

/** Groups a script URL into an area: src/<dir>, bench, a package name, node internals. */
function area(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const src = /\/src\/([^/]+)\//.exec(url);
  if (src && !url.includes('node_modules')) return `src/${src[1]}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.includes('/bench/')) return 'bench';
  if (url.startsWith('node:')) return 'node internals';
  return url;
}

export function summarize(path: string, top = 20): ProfileSummary {
  const p = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + dt);
  }
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === '(idle)') continue;
    total += ms;
    const a = area(url, functionName);
    areas.set(a, (areas.get(a) ?? 0) + ms);
    const file = url ? url.replace(/^.*\/(src|node_modules|bench)\//, '$1/') : '';
    const key = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    fns.set(key, (fns.get(key) ?? 0) + ms);
  }
  const sort = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { totalMs: total, byArea: sort(areas), top: sort(fns).slice(0, top) };
}

export function formatSummary(s: ProfileSummary): string {
  const pct = (ms: number) => `${((100 * ms) / s.totalMs).toFixed(1).padStart(5)}%`;
  const lines = [`sampled CPU ${s.totalMs.toFixed(0)} ms`, '  self time by area:'];
  for (const [a, ms] of s.byArea.slice(0, 12))
    lines.push(`    ${pct(ms)} ${ms.toFixed(0).padStart(7)} ms  ${a}`);
  lines.push('  top functions (self time):');
  for (const [f, ms] of s.top) lines.push(`    ${pct(ms)} ${ms.toFixed(0).padStart(7)} ms  ${f}`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: tsx bench/profile.ts file.cpuprofile [--top N]\n');
    process.exit(2);
  }
  const i = process.argv.indexOf('--top');
  process.stdout.write(`${formatSummary(summarize(file, i > 0 ? Number(process.argv[i + 1]) : 20))}\n`);
}
