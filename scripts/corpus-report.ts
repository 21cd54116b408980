/**
 * Corpus report: converts the schema-creation DDL of the Oracle sample schemas
 * (oracle-samples/db-sample-schemas layout) and applies every converted object to a scratch
 * PostgreSQL database, one transaction per object, so one failure does not hide the rest.
 *
 *   npx tsx scripts/corpus-report.ts <dir> [--sqlplus-env]
 *
 * Each schema folder is converted on its own (the sample schemas reuse table names such as
 * CUSTOMERS and COUNTRIES) and applied with search_path set to the Oracle owner's name.
 * --sqlplus-env reproduces the install scripts' environment: DEFINE &1 = v3 and the
 * __SUB__CWD__ placeholder of @includes resolved to <dir>. Without it, options are {}.
 *
 * Needs PostgreSQL on 127.0.0.1:5432, user postgres, trust auth (override with PG* env vars).
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import pg from 'pg';
import type { PgObject } from '../src/ast/pg.js';
import { convertSources, printObject } from '../src/convert/index.js';
import type { Finding } from '../src/findings/types.js';
import { readSources, readTextFile } from '../src/source/files.js';

const SCHEMA_DIRS: [folder: string, owner: string][] = [
  ['human_resources', 'hr'],
  ['customer_orders', 'co'],
  ['sales_history', 'sh'],
  ['order_entry', 'oe'],
  ['product_media', 'pm'],
];

/** DDL files, ranked so tables come before indexes/constraints, views, code and comments. */
const DDL_KINDS: [RegExp, number][] = [
  [/_(create|cre)\.sql$/i, 0],
  [/_(idx|cons|ddl)\w*\.sql$/i, 1],
  [/_views?\.sql$/i, 2],
  [/_code\.sql$/i, 3],
  [/_(comnt|comments?)\.sql$/i, 4],
];
const SKIP = /(populate|popul|_p_|drop|uninstall|install|_main|analz)/i;

function ddlFiles(folder: string): string[] {
  const picked: { f: string; rank: number }[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (!name.toLowerCase().endsWith('.sql') || SKIP.test(name)) continue;
    const kind = DDL_KINDS.find(([re]) => re.test(name));
    if (kind) picked.push({ f: join(folder, name), rank: kind[1] });
  }
  return picked.sort((a, b) => a.rank - b.rank || a.f.localeCompare(b.f)).map((x) => x.f);
}

/** True when the printed SQL has nothing but comments and whitespace. */
function onlyComments(sql: string): boolean {
  return (
    sql
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/--[^\n]*/g, '')
      .trim() === ''
  );
}

interface Tally {
  applied: number;
  failed: number;
  commentedOut: number;
}

interface Failure {
  schema: string;
  object: string;
  where: string;
  error: string;
  sql: string;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const sqlplusEnv = args.includes('--sqlplus-env');
  const dirArg = args.find((a) => !a.startsWith('--'));
  if (!dirArg) {
    console.error('usage: tsx scripts/corpus-report.ts <dir> [--sqlplus-env]');
    process.exit(2);
  }
  const root = resolve(dirArg);
  const options = sqlplusEnv ? { defines: { '1': 'v3' } } : {};
  const readFile = sqlplusEnv
    ? (p: string) => readTextFile(p.includes('__SUB__CWD__') ? p.replace(/^.*__SUB__CWD__/, root) : p)
    : readTextFile;

