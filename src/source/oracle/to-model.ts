/**
 * Snapshot → the same Statement model the script parser produces, so a catalog snapshot goes
 * through the very conversion pipeline scripts go through (convertSources). Structure (tables,
 * columns, constraints, indexes, sequences, grants …) is built directly; the texts Oracle keeps
 * (defaults, check conditions, view queries, index expressions, partition bounds, PL/SQL from
 * ALL_SOURCE) are parsed by the Oracle grammar.
 */
import type { QualifiedName } from '../../ast/common.js';
import type {
  ColumnDef,
  Constraint,
  ConstraintState,
  CreateIndex,
  CreateTable,
  CreateView,
  GrantStmt,
  PartitionSpec,
  Statement,
} from '../../ast/ddl.js';
import type { DataType, Expr } from '../../ast/expr.js';
import type { Query } from '../../ast/query.js';
import {
  type ConvertOptions,
  type ConvertResult,
  convertSources,
  type SourceText,
} from '../../convert/index.js';
import { makeFinding } from '../../findings/make.js';
import type { Finding, SourceLocation } from '../../findings/types.js';
import { parseStatement } from '../../parser/statement.js';
import { splitScript } from '../script.js';
import {
  CODE_ORDER,
  type ColumnSnapshot,
  type ConstraintSnapshot,
  type IndexSnapshot,
  readSnapshotFile,
  type SchemaSnapshot,
  type Snapshot,
  type TableSnapshot,
  type ViewSnapshot,
} from './snapshot.js';

export interface SnapshotModelOptions {
  /** Only these owners (default: all in the snapshot). */
  schemas?: string[];
  /**
   * Names without the owner, as a script run by the owner writes them (references to other owners
   * keep theirs). Default: owner-qualified names.
   */
  omitSchema?: boolean;
  /** How locations are labelled (the snapshot file name). */
  label?: string;
  /**
   * Map bare NUMBER columns to integer / bigint when the data profile (snapshot --profile-numbers)
   * shows integers that fit. Without it, the suggestion is only a finding (OPG-ORA-0004).
   */
  narrowNumbers?: boolean;
  /**
   * Build the statements from the DBMS_METADATA text of a snapshot taken with --ddl (parsed like a
   * script) instead of the structured catalog. Schemas without DDL text use the catalog.
   */
  fromDdl?: boolean;
}

export interface SnapshotModel {
  statements: Statement[];
  /** Snapshot-level findings: missing privileges, catalog text that could not be read, data-aware suggestions. */
  findings: Finding[];
}

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Builds the statements of every (selected) schema in a deterministic order. */
export function snapshotToStatements(snapshot: Snapshot, opts: SnapshotModelOptions = {}): SnapshotModel {
  const b = new ModelBuilder(snapshot, opts);
  return b.build();
}

/** A snapshot as one conversion source (statements already built), for readSources / convertSources. */
export function snapshotSource(
  snapshot: Snapshot,
  label: string,
  opts: SnapshotModelOptions = {},
): SourceText {
  const m = snapshotToStatements(snapshot, { label, ...opts });
  return { file: label, text: '', statements: m.statements, findings: m.findings };
}

/** Reads a `*.snapshot.json` file as a conversion source. */
export function readSnapshotSource(path: string, label = path, opts: SnapshotModelOptions = {}): SourceText {
  return snapshotSource(readSnapshotFile(path), label, opts);
}

class ModelBuilder {
  readonly findings: Finding[] = [];
  private readonly label: string;

  constructor(
    private readonly snap: Snapshot,
    private readonly opts: SnapshotModelOptions,
  ) {
    this.label = opts.label ?? 'snapshot';
  }

