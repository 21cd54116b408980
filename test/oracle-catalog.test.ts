import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateIndex, CreateTable, CreateView, Statement } from '../src/ast/ddl.js';
import { convertSources } from '../src/convert/index.js';
import { convert } from '../src/index.js';
import { CatalogError, decodeOracleNumber, readCatalog } from '../src/source/oracle/catalog.js';
import { connectOracle, parseOracleTarget } from '../src/source/oracle/connection.js';
import { CATALOG_QUERIES } from '../src/source/oracle/queries.js';
import { parseSnapshot, type Snapshot, serializeSnapshot } from '../src/source/oracle/snapshot.js';
import { snapshotSource, snapshotToStatements } from '../src/source/oracle/to-model.js';
import { FakeOracleConnection, fakeDriver, loadRows, oraError, type Row } from './oracle-fake.js';
import { applyObjects, describeCatalog } from './oracle-pg.js';

const AT = '2024-03-02T10:00:00.000Z';
const hrRows = () => loadRows('hr_app/rows.json');

async function hrSnapshot(
  rows = hrRows(),
  opts = {},
): Promise<{ snapshot: Snapshot; conn: FakeOracleConnection }> {
  const conn = new FakeOracleConnection(rows, opts);
  const snapshot = await readCatalog(conn, { schemas: ['HR_APP'], capturedAt: AT });
  return { snapshot, conn };
}

const table = (s: Snapshot, name: string) => s.schemas[0].tables.find((t) => t.name === name)!;

