/** `orapg convert`: Oracle scripts → PostgreSQL phase scripts. */
import type { Command } from 'commander';
import { convertSources } from '../convert/index.js';
import { type Layout, writeResult } from '../convert/write.js';
import type { Severity } from '../findings/types.js';
import { readSources, readTextFile } from '../source/files.js';
import { type CliContext, SEVERITY_RANK, formatFinding, ccflags, keyValue, oracleVersion, severity } from './common.js';

export function registerConvert(program: Command, ctx: CliContext): void {
  program
    .command('convert')
    .description('convert Oracle DDL scripts (files or directories) into PostgreSQL phase scripts')
    .argument('<inputs...>', 'SQL*Plus scripts or directories of scripts')
    .requiredOption('-o, --out <dir>', 'output directory')
    .option('--schema-map <ORA=pg>', 'map an Oracle schema to a PostgreSQL schema (repeatable)', keyValue, {})
    .option('--define <k=v>', 'SQL*Plus substitution variable (repeatable)', keyValue, {})
    .option('--layout <layout>', 'phases (one file per phase) or objects (one file per object)', 'phases')
    .option('--narrow-integers', 'map INTEGER and NUMBER(p>=19,0) to bigint instead of numeric')
    .option('--oracle-version <version>', 'Oracle release the code ran on, for $IF conditional compilation (default 19)', oracleVersion)
    .option('--ccflags <name:value,…>', 'PLSQL_CCFLAGS values for $$flag inquiry directives (repeatable)', ccflags, {})
    .option('--json', 'print a JSON summary on stdout')
    .option('--fail-on <severity>', 'exit with 1 when a finding of this severity or worse exists', severity)
    .action((inputs: string[], opts) => {
      const started = Date.now();
      const sources = readSources(inputs);
      const result = convertSources(
        sources,
        {
          schemaMap: opts.schemaMap,
          defines: opts.define,
          narrowIntegers: !!opts.narrowIntegers,
          ...(opts.oracleVersion ? { oracleVersion: opts.oracleVersion } : {}),
          ccflags: opts.ccflags,
        },
        readTextFile,
      );
      const layout: Layout = opts.layout === 'objects' ? 'objects' : 'phases';
      const files = writeResult(result, opts.out, layout);
      const bySeverity = { info: 0, warning: 0, error: 0 };
      for (const f of result.findings) bySeverity[f.severity]++;
      const summary = {
        inputs: sources.map((s) => s.file),
        outDir: opts.out,
        files,
        statements: result.stats.statements,
        parseErrors: result.stats.parseErrors,
        objects: result.objects.length,
        findings: bySeverity,
        millis: Date.now() - started,
      };
      if (opts.json) ctx.io.out(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        for (const f of result.findings) if (f.severity !== 'info') ctx.io.err(`${formatFinding(f)}\n`);
        ctx.io.out(
          `orapg: ${summary.statements} statements, ${summary.objects} objects, ${summary.parseErrors} parse errors; findings: ${bySeverity.error} error, ${bySeverity.warning} warning, ${bySeverity.info} info → ${opts.out}\n`,
        );
      }
      if (
        opts.failOn &&
        result.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[opts.failOn as Severity])
      )
        ctx.setExitCode(1);
    });
}
