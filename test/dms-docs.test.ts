/**
 * DMS documents: golden files for the fixture (table mappings, task settings, endpoints, load SQL,
 * findings), schema validation that rejects what DMS would reject or misapply, the model's name
 * recovery, and the CloudFormation template against its schema.
 * UPDATE_GOLDEN=1 rewrites fixtures/dms/<case>/expected/ (read the diff before committing).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModule, parseSync } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCloudFormation, cloudFormationSchema } from '../src/dms/cloudformation.js';
import { loadDmsConfig, parseDmsConfig } from '../src/dms/config.js';
import { buildDmsDocuments, renderDmsFiles } from '../src/dms/documents.js';
import { buildTableMappings, matchesPattern, tableMappingsSchema } from '../src/dms/mappings.js';
import { buildDmsModel } from '../src/dms/model.js';
import { buildSourceEndpoint, endpointDocSchema, taskSettingsSchema } from '../src/dms/settings.js';

const CASES = readdirSync('fixtures/dms').filter((d) => existsSync(join('fixtures/dms', d, 'config.json')));

beforeAll(async () => {
  await loadModule();
});

describe('DMS golden documents', () => {
  for (const c of CASES) {
    it(`${c}: every generated file matches expected/`, () => {
      const dir = join('fixtures/dms', c);
      const files = renderDmsFiles(buildDmsDocuments(loadDmsConfig(join(dir, 'config.json'))));
      const expectedDir = join(dir, 'expected');
      if (process.env.UPDATE_GOLDEN) {
        mkdirSync(expectedDir, { recursive: true });
        for (const [name, text] of Object.entries(files)) writeFileSync(join(expectedDir, name), text);
      }
      expect(Object.keys(files).sort()).toEqual(readdirSync(expectedDir).sort());
      for (const [name, text] of Object.entries(files))
        expect(text, name).toBe(readFileSync(join(expectedDir, name), 'utf8'));
    });

    it(`${c}: generated SQL parses with the PostgreSQL parser`, () => {
      const files = renderDmsFiles(buildDmsDocuments(loadDmsConfig(join('fixtures/dms', c, 'config.json'))));
      for (const [name, text] of Object.entries(files)) {
        if (!name.endsWith('.sql')) continue;
        const tree = parseSync(text) as { stmts: unknown[] };
        expect(tree.stmts.length, name).toBeGreaterThan(0);
      }
    });
  }
});

const hr = () => buildDmsDocuments(loadDmsConfig('fixtures/dms/hr/config.json'));

describe('DMS model and table mappings', () => {
  it('recovers Oracle names: ALTER-added and renamed columns, quoted and shortened names', () => {
    const d = hr();
    const emp = d.model.tables.find((t) => t.source.name === 'EMPLOYEES')!;
    expect(emp.columns.map((c) => [c.source, c.target])).toEqual([
      ['EMPLOYEE_ID', 'employee_id'],
      ['DEPARTMENT_ID', 'department_id'],
      ['EMAIL_ADDRESS', 'email_address'],
      ['RESUME', 'resume'],
      ['PHOTO', 'photo'],
      ['SALARY', 'salary'],
      ['HIRED_ON', 'hired_on'],
    ]);
    expect(emp.columns.filter((c) => c.lob).map((c) => c.oracleType)).toEqual(['CLOB', 'BLOB']);
    const audit = d.model.tables.find((t) => t.source.name === 'Audit Trail')!;
    expect(audit.target).toEqual({ schema: 'hr_app', name: 'Audit Trail' });
    expect(audit.columns[0]).toMatchObject({ source: 'EventId', target: 'EventId', identity: 'always' });
    const seqs = Object.fromEntries(
      d.model.sequences.map((s) => [
        s.target.name,
        s.owner && `${s.owner.how}:${s.owner.table.target.name}.${s.owner.column}`,
      ]),
    );
    expect(seqs).toEqual({
      departments_seq: 'name:departments.department_id',
      emp_seq: 'default:employees.employee_id',
      orphan_seq: undefined,
      inv_numbers: 'config:invoices.invoice_id',
    });
  });

  it('never puts two transformation rules on one object, and renames exactly where lower case is wrong', () => {
    const d = hr();
    const rules = d.tableMappings.rules.filter((r) => r['rule-type'] === 'transformation');
    const renames = rules
      .filter((r) => r['rule-action'] === 'rename')
      .map((r) => [r['rule-target'], r.value]);
    expect(renames.map((r) => r[1])).toEqual([
      'hr_app',
      'payroll_adjustment_requests_with_a_name_far_too_long_f_0d674d5d',
      'amount_due_in_the_currency_of_the_employee_contract_at_07b6d604',
    ]);
    // The quoted table keeps its name: no rule at all; its quoted columns too; its plain column is lowered.
    expect(
      rules.filter((r) => r['object-locator']['table-name'] === 'Audit Trail').map((r) => r['rule-name']),
    ).toEqual(['lowercase-column-HR-Audit_Trail-EVENT_TIME']);
    expect(d.findings.map((f) => f.id).sort()).toEqual([
      'OPG-DMS-0003',
      'OPG-DMS-0005',
      'OPG-DMS-0006',
      'OPG-DMS-0008',
      'OPG-DMS-0010',
      'OPG-DMS-0012',
    ]);
  });

  it('uses schema-wide lower-case rules when no name needs more', () => {
    const model = buildDmsModel(
      [
        {
          file: 'a.sql',
          text: 'CREATE TABLE t1 (id NUMBER(9) PRIMARY KEY, note CLOB); CREATE TABLE t2 (id NUMBER(9) PRIMARY KEY);',
        },
      ],
      { sourceSchema: 'APP' },
    );
    const m = buildTableMappings(model, { lobStats: { 'APP.T1.NOTE': 5000 } });
    expect(m.document.rules.map((r) => `${r['rule-type']}:${r['rule-name']}`)).toEqual([
      'selection:include-APP-T1',
      'selection:include-APP-T2',
      'transformation:lowercase-schema-APP',
      'transformation:lowercase-tables-APP',
      'transformation:lowercase-columns-APP',
      'table-settings:lob-APP-T1',
    ]);
    expect(m.document.rules[5]).toMatchObject({ 'lob-settings': { mode: 'limited', 'bulk-max-size': '5' } });
    expect(model.defaultTargetSchema).toBe('app');
  });

  it('include and exclude patterns select tables like DMS (% wildcard, case-sensitive)', () => {
    expect(matchesPattern('HR.EMP%', 'HR', 'EMPLOYEES')).toBe(true);
    expect(matchesPattern('HR.EMP%', 'HR', 'DEPT')).toBe(false);
    expect(matchesPattern('%.APP_LOG', 'HR', 'APP_LOG')).toBe(true);
    expect(matchesPattern('hr.%', 'HR', 'APP_LOG')).toBe(false);
    const d = buildTableMappings(hr().model, { include: ['HR.%'], exclude: ['HR.APP%'] });
    expect(d.tables.map((t) => t.source.name)).toEqual([
      'DEPARTMENTS',
      'EMPLOYEES',
      'Audit Trail',
      'PAYROLL_ADJUSTMENT_REQUESTS_WITH_A_NAME_FAR_TOO_LONG_FOR_POSTGRES_TABLES',
    ]);
  });

  it('reports a table without schema when no source schema is given', () => {
    const model = buildDmsModel([{ file: 'a.sql', text: 'CREATE TABLE t (id NUMBER PRIMARY KEY);' }]);
    expect(model.tables).toEqual([]);
    expect(model.findings.map((f) => f.id)).toEqual(['OPG-DMS-0001']);
  });
});

describe('DMS document schemas', () => {
  it('rejects overlapping transformations, duplicate ids and rename without value', () => {
    const base = hr().tableMappings;
    const dup = structuredClone(base);
    dup.rules.push({
      ...dup.rules.find((r) => r['rule-type'] === 'transformation')!,
      'rule-id': '999',
      'rule-name': 'again',
    });
    expect(tableMappingsSchema.safeParse(dup).error?.issues[0].message).toMatch(/two transformation rules/);
    const ids = structuredClone(base);
    ids.rules[1]['rule-id'] = ids.rules[0]['rule-id'];
    expect(tableMappingsSchema.safeParse(ids).success).toBe(false);
    const rename = {
      rules: [
        ...base.rules.slice(0, 1),
        {
          'rule-type': 'transformation',
          'rule-id': '50',
          'rule-name': 'r',
          'rule-target': 'schema',
          'object-locator': { 'schema-name': 'HR' },
          'rule-action': 'rename',
        },
      ],
    };
    expect(tableMappingsSchema.safeParse(rename).success).toBe(false);
  });

  it('virtual columns: remove-column only on a column, and never together with a name rule on it', () => {
    const base = buildDmsDocuments(loadDmsConfig('fixtures/dms/computed/config.json')).tableMappings;
    const remove = base.rules.find(
      (r) => r['rule-type'] === 'transformation' && r['rule-action'] === 'remove-column',
    )!;
    expect(remove['object-locator']).toEqual({
      'schema-name': 'SALES',
      'table-name': 'ORDERS',
      'column-name': 'LINE_TOTAL',
    });
    const onTable = structuredClone(base);
    onTable.rules.push({
      ...remove,
      'rule-id': '999',
      'rule-name': 'remove-table',
      'rule-target': 'table',
      'object-locator': { 'schema-name': 'SALES', 'table-name': 'ORDERS' },
    } as typeof remove);
    expect(tableMappingsSchema.safeParse(onTable).success).toBe(false);
    const twice = structuredClone(base);
    twice.rules.push({
      ...remove,
      'rule-id': '999',
      'rule-name': 'lower-too',
      'rule-action': 'convert-lowercase',
    } as typeof remove);
    expect(tableMappingsSchema.safeParse(twice).error?.issues[0].message).toMatch(/two transformation rules/);
  });

  it('task settings: DO_NOTHING only, one LOB mode, one stop point', () => {
    const s = hr().taskSettings;
    expect(s.FullLoadSettings.TargetTablePrepMode).toBe('DO_NOTHING');
    expect(
      taskSettingsSchema.safeParse({
        ...s,
        FullLoadSettings: { ...s.FullLoadSettings, TargetTablePrepMode: 'DROP_AND_CREATE' },
      }).success,
    ).toBe(false);
    expect(
      taskSettingsSchema.safeParse({ ...s, TargetMetadata: { ...s.TargetMetadata, FullLobMode: true } })
        .success,
    ).toBe(false);
    expect(
      taskSettingsSchema.safeParse({
        ...s,
        FullLoadSettings: { ...s.FullLoadSettings, StopTaskCachedChangesApplied: true },
      }).success,
    ).toBe(false);
    const fullLoadOnly = buildDmsDocuments(
      parseDmsConfig({
        ...JSON.parse(readFileSync('fixtures/dms/hr/config.json', 'utf8')),
        inputs: ['fixtures/dms/hr/input.sql'],
        task: { id: 't', migrationType: 'full-load' },
      }),
    ).taskSettings;
    expect(fullLoadOnly.FullLoadSettings.StopTaskCachedChangesNotApplied).toBe(false);
    expect(fullLoadOnly.ControlTablesSettings.StatusTableEnabled).toBe(false);
  });

  it('endpoint documents hold no password and pick the CDC reader', () => {
    const cfg = parseDmsConfig(JSON.parse(readFileSync('fixtures/dms/hr/config.json', 'utf8')));
    const binary = buildSourceEndpoint({ ...cfg.source, reader: 'binary', archivedLogsOnly: true });
    expect(binary.OracleSettings).toMatchObject({
      UseLogminerReader: false,
      UseBFile: true,
      ArchivedLogsOnly: true,
    });
    expect(() =>
      buildSourceEndpoint({ ...cfg.source, extraSettings: { AsmPassword: 'x' } as never }),
    ).toThrow();
    expect(
      endpointDocSchema.safeParse({ ...binary, OracleSettings: { ...binary.OracleSettings, Password: 'x' } })
        .success,
    ).toBe(false);
    expect(() => parseDmsConfig({ ...cfg, source: { ...cfg.source, password: 'plain' } })).toThrow(
      /source.password/,
    );
  });

  it('CloudFormation template: valid, Refs resolve, no password in it', () => {
    const cfg = loadDmsConfig('fixtures/dms/hr/config.json');
    const t = buildCloudFormation(cfg, buildDmsDocuments(cfg));
    expect(cloudFormationSchema.safeParse(t).success).toBe(true);
    expect(Object.keys(t.Resources)).toEqual([
      'SubnetGroup',
      'ReplicationInstance',
      'SourceEndpoint',
      'TargetEndpoint',
      'ReplicationTask',
    ]);
    expect(t.Parameters).toEqual({ SourcePassword: expect.objectContaining({ NoEcho: true }) });
    const broken = structuredClone(t);
    (
      broken.Resources.ReplicationTask.Properties as { SourceEndpointArn: { Ref: string } }
    ).SourceEndpointArn = { Ref: 'Nope' };
    expect(cloudFormationSchema.safeParse(broken).success).toBe(false);
  });
});
