/**
 * `orapg dms run`: the load, following the phased scripts —
 *   pre-load SQL (identity columns BY DEFAULT) → start the task → progress per poll (tables
 *   loaded / total, rows, per-table state changes) → the task stops after the full load (full-load
 *   tasks stop by themselves; full load + CDC tasks stop before applying cached changes) →
 *   post-load SQL (post-data phase with FKs NOT VALID then VALIDATE, sequences past max(id)) →
 *   resume the task for CDC.
 * Re-running it picks up where the task is: a task stopped after its full load goes straight to
 * the post-load step; a running CDC task is left alone.
 */
import {
  type ReplicationTask,
  StartReplicationTaskCommand,
  type StartReplicationTaskTypeValue,
  type TableStatistics,
} from '@aws-sdk/client-database-migration-service';
import { logTransitions } from './apply.js';
import { DEFAULT_POLL, type Dms, type PollOptions, pollUntil } from './client.js';
import type { DmsConfig } from './config.js';
import type { DmsDocuments } from './documents.js';
import { describeTask } from './plan.js';
import {
  postLoadSteps,
  preLoadSteps,
  runSteps,
  type SqlClient,
  searchPathSql,
  sequenceSyncSteps,
} from './post-load.js';
import { describeTableStatistics, progressLine } from './status.js';

export interface RunOptions {
  poll?: Partial<PollOptions>;
  /** Upper bound for the full load (default 72 h). */
  fullLoadTimeoutMs?: number;
  log: (line: string) => void;
  /** Start over: reload every table (StartReplicationTaskType reload-target). */
  reload?: boolean;
}

export type RunOutcome = 'cdc-running' | 'full-load-done';

const STOPPED_AFTER_FULL_LOAD = /FULL_LOAD_ONLY_FINISHED|STOPPED_AFTER_FULL_LOAD/;

export function stoppedAfterFullLoad(t: ReplicationTask | undefined): boolean {
  return t?.Status === 'stopped' && STOPPED_AFTER_FULL_LOAD.test(t.StopReason ?? '');
}

function taskFailure(t: ReplicationTask | undefined): string | undefined {
  if (!t) return 'task not found';
  if (t.Status === 'failed') return `task failed: ${t.LastFailureMessage ?? t.StopReason ?? 'no message'}`;
  if (t.Status === 'stopped' && /ERROR/.test(t.StopReason ?? ''))
    return `task stopped (${t.StopReason}): ${t.LastFailureMessage ?? 'no message'}`;
  return undefined;
}

async function start(
  dms: Dms,
  t: ReplicationTask,
  type: StartReplicationTaskTypeValue,
  poll: PollOptions,
  log: (l: string) => void,
  untilRunning = false,
) {
  log(`task ${t.ReplicationTaskIdentifier}: start (${type})`);
  await dms.send(
    new StartReplicationTaskCommand({
      ReplicationTaskArn: t.ReplicationTaskArn,
      StartReplicationTaskType: type,
    }),
  );
  return pollUntil(
    `starting task ${t.ReplicationTaskIdentifier}`,
    () => describeTask(dms, t.ReplicationTaskIdentifier!),
    (x) => {
      const f = taskFailure(x);
      if (f) return { failed: f };
      // A short full load may already be over by the first poll.
      return { done: x?.Status === 'running' || (!untilRunning && stoppedAfterFullLoad(x)) };
    },
    { ...poll, timeoutMs: Math.min(poll.timeoutMs, 30 * 60_000) },
    logTransitions(log, `task ${t.ReplicationTaskIdentifier}`, (x) => x?.Status ?? 'not found'),
  );
}

