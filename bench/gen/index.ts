/**
 * Deterministic generator of synthetic Oracle SQL*Plus scripts for the benchmarks.
 *
 *   npx tsx bench/gen/index.ts --lines 100000 --seed 1 > file.sql
 *   npx tsx bench/gen/index.ts --lines 1000000 --seed 1 --out big.sql      (streams to the file)
 *   npx tsx bench/gen/index.ts --lines 50000 --profile ddl                 (no packages)
 *
 * The script is a sequence of modules (ERP-like areas: AR, AP, GL …). A module has 3–18 tables
 * with realistic column mixes, keys, checks, storage and partitioning clauses, comments,
 * indexes, sequences with ID triggers, grants, foreign keys added afterwards, views and one
 * package. About a third of the modules are written in DBMS_METADATA.GET_DDL style (quoted
 * names, full storage clauses) and the rest as hand-written scripts. The first module holds
 * "core" tables that other modules reference.
 *
 * Same options, same bytes. A larger line count with the same seed starts with the same text:
 * only the last few lines differ (the tail is filled with one-line statements so that the
 * script has exactly the requested number of lines).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  commentsOn,
  createIdTrigger,
  createIndexes,
  createSequence,
  createTable,
  grantsOn,
  header,
  moduleBanner,
} from './ddl.js';
import { buildTable, type Module, moduleNouns, objName, type Table } from './model.js';
import { modulePackage } from './plsql.js';
import { Rng } from './prng.js';
import { moduleViews } from './views.js';
import { AREAS } from './vocab.js';

export type Profile = 'mixed' | 'ddl';

export interface GenerateOptions {
  /** Exact number of lines of the script (every line ends with "\n"). */
  lines: number;
  seed: number;
  /** 'mixed' (default): DDL, triggers, views and packages. 'ddl': no packages or functions. */
  profile?: Profile;
}

interface Piece {
  text: string;
  /** Set when the piece creates a table (the filler refers only to tables already written). */
  table?: Table;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function* moduleStatements(r: Rng, m: Module, shared: readonly Table[], profile: Profile): Generator<Piece> {
  yield { text: `\n${moduleBanner(m)}\n` };
  const laterFks: string[] = [];
  for (const noun of moduleNouns(r)) {
    const t = buildTable(r, m, noun, m.index === 0 ? [] : shared);
    m.tables.push(t);
    const ddl = createTable(r, t);
    if (m.style === 'plain' && r.chance(0.5))
      yield { text: `PROMPT Creating table ${t.name.toUpperCase()}\n` };
    yield { text: ddl.create, table: t };
    for (const a of ddl.after) yield { text: a };
    for (const c of commentsOn(r, t)) yield { text: c };
    for (const ix of createIndexes(r, t)) yield { text: ix };
    if (t.seq) {
      yield { text: createSequence(r, t) };
      for (const trg of createIdTrigger(r, t)) yield { text: trg };
    }
    for (const g of grantsOn(r, t)) yield { text: g };
    yield { text: '\n' };
    laterFks.push(...ddl.later);
  }
  if (laterFks.length) {
    yield { text: `PROMPT Foreign keys of module ${m.prefix.toUpperCase()}\n` };
    for (const fk of laterFks) yield { text: fk };
    yield { text: '\n' };
  }
  for (const v of moduleViews(r, m)) yield { text: `${v}\n` };
  if (profile === 'mixed') for (const p of modulePackage(r, m)) yield { text: `${p}\n` };
}

function* pieces(opts: GenerateOptions): Generator<Piece> {
  const r = new Rng(opts.seed);
  for (const h of header(opts.seed)) yield { text: h };
  let shared: Table[] = [];
  for (let index = 0; ; index++) {
    const area = AREAS[index % AREAS.length];
    const round = Math.floor(index / AREAS.length);
    const m: Module = {
      index,
      prefix: index === 0 ? 'core' : round === 0 ? area : `${area}${round + 1}`,
      style: index > 0 && r.chance(0.3) ? 'metadata' : 'plain',
      tables: [],
    };
    yield* moduleStatements(r, m, shared, opts.profile ?? 'mixed');
    if (index === 0) shared = m.tables;
  }
}

/**
 * Yields the script in chunks (whole statements), exactly `lines` lines in total, so that a
 * large script can be streamed to a file.
 */
export function* generateChunks(opts: GenerateOptions): Generator<string> {
  const target = Math.max(0, Math.floor(opts.lines));
  let lines = 0;
  const written: Table[] = [];
  for (const p of pieces(opts)) {
    const n = countLines(p.text);
    if (lines + n > target) break;
    lines += n;
    if (p.table) written.push(p.table);
    yield p.text;
  }
  // Fill the remaining lines with one-line statements on tables already written.
  const r = new Rng(opts.seed ^ 0x5bd1e995);
  let k = 0;
  while (lines < target) {
    if (!written.length) yield `PROMPT end of script\n`;
    else {
      const t = written[k++ % written.length];
      const name = objName(t.module.style, t.name);
      yield r.chance(0.5)
        ? `GRANT SELECT ON ${name} TO app_ro_role;\n`
        : `COMMENT ON COLUMN ${name}.${t.code.name} IS 'Business key of ${t.singular.replaceAll('_', ' ')}';\n`;
    }
    lines++;
  }
}

export function generateScript(opts: GenerateOptions): string {
  let out = '';
  for (const chunk of generateChunks(opts)) out += chunk;
  return out;
}

/** Streams the script to `path` in ~1 MB writes; returns its size in bytes. */
export function writeScript(path: string, opts: GenerateOptions): number {
  const fd = openSync(path, 'w');
  let buf: string[] = [];
  let size = 0;
  let bytes = 0;
  const flush = () => {
    const s = buf.join('');
    bytes += writeSync(fd, s);
    buf = [];
    size = 0;
  };
  try {
    for (const chunk of generateChunks(opts)) {
      buf.push(chunk);
      size += chunk.length;
      if (size >= 1 << 20) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return bytes;
}

function parseCli(argv: string[]): GenerateOptions & { out?: string } {
  const opts: GenerateOptions & { out?: string } = { lines: 10_000, seed: 1, profile: 'mixed' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    const num = () => {
      const n = Number(String(v).replaceAll('_', ''));
      if (!Number.isFinite(n) || n < 0) throw new Error(`${a} needs a non-negative number, got ${v}`);
      i++;
      return n;
    };
    if (a === '--lines') opts.lines = num();
    else if (a === '--seed') opts.seed = num();
    else if (a === '--profile') {
      if (v !== 'mixed' && v !== 'ddl') throw new Error('--profile is mixed or ddl');
      opts.profile = v;
      i++;
    } else if (a === '--out' || a === '-o') {
      opts.out = v;
      i++;
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(
        'usage: tsx bench/gen/index.ts [--lines N] [--seed S] [--profile mixed|ddl] [--out file]\n',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

function main(): void {
  let opts: ReturnType<typeof parseCli>;
  try {
    opts = parseCli(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  if (opts.out) {
    const bytes = writeScript(opts.out, opts);
    process.stderr.write(`wrote ${opts.lines} lines, ${bytes} bytes to ${opts.out}\n`);
    return;
  }
  // stdout to a file or a pipe is synchronous on Linux; write in ~1 MB batches.
  let buf = '';
  for (const chunk of generateChunks(opts)) {
    buf += chunk;
    if (buf.length >= 1 << 20) {
      process.stdout.write(buf);
      buf = '';
    }
  }
  process.stdout.write(buf);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
