/**
 * Comparing runs: marks the action items of a report as new or unchanged against an earlier
 * report.json and lists the items that were resolved. Items are matched by `itemId`, which does
 * not depend on line numbers (see build.ts assignItemIds).
 */
import type { Report, ResolvedItem } from './schema.js';

export function applyBaseline(report: Report, baseline: Report, file: string): void {
  const before = new Map(baseline.actionItems.map((it) => [it.itemId, it]));
  const now = new Set(report.actionItems.map((it) => it.itemId));
  let fresh = 0;
  for (const it of report.actionItems) {
    it.baseline = before.has(it.itemId) ? 'unchanged' : 'new';
    if (it.baseline === 'new') fresh++;
  }
  const resolved: ResolvedItem[] = baseline.actionItems
    .filter((it) => !now.has(it.itemId))
    .map(({ baseline: _drop, ...rest }) => rest);
  report.baseline = {
    file,
    generatedAt: baseline.generatedAt,
    newItems: fresh,
    resolvedItems: resolved.length,
    unchangedItems: report.actionItems.length - fresh,
    resolved,
  };
}
