/** DMS call sequences with aws-sdk-client-mock: create, reuse, modify, races, retries, failures. */

import { resolve } from 'node:path';
import {
  AccessDeniedFault,
  AddTagsToResourceCommand,
  CreateEndpointCommand,
  CreateReplicationInstanceCommand,
  CreateReplicationSubnetGroupCommand,
  CreateReplicationTaskCommand,
  DatabaseMigrationServiceClient,
  DescribeConnectionsCommand,
  DescribeEndpointsCommand,
  DescribeReplicationInstancesCommand,
  DescribeReplicationSubnetGroupsCommand,
  DescribeReplicationTasksCommand,
  DescribeTableStatisticsCommand,
  type Endpoint,
  ListTagsForResourceCommand,
  ModifyEndpointCommand,
  ModifyReplicationInstanceCommand,
  ModifyReplicationTaskCommand,
  type ReplicationTask,
  ResourceAlreadyExistsFault,
  ResourceNotFoundFault,
  StartReplicationTaskCommand,
  TestConnectionCommand,
} from '@aws-sdk/client-database-migration-service';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyResources } from '../src/dms/apply.js';
import { Dms, isRetryable, pollUntil } from '../src/dms/client.js';
import { type DmsConfig, parseDmsConfig } from '../src/dms/config.js';
import { buildDmsDocuments, type DmsDocuments } from '../src/dms/documents.js';
import { planResources } from '../src/dms/plan.js';
import { runMigration } from '../src/dms/run.js';
import { Redactor } from '../src/dms/secrets.js';

const PASSWORD = 'mock-Oracle-pw-123';
const fast = { minDelayMs: 1, maxDelayMs: 2, timeoutMs: 2000 };
const RETRY = { retries: 3, minTimeoutMs: 1, maxTimeoutMs: 2, factor: 1 };

const config: DmsConfig = parseDmsConfig({
  project: 'hr-migration',
  region: 'eu-west-1',
  inputs: [resolve('fixtures/dms/hr/input.sql')],
  schemaMap: { HR: 'hr_app' },
  sourceSchema: 'HR',
  replicationInstance: {
    id: 'ri',
    class: 'dms.r5.large',
    allocatedStorage: 100,
    multiAz: true,
    engineVersion: '3.5.3',
    subnetGroup: { id: 'subnets', subnetIds: ['subnet-a', 'subnet-b'] },
  },
  source: { id: 'src', server: 'ora', database: 'ORCL', username: 'DMS', password: { env: 'ORAPG_MOCK_PW' } },
  target: {
    id: 'tgt',
    server: 'pg',
    database: 'hr',
    username: 'dms',
    password: {
      secretsManagerArn: 'arn:aws:secretsmanager:x:1:secret:s',
      accessRoleArn: 'arn:aws:iam::1:role/r',
    },
  },
  task: { id: 'task', migrationType: 'full-load-and-cdc' },
});
const docs: DmsDocuments = buildDmsDocuments(config);

const ARN = {
  ri: 'arn:aws:dms:eu-west-1:1:rep:RI',
  src: 'arn:aws:dms:eu-west-1:1:endpoint:SRC',
  tgt: 'arn:aws:dms:eu-west-1:1:endpoint:TGT',
  task: 'arn:aws:dms:eu-west-1:1:task:TASK',
};
const notFound = () =>
  new ResourceNotFoundFault({ message: 'No resources found matching provided filters', $metadata: {} });
const throttled = () =>
  Object.assign(new Error('Rate exceeded'), {
    name: 'ThrottlingException',
    $metadata: { httpStatusCode: 400 },
  });

const client = new DatabaseMigrationServiceClient({ region: 'eu-west-1' });
const m = mockClient(client);
let log: string[];
const opts = () => ({
  poll: fast,
  log: (l: string) => log.push(l),
  redactor: new Redactor(),
  env: { ORAPG_MOCK_PW: PASSWORD },
});
const ops = () => m.calls().map((c) => (c.args[0] as object).constructor.name.replace(/Command$/, ''));
const writes = () => ops().filter((o) => !/^(Describe|ListTags)/.test(o));

