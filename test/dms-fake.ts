/**
 * A local fake of the AWS DMS JSON API (awsJson1_1) on 127.0.0.1, for end-to-end tests with the
 * real SDK: POST / with X-Amz-Target: AmazonDMSv20160101.<Operation>, JSON bodies, timestamps as
 * epoch seconds, errors as HTTP 400 {"__type": "<Fault>", "message": …}.
 *
 * Resources move through their states on each Describe call (creating → available, starting →
 * running → stopped after the full load, …). The full load calls `hooks.loadTable` for each
 * selected table, so a test can write real rows into PostgreSQL while "DMS" loads.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

export interface FakeTable {
  schema: string;
  table: string;
  state: string;
  rows: number;
  validation: string;
  failed: number;
  pending: number;
}

interface Task {
  id: string;
  arn: string;
  instanceArn: string;
  sourceArn: string;
  targetArn: string;
  migrationType: string;
  mappings: string;
  settings: string;
  status: string;
  stopReason?: string;
  lastFailure?: string;
  created: number;
  startDate?: number;
  fullLoadFinish?: number;
  tables: FakeTable[];
  ticks: number;
  pendingStatus?: { status: string; after: number; stopReason?: string };
}

export interface FakeHooks {
  /** Called when the fake full load reaches a table; returns the number of rows "loaded". */
  loadTable?: (schema: string, table: string) => Promise<number>;
  /** Called when the task starts applying changes (after resume-processing). */
  onCdc?: (taskArn: string) => Promise<void>;
}

export class FakeDms {
  readonly requests: { op: string; body: Json }[] = [];
  readonly subnetGroups = new Map<string, Json>();
  readonly instances = new Map<string, Json & { ticks: number }>();
  readonly endpoints = new Map<string, Json>();
  readonly connections = new Map<string, Json & { ticks: number }>();
  readonly tasks = new Map<string, Task>();
  readonly tags = new Map<string, { Key: string; Value: string }[]>();
  /** Errors to return: op → list of fault names, consumed one per call. */
  readonly faults = new Map<string, string[]>();
  /** Endpoint id → failure message for its connection test. */
  readonly connectionFailures = new Map<string, string>();
  /** Describe calls a resource spends in a transitional state. */
  transitionTicks = 2;
  private server?: Server;
  private seq = 0;

