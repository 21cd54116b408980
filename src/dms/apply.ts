/**
 * `orapg dms apply`: converge the DMS resources to the plan, in dependency order —
 * subnet group → replication instance (wait until available) → endpoints → connection test of
 * each endpoint from the instance (wait for the result) → replication task (wait until ready).
 * Re-running apply describes again and only creates or modifies what differs.
 */
import {
  AddTagsToResourceCommand,
  CreateEndpointCommand,
  type CreateEndpointCommandInput,
  CreateReplicationInstanceCommand,
  CreateReplicationSubnetGroupCommand,
  CreateReplicationTaskCommand,
  DescribeConnectionsCommand,
  type Endpoint,
  ModifyEndpointCommand,
  ModifyReplicationInstanceCommand,
  ModifyReplicationSubnetGroupCommand,
  ModifyReplicationTaskCommand,
  type ReplicationInstance,
  type ReplicationTask,
  type Tag,
  TestConnectionCommand,
} from '@aws-sdk/client-database-migration-service';
import { DEFAULT_POLL, type Dms, errorName, type PollOptions, pollUntil } from './client.js';
import type { DmsConfig } from './config.js';
import type { DmsDocuments } from './documents.js';
import {
  describeEndpoint,
  describeInstance,
  describeTask,
  type Plan,
  type PlanStep,
  PROJECT_TAG,
  planResources,
} from './plan.js';
import { type Redactor, resolvePassword } from './secrets.js';
import type { EndpointDoc } from './settings.js';

export interface ApplyOptions {
  adopt?: boolean;
  /** Send the endpoint passwords from the environment again on existing endpoints. */
  updatePasswords?: boolean;
  poll?: Partial<PollOptions>;
  /** Timeout for creating a replication instance (it takes 10–20 minutes on AWS). */
  instanceTimeoutMs?: number;
  log: (line: string) => void;
  redactor: Redactor;
  env?: NodeJS.ProcessEnv;
}

export interface ApplyResult {
  plan: Plan;
  instanceArn: string;
  sourceArn: string;
  targetArn: string;
  taskArn: string;
}

const INSTANCE_FAILED = new Set([
  'failed',
  'deleting',
  'deleted',
  'incompatible-network',
  'incompatible-credentials',
  'inaccessible-encryption-credentials',
  'inaccessible-encryption-credentials-recoverable',
  'storage-full',
]);

function tags(config: DmsConfig): Tag[] {
  return [{ Key: PROJECT_TAG, Value: config.project }];
}

export async function applyResources(
  dms: Dms,
  config: DmsConfig,
  docs: DmsDocuments,
  o: ApplyOptions,
): Promise<ApplyResult> {
  const poll = { ...DEFAULT_POLL, ...o.poll };
  const plan = await planResources(dms, config, docs, { adopt: o.adopt });
  const blocked = plan.steps.filter((s) => s.action === 'blocked');
  if (blocked.length)
    throw new Error(
      `apply refused: ${blocked.map((s) => `${s.kind} ${s.id}: ${s.notes.filter((n) => !n.startsWith('password')).join('; ')}`).join(' | ')}`,
    );
  const step = (k: PlanStep['kind']) => plan.steps.find((s) => s.kind === k)!;
  for (const s of plan.steps)
    if (s.adopt && s.arn)
      await dms.send(new AddTagsToResourceCommand({ ResourceArn: s.arn, Tags: tags(config) }));

  await applySubnetGroup(dms, config, step('subnet-group'), o.log);
  const instance = await applyInstance(
    dms,
    config,
    step('replication-instance'),
    plan.current.instance,
    poll,
    o,
  );
  const instanceArn = instance.ReplicationInstanceArn!;
  const source = await applyEndpoint(
    dms,
    config,
    docs.sourceEndpoint,
    config.source,
    step('source-endpoint'),
    o,
  );
  const target = await applyEndpoint(
    dms,
    config,
    docs.targetEndpoint,
    config.target,
    step('target-endpoint'),
    o,
  );
  for (const e of [source, target]) await testConnection(dms, instanceArn, e, poll, o.log);
  const task = await applyTask(dms, config, docs, step('replication-task'), plan.current.task, {
    instanceArn,
    sourceArn: source.EndpointArn!,
    targetArn: target.EndpointArn!,
    poll,
    log: o.log,
  });
  o.log(`apply: done; task ${task.ReplicationTaskIdentifier} is ${task.Status}`);
  return {
    plan,
    instanceArn,
    sourceArn: source.EndpointArn!,
    targetArn: target.EndpointArn!,
    taskArn: task.ReplicationTaskArn!,
  };
}