const instance = (over = {}) => ({
  ReplicationInstanceIdentifier: 'ri',
  ReplicationInstanceArn: ARN.ri,
  ReplicationInstanceClass: 'dms.r5.large',
  ReplicationInstanceStatus: 'available',
  AllocatedStorage: 100,
  MultiAZ: true,
  EngineVersion: '3.5.3',
  PubliclyAccessible: false,
  ReplicationSubnetGroup: { ReplicationSubnetGroupIdentifier: 'subnets' },
  ...over,
});
const endpoint = (which: 'src' | 'tgt', over: Partial<Endpoint> = {}): Endpoint => {
  const doc = which === 'src' ? docs.sourceEndpoint : docs.targetEndpoint;
  return {
    EndpointIdentifier: which,
    EndpointArn: ARN[which],
    EndpointType: which === 'src' ? 'SOURCE' : 'TARGET',
    EngineName: doc.EngineName,
    SslMode: doc.SslMode,
    ...(which === 'src'
      ? { OracleSettings: doc.OracleSettings }
      : { PostgreSQLSettings: doc.PostgreSQLSettings }),
    ...over,
  } as Endpoint;
};
const task = (over: Partial<ReplicationTask> = {}): ReplicationTask => ({
  ReplicationTaskIdentifier: 'task',
  ReplicationTaskArn: ARN.task,
  ReplicationInstanceArn: ARN.ri,
  SourceEndpointArn: ARN.src,
  TargetEndpointArn: ARN.tgt,
  MigrationType: 'full-load-and-cdc',
  TableMappings: JSON.stringify(docs.tableMappings),
  ReplicationTaskSettings: JSON.stringify(docs.taskSettings),
  Status: 'ready',
  ...over,
});

function existingWorld() {
  m.on(DescribeReplicationSubnetGroupsCommand).resolves({
    ReplicationSubnetGroups: [
      {
        ReplicationSubnetGroupIdentifier: 'subnets',
        ReplicationSubnetGroupDescription: 'orapg replication subnet group',
        Subnets: [{ SubnetIdentifier: 'subnet-b' }, { SubnetIdentifier: 'subnet-a' }],
      },
    ],
  });
  m.on(DescribeReplicationInstancesCommand).resolves({ ReplicationInstances: [instance()] });
  m.on(DescribeEndpointsCommand, { Filters: [{ Name: 'endpoint-id', Values: ['src'] }] }).resolves({
    Endpoints: [endpoint('src')],
  });
  m.on(DescribeEndpointsCommand, { Filters: [{ Name: 'endpoint-id', Values: ['tgt'] }] }).resolves({
    Endpoints: [endpoint('tgt')],
  });
  m.on(DescribeReplicationTasksCommand).resolves({ ReplicationTasks: [task()] });
  m.on(ListTagsForResourceCommand).resolves({ TagList: [{ Key: 'orapg:project', Value: 'hr-migration' }] });
  m.on(TestConnectionCommand).resolves({});
  m.on(DescribeConnectionsCommand).resolves({ Connections: [{ Status: 'successful' }] });
}

beforeEach(() => {
  m.reset();
  log = [];
});
afterEach(() => m.reset());

