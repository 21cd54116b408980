/**
 * orapg side by side with ora2pg (issue 11): the same generated Oracle script converted by both
 * tools, wall time, CPU time and peak RSS of each, and how many of each tool's output statements
 * PostgreSQL accepts.
 *
 *   npm run bench:ora2pg                                  # 10k and 100k lines
 *   npm run bench:ora2pg -- --lines 10000                 # one size (also 10k, 1.5m)
 *   npm run bench:ora2pg -- --input whole                 # ora2pg reads the whole file for each type
 *   npm run bench:ora2pg -- --no-apply                    # timings only (no PostgreSQL needed)
 *
 * Options: --lines a,b  --seed N (1)  --profile mixed|ddl (mixed)  --input split|whole (split)
 *          --types TABLE,SEQUENCE,…  --timeout S (per ora2pg run, 3600)  --no-apply
 *          --pg URL (postgres://postgres@127.0.0.1:5432/postgres; a scratch database is created
 *          and dropped per tool and size)  --no-install  --no-write (keep bench/ora2pg-results.json)
 *
 * ora2pg: Debian's package (`apt-get install -y ora2pg`, 23.2 in Debian 12). When it is missing
 * the script installs it if it runs as root and apt-get exists; otherwise it prints the command
 * and measures orapg alone. File-input mode needs no Oracle connection and no Oracle client:
 * `ora2pg -c ora2pg.conf -i file.sql -t TYPE -o out.sql`, with a generated configuration that
 * only sets PG_VERSION 15 (ora2pg 23.2 does not read ORACLE_DSN with -i; `-c` keeps it from
 * reading /etc/ora2pg/ora2pg.conf). Each run has its own directory: ora2pg writes side files
 * there (AUTOINCREMENT_*.sql for identity columns, global_variables.conf for package variables).
 *
 * What ora2pg reads (--input):
 *   split  (default) the generated script cut into one file per ora2pg export type, the way a
 *          per-type export would hand it over: TABLE (CREATE TABLE, ALTER TABLE, CREATE INDEX,
 *          COMMENT ON), SEQUENCE, VIEW, TRIGGER (CREATE/ALTER TRIGGER), FUNCTION, PROCEDURE,
 *          PACKAGE (specs and bodies), TYPE, GRANT (GRANT/REVOKE, CREATE USER/ROLE). Only types
 *          with statements run. The cut is done with orapg's SQL*Plus splitter and is not
 *          counted in either tool's time. SQL*Plus commands (PROMPT, SET …) are left out.
 *   whole  every type reads the whole generated file. ora2pg's FUNCTION and PROCEDURE exports
 *          then also pick up package members and other statements (its output repeats them),
 *          so the apply count drops statements whose text another type already emitted.
 * orapg always converts the whole generated file in one run (`orapg convert file -o dir`: split,
 * parse, convert, write the three phase files, findings.json and manifest.json), run from
 * src/ compiled by tsc into bench/.cache/build-ora2pg, on plain node.
 *
 * Measurement: each run is a child process under /usr/bin/time -v (wall, user+system CPU,
 * maximum RSS); without /usr/bin/time, /proc/<pid>/status VmHWM is polled and CPU comes from
 * /proc/self/stat (cutime, cstime). ora2pg's figures are the sum (time) and the maximum (RSS)
 * over its per-type runs. A run that exceeds --timeout is killed and reported as such (its time
 * is then a lower bound). The machine's load average is recorded: on a busy machine the wall
 * times are inflated for both tools, the CPU times less so.
 *
 * Results: bench/ora2pg-results.json, one entry per --input mode (a run replaces its mode's entry).
 *
 * Apply: each tool's output files are cut into statements with bench/pgsplit.ts (the same cutter
 * for both), session statements (SET, BEGIN, COMMIT, psql meta-commands) dropped, and applied to
 * a scratch database on PostgreSQL one statement at a time, each in its own savepoint, in
 * transactions of 500 statements (one transaction for all runs out of lock slots at ~10k objects);
 * the database is dropped afterwards, and the roles that applied CREATE ROLE / CREATE USER
 * statements created are dropped again.
 * Statements that failed are retried while a retry pass makes progress (ordering problems do not
 * count against a tool). check_function_bodies stays on (PL/pgSQL bodies are syntax-checked,
 * not validated). orapg outputs are applied in phase order; ora2pg's in type order TYPE,
 * SEQUENCE, TABLE, FUNCTION, PROCEDURE, PACKAGE, VIEW, TRIGGER, GRANT. orapg's objects count as
 * applied when all their statements applied.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { leadingWords, splitScript } from '../src/source/script.js';
import { type Profile, writeScript } from './gen/index.js';
import { isSessionStatement, type PgStatement, splitPgScript } from './pgsplit.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const CACHE = join(HERE, '.cache');
const WORK = join(CACHE, 'ora2pg');
const BUILD = join(CACHE, 'build-ora2pg');
const RESULTS = join(HERE, 'ora2pg-results.json');

const ALL_TYPES = [
  'TYPE',
  'SEQUENCE',
  'TABLE',
  'FUNCTION',
  'PROCEDURE',
  'PACKAGE',
  'VIEW',
  'TRIGGER',
  'GRANT',
];

interface Options {
  sizes: number[];
  seed: number;
  profile: Profile;
  input: 'split' | 'whole';
  types: string[];
  timeoutSec: number;
  apply: boolean;
  pg: string;
  install: boolean;
  write: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    sizes: [10_000, 100_000],
    seed: 1,
    profile: 'mixed',
    input: 'split',
    types: ALL_TYPES,
    timeoutSec: 3600,
    apply: true,
    pg: process.env.ORAPG_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    install: true,
    write: true,
  };
  const size = (s: string) => {
    const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s.replaceAll('_', '').trim());
    if (!m) throw new Error(`bad size ${s}`);
    const mult = ({ k: 1e3, m: 1e6 } as Record<string, number>)[m[2].toLowerCase()] ?? 1;
    return Math.round(Number(m[1]) * mult);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${a} needs a value`);
      return x;
    };
    if (a === '--lines' || a === '--sizes') o.sizes = v().split(',').map(size);
    else if (a === '--seed') o.seed = Number(v());
    else if (a === '--profile') {
      const p = v();
      if (p !== 'mixed' && p !== 'ddl') throw new Error('--profile is mixed or ddl');
      o.profile = p;
    } else if (a === '--input') {
      const p = v();
      if (p !== 'split' && p !== 'whole') throw new Error('--input is split or whole');
      o.input = p;
    } else if (a === '--types') {
      o.types = v()
        .toUpperCase()
        .split(',')
        .map((t) => t.trim());
      const bad = o.types.filter((t) => !ALL_TYPES.includes(t));
      if (bad.length) throw new Error(`unknown type ${bad.join(', ')} (known: ${ALL_TYPES.join(', ')})`);
    } else if (a === '--timeout') o.timeoutSec = Number(v());
    else if (a === '--no-apply') o.apply = false;
    else if (a === '--pg') o.pg = v();
    else if (a === '--no-install') o.install = false;
    else if (a === '--no-write') o.write = false;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  return o;
}

const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const say = (s: string) => process.stdout.write(s);

// ---------------------------------------------------------------------------------------------
// ora2pg installation

function which(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(':')) {
    const p = join(dir, cmd);
    if (existsSync(p)) return p;
  }
  return undefined;
}

function ora2pgVersion(): string | undefined {
  if (!which('ora2pg')) return undefined;
  try {
    const out = execFileSync('ora2pg', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return /v?(\d+\.\d+\S*)/.exec(out)?.[1] ?? out.trim();
  } catch {
    return undefined;
  }
}

/** ora2pg's version, installing Debian's package when possible; else why not. */
function ensureOra2pg(o: Options): { version?: string; why?: string } {
  let version = ora2pgVersion();
  if (version) return { version };
  const how = 'install it with: sudo apt-get install -y ora2pg   (Debian/Ubuntu package; Debian 12 has 23.2)';
  if (!o.install) return { why: `ora2pg is not installed and --no-install was given; ${how}` };
  const root = process.getuid?.() === 0;
  const apt = which('apt-get');
  if (!root || !apt)
    return {
      why: `ora2pg is not installed and this script installs it only as root with apt-get (${root ? 'no apt-get' : 'not root'}); ${how}`,
    };
  say('ora2pg is missing: apt-get install -y ora2pg …\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    execFileSync(apt, ['install', '-y', '--no-install-recommends', 'ora2pg'], { env, stdio: 'inherit' });
  try {
    try {
      install();
    } catch {
      execFileSync(apt, ['update'], { env, stdio: 'inherit' });
      install();
    }
  } catch (e) {
    return { why: `apt-get install -y ora2pg failed: ${(e as Error).message.split('\n')[0]}` };
  }
  version = ora2pgVersion();
  return version ? { version } : { why: 'apt-get install -y ora2pg ran but `ora2pg --version` still fails' };
}

// ---------------------------------------------------------------------------------------------
// orapg build (src/ compiled by tsc, like dist/)

function treeHash(h: ReturnType<typeof createHash>, dir: string): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) treeHash(h, p);
    else h.update(relative(ROOT, p)).update(readFileSync(p));
  }
}

