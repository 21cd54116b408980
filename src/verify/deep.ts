/**
 * Deep check of PL/pgSQL routines with the plpgsql_check extension (server only): errors that
 * CREATE FUNCTION does not see, such as a column that does not exist in a body's query.
 */

import { type Applied, bodyLineAt, emittedAt, statementStart } from './apply.js';
import { asDbError, type Session } from './engine.js';
import type { DeepCheckIssue, VerifyResult } from './types.js';

export type DeepCheckSummary = VerifyResult['deepCheck'];

/** Makes plpgsql_check usable in the session; returns its schema and version, or why not. */
async function enable(
  s: Session,
): Promise<{ schema: string; version: string; created: boolean } | { reason: string }> {
  if (s.engine === 'pglite')
    return { reason: 'plpgsql_check is not available in embedded PGlite; use --pg-url' };
  const installed = await s.query<{ schema: string; version: string }>(
    `select extnamespace::regnamespace::text as schema, extversion as version from pg_extension where extname = 'plpgsql_check'`,
  );
  if (installed.length) return { ...installed[0], created: false };
  const available = await s.query(`select 1 from pg_available_extensions where name = 'plpgsql_check'`);
  if (!available.length)
    return {
      reason: 'the plpgsql_check extension is not installed on the server (e.g. postgresql-15-plpgsql-check)',
    };
  await s.exec('SAVEPOINT orapg_verify');
  try {
    await s.exec('CREATE EXTENSION plpgsql_check');
    await s.exec('RELEASE SAVEPOINT orapg_verify');
  } catch (e) {
    const err = asDbError(e);
    if (!err) throw e;
    await s.exec('ROLLBACK TO SAVEPOINT orapg_verify; RELEASE SAVEPOINT orapg_verify');
    return { reason: `CREATE EXTENSION plpgsql_check failed: ${err.message}` };
  }
  const [row] = await s.query<{ schema: string; version: string }>(
    `select extnamespace::regnamespace::text as schema, extversion as version from pg_extension where extname = 'plpgsql_check'`,
  );
  return { ...row, created: true };
}

interface CheckRow {
  lineno: number | null;
  statement: string | null;
  sqlstate: string | null;
  message: string;
  detail: string | null;
  hint: string | null;
  level: string;
  query: string | null;
}

/** Runs plpgsql_check on every PL/pgSQL routine; trigger functions once per table they fire on. */
export async function deepCheck(s: Session, applied: Applied, inPlace: boolean): Promise<DeepCheckSummary> {
  const summary: DeepCheckSummary = { available: false, checked: 0, errors: 0, warnings: 0 };
  const ext = await enable(s);
  if ('reason' in ext) {
    summary.reason = ext.reason;
    for (const r of applied.routines) r.check.deepCheckReason = ext.reason;
    return summary;
  }
  summary.available = true;
  summary.version = ext.version;
  const fn = `${ext.schema}.plpgsql_check_function_tb`; // regnamespace text is already quoted
  for (const { unit, oid, check, def } of applied.routines) {
    if (check.language !== 'plpgsql') {
      check.deepCheckReason = `${check.language} routine (plpgsql_check checks PL/pgSQL only)`;
      continue;
    }
    if (check.validated === 'failed') {
      check.deepCheckReason = 'the body does not validate';
      continue;
    }
    let relids: (number | null)[] = [null];
    if (check.kind === 'trigger function') {
      const rows = await s.query<{ relid: number }>(
        'select distinct tgrelid::int8::float8 as relid from pg_trigger where tgfoid = $1::oid and not tgisinternal order by 1',
        [oid],
      );
      relids = rows.map((r) => Number(r.relid));
      if (!relids.length) {
        check.deepCheckReason = 'trigger function not attached to a trigger (plpgsql_check needs the table)';
        continue;
      }
    }
    const seen = new Set<string>();
    for (const relid of relids) {
      await s.exec('SAVEPOINT orapg_verify');
      let rows: CheckRow[];
      try {
        rows = await s.query<CheckRow>(
          `select lineno, statement, sqlstate, message, detail, hint, level, query
             from ${fn}($1::oid::regprocedure, coalesce($2::oid, 0)::regclass, fatal_errors => false)`,
          [oid, relid],
        );
        await s.exec('RELEASE SAVEPOINT orapg_verify');
      } catch (e) {
        const err = asDbError(e);
        if (!err) throw e;
        await s.exec('ROLLBACK TO SAVEPOINT orapg_verify; RELEASE SAVEPOINT orapg_verify');
        rows = [
          {
            lineno: null,
            statement: null,
            sqlstate: err.code,
            message: err.message,
            detail: null,
            hint: null,
            level: 'error',
            query: null,
          },
        ];
      }
      for (const row of rows) {
        const k = `${row.lineno}|${row.level}|${row.message}`;
        if (seen.has(k)) continue;
        seen.add(k);
        const issue: DeepCheckIssue = { level: row.level, message: row.message };
        if (row.sqlstate) issue.sqlstate = row.sqlstate;
        if (row.detail) issue.detail = row.detail;
        if (row.hint) issue.hint = row.hint;
        if (row.statement) issue.statement = row.statement;
        if (row.query) issue.query = row.query;
        if (row.lineno) issue.bodyLine = row.lineno;
        issue.emitted = row.lineno
          ? bodyLineAt(unit, def.bodyIndex, row.lineno)
          : emittedAt(unit, statementStart(unit));
        if (unit.source) issue.source = unit.source;
        check.issues.push(issue);
        if (row.level === 'error') summary.errors++;
        else summary.warnings++;
      }
    }
    check.deepCheck = check.issues.length ? 'issues' : 'ok';
    summary.checked++;
  }
  if (ext.created && inPlace) await s.exec('DROP EXTENSION plpgsql_check');
  return summary;
}
