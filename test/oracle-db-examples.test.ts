/**
 * Constructs found in Oracle's own PL/SQL and SQL feature examples (oracle-samples/oracle-db-examples,
 * plsql/ and sql/ folders), run on PostgreSQL 15 from the converted output of golden fixtures
 * written for them: FOR loops over package cursors (pkg.cursor, with its query in the spec, in the
 * body, with parameters); FORALL over EXECUTE IMMEDIATE with SQL%BULK_ROWCOUNT / SQL%ROWCOUNT;
 * qualified expressions (INDEX BY tables with index choices, string-indexed arrays, records by
 * position and by field name); type body methods declared PARALLEL_ENABLE (PARTITION … BY …).
 * translate() of a script that drops and re-creates its tables keeps their names, and creates a
 * package's schema before its objects; a SQL statement left without ";" before a blank line and
 * the next statement ends at the blank line; calls of a TYPE BODY's methods after it; NUMBER
 * arguments of PLS_INTEGER / INTEGER parameters. Skipped with a message when no server answers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitScript } from '../src/source/script.js';
import { translate } from '../src/translate/index.js';
import { one, scratchDatabase } from './pg-scratch.js';

const FIXTURES = [
  'plsql/package-cursor-for-loop',
  'plsql/forall-execute-immediate',
  'plsql/qualified-expressions',
  'plsql/type-method-parallel-enable',
  'plsql/call-number-to-integer-param',
];
const db = scratchDatabase('odbex', 'oracle-db-examples construct', async (s) => {
  for (const f of FIXTURES) await s.query(readFileSync(`fixtures/${f}/expected.pg.sql`, 'utf8'));
});

describe('constructs of the Oracle feature examples (PostgreSQL 15)', () => {
  it('FOR rec IN pkg.cursor [(args)] LOOP reads the package cursor, whether its query is in the spec or the body', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query(
        "INSERT INTO pcl_staff VALUES (1, 'Ann', 10), (2, 'Bob', NULL), (3, 'Cy', 10), (4, 'Di', 20)",
      );
      expect(await one(a, 'SELECT pcl_names(10)')).toBe('1:Ann 2:Bob 3:Cy 4:Di nodept=Bob dept=Ann dept=Cy');
      expect(await one(a, 'SELECT pcl_names(20)')).toBe('1:Ann 2:Bob 3:Cy 4:Di nodept=Bob dept=Di');
    } finally {
      await a.end();
    }
  });

  it('FORALL … EXECUTE IMMEDIATE … USING c(i) runs the dynamic DML once per element, with SQL%BULK_ROWCOUNT and SQL%ROWCOUNT', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query("INSERT INTO fei_items VALUES (1, 'A', 0), (2, 'A', 0), (3, 'B', 5)");
      await a.query("CALL fei_add('{7,8}')");
      expect(Number(await one(a, "SELECT count(*) FROM fei_items WHERE grp = 'Z'"))).toBe(2);
      // A matches 2 rows, C none, Z the 2 inserted ones: 4 in all.
      expect(await one(a, "SELECT fei_bump('ACZ')")).toBe('total=4 A=2 C=0 Z=2');
      expect(Number(await one(a, 'SELECT sum(qty) FROM fei_items'))).toBe(9);
    } finally {
      await a.end();
    }
  });

  it('qualified expressions build INDEX BY tables by index (gaps, negative keys), string-indexed arrays and records', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      // Oracle: COUNT counts the three elements, FIRST / NEXT walk the keys in order.
      expect(await one(a, 'SELECT qe_ints()')).toBe('count=3 -5=>555 600=>55 200000=>5555 dense=4:10,30,70');
      // String keys in byte order (BINARY): 'LoeyJuna' < 'STEVEN' < 'Zed'.
      expect(await one(a, 'SELECT qe_strings()')).toBe('count=3 LoeyJuna=>555 STEVEN=>55 Zed=>5555');
      // Named fields in any order, a field not given is NULL.
      expect(await one(a, 'SELECT qe_records()')).toBe('Dodo/Mauritius/0 Elephant/Savannah/10000 1,2,none');
    } finally {
      await a.end();
    }
  });

  it('type body methods with PARALLEL_ENABLE (PARTITION p BY …) are converted and run', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      expect(Number(await one(a, 'SELECT tpe_counter_next_of(ROW(5)::tpe_counter, 10)'))).toBe(15);
      await a.query('BEGIN');
      await a.query('DECLARE c CURSOR FOR SELECT n FROM generate_series(1, 4) n');
      expect(Number(await one(a, "SELECT tpe_counter_total('c')"))).toBe(10);
      await a.query('COMMIT');
    } finally {
      await a.end();
    }
  });

  it('translate: DROP frees the name, so a table, index and sequence re-created after it keep their names', async (ctx) => {
    const r = translate(readFileSync('fixtures/translate/drop-recreate/input.sql', 'utf8'), {
      file: 'input.sql',
    });
    expect(r.sql).toBe(readFileSync('fixtures/translate/drop-recreate/expected.pg.sql', 'utf8'));
    expect(r.findings.filter((f) => f.id === 'OPG-NAME-0002')).toEqual([]);
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      for (const s of r.statements)
        if (s.target && !s.kind.startsWith('sqlplus') && s.kind !== 'comment') await a.query(s.target);
      expect((await a.query('SELECT name, moons::int FROM dr_planets ORDER BY name')).rows).toEqual([
        { name: 'Earth', moons: 10 },
        { name: 'Mars', moons: 11 },
      ]);
      expect(await one(a, "SELECT indexdef FROM pg_indexes WHERE indexname = 'dr_planets_ix'")).toMatch(
        /lower/,
      );
    } finally {
      await a.end();
    }
  });

  it("translate: a package's schema is created before its objects; SYS.DBMS_OUTPUT.PUT_LINE is DBMS_OUTPUT's", async (ctx) => {
    const r = translate(readFileSync('fixtures/translate/package-script/input.sql', 'utf8'), {
      file: 'input.sql',
    });
    expect(r.sql).toBe(readFileSync('fixtures/translate/package-script/expected.pg.sql', 'utf8'));
    if (!db.ready) ctx.skip();
    const a = await db.session();
    const notices: string[] = [];
    a.on('notice', (n) => notices.push(n.message ?? ''));
    try {
      for (const s of r.statements)
        if (s.target && !s.kind.startsWith('sqlplus') && s.kind !== 'comment') await a.query(s.target);
      expect(notices).toContain('twice 21 = 42');
      expect(await one(a, 'SELECT msg FROM ps_log')).toBe('after:1');
    } finally {
      await a.end();
    }
  });

  it('translate: a statement without ";" before a blank line and the next statement ends there (OPG-PARSE-0010)', async (ctx) => {
    const r = translate(readFileSync('fixtures/translate/blank-line-ends-statement/input.sql', 'utf8'), {
      file: 'input.sql',
    });
    expect(r.sql).toBe(readFileSync('fixtures/translate/blank-line-ends-statement/expected.pg.sql', 'utf8'));
    expect(r.findings.filter((f) => f.id === 'OPG-PARSE-0010').map((f) => f.location?.line)).toEqual([9, 21]);
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      for (const s of r.statements)
        if (s.target && !s.kind.startsWith('sqlplus') && s.kind !== 'comment') await a.query(s.target);
      expect((await a.query('SELECT id::int, name FROM bl_names ORDER BY id')).rows).toEqual([
        { id: 1, name: 'Eli' },
        { id: 2, name: 'Steven' },
        { id: 3, name: 'Juna' },
      ]);
    } finally {
      await a.end();
    }
  });

  it('the splitter keeps blank lines inside a statement when no statement follows them, and always with SQLBLANKLINES ON', () => {
    const texts = (sql: string) =>
      splitScript(sql, 'x.sql')
        .items.filter((i) => i.kind === 'statement')
        .map((i) => i.text.replace(/\s+/g, ' ').trim());
    // A column named COL (a SQL*Plus command word) after a blank line continues the CREATE TABLE.
    expect(texts('create table t (a int,\n\ncol varchar2(5));\nselect 1 from dual;')).toEqual([
      'create table t (a int, col varchar2(5))',
      'select 1 from dual',
    ]);
    expect(texts('update t\n\nset a = 1;')).toEqual(['update t set a = 1']);
    // SQLBLANKLINES ON: the blank line is part of the statement, as in SQL*Plus.
    expect(texts('set sqlblanklines on\ngrant select on t to u\n\ndelete from t;')).toEqual([
      'grant select on t to u delete from t',
    ]);
    expect(texts('grant select on t to u\n\ndelete from t;')).toEqual([
      'grant select on t to u',
      'delete from t',
    ]);
    // A query after a blank line: a new statement, unless what comes before goes on with a query.
    expect(texts('select 1 from dual\n\nselect 2 from dual;')).toEqual([
      'select 1 from dual',
      'select 2 from dual',
    ]);
    expect(texts('select 1 from dual union all\n\nselect 2 from dual;')).toEqual([
      'select 1 from dual union all select 2 from dual',
    ]);
    expect(texts('create view v as\n\nselect 1 x from dual;')).toEqual([
      'create view v as select 1 x from dual',
    ]);
    expect(texts('insert into t (a)\n\nselect 1 from dual;')).toEqual([
      'insert into t (a) select 1 from dual',
    ]);
  });

  it('translate: calls after a TYPE BODY reach its methods (member with and without parentheses, static)', async (ctx) => {
    const r = translate(readFileSync('fixtures/translate/type-body-script/input.sql', 'utf8'), {
      file: 'input.sql',
    });
    expect(r.sql).toBe(readFileSync('fixtures/translate/type-body-script/expected.pg.sql', 'utf8'));
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      for (const s of r.statements)
        if (s.target && !s.kind.startsWith('sqlplus') && s.kind !== 'comment') await a.query(s.target);
      expect((await a.query('SELECT msg FROM tb_log')).rows.map((x) => x.msg)).toEqual([
        '21 EUR',
        '42 EUR',
        '0 USD',
      ]);
    } finally {
      await a.end();
    }
  });

  it('a NUMBER argument of a PLS_INTEGER / INTEGER parameter is converted (rounded) as Oracle does, a BINARY_DOUBLE one of a NUMBER parameter too', async (ctx) => {
    if (!db.ready) ctx.skip();
    const a = await db.session();
    try {
      await a.query("CALL cni_pkg.run(1.25, '2024-01-01', '2024-01-10')");
      // 1.25 → 1, -1.25 → -1, 10 days counted inclusively, 2.5 → INTEGER 3, 0.5D → 0.5.
      expect((await a.query('SELECT what, n::text FROM cni_log ORDER BY what')).rows).toEqual([
        { what: 'days', n: '10' },
        { what: 'double', n: '0.5' },
        { what: 'int', n: '3' },
        { what: 'n', n: '1' },
        { what: 'neg', n: '-1' },
      ]);
    } finally {
      await a.end();
    }
  });
});
