/**
 * Builds the assessment report from a conversion: one entry per object of the input (converted
 * objects, plus statements that failed to parse or are not converted), its action items with
 * stable IDs, and the scores (score.ts). The result is the report.json model plus the code shown
 * side by side in report.html.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { PgObject } from '../ast/pg.js';
import { type ConvertOptions, type ConvertResult, printObject, type SourceText } from '../convert/index.js';
import { catalog } from '../findings/catalog.js';
import type { Finding, SourceLocation } from '../findings/types.js';
import { leadingWords } from '../source/script.js';
import type { VerifyResult } from '../verify/types.js';
import type { ActionItem, CodeSummary, Report, ReportObject, TypeSummary } from './schema.js';
import { REPORT_FORMAT, REPORT_SCHEMA_VERSION } from './schema.js';
import {
  autoConversionRate,
  complexityOf,
  countStatus,
  effortTotals,
  emptyComplexityCounts,
  emptyStatusCounts,
  maxSeverity,
  migrationGrade,
  objectStatus,
  SCORING,
} from './score.js';
import {
  findName,
  indexStatements,
  pointAt,
  type StatementIndex,
  type StatementText,
  scrubSecrets,
} from './sources.js';

export const TOOL_VERSION: string = (
  createRequire(import.meta.url)('../../package.json') as { version: string }
).version;

/** Source and converted text of the objects, aligned with `report.objects` (for the HTML). */
export interface ReportCode {
  /** Oracle statements referenced by objects (passwords redacted). */
  statements: StatementText[];
  /** `focus`: the line of the statement that names the object (a constraint inside its table). */
  objects: { statement: number | null; target: string; focus: number | null }[];
}

export interface AssessResult {
  report: Report;
  code: ReportCode;
}

export interface BuildOptions extends ConvertOptions {
  /** Clock for `generatedAt`; without it (or when it returns null) the report has no timestamp. */
  now?: () => Date | null;
  /** Result of `verify` on the same conversion: its OPG-VERIFY findings join the objects. */
  verify?: VerifyResult;
}

interface Draft {
  name: string;
  type: string;
  phase: ReportObject['phase'];
  findings: Finding[];
  location?: SourceLocation;
  statement?: number;
  target: string;
  converted: boolean;
  order: number;
}

/** Types a PARSE-0001 object label can start with, longest first. */
const LABEL_TYPES = [
  'MATERIALIZED VIEW',
  'PACKAGE BODY',
  'TYPE BODY',
  'PUBLIC SYNONYM',
  'PROCEDURE',
  'FUNCTION',
  'PACKAGE',
  'TRIGGER',
  'SEQUENCE',
  'SYNONYM',
  'TABLE',
  'INDEX',
  'VIEW',
  'TYPE',
  'USER',
  'ROLE',
];

function typeOfLabel(label: string | undefined): string {
  if (!label) return 'STATEMENT';
  const upper = label.toUpperCase();
  return LABEL_TYPES.find((t) => upper.startsWith(`${t} `)) ?? 'STATEMENT';
}

