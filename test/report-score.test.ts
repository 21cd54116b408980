import { describe, expect, it } from 'vitest';
import { allCatalogEntries } from '../src/findings/catalog.js';
import type { ObjectStatus } from '../src/report/schema.js';
import {
  autoConversionRate,
  complexityOf,
  effortTotals,
  migrationGrade,
  objectStatus,
  SCORING,
} from '../src/report/score.js';

describe('complexity classes (SCT thresholds)', () => {
  it('is simple below 2 h, medium from 2 h to 6 h inclusive, significant above 6 h', () => {
    expect(complexityOf(0)).toBe('simple');
    expect(complexityOf(119)).toBe('simple');
    expect(complexityOf(120)).toBe('medium');
    expect(complexityOf(360)).toBe('medium');
    expect(complexityOf(361)).toBe('significant');
    expect(SCORING).toMatchObject({ simpleBelowMinutes: 120, significantAboveMinutes: 360 });
  });
});

describe('object status', () => {
  const f = (id: string, severity: 'info' | 'warning' | 'error') => ({ id, severity });
  it('follows the worst finding, parse failures first', () => {
    expect(objectStatus([])).toBe('converted');
    expect(objectStatus([f('OPG-TYPE-0001', 'info')])).toBe('converted');
    expect(objectStatus([f('OPG-TYPE-0001', 'info'), f('OPG-TYPE-0004', 'warning')])).toBe(
      'converted-with-warnings',
    );
    expect(objectStatus([f('OPG-TYPE-0004', 'warning'), f('OPG-PLSQL-0001', 'error')])).toBe(
      'needs-manual-work',
    );
    expect(objectStatus([f('OPG-PARSE-0001', 'error')])).toBe('failed-to-parse');
  });
  it('treats a statement that produced nothing as manual work whatever the severity', () => {
    expect(objectStatus([f('OPG-PARSE-0002', 'warning')], false)).toBe('needs-manual-work');
  });
});

describe('auto-conversion rate', () => {
  it('is (converted + with warnings) / all, rounded to 4 decimals', () => {
    // 3 + 1 of 6 objects → 0.666666… → 0.6667
    expect(
      autoConversionRate({ converted: 3, convertedWithWarnings: 1, needsManualWork: 1, failedToParse: 1 }),
    ).toBe(0.6667);
    expect(
      autoConversionRate({ converted: 0, convertedWithWarnings: 0, needsManualWork: 2, failedToParse: 0 }),
    ).toBe(0);
    expect(
      autoConversionRate({ converted: 0, convertedWithWarnings: 0, needsManualWork: 0, failedToParse: 0 }),
    ).toBe(1);
  });
});

describe('effort totals', () => {
  it('adds object and script minutes and each distinct code base once', () => {
    // 100 + 20 + (480 + 0 + 30) = 630 min = 10.5 h
    const t = effortTotals({
      objectMinutes: 100,
      scriptMinutes: 20,
      baseMinutesByCode: new Map([
        ['OPG-PLSQL-0001', 480],
        ['OPG-TYPE-0001', 0],
        ['OPG-GRANT-0001', 30],
      ]),
    });
    expect(t).toEqual({
      objectMinutes: 100,
      scriptMinutes: 20,
      baseMinutes: 510,
      totalMinutes: 630,
      hours: 10.5,
    });
  });
});

describe('migration grade (ora2pg-like)', () => {
  const o = (type: string, status: ObjectStatus = 'converted') => ({ type, status });

  it('difficulty 1: no stored code, no triggers, nothing to rewrite → A-1', () => {
    const g = migrationGrade([o('TABLE'), o('INDEX', 'converted-with-warnings')], 90);
    expect(g).toMatchObject({ level: 'A', difficulty: 1, label: 'A-1', personDays: 0.2 }); // 90/60/8 = 0.1875
  });
  it('difficulty 2: triggers without stored code → A-2', () => {
    expect(migrationGrade([o('TABLE'), o('TRIGGER')], 0).label).toBe('A-2');
  });
  it('difficulty 3: stored code that converts → A-3', () => {
    expect(migrationGrade([o('TABLE'), o('TRIGGER'), o('PACKAGE BODY')], 0).label).toBe('A-3');
  });
  it('difficulty 4: rewrite outside stored code; B up to 5 person-days inclusive', () => {
    // 2400 min / 60 / 8 = 5.0 days → B
    const g = migrationGrade([o('TABLE', 'needs-manual-work'), o('VIEW')], 2400);
    expect(g).toMatchObject({ level: 'B', difficulty: 4, label: 'B-4', personDays: 5 });
    // triggers needing a rewrite with no stored code at all are still 4 (ora2pg: "no stored functions")
    expect(migrationGrade([o('TRIGGER', 'needs-manual-work')], 60).label).toBe('B-4');
    // a failed parse counts as a rewrite
    expect(migrationGrade([o('VIEW', 'failed-to-parse')], 30).label).toBe('B-4');
  });
  it('C above 5 person-days, compared before rounding', () => {
    // 2448 min = 5.1 days → C
    expect(migrationGrade([o('TABLE', 'needs-manual-work')], 2448)).toMatchObject({
      level: 'C',
      personDays: 5.1,
    });
    // 2401 min = 5.002 days: shown as 5.0 but above the limit
    expect(migrationGrade([o('TABLE', 'needs-manual-work')], 2401)).toMatchObject({
      level: 'C',
      personDays: 5,
    });
  });
  it('difficulty 5: stored code exists and code or a trigger needs a rewrite', () => {
    expect(migrationGrade([o('PROCEDURE', 'needs-manual-work')], 60).label).toBe('B-5');
    // stored code converts, a trigger does not: ora2pg's "stored functions and/or triggers with code rewriting"
    expect(migrationGrade([o('FUNCTION'), o('TRIGGER', 'needs-manual-work')], 60).label).toBe('B-5');
    // stored code converts, only a table needs work → 4
    expect(migrationGrade([o('FUNCTION'), o('TABLE', 'needs-manual-work')], 60).label).toBe('B-4');
  });
  it('explains itself', () => {
    const g = migrationGrade([o('PACKAGE BODY', 'needs-manual-work')], 3000);
    expect(g.label).toBe('C-5');
    expect(g.reasons).toHaveLength(2);
    expect(g.reasons[0]).toMatch(/^C: 1 object\(s\) need a rewrite .* 6\.3 person-day/);
  });
});

describe('catalog effort model', () => {
  it('has non-negative integer per-occurrence and base minutes', () => {
    for (const e of allCatalogEntries) {
      expect(Number.isInteger(e.effortMinutes) && e.effortMinutes >= 0, e.id).toBe(true);
      if (e.baseMinutes !== undefined)
        expect(Number.isInteger(e.baseMinutes) && e.baseMinutes > 0, `${e.id}.baseMinutes`).toBe(true);
    }
    expect(allCatalogEntries.find((e) => e.id === 'OPG-PLSQL-0001')?.baseMinutes).toBe(480);
  });
});