/** Polls until the full load is over, printing the progress line and per-table state changes. */
export async function waitFullLoad(
  dms: Dms,
  task: ReplicationTask,
  total: number,
  poll: PollOptions,
  log: (l: string) => void,
): Promise<{ task: ReplicationTask; tables: TableStatistics[] }> {
  const states = new Map<string, string>();
  let lastLine = '';
  let tables: TableStatistics[] = [];
  const done = await pollUntil(
    `full load of task ${task.ReplicationTaskIdentifier}`,
    async () => {
      const t = await describeTask(dms, task.ReplicationTaskIdentifier!);
      tables = t?.ReplicationTaskArn ? await describeTableStatistics(dms, t.ReplicationTaskArn) : [];
      return t;
    },
    (t) => {
      const f = taskFailure(t);
      if (f) return { failed: f };
      return { done: stoppedAfterFullLoad(t) };
    },
    poll,
    (t) => {
      if (!t) return;
      for (const s of tables) {
        const k = `${s.SchemaName}.${s.TableName}`;
        if (states.get(k) !== s.TableState) log(`  ${k}: ${s.TableState} (${s.FullLoadRows ?? 0} rows)`);
        states.set(k, s.TableState ?? '');
      }
      const line = progressLine(t, tables, total);
      if (line !== lastLine) log(line);
      lastLine = line;
    },
  );
  return { task: done!, tables };
}

export async function runMigration(
  dms: Dms,
  db: SqlClient,
  config: DmsConfig,
  docs: DmsDocuments,
  o: RunOptions,
): Promise<RunOutcome> {
  const poll = { ...DEFAULT_POLL, ...o.poll };
  const id = config.task.id;
  let task = await describeTask(dms, id);
  if (!task) throw new Error(`task ${id} does not exist: run orapg dms apply first`);
  const cdc = task.MigrationType === 'full-load-and-cdc';
  o.log(`task ${id}: ${task.Status}${task.StopReason ? ` (${task.StopReason})` : ''}`);

  if (task.Status === 'running' && !o.reload) {
    if (cdc && task.ReplicationTaskStats?.FullLoadFinishDate) {
      o.log(`task ${id}: already replicating changes; nothing to do (orapg dms status shows the latency)`);
      return 'cdc-running';
    }
    task = (
      await waitFullLoad(
        dms,
        task,
        docs.tables.length,
        { ...poll, timeoutMs: o.fullLoadTimeoutMs ?? 72 * 3600_000 },
        o.log,
      )
    ).task;
  } else if (!stoppedAfterFullLoad(task) || o.reload) {
    const failure = taskFailure(task);
    if (failure && !o.reload)
      throw new Error(`${failure}; fix the cause, then run again (or --reload to start over)`);
    if (!['ready', 'stopped', 'failed'].includes(task.Status ?? ''))
      throw new Error(`task ${id} is ${task.Status}; wait until it is ready or stopped`);
    const fresh = !task.ReplicationTaskStartDate && task.Status === 'ready';
    if (fresh || o.reload) {
      o.log('pre-load: identity columns accept the loaded values, computed-column triggers fire for DMS');
      await runSteps(db, preLoadSteps(docs.tables), o.log);
    }
    const type: StartReplicationTaskTypeValue = o.reload
      ? 'reload-target'
      : fresh
        ? 'start-replication'
        : 'resume-processing';
    task = await start(dms, task, type, poll, o.log);
    if (!stoppedAfterFullLoad(task))
      task = (
        await waitFullLoad(
          dms,
          task!,
          docs.tables.length,
          { ...poll, timeoutMs: o.fullLoadTimeoutMs ?? 72 * 3600_000 },
          o.log,
        )
      ).task;
  }
  const errored = task?.ReplicationTaskStats?.TablesErrored ?? 0;
  if (errored > 0)
    throw new Error(
      `full load finished with ${errored} table(s) in error; see orapg dms status, fix and reload them before the post-load step`,
    );

  o.log(
    'post-load: computed columns, post-data phase (constraints, foreign keys NOT VALID, indexes, VALIDATE)',
  );
  await runSteps(db, postLoadSteps(docs.model, docs.tables), o.log, searchPathSql(docs.model));
  o.log('post-load: sequences past the loaded data');
  await runSteps(db, sequenceSyncSteps(docs.model), o.log);

  if (!cdc) {
    o.log(`task ${id}: full load complete; the target is ready for verification`);
    return 'full-load-done';
  }
  await start(dms, task!, 'resume-processing', poll, o.log, true);
  o.log(`task ${id}: replicating changes (CDC); follow it with orapg dms status, then orapg cutover`);
  return 'cdc-running';
}