/** Compiles src/ into bench/.cache/build-ora2pg (when src/ changed); returns the CLI module. */
function buildOrapg(): string {
  const h = createHash('sha256');
  treeHash(h, join(ROOT, 'src'));
  const hash = h.digest('hex').slice(0, 16);
  const stamp = join(BUILD, '.stamp');
  const cli = join(BUILD, 'src', 'cli', 'index.js');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash && existsSync(cli)) return cli;
  say('compiling src/ with tsc …\n');
  rmSync(BUILD, { recursive: true, force: true });
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(HERE, 'tsconfig.build.json'), '--outDir', BUILD], {
      cwd: ROOT,
      stdio: 'pipe',
    });
  } catch (e) {
    // Type errors (src/ being edited) still emit JavaScript; only a missing output is fatal.
    if (!existsSync(cli)) throw new Error(`tsc failed: ${String((e as { stdout?: Buffer }).stdout ?? e)}`);
    say('note: tsc reported type errors in src/; measuring the emitted JavaScript anyway\n');
  }
  writeFileSync(join(BUILD, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(stamp, hash);
  return cli;
}

// ---------------------------------------------------------------------------------------------
// Inputs

function generatorHash(): string {
  const h = createHash('sha256');
  const dir = join(HERE, 'gen');
  for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest('hex').slice(0, 10);
}

/** The generated script, cached like bench/run.ts caches it (same name, same bytes). */
function input(size: number, o: Options): string {
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, `${o.profile}-${size}-s${o.seed}-${generatorHash()}.sql`);
  if (!existsSync(file)) writeScript(file, { lines: size, seed: o.seed, profile: o.profile });
  return file;
}