  build(): SnapshotModel {
    for (const m of this.snap.privileges.missing)
      this.findings.push(
        makeFinding(
          'OPG-ORA-0001',
          { object: m.object, error: m.error, effect: m.effect, grant: m.grant },
          { location: { file: this.label, line: 1, column: 1 } },
        ),
      );
    const wanted = this.opts.schemas ? new Set(this.opts.schemas) : undefined;
    const schemas = this.snap.schemas.filter((s) => !wanted || wanted.has(s.name));
    const out: Statement[] = [];
    if (this.opts.fromDdl && schemas.every((s) => s.ddl?.length)) {
      for (const s of schemas) out.push(...this.ddl(s));
      return { statements: out, findings: this.findings };
    }
    out.push(...this.roles(schemas));
    for (const s of schemas) out.push(...s.sequences.map((x) => this.sequence(s, x)));
    for (const s of schemas) for (const t of s.tables) out.push(...this.table(s, t));
    for (const s of schemas) for (const i of s.indexes) out.push(...this.index(s, i));
    for (const s of schemas) for (const v of s.views) out.push(...this.view(s, v));
    for (const s of schemas) for (const mv of s.materializedViews) out.push(...this.mview(s, mv));
    for (const s of schemas) out.push(...s.synonyms.map((x) => this.synonym(s, x)));
    for (const s of schemas) out.push(...this.comments(s));
    for (const s of schemas) out.push(...this.grants(s));
    for (const s of schemas)
      for (const type of CODE_ORDER)
        for (const u of s.code.filter((c) => c.type === type)) out.push(...this.code(s, u));
    return { statements: out, findings: this.findings };
  }

  // ── names and locations ────────────────────────────────────────────────────────────────────────

  private name(owner: string, name: string, from?: string): QualifiedName {
    return this.opts.omitSchema && (from === undefined || from === owner)
      ? { name }
      : { schema: owner, name };
  }

  private loc(owner: string, name: string): SourceLocation {
    return { file: `${this.label}#${owner}.${name}`, line: 1, column: 1 };
  }

  private ref(owner: string, name: string): string {
    return `${owner}.${name}`;
  }

  /** Parses a wrapper statement around catalog text; a failure becomes OPG-ORA-0002 on `object`. */
  private parse(text: string, where: SourceLocation, object: string, what: string): Statement | undefined {
    const r = parseStatement(text, where);
    if (!r.statement || r.statement.kind === 'unsupported') {
      const detail = r.findings[0]?.message ?? 'not understood';
      this.findings.push(makeFinding('OPG-ORA-0002', { object, what, detail }, { object, location: where }));
      return undefined;
    }
    this.findings.push(...r.findings);
    return r.statement;
  }

  private expr(text: string, where: SourceLocation, object: string, what: string): Expr | undefined {
    const s = this.parse(`SELECT ${text}\nFROM DUAL`, where, object, what);
    return s?.kind === 'select' && s.query.kind === 'select' ? s.query.items[0]?.expr : undefined;
  }

  private condition(text: string, where: SourceLocation, object: string, what: string): Expr | undefined {
    const s = this.parse(`SELECT 1 FROM DUAL WHERE ${text}`, where, object, what);
    return s?.kind === 'select' && s.query.kind === 'select' ? s.query.where : undefined;
  }

  // ── objects ────────────────────────────────────────────────────────────────────────────────────

  private roles(schemas: SchemaSnapshot[]): Statement[] {
    const granted = new Set(schemas.flatMap((s) => s.grants.map((g) => g.grantee)));
    const roles = this.snap.roles.filter(
      (r) => granted.has(r.name) || this.snap.roles.some((o) => o.grantedRoles.includes(r.name)),
    );
    const out: Statement[] = roles.map((r) => ({ kind: 'create-role' as const, name: r.name }));
    for (const r of roles)
      for (const g of r.grantedRoles)
        out.push({ kind: 'grant', privileges: [{ name: g }], grantees: [r.name], withGrantOption: false });
    return out;
  }

