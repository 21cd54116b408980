/** Shared state of one conversion run: options, naming, the Oracle model's lookups. */
import { collectionElement } from './plsql/context.js';
import { attributes, objectTypeOf } from './plsql/objects.js';
import type { OraName, QualifiedName } from '../ast/common.js';
import type { CreateTable, CreateView } from '../ast/ddl.js';
import type { DataType } from '../ast/expr.js';
import type { Subprogram } from '../ast/plsql.js';
import type { PgName } from '../ast/pg.js';
import { pgNameOf, quoteIdent, shortenIdent } from '../emit/quote.js';
import { makeFinding } from '../findings/make.js';
import { unhandledNoDataFound } from './plsql/ndf-in-sql.js';
import type { Finding, SourceLocation } from '../findings/types.js';
import { type ExprContext, notConverted, type RelationShape, report } from '../rules/builders.js';
import { sqlBuiltinCall } from './plsql/builtins.js';
import { inferType } from '../rules/infer.js';
import { memberFunctionName } from './plsql/objects.js';
import type { PackageInfo } from './plsql/packages.js';
import type { ScriptBind } from './script-binds.js';

export interface ConvertOptions {
  /** Oracle schema → PostgreSQL schema (keys are Oracle names, case-insensitive). */
  schemaMap?: Record<string, string>;
  /** SQL*Plus substitution variables. */
  defines?: Record<string, string>;
  /** Map INTEGER / NUMBER(p>=19) to bigint (with a finding). */
  narrowIntegers?: boolean;
  /**
   * Oracle version the PL/SQL ran on ("19", "19.0", "12.2" …; default 19.0): selects the branches
   * of conditional compilation ($IF DBMS_DB_VERSION.VERSION >= 12 $THEN …).
   */
  oracleVersion?: string;
  /** PLSQL_CCFLAGS values for conditional compilation ($$flag): name → TRUE/FALSE/number/text. */
  ccflags?: Record<string, string | number | boolean>;
}

export class ConvertContext {
  readonly tables = new Map<string, CreateTable>();
  readonly views = new Map<string, CreateView>();
  readonly sequences = new Set<string>();
  readonly roles = new Set<string>();
  readonly schemas = new Set<string>();
  /** PL/SQL packages of the sources (spec and body), by Oracle name. */
  readonly packages = new Map<string, PackageInfo>();
  /** Private and public synonyms of the sources (no database link), by synonym name: their targets. */
  readonly synonyms = new Map<string, QualifiedName>();
  /** Standalone procedures and functions of the sources that were parsed (keys as for tables). */
  readonly routines = new Map<string, QualifiedName>();
  /** Return types of the standalone functions of the sources, by name. */
  readonly routineReturnTypes = new Map<string, DataType>();
  /** Declarations of the standalone procedures and functions, by name (parameter types for calls). */
  readonly routineUnits = new Map<string, Subprogram>();
  /** PIPELINED functions (NAME and PKG.NAME): TABLE(f(…)) reads their rows directly. */
  readonly pipelined = new Set<string>();
  /** Methods of object type bodies: TYPE → method names (constructors as the type's own name). */
  readonly objectMethods = new Map<string, Set<string>>();
  /** Attributes of the object types converted so far (supertypes of UNDER types), by key. */
  readonly objectTypes = new Map<string, { name: OraName; type: DataType }[]>();
  /** PostgreSQL tables of the partitions and subpartitions: '<table key>/<PARTITION NAME>' → name. */
  readonly partitionTables = new Map<string, { schema?: string; name: string }>();
  /** Helper types the converted objects need (rules/types.ts SUPPORT_TYPES), created once before them. */
  readonly supportTypes = new Set<string>();
  /** Counter for package exception SQLSTATEs. */
  exceptionSeq = 0;
  /** Oracle keys of relations that were not created on PostgreSQL (commented out). */
  readonly notCreated = new Set<string>();
  /** SQL*Plus bind variables declared so far by the translated script (VARIABLE), by upper-case name. */
  readonly scriptBinds = new Map<string, ScriptBind>();
  /** Relation names claimed per PostgreSQL schema ('' = unqualified). */
  private readonly relations = new Map<string, Set<string>>();
  private readonly schemaMap: Map<string, string>;