const countLines = (s: string) => {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

/** ora2pg export type of an Oracle statement (by its first words), or undefined. */
export function ora2pgType(text: string): string | undefined {
  const w = leadingWords(text, 8);
  let i = 0;
  if (w[i] === 'CREATE' || w[i] === 'ALTER') {
    const verb = w[i++];
    if (w[i] === 'OR' && w[i + 1] === 'REPLACE') i += 2;
    while (['EDITIONABLE', 'NONEDITIONABLE', 'FORCE', 'NO', 'PUBLIC'].includes(w[i])) i++;
    if (verb === 'ALTER') {
      if (w[i] === 'TABLE' || w[i] === 'INDEX') return 'TABLE';
      if (w[i] === 'TRIGGER') return 'TRIGGER';
      if (w[i] === 'SEQUENCE') return 'SEQUENCE';
      return undefined;
    }
    while (['GLOBAL', 'PRIVATE', 'TEMPORARY', 'UNIQUE', 'BITMAP'].includes(w[i])) i++;
    switch (w[i]) {
      case 'TABLE':
      case 'INDEX':
        return 'TABLE';
      case 'SEQUENCE':
      case 'VIEW':
      case 'TRIGGER':
      case 'FUNCTION':
      case 'PROCEDURE':
      case 'PACKAGE':
      case 'TYPE':
        return w[i];
      case 'MATERIALIZED':
        return 'MVIEW';
      case 'USER':
      case 'ROLE':
        return 'GRANT';
      default:
        return undefined;
    }
  }
  if (w[0] === 'COMMENT') return 'TABLE';
  if (w[0] === 'GRANT' || w[0] === 'REVOKE') return 'GRANT';
  return undefined;
}

interface TypeInput {
  type: string;
  file: string;
  statements: number;
  lines: number;
  bytes: number;
}

/** Cuts the script into one file per ora2pg type. */
function splitForOra2pg(file: string, dir: string): { inputs: TypeInput[]; left: Record<string, number> } {
  const text = readFileSync(file, 'utf8');
  const split = splitScript(text, file, { followIncludes: false });
  const parts = new Map<string, string[]>();
  const left: Record<string, number> = {};
  for (const item of split.items) {
    if (item.kind !== 'statement') {
      if (item.kind === 'sqlplus')
        left[`sqlplus ${item.command}`] = (left[`sqlplus ${item.command}`] ?? 0) + 1;
      continue;
    }
    const type = ora2pgType(item.text);
    if (!type) {
      const what = leadingWords(item.text, 2).join(' ');
      left[what] = (left[what] ?? 0) + 1;
      continue;
    }
    const body = item.text.replace(/\s+$/, '');
    const stmt = item.plsql ? `${body}\n/\n` : `${body};\n`;
    const list = parts.get(type) ?? [];
    list.push(stmt);
    parts.set(type, list);
  }
  mkdirSync(dir, { recursive: true });
  const inputs: TypeInput[] = [];
  for (const type of ALL_TYPES) {
    const list = parts.get(type);
    if (!list?.length) continue;
    const out = join(dir, `${type.toLowerCase()}.sql`);
    const s = `${list.join('\n')}`;
    writeFileSync(out, s);
    inputs.push({
      type,
      file: out,
      statements: list.length,
      lines: countLines(s),
      bytes: Buffer.byteLength(s),
    });
  }
  return { inputs, left };
}

// ---------------------------------------------------------------------------------------------
// Measuring a child process

interface RunStats {
  wallMs: number;
  userMs: number;
  sysMs: number;
  peakRssMb: number;
  exitCode: number | null;
  signal?: string;
  timedOut: boolean;
  stderrTail: string;
  method: 'usr-bin-time' | 'proc-poll';
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function procSelfChildCpuMs(): number {
  // /proc/self/stat fields 16 and 17: cutime, cstime (waited-for children), in clock ticks.
  try {
    const s = readFileSync('/proc/self/stat', 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    const tick = 100;
    return ((Number(f[13]) + Number(f[14])) * 1000) / tick;
  } catch {
    return Number.NaN;
  }
}

function measure(
  cmd: string,
  args: string[],
  opts: { cwd: string; timeoutMs: number; stdout?: string; stderr?: string },
): Promise<RunStats> {
  const timeFile = join(opts.cwd, '.time.txt');
  rmSync(timeFile, { force: true });
  const useTime = !!TIME;
  const [file, argv] = useTime ? [TIME!, ['-v', '-o', timeFile, cmd, ...args]] : [cmd, args];
  const cpu0 = useTime ? 0 : procSelfChildCpuMs();
  const t0 = performance.now();
  return new Promise((done) => {
    const cp = spawn(file, argv, { cwd: opts.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const chunks: Buffer[] = [];
    cp.stdout!.on('data', (d: Buffer) => {
      if (opts.stdout) chunks.push(d);
    });
    cp.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
    });
    let hwm = 0;
    const poll = useTime
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${cp.pid}/status`, 'utf8'));
            if (m) hwm = Math.max(hwm, Number(m[1]));
          } catch {
            // exited
          }
        }, 20);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      // Kill the measured command (the child of /usr/bin/time, so that time still reports its
      // CPU and RSS), else the whole group this spawn created.
      let children: number[] = [];
      try {
        children = readFileSync(`/proc/${cp.pid}/task/${cp.pid}/children`, 'utf8')
          .trim()
          .split(/\s+/)
          .filter(Boolean)
          .map(Number);
      } catch {
        // no /proc
      }
      for (const pid of useTime && children.length ? children : [-cp.pid!]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone already
        }
      }
    }, opts.timeoutMs);
    cp.on('close', (code, signal) => {
      const wallMs = performance.now() - t0;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      if (opts.stdout) writeFileSync(opts.stdout, Buffer.concat(chunks));
      if (opts.stderr) writeFileSync(opts.stderr, stderr);
      const r: RunStats = {
        wallMs,
        userMs: Number.NaN,
        sysMs: Number.NaN,
        peakRssMb: hwm / 1024,
        exitCode: code,
        signal: signal ?? undefined,
        timedOut,
        stderrTail: stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 500),
        method: useTime ? 'usr-bin-time' : 'proc-poll',
      };
      if (useTime && existsSync(timeFile)) {
        const t = readFileSync(timeFile, 'utf8');
        const num = (re: RegExp) => Number(re.exec(t)?.[1] ?? Number.NaN);
        r.userMs = num(/User time \(seconds\): ([\d.]+)/) * 1000;
        r.sysMs = num(/System time \(seconds\): ([\d.]+)/) * 1000;
        r.peakRssMb = num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024;
        const exit = /Exit status: (\d+)/.exec(t);
        if (exit) r.exitCode = Number(exit[1]);
        const sig = /Command terminated by signal (\d+)/.exec(t);
        if (sig) r.signal = `signal ${sig[1]}`;
      } else if (!useTime) {
        const cpu = procSelfChildCpuMs() - cpu0;
        r.userMs = cpu;
        r.sysMs = 0;
      }
      done(r);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Running the tools

const ORA2PG_CONF = `# Generated by bench/ora2pg.ts: ora2pg file-input mode (-i) needs no Oracle connection.
# ORACLE_DSN / ORACLE_USER / ORACLE_PWD are not read with -i; PG_VERSION sets the target.
PG_VERSION\t15
`;

interface ToolRun {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  ok: boolean;
  outputFiles: string[];
  outputLines: number;
  outputBytes: number;
}

interface Ora2pgTypeRun extends RunStats {
  type: string;
  inputLines: number;
  inputStatements?: number;
  outputFiles: string[];
  outputLines: number;
}

async function runOra2pg(
  inputs: { type: string; file: string; lines: number; statements?: number }[],
  dir: string,
  o: Options,
): Promise<{ runs: Ora2pgTypeRun[]; total: ToolRun & { timedOut: string[]; failed: string[] } }> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const conf = join(dir, 'ora2pg.conf');
  writeFileSync(conf, ORA2PG_CONF);
  const runs: Ora2pgTypeRun[] = [];
  for (const inp of inputs) {
    const cwd = join(dir, inp.type.toLowerCase());
    mkdirSync(cwd, { recursive: true });
    say(`  ora2pg -t ${inp.type.padEnd(9)} (${fmt(inp.lines)} lines) … `);
    const r = await measure(
      'ora2pg',
      ['-q', '-c', conf, '-i', inp.file, '-t', inp.type, '-o', 'output.sql'],
      {
        cwd,
        timeoutMs: o.timeoutSec * 1000,
        stdout: join(cwd, 'stdout.txt'),
        stderr: join(cwd, 'stderr.txt'),
      },
    );
    // output.sql first, then side files (AUTOINCREMENT_output.sql …).
    const files = readdirSync(cwd)
      .filter((f) => f.endsWith('.sql'))
      .sort((a, b) => (a === 'output.sql' ? -1 : b === 'output.sql' ? 1 : a.localeCompare(b)))
      .map((f) => join(cwd, f));
    const outputLines = files.reduce((n, f) => n + countLines(readFileSync(f, 'utf8')), 0);
    runs.push({
      ...r,
      type: inp.type,
      inputLines: inp.lines,
      inputStatements: inp.statements,
      outputFiles: files,
      outputLines,
    });
    const status = r.timedOut
      ? `KILLED after ${fmt(o.timeoutSec)} s (--timeout)`
      : r.exitCode !== 0
        ? `FAILED (${r.signal ?? `exit ${r.exitCode}`}: ${r.stderrTail})`
        : `${fmt(outputLines)} output lines`;
    say(
      `${fmt(r.wallMs / 1000, 2)} s wall, ${fmt((r.userMs + r.sysMs) / 1000, 2)} s CPU, ${fmt(r.peakRssMb)} MB; ${status}\n`,
    );
  }
  const files = runs.flatMap((r) => r.outputFiles);
  return {
    runs,
    total: {
      wallMs: runs.reduce((s, r) => s + r.wallMs, 0),
      cpuMs: runs.reduce((s, r) => s + r.userMs + r.sysMs, 0),
      peakRssMb: Math.max(0, ...runs.map((r) => r.peakRssMb)),
      ok: runs.every((r) => !r.timedOut && r.exitCode === 0),
      timedOut: runs.filter((r) => r.timedOut).map((r) => r.type),
      failed: runs.filter((r) => !r.timedOut && r.exitCode !== 0).map((r) => r.type),
      outputFiles: files,
      outputLines: runs.reduce((s, r) => s + r.outputLines, 0),
      outputBytes: files.reduce((s, f) => s + statSync(f).size, 0),
    },
  };
}

interface OrapgSummary {
  statements: number;
  parseErrors: number;
  objects: number;
  findings: { info: number; warning: number; error: number };
  /** Read, convert and write inside the CLI (ms); the rest of the wall time is start-up. */
  millis: number;
}

async function runOrapg(
  cli: string,
  file: string,
  dir: string,
  o: Options,
): Promise<ToolRun & RunStats & { summary?: OrapgSummary }> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const out = join(dir, 'out');
  const code = `const { main } = await import(${JSON.stringify(pathToFileURL(cli).href)});
process.exitCode = await main(['node', 'orapg', ...process.argv.slice(1)]);`;
  say('  orapg convert … ');
  const r = await measure(
    process.execPath,
    ['--input-type=module', '-e', code, 'convert', file, '-o', out, '--json'],
    {
      cwd: dir,
      timeoutMs: o.timeoutSec * 1000,
      stdout: join(dir, 'stdout.json'),
      stderr: join(dir, 'stderr.txt'),
    },
  );
  let summary: OrapgSummary | undefined;
  try {
    summary = JSON.parse(readFileSync(join(dir, 'stdout.json'), 'utf8')) as OrapgSummary;
  } catch {
    // failed run
  }
  const files = ['01-pre-data.sql', '02-code.sql', '03-post-data.sql']
    .map((f) => join(out, f))
    .filter(existsSync);
  const outputLines = files.reduce((n, f) => n + countLines(readFileSync(f, 'utf8')), 0);
  const ok = !r.timedOut && r.exitCode === 0 && files.length === 3;
  say(
    `${fmt(r.wallMs / 1000, 2)} s wall, ${fmt((r.userMs + r.sysMs) / 1000, 2)} s CPU, ${fmt(r.peakRssMb)} MB; ${
      ok
        ? `${fmt(summary?.statements ?? 0)} statements, ${fmt(summary?.objects ?? 0)} objects, ${fmt(outputLines)} output lines; read + convert + write ${fmt((summary?.millis ?? 0) / 1000, 2)} s of it`
        : `FAILED (${r.timedOut ? 'timeout' : (r.signal ?? `exit ${r.exitCode}`)}: ${r.stderrTail})`
    }\n`,
  );
  return {
    ...r,
    cpuMs: r.userMs + r.sysMs,
    ok,
    outputFiles: files,
    outputLines,
    outputBytes: files.reduce((s, f) => s + statSync(f).size, 0),
    summary,
  };
}

// ---------------------------------------------------------------------------------------------
// Applying outputs to PostgreSQL

interface ApplyResult {
  statements: number;
  applied: number;
  appliedFirstPass: number;
  passes: number;
  /** Statements left out: session statements, and (whole input) repeated texts. */
  skipped: Record<string, number>;
  byKind: Record<string, { total: number; applied: number }>;
  /** orapg: objects (headers) whose statements all applied. */
  objects?: { total: number; applied: number };
  topErrors: { error: string; count: number }[];
  ms: number;
}

interface Planned {
  stmt: PgStatement;
  object?: number;
}

export function plan(
  files: string[],
  tool: 'orapg' | 'ora2pg',
  dedupe: boolean,
): { list: Planned[]; skipped: Record<string, number>; objects: number } {
  const list: Planned[] = [];
  const skipped: Record<string, number> = {};
  const seen = new Set<string>();
  let object = -1;
  for (const f of files) {
    for (const stmt of splitPgScript(readFileSync(f, 'utf8'))) {
      // orapg's object headers: "-- TABLE HR.EMP (file.sql:12)", "-- SCHEMA hr".
      if (
        tool === 'orapg' &&
        stmt.header &&
        /^(SCHEMA \S+|[A-Z][A-Z ]* .+ \([^()]+:\d+\))$/.test(stmt.header)
      )
        object++;
      if (isSessionStatement(stmt.kind)) {
        skipped[`session ${stmt.kind}`] = (skipped[`session ${stmt.kind}`] ?? 0) + 1;
        continue;
      }
      if (dedupe) {
        const key = stmt.sql.replace(/^(--[^\n]*\n|\s)+/, '');
        if (seen.has(key)) {
          skipped['repeated text'] = (skipped['repeated text'] ?? 0) + 1;
          continue;
        }
        seen.add(key);
      }
      list.push({ stmt, object: tool === 'orapg' ? Math.max(object, 0) : undefined });
    }
  }
  return { list, skipped, objects: object + 1 };
}

const BATCH = 500;

const normalizeError = (m: string) =>
  m
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\b\d+\b/g, 'N')
    .slice(0, 160);

export async function applyOutputs(
  files: string[],
  tool: 'orapg' | 'ora2pg',
  label: string,
  o: Options,
  dedupe: boolean,
): Promise<ApplyResult> {
  const t0 = performance.now();
  const { list, skipped } = plan(files, tool, dedupe);
  const db = `opg_bench_${label}_${process.pid}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: o.pg });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.query(`CREATE DATABASE ${db}`);
    const url = new URL(o.pg);
    url.pathname = `/${db}`;
    const c = new pg.Client({ connectionString: url.toString() });
    c.on('error', () => {});
    await c.connect();
    const ok = new Array<boolean>(list.length).fill(false);
    const lastError = new Array<string>(list.length).fill('');
    let passes = 0;
    let appliedFirstPass = 0;
    const rolesBefore = new Set(
      (await admin.query<{ rolname: string }>('SELECT rolname FROM pg_roles')).rows.map((r) => r.rolname),
    );
    try {
      await c.query("SET statement_timeout = '60s'");
      await c.query('SET client_min_messages = error');
      let todo = list.map((_, i) => i);
      while (todo.length) {
        passes++;
        const failed: number[] = [];
        // Batches of BATCH statements per transaction: one transaction for everything runs out of
        // lock slots (max_locks_per_transaction) at ~10k objects.
        for (let k = 0; k < todo.length; k += BATCH) {
          await c.query('BEGIN');
          for (const i of todo.slice(k, k + BATCH)) {
            await c.query('SAVEPOINT s');
            try {
              await c.query(list[i].stmt.sql);
              await c.query('RELEASE SAVEPOINT s');
              ok[i] = true;
            } catch (e) {
              lastError[i] = (e as Error).message;
              await c.query('ROLLBACK TO SAVEPOINT s');
              failed.push(i);
            }
          }
          await c.query('COMMIT');
        }
        if (passes === 1) appliedFirstPass = list.length - failed.length;
        if (failed.length === todo.length) break;
        todo = failed;
      }
    } finally {
      await c.end();
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      // Roles are cluster-wide: drop the ones the applied statements created.
      const created = new Set<string>();
      list.forEach((p, i) => {
        if (!ok[i]) return;
        for (const m of p.stmt.sql.matchAll(
          /CREATE\s+(?:ROLE|USER)\s+(?:IF\s+NOT\s+EXISTS\s+)?("?)([^\s";]+)\1/gi,
        ))
          created.add(m[1] ? m[2] : m[2].toLowerCase());
      });
      for (const r of created)
        if (!rolesBefore.has(r))
          await admin.query(`DROP ROLE IF EXISTS "${r.replaceAll('"', '""')}"`).catch(() => {});
    }
    const byKind: ApplyResult['byKind'] = {};
    const errors = new Map<string, number>();
    list.forEach((p, i) => {
      const kind = p.stmt.kind || '?';
      byKind[kind] ??= { total: 0, applied: 0 };
      const k = byKind[kind];
      k.total++;
      if (ok[i]) k.applied++;
      else errors.set(normalizeError(lastError[i]), (errors.get(normalizeError(lastError[i])) ?? 0) + 1);
    });
    let objectsResult: ApplyResult['objects'];
    if (tool === 'orapg') {
      const bad = new Set<number>();
      const withSql = new Set<number>();
      list.forEach((p, i) => {
        withSql.add(p.object!);
        if (!ok[i]) bad.add(p.object!);
      });
      objectsResult = { total: withSql.size, applied: withSql.size - bad.size };
    }
    return {
      statements: list.length,
      applied: ok.filter(Boolean).length,
      appliedFirstPass,
      passes,
      skipped,
      byKind,
      objects: objectsResult,
      topErrors: [...errors]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 10)
        .map(([error, count]) => ({ error, count })),
      ms: performance.now() - t0,
    };
  } finally {
    await admin.end();
  }
}