async function applySubnetGroup(
  dms: Dms,
  config: DmsConfig,
  s: PlanStep,
  log: (l: string) => void,
): Promise<void> {
  const sg = config.replicationInstance.subnetGroup;
  if (s.action === 'create') {
    log(`subnet group ${sg.id}: creating`);
    try {
      await dms.send(
        new CreateReplicationSubnetGroupCommand({
          ReplicationSubnetGroupIdentifier: sg.id,
          ReplicationSubnetGroupDescription: sg.description,
          SubnetIds: sg.subnetIds,
          Tags: tags(config),
        }),
      );
    } catch (e) {
      if (errorName(e) !== 'ResourceAlreadyExistsFault') throw e;
      log(`subnet group ${sg.id}: created meanwhile by someone else; reusing it`);
    }
  } else if (s.action === 'modify') {
    log(`subnet group ${sg.id}: modifying ${s.changes.map((c) => c.field).join(', ')}`);
    await dms.send(
      new ModifyReplicationSubnetGroupCommand({
        ReplicationSubnetGroupIdentifier: sg.id,
        ReplicationSubnetGroupDescription: sg.description,
        SubnetIds: sg.subnetIds,
      }),
    );
  } else log(`subnet group ${sg.id}: up to date`);
}

async function applyInstance(
  dms: Dms,
  config: DmsConfig,
  s: PlanStep,
  existing: ReplicationInstance | undefined,
  poll: PollOptions,
  o: ApplyOptions,
): Promise<ReplicationInstance> {
  const ri = config.replicationInstance;
  if (s.action === 'create') {
    o.log(
      `replication instance ${ri.id}: creating (${ri.class}, ${ri.allocatedStorage} GB, Multi-AZ ${ri.multiAz})`,
    );
    try {
      await dms.send(
        new CreateReplicationInstanceCommand({
          ReplicationInstanceIdentifier: ri.id,
          ReplicationInstanceClass: ri.class,
          AllocatedStorage: ri.allocatedStorage,
          MultiAZ: ri.multiAz,
          EngineVersion: ri.engineVersion,
          PubliclyAccessible: ri.publiclyAccessible,
          VpcSecurityGroupIds: ri.securityGroupIds.length ? ri.securityGroupIds : undefined,
          ReplicationSubnetGroupIdentifier: ri.subnetGroup.id,
          KmsKeyId: ri.kmsKeyId,
          Tags: tags(config),
        }),
      );
    } catch (e) {
      if (errorName(e) !== 'ResourceAlreadyExistsFault') throw e;
      o.log(`replication instance ${ri.id}: created meanwhile by someone else; reusing it`);
    }
  } else if (s.action === 'modify' && existing) {
    o.log(
      `replication instance ${ri.id}: modifying ${s.changes.map((c) => c.field).join(', ')} (applied immediately)`,
    );
    const has = (f: string) => s.changes.some((c) => c.field === f);
    const major = (v?: string) => v?.split('.').slice(0, 2).join('.');
    await dms.send(
      new ModifyReplicationInstanceCommand({
        ReplicationInstanceArn: existing.ReplicationInstanceArn,
        ApplyImmediately: true,
        ReplicationInstanceClass: has('ReplicationInstanceClass') ? ri.class : undefined,
        AllocatedStorage: has('AllocatedStorage') ? ri.allocatedStorage : undefined,
        MultiAZ: has('MultiAZ') ? ri.multiAz : undefined,
        EngineVersion: has('EngineVersion') ? ri.engineVersion : undefined,
        AllowMajorVersionUpgrade:
          has('EngineVersion') && major(existing.EngineVersion) !== major(ri.engineVersion)
            ? true
            : undefined,
        VpcSecurityGroupIds: has('VpcSecurityGroupIds') ? ri.securityGroupIds : undefined,
      }),
    );
  } else o.log(`replication instance ${ri.id}: up to date`);

  return pollUntil(
    `replication instance ${ri.id}`,
    async () => describeInstance(dms, ri.id),
    (i) => {
      const st = i?.ReplicationInstanceStatus;
      if (st && INSTANCE_FAILED.has(st)) return { failed: `status ${st}` };
      // After a modify the status stays "available" for a moment; pending values mean not yet applied.
      const pending =
        i?.PendingModifiedValues && Object.values(i.PendingModifiedValues).some((v) => v !== undefined);
      return { done: st === 'available' && !(s.action === 'modify' && pending) };
    },
    { ...poll, timeoutMs: o.instanceTimeoutMs ?? poll.timeoutMs },
    logTransitions(
      o.log,
      `replication instance ${ri.id}`,
      (i) => i?.ReplicationInstanceStatus ?? 'not found',
    ),
  ) as Promise<ReplicationInstance>;
}