/** Builds the report of a conversion of `sources`. */
export function buildReport(
  result: ConvertResult,
  sources: readonly SourceText[],
  options: BuildOptions = {},
  readFile?: (p: string) => string | undefined,
): AssessResult {
  const index = indexStatements(sources, options.defines, readFile);
  const scrub = (s: string) => scrubSecrets(s, index.secrets);
  const drafts = objectDrafts(result.objects, index);
  const scriptFindings = orphanDrafts(result, index, drafts);
  if (options.verify) scriptFindings.push(...attachVerify(options.verify.findings, drafts));
  const fileOrder = new Map<string, number>();
  for (const s of index.statements) if (!fileOrder.has(s.file)) fileOrder.set(s.file, fileOrder.size);
  const byLocation = locationOrder(fileOrder);
  drafts.sort((a, b) => byLocation(a.location, b.location) || a.order - b.order);

  // Keys: the label, "#n" for repeats in source order.
  const seen = new Map<string, number>();
  const keys = drafts.map((d) => {
    const name = scrub(d.name);
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}#${n}`;
  });

  const objects: ReportObject[] = [];
  const items: ActionItem[] = [];
  const codeObjects: ReportCode['objects'] = [];
  const usedStatements = new Map<number, number>();
  drafts.forEach((d, i) => {
    const stmt = d.statement === undefined ? undefined : index.statements[d.statement];
    const used = new Map<string, number>();
    // A parse error of a script read once per inclusion is raised again, at the same place.
    const parse = distinct(d.findings.filter((f) => f.id.startsWith('OPG-PARSE-')));
    const own = d.findings
      .filter((f) => !f.id.startsWith('OPG-PARSE-') || parse.includes(f))
      .map((f) => toItem(f, keys[i], stmt, scrub, used))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || cmp(a.code, b.code) || cmp(a.message, b.message));
    const effort = own.reduce((sum, it) => sum + it.effortMinutes, 0);
    objects.push({
      key: keys[i],
      type: d.type,
      name: scrub(d.name),
      phase: d.phase,
      status: objectStatus(d.findings, d.converted),
      complexity: complexityOf(effort),
      effortMinutes: effort,
      actionItems: own.length,
      maxSeverity: maxSeverity(own.map((it) => it.severity)),
      location: d.location ? { ...d.location } : null,
      endLine: stmt ? stmt.endLine : null,
    });
    items.push(...own);
    let statement: number | null = null;
    if (d.statement !== undefined) {
      if (!usedStatements.has(d.statement)) usedStatements.set(d.statement, usedStatements.size);
      statement = usedStatements.get(d.statement)!;
    }
    codeObjects.push({ statement, target: scrub(d.target), focus: stmt ? focusLine(stmt, d.name) : null });
  });

  const script = distinct(scriptFindings)
    .map((f) => {
      const stmt = index.statements[index.containing(f.location) ?? -1];
      return toItem(f, null, stmt, scrub);
    })
    .sort((a, b) => byLocation(a.location ?? undefined, b.location ?? undefined) || cmp(a.code, b.code));
  items.push(...script);
  assignItemIds(items);

  const statements: StatementText[] = [];
  for (const [orig, pos] of usedStatements) statements[pos] = index.statements[orig];

  const report = assembleReport(objects, items, result, sources, options);
  return { report, code: { statements, objects: codeObjects } };
}

