/**
 * The DMS view of a conversion: each converted table with its Oracle (source) and PostgreSQL
 * (target) names side by side, column by column, plus the sequences to resynchronise and the
 * post-data objects the post-load step applies.
 *
 * The conversion result holds PostgreSQL names only, so the Oracle names are recovered from the
 * parsed statements: a table is matched to its CREATE TABLE by source location, and the ALTER
 * TABLE actions that rename or add columns are replayed on a copy in script order, exactly as the
 * converter merges them (same lookup key, same order). The result is checked column by column
 * against the converter's output; a mismatch is reported, never guessed.
 */
import type { QualifiedName } from '../ast/common.js';
import type { ColumnDef, CreateTable, Statement } from '../ast/ddl.js';
import type { DataType, Expr } from '../ast/expr.js';
import type { PgObject, PgTable } from '../ast/pg.js';
import {
  type ConvertOptions,
  type ConvertResult,
  convertSources,
  parseSources,
  type SourceText,
} from '../convert/index.js';
import { pgNameOf, shortenIdent } from '../emit/quote.js';
import { makeFinding } from '../findings/make.js';
import type { Finding, SourceLocation } from '../findings/types.js';

export interface DmsName {
  schema: string;
  name: string;
}

export interface DmsColumn {
  /** Oracle catalog name (exact case). */
  source: string;
  /** PostgreSQL column name as created by the DDL. */
  target: string;
  /** Oracle type name (upper case), when the DDL gave one. */
  oracleType?: string;
  /** PostgreSQL type name as printed by the DDL (e.g. integer, text, bytea). */
  pgType: string;
  /** True for types DMS moves as LOBs (CLOB, NCLOB, BLOB, BFILE, LONG, LONG RAW, XMLTYPE). */
  lob: boolean;
  identity?: 'always' | 'by-default';
  /** Sequence named in DEFAULT nextval('…'), as printed (schema-qualified when the DDL is). */
  defaultSequence?: string;
  /**
   * An Oracle virtual column: PostgreSQL computes it (`generated`: GENERATED ALWAYS AS … STORED) or
   * the table's `<table>_opg_columns` trigger does (`trigger`, with the converted expression over
   * the table's columns). DMS never writes either (remove-column rule); see post-load.ts.
   */
  computed?: { kind: 'generated' } | { kind: 'trigger'; expr: Expr };
}

export interface DmsTable {
  /** Oracle label, e.g. TABLE HR.EMPLOYEES. */
  object: string;
  source: DmsName;
  target: DmsName;
  /** Whether the PostgreSQL DDL qualifies the table with its schema. */
  targetQualified: boolean;
  columns: DmsColumn[];
  /** Target column names of the primary key. */
  primaryKey: string[];
  /** Global temporary or external tables hold no data DMS can move. */
  skip?: 'temporary' | 'external';
  location?: SourceLocation;
}

export interface DmsSequence {
  object: string;
  target: DmsName;
  targetQualified: boolean;
  increment: number;
  start?: string;
  /** The column whose max(value) the sequence must pass after the load, when known. */
  owner?: { table: DmsTable; column: string; how: 'default' | 'name' | 'config' };
}

export interface DmsModelOptions extends ConvertOptions {
  /** Oracle schema that owns the objects the scripts create without a schema (the connected user). */
  sourceSchema?: string;
  /** Oracle SEQUENCE → TABLE.COLUMN (Oracle names, optionally schema-qualified) when naming cannot tell. */
  sequenceOwners?: Record<string, string>;
}

export interface DmsModel {
  tables: DmsTable[];
  sequences: DmsSequence[];
  /** Source schema → target schema, for every schema that holds a table. */
  schemas: { source: string; target: string }[];
  /** Target schema for objects the DDL creates without a schema (search_path of the load). */
  defaultTargetSchema?: string;
  /** The converted post-data objects (constraints, indexes, grants, triggers) in output order. */
  postData: PgObject[];
  findings: Finding[];
  conversion: ConvertResult;
}

const LOB_TYPES = new Set(['CLOB', 'NCLOB', 'BLOB', 'BFILE', 'LONG', 'LONG RAW', 'XMLTYPE']);

export function isLobType(t: DataType | undefined): boolean {
  return !!t && LOB_TYPES.has(t.name.toUpperCase());
}

