/**
 * DMS table mappings from the model: one selection rule per converted table (DMS then never
 * creates a table of its own), transformation rules that make DMS write exactly the names our DDL
 * created (schema rename per --schema-map, lower case for tables and columns, explicit renames
 * where the converter kept case or shortened a name), and table-settings rules for LOB columns.
 *
 * DMS applies at most one transformation action to an object, so a schema-wide lower-case rule
 * is used only when no table (or column) of the schema needs a rename; otherwise the rules are
 * written per table (or per column) and never overlap.
 *
 * Oracle virtual columns get a `remove-column` rule instead of a name rule: the target computes
 * them (GENERATED … STORED rejects any value DMS would write; the `<table>_opg_columns` trigger
 * recomputes the others, see post-load.ts), and DMS documents that it does not support virtual
 * columns on an Oracle source, so nothing of theirs should reach the target.
 */
import { z } from 'zod';
import { makeFinding } from '../findings/make.js';
import type { Finding } from '../findings/types.js';
import { planLobs, type TableLob } from './lob.js';
import type { DmsColumn, DmsModel, DmsTable } from './model.js';

const locator = z
  .object({
    'schema-name': z.string().min(1),
    'table-name': z.string().min(1).optional(),
    'column-name': z.string().min(1).optional(),
  })
  .strict();

const ruleId = z.string().regex(/^[1-9][0-9]*$/);

const selectionRule = z
  .object({
    'rule-type': z.literal('selection'),
    'rule-id': ruleId,
    'rule-name': z.string().min(1),
    'object-locator': locator,
    'rule-action': z.enum(['include', 'exclude']),
    filters: z.array(z.unknown()),
  })
  .strict();

const transformationRule = z
  .object({
    'rule-type': z.literal('transformation'),
    'rule-id': ruleId,
    'rule-name': z.string().min(1),
    'rule-target': z.enum(['schema', 'table', 'column']),
    'object-locator': locator,
    'rule-action': z.enum(['rename', 'convert-lowercase', 'remove-column']),
    value: z.string().min(1).max(63).optional(),
  })
  .strict()
  .refine(
    (r) => (r['rule-action'] === 'rename') === (r.value !== undefined),
    'rename needs a value, others none',
  )
  .refine(
    (r) => r['rule-action'] !== 'remove-column' || r['rule-target'] === 'column',
    'remove-column acts on a column',
  )
  .refine(
    (r) =>
      (r['rule-target'] === 'schema') === (r['object-locator']['table-name'] === undefined) &&
      (r['rule-target'] === 'column') === (r['object-locator']['column-name'] !== undefined),
    'object-locator must name exactly the levels of the rule target',
  );

const tableSettingsRule = z
  .object({
    'rule-type': z.literal('table-settings'),
    'rule-id': ruleId,
    'rule-name': z.string().min(1),
    'object-locator': locator,
    'lob-settings': z
      .object({
        mode: z.enum(['limited', 'unlimited', 'none']),
        'bulk-max-size': z.string().regex(/^[0-9]+$/),
      })
      .strict(),
  })
  .strict();

export const tableMappingsSchema = z
  .object({ rules: z.array(z.union([selectionRule, transformationRule, tableSettingsRule])).min(1) })
  .strict()
  .superRefine((doc, ctx) => {
    const ids = new Set<string>();
    const names = new Set<string>();
    for (const r of doc.rules) {
      if (ids.has(r['rule-id']))
        ctx.addIssue({ code: 'custom', message: `duplicate rule-id ${r['rule-id']}` });
      if (names.has(r['rule-name']))
        ctx.addIssue({ code: 'custom', message: `duplicate rule-name ${r['rule-name']}` });
      ids.add(r['rule-id']);
      names.add(r['rule-name']);
    }
    // One transformation action per object (DMS limitation): no two rules with the same target and locator.
    const seen = new Set<string>();
    for (const r of doc.rules) {
      if (r['rule-type'] !== 'transformation') continue;
      const k = `${r['rule-target']}|${JSON.stringify(r['object-locator'])}`;
      if (seen.has(k)) ctx.addIssue({ code: 'custom', message: `two transformation rules on ${k}` });
      seen.add(k);
    }
    if (!doc.rules.some((r) => r['rule-type'] === 'selection' && r['rule-action'] === 'include'))
      ctx.addIssue({ code: 'custom', message: 'no table is selected' });
  });

export type TableMappings = z.infer<typeof tableMappingsSchema>;
type Rule = TableMappings['rules'][number];