describe('catalog reader on recorded rows (examples/hr as Oracle 19c shows it)', () => {
  let snapshot: Snapshot;
  let conn: FakeOracleConnection;
  beforeAll(async () => {
    ({ snapshot, conn } = await hrSnapshot());
  });

  it('runs one batched query per object family, for all owners at once', () => {
    const tags = conn.executed.map((e) => e.tag);
    expect(new Set(tags).size).toBe(tags.length);
    expect(tags).toEqual(['session', 'users', ...CATALOG_QUERIES.map((q) => q.name)]);
    for (const e of conn.executed.slice(1)) expect(e.binds).toEqual({ o0: 'HR_APP' });
    expect(snapshot.stats.queries).toBe(conn.executed.length);
    expect(snapshot.stats.roundTrips).toBe(conn.roundTrips - conn.executed.length + snapshot.stats.queries);
  });

  it('produces a versioned document that the zod schema accepts after a JSON round trip', () => {
    const json = serializeSnapshot(snapshot);
    const back = parseSnapshot(JSON.parse(json));
    expect(back.format).toBe('orapg-oracle-catalog');
    expect(back.version).toBe(1);
    expect(serializeSnapshot(back)).toBe(json);
    expect(back.source).toEqual({
      connectedAs: 'MIGRATOR',
      database: {
        name: 'ORCLPDB1',
        version: '19.0.0.0.0',
        characterSet: 'AL32UTF8',
        ncharCharacterSet: 'AL16UTF16',
      },
      schemas: ['HR_APP'],
    });
    const s = back.schemas[0];
    expect([s.tables.length, s.views.length, s.sequences.length, s.synonyms.length, s.code.length]).toEqual([
      24, 10, 14, 3, 25,
    ]);
    // SCOTT's rows are in the recording but were not asked for.
    expect(json).not.toContain('SCOTT');
    expect(() => parseSnapshot({ ...back, version: 2 })).toThrow(/version 2 is not supported/);
    expect(() => parseSnapshot({ ...back, schemas: [{ name: 'X' }] })).toThrow(
      /invalid snapshot: schemas\.0\.tables/,
    );
  });

  it('reads the catalog the way Oracle writes it', () => {
    const emp = table(snapshot, 'EMPLOYEES');
    const col = (n: string) => emp.columns.find((c) => c.name === n)!;
    expect(col('FIRST_NAME')).toMatchObject({
      dataType: 'VARCHAR2',
      length: 200,
      charLength: 50,
      charUsed: 'C',
    });
    expect(col('HIRE_DATE').default).toBe('TRUNC(SYSDATE)');
    expect(col('ANNUAL_SALARY')).toMatchObject({ virtual: true, default: 'ROUND("SALARY"*12*"FTE",2)' });
    expect(col('UPDATED_AT').dataType).toBe('TIMESTAMP(6) WITH LOCAL TIME ZONE');
    expect(emp.constraints.find((c) => c.name === 'EMPLOYEES_COMM_SALES_CK')).toMatchObject({
      enabled: false,
      validated: false,
    });
    expect(
      table(snapshot, 'DEPARTMENTS').constraints.find((c) => c.name === 'DEPARTMENTS_MANAGER_FK'),
    ).toMatchObject({
      deferrable: true,
      deferred: true,
      references: {
        owner: 'HR_APP',
        table: 'EMPLOYEES',
        constraint: 'EMPLOYEES_PK',
        columns: ['EMPLOYEE_ID'],
      },
    });
    expect(table(snapshot, 'PAY_PERIODS').columns[0].identity).toEqual({
      generation: 'BY DEFAULT',
      start: '1',
      increment: '1',
      minValue: '1',
      maxValue: '9999999999999999999999999999',
      cycle: false,
      cache: 20,
      order: false,
    });
    const te = table(snapshot, 'TIME_ENTRIES').partitioning!;
    expect(te.interval).toBe("NUMTOYMINTERVAL(1,'MONTH')");
    expect(te.partitions.map((p) => [p.name, !!p.interval])).toEqual([
      ['TIME_ENTRIES_HIST', false],
      ['SYS_P2031', true],
      ['SYS_P2032', true],
    ]);
    // An index-organized table has no table segment: its size is its primary key index.
    expect(table(snapshot, 'COUNTRIES')).toMatchObject({
      iot: true,
      stats: { bytes: 65536, bytesFrom: 'DBA_SEGMENTS' },
    });
    expect(table(snapshot, 'EMPLOYEE_DOCUMENTS').stats?.bytes).toBe(65536 + 734003200);
    expect(table(snapshot, 'PAYROLL_CALC_GTT').temporary).toBe('TRANSACTION');
    const views = snapshot.schemas[0].views;
    expect(views.find((v) => v.name === 'V_PAYSLIP_YTD')?.readOnly).toBe(true);
    expect(views.find((v) => v.name === 'V_PENDING_LEAVE_REQUESTS')?.checkOption).toEqual({
      constraint: 'V_PENDING_LEAVE_REQUESTS_CK',
    });
    const trig = snapshot.schemas[0].code.find((c) => c.name === 'EMPLOYEES_BIU')!;
    expect(trig).toMatchObject({ type: 'TRIGGER', table: 'EMPLOYEES', enabled: true, status: 'VALID' });
    expect(trig.text.startsWith('TRIGGER employees_biu\n')).toBe(true);
    expect(snapshot.roles).toEqual([
      { name: 'HR_CLERK', grantedRoles: ['HR_READER'] },
      { name: 'HR_READER', grantedRoles: [] },
    ]);
    expect(snapshot.schemas[0].grants.find((g) => g.columns)).toEqual({
      grantee: 'HR_CLERK',
      privilege: 'UPDATE',
      object: 'EMPLOYEES',
      columns: ['NATIVE_NAME', 'PHONE_NUMBER'],
      grantable: false,
    });
    const notes = table(snapshot, 'LEGACY_EMPLOYEE_NOTES').columns[0];
    expect(notes.stats).toEqual({ numDistinct: 48213, numNulls: 0, low: '1', high: '48213' });
  });

  it('is deterministic whatever order the rows come in', async () => {
    const rows = hrRows();
    for (const list of Object.values(rows)) list.reverse();
    const again = await hrSnapshot(rows);
    expect(serializeSnapshot(again.snapshot)).toBe(serializeSnapshot(snapshot));
  });

  it('reports a schema that does not exist', async () => {
    const c = new FakeOracleConnection(hrRows());
    await expect(readCatalog(c, { schemas: ['HR_APP', 'NOPE'] })).rejects.toThrow(CatalogError);
    await expect(readCatalog(c, { schemas: ['hr_app'] })).rejects.toThrow(
      /hr_app not found .*case-sensitive/,
    );
  });
});

