/**
 * `orapg dms plan`: what apply would create or change. Every resource is described first by its
 * identifier; an existing resource is reused (and modified only in fields orapg sets), a missing
 * one is created. A resource that exists without the orapg:project tag of this project is not
 * touched unless adopted, and changes DMS cannot make in place are reported as blocked.
 */
import {
  DescribeEndpointsCommand,
  DescribeReplicationInstancesCommand,
  DescribeReplicationSubnetGroupsCommand,
  DescribeReplicationTasksCommand,
  type Endpoint,
  ListTagsForResourceCommand,
  type ReplicationInstance,
  type ReplicationSubnetGroup,
  type ReplicationTask,
} from '@aws-sdk/client-database-migration-service';
import { type Dms, orNotFound } from './client.js';
import type { DmsConfig } from './config.js';
import type { DmsDocuments } from './documents.js';
import { describePasswordSource } from './secrets.js';
import type { EndpointDoc } from './settings.js';

export const PROJECT_TAG = 'orapg:project';

export type ResourceKind =
  | 'subnet-group'
  | 'replication-instance'
  | 'source-endpoint'
  | 'target-endpoint'
  | 'replication-task';

export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

export interface PlanStep {
  kind: ResourceKind;
  id: string;
  action: 'create' | 'modify' | 'none' | 'blocked';
  changes: Change[];
  arn?: string;
  /** Why a step is blocked, or a note for the reader. */
  notes: string[];
  /** The resource exists without our tag and --adopt was given: apply tags it. */
  adopt?: boolean;
}

export interface CurrentState {
  subnetGroup?: ReplicationSubnetGroup;
  instance?: ReplicationInstance;
  source?: Endpoint;
  target?: Endpoint;
  task?: ReplicationTask;
}

export interface Plan {
  steps: PlanStep[];
  current: CurrentState;
  blocked: boolean;
}

export async function describeSubnetGroup(dms: Dms, id: string) {
  const r = await orNotFound(
    dms.send(
      new DescribeReplicationSubnetGroupsCommand({
        Filters: [{ Name: 'replication-subnet-group-id', Values: [id] }],
      }),
    ),
  );
  return r?.ReplicationSubnetGroups?.find(
    (g) => g.ReplicationSubnetGroupIdentifier?.toLowerCase() === id.toLowerCase(),
  );
}

export async function describeInstance(dms: Dms, id: string) {
  const r = await orNotFound(
    dms.send(
      new DescribeReplicationInstancesCommand({
        Filters: [{ Name: 'replication-instance-id', Values: [id] }],
      }),
    ),
  );
  return r?.ReplicationInstances?.find(
    (i) => i.ReplicationInstanceIdentifier?.toLowerCase() === id.toLowerCase(),
  );
}

export async function describeEndpoint(dms: Dms, id: string) {
  const r = await orNotFound(
    dms.send(new DescribeEndpointsCommand({ Filters: [{ Name: 'endpoint-id', Values: [id] }] })),
  );
  return r?.Endpoints?.find((e) => e.EndpointIdentifier?.toLowerCase() === id.toLowerCase());
}

export async function describeTask(dms: Dms, id: string) {
  const r = await orNotFound(
    dms.send(
      new DescribeReplicationTasksCommand({
        Filters: [{ Name: 'replication-task-id', Values: [id] }],
        WithoutSettings: false,
      }),
    ),
  );
  return r?.ReplicationTasks?.find((t) => t.ReplicationTaskIdentifier?.toLowerCase() === id.toLowerCase());
}

async function projectTag(dms: Dms, arn: string | undefined): Promise<string | undefined> {
  if (!arn) return undefined;
  const r = await dms.send(new ListTagsForResourceCommand({ ResourceArn: arn }));
  return r.TagList?.find((t) => t.Key === PROJECT_TAG)?.Value;
}

function diff(changes: Change[], field: string, from: unknown, to: unknown): void {
  if (to === undefined) return;
  if (JSON.stringify(normalize(from)) !== JSON.stringify(normalize(to))) changes.push({ field, from, to });
}

function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return [...v].map(normalize).sort();
  return v ?? null;
}

export interface PlanOptions {
  /** Take over resources that exist without this project's tag. */
  adopt?: boolean;
}