  constructor(readonly options: ConvertOptions) {
    this.schemaMap = new Map(Object.entries(options.schemaMap ?? {}).map(([k, v]) => [k.toUpperCase(), v]));
  }

  static key(q: QualifiedName): string {
    return `${q.schema ?? ''}.${q.name}`;
  }

  mapSchema = (schema: OraName): string => {
    const mapped = this.schemaMap.get(schema.toUpperCase()) ?? pgNameOf(schema);
    // pg_temp (the routines nested in anonymous blocks) is the session's own, never created.
    if (mapped !== 'pg_temp') this.schemas.add(mapped);
    return mapped;
  };

  /** PostgreSQL identifier for an Oracle name, shortened to 63 bytes with a finding. */
  ident(name: OraName, findings: Finding[], where: { object?: string; location?: SourceLocation }): string {
    const pgName = pgNameOf(name);
    const short = shortenIdent(pgName);
    if (short !== pgName) findings.push(makeFinding('OPG-NAME-0001', { name: pgName, short }, where));
    return short;
  }

  pgName(
    q: QualifiedName,
    findings: Finding[],
    where: { object?: string; location?: SourceLocation },
  ): PgName {
    const name = this.ident(q.name, findings, where);
    return q.schema ? { schema: this.mapSchema(q.schema), name } : { name };
  }

  /**
   * Claims a relation name (table, view, sequence, index) in a schema; renames on collision.
   * `owner` (the PostgreSQL name of a table, for its indexes) lets releaseRelation free the name
   * with its table.
   */
  claimRelation(
    schema: string | undefined,
    name: string,
    kind: string,
    findings: Finding[],
    where: { object?: string; location?: SourceLocation },
    owner?: string,
  ): string {
    const key = schema ?? '';
    let set = this.relations.get(key);
    if (!set) {
      set = new Set();
      this.relations.set(key, set);
    }
    const claimed = (n: string) => {
      set.add(n);
      if (owner !== undefined) {
        const k = `${key}.${owner}`;
        this.ownedRelations.set(k, [...(this.ownedRelations.get(k) ?? []), n]);
      }
      return n;
    };
    if (!set.has(name)) return claimed(name);
    let i = 1;
    let candidate = name;
    while (set.has(candidate)) candidate = shortenIdent(`${name}_${i++}`);
    claimed(candidate);
    findings.push(
      makeFinding('OPG-NAME-0002', { kind, name, schema: schema ?? '(default)', renamed: candidate }, where),
    );
    return candidate;
  }

  /** Index names claimed per table (schema.table): dropped with the table. */
  private readonly ownedRelations = new Map<string, string[]>();

  /**
   * A relation dropped by a script run in order (translate: DROP TABLE / VIEW / SEQUENCE / INDEX):
   * the object leaves the model and its PostgreSQL name (with its table's index names) is free
   * again, so a CREATE of the same name after the DROP keeps the name, as in Oracle.
   */
  dropRelation(q: QualifiedName, kind: 'table' | 'view' | 'sequence' | 'index'): void {
    const k = ConvertContext.key(q);
    if (kind === 'table') this.tables.delete(k);
    if (kind === 'view') this.views.delete(k);
    if (kind === 'sequence') this.sequences.delete(k);
    const pg = this.pgName(q, [], {});
    const schema = pg.schema ?? '';
    const set = this.relations.get(schema);
    set?.delete(pg.name);
    const owned = `${schema}.${pg.name}`;
    for (const n of this.ownedRelations.get(owned) ?? []) set?.delete(n);
    this.ownedRelations.delete(owned);
  }