/** First line of the statement naming the object (the last part of its label). */
function focusLine(stmt: StatementText, label: string): number | null {
  const last = label.trim().split(/\s+/).pop() ?? '';
  const name = last
    .slice(last.lastIndexOf('.') + 1)
    .replace(/^"|"$/g, '')
    .replace(/\(.*$/, '');
  if (!name) return null;
  const i = findName(stmt.text.split('\n'), name);
  return i < 0 ? null : stmt.line + i;
}

/**
 * Puts each verify finding on the object it names (the same label, at the same location when
 * labels repeat); returns the ones that name no object.
 */
function attachVerify(findings: readonly Finding[], drafts: Draft[]): Finding[] {
  const byName = new Map<string, Draft[]>();
  for (const d of drafts) {
    if (!byName.has(d.name)) byName.set(d.name, []);
    byName.get(d.name)!.push(d);
  }
  const same = (a?: SourceLocation, b?: SourceLocation) =>
    !!a && !!b && a.file === b.file && a.line === b.line;
  const rest: Finding[] = [];
  for (const f of findings) {
    const candidates = f.object ? (byName.get(f.object) ?? []) : [];
    const d = candidates.find((c) => same(c.location, f.location)) ?? candidates[0];
    if (d) d.findings.push(f);
    else rest.push(f);
  }
  return rest;
}

function objectDrafts(objects: readonly PgObject[], index: StatementIndex): Draft[] {
  return objects.map((o, order) => ({
    name: o.object,
    type: o.objectType,
    phase: o.phase,
    findings: o.findings,
    location: o.location,
    statement: index.startingAt(o.location) ?? index.containing(o.location),
    target: printObject(o),
    converted: true,
    order,
  }));
}

/**
 * Findings that belong to no converted object. Statements that failed to parse (OPG-PARSE-0001)
 * or are not converted (OPG-PARSE-0002) become objects of their own, so every statement that
 * defines something is in the report once; the rest (includes, DROP, SQL*Plus …) are script-level.
 */
function orphanDrafts(result: ConvertResult, index: StatementIndex, drafts: Draft[]): Finding[] {
  const attached = new Set<Finding>(result.objects.flatMap((o) => o.findings));
  const script: Finding[] = [];
  // The first object of each statement (a table before its constraints) takes the statement's
  // parse errors, so a statement is never counted twice.
  const failed = new Map<string, Draft>();
  for (const d of drafts)
    if (d.statement !== undefined && !failed.has(`s${d.statement}`)) failed.set(`s${d.statement}`, d);
  for (const f of result.findings) {
    if (attached.has(f)) continue;
    if (f.id === 'OPG-PARSE-0001') {
      const stmt = index.containing(f.location);
      const groupKey = stmt !== undefined ? `s${stmt}` : `f${drafts.length}`;
      const existing = failed.get(groupKey);
      if (existing) {
        existing.findings.push(f);
        if (f.object && existing.type === 'STATEMENT') {
          existing.name = f.object;
          existing.type = typeOfLabel(f.object);
        }
        continue;
      }
      const s = stmt !== undefined ? index.statements[stmt] : undefined;
      const location = s ? { file: s.file, line: s.line, column: s.column } : f.location;
      const d: Draft = {
        name: f.object ?? `STATEMENT ${location ? `${location.file}:${location.line}` : ''}`.trim(),
        type: f.object ? typeOfLabel(f.object) : 'STATEMENT',
        phase: null,
        findings: [f],
        location,
        statement: stmt,
        target: '',
        converted: false,
        order: drafts.length,
      };
      failed.set(groupKey, d);
      drafts.push(d);
    } else if (f.id === 'OPG-PARSE-0002') {
      const stmt = index.startingAt(f.location) ?? index.containing(f.location);
      drafts.push({
        ...unsupportedLabel(f.object, stmt === undefined ? undefined : index.statements[stmt].text),
        phase: null,
        findings: [f],
        location: f.location,
        statement: stmt,
        target: '',
        converted: false,
        order: drafts.length,
      });
    } else script.push(f);
  }
  return script;
}

/** Object kinds that `CREATE` statements orapg does not convert define (longest first). */
const UNSUPPORTED_KINDS = [
  'MATERIALIZED VIEW LOG',
  'DATABASE LINK',
  'MATERIALIZED ZONEMAP',
  'ANALYTIC VIEW',
  'ATTRIBUTE DIMENSION',
  'DIRECTORY',
  'CONTEXT',
  'TABLESPACE',
  'PROFILE',
  'CLUSTER',
  'DIMENSION',
  'LIBRARY',
  'OPERATOR',
  'INDEXTYPE',
  'HIERARCHY',
  'EDITION',
  'OUTLINE',
  'JAVA',
];
const CREATE_MODIFIERS = new Set([
  'OR',
  'REPLACE',
  'PUBLIC',
  'SHARED',
  'FORCE',
  'NOFORCE',
  'EDITIONABLE',
  'NONEDITIONABLE',
]);

/**
 * Type and name of a statement kind orapg does not convert: `CREATE PUBLIC DATABASE LINK remote …`
 * is a DATABASE LINK named "DATABASE LINK REMOTE"; anything else (ALTER INDEX …) is a STATEMENT.
 */
function unsupportedLabel(
  what: string | undefined,
  text: string | undefined,
): { type: string; name: string } {
  const fallback = { type: 'STATEMENT', name: what ?? 'STATEMENT' };
  if (text === undefined) return fallback;
  const words = leadingWords(text, 16);
  if (words[0] !== 'CREATE') return fallback;
  let i = 1;
  while (i < words.length && CREATE_MODIFIERS.has(words[i])) i++;
  const rest = words.slice(i).join(' ');
  const kind = UNSUPPORTED_KINDS.find((k) => rest === k || rest.startsWith(`${k} `));
  if (!kind) return fallback;
  const name = words[i + kind.split(' ').length];
  return { type: kind, name: name && /^["A-Z_]/.test(name) ? `${kind} ${name}` : kind };
}

/**
 * Script-level findings without repeats: the same code and message at the same place is one action
 * item (a script included by several install scripts is read once per inclusion), and so are an object's parse
 * errors; its other identical findings stay apart: each points at the next line naming what it names.
 */
function distinct(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const l = f.location;
    const key = `${f.id}\n${f.object ?? ''}\n${f.message}\n${l ? `${l.file}:${l.line}:${l.column}` : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toItem(
  f: Finding,
  objectKey: string | null,
  stmt: StatementText | undefined,
  scrub: (s: string) => string,
  used?: Map<string, number>,
): ActionItem {
  const entry = catalog.get(f.id);
  const at = pointAt(stmt, f, used);
  return {
    itemId: '',
    code: f.id,
    severity: f.severity,
    title: entry?.title ?? f.id,
    message: scrub(f.message),
    suggestion: scrub(f.suggestion),
    effortMinutes: Math.max(0, Math.round(f.effortMinutes)),
    objectKey,
    location: f.location ? { ...f.location } : null,
    line: at.line,
    lineExact: at.exact,
  };
}

/**
 * itemId = first 12 hex digits of sha1(code, object key (or "script:" + file), message with digit
 * runs replaced by "#", ordinal among items sharing the first three). Line moves do not change it;
 * a changed line count in a message ("17 lines of PL/SQL") does not either.
 */
export function assignItemIds(items: ActionItem[]): void {
  const ordinals = new Map<string, number>();
  for (const it of items) {
    const owner = it.objectKey ?? `script:${it.location?.file ?? ''}`;
    const base = `${it.code}\n${owner}\n${it.message.replace(/\d+/g, '#')}`;
    const n = (ordinals.get(base) ?? 0) + 1;
    ordinals.set(base, n);
    it.itemId = createHash('sha1').update(`${base}\n${n}`).digest('hex').slice(0, 12);
  }
}

function assembleReport(
  objects: ReportObject[],
  items: ActionItem[],
  result: ConvertResult,
  sources: readonly SourceText[],
  options: BuildOptions,
): Report {
  const summaryStatus = emptyStatusCounts();
  const complexity = emptyComplexityCounts();
  const types = new Map<string, TypeSummary>();
  for (const o of objects) {
    countStatus(summaryStatus, o.status);
    complexity[o.complexity]++;
    let t = types.get(o.type);
    if (!t) {
      t = {
        type: o.type,
        objects: 0,
        status: emptyStatusCounts(),
        autoConversionRate: 1,
        actionItems: 0,
        effortMinutes: 0,
        complexity: emptyComplexityCounts(),
      };
      types.set(o.type, t);
    }
    t.objects++;
    countStatus(t.status, o.status);
    t.actionItems += o.actionItems;
    t.effortMinutes += o.effortMinutes;
    t.complexity[o.complexity]++;
  }
  for (const t of types.values()) t.autoConversionRate = autoConversionRate(t.status);

  const codes = codeSummaries(items);
  const base = new Map(codes.map((c) => [c.code, c.baseMinutes]));
  const effort = effortTotals({
    objectMinutes: objects.reduce((s, o) => s + o.effortMinutes, 0),
    scriptMinutes: items.filter((it) => it.objectKey === null).reduce((s, it) => s + it.effortMinutes, 0),
    baseMinutesByCode: base,
  });
  const bySeverity = { error: 0, warning: 0, info: 0 };
  for (const it of items) bySeverity[it.severity]++;
  const when = options.now?.() ?? null;
  return {
    format: REPORT_FORMAT,
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'orapg', version: TOOL_VERSION },
    generatedAt: when ? when.toISOString() : null,
    inputs: sources.map((s) => s.file),
    options: {
      schemaMap: sortedRecord(options.schemaMap ?? {}),
      defines: Object.keys(options.defines ?? {}).sort(),
      narrowIntegers: !!options.narrowIntegers,
    },
    scoring: { ...SCORING },
    summary: {
      objects: objects.length,
      statements: result.stats.statements,
      parseErrors: result.stats.parseErrors,
      status: summaryStatus,
      autoConversionRate: autoConversionRate(summaryStatus),
      actionItems: {
        total: items.length,
        ...bySeverity,
        codes: codes.length,
        withEffort: items.filter((it) => it.effortMinutes > 0).length,
      },
      effort,
      complexity,
      grade: migrationGrade(objects, effort.totalMinutes),
    },
    objectTypes: [...types.values()].sort((a, b) => cmp(a.type, b.type)),
    objects,
    actionItems: items,
    codes,
    baseline: null,
    ...(options.verify ? { verify: verifySummary(options.verify) } : {}),
  };
}

function verifySummary(v: VerifyResult): NonNullable<Report['verify']> {
  const s = v.summary;
  return {
    engine: `${v.target.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'} ${v.target.serverVersion}`,
    objects: s.objects,
    applied: s.applied,
    failed: s.failed,
    skipped: s.skipped,
    routines: s.routines,
    deepChecked: s.deepChecked,
    deepErrors: s.deepErrors,
    ok: s.ok,
  };
}

function codeSummaries(items: readonly ActionItem[]): CodeSummary[] {
  const byCode = new Map<string, { items: ActionItem[]; objects: Set<string> }>();
  for (const it of items) {
    let g = byCode.get(it.code);
    if (!g) {
      g = { items: [], objects: new Set() };
      byCode.set(it.code, g);
    }
    g.items.push(it);
    if (it.objectKey !== null) g.objects.add(it.objectKey);
  }
  return [...byCode]
    .sort(([a], [b]) => cmp(a, b))
    .map(([code, g]) => {
      const entry = catalog.get(code);
      const baseMinutes = entry?.baseMinutes ?? 0;
      const sum = g.items.reduce((s, it) => s + it.effortMinutes, 0);
      return {
        code,
        title: entry?.title ?? code,
        severity: entry?.severity ?? g.items[0].severity,
        occurrences: g.items.length,
        objects: g.objects.size,
        perOccurrenceMinutes: entry?.effortMinutes ?? 0,
        baseMinutes,
        effortMinutes: baseMinutes + sum,
        docs: `docs/action-items.md#${catalogAnchor(code)}`,
      };
    });
}

/** GitHub's anchor of the catalog heading "ID — Title" (as scripts/gen-docs.ts writes it). */
export function catalogAnchor(code: string): string {
  const entry = catalog.get(code);
  const heading = entry ? `${entry.id} — ${entry.title}` : code;
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

function locationOrder(fileOrder: ReadonlyMap<string, number>) {
  return (a: SourceLocation | null | undefined, b: SourceLocation | null | undefined): number => {
    if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
    if (a.file !== b.file) {
      const fa = fileOrder.get(a.file) ?? Number.MAX_SAFE_INTEGER;
      const fb = fileOrder.get(b.file) ?? Number.MAX_SAFE_INTEGER;
      return fa - fb || cmp(a.file, b.file);
    }
    return a.line - b.line || a.column - b.column;
  };
}

/** Code-point order (locale-independent, so the output is the same on every machine). */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedRecord(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => cmp(a, b)));
}
