/**
 * `orapg pg prep`: the PostgreSQL target before the DDL and the load, with least privileges:
 *  - an owner role that owns the schemas and applies the phase scripts (and the post-load step);
 *  - the DMS user: CONNECT, USAGE on the data schemas (no CREATE), DML + TRUNCATE on their tables
 *    (now and, through default privileges, tables the owner creates later), its own control schema,
 *    and the right to SET session_replication_role (GRANT SET ON PARAMETER on PostgreSQL 15+,
 *    rds_superuser on RDS/Aurora where nothing narrower exists);
 *  - an application user: USAGE, DML and sequence usage, nothing else;
 *  - search_path per role in this database.
 * Every statement is idempotent; `verifyPgPrep` checks the result with has_*_privilege queries.
 */
import { quoteIdent, quoteLiteral } from '../emit/quote.js';
import type { Check } from './cutover.js';
import type { SqlClient, SqlStep } from './post-load.js';
import { MASK } from './secrets.js';

export type PgFlavor = 'self-managed' | 'rds' | 'aurora';

export interface PgPrepOptions {
  database: string;
  schemas: string[];
  owner: string;
  dmsUser: string;
  appUser?: string;
  controlSchema: string;
  flavor: PgFlavor;
  /** server_version_num of the target. */
  serverVersion: number;
  passwords: { owner?: string; dms?: string; app?: string };
}

function roleStep(role: string, password: string | undefined): SqlStep[] {
  const r = quoteIdent(role);
  const steps: SqlStep[] = [
    {
      label: `role ${role}`,
      sql: `DO $orapg$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${quoteLiteral(role)}) THEN
    CREATE ROLE ${r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;
  END IF;
END $orapg$`,
    },
  ];
  if (password)
    steps.push({
      label: `password of ${role}`,
      sql: `ALTER ROLE ${r} WITH LOGIN PASSWORD ${quoteLiteral(password)}`,
      display: `ALTER ROLE ${r} WITH LOGIN PASSWORD '${MASK}'`,
    });
  return steps;
}

