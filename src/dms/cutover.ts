/**
 * `orapg cutover`: a checklist gate. It refuses while any check fails — task not replicating,
 * tables in error, validation failures or pending records, apply exceptions, CDC latency above the
 * threshold or unknown, row counts that differ, source writes not confirmed frozen — and only then
 * stops the task, waits until it is stopped, runs the final sequence sync (and identity columns
 * back to ALWAYS), and prints the ordered steps of the application switch.
 */
import { StopReplicationTaskCommand, type TableStatistics } from '@aws-sdk/client-database-migration-service';
import { logTransitions } from './apply.js';
import { DEFAULT_POLL, type Dms, type PollOptions, pollUntil } from './client.js';
import type { DmsConfig } from './config.js';
import type { DmsDocuments } from './documents.js';
import { describeTask } from './plan.js';
import { cutoverSteps, runSteps, type SqlClient } from './post-load.js';
import {
  type ControlStatus,
  countTargetRows,
  describeTableStatistics,
  readControlTables,
  statsMatch,
  type TableCount,
  validationProblems,
} from './status.js';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface CutoverOptions {
  maxLatencySeconds?: number;
  /** ORACLE_SCHEMA.TABLE → row count on the source, taken after the source writes stopped. */
  sourceCounts?: Record<string, number>;
  /** The operator confirms that the applications no longer write to Oracle. */
  sourceFrozen: boolean;
  /** Check only; do not stop the task. */
  dryRun?: boolean;
  poll?: Partial<PollOptions>;
  log: (line: string) => void;
}

export interface CutoverResult {
  passed: boolean;
  checks: Check[];
  stopped: boolean;
}

export async function cutoverChecks(
  dms: Dms,
  db: SqlClient,
  config: DmsConfig,
  docs: DmsDocuments,
  o: CutoverOptions,
): Promise<{ checks: Check[]; control?: ControlStatus; counts?: TableCount[] }> {
  const checks: Check[] = [];
  const add = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const maxLatency = o.maxLatencySeconds ?? config.cutover.maxLatencySeconds;
  const task = await describeTask(dms, config.task.id);
  if (!task?.ReplicationTaskArn) {
    add('task replicating changes', false, `task ${config.task.id} not found`);
    return { checks };
  }
  const cdc = task.MigrationType === 'full-load-and-cdc';
  add(
    'task replicating changes',
    cdc && task.Status === 'running',
    cdc
      ? `status ${task.Status}${task.LastFailureMessage ? `: ${task.LastFailureMessage}` : ''}`
      : `migration type ${task.MigrationType} has no CDC`,
  );

  const stats = await describeTableStatistics(dms, task.ReplicationTaskArn);
  const missing = docs.tables.filter((t) => !stats.some((s) => statsMatch(s, t)));
  const notCompleted = stats.filter((s) => s.TableState !== 'Table completed');
  add(
    'every table loaded',
    !missing.length && !notCompleted.length,
    missing.length || notCompleted.length
      ? [
          ...missing.map((t) => `${t.source.schema}.${t.source.name}: no statistics`),
          ...notCompleted.map((s: TableStatistics) => `${s.SchemaName}.${s.TableName}: ${s.TableState}`),
        ].join('; ')
      : `${stats.length} tables completed`,
  );

  if (config.task.validation) {
    const problems = validationProblems(stats);
    const pending = stats.filter((s) => (s.ValidationPendingRecords ?? 0) > 0);
    add(
      'validation without failures',
      !problems.length,
      problems.join('; ') || 'no failed or suspended records',
    );
    add(
      'validation caught up',
      !pending.length,
      pending
        .map((s) => `${s.SchemaName}.${s.TableName}: ${s.ValidationPendingRecords} pending`)
        .join('; ') || 'no pending records',
    );
  }

  const control = await readControlTables(db, config.task.controlSchema, task.ReplicationTaskArn);
  const fresh =
    control.statusAgeSeconds !== undefined && control.statusAgeSeconds <= config.cutover.maxStatusAgeSeconds;
  const latencyKnown = control.latencySeconds !== undefined && fresh;
  add(
    `CDC latency at most ${maxLatency} s`,
    latencyKnown && (control.latencySeconds as number) <= maxLatency,
    latencyKnown
      ? `${(control.latencySeconds as number).toFixed(1)} s, ${control.pendingChanges} pending changes`
      : `unknown (${[...control.notes, ...(control.statusAgeSeconds !== undefined && !fresh ? [`status row is ${Math.round(control.statusAgeSeconds)} s old`] : [])].join('; ') || 'no status'})`,
  );
  add(
    'no apply exceptions',
    control.applyExceptions === 0,
    control.applyExceptions === undefined
      ? 'awsdms_apply_exceptions not readable'
      : `${control.applyExceptions} exceptions`,
  );

  let counts: TableCount[] | undefined;
  if (o.sourceCounts) {
    counts = await countTargetRows(db, docs.tables, o.sourceCounts);
    const bad = counts.filter((c) => c.source === undefined || c.source !== c.target);
    add(
      'row counts equal',
      !bad.length,
      bad
        .map(
          (c) =>
            `${c.table.source.schema}.${c.table.source.name}: source ${c.source ?? 'missing'}, target ${c.target}`,
        )
        .join('; ') || `${counts.length} tables equal`,
    );
  } else if (!config.task.validation)
    add('row counts equal', false, 'no source counts given and validation is off: nothing proves the data');

  add(
    'source writes stopped',
    o.sourceFrozen,
    o.sourceFrozen
      ? 'confirmed by the operator (--source-frozen)'
      : 'stop the applications writing to Oracle, then pass --source-frozen',
  );
  return { checks, control, counts };
}

