/**
 * Applies units in plan order, each in its own savepoint, so one failure never hides the rest.
 * Routines are created with check_function_bodies = off (calls between them, and to objects
 * created later, need no order) and their bodies are validated once everything exists. Objects
 * that failed because something they need did not exist yet get one more try at the end.
 */
import { asDbError, type DbError, type Session } from './engine.js';
import type { Plan } from './order.js';
import { SourceMap } from './source-map.js';
import { charPositionToIndex, type RoutineDef } from './sqlinfo.js';
import type { EmittedLocation, RoutineCheck, VerifyError, VerifyObjectResult } from './types.js';
import type { Unit } from './units.js';

/** undefined_table, undefined_function, undefined_object, invalid_schema_name, undefined_column. */
const MISSING_DEPENDENCY = new Set(['42P01', '42883', '42704', '3F000', '42703']);

export interface Applied {
  results: Map<Unit, VerifyObjectResult>;
  /** Routines of applied units, for validation and plpgsql_check. */
  routines: { unit: Unit; def: RoutineDef; oid: number; check: RoutineCheck }[];
}

export function newResult(u: Unit): VerifyObjectResult {
  return {
    object: u.object,
    objectType: u.objectType,
    phase: u.phase,
    status: 'skipped',
    emitted: { file: u.file, line: u.line, endLine: u.endLine },
    ...(u.source ? { source: u.source } : {}),
    attempts: 0,
    millis: 0,
  };
}

/** Offset in `u.sql` → line and column in the emitted file. */
export function emittedAt(u: Unit, index: number): EmittedLocation {
  const before = u.sql.slice(0, Math.max(0, Math.min(index, u.sql.length)));
  const nl = before.lastIndexOf('\n');
  let line = u.line;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  return { file: u.file, line, column: before.length - nl };
}

/** Index of the first statement in the unit (after the header comments). */
export function statementStart(u: Unit): number {
  return /^(?:\s*--[^\n]*\n)*\s*/.exec(u.sql)?.[0].length ?? 0;
}

/** Line `bodyLine` of a routine body (PL/pgSQL numbering: 1 = the line of the opening quote). */
export function bodyLineAt(u: Unit, bodyIndex: number | undefined, bodyLine: number): EmittedLocation {
  if (bodyIndex === undefined) return emittedAt(u, statementStart(u));
  const start = emittedAt(u, bodyIndex);
  const line = start.line + bodyLine - 1;
  const text = u.sql.split('\n')[line - u.line] ?? '';
  return { file: u.file, line, column: text.length - text.trimStart().length + 1 };
}

/** Maps a server error to the emitted file line and the Oracle source. */
export function mapError(u: Unit, e: DbError, sources?: SourceMap): VerifyError {
  const out: VerifyError = { sqlstate: e.code, message: e.message };
  if (e.detail) out.detail = e.detail;
  if (e.hint) out.hint = e.hint;
  if (e.where) out.context = e.where;
  if (e.internalQuery) out.query = e.internalQuery;
  let emitted: EmittedLocation | undefined;
  let index: number | undefined;
  if (e.position) index = charPositionToIndex(u.sql, e.position);
  else if (e.internalQuery && e.internalPosition) {
    const at = u.sql.indexOf(e.internalQuery);
    if (at >= 0) index = at + charPositionToIndex(e.internalQuery, e.internalPosition);
  }
  if (index !== undefined) emitted = emittedAt(u, index);
  if (!emitted && e.where) {
    // PL/pgSQL: "PL/pgSQL function f(integer) line 4 at …" / "compilation of PL/pgSQL function "f" near line 3"
    const m = /function "?([^"(\s]+)"?(?:\([^)]*\))? (?:near )?line (\d+)/.exec(e.where);
    if (m) {
      const name = m[1].split('.').pop();
      const r = u.info.routines.find((x) => x.name === name) ?? u.info.routines[0];
      if (r) emitted = bodyLineAt(u, r.bodyIndex, Number(m[2]));
    }
  }
  out.emitted = emitted ?? emittedAt(u, statementStart(u));
  const refined = index !== undefined ? sources?.locate(u, index) : undefined;
  if (refined) {
    out.source = refined;
    out.sourcePrecision = 'token';
  } else if (u.source) {
    out.source = u.source;
    out.sourcePrecision = 'statement';
  }
  return out;
}

async function tryUnit(s: Session, u: Unit): Promise<DbError | undefined> {
  await s.exec('SAVEPOINT orapg_verify');
  try {
    await s.exec(u.sql);
    await s.exec('RELEASE SAVEPOINT orapg_verify');
    return undefined;
  } catch (e) {
    const err = asDbError(e);
    if (!err) throw e;
    await s.exec('ROLLBACK TO SAVEPOINT orapg_verify; RELEASE SAVEPOINT orapg_verify');
    return err;
  }
}

export type Progress = (event: { unit: Unit; result: VerifyObjectResult }) => void;