  private sequence(s: SchemaSnapshot, x: SchemaSnapshot['sequences'][number]): Statement {
    const ascending = !x.increment.startsWith('-');
    const defMin = ascending ? '1' : '-999999999999999999999999999';
    const defMax = ascending ? '9999999999999999999999999999' : '-1';
    return {
      kind: 'create-sequence',
      name: this.name(s.name, x.name),
      loc: this.loc(s.name, x.name),
      options: {
        start: x.lastNumber,
        increment: x.increment,
        ...(x.minValue !== defMin ? { minValue: x.minValue } : {}),
        ...(x.maxValue !== defMax ? { maxValue: x.maxValue } : {}),
        ...(x.cycle ? { cycle: true } : {}),
        ...(x.cache > 1 ? { cache: x.cache } : {}),
        ...(x.order ? { order: true } : {}),
        ignored: [],
      },
    };
  }

  private table(s: SchemaSnapshot, t: TableSnapshot): Statement[] {
    const object = `TABLE ${this.ref(s.name, t.name)}`;
    const where = this.loc(s.name, t.name);
    if (t.nested) {
      this.findings.push(
        makeFinding('OPG-ORA-0003', { object, kind: 'nested table storage' }, { object, location: where }),
      );
      return [];
    }
    const namedNotNull = new Map<string, ConstraintSnapshot>();
    const constraints: Constraint[] = [];
    for (const c of t.constraints) {
      const nn = notNullColumn(c);
      if (nn) {
        if (!c.generatedName || !c.enabled) namedNotNull.set(nn, c);
        continue;
      }
      const k = this.constraint(s, t, c, where, object);
      if (k) constraints.push(k);
    }
    const columns = t.columns.map((c) => this.column(s, t, c, namedNotNull.get(c.name), where));
    const stmt: CreateTable = {
      kind: 'create-table',
      name: this.name(s.name, t.name),
      columns,
      constraints,
      dropped: droppedClauses(t),
      loc: where,
    };
    if (t.temporary)
      stmt.temporary = { global: true, onCommit: t.temporary === 'SESSION' ? 'PRESERVE' : 'DELETE' };
    if (t.iot) stmt.organization = 'INDEX';
    if (t.external) {
      stmt.organization = 'EXTERNAL';
      this.findings.push(
        makeFinding('OPG-ORA-0003', { object, kind: 'external table' }, { object, location: where }),
      );
    }
    if (t.partitioning) stmt.partition = this.partitioning(t, where, object);
    return [stmt];
  }

  private column(
    s: SchemaSnapshot,
    t: TableSnapshot,
    c: ColumnSnapshot,
    namedNotNull: ConstraintSnapshot | undefined,
    where: SourceLocation,
  ): ColumnDef {
    const object = `TABLE ${this.ref(s.name, t.name)}`;
    const col: ColumnDef = { name: c.name, type: catalogType(c), constraints: [] };
    const fit = integerFit(c);
    if (fit) {
      this.findings.push(
        makeFinding(
          'OPG-ORA-0004',
          {
            table: this.ref(s.name, t.name),
            column: c.name,
            low: c.stats!.low!,
            high: c.stats!.high!,
            target: fit,
          },
          { object, location: where },
        ),
      );
      if (this.opts.narrowNumbers)
        col.type = { kind: 'datatype', name: 'NUMBER', args: [fit === 'integer' ? 9 : 18] };
    }
    if (c.virtual && c.default) {
      const e = this.expr(c.default, where, object, `virtual column ${c.name}`);
      if (e) col.virtual = e;
    } else if (c.default && !/^null$/i.test(c.default.trim())) {
      const e = this.expr(c.default, where, object, `DEFAULT of ${c.name}`);
      if (e) col.default = e;
      if (c.defaultOnNull) col.defaultOnNull = true;
    }
    if (c.identity) {
      const i = c.identity;
      col.identity = {
        always: i.generation === 'ALWAYS',
        onNull: !!i.onNull,
        options: {
          ...(i.start !== undefined ? { start: i.start } : {}),
          ...(i.increment !== undefined ? { increment: i.increment } : {}),
          ...(i.cycle ? { cycle: true } : {}),
          ...(i.cache !== undefined && i.cache > 1 ? { cache: i.cache } : {}),
          ...(i.order ? { order: true } : {}),
          ignored: [],
        },
      };
    }
    if (c.invisible) col.invisible = true;
    if (namedNotNull) {
      col.constraints.push({
        kind: 'not-null',
        ...(namedNotNull.generatedName ? {} : { name: namedNotNull.name }),
        columns: [c.name],
        state: state(namedNotNull),
      });
    } else if (!c.nullable && !c.identity) {
      col.constraints.push({ kind: 'not-null', columns: [c.name], state: { enabled: true, validate: true } });
    }
    return col;
  }