describe('secrets', () => {
  it('never puts the password, host or connect string in the snapshot', async () => {
    const password = 'Tr0ub4dor&3-secret';
    const target = parseOracleTarget('migrator@db-prod.internal.example:1521/ORCLPDB1');
    const driver = fakeDriver(() => new FakeOracleConnection(hrRows()));
    const conn = await connectOracle(target, { password }, driver);
    const snapshot = await readCatalog(conn, { schemas: ['HR_APP'], capturedAt: AT });
    expect(driver.calls[0]).toMatchObject({
      user: 'migrator',
      password,
      connectString: 'db-prod.internal.example:1521/ORCLPDB1',
    });
    const json = serializeSnapshot(snapshot);
    expect(json).not.toContain(password);
    expect(json).not.toContain('db-prod');
    expect(json).not.toContain('1521');
  });
});

describe('privileges', () => {
  it('falls back when SELECT_CATALOG_ROLE is missing and lists what it cost', async () => {
    const rows = hrRows();
    rows['grants.fallback'] = rows.grants.filter((r) => r.GRANTEE === 'HR_READER');
    const { snapshot, conn } = await hrSnapshot(rows, {
      failOn: {
        DBA_SEGMENTS: oraError(942, 'table or view does not exist'),
        DBA_TAB_PRIVS: oraError(942, 'table or view does not exist'),
        DBA_ROLES: oraError(942, 'table or view does not exist'),
      },
    });
    expect(snapshot.privileges.missing.map((m) => [m.object, m.error])).toEqual([
      ['DBA_TAB_PRIVS', 'ORA-00942'],
      ['DBA_ROLES', 'ORA-00942'],
      ['DBA_SEGMENTS', 'ORA-00942'],
    ]);
    expect(conn.executed.filter((e) => e.tag === 'grants').map((e) => /ALL_TAB_PRIVS/.test(e.sql))).toEqual([
      true,
    ]);
    expect(new Set(snapshot.schemas[0].grants.map((g) => g.grantee))).toEqual(new Set(['HR_READER']));
    expect(snapshot.roles).toEqual([]);
    // Sizes come from the statistics instead: BLOCKS × 8 KB.
    expect(table(snapshot, 'LEGACY_EMPLOYEE_NOTES').stats).toMatchObject({
      blocks: 804,
      bytes: 804 * 8192,
      bytesFrom: 'ALL_TABLES.BLOCKS',
    });
    const result = convertSources([snapshotSource(snapshot, 'hr.snapshot.json')]);
    const missing = result.findings.filter((f) => f.id === 'OPG-ORA-0001');
    expect(missing.map((f) => f.message)).toContain(
      'DBA_SEGMENTS is not readable (ORA-00942): table sizes are estimated from ALL_TABLES.BLOCKS × 8 KB (statistics may be stale or missing)',
    );
    expect(missing[0].suggestion).toContain('GRANT SELECT_CATALOG_ROLE TO <user>');
  });

  it('keeps going without a catalog view the database does not have, and stops on other errors', async () => {
    const { snapshot } = await hrSnapshot(hrRows(), {
      failOn: { ALL_TAB_IDENTITY_COLS: oraError(942, 'table or view does not exist') },
    });
    expect(snapshot.privileges.missing).toEqual([
      {
        object: 'identity',
        error: 'ORA-00942',
        effect: 'identity are not in the snapshot',
        grant: 'GRANT SELECT_CATALOG_ROLE TO <user>',
      },
    ]);
    await expect(
      hrSnapshot(hrRows(), {
        failOn: { ALL_SOURCE: oraError(3113, 'end-of-file on communication channel') },
      }),
    ).rejects.toThrow(/ORA-03113/);
  });
});

