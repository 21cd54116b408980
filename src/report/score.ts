/**
 * Scoring: object status, SCT-compatible complexity classes, auto-conversion rates, effort totals
 * and the ora2pg-like migration grade. Pure functions over plain numbers; docs/report.md documents
 * every formula here and test/report-score.test.ts checks them with hand-computed figures.
 */
import type { Severity } from '../findings/types.js';
import type {
  Complexity,
  ComplexityCounts,
  Grade,
  ObjectStatus,
  ScoringModel,
  StatusCounts,
} from './schema.js';

export const SCORING: ScoringModel = {
  /** A person-day, for the grade and the summary. */
  hoursPerDay: 8,
  /** AWS SCT: simple actions take less than 2 hours … */
  simpleBelowMinutes: 120,
  /** … medium 2 to 6 hours, significant more than 6 hours. */
  significantAboveMinutes: 360,
  /** ora2pg: level B is a rewrite of up to 5 person-days, C above. */
  gradeBMaxDays: 5,
};

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function maxSeverity(severities: Iterable<Severity>): Severity | null {
  let best: Severity | null = null;
  for (const s of severities) if (best === null || SEVERITY_RANK[s] > SEVERITY_RANK[best]) best = s;
  return best;
}

/**
 * Status of one object from its findings. `converted: false` marks a statement that produced no
 * PostgreSQL object (a statement kind orapg does not convert): it needs manual work whatever the
 * severity of its finding.
 */
export function objectStatus(
  findings: readonly { id: string; severity: Severity }[],
  converted = true,
): ObjectStatus {
  if (findings.some((f) => f.id === 'OPG-PARSE-0001')) return 'failed-to-parse';
  if (!converted) return 'needs-manual-work';
  const worst = maxSeverity(findings.map((f) => f.severity));
  if (worst === 'error') return 'needs-manual-work';
  if (worst === 'warning') return 'converted-with-warnings';
  return 'converted';
}

/** SCT classes on the object's effort: simple < 2 h ≤ medium ≤ 6 h < significant. */
export function complexityOf(effortMinutes: number, model: ScoringModel = SCORING): Complexity {
  if (effortMinutes < model.simpleBelowMinutes) return 'simple';
  if (effortMinutes <= model.significantAboveMinutes) return 'medium';
  return 'significant';
}

export function emptyStatusCounts(): StatusCounts {
  return { converted: 0, convertedWithWarnings: 0, needsManualWork: 0, failedToParse: 0 };
}

export function emptyComplexityCounts(): ComplexityCounts {
  return { simple: 0, medium: 0, significant: 0 };
}

const STATUS_FIELD: Record<ObjectStatus, keyof StatusCounts> = {
  converted: 'converted',
  'converted-with-warnings': 'convertedWithWarnings',
  'needs-manual-work': 'needsManualWork',
  'failed-to-parse': 'failedToParse',
};

export function countStatus(counts: StatusCounts, status: ObjectStatus): void {
  counts[STATUS_FIELD[status]]++;
}

/** Objects converted without errors / all objects (1 when there are none), rounded to 4 decimals. */
export function autoConversionRate(c: StatusCounts): number {
  const total = c.converted + c.convertedWithWarnings + c.needsManualWork + c.failedToParse;
  if (total === 0) return 1;
  return round((c.converted + c.convertedWithWarnings) / total, 4);
}

export interface EffortInput {
  /** Effort of every occurrence attached to an object. */
  objectMinutes: number;
  /** Effort of the occurrences without an object (script-level). */
  scriptMinutes: number;
  /** Distinct catalog codes found, with their one-off base minutes. */
  baseMinutesByCode: ReadonlyMap<string, number>;
}

/** total = Σ occurrence minutes (objects and script) + Σ baseMinutes over the distinct codes. */
export function effortTotals(input: EffortInput): {
  objectMinutes: number;
  scriptMinutes: number;
  baseMinutes: number;
  totalMinutes: number;
  hours: number;
} {
  let base = 0;
  for (const m of input.baseMinutesByCode.values()) base += m;
  const total = input.objectMinutes + input.scriptMinutes + base;
  return {
    objectMinutes: input.objectMinutes,
    scriptMinutes: input.scriptMinutes,
    baseMinutes: base,
    totalMinutes: total,
    hours: round(total / 60, 1),
  };
}

/** Stored PL/SQL program units (ora2pg's "stored functions"). */
export const STORED_CODE_TYPES: ReadonlySet<string> = new Set([
  'PROCEDURE',
  'FUNCTION',
  'PACKAGE',
  'PACKAGE BODY',
  'TYPE BODY',
]);

const needsRewrite = (s: ObjectStatus) => s === 'needs-manual-work' || s === 'failed-to-parse';

/**
 * Migration grade, after ora2pg's migration levels:
 *
 * Level: A when no object needs a rewrite (every object converted, possibly with warnings);
 * otherwise B when the total effort is at most `gradeBMaxDays` person-days, C above.
 *
 * Technical difficulty 1–5 (objects needing a rewrite = needs-manual-work or failed-to-parse):
 *   5  stored code (procedures, functions, packages, type bodies) exists, and stored code or a
 *      trigger needs a rewrite;
 *   4  something else needs a rewrite (tables, views, triggers without stored code, …);
 *   3  no rewrite, stored code exists;
 *   2  no rewrite, triggers but no stored code;
 *   1  no rewrite, no stored code, no triggers.
 */
export function migrationGrade(
  objects: readonly { type: string; status: ObjectStatus }[],
  totalMinutes: number,
  model: ScoringModel = SCORING,
): Grade {
  const days = totalMinutes / 60 / model.hoursPerDay;
  const personDays = round(days, 1);
  const rewrite = objects.filter((o) => needsRewrite(o.status));
  const storedCode = objects.filter((o) => STORED_CODE_TYPES.has(o.type));
  const triggers = objects.filter((o) => o.type === 'TRIGGER');
  const codeRewrite = rewrite.filter((o) => STORED_CODE_TYPES.has(o.type) || o.type === 'TRIGGER');
  const reasons: string[] = [];

  let level: Grade['level'];
  if (!rewrite.length) {
    level = 'A';
    reasons.push('A: every object converts automatically (warnings only need a review)');
  } else {
    level = days <= model.gradeBMaxDays ? 'B' : 'C';
    reasons.push(
      `${level}: ${rewrite.length} object(s) need a rewrite and the estimate is ${personDays} person-day(s) ` +
        `(${level === 'B' ? '≤' : '>'} ${model.gradeBMaxDays} at ${model.hoursPerDay} h a day)`,
    );
  }

  let difficulty: number;
  if (storedCode.length && codeRewrite.length) {
    difficulty = 5;
    reasons.push(
      `5: stored code exists (${storedCode.length} unit(s)) and ${codeRewrite.length} code unit(s) or trigger(s) need a rewrite`,
    );
  } else if (rewrite.length) {
    difficulty = 4;
    reasons.push(
      `4: ${rewrite.length} object(s) need a rewrite, none of them stored code with stored code present`,
    );
  } else if (storedCode.length) {
    difficulty = 3;
    reasons.push(`3: stored code (${storedCode.length} unit(s)) converts without a rewrite`);
  } else if (triggers.length) {
    difficulty = 2;
    reasons.push(`2: triggers (${triggers.length}) but no stored code, no rewrite`);
  } else {
    difficulty = 1;
    reasons.push('1: no stored code, no triggers, no rewrite');
  }
  return { level, difficulty, label: `${level}-${difficulty}`, personDays, reasons };
}

export function round(n: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(n * f) / f;
}
