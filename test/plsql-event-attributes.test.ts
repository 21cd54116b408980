/**
 * Event attribute functions read outside the DDL trigger (event-attributes.ts): a routine the
 * event trigger calls sees ORA_SYSEVENT, ORA_DICT_OBJ_* and ORA_SQL_TXT of the current object, and
 * NULL outside a DDL event (PostgreSQL 15, a scratch database of its own: event triggers fire for
 * every DDL command of their database). Skipped with a message when no server answers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scratchDatabase } from './pg-scratch.js';

const db = scratchDatabase('evattr', 'event attributes', async (s) => {
  await s.query(readFileSync('fixtures/plsql/trigger-ddl-event-callee/expected.pg.sql', 'utf8'));
});

describe('event attributes in routines a DDL trigger calls (PostgreSQL 15)', () => {
  it('the called procedure logs the event, object and DDL text of each object', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query('DELETE FROM ddl_audit');
      await a.query('CREATE TABLE orders (id int)');
      await a.query('CREATE VIEW open_orders AS SELECT id FROM orders');
      await a.query('CREATE SEQUENCE order_seq'); // the trigger calls the procedure for tables and views only
      await a.query('DROP VIEW open_orders');
      const rows = (
        await a.query(
          'SELECT ev, obj_owner, obj_name, obj_type, sql_text, pieces FROM ddl_audit ORDER BY ctid',
        )
      ).rows;
      expect(rows).toEqual([
        {
          ev: 'CREATE',
          obj_owner: 'PUBLIC',
          obj_name: 'ORDERS',
          obj_type: 'TABLE',
          sql_text: 'CREATE TABLE orders (id int)',
          pieces: '1',
        },
        {
          ev: 'CREATE',
          obj_owner: 'PUBLIC',
          obj_name: 'OPEN_ORDERS',
          obj_type: 'VIEW',
          sql_text: 'CREATE VIEW open_orders AS SELECT id FROM orders',
          pieces: '1',
        },
        {
          ev: 'DROP',
          obj_owner: 'PUBLIC',
          obj_name: 'OPEN_ORDERS',
          obj_type: 'VIEW',
          sql_text: null,
          pieces: null,
        },
      ]);
    } finally {
      await a.end();
    }
  });

  it('a DDL text longer than one piece comes back whole from the pieces', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query('DELETE FROM ddl_audit');
      const cols = Array.from({ length: 40 }, (_, i) => `column_number_${i} int`).join(', ');
      const ddl = `CREATE TABLE wide_t (${cols})`;
      await a.query(ddl);
      const r = (await a.query('SELECT sql_text, pieces FROM ddl_audit')).rows;
      expect(r).toEqual([{ sql_text: ddl, pieces: String(Math.ceil(ddl.length / 256)) }]);
      expect(Number(r[0].pieces)).toBeGreaterThan(1);
    } finally {
      await a.end();
    }
  });

  it('outside a DDL event the attributes are NULL, also later in the transaction of an event', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect((await a.query('SELECT ddl_watch.in_ddl_event() AS v')).rows[0].v).toBe('N');
      await a.query('BEGIN');
      await a.query('CREATE TABLE in_tx (id int)');
      expect((await a.query('SELECT ddl_watch.in_ddl_event() AS v')).rows[0].v).toBe('N');
      await a.query('ROLLBACK');
      // Directly, the procedure sees no event: it logs a row of NULLs.
      await a.query('DELETE FROM ddl_audit');
      await a.query('CALL ddl_watch.on_ddl()');
      expect((await a.query('SELECT ev, obj_name FROM ddl_audit')).rows).toEqual([
        { ev: null, obj_name: null },
      ]);
    } finally {
      await a.end();
    }
  });
});
