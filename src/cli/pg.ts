/** `orapg pg prep`: schemas, owner, DMS and application roles with least privileges on the target. */
import { type Command, InvalidArgumentError } from 'commander';
import pg from 'pg';
import { formatChecks } from '../dms/cutover.js';
import { runSteps, stepsToScript } from '../dms/post-load.js';
import { buildPgPrep, type PgFlavor, verifyPgPrep } from '../dms/prep-pg.js';
import { Redactor } from '../dms/secrets.js';
import type { CliContext } from './common.js';

function collect(v: string, prev: string[] = []): string[] {
  return [...prev, v];
}

function flavor(v: string): PgFlavor {
  if (v !== 'self-managed' && v !== 'rds' && v !== 'aurora')
    throw new InvalidArgumentError('expected self-managed, rds or aurora');
  return v;
}

function envPassword(name: string | undefined, redactor: Redactor): string | undefined {
  if (!name) return undefined;
  const v = process.env[name];
  if (!v) throw new Error(`environment variable ${name} is not set`);
  redactor.add(v);
  return v;
}

export function registerPg(program: Command, ctx: CliContext): void {
  const pgCmd = program.command('pg').description('PostgreSQL target tasks');
  pgCmd
    .command('prep')
    .description('create schemas and roles for the DDL, DMS and the application, then verify the privileges')
    .option('--url <url>', 'PostgreSQL as an administrator (env ORAPG_PG_URL, else PG* variables)')
    .requiredOption('--schema <name>', 'target schema (repeatable)', collect, [])
    .requiredOption('--owner <role>', 'role that owns the schemas and applies the phase scripts')
    .requiredOption('--dms-user <role>', 'role DMS connects as')
    .option('--app-user <role>', 'role the application connects as')
    .option('--control-schema <name>', 'schema of the DMS control tables', 'awsdms_control')
    .option('--flavor <flavor>', 'self-managed, rds or aurora', flavor, 'self-managed')
    .option('--owner-password-env <var>', 'environment variable holding the owner password')
    .option('--dms-password-env <var>', 'environment variable holding the DMS user password')
    .option('--app-password-env <var>', 'environment variable holding the application user password')
    .option('--dry-run', 'print the SQL (passwords masked) and change nothing')
    .action(async (o) => {
      const redactor = new Redactor();
      const io = redactor.wrap(ctx.io);
      const url: string | undefined = o.url ?? process.env.ORAPG_PG_URL;
      redactor.addUrl(url);
      redactor.add(process.env.PGPASSWORD);
      const db = new pg.Client(url ? { connectionString: url } : {});
      try {
        const passwords = {
          owner: envPassword(o.ownerPasswordEnv, redactor),
          dms: envPassword(o.dmsPasswordEnv, redactor),
          app: envPassword(o.appPasswordEnv, redactor),
        };
        await db.connect();
        const info = await db.query(
          "SELECT current_database() AS db, current_setting('server_version_num')::int AS v",
        );
        const opts = {
          database: String(info.rows[0].db),
          serverVersion: Number(info.rows[0].v),
          schemas: o.schema as string[],
          owner: o.owner as string,
          dmsUser: o.dmsUser as string,
          appUser: o.appUser as string | undefined,
          controlSchema: o.controlSchema as string,
          flavor: o.flavor as PgFlavor,
          passwords,
        };
        const steps = buildPgPrep(opts);
        if (o.dryRun) {
          io.out(stepsToScript('target prep', steps));
          return;
        }
        await runSteps(db, steps, (l) => io.out(`${l}\n`));
        const checks = await verifyPgPrep(db, opts);
        io.out(`verification:\n${formatChecks(checks)}`);
        if (checks.some((c) => !c.ok)) {
          io.err('orapg pg prep: some privilege checks failed\n');
          ctx.setExitCode(1);
        }
      } catch (e) {
        io.err(`orapg pg prep: ${(e as Error).message}\n`);
        ctx.setExitCode(1);
      } finally {
        await db.end().catch(() => undefined);
      }
    });
}