/** Builds the DMS model from Oracle scripts already read. */
export function buildDmsModel(
  sources: SourceText[],
  options: DmsModelOptions = {},
  readFile?: (p: string) => string | undefined,
): DmsModel {
  const convertOptions: ConvertOptions = {
    schemaMap: options.schemaMap,
    defines: options.defines,
    narrowIntegers: options.narrowIntegers,
  };
  const conversion = convertSources(sources, convertOptions, readFile);
  const parsed = parseSources(sources, convertOptions, readFile);
  const oracleTables = replayTableNames(parsed.statements);
  const findings: Finding[] = [];
  const schemaMap = new Map(Object.entries(options.schemaMap ?? {}).map(([k, v]) => [k.toUpperCase(), v]));
  const sourceSchema = options.sourceSchema;
  const defaultTargetSchema = sourceSchema
    ? (schemaMap.get(sourceSchema.toUpperCase()) ?? pgNameOf(sourceSchema))
    : undefined;

  const tables: DmsTable[] = [];
  for (const o of conversion.objects) {
    const pg = o.objectType === 'TABLE' ? o.nodes.find((n): n is PgTable => n.kind === 'table') : undefined;
    if (!pg) continue;
    const ora = oracleTables.find((t) => sameLocation(t.loc, o.location));
    if (!ora) continue;
    const schema = ora.name.schema ?? sourceSchema;
    if (!schema) {
      findings.push(
        makeFinding('OPG-DMS-0001', { object: o.object }, { object: o.object, location: o.location }),
      );
      continue;
    }
    const targetSchema = pg.name.schema ?? defaultTargetSchema ?? pgNameOf(schema);
    const table: DmsTable = {
      object: o.object,
      source: { schema, name: ora.name.name },
      target: { schema: targetSchema, name: pg.name.name },
      targetQualified: !!pg.name.schema,
      columns: matchColumns(ora.columns, pg, o, findings),
      primaryKey: pg.primaryKey?.columns ?? [],
      location: o.location,
    };
    if (ora.temporary) table.skip = 'temporary';
    if (ora.organization === 'EXTERNAL') table.skip = 'external';
    tables.push(table);
  }

  const schemas = new Map<string, string>();
  for (const t of tables) if (!t.skip) schemas.set(t.source.schema, t.target.schema);
  const sequences = collectSequences(conversion.objects, tables, options, defaultTargetSchema, findings);
  return {
    tables,
    sequences,
    schemas: [...schemas].map(([source, target]) => ({ source, target })),
    defaultTargetSchema,
    postData: conversion.objects.filter((o) => o.phase === 'post-data'),
    findings,
    conversion,
  };
}

function sameLocation(a?: SourceLocation, b?: SourceLocation): boolean {
  return !!a && !!b && a.file === b.file && a.line === b.line && a.column === b.column;
}

/** Copies of the CREATE TABLE statements with the converter's ALTER TABLE merges replayed on names and types. */
function replayTableNames(statements: Statement[]): CreateTable[] {
  const byKey = new Map<string, CreateTable>();
  const out: CreateTable[] = [];
  const key = (q: QualifiedName) => `${q.schema ?? ''}.${q.name}`;
  for (const s of statements) {
    if (s.kind === 'create-table') {
      const copy: CreateTable = { ...s, columns: s.columns.map((c) => ({ ...c })) };
      byKey.set(key(s.name), copy);
      out.push(copy);
      continue;
    }
    if (s.kind !== 'alter-table') continue;
    const t = byKey.get(key(s.table));
    if (!t) continue;
    for (const a of s.actions) {
      if (a.kind === 'add-column') t.columns.push({ ...a.column });
      else if (a.kind === 'drop-column') t.columns = t.columns.filter((c) => !a.columns.includes(c.name));
      else if (a.kind === 'rename-column') {
        const c = t.columns.find((x) => x.name === a.from);
        if (c) c.name = a.to;
      } else if (a.kind === 'rename-table') t.name = { ...t.name, name: a.to };
      else if (a.kind === 'modify-column') {
        const c = t.columns.find((x) => x.name === a.column.name);
        if (c && a.column.type) c.type = a.column.type;
      }
    }
  }
  return out;
}

function pgColumnName(ora: string): string {
  return shortenIdent(pgNameOf(ora));
}

function typeName(t: DataType): string {
  return t.name.toLowerCase();
}

function matchColumns(oraCols: ColumnDef[], pg: PgTable, o: PgObject, findings: Finding[]): DmsColumn[] {
  return pg.columns.map((pc, i) => {
    const byIndex = oraCols[i] && pgColumnName(oraCols[i].name) === pc.name ? oraCols[i] : undefined;
    const ora = byIndex ?? oraCols.find((c) => pgColumnName(c.name) === pc.name);
    if (!ora)
      findings.push(
        makeFinding(
          'OPG-DMS-0002',
          { column: pc.name, object: o.object },
          { object: o.object, location: o.location },
        ),
      );
    const col: DmsColumn = {
      source: ora?.name ?? pc.name.toUpperCase(),
      target: pc.name,
      pgType: typeName(pc.type),
      lob: isLobType(ora?.type),
    };
    if (ora?.type) col.oracleType = ora.type.name.toUpperCase();
    if (pc.identity) col.identity = pc.identity.always ? 'always' : 'by-default';
    const seq = nextvalSequence(pc.default);
    if (seq) col.defaultSequence = seq;
    if (pc.generated) col.computed = { kind: 'generated' };
    else if (pc.triggerComputed) col.computed = { kind: 'trigger', expr: pc.triggerComputed };
    return col;
  });
}

