/**
 * `assess`: convert, score and report. Library entry points:
 *
 *   const { report, code } = assess(['examples/hr']);       // report.json model + code for the HTML
 *   writeReport({ report, code }, 'report/');               // report.html, report.json, action-items.csv
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ConvertResult, convertSources, type SourceText } from '../convert/index.js';
import { readSources, readTextFile } from '../source/files.js';
import { type VerifyOptions, verify } from '../verify/index.js';
import { applyBaseline } from './baseline.js';
import { type AssessResult, type BuildOptions, buildReport } from './build.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { parseReportJson, renderJson } from './json.js';
import type { Report } from './schema.js';

export interface AssessOptions extends BuildOptions {
  /** An earlier report.json (path, or the parsed report and the name to show) to compare with. */
  baseline?: string | { report: Report; file: string };
}

export const REPORT_FILES = {
  html: 'report.html',
  json: 'report.json',
  csv: 'action-items.csv',
} as const;

/** Assesses Oracle script files or directories (SQL*Plus scripts, includes followed). */
export function assess(paths: string[], options: AssessOptions = {}): AssessResult {
  return assessSources(readSources(paths), options, readTextFile);
}

/** Assesses already-read sources; includes are read through `readFile`. */
export function assessSources(
  sources: SourceText[],
  options: AssessOptions = {},
  readFile?: (p: string) => string | undefined,
): AssessResult {
  return assessConverted(convertSources(sources, options, readFile), sources, options, readFile);
}

/**
 * Assesses and verifies: converts once, applies the result to PostgreSQL with `verify` (embedded
 * PGlite unless `verifyOptions.pgUrl`), and reports the OPG-VERIFY findings with the others.
 */
export async function assessAndVerify(
  paths: string[],
  options: AssessOptions = {},
  verifyOptions: VerifyOptions = {},
): Promise<AssessResult> {
  const sources = readSources(paths);
  const result = convertSources(sources, options, readTextFile);
  const verified = await verify(result, verifyOptions);
  return assessConverted(result, sources, { ...options, verify: verified }, readTextFile);
}

/** Builds the report of a conversion already made (and applies the baseline). */
export function assessConverted(
  result: ConvertResult,
  sources: SourceText[],
  options: AssessOptions = {},
  readFile?: (p: string) => string | undefined,
): AssessResult {
  const built = buildReport(result, sources, options, readFile);
  if (options.baseline) {
    const b =
      typeof options.baseline === 'string'
        ? { report: readBaseline(options.baseline), file: options.baseline }
        : options.baseline;
    applyBaseline(built.report, b.report, b.file);
  }
  return built;
}

export function readBaseline(path: string): Report {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(
      `cannot read baseline ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  return parseReportJson(text, path);
}

/** Writes report.html, report.json and action-items.csv; returns their paths. */
export function writeReport(res: AssessResult, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    [REPORT_FILES.json, renderJson(res.report)],
    [REPORT_FILES.csv, renderCsv(res.report)],
    [REPORT_FILES.html, renderHtml(res.report, res.code)],
  ];
  return files.map(([name, content]) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  });
}

export { applyBaseline } from './baseline.js';
export { type AssessResult, type BuildOptions, buildReport, type ReportCode } from './build.js';
export { renderCsv } from './csv.js';
export { renderHtml } from './html.js';
export { parseReportJson, renderJson } from './json.js';
export * from './schema.js';
export {
  autoConversionRate,
  complexityOf,
  effortTotals,
  migrationGrade,
  objectStatus,
  SCORING,
} from './score.js';
