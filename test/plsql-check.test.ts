/**
 * plpgsql_check over the converted PL/SQL: every fixtures/plsql case (one schema each) and the
 * example schema (examples/hr, all phases) are applied to a scratch database on the PostgreSQL 15
 * server (127.0.0.1:5432), then plpgsql_check_function runs on every PL/pgSQL function, procedure
 * and trigger function (trigger functions with the relation of each of their triggers).
 *
 * Errors fail the test, except two kinds that are expected and listed: a call to a routine that the
 * converter left as a NOT CONVERTED comment (with its own error finding), e.g. a procedure with
 * PRAGMA AUTONOMOUS_TRANSACTION; and a function of an Oracle built-in package kept as written
 * (schema "dbms_x" does not exist), reported by OPG-PLSQL-0010. Warnings are printed.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgObject } from '../src/ast/pg.js';
import { convert, convertSources, PHASES } from '../src/index.js';
import { listCases } from './golden.js';

const admin = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };
const dbName = `orapg_plcheck_${process.pid}`;
let skipReason: string | undefined;
let client: pg.Client | undefined;

interface CheckRow {
  source: string;
  routine: string;
  relation: string | null;
  lineno: number | null;
  level: string;
  sqlstate: string | null;
  message: string;
}

beforeAll(async () => {
  const c = new pg.Client(admin);
  try {
    await c.connect();
  } catch (e) {
    skipReason = `no PostgreSQL server answers on 127.0.0.1:5432 (${(e as Error).message})`;
    return;
  }
  try {
    await c.query(`CREATE DATABASE ${dbName}`);
  } catch (e) {
    skipReason = `cannot create a scratch database (${(e as Error).message})`;
    return;
  } finally {
    await c.end().catch(() => {});
  }
  client = new pg.Client({ ...admin, database: dbName });
  await client.connect();
  client.on('notice', () => {});
  try {
    await client.query('CREATE EXTENSION plpgsql_check');
    // Converted DBMS_CRYPTO.HASH with SHA-1 calls pgcrypto's digest (OPG-PLSQL-0040 asks for it).
    await client.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
  } catch (e) {
    skipReason = `the plpgsql_check extension cannot be created (${(e as Error).message})`;
  }
}, 30_000);

afterAll(async () => {
  await client?.end().catch(() => {});
  if (skipReason?.startsWith('no PostgreSQL') || skipReason?.startsWith('cannot create')) return;
  const c = new pg.Client(admin);
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await c.end();
}, 30_000);

/** Built-in packages whose function calls were kept as written (OPG-PLSQL-0010), lower case. */
function keptBuiltinPackages(objects: PgObject[]): Set<string> {
  const out = new Set<string>();
  for (const o of objects)
    for (const f of o.findings)
      if (f.id === 'OPG-PLSQL-0010' && f.message.includes('with no PostgreSQL equivalent; the call is kept as written'))
        out.add(f.message.split('.')[0].toLowerCase());
  return out;
}

/** Routines (lower case, unqualified) with a COMMIT / ROLLBACK inside a protected block, reported as an error by OPG-PLSQL-0072. */
function transactionInProtectedBlock(objects: PgObject[]): Set<string> {
  const out = new Set<string>();
  for (const o of objects)
    if (o.findings.some((f) => f.id === 'OPG-PLSQL-0072')) out.add(o.object.split(' ').pop()!.split('.').pop()!.toLowerCase());
  return out;
}

/** Names of the routines a conversion left as NOT CONVERTED comments (lower case, unqualified). */
function notConverted(objects: PgObject[]): Set<string> {
  const out = new Set<string>();
  for (const o of objects)
    if (/^(PROCEDURE|FUNCTION)$/.test(o.objectType) && o.nodes.some((n) => n.kind === 'comment-block'))
      out.add(o.object.split(' ').pop()!.split('.').pop()!.toLowerCase());
  return out;
}

/** plpgsql_check on the PL/pgSQL routines of one schema (search_path set to it). */
async function checkSchema(c: pg.Client, schema: string, source: string): Promise<CheckRow[]> {
  const r = await c.query(
    `SELECT p.oid::regprocedure::text AS routine, t.tgrelid::regclass::text AS relation,
            cc.lineno, cc.level, cc.sqlstate, cc.message
       FROM pg_proc p
       JOIN pg_namespace n ON n.oid = p.pronamespace
       LEFT JOIN pg_trigger t ON t.tgfoid = p.oid AND NOT t.tgisinternal
      CROSS JOIN LATERAL plpgsql_check_function_tb(p.oid, coalesce(t.tgrelid, 0)) cc
      WHERE n.nspname = $1
        AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'plpgsql')
        AND (p.prorettype <> 'trigger'::regtype OR t.tgrelid IS NOT NULL)
      ORDER BY 1, 2, 3`,
    [schema],
  );
  return r.rows.map((x) => ({ source, ...x }));
}