export function formatChecks(checks: Check[]): string {
  return `${checks.map((c) => `  [${c.ok ? 'x' : ' '}] ${c.name}: ${c.detail}`).join('\n')}\n`;
}

export async function runCutover(
  dms: Dms,
  db: SqlClient,
  config: DmsConfig,
  docs: DmsDocuments,
  o: CutoverOptions,
): Promise<CutoverResult> {
  const { checks } = await cutoverChecks(dms, db, config, docs, o);
  const passed = checks.every((c) => c.ok);
  o.log(`cutover checklist for task ${config.task.id}:\n${formatChecks(checks).trimEnd()}`);
  if (!passed) {
    o.log('cutover refused: every check must pass; the task keeps replicating');
    return { passed, checks, stopped: false };
  }
  if (o.dryRun) {
    o.log('cutover: all checks pass (dry run: the task is not stopped)');
    return { passed, checks, stopped: false };
  }
  const poll = { ...DEFAULT_POLL, ...o.poll };
  const task = (await describeTask(dms, config.task.id))!;
  o.log(`task ${config.task.id}: stopping`);
  await dms.send(new StopReplicationTaskCommand({ ReplicationTaskArn: task.ReplicationTaskArn }));
  await pollUntil(
    `stopping task ${config.task.id}`,
    () => describeTask(dms, config.task.id),
    (t) =>
      t?.Status === 'failed'
        ? { failed: t.LastFailureMessage ?? 'failed' }
        : { done: t?.Status === 'stopped' },
    { ...poll, timeoutMs: Math.min(poll.timeoutMs, 30 * 60_000) },
    logTransitions(o.log, `task ${config.task.id}`, (t) => t?.Status ?? 'not found'),
  );
  o.log('cutover: final sequence sync and identity columns');
  await runSteps(db, cutoverSteps(docs.model, docs.tables), o.log);
  o.log(applicationSwitch(config, docs));
  return { passed, checks, stopped: true };
}

/** The steps after the gate, in order. */
export function applicationSwitch(config: DmsConfig, docs: DmsDocuments): string {
  const schemas = [...new Set(docs.tables.map((t) => t.target.schema))].join(', ');
  return [
    'application switch (in this order):',
    `  1. Keep the applications stopped on Oracle (they are: --source-frozen).`,
    `  2. Point the applications' connection settings at PostgreSQL ${config.target.server}:${config.target.port}/${config.target.database} (schemas ${schemas}).`,
    '  3. Run the application smoke tests against PostgreSQL (read and write paths, a sequence-backed insert per key table).',
    '  4. Open the applications to users.',
    '  5. Keep Oracle read-only and untouched until the rollback window closes (see orapg cutover --rollback-plan).',
    `  6. Afterwards: delete the DMS task ${config.task.id}, the endpoints and the replication instance ${config.replicationInstance.id}.`,
  ].join('\n');
}

export function rollbackPlan(config: DmsConfig): string {
  return [
    `rollback plan for ${config.project}:`,
    '  Before the application switch (task stopped, applications still off):',
    '    1. Start the applications on Oracle again: Oracle stayed the system of record and missed no write.',
    `    2. Resume replication with orapg dms run (the task ${config.task.id} resumes from its checkpoint), or reload it.`,
    '  After the application switch (PostgreSQL has taken writes):',
    '    1. Stop the applications.',
    '    2. Writes made on PostgreSQL exist only there: export them (by the audit columns or a reverse DMS task with',
    '       PostgreSQL as source, which needs logical replication set up before the switch) and apply them to Oracle.',
    '    3. Point the applications back at Oracle, re-enable Oracle triggers and jobs that were disabled for the move.',
    '    4. Record what was lost or replayed; re-plan the cutover.',
    '  Decide the point of no return in advance: once PostgreSQL has taken writes without a reverse path, rolling back loses them.',
  ].join('\n');
}

/** The whole migration, in order, with the commands that do each step. */
export function runbook(config: DmsConfig, configPath = 'dms.json'): string {
  const c = `-c ${configPath}`;
  return [
    `runbook for ${config.project} (${config.task.migrationType}):`,
    '  1. Oracle source prepared for DMS: archive log mode, supplemental logging, the DMS user and its grants.',
    '  2. orapg pg prep --url <target> ...: schemas, DMS user and application user with least privileges.',
    '  3. orapg convert <scripts> -o out/, then psql -f out/01-pre-data.sql and out/02-code.sql as the owner role.',
    `  4. orapg dms plan ${c} (read it), then orapg dms apply ${c}: instance, endpoints, connection tests, task.`,
    `  5. orapg dms run ${c}: pre-load SQL (identity BY DEFAULT, computed-column triggers ENABLE ALWAYS), full load`,
    '     with progress, computed columns, post-data phase (FKs NOT VALID then VALIDATE), sequences past max(id), then CDC.',
    `  6. orapg dms status ${c}: watch CDC latency, validation and row counts until they are steady.`,
    '  7. Stop the applications writing to Oracle; wait until pending changes reach zero.',
    `  8. orapg cutover ${c} --source-frozen [--source-counts counts.json]: the checklist gate; it stops the task,`,
    '     syncs sequences and prints the application switch.',
    `  9. Keep orapg cutover ${c} --rollback-plan at hand until the rollback window closes.`,
  ].join('\n');
}
