/**
 * report.json: the report validated against the zod schema and printed with the schema's key
 * order (zod rebuilds objects in shape order), two-space indented, with a final newline.
 */
import { REPORT_FORMAT, REPORT_SCHEMA_MAJOR, type Report, ReportSchema } from './schema.js';

export function renderJson(report: Report): string {
  const checked = ReportSchema.parse(report);
  return `${JSON.stringify(checked, null, 2)}\n`;
}

/** Reads a report.json (e.g. a --baseline); throws a readable error when it is not one. */
export function parseReportJson(text: string, file = 'report.json'): Report {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file} is not JSON: ${(err as Error).message}`);
  }
  const head = raw as { format?: unknown; schemaVersion?: unknown } | null;
  if (!head || head.format !== REPORT_FORMAT)
    throw new Error(`${file} is not an orapg assess report (format is not "${REPORT_FORMAT}")`);
  const major = Number(String(head.schemaVersion ?? '').split('.')[0]);
  if (major !== REPORT_SCHEMA_MAJOR)
    throw new Error(
      `${file} has report schema version ${String(head.schemaVersion)}; this orapg reads ${REPORT_SCHEMA_MAJOR}.x`,
    );
  const parsed = ReportSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`${file} does not match the report schema: ${first.path.join('.')}: ${first.message}`);
  }
  return parsed.data;
}