function nextvalSequence(e: Expr | undefined): string | undefined {
  if (e?.kind !== 'call' || e.name.length !== 1 || e.name[0].toLowerCase() !== 'nextval') return undefined;
  const arg = e.args[0]?.value;
  return arg && arg.kind === 'literal' && arg.type === 'string' ? arg.value : undefined;
}

const INTEGER_TYPES = new Set(['smallint', 'integer', 'bigint', 'numeric', 'int', 'int4', 'int8', 'int2']);

/** Standalone sequences and the column each one feeds: DEFAULT nextval, configuration, then naming. */
function collectSequences(
  objects: PgObject[],
  tables: DmsTable[],
  options: DmsModelOptions,
  defaultTargetSchema: string | undefined,
  findings: Finding[],
): DmsSequence[] {
  const out: DmsSequence[] = [];
  const owners = new Map(
    Object.entries(options.sequenceOwners ?? {}).map(([k, v]) => [k.toUpperCase(), v.toUpperCase()]),
  );
  for (const o of objects) {
    const node = o.objectType === 'SEQUENCE' ? o.nodes.find((n) => n.kind === 'sequence') : undefined;
    if (node?.kind !== 'sequence') continue;
    const target = { schema: node.name.schema ?? defaultTargetSchema ?? 'public', name: node.name.name };
    const seq: DmsSequence = {
      object: o.object,
      target,
      targetQualified: !!node.name.schema,
      increment: Number(node.options.increment ?? '1'),
    };
    if (node.options.start !== undefined) seq.start = node.options.start;
    const printed = node.name.schema ? `${node.name.schema}.${node.name.name}` : node.name.name;
    const oraName = o.object.replace(/^SEQUENCE /, '').toUpperCase();
    seq.owner =
      ownerByDefault(tables, printed) ??
      ownerByConfig(tables, owners.get(oraName) ?? owners.get(oraName.split('.').pop() ?? '')) ??
      ownerByName(tables, target);
    if (!seq.owner)
      findings.push(
        makeFinding('OPG-DMS-0003', { sequence: o.object }, { object: o.object, location: o.location }),
      );
    else if (seq.increment < 0)
      findings.push(
        makeFinding('OPG-DMS-0004', { sequence: o.object }, { object: o.object, location: o.location }),
      );
    out.push(seq);
  }
  return out;
}

function ownerByDefault(tables: DmsTable[], printed: string): DmsSequence['owner'] {
  for (const t of tables)
    for (const c of t.columns)
      if (c.defaultSequence === printed) return { table: t, column: c.target, how: 'default' };
  return undefined;
}

function ownerByConfig(tables: DmsTable[], spec: string | undefined): DmsSequence['owner'] {
  if (!spec) return undefined;
  const parts = spec.split('.');
  const column = parts.pop()!;
  const tableName = parts.pop()!;
  const schema = parts.pop();
  const t = tables.find(
    (x) => x.source.name.toUpperCase() === tableName && (!schema || x.source.schema.toUpperCase() === schema),
  );
  const c = t?.columns.find((x) => x.source.toUpperCase() === column);
  return t && c ? { table: t, column: c.target, how: 'config' } : undefined;
}

/** EMPLOYEES_SEQ, SEQ_EMPLOYEES, EMPLOYEES_ID_SEQ, EMPLOYEES_S → the single-column integer key of EMPLOYEES. */
function ownerByName(tables: DmsTable[], seq: DmsName): DmsSequence['owner'] {
  const n = seq.name.toLowerCase();
  const stems = [
    n.replace(/_id_seq$/, ''),
    n.replace(/_seq$/, ''),
    n.replace(/^seq_/, ''),
    n.replace(/_sq$/, ''),
    n.replace(/_s$/, ''),
  ].filter((s) => s !== n && s.length > 0);
  for (const stem of stems) {
    const t = tables.find(
      (x) => x.target.schema === seq.schema && x.target.name.toLowerCase() === stem && !x.skip,
    );
    if (t?.primaryKey.length !== 1) continue;
    const c = t.columns.find((x) => x.target === t.primaryKey[0]);
    if (c && INTEGER_TYPES.has(c.pgType) && !c.identity) return { table: t, column: c.target, how: 'name' };
  }
  return undefined;
}
