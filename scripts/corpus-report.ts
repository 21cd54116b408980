/**
 * Corpus report: converts the schema-creation DDL of the Oracle sample schemas
 * (oracle-samples/db-sample-schemas layout), applies every converted object to a scratch
 * PostgreSQL database (each object in its own savepoint, in phase order, so one failure does not
 * hide the rest), then runs plpgsql_check on every PL/pgSQL routine the objects created.
 *
 *   npx tsx scripts/corpus-report.ts <dir> [--json] [--verbose]
 *
 * Each schema folder is converted on its own (the sample schemas reuse table names such as
 * CUSTOMERS and COUNTRIES) and applied with search_path set to the Oracle owner's name. The files
 * converted are the DDL part of each schema's install chain (data loading, statistics, drop and
 * uninstall scripts left out), read the way the install scripts run them: @includes followed,
 * the __SUB__CWD__ placeholder of the includes resolved to <dir>, DEFINE &1 = v3 (the OE scripts'
 * version argument). A folder this script does not know is read with a file-name heuristic.
 *
 * Counted per schema and in total: statements, parse errors (with locations), and per kind of
 * object (tables, constraints, indexes, sequences, views, triggers, procedures, functions,
 * packages, types): objects, converted (emitted as SQL, not commented out), omitted (nothing
 * emitted), commented out, applied cleanly. A package counts once (spec, body and members
 * together): it is converted only when no part of it was commented out, so a package whose spec
 * applies while its body or a member is a comment counts as not converted. plpgsql_check_function
 * runs on every PL/pgSQL routine created (trigger functions with the table of their trigger).
 *
 * Needs PostgreSQL on 127.0.0.1:5432, user postgres, trust auth (override with PG* env vars), with
 * the plpgsql_check extension available. The scratch database is dropped at the end.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PgObject } from '../src/ast/pg.js';
import { convertSources } from '../src/convert/index.js';
import { getParser, parseStatement } from '../src/parser/statement.js';
import { readSources, readTextFile } from '../src/source/files.js';
import { splitScript } from '../src/source/script.js';
import {
  type ApplyError,
  applyInSavepoint,
  BLOCKING_FINDINGS,
  checkRoutine,
  dropScratch,
  emissionOf,
  openScratch,
  pct,
  RoutineTracker,
  type RoutineCheck,
  sourceLine,
  statementKind,
  textTable,
  triggerTable,
} from './corpus-common.js';

interface SchemaDef {
  folder: string;
  owner: string;
  /** Root scripts, in install order; their @includes are followed. */
  roots: string[];
}

/** The DDL part of each schema's install chain (see the *_install.sql / *_main.sql scripts). */
const SCHEMAS: SchemaDef[] = [
  { folder: 'human_resources', owner: 'hr', roots: ['hr_create.sql', 'hr_code.sql'] },
  { folder: 'customer_orders', owner: 'co', roots: ['co_create.sql'] },
  { folder: 'sales_history', owner: 'sh', roots: ['sh_create.sql'] },
  // oe_main.sql: coe_v3 (→ ccus/cwhs/cord_v3, coe_xml → XML DB set-up), loe_v3 (data, skipped),
  // poe_v3 (→ oe_views, cmnt_v3, cidx_v3), oc_main (→ oc_cre, oc_popul (data, skipped), oc_comnt).
  // oe_cre.sql / oe_idx.sql / oe_comnt.sql are older copies no install script runs.
  { folder: 'order_entry', owner: 'oe', roots: ['coe_v3.sql', 'poe_v3.sql', 'oc_cre.sql', 'oc_comnt.sql'] },
  // pm_main.sql: pm_cre (objects), pm_p_lob (data, skipped), pm_analz (statistics, skipped).
  { folder: 'product_media', owner: 'pm', roots: ['pm_cre.sql'] },
];

/** Heuristic for unknown folders: DDL files, tables before indexes, views, code and comments. */
const DDL_KINDS: [RegExp, number][] = [
  [/_(create|cre)\.sql$/i, 0],
  [/_(idx|cons|ddl)\w*\.sql$/i, 1],
  [/_views?\.sql$/i, 2],
  [/_code\.sql$/i, 3],
  [/_(comnt|comments?)\.sql$/i, 4],
];
const SKIP = /(populate|popul|_p_|drop|uninstall|install|_main|analz)/i;