/** Logs a poll only when the state it shows changes. */
export function logTransitions<T>(log: (l: string) => void, what: string, state: (v: T) => string) {
  let last: string | undefined;
  return (v: T, elapsedMs: number) => {
    const st = state(v);
    if (st !== last) log(`${what}: ${st} (${Math.round(elapsedMs / 1000)} s)`);
    last = st;
  };
}

function endpointInput(doc: EndpointDoc, password: string | undefined): CreateEndpointCommandInput {
  const settings = { ...(doc.OracleSettings ?? doc.PostgreSQLSettings) } as Record<string, unknown>;
  if (password !== undefined) settings.Password = password;
  return {
    EndpointIdentifier: doc.EndpointIdentifier,
    EndpointType: doc.EndpointType,
    EngineName: doc.EngineName,
    SslMode: doc.SslMode,
    CertificateArn: doc.CertificateArn,
    ...(doc.EngineName === 'oracle' ? { OracleSettings: settings } : { PostgreSQLSettings: settings }),
  };
}

async function applyEndpoint(
  dms: Dms,
  config: DmsConfig,
  doc: EndpointDoc,
  cfg: DmsConfig['source'] | DmsConfig['target'],
  s: PlanStep,
  o: ApplyOptions,
): Promise<Endpoint> {
  const id = doc.EndpointIdentifier;
  if (s.action === 'create') {
    const password = resolvePassword(cfg.password, o.redactor, o.env);
    o.log(`endpoint ${id}: creating (${doc.EngineName} ${doc.EndpointType})`);
    try {
      const r = await dms.send(
        new CreateEndpointCommand({ ...endpointInput(doc, password), Tags: tags(config) }),
      );
      return r.Endpoint!;
    } catch (e) {
      if (errorName(e) !== 'ResourceAlreadyExistsFault') throw e;
      o.log(`endpoint ${id}: created meanwhile by someone else; reusing it`);
    }
  } else if (s.action === 'modify' || o.updatePasswords) {
    const password = o.updatePasswords ? resolvePassword(cfg.password, o.redactor, o.env) : undefined;
    const what = [...s.changes.map((c) => c.field), ...(password ? ['password'] : [])].join(', ');
    o.log(`endpoint ${id}: modifying ${what}`);
    const { EndpointIdentifier: _id, ...input } = endpointInput(doc, password);
    const r = await dms.send(new ModifyEndpointCommand({ ...input, EndpointArn: s.arn }));
    return r.Endpoint!;
  } else o.log(`endpoint ${id}: up to date`);
  const e = await describeEndpoint(dms, id);
  if (!e) throw new Error(`endpoint ${id} vanished while applying`);
  return e;
}

