/** `orapg assess`: conversion + scoring → report.html, report.json, action-items.csv. */
import type { Command } from 'commander';
import type { Severity } from '../findings/types.js';
import { assess, assessAndVerify, REPORT_FILES, writeReport } from '../report/index.js';
import { percent } from '../report/templates/page.js';
import { type CliContext, ccflags, keyValue, oracleVersion, SEVERITY_RANK, severity } from './common.js';

/** The report clock: SOURCE_DATE_EPOCH (seconds) when set, for reproducible files; else now. */
export function reportClock(env: NodeJS.ProcessEnv = process.env): () => Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new Error('SOURCE_DATE_EPOCH must be a number of seconds');
    return () => new Date(Number(epoch) * 1000);
  }
  return () => new Date();
}

export function registerAssess(program: Command, ctx: CliContext): void {
  program
    .command('assess')
    .description(
      'assess Oracle scripts: action items, effort and grade as report.html, report.json, action-items.csv',
    )
    .argument('<inputs...>', 'SQL*Plus scripts, directories of scripts or catalog snapshots')
    .requiredOption('-o, --out <dir>', 'output directory')
    .option('--baseline <report.json>', 'an earlier report.json: mark new and resolved action items')
    .option(
      '--verify',
      'also apply the converted objects to PostgreSQL (embedded PGlite) and report failures',
    )
    .option('--pg-url <url>', 'with --verify: a PostgreSQL server (scratch database, dropped afterwards)')
    .option('--schema-map <ORA=pg>', 'map an Oracle schema to a PostgreSQL schema (repeatable)', keyValue, {})
    .option(
      '--define <k=v>',
      'SQL*Plus substitution variable (repeatable; names only reach the report)',
      keyValue,
      {},
    )
    .option('--narrow-integers', 'map INTEGER and NUMBER(p>=19,0) to bigint instead of numeric')
    .option('--oracle-version <version>', 'Oracle release the code ran on, for $IF conditional compilation (default 19)', oracleVersion)
    .option('--ccflags <name:value,…>', 'PLSQL_CCFLAGS values for $$flag inquiry directives (repeatable)', ccflags, {})
    .option('--json', 'print the report summary as JSON on stdout')
    .option(
      '--fail-on <severity>',
      'exit with 1 when an action item of this severity or worse exists',
      severity,
    )
    .option(
      '--fail-on-new <severity>',
      'exit with 1 when a new item (vs --baseline) of this severity or worse exists',
      severity,
    )
    .action(async (inputs: string[], opts) => {
      if (opts.failOnNew && !opts.baseline) throw new Error('--fail-on-new needs --baseline');
      if (opts.pgUrl && !opts.verify) throw new Error('--pg-url needs --verify');
      const options = {
        schemaMap: opts.schemaMap,
        defines: opts.define,
        narrowIntegers: !!opts.narrowIntegers,
        ...(opts.oracleVersion ? { oracleVersion: opts.oracleVersion } : {}),
        ccflags: opts.ccflags,
        baseline: opts.baseline,
        now: reportClock(),
      };
      const res = opts.verify
        ? await assessAndVerify(inputs, options, { pgUrl: opts.pgUrl })
        : assess(inputs, options);
      const files = writeReport(res, opts.out);
      const r = res.report;
      const s = r.summary;
      if (opts.json) {
        const baseline = r.baseline && { ...r.baseline, resolved: undefined };
        ctx.io.out(
          `${JSON.stringify({ outDir: opts.out, files, summary: s, baseline, verify: r.verify }, null, 2)}\n`,
        );
      } else {
        const b = r.baseline
          ? `; vs baseline: ${r.baseline.newItems} new, ${r.baseline.resolvedItems} resolved`
          : '';
        const v = r.verify
          ? `; verify on ${r.verify.engine}: ${r.verify.applied} applied, ${r.verify.failed} failed`
          : '';
        ctx.io.out(
          `orapg: ${s.objects} objects, ${percent(s.autoConversionRate)} converted automatically, ` +
            `${s.actionItems.total} action items (${s.actionItems.error} error, ${s.actionItems.warning} warning, ${s.actionItems.info} info), ` +
            `${s.effort.hours} h estimated, grade ${s.grade.label}${b}${v} → ${opts.out} (${Object.values(REPORT_FILES).join(', ')})\n`,
        );
      }
      const reaches = (sev: Severity | undefined, items: typeof r.actionItems) =>
        !!sev && items.some((it) => SEVERITY_RANK[it.severity] >= SEVERITY_RANK[sev]);
      if (reaches(opts.failOn, r.actionItems)) ctx.setExitCode(1);
      if (
        reaches(
          opts.failOnNew,
          r.actionItems.filter((it) => it.baseline === 'new'),
        )
      )
        ctx.setExitCode(1);
    });
}
