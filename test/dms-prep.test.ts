/**
 * orapg pg prep on the PostgreSQL 15 server: privileges checked independently with
 * has_*_privilege, then by logging in as each role; a second run changes nothing; the password
 * never appears in the dry-run output.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';

const admin = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };
const tag = `${process.pid}_${Date.now() % 100000}`;
const dbName = `orapg_prep_${tag}`;
const owner = `prep_owner_${tag}`;
const dms = `prep_dms_${tag}`;
const app = `prep_app_${tag}`;
const PASSWORD = "It's-a-Secret-42";
let available = false;

async function q(
  sql: string,
  params: unknown[] = [],
  conn: pg.ClientConfig = { ...admin, database: dbName },
) {
  const c = new pg.Client(conn);
  await c.connect();
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
}

async function orapg(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['node', 'orapg', ...args], { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const prepArgs = () => [
  'pg',
  'prep',
  '--url',
  `postgres://postgres@127.0.0.1:5432/${dbName}`,
  '--schema',
  'sales',
  '--owner',
  owner,
  '--dms-user',
  dms,
  '--app-user',
  app,
  '--dms-password-env',
  'ORAPG_PREP_PW',
];

beforeAll(async () => {
  try {
    await q(`CREATE DATABASE ${dbName}`, [], admin);
    available = true;
  } catch (e) {
    console.warn(`PostgreSQL not reachable, pg prep test skipped: ${(e as Error).message}`);
  }
  process.env.ORAPG_PREP_PW = PASSWORD;
});

afterAll(async () => {
  if (!available) return;
  await q(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`, [], admin);
  for (const r of [owner, dms, app])
    if ((await q('SELECT 1 FROM pg_roles WHERE rolname = $1', [r], admin)).length) {
      await q(`DROP OWNED BY ${r} CASCADE`, [], admin);
      await q(`DROP ROLE ${r}`, [], admin);
    }
});

describe('orapg pg prep (PostgreSQL 15)', () => {
  it('dry run prints the SQL with the password masked and changes nothing', async (ctx) => {
    if (!available) ctx.skip();
    const r = await orapg(...prepArgs(), '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`ALTER ROLE ${dms} WITH LOGIN PASSWORD '********'`);
    expect(r.out).toContain(`GRANT SET ON PARAMETER session_replication_role TO ${dms}`);
    expect(r.out + r.err).not.toContain('Secret-42');
    expect(await q('SELECT 1 FROM pg_roles WHERE rolname = $1', [dms])).toEqual([]);
  });

  it('creates least-privilege roles, verified by privilege functions and by logging in', async (ctx) => {
    if (!available) ctx.skip();
    const first = await orapg(...prepArgs());
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out + first.err).not.toContain('Secret-42');

    // Tables the owner creates after the prep are covered by default privileges.
    await q(
      `SET ROLE ${owner}; CREATE TABLE sales.orders (id int PRIMARY KEY, total numeric); CREATE SEQUENCE sales.orders_seq`,
    );
    const [p] = await q(
      `SELECT has_schema_privilege($1, 'sales', 'USAGE') AS dms_usage, has_schema_privilege($1, 'sales', 'CREATE') AS dms_create,
              has_table_privilege($1, 'sales.orders', 'INSERT,UPDATE,DELETE,TRUNCATE') AS dms_dml,
              has_parameter_privilege($1, 'session_replication_role', 'SET') AS dms_srr,
              has_database_privilege($1, current_database(), 'CREATE') AS dms_dbcreate,
              has_schema_privilege($2, 'sales', 'CREATE') AS app_create,
              has_table_privilege($2, 'sales.orders', 'TRUNCATE') AS app_truncate,
              has_table_privilege($2, 'sales.orders', 'SELECT,INSERT,UPDATE,DELETE') AS app_dml,
              has_sequence_privilege($2, 'sales.orders_seq', 'USAGE') AS app_seq,
              has_parameter_privilege($2, 'session_replication_role', 'SET') AS app_srr,
              has_schema_privilege($1, 'awsdms_control', 'USAGE,CREATE') AS dms_control,
              (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'sales') AS owner`,
      [dms, app],
    );
    expect(p).toEqual({
      dms_usage: true,
      dms_create: false,
      dms_dml: true,
      dms_srr: true,
      dms_dbcreate: false,
      app_create: false,
      app_truncate: false,
      app_dml: true,
      app_seq: true,
      app_srr: false,
      dms_control: true,
      owner,
    });

    // As the DMS user: replica mode and loading work, creating tables in a data schema does not.
    const asDms = { ...admin, database: dbName, user: dms };
    const c = new pg.Client(asDms);
    await c.connect();
    await c.query('SET session_replication_role = replica');
    await c.query('INSERT INTO orders VALUES (1, 9.5)');
    const rows = (
      await c.query(`SELECT current_setting('search_path') AS sp, count(*)::int AS n FROM sales.orders`)
    ).rows;
    await c.end();
    expect(rows).toEqual([{ sp: 'sales', n: 1 }]);
    await expect(q('CREATE TABLE sales.dms_made (x int)', [], asDms)).rejects.toThrow(
      /permission denied for schema sales/,
    );
    await expect(q('CREATE TABLE awsdms_control.awsdms_status_probe (x int)', [], asDms)).resolves.toEqual(
      [],
    );
    // As the application user: no replica mode.
    await expect(
      q('SET session_replication_role = replica', [], { ...admin, database: dbName, user: app }),
    ).rejects.toThrow(/permission denied to set parameter/);

    // A second run is a no-op that still verifies clean.
    const second = await orapg(...prepArgs());
    expect(second.code).toBe(0);
    expect(second.out).not.toMatch(/\[ \]/);
  });
});
