/** PGlite executor for semantic cases: one schema per case, every value returned as text. */
import { PGlite, types } from '@electric-sql/pglite';
import type { Executor } from './semantic.js';

// Every known type parsed as its text form (PGlite spreads the parser map, so it must be a plain object).
const asText: Record<number, (v: string) => unknown> = Object.fromEntries(
  Object.values(types)
    .filter((t) => typeof t === 'number')
    .map((oid) => [oid, (v: string) => v]),
);

export async function pgliteExecutor(): Promise<{
  forCase: (n: number) => Promise<Executor>;
  close: () => Promise<void>;
}> {
  const db = new PGlite();
  await db.exec("SET TimeZone = 'UTC'");
  return {
    forCase: async (n: number) => {
      const schema = `sem_${n}`;
      await db.exec(
        `DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}; SET search_path = ${schema}`,
      );
      return {
        exec: async (sql) => {
          await db.exec(sql);
        },
        rows: async (sql) => {
          const r = await db.query<unknown[]>(sql, [], { rowMode: 'array', parsers: asText });
          return r.rows.map((row) => row.map((v) => (v === null ? null : String(v))));
        },
      };
    },
    close: () => db.close(),
  };
}