describe('dms apply call sequences (aws-sdk-client-mock)', () => {
  it('creates everything in dependency order, waiting for each resource', async () => {
    m.on(DescribeReplicationSubnetGroupsCommand).rejects(notFound());
    m.on(DescribeReplicationInstancesCommand)
      .rejectsOnce(notFound())
      .resolvesOnce({ ReplicationInstances: [instance({ ReplicationInstanceStatus: 'creating' })] })
      .resolves({ ReplicationInstances: [instance()] });
    m.on(DescribeEndpointsCommand).rejects(notFound());
    m.on(DescribeReplicationTasksCommand)
      .rejectsOnce(notFound())
      .resolvesOnce({ ReplicationTasks: [task({ Status: 'creating' })] })
      .resolves({ ReplicationTasks: [task()] });
    m.on(CreateReplicationSubnetGroupCommand).resolves({});
    m.on(CreateReplicationInstanceCommand).resolves({});
    m.on(CreateEndpointCommand, { EndpointIdentifier: 'src' }).resolves({ Endpoint: endpoint('src') });
    m.on(CreateEndpointCommand, { EndpointIdentifier: 'tgt' }).resolves({ Endpoint: endpoint('tgt') });
    m.on(TestConnectionCommand).resolves({});
    m.on(DescribeConnectionsCommand)
      .resolvesOnce({ Connections: [{ Status: 'testing' }] })
      .resolves({ Connections: [{ Status: 'successful' }] });
    m.on(CreateReplicationTaskCommand).resolves({});

    const r = await applyResources(new Dms(client, RETRY), config, docs, opts());
    expect(r.taskArn).toBe(ARN.task);
    expect(writes()).toEqual([
      'CreateReplicationSubnetGroup',
      'CreateReplicationInstance',
      'CreateEndpoint',
      'CreateEndpoint',
      'TestConnection',
      'TestConnection',
      'CreateReplicationTask',
    ]);
    const createSrc = m.commandCalls(CreateEndpointCommand)[0].args[0].input;
    expect(createSrc.OracleSettings?.Password).toBe(PASSWORD);
    expect(createSrc.Tags).toEqual([{ Key: 'orapg:project', Value: 'hr-migration' }]);
    expect(m.commandCalls(CreateEndpointCommand)[1].args[0].input.PostgreSQLSettings).not.toHaveProperty(
      'Password',
    );
    const createTask = m.commandCalls(CreateReplicationTaskCommand)[0].args[0].input;
    expect(createTask).toMatchObject({
      ReplicationInstanceArn: ARN.ri,
      SourceEndpointArn: ARN.src,
      TargetEndpointArn: ARN.tgt,
    });
    expect(JSON.parse(createTask.TableMappings!)).toEqual(docs.tableMappings);
    expect(log).toContain('replication instance ri: creating (0 s)');
    expect(log.join('\n')).not.toContain(PASSWORD);
  });

  it('reuses resources that exist and match: no create, no modify', async () => {
    existingWorld();
    const plan = await planResources(new Dms(client, RETRY), config, docs);
    expect(plan.steps.map((s) => s.action)).toEqual(['none', 'none', 'none', 'none', 'none']);
    m.resetHistory();
    await applyResources(new Dms(client, RETRY), config, docs, opts());
    expect(writes()).toEqual(['TestConnection', 'TestConnection']);
  });

  it('modifies only what differs, and never resends a password unless asked', async () => {
    existingWorld();
    m.on(DescribeReplicationInstancesCommand).resolves({
      ReplicationInstances: [instance({ ReplicationInstanceClass: 'dms.t3.medium' })],
    });
    m.on(DescribeEndpointsCommand, { Filters: [{ Name: 'endpoint-id', Values: ['src'] }] }).resolves({
      Endpoints: [
        endpoint('src', {
          OracleSettings: { ...docs.sourceEndpoint.OracleSettings, UseLogminerReader: false, UseBFile: true },
        }),
      ],
    });
    const settings = {
      ...docs.taskSettings,
      FullLoadSettings: { ...docs.taskSettings.FullLoadSettings, MaxFullLoadSubTasks: 2 },
    };
    m.on(DescribeReplicationTasksCommand).resolves({
      ReplicationTasks: [task({ Status: 'stopped', ReplicationTaskSettings: JSON.stringify(settings) })],
    });
    m.on(ModifyReplicationInstanceCommand).resolves({});
    m.on(ModifyEndpointCommand).resolves({ Endpoint: endpoint('src') });
    m.on(ModifyReplicationTaskCommand).resolves({});
    const plan = await planResources(new Dms(client, RETRY), config, docs);
    expect(plan.steps.find((s) => s.kind === 'replication-task')?.changes.map((c) => c.field)).toEqual([
      'ReplicationTaskSettings.FullLoadSettings.MaxFullLoadSubTasks',
    ]);
    m.resetHistory();
    await applyResources(new Dms(client, RETRY), config, docs, opts());
    expect(writes()).toEqual([
      'ModifyReplicationInstance',
      'ModifyEndpoint',
      'TestConnection',
      'TestConnection',
      'ModifyReplicationTask',
    ]);
    expect(m.commandCalls(ModifyReplicationInstanceCommand)[0].args[0].input).toEqual({
      ReplicationInstanceArn: ARN.ri,
      ApplyImmediately: true,
      ReplicationInstanceClass: 'dms.r5.large',
    });
    const mod = m.commandCalls(ModifyEndpointCommand)[0].args[0].input;
    expect(mod.EndpointArn).toBe(ARN.src);
    expect(mod.OracleSettings).toMatchObject({ UseLogminerReader: true, UseBFile: false });
    expect(mod.OracleSettings).not.toHaveProperty('Password');
  });

  it('blocks changes DMS cannot make in place and resources of another owner', async () => {
    existingWorld();
    m.on(DescribeReplicationTasksCommand).resolves({
      ReplicationTasks: [task({ Status: 'running', MigrationType: 'full-load' })],
    });
    m.on(ListTagsForResourceCommand, { ResourceArn: ARN.tgt }).resolves({ TagList: [] });
    const plan = await planResources(new Dms(client, RETRY), config, docs);
    expect(plan.blocked).toBe(true);
    const byKind = Object.fromEntries(plan.steps.map((s) => [s.kind, s]));
    expect(byKind['replication-task'].notes.join()).toMatch(/task is running/);
    expect(byKind['target-endpoint'].notes.join()).toMatch(/without the orapg:project tag/);
    await expect(applyResources(new Dms(client, RETRY), config, docs, opts())).rejects.toThrow(
      /apply refused/,
    );
    expect(writes()).toEqual([]);

    // --adopt takes the untagged endpoint over by tagging it.
    m.on(DescribeReplicationTasksCommand).resolves({ ReplicationTasks: [task()] });
    m.on(AddTagsToResourceCommand).resolves({});
    m.resetHistory();
    await applyResources(new Dms(client, RETRY), config, docs, { ...opts(), adopt: true });
    expect(m.commandCalls(AddTagsToResourceCommand)[0].args[0].input).toEqual({
      ResourceArn: ARN.tgt,
      Tags: [{ Key: 'orapg:project', Value: 'hr-migration' }],
    });
  });

  it('reuses an endpoint created by someone else between describe and create', async () => {
    existingWorld();
    m.on(DescribeEndpointsCommand, { Filters: [{ Name: 'endpoint-id', Values: ['src'] }] })
      .rejectsOnce(notFound())
      .resolves({ Endpoints: [endpoint('src')] });
    m.on(CreateEndpointCommand).rejects(new ResourceAlreadyExistsFault({ message: 'exists', $metadata: {} }));
    await applyResources(new Dms(client, RETRY), config, docs, opts());
    expect(log).toContain('endpoint src: created meanwhile by someone else; reusing it');
    expect(writes()).toEqual(['CreateEndpoint', 'TestConnection', 'TestConnection']);
  });

  it('retries throttled calls with backoff, and does not retry other faults', async () => {
    m.on(DescribeEndpointsCommand)
      .rejectsOnce(throttled())
      .rejectsOnce(throttled())
      .resolves({ Endpoints: [endpoint('src')] });
    const retries: string[] = [];
    const dms = new Dms(client, RETRY, (msg) => retries.push(msg));
    const r = await dms.send(new DescribeEndpointsCommand({}));
    expect(r.Endpoints?.[0].EndpointIdentifier).toBe('src');
    expect(m.commandCalls(DescribeEndpointsCommand)).toHaveLength(3);
    expect(retries).toHaveLength(2);
    expect(retries[0]).toMatch(/^DescribeEndpoints: ThrottlingException \(attempt 1\), retrying in \d+ ms$/);

    m.reset();
    m.on(DescribeEndpointsCommand).rejects(
      new AccessDeniedFault({ message: 'not authorized', $metadata: {} }),
    );
    await expect(dms.send(new DescribeEndpointsCommand({}))).rejects.toThrow('not authorized');
    expect(m.commandCalls(DescribeEndpointsCommand)).toHaveLength(1);

    m.reset();
    m.on(DescribeEndpointsCommand).rejects(throttled());
    await expect(dms.send(new DescribeEndpointsCommand({}))).rejects.toThrow('Rate exceeded');
    expect(m.commandCalls(DescribeEndpointsCommand)).toHaveLength(RETRY.retries + 1);
    expect(isRetryable({ name: 'X', $metadata: { httpStatusCode: 503 } })).toBe(true);
    expect(isRetryable({ name: 'InvalidResourceStateFault', $metadata: { httpStatusCode: 400 } })).toBe(
      false,
    );
  });

  it('stops at a failed connection test with the message DMS gives', async () => {
    existingWorld();
    m.on(DescribeConnectionsCommand, {
      Filters: [
        { Name: 'endpoint-arn', Values: [ARN.src] },
        { Name: 'replication-instance-arn', Values: [ARN.ri] },
      ],
    })
      .resolvesOnce({ Connections: [{ Status: 'testing' }] })
      .resolves({ Connections: [{ Status: 'failed', LastFailureMessage: 'ORA-12541: TNS:no listener' }] });
    await expect(applyResources(new Dms(client, RETRY), config, docs, opts())).rejects.toThrow(
      /connection test of endpoint src: failed: ORA-12541: TNS:no listener/,
    );
    expect(writes()).toEqual(['TestConnection']);
  });

  it('times out a wait with the last state', async () => {
    let n = 0;
    await expect(
      pollUntil(
        'instance ri',
        async () => ++n,
        () => ({ done: false }),
        { minDelayMs: 1, maxDelayMs: 1, timeoutMs: 20 },
      ),
    ).rejects.toThrow(/instance ri: not done after/);
    expect(n).toBeGreaterThan(1);
  });
});