describe('snapshot → statements', () => {
  let statements: Statement[];
  beforeAll(async () => {
    statements = snapshotToStatements((await hrSnapshot()).snapshot).statements;
  });
  const find = <T extends Statement>(kind: T['kind'], name: string) =>
    statements.find((s) => s.kind === kind && 'name' in s && (s.name as { name: string }).name === name) as T;

  it('folds NOT NULL checks into columns and drops names Oracle generated', () => {
    const jobs = find<CreateTable>('create-table', 'JOBS');
    expect(jobs.name).toEqual({ schema: 'HR_APP', name: 'JOBS' });
    expect(jobs.constraints.map((c) => [c.kind, c.name ?? null])).toEqual([
      ['check', 'JOBS_EXEMPT_CK'],
      ['foreign-key', 'JOBS_GRADE_FK'],
      ['primary-key', 'JOBS_PK'],
    ]);
    expect(jobs.columns.map((c) => c.constraints.map((k) => k.kind).join())).toEqual([
      'not-null',
      'not-null',
      'not-null',
      '',
      'not-null',
    ]);
    const pa = find<CreateTable>('create-table', 'PROJECT_ASSIGNMENTS');
    const fk = pa.constraints.find((c) => c.kind === 'foreign-key' && c.columns[0] === 'PROJECT_ID')!;
    expect(fk.name).toBeUndefined();
    expect(fk.references).toEqual({
      table: { schema: 'HR_APP', name: 'PROJECTS' },
      columns: ['PROJECT_ID'],
      onDelete: 'CASCADE',
    });
  });

  it('turns index expressions and DESC columns back into the trees a script gives', () => {
    expect(statements.some((s) => s.kind === 'create-index' && s.name.name === 'EMPLOYEES_PK')).toBe(false);
    const hist = find<CreateIndex>('create-index', 'SALARY_HISTORY_EMP_IX');
    expect(hist.columns).toEqual([
      { expr: { kind: 'column', parts: ['EMPLOYEE_ID'] } },
      { expr: { kind: 'column', parts: ['CHANGED_ON'] }, desc: true },
    ]);
    const upper = find<CreateIndex>('create-index', 'EMPLOYEES_UPPER_NAME_IX');
    expect(upper.columns[0].expr).toMatchObject({ kind: 'call', name: ['UPPER'] });
    expect(find<CreateIndex>('create-index', 'EMPLOYEES_STATUS_BIX').bitmap).toBe(true);
    expect(find<CreateIndex>('create-index', 'TIME_ENTRIES_EMP_DATE_IX').local).toBe(true);
  });

  it('reads partition bounds, skips interval partitions Oracle created and names hash partitions by count', () => {
    const te = find<CreateTable>('create-table', 'TIME_ENTRIES').partition!;
    expect(te.partitions).toEqual([
      { name: 'TIME_ENTRIES_HIST', lessThan: [{ kind: 'typed-literal', type: 'DATE', value: '2024-01-01' }] },
    ]);
    expect(te.interval).toMatchObject({ kind: 'call', name: ['NUMTOYMINTERVAL'] });
    expect(find<CreateTable>('create-table', 'PAYSLIP_LINES').partition).toMatchObject({
      method: 'HASH',
      count: 4,
      partitions: [],
    });
    const leave = find<CreateTable>('create-table', 'LEAVE_REQUESTS').partition!;
    expect(leave.partitions.map((p) => p.isDefault ?? p.values?.length)).toEqual([1, 1, 3, true]);
  });

  it('rebuilds views and PL/SQL units from their catalog text', () => {
    const v = find<CreateView>('create-view', 'V_TOP_EARNERS');
    expect(v.columns).toBeUndefined();
    expect(find<CreateView>('create-view', 'V_PAYSLIP_YTD').readOnly).toBe(true);
    const units = statements.filter((s) => s.kind === 'plsql-unit');
    expect(units).toHaveLength(25);
    expect(units[0]).toMatchObject({
      unitKind: 'TYPE',
      name: { schema: 'HR_APP', name: 'EMPLOYEE_ID_LIST' },
    });
    expect(units.at(-1)).toMatchObject({ unitKind: 'TRIGGER' });
  });
});