  private constraint(
    s: SchemaSnapshot,
    t: TableSnapshot,
    c: ConstraintSnapshot,
    where: SourceLocation,
    object: string,
  ): Constraint | undefined {
    const base = { ...(c.generatedName ? {} : { name: c.name }), columns: c.columns, state: state(c) };
    switch (c.type) {
      case 'P':
        return { kind: 'primary-key', ...base };
      case 'U':
        return { kind: 'unique', ...base };
      case 'R': {
        if (!c.references) return undefined;
        const r = c.references;
        return {
          kind: 'foreign-key',
          ...base,
          references: {
            table: this.name(r.owner, r.table, s.name),
            columns: r.columns,
            ...(c.deleteRule === 'CASCADE' || c.deleteRule === 'SET NULL' ? { onDelete: c.deleteRule } : {}),
          },
        };
      }
      case 'C': {
        if (!c.searchCondition) return undefined;
        const check = this.condition(c.searchCondition, where, object, `CHECK ${c.name}`);
        return check ? { kind: 'check', ...base, columns: [], check } : undefined;
      }
      default:
        void t;
        return undefined;
    }
  }

  /** Re-parses the partition clause from the catalog's bounds: the same tree a script gives. */
  private partitioning(t: TableSnapshot, where: SourceLocation, object: string): PartitionSpec | undefined {
    const p = t.partitioning!;
    const keys = p.columns.map(q).join(', ');
    const declared = p.partitions.filter((x) => !x.interval);
    const systemNames = declared.length > 0 && declared.every((x) => /^SYS_P\d+$/.test(x.name));
    let clause = `PARTITION BY ${p.type} (${keys})`;
    if (p.interval) clause += ` INTERVAL (${p.interval})`;
    if (p.subpartitioning)
      clause += ` SUBPARTITION BY ${p.subpartitioning.type} (${p.subpartitioning.columns.map(q).join(', ')})${
        p.subpartitioning.type === 'HASH' && p.subpartitioning.count
          ? ` SUBPARTITIONS ${p.subpartitioning.count}`
          : ''
      }`;
    if (p.type === 'HASH' && systemNames) clause += ` PARTITIONS ${declared.length}`;
    else if (p.type === 'RANGE' || p.type === 'LIST') {
      const parts = declared.map((x) => {
        const bound =
          p.type === 'RANGE'
            ? `VALUES LESS THAN (${x.highValue ?? 'MAXVALUE'})`
            : `VALUES (${x.highValue ?? 'DEFAULT'})`;
        return `PARTITION ${q(x.name)} ${bound}`;
      });
      clause += ` (${parts.join(', ')})`;
    } else if (p.type === 'HASH') clause += ` (${declared.map((x) => `PARTITION ${q(x.name)}`).join(', ')})`;
    else {
      this.findings.push(
        makeFinding('OPG-ORA-0003', { object, kind: `${p.type} partitioning` }, { object, location: where }),
      );
      return undefined;
    }
    const cols = p.columns.map((c) => `${q(c)} NUMBER`).join(', ');
    const s = this.parse(`CREATE TABLE "T" (${cols}) ${clause}`, where, object, 'partitioning');
    if (s?.kind !== 'create-table' || !s.partition) return undefined;
    const spec = s.partition;
    for (const part of spec.partitions) if (part.lessThan) part.lessThan = part.lessThan.map(canonicalBound);
    return spec;
  }

