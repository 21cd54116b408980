/** `orapg verify`: apply converted objects to a real PostgreSQL and compare the result with the Oracle model. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { engineLabel } from '../verify/findings.js';
import { verify } from '../verify/index.js';
import { Masker } from '../verify/mask.js';
import type { VerifyResult } from '../verify/types.js';
import { isConvertedDir } from '../verify/units.js';
import { type CliContext, ccflags, formatFinding, keyValue, oracleVersion, reachesSeverity, severity } from './common.js';

export function registerVerify(program: Command, ctx: CliContext): void {
  program
    .command('verify')
    .description(
      'apply converted objects to PostgreSQL (embedded PGlite, or a server in a scratch database) in dependency order, check PL/pgSQL with plpgsql_check, and compare the structure with the Oracle model',
    )
    .argument(
      '<inputs...>',
      'a converted directory (orapg convert -o), or Oracle scripts/directories to convert first',
    )
    .option(
      '--pg-url <url>',
      'postgres:// URL of a server (default: embedded PGlite); the password is never printed',
    )
    .option(
      '--in-place',
      "apply into the URL's database and keep the objects (default: a scratch database, dropped)",
    )
    .option('--scratch <kind>', 'database (default) or schema: where to apply on a server without --in-place')
    .option('--source <paths...>', 'Oracle sources of a converted directory, for the structure comparison')
    .option('--schema-map <ORA=pg>', 'schema mapping used when converting (repeatable)', keyValue, {})
    .option(
      '--define <k=v>',
      'SQL*Plus substitution variable used when converting (repeatable)',
      keyValue,
      {},
    )
    .option('--narrow-integers', 'as for convert: INTEGER / NUMBER(p>=19,0) → bigint')
    .option('--oracle-version <version>', 'Oracle release the code ran on, for $IF conditional compilation (default 19)', oracleVersion)
    .option('--ccflags <name:value,…>', 'PLSQL_CCFLAGS values for $$flag inquiry directives (repeatable)', ccflags, {})
    .option(
      '-o, --out <file>',
      'write the result as JSON (default for a converted directory: <dir>/verify.json)',
    )
    .option('--json', 'print the result as JSON on stdout')
    .option(
      '--fail-on <severity>',
      'exit with 1 when a verify finding of this severity or worse exists',
      severity,
    )
    .action(async (inputs: string[], opts) => {
      const masker = new Masker(opts.pgUrl);
      if (opts.scratch && opts.scratch !== 'database' && opts.scratch !== 'schema')
        throw new InvalidArgumentError('--scratch expects database or schema');
      const io = {
        out: (s: string) => ctx.io.out(masker.text(s)),
        err: (s: string) => ctx.io.err(masker.text(s)),
      };
      const result = await verify(inputs.length === 1 ? inputs[0] : inputs, {
        ...(opts.pgUrl ? { pgUrl: opts.pgUrl } : {}),
        inPlace: !!opts.inPlace,
        ...(opts.scratch ? { scratch: opts.scratch } : {}),
        ...(opts.source ? { source: opts.source } : {}),
        convert: {
          schemaMap: opts.schemaMap,
          defines: opts.define,
          narrowIntegers: !!opts.narrowIntegers,
          ...(opts.oracleVersion ? { oracleVersion: opts.oracleVersion } : {}),
          ccflags: opts.ccflags,
        },
      });
      const out =
        opts.out ??
        (inputs.length === 1 && isConvertedDir(inputs[0]) ? join(inputs[0], 'verify.json') : undefined);
      if (out) writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
      if (opts.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
      else printText(result, io, out);
      if (reachesSeverity(result.findings, opts.failOn)) ctx.setExitCode(1);
    });
}

function printText(
  r: VerifyResult,
  io: { out: (s: string) => void; err: (s: string) => void },
  out?: string,
) {
  for (const o of r.objects) {
    if (o.status !== 'failed' || !o.error) continue;
    const e = o.error;
    const at = e.emitted ? `${e.emitted.file}:${e.emitted.line}:${e.emitted.column}: ` : '';
    const src = e.source ? ` [${e.source.file}:${e.source.line}]` : '';
    const blocked = o.blockedBy?.length ? ` (blocked by ${o.blockedBy.join(', ')})` : '';
    io.err(`${at}error ${o.object}: ${e.sqlstate} ${e.message}${src}${blocked}\n`);
  }
  for (const f of r.findings)
    if (f.severity !== 'info' && f.id !== 'OPG-VERIFY-0001' && f.id !== 'OPG-VERIFY-0002')
      io.err(`${formatFinding(f)}\n`);
  const s = r.summary;
  const t = r.target;
  const where =
    t.mode === 'embedded'
      ? 'embedded'
      : t.mode === 'in-place'
        ? 'in place'
        : `${t.mode} ${t.scratchName}, dropped`;
  io.out(
    `orapg verify: ${s.objects} objects on ${engineLabel(r.target)} (${where}): ${s.applied} applied, ${s.failed} failed, ${s.skipped} skipped (not converted or empty) in ${(r.millis / 1000).toFixed(1)} s\n`,
  );
  io.out(
    `  routines: ${s.routines}; ${r.deepCheck.available ? `plpgsql_check ${r.deepCheck.version}: ${s.deepChecked} checked, ${s.deepErrors} errors, ${s.deepWarnings} warnings` : `deep check skipped: ${r.deepCheck.reason}`}\n`,
  );
  io.out(
    r.structure.performed
      ? `  structure: ${s.missing} missing, ${s.notConverted} not converted, ${s.different} different, ${s.extra} extra\n`
      : `  structure comparison skipped: ${r.structure.skippedReason}\n`,
  );
  if (s.outOfOrder)
    io.out(`  ${s.outOfOrder} objects needed a different order than the scripts give (OPG-VERIFY-0009)\n`);
  if (out) io.out(`  result: ${out}\n`);
}
