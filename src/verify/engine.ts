/**
 * Where verify applies objects: embedded PGlite (default), or a PostgreSQL server through `pg` in a
 * scratch database (created and dropped), a scratch schema (when the role may not create
 * databases), or the URL's database itself with --in-place.
 *
 * Everything runs in one transaction. Outside --in-place it is rolled back at the end, so nothing
 * verify created survives — not even cluster-wide roles created by the scripts.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Masker } from './mask.js';
import type { VerifyTarget } from './types.js';

export interface Session {
  readonly engine: 'pglite' | 'postgres';
  /** Runs one or more statements (simple query protocol). */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Target {
  session: Session;
  info: VerifyTarget;
  /** Ends the transaction (commit only for --in-place), drops the scratch database, closes connections. */
  finish(commit: boolean): Promise<void>;
}

export interface TargetOptions {
  pgUrl?: string;
  inPlace?: boolean;
  /** Scratch kind on a server; default database, falling back to schema when CREATE DATABASE is denied. */
  scratch?: 'database' | 'schema';
  /** An existing PGlite instance (everything is rolled back; the instance is left open). */
  pglite?: PGlite;
  /** Schemas the scripts create or use; a scratch schema refuses to run when one of them exists. */
  schemasUsed?: string[];
}

/** A PostgreSQL error reported by the server (as opposed to a connection or client failure). */
export interface DbError {
  code: string;
  message: string;
  position?: number;
  internalPosition?: number;
  internalQuery?: string;
  detail?: string;
  hint?: string;
  where?: string;
}

export function asDbError(e: unknown): DbError | undefined {
  const x = e as Record<string, unknown> | undefined;
  if (!x || typeof x !== 'object' || typeof x.code !== 'string' || !/^[0-9A-Z]{5}$/.test(x.code))
    return undefined;
  if (x.severity === undefined && !('position' in x)) return undefined;
  const num = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : Number(v));
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const out: DbError = { code: x.code, message: String(x.message ?? '') };
  const position = num(x.position);
  const internalPosition = num(x.internalPosition);
  if (position) out.position = position;
  if (internalPosition) out.internalPosition = internalPosition;
  for (const k of ['internalQuery', 'detail', 'hint', 'where'] as const) {
    const v = str(x[k]);
    if (v) out[k] = v;
  }
  return out;
}

class PgliteSession implements Session {
  readonly engine = 'pglite' as const;
  constructor(readonly db: PGlite) {}
  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }
  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.query<T>(sql, params)).rows;
  }
}

class PgSession implements Session {
  readonly engine = 'postgres' as const;
  constructor(readonly client: pg.Client) {}
  async exec(sql: string): Promise<void> {
    await this.client.query(sql);
  }
  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query(sql, params)).rows as T[];
  }
}

async function versionOf(s: Session): Promise<{ serverVersion: string; serverVersionNum: number }> {
  const [v] = await s.query<{ v: string; n: string }>(
    `select current_setting('server_version') as v, current_setting('server_version_num') as n`,
  );
  return { serverVersion: v.v.split(' ')[0], serverVersionNum: Number(v.n) };
}

export async function openTarget(opts: TargetOptions, masker: Masker): Promise<Target> {
  if (!opts.pgUrl) {
    if (opts.inPlace)
      throw new Error('--in-place needs --pg-url (the embedded PGlite database is thrown away)');
    return openPglite(opts.pglite);
  }
  if (!/^postgres(ql)?:\/\//i.test(opts.pgUrl))
    throw new Error(`--pg-url must be a postgres:// or postgresql:// URL, got ${masker.text(opts.pgUrl)}`);
  if (opts.inPlace) return openServer(opts.pgUrl, 'in-place', masker);
  if (opts.scratch === 'schema') return openServer(opts.pgUrl, 'scratch-schema', masker, opts.schemasUsed);
  try {
    return await openServer(opts.pgUrl, 'scratch-database', masker);
  } catch (e) {
    if (opts.scratch === 'database' || asDbError(e)?.code !== '42501') throw e;
    return openServer(opts.pgUrl, 'scratch-schema', masker, opts.schemasUsed);
  }
}

async function openPglite(existing?: PGlite): Promise<Target> {
  const db = existing ?? new PGlite();
  await db.waitReady;
  const session = new PgliteSession(db);
  await session.exec('BEGIN');
  const info: VerifyTarget = {
    engine: 'pglite',
    ...(await versionOf(session)),
    mode: 'embedded',
    cleanedUp: false,
  };
  return {
    session,
    info,
    finish: async () => {
      await session.exec('ROLLBACK').catch(() => {});
      if (!existing) await db.close();
      info.cleanedUp = true;
    },
  };
}

function scratchName(): string {
  return `orapg_verify_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
}

async function connect(url: string, masker: Masker): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 15_000 });
  client.on('error', () => {}); // a dropped connection surfaces on the next query
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => {});
    const db = asDbError(e);
    if (db)
      throw Object.assign(masker.error(e, 'cannot connect to PostgreSQL: '), {
        code: db.code,
        severity: 'FATAL',
      });
    throw masker.error(e, 'cannot connect to PostgreSQL: ');
  }
  return client;
}

async function openServer(
  url: string,
  mode: 'scratch-database' | 'scratch-schema' | 'in-place',
  masker: Masker,
  schemasUsed: string[] = [],
): Promise<Target> {
  const first = await connect(url, masker);
  const info: VerifyTarget = {
    engine: 'postgres',
    serverVersion: '',
    serverVersionNum: 0,
    url: masker.text(url),
    mode,
    cleanedUp: false,
  };
  let client = first;
  let admin: pg.Client | undefined;
  const name = mode === 'in-place' ? undefined : scratchName();
  try {
    if (mode === 'scratch-database') {
      await first.query(`CREATE DATABASE ${name}`);
      admin = first;
      info.scratchName = name;
      const u = new URL(url);
      u.pathname = `/${name}`;
      client = await connect(u.toString(), masker);
    }
    const session = new PgSession(client);
    Object.assign(info, await versionOf(session));
    await session.exec('BEGIN');
    if (mode === 'scratch-schema') {
      const existing = await session.query<{ nspname: string }>(
        'select nspname from pg_namespace where nspname = any($1::text[])',
        [schemasUsed],
      );
      if (existing.length)
        throw new Error(
          `a scratch schema cannot isolate objects in existing schema(s) ${existing.map((r) => r.nspname).join(', ')}; use a role that may CREATE DATABASE, or --in-place`,
        );
      await session.exec(
        `CREATE SCHEMA ${name}; SELECT set_config('search_path', '${name}, ' || current_setting('search_path'), true)`,
      );
      info.scratchName = name;
    }
    return {
      session,
      info,
      finish: async (commit: boolean) => {
        try {
          await session.exec(commit && mode === 'in-place' ? 'COMMIT' : 'ROLLBACK');
        } finally {
          await client.end().catch(() => {});
          if (admin && name) {
            await dropDatabase(admin, name);
            await admin.end().catch(() => {});
          }
          info.cleanedUp = mode !== 'in-place';
        }
      },
    };
  } catch (e) {
    if (client !== first) await client.end().catch(() => {});
    if (admin && name) await dropDatabase(admin, name).catch(() => {});
    await first.end().catch(() => {});
    throw e;
  }
}

/** DROP DATABASE … WITH (FORCE) (PostgreSQL 13+), plain DROP on older servers. */
async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } catch (e) {
    if (asDbError(e)?.code !== '42601') throw e;
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  }
}
