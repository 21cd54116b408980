/** `orapg translate`: statement-by-statement translation in script order. */
import { readFileSync, writeFileSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import type { Severity } from '../findings/types.js';
import { readTextFile } from '../source/files.js';
import { translate, type TranslateResult } from '../translate/index.js';
import { type CliContext, SEVERITY_RANK, formatFinding, keyValue, severity } from './common.js';

export function registerTranslate(program: Command, ctx: CliContext): void {
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
        ctx.io.out(
          `${JSON.stringify({ statements: results.flatMap((r) => r.statements), findings }, null, 2)}\n`,
        );
      } else if (opts.out) {
        writeFileSync(opts.out, sql);
      } else {
        ctx.io.out(sql);
      }
      if (!opts.json) for (const f of findings) ctx.io.err(`${formatFinding(f)}\n`);
      if (
        opts.failOn &&
        findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[opts.failOn as Severity])
      )
        ctx.setExitCode(1);
    });
}
