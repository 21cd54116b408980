/**
 * A stand-in for an oracledb Connection (execute with binds and outFormat OBJECT, close) that serves
 * recorded catalog rows, and errors shaped like the ones oracledb raises. No Oracle server needed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OracleConnectionLike, OracleDriverLike } from '../src/source/oracle/connection.js';
import { OUT_FORMAT_OBJECT } from '../src/source/oracle/connection.js';
import { bindOwners, CATALOG_QUERIES, DDL_QUERY, queryTag } from '../src/source/oracle/queries.js';

export type Row = Record<string, unknown>;

export function loadRows(name: string): Record<string, Row[]> {
  return JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'catalog', name), 'utf8'));
}

/** An Oracle database error as oracledb raises it (message, errorNum, code). */
export function oraError(num: number, text: string): Error {
  const code = `ORA-${String(num).padStart(5, '0')}`;
  return Object.assign(new Error(`${code}: ${text}`), { errorNum: num, code, offset: 0 });
}

/** A thin-mode driver error (NJS-nnn). */
export function njsError(num: number, text: string): Error {
  const code = `NJS-${String(num).padStart(3, '0')}`;
  return Object.assign(new Error(`${code}: ${text}`), { code });
}

const OWNER_COLUMNS = ['OWNER', 'TABLE_OWNER', 'INDEX_OWNER', 'SEQUENCE_OWNER', 'TABLE_SCHEMA', 'USERNAME'];

export interface FakeOptions {
  /** Throw this error when the SQL reads the named view (e.g. DBA_SEGMENTS → ORA-00942). */
  failOn?: Record<string, Error>;
  /** Throw on every execute (e.g. a dropped connection). */
  failAll?: Error;
}

export interface Executed {
  tag: string;
  sql: string;
  binds: Record<string, unknown>;
  rows: number;
  roundTrips: number;
}

export class FakeOracleConnection implements OracleConnectionLike {
  readonly executed: Executed[] = [];
  closed = false;

  constructor(
    private readonly rows: Record<string, Row[]>,
    private readonly opts: FakeOptions = {},
  ) {}

  async execute(
    sql: string,
    binds: Record<string, unknown> | unknown[] = {},
    options: { outFormat?: number; fetchArraySize?: number } = {},
  ): Promise<{ rows?: unknown[] }> {
    if (this.closed) throw njsError(3, 'invalid or closed connection');
    if (this.opts.failAll) throw this.opts.failAll;
    const tag = queryTag(sql);
    if (!tag) throw oraError(900, 'invalid SQL statement');
    const b = binds as Record<string, unknown>;
    checkBinds(sql, b);
    for (const [view, err] of Object.entries(this.opts.failOn ?? {}))
      if (new RegExp(`\\b${view.replace('$', '\\$')}\\b`).test(sql)) throw err;
    if (tag === 'ddlSetup') {
      this.executed.push({ tag, sql, binds: b, rows: 0, roundTrips: 1 });
      return {};
    }
    if (options.outFormat !== OUT_FORMAT_OBJECT) throw new Error('the fake only serves outFormat OBJECT');
    const owners = Object.keys(b)
      .filter((k) => /^o\d+$/.test(k))
      .sort((x, y) => Number(x.slice(1)) - Number(y.slice(1)))
      .map((k) => String(b[k]));
    const q = [...CATALOG_QUERIES, DDL_QUERY].find((x) => x.name === tag);
    const fallback = !!q?.fallback && owners.length > 0 && sql !== bindOwners(q.sql, owners).sql;
    const source = this.rows[fallback ? `${tag}.fallback` : tag] ?? [];
    const wanted = new Set(owners);
    const out = owners.length
      ? source.filter((r) => {
          const keys = OWNER_COLUMNS.filter((c) => c in r);
          return keys.length === 0 || keys.some((c) => wanted.has(String(r[c])));
        })
      : source;
    const arraySize = options.fetchArraySize ?? 100;
    const roundTrips = Math.max(1, Math.ceil(out.length / arraySize));
    this.executed.push({ tag, sql, binds: b, rows: out.length, roundTrips });
    return { rows: out.map((r) => ({ ...r })) };
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  get roundTrips(): number {
    return this.executed.reduce((n, e) => n + e.roundTrips, 0);
  }
}

/** Oracle refuses a statement whose bind names and placeholders differ (ORA-01008 / ORA-01036). */
function checkBinds(sql: string, binds: Record<string, unknown>): void {
  const code = sql.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/'(?:[^']|'')*'/g, "''");
  const used = new Set([...code.matchAll(/:(\w+)/g)].map((m) => m[1]));
  for (const u of used) if (!(u in binds)) throw oraError(1008, 'not all variables bound');
  for (const k of Object.keys(binds))
    if (!used.has(k)) throw oraError(1036, `illegal variable name/number (${k})`);
}

/** A fake oracledb module: records the attributes getConnection received. */
export function fakeDriver(
  connect: (attrs: Record<string, unknown>) => OracleConnectionLike | Error,
): OracleDriverLike & { calls: Record<string, unknown>[] } {
  const calls: Record<string, unknown>[] = [];
  return {
    calls,
    async getConnection(attrs) {
      calls.push(attrs);
      const r = connect(attrs);
      if (r instanceof Error) throw r;
      return r;
    },
  };
}