  private index(s: SchemaSnapshot, i: IndexSnapshot): Statement[] {
    const object = `INDEX ${this.ref(s.name, i.name)}`;
    const where = this.loc(s.name, i.name);
    if (i.type === 'IOT - TOP' || i.type === 'LOB') return [];
    const table = this.snap.schemas
      .find((x) => x.name === i.tableOwner)
      ?.tables.find((x) => x.name === i.table);
    const backs = table?.constraints.find(
      (c) =>
        (c.type === 'P' || c.type === 'U') && c.indexName === i.name && (c.name === i.name || i.generated),
    );
    if (backs) return [];
    if (i.type.startsWith('DOMAIN') || i.type === 'CLUSTER') {
      this.findings.push(
        makeFinding('OPG-ORA-0003', { object, kind: `${i.type} index` }, { object, location: where }),
      );
      return [];
    }
    const columns: CreateIndex['columns'] = [];
    for (const c of i.columns) {
      const expr: Expr | undefined = c.expression
        ? this.expr(c.expression, where, object, `expression of ${i.name}`)
        : { kind: 'column', parts: [c.name] };
      if (!expr) return [];
      columns.push({ expr, ...(c.descending ? { desc: true } : {}) });
    }
    const dropped: string[] = [];
    if (i.compression) dropped.push('COMPRESS');
    if (i.degree) dropped.push('PARALLEL');
    if (i.logging === false) dropped.push('NOLOGGING');
    const stmt: CreateIndex = {
      kind: 'create-index',
      name: this.name(s.name, i.name),
      table: this.name(i.tableOwner, i.table, s.name),
      unique: i.unique,
      bitmap: i.type.includes('BITMAP'),
      columns,
      dropped,
      loc: where,
    };
    if (i.type.endsWith('/REV')) stmt.reverse = true;
    if (i.locality === 'LOCAL') stmt.local = true;
    return [stmt];
  }

  private view(s: SchemaSnapshot, v: ViewSnapshot): Statement[] {
    const object = `VIEW ${this.ref(s.name, v.name)}`;
    const where = { ...this.loc(s.name, v.name), line: 0 };
    const st = this.parse(`CREATE OR REPLACE VIEW ${q(v.name)} AS\n${v.text}`, where, object, 'view query');
    if (st?.kind !== 'create-view') return [];
    const view: CreateView = {
      ...st,
      name: this.name(s.name, v.name),
      loc: { ...where, line: 1 },
      orReplace: true,
      force: false,
    };
    if (!this.opts.omitSchema) qualifyTables(view.query, s.name, ownedNames(s));
    const derived = selectNames(view.query);
    if (derived !== 'star' && (derived === undefined || derived.join(',') !== v.columns.join(',')))
      view.columns = v.columns;
    else delete view.columns;
    if (v.readOnly) view.readOnly = true;
    if (v.checkOption) view.checkOption = true;
    return [view];
  }

  private mview(s: SchemaSnapshot, mv: SchemaSnapshot['materializedViews'][number]): Statement[] {
    const object = `MATERIALIZED VIEW ${this.ref(s.name, mv.name)}`;
    const where = { ...this.loc(s.name, mv.name), line: 0 };
    const st = this.parse(`CREATE MATERIALIZED VIEW ${q(mv.name)} AS\n${mv.query}`, where, object, 'query');
    if (st?.kind !== 'create-view') return [];
    if (!this.opts.omitSchema) qualifyTables(st.query, s.name, ownedNames(s));
    return [{ ...st, name: this.name(s.name, mv.name), loc: { ...where, line: 1 } }];
  }

  private synonym(s: SchemaSnapshot, x: SchemaSnapshot['synonyms'][number]): Statement {
    const target: QualifiedName = x.targetOwner
      ? this.name(x.targetOwner, x.target, s.name)
      : { name: x.target };
    if (x.dbLink) target.dblink = x.dbLink;
    if (x.public && x.targetOwner) target.schema = x.targetOwner;
    return {
      kind: 'create-synonym',
      name: x.public ? { name: x.name } : this.name(s.name, x.name),
      public: x.public,
      target,
      loc: this.loc(x.public ? 'PUBLIC' : s.name, x.name),
    };
  }

