/**
 * The report.json format, as a zod schema. It is the single definition of the format: the report
 * builder's types are inferred from it, json.ts validates every report against it before writing,
 * `--baseline` files are read through it, and docs/report.schema.json (JSON Schema 2020-12) is
 * generated from it by scripts/gen-docs.ts.
 *
 * Versioning: `schemaVersion` is "MAJOR.MINOR". A minor version only adds optional fields; a new
 * major version may rename or remove fields, and a baseline of another major version is refused.
 */
import { z } from 'zod';

export const REPORT_FORMAT = 'orapg-assess-report';
export const REPORT_SCHEMA_VERSION = '1.1';
export const REPORT_SCHEMA_MAJOR = 1;

const count = z.number().int().min(0);
const minutes = z.number().int().min(0).describe('minutes of manual work');
const rate = z.number().min(0).max(1).describe('fraction between 0 and 1, rounded to 4 decimals');

export const SeveritySchema = z.enum(['info', 'warning', 'error']);

export const ObjectStatusSchema = z
  .enum(['converted', 'converted-with-warnings', 'needs-manual-work', 'failed-to-parse'])
  .describe(
    'converted: no finding above info; converted-with-warnings: worst finding is a warning; ' +
      'needs-manual-work: an error finding, or a statement kind orapg does not convert; ' +
      'failed-to-parse: the statement did not parse (OPG-PARSE-0001)',
  );

export const ComplexitySchema = z
  .enum(['simple', 'medium', 'significant'])
  .describe('SCT-compatible class of the object effort: simple < 120 min, medium 120–360, significant > 360');

export const LocationSchema = z.object({
  file: z.string().describe('path of the script as given on the command line (relative paths stay relative)'),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
});

export const ReportObjectSchema = z.object({
  key: z
    .string()
    .describe(
      'stable key: the object label, with "#n" appended to the n-th repeat of a label in source order',
    ),
  type: z
    .string()
    .describe('TABLE, INDEX, VIEW, PACKAGE BODY, … ; STATEMENT for statements that define no known object'),
  name: z.string().describe('Oracle-side label, e.g. "TABLE HR.EMPLOYEES"'),
  phase: z.enum(['pre-data', 'code', 'post-data']).nullable().describe('null when nothing was emitted'),
  status: ObjectStatusSchema,
  complexity: ComplexitySchema,
  effortMinutes: minutes.describe('sum of the effort of the action items of this object'),
  actionItems: count,
  maxSeverity: SeveritySchema.nullable(),
  location: LocationSchema.nullable().describe('start of the Oracle statement that defines the object'),
  endLine: z.number().int().min(1).nullable().describe('last line of that statement'),
});

export const ActionItemSchema = z.object({
  itemId: z
    .string()
    .regex(/^[0-9a-f]{12}$/)
    .describe(
      'stable occurrence ID: sha1 of code, object key, message with digit runs replaced by "#", and the ' +
        'ordinal among identical triples; unchanged by edits that only move lines',
    ),
  code: z
    .string()
    .regex(/^OPG-[A-Z]+-\d{4}$/)
    .describe('catalog ID (docs/action-items.md)'),
  severity: SeveritySchema,
  title: z.string(),
  message: z.string(),
  suggestion: z.string(),
  effortMinutes: minutes.describe(
    'effort of this occurrence (catalog per-occurrence minutes, scaled by the rule)',
  ),
  objectKey: z.string().nullable().describe('key of the object; null for script-level items'),
  location: LocationSchema.nullable().describe('where the finding was raised'),
  line: z
    .number()
    .int()
    .min(1)
    .nullable()
    .describe(
      'line the report points at: the finding line, or a line of the statement that names what the message names',
    ),
  lineExact: z.boolean().describe('false when `line` was found by name rather than raised there'),
  baseline: z
    .enum(['new', 'unchanged'])
    .optional()
    .describe('present when the run was compared with --baseline'),
});

export const CodeSummarySchema = z.object({
  code: z.string(),
  title: z.string(),
  severity: SeveritySchema,
  occurrences: count,
  objects: count.describe('distinct objects with this code'),
  perOccurrenceMinutes: minutes.describe('catalog effortMinutes'),
  baseMinutes: minutes.describe('catalog baseMinutes, counted once per report when the code occurs'),
  effortMinutes: minutes.describe('baseMinutes + sum of the occurrences'),
  docs: z.string().describe('link to the catalog entry, relative to the repository docs'),
});

export const StatusCountsSchema = z.object({
  converted: count,
  convertedWithWarnings: count,
  needsManualWork: count,
  failedToParse: count,
});

export const ComplexityCountsSchema = z.object({ simple: count, medium: count, significant: count });

export const TypeSummarySchema = z.object({
  type: z.string(),
  objects: count,
  status: StatusCountsSchema,
  autoConversionRate: rate.describe('(converted + converted-with-warnings) / objects'),
  actionItems: count,
  effortMinutes: minutes,
  complexity: ComplexityCountsSchema,
});

