/** Applies converted objects one by one to PGlite and reads back what PostgreSQL made of them. */
import type { PGlite } from '@electric-sql/pglite';
import { type ConvertResult, printObject } from '../src/convert/index.js';

/** Applies every object separately (a failing object leaves nothing behind); returns the failures. */
export async function applyObjects(db: PGlite, result: ConvertResult): Promise<string[]> {
  // Fast path: everything in one transaction; on any error, roll back and go object by object.
  try {
    await db.exec(`BEGIN;\n${result.objects.map(printObject).join('\n')}\nCOMMIT;`);
    return [];
  } catch {
    await db.exec('ROLLBACK');
  }
  const failed: string[] = [];
  for (const o of result.objects) {
    const sql = printObject(o);
    if (!sql.trim()) continue;
    try {
      await db.exec(sql);
    } catch (err) {
      failed.push(`${o.object}: ${(err as Error).message}`);
    }
  }
  return failed;
}

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%'`;

/** The parts of the PostgreSQL catalog a migration cares about, as sorted text rows. */
export async function describeCatalog(db: PGlite): Promise<Record<string, string[]>> {
  const q = async (sql: string) =>
    (await db.query<Record<string, unknown>>(sql)).rows
      .map((r) => Object.values(r).map(String).join(' | '))
      .sort();
  return {
    columns:
      await q(`SELECT c.table_schema, c.table_name, c.column_name, c.data_type, c.character_maximum_length,
        c.numeric_precision, c.numeric_scale, c.datetime_precision, c.interval_type, c.is_nullable, c.column_default,
        c.is_identity, c.identity_start, c.identity_increment, c.is_generated, c.generation_expression
      FROM information_schema.columns c JOIN pg_namespace n ON n.nspname = c.table_schema WHERE ${USER_SCHEMAS}`),
    constraints:
      await q(`SELECT con.conrelid::regclass::text, con.conname, pg_get_constraintdef(con.oid), con.condeferrable,
        con.condeferred, con.convalidated
      FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace WHERE ${USER_SCHEMAS}`),
    indexes: await q(`SELECT schemaname, tablename, indexname, indexdef FROM pg_indexes i
      JOIN pg_namespace n ON n.nspname = i.schemaname WHERE ${USER_SCHEMAS}`),
    sequences:
      await q(`SELECT schemaname, sequencename, start_value, min_value, max_value, increment_by, cycle, cache_size
      FROM pg_sequences s JOIN pg_namespace n ON n.nspname = s.schemaname WHERE ${USER_SCHEMAS}`),
    views: await q(`SELECT schemaname, viewname, definition FROM pg_views v
      JOIN pg_namespace n ON n.nspname = v.schemaname WHERE ${USER_SCHEMAS}`),
    partitions:
      await q(`SELECT c.oid::regclass::text, c.relkind, pg_get_partkeydef(c.oid), pg_get_expr(c.relpartbound, c.oid)
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_SCHEMAS} AND (c.relispartition OR c.relkind = 'p')`),
    comments: await q(`SELECT c.oid::regclass::text, d.objsubid, d.description FROM pg_description d
      JOIN pg_class c ON c.oid = d.objoid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_SCHEMAS}`),
    grants:
      await q(`SELECT table_schema, table_name, grantee, privilege_type FROM information_schema.role_table_grants g
      JOIN pg_namespace n ON n.nspname = g.table_schema WHERE ${USER_SCHEMAS} AND grantee <> current_user`),
    columnGrants: await q(`SELECT table_schema, table_name, column_name, grantee, privilege_type
      FROM information_schema.column_privileges g JOIN pg_namespace n ON n.nspname = g.table_schema
      WHERE ${USER_SCHEMAS} AND grantee <> current_user`),
    routines: await q(`SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid) FROM pg_proc p
      JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${USER_SCHEMAS}`),
    triggers: await q(
      `SELECT t.tgrelid::regclass::text, t.tgname FROM pg_trigger t WHERE NOT t.tgisinternal`,
    ),
    roles: await q(
      `SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname NOT LIKE 'pg\\_%' AND rolname <> current_user`,
    ),
  };
}