describe('snapshot and DDL scripts of the example give the same PostgreSQL schema', () => {
  let db: PGlite;
  let snapshot: Snapshot;

  beforeAll(async () => {
    db = new PGlite();
    snapshot = (await hrSnapshot()).snapshot;
  });
  afterAll(async () => {
    await db.close();
  });
  /** One PGlite for all: user schemas are dropped between uses (roles are the same on both sides). */
  const reset = () =>
    db.exec(
      'SET search_path TO public; DROP SCHEMA IF EXISTS hr_app CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;',
    );

  it('applies both to PostgreSQL and compares the catalogs', async () => {
    const fromSnapshot = convertSources([snapshotSource(snapshot, 'hr.snapshot.json', { omitSchema: true })]);
    const fromScripts = convert(['examples/hr']);
    const failedScripts = await applyObjects(db, fromScripts);
    const scripts = await describeCatalog(db);
    await reset();
    const failedSnapshot = await applyObjects(db, fromSnapshot);
    const snap = await describeCatalog(db);
    await reset();
    expect(failedSnapshot.map((f) => f.split(':')[0])).toEqual(failedScripts.map((f) => f.split(':')[0]));
    expect(snap.columns.length).toBeGreaterThan(250);
    expect(snap.constraints.length).toBeGreaterThan(100);
    expect(snap.indexes.length).toBeGreaterThan(40);
    expect(snap.sequences.length).toBe(15); // 14 sequences and the identity column's
    expect(snap.views.length).toBeGreaterThanOrEqual(8);
    expect(snap).toEqual(scripts);
  });

  it('differs in text only where the catalog spells things its own way', () => {
    const fromSnapshot = convertSources([snapshotSource(snapshot, 'hr.snapshot.json', { omitSchema: true })]);
    const fromScripts = convert(['examples/hr']);
    const lines = (r: typeof fromScripts) =>
      new Set(
        Object.values(r.phases).flatMap((p) => p.split('\n').filter((l) => l.trim() && !l.startsWith('-- '))),
      );
    const [la, lb] = [lines(fromSnapshot), lines(fromScripts)];
    const onlyScripts = [...lb].filter((l) => !la.has(l)).sort();
    const onlySnapshot = [...la].filter((l) => !lb.has(l)).sort();
    // NOCYCLE and MINVALUE 1 are the catalog defaults, so they are not written back; the catalog keeps
    // TO_DATE('2025-01-01', 'YYYY-MM-DD') as a date; column grants come in column order.
    expect(onlyScripts.filter((l) => l.startsWith('CREATE SEQUENCE')).length).toBe(6);
    expect(
      onlyScripts
        .filter((l) => l.startsWith('CREATE SEQUENCE'))
        .every((l) => / NO CYCLE;| MINVALUE 1 /.test(l)),
    ).toBe(true);
    expect(onlySnapshot).toContain(
      "CREATE TABLE payslips_payslips_2024 PARTITION OF payslips FOR VALUES FROM (TIMESTAMP(0) '2024-01-01') TO (TIMESTAMP(0) '2025-01-01');",
    );
    expect(onlySnapshot).toContain(
      'GRANT UPDATE (native_name, phone_number) ON TABLE employees TO hr_clerk;',
    );
    expect(onlyScripts).toHaveLength(9);
    expect(onlySnapshot).toHaveLength(onlyScripts.length);
  });

  it('qualifies names with the owner by default, and that applies too', async () => {
    const result = convertSources([snapshotSource(snapshot, 'hr.snapshot.json')]);
    expect(result.phases['pre-data']).toContain('CREATE SCHEMA IF NOT EXISTS hr_app;');
    expect(result.phases['pre-data']).toContain('CREATE TABLE hr_app.employees (');
    // View queries name the owner's tables with the owner written out, as Oracle resolved them.
    expect(result.phases.code).toMatch(/FROM hr_app\.employees e\b/);
    // PL/SQL units are left out here: how they apply is the PL/SQL converter's business, and the
    // unqualified comparison above already checks they come out as from the scripts.
    const units = result.objects.filter((o) =>
      /^(PROCEDURE|FUNCTION|PACKAGE|TRIGGER|TYPE)/.test(o.objectType),
    );
    expect(units.length).toBeGreaterThanOrEqual(25);
    // Grants of EXECUTE on those units need them, so they are left out with them.
    units.push(...result.objects.filter((o) => o.object.startsWith('GRANT EXECUTE')));
    expect(
      await applyObjects(db, { ...result, objects: result.objects.filter((o) => !units.includes(o)) }),
    ).toEqual([]);
    const tables = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'hr_app' AND c.relkind IN ('r', 'p') AND NOT c.relispartition",
    );
    expect(tables.rows[0].n).toBe(24);
    await reset();
  });
});