  private comments(s: SchemaSnapshot): Statement[] {
    const out: Statement[] = [];
    const add = (on: string, text: string | undefined, column?: string) => {
      if (text === undefined) return;
      out.push({
        kind: 'comment',
        target: column ? 'COLUMN' : 'TABLE',
        table: this.name(s.name, on),
        ...(column ? { column } : {}),
        text,
        loc: this.loc(s.name, on),
      });
    };
    for (const t of s.tables) {
      add(t.name, t.comment);
      for (const c of t.columns) add(t.name, c.comment, c.name);
    }
    for (const v of s.views) {
      add(v.name, v.comment);
      for (const [c, text] of Object.entries(v.columnComments ?? {})) add(v.name, text, c);
    }
    return out;
  }

  private grants(s: SchemaSnapshot): GrantStmt[] {
    const groups = new Map<string, GrantStmt>();
    for (const g of s.grants) {
      const key = `${g.object}\u0000${g.grantee}\u0000${g.grantable}`;
      let stmt = groups.get(key);
      if (!stmt) {
        stmt = {
          kind: 'grant',
          privileges: [],
          on: this.name(s.name, g.object),
          grantees: [g.grantee],
          withGrantOption: g.grantable,
          loc: this.loc(s.name, g.object),
        };
        groups.set(key, stmt);
      }
      stmt.privileges.push({ name: g.privilege, ...(g.columns ? { columns: g.columns } : {}) });
    }
    for (const stmt of groups.values())
      stmt.privileges.sort(
        (a, b) => privRank(a) - privRank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
      );
    return [...groups.values()];
  }

  /** DBMS_METADATA text, in dependency-friendly order, through the SQL*Plus splitter and the parser. */
  private ddl(s: SchemaSnapshot): Statement[] {
    const order = ['SEQUENCE', 'TABLE', 'INDEX', 'VIEW', 'MATERIALIZED VIEW', 'SYNONYM', ...CODE_ORDER];
    const rank = (t: string) => (order.indexOf(t) < 0 ? order.length : order.indexOf(t));
    const out: Statement[] = [];
    for (const d of [...(s.ddl ?? [])].sort((a, b) => rank(a.type) - rank(b.type))) {
      const file = `${this.label}#${s.name}.${d.name}`;
      const split = splitScript(d.text, file, { followIncludes: false });
      this.findings.push(...split.findings);
      for (const item of split.items) {
        if (item.kind !== 'statement') continue;
        const r = parseStatement(item.text, item.location);
        this.findings.push(...r.findings);
        if (r.statement) out.push(r.statement);
      }
    }
    return out;
  }

  private code(s: SchemaSnapshot, u: SchemaSnapshot['code'][number]): Statement[] {
    const where = this.loc(s.name, u.name);
    const text = `CREATE OR REPLACE ${this.opts.omitSchema ? u.text : qualifyUnit(u.text, u.type, s.name)}`;
    const r = parseStatement(text, where);
    this.findings.push(...r.findings);
    return r.statement ? [r.statement] : [];
  }
}

// ── helpers ──────────────────────────────────────────────────────────────────────────────────────

/** integer / bigint when the profile shows only integers within that type's range. */
function integerFit(c: ColumnSnapshot): 'integer' | 'bigint' | undefined {
  const st = c.stats;
  if (c.dataType !== 'NUMBER' || c.precision !== null || c.scale !== null || !st || st.maxScale !== 0)
    return undefined;
  if (st.low === undefined || st.high === undefined) return undefined;
  let lo: bigint;
  let hi: bigint;
  try {
    lo = BigInt(st.low);
    hi = BigInt(st.high);
  } catch {
    return undefined;
  }
  if (lo >= -2147483648n && hi <= 2147483647n) return 'integer';
  if (lo >= -9223372036854775808n && hi <= 9223372036854775807n) return 'bigint';
  return undefined;
}