/** Starts a connection test (unless one is running) and waits for its result. */
export async function testConnection(
  dms: Dms,
  instanceArn: string,
  e: Endpoint,
  poll: PollOptions,
  log: (l: string) => void,
): Promise<void> {
  const id = e.EndpointIdentifier;
  log(`endpoint ${id}: testing the connection from the replication instance`);
  try {
    await dms.send(
      new TestConnectionCommand({ ReplicationInstanceArn: instanceArn, EndpointArn: e.EndpointArn }),
    );
  } catch (err) {
    // A test already running for this pair: wait for it instead.
    if (errorName(err) !== 'InvalidResourceStateFault') throw err;
  }
  await pollUntil(
    `connection test of endpoint ${id}`,
    async () => {
      const r = await dms.send(
        new DescribeConnectionsCommand({
          Filters: [
            { Name: 'endpoint-arn', Values: [e.EndpointArn!] },
            { Name: 'replication-instance-arn', Values: [instanceArn] },
          ],
        }),
      );
      return r.Connections?.[0];
    },
    (c) => {
      if (c?.Status === 'failed')
        return {
          failed: `failed: ${c.LastFailureMessage ?? 'no message'} (check host, port, security groups, user and password)`,
        };
      return { done: c?.Status === 'successful' };
    },
    { ...poll, timeoutMs: Math.min(poll.timeoutMs, 15 * 60_000) },
    logTransitions(log, `endpoint ${id} connection`, (c) => c?.Status ?? 'not started'),
  );
  log(`endpoint ${id}: connection successful`);
}

async function applyTask(
  dms: Dms,
  config: DmsConfig,
  docs: DmsDocuments,
  s: PlanStep,
  existing: ReplicationTask | undefined,
  a: {
    instanceArn: string;
    sourceArn: string;
    targetArn: string;
    poll: PollOptions;
    log: (l: string) => void;
  },
): Promise<ReplicationTask> {
  const id = config.task.id;
  const TableMappings = JSON.stringify(docs.tableMappings);
  const ReplicationTaskSettings = JSON.stringify(docs.taskSettings);
  if (s.action === 'create') {
    a.log(`replication task ${id}: creating (${config.task.migrationType}, ${docs.tables.length} tables)`);
    try {
      await dms.send(
        new CreateReplicationTaskCommand({
          ReplicationTaskIdentifier: id,
          ReplicationInstanceArn: a.instanceArn,
          SourceEndpointArn: a.sourceArn,
          TargetEndpointArn: a.targetArn,
          MigrationType: config.task.migrationType,
          TableMappings,
          ReplicationTaskSettings,
          Tags: tags(config),
        }),
      );
    } catch (e) {
      if (errorName(e) !== 'ResourceAlreadyExistsFault') throw e;
      a.log(`replication task ${id}: created meanwhile by someone else; reusing it`);
    }
  } else if (s.action === 'modify' && existing) {
    a.log(`replication task ${id}: modifying ${s.changes.map((c) => c.field).join(', ')}`);
    await dms.send(
      new ModifyReplicationTaskCommand({
        ReplicationTaskArn: existing.ReplicationTaskArn,
        MigrationType: config.task.migrationType,
        TableMappings,
        ReplicationTaskSettings,
      }),
    );
  } else {
    a.log(`replication task ${id}: up to date (${existing?.Status})`);
    return existing as ReplicationTask;
  }
  return pollUntil(
    `replication task ${id}`,
    async () => describeTask(dms, id),
    (t) => {
      if (t?.Status === 'failed') return { failed: `failed: ${t.LastFailureMessage ?? 'no message'}` };
      return { done: !!t && !['creating', 'modifying'].includes(t.Status ?? '') };
    },
    a.poll,
    logTransitions(a.log, `replication task ${id}`, (t) => t?.Status ?? 'not found'),
  ) as Promise<ReplicationTask>;
}

export { describeTask };
