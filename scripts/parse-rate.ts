/**
 * Parse rate: splits every .sql file under a directory with the SQL*Plus script splitter and
 * parses each statement with parseStatement, then prints how many statements the grammar parsed,
 * per statement class, and the most frequent failure kinds.
 *
 *   npx tsx scripts/parse-rate.ts <dir> [--json] [--show N] [--ext sql,pks,pkb] [--no-skip] [--list]
 *
 * --show N: failure kinds to print (default 25); --ext: file extensions to read (default sql);
 * --no-skip: also read the files of the SKIP list; --list: one line per statement with its outcome.
 *
 * Written for antlr/grammars-v4 sql/plsql/examples (issue 4, "Done when"), works on any folder.
 *
 * Outcomes, per statement:
 *  - parsed      a grammar rule built the AST with no OPG-PARSE-0001 finding;
 *  - failed      an OPG-PARSE-0001 finding (syntax error, lexer error, or a first word that does
 *                not start an Oracle statement);
 *  - not parsed  parseStatement kept the text without running a grammar rule: PL/SQL units and
 *                anonymous blocks (raw text), DML / queries / session statements ("ignored"), and
 *                statement kinds without a rule (OPG-PARSE-0002). These are NOT counted as parsed.
 *
 * The headline rate is parsed / all statements. Separately, "grammar-attempted" is
 * parsed / (parsed + failed), and a query probe runs the `query` rule on top-level SELECT/WITH
 * statements that parseStatement does not dispatch yet, so the query grammar can be measured
 * before it is wired in; the probe never changes the headline figures.
 *
 * Nothing is written; corpus files are only read.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { IRecognitionException, IToken } from 'chevrotain';
import type { Finding } from '../src/findings/types.js';
import { lex } from '../src/parser/lexer.js';
import { getParser, parseStatement } from '../src/parser/statement.js';
import { leadingWords, splitScript } from '../src/source/script.js';

/**
 * Corpus files that are not valid Oracle, with the reason (path relative to <dir>, also matched
 * as a path suffix so the list works when <dir> is a parent folder).
 *
 * sql/plsql/examples has none: every file there is accepted by Oracle, including the lexer
 * tests with spaced operators ("< >", "! =", "| |") and U+3000 spaces, which Oracle tolerates.
 * The deliberately invalid inputs of grammars-v4 live in sql/plsql/more-examples, each with a
 * sibling .errors file holding the error the ANTLR grammar is expected to report.
 */
const SKIP: [file: string, reason: string][] = [
  ['sqlplus_slash_separated_invalid.sql', 'deliberately invalid: package spec END lacks its ";" before "/"'],
  [
    'sqlplus_slash_separated_invalid2.sql',
    'deliberately invalid: two SELECTs with no ";" or "/" between them',
  ],
  ['sqlplus_slash_separated_invalid3.sql', 'deliberately invalid: text after "/" on the terminator line'],
  [
    'static_returning_clause_invalid.sql',
    'deliberately invalid: RETURNING OLD NEW <column> (not Oracle syntax)',
  ],
];

type Outcome = 'parsed' | 'failed' | 'not-parsed';

const CLASSES = [
  'SELECT/WITH',
  'INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
  'CREATE TABLE',
  'CREATE VIEW',
  'CREATE INDEX',
  'CREATE (other)',
  'PL/SQL unit',
  'anonymous block',
  'ALTER',
  'DROP',
  'GRANT/REVOKE',
  'other',
] as const;
type StmtClass = (typeof CLASSES)[number];

const CREATE_SKIP = new Set([
  'OR',
  'REPLACE',
  'GLOBAL',
  'PRIVATE',
  'TEMPORARY',
  'SHARDED',
  'DUPLICATED',
  'IMMUTABLE',
  'BLOCKCHAIN',
  'NO',
  'FORCE',
  'NOFORCE',
  'EDITIONING',
  'EDITIONABLE',
  'NONEDITIONABLE',
  'UNIQUE',
  'BITMAP',
  'MULTIVALUE',
  'AND',
  'RESOLVE',
  'COMPILE',
  'PUBLIC',
]);
const UNIT_WORDS = new Set(['PROCEDURE', 'FUNCTION', 'PACKAGE', 'TRIGGER', 'TYPE', 'LIBRARY', 'JAVA']);