describe('dms run (aws-sdk-client-mock)', () => {
  const db = { query: async () => ({ rows: [] }) };

  it('reports a task failure with the last error message', async () => {
    m.on(DescribeReplicationTasksCommand)
      .resolvesOnce({ ReplicationTasks: [task()] })
      .resolves({
        ReplicationTasks: [
          task({
            Status: 'failed',
            StopReason: 'Stop Reason FATAL_ERROR',
            LastFailureMessage: 'ORA-01031: insufficient privileges',
          }),
        ],
      });
    m.on(StartReplicationTaskCommand).resolves({});
    await expect(
      runMigration(new Dms(client, RETRY), db, config, docs, { poll: fast, log: () => {} }),
    ).rejects.toThrow(/task failed: ORA-01031: insufficient privileges/);
    expect(m.commandCalls(StartReplicationTaskCommand)[0].args[0].input.StartReplicationTaskType).toBe(
      'start-replication',
    );
  });

  it('picks up a task stopped after its full load: post-load, then resume', async () => {
    const ran: string[] = [];
    const spy = { query: async (sql: string) => (ran.push(sql), { rows: [] }) };
    m.on(DescribeReplicationTasksCommand)
      .resolvesOnce({
        ReplicationTasks: [
          task({
            Status: 'stopped',
            StopReason: 'Stop Reason STOPPED_AFTER_FULL_LOAD',
            ReplicationTaskStartDate: new Date(),
          }),
        ],
      })
      .resolves({ ReplicationTasks: [task({ Status: 'running' })] });
    m.on(StartReplicationTaskCommand).resolves({});
    m.on(DescribeTableStatisticsCommand).resolves({ TableStatistics: [] });
    const out = await runMigration(new Dms(client, RETRY), spy, config, docs, { poll: fast, log: () => {} });
    expect(out).toBe('cdc-running');
    expect(
      m.commandCalls(StartReplicationTaskCommand).map((c) => c.args[0].input.StartReplicationTaskType),
    ).toEqual(['resume-processing']);
    expect(ran[0]).toBe('SET search_path TO hr_app, public');
    expect(ran.some((s) => /NOT VALID/.test(s))).toBe(true);
    expect(ran.findIndex((s) => /NOT VALID/.test(s))).toBeLessThan(
      ran.findIndex((s) => /VALIDATE CONSTRAINT/.test(s)),
    );
    expect(ran.some((s) => /GENERATED BY DEFAULT/.test(s))).toBe(false);
  });

  it('virtual columns: remove-column rules sent, triggers ENABLE ALWAYS before the load, recomputed before the post-data phase', async () => {
    const computed = parseDmsConfig({
      ...config,
      project: 'sales-migration',
      inputs: [resolve('fixtures/dms/computed/input.sql')],
      schemaMap: { SALES: 'sales' },
      sourceSchema: 'SALES',
    });
    const cdocs = buildDmsDocuments(computed);
    const events: string[] = [];
    const spy = {
      query: async (sql: string) => {
        events.push(sql);
        return { rows: [] };
      },
    };
    m.on(DescribeReplicationTasksCommand)
      .resolvesOnce({ ReplicationTasks: [task({ TableMappings: JSON.stringify(cdocs.tableMappings) })] })
      .resolvesOnce({
        ReplicationTasks: [
          task({
            Status: 'stopped',
            StopReason: 'Stop Reason STOPPED_AFTER_FULL_LOAD',
            ReplicationTaskStartDate: new Date(),
          }),
        ],
      })
      .resolves({ ReplicationTasks: [task({ Status: 'running' })] });
    m.on(StartReplicationTaskCommand).callsFake((input) => {
      events.push(`start ${input.StartReplicationTaskType}`);
      return {};
    });
    m.on(DescribeTableStatisticsCommand).resolves({ TableStatistics: [] });
    expect(
      await runMigration(new Dms(client, RETRY), spy, computed, cdocs, { poll: fast, log: () => {} }),
    ).toBe('cdc-running');
    const removed = cdocs.tableMappings.rules.flatMap((r) =>
      r['rule-type'] === 'transformation' && r['rule-action'] === 'remove-column'
        ? [`${r['object-locator']['table-name']}.${r['object-locator']['column-name']}`]
        : [],
    );
    expect(removed).toEqual([
      'ORDERS.LINE_TOTAL',
      'ORDERS.CUSTOMER_KEY',
      'ORDERS.ORDER_MONTH',
      'ORDERS.ORDER_LABEL',
      'CUSTOMERS.SIGNUP_YEAR',
    ]);
    const at = (re: RegExp) => events.findIndex((e) => re.test(e));
    expect(events.filter((e) => /ENABLE ALWAYS TRIGGER/.test(e))).toEqual([
      'ALTER TABLE sales.orders ENABLE ALWAYS TRIGGER orders_opg_columns',
      'ALTER TABLE sales.customers ENABLE ALWAYS TRIGGER customers_opg_columns',
    ]);
    expect(at(/ENABLE ALWAYS TRIGGER/)).toBeLessThan(at(/^start start-replication$/));
    expect(at(/^start start-replication$/)).toBeLessThan(at(/UPDATE sales\.orders/));
    expect(at(/UPDATE sales\.customers/)).toBeLessThan(at(/CREATE INDEX orders_month_ix/));
    expect(at(/CREATE INDEX orders_month_ix/)).toBeLessThan(at(/^start resume-processing$/));
  });
});