function heuristicRoots(folder: string): string[] {
  const picked: { f: string; rank: number }[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (!name.toLowerCase().endsWith('.sql') || SKIP.test(name)) continue;
    const kind = DDL_KINDS.find(([re]) => re.test(name));
    if (kind) picked.push({ f: name, rank: kind[1] });
  }
  return picked.sort((a, b) => a.rank - b.rank || a.f.localeCompare(b.f)).map((x) => x.f);
}

const CATEGORIES = [
  'tables',
  'constraints',
  'indexes',
  'sequences',
  'views',
  'triggers',
  'procedures',
  'functions',
  'packages',
  'types',
] as const;
type Category = (typeof CATEGORIES)[number] | 'other';
type Outcome = 'applied' | 'failed' | 'commented' | 'empty';

function categoryOfKind(kind: string): Category {
  switch (kind) {
    case 'TABLE':
      return 'tables';
    case 'PRIMARY KEY':
    case 'UNIQUE':
    case 'CHECK':
    case 'FOREIGN KEY':
      return 'constraints';
    case 'INDEX':
      return 'indexes';
    case 'SEQUENCE':
      return 'sequences';
    case 'VIEW':
    case 'MATERIALIZED VIEW':
      return 'views';
    case 'TRIGGER':
      return 'triggers';
    case 'PROCEDURE':
      return 'procedures';
    case 'FUNCTION':
      return 'functions';
    case 'PACKAGE':
    case 'PACKAGE BODY':
      return 'packages';
    case 'TYPE':
    case 'TYPE BODY':
      return 'types';
    default:
      return 'other';
  }
}

const isPackagePart = (o: PgObject) =>
  o.objectType === 'PACKAGE' || o.objectType === 'PACKAGE BODY' || o.object.startsWith('PACKAGE BODY ');

interface Counts {
  /** Objects the converter produced plus statements of this kind that failed to parse (no object). */
  source: number;
  parseErrors: number;
  /** Emitted as SQL (not commented out). */
  converted: number;
  /** Nothing emitted, on purpose or not (an index duplicating a constraint, a synonym, a grant). */
  omitted: number;
  /** Kept as a comment (NOT CONVERTED). */
  commented: number;
  /** Converted and applied cleanly. */
  applied: number;
  /** Converted but failed to apply. */
  failed: number;
}
const zero = (): Counts => ({
  source: 0,
  parseErrors: 0,
  converted: 0,
  omitted: 0,
  commented: 0,
  applied: 0,
  failed: 0,
});
function addCounts(a: Counts, b: Counts): void {
  for (const k of Object.keys(a) as (keyof Counts)[]) a[k] += b[k];
}

/**
 * Counts one object (or one package: spec, body and members) from the outcome of its parts:
 * commented out if any part is, converted if any part emitted SQL, applied if every emitted part
 * applied; nothing emitted at all counts as omitted.
 */
function tally(c: Counts, states: Outcome[]): void {
  c.source++;
  if (states.includes('commented')) c.commented++;
  else if (!states.some((s) => s === 'applied' || s === 'failed')) c.omitted++;
  else {
    c.converted++;
    if (states.includes('failed')) c.failed++;
    else c.applied++;
  }
}

/** Package a spec, body or member object belongs to (last name part, without the schema). */
function packageName(o: PgObject): string {
  let label = o.object.replace(/^PACKAGE (BODY )?/, '');
  if (o.objectType !== 'PACKAGE' && o.objectType !== 'PACKAGE BODY') label = label.replace(/\.[^.]*$/, '');
  return label.split('.').pop()!;
}

interface CheckCounts {
  routines: number;
  clean: number;
  withErrors: number;
  notChecked: number;
  warnings: number;
}
const zeroCheck = (): CheckCounts => ({ routines: 0, clean: 0, withErrors: 0, notChecked: 0, warnings: 0 });

interface ParseError {
  location: string;
  statementAt: string;
  kind: string;
  message: string;
  line: string;
}

interface ApplyFailure {
  object: string;
  objectType: string;
  location: string;
  error: ApplyError;
  sql: string;
}