/** Class of a statement from its leading words (independent of how the parser dispatches it). */
function classOf(words: string[]): StmtClass {
  let i = 0;
  while (words[i] === '(') i++;
  const w0 = words[i];
  switch (w0) {
    case 'SELECT':
    case 'WITH':
      return 'SELECT/WITH';
    case 'INSERT':
    case 'UPDATE':
    case 'DELETE':
    case 'MERGE':
      return w0;
    case 'DECLARE':
    case 'BEGIN':
      return 'anonymous block';
    case 'ALTER':
      return 'ALTER';
    case 'DROP':
      return 'DROP';
    case 'GRANT':
    case 'REVOKE':
      return 'GRANT/REVOKE';
  }
  if (w0 !== 'CREATE') return 'other';
  i++;
  while (i < words.length && CREATE_SKIP.has(words[i])) i++;
  const k = words[i];
  if (k === 'TABLE') return 'CREATE TABLE';
  if (k === 'INDEX') return 'CREATE INDEX';
  if (k === 'VIEW') return 'CREATE VIEW';
  if (k === 'MATERIALIZED' && words[i + 1] === 'VIEW' && words[i + 2] !== 'LOG') return 'CREATE VIEW';
  if (UNIT_WORDS.has(k)) return 'PL/SQL unit';
  return 'CREATE (other)';
}

interface Failure {
  kind: string;
  message: string;
  where: string;
  found: string;
  text: string;
}

interface StmtResult {
  where: string;
  cls: StmtClass;
  outcome: Outcome;
  /** For not-parsed: why (e.g. "PL/SQL unit kept as text", "DML not dispatched: INSERT"). */
  reason?: string;
  failure?: Failure;
  /** Query probe result for SELECT/WITH statements parseStatement does not dispatch. */
  probe?: { ok: boolean; failure?: Failure };
}

interface Options {
  dir: string;
  json: boolean;
  show: number;
  exts: string[];
  useSkip: boolean;
  list: boolean;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { dir: '', json: false, show: 25, exts: ['sql'], useSkip: true, list: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') opts.json = true;
    else if (a === '--no-skip') opts.useSkip = false;
    else if (a === '--list') opts.list = true;
    else if (a === '--show') opts.show = Number(argv[++i]);
    else if (a === '--ext')
      opts.exts = (argv[++i] ?? '').split(',').map((e) => e.replace(/^\./, '').toLowerCase());
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else if (!opts.dir) opts.dir = a;
    else usage(`unexpected argument ${a}`);
  }
  if (!opts.dir) usage('missing <dir>');
  if (!Number.isFinite(opts.show) || opts.show < 0) usage('--show needs a number');
  return opts;
}

function usage(msg: string): never {
  console.error(
    `${msg}\nusage: tsx scripts/parse-rate.ts <dir> [--json] [--show N] [--ext sql,pks,pkb] [--no-skip] [--list]`,
  );
  process.exit(2);
}

function listFiles(dir: string, exts: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (exts.some((e) => name.toLowerCase().endsWith(`.${e}`))) out.push(p);
    }
  };
  walk(dir);
  return out;
}

function skipReason(rel: string): string | undefined {
  const norm = rel.split('\\').join('/');
  return SKIP.find(([f]) => norm === f || norm.endsWith(`/${f}`))?.[1];
}

