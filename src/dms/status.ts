/**
 * Keep-in-sync status without CloudWatch: the task and its statistics (DescribeReplicationTasks),
 * per-table state and validation (DescribeTableStatistics), and — when the task writes its control
 * tables on the target — CDC latency and pending changes from awsdms_status / awsdms_history and
 * the apply exceptions count; plus row counts of the target tables compared with source counts.
 */
import {
  DescribeTableStatisticsCommand,
  type ReplicationTask,
  type TableStatistics,
} from '@aws-sdk/client-database-migration-service';
import { quoteIdent, quoteLiteral } from '../emit/quote.js';
import type { Dms } from './client.js';
import type { DmsTable } from './model.js';
import { qualified, type SqlClient } from './post-load.js';

export async function describeTableStatistics(dms: Dms, taskArn: string): Promise<TableStatistics[]> {
  const out: TableStatistics[] = [];
  let Marker: string | undefined;
  do {
    const r = await dms.send(
      new DescribeTableStatisticsCommand({ ReplicationTaskArn: taskArn, MaxRecords: 500, Marker }),
    );
    out.push(...(r.TableStatistics ?? []));
    Marker = r.Marker;
  } while (Marker);
  return out;
}

export interface ControlStatus {
  /** Seconds the target is behind the source; 0 when nothing is pending. */
  latencySeconds?: number;
  pendingChanges?: number;
  taskStatus?: string;
  /** Age of the awsdms_status row in seconds. */
  statusAgeSeconds?: number;
  /** Latency of the latest CDC timeslot of awsdms_history, in seconds. */
  historyLatencySeconds?: number;
  applyExceptions?: number;
  /** Why a figure is missing (control tables absent, no row for this task…). */
  notes: string[];
}

/** The task name DMS writes into its control tables: the resource id at the end of the task ARN. */
export function taskResourceId(taskArn: string): string {
  return taskArn.split(':').pop() ?? taskArn;
}

async function tryQuery(db: SqlClient, sql: string): Promise<Record<string, unknown>[] | undefined> {
  try {
    return (await db.query(sql)).rows;
  } catch (e) {
    if ((e as { code?: string }).code === '42P01') return undefined; // undefined_table
    throw e;
  }
}

export async function readControlTables(
  db: SqlClient,
  controlSchema: string,
  taskArn: string,
): Promise<ControlStatus> {
  const s = quoteIdent(controlSchema);
  const task = quoteLiteral(taskResourceId(taskArn));
  const out: ControlStatus = { notes: [] };
  const status = await tryQuery(
    db,
    `SELECT task_status, pending_changes,
            extract(epoch FROM (now() - status_time))::float8 AS age,
            extract(epoch FROM (source_current_timestamp - source_timestamp_applied))::float8 AS lag
       FROM ${s}.awsdms_status WHERE task_name = ${task} ORDER BY status_time DESC LIMIT 1`,
  );
  if (!status)
    out.notes.push(`${controlSchema}.awsdms_status does not exist (StatusTableEnabled, CDC tasks only)`);
  else if (!status.length) out.notes.push(`no awsdms_status row for task ${taskResourceId(taskArn)}`);
  else {
    const r = status[0];
    out.taskStatus = String(r.task_status);
    out.pendingChanges = Number(r.pending_changes);
    out.statusAgeSeconds = Number(r.age);
    out.latencySeconds = out.pendingChanges === 0 ? 0 : Math.max(0, Number(r.lag ?? Number.NaN));
    if (Number.isNaN(out.latencySeconds)) out.latencySeconds = undefined;
  }
  const history = await tryQuery(
    db,
    `SELECT timeslot_latency FROM ${s}.awsdms_history
      WHERE task_name = ${task} AND timeslot_type LIKE 'CHANGE PROCESSING%' ORDER BY timeslot DESC LIMIT 1`,
  );
  if (history?.length) out.historyLatencySeconds = Number(history[0].timeslot_latency);
  const exceptions = await tryQuery(
    db,
    `SELECT count(*)::int AS n FROM ${s}.awsdms_apply_exceptions WHERE task_name = ${task}`,
  );
  if (exceptions) out.applyExceptions = Number(exceptions[0].n);
  else out.notes.push(`${controlSchema}.awsdms_apply_exceptions does not exist yet`);
  return out;
}

export interface TableCount {
  table: DmsTable;
  target: number;
  source?: number;
}

/** Exact counts of the target tables (count(*) — run it when the load is quiet, it reads every row). */
export async function countTargetRows(
  db: SqlClient,
  tables: DmsTable[],
  sourceCounts: Record<string, number> = {},
): Promise<TableCount[]> {
  const src = new Map(Object.entries(sourceCounts).map(([k, v]) => [k.toUpperCase(), v]));
  const out: TableCount[] = [];
  for (const t of tables) {
    const r = await db.query(`SELECT count(*)::bigint AS n FROM ${qualified(t.target)}`);
    const c: TableCount = { table: t, target: Number(r.rows[0].n) };
    const s = src.get(`${t.source.schema}.${t.source.name}`.toUpperCase());
    if (s !== undefined) c.source = s;
    out.push(c);
  }
  return out;
}