export async function planResources(
  dms: Dms,
  config: DmsConfig,
  docs: DmsDocuments,
  opts: PlanOptions = {},
): Promise<Plan> {
  const ri = config.replicationInstance;
  const current: CurrentState = {
    subnetGroup: await describeSubnetGroup(dms, ri.subnetGroup.id),
    instance: await describeInstance(dms, ri.id),
    source: await describeEndpoint(dms, config.source.id),
    target: await describeEndpoint(dms, config.target.id),
    task: await describeTask(dms, config.task.id),
  };
  const steps: PlanStep[] = [
    planSubnetGroup(config, current.subnetGroup),
    planInstance(config, current.instance),
    planEndpoint(
      'source-endpoint',
      docs.sourceEndpoint,
      current.source,
      describePasswordSource(config.source.password),
    ),
    planEndpoint(
      'target-endpoint',
      docs.targetEndpoint,
      current.target,
      describePasswordSource(config.target.password),
    ),
    planTask(config, docs, current),
  ];
  // Ownership: resources that exist must carry our tag (subnet groups cannot be tagged by ARN reliably; skipped).
  const arns: Partial<Record<ResourceKind, string | undefined>> = {
    'replication-instance': current.instance?.ReplicationInstanceArn,
    'source-endpoint': current.source?.EndpointArn,
    'target-endpoint': current.target?.EndpointArn,
    'replication-task': current.task?.ReplicationTaskArn,
  };
  for (const s of steps) {
    const arn = arns[s.kind];
    if (!arn) continue;
    s.arn = arn;
    const tag = await projectTag(dms, arn);
    if (tag === config.project) continue;
    if (opts.adopt) {
      s.adopt = true;
      s.notes.push(`not tagged ${PROJECT_TAG}=${config.project}: adopted (apply adds the tag)`);
      continue;
    }
    s.action = 'blocked';
    s.notes.push(
      tag === undefined
        ? `exists without the ${PROJECT_TAG} tag (not created by orapg): pass --adopt to manage it`
        : `belongs to project ${tag}, not ${config.project}`,
    );
  }
  return { steps, current, blocked: steps.some((s) => s.action === 'blocked') };
}

function planSubnetGroup(config: DmsConfig, g: ReplicationSubnetGroup | undefined): PlanStep {
  const sg = config.replicationInstance.subnetGroup;
  const step: PlanStep = { kind: 'subnet-group', id: sg.id, action: 'none', changes: [], notes: [] };
  if (!g) {
    if (!sg.subnetIds?.length) {
      step.action = 'blocked';
      step.notes.push('does not exist and no subnetIds are configured to create it');
    } else step.action = 'create';
    return step;
  }
  if (sg.subnetIds?.length) {
    diff(
      step.changes,
      'SubnetIds',
      g.Subnets?.map((s) => s.SubnetIdentifier),
      sg.subnetIds,
    );
    diff(step.changes, 'Description', g.ReplicationSubnetGroupDescription, sg.description);
  }
  if (step.changes.length) step.action = 'modify';
  return step;
}

function planInstance(config: DmsConfig, i: ReplicationInstance | undefined): PlanStep {
  const ri = config.replicationInstance;
  const step: PlanStep = { kind: 'replication-instance', id: ri.id, action: 'none', changes: [], notes: [] };
  if (!i) {
    step.action = 'create';
    return step;
  }
  diff(step.changes, 'ReplicationInstanceClass', i.ReplicationInstanceClass, ri.class);
  diff(step.changes, 'MultiAZ', i.MultiAZ, ri.multiAz);
  diff(step.changes, 'EngineVersion', i.EngineVersion, ri.engineVersion);
  if (ri.securityGroupIds.length)
    diff(
      step.changes,
      'VpcSecurityGroupIds',
      i.VpcSecurityGroups?.map((g) => g.VpcSecurityGroupId),
      ri.securityGroupIds,
    );
  if ((i.AllocatedStorage ?? 0) < ri.allocatedStorage)
    step.changes.push({ field: 'AllocatedStorage', from: i.AllocatedStorage, to: ri.allocatedStorage });
  else if ((i.AllocatedStorage ?? 0) > ri.allocatedStorage)
    step.notes.push(
      `storage ${i.AllocatedStorage} GB is larger than configured ${ri.allocatedStorage} GB (storage cannot shrink; kept)`,
    );
  const group = i.ReplicationSubnetGroup?.ReplicationSubnetGroupIdentifier;
  if (group && group.toLowerCase() !== ri.subnetGroup.id.toLowerCase()) {
    step.action = 'blocked';
    step.notes.push(
      `is in subnet group ${group}, not ${ri.subnetGroup.id}: DMS cannot move it; recreate it by hand`,
    );
    return step;
  }
  if (i.PubliclyAccessible !== undefined && i.PubliclyAccessible !== ri.publiclyAccessible) {
    step.action = 'blocked';
    step.notes.push('PubliclyAccessible cannot be changed on an existing instance');
    return step;
  }
  if (step.changes.length) step.action = 'modify';
  if (i.ReplicationInstanceStatus !== 'available') step.notes.push(`status ${i.ReplicationInstanceStatus}`);
  return step;
}

type SettingsRecord = Record<string, unknown>;

function endpointSettings(doc: EndpointDoc): SettingsRecord {
  return (doc.OracleSettings ?? doc.PostgreSQLSettings ?? {}) as SettingsRecord;
}

function currentSettings(e: Endpoint): SettingsRecord {
  return ((e.EngineName === 'oracle' ? e.OracleSettings : e.PostgreSQLSettings) ?? {}) as SettingsRecord;
}

