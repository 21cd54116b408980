/**
 * DDL of anonymous blocks' EXECUTE IMMEDIATE (convert/block-ddl.ts): the objects an install block
 * creates exist in the converted schema, and a routine using them compiles and runs (PGlite).
 */
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertSources } from '../src/convert/index.js';

const dir = 'fixtures/ddl/block-execute-immediate-ddl';
let db: PGlite;

beforeAll(async () => {
  db = new PGlite();
  await db.waitReady;
  await db.exec('SET check_function_bodies = on');
  await db.exec(readFileSync(`${dir}/expected.pg.sql`, 'utf8'));
});
afterAll(async () => {
  await db.close();
});

describe("DDL of an anonymous block's EXECUTE IMMEDIATE", () => {
  it('creates the table, its comment, index and the sequence; not the DDL built at run time', async () => {
    const rel = async (name: string) =>
      (await db.query<{ r: string | null }>(`SELECT to_regclass('${name}')::text AS r`)).rows[0].r;
    expect(await rel('run_log')).toBe('run_log');
    expect(await rel('run_log_started_ix')).toBe('run_log_started_ix');
    expect(await rel('run_seq')).toBe('run_seq');
    const runTime = await db.query(
      "SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE 'built_at_run_time%'",
    );
    expect(runTime.rows).toEqual([{ n: 0 }]);
    expect(await rel('unreadable_t')).toBeNull();
    // The text of a variable assigned one literal, completed by || in the EXECUTE IMMEDIATE.
    expect(await rel('run_output')).toBe('run_output');
    const c = await db.query<{ c: string }>("SELECT obj_description('run_log'::regclass, 'pg_class') AS c");
    expect(c.rows[0].c).toBe('One row per run (created by an install block)');
  });

  it('a routine using the table runs', async () => {
    await db.exec("CALL log_run('first')");
    await db.exec("CALL log_run('second')");
    const rows = await db.query<{ note: string; run_no: string }>(
      'SELECT note, run_no FROM run_log ORDER BY run_no',
    );
    expect(rows.rows).toEqual([
      { note: 'first', run_no: '10' },
      { note: 'second', run_no: '11' },
    ]);
    // run_no was declared `unique not null`: both constraints hold.
    await expect(db.exec("INSERT INTO run_log (run_id, run_no) VALUES ('\\x01', 10)")).rejects.toThrow(
      /unique/,
    );
    await expect(db.exec("INSERT INTO run_log (run_id) VALUES ('\\x02')")).rejects.toThrow(/null/);
  });

  it('a second creation of the same table in a block is left out (the block tested existence)', () => {
    const block = (cols: string) =>
      `declare n number; begin select count(*) into n from user_tables where table_name = 'T';\n` +
      `if n = 0 then execute immediate 'create table t (${cols})'; end if; end;\n/\n`;
    const r = convertSources([{ file: 'a.sql', text: `create table t (a number);\n${block('b number')}` }]);
    const tables = r.objects.filter((o) => o.objectType === 'TABLE');
    expect(tables.map((o) => o.object)).toEqual(['TABLE T']);
    expect(r.phases['pre-data']).toContain('a numeric');
    expect(r.phases['pre-data']).not.toContain('b numeric');
  });
});