export interface TaskStatusReport {
  task: ReplicationTask;
  tables: TableStatistics[];
  control?: ControlStatus;
  counts?: TableCount[];
}

const BAD_VALIDATION = new Set(['Mismatched records', 'Error', 'Table error', 'Suspended records', 'Failed']);

export function validationProblems(tables: TableStatistics[]): string[] {
  const out: string[] = [];
  for (const t of tables) {
    const name = `${t.SchemaName}.${t.TableName}`;
    if (t.ValidationState && BAD_VALIDATION.has(t.ValidationState))
      out.push(
        `${name}: validation ${t.ValidationState}${t.ValidationStateDetails ? ` (${t.ValidationStateDetails})` : ''}`,
      );
    if ((t.ValidationFailedRecords ?? 0) > 0)
      out.push(`${name}: ${t.ValidationFailedRecords} records failed validation`);
    if ((t.ValidationSuspendedRecords ?? 0) > 0)
      out.push(`${name}: ${t.ValidationSuspendedRecords} records suspended from validation`);
  }
  return out;
}

/** DMS reports statistics under the source names (or, in some versions, the target names). */
export function statsMatch(s: TableStatistics, t: DmsTable): boolean {
  return (
    (s.SchemaName === t.source.schema && s.TableName === t.source.name) ||
    (s.SchemaName === t.target.schema && s.TableName === t.target.name)
  );
}

export function bar(fraction: number, width = 24): string {
  const f = Math.max(0, Math.min(1, fraction));
  const n = Math.round(f * width);
  return `[${'#'.repeat(n)}${'.'.repeat(width - n)}]`;
}

/** One progress line of a full load. */
export function progressLine(task: ReplicationTask, tables: TableStatistics[], total: number): string {
  const st = task.ReplicationTaskStats ?? {};
  const loaded = st.TablesLoaded ?? tables.filter((t) => t.TableState === 'Table completed').length;
  const rows = tables.reduce((n, t) => n + (t.FullLoadRows ?? 0), 0);
  const pct = st.FullLoadProgressPercent ?? (total ? Math.round((100 * loaded) / total) : 0);
  return `${task.Status} ${bar(pct / 100)} ${pct}% tables ${loaded}/${total} loaded, ${st.TablesLoading ?? 0} loading, ${st.TablesQueued ?? 0} queued, ${st.TablesErrored ?? 0} errored; ${rows.toLocaleString('en-US')} rows`;
}

export function formatStatus(r: TaskStatusReport, maxLatencySeconds?: number): string {
  const t = r.task;
  const st = t.ReplicationTaskStats ?? {};
  const lines = [
    `task ${t.ReplicationTaskIdentifier}: ${t.Status}${t.StopReason ? ` (${t.StopReason})` : ''}, ${t.MigrationType}`,
  ];
  if (t.LastFailureMessage) lines.push(`  last failure: ${t.LastFailureMessage}`);
  lines.push(
    `  full load ${st.FullLoadProgressPercent ?? 0}%: ${st.TablesLoaded ?? 0} loaded, ${st.TablesLoading ?? 0} loading, ${st.TablesQueued ?? 0} queued, ${st.TablesErrored ?? 0} errored`,
  );
  const c = r.control;
  if (c) {
    const lat = c.latencySeconds === undefined ? 'unknown' : `${c.latencySeconds.toFixed(1)} s`;
    lines.push(
      `  CDC latency ${lat}${maxLatencySeconds !== undefined ? ` (threshold ${maxLatencySeconds} s)` : ''}, pending changes ${c.pendingChanges ?? 'unknown'}, apply exceptions ${c.applyExceptions ?? 'unknown'}` +
        (c.historyLatencySeconds !== undefined
          ? `, last timeslot latency ${c.historyLatencySeconds} s`
          : '') +
        (c.statusAgeSeconds !== undefined ? `, status ${Math.round(c.statusAgeSeconds)} s old` : ''),
    );
    for (const n of c.notes) lines.push(`  (${n})`);
  }
  lines.push('  tables:');
  for (const s of r.tables) {
    const cnt = r.counts?.find((x) => statsMatch(s, x.table));
    const countText = cnt
      ? ` | target ${cnt.target}${cnt.source !== undefined ? ` source ${cnt.source}${cnt.source === cnt.target ? ' =' : ' MISMATCH'}` : ''}`
      : '';
    lines.push(
      `    ${s.SchemaName}.${s.TableName}: ${s.TableState}, full load ${s.FullLoadRows ?? 0} rows, +${s.Inserts ?? 0} ~${s.Updates ?? 0} -${s.Deletes ?? 0}, validation ${s.ValidationState ?? 'n/a'}${(s.ValidationFailedRecords ?? 0) > 0 ? ` (${s.ValidationFailedRecords} failed)` : ''}${countText}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