interface SchemaResult {
  folder: string;
  owner: string;
  files: string[];
  statements: number;
  parseErrors: ParseError[];
  categories: Record<string, Counts>;
  other: Record<string, Counts>;
  packageMembers: { members: number; converted: number; applied: number };
  packageDetail: {
    name: string;
    spec: Outcome | 'absent';
    body: Outcome | 'absent';
    members: number;
    membersSql: number;
    membersApplied: number;
  }[];
  emptyObjects: string[];
  /** Objects kept as comments, with the converter's reasons (blocking findings). */
  commentedObjects: { object: string; location: string; reasons: string[] }[];
  applyFailures: ApplyFailure[];
  checks: (RoutineCheck & { object: string; category: Category })[];
  checkCounts: Record<string, CheckCounts>;
  findings: Record<string, number>;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const verbose = args.includes('--verbose');
  const dirArg = args.find((a) => !a.startsWith('--'));
  if (!dirArg) {
    console.error('usage: tsx scripts/corpus-report.ts <dir> [--json] [--verbose]');
    process.exit(2);
  }
  const root = resolve(dirArg);
  // Locations are relative to the corpus root (includes are resolved from the working directory).
  process.chdir(root);
  const options = { defines: { '1': 'v3' } };
  const realPath = (p: string) => (p.includes('__SUB__CWD__') ? p.replace(/^.*__SUB__CWD__/, root) : p);
  const readFile = (p: string) => readTextFile(realPath(p));
  const shown = (file: string) => file.replace(/^.*__SUB__CWD__\//, '');

  const tInit = Date.now();
  getParser();
  const parserInitMs = Date.now() - tInit;

  const defs: SchemaDef[] = [];
  for (const name of readdirSync(root).sort()) {
    if (!statSync(join(root, name)).isDirectory() || name.startsWith('.')) continue;
    const known = SCHEMAS.find((s) => s.folder === name);
    if (known) defs.push(known);
    else {
      const roots = heuristicRoots(join(root, name));
      if (roots.length) defs.push({ folder: name, owner: name.replace(/\W/g, '_').toLowerCase(), roots });
    }
  }
  defs.sort((a, b) => {
    const ia = SCHEMAS.findIndex((s) => s.folder === a.folder);
    const ib = SCHEMAS.findIndex((s) => s.folder === b.folder);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.folder.localeCompare(b.folder);
  });

  const scratch = await openScratch('corpus');
  const db = scratch.db;
  const results: SchemaResult[] = [];
  let convertMs = 0;
  let applyMs = 0;
  let checkMs = 0;
  try {
    for (const def of defs) {
      const files = def.roots.map((r) => join(def.folder, r)).filter((f) => existsSync(f));
      if (!files.length) continue;
      const res: SchemaResult = {
        folder: def.folder,
        owner: def.owner,
        files: [],
        statements: 0,
        parseErrors: [],
        categories: Object.fromEntries(CATEGORIES.map((c) => [c, zero()])),
        other: {},
        packageMembers: { members: 0, converted: 0, applied: 0 },
        packageDetail: [],
        emptyObjects: [],
        commentedObjects: [],
        applyFailures: [],
        checks: [],
        checkCounts: {},
        findings: {},
      };
      results.push(res);
      const tc = Date.now();
      const sources = readSources(files, root);

      // Split and parse every statement (as convertSources does) to count statements and parse
      // errors per statement: a PL/SQL unit that does not parse still yields a statement.
      const counts = (kind: string): Counts => {
        const c = categoryOfKind(kind);
        if (c !== 'other') return res.categories[c];
        res.other[kind] ??= zero();
        return res.other[kind];
      };
      const seenFiles = new Set<string>();
      for (const src of sources) {
        const split = splitScript(src.text, src.file, { ...options, readFile, followIncludes: true });
        for (const item of split.items) {
          if (item.kind !== 'statement') continue;
          seenFiles.add(shown(item.location.file));
          res.statements++;
          const parsed = parseStatement(item.text, item.location);
          const errors = parsed.findings.filter((f) => f.id === 'OPG-PARSE-0001');
          if (!errors.length) continue;
          const { kind, plsql } = statementKind(item.text);
          const c = counts(kind);
          c.parseErrors++;
          // A PL/SQL unit that does not parse becomes a commented-out object; other statements none.
          if (!plsql) c.source++;
          const l = errors[0].location;
          res.parseErrors.push({
            location: l ? `${shown(l.file)}:${l.line}:${l.column}` : '?',
            statementAt: `${shown(item.location.file)}:${item.location.line}`,
            kind,
            message: errors[0].message,
            line: l ? sourceLine(realPath(l.file), l.line) : '',
          });
        }
      }
      res.files = [...seenFiles];

      const result = convertSources(sources, options, readFile);
      convertMs += Date.now() - tc;
      if (result.stats.statements !== res.statements)
        console.error(
          `warning: ${def.folder}: ${res.statements} statements split here, ${result.stats.statements} in convertSources`,
        );
      for (const f of result.findings) res.findings[f.id] = (res.findings[f.id] ?? 0) + 1;

      // ── apply ──
      const ta = Date.now();
      await db.query('BEGIN');
      await db.query(`CREATE SCHEMA IF NOT EXISTS ${def.owner}`);
      await db.query(`SET search_path TO ${def.owner}, public`);
      const tracker = new RoutineTracker();
      await tracker.start(db);
      const outcome = new Map<PgObject, Outcome>();
      const sqlOf = new Map<PgObject, string>();
      for (const o of result.objects) {
        const { status, sql } = emissionOf(o);
        sqlOf.set(o, sql);
        if (status !== 'sql') {
          outcome.set(o, status);
          if (status === 'empty')
            res.emptyObjects.push(`${o.object} [${o.findings.map((f) => f.id).join(', ') || 'no finding'}]`);
          if (status === 'commented') {
            const reasons = o.findings
              .filter(
                (f) => BLOCKING_FINDINGS.has(f.id) || (f.severity === 'error' && f.id !== 'OPG-PLSQL-0001'),
              )
              .map((f) => `${f.id} ${f.message}`);
            const unparsed = res.parseErrors.find(
              (p) => p.statementAt === `${shown(o.location?.file ?? '')}:${o.location?.line}`,
            );
            if (unparsed) reasons.unshift(`not parsed: ${unparsed.message}`);
            const node = o.nodes[0];
            if (!reasons.length && node?.kind === 'comment-block' && node.text.startsWith('NOT CONVERTED YET'))
              reasons.push(`not parsed: no grammar rule for ${o.objectType}`);
            res.commentedObjects.push({
              object: o.object,
              location: o.location ? `${shown(o.location.file)}:${o.location.line}` : '',
              reasons: [...new Set(reasons)],
            });
          }
          continue;
        }
        const err = await applyInSavepoint(db, sql);
        if (err) {
          outcome.set(o, 'failed');
          res.applyFailures.push({
            object: o.object,
            objectType: o.objectType,
            location: o.location ? `${shown(o.location.file)}:${o.location.line}` : '',
            error: err,
            sql,
          });
        } else {
          outcome.set(o, 'applied');
          await tracker.after(db, o);
        }
      }
      applyMs += Date.now() - ta;

      // ── count: packages per package (spec + body + members), other objects one by one ──
      const packages = new Map<string, PgObject[]>();
      for (const o of result.objects) {
        if (isPackagePart(o)) {
          const name = packageName(o);
          packages.set(name, [...(packages.get(name) ?? []), o]);
          if (o.object.startsWith('PACKAGE BODY ') && o.objectType !== 'PACKAGE BODY') {
            res.packageMembers.members++;
            const s = outcome.get(o);
            if (s === 'applied' || s === 'failed') res.packageMembers.converted++;
            if (s === 'applied') res.packageMembers.applied++;
          }
          continue;
        }
        tally(counts(o.objectType), [outcome.get(o)!]);
      }
      for (const [name, parts] of packages) {
        const states = parts.map((p) => outcome.get(p)!);
        tally(res.categories.packages, states);
        const members = parts.filter((p) => p.objectType !== 'PACKAGE' && p.objectType !== 'PACKAGE BODY');
        res.packageDetail.push({
          name,
          spec: parts.some((p) => p.objectType === 'PACKAGE')
            ? outcome.get(parts.find((p) => p.objectType === 'PACKAGE')!)!
            : 'absent',
          body: parts.some((p) => p.objectType === 'PACKAGE BODY')
            ? outcome.get(parts.find((p) => p.objectType === 'PACKAGE BODY')!)!
            : 'absent',
          members: members.length,
          membersSql: members.filter((m) => ['applied', 'failed'].includes(outcome.get(m)!)).length,
          membersApplied: members.filter((m) => outcome.get(m) === 'applied').length,
        });
      }

      // ── plpgsql_check ──
      const tk = Date.now();
      for (const [oid, o] of tracker.owner) {
        const check = await checkRoutine(db, oid, triggerTable(sqlOf.get(o) ?? ''));
        const category: Category = isPackagePart(o) ? 'packages' : categoryOfKind(o.objectType);
        res.checks.push({ ...check, object: o.object, category });
        res.checkCounts[category] ??= zeroCheck();
        const cc = res.checkCounts[category];
        cc.routines++;
        cc.warnings += check.warnings.length;
        if (check.notChecked) cc.notChecked++;
        else if (check.errors.length) cc.withErrors++;
        else cc.clean++;
      }
      checkMs += Date.now() - tk;
      await db.query('COMMIT');
    }
  } finally {
    await dropScratch(scratch);
  }
  const totalMs = Date.now() - t0;

  const timings = { totalMs, parserInitMs, convertMs, applyMs, checkMs };
  if (json) {
    console.log(
      JSON.stringify(
        {
          corpus: root,
          postgres: scratch.version,
          plpgsqlCheck: scratch.plpgsqlCheck,
          timings,
          schemas: results.map((r) => ({ ...r, applyFailures: r.applyFailures.map(({ sql, ...f }) => f) })),
        },
        null,
        2,
      ),
    );
    return;
  }
  printReport(root, scratch.version, scratch.plpgsqlCheck, results, timings, verbose);
}

function printReport(
  root: string,
  version: string,
  checkVersion: string,
  results: SchemaResult[],
  timings: Record<string, number>,
  verbose: boolean,
): void {
  console.log(`corpus: ${root}`);
  console.log(`target: PostgreSQL ${version}, plpgsql_check ${checkVersion}, scratch database (dropped)`);
  console.log(`options: defines {"1":"v3"}, __SUB__CWD__ -> corpus root, @includes followed\n`);
  for (const r of results) console.log(`${r.folder} (schema ${r.owner}): ${r.files.join(', ')}`);

  const total: Record<string, Counts> = Object.fromEntries(CATEGORIES.map((c) => [c, zero()]));
  const header = [
    'kind',
    'objects',
    'parse err',
    'converted',
    'omitted',
    'commented',
    'applied',
    'apply failed',
  ];
  const row = (name: string, c: Counts) => [
    name,
    c.source,
    c.parseErrors,
    `${c.converted} (${pct(c.converted, c.source)})`,
    c.omitted,
    c.commented,
    `${c.applied} (${pct(c.applied, c.source)})`,
    c.failed,
  ];

  for (const r of results) {
    console.log(`\n# ${r.folder} (schema ${r.owner})`);
    console.log(`statements: ${r.statements}, parse errors: ${r.parseErrors.length}`);
    for (const p of r.parseErrors)
      console.log(`  ${p.location}  [${p.kind}] ${p.message}\n      | ${p.line}`);
    const rows: (string | number)[][] = [];
    for (const c of CATEGORIES) {
      addCounts(total[c], r.categories[c]);
      if (r.categories[c].source) rows.push(row(c, r.categories[c]));
    }
    const other = Object.entries(r.other).sort((a, b) => a[0].localeCompare(b[0]));
    for (const [k, c] of other) rows.push(row(`(other) ${k}`, c));
    console.log(textTable(header, rows));
    for (const p of r.packageDetail)
      console.log(
        `package ${p.name}: spec ${p.spec}, body ${p.body}, members ${p.members} (emitted as SQL ${p.membersSql}, applied ${p.membersApplied})`,
      );
    printChecks(r.checkCounts);
  }

  console.log(`\n# TOTAL (${results.length} schemas)`);
  const statements = results.reduce((n, r) => n + r.statements, 0);
  const parseErrors = results.reduce((n, r) => n + r.parseErrors.length, 0);
  console.log(`statements: ${statements}, parse errors: ${parseErrors} (${pct(parseErrors, statements)})`);
  const otherTotal: Record<string, Counts> = {};
  for (const r of results)
    for (const [k, c] of Object.entries(r.other)) {
      otherTotal[k] ??= zero();
      addCounts(otherTotal[k], c);
    }
  const all = zero();
  const rows: (string | number)[][] = [];
  for (const c of CATEGORIES) {
    rows.push(row(c, total[c]));
    addCounts(all, total[c]);
  }
  rows.push(row('= listed kinds', all));
  for (const [k, c] of Object.entries(otherTotal).sort((a, b) => a[0].localeCompare(b[0])))
    rows.push(row(`(other) ${k}`, c));
  console.log(textTable(header, rows));
  const members = results.reduce(
    (a, r) => ({
      members: a.members + r.packageMembers.members,
      converted: a.converted + r.packageMembers.converted,
      applied: a.applied + r.packageMembers.applied,
    }),
    { members: 0, converted: 0, applied: 0 },
  );
  console.log(
    `package members: ${members.members}, emitted as SQL ${members.converted}, applied ${members.applied}`,
  );
  const checkTotal: Record<string, CheckCounts> = {};
  for (const r of results)
    for (const [k, c] of Object.entries(r.checkCounts)) {
      checkTotal[k] ??= zeroCheck();
      const t = checkTotal[k];
      for (const f of Object.keys(c) as (keyof CheckCounts)[]) t[f] += c[f];
    }
  printChecks(checkTotal);
  const empties = results.flatMap((r) => r.emptyObjects);
  if (empties.length)
    console.log(`\nomitted objects (nothing emitted; findings in brackets):\n  ${empties.join('\n  ')}`);

  const commented = results.flatMap((r) => r.commentedObjects.map((c) => ({ ...c, schema: r.owner })));
  console.log(`\n# Commented out (NOT CONVERTED) objects (${commented.length})`);
  for (const c of commented)
    console.log(
      `[${c.schema}] ${c.object} (${c.location}): ${c.reasons.length ? c.reasons.join(' | ') : 'no blocking finding recorded'}`,
    );

  const failures = results.flatMap((r) => r.applyFailures.map((f) => ({ ...f, schema: r.owner })));
  console.log(`\n# Apply failures (${failures.length})`);
  for (const f of failures) {
    console.log(`[${f.schema}] ${f.object} (${f.location}): [${f.error.code}] ${f.error.message}`);
    if (f.error.detail) console.log(`      detail: ${f.error.detail}`);
    if (f.error.near) console.log(`      near: ${f.error.near}`);
    if (verbose) console.log(f.sql.trimEnd());
  }

  const bad = results.flatMap((r) => r.checks.filter((c) => c.errors.length || c.notChecked));
  console.log(`\n# plpgsql_check: routines with errors or not checked (${bad.length})`);
  for (const c of bad) {
    console.log(`${c.name} [${c.object}]${c.relation ? ` on ${c.relation}` : ''}`);
    if (c.notChecked) console.log(`  not checked: ${c.notChecked}`);
    for (const e of c.errors)
      console.log(
        `  line ${e.lineno ?? '?'}: [${e.sqlstate}] ${e.message}${e.text ? `\n      | ${e.text.trim().split('\n')[0]}` : ''}`,
      );
  }

  const findings: Record<string, number> = {};
  for (const r of results)
    for (const [k, n] of Object.entries(r.findings)) findings[k] = (findings[k] ?? 0) + n;
  console.log(`\n# Findings by ID`);
  for (const [id, n] of Object.entries(findings).sort((a, b) => a[0].localeCompare(b[0])))
    console.log(`${id.padEnd(16)} ${n}`);

  console.log(
    `\n# Time: total ${(timings.totalMs / 1000).toFixed(1)} s (parser set-up ${(timings.parserInitMs / 1000).toFixed(1)} s, split+parse+convert ${(timings.convertMs / 1000).toFixed(1)} s, apply ${(timings.applyMs / 1000).toFixed(1)} s, plpgsql_check ${(timings.checkMs / 1000).toFixed(1)} s)`,
  );
}

function printChecks(counts: Record<string, CheckCounts>): void {
  const entries = Object.entries(counts).sort((a, b) => a[0].localeCompare(b[0]));
  if (!entries.length) {
    console.log('plpgsql_check: no PL/pgSQL routines created');
    return;
  }
  const t = zeroCheck();
  const rows: (string | number)[][] = entries.map(([k, c]) => {
    for (const f of Object.keys(c) as (keyof CheckCounts)[]) t[f] += c[f];
    return [k, c.routines, c.clean, c.withErrors, c.notChecked, c.warnings];
  });
  rows.push(['= all', t.routines, t.clean, t.withErrors, t.notChecked, t.warnings]);
  console.log('plpgsql_check (PL/pgSQL routines created, by the kind of object that created them):');
  console.log(
    textTable(['routines of', 'routines', 'clean', 'with errors', 'not checked', 'warnings'], rows),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