  const dbName = `orapg_corpus_${process.pid}`;
  const conn = {
    host: process.env.PGHOST ?? '127.0.0.1',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.PGUSER ?? 'postgres',
  };
  const admin = new pg.Client({ ...conn, database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const db = new pg.Client({ ...conn, database: dbName });

  let statements = 0;
  let parseErrorStatements = 0;
  const parseErrors: Finding[] = [];
  const findingCounts = new Map<string, number>();
  const byType = new Map<string, Tally>();
  const failures: Failure[] = [];
  let objectCount = 0;

  try {
    await db.connect();
    const version = (await db.query('SHOW server_version')).rows[0].server_version;
    console.log(`corpus: ${root}`);
    console.log(`target: PostgreSQL ${version}, scratch database ${dbName}`);
    console.log(`options: ${JSON.stringify(options)}${sqlplusEnv ? ', __SUB__CWD__ -> corpus root' : ''}\n`);

    for (const [folder, owner] of SCHEMA_DIRS) {
      const dir = join(root, folder);
      if (!existsSync(dir)) continue;
      const files = ddlFiles(dir);
      if (!files.length) continue;
      console.log(`== ${folder} (schema ${owner}): ${files.map((f) => basename(f)).join(', ')}`);

      const result = convertSources(readSources(files, root), options, readFile);
      statements += result.stats.statements;
      parseErrorStatements += result.stats.parseErrors;
      for (const f of result.findings) {
        findingCounts.set(f.id, (findingCounts.get(f.id) ?? 0) + 1);
        if (f.id === 'OPG-PARSE-0001') parseErrors.push(f);
      }

      await db.query(`CREATE SCHEMA IF NOT EXISTS ${owner}`);
      await db.query(`SET search_path TO ${owner}, public`);
      for (const o of result.objects) {
        objectCount++;
        await applyObject(db, owner, o, byType, failures);
      }
    }
  } finally {
    await db.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch((e: Error) => {
      console.error(`could not drop ${dbName}: ${e.message}`);
    });
    await admin.end();
  }

  // ── report ────────────────────────────────────────────────────────────
  console.log(`\n# Summary`);
  console.log(`statements: ${statements}`);
  console.log(
    `parse errors: ${parseErrorStatements} statements (${parseErrors.length} OPG-PARSE-0001 findings)`,
  );
  for (const f of parseErrors) {
    const l = f.location;
    console.log(`  ${l ? `${l.file}:${l.line}:${l.column}` : '?'}  ${f.message}`);
  }

  console.log(`\n# Objects by type (${objectCount} converted objects)`);
  console.log(
    `${'type'.padEnd(22)} ${'applied'.padStart(8)} ${'failed'.padStart(7)} ${'comment-only'.padStart(13)}`,
  );
  const tot: Tally = { applied: 0, failed: 0, commentedOut: 0 };
  for (const [type, t] of [...byType].sort((a, b) => a[0].localeCompare(b[0]))) {
    console.log(
      `${type.padEnd(22)} ${String(t.applied).padStart(8)} ${String(t.failed).padStart(7)} ${String(t.commentedOut).padStart(13)}`,
    );
    tot.applied += t.applied;
    tot.failed += t.failed;
    tot.commentedOut += t.commentedOut;
  }
  console.log(
    `${'TOTAL'.padEnd(22)} ${String(tot.applied).padStart(8)} ${String(tot.failed).padStart(7)} ${String(tot.commentedOut).padStart(13)}`,
  );

  console.log(`\n# Apply failures (${failures.length})`);
  for (const f of failures) {
    console.log(`\n--- [${f.schema}] ${f.object}${f.where}`);
    console.log(`ERROR: ${f.error}`);
    console.log(f.sql.trimEnd());
  }

  console.log(`\n# Findings by ID`);
  for (const [id, n] of [...findingCounts].sort((a, b) => a[0].localeCompare(b[0])))
    console.log(`${id.padEnd(16)} ${n}`);
}

async function applyObject(
  db: pg.Client,
  schema: string,
  o: PgObject,
  byType: Map<string, Tally>,
  failures: Failure[],
): Promise<void> {
  const type = o.objectType;
  let t = byType.get(type);
  if (!t) {
    t = { applied: 0, failed: 0, commentedOut: 0 };
    byType.set(type, t);
  }
  const sql = printObject(o);
  if (onlyComments(sql)) {
    t.commentedOut++;
    return;
  }
  try {
    await db.query('BEGIN');
    await db.query(sql);
    await db.query('COMMIT');
    t.applied++;
  } catch (e) {
    await db.query('ROLLBACK').catch(() => {});
    t.failed++;
    const err = e as Error & { code?: string };
    failures.push({
      schema,
      object: o.object,
      where: o.location ? ` (${o.location.file}:${o.location.line})` : '',
      error: `${err.code ? `[${err.code}] ` : ''}${err.message}`,
      sql,
    });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
