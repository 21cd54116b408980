/**
 * PL/SQL code corpus report: how far each unit of a directory of PL/SQL sources gets through
 * parse → convert → compile on PostgreSQL → plpgsql_check.
 *
 *   npx tsx scripts/corpus-code.ts <dir> [--json] [--schema NAME] [--top N]
 *
 * 1. Every file with a PL/SQL or SQL extension (.pks .pkb .tps .tpb .fnc .prc .trg .sql .pls .plb
 *    .typ) under <dir> is split on its own (src/source/script.ts splitScript, includes not
 *    followed) and every statement is parsed (src/parser/statement.ts parseStatement). A PL/SQL
 *    unit parsed when it has an `ast` and no OPG-PARSE-0001 finding; a unit kind the grammar has no
 *    rule for (TYPE BODY) has neither and counts as not parsed. A PACKAGE BODY / TYPE BODY whose
 *    failing members were set apart (parser/plsql-recovery.ts) has both: it counts as not parsed,
 *    and its other members are converted (the unit is then "partial").
 * 2. The whole directory is converted in one go (convertSources, which convert() wraps; one
 *    conversion context, so packages, types and tables are known across files), every file a root
 *    script and includes not followed, so each unit is converted exactly once. (convert([dir])
 *    would follow the install scripts' @@ includes.) Objects are matched to units by source location.
 * 3. The result is applied to a scratch database on PostgreSQL (schema --schema, default ut3, first
 *    on the search_path): pre-data, then code objects, then post-data (triggers), each object in its
 *    own savepoint, with check_function_bodies = on.
 * 4. plpgsql_check_function (fatal_errors off) runs on every PL/pgSQL routine the objects created;
 *    trigger functions are checked with the table of their trigger.
 *
 * A unit is
 *   converted   when every object it produced was emitted as SQL (none commented out); a package
 *               body with some members commented out is "partial" and does NOT count as converted;
 *               a package spec with nothing to emit (only subprogram declarations) counts as
 *               converted and is reported as such;
 *   compiled    when it was converted and every object it produced applied without error;
 *   check-clean when it compiled and plpgsql_check reports no error in any routine it created
 *               (a unit that created no routine is clean once compiled; counted separately).
 * Packages are also counted as spec + body pairs: a package is converted / compiles / is clean
 * only when both parts are (a spec that applies while its body is commented out does not count).
 *
 * Needs PostgreSQL on 127.0.0.1:5432, user postgres, trust auth (override with PG* env vars), with
 * the plpgsql_check extension available. The scratch database is dropped at the end.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import type { PgObject } from '../src/ast/pg.js';
import { convertSources, type SourceText } from '../src/convert/index.js';
import type { Finding, SourceLocation } from '../src/findings/types.js';
import { getParser, parseStatement } from '../src/parser/statement.js';
import { leadingWords, splitScript } from '../src/source/script.js';
import {
  type ApplyError,
  applyInSavepoint,
  BLOCKING_FINDINGS,
  checkRoutine,
  dropScratch,
  type Emission,
  emissionOf,
  fmtLoc,
  locKey,
  normalizeNames,
  openScratch,
  pct,
  printReasons,
  Reasons,
  RoutineTracker,
  type RoutineCheck,
  sourceLine,
  statementKind,
  textTable,
  triggerTable,
} from './corpus-common.js';

const EXTENSIONS = new Set([
  '.pks',
  '.pkb',
  '.tps',
  '.tpb',
  '.fnc',
  '.prc',
  '.trg',
  '.sql',
  '.pls',
  '.plb',
  '.typ',
]);
const NAMED_KINDS = ['PACKAGE', 'PACKAGE BODY', 'TYPE', 'TYPE BODY', 'FUNCTION', 'PROCEDURE', 'TRIGGER'];

type ParseStatus = 'ok' | 'error' | 'no-rule' | 'wrapped';
type ConvStatus = 'converted' | 'partial' | 'commented' | 'omitted';

interface ObjectResult {
  object: PgObject;
  status: Emission;
  sql: string;
  error?: ApplyError;
  routines: RoutineCheck[];
}

interface Unit {
  location: SourceLocation;
  kind: string;
  plsql: boolean;
  /** Oracle label, e.g. PACKAGE BODY UT_UTILS */
  name: string;
  parse: ParseStatus;
  parseError?: { message: string; location: string; line: string };
  /**
   * A body that did not parse as a whole but member by member (parser/plsql-recovery.ts): it still
   * counts as not parsed; its members that parsed are converted, so it can be "partial".
   */
  recovered?: boolean;
  objects: ObjectResult[];
  conv: ConvStatus;
  /** Spec or unit converted with nothing to emit. */
  nothingToEmit: boolean;
  compiled: boolean;
  /** Every object emitted as SQL applied (also for partial conversions). */
  appliedAllSql: boolean;
  routines: number;
  clean: boolean;
  /** Some routine of the unit calls an Oracle built-in with no equivalent: the call raises (OPG-PLSQL-0010). */
  stubbed?: boolean;
  /** Why the unit is not converted / compiled / clean (for --json triage). */
  problems: string[];
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (EXTENSIONS.has(extname(e.name).toLowerCase())) out.push(p);
  }
  return out;
}