export async function applyPlan(
  s: Session,
  units: Unit[],
  plan: Plan,
  onProgress?: Progress,
): Promise<Applied> {
  const results = new Map<Unit, VerifyObjectResult>();
  for (const u of units) {
    const r = newResult(u);
    if (u.kind !== 'sql') r.skipReason = u.kind;
    if (!u.info.parsed && u.info.error) r.precheckError = u.info.error.message;
    if (plan.outOfOrder.has(u)) r.outOfOrder = true;
    results.set(u, r);
  }
  await s.exec('SET LOCAL check_function_bodies = off; SET LOCAL client_min_messages = warning');
  const errors = new Map<Unit, DbError>();
  const sources = new SourceMap(units);
  let applyOrder = 0;
  for (const u of plan.order) {
    const r = results.get(u)!;
    const t = performance.now();
    const err = await tryUnit(s, u);
    r.millis = Math.round(performance.now() - t);
    r.attempts = 1;
    r.applyOrder = ++applyOrder;
    r.status = err ? 'failed' : 'applied';
    if (err) errors.set(u, err);
    else onProgress?.({ unit: u, result: r });
  }
  // Retry what failed for want of an object, as long as retries make progress.
  for (let progress = true; progress; ) {
    progress = false;
    for (const u of plan.order) {
      const first = errors.get(u);
      if (!first || !MISSING_DEPENDENCY.has(first.code)) continue;
      const r = results.get(u)!;
      const err = await tryUnit(s, u);
      r.attempts++;
      if (err) {
        errors.set(u, err);
        continue;
      }
      errors.delete(u);
      r.status = 'applied';
      r.applyOrder = ++applyOrder;
      r.outOfOrder = true;
      progress = true;
    }
  }
  for (const [u, err] of errors) {
    const r = results.get(u)!;
    r.stage = 'apply';
    r.error = mapError(u, err, sources);
    const blockedBy = (plan.deps.get(u) ?? []).filter((d) => errors.has(d)).map((d) => d.object);
    if (blockedBy.length) r.blockedBy = blockedBy;
    onProgress?.({ unit: u, result: r });
  }
  const routines = await validateRoutines(
    s,
    plan.order.filter((u) => !errors.has(u)),
    results,
    sources,
  );
  return { results, routines };
}

interface ProcRow {
  oid: number;
  sig: string;
  lang: string;
  validator: string;
  kind: string;
  trig: boolean;
}

/** Finds the routines each applied unit created and validates their bodies with check_function_bodies = on. */
async function validateRoutines(
  s: Session,
  applied: Unit[],
  results: Map<Unit, VerifyObjectResult>,
  sources: SourceMap,
): Promise<Applied['routines']> {
  const out: Applied['routines'] = [];
  const withRoutines = applied.filter((u) => u.info.routines.length);
  if (!withRoutines.length) return out;
  await s.exec('SET LOCAL check_function_bodies = on');
  const seen = new Set<number>();
  for (const u of withRoutines) {
    const r = results.get(u)!;
    r.routines = [];
    for (const def of u.info.routines) {
      const rows = await s.query<ProcRow>(
        `select p.oid::int8::float8 as oid, p.oid::regprocedure::text as sig, l.lanname::text as lang,
                case when l.lanvalidator = 0 then '' else l.lanvalidator::regproc::text end as validator,
                p.prokind::text as kind, p.prorettype = 'trigger'::regtype as trig
           from pg_proc p join pg_language l on l.oid = p.prolang
          where p.proname = $1 and p.pronamespace = coalesce(to_regnamespace($2), to_regnamespace(current_schema()))
          order by p.oid`,
        [def.name, def.schema ?? null],
      );
      for (const row of rows) {
        const oid = Number(row.oid);
        if (seen.has(oid)) continue;
        seen.add(oid);
        const check: RoutineCheck = {
          name: row.sig,
          kind: row.kind === 'p' ? 'procedure' : row.trig ? 'trigger function' : 'function',
          language: row.lang,
          validated: 'skipped',
          deepCheck: 'skipped',
          issues: [],
        };
        r.routines.push(check);
        out.push({ unit: u, def, oid, check });
        if (!row.validator) continue;
        await s.exec('SAVEPOINT orapg_verify');
        try {
          await s.query(`select ${row.validator}($1::oid)`, [oid]);
          await s.exec('RELEASE SAVEPOINT orapg_verify');
          check.validated = 'ok';
        } catch (e) {
          const err = asDbError(e);
          if (!err) throw e;
          await s.exec('ROLLBACK TO SAVEPOINT orapg_verify; RELEASE SAVEPOINT orapg_verify');
          check.validated = 'failed';
          if (r.status !== 'failed') {
            r.status = 'failed';
            r.stage = 'validate';
            r.error = mapError(u, err, sources);
          }
        }
      }
    }
  }
  return out;
}
