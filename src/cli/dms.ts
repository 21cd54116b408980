/**
 * `orapg dms docs|plan|apply|run|status|runbook` and `orapg cutover`.
 * Every line goes through a Redactor that masks the endpoint passwords and the password of the
 * PostgreSQL URL. Failures print `orapg dms: …` and exit with 1.
 */
import { readFileSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import pg from 'pg';
import { applyResources } from '../dms/apply.js';
import { createDmsClient, Dms } from '../dms/client.js';
import { buildCloudFormation } from '../dms/cloudformation.js';
import { type DmsConfig, loadDmsConfig } from '../dms/config.js';
import { applicationSwitch, rollbackPlan, runbook, runCutover } from '../dms/cutover.js';
import { buildDmsDocuments, type DmsDocuments, json, writeDmsFiles } from '../dms/documents.js';
import { describeTask, formatPlan, planResources } from '../dms/plan.js';
import { runMigration } from '../dms/run.js';
import { Redactor } from '../dms/secrets.js';
import { countTargetRows, describeTableStatistics, formatStatus, readControlTables } from '../dms/status.js';
import type { CliContext, CliIo } from './common.js';

interface Common {
  config: string;
  endpointUrl?: string;
  pollMs?: number;
  timeoutMinutes?: number;
  pgUrl?: string;
}

function positive(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function withCommon(c: Command, pgUrl = false): Command {
  c.requiredOption('-c, --config <file>', 'DMS configuration (JSON)')
    .option('--endpoint-url <url>', 'DMS API endpoint (default: from the region; env ORAPG_DMS_ENDPOINT)')
    .option(
      '--poll-ms <ms>',
      'first delay between polls of a resource in transition (backs off to 60 s)',
      positive,
    )
    .option('--timeout-minutes <n>', 'give up waiting after this long', positive);
  if (pgUrl)
    c.option('--pg-url <url>', 'PostgreSQL target as the owner role (env ORAPG_PG_URL, else PG* variables)');
  return c;
}

interface Session {
  io: CliIo;
  redactor: Redactor;
  config: DmsConfig;
  docs: () => DmsDocuments;
  dms: () => Dms;
  poll: { minDelayMs?: number; timeoutMs?: number };
  log: (l: string) => void;
}

function session(ctx: CliContext, o: Common): Session {
  const redactor = new Redactor();
  const io = redactor.wrap(ctx.io);
  const config = loadDmsConfig(o.config);
  for (const p of [config.source.password, config.target.password])
    if ('env' in p) redactor.add(process.env[p.env]);
  let docs: DmsDocuments | undefined;
  let dms: Dms | undefined;
  const log = (l: string) => io.out(`${l}\n`);
  return {
    io,
    redactor,
    config,
    docs: () => {
      docs ??= buildDmsDocuments(config);
      return docs;
    },
    dms: () => {
      dms ??= new Dms(
        createDmsClient({ region: config.region, endpoint: o.endpointUrl ?? process.env.ORAPG_DMS_ENDPOINT }),
        undefined,
        (m) => io.err(`orapg dms: ${m}\n`),
      );
      return dms;
    },
    poll: {
      ...(o.pollMs
        ? { minDelayMs: o.pollMs, maxDelayMs: Math.max(o.pollMs, Math.min(60_000, o.pollMs * 12)) }
        : {}),
      ...(o.timeoutMinutes ? { timeoutMs: o.timeoutMinutes * 60_000 } : {}),
    },
    log,
  };
}

async function withPg<T>(s: Session, url: string | undefined, fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const connectionString = url ?? process.env.ORAPG_PG_URL;
  s.redactor.addUrl(connectionString);
  s.redactor.add(process.env.PGPASSWORD);
  const db = new pg.Client(connectionString ? { connectionString } : {});
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

/** Runs an action; any error becomes one masked line and exit code 1. */
function guarded(ctx: CliContext, body: (o: Common & Record<string, unknown>, s: Session) => Promise<void>) {
  return async (o: Common & Record<string, unknown>) => {
    let s: Session | undefined;
    try {
      s = session(ctx, o);
      await body(o, s);
    } catch (e) {
      const msg = `orapg dms: ${(e as Error).name && (e as Error).name !== 'Error' ? `${(e as Error).name}: ` : ''}${(e as Error).message}\n`;
      (s?.io ?? ctx.io).err(s ? msg : new Redactor().mask(msg));
      ctx.setExitCode(1);
    }
  };
}

function readCounts(path: string | undefined): Record<string, number> | undefined {
  if (!path) return undefined;
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
      throw new Error(`source counts: ${k} is not a row count`);
    out[k] = v;
  }
  return out;
}

export function registerDms(program: Command, ctx: CliContext): void {
  const dms = program
    .command('dms')
    .description('drive AWS DMS: documents, plan/apply, full load + CDC, status');

  dms
    .command('docs')
    .description('write the DMS documents (table mappings, task and endpoint settings) and the load SQL')
    .requiredOption('-c, --config <file>', 'DMS configuration (JSON)')
    .requiredOption('-o, --out <dir>', 'output directory')
    .action(
      guarded(ctx, async (o, s) => {
        const d = s.docs();
        const files = writeDmsFiles(d, String(o.out));
        for (const f of d.findings) s.io.err(`${f.severity} ${f.id} ${f.message}\n`);
        s.log(
          `orapg dms: ${d.tables.length} tables, ${d.tableMappings.rules.length} rules → ${o.out} (${files.join(', ')})`,
        );
      }),
    );

  withCommon(dms.command('plan').description('show what apply would create or change (changes nothing)'))
    .option('--format <format>', 'text, json or cloudformation', 'text')
    .option('--adopt', 'manage resources that exist without the orapg:project tag')
    .action(
      guarded(ctx, async (o, s) => {
        const d = s.docs();
        if (o.format === 'cloudformation') {
          s.io.out(json(buildCloudFormation(s.config, d)));
          return;
        }
        const plan = await planResources(s.dms(), s.config, d, { adopt: !!o.adopt });
        if (o.format === 'json') s.io.out(json({ steps: plan.steps, blocked: plan.blocked }));
        else s.io.out(formatPlan(plan));
        if (plan.blocked) ctx.setExitCode(1);
      }),
    );

  withCommon(
    dms.command('apply').description('create or update the replication instance, endpoints and task'),
  )
    .option('--dry-run', 'print the plan and stop')
    .option('--adopt', 'manage resources that exist without the orapg:project tag')
    .option('--update-passwords', 'send the endpoint passwords from the environment again')
    .action(
      guarded(ctx, async (o, s) => {
        const d = s.docs();
        if (o.dryRun) {
          s.io.out(formatPlan(await planResources(s.dms(), s.config, d, { adopt: !!o.adopt })));
          return;
        }
        const r = await applyResources(s.dms(), s.config, d, {
          adopt: !!o.adopt,
          updatePasswords: !!o.updatePasswords,
          poll: s.poll,
          instanceTimeoutMs: s.poll.timeoutMs ?? 45 * 60_000,
          log: s.log,
          redactor: s.redactor,
        });
        s.log(`task ARN ${r.taskArn}`);
      }),
    );

  withCommon(
    dms.command('run').description('start the task, show progress, run the post-load step, resume CDC'),
    true,
  )
    .option('--reload', 'reload every table (reload-target)')
    .action(
      guarded(ctx, async (o, s) => {
        const d = s.docs();
        await withPg(s, o.pgUrl, (db) =>
          runMigration(s.dms(), db, s.config, d, {
            poll: s.poll,
            fullLoadTimeoutMs: s.poll.timeoutMs,
            log: s.log,
            reload: !!o.reload,
          }),
        );
      }),
    );

  withCommon(
    dms.command('status').description('task, table states, validation, CDC latency, row counts'),
    true,
  )
    .option(
      '--source-counts <file>',
      'JSON {"SCHEMA.TABLE": rows} counted on Oracle, compared with the target',
    )
    .option('--json', 'print JSON')
    .action(
      guarded(ctx, async (o, s) => {
        const d = s.docs();
        const task = await describeTask(s.dms(), s.config.task.id);
        if (!task?.ReplicationTaskArn) throw new Error(`task ${s.config.task.id} does not exist`);
        const tables = await describeTableStatistics(s.dms(), task.ReplicationTaskArn);
        const sourceCounts = readCounts(o.sourceCounts as string | undefined);
        const extra = await withPg(s, o.pgUrl, async (db) => ({
          control: await readControlTables(db, s.config.task.controlSchema, task.ReplicationTaskArn!),
          counts: sourceCounts ? await countTargetRows(db, d.tables, sourceCounts) : undefined,
        }));
        const report = { task, tables, ...extra };
        if (o.json) s.io.out(json(report));
        else s.io.out(formatStatus(report, s.config.cutover.maxLatencySeconds));
      }),
    );

  dms
    .command('runbook')
    .description('print the ordered steps of the whole migration')
    .requiredOption('-c, --config <file>', 'DMS configuration (JSON)')
    .action(
      guarded(ctx, async (o, s) => {
        s.log(runbook(s.config, o.config));
      }),
    );

  withCommon(
    program
      .command('cutover')
      .description(
        'checklist gate; when every check passes: stop the task, final sequence sync, switch steps',
      ),
    true,
  )
    .option('--source-frozen', 'confirm that the applications no longer write to Oracle')
    .option(
      '--source-counts <file>',
      'JSON {"SCHEMA.TABLE": rows} counted on Oracle after the writes stopped',
    )
    .option('--max-latency <seconds>', 'CDC latency threshold (default from the configuration)', Number)
    .option('--dry-run', 'run the checks only')
    .option('--rollback-plan', 'print the rollback plan and exit')
    .action(
      guarded(ctx, async (o, s) => {
        if (o.rollbackPlan) {
          s.log(rollbackPlan(s.config));
          return;
        }
        const d = s.docs();
        const r = await withPg(s, o.pgUrl, (db) =>
          runCutover(s.dms(), db, s.config, d, {
            sourceFrozen: !!o.sourceFrozen,
            sourceCounts: readCounts(o.sourceCounts as string | undefined),
            maxLatencySeconds: o.maxLatency as number | undefined,
            dryRun: !!o.dryRun,
            poll: s.poll,
            log: s.log,
          }),
        );
        if (!r.passed) ctx.setExitCode(1);
      }),
    );
}

export { applicationSwitch };
