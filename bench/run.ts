/**
 * Parse and convert throughput benchmark (issue 11; the foundation issue's "parse throughput
 * on a large generated DDL file").
 *
 *   npm run bench                                   # 10k, 100k and 1M lines
 *   npm run bench -- --sizes 10000,100000           # a subset
 *   npm run bench -- --sizes 100000 --cpu-prof      # plus a CPU profile of each stage's first run
 *
 * Options: --sizes a,b,c  --seed N (1)  --profile mixed|ddl (mixed)  --stages parse,convert
 *          --repeat N (default 3 up to 100k lines, 1 above)  --v8-background  --cpu-prof
 *          --no-write (do not update bench/results.json)  --tsx
 *
 * Code measured: src/ compiled by tsc (bench/tsconfig.build.json, into bench/.cache/build,
 * rebuilt when src/ changes), run on plain node, as users run dist/. --tsx measures the
 * TypeScript sources through tsx instead; tsx (esbuild keepNames) wraps functions created in hot
 * paths with __name(), which showed up as ~15 % of parse time in profiles.
 *
 * Inputs come from the generator (bench/gen) and are cached in bench/.cache/, keyed by size,
 * seed, profile and a hash of the generator's sources.
 *
 * Stages, per size:
 *   parse    splitScript + parseStatement on every statement (lex + parse), as convert does it;
 *            also timed apart: split alone and lex alone (a separate pass, not added in).
 *   convert  convertSources on the in-memory text (split, parse, model, rules, printing of the
 *            three phases; nothing written to disk).
 *
 * Each (size, stage) runs in its own child process (bench/child.ts). That makes peak RSS
 * (getrusage maxrss) a figure of that stage alone, rather than a high-water mark left by an
 * earlier, larger run, and
 * keeps JIT and heap state from leaking between measurements. The child reads the file, builds
 * the parser once (timed as "init", not counted in throughput), then runs the stage `repeat`
 * times. The headline time is the first run (cold process, as the CLI runs); peak RSS is read
 * after it. The best later run is shown as "warm".
 *
 * Single core: the work is synchronous JavaScript on the main thread. By default children also
 * run with V8's --single-threaded (no background GC or compiler threads), so the figures are what
 * one core gives; the cpu/wall column shows it (≈ 1.00). --v8-background lifts that.
 *
 * --cpu-prof profiles each stage's first run with the inspector (bench/profile.ts prints the
 * summary); profiling slows that run, so do not compare its times with unprofiled ones.
 * A child that crashes or runs out of heap is reported as FAILED with its error line; heap flags
 * can be passed with NODE_OPTIONS (e.g. --max-old-space-size=4096).
 */
import { execFileSync, fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ChildResult, Stage } from './child.js';
import { type Profile, writeScript } from './gen/index.js';
import { formatSummary, summarize } from './profile.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const CACHE = join(HERE, '.cache');
const RESULTS = join(HERE, 'results.json');

interface Options {
  sizes: number[];
  seed: number;
  profile: Profile;
  stages: Stage[];
  repeat?: number;
  background: boolean;
  cpuProf: boolean;
  write: boolean;
  /** Run the TypeScript sources through tsx instead of the tsc build. */
  tsx: boolean;
}

interface SizeResult {
  size: number;
  genMs?: number;
  stages: Partial<Record<Stage, ChildResult | { error: string }>>;
}

const mb = (b: number) => b / (1024 * 1024);

