/** The `orapg` command line. Exit codes: 0 ok, 1 findings at --fail-on level, 2 usage error, 70 internal error. */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { convertSources } from '../convert/index.js';
import { type Layout, writeResult } from '../convert/write.js';
import type { Finding, Severity } from '../findings/types.js';
import { readSources, readTextFile } from '../source/files.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { translate, type TranslateResult } from '../translate/index.js';

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function keyValue(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected KEY=VALUE, got "${value}"`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

function severity(value: string): Severity {
  if (value !== 'info' && value !== 'warning' && value !== 'error')
    throw new InvalidArgumentError('expected info, warning or error');
  return value;
}

export function formatFinding(f: Finding): string {
  const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}: ` : '';
  return `${where}${f.severity} ${f.id} ${f.message}`;
}

export async function main(
  argv: string[],
  io: { out: (s: string) => void; err: (s: string) => void } = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  },
): Promise<number> {
  let code = 0;
  const program = new Command()
    .name('orapg')
    .description('Oracle to PostgreSQL migration: convert schemas, assess, verify and drive AWS DMS')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  program
    .command('convert')
    .description('convert Oracle DDL scripts (files or directories) into PostgreSQL phase scripts')
    .argument('<inputs...>', 'SQL*Plus scripts or directories of scripts')
    .requiredOption('-o, --out <dir>', 'output directory')
    .option('--schema-map <ORA=pg>', 'map an Oracle schema to a PostgreSQL schema (repeatable)', keyValue, {})
    .option('--define <k=v>', 'SQL*Plus substitution variable (repeatable)', keyValue, {})
    .option('--layout <layout>', 'phases (one file per phase) or objects (one file per object)', 'phases')
    .option('--narrow-integers', 'map INTEGER and NUMBER(p>=19,0) to bigint instead of numeric')
    .option('--json', 'print a JSON summary on stdout')
    .option('--fail-on <severity>', 'exit with 1 when a finding of this severity or worse exists', severity)
    .action((inputs: string[], opts) => {
      const started = Date.now();
      const sources = readSources(inputs);
      const result = convertSources(
        sources,
        { schemaMap: opts.schemaMap, defines: opts.define, narrowIntegers: !!opts.narrowIntegers },
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
      if (opts.json) io.out(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        for (const f of result.findings) if (f.severity !== 'info') io.err(`${formatFinding(f)}\n`);
        io.out(
          `orapg: ${summary.statements} statements, ${summary.objects} objects, ${summary.parseErrors} parse errors; findings: ${bySeverity.error} error, ${bySeverity.warning} warning, ${bySeverity.info} info → ${opts.out}\n`,
        );
      }
      if (
        opts.failOn &&
        result.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[opts.failOn as Severity])
      )
        code = 1;
    });

  program
    .command('translate')
    .description(
      'translate Oracle SQL / SQL*Plus scripts statement by statement, in order (stdin when no file)',
    )
    .argument('[files...]', 'scripts to translate; - or nothing reads stdin')
    .option('-o, --out <file>', 'write the PostgreSQL script to a file instead of stdout')
    .option('--binds <style>', 'bind variables: named (keep :name) or dollar ($1, $2 …)', 'named')
    .option('--schema-map <ORA=pg>', 'map an Oracle schema to a PostgreSQL schema (repeatable)', keyValue, {})
    .option('--define <k=v>', 'SQL*Plus substitution variable (repeatable)', keyValue, {})
    .option('--inline-includes', 'inline @file / @@file scripts instead of emitting \\ir')
    .option('--json', 'print the statements and findings as JSON on stdout instead of the script')
    .option('--fail-on <severity>', 'exit with 1 when a finding of this severity or worse exists', severity)
    .action((files: string[], opts) => {
      if (opts.binds !== 'named' && opts.binds !== 'dollar')
        throw new InvalidArgumentError('--binds expects named or dollar');
      const inputs = files.length ? files : ['-'];
      const results: TranslateResult[] = [];
      for (const file of inputs) {
        const text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
        results.push(
          translate(text, {
            file: file === '-' ? 'stdin' : file,
            binds: opts.binds,
            schemaMap: opts.schemaMap,
            defines: opts.define,
            inlineIncludes: !!opts.inlineIncludes,
            readFile: readTextFile,
          }),
        );
      }
      const findings = results.flatMap((r) => r.findings);
      const sql = results.map((r) => r.sql).join('\n');
      if (opts.json) {
        io.out(
          `${JSON.stringify({ statements: results.flatMap((r) => r.statements), findings }, null, 2)}\n`,
        );
      } else if (opts.out) {
        writeFileSync(opts.out, sql);
      } else {
        io.out(sql);
      }
      if (!opts.json) for (const f of findings) io.err(`${formatFinding(f)}\n`);
      if (
        opts.failOn &&
        findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[opts.failOn as Severity])
      )
        code = 1;
    });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    io.err(`orapg: ${(err as Error).message}\n`);
    return 2;
  }
  return code;
}
