/** translate(): script order, comments and layout, SQL*Plus commands, binds; the CLI; a script run on PostgreSQL 15 with psql. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';
import { translate } from '../src/translate/index.js';

const script = readFileSync('fixtures/translate/app-script/input.sql', 'utf8');

async function cli(args: string[], stdin?: string) {
  // The CLI reads stdin through fd 0: run it in a child process when stdin matters.
  if (stdin !== undefined) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], {
      input: stdin,
      encoding: 'utf8',
    });
    return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
  }
  let out = '';
  let err = '';
  const code = await main(['node', 'orapg', ...args], { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('translate()', () => {
  const r = translate(script, { file: 'app.sql' });

  it('matches the golden translation of the whole script (UPDATE_GOLDEN=1 rewrites it; read the diff)', () => {
    const golden = 'fixtures/translate/app-script/expected.pg.sql';
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, r.sql);
    expect(r.sql).toBe(readFileSync(golden, 'utf8'));
  });

  it('keeps the statements in their original order', () => {
    const kinds = r.statements.map((s) => s.kind).filter((k) => k !== 'comment');
    expect(kinds).toEqual([
      'sqlplus:SET',
      'sqlplus:WHENEVER',
      'sqlplus:PROMPT',
      'create-table',
      'create-sequence',
      'create-table',
      'plsql-unit',
      'insert',
      'insert',
      'insert',
      'insert',
      'insert',
      'insert',
      'plsql-unit',
      'transaction',
      'select',
    ]);
    // Every statement's source location points at its first line in the script.
    const lines = script.split('\n');
    for (const s of r.statements.filter((x) => x.kind !== 'comment'))
      expect(lines[s.source.line - 1].slice(s.source.column - 1)).toMatch(/^\S/);
  });

  it('keeps comments and blank-line layout, and maps SQL*Plus commands to psql', () => {
    expect(r.sql).toMatch(/^-- Application test script/);
    expect(r.sql).toContain('/* reference data */');
    expect(r.sql).toContain('\\set ON_ERROR_STOP on');
    expect(r.sql).toContain('\\echo Creating the order tables');
    expect(r.sql).toContain('-- SQL*Plus SET SERVEROUTPUT ON');
    expect(r.sql).toMatch(/\n\nCREATE TABLE customers/);
  });

  it('turns anonymous blocks into DO blocks and triggers into functions', () => {
    expect(r.sql).toMatch(/DO \$body\$\nDECLARE/);
    expect(r.sql).toContain('RAISE NOTICE');
    expect(r.sql).toContain('CREATE TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW');
  });

  it('numbers bind variables per statement in dollar mode and reports them', () => {
    const t = translate(
      'SELECT * FROM t WHERE a = :a AND b = :b OR a = :a;\nUPDATE t SET x = :1 WHERE id = :2;',
      { binds: 'dollar' },
    );
    expect(t.sql).toContain('WHERE a = $1 AND b = $2 OR a = $1');
    expect(t.sql).toContain('SET x = $1 WHERE id = $2');
    expect(t.statements[0].binds).toEqual(['A', 'B']);
    expect(t.findings.filter((f) => f.id === 'OPG-DML-0009').map((f) => f.message)).toEqual([
      'Bind variables $1 = :a, $2 = :b',
      'Bind variables $1 = :1, $2 = :2',
    ]);
    const named = translate('select x from t where id = :id;');
    expect(named.sql).toContain('WHERE id = :id');
  });

  it('comments out what it cannot translate, with a located finding, and goes on', () => {
    const t = translate('select 1 from dual;\nselect frobnicate from from;\nselect 2 from dual;', {
      file: 'x.sql',
    });
    expect(t.sql.split('\n')[0]).toBe('SELECT 1;');
    expect(t.sql).toContain('-- orapg: could not be parsed:\n-- select frobnicate from from');
    expect(t.sql).toContain('SELECT 2;');
    const f = t.findings.find((x) => x.id === 'OPG-PARSE-0001');
    expect(f?.location).toMatchObject({ file: 'x.sql', line: 2 });
  });

  it('does not turn a SELECT … INTO outside PL/SQL into CREATE TABLE AS', () => {
    // Oracle accepts SELECT … INTO only in PL/SQL; PostgreSQL's SQL would create a table v_name.
    const t = translate('select name into v_name from emp where id = 1;\nbegin\n  select name into v_name from emp where id = 1;\nend;\n/\n');
    expect(t.sql).toContain('-- orapg: not translated: SELECT … INTO outside PL/SQL');
    expect(t.sql).toContain('SELECT name INTO STRICT v_name FROM emp WHERE id = 1;');
    expect(t.findings.filter((f) => f.id === 'OPG-EXPR-0004')).toHaveLength(1);
  });

  it('never copies a CONNECT password', () => {
    const t = translate('CONNECT scott/tiger@orcl\nselect 1 from dual;');
    expect(t.sql).not.toContain('tiger');
    expect(JSON.stringify(t)).not.toContain('tiger');
  });

  it('gives a TYPE BODY method the parameter defaults of its type specification', () => {
    const t = translate(readFileSync('fixtures/plsql/object-method-spec-defaults/input.sql', 'utf8'), {
      file: 'x.sql',
    });
    expect(t.sql).toContain(
      'counter_total(self counter, a_step numeric DEFAULT 1, a_times numeric DEFAULT 2)',
    );
    expect(t.sql).toContain('counter_bump(INOUT self counter, a_by numeric DEFAULT 5)');
  });
});