export interface MappingOptions {
  /** Oracle table patterns to keep (SCHEMA.TABLE, % wildcard); default all converted tables. */
  include?: string[];
  /** Oracle table patterns to leave out (SCHEMA.TABLE, % wildcard). */
  exclude?: string[];
  /** Largest LOB per ORACLE_SCHEMA.TABLE.COLUMN in bytes. */
  lobStats?: Record<string, number>;
}

export interface MappingResult {
  document: TableMappings;
  /** Tables the task moves, in rule order. */
  tables: DmsTable[];
  lobs: TableLob[];
  findings: Finding[];
}

/** DMS-style pattern (only % is a wildcard) against SCHEMA.TABLE, case-sensitive like DMS. */
export function matchesPattern(pattern: string, schema: string, table: string): boolean {
  const [ps, pt] = pattern.includes('.') ? splitOnce(pattern) : ['%', pattern];
  return like(ps, schema) && like(pt, table);
}

function splitOnce(s: string): [string, string] {
  const i = s.indexOf('.');
  return [s.slice(0, i), s.slice(i + 1)];
}

function like(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('%').map(escapeRegExp).join('.*')}$`, 's');
  return re.test(value);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Characters DMS transformation rules cannot handle in column names. */
const UNTRANSFORMABLE = /[#\\/-]/;

/** True when DMS convert-lowercase gives exactly the target name. */
function lowerCaseGives(source: string, target: string): boolean {
  return /^[\x20-\x7e]*$/.test(source) && source.toLowerCase() === target;
}

export function selectedTables(model: DmsModel, opts: MappingOptions, findings: Finding[] = []): DmsTable[] {
  const out: DmsTable[] = [];
  for (const t of model.tables) {
    if (t.skip) {
      findings.push(
        makeFinding(
          'OPG-DMS-0010',
          { object: t.object, kind: t.skip },
          { object: t.object, location: t.location },
        ),
      );
      continue;
    }
    const { schema, name } = t.source;
    if (opts.include?.length && !opts.include.some((p) => matchesPattern(p, schema, name))) continue;
    if (opts.exclude?.some((p) => matchesPattern(p, schema, name))) continue;
    out.push(t);
  }
  return out;
}

export function buildTableMappings(model: DmsModel, opts: MappingOptions = {}): MappingResult {
  const findings: Finding[] = [];
  const tables = selectedTables(model, opts, findings);
  const rules: Rule[] = [];
  let id = 0;
  const next = () => String(++id);

  for (const t of tables) {
    rules.push({
      'rule-type': 'selection',
      'rule-id': next(),
      'rule-name': `include-${t.source.schema}-${t.source.name}`,
      'object-locator': { 'schema-name': t.source.schema, 'table-name': t.source.name },
      'rule-action': 'include',
      filters: [],
    });
    checkTable(t, findings);
  }
  for (const [i, p] of (opts.exclude ?? []).entries()) {
    const [schema, table] = p.includes('.') ? splitOnce(p) : ['%', p];
    rules.push({
      'rule-type': 'selection',
      'rule-id': next(),
      'rule-name': `exclude-${i + 1}`,
      'object-locator': { 'schema-name': schema, 'table-name': table },
      'rule-action': 'exclude',
      filters: [],
    });
  }

  const schemas = [...new Set(tables.map((t) => t.source.schema))];
  for (const schema of schemas) {
    const inSchema = tables.filter((t) => t.source.schema === schema);
    const target = inSchema[0].target.schema;
    rules.push(
      lowerCaseGives(schema, target)
        ? transform(next(), 'schema', { 'schema-name': schema }, `lowercase-schema-${schema}`)
        : transform(next(), 'schema', { 'schema-name': schema }, `rename-schema-${schema}`, target),
    );
    rules.push(...tableRules(schema, inSchema, next));
    rules.push(...columnRules(schema, inSchema, next, findings));
  }

  const lobPlan = planLobs(tables, opts.lobStats);
  findings.push(...lobPlan.findings);
  for (const l of lobPlan.tables) {
    rules.push({
      'rule-type': 'table-settings',
      'rule-id': next(),
      'rule-name': `lob-${l.table.source.schema}-${l.table.source.name}`,
      'object-locator': { 'schema-name': l.table.source.schema, 'table-name': l.table.source.name },
      'lob-settings':
        l.lob.mode === 'limited'
          ? { mode: 'limited', 'bulk-max-size': String(l.lob.maxKb) }
          : { mode: 'unlimited', 'bulk-max-size': String(l.lob.inlineKb) },
    });
  }
  const document = tableMappingsSchema.parse({ rules: uniqueNames(rules) });
  return { document, tables, lobs: lobPlan.tables, findings };
}

/** Rule names keep letters, digits, _ and -; a name that collides after that gets its rule-id. */
function uniqueNames(rules: Rule[]): Rule[] {
  const seen = new Set<string>();
  return rules.map((r) => {
    let name = r['rule-name'].replace(/[^A-Za-z0-9_-]+/g, '_');
    if (seen.has(name)) name = `${name}-${r['rule-id']}`;
    seen.add(name);
    return { ...r, 'rule-name': name };
  });
}

function transform(
  id: string,
  target: 'schema' | 'table' | 'column',
  loc: z.infer<typeof locator>,
  name: string,
  renameTo?: string,
  action?: 'remove-column',
): Rule {
  const r: Rule = {
    'rule-type': 'transformation',
    'rule-id': id,
    'rule-name': name,
    'rule-target': target,
    'object-locator': loc,
    'rule-action': action ?? (renameTo === undefined ? 'convert-lowercase' : 'rename'),
  };
  if (renameTo !== undefined) r.value = renameTo;
  return r;
}

function tableRules(schema: string, tables: DmsTable[], next: () => string): Rule[] {
  if (tables.every((t) => lowerCaseGives(t.source.name, t.target.name)))
    return [
      transform(next(), 'table', { 'schema-name': schema, 'table-name': '%' }, `lowercase-tables-${schema}`),
    ];
  // A table without a rule keeps its Oracle name, which is right when the DDL kept it too.
  return tables
    .filter((t) => t.source.name !== t.target.name)
    .map((t) => {
      const loc = { 'schema-name': schema, 'table-name': t.source.name };
      return lowerCaseGives(t.source.name, t.target.name)
        ? transform(next(), 'table', loc, `lowercase-table-${schema}-${t.source.name}`)
        : transform(next(), 'table', loc, `rename-table-${schema}-${t.source.name}`, t.target.name);
    });
}

/** A column a wildcard lower-case rule handles (a virtual column needs its own remove-column rule). */
function regularColumn(c: DmsColumn): boolean {
  return !c.computed && (lowerCaseGives(c.source, c.target) || UNTRANSFORMABLE.test(c.source));
}

function columnRules(schema: string, tables: DmsTable[], next: () => string, findings: Finding[]): Rule[] {
  const out: Rule[] = [];
  for (const t of tables)
    for (const c of t.columns) {
      const where = { object: t.object, location: t.location };
      if (UNTRANSFORMABLE.test(c.source) && c.source !== c.target)
        findings.push(makeFinding('OPG-DMS-0008', { column: c.source, object: t.object }, where));
      else if (c.lob && !lowerCaseGives(c.source, c.target))
        findings.push(makeFinding('OPG-DMS-0011', { column: c.source, object: t.object }, where));
    }
  if (tables.every((t) => t.columns.every(regularColumn)))
    return [
      transform(
        next(),
        'column',
        { 'schema-name': schema, 'table-name': '%', 'column-name': '%' },
        `lowercase-columns-${schema}`,
      ),
    ];
  for (const t of tables) {
    if (t.columns.every(regularColumn)) {
      out.push(
        transform(
          next(),
          'column',
          { 'schema-name': schema, 'table-name': t.source.name, 'column-name': '%' },
          `lowercase-columns-${schema}-${t.source.name}`,
        ),
      );
      continue;
    }
    for (const c of t.columns) {
      const loc = { 'schema-name': schema, 'table-name': t.source.name, 'column-name': c.source };
      const name = `${schema}-${t.source.name}-${c.source}`;
      if (c.computed) {
        out.push(transform(next(), 'column', loc, `remove-column-${name}`, undefined, 'remove-column'));
        continue;
      }
      if (UNTRANSFORMABLE.test(c.source) || c.source === c.target) continue;
      out.push(
        lowerCaseGives(c.source, c.target)
          ? transform(next(), 'column', loc, `lowercase-column-${name}`)
          : transform(next(), 'column', loc, `rename-column-${name}`, c.target),
      );
    }
  }
  return out;
}

function checkTable(t: DmsTable, findings: Finding[]): void {
  const where = { object: t.object, location: t.location };
  const lobs = t.columns.filter((c) => c.lob).map((c) => c.source);
  if (t.primaryKey.length) return;
  if (lobs.length)
    findings.push(makeFinding('OPG-DMS-0006', { object: t.object, columns: lobs.join(', ') }, where));
  else findings.push(makeFinding('OPG-DMS-0007', { object: t.object }, where));
}