const UNIT_WORDS =
  /( in )(PACKAGE BODY|TYPE BODY|PACKAGE|TYPE|PROCEDURE|FUNCTION|TRIGGER|BLOCK|TABLE|VIEW|INDEX|SEQUENCE|SYNONYM|USER|ROLE|COLUMN) \S+( \([^)]*\))?$/;

/** Parse message without the unit's name, found token upper-cased: groups the same construct. */
function normalizeParse(message: string): string {
  return message
    .replace(UNIT_WORDS, '$1$2')
    .replace(/unexpected "([^"]*)"/, (_, t: string) => `unexpected "${t.toUpperCase()}"`);
}

/** A finding that keeps an object commented out (not the generic "unit not converted" one). */
const blocking = (f: Finding) =>
  BLOCKING_FINDINGS.has(f.id) ||
  (f.severity === 'error' && f.id !== 'OPG-PLSQL-0001' && !f.id.startsWith('OPG-PARSE'));

/** Conversion message without the names that make it unique to one unit. */
function normalizeConv(message: string): string {
  return message
    .replace(/^(TYPE BODY|TYPE|PACKAGE BODY|PACKAGE|FUNCTION|PROCEDURE|TRIGGER|VIEW) [\w$#."]+: /, '')
    .replace(/\(UNDER [\w$#."]+\)/, '(UNDER …)')
    .replace(/associative array [\w$#]+ indexed by [\w$#.]+/, 'associative array … indexed by …')
    .replace(/nested (procedure|function) [\w$#]+/, 'nested $1 …')
    .replace(/parameter [\w$#]+ has no default/, 'parameter … has no default')
    .replace(/^([A-Z_$#]+)\.[\w$#]+ is an Oracle built-in package/, '$1.* is an Oracle built-in package')
    .replace(/[\w$#.]+%(ROWCOUNT|FOUND|NOTFOUND|ISOPEN)/g, '…%$1');
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const schema = (opt('--schema') ?? 'ut3').toLowerCase();
  const topN = Number(opt('--top') ?? 15);
  const dirArg = args.find(
    (a, i) => !a.startsWith('--') && !['--schema', '--top'].includes(args[i - 1] ?? ''),
  );
  if (!dirArg || !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    console.error('usage: tsx scripts/corpus-code.ts <dir> [--json] [--schema NAME] [--top N]');
    process.exit(2);
  }
  const root = resolve(dirArg);
  process.chdir(root);

  const tInit = Date.now();
  getParser();
  const parserInitMs = Date.now() - tInit;

  // ── 1. split and parse ──
  const tParse = Date.now();
  const files = listFiles(root).map((f) => relative(root, f));
  const sources: SourceText[] = files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const units: Unit[] = [];
  const unitAt = new Map<string, Unit>();
  // Uninstall scripts (DROPs, and otherwise only anonymous blocks, queries or session settings) are
  // parsed but not converted: converted in one go with the install scripts they would drop the
  // tables and types the code needs.
  const uninstall = new Set<string>();
  for (const src of sources) {
    const split = splitScript(src.text, src.file, { followIncludes: false });
    const kinds = split.items.filter((i) => i.kind === 'statement').map((i) => statementKind(i.text).kind);
    const creates = kinds.filter((k) => !['DROP', 'BLOCK', 'SELECT', 'ALTER SESSION', 'PURGE', 'COMMIT', 'ROLLBACK'].includes(k));
    if (kinds.includes('DROP') && !creates.length) uninstall.add(src.file);
    for (const item of split.items) {
      if (item.kind !== 'statement') continue;
      const parsed = parseStatement(item.text, item.location);
      const { kind, plsql } = statementKind(item.text);
      const st = parsed.statement;
      const err = parsed.findings.find((f) => f.id === 'OPG-PARSE-0001');
      let parse: ParseStatus = 'ok';
      if (err) parse = 'error';
      else if (st?.kind === 'plsql-unit' && st.wrapped) parse = 'wrapped';
      else if (st?.kind === 'plsql-unit' && !st.ast) parse = 'no-rule';
      else if (!st) parse = 'error';
      const name =
        st?.kind === 'plsql-unit'
          ? `${st.unitKind} ${st.name.schema ? `${st.name.schema}.` : ''}${st.name.name}`
          : leadingWords(item.text, 6).join(' ');
      const u: Unit = {
        location: item.location,
        kind,
        plsql,
        name,
        parse,
        objects: [],
        conv: 'omitted',
        nothingToEmit: false,
        problems: [],
        compiled: false,
        appliedAllSql: false,
        routines: 0,
        clean: false,
      };
      if (err && st?.kind === 'plsql-unit' && st.ast) u.recovered = true;
      if (err) {
        const l = err.location;
        u.parseError = {
          message: err.message,
          location: fmtLoc(l),
          line: l ? sourceLine(join(root, l.file), l.line) : '',
        };
      }
      units.push(u);
      unitAt.set(locKey(item.location), u);
    }
  }
  const parseMs = Date.now() - tParse;

  // ── 2. convert the whole directory ──
  const tConv = Date.now();
  const result = convertSources(
    sources.filter((s) => !uninstall.has(s.file)),
    {},
    () => undefined,
  );
  const convertMs = Date.now() - tConv;
  const results = new Map<PgObject, ObjectResult>();
  const unattributed: ObjectResult[] = [];
  for (const o of result.objects) {
    const { status, sql } = emissionOf(o);
    const r: ObjectResult = { object: o, status, sql, routines: [] };
    results.set(o, r);
    const u = o.location && unitAt.get(locKey(o.location));
    if (u) u.objects.push(r);
    else unattributed.push(r);
  }

  // ── 3. apply ──
  const tApply = Date.now();
  const scratch = await openScratch('code');
  const db = scratch.db;
  // Converted DBMS_CRYPTO.HASH with SHA-1 calls pgcrypto's digest (OPG-PLSQL-0040 asks for it),
  // as a target database prepared by the findings would have it.
  await db.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
  let applyMs = 0;
  let checkMs = 0;
  try {
    await db.query('BEGIN');
    await db.query(`CREATE SCHEMA ${schema}`);
    await db.query(`SET search_path TO ${schema}, public`);
    await db.query('SET check_function_bodies = on');
    const tracker = new RoutineTracker();
    await tracker.start(db);
    for (const phase of ['pre-data', 'code', 'post-data'] as const) {
      for (const o of result.objects) {
        if (o.phase !== phase) continue;
        const r = results.get(o)!;
        if (r.status !== 'sql') continue;
        r.error = await applyInSavepoint(db, r.sql);
        if (!r.error) await tracker.after(db, o);
      }
    }
    applyMs = Date.now() - tApply;

    // ── 4. plpgsql_check ──
    const tCheck = Date.now();
    for (const [oid, o] of tracker.owner) {
      const r = results.get(o)!;
      r.routines.push(await checkRoutine(db, oid, triggerTable(r.sql)));
    }
    checkMs = Date.now() - tCheck;
    await db.query('ROLLBACK');
  } finally {
    await dropScratch(scratch);
  }

  // ── unit outcomes and reasons ──
  const parseReasons = new Reasons();
  const convReasons = new Reasons();
  const compileReasons = new Reasons();
  const checkReasons = new Reasons();
  const sqlParseReasons = new Reasons();
  const sqlCompileReasons = new Reasons();
  const where = (u: Unit) => fmtLoc(u.location);
  // A "blocking" finding whose message also sits on objects that were emitted as SQL did not keep
  // its object commented out (e.g. "member methods are not converted" on a TYPE that was created).
  const nonBlocking = new Set<string>();
  for (const r of results.values())
    if (r.status === 'sql')
      for (const f of r.object.findings) if (blocking(f)) nonBlocking.add(normalizeConv(f.message));
  for (const u of units) {
    const sqlObjects = u.objects.filter((r) => r.status === 'sql');
    const commented = u.objects.filter((r) => r.status === 'commented');
    if (commented.length) u.conv = sqlObjects.length ? 'partial' : 'commented';
    else if (sqlObjects.length) u.conv = 'converted';
    else if (
      u.parse === 'ok' &&
      (u.kind === 'PACKAGE' ||
        // An incomplete type (forward declaration) has nothing to create (OPG-ADMIN-0001).
        (u.kind === 'TYPE' && u.objects.some((r) => r.object.findings.some((f) => f.id === 'OPG-ADMIN-0001'))))
    ) {
      u.conv = 'converted';
      u.nothingToEmit = true;
    } else u.conv = 'omitted';
    u.appliedAllSql = sqlObjects.every((r) => !r.error);
    u.compiled = u.conv === 'converted' && u.appliedAllSql;
    const routines = u.objects.flatMap((r) => r.routines);
    u.routines = routines.length;
    u.clean = u.compiled && routines.every((c) => !c.notChecked && !c.errors.length);
    u.stubbed = sqlObjects.some((r) => r.object.findings.some((f) => f.id === 'OPG-PLSQL-0010'));

    const pr = u.plsql ? parseReasons : sqlParseReasons;
    const cr = u.plsql ? compileReasons : sqlCompileReasons;
    if (u.parse !== 'ok') {
      const key =
        u.parse === 'no-rule'
          ? `no grammar rule for ${u.kind} (unit not parsed)`
          : u.parse === 'wrapped'
            ? 'wrapped (obfuscated) unit'
            : normalizeParse(u.parseError?.message ?? 'not parsed');
      pr.add(key, where(u), {
        object: u.name,
        location: u.parseError?.location ?? where(u),
        text: u.parseError?.line ?? '',
      });
    }
    if (u.plsql && (u.conv === 'commented' || u.conv === 'partial')) {
      const reasons = new Map<string, { object: string; text: string }>();
      if (u.parse !== 'ok')
        reasons.set(
          u.recovered
            ? 'members not parsed (parse error; the other members were parsed one by one)'
            : `unit not parsed (${u.parse === 'no-rule' ? `no grammar rule for ${u.kind}` : 'parse error'})`,
          {
            object: u.name,
            text: u.parseError?.line ?? '',
          },
        );
      const all = commented.flatMap((r) => r.object.findings.filter(blocking).map((f) => ({ r, f })));
      const strong = all.filter(({ f }) => !nonBlocking.has(normalizeConv(f.message)));
      for (const { r, f } of strong.length ? strong : all)
        if (!reasons.has(normalizeConv(f.message)))
          reasons.set(normalizeConv(f.message), { object: r.object.object, text: f.message });
      if (!reasons.size)
        reasons.set('commented out without a blocking finding', { object: u.name, text: '' });
      for (const [msg, ex] of reasons) {
        convReasons.add(msg, where(u), { ...ex, location: where(u) });
        u.problems.push(`convert: ${ex.object}: ${ex.text || msg}`);
      }
    }
    if (u.conv === 'converted' || u.conv === 'partial') {
      for (const r of sqlObjects) {
        if (!r.error) continue;
        const e = r.error;
        const msg = e.code === '42601' ? e.message : normalizeNames(e.message);
        u.problems.push(`compile: ${r.object.object}: [${e.code}] ${e.message}${e.near ? ` near: ${e.near}` : ''}`);
        cr.add(`[${e.code}] ${msg}`, where(u), {
          object: r.object.object,
          location: where(u),
          text: `${e.message}${e.detail ? ` (${e.detail})` : ''}${e.near ? ` — near: ${e.near}` : ''}`,
        });
      }
    }
    for (const c of routines) {
      if (c.notChecked)
        checkReasons.add(`(not checked) ${c.notChecked}`, String(c.oid), {
          object: c.name,
          location: where(u),
          text: '',
        });
      for (const e of c.errors) u.problems.push(`check: ${c.name}: [${e.sqlstate}] ${e.message}${e.text ? ` — ${e.text.split('\n')[0]}` : ''}`);
      for (const e of c.errors)
        checkReasons.add(`[${e.sqlstate}] ${normalizeNames(e.message)}`, String(c.oid), {
          object: `${c.name} [${u.name}]`,
          location: `${where(u)} body line ${e.lineno ?? '?'}`,
          text: `${e.message}${e.text ? ` — ${e.text.split('\n')[0]}` : ''}`,
        });
    }
  }

  // ── figures ──
  interface Row {
    units: number;
    parsed: number;
    converted: number;
    partial: number;
    commented: number;
    omitted: number;
    nothingToEmit: number;
    compiled: number;
    withRoutines: number;
    clean: number;
    cleanNoRoutine: number;
  }
  const emptyRow = (): Row => ({
    units: 0,
    parsed: 0,
    converted: 0,
    partial: 0,
    commented: 0,
    omitted: 0,
    nothingToEmit: 0,
    compiled: 0,
    withRoutines: 0,
    clean: 0,
    cleanNoRoutine: 0,
  });
  const addUnit = (r: Row, u: Unit) => {
    r.units++;
    if (u.parse === 'ok') r.parsed++;
    r[u.conv]++;
    if (u.nothingToEmit) r.nothingToEmit++;
    if (u.compiled) r.compiled++;
    if (u.routines) r.withRoutines++;
    if (u.clean) r.clean++;
    if (u.clean && !u.routines) r.cleanNoRoutine++;
  };
  const byKind = new Map<string, Row>();
  const named = emptyRow();
  const sqlByKind = new Map<string, Row>();
  for (const u of units) {
    const isNamed = NAMED_KINDS.includes(u.kind);
    const map = u.plsql ? byKind : sqlByKind;
    if (!map.has(u.kind)) map.set(u.kind, emptyRow());
    addUnit(map.get(u.kind)!, u);
    if (isNamed) addUnit(named, u);
  }

  // Packages as spec + body pairs (by name, schema ignored).
  const pairs = new Map<string, { spec?: Unit; body?: Unit }>();
  for (const u of units) {
    if (u.kind !== 'PACKAGE' && u.kind !== 'PACKAGE BODY') continue;
    const name = u.name
      .replace(/^PACKAGE (BODY )?/, '')
      .split('.')
      .pop()!
      .toUpperCase();
    const p = pairs.get(name) ?? {};
    if (u.kind === 'PACKAGE') p.spec = u;
    else p.body = u;
    pairs.set(name, p);
  }
  const pairStats = {
    packages: pairs.size,
    withBody: 0,
    parsed: 0,
    converted: 0,
    compiled: 0,
    clean: 0,
    specOnlyCompiles: 0,
  };
  for (const p of pairs.values()) {
    const parts = [p.spec, p.body].filter((x): x is Unit => !!x);
    if (p.body) pairStats.withBody++;
    if (parts.every((x) => x.parse === 'ok')) pairStats.parsed++;
    if (parts.every((x) => x.conv === 'converted')) pairStats.converted++;
    if (parts.every((x) => x.compiled)) pairStats.compiled++;
    if (parts.every((x) => x.clean)) pairStats.clean++;
    // The case to call out: the spec applies while the body is not converted (commented out / partial).
    if (p.spec?.compiled && p.body && p.body.conv !== 'converted') pairStats.specOnlyCompiles++;
  }

  // Package members (functions/procedures of package bodies).
  const members = units
    .filter((u) => u.kind === 'PACKAGE BODY')
    .flatMap((u) =>
      u.objects.filter((r) => r.object.objectType === 'FUNCTION' || r.object.objectType === 'PROCEDURE'),
    );
  const memberStats = {
    members: members.length,
    sql: members.filter((r) => r.status === 'sql').length,
    applied: members.filter((r) => r.status === 'sql' && !r.error).length,
    clean: members.filter(
      (r) => r.status === 'sql' && !r.error && r.routines.every((c) => !c.notChecked && !c.errors.length),
    ).length,
  };

  // TYPE specs created as composite types although they declare member methods (dropped).
  const typesWithoutMethods = units.filter(
    (u) =>
      u.kind === 'TYPE' &&
      u.conv === 'converted' &&
      u.objects.some((r) =>
        r.object.findings.some((f) => /member methods are not converted/.test(f.message)),
      ),
  ).length;
  const routines = [...results.values()].flatMap((r) => r.routines);
  const routineStats = {
    routines: routines.length,
    clean: routines.filter((c) => !c.notChecked && !c.errors.length).length,
    withErrors: routines.filter((c) => !c.notChecked && c.errors.length).length,
    notChecked: routines.filter((c) => c.notChecked).length,
    errors: routines.reduce((n, c) => n + c.errors.length, 0),
    warnings: routines.reduce((n, c) => n + c.warnings.length, 0),
  };
  const unattributedFailed = unattributed.filter((r) => r.error);
  const totalMs = Date.now() - t0;
  const timings = { totalMs, parserInitMs, parseMs, convertMs, applyMs, checkMs };
  const extCounts: Record<string, number> = {};
  for (const f of files) extCounts[extname(f).toLowerCase()] = (extCounts[extname(f).toLowerCase()] ?? 0) + 1;

  if (json) {
    const rowObj = (m: Map<string, Row>) =>
      Object.fromEntries([...m].sort((a, b) => a[0].localeCompare(b[0])));
    console.log(
      JSON.stringify(
        {
          corpus: root,
          postgres: scratch.version,
          plpgsqlCheck: scratch.plpgsqlCheck,
          files: { total: files.length, byExtension: extCounts, uninstallNotConverted: [...uninstall] },
          timings,
          plsqlUnits: rowObj(byKind),
          namedUnits: named,
          sqlStatements: rowObj(sqlByKind),
          packagePairs: pairStats,
          packageMembers: memberStats,
          routines: routineStats,
          unattributedObjects: { total: unattributed.length, failed: unattributedFailed.length },
          reasons: {
            parse: parseReasons.top(topN),
            conversion: convReasons.top(topN),
            compile: compileReasons.top(topN),
            plpgsqlCheck: checkReasons.top(topN),
            sqlParse: sqlParseReasons.top(topN),
            sqlApply: sqlCompileReasons.top(topN),
          },
          typesConvertedWithoutMethods: typesWithoutMethods,
          units: units.map((u) => ({
            object: u.name,
            kind: u.kind,
            location: fmtLoc(u.location),
            parse: u.parse,
            ...(u.parseError
              ? { parseError: u.parseError.message, parseErrorAt: u.parseError.location }
              : {}),
            conversion: u.conv,
            compiled: u.compiled,
            routines: u.routines,
            clean: u.clean,
            ...(u.stubbed ? { stubbed: true } : {}),
            ...(u.problems.length ? { problems: u.problems } : {}),
          })),
        },
        null,
        2,
      ),
    );
    return;
  }

  // ── text report ──
  console.log(`corpus: ${root}`);
  console.log(
    `files: ${files.length} (${Object.entries(extCounts)
      .sort()
      .map(([e, n]) => `${e} ${n}`)
      .join(', ')})`,
  );
  if (uninstall.size) console.log(`uninstall scripts parsed, not converted (DROPs and no CREATE): ${[...uninstall].join(', ')}`);
  console.log(
    `target: PostgreSQL ${scratch.version}, plpgsql_check ${scratch.plpgsqlCheck}, schema ${schema} (scratch database, dropped)`,
  );

  const header = ['kind', 'units', 'parsed', 'converted', 'partial', 'commented', 'compiled', 'check-clean'];
  const line = (k: string, r: Row) => [
    k,
    r.units,
    `${r.parsed} (${pct(r.parsed, r.units)})`,
    `${r.converted} (${pct(r.converted, r.units)})`,
    r.partial,
    r.commented,
    `${r.compiled} (${pct(r.compiled, r.units)})`,
    `${r.clean} (${pct(r.clean, r.units)})`,
  ];
  console.log('\n# PL/SQL units (shares of all units of the kind)');
  const rows: (string | number)[][] = [];
  for (const k of [...NAMED_KINDS, ...[...byKind.keys()].filter((k) => !NAMED_KINDS.includes(k)).sort()]) {
    const r = byKind.get(k);
    if (r && NAMED_KINDS.includes(k)) rows.push(line(k, r));
  }
  rows.push(line('= named units', named));
  for (const [k, r] of byKind) if (!NAMED_KINDS.includes(k)) rows.push(line(`${k} (anonymous)`, r));
  console.log(textTable(header, rows));
  const specsEmpty = byKind.get('PACKAGE')?.nothingToEmit ?? 0;
  console.log(
    `converted = every object emitted as SQL; partial = some members commented out (NOT counted as converted);\n` +
      `compiled = converted and every object applied; check-clean = compiled and no plpgsql_check error in its routines.\n` +
      `package specs converted with nothing to emit (only subprogram declarations): ${specsEmpty}; ` +
      `named units clean without any routine to check: ${named.cleanNoRoutine}; named units that created routines: ${named.withRoutines}\n` +
      `TYPE specs converted to composite types whose member methods were dropped (methods are in the TYPE BODY): ${typesWithoutMethods}`,
  );
  const stubbed = units.filter((u) => NAMED_KINDS.includes(u.kind) && u.stubbed && u.compiled);
  console.log(
    `named units that compiled with a built-in call raising feature_not_supported at run time (OPG-PLSQL-0010): ${stubbed.length} ` +
      `(compiled without them: ${named.compiled - stubbed.length}): ${stubbed.map((u) => u.name).join(', ')}`,
  );

  const specs = byKind.get('PACKAGE') ?? emptyRow();
  const bodies = byKind.get('PACKAGE BODY') ?? emptyRow();
  console.log('\n# Parse rate');
  console.log(`package specs:  ${specs.parsed}/${specs.units} (${pct(specs.parsed, specs.units)})`);
  console.log(`package bodies: ${bodies.parsed}/${bodies.units} (${pct(bodies.parsed, bodies.units)})`);
  for (const k of ['TYPE', 'TYPE BODY', 'FUNCTION', 'PROCEDURE', 'TRIGGER']) {
    const r = byKind.get(k);
    if (r)
      console.log(`${`${k.toLowerCase()}:`.padEnd(16)}${r.parsed}/${r.units} (${pct(r.parsed, r.units)})`);
  }
  console.log(`all named units: ${named.parsed}/${named.units} (${pct(named.parsed, named.units)})`);

  console.log('\n# Packages as spec + body pairs');
  console.log(
    `packages: ${pairStats.packages} (${pairStats.withBody} with a body); both parts parsed ${pairStats.parsed}, converted ${pairStats.converted} (${pct(pairStats.converted, pairStats.packages)}), compiled ${pairStats.compiled} (${pct(pairStats.compiled, pairStats.packages)}), check-clean ${pairStats.clean} (${pct(pairStats.clean, pairStats.packages)})`,
  );
  console.log(
    `specs that apply although their body is not converted (commented out / partial; counted as NOT converted): ${pairStats.specOnlyCompiles}`,
  );
  console.log(
    `package body members: ${memberStats.members}; emitted as SQL ${memberStats.sql} (${pct(memberStats.sql, memberStats.members)}), applied ${memberStats.applied} (${pct(memberStats.applied, memberStats.members)}), applied and check-clean ${memberStats.clean} (${pct(memberStats.clean, memberStats.members)})`,
  );

  console.log('\n# plpgsql_check (every PL/pgSQL routine created)');
  console.log(
    `routines: ${routineStats.routines}; clean ${routineStats.clean} (${pct(routineStats.clean, routineStats.routines)}), with errors ${routineStats.withErrors}, not checked ${routineStats.notChecked}; ${routineStats.errors} errors, ${routineStats.warnings} warnings in all`,
  );

  console.log('\n# SQL statements in the same files (not PL/SQL units)');
  console.log(
    textTable(
      ['kind', 'statements', 'parsed', 'converted', 'omitted', 'compiled'],
      [...sqlByKind]
        .sort((a, b) => b[1].units - a[1].units || a[0].localeCompare(b[0]))
        .map(([k, r]) => [k, r.units, r.parsed, r.converted, r.omitted, r.compiled]),
    ),
  );
  if (unattributed.length)
    console.log(
      `objects not tied to a statement (schemas for packages …): ${unattributed.length}, failed to apply: ${unattributedFailed.length}${unattributedFailed.length ? ` (${unattributedFailed.map((r) => `${r.object.object}: ${r.error!.message}`).join('; ')})` : ''}`,
    );

  console.log('\n# Top reasons units fail');
  printReasons('Parse errors of PL/SQL units (normalized message)', parseReasons, topN);
  printReasons('Conversion: why units are commented out (finding message)', convReasons, topN);
  printReasons('Compile errors on PostgreSQL (SQLSTATE + message)', compileReasons, topN);
  printReasons('plpgsql_check errors (SQLSTATE + message)', checkReasons, topN, 'routines');
  console.log('\n# SQL statements of the same files (not PL/SQL units): top reasons');
  printReasons('Parse errors', sqlParseReasons, 5, 'statements');
  printReasons('Apply errors', sqlCompileReasons, 5, 'statements');

  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `\n# Time: total ${s(totalMs)} (parser set-up ${s(parserInitMs)}, split+parse ${s(parseMs)}, convert ${s(convertMs)}, apply ${s(applyMs)}, plpgsql_check ${s(checkMs)})`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