// ---------------------------------------------------------------------------------------------

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
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
    commit,
    srcDirty: dirty,
  };
}

function table(rows: string[][]): string {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r, k) => {
      const line = r.map((c, i) => (i < 1 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
      return k === 0 ? `${line}\n${w.map((x) => '-'.repeat(x)).join('  ')}` : line;
    })
    .join('\n');
}

async function main(): Promise<void> {
  let o: Options;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  const info = machine();
  say(
    `orapg vs ora2pg: node ${info.node}, ${info.cpu} (${info.cores} cores, ${info.memoryGb} GB), ${info.os}, load average ${info.loadAverageAtStart.join(' ')}\n`,
  );
  const ora = ensureOra2pg(o);
  if (ora.version) say(`ora2pg ${ora.version} (${which('ora2pg')}), input mode: ${o.input}\n`);
  else say(`ora2pg NOT AVAILABLE: ${ora.why}\nmeasuring orapg alone.\n`);
  if (!TIME) say('note: /usr/bin/time not found; peak RSS is polled from /proc/<pid>/status VmHWM\n');
  const cli = buildOrapg();

  const sizes: unknown[] = [];
  const summary: string[][] = [
    [
      'size',
      'tool',
      'wall s',
      'CPU s',
      'lines/s (wall)',
      'peak RSS MB',
      'output lines',
      'applied / statements',
    ],
  ];
  const ratios: string[][] = [['size', 'wall ratio', 'CPU ratio', 'RSS ratio']];
  for (const size of o.sizes) {
    const file = input(size, o);
    const text = readFileSync(file, 'utf8');
    const lines = countLines(text);
    const bytes = Buffer.byteLength(text);
    say(`\n${fmt(size)} lines: ${relative(ROOT, file)} (${fmt(bytes / 2 ** 20, 1)} MB)\n`);
    const dir = join(WORK, `${o.profile}-${size}-s${o.seed}`);
    const orapg = await runOrapg(cli, file, join(dir, 'orapg'), o);

    let ora2pg: Awaited<ReturnType<typeof runOra2pg>> | undefined;
    let split: ReturnType<typeof splitForOra2pg> | undefined;
    if (ora.version) {
      let inputs: { type: string; file: string; lines: number; statements?: number }[];
      if (o.input === 'split') {
        split = splitForOra2pg(file, join(dir, 'ora2pg-input'));
        inputs = split.inputs.filter((i) => o.types.includes(i.type));
      } else inputs = o.types.map((type) => ({ type, file, lines }));
      ora2pg = await runOra2pg(inputs, join(dir, `ora2pg-${o.input}`), o);
    }

    let applyOrapg: ApplyResult | undefined;
    let applyOra2pg: ApplyResult | undefined;
    if (o.apply) {
      try {
        if (orapg.ok) {
          say('  applying orapg output to PostgreSQL … ');
          applyOrapg = await applyOutputs(orapg.outputFiles, 'orapg', `orapg_${size}`, o, false);
          say(
            `${fmt(applyOrapg.applied)} / ${fmt(applyOrapg.statements)} statements (${applyOrapg.passes} passes)\n`,
          );
        }
        if (ora2pg) {
          say('  applying ora2pg output to PostgreSQL … ');
          applyOra2pg = await applyOutputs(
            ora2pg.total.outputFiles,
            'ora2pg',
            `ora2pg_${size}`,
            o,
            o.input === 'whole',
          );
          say(
            `${fmt(applyOra2pg.applied)} / ${fmt(applyOra2pg.statements)} statements (${applyOra2pg.passes} passes)\n`,
          );
        }
      } catch (e) {
        say(`\n  apply skipped: ${(e as Error).message} (is PostgreSQL running? --pg URL, or --no-apply)\n`);
      }
    }

    const row = (tool: string, r: ToolRun, a?: ApplyResult, note = '') => [
      fmt(size),
      tool,
      `${r.ok ? '' : '>'}${fmt(r.wallMs / 1000, 2)}`,
      fmt(r.cpuMs / 1000, 2),
      fmt(lines / (r.wallMs / 1000)),
      fmt(r.peakRssMb),
      fmt(r.outputLines),
      a
        ? `${fmt(a.applied)} / ${fmt(a.statements)} (${((100 * a.applied) / Math.max(1, a.statements)).toFixed(1)} %)${note}`
        : '-',
    ];
    summary.push(row('orapg', orapg, applyOrapg));
    if (ora2pg) {
      summary.push(row('ora2pg', ora2pg.total, applyOra2pg));
      const wall = ora2pg.total.wallMs / orapg.wallMs;
      const cpu = ora2pg.total.cpuMs / orapg.cpuMs;
      const rss = ora2pg.total.peakRssMb / orapg.peakRssMb;
      const lb = ora2pg.total.ok ? '' : '≥ ';
      if (!orapg.ok) ratios.push([fmt(size), 'orapg failed', '-', '-']);
      else
        ratios.push([fmt(size), `${lb}${wall.toFixed(1)}×`, `${lb}${cpu.toFixed(1)}×`, `${rss.toFixed(2)}×`]);
    }

    sizes.push({
      size,
      input: { file: relative(ROOT, file), lines, bytes },
      orapg: {
        wallMs: Math.round(orapg.wallMs),
        cpuMs: Math.round(orapg.cpuMs),
        peakRssMb: Number(orapg.peakRssMb.toFixed(1)),
        linesPerSecWall: Math.round(lines / (orapg.wallMs / 1000)),
        ok: orapg.ok,
        exitCode: orapg.exitCode,
        outputLines: orapg.outputLines,
        outputBytes: orapg.outputBytes,
        ...(orapg.summary
          ? {
              statements: orapg.summary.statements,
              parseErrors: orapg.summary.parseErrors,
              objects: orapg.summary.objects,
              findings: orapg.summary.findings,
              cliConvertMs: orapg.summary.millis,
              startupMs: Math.round(orapg.wallMs - orapg.summary.millis),
            }
          : {}),
        apply: applyOrapg,
      },
      ora2pg: ora2pg
        ? {
            version: ora.version,
            input: o.input,
            ...(split ? { notGivenToOra2pg: split.left } : {}),
            runs: ora2pg.runs.map((r) => ({
              type: r.type,
              inputLines: r.inputLines,
              inputStatements: r.inputStatements,
              wallMs: Math.round(r.wallMs),
              cpuMs: Math.round(r.userMs + r.sysMs),
              peakRssMb: Number(r.peakRssMb.toFixed(1)),
              exitCode: r.exitCode,
              timedOut: r.timedOut,
              outputLines: r.outputLines,
              outputFiles: r.outputFiles.map((f) => f.split('/').pop()),
              ...(r.exitCode !== 0 || r.timedOut ? { stderr: r.stderrTail } : {}),
            })),
            wallMs: Math.round(ora2pg.total.wallMs),
            cpuMs: Math.round(ora2pg.total.cpuMs),
            peakRssMb: Number(ora2pg.total.peakRssMb.toFixed(1)),
            linesPerSecWall: Math.round(lines / (ora2pg.total.wallMs / 1000)),
            complete: ora2pg.total.ok,
            timedOut: ora2pg.total.timedOut,
            failed: ora2pg.total.failed,
            outputLines: ora2pg.total.outputLines,
            outputBytes: ora2pg.total.outputBytes,
            apply: applyOra2pg,
          }
        : { unavailable: ora.why },
      ratio:
        ora2pg && orapg.ok
          ? {
              wall: Number((ora2pg.total.wallMs / orapg.wallMs).toFixed(2)),
              cpu: Number((ora2pg.total.cpuMs / orapg.cpuMs).toFixed(2)),
              peakRss: Number((ora2pg.total.peakRssMb / orapg.peakRssMb).toFixed(3)),
              lowerBound: !ora2pg.total.ok,
            }
          : undefined,
    });
  }

  say(`\n${table(summary)}\n`);
  if (ratios.length > 1) say(`\nora2pg / orapg\n${table(ratios)}\n`);
  say(
    `load average at the end: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}\n`,
  );
  if (o.write) {
    const json = {
      machine: { ...info, loadAverageAtEnd: os.loadavg().map((x) => Number(x.toFixed(2))) },
      options: {
        seed: o.seed,
        profile: o.profile,
        ora2pgInput: o.input,
        types: o.types,
        timeoutSec: o.timeoutSec,
        measuredWith: TIME ? '/usr/bin/time -v' : '/proc/<pid>/status VmHWM polling',
        orapg: 'orapg convert <file> -o <dir> --json; src/ compiled by tsc, plain node',
        ora2pg: 'ora2pg -q -c ora2pg.conf -i <file> -t <TYPE> -o output.sql; conf: PG_VERSION 15',
        apply: o.apply
          ? 'one statement per savepoint, 500 per transaction, on a scratch database (dropped, with the roles it created); failed statements retried while passes make progress; check_function_bodies on'
          : 'not run',
      },
      sizes,
    };
    // One entry per --input mode; a run replaces the entry of its mode and keeps the other.
    let all: Record<string, unknown> = {};
    try {
      const prev = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
      if (prev && typeof prev === 'object' && !('machine' in prev)) all = prev;
    } catch {
      // first run
    }
    all[o.input] = json;
    const ordered = Object.fromEntries(['split', 'whole'].filter((k) => k in all).map((k) => [k, all[k]]));
    writeFileSync(RESULTS, `${JSON.stringify(ordered, null, 2)}\n`);
    say(`wrote ${relative(ROOT, RESULTS)} (${o.input})\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
