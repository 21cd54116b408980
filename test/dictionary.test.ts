/**
 * Oracle data dictionary views → pg_catalog queries (rules/dictionary.ts). Offline: every mapped
 * view converts and parses, the findings say what was mapped / what is missing, sources' own tables
 * win over the dictionary. On PostgreSQL 15: objects created by converted Oracle DDL in the schema
 * of a role, then converted dictionary queries run as that role and return the rows Oracle documents
 * (names in Oracle's spelling, USER_ views = the user's schema, %TYPE / %ROWTYPE of views).
 */

import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { convert, PHASES } from '../src/index.js';
import { VIEWS } from '../src/rules/dictionary-views.js';
import { translate } from '../src/translate/index.js';
import { ADMIN, scratchDatabase } from './pg-scratch.js';

/** translate() of one statement (the terminating ";" added), its SQL without the final ";". */
const tr = (sql: string) => {
  const r = translate(`${sql};`);
  return { ...r, sql: r.sql.trim().replace(/;$/, '') };
};
const ids = (sql: string) => tr(sql).findings.map((f) => f.id);

const names = Object.entries(VIEWS).flatMap(([k, v]) =>
  v.prefixes ? v.prefixes.map((p) => `${p}_${k}`) : [k],
);

describe('dictionary views (conversion)', () => {
  it('maps every listed view, with or without SYS. / PUBLIC.', () => {
    for (const n of [...names, 'SYS.ALL_OBJECTS', 'SYS.V$VERSION', 'CDB_OBJECTS']) {
      const r = tr(`SELECT * FROM ${n}`);
      expect(
        r.findings.map((f) => f.id),
        n,
      ).toEqual(['OPG-DICT-0001']);
      if (!/(SYNONYMS|ERRORS)$/.test(n))
        expect(r.sql, n).toMatch(/pg_catalog\.|current_setting|version\(\)|current_database\(\)/);
    }
  });

  it('exposes the columns the query uses under the view alias, in Oracle order for *', () => {
    const r = tr("SELECT o.object_name FROM user_objects o WHERE o.object_type = 'TABLE'");
    expect(r.sql).toMatch(
      /^SELECT o\.object_name FROM \(SELECT opg_d\.object_name AS object_name, opg_d\.object_type AS object_type FROM \(/,
    );
    expect(r.sql).toMatch(
      /\) opg_d WHERE opg_d\.owner = CASE WHEN CURRENT_USER = lower\(CURRENT_USER\) THEN upper\(CURRENT_USER\) ELSE CURRENT_USER::text END\) o WHERE o\.object_type = 'TABLE'$/,
    );
    const star = tr('SELECT * FROM nls_session_parameters').sql;
    expect(star).toMatch(
      /^SELECT \* FROM \(SELECT opg_d\.parameter AS parameter, opg_d\.value AS value FROM /,
    );
  });

  it('reports the Oracle semantics that differ, for the columns used', () => {
    const f = tr('SELECT status, last_ddl_time FROM all_objects').findings;
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('info');
    expect(f[0].message).toContain("STATUS always 'VALID'");
    expect(f[0].message).toContain('LAST_DDL_TIME always NULL');
  });

  it('reports a column the mapping cannot provide and keeps the statement as not converted', () => {
    const r = tr('SELECT o.origin_con_id, o.object_name FROM all_objects o');
    expect(r.findings.map((f) => [f.id, f.message])).toContainEqual([
      'OPG-DICT-0002',
      'ALL_OBJECTS: column(s) ORIGIN_CON_ID not provided by the PostgreSQL mapping of the view',
    ]);
  });

  it('looks at the subqueries that can see the view, not at those that name its alias again', () => {
    // o.origin_con_id of the inner query is the table's column, and its * is the table's.
    const r = tr(
      'SELECT o.object_name FROM all_objects o WHERE EXISTS (SELECT * FROM app_log o WHERE o.origin_con_id = 1) AND o.object_id IN (SELECT x.id FROM ids x WHERE x.name = o.object_type)',
    );
    expect(r.findings.map((f) => f.id)).toEqual(['OPG-DICT-0001']);
    expect(r.sql).toMatch(
      /^SELECT o\.object_name FROM \(SELECT opg_d\.object_name AS object_name, opg_d\.object_id AS object_id, opg_d\.object_type AS object_type FROM /,
    );
  });

  it('keeps the old finding for views that are not mapped', () => {
    expect(ids('SELECT * FROM user_dependencies')).toEqual(['OPG-EXPR-0004']);
    expect(ids('SELECT * FROM v$lock')).toEqual(['OPG-EXPR-0004']);
  });

  it('leaves a table of the sources, or a WITH query, named like a dictionary view alone', () => {
    const r = translate('CREATE TABLE user_roles (id NUMBER);\nSELECT id FROM user_roles;');
    expect(r.sql).toContain('SELECT id FROM user_roles');
    expect(r.findings.some((f) => f.id.startsWith('OPG-DICT'))).toBe(false);
    const w = tr('WITH all_tables AS (SELECT 1 AS x FROM dual) SELECT x FROM all_tables');
    expect(w.findings.some((f) => f.id.startsWith('OPG-DICT'))).toBe(false);
  });

  it('spells USER and SYS_CONTEXT user / schema names as Oracle does', () => {
    const r = tr("SELECT USER, sys_context('USERENV', 'CURRENT_SCHEMA') FROM dual");
    expect(r.sql).toBe(
      'SELECT CASE WHEN CURRENT_USER = lower(CURRENT_USER) THEN upper(CURRENT_USER) ELSE CURRENT_USER::text END, ' +
        'CASE WHEN CURRENT_SCHEMA = lower(CURRENT_SCHEMA) THEN upper(CURRENT_SCHEMA) ELSE CURRENT_SCHEMA::text END',
    );
  });
});

// ── PostgreSQL 15 ─────────────────────────────────────────────────────────────────────────

const role = `orapg_dict_app_${process.pid}`;
const converted = convert(['fixtures/plsql/data-dictionary/input.sql']);

const db = scratchDatabase('dict', 'data dictionary', async (s) => {
  await s.query(`DROP ROLE IF EXISTS ${role}`);
  await s.query(`CREATE ROLE ${role}`);
  await s.query(`CREATE SCHEMA ${role} AUTHORIZATION ${role}`);
  const dbName = (await s.query('SELECT current_database() AS d')).rows[0].d as string;
  await s.query(`GRANT CREATE ON DATABASE ${dbName} TO ${role}`);
  await s.query(`SET ROLE ${role}; SET search_path = ${role}`);
  for (const phase of PHASES) await s.query(converted.phases[phase]);
  await s.query('GRANT SELECT ON emp TO PUBLIC; GRANT EXECUTE ON FUNCTION table_exists TO PUBLIC');
});

async function asApp(): Promise<pg.Client> {
  const c = await db.session();
  await c.query(`SET ROLE ${role}; SET search_path = ${role}; SET DateStyle = 'ISO, MDY'`);
  return c;
}

const rows = async (c: pg.Client, oracleSql: string): Promise<unknown[][]> => {
  const t = tr(oracleSql);
  const r = await c.query({ text: t.sql, rowMode: 'array' });
  return r.rows.map((row: unknown[]) =>
    row.map((v) => (v === null ? null : typeof v === 'object' ? v : String(v))),
  );
};

describe('dictionary views (PostgreSQL 15)', () => {
  it('runs every mapped view, all columns', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await asApp();
    try {
      for (const n of names) {
        const r = await c.query(tr(`SELECT * FROM ${n}`).sql).catch((e: Error) => e);
        expect(r instanceof Error ? `${n}: ${r.message}` : n).toBe(n);
      }
      // The counts that do not depend on the server: one row per NLS parameter, one version row.
      expect(await rows(c, 'SELECT count(*) FROM nls_session_parameters')).toEqual([['17']]);
      expect(await rows(c, 'SELECT count(*) FROM product_component_version')).toEqual([['1']]);
    } finally {
      await c.end();
    }
  });

  it('USER_OBJECTS, USER_TAB_COLUMNS, ALL_USERS as Oracle shows them', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await asApp();
    try {
      expect(
        await rows(
          c,
          "SELECT object_name, object_type FROM user_objects WHERE object_type = 'TABLE' ORDER BY 1",
        ),
      ).toEqual([
        ['DEPT', 'TABLE'],
        ['EMP', 'TABLE'],
      ]);
      expect(
        await rows(
          c,
          "SELECT column_name, data_type, nullable, data_length, data_precision, data_scale FROM user_tab_columns WHERE table_name = 'EMP' ORDER BY column_id",
        ),
      ).toEqual([
        ['EMPNO', 'NUMBER', 'N', '22', null, '0'],
        ['ENAME', 'VARCHAR2', 'Y', '40', null, null],
        ['SALARY', 'NUMBER', 'Y', '22', '9', '2'],
        ['HIREDATE', 'DATE', 'N', '7', null, null],
        ['DEPTNO', 'NUMBER', 'Y', '22', null, '0'],
      ]);
      expect(await rows(c, 'SELECT username FROM all_users WHERE username = USER')).toEqual([
        [role.toUpperCase()],
      ]);
      expect(
        await rows(
          c,
          "SELECT object_type, count(*) FROM user_objects WHERE object_name IN ('EMP_SEQ', 'EMP_NAMES', 'EMP_API', 'TABLE_EXISTS', 'EMP_PK') GROUP BY object_type ORDER BY 1",
        ),
      ).toEqual([
        ['FUNCTION', '1'],
        ['INDEX', '1'],
        ['SEQUENCE', '1'],
        ['VIEW', '1'],
      ]);
      // Another role's view of the same schema: USER_ views are the user's own schema only.
      expect(await rows(c, "SELECT count(*) FROM all_objects WHERE owner = 'PG_CATALOG'")).toEqual([['0']]);
    } finally {
      await c.end();
    }
  });

  it('constraints, indexes, sequences, comments, NLS parameters, version, global name', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await asApp();
    try {
      expect(
        await c
          .query('SELECT * FROM my_constraints ORDER BY 1, 5')
          .then((r) => r.rows.map((x) => Object.values(x))),
      ).toEqual([
        ['DEPT_PKEY', 'P', 'DEPT', 'DEPTNO', '1', null],
        ['EMP_DEPT_FK', 'R', 'EMP', 'DEPTNO', '1', 'DEPT_PKEY'],
        ['EMP_PK', 'P', 'EMP', 'EMPNO', '1', null],
        ['EMP_SALARY_CK', 'C', 'EMP', 'SALARY', null, null],
      ]);
      expect(
        await rows(c, "SELECT index_name, uniqueness FROM user_indexes WHERE table_name = 'EMP'"),
      ).toEqual([['EMP_PK', 'UNIQUE']]);
      expect(await rows(c, 'SELECT sequence_name, increment_by, last_number FROM user_sequences')).toEqual([
        ['EMP_SEQ', '10', '100'],
      ]);
      expect(await rows(c, "SELECT comments FROM user_tab_comments WHERE table_name = 'EMP'")).toEqual([
        ['Employees'],
      ]);
      expect(
        await rows(c, "SELECT value FROM nls_session_parameters WHERE parameter = 'NLS_DATE_FORMAT'"),
      ).toEqual([['YYYY-MM-DD HH24:MI:SS']]);
      // The format describes what a converted DATE (timestamp(0)) looks like as text.
      expect(
        await rows(
          c,
          "SELECT to_char(to_date('2024-03-05 10:11:12', 'YYYY-MM-DD HH24:MI:SS'), value) FROM nls_session_parameters WHERE parameter = 'NLS_DATE_FORMAT'",
        ),
      ).toEqual([[(await c.query("SELECT '2024-03-05 10:11:12'::timestamp(0)::text AS t")).rows[0].t]]);
      const [[banner]] = await rows(c, 'SELECT banner FROM v$version');
      expect(banner).toMatch(/^PostgreSQL 15/);
      const [[global]] = await rows(c, 'SELECT global_name FROM global_name');
      expect(global).toBe(
        ((await c.query('SELECT current_database() AS d')).rows[0].d as string).toUpperCase(),
      );
      expect(await rows(c, 'SELECT count(*) FROM user_synonyms')).toEqual([['0']]);
      expect(
        await rows(
          c,
          'SELECT trigger_name, trigger_type, triggering_event, table_name, status FROM user_triggers',
        ),
      ).toEqual([['EMP_BI', 'BEFORE EACH ROW', 'INSERT OR UPDATE', 'EMP', 'ENABLED']]);
      expect(
        (
          await c.query({
            text: "SELECT * FROM my_procedures WHERE object_name IN ('EMP_API', 'TABLE_EXISTS') ORDER BY 1, 2 NULLS FIRST",
            rowMode: 'array',
          })
        ).rows,
      ).toEqual([
        ['EMP_API', null, 'PACKAGE'],
        ['EMP_API', 'HEADCOUNT', 'PACKAGE'],
        ['TABLE_EXISTS', null, 'FUNCTION'],
      ]);
      const grants =
        "SELECT grantee, table_name, privilege, type FROM user_tab_privs WHERE table_name IN ('EMP', 'TABLE_EXISTS') ORDER BY 2";
      expect(await rows(c, grants)).toEqual([
        ['PUBLIC', 'EMP', 'SELECT', 'TABLE'],
        ['PUBLIC', 'TABLE_EXISTS', 'EXECUTE', 'FUNCTION'],
      ]);
      expect(
        await rows(c, "SELECT grantee, table_schema, privilege FROM all_tab_privs WHERE table_name = 'EMP'"),
      ).toEqual([['PUBLIC', role.toUpperCase(), 'SELECT']]);
      expect(
        await rows(c, "SELECT segment_type, bytes FROM user_segments WHERE segment_name = 'EMP'"),
      ).toEqual([['TABLE', '0']]);
      expect(await rows(c, "SELECT value FROM v$parameter WHERE name = 'DateStyle'")).toEqual([['ISO, MDY']]);
      expect(await rows(c, 'SELECT status, instance_role FROM v$instance')).toEqual([
        ['OPEN', 'PRIMARY_INSTANCE'],
      ]);
      // --schema-map HR=<schema>: the dictionary names the schema HR again.
      const mapped = translate("SELECT owner, table_name FROM all_tables WHERE owner = 'HR' ORDER BY 2;", {
        schemaMap: { HR: role },
      });
      expect((await c.query({ text: mapped.sql, rowMode: 'array' })).rows).toEqual([
        ['HR', 'DEPT'],
        ['HR', 'EMP'],
      ]);
    } finally {
      await c.end();
    }
  });

  it('converted PL/SQL: existence checks, %TYPE and %ROWTYPE of views, ALL_SOURCE lines', async (ctx) => {
    if (!db.ready) ctx.skip();
    const c = await asApp();
    try {
      const r = await c.query(
        "SELECT table_exists('emp') AS a, table_exists('nope') AS b, package_exists('emp_api') AS p, package_exists('emp') AS q, session_date_format() AS f, first_source_line('TABLE_EXISTS') AS l",
      );
      expect(r.rows[0]).toEqual({
        a: '1',
        b: '0',
        p: '1',
        q: '0',
        f: 'YYYY-MM-DD HH24:MI:SS',
        l: `CREATE OR REPLACE FUNCTION ${role}.table_exists(p_name character varying)\n`,
      });
      // A package collection of NLS_SESSION_PARAMETERS%ROWTYPE: a composite type of the view's columns.
      expect(
        (await c.query('SELECT p.parameter, p.value FROM unnest(nls_api.date_formats()) p')).rows,
      ).toEqual([
        { parameter: 'NLS_DATE_FORMAT', value: 'YYYY-MM-DD HH24:MI:SS' },
        { parameter: 'NLS_TIMESTAMP_FORMAT', value: 'YYYY-MM-DD HH24:MI:SS.FF6' },
      ]);
      // The function whose column is not provided was kept as a comment: it does not exist.
      expect(
        (await c.query("SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'object_edition'")).rows[0].n,
      ).toBe(0);
    } finally {
      await c.end();
    }
  });
});

// The role outlives the scratch database: its objects and grants go first, then the role.
afterAll(async () => {
  if (!db.ready) return;
  const s = await db.session();
  await s.query(`DROP OWNED BY ${role} CASCADE`);
  await s.end();
  const c = new pg.Client(ADMIN);
  await c.connect();
  await c.query(`DROP ROLE IF EXISTS ${role}`);
  await c.end();
});
