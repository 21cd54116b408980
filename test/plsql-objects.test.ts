/**
 * Behaviour on PostgreSQL 15 of converted object-type code and conditional compilation:
 * generalized invocation (SELF AS supertype).m(), methods on collection elements, inherited member
 * procedures, TREAT up to a supertype, SET(collection), MULTISET operators, and $IF branches chosen for the target
 * Oracle version and flags. Each conversion is applied in a transaction that is rolled back.
 * Skipped with a message when no server answers on 127.0.0.1:5432.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConvertOptions, convertText, PHASES } from '../src/index.js';

const admin = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };
let client: pg.Client | undefined;

beforeAll(async () => {
  const c = new pg.Client(admin);
  try {
    await c.connect();
    client = c;
  } catch (e) {
    console.warn(`PostgreSQL server not reachable on 127.0.0.1:5432, object tests skipped: ${(e as Error).message}`);
  }
});

afterAll(async () => {
  await client?.end();
});

const fixture = (name: string) => readFileSync(`fixtures/plsql/${name}/input.sql`, 'utf8');

/** Converts `oracle`, applies it in a transaction, runs `check`, rolls back. */
async function withConverted(oracle: string, options: ConvertOptions, check: (c: pg.Client) => Promise<void>): Promise<void> {
  const r = convertText(oracle, options);
  const c = client!;
  await c.query('BEGIN');
  try {
    for (const phase of PHASES) await c.query(r.phases[phase]);
    await check(c);
  } finally {
    await c.query('ROLLBACK');
  }
}

const one = async (c: pg.Client, sql: string) => Object.values((await c.query(sql)).rows[0])[0];

describe('object types, SET and conditional compilation on PostgreSQL 15', () => {
  it('calls the supertype method, methods of collection elements and inherited procedures', async (ctx) => {
    if (!client) ctx.skip();
    await withConverted(fixture('object-method-calls'), {}, async (c) => {
      const list = "ARRAY[ROW('a', 2)::ring, ROW('b', 1)::ring]::ring_list";
      // describe() of a circle calls shape's describe() through (SELF AS shape), then adds r=…;
      // set_name (inherited from shape) renames l_c, TREAT(l_c AS shape) keeps the new name.
      expect(await one(c, `SELECT rings_report(${list})`)).toBe('shape a r=2;shape b r=1;shape renamed area=12');
    });
  });

  it('SET keeps each element once in first-occurrence order, one NULL, NULL for NULL', async (ctx) => {
    if (!client) ctx.skip();
    await withConverted(fixture('collection-set-function'), {}, async (c) => {
      expect(await one(c, 'SELECT distinct_nums(ARRAY[3, 1, 3, NULL, 1, NULL, 2])::text')).toBe('{3,1,NULL,2}');
      expect(await one(c, "SELECT distinct_nums('{}')::text")).toBe('{}');
      expect(await one(c, 'SELECT distinct_nums(NULL) IS NULL')).toBe(true);
    });
  });

  it('MULTISET UNION [ALL | DISTINCT] / EXCEPT DISTINCT, an element of a function result', async (ctx) => {
    if (!client) ctx.skip();
    await withConverted(fixture('collection-multiset-operators'), {}, async (c) => {
      expect(await one(c, 'SELECT ms_union_all(ARRAY[1, 2, 2], ARRAY[2, 3])::text')).toBe('{1,2,2,2,3}');
      expect(await one(c, 'SELECT ms_union_all(ARRAY[1], NULL) IS NULL')).toBe(true);
      expect(await one(c, 'SELECT ms_union(ARRAY[3, 1, 3], ARRAY[2, 1, 4])::text')).toBe('{3,1,2,4}');
      expect(Number(await one(c, 'SELECT ms_except_count(ARRAY[1, 2, 2, 3, NULL], ARRAY[2])'))).toBe(3);
      expect(Number(await one(c, 'SELECT second_of_union(ARRAY[7], ARRAY[8, 9])'))).toBe(8);
    });
  });

  it('selects $IF branches for the target Oracle version and flags', async (ctx) => {
    if (!client) ctx.skip();
    const oracle = fixture('conditional-compilation');
    await withConverted(oracle, {}, async (c) => {
      expect(await one(c, 'SELECT cc_version_info()')).toBe('CC_VERSION_INFO:modern:12.2+');
    });
    await withConverted(oracle, { oracleVersion: '12.1' }, async (c) => {
      expect(await one(c, 'SELECT cc_version_info()')).toBe('CC_VERSION_INFO:legacy:12.1');
    });
    // With the flag set, the trace branch is compiled: it writes a notice.
    const notices: string[] = [];
    client!.on('notice', (n) => notices.push(n.message ?? ''));
    await withConverted(oracle, { ccflags: { trace_on: 'TRUE' } }, async (c) => {
      expect(await one(c, 'SELECT cc_version_info()')).toBe('CC_VERSION_INFO:modern:12.2+');
    });
    expect(notices).toContain('trace: CC_VERSION_INFO:modern:12.2+');
    // Oracle 11g: the branch with $ERROR is selected, the unit is not converted.
    const r = convertText(oracle, { oracleVersion: '11.2' });
    expect(r.findings.some((f) => f.id === 'OPG-PLSQL-0002' && f.message.includes('$ERROR'))).toBe(true);
    expect(r.phases.code).toContain('NOT CONVERTED');
  });
});