/** The column of a NOT NULL check (`"COL" IS NOT NULL`), or undefined. */
function notNullColumn(c: ConstraintSnapshot): string | undefined {
  if (c.type !== 'C' || c.columns.length !== 1 || !c.searchCondition) return undefined;
  const m = /^"((?:[^"]|"")+)"\s+IS\s+NOT\s+NULL$/i.exec(c.searchCondition.trim());
  return m && m[1].replace(/""/g, '"') === c.columns[0] ? c.columns[0] : undefined;
}

function state(c: ConstraintSnapshot): ConstraintState {
  const s: ConstraintState = { enabled: c.enabled, validate: c.validated };
  if (c.deferrable) s.deferrable = true;
  if (c.deferred) s.initiallyDeferred = true;
  if (c.rely) s.rely = true;
  return s;
}

function droppedClauses(t: TableSnapshot): string[] {
  const out: string[] = [];
  if (t.physical?.compression) out.push('COMPRESS');
  if (t.physical?.logging === false) out.push('NOLOGGING');
  if (t.physical?.degree) out.push('PARALLEL');
  if (t.physical?.rowMovement) out.push('ROW', 'MOVEMENT');
  return out;
}

const PRIVILEGE_ORDER = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'REFERENCES', 'ALTER', 'INDEX', 'EXECUTE'];

function privRank(p: { name: string }): number {
  const i = PRIVILEGE_ORDER.indexOf(p.name);
  return i < 0 ? PRIVILEGE_ORDER.length : i;
}

/** ALL_SOURCE text starts with the unit keyword and its (unqualified) name; qualify it with the owner. */
function qualifyUnit(text: string, type: string, owner: string): string {
  const words = type.split(' ');
  let i = 0;
  for (const w of words) {
    const m = new RegExp(`^\\s*${w}\\b`, 'i').exec(text.slice(i));
    if (!m) return text;
    i += m[0].length;
  }
  const rest = text.slice(i);
  const m = /^(\s+)("(?:[^"]|"")+"|[A-Za-z][\w$#]*)(\s*\.\s*)?/.exec(rest);
  if (!m || m[3]) return text; // already qualified
  return `${text.slice(0, i)}${m[1]}${q(owner)}.${m[2]}${rest.slice(m[0].length)}`;
}

/** Catalog column type (DATA_TYPE, lengths, precision, scale) → the DataType a script would give. */
export function catalogType(c: ColumnSnapshot): DataType {
  const t = (name: string, args: DataType['args'] = []): DataType => ({ kind: 'datatype', name, args });
  if (c.dataTypeOwner && !['SYS', 'PUBLIC'].includes(c.dataTypeOwner))
    return { kind: 'datatype', name: c.dataType, schema: c.dataTypeOwner, args: [] };
  const dt = c.dataType;
  const ts = /^TIMESTAMP\((\d+)\)( WITH (LOCAL )?TIME ZONE)?$/.exec(dt);
  if (ts) {
    const r = t('TIMESTAMP', [Number(ts[1])]);
    if (ts[2]) r.timeZone = ts[3] ? 'LTZ' : 'TZ';
    return r;
  }
  const ym = /^INTERVAL YEAR\((\d+)\) TO MONTH$/.exec(dt);
  if (ym) return { ...t('INTERVAL'), interval: { from: 'YEAR', fromPrecision: Number(ym[1]), to: 'MONTH' } };
  const ds = /^INTERVAL DAY\((\d+)\) TO SECOND\((\d+)\)$/.exec(dt);
  if (ds)
    return {
      ...t('INTERVAL'),
      interval: { from: 'DAY', fromPrecision: Number(ds[1]), to: 'SECOND', toPrecision: Number(ds[2]) },
    };
  switch (dt) {
    case 'NUMBER':
      if (c.precision === null) return c.scale === null ? t('NUMBER') : t('NUMBER', ['*', c.scale]);
      return t('NUMBER', c.scale ? [c.precision, c.scale] : [c.precision]);
    case 'FLOAT':
      return t('FLOAT', c.precision === null ? [] : [c.precision]);
    case 'VARCHAR2':
    case 'CHAR': {
      const chars = c.charUsed === 'C';
      const r = t(dt, [chars ? (c.charLength ?? c.length) : c.length]);
      if (c.charUsed) r.semantics = chars ? 'CHAR' : 'BYTE';
      return r;
    }
    case 'NVARCHAR2':
    case 'NCHAR':
      return t(dt, [c.charLength ?? c.length / 2]);
    case 'RAW':
    case 'UROWID':
      return t(dt, [c.length]);
    default:
      return t(dt);
  }
}