export function buildPgPrep(o: PgPrepOptions): SqlStep[] {
  const owner = quoteIdent(o.owner);
  const dms = quoteIdent(o.dmsUser);
  const app = o.appUser ? quoteIdent(o.appUser) : undefined;
  const db = quoteIdent(o.database);
  const ctl = quoteIdent(o.controlSchema);
  const steps: SqlStep[] = [
    ...roleStep(o.owner, o.passwords.owner),
    ...roleStep(o.dmsUser, o.passwords.dms),
    ...(o.appUser ? roleStep(o.appUser, o.passwords.app) : []),
  ];
  if (o.flavor !== 'self-managed')
    steps.push({ label: `${o.owner} usable by the admin user (RDS)`, sql: `GRANT ${owner} TO CURRENT_USER` });
  steps.push({
    label: 'CONNECT on the database',
    sql: `GRANT CONNECT ON DATABASE ${db} TO ${[owner, dms, app].filter(Boolean).join(', ')}`,
  });
  // The phase scripts start with CREATE SCHEMA IF NOT EXISTS, which needs CREATE on the database.
  steps.push({
    label: `${o.owner} runs the phase scripts`,
    sql: `GRANT CREATE ON DATABASE ${db} TO ${owner}`,
  });
  for (const schema of o.schemas) {
    const s = quoteIdent(schema);
    steps.push(
      { label: `schema ${schema}`, sql: `CREATE SCHEMA IF NOT EXISTS ${s} AUTHORIZATION ${owner}` },
      { label: `schema ${schema} owned by ${o.owner}`, sql: `ALTER SCHEMA ${s} OWNER TO ${owner}` },
      {
        label: `${o.dmsUser} on ${schema}`,
        sql: [
          `GRANT USAGE ON SCHEMA ${s} TO ${dms}`,
          `GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA ${s} TO ${dms}`,
          `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO ${dms}`,
        ].join(';\n'),
      },
    );
    if (app)
      steps.push({
        label: `${o.appUser} on ${schema}`,
        sql: [
          `GRANT USAGE ON SCHEMA ${s} TO ${app}`,
          `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${app}`,
          `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${app}`,
          `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
          `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${s} GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
        ].join(';\n'),
      });
  }
  steps.push(
    {
      label: `DMS control schema ${o.controlSchema}`,
      sql: `CREATE SCHEMA IF NOT EXISTS ${ctl} AUTHORIZATION ${owner}`,
    },
    {
      label: `${o.dmsUser} writes its control tables`,
      sql: [
        `GRANT USAGE, CREATE ON SCHEMA ${ctl} TO ${dms}`,
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${dms} IN SCHEMA ${ctl} GRANT SELECT ON TABLES TO ${owner}`,
      ].join(';\n'),
    },
  );
  if (o.flavor !== 'self-managed')
    steps.push({
      label: `${o.dmsUser} may set session_replication_role (rds_superuser)`,
      sql: `GRANT rds_superuser TO ${dms}`,
    });
  else if (o.serverVersion >= 150000)
    steps.push({
      label: `${o.dmsUser} may set session_replication_role`,
      sql: `GRANT SET ON PARAMETER session_replication_role TO ${dms}`,
    });
  const path = o.schemas.map(quoteIdent).join(', ');
  for (const role of [owner, dms, app].filter(Boolean))
    steps.push({
      label: `search_path of ${role}`,
      sql: `ALTER ROLE ${role} IN DATABASE ${db} SET search_path = ${path}`,
    });
  return steps;
}

async function one(db: SqlClient, sql: string): Promise<unknown> {
  const r = await db.query(sql);
  return Object.values(r.rows[0] ?? {})[0];
}

/** Checks the prepared target with PostgreSQL's privilege functions (never by trusting the script). */
export async function verifyPgPrep(db: SqlClient, o: PgPrepOptions): Promise<Check[]> {
  const checks: Check[] = [];
  const add = (name: string, ok: boolean, detail = '') => checks.push({ name, ok, detail });
  const L = quoteLiteral;
  for (const role of [o.owner, o.dmsUser, o.appUser].filter((r): r is string => !!r)) {
    const r = await db.query(
      `SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = ${L(role)}`,
    );
    const row = r.rows[0];
    add(`role ${role} exists and can log in`, !!row?.rolcanlogin);
    add(
      `role ${role} is not superuser, cannot create databases or roles`,
      !!row && !row.rolsuper && !row.rolcreatedb && !row.rolcreaterole,
    );
    add(
      `role ${role} has CONNECT`,
      (await one(db, `SELECT has_database_privilege(${L(role)}, ${L(o.database)}, 'CONNECT')`)) === true,
    );
    if (role !== o.owner)
      add(
        `role ${role} cannot create schemas`,
        (await one(db, `SELECT has_database_privilege(${L(role)}, ${L(o.database)}, 'CREATE')`)) === false,
      );
  }
  for (const schema of o.schemas) {
    const owner = await one(
      db,
      `SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = ${L(schema)}`,
    );
    add(`schema ${schema} owned by ${o.owner}`, owner === quoteIdent(o.owner), `owner ${owner ?? 'missing'}`);
    const priv = (role: string, p: string) =>
      one(db, `SELECT has_schema_privilege(${L(role)}, ${L(schema)}, ${L(p)})`);
    add(`${o.dmsUser} has USAGE on ${schema}`, (await priv(o.dmsUser, 'USAGE')) === true);
    add(`${o.dmsUser} has no CREATE on ${schema}`, (await priv(o.dmsUser, 'CREATE')) === false);
    const missing = await one(
      db,
      `SELECT count(*)::int FROM pg_tables WHERE schemaname = ${L(schema)}
          AND NOT has_table_privilege(${L(o.dmsUser)}, format('%I.%I', schemaname, tablename), 'SELECT,INSERT,UPDATE,DELETE,TRUNCATE')`,
    );
    add(`${o.dmsUser} can load every table of ${schema}`, missing === 0, `${missing} tables without DML`);
    const defaults = await one(
      db,
      `SELECT count(*)::int FROM pg_default_acl d JOIN pg_namespace n ON n.oid = d.defaclnamespace
        WHERE n.nspname = ${L(schema)} AND d.defaclrole = ${L(quoteIdent(o.owner))}::regrole AND d.defaclobjtype = 'r'
          AND array_to_string(d.defaclacl, ',') LIKE ${L(`%${o.dmsUser}=%`)}`,
    );
    add(`tables created later in ${schema} are granted to ${o.dmsUser}`, Number(defaults) > 0);
    if (o.appUser) {
      add(`${o.appUser} has USAGE on ${schema}`, (await priv(o.appUser, 'USAGE')) === true);
      add(`${o.appUser} has no CREATE on ${schema}`, (await priv(o.appUser, 'CREATE')) === false);
    }
  }
  add(
    `${o.dmsUser} has USAGE and CREATE on ${o.controlSchema}`,
    (await one(db, `SELECT has_schema_privilege(${L(o.dmsUser)}, ${L(o.controlSchema)}, 'USAGE,CREATE')`)) ===
      true,
  );
  if (o.flavor === 'self-managed' && o.serverVersion >= 150000) {
    add(
      `${o.dmsUser} may SET session_replication_role`,
      (await one(
        db,
        `SELECT has_parameter_privilege(${L(o.dmsUser)}, 'session_replication_role', 'SET')`,
      )) === true,
    );
    if (o.appUser)
      add(
        `${o.appUser} may not SET session_replication_role`,
        (await one(
          db,
          `SELECT has_parameter_privilege(${L(o.appUser)}, 'session_replication_role', 'SET')`,
        )) === false,
      );
    add(...(await setRoleProbe(db, o.dmsUser)));
  } else if (o.flavor === 'self-managed')
    add(
      `${o.dmsUser} may SET session_replication_role`,
      false,
      'PostgreSQL before 15 needs a superuser; set target.replicaRole to false or load as superuser',
    );
  else
    add(
      `${o.dmsUser} is a member of rds_superuser`,
      (await one(db, `SELECT pg_has_role(${L(o.dmsUser)}, 'rds_superuser', 'MEMBER')`)) === true,
    );
  const expected = `search_path=${o.schemas.map(quoteIdent).join(', ')}`;
  for (const role of [o.owner, o.dmsUser, o.appUser].filter((r): r is string => !!r)) {
    const settings = await one(
      db,
      `SELECT array_to_string(setconfig, ';') FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase
        WHERE d.datname = ${L(o.database)} AND s.setrole = ${L(quoteIdent(role))}::regrole`,
    );
    add(
      `search_path of ${role}`,
      String(settings ?? '')
        .split(';')
        .includes(expected),
      String(settings ?? 'unset'),
    );
  }
  return checks;
}

/** Sets the parameter as the DMS user inside a rolled-back transaction: proves the grant works. */
async function setRoleProbe(db: SqlClient, role: string): Promise<[string, boolean, string]> {
  const name = `${role} can run SET session_replication_role = replica`;
  try {
    await db.query('BEGIN');
    await db.query(`SET LOCAL ROLE ${quoteIdent(role)}`);
    await db.query('SET LOCAL session_replication_role = replica');
    return [name, true, 'tried as the role (rolled back)'];
  } catch (e) {
    return [name, false, (e as Error).message];
  } finally {
    await db.query('ROLLBACK');
  }
}