/** First ~150 characters of a statement, comments dropped and whitespace collapsed. */
function snippet(text: string, max = 150): string {
  const s = text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** Token type as shown in failure kinds: keywords by name, other tokens by their type. */
function tokenKind(tok: IToken | undefined): string {
  const name = tok?.tokenType?.name;
  if (!name || name === 'EOF') return 'end of statement';
  if (name === 'Word') return 'identifier';
  return /^[A-Z_$#0-9]+$/.test(name) ? `keyword ${name}` : name;
}

/** Short, token-independent description of a Chevrotain recognition error. */
function normaliseParserError(e: IRecognitionException): { kind: string; found: string } {
  const stack = e.context?.ruleStack ?? [];
  const rules = stack.slice(-2).join('>') || 'top level';
  const found = tokenKind(e.token);
  let what: string;
  switch (e.name) {
    case 'MismatchedTokenException': {
      const m = /Expecting token of type --> (\S+) <--/.exec(e.message);
      what = `expected ${m ? m[1] : 'a token'}`;
      break;
    }
    case 'NoViableAltException':
      what = 'no alternative matches';
      break;
    case 'EarlyExitException':
      what = 'expected at least one item';
      break;
    case 'NotAllInputParsedException':
      what = 'text left after the statement';
      break;
    default:
      what = e.name;
  }
  return { kind: `${rules}: ${what}, found ${found}`, found: e.token?.image ?? '' };
}

function loc(f: Finding | undefined, fallback: string): string {
  return f?.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : fallback;
}

/** Normalised failure from a parseStatement result (grammar errors are read off the parser). */
function failureOf(
  text: string,
  where: string,
  findings: Finding[],
  errors: IRecognitionException[],
): Failure {
  const f = findings.find((x) => x.id === 'OPG-PARSE-0001');
  const message = f?.message ?? '';
  const at = loc(f, where);
  if (errors.length > 0) {
    const { kind, found } = normaliseParserError(errors[0]);
    return { kind, message, where: at, found, text };
  }
  const detail = message.replace(/^Syntax error: /, '');
  let kind = detail;
  let found = '';
  const notVerb = /^"(.*)" does not start an Oracle statement$/.exec(detail);
  const badChar = /^unexpected character (.*)$/.exec(detail);
  if (notVerb) {
    kind = 'statement does not start with an Oracle verb';
    found = notVerb[1];
  } else if (badChar) {
    kind = 'lexer: unexpected character';
    found = JSON.parse(badChar[1]) as string;
  } else if (detail.startsWith('internal parser error')) {
    kind = 'internal parser error (grammar action threw)';
    found = detail;
  }
  return { kind, message, where: at, found, text };
}

/** "file:line:col" of a token inside a statement that starts at `where` ("file:line:col"). */
function at(where: string, tok: { startLine?: number; startColumn?: number } | undefined): string {
  const m = /^(.*):(\d+):(\d+)$/.exec(where);
  const line = tok?.startLine;
  const col = tok?.startColumn;
  if (!m || !line || !Number.isFinite(line) || !col || !Number.isFinite(col)) return where;
  const l = Number(m[2]) + line - 1;
  const c = line === 1 ? Number(m[3]) + col - 1 : col;
  return `${m[1]}:${l}:${c}`;
}

const initStart = performance.now();
const parser = getParser();
/** Parser construction (Chevrotain self-analysis), done once before the corpus is read. */
const initMs = performance.now() - initStart;
const parserState = parser as unknown as { input: IToken[]; errors: IRecognitionException[] };

/** Runs the `query` rule alone on a top-level SELECT/WITH (parseStatement does not dispatch these yet). */
function probeQuery(text: string, where: string): { ok: boolean; failure?: Failure } {
  const rule = (parser as unknown as Record<string, unknown>).query;
  if (typeof rule !== 'function') return { ok: false };
  const lexed = lex(text);
  if (lexed.errors.length > 0) {
    const e = lexed.errors[0];
    return {
      ok: false,
      failure: {
        kind: 'lexer: unexpected character',
        message: e.message,
        where: at(where, { startLine: e.line, startColumn: e.column }),
        found: text.slice(e.offset, e.offset + 1),
        text,
      },
    };
  }
  (parser as unknown as { comments: IToken[] }).comments = lexed.comments;
  parserState.input = lexed.tokens;
  try {
    (rule as () => unknown).call(parser);
  } catch (err) {
    return {
      ok: false,
      failure: {
        kind: 'internal parser error (grammar action threw)',
        message: (err as Error).message,
        where,
        found: '',
        text,
      },
    };
  }
  if (parserState.errors.length === 0) return { ok: true };
  const e = parserState.errors[0];
  const { kind, found } = normaliseParserError(e);
  return {
    ok: false,
    failure: { kind, message: e.message.split('\n')[0], where: at(where, e.token), found, text },
  };
}

function parseOne(text: string, where: string, file: string, line: number, column: number): StmtResult {
  const cls = classOf(leadingWords(text, 10));
  // Setting the input resets the parser's error list, so errors seen afterwards belong to this statement.
  parserState.input = [];
  const r = parseStatement(text, { file, line, column });
  const errors = [...parserState.errors];
  if (r.findings.some((f) => f.id === 'OPG-PARSE-0001')) {
    return { where, cls, outcome: 'failed', failure: failureOf(text, where, r.findings, errors) };
  }
  const st = r.statement;
  if (!st) {
    // No statement and no syntax error: should not happen; count it as a failure so it is seen.
    return {
      where,
      cls,
      outcome: 'failed',
      failure: { kind: 'no statement and no finding', message: '', where, found: '', text },
    };
  }
  if (st.kind === 'plsql-unit' && st.ast) return { where, cls, outcome: 'parsed' };
  if (st.kind === 'plsql-unit') {
    const reason =
      st.unitKind === 'BLOCK' ? 'anonymous block kept as text' : `PL/SQL ${st.unitKind} kept as text`;
    return { where, cls, outcome: 'not-parsed', reason };
  }
  if (st.kind === 'unsupported') {
    const noRule = r.findings.some((f) => f.id === 'OPG-PARSE-0002');
    const what = statementKind(st.what);
    const reason = noRule ? `no grammar rule: ${what}` : `not dispatched to a grammar rule: ${what}`;
    const res: StmtResult = { where, cls, outcome: 'not-parsed', reason };
    if (cls === 'SELECT/WITH' && /^\s*(SELECT|WITH)\b/i.test(stripLeadingComments(text))) {
      res.probe = probeQuery(text, where);
    }
    return res;
  }
  return { where, cls, outcome: 'parsed' };
}

/** "CREATE OR REPLACE DIRECTORY" / "ALTER INDEX COST_IX" → "CREATE DIRECTORY" / "ALTER INDEX": no object names. */
function statementKind(what: string): string {
  const words = what
    .split(/\s+/)
    .filter((w) => !['OR', 'REPLACE', 'PUBLIC', 'EDITIONABLE', 'NONEDITIONABLE'].includes(w));
  return words.slice(0, 2).join(' ');
}

function stripLeadingComments(text: string): string {
  let s = text;
  for (;;) {
    const t = s.replace(/^\s+/, '');
    if (t.startsWith('--')) s = t.slice(t.indexOf('\n') < 0 ? t.length : t.indexOf('\n') + 1);
    else if (t.startsWith('/*')) s = t.slice(t.indexOf('*/') < 0 ? t.length : t.indexOf('*/') + 2);
    else return t;
  }
}

interface Group {
  kind: string;
  count: number;
  examples: { where: string; found: string; text: string }[];
  found: Map<string, number>;
}

function groupFailures(failures: Failure[]): Group[] {
  const groups = new Map<string, Group>();
  for (const f of failures) {
    let g = groups.get(f.kind);
    if (!g) {
      g = { kind: f.kind, count: 0, examples: [], found: new Map() };
      groups.set(f.kind, g);
    }
    g.count++;
    if (g.examples.length < 2) g.examples.push({ where: f.where, found: f.found, text: snippet(f.text) });
    const flat = f.found.replace(/\s+/g, ' ').toUpperCase();
    const tok = flat.length > 30 ? `${flat.slice(0, 30)}…` : flat;
    g.found.set(tok, (g.found.get(tok) ?? 0) + 1);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}

interface FailureKind {
  kind: string;
  count: number;
  topFound: string[];
  examples: { where: string; found: string; text: string }[];
}

interface Report {
  dir: string;
  extensions: string[];
  files: number;
  filesSkipped: { file: string; reason: string }[];
  statements: number;
  sqlplusCommands: number;
  commentOnlyItems: number;
  parsed: number;
  failed: number;
  notParsedByGrammarYet: number;
  ratePct: number;
  attemptedRatePct: number;
  perClass: {
    class: StmtClass;
    total: number;
    parsed: number;
    failed: number;
    notParsed: number;
    ratePct: number;
    attemptedRatePct: number;
  }[];
  notParsedReasons: { reason: string; count: number }[];
  splitterFindings: { total: number; byId: Record<string, number> };
  queryProbe: {
    statements: number;
    parsed: number;
    failed: number;
    ratePct: number;
    rateIfDispatchedPct: number;
  };
  failureKinds: FailureKind[];
  failureKindsTotal: number;
  queryProbeFailureKinds: FailureKind[];
  timingMs: { parserInit: number; total: number; parse: number };
}

function pct(n: number, d: number): number {
  return d === 0 ? 0 : Math.round((1000 * n) / d) / 10;
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const root = resolve(opts.dir);
  const t0 = performance.now();
  const files = listFiles(root, opts.exts);
  const skipped: { file: string; reason: string }[] = [];
  const results: StmtResult[] = [];
  const splitterFindings = new Map<string, number>();
  let sqlplusItems = 0;
  let commentItems = 0;
  let parseMs = 0;

  for (const path of files) {
    const rel = relative(root, path);
    const reason = opts.useSkip ? skipReason(rel) : undefined;
    if (reason) {
      skipped.push({ file: rel, reason });
      continue;
    }
    const split = splitScript(readFileSync(path, 'utf8'), rel, { followIncludes: false });
    for (const f of split.findings) splitterFindings.set(f.id, (splitterFindings.get(f.id) ?? 0) + 1);
    const p0 = performance.now();
    for (const item of split.items) {
      if (item.kind === 'sqlplus') sqlplusItems++;
      else if (item.kind === 'comment') commentItems++;
      else {
        const { file, line, column } = item.location;
        results.push(parseOne(item.text, `${file}:${line}:${column}`, file, line, column));
      }
    }
    parseMs += performance.now() - p0;
  }
  const totalMs = performance.now() - t0;

  const count = (rs: StmtResult[], o: Outcome) => rs.filter((r) => r.outcome === o).length;
  const parsed = count(results, 'parsed');
  const failed = count(results, 'failed');
  const notParsed = count(results, 'not-parsed');

  const perClass = CLASSES.map((cls) => {
    const rs = results.filter((r) => r.cls === cls);
    const p = count(rs, 'parsed');
    const f = count(rs, 'failed');
    return {
      class: cls,
      total: rs.length,
      parsed: p,
      failed: f,
      notParsed: count(rs, 'not-parsed'),
      ratePct: pct(p, rs.length),
      attemptedRatePct: pct(p, p + f),
    };
  }).filter((c) => c.total > 0);

  const notParsedReasons = new Map<string, number>();
  for (const r of results) {
    if (r.outcome === 'not-parsed')
      notParsedReasons.set(r.reason!, (notParsedReasons.get(r.reason!) ?? 0) + 1);
  }

  const probed = results.filter((r) => r.probe);
  const probeOk = probed.filter((r) => r.probe!.ok).length;
  const probeFailures = probed.filter((r) => r.probe!.failure).map((r) => r.probe!.failure!);

  const groups = groupFailures(results.filter((r) => r.failure).map((r) => r.failure!));
  const probeGroups = groupFailures(probeFailures);

  const report: Report = {
    dir: root,
    extensions: opts.exts,
    files: files.length,
    filesSkipped: skipped,
    statements: results.length,
    sqlplusCommands: sqlplusItems,
    commentOnlyItems: commentItems,
    parsed,
    failed,
    notParsedByGrammarYet: notParsed,
    ratePct: pct(parsed, results.length),
    attemptedRatePct: pct(parsed, parsed + failed),
    perClass,
    notParsedReasons: [...notParsedReasons.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([reason, n]) => ({ reason, count: n })),
    splitterFindings: {
      total: [...splitterFindings.values()].reduce((a, b) => a + b, 0),
      byId: Object.fromEntries([...splitterFindings.entries()].sort()),
    },
    queryProbe: {
      statements: probed.length,
      parsed: probeOk,
      failed: probed.length - probeOk,
      ratePct: pct(probeOk, probed.length),
      rateIfDispatchedPct: pct(parsed + probeOk, results.length),
    },
    failureKinds: groups.slice(0, opts.show).map(jsonGroup),
    failureKindsTotal: groups.length,
    queryProbeFailureKinds: probeGroups.slice(0, opts.show).map(jsonGroup),
    timingMs: { parserInit: Math.round(initMs), total: Math.round(totalMs), parse: Math.round(parseMs) },
  };

  if (opts.list) {
    for (const r of results) {
      const probe = r.probe ? (r.probe.ok ? ' [probe ok]' : ' [probe FAIL]') : '';
      const why = r.failure ? r.failure.kind : (r.reason ?? '');
      console.log(`${r.where}\t${r.cls}\t${r.outcome}${probe}\t${why}`);
    }
    if (!opts.json) console.log('');
  }
  if (opts.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  printText(report, groups, probeGroups, opts.show);
}

function jsonGroup(g: Group): FailureKind {
  return {
    kind: g.kind,
    count: g.count,
    topFound: topFound(g),
    examples: g.examples,
  };
}

function topFound(g: Group): string[] {
  return [...g.found.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([t, n]) => (n > 1 ? `${t || '∅'}×${n}` : t || '∅'));
}

function printText(r: Report, groups: Group[], probeGroups: Group[], show: number): void {
  const out: string[] = [];
  out.push(`parse rate over ${r.dir} (*.${r.extensions.join(', *.')})`);
  out.push(`files: ${r.files} (${r.filesSkipped.length} skipped as not valid Oracle)`);
  for (const s of r.filesSkipped) out.push(`  skipped ${s.file}: ${s.reason}`);
  out.push(
    `statements: ${r.statements}  (plus ${r.sqlplusCommands} SQL*Plus commands, ${r.commentOnlyItems} comment-only items)`,
  );
  out.push(`  parsed OK:                 ${r.parsed}`);
  out.push(`  failed (OPG-PARSE-0001):   ${r.failed}`);
  out.push(`  not parsed by grammar yet: ${r.notParsedByGrammarYet}`);
  out.push(
    `parse rate: ${r.ratePct}% of all statements; ${r.attemptedRatePct}% of statements a grammar rule ran on`,
  );
  out.push(
    `splitter findings: ${r.splitterFindings.total}${
      r.splitterFindings.total
        ? ` (${Object.entries(r.splitterFindings.byId)
            .map(([k, v]) => `${k}×${v}`)
            .join(', ')})`
        : ''
    }`,
  );
  out.push('');
  out.push('per class                total  parsed  failed  not-parsed   rate  rate(attempted)');
  for (const c of r.perClass) {
    out.push(
      `  ${c.class.padEnd(22)} ${String(c.total).padStart(5)} ${String(c.parsed).padStart(7)} ${String(c.failed).padStart(7)} ${String(
        c.notParsed,
      ).padStart(
        11,
      )} ${`${c.ratePct}%`.padStart(6)} ${c.parsed + c.failed ? `${c.attemptedRatePct}%`.padStart(16) : '               -'}`,
    );
  }
  out.push('');
  out.push(
    `not parsed by grammar yet (kept as text, no rule ran), ${Math.min(r.notParsedReasons.length, Math.max(show, 10))} of ${r.notParsedReasons.length} kinds:`,
  );
  for (const n of r.notParsedReasons.slice(0, Math.max(show, 10)))
    out.push(`  ${String(n.count).padStart(5)}  ${n.reason}`);
  out.push('');
  if (r.queryProbe.statements > 0) {
    out.push(
      `query probe (query rule run directly on ${r.queryProbe.statements} top-level SELECT/WITH not dispatched by parseStatement): ` +
        `${r.queryProbe.parsed} parse, ${r.queryProbe.failed} fail (${r.queryProbe.ratePct}%); ` +
        `overall rate if they were dispatched: ${r.queryProbe.rateIfDispatchedPct}%`,
    );
  } else {
    out.push(
      'query probe: not needed, parseStatement dispatches every top-level SELECT/WITH to a grammar rule',
    );
  }
  out.push('');
  out.push(`top failure kinds (${Math.min(show, groups.length)} of ${groups.length}):`);
  printGroups(out, groups, show);
  if (probeGroups.length) {
    out.push('');
    out.push(`query probe failure kinds (${Math.min(show, probeGroups.length)} of ${probeGroups.length}):`);
    printGroups(out, probeGroups, show);
  }
  out.push('');
  out.push(
    `time: ${r.timingMs.total} ms reading+splitting+parsing (${r.timingMs.parse} ms of it parsing), plus ${r.timingMs.parserInit} ms parser construction`,
  );
  console.log(out.join('\n'));
}

function printGroups(out: string[], groups: Group[], show: number): void {
  for (const g of groups.slice(0, show)) {
    out.push(`  ${String(g.count).padStart(4)}  ${g.kind}   [found: ${topFound(g).join(', ')}]`);
    for (const e of g.examples) out.push(`          ${e.where}  ${e.text}`);
  }
}

main();