async function countRoutines(
  c: pg.Client,
  schema: string,
): Promise<{ routines: number; triggerFns: number }> {
  const r = await c.query(
    `SELECT count(*)::int AS routines, count(*) FILTER (WHERE p.prorettype = 'trigger'::regtype)::int AS trigger_fns
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'plpgsql')`,
    [schema],
  );
  return { routines: r.rows[0].routines, triggerFns: r.rows[0].trigger_fns };
}

describe('plpgsql_check on the converted PL/SQL (PostgreSQL 15 server)', () => {
  it('finds no errors in the routines of fixtures/plsql and examples/hr', async (ctx) => {
    if (skipReason) {
      console.warn(`plpgsql_check test skipped: ${skipReason}`);
      ctx.skip();
    }
    const c = client!;
    const rows: CheckRow[] = [];
    const blocked = new Map<string, Set<string>>();
    const builtins = new Map<string, Set<string>>();
    const protectedTxn = new Map<string, Set<string>>();
    let routines = 0;
    let triggerFns = 0;
    const cases = listCases().filter((k) => k.name.startsWith('plsql/'));
    expect(cases.length).toBeGreaterThanOrEqual(80);
    const sources: { name: string; schema: string; sql: string; objects: PgObject[] }[] = cases.map(
      (k, i) => {
        // As the golden test converts a case (test/golden.ts).
        const r = convertSources([{ file: 'input.sql', text: k.input }], {}, () => undefined);
        return {
          name: k.name,
          schema: `plsql_${i}`,
          sql: PHASES.map((p) => r.phases[p]).join('\n'),
          objects: r.objects,
        };
      },
    );
    const hr = convert(['examples/hr']);
    sources.push({
      name: 'examples/hr',
      schema: 'hr_example',
      sql: PHASES.map((p) => hr.phases[p]).join('\n'),
      objects: hr.objects,
    });
    for (const s of sources) {
      blocked.set(s.name, notConverted(s.objects));
      builtins.set(s.name, keptBuiltinPackages(s.objects));
      protectedTxn.set(s.name, transactionInProtectedBlock(s.objects));
      await c.query(`CREATE SCHEMA ${s.schema}; SET search_path = ${s.schema}, public`);
      try {
        await c.query(s.sql);
      } catch (e) {
        throw new Error(`${s.name}: the converted code does not apply: ${(e as Error).message}`);
      }
      rows.push(...(await checkSchema(c, s.schema, s.name)));
      const n = await countRoutines(c, s.schema);
      routines += n.routines;
      triggerFns += n.triggerFns;
      // Event triggers (converted DDL triggers) fire for every later DDL of the database: the
      // next sources are applied in other schemas, where their tables do not exist.
      await c.query(`DO $$ DECLARE e text; BEGIN FOR e IN SELECT evtname FROM pg_event_trigger LOOP EXECUTE format('DROP EVENT TRIGGER %I', e); END LOOP; END $$`);
    }
    await c.query('RESET search_path');

    // A call to a routine that was deliberately not converted (its finding says why).
    const isBlocked = (r: CheckRow) => {
      const m = /^(?:procedure|function) (?:\w+\.)?(\w+)\(.*\) does not exist$/.exec(r.message);
      return !!m && !!blocked.get(r.source)?.has(m[1]);
    };
    // A call of a built-in package function with no equivalent, kept as written and reported.
    const isKeptBuiltin = (r: CheckRow) => {
      // PKG.F(…) reads as a schema-qualified call, PKG.F without parentheses as table.column.
      const m = /^schema "(\w+)" does not exist$/.exec(r.message) ?? /^missing FROM-clause entry for table "(\w+)"$/.exec(r.message);
      return !!m && !!builtins.get(r.source)?.has(m[1]);
    };
    // COMMIT / ROLLBACK that stays inside a block with an EXCEPTION section (reported as an error).
    const isProtectedTxn = (r: CheckRow) => r.sqlstate === '2D000' && !!protectedTxn.get(r.source)?.has(r.routine.split('(')[0].split('.').pop()!);
    const known = (r: CheckRow) => isBlocked(r) || isKeptBuiltin(r) || isProtectedTxn(r);
    const errors = rows.filter((r) => r.level === 'error' && !known(r));
    const blockedErrors = rows.filter((r) => r.level === 'error' && known(r));
    const warnings = rows.filter((r) => r.level !== 'error');
    const fmt = (r: CheckRow) =>
      `  ${r.source}: ${r.routine}${r.relation ? ` on ${r.relation}` : ''}${r.lineno ? ` line ${r.lineno}` : ''}: [${r.level}${r.sqlstate ? ` ${r.sqlstate}` : ''}] ${r.message}`;
    console.log(
      [
        `plpgsql_check: ${routines} PL/pgSQL routines (${triggerFns} trigger functions) from ${sources.length} sources`,
        `errors: ${errors.length}`,
        ...errors.map(fmt),
        `calls to routines left NOT CONVERTED or to built-in packages kept as written, COMMIT inside a protected block (reported by their own findings): ${blockedErrors.length}`,
        ...blockedErrors.map(fmt),
        `warnings: ${warnings.length}`,
        ...warnings.map(fmt),
      ].join('\n'),
    );
    expect(errors.map(fmt)).toEqual([]);
  }, 60_000);
});
