/**
 * Package state overhead (issue 6): what a package variable costs on PostgreSQL as orapg emits it
 * (typed getter / setter functions over a custom setting, `opg_init()` on every access), measured
 * against plain PL/pgSQL and against the alternative designs.
 *
 *   npx tsx bench/package-state.ts [--pg URL] [--n 100000]
 *
 * An Oracle package is converted with orapg (convertSources) and applied to a scratch database on
 * PostgreSQL (created and dropped); each case runs N times inside one DO block, timed by the server
 * (clock_timestamp), best of 3. Printed per operation in microseconds. Not part of `npm test`.
 *
 * Cases:
 *   local        a PL/pgSQL local variable incremented in the loop (the floor)
 *   call-noop    CALL of an empty procedure (the cost of a call, whatever it does)
 *   pkg-get      reading a package NUMBER variable (getter)
 *   pkg-bump     CALL pkg.bump(): g_counter := g_counter + 1 (one get + one set)
 *   guc-raw      current_setting/set_config pair without the functions (the storage itself)
 *   temp-table   the same counter kept in a session temporary table (UPDATE of one row; at most
 *                20,000 iterations: each update in one transaction leaves a dead row version behind)
 *   pkg-append   g_list.EXTEND; g_list(g_list.COUNT) := v for a package collection, at 1k and 5k
 *                elements: the whole array is read and written back as text on every access
 */
import pg from 'pg';
import { convertSources } from '../src/convert/index.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const URL = opt('pg', 'postgres://postgres@127.0.0.1:5432/postgres');
const N = Number(opt('n', '100000'));

const ORACLE = `
CREATE OR REPLACE TYPE bench_str_list AS TABLE OF VARCHAR2(100);
/
CREATE OR REPLACE PACKAGE bench_pkg AS
  g_counter NUMBER := 0;
  g_list    bench_str_list := bench_str_list();
  PROCEDURE bump;
  PROCEDURE add_item(p_item VARCHAR2);
  FUNCTION item_count RETURN PLS_INTEGER;
END bench_pkg;
/
CREATE OR REPLACE PACKAGE BODY bench_pkg AS
  PROCEDURE bump IS
  BEGIN
    g_counter := g_counter + 1;
  END bump;
  PROCEDURE add_item(p_item VARCHAR2) IS
  BEGIN
    g_list.EXTEND;
    g_list(g_list.COUNT) := p_item;
  END add_item;
  FUNCTION item_count RETURN PLS_INTEGER IS
  BEGIN
    RETURN g_list.COUNT;
  END item_count;
END bench_pkg;
/
CREATE OR REPLACE PROCEDURE bench_noop IS
BEGIN
  NULL;
END;
/
`;

async function main(): Promise<void> {
  const converted = convertSources([{ file: 'bench_pkg.sql', text: ORACLE }]);
  const errors = converted.findings.filter((f) => f.severity === 'error');
  if (errors.length) throw new Error(`conversion errors: ${errors.map((f) => f.message).join('; ')}`);
  const admin = new pg.Client({ connectionString: URL });
  await admin.connect();
  const db = `orapg_bench_state_${process.pid}`;
  await admin.query(`CREATE DATABASE ${db}`);
  const url = new globalThis.URL(URL);
  url.pathname = `/${db}`;
  const c = new pg.Client({ connectionString: url.toString() });
  try {
    await c.connect();
    for (const phase of ['pre-data', 'code', 'post-data'] as const) await c.query(converted.phases[phase]);
    const version = (await c.query('SHOW server_version')).rows[0].server_version as string;
    await c.query('CREATE TEMP TABLE bench_state (id int PRIMARY KEY, counter numeric)');
    await c.query('INSERT INTO bench_state VALUES (1, 0)');

    /** Best of 3 server-side timings of `body` run `n` times; µs per iteration. */
    const time = async (body: string, n: number, setup = ''): Promise<number> => {
      let best = Number.POSITIVE_INFINITY;
      for (let run = 0; run < 3; run++) {
        if (setup) await c.query(setup);
        await c.query(`DO $do$
DECLARE i int; x numeric := 0; t0 timestamptz;
BEGIN
  t0 := clock_timestamp();
  FOR i IN 1..${n} LOOP
    ${body}
  END LOOP;
  PERFORM set_config('bench.elapsed', (extract(epoch FROM clock_timestamp() - t0) * 1e6)::text, false);
END $do$`);
        const us = Number((await c.query(`SELECT current_setting('bench.elapsed') AS us`)).rows[0].us);
        best = Math.min(best, us / n);
      }
      return best;
    };

    const rows: [string, number, number][] = [];
    const add = async (name: string, body: string, n = N, setup = '') => rows.push([name, n, await time(body, n, setup)]);
    await add('local', 'x := x + 1;');
    await add('call-noop', 'CALL bench_noop();');
    await add('pkg-get', 'x := bench_pkg.g_counter();');
    await add('pkg-bump', 'CALL bench_pkg.bump();');
    await add(
      'guc-raw',
      "PERFORM set_config('bench.counter', (coalesce(nullif(current_setting('bench.counter', true), ''), '0')::numeric + 1)::text, false);",
    );
    // Every UPDATE of the one row in one transaction leaves a dead version behind: the cost grows
    // with the number of updates, so this case runs at most 20,000 times (from a fresh table).
    await add(
      'temp-table',
      'UPDATE bench_state SET counter = counter + 1 WHERE id = 1;',
      Math.min(N, 20000),
      'TRUNCATE bench_state; INSERT INTO bench_state VALUES (1, 0)',
    );
    for (const size of [1000, 5000])
      await add(`pkg-append (${size})`, "CALL bench_pkg.add_item('item ' || i);", size, 'SELECT bench_pkg.opg_set_g_list(NULL)');
    const check = (await c.query('SELECT bench_pkg.item_count() AS n')).rows[0].n;

    const base = rows.find((r) => r[0] === 'call-noop')?.[2] ?? 1;
    console.log(`package state overhead — PostgreSQL ${version}, N = ${N.toLocaleString('en-US')}, best of 3`);
    console.log('case                 iterations   µs/op   × CALL of an empty procedure');
    for (const [name, n, us] of rows)
      console.log(`${name.padEnd(20)} ${n.toLocaleString('en-US').padStart(10)}  ${us.toFixed(2).padStart(6)}   ${(us / base).toFixed(1)}`);
    console.log(`(pkg-append check: the collection holds ${check} elements after the last run)`);
  } finally {
    await c.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(String(err?.stack ?? err));
  process.exit(1);
});
