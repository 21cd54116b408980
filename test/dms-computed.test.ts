/**
 * Oracle virtual columns through a DMS load, on the PostgreSQL 15 server. DMS's PostgreSQL target
 * sessions run `SET session_replication_role = replica` (AfterConnectScript), which silences every
 * ordinary trigger — including the `<table>_opg_columns` trigger that keeps the virtual columns
 * PostgreSQL cannot generate. The load is simulated as DMS does it: a replica session inserting the
 * columns the table mappings leave (remove-column drops the virtual ones).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadDmsConfig } from '../src/dms/config.js';
import { buildDmsDocuments } from '../src/dms/documents.js';
import { postLoadSteps, preLoadSteps, runSteps, searchPathSql } from '../src/dms/post-load.js';
import { convert } from '../src/index.js';
import { ADMIN, scratchDatabase } from './pg-scratch.js';

const docs = buildDmsDocuments(loadDmsConfig('fixtures/dms/computed/config.json'));
const conv = convert([resolve('fixtures/dms/computed/input.sql')], { schemaMap: { SALES: 'sales' } });
const loadDdl = async (c: pg.Client) => {
  await c.query(conv.phases['pre-data']);
  await c.query(conv.phases.code);
};
const withPreLoad = scratchDatabase('dms_computed_a', 'DMS computed columns', loadDdl);
const withoutPreLoad = scratchDatabase('dms_computed_b', 'DMS computed columns', loadDdl);

/** The columns DMS writes for a table: every column the table mappings do not remove. */
function dmsColumns(table: string): string[] {
  const removed = new Set(
    docs.tableMappings.rules.flatMap((r) =>
      r['rule-type'] === 'transformation' &&
      r['rule-action'] === 'remove-column' &&
      r['object-locator']['table-name'] === table
        ? [r['object-locator']['column-name']]
        : [],
    ),
  );
  return docs.tables
    .find((t) => t.source.name === table)!
    .columns.filter((c) => !removed.has(c.source))
    .map((c) => c.target);
}

const ORDERS = [
  [1, ' acme ', 3, '2.50', '2024-01-31 10:00:00'],
  [2, 'Globex', 10, '1.25', '2024-02-29 00:00:00'],
];
const CUSTOMERS = [
  [7, 'Acme', '2019-05-01 00:00:00', 'N'],
  [8, 'Globex', '2021-12-31 23:59:59', 'N'],
];