describe('DBMS_METADATA text (snapshot --ddl)', () => {
  const ddlRows = [
    {
      OWNER: 'HR_APP',
      OBJECT_TYPE: 'SEQUENCE',
      OBJECT_NAME: 'LOCATIONS_SEQ',
      DDL: '\n   CREATE SEQUENCE  "HR_APP"."LOCATIONS_SEQ"  MINVALUE 1 MAXVALUE 999900 INCREMENT BY 100 START WITH 1000 NOCACHE  NOORDER  NOCYCLE  NOKEEP  NOSCALE  GLOBAL ;',
    },
    {
      OWNER: 'HR_APP',
      OBJECT_TYPE: 'TABLE',
      OBJECT_NAME: 'COUNTRIES',
      DDL: '\n  CREATE TABLE "HR_APP"."COUNTRIES" \n   (\t"COUNTRY_CODE" CHAR(2), \n\t"COUNTRY_NAME" VARCHAR2(60 CHAR) NOT NULL ENABLE, \n\t"REGION_NAME" VARCHAR2(10) NOT NULL ENABLE, \n\t"CURRENCY_CODE" CHAR(3) DEFAULT \'USD\' NOT NULL ENABLE, \n\t"ISO_NUMERIC" NUMBER(3,0)\n   ) ;\n  ALTER TABLE "HR_APP"."COUNTRIES" ADD CONSTRAINT "COUNTRIES_PK" PRIMARY KEY ("COUNTRY_CODE") ENABLE;',
    },
    {
      OWNER: 'HR_APP',
      OBJECT_TYPE: 'VIEW',
      OBJECT_NAME: 'V_COUNTRIES',
      DDL: '\n  CREATE OR REPLACE FORCE EDITIONABLE VIEW "HR_APP"."V_COUNTRIES" ("COUNTRY_CODE", "COUNTRY_NAME") AS \n  SELECT country_code, country_name FROM countries;',
    },
  ];

  it('runs the session transforms and one GET_DDL query, and converts the text like a script', async () => {
    const rows = { ...hrRows(), ddl: ddlRows };
    const conn = new FakeOracleConnection(rows);
    const snapshot = await readCatalog(conn, { schemas: ['HR_APP'], ddl: true, capturedAt: AT });
    expect(conn.executed.slice(-2).map((e) => e.tag)).toEqual(['ddlSetup', 'ddl']);
    expect(snapshot.schemas[0].ddl?.map((d) => `${d.type} ${d.name}`)).toEqual([
      'SEQUENCE LOCATIONS_SEQ',
      'TABLE COUNTRIES',
      'VIEW V_COUNTRIES',
    ]);
    const model = snapshotToStatements(snapshot, { fromDdl: true });
    expect(model.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(model.statements.map((x) => x.kind)).toEqual([
      'create-sequence',
      'create-table',
      'alter-table',
      'create-view',
    ]);
    const result = convertSources([{ file: 'hr.snapshot.json', text: '', ...model }]);
    expect(result.phases['pre-data']).toContain(
      'CREATE SEQUENCE hr_app.locations_seq INCREMENT BY 100 MINVALUE 1 MAXVALUE 999900 START WITH 1000 NO CYCLE;',
    );
    expect(result.phases['pre-data']).toContain('CONSTRAINT countries_pk PRIMARY KEY (country_code)');
    expect(result.phases.code).toContain(
      'CREATE OR REPLACE VIEW hr_app.v_countries (country_code, country_name) AS',
    );
  });
});

describe('NUMBER statistics', () => {
  it('decodes Oracle NUMBER bytes', () => {
    expect(decodeOracleNumber('80')).toBe('0');
    expect(decodeOracleNumber('C102')).toBe('1');
    expect(decodeOracleNumber('C3055914')).toBe('48819');
    expect(decodeOracleNumber('C20B')).toBe('1000');
    expect(decodeOracleNumber('C10B')).toBe('10');
    expect(decodeOracleNumber('C0020B')).toBe('0.011');
    expect(decodeOracleNumber('3E5E66')).toBe('-7');
    expect(decodeOracleNumber('zz')).toBeUndefined();
  });
});

void ({} as Row);
