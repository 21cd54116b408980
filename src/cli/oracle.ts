/**
 * `orapg oracle prep` (SQL a DBA runs to prepare the source for AWS DMS) and `orapg oracle check`
 * (read-only preflight). Also the connection options shared with `orapg snapshot`.
 */
import { writeFileSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import {
  connectOracle,
  loadDriver,
  type OracleConnectionLike,
  type OracleDriverLike,
  parseOracleTarget,
  resolvePassword,
  WALLET_PASSWORD_ENV,
} from '../source/oracle/connection.js';
import { runPreflight } from '../source/oracle/preflight.js';
import { generatePrepSql } from '../source/oracle/prep.js';
import { readSnapshotFile } from '../source/oracle/snapshot.js';
import { type CliContext, formatFinding } from './common.js';

/** How the commands get the driver; tests replace `load` with a fake. */
export const oracleDriver: { load: () => Promise<OracleDriverLike> } = { load: loadDriver };

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

export function schemaList(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
}

/** --oracle and the TLS / timeout options, on any command that connects. */
export function addConnectionOptions(cmd: Command): Command {
  return cmd
    .requiredOption(
      '--oracle <user@host:port/service>',
      'Oracle connection: user@host:port/service, user@host:port:SID, user@tcps://host:port/service or user@tns_alias (password from ORAPG_ORACLE_PASSWORD or a prompt)',
    )
    .option('--tns-admin <dir>', 'directory with tnsnames.ora / sqlnet.ora')
    .option('--wallet-dir <dir>', `directory with ewallet.pem for TLS (password from ${WALLET_PASSWORD_ENV})`)
    .option('--ssl-server-cert-dn <dn>', 'expected distinguished name of the server certificate')
    .option('--connect-timeout <seconds>', 'seconds to wait for the listener', integer, 20)
    .option('--call-timeout <ms>', 'milliseconds a single round trip may take (0: no limit)', integer, 0);
}

/** Connects with the options added by addConnectionOptions; the password never comes from argv. */
export async function openConnection(
  opts: Record<string, unknown>,
  ctx: CliContext,
): Promise<OracleConnectionLike> {
  const target = parseOracleTarget(String(opts.oracle));
  const password = await resolvePassword(target);
  ctx.io.err(`orapg: connecting to ${target.display}\n`);
  return connectOracle(
    target,
    {
      password,
      configDir: opts.tnsAdmin as string | undefined,
      walletLocation: opts.walletDir as string | undefined,
      walletPassword: process.env[WALLET_PASSWORD_ENV],
      sslServerCertDN: opts.sslServerCertDn as string | undefined,
      sslServerDNMatch: opts.sslServerCertDn ? true : undefined,
      connectTimeout: opts.connectTimeout as number,
      callTimeout: (opts.callTimeout as number) || undefined,
    },
    await oracleDriver.load(),
  );
}

export function registerOracle(program: Command, ctx: CliContext): void {
  const oracle = program
    .command('oracle')
    .description('prepare and check an Oracle source database for AWS DMS');

  oracle
    .command('prep')
    .description(
      'print the SQL a DBA runs: ARCHIVELOG check, supplemental logging, the DMS user and its grants',
    )
    .requiredOption('--dms-user <name>', 'the Oracle user AWS DMS connects as')
    .option('--schemas <OWNER,…>', 'schemas DMS replicates (tables prepared by a PL/SQL block)', schemaList)
    .option(
      '--snapshot <file>',
      'catalog snapshot: one explicit statement per table instead of the PL/SQL block',
    )
    .option('--rds', 'Amazon RDS for Oracle (rdsadmin procedures) instead of a self-managed database')
    .option('--binary-reader', 'grants for DMS Binary Reader instead of LogMiner')
    .option('--retention-hours <n>', 'RDS: hours to keep archived redo logs', integer, 24)
    .option('--catalog-user <name>', 'also create a read-only catalog user for orapg snapshot / AWS SCT')
    .option('-o, --out <file>', 'write the script to a file instead of stdout')
    .action((opts) => {
      const sql = generatePrepSql({
        dmsUser: opts.dmsUser,
        kind: opts.rds ? 'rds' : 'self-managed',
        cdc: opts.binaryReader ? 'binary-reader' : 'logminer',
        schemas: opts.schemas,
        snapshot: opts.snapshot ? readSnapshotFile(opts.snapshot) : undefined,
        retentionHours: opts.retentionHours,
        catalogUser: opts.catalogUser,
      });
      if (opts.out) {
        writeFileSync(opts.out, sql);
        ctx.io.err(`orapg: wrote ${opts.out}\n`);
      } else ctx.io.out(sql);
    });

  addConnectionOptions(
    oracle
      .command('check')
      .description('read-only preflight: is the source ready for AWS DMS? (exit 1 when not)')
      .option('--dms-user <name>', 'check the grants of this user')
      .option('--schemas <OWNER,…>', 'schemas DMS replicates (keys, logging, column types)', schemaList)
      .option('--snapshot <file>', 'use this catalog snapshot for the tables instead of reading the catalog')
      .option('--rds', 'Amazon RDS for Oracle')
      .option('--binary-reader', 'DMS uses Binary Reader instead of LogMiner')
      .option('--json', 'print the report as JSON'),
  ).action(async (opts) => {
    const conn = await openConnection(opts, ctx);
    try {
      const report = await runPreflight(conn, {
        schemas: opts.schemas,
        snapshot: opts.snapshot ? readSnapshotFile(opts.snapshot) : undefined,
        dmsUser: opts.dmsUser,
        kind: opts.rds ? 'rds' : 'self-managed',
        cdc: opts.binaryReader ? 'binary-reader' : 'logminer',
        label: 'oracle',
      });
      if (opts.json) ctx.io.out(`${JSON.stringify(report, null, 2)}\n`);
      else {
        for (const c of report.checks)
          ctx.io.out(
            `${c.status === 'ok' ? 'ok     ' : c.status === 'missing' ? 'MISSING' : 'unknown'}  ${c.name}: ${c.detail}\n`,
          );
        for (const f of report.findings) if (f.severity !== 'info') ctx.io.err(`${formatFinding(f)}\n`);
        ctx.io.out(
          report.ready
            ? 'orapg: the source is ready for AWS DMS\n'
            : 'orapg: the source is not ready for AWS DMS (see above; orapg oracle prep writes the fix)\n',
        );
      }
      if (!report.ready) ctx.setExitCode(1);
    } finally {
      await conn.close();
    }
  });
}