describe('orapg translate (CLI)', () => {
  it('reads stdin, writes stdout, and exits 0 (README example)', async () => {
    const r = await cli(['translate'], "select nvl(a,'x') from dual where rownum <= 3;\n");
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe("SELECT coalesce(a, 'x') FETCH FIRST 3 ROWS ONLY;");
  });

  it('writes -o, prints compiler-style findings on stderr, and honours --fail-on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orapg-tr-'));
    const input = join(dir, 'in.sql');
    writeFileSync(input, 'select * from t@remote_db where id = :r;\nselect 1 from dual;\n');
    const out = join(dir, 'out.sql');
    const ok = await cli(['translate', input, '-o', out, '--binds', 'dollar']);
    expect(ok.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('SELECT 1;');
    expect(ok.err).toMatch(/in\.sql:1:1: error OPG-EXPR-0004 /);
    const fail = await cli(['translate', input, '--fail-on', 'error']);
    expect(fail.code).toBe(1);
    const json = await cli(['translate', input, '--json']);
    expect(JSON.parse(json.out).statements).toHaveLength(2);
    expect((await cli(['translate', input, '--binds', 'nonsense'])).code).toBe(2);
  });
});

describe('a translated script on PostgreSQL 15 (psql -v ON_ERROR_STOP=1)', () => {
  const admin = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };
  const psql = spawnSync('psql', ['--version'], { encoding: 'utf8' });
  const runPsql = (db: string, file: string) =>
    execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', db, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-A', '-F', '|', '-t', '-f', file], {
      encoding: 'utf8',
      env: { ...process.env, PGTZ: 'UTC' },
    });

  /** A connection to the server, or the test skipped (with a message) when no server or no psql. */
  const serverOrSkip = async (ctx: { skip: () => void }) => {
    const c = new pg.Client(admin);
    try {
      await c.connect();
    } catch {
      console.warn('PostgreSQL server not reachable on 127.0.0.1:5432: psql script test skipped');
      ctx.skip();
    }
    if (psql.status !== 0) {
      console.warn('psql not installed: psql script test skipped');
      ctx.skip();
    }
    return c;
  };

  it('keeps SQL*Plus VARIABLE values across EXEC, anonymous blocks, OUT arguments, queries and PRINT', async (ctx) => {
    const c = await serverOrSkip(ctx);
    const oracle = [
      'VARIABLE n NUMBER',
      "VARIABLE s VARCHAR2(30) = 'start'",
      'VARIABLE unset NUMBER',
      'EXEC :n := 4',
      'CREATE TABLE t (id NUMBER PRIMARY KEY, label VARCHAR2(30));',
      "INSERT INTO t VALUES (:n, :s || '!');",
      'CREATE OR REPLACE PROCEDURE bump(p IN OUT NUMBER, q OUT VARCHAR2) IS',
      'BEGIN',
      "  p := p * 10; q := 'p=' || p;",
      'END;',
      '/',
      'EXEC bump(:n, :s)',
      'BEGIN',
      '  IF :unset IS NULL THEN :n := :n + 1; END IF;',
      '  RAISE NO_DATA_FOUND;',
      'EXCEPTION WHEN NO_DATA_FOUND THEN :s := :s || \' (handled)\';',
      'END;',
      '/',
      "SELECT id, label, :n AS n, NVL(:unset, -1) AS unset FROM t WHERE id = :n - 37;",
      'PRINT s',
      'PRINT n',
    ].join('\n');
    const t = translate(oracle, { file: 'vars.sql' });
    expect(t.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const db = `orapg_trv_${process.pid}`;
    await c.query(`CREATE DATABASE ${db}`);
    try {
      const dir = mkdtempSync(join(tmpdir(), 'orapg-trv-'));
      const file = join(dir, 'vars.pg.sql');
      writeFileSync(file, t.sql);
      // Oracle: n = 4, then 40 by the IN OUT argument, then 41 in the block; s = 'p=40' from the
      // OUT argument, then the handler appends; the row was inserted with the values of that time.
      expect(runPsql(db, file).trim().split('\n')).toEqual(['4|start!|41|-1', 'p=40 (handled)', '41']);
    } finally {
      await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await c.end();
    }
  });

  it('runs DDL, trigger, inserts, an anonymous block and the final query with the rows Oracle returns', async (ctx) => {
    const c = await serverOrSkip(ctx);
    const db = `orapg_tr_${process.pid}`;
    await c.query(`CREATE DATABASE ${db}`);
    try {
      const dir = mkdtempSync(join(tmpdir(), 'orapg-tr-'));
      const file = join(dir, 'app.pg.sql');
      writeFileSync(file, translate(script, { file: 'app.sql' }).sql);
      const out = runPsql(db, file);
      // Oracle: '' stored as NULL (country of Globex), NVL default note from the trigger, the
      // sequence numbering from 100, ADD_MONTHS keeping month ends (Jan 31 → Feb 29, Feb 29 → Mar 31),
      // and the customer without orders kept by the (+) join.
      expect(out.trim().split('\n').slice(-4)).toEqual([
        'Acme (350.5)|US|100|250.00|n/a|2024-02-29 00:00:00',
        'Acme (350.5)|US|101|100.50|rush|2024-03-31 00:00:00',
        'Globex|??|102|75.00|n/a|2024-04-15 00:00:00',
        'Initech|??||||',
      ]);
    } finally {
      await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await c.end();
    }
  });
});
