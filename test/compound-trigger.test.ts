/**
 * Compound triggers on PostgreSQL 15: one trigger per timing point, the declaration section's
 * state shared by the sections of one triggering statement and fresh for the next one. Runs the
 * converted examples/hr (TIME_ENTRIES_TASK_HOURS_CT keeps PROJECT_TASKS.ACTUAL_HOURS equal to the
 * sum of TIME_ENTRIES.HOURS) and the fixtures/plsql/trigger-compound-* inputs. Skipped with a
 * message when no server answers.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert, PHASES } from '../src/index.js';
import { ADMIN as admin, one } from './pg-scratch.js';

const prefix = `orapg_ct_${process.pid}`;
const created: string[] = [];
let ready = false;

beforeAll(async () => {
  const c = new pg.Client(admin);
  try {
    await c.connect();
    ready = true;
  } catch (e) {
    console.warn(`PostgreSQL server not reachable on 127.0.0.1:5432, compound trigger tests skipped: ${(e as Error).message}`);
  } finally {
    await c.end().catch(() => {});
  }
});

afterAll(async () => {
  if (!ready) return;
  const c = new pg.Client(admin);
  await c.connect();
  for (const db of created) await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await c.end();
});

/** A fresh database with the converted inputs applied phase by phase; returns a session on it. */
async function database(name: string, inputs: string[]): Promise<pg.Client> {
  const db = `${prefix}_${name}`;
  const c = new pg.Client(admin);
  await c.connect();
  await c.query(`CREATE DATABASE ${db}`);
  created.push(db);
  await c.end();
  const r = convert(inputs);
  const s = new pg.Client({ ...admin, database: db });
  await s.connect();
  try {
    for (const phase of PHASES) await s.query(r.phases[phase]);
  } catch (e) {
    await s.end();
    throw e;
  }
  return s;
}

const rows = async (c: pg.Client, sql: string) => (await c.query(sql)).rows;