  exprContext(
    findings: Finding[],
    where: { object?: string; location?: SourceLocation },
    table?: CreateTable,
  ): ExprContext {
    const ctx: ExprContext = {
      findings,
      object: where.object,
      location: where.location,
      mapSchema: this.mapSchema,
      tableColumns: (q) => this.findTable(q, table?.name)?.columns.map((c) => c.name),
      tableKeys: (q) => {
        const t = this.findTable(q, table?.name);
        if (!t) return undefined;
        const unique = (k: string) => k === 'primary-key' || k === 'unique';
        return [
          ...t.constraints.filter((c) => unique(c.kind)).map((c) => c.columns),
          ...t.columns.flatMap((col) => col.constraints.filter((c) => unique(c.kind)).map(() => [col.name])),
        ];
      },
      isPipelined: (name) => this.pipelined.has(name.join('.')) || this.pipelined.has(name[name.length - 1]),
      builtinPackageCall: (e) => {
        const parts = e.kind === 'call' ? e.name : e.kind === 'column' ? e.parts : [];
        // a package of the sources named like Oracle's (UTL_CONFIG) is not Oracle's
        if (this.packages.has(parts[0] === 'SYS' ? parts[1] : parts[0])) return undefined;
        return sqlBuiltinCall(e, {
          report: (id, args) => report(ctx, id, args),
          fail: (detail) => notConverted(ctx, detail),
          typeClass: (x) => inferType(x, ctx).cls,
        });
      },
      sqlFunctionCall: (name) => {
        // NO_DATA_FOUND escaping a function of the sources: NULL for the call in Oracle's SQL.
        const pkg = name.length === 2 ? this.packages.get(name[0]) : undefined;
        const unit = name.length === 1 ? this.routineUnits.get(name[0]) : pkg?.subprograms.get(name[1]);
        const what = unit && unhandledNoDataFound(unit);
        if (!what) return;
        const label = name.join('.');
        const detail = `${where.object ?? 'this statement'} calls ${label} inside a SQL statement; ${label} lets NO_DATA_FOUND escape (${what}): called from SQL, Oracle gives NULL for the call and the statement goes on, PostgreSQL raises no_data_found`;
        if (!findings.some((f) => f.id === 'OPG-PLSQL-0074' && f.message === detail))
          findings.push(makeFinding('OPG-PLSQL-0074', { detail }, { object: where.object, location: where.location }));
      },
      memberFunction: (t, name, argc) => memberFunctionName(this, t, name, argc),
      objectConstructor: (name) => {
        // TYPE(a, b) of an object type of the sources: its user-defined constructor, else the
        // attribute constructor ROW(a, b)::type (as PL/SQL converts it).
        const t = name[name.length - 1];
        const q = objectTypeOf(this, { kind: 'datatype', name: t, args: [], ...(name.length === 2 ? { schema: name[0] } : {}) });
        if (!q || this.routines.has(t)) return undefined;
        if (this.objectMethods.get(t)?.has(t)) return { fn: `${t}_${t}` };
        return { type: quoteIdent(pgNameOf(t)), attributes: attributes(this, q) };
      },
      useSupport: (name) => this.supportTypes.add(name),
      isObjectType: (t) => !!objectTypeOf(this, t),
      routineSynonym: (name) => {
        const t = this.synonyms.get(name);
        return t && !this.routines.has(name) && this.routines.has(t.name) ? t : undefined;
      },
      sequenceSynonym: (name) => {
        const t = this.synonyms.get(name);
        return t && this.sequences.has(ConvertContext.key(t)) ? t : undefined;
      },
      relation: (q) => this.relationShape(q, table?.name),
      partitionTable: (q, partition) => {
        const t = this.findTable(q, table?.name);
        return t ? this.partitionTables.get(`${ConvertContext.key(t.name)}/${partition}`) : undefined;
      },
      collectionElement: (t) => collectionElement(this, t),
      packageSchemas: () => [...this.packages.keys()].map((k) => this.schemaMap.get(k.toUpperCase()) ?? pgNameOf(k)).sort(),
      schemaNames: () => [...this.schemaMap].map(([ora, pg]): [string, string] => [pg, ora]).sort(),
    };
    if (table) {
      const types = new Map<string, DataType | undefined>(table.columns.map((c) => [c.name, c.type]));
      ctx.columnType = (n) => types.get(n);
    }
    return ctx;
  }

