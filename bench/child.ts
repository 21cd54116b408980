/**
 * One benchmark measurement, run in its own process by bench/run.ts:
 *
 *   node bench/.cache/build/bench/child.js <parse|convert> <file.sql> <repeat> [profile.cpuprofile]
 *
 * Reads the file, builds the parser once (timed as init), then runs the stage `repeat` times
 * and sends a ChildResult to the parent over IPC (or prints it as JSON when started by hand).
 *
 * The headline figure is the first run: a cold process converting its input once, as the CLI
 * does (parser construction excluded, reported as init). Later runs give a "warm" figure (JIT
 * tiered up), the best of them. No GC is forced between runs: a full GC (global.gc) made the
 * next run 2-3x slower (bytecode and feedback aged out), which is neither cold nor warm.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { convertSources } from '../src/convert/index.js';
import { lex } from '../src/parser/lexer.js';
import { parseStatement } from '../src/parser/statement.js';
import { splitScript } from '../src/source/script.js';

export type Stage = 'parse' | 'convert';

export interface ChildResult {
  stage: Stage;
  file: string;
  lines: number;
  bytes: number;
  statements: number;
  /** Parser construction plus one tiny statement (the first call), ms. */
  initMs: number;
  /** First run (cold), ms. */
  ms: number;
  /** Best of the later runs (warm), ms; absent with one run. */
  warmMs?: number;
  runsMs: number[];
  /** CPU time (user + system) of the first run, ms. */
  cpuMs: number;
  /** parse stage: the splitter alone, and the lexer alone over every statement (extra passes). */
  splitMs?: number;
  lexMs?: number;
  /** getrusage max RSS after the first run. */
  peakRssMb: number;
  /** RSS before the stage (file read, parser built, GC done). */
  baseRssMb: number;
  /** Heap in use right after a run, its result still referenced. */
  heapAfterMb: number;
  parseErrors: number;
  parseFindings: Record<string, number>;
  findings: number;
  objects?: number;
  outputMb?: number;
}

const mb = (b: number) => b / (1024 * 1024);

async function measure(
  stage: Stage,
  file: string,
  repeat: number,
  profilePath?: string,
): Promise<ChildResult> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const text = readFileSync(file, 'utf8');
  const bytes = Buffer.byteLength(text);
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;

  let t = performance.now();
  parseStatement('CREATE TABLE t (x NUMBER)', { file: 'init', line: 1, column: 1 });
  const initMs = performance.now() - t;
  gc();
  const baseRssMb = mb(process.memoryUsage().rss);

  const count = (ids: Record<string, number>, id: string) => {
    if (id.startsWith('OPG-PARSE')) ids[id] = (ids[id] ?? 0) + 1;
  };
  type Counts = Pick<
    ChildResult,
    'statements' | 'findings' | 'parseFindings' | 'parseErrors' | 'objects' | 'outputMb'
  >;
  let counts: Counts | undefined;
  const runsMs: number[] = [];
  let cpuMs = 0;
  let peakRssMb = 0;
  let heapAfterMb = 0;

  // The CPU profile covers the first run only: not parser construction, not the extra passes.
  const session = profilePath ? new Session() : undefined;
  const stopProfile = async () => {
    if (!session) return;
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(profilePath!, JSON.stringify(profile));
    session.disconnect();
  };
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }

  for (let run = 0; run < repeat; run++) {
    if (run === 1) await stopProfile();
    const cpu0 = process.cpuUsage();
    t = performance.now();
    const parseFindings: Record<string, number> = {};
    if (stage === 'parse') {
      const split = splitScript(text, file, { followIncludes: false });
      let statements = 0;
      let findings = split.findings.length;
      for (const f of split.findings) count(parseFindings, f.id);
      const parsed: unknown[] = [];
      for (const item of split.items) {
        if (item.kind !== 'statement') continue;
        statements++;
        const r = parseStatement(item.text, item.location);
        findings += r.findings.length;
        for (const f of r.findings) count(parseFindings, f.id);
        parsed.push(r.statement);
      }
      runsMs.push(performance.now() - t);
      heapAfterMb = mb(process.memoryUsage().heapUsed); // the parsed statements are still referenced
      counts = { statements, findings, parseFindings, parseErrors: parseFindings['OPG-PARSE-0001'] ?? 0 };
      parsed.length = 0;
    } else {
      const r = convertSources([{ file, text }], {});
      runsMs.push(performance.now() - t);
      heapAfterMb = mb(process.memoryUsage().heapUsed);
      for (const f of r.findings) count(parseFindings, f.id);
      let out = 0;
      for (const p of Object.values(r.phases)) out += p.length;
      counts = {
        statements: r.stats.statements,
        findings: r.findings.length,
        parseFindings,
        parseErrors: parseFindings['OPG-PARSE-0001'] ?? 0,
        objects: r.objects.length,
        outputMb: mb(out),
      };
    }
    const cpu = process.cpuUsage(cpu0);
    if (run === 0) {
      cpuMs = (cpu.user + cpu.system) / 1000;
      peakRssMb = process.resourceUsage().maxRSS / 1024;
    }
  }
  if (repeat === 1) await stopProfile();

  let splitMs: number | undefined;
  let lexMs: number | undefined;
  if (stage === 'parse') {
    gc();
    t = performance.now();
    const split = splitScript(text, file, { followIncludes: false });
    splitMs = performance.now() - t;
    t = performance.now();
    for (const item of split.items) if (item.kind === 'statement') lex(item.text);
    lexMs = performance.now() - t;
  }

  return {
    stage,
    file,
    lines,
    bytes,
    initMs,
    ms: runsMs[0],
    warmMs: runsMs.length > 1 ? Math.min(...runsMs.slice(1)) : undefined,
    runsMs,
    cpuMs,
    splitMs,
    lexMs,
    peakRssMb,
    baseRssMb,
    heapAfterMb,
    ...counts!,
  };
}

const [stage, file, repeat, profilePath] = process.argv.slice(2);
if (stage !== 'parse' && stage !== 'convert') {
  process.stderr.write('usage: child <parse|convert> <file.sql> <repeat> [profile.cpuprofile]\n');
  process.exit(2);
}
const result = await measure(stage, file, Math.max(1, Number(repeat ?? 1)), profilePath);
if (process.send) process.send(result);
else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
