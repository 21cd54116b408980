/**
 * Shared parts of the corpus scripts (corpus-report.ts, corpus-code.ts): a scratch PostgreSQL
 * database, applying one converted object per savepoint, attributing the PL/pgSQL routines an
 * object created, plpgsql_check, statement kinds, and "top reasons" tallies.
 *
 * Needs PostgreSQL on 127.0.0.1:5432, user postgres, trust auth (override with PG* env vars), and
 * the plpgsql_check extension available on the server.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { PgObject } from '../src/ast/pg.js';
import { printObject } from '../src/convert/index.js';
import type { SourceLocation } from '../src/findings/types.js';
import { classify } from '../src/parser/statement.js';
import { leadingWords } from '../src/source/script.js';

// ── converted objects ─────────────────────────────────────────────────

/** True when the printed SQL has nothing but comments and whitespace. */
export function onlyComments(sql: string): boolean {
  return (
    sql
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/--[^\n]*/g, '')
      .trim() === ''
  );
}

/**
 * What the converter emitted for an object: SQL, only a comment (the Oracle text kept as a
 * NOT CONVERTED block), or nothing at all (an object with no nodes, e.g. a package body without
 * state, whose members are separate objects).
 */
export type Emission = 'sql' | 'commented' | 'empty';

export function emissionOf(o: PgObject): { status: Emission; sql: string } {
  const sql = printObject(o);
  if (!o.nodes.length || !sql) return { status: 'empty', sql: '' };
  return { status: onlyComments(sql) ? 'commented' : 'sql', sql };
}

/** Finding IDs that keep a unit commented out (the converter's reasons for not emitting it). */
export const BLOCKING_FINDINGS = new Set([
  'OPG-PLSQL-0002',
  'OPG-PLSQL-0010',
  'OPG-EXPR-0004',
  'OPG-DML-0002',
  'OPG-VIEW-0002',
]);

export function locKey(l: SourceLocation | undefined): string {
  return l ? `${l.file}:${l.line}:${l.column}` : '?';
}

export function fmtLoc(l: SourceLocation | undefined): string {
  return l ? `${l.file}:${l.line}:${l.column}` : '?';
}

// ── statement kinds ───────────────────────────────────────────────────

const RULE_KIND: Record<string, string> = {
  createTable: 'TABLE',
  createIndex: 'INDEX',
  createSequence: 'SEQUENCE',
  createView: 'VIEW',
  createSynonym: 'SYNONYM',
  commentOn: 'COMMENT',
  grant: 'GRANT',
  revoke: 'REVOKE',
  createUser: 'USER',
  createRole: 'ROLE',
  alterTable: 'ALTER TABLE',
  drop: 'DROP',
  selectStatement: 'SELECT',
  insert: 'INSERT',
  update: 'UPDATE',
  deleteStmt: 'DELETE',
  merge: 'MERGE',
  commitStmt: 'COMMIT',
  rollbackStmt: 'ROLLBACK',
  savepointStmt: 'SAVEPOINT',
  truncate: 'TRUNCATE',
  lockTable: 'LOCK TABLE',
  callStmt: 'CALL',
};

/** Kind of a statement from its first words: PACKAGE BODY, TABLE, GRANT, CREATE CONTEXT, … */
export function statementKind(text: string): { kind: string; plsql: boolean } {
  const words = leadingWords(text, 8);
  const c = classify(words);
  if (c.kind === 'plsql') return { kind: c.unitKind, plsql: true };
  if (c.kind === 'rule') {
    // CREATE MATERIALIZED VIEW goes through the view rule.
    if (c.rule === 'createView' && words.includes('MATERIALIZED'))
      return { kind: 'MATERIALIZED VIEW', plsql: false };
    return { kind: RULE_KIND[c.rule] ?? c.rule, plsql: false };
  }
  return { kind: c.what || (words[0] ?? '?'), plsql: false };
}

// ── text helpers ──────────────────────────────────────────────────────

const fileLines = new Map<string, string[]>();

/** One line of a source file (1-based), trimmed; '' when unreadable. */
export function sourceLine(path: string, line: number): string {
  let lines = fileLines.get(path);
  if (!lines) {
    try {
      lines = readFileSync(path, 'utf8').split(/\r?\n/);
    } catch {
      lines = [];
    }
    fileLines.set(path, lines);
  }
  return (lines[line - 1] ?? '').trim();
}

export function clip(s: string, n = 110): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/** The line of `text` that contains 1-based character `pos`. */
export function lineAt(text: string, pos: number): string {
  if (!Number.isFinite(pos) || pos < 1) return '';
  const start = text.lastIndexOf('\n', pos - 1) + 1;
  const end = text.indexOf('\n', pos - 1);
  return text.slice(start, end < 0 ? text.length : end).trim();
}

export function pct(n: number, d: number): string {
  return d ? `${((100 * n) / d).toFixed(1)}%` : '-';
}