function planEndpoint(
  kind: ResourceKind,
  doc: EndpointDoc,
  e: Endpoint | undefined,
  password: string,
): PlanStep {
  const step: PlanStep = {
    kind,
    id: doc.EndpointIdentifier,
    action: 'none',
    changes: [],
    notes: [`password ${password}`],
  };
  if (!e) {
    step.action = 'create';
    return step;
  }
  if (e.EngineName !== doc.EngineName || e.EndpointType?.toLowerCase() !== doc.EndpointType) {
    step.action = 'blocked';
    step.notes.push(
      `exists as a ${e.EndpointType} ${e.EngineName} endpoint, not ${doc.EndpointType} ${doc.EngineName}`,
    );
    return step;
  }
  diff(step.changes, 'SslMode', e.SslMode, doc.SslMode);
  diff(step.changes, 'CertificateArn', e.CertificateArn, doc.CertificateArn);
  const have = currentSettings(e);
  for (const [k, v] of Object.entries(endpointSettings(doc))) {
    // DMS echoes most settings; one it leaves out is taken as unchanged when ours is false.
    if (!(k in have) || have[k] === undefined) {
      if (v === false) continue;
      step.changes.push({ field: k, from: undefined, to: v });
    } else diff(step.changes, k, have[k], v);
  }
  if (step.changes.length) step.action = 'modify';
  return step;
}

/** True when every key of `want` has the same value in `have` (objects compared recursively). */
export function isSubset(want: unknown, have: unknown, path = '', out: Change[] = []): Change[] {
  if (want && typeof want === 'object' && !Array.isArray(want)) {
    const h = (have && typeof have === 'object' ? have : {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(want as Record<string, unknown>))
      isSubset(v, h[k], path ? `${path}.${k}` : k, out);
    return out;
  }
  if (Array.isArray(want) && want.every((w) => w && typeof w === 'object' && 'Id' in w)) {
    // Lists keyed by Id (Logging.LogComponents): DMS returns every component, we set some.
    const h = Array.isArray(have) ? (have as { Id?: unknown }[]) : [];
    for (const w of want as { Id: unknown }[])
      isSubset(
        w,
        h.find((x) => x?.Id === w.Id),
        `${path}[${String(w.Id)}]`,
        out,
      );
    return out;
  }
  if (JSON.stringify(want) !== JSON.stringify(have)) out.push({ field: path, from: have, to: want });
  return out;
}

function parseJson(s: string | undefined): unknown {
  try {
    return s ? JSON.parse(s) : undefined;
  } catch {
    return undefined;
  }
}

const MODIFIABLE_TASK_STATES = new Set(['ready', 'stopped', 'failed']);

function planTask(config: DmsConfig, docs: DmsDocuments, cur: CurrentState): PlanStep {
  const step: PlanStep = {
    kind: 'replication-task',
    id: config.task.id,
    action: 'none',
    changes: [],
    notes: [],
  };
  const t = cur.task;
  if (!t) {
    step.action = 'create';
    return step;
  }
  const immutable: [string, string | undefined, string | undefined][] = [
    ['ReplicationInstanceArn', t.ReplicationInstanceArn, cur.instance?.ReplicationInstanceArn],
    ['SourceEndpointArn', t.SourceEndpointArn, cur.source?.EndpointArn],
    ['TargetEndpointArn', t.TargetEndpointArn, cur.target?.EndpointArn],
  ];
  for (const [field, have, want] of immutable)
    if (want && have !== want) {
      step.action = 'blocked';
      step.notes.push(
        `${field} is ${have}, expected ${want}: a task cannot be moved; delete it or change the task id`,
      );
    }
  if (step.action === 'blocked') return step;
  diff(step.changes, 'MigrationType', t.MigrationType, config.task.migrationType);
  if (JSON.stringify(parseJson(t.TableMappings)) !== JSON.stringify(docs.tableMappings))
    step.changes.push({ field: 'TableMappings', from: '(current document)', to: '(generated document)' });
  const settingChanges = isSubset(docs.taskSettings, parseJson(t.ReplicationTaskSettings));
  step.changes.push(...settingChanges.map((c) => ({ ...c, field: `ReplicationTaskSettings.${c.field}` })));
  if (step.changes.length) {
    if (!MODIFIABLE_TASK_STATES.has(t.Status ?? '')) {
      step.action = 'blocked';
      step.notes.push(`task is ${t.Status}; DMS modifies a task only when it is stopped, ready or failed`);
    } else step.action = 'modify';
  }
  step.notes.push(`status ${t.Status}`);
  return step;
}

/** Human-readable plan. */
export function formatPlan(plan: Plan): string {
  const sym = { create: '+', modify: '~', none: '=', blocked: '!' } as const;
  const lines: string[] = [];
  for (const s of plan.steps) {
    lines.push(`${sym[s.action]} ${s.kind} ${s.id}: ${s.action === 'none' ? 'up to date' : s.action}`);
    for (const c of s.changes) lines.push(`    ${c.field}: ${show(c.from)} → ${show(c.to)}`);
    for (const n of s.notes) lines.push(`    (${n})`);
  }
  const counts = (a: PlanStep['action']) => plan.steps.filter((s) => s.action === a).length;
  lines.push(
    `plan: ${counts('create')} to create, ${counts('modify')} to modify, ${counts('none')} unchanged, ${counts('blocked')} blocked`,
  );
  return `${lines.join('\n')}\n`;
}

function show(v: unknown): string {
  if (v === undefined) return '(unset)';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