export const GradeSchema = z.object({
  level: z
    .enum(['A', 'B', 'C'])
    .describe('A: no rewrite; B: rewrite ≤ 5 person-days; C: rewrite > 5 person-days'),
  difficulty: z.number().int().min(1).max(5),
  label: z.string().describe('level and difficulty, e.g. "B-3"'),
  personDays: z.number().min(0).describe('total effort in person-days (hoursPerDay hours each), 1 decimal'),
  reasons: z.array(z.string()),
});

export const SummarySchema = z.object({
  objects: count,
  statements: count.describe('SQL statements and PL/SQL units read'),
  parseErrors: count,
  status: StatusCountsSchema,
  autoConversionRate: rate,
  actionItems: z.object({
    total: count,
    error: count,
    warning: count,
    info: count,
    codes: count.describe('distinct catalog IDs'),
    withEffort: count.describe('occurrences with an effort above 0 minutes'),
  }),
  effort: z.object({
    objectMinutes: minutes.describe('sum of the object efforts'),
    scriptMinutes: minutes.describe('sum of the script-level items (no object)'),
    baseMinutes: minutes.describe('sum of baseMinutes over the distinct codes found'),
    totalMinutes: minutes,
    hours: z.number().min(0).describe('totalMinutes / 60, 1 decimal'),
  }),
  complexity: ComplexityCountsSchema,
  grade: GradeSchema,
});

export const ScoringModelSchema = z.object({
  hoursPerDay: z.number().positive(),
  simpleBelowMinutes: z.number().int(),
  significantAboveMinutes: z.number().int(),
  gradeBMaxDays: z.number().positive(),
});

export const ResolvedItemSchema = ActionItemSchema.omit({ baseline: true });

export const BaselineSchema = z.object({
  file: z.string(),
  generatedAt: z.string().nullable(),
  newItems: count,
  resolvedItems: count,
  unchangedItems: count,
  resolved: z.array(ResolvedItemSchema).describe('items of the baseline that no longer occur'),
});

export const VerifySummarySchema = z
  .object({
    engine: z.string().describe('e.g. "PGlite 18.6" or "PostgreSQL 15.8"'),
    objects: count,
    applied: count,
    failed: count,
    skipped: count,
    routines: count,
    deepChecked: count.describe('routines checked with plpgsql_check'),
    deepErrors: count,
    ok: z.boolean().describe('nothing failed, nothing from the model is missing'),
  })
  .describe('since 1.1, with --verify: what applying the converted objects to PostgreSQL gave');

export const ReportSchema = z.object({
  format: z.literal(REPORT_FORMAT),
  schemaVersion: z.string().regex(/^\d+\.\d+$/),
  tool: z.object({ name: z.literal('orapg'), version: z.string() }),
  generatedAt: z
    .string()
    .nullable()
    .describe('ISO 8601 time, or null (SOURCE_DATE_EPOCH or an injected clock fix it)'),
  inputs: z.array(z.string()),
  options: z.object({
    schemaMap: z.record(z.string(), z.string()),
    defines: z.array(z.string()).describe('names of substitution variables only: values can hold secrets'),
    narrowIntegers: z.boolean(),
  }),
  scoring: ScoringModelSchema,
  summary: SummarySchema,
  objectTypes: z.array(TypeSummarySchema).describe('sorted by type'),
  objects: z
    .array(ReportObjectSchema)
    .describe('source order: file, line, column; objects without a location first'),
  actionItems: z
    .array(ActionItemSchema)
    .describe('object order, then location and code; script-level items (objectKey null) last'),
  codes: z.array(CodeSummarySchema).describe('sorted by code'),
  baseline: BaselineSchema.nullable(),
  verify: VerifySummarySchema.optional(),
});

export type Report = z.infer<typeof ReportSchema>;
export type ReportObject = z.infer<typeof ReportObjectSchema>;
export type ActionItem = z.infer<typeof ActionItemSchema>;
export type ResolvedItem = z.infer<typeof ResolvedItemSchema>;
export type ObjectStatus = z.infer<typeof ObjectStatusSchema>;
export type Complexity = z.infer<typeof ComplexitySchema>;
export type StatusCounts = z.infer<typeof StatusCountsSchema>;
export type ComplexityCounts = z.infer<typeof ComplexityCountsSchema>;
export type TypeSummary = z.infer<typeof TypeSummarySchema>;
export type CodeSummary = z.infer<typeof CodeSummarySchema>;
export type Grade = z.infer<typeof GradeSchema>;
export type Summary = z.infer<typeof SummarySchema>;
export type ScoringModel = z.infer<typeof ScoringModelSchema>;
export type VerifySummary = z.infer<typeof VerifySummarySchema>;

/**
 * JSON Schema (draft 2020-12) of report.json, as written to docs/report.schema.json. Generated in
 * zod's "input" mode, which leaves objects open (no `additionalProperties: false`), so a report of
 * a later minor version, with more fields, still validates against this schema.
 */
export function reportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ReportSchema, { target: 'draft-2020-12', io: 'input' }) as Record<
    string,
    unknown
  >;
  return {
    $schema: schema.$schema,
    title: `orapg assess report.json, schema version ${REPORT_SCHEMA_VERSION}`,
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}
