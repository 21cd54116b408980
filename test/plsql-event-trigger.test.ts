/**
 * DDL triggers converted to event triggers, on PostgreSQL 15 (a scratch database of their own:
 * event triggers fire for every DDL command of their database). Skipped with a message when no
 * server answers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scratchDatabase } from './pg-scratch.js';

const db = scratchDatabase('evtrg', 'event trigger', async (s) => {
  await s.query(readFileSync('fixtures/plsql/trigger-ddl-event/expected.pg.sql', 'utf8'));
});

describe('DDL triggers as event triggers (PostgreSQL 15)', () => {
  it('run the body once per created, altered or dropped object with the event attributes set', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // The fixture's own CREATE FUNCTION of the second trigger was logged when it loaded.
      expect(
        (await a.query("SELECT obj_name FROM ddl_log WHERE obj_name = 'NO_DROP_TABLE_FN'")).rowCount,
      ).toBe(1);
      await a.query('DELETE FROM ddl_log');
      await a.query('CREATE TABLE orders (id int)');
      await a.query('CREATE VIEW open_orders AS SELECT id FROM orders');
      await a.query('ALTER TABLE orders ADD COLUMN total numeric');
      await a.query('CREATE SEQUENCE order_seq'); // not a TABLE, VIEW or FUNCTION: not logged
      await a.query('DROP VIEW open_orders');
      const rows = (await a.query('SELECT ev, obj_owner, obj_name, obj_type FROM ddl_log ORDER BY ctid'))
        .rows;
      expect(rows).toEqual([
        { ev: 'CREATE', obj_owner: 'PUBLIC', obj_name: 'ORDERS', obj_type: 'TABLE' },
        { ev: 'CREATE', obj_owner: 'PUBLIC', obj_name: 'OPEN_ORDERS', obj_type: 'VIEW' },
        { ev: 'ALTER', obj_owner: 'PUBLIC', obj_name: 'ORDERS', obj_type: 'TABLE' },
        { ev: 'DROP', obj_owner: 'PUBLIC', obj_name: 'OPEN_ORDERS', obj_type: 'VIEW' },
      ]);
    } finally {
      await a.end();
    }
  });

  it('a BEFORE DROP guard that raises undoes the drop', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query('CREATE TABLE keep_me (id int)');
      const e = await a.query('DROP TABLE keep_me').catch((x: { code: string; message: string }) => x);
      expect(e).toMatchObject({ code: 'O0001', message: 'tables named KEEP* cannot be dropped' });
      expect((await a.query("SELECT to_regclass('keep_me') IS NOT NULL AS kept")).rows[0].kept).toBe(true);
      await a.query('CREATE TABLE scratch_t (id int)');
      await a.query('DROP TABLE scratch_t');
      expect((await a.query("SELECT to_regclass('scratch_t') IS NULL AS gone")).rows[0].gone).toBe(true);
    } finally {
      await a.end();
    }
  });
});