/** Left-aligned first column, right-aligned others. */
export function textTable(header: string[], rows: (string | number)[][]): string {
  const all = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '))
    .join('\n');
}

/** Message with quoted names replaced, so "relation "x" does not exist" groups across objects. */
export function normalizeNames(msg: string): string {
  return msg.replace(/"[^"]*"/g, '"…"');
}

// ── tallies of reasons ────────────────────────────────────────────────

export interface Example {
  object: string;
  location: string;
  /** The construct: the failing statement text, source line or message. */
  text: string;
}

export class Reasons {
  private readonly map = new Map<string, { count: number; examples: Example[]; seen: Set<string> }>();

  /** Counts `key` once per `unit` (a unit with the same reason twice counts once). */
  add(key: string, unit: string, example: Example): void {
    let r = this.map.get(key);
    if (!r) {
      r = { count: 0, examples: [], seen: new Set() };
      this.map.set(key, r);
    }
    if (r.seen.has(unit)) return;
    r.seen.add(unit);
    r.count++;
    if (r.examples.length < 2) r.examples.push(example);
  }

  get size(): number {
    return this.map.size;
  }

  top(n: number): { reason: string; count: number; examples: Example[] }[] {
    return [...this.map]
      .map(([reason, r]) => ({ reason, count: r.count, examples: r.examples }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
      .slice(0, n);
  }
}

export function printReasons(title: string, reasons: Reasons, n: number, unitWord = 'units'): void {
  console.log(
    `\n## ${title} (${reasons.size} distinct; top ${Math.min(n, reasons.size)}, counted in ${unitWord})`,
  );
  for (const r of reasons.top(n)) {
    console.log(`${String(r.count).padStart(5)}  ${r.reason}`);
    for (const e of r.examples)
      console.log(`         e.g. ${e.object} @ ${e.location}${e.text ? `: ${clip(e.text, 150)}` : ''}`);
  }
}

// ── scratch database ──────────────────────────────────────────────────

export interface Scratch {
  admin: pg.Client;
  db: pg.Client;
  name: string;
  version: string;
  plpgsqlCheck: string;
}

export async function openScratch(tag: string): Promise<Scratch> {
  const conn = {
    host: process.env.PGHOST ?? '127.0.0.1',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.PGUSER ?? 'postgres',
  };
  const name = `orapg_${tag}_${process.pid}`;
  const admin = new pg.Client({ ...conn, database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const db = new pg.Client({ ...conn, database: name });
  await db.connect();
  // A notice per object would flood the output (DROP … IF EXISTS, implicit indexes).
  db.on('notice', () => {});
  await db.query('CREATE EXTENSION plpgsql_check');
  const version = (await db.query('SHOW server_version')).rows[0].server_version as string;
  const plpgsqlCheck = (await db.query("SELECT extversion FROM pg_extension WHERE extname = 'plpgsql_check'"))
    .rows[0].extversion as string;
  await db.query("SET statement_timeout = '60s'");
  await db.query('SET check_function_bodies = on');
  return { admin, db, name, version, plpgsqlCheck };
}

export async function dropScratch(s: Scratch): Promise<void> {
  await s.db.end().catch(() => {});
  await s.admin.query(`DROP DATABASE IF EXISTS ${s.name} WITH (FORCE)`).catch((e: Error) => {
    console.error(`could not drop ${s.name}: ${e.message}`);
  });
  await s.admin.end();
}

export interface ApplyError {
  code: string;
  message: string;
  /** DETAIL of the error, when PostgreSQL gives one. */
  detail?: string;
  /** The SQL line the error points at (statement position or PL/pgSQL internal query). */
  near: string;
}

/** Runs `sql` inside its own savepoint (the caller has an open transaction). */
export async function applyInSavepoint(db: pg.Client, sql: string): Promise<ApplyError | undefined> {
  await db.query('SAVEPOINT opg_object');
  try {
    await db.query(sql);
    await db.query('RELEASE SAVEPOINT opg_object');
    return undefined;
  } catch (e) {
    await db.query('ROLLBACK TO SAVEPOINT opg_object');
    await db.query('RELEASE SAVEPOINT opg_object');
    const err = e as Error & {
      code?: string;
      detail?: string;
      position?: string;
      internalPosition?: string;
      internalQuery?: string;
    };
    let near = '';
    if (err.internalQuery)
      near = lineAt(err.internalQuery, Number(err.internalPosition ?? 1)) || err.internalQuery;
    else if (err.position) near = lineAt(sql, Number(err.position));
    return {
      code: err.code ?? '?????',
      message: err.message,
      ...(err.detail ? { detail: err.detail } : {}),
      near,
    };
  }
}

// ── routines and plpgsql_check ────────────────────────────────────────

const ROUTINES_SQL = `
SELECT p.oid::int AS oid, p.xmin::text AS xmin
FROM pg_proc p
JOIN pg_language l ON l.oid = p.prolang
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE l.lanname = 'plpgsql' AND n.nspname NOT IN ('pg_catalog', 'information_schema')`;

/**
 * Attributes PL/pgSQL routines to the object whose SQL created or replaced them: snapshot the
 * (oid, xmin) pairs before and after each object (CREATE OR REPLACE changes xmin, not oid).
 */
export class RoutineTracker {
  private last = new Map<number, string>();
  readonly owner = new Map<number, PgObject>();

  async start(db: pg.Client): Promise<void> {
    this.last = await this.snapshot(db);
  }

  /** Call after each successfully applied object. */
  async after(db: pg.Client, o: PgObject): Promise<number[]> {
    const now = await this.snapshot(db);
    const created: number[] = [];
    for (const [oid, xmin] of now) if (this.last.get(oid) !== xmin) created.push(oid);
    for (const oid of created) this.owner.set(oid, o);
    this.last = now;
    return created;
  }

  private async snapshot(db: pg.Client): Promise<Map<number, string>> {
    const r = await db.query(ROUTINES_SQL);
    return new Map(r.rows.map((x: { oid: number; xmin: string }) => [x.oid, x.xmin]));
  }
}

export interface CheckIssue {
  level: string;
  sqlstate: string;
  message: string;
  lineno: number | null;
  /** The body line the issue is on, or the query plpgsql_check was checking. */
  text: string;
}

export interface RoutineCheck {
  oid: number;
  /** regprocedure text, e.g. ut3.f(integer) */
  name: string;
  trigger: boolean;
  /** Table a trigger function was checked against. */
  relation?: string;
  errors: CheckIssue[];
  warnings: CheckIssue[];
  /** The routine could not be checked (trigger function without a table, checker failure). */
  notChecked?: string;
}

/**
 * plpgsql_check_function_tb on one routine (fatal_errors off: every error is listed). Trigger
 * functions are checked with the table of their trigger, or `fallbackTable` when no trigger uses
 * them (the CREATE TRIGGER failed).
 */
export async function checkRoutine(
  db: pg.Client,
  oid: number,
  fallbackTable?: string,
): Promise<RoutineCheck> {
  const info = (
    await db.query(
      `SELECT p.oid::regprocedure::text AS name, p.prosrc, p.prorettype = 'trigger'::regtype AS trigger,
              (SELECT t.tgrelid::regclass::text FROM pg_trigger t WHERE t.tgfoid = p.oid ORDER BY t.oid LIMIT 1) AS rel
       FROM pg_proc p WHERE p.oid = $1`,
      [oid],
    )
  ).rows[0] as { name: string; prosrc: string; trigger: boolean; rel: string | null };
  const out: RoutineCheck = { oid, name: info.name, trigger: info.trigger, errors: [], warnings: [] };
  let relid = 0;
  if (info.trigger) {
    let rel = info.rel;
    if (!rel && fallbackTable) {
      const r = await db.query('SELECT to_regclass($1)::text AS rel', [fallbackTable]);
      rel = r.rows[0].rel;
    }
    if (!rel) {
      out.notChecked = 'trigger function without a table (its CREATE TRIGGER failed)';
      return out;
    }
    out.relation = rel;
    relid = (await db.query('SELECT $1::regclass::oid::int AS relid', [rel])).rows[0].relid;
  }
  const lines = info.prosrc.split('\n');
  await db.query('SAVEPOINT opg_check');
  try {
    const r = await db.query(
      `SELECT level, sqlstate, message, lineno, statement, query
       FROM plpgsql_check_function_tb($1::oid::regprocedure, $2::oid::regclass, fatal_errors => false)`,
      [oid, relid],
    );
    for (const row of r.rows as {
      level: string;
      sqlstate: string;
      message: string;
      lineno: number | null;
      query: string | null;
    }[]) {
      const text = row.query ? row.query : row.lineno ? (lines[row.lineno - 1] ?? '').trim() : '';
      const issue = {
        level: row.level,
        sqlstate: row.sqlstate,
        message: row.message,
        lineno: row.lineno,
        text,
      };
      (row.level === 'error' ? out.errors : out.warnings).push(issue);
    }
    await db.query('RELEASE SAVEPOINT opg_check');
  } catch (e) {
    await db.query('ROLLBACK TO SAVEPOINT opg_check');
    await db.query('RELEASE SAVEPOINT opg_check');
    out.notChecked = `plpgsql_check failed: ${(e as Error).message}`;
  }
  return out;
}

/** Table named in a CREATE TRIGGER of the object's SQL (for trigger functions whose trigger failed). */
export function triggerTable(sql: string): string | undefined {
  const m = /CREATE\s+TRIGGER\s+\S+\s+[\s\S]*?\bON\s+(\S+)\s+FOR\s+EACH/i.exec(sql);
  return m?.[1];
}