function parseArgs(argv: string[]): Options {
  const o: Options = {
    sizes: [10_000, 100_000, 1_000_000],
    seed: 1,
    profile: 'mixed',
    stages: ['parse', 'convert'],
    background: false,
    cpuProf: false,
    write: true,
    tsx: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${a} needs a value`);
      return x;
    };
    const size = (s: string) => {
      const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s.replaceAll('_', '').trim());
      if (!m) throw new Error(`bad size ${s}`);
      return Math.round(
        Number(m[1]) * ({ k: 1e3, m: 1e6 } as Record<string, number>)[m[2].toLowerCase()] || Number(m[1]),
      );
    };
    if (a === '--sizes') o.sizes = v().split(',').map(size);
    else if (a === '--seed') o.seed = Number(v());
    else if (a === '--profile') {
      const p = v();
      if (p !== 'mixed' && p !== 'ddl') throw new Error('--profile is mixed or ddl');
      o.profile = p;
    } else if (a === '--stages') {
      o.stages = v().split(',') as Stage[];
      if (o.stages.some((s) => s !== 'parse' && s !== 'convert')) throw new Error('--stages: parse,convert');
    } else if (a === '--repeat') o.repeat = Math.max(1, Number(v()));
    else if (a === '--v8-background') o.background = true;
    else if (a === '--cpu-prof') o.cpuProf = true;
    else if (a === '--no-write') o.write = false;
    else if (a === '--tsx') o.tsx = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  return o;
}

function generatorHash(): string {
  const h = createHash('sha256');
  const dir = join(HERE, 'gen');
  for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest('hex').slice(0, 10);
}

function input(size: number, o: Options): { file: string; genMs?: number } {
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, `${o.profile}-${size}-s${o.seed}-${generatorHash()}.sql`);
  if (existsSync(file)) return { file };
  const t = performance.now();
  writeScript(file, { lines: size, seed: o.seed, profile: o.profile });
  return { file, genMs: performance.now() - t };
}

const profileFile = (size: number, stage: Stage) => join(CACHE, 'prof', `${size}-${stage}.cpuprofile`);

/** Hash of the files under `dir` (recursively), for cache keys. */
function treeHash(h: ReturnType<typeof createHash>, dir: string): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) treeHash(h, p);
    else h.update(relative(ROOT, p)).update(readFileSync(p));
  }
}

/**
 * Compiles src/ and bench/child.ts with tsc into bench/.cache/build (what `npm run build` would
 * give; tsx's on-the-fly transform adds keepNames wrappers that cost time in hot paths).
 * Rebuilt when src/ or child.ts changed. Returns the child script.
 */
/** Hash of src/ plus the child, identifying the code measured (src/ changes between commits). */
function codeHash(): string {
  const h = createHash('sha256');
  treeHash(h, join(ROOT, 'src'));
  h.update(readFileSync(join(HERE, 'child.ts')));
  return h.digest('hex').slice(0, 16);
}

function buildChild(hash: string): string {
  const out = join(CACHE, 'build');
  const stamp = join(out, '.stamp');
  const script = join(out, 'bench', 'child.js');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash && existsSync(script)) return script;
  rmSync(out, { recursive: true, force: true });
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(HERE, 'tsconfig.build.json')], {
      cwd: ROOT,
      stdio: 'pipe',
    });
  } catch (e) {
    // Type errors (src is being edited) still emit JavaScript; only a missing output is fatal.
    if (!existsSync(script)) throw new Error(`tsc failed: ${String((e as { stdout?: Buffer }).stdout ?? e)}`);
    process.stdout.write('note: tsc reported type errors in src/; measuring the emitted JavaScript anyway\n');
  }
  // The build has no package.json of its own: mark it ESM like the project.
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(stamp, hash);
  return script;
}

function runChild(
  script: string,
  stage: Stage,
  file: string,
  size: number,
  o: Options,
): Promise<ChildResult | { error: string }> {
  // Under --tsx the child inherits the tsx loader flags; the build runs on plain node.
  const execArgv = [...(o.tsx ? process.execArgv : []), '--expose-gc'];
  if (!o.background) execArgv.push('--single-threaded');
  const repeat = o.repeat ?? (size <= 100_000 ? 3 : 1);
  const args = [stage, file, String(repeat)];
  if (o.cpuProf) {
    mkdirSync(join(CACHE, 'prof'), { recursive: true });
    rmSync(profileFile(size, stage), { force: true });
    args.push(profileFile(size, stage));
  }
  return new Promise((done) => {
    const cp = fork(script, args, { execArgv, stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    let result: ChildResult | undefined;
    let stderr = '';
    cp.stderr!.on('data', (d: Buffer) => {
      if (stderr.length < 200_000) stderr += d.toString();
    });
    cp.on('message', (m) => {
      result = m as ChildResult;
    });
    cp.on('exit', (code, signal) => {
      if (result) done(result);
      else {
        // The error line (a JS exception, or V8's "heap out of memory") and the first frame.
        const lines = stderr.trim().split('\n');
        const at = lines.findIndex((l) => /Error|FATAL|out of memory/i.test(l));
        const picked = at >= 0 ? lines.slice(at, at + 2) : lines.slice(-3);
        done({
          error: `child exited with ${signal ?? `code ${code}`}: ${picked.map((l) => l.trim()).join(' ')}`,
        });
      }
    });
  });
}

function machine() {
  const cpus = os.cpus();
  let commit = '';
  let dirty = false;
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    dirty =
      execFileSync('git', ['status', '--porcelain', 'src'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
  } catch {
    // not a git checkout
  }
  return {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    commit,
    srcDirty: dirty,
  };
}

const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

function table(rows: string[][]): string {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r, k) => {
      const line = r.map((c, i) => (i < 2 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
      return k === 0 ? `${line}\n${w.map((x) => '-'.repeat(x)).join('  ')}` : line;
    })
    .join('\n');
}

async function parent(o: Options): Promise<void> {
  const info = machine();
  process.stdout.write(
    `orapg bench: node ${info.node}, ${info.cpu} (${info.cores} cores), ${info.os}\n` +
      `input: generator profile ${o.profile}, seed ${o.seed}; code: ${o.tsx ? 'src/ through tsx' : 'src/ compiled by tsc'}; V8 ${o.background ? 'with background threads' : '--single-threaded'}\n\n`,
  );
  const hash = codeHash();
  const script = o.tsx ? join(HERE, 'child.ts') : buildChild(hash);
  const results: SizeResult[] = [];
  for (const size of o.sizes) {
    const { file, genMs } = input(size, o);
    process.stdout.write(
      `${fmt(size)} lines: ${relative(ROOT, file)} (${fmt(mb(statSync(file).size), 1)} MB${genMs ? `, generated in ${fmt(genMs / 1000, 1)} s` : ', cached'})\n`,
    );
    const sr: SizeResult = { size, genMs, stages: {} };
    for (const stage of o.stages) {
      const r = await runChild(script, stage, file, size, o);
      sr.stages[stage] = r;
      const failed = 'error' in r;
      if ('error' in r) process.stdout.write(`  ${stage}: FAILED ${r.error}\n`);
      else
        process.stdout.write(
          `  ${stage}: ${fmt(r.ms / 1000, 2)} s, ${fmt(r.lines / (r.ms / 1000))} lines/s, peak RSS ${fmt(r.peakRssMb)} MB\n`,
        );
      if (o.cpuProf && !failed) {
        const prof = profileFile(size, stage);
        if (existsSync(prof))
          process.stdout.write(`${formatSummary(summarize(prof, 12)).replace(/^/gm, '    ')}\n`);
      }
    }
    results.push(sr);
  }

  // Summary tables.
  const head = [
    'size',
    'stage',
    'time s',
    'lines/s',
    'MB/s',
    'stmts/s',
    'warm lines/s',
    'init ms',
    'peak RSS MB',
    'heap MB',
    'cpu/wall',
    'OPG-PARSE-0001',
    'OPG-PARSE all',
  ];
  const rows: string[][] = [head];
  for (const sr of results)
    for (const stage of o.stages) {
      const r = sr.stages[stage];
      if (!r) continue;
      if ('error' in r) {
        rows.push([fmt(sr.size), stage, 'FAILED', ...head.slice(3).map(() => '-')]);
        continue;
      }
      const s = r.ms / 1000;
      const all = Object.values(r.parseFindings).reduce((a, b) => a + b, 0);
      rows.push([
        fmt(sr.size),
        stage,
        fmt(s, 3),
        fmt(r.lines / s),
        fmt(mb(r.bytes) / s, 2),
        fmt(r.statements / s),
        r.warmMs ? fmt(r.lines / (r.warmMs / 1000)) : '-',
        fmt(r.initMs),
        fmt(r.peakRssMb),
        fmt(r.heapAfterMb),
        (r.cpuMs / r.ms).toFixed(2),
        fmt(r.parseErrors),
        fmt(all),
      ]);
    }
  process.stdout.write(`\n${table(rows)}\n`);
  const busy = results.some((sr) =>
    Object.values(sr.stages).some((r) => r && !('error' in r) && r.ms > 200 && r.cpuMs / r.ms < 0.9),
  );
  if (busy)
    process.stdout.write(
      'warning: cpu/wall < 0.9 on some runs: the process waited for a CPU (machine busy?); times are unreliable\n',
    );

  const splitRows: string[][] = [
    [
      'size',
      'stage',
      'statements',
      'split ms',
      'lex ms (alone)',
      'split+lex+parse ms',
      'convert ms',
      'convert - parse ms',
    ],
  ];
  for (const sr of results) {
    const p = sr.stages.parse;
    const c = sr.stages.convert;
    const pr = p && !('error' in p) ? p : undefined;
    const cr = c && !('error' in c) ? c : undefined;
    if (!pr && !cr) continue;
    splitRows.push([
      fmt(sr.size),
      'timing split',
      fmt((pr ?? cr)!.statements),
      pr?.splitMs !== undefined ? fmt(pr.splitMs) : '-',
      pr?.lexMs !== undefined ? fmt(pr.lexMs) : '-',
      pr ? fmt(pr.ms) : '-',
      cr ? fmt(cr.ms) : '-',
      pr && cr ? fmt(cr.ms - pr.ms) : '-',
    ]);
  }
  process.stdout.write(`\n${table(splitRows)}\n`);

  // Scaling: time per line at the largest size over time per line at the smallest, and each
  // step (10× input should take ≤ 11× time).
  const scaling: Record<
    string,
    { from: number; to: number; perLineRatio: number; timeRatio: number; inputRatio: number }[]
  > = {};
  const ok = (sr: SizeResult, st: Stage) => {
    const r = sr.stages[st];
    return r && !('error' in r) ? r : undefined;
  };
  const sortedSizes = [...results].sort((a, b) => a.size - b.size);
  for (const st of o.stages) {
    const have = sortedSizes.filter((sr) => ok(sr, st));
    const entries: (typeof scaling)[string] = [];
    const pair = (a: SizeResult, b: SizeResult) => {
      const ra = ok(a, st)!;
      const rb = ok(b, st)!;
      entries.push({
        from: a.size,
        to: b.size,
        inputRatio: rb.lines / ra.lines,
        timeRatio: rb.ms / ra.ms,
        perLineRatio: rb.ms / rb.lines / (ra.ms / ra.lines),
      });
    };
    for (let i = 1; i < have.length; i++) pair(have[i - 1], have[i]);
    if (have.length > 2) pair(have[0], have[have.length - 1]);
    scaling[st] = entries;
    for (const e of entries)
      process.stdout.write(
        `scaling ${st} ${fmt(e.from)} -> ${fmt(e.to)}: ${fmt(e.inputRatio, 1)}x input, ${fmt(e.timeRatio, 2)}x time, time per line ${fmt(e.perLineRatio, 2)}x\n`,
      );
  }

  const measured = results.some((sr) => Object.values(sr.stages).some((r) => r && !('error' in r)));
  if (o.write && !measured)
    process.stdout.write(`\nevery run failed: ${relative(ROOT, RESULTS)} left as it was\n`);
  else if (o.write) {
    const json = {
      machine: { ...info, srcHash: hash },
      options: {
        seed: o.seed,
        profile: o.profile,
        code: o.tsx ? 'src through tsx' : 'src compiled by tsc',
        v8: o.background ? 'background threads' : '--single-threaded',
        repeat: o.repeat ?? '3 runs up to 100k lines (first = cold figure, best later = warm), 1 above',
        generator: generatorHash(),
      },
      sizes: results.map((sr) => ({
        size: sr.size,
        generateMs: sr.genMs,
        ...Object.fromEntries(
          Object.entries(sr.stages).map(([st, r]) => {
            if (!r || 'error' in r) return [st, r];
            const s = r.ms / 1000;
            const { file: _file, ...rest } = r;
            return [
              st,
              {
                ...rest,
                file: relative(ROOT, r.file),
                linesPerSec: Math.round(r.lines / s),
                mbPerSec: Number((mb(r.bytes) / s).toFixed(3)),
                statementsPerSec: Math.round(r.statements / s),
                warmLinesPerSec: r.warmMs ? Math.round(r.lines / (r.warmMs / 1000)) : undefined,
              },
            ];
          }),
        ),
      })),
      scaling,
    };
    writeFileSync(RESULTS, `${JSON.stringify(json, null, 2)}\n`);
    process.stdout.write(`\nwrote ${relative(ROOT, RESULTS)}\n`);
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let o: Options;
  try {
    o = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  await parent(o);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