/** A DMS target session: session_replication_role = replica, then the rows of `table` as DMS writes them. */
async function dmsLoad(db: pg.Client, table: string, rows: unknown[][]): Promise<void> {
  const cols = dmsColumns(table);
  await db.query('SET session_replication_role = replica');
  try {
    for (const r of rows)
      await db.query(
        `INSERT INTO sales.${table.toLowerCase()} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
        r,
      );
  } finally {
    await db.query('RESET session_replication_role');
  }
}

/** The same as a bulk load: COPY … FROM STDIN in a psql session started with session_replication_role = replica. */
async function dmsCopy(db: pg.Client, table: string, rows: unknown[][]): Promise<void> {
  const name = (await db.query('SELECT current_database() AS d')).rows[0].d as string;
  const r = spawnSync(
    'psql',
    [
      '-h',
      ADMIN.host,
      '-U',
      ADMIN.user,
      '-d',
      name,
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      `COPY sales.${table.toLowerCase()} (${dmsColumns(table).join(', ')}) FROM STDIN WITH (FORMAT csv)`,
    ],
    {
      input: rows.map((x) => x.join(',')).join('\n'),
      encoding: 'utf8',
      env: { ...process.env, PGOPTIONS: '-c session_replication_role=replica' },
    },
  );
  if (r.status !== 0) throw new Error(`psql COPY failed: ${r.stderr || r.error}`);
}

const psqlThere = spawnSync('psql', ['--version']).status === 0;

const log = () => {};

describe('DMS documents for virtual columns', () => {
  it('removes every virtual column from what DMS writes, generated or trigger-kept', () => {
    expect(dmsColumns('ORDERS')).toEqual(['order_id', 'customer', 'quantity', 'unit_price', 'ordered_on']);
    expect(dmsColumns('CUSTOMERS')).toEqual(['customer_id', 'name', 'created_on', 'touched']);
    const orders = docs.tables.find((t) => t.source.name === 'ORDERS')!;
    expect(orders.columns.filter((c) => c.computed).map((c) => [c.target, c.computed!.kind])).toEqual([
      ['line_total', 'generated'],
      ['customer_key', 'generated'],
      ['order_month', 'trigger'],
      ['order_label', 'trigger'],
    ]);
  });
});

describe('DMS load of virtual columns on PostgreSQL 15', () => {
  it('a value for a GENERATED column is refused: the reason for the remove-column rule', async (ctx) => {
    if (!withPreLoad.ready) ctx.skip();
    const db = await withPreLoad.session();
    try {
      await expect(
        db.query(
          `INSERT INTO sales.orders (order_id, customer, quantity, unit_price, ordered_on, line_total)
           VALUES (99, 'x', 1, 1, now(), 1)`,
        ),
      ).rejects.toThrow(/cannot insert a non-DEFAULT value into column "line_total"/);
    } finally {
      await db.end();
    }
  });

  it('with the pre-load step the trigger computes the columns during the load and CDC; post-load changes nothing', async (ctx) => {
    if (!withPreLoad.ready) ctx.skip();
    const db = await withPreLoad.session();
    try {
      await runSteps(db, preLoadSteps(docs.tables), log);
      await dmsLoad(db, 'ORDERS', ORDERS);
      // The bulk path (COPY) when psql is there: BEFORE ROW triggers fire for COPY FROM too.
      await (psqlThere ? dmsCopy : dmsLoad)(db, 'CUSTOMERS', CUSTOMERS);
      expect(
        (await db.query('SELECT customer_id, signup_year FROM sales.customers ORDER BY 1')).rows,
      ).toEqual([
        { customer_id: 7, signup_year: '2019' },
        { customer_id: 8, signup_year: '2021' },
      ]);
      const orders = async () =>
        (
          await db.query(
            'SELECT order_id, line_total, customer_key, order_month, order_label FROM sales.orders ORDER BY 1',
          )
        ).rows;
      const loaded = [
        {
          order_id: '1',
          line_total: '7.50',
          customer_key: 'ACME',
          order_month: '2024-01',
          order_label: ' acme  31.01.2024',
        },
        {
          order_id: '2',
          line_total: '12.50',
          customer_key: 'GLOBEX',
          order_month: '2024-02',
          order_label: 'Globex 29.02.2024',
        },
      ];
      expect(await orders()).toEqual(loaded);

      // CDC: DMS applies an UPDATE in a replica session; both kinds follow the new values.
      await db.query('SET session_replication_role = replica');
      await db.query(
        `UPDATE sales.orders SET customer = 'Initech', quantity = 4, ordered_on = '2024-03-15' WHERE order_id = 1`,
      );
      await db.query('RESET session_replication_role');
      const afterCdc = [
        {
          order_id: '1',
          line_total: '10.00',
          customer_key: 'INITECH',
          order_month: '2024-03',
          order_label: 'Initech 15.03.2024',
        },
        loaded[1],
      ];
      expect(await orders()).toEqual(afterCdc);

      const applied = await runSteps(
        db,
        postLoadSteps(docs.model, docs.tables),
        log,
        searchPathSql(docs.model),
      );
      expect(applied.every((s) => s.status === 'applied')).toBe(true);
      expect(await orders()).toEqual(afterCdc);
      expect(
        (await db.query('SELECT customer_id, signup_year, touched FROM sales.customers ORDER BY 1')).rows,
      ).toEqual([
        { customer_id: 7, signup_year: '2019', touched: 'N' },
        { customer_id: 8, signup_year: '2021', touched: 'N' },
      ]);
    } finally {
      await db.end();
    }
  });

  it('without it the replica load leaves them NULL (NOT NULL ones fail); the post-load step computes them, firing no application trigger', async (ctx) => {
    if (!withoutPreLoad.ready) ctx.skip();
    const db = await withoutPreLoad.session();
    try {
      // ORDER_MONTH is NOT NULL: the silenced trigger leaves it NULL and the row is refused.
      await expect(dmsLoad(db, 'ORDERS', ORDERS)).rejects.toThrow(/null value in column "order_month"/);
      await dmsLoad(db, 'CUSTOMERS', CUSTOMERS);
      expect(
        (await db.query('SELECT count(*)::int AS n FROM sales.customers WHERE signup_year IS NULL')).rows,
      ).toEqual([{ n: 2 }]);

      // A second post-load run: the application trigger (post-data) already exists.
      await db.query(conv.phases['post-data']);
      await runSteps(db, postLoadSteps(docs.model, docs.tables), log, searchPathSql(docs.model));
      expect(
        (await db.query('SELECT customer_id, signup_year, touched FROM sales.customers ORDER BY 1')).rows,
      ).toEqual([
        { customer_id: 7, signup_year: '2019', touched: 'N' },
        { customer_id: 8, signup_year: '2021', touched: 'N' },
      ]);
      // The trigger still keeps the column for the application (origin session).
      await db.query(`UPDATE sales.customers SET created_on = '2025-01-01' WHERE customer_id = 7`);
      expect(
        (await db.query('SELECT signup_year, touched FROM sales.customers WHERE customer_id = 7')).rows,
      ).toEqual([{ signup_year: '2025', touched: 'Y' }]);
    } finally {
      await db.end();
    }
  });
});