/** Oracle's canonical date bound TO_DATE(' 2024-01-01 00:00:00', 'SYYYY-MM-DD HH24:MI:SS', …) → DATE '2024-01-01'. */
function canonicalBound(e: Expr): Expr {
  if (e.kind === 'typed-literal') return { ...e, value: e.value.trim() };
  if (e.kind !== 'call' || e.name.join('.') !== 'TO_DATE' || e.args.length < 2) return e;
  const [v, f] = e.args.map((a) => a.value);
  if (v.kind !== 'literal' || f.kind !== 'literal' || f.value !== 'SYYYY-MM-DD HH24:MI:SS') return e;
  const m = /^\s*(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(v.value);
  if (!m) return e;
  return m[2] === '00:00:00'
    ? { kind: 'typed-literal', type: 'DATE', value: m[1] }
    : { kind: 'typed-literal', type: 'TIMESTAMP', value: `${m[1]} ${m[2]}` };
}

function ownedNames(s: SchemaSnapshot): Set<string> {
  return new Set([
    ...s.tables.map((t) => t.name),
    ...s.views.map((v) => v.name),
    ...s.materializedViews.map((v) => v.name),
    ...s.synonyms.filter((x) => !x.public).map((x) => x.name),
  ]);
}

/**
 * Oracle resolves an unqualified name in a view against the view owner's schema first; PostgreSQL
 * would use search_path. Names of the owner's objects get the owner written out (WITH names excepted).
 */
function qualifyTables(query: Query, owner: string, owned: Set<string>): void {
  const ctes = new Set<string>();
  const collect = (x: unknown) => {
    if (!x || typeof x !== 'object') return;
    const o = x as { ctes?: { name: string }[] };
    if (Array.isArray(o.ctes)) for (const c of o.ctes) ctes.add(c.name);
    for (const v of Object.values(x)) collect(v);
  };
  collect(query);
  const walk = (x: unknown) => {
    if (!x || typeof x !== 'object') return;
    const o = x as { kind?: string; name?: QualifiedName };
    if (o.kind === 'table' && o.name && typeof o.name === 'object' && !o.name.schema && !o.name.dblink) {
      if (owned.has(o.name.name) && !ctes.has(o.name.name)) o.name = { schema: owner, name: o.name.name };
    }
    for (const v of Object.values(x)) walk(v);
  };
  walk(query);
}

/** Output column names of a query, 'star' when it selects *, undefined when one is not a plain name. */
function selectNames(query: Query): string[] | 'star' | undefined {
  const first: Query = query.kind === 'set' ? leftmost(query) : query;
  if (first.kind !== 'select') return undefined;
  const names: string[] = [];
  for (const item of first.items) {
    if (item.expr.kind === 'star') return 'star';
    if (item.alias) names.push(item.alias);
    else if (item.expr.kind === 'column') names.push(item.expr.parts[item.expr.parts.length - 1]);
    else return undefined;
  }
  return names;
}

function leftmost(q0: Query): Query {
  let x = q0;
  while (x.kind === 'set') x = x.left;
  return x;
}

/** Converts a snapshot with the same pipeline as scripts (owner-qualified names unless omitSchema). */
export function convertSnapshot(
  snapshot: Snapshot,
  options: ConvertOptions = {},
  modelOptions: SnapshotModelOptions = {},
): ConvertResult {
  return convertSources([snapshotSource(snapshot, modelOptions.label ?? 'snapshot', modelOptions)], options);
}