  constructor(readonly hooks: FakeHooks = {}) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()));
  }

  ops(): string[] {
    return this.requests.map((r) => r.op);
  }

  private arn(kind: string, id: string): string {
    return `arn:aws:dms:eu-west-1:123456789012:${kind}:${id.toUpperCase().replace(/[^A-Z0-9]/g, '')}${++this.seq}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const op = target.replace(/^AmazonDMSv20160101\./, '');
    const send = (status: number, body: Json, type?: string) => {
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': `req-${this.requests.length}`,
        ...(type ? { 'x-amzn-errortype': type } : {}),
      });
      res.end(JSON.stringify(body));
    };
    if (
      req.method !== 'POST' ||
      !target.startsWith('AmazonDMSv20160101.') ||
      !String(req.headers['content-type']).includes('amz-json-1.1')
    ) {
      send(
        400,
        { __type: 'UnknownOperationException', message: `bad request ${req.method} ${target}` },
        'UnknownOperationException',
      );
      return;
    }
    if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256')) {
      send(
        400,
        { __type: 'MissingAuthenticationTokenException', message: 'not signed' },
        'MissingAuthenticationTokenException',
      );
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Json;
    this.requests.push({ op, body });
    const fault = this.faults.get(op)?.shift();
    if (fault) {
      send(400, { __type: fault, message: `injected ${fault}` }, fault);
      return;
    }
    try {
      const fn = (this as unknown as Record<string, (b: Json) => Promise<Json> | Json>)[`op${op}`];
      if (!fn)
        throw new Fault('InvalidParameterValueException', `operation ${op} is not implemented by the fake`);
      send(200, await fn.call(this, body));
    } catch (e) {
      if (e instanceof Fault) send(400, { __type: e.type, message: e.message }, e.type);
      else send(500, { __type: 'InternalFailure', message: (e as Error).message }, 'InternalFailure');
    }
  }

  private filterId(body: Json, name: string): string | undefined {
    const f = (body.Filters as { Name: string; Values: string[] }[] | undefined)?.find(
      (x) => x.Name === name,
    );
    return f?.Values[0];
  }

  private need<T>(v: T | undefined, what: string): T {
    if (v === undefined) throw new Fault('ResourceNotFoundFault', `${what} not found`);
    return v;
  }

  private addTags(arn: string, tags: unknown): void {
    if (Array.isArray(tags))
      this.tags.set(arn, [...(this.tags.get(arn) ?? []), ...(tags as { Key: string; Value: string }[])]);
  }

  // ── subnet groups ──
  opCreateReplicationSubnetGroup(b: Json): Json {
    const id = String(b.ReplicationSubnetGroupIdentifier).toLowerCase();
    if (this.subnetGroups.has(id)) throw new Fault('ResourceAlreadyExistsFault', 'subnet group exists');
    const g = this.subnetGroup(id, b);
    this.subnetGroups.set(id, g);
    return { ReplicationSubnetGroup: g };
  }
  private subnetGroup(id: string, b: Json): Json {
    return {
      ReplicationSubnetGroupIdentifier: id,
      ReplicationSubnetGroupDescription: b.ReplicationSubnetGroupDescription,
      VpcId: 'vpc-0fake',
      SubnetGroupStatus: 'Complete',
      Subnets: (b.SubnetIds as string[]).map((s) => ({ SubnetIdentifier: s, SubnetStatus: 'Active' })),
    };
  }
  opModifyReplicationSubnetGroup(b: Json): Json {
    const id = String(b.ReplicationSubnetGroupIdentifier).toLowerCase();
    this.need(this.subnetGroups.get(id), 'subnet group');
    const g = this.subnetGroup(id, b);
    this.subnetGroups.set(id, g);
    return { ReplicationSubnetGroup: g };
  }
  opDescribeReplicationSubnetGroups(b: Json): Json {
    const id = this.filterId(b, 'replication-subnet-group-id')?.toLowerCase();
    const list = [...this.subnetGroups.values()].filter(
      (g) => !id || g.ReplicationSubnetGroupIdentifier === id,
    );
    if (!list.length)
      throw new Fault('ResourceNotFoundFault', 'No subnet groups found matching provided filters');
    return { ReplicationSubnetGroups: list };
  }

  // ── replication instances ──
  opCreateReplicationInstance(b: Json): Json {
    const id = String(b.ReplicationInstanceIdentifier).toLowerCase();
    if (this.instances.has(id)) throw new Fault('ResourceAlreadyExistsFault', 'instance exists');
    const group = this.need(
      this.subnetGroups.get(String(b.ReplicationSubnetGroupIdentifier).toLowerCase()),
      'subnet group',
    );
    const arn = this.arn('rep', id);
    const i = {
      ReplicationInstanceIdentifier: id,
      ReplicationInstanceArn: arn,
      ReplicationInstanceClass: b.ReplicationInstanceClass,
      AllocatedStorage: b.AllocatedStorage ?? 50,
      MultiAZ: b.MultiAZ ?? false,
      EngineVersion: b.EngineVersion ?? '3.5.3',
      PubliclyAccessible: b.PubliclyAccessible ?? false,
      VpcSecurityGroups: ((b.VpcSecurityGroupIds as string[]) ?? []).map((g) => ({
        VpcSecurityGroupId: g,
        Status: 'active',
      })),
      ReplicationSubnetGroup: group,
      ReplicationInstanceStatus: 'creating',
      InstanceCreateTime: Date.now() / 1000,
      ticks: 0,
    };
    this.instances.set(id, i);
    this.addTags(arn, b.Tags);
    return { ReplicationInstance: strip(i) };
  }
  opModifyReplicationInstance(b: Json): Json {
    const i = this.need(
      [...this.instances.values()].find((x) => x.ReplicationInstanceArn === b.ReplicationInstanceArn),
      'instance',
    );
    for (const k of ['ReplicationInstanceClass', 'AllocatedStorage', 'MultiAZ', 'EngineVersion'])
      if (b[k] !== undefined) i[k] = b[k];
    if (b.VpcSecurityGroupIds)
      i.VpcSecurityGroups = (b.VpcSecurityGroupIds as string[]).map((g) => ({
        VpcSecurityGroupId: g,
        Status: 'active',
      }));
    i.ReplicationInstanceStatus = 'modifying';
    i.ticks = 0;
    return { ReplicationInstance: strip(i) };
  }
  opDescribeReplicationInstances(b: Json): Json {
    const id = this.filterId(b, 'replication-instance-id')?.toLowerCase();
    const list = [...this.instances.values()].filter((i) => !id || i.ReplicationInstanceIdentifier === id);
    if (!list.length)
      throw new Fault('ResourceNotFoundFault', 'No replication instances found matching provided filters');
    for (const i of list)
      if (i.ReplicationInstanceStatus !== 'available' && ++i.ticks >= this.transitionTicks)
        i.ReplicationInstanceStatus = 'available';
    return { ReplicationInstances: list.map(strip) };
  }

  // ── endpoints ──
  private endpointView(e: Json): Json {
    const view = { ...e };
    for (const k of ['OracleSettings', 'PostgreSQLSettings'])
      if (view[k]) {
        const { Password: _p, ...rest } = view[k] as Json;
        view[k] = rest;
      }
    return view;
  }
  opCreateEndpoint(b: Json): Json {
    const id = String(b.EndpointIdentifier).toLowerCase();
    if (this.endpoints.has(id)) throw new Fault('ResourceAlreadyExistsFault', 'endpoint exists');
    const settings = (b.OracleSettings ?? b.PostgreSQLSettings) as Json;
    if (!settings.Password && !settings.SecretsManagerSecretId)
      throw new Fault('InvalidParameterValueException', 'a password or a Secrets Manager secret is required');
    const arn = this.arn('endpoint', id);
    const e: Json = {
      EndpointIdentifier: id,
      EndpointArn: arn,
      EndpointType: String(b.EndpointType).toUpperCase(),
      EngineName: b.EngineName,
      SslMode: b.SslMode ?? 'none',
      Status: 'active',
      ServerName: settings.ServerName,
      Port: settings.Port,
      DatabaseName: settings.DatabaseName,
      Username: settings.Username,
      ...(b.OracleSettings
        ? { OracleSettings: b.OracleSettings }
        : { PostgreSQLSettings: b.PostgreSQLSettings }),
    };
    if (b.CertificateArn) e.CertificateArn = b.CertificateArn;
    this.endpoints.set(id, e);
    this.addTags(arn, b.Tags);
    return { Endpoint: this.endpointView(e) };
  }
  opModifyEndpoint(b: Json): Json {
    const e = this.need(
      [...this.endpoints.values()].find((x) => x.EndpointArn === b.EndpointArn),
      'endpoint',
    );
    for (const k of ['SslMode', 'CertificateArn']) if (b[k] !== undefined) e[k] = b[k];
    for (const k of ['OracleSettings', 'PostgreSQLSettings'])
      if (b[k]) e[k] = { ...(e[k] as Json), ...(b[k] as Json) };
    return { Endpoint: this.endpointView(e) };
  }
  opDescribeEndpoints(b: Json): Json {
    const id = this.filterId(b, 'endpoint-id')?.toLowerCase();
    const list = [...this.endpoints.values()].filter((e) => !id || e.EndpointIdentifier === id);
    if (!list.length)
      throw new Fault('ResourceNotFoundFault', 'No Endpoints found matching provided filters');
    return { Endpoints: list.map((e) => this.endpointView(e)) };
  }

  // ── connections ──
  opTestConnection(b: Json): Json {
    const e = this.need(
      [...this.endpoints.values()].find((x) => x.EndpointArn === b.EndpointArn),
      'endpoint',
    );
    const i = this.need(
      [...this.instances.values()].find((x) => x.ReplicationInstanceArn === b.ReplicationInstanceArn),
      'instance',
    );
    if (i.ReplicationInstanceStatus !== 'available')
      throw new Fault('InvalidResourceStateFault', 'instance not available');
    const key = `${b.EndpointArn}|${b.ReplicationInstanceArn}`;
    const c = {
      EndpointArn: e.EndpointArn,
      EndpointIdentifier: e.EndpointIdentifier,
      ReplicationInstanceArn: i.ReplicationInstanceArn,
      ReplicationInstanceIdentifier: i.ReplicationInstanceIdentifier,
      Status: 'testing',
      ticks: 0,
    };
    this.connections.set(key, c);
    return { Connection: strip(c) };
  }
  opDescribeConnections(b: Json): Json {
    const ep = this.filterId(b, 'endpoint-arn');
    const ri = this.filterId(b, 'replication-instance-arn');
    const list = [...this.connections.values()].filter(
      (c) => (!ep || c.EndpointArn === ep) && (!ri || c.ReplicationInstanceArn === ri),
    );
    if (!list.length) throw new Fault('ResourceNotFoundFault', 'No connections found');
    for (const c of list)
      if (c.Status === 'testing' && ++c.ticks >= this.transitionTicks) {
        const failure = this.connectionFailures.get(String(c.EndpointIdentifier));
        c.Status = failure ? 'failed' : 'successful';
        if (failure) c.LastFailureMessage = failure;
      }
    return { Connections: list.map(strip) };
  }

  // ── tasks ──
  opCreateReplicationTask(b: Json): Json {
    const id = String(b.ReplicationTaskIdentifier).toLowerCase();
    if (this.tasks.has(id)) throw new Fault('ResourceAlreadyExistsFault', 'task exists');
    const mappings = JSON.parse(String(b.TableMappings)) as { rules: Json[] };
    JSON.parse(String(b.ReplicationTaskSettings ?? '{}'));
    const tables = mappings.rules
      .filter((r) => r['rule-type'] === 'selection' && r['rule-action'] === 'include')
      .map((r) => {
        const loc = r['object-locator'] as Json;
        return {
          schema: String(loc['schema-name']),
          table: String(loc['table-name']),
          state: 'Before load',
          rows: 0,
          validation: 'Not enabled',
          failed: 0,
          pending: 0,
        };
      });
    const arn = this.arn('task', id);
    const t: Task = {
      id,
      arn,
      instanceArn: String(b.ReplicationInstanceArn),
      sourceArn: String(b.SourceEndpointArn),
      targetArn: String(b.TargetEndpointArn),
      migrationType: String(b.MigrationType),
      mappings: String(b.TableMappings),
      settings: String(b.ReplicationTaskSettings),
      status: 'creating',
      created: Date.now() / 1000,
      tables,
      ticks: 0,
      pendingStatus: { status: 'ready', after: this.transitionTicks },
    };
    this.tasks.set(id, t);
    this.addTags(arn, b.Tags);
    return { ReplicationTask: this.taskView(t) };
  }
  opModifyReplicationTask(b: Json): Json {
    const t = this.taskByArn(b.ReplicationTaskArn);
    if (!['ready', 'stopped', 'failed'].includes(t.status))
      throw new Fault('InvalidResourceStateFault', `task is ${t.status}`);
    if (b.TableMappings) t.mappings = String(b.TableMappings);
    if (b.ReplicationTaskSettings) t.settings = String(b.ReplicationTaskSettings);
    if (b.MigrationType) t.migrationType = String(b.MigrationType);
    t.status = 'modifying';
    t.pendingStatus = { status: 'ready', after: this.transitionTicks };
    t.ticks = 0;
    return { ReplicationTask: this.taskView(t) };
  }
  private taskByArn(arn: unknown): Task {
    return this.need(
      [...this.tasks.values()].find((t) => t.arn === arn),
      'task',
    );
  }
  opStartReplicationTask(b: Json): Json {
    const t = this.taskByArn(b.ReplicationTaskArn);
    const type = String(b.StartReplicationTaskType);
    if (!['ready', 'stopped', 'failed'].includes(t.status))
      throw new Fault('InvalidResourceStateFault', `task is ${t.status}`);
    if (type === 'start-replication' && t.startDate)
      throw new Fault(
        'InvalidResourceStateFault',
        'task was already started; use resume-processing or reload-target',
      );
    t.startDate ??= Date.now() / 1000;
    t.stopReason = undefined;
    t.status = 'starting';
    t.ticks = 0;
    t.pendingStatus = { status: 'running', after: 1 };
    return { ReplicationTask: this.taskView(t) };
  }
  opStopReplicationTask(b: Json): Json {
    const t = this.taskByArn(b.ReplicationTaskArn);
    if (t.status !== 'running') throw new Fault('InvalidResourceStateFault', `task is ${t.status}`);
    t.status = 'stopping';
    t.ticks = 0;
    t.pendingStatus = { status: 'stopped', after: 1, stopReason: 'Stop Reason NORMAL' };
    return { ReplicationTask: this.taskView(t) };
  }
  async opDescribeReplicationTasks(b: Json): Promise<Json> {
    const id = this.filterId(b, 'replication-task-id')?.toLowerCase();
    const list = [...this.tasks.values()].filter((t) => !id || t.id === id);
    if (!list.length) throw new Fault('ResourceNotFoundFault', 'No Tasks found matching filters');
    for (const t of list) await this.advance(t);
    return { ReplicationTasks: list.map((t) => this.taskView(t, b.WithoutSettings === true)) };
  }
  private async advance(t: Task): Promise<void> {
    if (t.pendingStatus && ++t.ticks >= t.pendingStatus.after) {
      t.status = t.pendingStatus.status;
      t.stopReason = t.pendingStatus.stopReason ?? t.stopReason;
      t.pendingStatus = undefined;
      if (t.status === 'running' && t.fullLoadFinish && this.hooks.onCdc) await this.hooks.onCdc(t.arn);
      return;
    }
    if (t.status !== 'running' || t.fullLoadFinish) return;
    // One table per describe call: queued → loading → completed.
    const next = t.tables.find((x) => x.state !== 'Table completed' && x.state !== 'Table error');
    if (next) {
      if (next.state === 'Table does not exist' || next.state === 'Before load') next.state = 'Full load';
      else {
        next.rows = (await this.hooks.loadTable?.(next.schema, next.table)) ?? 0;
        next.state = 'Table completed';
        const validation = JSON.parse(t.settings).ValidationSettings?.EnableValidation;
        next.validation = validation ? 'Validated' : 'Not enabled';
      }
      return;
    }
    t.fullLoadFinish = Date.now() / 1000;
    if (t.migrationType === 'full-load') {
      t.status = 'stopped';
      t.stopReason = 'Stop Reason FULL_LOAD_ONLY_FINISHED';
    } else if (JSON.parse(t.settings).FullLoadSettings?.StopTaskCachedChangesNotApplied) {
      t.status = 'stopped';
      t.stopReason = 'Stop Reason STOPPED_AFTER_FULL_LOAD';
    }
  }
  /** Test helper: make a task fail the way DMS reports it. */
  failTask(id: string, message: string): void {
    const t = this.tasks.get(id)!;
    t.status = 'failed';
    t.stopReason = 'Stop Reason FATAL_ERROR';
    t.lastFailure = message;
  }
  private taskView(t: Task, withoutSettings = false): Json {
    const loaded = t.tables.filter((x) => x.state === 'Table completed').length;
    const loading = t.tables.filter((x) => x.state === 'Full load').length;
    return {
      ReplicationTaskIdentifier: t.id,
      ReplicationTaskArn: t.arn,
      ReplicationInstanceArn: t.instanceArn,
      SourceEndpointArn: t.sourceArn,
      TargetEndpointArn: t.targetArn,
      MigrationType: t.migrationType,
      TableMappings: t.mappings,
      ...(withoutSettings ? {} : { ReplicationTaskSettings: t.settings }),
      Status: t.status,
      ...(t.stopReason ? { StopReason: t.stopReason } : {}),
      ...(t.lastFailure ? { LastFailureMessage: t.lastFailure } : {}),
      ReplicationTaskCreationDate: t.created,
      ...(t.startDate ? { ReplicationTaskStartDate: t.startDate } : {}),
      ReplicationTaskStats: {
        FullLoadProgressPercent: t.tables.length ? Math.floor((100 * loaded) / t.tables.length) : 0,
        TablesLoaded: loaded,
        TablesLoading: loading,
        TablesQueued: t.startDate ? t.tables.length - loaded - loading : 0,
        TablesErrored: t.tables.filter((x) => x.state === 'Table error').length,
        ElapsedTimeMillis: 1000,
        ...(t.startDate ? { StartDate: t.startDate, FullLoadStartDate: t.startDate } : {}),
        ...(t.fullLoadFinish ? { FullLoadFinishDate: t.fullLoadFinish } : {}),
      },
    };
  }
  opDescribeTableStatistics(b: Json): Json {
    const t = this.taskByArn(b.ReplicationTaskArn);
    // Two pages when there are more than two tables, to exercise Marker paging.
    const start = b.Marker ? Number(b.Marker) : 0;
    const page = t.tables.slice(start, start + 2);
    const next = start + 2 < t.tables.length ? String(start + 2) : undefined;
    return {
      ReplicationTaskArn: t.arn,
      TableStatistics: page.map((x) => ({
        SchemaName: x.schema,
        TableName: x.table,
        TableState: x.state,
        FullLoadRows: x.rows,
        Inserts: 0,
        Updates: 0,
        Deletes: 0,
        ValidationState: x.validation,
        ValidationFailedRecords: x.failed,
        ValidationPendingRecords: x.pending,
        ValidationSuspendedRecords: 0,
        LastUpdateTime: Date.now() / 1000,
      })),
      ...(next ? { Marker: next } : {}),
    };
  }

  // ── tags ──
  opListTagsForResource(b: Json): Json {
    return { TagList: this.tags.get(String(b.ResourceArn)) ?? [] };
  }
  opAddTagsToResource(b: Json): Json {
    this.addTags(String(b.ResourceArn), b.Tags);
    return {};
  }
}

class Fault extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

function strip<T extends Json>(o: T): Json {
  const { ticks: _t, ...rest } = o as Json & { ticks?: number };
  return rest;
}
