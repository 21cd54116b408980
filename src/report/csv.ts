/**
 * action-items.csv: one row per action item occurrence, RFC 4180: CRLF record ends, a header
 * row, fields quoted when they contain a comma, a double quote, CR or LF, quotes doubled.
 *
 * Spreadsheet formula injection: a text field that starts with = + - @ TAB or CR is prefixed with
 * a single quote (OWASP's advice), so an object named `=HYPERLINK(…)` stays text in Excel or
 * LibreOffice. Number fields are never prefixed.
 *
 * With --baseline, `baseline` is new or unchanged, and the baseline's resolved items follow as
 * rows with `baseline` = resolved and an effort of 0.
 */
import type { Report } from './schema.js';

export const CSV_COLUMNS = [
  'item_id',
  'code',
  'severity',
  'title',
  'object_type',
  'object',
  'object_status',
  'file',
  'line',
  'column',
  'effort_minutes',
  'message',
  'suggestion',
  'baseline',
] as const;

/** One RFC 4180 field. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function renderCsv(report: Report): string {
  const objects = new Map(report.objects.map((o) => [o.key, o]));
  let out = csvRow([...CSV_COLUMNS]);
  for (const it of report.actionItems) {
    const o = it.objectKey === null ? undefined : objects.get(it.objectKey);
    out += csvRow([
      it.itemId,
      it.code,
      it.severity,
      it.title,
      o?.type ?? '',
      o?.name ?? '',
      o?.status ?? '',
      it.location?.file ?? '',
      it.line,
      it.lineExact ? (it.location?.column ?? null) : null,
      it.effortMinutes,
      it.message,
      it.suggestion,
      it.baseline ?? '',
    ]);
  }
  // Items of the --baseline report that no longer occur; their object may be gone.
  for (const it of report.baseline?.resolved ?? []) {
    const o = it.objectKey === null ? undefined : objects.get(it.objectKey);
    out += csvRow([
      it.itemId,
      it.code,
      it.severity,
      it.title,
      o?.type ?? '',
      o?.name ?? it.objectKey ?? '',
      o?.status ?? '',
      it.location?.file ?? '',
      it.line,
      it.lineExact ? (it.location?.column ?? null) : null,
      0,
      it.message,
      it.suggestion,
      'resolved',
    ]);
  }
  return out;
}