  /** A table or view of the model as the expression type inference sees it. */
  relationShape(q: QualifiedName, near?: QualifiedName): RelationShape | undefined {
    const t = this.findTable(q, near);
    if (t)
      return {
        kind: 'table',
        columns: t.columns.map((c) => ({
          name: c.name,
          type: c.type,
          notNull: c.constraints.some((k) => k.kind === 'not-null' || k.kind === 'primary-key'),
        })),
      };
    const v =
      this.views.get(ConvertContext.key(q)) ??
      (q.schema ? undefined : this.views.get(ConvertContext.key({ schema: near?.schema, name: q.name })));
    return v ? { kind: 'view', columns: v.columns, query: v.query } : undefined;
  }

  /** PostgreSQL column names per table (Oracle name → PostgreSQL name), collisions renamed. */
  private readonly columnMaps = new WeakMap<CreateTable, Map<OraName, string>>();

  /**
   * The PostgreSQL names of a table's columns. Oracle column names that differ only in case (ID and
   * "id") map to the same PostgreSQL name: the later column is renamed (id_1). Computed once per
   * table, whoever asks first (the table, or an index, comment or foreign key naming its columns);
   * `findings`, when given, receives OPG-NAME-0001 / OPG-NAME-0003 for shortened / renamed columns
   * (convertTable passes them, so the findings are raised once, with the table).
   */
  columnNames(
    t: CreateTable,
    findings?: Finding[],
    where: { object?: string; location?: SourceLocation } = {},
  ): Map<OraName, string> {
    let map = this.columnMaps.get(t);
    if (!map) {
      map = new Map();
      const used = new Set<string>();
      for (const c of t.columns) {
        const pg = shortenIdent(pgNameOf(c.name));
        let name = pg;
        for (let i = 1; used.has(name); i++) name = shortenIdent(`${pg}_${i}`);
        used.add(name);
        map.set(c.name, name);
      }
      this.columnMaps.set(t, map);
    }
    if (findings)
      for (const [ora, name] of map) {
        const pg = this.ident(ora, findings, where); // OPG-NAME-0001 when shortened
        if (name !== pg)
          findings.push(makeFinding('OPG-NAME-0003', { table: t.name.name, column: ora, name: pg, renamed: name }, where));
      }
    return map;
  }

  /** PostgreSQL name of a column of a table of the model (collision-renamed), else its plain name. */
  columnIdent(
    table: QualifiedName | undefined,
    column: OraName,
    findings: Finding[],
    where: { object?: string; location?: SourceLocation },
  ): string {
    const t = table ? this.findTable(table) : undefined;
    return (t && this.columnNames(t).get(column)) ?? this.ident(column, findings, where);
  }

  findTable(q: QualifiedName, near?: QualifiedName): CreateTable | undefined {
    return (
      this.tables.get(ConvertContext.key(q)) ??
      (q.schema ? undefined : this.tables.get(ConvertContext.key({ schema: near?.schema, name: q.name })))
    );
  }

  isRelation(q: QualifiedName): 'table' | 'view' | 'sequence' | undefined {
    const k = ConvertContext.key(q);
    if (this.tables.has(k)) return 'table';
    if (this.views.has(k)) return 'view';
    if (this.sequences.has(k)) return 'sequence';
    // An unqualified reference may point at an object created with a schema (or the reverse).
    if (q.schema) return undefined;
    return this.kindsByName().get(q.name);
  }

  private byName?: { sizes: string; map: Map<OraName, 'table' | 'view' | 'sequence'> };

  /** Relation kind by bare name (first of table, view, sequence), rebuilt when the model grows. */
  private kindsByName(): Map<OraName, 'table' | 'view' | 'sequence'> {
    const sizes = `${this.tables.size}/${this.views.size}/${this.sequences.size}`;
    if (this.byName?.sizes === sizes) return this.byName.map;
    const map = new Map<OraName, 'table' | 'view' | 'sequence'>();
    const bare = (key: string) => key.slice(key.indexOf('.') + 1);
    for (const key of this.sequences) map.set(bare(key), 'sequence');
    for (const [key] of this.views) map.set(bare(key), 'view');
    for (const [key] of this.tables) map.set(bare(key), 'table');
    this.byName = { sizes, map };
    return map;
  }
}

export function objectLabel(kind: string, q: QualifiedName): string {
  return `${kind} ${q.schema ? `${q.schema}.` : ''}${q.name}`;
}