describe('compound triggers (PostgreSQL 15)', () => {
  it('examples/hr: ACTUAL_HOURS follows multi-row INSERT / UPDATE / DELETE of TIME_ENTRIES', async (ctx) => {
    if (!ready) ctx.skip();
    const c = await database('hr', ['examples/hr']);
    try {
      // Only the two tables matter here: their foreign keys would need the whole HR data set.
      await c.query(`DO $$ DECLARE r record; BEGIN
        FOR r IN SELECT conrelid::regclass AS t, conname FROM pg_constraint
                  WHERE contype = 'f' AND conrelid IN ('time_entries'::regclass, 'project_tasks'::regclass) AND conparentid = 0 LOOP
          EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.t, r.conname);
        END LOOP; END $$`);
      await c.query(`INSERT INTO project_tasks (task_id, project_id, task_name) VALUES (3, 1, 'a'), (7, 1, 'b'), (12, 1, 'c')`);
      const mismatches = `SELECT count(*)::int FROM project_tasks pt
        WHERE actual_hours <> (SELECT coalesce(sum(te.hours), 0) FROM time_entries te WHERE te.task_id = pt.task_id)`;
      const hours = async () => (await rows(c, 'SELECT task_id, actual_hours::float AS h FROM project_tasks ORDER BY task_id')).map((r) => `${r.task_id}:${r.h}`);
      const entry = (id: number, task: number | null, h: number) => `(${id}, 1, 1, ${task ?? 'NULL'}, DATE '2023-03-0${(id % 9) + 1}', ${h})`;
      await c.query(
        `INSERT INTO time_entries (entry_id, employee_id, project_id, task_id, work_date, hours) VALUES ${[entry(1, 3, 2), entry(2, 3, 1.5), entry(3, 12, 4), entry(4, null, 8)].join(', ')}`,
      );
      expect(await hours()).toEqual(['3:3.5', '7:0', '12:4']);
      // Multi-row UPDATE that moves entries between tasks: old and new tasks are both recomputed.
      await c.query('UPDATE time_entries SET task_id = 7, hours = hours + 1 WHERE entry_id IN (1, 3)');
      expect(await hours()).toEqual(['3:1.5', '7:8', '12:0']);
      await c.query('UPDATE time_entries SET hours = 2 WHERE task_id IS NULL');
      expect(await one(c, mismatches)).toBe(0);
      await c.query('DELETE FROM time_entries WHERE entry_id IN (2, 3)');
      expect(await hours()).toEqual(['3:0', '7:3', '12:0']);
      // A statement that changes no row still runs the statement triggers, harmlessly.
      await c.query('DELETE FROM time_entries WHERE entry_id = 999');
      expect(await one(c, mismatches)).toBe(0);
      // UPDATE of another column does not fire the trigger (UPDATE OF hours, task_id).
      await c.query(`UPDATE project_tasks SET actual_hours = 99 WHERE task_id = 7`);
      await c.query(`UPDATE time_entries SET notes = 'x'`);
      expect(await hours()).toEqual(['3:0', '7:99', '12:0']);
      // Tasks 3 and 12 are recomputed, task 7 (between them in the INDEX BY table) is not touched:
      // NEXT skips the gaps of the sparse collection.
      await c.query(`INSERT INTO time_entries (entry_id, employee_id, project_id, task_id, work_date, hours) VALUES ${[entry(5, 3, 1), entry(6, 12, 2)].join(', ')}`);
      expect(await hours()).toEqual(['3:1', '7:99', '12:2']);
    } finally {
      await c.end();
    }
  }, 60_000);

  it('state starts afresh for every statement and is shared by its sections', async (ctx) => {
    if (!ready) ctx.skip();
    const c = await database('rows', ['fixtures/plsql/trigger-compound-row-only/input.sql']);
    try {
      await c.query('INSERT INTO accounts (account_id, balance) VALUES (1, 10), (2, 20), (3, 30), (4, 40)');
      // First statement: 3 rows change (the WHEN clause skips account 4, whose balance stays).
      await c.query('UPDATE accounts SET balance = CASE WHEN account_id = 4 THEN balance ELSE balance + 1 END');
      expect((await rows(c, 'SELECT account_id, seq_in_stmt::int AS s FROM accounts ORDER BY 1')).map((r) => r.s)).toEqual([1, 2, 3, null]);
      // Second statement: numbering starts at 1 again (no leak from the first statement).
      await c.query('UPDATE accounts SET balance = balance - 5 WHERE account_id IN (2, 4)');
      expect((await rows(c, 'SELECT account_id, seq_in_stmt::int AS s FROM accounts ORDER BY 1')).map((r) => r.s)).toEqual([1, 1, 3, 2]);
      expect(await one(c, 'SELECT count(*)::int FROM account_moves')).toBe(5);
      expect(await one(c, 'SELECT max(seq_in_stmt)::int FROM account_moves')).toBe(3);
    } finally {
      await c.end();
    }
  }, 60_000);

  it('statement sections run for statements that change no row', async (ctx) => {
    if (!ready) ctx.skip();
    const c = await database('stmt', ['fixtures/plsql/trigger-compound-statement-only/input.sql']);
    try {
      await c.query(`INSERT INTO orders VALUES (1, 'OPEN'), (2, 'OPEN'), (3, 'DONE')`);
      await c.query(`UPDATE orders SET status = 'DONE' WHERE order_id = 1`);
      await c.query(`DELETE FROM orders WHERE order_id = 42`);
      const log = await rows(c, 'SELECT phase, open_count::int AS n, note FROM order_stmt_log');
      expect(log.map((r) => `${r.phase}:${r.n}:${r.note}`)).toEqual([
        'BEFORE:0:statement',
        'AFTER:2:statement',
        'BEFORE:2:statement',
        'AFTER:-1:statement',
        'BEFORE:1:statement',
        'AFTER:0:statement',
      ]);
    } finally {
      await c.end();
    }
  }, 60_000);

  it('a statement on the same table run from a section has its own state', async (ctx) => {
    if (!ready) ctx.skip();
    const c = await database('full', ['fixtures/plsql/trigger-compound-full/input.sql']);
    try {
      await c.query('INSERT INTO stock (item_id, qty) VALUES (1, 5), (2, NULL), (3, 7)');
      await c.query('UPDATE stock SET qty = qty + 1');
      await c.query('DELETE FROM stock WHERE item_id = 99');
      const log = await rows(c, 'SELECT event, n::int AS n, detail FROM stock_log ORDER BY log_id');
      expect(log.map((r) => `${r.event}|${r.n}|${r.detail ?? ''}`)).toEqual([
        'BEFORE STATEMENT|0|',
        // the INSERT of item -3 from the outer AFTER STATEMENT: a statement of its own
        'BEFORE STATEMENT|0|',
        'AFTER STATEMENT|1|total delta 0',
        'AFTER STATEMENT|3|total delta 12',
        'BEFORE STATEMENT|0|',
        'BEFORE STATEMENT|0|',
        'AFTER STATEMENT|1|total delta 0',
        'AFTER STATEMENT|4|total delta 4',
        'BEFORE STATEMENT|0|',
        'AFTER STATEMENT|0|total delta 0',
      ]);
      expect((await rows(c, 'SELECT item_id, qty FROM stock ORDER BY item_id')).map((r) => `${r.item_id}:${r.qty}`)).toEqual([
        '-4:0',
        '-3:1',
        '1:6',
        '2:1',
        '3:8',
      ]);
    } finally {
      await c.end();
    }
  }, 60_000);

  it('constants, exceptions, cursors and functions of the declaration section', async (ctx) => {
    if (!ready) ctx.skip();
    const c = await database('members', ['fixtures/plsql/trigger-compound-members/input.sql']);
    try {
      await c.query('INSERT INTO emp VALUES (1, 10, 100), (2, 10, 50), (3, 20, 7)');
      await c.query('UPDATE emp SET dept = 30 WHERE id = 2');
      expect((await rows(c, 'SELECT dept, total::float AS t FROM dept_totals ORDER BY dept')).map((r) => `${r.dept}:${r.t}`)).toEqual([
        '10:100',
        '20:7',
        '30:50',
      ]);
      const err = await c.query('UPDATE emp SET sal = 200000 WHERE id = 3').catch((e: Error) => e);
      expect(String(err)).toMatch(/salary 200000\.00 too high/);
    } finally {
      await c.end();
    }
  }, 60_000);

  it('INDEX BY tables: EXISTS / FIRST / LAST / NEXT / PRIOR / DELETE(i) skip the gaps', async (ctx) => {
    if (!ready) ctx.skip();
    const c = await database('sparse', ['fixtures/plsql/collection-index-by-sparse/input.sql']);
    try {
      expect(await one(c, 'SELECT distinct_visitors()')).toBe(null);
      await c.query(`INSERT INTO visits VALUES (5, 'a'), (900, 'b'), (5, 'c'), (1000, 'd'), (42, 'e'), (1000, 'f')`);
      expect(await one(c, 'SELECT distinct_visitors()')).toBe('5 42 900 <900<42<5');
    } finally {
      await c.end();
    }
  }, 60_000);

  it('INSTEAD OF EACH ROW on a view, with per-statement state', async (ctx) => {
    if (!ready) ctx.skip();
    const c = await database('view', ['fixtures/plsql/trigger-compound-instead-of-view/input.sql']);
    try {
      await c.query(`INSERT INTO departments VALUES (10, 'Sales'), (20, 'IT')`);
      await c.query(`INSERT INTO emp_dept_v VALUES (1, 'Ada', 'IT'), (2, 'Bob', 'Sales')`);
      await c.query(`INSERT INTO emp_dept_v VALUES (3, 'Cy', 'IT')`);
      expect((await rows(c, 'SELECT employee_id, department_id, batch_pos::int AS p FROM employees ORDER BY 1')).map((r) => `${r.employee_id}:${r.department_id}:${r.p}`)).toEqual([
        '1:20:1',
        '2:10:2',
        '3:20:1',
      ]);
      const err = await c.query(`INSERT INTO emp_dept_v VALUES (4, 'Di', 'HR')`).catch((e: Error) => e);
      expect(String(err)).toMatch(/unknown department HR/);
    } finally {
      await c.end();
    }
  }, 60_000);
});
