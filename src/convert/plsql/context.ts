/** State of one PL/SQL unit's conversion: names in scope, exceptions, findings, expression rules. */
import type { OraName, QualifiedName } from '../../ast/common.js';
import type { DataType, Expr } from '../../ast/expr.js';
import type { Declaration, Param, Subprogram, TriggerDef } from '../../ast/plsql.js';
import type { Query } from '../../ast/query.js';
import { printExpr, printType } from '../../emit/pg/expr.js';
import { pgNameOf, quoteIdent, quoteLiteral } from '../../emit/quote.js';
import { makeFinding, type FindingArgs } from '../../findings/make.js';
import type { Finding, SourceLocation } from '../../findings/types.js';
import { type ExprContext, rewriteExpr } from '../../rules/expressions.js';
import { classOfDataType, inferType, type OraType, queryColumnTypes } from '../../rules/infer.js';
import { attributeText, CHAR_FIT, charFit, charLimit } from '../../rules/char-fit.js';
import { mapType } from '../../rules/types.js';
import { dictionaryColumnType, dictionaryShape } from '../../rules/dictionary.js';
import { mapExprDeep } from '../../rules/walk.js';
import type { ConvertContext } from '../context.js';
import { builtinFunction } from './builtins.js';
import { builtinPackageExpr } from './builtin-packages.js';
import { assignsEnclosing, extraArgs, type NestedRoutine, nestedName } from './nested.js';
import { unhandledNoDataFound } from './ndf-in-sql.js';
import { BUILTIN_EXCEPTIONS, PREDEFINED, SQLERRM_HELPER, SQLERRM_TEXT, knownSqlerrm, sqlcodeStates, sqlcodeText, sqlstateForOra } from './exceptions.js';
import { elementOf, fieldsOf, lowerChain } from './chains.js';
import { attributes, lowerObjectExpr, objectTypeOf, staticType } from './objects.js';
import { jsonExpr } from './json-types.js';
import { anydataExpr } from './anydata.js';
import { readChain } from './recursive-types.js';
import { attributeColumn, hierarchyOf } from './types.js';
import { mapExpr, recordFields } from './assoc.js';
import { bulkAttribute } from './forall.js';
import { eventAttribute, oraSqlTxtArg } from './event-attributes.js';
import { hasOutParams } from './outfunctions.js';
import { castCallArgs } from './overload-resolution.js';
import { noteCall } from './callees.js';
import { rowTypeText } from './rowtypes.js';
import { type PackageInfo, packageTypeText, settingPrefix } from './packages.js';
import { standaloneUnit, textArgs } from './implicit-text.js';
import { qualifiedExpression } from './qualified.js';

export type UnitKind = 'function' | 'procedure' | 'trigger' | 'block';

/** Oracle's built-in packages (DBMS_*, UTL_*, the web toolkit, APEX, Oracle Text, Spatial). */
export const BUILTIN_PACKAGE = /^(DBMS_|UTL_|OWA_|OWA$|HTP$|HTF$|APEX_|CTX_|SDO_)/;

interface NameInfo {
  kind: 'variable' | 'param' | 'cursor' | 'collection' | 'record' | 'refcursor';
  type?: DataType;
  /** Field types of a record (table%ROWTYPE, local RECORD type, cursor row). */
  fields?: () => Map<OraName, OraType>;
  /** The query of a cursor (for the fields of its rows). */
  query?: Query;
  /** Parameters of a cursor (defaults fill omitted arguments). */
  params?: Param[];
}

/**
 * PL/SQL's predefined subtypes (package STANDARD) that have no SQL type of the same name. Their
 * constraints are kept for variables (implicit-text.ts): the ranges of NATURAL, POSITIVE, SIGNTYPE
 * (and their N forms) are checked on assignment, the NOT NULL ones are declared NOT NULL; the
 * wrap-around arithmetic of SIMPLE_INTEGER is not reproduced (an overflow raises).
 */
const PREDEFINED_TYPES: Record<string, string> = {
  PLS_INTEGER: 'integer',
  BINARY_INTEGER: 'integer',
  SIMPLE_INTEGER: 'integer',
  NATURAL: 'integer',
  NATURALN: 'integer',
  POSITIVE: 'integer',
  POSITIVEN: 'integer',
  SIGNTYPE: 'integer',
  STRING: 'varchar',
  SIMPLE_FLOAT: 'real',
  SIMPLE_DOUBLE: 'double precision',
  TIMESTAMP_UNCONSTRAINED: 'timestamp',
  TIMESTAMP_TZ_UNCONSTRAINED: 'timestamptz',
  TIMESTAMP_LTZ_UNCONSTRAINED: 'timestamptz',
  YMINTERVAL_UNCONSTRAINED: 'interval year to month',
  DSINTERVAL_UNCONSTRAINED: 'interval day to second',
  TIME_UNCONSTRAINED: 'time',
  TIME_TZ_UNCONSTRAINED: 'timetz',
};

/** SQLCODE and SQLERRM (functions of package STANDARD, written without parentheses): their result types. */
const ERROR_FUNCTION_TYPES: Record<string, DataType> = {
  SQLCODE: { kind: 'datatype', name: 'NUMBER', args: [9] },
  SQLERRM: { kind: 'datatype', name: 'VARCHAR2', args: [512] },
};

const INTEGER_TYPES = new Set(['PLS_INTEGER', 'BINARY_INTEGER', 'SIMPLE_INTEGER', 'NATURAL', 'NATURALN', 'POSITIVE', 'POSITIVEN', 'SIGNTYPE']);
const INTEGER_T: DataType = { kind: 'datatype', name: 'NUMBER', args: [9] };

/**
 * Type class of a table column. NUMBER(*,0) is how Oracle's catalog spells INTEGER: both are
 * integral (a snapshot and the DDL scripts must give the same conversion).
 */
function columnClass(t: DataType | undefined): OraType {
  if (t?.name === 'NUMBER' && !t.schema && t.args[0] === '*' && t.args[1] === 0)
    return classOfDataType({ ...t, name: 'INTEGER', args: [] });
  return classOfDataType(t);
}

/** Collection types (TABLE OF / VARRAY OF) declared by CREATE TYPE, per conversion: their element types. */
const collections = new WeakMap<ConvertContext, Map<string, DataType>>();

/** Remembers the element type of `CREATE TYPE name AS TABLE OF / VARRAY OF <type>`. */
export function noteCollectionType(name: QualifiedName, of: DataType, ctx: ConvertContext, varrayLimit?: number): void {
  const map = collections.get(ctx) ?? new Map<string, DataType>();
  collections.set(ctx, map);
  map.set(`${name.schema ?? ''}.${name.name}`, of);
  if (varrayLimit !== undefined) {
    const limits = varrayLimits.get(ctx) ?? new Map<string, number>();
    varrayLimits.set(ctx, limits);
    limits.set(`${name.schema ?? ''}.${name.name}`, varrayLimit);
  }
}

/** Size limits of the VARRAY types declared by CREATE TYPE, by `schema.name`. */
const varrayLimits = new WeakMap<ConvertContext, Map<string, number>>();

/** Element type of a collection type declared by CREATE TYPE (undefined for other types). */
export function collectionElement(ctx: ConvertContext, t: DataType): DataType | undefined {
  const map = collections.get(ctx);
  if (t.attribute) return undefined;
  const builtin = builtinCollection(t);
  if (builtin) return builtin.element;
  const exact = map?.get(`${t.schema ?? ''}.${t.name}`);
  if (exact || (t.schema && t.schema !== 'SYS')) return exact;
  const found = map && [...map].find(([k]) => k.endsWith(`.${t.name}`))?.[1];
  // JSON_KEY_LIST (SYS, the keys of a JSON_OBJECT_T): a VARRAY of VARCHAR2(4000), here text[].
  return found ?? (t.name === 'JSON_KEY_LIST' ? { kind: 'datatype', name: 'VARCHAR2', args: [4000] } : undefined);
}

const vc = (n: number): DataType => ({ kind: 'datatype', name: 'VARCHAR2', args: [n] });
const scalar = (name: string): DataType => ({ kind: 'datatype', name, args: [] });
/**
 * Collection types of Oracle's built-in packages and SYS whose elements are scalars (PL/SQL
 * Packages and Types Reference): held as arrays of the element type like user collections.
 * `sparse`: an INDEX BY table (gaps allowed).
 */
const BUILTIN_COLLECTIONS: Record<string, { element: DataType; sparse: boolean }> = {
  'DBMS_SQL.VARCHAR2_TABLE': { element: vc(2000), sparse: true },
  'DBMS_SQL.VARCHAR2A': { element: vc(32767), sparse: true },
  'DBMS_SQL.VARCHAR2S': { element: vc(256), sparse: true },
  'DBMS_SQL.NUMBER_TABLE': { element: scalar('NUMBER'), sparse: true },
  'DBMS_SQL.DATE_TABLE': { element: scalar('DATE'), sparse: true },
  'DBMS_SQL.CLOB_TABLE': { element: scalar('CLOB'), sparse: true },
  'DBMS_SQL.BLOB_TABLE': { element: scalar('BLOB'), sparse: true },
  'DBMS_UTILITY.UNCL_ARRAY': { element: vc(227), sparse: true },
  'DBMS_UTILITY.LNAME_ARRAY': { element: vc(4000), sparse: true },
  'DBMS_UTILITY.NAME_ARRAY': { element: vc(30), sparse: true },
  'DBMS_UTILITY.NUMBER_ARRAY': { element: scalar('NUMBER'), sparse: true },
  'DBMS_UTILITY.DBLINK_ARRAY': { element: vc(128), sparse: true },
  'DBMS_OUTPUT.CHARARR': { element: vc(32767), sparse: true },
  'DBMS_PREPROCESSOR.SOURCE_LINES_T': { element: vc(32767), sparse: true },
  'APEX_APPLICATION_GLOBAL.VC_ARR2': { element: vc(32767), sparse: true },
  'SYS.DBMSOUTPUT_LINESARRAY': { element: vc(32767), sparse: false },
  // Event attribute lists of system triggers (ORA_DICT_OBJ_NAME_LIST …): TABLE OF VARCHAR2.
  'SYS.ORA_NAME_LIST_T': { element: vc(2 * (128 + 2) + 1), sparse: false },
  'SYS.ODCIVARCHAR2LIST': { element: vc(4000), sparse: false },
  'SYS.ODCINUMBERLIST': { element: scalar('NUMBER'), sparse: false },
  'SYS.ODCIDATELIST': { element: scalar('DATE'), sparse: false },
};

/** A scalar collection type of a built-in package or SYS (SYS. optional for the SYS ones). */
export function builtinCollection(t: DataType): { element: DataType; sparse: boolean } | undefined {
  if (t.attribute || t.args.length) return undefined;
  const schema = t.schema?.replace(/^SYS\./, '');
  return BUILTIN_COLLECTIONS[`${schema ?? 'SYS'}.${t.name}`];
}

/** Helpers of INDEX BY tables held as arrays: a NULL element is a gap (see PlContext.sparse). */
const sparseHelper = (name: string, args: string, returns: string, body: string) =>
  `CREATE OR REPLACE FUNCTION ${name}(${args})\nRETURNS ${returns}\nLANGUAGE sql\nIMMUTABLE\nAS $body$\n${body}\n$body$;`;
/** The subscript of an element read of a densely filled INDEX BY table: NO_DATA_FOUND outside the array. */
const DENSE_KEY_HELPER =
  'CREATE OR REPLACE FUNCTION opg_dense_key(a anyarray, i integer)\nRETURNS integer\nLANGUAGE plpgsql\nIMMUTABLE\nAS $body$\nBEGIN\n  -- Oracle raises NO_DATA_FOUND reading an element an INDEX BY table does not have.\n  IF a IS NULL OR i < array_lower(a, 1) OR i > array_upper(a, 1) THEN\n    RAISE no_data_found;\n  END IF;\n  RETURN i;\nEND;\n$body$;';

const SPARSE_HELPERS: Record<string, string> = {
  opg_sparse_first: sparseHelper('opg_sparse_first', 'a anyarray', 'integer', 'SELECT min(k) FROM generate_subscripts(a, 1) AS k WHERE num_nonnulls(a[k]) = 1'),
  opg_sparse_last: sparseHelper('opg_sparse_last', 'a anyarray', 'integer', 'SELECT max(k) FROM generate_subscripts(a, 1) AS k WHERE num_nonnulls(a[k]) = 1'),
  opg_sparse_exists: sparseHelper('opg_sparse_exists', 'a anyarray, i integer', 'boolean', 'SELECT num_nonnulls(a[i]) = 1'),
  opg_sparse_next: sparseHelper('opg_sparse_next', 'a anyarray, i integer', 'integer', 'SELECT min(k) FROM generate_subscripts(a, 1) AS k WHERE k > i AND num_nonnulls(a[k]) = 1'),
  opg_sparse_prior: sparseHelper('opg_sparse_prior', 'a anyarray, i integer', 'integer', 'SELECT max(k) FROM generate_subscripts(a, 1) AS k WHERE k < i AND num_nonnulls(a[k]) = 1'),
  opg_sparse_key:
    'CREATE OR REPLACE FUNCTION opg_sparse_key(a anyarray, i integer)\nRETURNS integer\nLANGUAGE plpgsql\nIMMUTABLE\nAS $body$\nBEGIN\n  -- Oracle raises NO_DATA_FOUND reading an element an INDEX BY table does not have.\n  IF num_nonnulls(a[i]) = 0 THEN\n    RAISE no_data_found;\n  END IF;\n  RETURN i;\nEND;\n$body$;',
  opg_sparse_count: sparseHelper('opg_sparse_count', 'a anyarray', 'integer', 'SELECT count(*)::integer FROM generate_subscripts(a, 1) AS k WHERE num_nonnulls(a[k]) = 1'),
};

const num = (v: string): Expr => ({ kind: 'literal', type: 'number', value: v });
const bound = (c: Expr, f: 'array_lower' | 'array_upper'): Expr => ({ kind: 'call', name: [f], args: [{ value: c }, { value: num('1') }] });

/**
 * c.FIRST / LAST / COUNT / LIMIT of a collection held as an array (nested tables and VARRAYs are
 * dense arrays starting at 1; LIMIT has no array equivalent and gives NULL as for nested tables).
 */
export function collectionAttribute(c: Expr, attr: string): Expr {
  switch (attr) {
    case 'FIRST':
      return bound(c, 'array_lower');
    case 'LAST':
      return bound(c, 'array_upper');
    case 'COUNT':
      return { kind: 'call', name: ['coalesce'], args: [{ value: { kind: 'call', name: ['cardinality'], args: [{ value: c }] } }, { value: num('0') }] };
    default:
      return { kind: 'literal', type: 'null', value: 'NULL' };
  }
}

/** c.EXISTS(i) / NEXT(i) / PRIOR(i) on a dense array. */
export function collectionMethod(c: Expr, method: string, i: Expr): Expr {
  const inRange: Expr = { kind: 'between', operand: i, low: bound(c, 'array_lower'), high: bound(c, 'array_upper'), not: false };
  if (method === 'EXISTS') return { kind: 'call', name: ['coalesce'], args: [{ value: inRange }, { value: { kind: 'literal', type: 'boolean', value: 'FALSE' } }] };
  // NEXT(i): the smallest index above i (NULL past the end); PRIOR(i): the largest below i.
  const next = method === 'NEXT';
  const limit = bound(c, next ? 'array_upper' : 'array_lower');
  const first = bound(c, next ? 'array_lower' : 'array_upper');
  const step: Expr = { kind: 'binary', op: next ? '+' : '-', left: i, right: num('1') };
  return {
    kind: 'case',
    whens: [
      { when: { kind: 'binary', op: next ? '<' : '>', left: i, right: first }, then: first },
      { when: { kind: 'binary', op: next ? '<' : '>', left: i, right: limit }, then: step },
    ],
    else: { kind: 'literal', type: 'null', value: 'NULL' },
  } as Expr;
}

/**
 * Package cursors whose state the package reads across calls: `rowcount`, those whose %ROWCOUNT
 * it reads; `found`, those whose %FOUND / %NOTFOUND a routine (or the initialization block) reads
 * without FETCHing them itself. Cached per package.
 */
const sharedCursorState = new WeakMap<PackageInfo, { rowcount: Set<OraName>; found: Set<OraName> }>();
function packageCursorState(info: PackageInfo): { rowcount: Set<OraName>; found: Set<OraName> } {
  const cached = sharedCursorState.get(info);
  if (cached) return cached;
  const out = { rowcount: new Set<OraName>(), found: new Set<OraName>() };
  /** Walks one routine: cursors it fetches, cursors whose FOUND it reads. */
  const routine = (x: unknown): void => {
    const fetched = new Set<OraName>();
    const read = new Set<OraName>();
    const walk = (y: unknown): void => {
      if (!y || typeof y !== 'object') return;
      if (Array.isArray(y)) {
        for (const z of y) walk(z);
        return;
      }
      const o = y as { kind?: string; parts?: OraName[]; cursor?: OraName; block?: unknown };
      if (o !== x && (o.kind === 'procedure' || o.kind === 'function') && o.block) {
        routine(o);
        return;
      }
      if (o.kind === 'fetch' && typeof o.cursor === 'string') fetched.add(o.cursor.split('.').pop()!);
      if (o.kind === 'column' && Array.isArray(o.parts) && o.parts.length >= 2) {
        const last = o.parts[o.parts.length - 1];
        const cursor = o.parts[o.parts.length - 2];
        if (last === '%ROWCOUNT') out.rowcount.add(cursor);
        if (last === '%FOUND' || last === '%NOTFOUND') read.add(cursor);
      }
      for (const v of Object.values(y)) walk(v);
    };
    walk(x);
    for (const c of read) if (!fetched.has(c)) out.found.add(c);
  };
  routine(info.spec);
  routine(info.body);
  sharedCursorState.set(info, out);
  return out;
}

export class PlContext {
  readonly findings: Finding[] = [];
  readonly ectx: ExprContext;
  /** Reasons the unit cannot be emitted as working code. */
  readonly unconvertible: string[] = [];
  /** Exception name → SQLSTATE (user exceptions and EXCEPTION_INIT). */
  readonly exceptions = new Map<OraName, string>();
  private userSeq = 0;
  /** Declarations the converter adds to the outermost block (loop records, counters). */
  readonly extraDecls = new Map<string, string>();
  /** CREATE TYPE statements for record types declared in the unit (emitted before it). */
  readonly preStatements: string[] = [];
  readonly localTypes = new Map<OraName, string>();
  /** Local associative array types indexed by strings (jsonb): their element types. */
  readonly localMaps = new Map<OraName, DataType>();
  /** Local collection types held as arrays: their element types (chains.ts). */
  readonly localElements = new Map<OraName, DataType>();
  private readonly scopes: Map<OraName, NameInfo>[] = [new Map()];
  /**
   * SQL%ROWCOUNT is read somewhere in the unit: every SQL statement is followed by
   * GET DIAGNOSTICS opg_rowcount = ROW_COUNT (set by prepareUnit before emission).
   */
  usesRowcount = false;
  /** PRAGMA AUTONOMOUS_TRANSACTION was declared: its COMMIT/ROLLBACK are dropped. */
  autonomous = false;
  /** The package this unit belongs to (members see its variables, constants, types, cursors). */
  pkg?: PackageInfo;
  /**
   * SQL%FOUND / SQL%NOTFOUND read opg_rowcount instead of FOUND: the unit runs dynamic SQL
   * (EXECUTE does not set FOUND) or fetches rows (FETCH and FOR loops change FOUND, not Oracle's
   * SQL% attributes).
   */
  foundViaRowcount = false;
  /** Cursors whose %FOUND / %NOTFOUND is kept in a variable (read away from their FETCH). */
  readonly cursorFound = new Set<OraName>();
  /** Cursors whose %ROWCOUNT is counted. */
  readonly cursorRowcount = new Set<OraName>();
  /** Cursors the routine FETCHes (their last name part), set by prepareUnit. */
  readonly fetchedCursors = new Set<OraName>();
  /** Depth of exception handlers around the statement being emitted (SQLSTATE exists only there). */
  handlerDepth = 0;
  /** Nesting of the protected parts (bodies of blocks with an EXCEPTION section) being emitted (commit-split.ts). */
  protectedDepth = 0;
  /** Label of the unit for generated type names. */
  typePrefix: string;
  /** Schema and name of the routine being emitted (nested subprograms are lifted next to it). */
  unitName?: QualifiedName;
  /** The declared RETURN type of the function being converted (implicit conversions of RETURN values). */
  returnType?: DataType;
  /** In a TYPE BODY method: its type (a STATIC method has no SELF, and calls its type's static methods unqualified). */
  methodType?: QualifiedName;
  /** Nested subprograms lifted to routines of their own: Oracle name → routine name. */
  nested = new Map<OraName, NestedRoutine>();
  /** Return types of the functions type methods were lowered to (objects.ts), for type inference. */
  methodReturns = new Map<string, DataType>();

  constructor(
    readonly cctx: ConvertContext,
    readonly kind: UnitKind,
    readonly object: string,
    readonly location: SourceLocation | undefined,
    readonly trigger?: TriggerDef,
  ) {
    this.ectx = cctx.exprContext(this.findings, { object, location });
    // Built-in package calls are PL/SQL's (builtins.ts, builtin-packages.ts), converted before the SQL rules.
    this.ectx.builtinPackageCall = undefined;
    // Function calls in SQL statements are noted by the PL/SQL pre-pass (noteSqlCall), which
    // tells SQL from PL/SQL expressions.
    this.ectx.sqlFunctionCall = undefined;
    this.typePrefix = object.split(' ').pop()!.replaceAll('.', '_');
    // Types of variables and parameters, for the type-dependent expression rules (DATE - DATE …).
    const tableColumn = this.ectx.columnType;
    this.ectx.columnType = (name) => {
      if (name === 'OPG_ROWCOUNT' && this.usesRowcount) return INTEGER_T;
      if (name.startsWith('OPG_') && name.endsWith('_ROWCOUNT')) return INTEGER_T;
      if (name.startsWith('OPG_') && name.endsWith('_FOUND')) return { kind: 'datatype', name: 'BOOLEAN', args: [] };
      const info = this.lookup(name);
      if (!info) return tableColumn?.(name) ?? this.selfMemberType(name) ?? ERROR_FUNCTION_TYPES[name];
      return info.type && this.oracleType(info.type);
    };
    this.ectx.pathType = (parts) => {
      // Cursor attributes of SQL or of a cursor: c%ROWCOUNT is a number, c%FOUND … a BOOLEAN.
      const attribute = parts.length === 2 && parts[1].startsWith('%') ? parts[1].slice(1) : undefined;
      const cursor = parts[0] === 'SQL' ? !this.lookup('SQL') : ['cursor', 'refcursor'].includes(this.lookup(parts[0])?.kind ?? '');
      if (attribute && cursor) {
        if (attribute === 'ROWCOUNT') return INTEGER_T;
        if (['FOUND', 'NOTFOUND', 'ISOPEN'].includes(attribute)) return { kind: 'datatype', name: 'BOOLEAN', args: [] };
      }
      if (!this.lookup(parts[0])) return undefined;
      const t = staticType({ kind: 'column', parts }, this);
      return t && this.oracleType(t);
    };
    // (value).attr: an attribute of an object value — a method's result, a variable's chain.
    this.ectx.fieldType = (operand, field) => {
      const vt = this.valueType(operand);
      const q = objectTypeOf(cctx, vt);
      // A record's field too (an element of a collection of records, a function's record result).
      const t = q ? attributes(cctx, q).find((a) => a.name === field)?.type : fieldsOf(vt, this)?.find((f) => f.name === field)?.type;
      return t && this.oracleType(t);
    };
    this.ectx.elementType = (x) => {
      const t = this.valueType(x);
      return t && this.oracleType(t);
    };
    this.ectx.callReturnType = (name) => {
      // pkg.v / pkg.f: a package variable's getter (the pre-pass made reads calls) or a package
      // function of one declaration has the declared type.
      if (name.length === 2) return this.packageMemberType(name);
      if (name.length !== 1) return undefined;
      const method = this.methodReturns.get(name[0]);
      if (method) return method;
      const standalone = standaloneUnit(name, this);
      if (standalone?.kind === 'function' && standalone.returnType && !standalone.attributes.includes('PIPELINED')) return this.oracleType(standalone.returnType);
      // A nested function lifted to a routine of its own (the pre-pass already renamed the call).
      for (const r of this.nested.values())
        if ((r.name.name === name[0] || (r.unit?.name.name === name[0] && nestedName(this, name) === r)) && r.unit?.kind === 'function' && r.unit.returnType && !assignsEnclosing(r) && !r.unit.attributes.includes('PIPELINED'))
          return this.oracleType(r.unit.returnType);
      return undefined;
    };
    // In a trigger, NEW.col / OLD.col have the types of the table's columns; record variables
    // (rec.field) are scope items too, innermost first.
    const table = trigger && cctx.findTable(trigger.on);
    const triggerItems = table
      ? [{ names: ['NEW', 'OLD'], columns: () => new Map(table.columns.map((c) => [c.name, columnClass(c.type)])) }]
      : [];
    // TABLE(v) / TABLE(v.attr …): whether the collection holds objects or records (chains.ts).
    this.ectx.collectionOfRows = (e) => {
      const parts: OraName[] = [];
      let x = e;
      while (x.kind === 'field' || x.kind === 'paren') {
        if (x.kind === 'field') parts.unshift(x.field);
        x = x.kind === 'field' ? x.operand : x.expr;
      }
      if (x.kind !== 'column') return undefined;
      const c = this.collectionOf([...x.parts, ...parts]);
      const el = c && elementOf(c.type, this);
      if (!el || el.map) return undefined;
      return !!fieldsOf(el.element, this)?.length;
    };
    const self = this;
    this.ectx.scope = {
      get items() {
        return [...self.recordItems(), ...triggerItems];
      },
      ctes: new Map(),
    };
  }

  private recordItems(): { names: OraName[]; columns: () => Map<OraName, OraType> }[] {
    const out: { names: OraName[]; columns: () => Map<OraName, OraType> }[] = [];
    const seen = new Set<OraName>();
    for (let i = this.scopes.length - 1; i >= 0; i--)
      for (const [name, info] of this.scopes[i])
        if (info.fields && !seen.has(name)) {
          seen.add(name);
          out.push({ names: [name], columns: info.fields });
        }
    return out;
  }

  /**
   * Oracle type of a value already through the pre-pass, when known: a variable's chain, the
   * function a type method became, an attribute of either.
   */
  private valueType(x: Expr): DataType | undefined {
    switch (x.kind) {
      case 'paren':
        return this.valueType(x.expr);
      case 'column':
        return this.lookup(x.parts[0]) ? staticType(x, this) : undefined;
      case 'call':
        return (x.name.length === 1 ? this.methodReturns.get(x.name[0]) : undefined) ?? this.ectx.callReturnType?.(x.name);
      case 'subscript': {
        // c[i]: an element of a collection held as an array.
        const e = elementOf(this.valueType(x.operand), this);
        return e && !e.map ? e.element : undefined;
      }
      case 'field': {
        const vt = x.field === '*' ? undefined : this.valueType(x.operand);
        const q = objectTypeOf(this.cctx, vt);
        return q ? attributes(this.cctx, q).find((a) => a.name === x.field)?.type : fieldsOf(vt, this)?.find((f) => f.name === x.field)?.type;
      }
      default:
        return undefined;
    }
  }

  /** Field types of the rows of a query (a cursor or an implicit FOR loop), computed once. */
  queryFields(q: Query): () => Map<OraName, OraType> {
    let v: Map<OraName, OraType> | undefined;
    return () => {
      if (!v) {
        v = new Map();
        try {
          v = new Map(queryColumnTypes(q, this.ectx).map((c) => [c.name, c.type]));
        } catch {
          // types stay unknown
        }
      }
      return v;
    };
  }

  /** Field types of a record-typed variable, when its type is known. */
  private recordFields(t: DataType): (() => Map<OraName, OraType>) | undefined {
    if (t.attribute === 'ROWTYPE') {
      if (!t.schema) {
        const cursor = this.lookup(t.name);
        if (cursor?.kind === 'cursor' && cursor.query) return this.queryFields(cursor.query);
      }
      const table = this.cctx.findTable(t.schema ? { schema: t.schema, name: t.name } : { name: t.name });
      if (table) return () => new Map(table.columns.map((c) => [c.name, columnClass(c.type)]));
      const dict = dictionaryShape(t.schema ? { schema: t.schema, name: t.name } : { name: t.name });
      if (dict) return () => new Map(dict.columns.map((c) => [c.name, classOfDataType(c.type)]));
      return undefined;
    }
    if (t.attribute || t.schema) return undefined;
    const fields = this.recordTypes.get(t.name);
    if (!fields) return undefined;
    return () => new Map(fields.map((f) => [f.name, classOfDataType(this.oracleType(f.type))]));
  }

  /** Fields of the RECORD types declared in the unit. */
  readonly recordTypes = new Map<OraName, { name: OraName; type: DataType }[]>();
  /** Base types of the SUBTYPEs declared in the unit. */
  readonly subtypes = new Map<OraName, DataType>();
  /** INDEX BY integer types declared in the unit (see isSparse). */
  readonly sparseTypes = new Set<OraName>();
  /** Sizes of the VARRAY types declared in the unit. */
  readonly localVarrays = new Map<OraName, number>();

  report(id: string, args: FindingArgs): void {
    this.findings.push(makeFinding(id, args, { object: this.object, location: this.location }));
  }

  /**
   * Statements calling an unmapped Oracle built-in package procedure become a RAISE of
   * feature_not_supported (OPG-PLSQL-0010) and the routine is converted; off in a package
   * initialization section, where the section is left unconverted instead.
   */
  builtinCallsRaise = true;

  fail(detail: string): void {
    this.report('OPG-PLSQL-0002', { detail });
    this.unconvertible.push(detail);
  }

  /** Per block being emitted, innermost last: the names it declares and those holding one known text (known-text.ts). */
  textScopes: { declared: Set<OraName>; known: Map<OraName, string> }[] = [];
  /** The one text a variable holds, when known at conversion (the innermost block declaring the name decides). */
  knownText(name: OraName): string | undefined {
    for (let i = this.textScopes.length - 1; i >= 0; i--)
      if (this.textScopes[i].declared.has(name)) return this.textScopes[i].known.get(name);
    return undefined;
  }

  push(): void {
    this.scopes.push(new Map());
  }
  pop(): void {
    this.scopes.pop();
  }
  declare(name: OraName, info: NameInfo): void {
    this.scopes[this.scopes.length - 1].set(name, info);
  }
  /** A system trigger on DDL events, converted to an event trigger function (event-trigger.ts). */
  get inEventTrigger(): boolean {
    return !!this.trigger && (this.trigger.onKind === 'database' || this.trigger.onKind === 'schema');
  }

  lookup(name: OraName): NameInfo | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i].get(name);
      if (v) return v;
    }
    return undefined;
  }

  /** SQLSTATE of a user exception (declared, possibly numbered by EXCEPTION_INIT). */
  userException(name: OraName): string {
    let code = this.exceptions.get(name);
    if (!code) {
      this.userSeq++;
      code = `OU${String(this.userSeq).padStart(3, '0')}`;
      this.exceptions.set(name, code);
    }
    return code;
  }

  /**
   * `name EXCEPTION` declared by a block: a new SQLSTATE when an enclosing block declared an
   * exception of the same name (a different exception in Oracle: the enclosing block's handler
   * for that name does not catch it). emitBlock restores the enclosing names at the block's end.
   */
  declareException(name: OraName): string {
    if (this.exceptions.has(name)) this.exceptions.delete(name);
    return this.userException(name);
  }

  exceptionInit(name: OraName, code: number): void {
    const state = sqlstateForOra(code);
    if (!state) {
      this.userException(name);
      this.report('OPG-PLSQL-0003', {
        detail: `EXCEPTION_INIT(${name}, ${code}): ORA-${Math.abs(code)} has no PostgreSQL equivalent; ${name} was given SQLSTATE ${this.exceptions.get(name)}, which PostgreSQL errors never raise`,
      });
      return;
    }
    this.exceptions.set(name, state);
  }

  /** Handler condition text for an exception name. */
  condition(name: OraName): string | undefined {
    if (name === 'OTHERS') return 'OTHERS';
    const user = this.exceptions.get(name) ?? this.packageException(name);
    if (user) return `SQLSTATE '${user}'`;
    const pre = PREDEFINED[name.replace(/^STANDARD\./, '')];
    if (pre) return pre.join(' OR ');
    const builtin = BUILTIN_EXCEPTIONS[name.replace(/^SYS\./, '')];
    if (builtin) return `SQLSTATE '${builtin}'`;
    return undefined;
  }

  /** The package and member a name refers to: `m` inside the package, or `pkg.m` anywhere. */
  packageMember(parts: OraName[]): { info: PackageInfo; member: OraName } | undefined {
    if (parts.length === 1 && this.pkg && !this.lookup(parts[0])) return { info: this.pkg, member: parts[0] };
    if (parts.length === 2) {
      // A package, or a synonym of one (CREATE SYNONYM api FOR app_pkg: api.f(…) calls app_pkg.f).
      const info = this.cctx.packages.get(parts[0]) ?? this.cctx.packages.get(this.cctx.synonyms.get(parts[0])?.name ?? '');
      if (info && !this.lookup(parts[0])) return { info, member: parts[1] };
    }
    return undefined;
  }

  /**
   * PKG.M where PKG is a package of the sources (or a synonym of one), also when it is named like
   * an Oracle-supplied package (UTL_APP, DBMS_MYAPP, even DBMS_OUTPUT): a call of that package,
   * never of Oracle's built-in. SYS.PKG.M is Oracle's.
   */
  ownPackage(parts: OraName[]): boolean {
    return parts.length === 2 && !!this.packageMember(parts);
  }

  /** Declared Oracle type of a package variable or of a package function with one declaration. */
  private packageMemberType(name: OraName[]): DataType | undefined {
    const info = this.cctx.packages.get(name[0]);
    if (!info) return undefined;
    const v = info.variables.get(name[1]);
    if (v) return this.oracleType(v.type, info);
    if (info.members.get(name[1]) !== 'function') return undefined;
    const t = info.subprograms.get(name[1])?.returnType;
    // Overloads (or the spec and body declarations) must agree on the return type.
    if (info.overloads?.get(name[1])?.some((o) => o.returnType?.name !== t?.name || o.returnType?.schema !== t?.schema)) return undefined;
    return t && this.oracleType(t, info);
  }

  /** SQLSTATE of a package exception (`e` in its package, `pkg.e` elsewhere). */
  packageException(name: OraName): string | undefined {
    const ref = this.packageMember(name.split('.'));
    return ref?.info.exceptions.get(ref.member);
  }

  /** The package variable an expression names, if any. */
  packageVariable(e: Expr): { info: PackageInfo; name: OraName } | undefined {
    if (e.kind !== 'column') return undefined;
    const ref = this.packageMember(e.parts);
    const failed = ref?.info.variableFailures.get(ref.member);
    if (ref && failed) this.fail(`package variable ${ref.info.name}.${ref.member} is not converted (${failed})`);
    if (ref && ref.info.variables.has(ref.member)) return { info: ref.info, name: ref.member };
    return undefined;
  }

  /** A package cursor named by a cursor FOR loop or OPEN. */
  packageCursor(name: OraName): Extract<Declaration, { kind: 'cursor' }> | undefined {
    if (this.lookup(name)) return undefined;
    const ref = this.packageMember(name.split('.'));
    const c = ref?.info.cursors.get(ref.member);
    return c?.query ? c : undefined;
  }

  /**
   * A package cursor named in this routine (OPEN, FETCH, CLOSE, its attributes). Oracle keeps a
   * package cursor open for the session until CLOSE, so every call shares it: here it is one
   * portal of the session named `<package schema>.<cursor>`, which a refcursor variable of the
   * routine (`opg_<schema>_<cursor>`, declared once) names; OPEN declares it WITH HOLD so that it
   * outlives the transaction. `rowcount`: the setting counting its fetched rows, when the package
   * reads its %ROWCOUNT; `found`: the setting holding its last FETCH's FOUND ('y' / 'n', '' after
   * OPEN), when a routine of the package reads %FOUND / %NOTFOUND without fetching it
   * (packageCursorState).
   */
  packageCursorRef(
    name: OraName,
  ): { variable: OraName; portal: string; rowcount?: string; found?: string; decl?: Extract<Declaration, { kind: 'cursor' }>; setter?: string } | undefined {
    const decl = this.packageCursor(name);
    const ref = this.lookup(name.split('.')[0]) ? undefined : this.packageMember(name.split('.'));
    // A package variable of a REF CURSOR type: the same session portal, opened by OPEN … FOR.
    const refVar = !decl && ref ? ref.info.variables.get(ref.member) : undefined;
    const isRefCursor = !!refVar && !ref!.info.variableFailures.has(ref!.member) && this.refCursorType(refVar.type);
    if ((!decl && !isRefCursor) || !ref) return undefined;
    const schema = this.ectx.mapSchema(ref.info.name);
    const cursor = pgNameOf(ref.member);
    const portal = `${schema}.${cursor}`;
    const variable = `OPG_${schema}_${cursor}`.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
    // A REF CURSOR variable names the cursor last assigned to it (OPEN sets its own portal, an
    // assignment g_cur := f() another one): read through its getter.
    const holds = decl ? quoteLiteral(portal) : `${quoteIdent(this.ectx.mapSchema(ref.info.name))}.${quoteIdent(pgNameOf(ref.member))}()`;
    this.extraDecls.set(`PKGCURSOR:${portal}`, `${quoteIdent(pgNameOf(variable))} refcursor := ${holds};`);
    const state = packageCursorState(ref.info);
    const setting = (what: string) => `${settingPrefix(ref.info.name)}.opg_${cursor.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_${what}`;
    return {
      variable,
      portal,
      rowcount: state.rowcount.has(ref.member) ? setting('rowcount') : undefined,
      found: state.found.has(ref.member) ? setting('found') : undefined,
      ...(decl ? { decl } : { setter: `${quoteIdent(this.ectx.mapSchema(ref.info.name))}.${quoteIdent(`opg_set_${pgNameOf(ref.member)}`)}` }),
    };
  }

  /** Whether `t` is SYS_REFCURSOR or a REF CURSOR type (local, or of a package). */
  private refCursorType(t: DataType): boolean {
    if (t.attribute) return false;
    if (!t.schema && (t.name === 'SYS_REFCURSOR' || this.localTypes.get(t.name) === 'refcursor')) return true;
    const ref = this.packageMember(t.schema ? [t.schema, t.name] : [t.name]);
    const d = ref?.info.typeDecls.find((x) => x.name === ref.member);
    return d?.kind === 'type' && d.def.kind === 'ref-cursor';
  }

  /**
   * PostgreSQL type text with %TYPE resolved to the column's type (composite attributes, array
   * elements and casts cannot use %TYPE); falls back to type() when the column is unknown.
   */
  resolvedType(t: DataType, label: string): string {
    if (t.attribute === 'TYPE') {
      const base = this.oracleType(t);
      if (base) return this.type(base, label);
    }
    // table%ROWTYPE / cursor%ROWTYPE: a type name (rowtypes.ts).
    if (t.attribute === 'ROWTYPE') return rowTypeText(t, label, this) ?? this.type(t, label);
    return this.type(t, label);
  }

  /** PostgreSQL type text for a PL/SQL type. */
  type(t: DataType, label: string): string {
    if (t.ref) {
      // REF type: no object references in PostgreSQL (rules/types.ts maps it, with its finding).
      const sink: Finding[] = [];
      const pg = mapType(t, { column: label, object: this.object, location: this.location, findings: sink });
      this.findings.push(...sink);
      return printType(pg);
    }
    if (t.attribute === 'ROWTYPE' && !t.schema && this.lookup(t.name)?.kind === 'cursor') return 'record';
    // A package cursor's row type is not a relation PostgreSQL knows: its composite type.
    if (t.attribute === 'ROWTYPE' && !t.schema && !this.lookup(t.name) && this.packageCursor(t.name)) return rowTypeText(t, label, this) ?? 'record';
    const dict = this.dictionaryAttribute(t);
    if (dict) return dict === 'record' ? dict : this.type(dict, label);
    if (t.attribute === 'TYPE' || t.attribute === 'ROWTYPE') {
      const parts = [t.schema, t.name].filter(Boolean) as string[];
      // var%TYPE of a local variable, or table.column%TYPE / table%ROWTYPE
      const mapped = parts.map((p, i) =>
        i === 0 && parts.length === 3 ? quoteIdent(this.ectx.mapSchema(p)) : quoteIdent(pgNameOf(p)),
      );
      return `${mapped.join('.')}%${t.attribute}`;
    }
    if (!t.attribute && this.cctx.objectTypes.has(`${t.schema ?? ''}.${t.name}`)) {
      // A type of a hierarchy is held in the hierarchy's composite type (types.ts, objects.ts).
      const r = hierarchyOf(this.cctx, t.schema ? { schema: t.schema, name: t.name } : { name: t.name })?.root ?? t;
      return r.schema ? `${quoteIdent(this.ectx.mapSchema(r.schema))}.${quoteIdent(pgNameOf(r.name))}` : quoteIdent(pgNameOf(r.name));
    }
    if (!t.attribute && !(t.schema === undefined && this.localTypes.has(t.name))) {
      const pkgType = this.packageType(t);
      if (pkgType?.failure) this.fail(`${label}: type ${t.schema ? `${t.schema}.` : ''}${t.name} is not converted (${pkgType.failure})`);
      if (pkgType) return pkgType.text ?? 'record';
    }
    if (!t.schema) {
      const local = this.localTypes.get(t.name);
      if (local) return local;
      if (t.name === 'SYS_REFCURSOR') return 'refcursor';
      const predefined = PREDEFINED_TYPES[t.name];
      if (predefined) return predefined;
    }
    // NUMBER(p[,s]) variables keep precision and scale: Oracle raises VALUE_ERROR on overflow and
    // rounds to the scale, as numeric(p,s) does (an integer type would accept larger values).
    if (t.name === 'NUMBER' && !t.schema && typeof t.args[0] === 'number' && (t.args[1] === undefined || typeof t.args[1] === 'number'))
      return `numeric(${t.args.join(',')})`;
    const builtin = builtinCollection(t);
    if (builtin) return `${this.type(builtin.element, label)}[]`;
    // A ROWID variable holds a ctid here (the ROWID pseudo-column became ctid, OPG-EXPR-0022).
    if (!t.schema && (t.name === 'ROWID' || t.name === 'UROWID')) return 'tid';
    // DBMS_XMLGEN.CTXHANDLE: the context handle is a number here too (xmlgen.ts).
    if (t.schema === 'DBMS_XMLGEN' && t.name === 'CTXHANDLE' && !t.attribute) return 'numeric';
    const sink: Finding[] = [];
    const pg = mapType(t, { column: label, object: this.object, location: this.location, findings: sink, support: this.cctx.supportTypes });
    if (t.schema && BUILTIN_PACKAGE.test(t.schema) && sink.some((f) => f.id === 'OPG-TYPE-0009'))
      this.fail(`${label}: type ${t.schema}.${t.name} of the Oracle built-in package ${t.schema} has no PostgreSQL equivalent`);
    // PL/SQL NUMBER variables and parameters carry no precision: numeric is exact, no finding. An
    // ANYDATA variable holds no stored data (OPG-ANYDATA-0001 is about columns).
    // A type the sources create (CREATE TYPE … AS OBJECT / TABLE OF / VARRAY) is referenced by
    // name as it should be: OPG-TYPE-0009 is for types nobody creates.
    const created = this.createdType(t);
    this.findings.push(...sink.filter((f) => f.id !== 'OPG-TYPE-0001' && f.id !== 'OPG-ANYDATA-0001' && !(created && f.id === 'OPG-TYPE-0009')));
    return printType(pg);
  }

  /** Whether an object or collection type of that name is created by the converted sources. */
  createdType(t: DataType): boolean {
    if (t.attribute) return false;
    return !!objectTypeOf(this.cctx, t) || (!builtinCollection(t) && !!collectionElement(this.cctx, t));
  }

  /** The Oracle type behind %TYPE (table.column%TYPE or variable%TYPE), when known. */
  oracleType(t: DataType, pkg: PackageInfo | undefined = this.pkg): DataType | undefined {
    if (t.attribute === 'ROWTYPE') return undefined;
    if (t.attribute !== 'TYPE') {
      // A SUBTYPE of a package (pkg.subtype, or named alone in its package): its base type.
      const home = t.schema ? this.cctx.packages.get(t.schema) : this.subtypes.has(t.name) ? undefined : pkg;
      const pkgSub = home?.typeDecls.find((d) => d.kind === 'subtype' && d.name === t.name);
      if (pkgSub?.kind === 'subtype') return pkgSub.base === t ? undefined : this.oracleType(pkgSub.base, home);
      if (t.schema) return t;
      if (INTEGER_TYPES.has(t.name)) return INTEGER_T;
      if (/^TIMESTAMP(_TZ|_LTZ)?_UNCONSTRAINED$/.test(t.name)) return { kind: 'datatype', name: 'TIMESTAMP', args: [] };
      const sub = this.subtypes.get(t.name);
      if (sub) return sub === t ? undefined : this.oracleType(sub);
      return this.localTypes.has(t.name) ? undefined : t;
    }
    if (!t.schema) {
      const v = this.lookup(t.name);
      return v?.type && v.type !== t ? this.oracleType(v.type) : undefined;
    }
    const parts = t.schema.split('.');
    const table = parts.length === 2 ? { schema: parts[0], name: parts[1] } : { name: parts[0] };
    const found = this.cctx.findTable(table);
    return found ? found.columns.find((c) => c.name === t.name)?.type : dictionaryColumnType(table, t.name);
  }

  /**
   * view.column%TYPE and view%ROWTYPE of an Oracle dictionary view that rules/dictionary.ts maps
   * (ALL_SOURCE.TEXT%TYPE, NLS_SESSION_PARAMETERS%ROWTYPE): the column's Oracle type, or a record.
   * A table of the sources with the same name wins.
   */
  private dictionaryAttribute(t: DataType): DataType | 'record' | undefined {
    if (t.attribute === 'ROWTYPE') {
      const q = t.schema ? { schema: t.schema, name: t.name } : { name: t.name };
      if (t.schema?.includes('.') || this.cctx.findTable(q) || this.cctx.relationShape(q)) return undefined;
      if (!t.schema && this.lookup(t.name)) return undefined;
      return dictionaryShape(q) ? 'record' : undefined;
    }
    if (t.attribute !== 'TYPE' || !t.schema) return undefined;
    const parts = t.schema.split('.');
    const table = parts.length === 2 ? { schema: parts[0], name: parts[1] } : { name: parts[0] };
    if (this.cctx.relationShape(table)) return undefined;
    if (parts.length === 1 && this.lookup(parts[0])) return undefined;
    return dictionaryColumnType(table, t.name);
  }

  /** Declares parameters in the current scope. */
  declareParams(params: Param[]): void {
    for (const p of params) this.declare(p.name, { kind: this.isCollectionType(p.type) ? 'collection' : 'param', type: p.type });
  }

  /** A nested table / VARRAY type: local, of a package, or created by CREATE TYPE. */
  isCollectionType(t: DataType): boolean {
    if (t.attribute || t.args.length) return false;
    if (collectionElement(this.cctx, t)) return true;
    if (!t.schema && this.localTypes.get(t.name)?.endsWith('[]')) return true;
    return !!this.packageType(t)?.text?.endsWith('[]');
  }

  /** A type of a package (`t` inside the package, `pkg.t` anywhere): its PostgreSQL text or why it is not converted. */
  packageType(t: DataType): { text?: string; failure?: string } | undefined {
    if (t.attribute || t.schema?.includes('.')) return undefined;
    const ref = this.packageMember(t.schema ? [t.schema, t.name] : [t.name]);
    return ref ? packageTypeText(ref.info, ref.member, this.cctx) : undefined;
  }

  declareDecl(d: Declaration): void {
    if (d.kind === 'variable') {
      const fields = this.recordFields(d.type);
      this.declare(d.name, {
        kind: this.isCollectionType(d.type) ? 'collection' : d.type.name === 'SYS_REFCURSOR' ? 'refcursor' : fields ? 'record' : 'variable',
        type: d.type,
        ...(fields ? { fields } : {}),
      });
    } else if (d.kind === 'cursor') this.declare(d.name, { kind: 'cursor', params: d.params, ...(d.query ? { query: d.query } : {}) });
  }

  /** Arguments of a cursor call (OPEN, FOR): omitted trailing arguments take the parameters' defaults. */
  cursorArgs(cursor: OraName, args: Expr[]): string {
    const params = this.lookup(cursor)?.params ?? [];
    const all = [...args];
    for (let i = args.length; i < params.length && params[i].default; i++) all.push(params[i].default!);
    return all.length ? `(${all.map((a) => this.expr(a)).join(', ')})` : '';
  }

  /** A loop's index (integer) or record (fields of the cursor's or query's rows). */
  /** Names of the unit's numeric FOR loop indexes. */
  readonly loopIndexes = new Set<OraName>();
  declareLoopIndex(name: OraName): void {
    this.loopIndexes.add(name);
    this.declare(name, { kind: 'variable', type: INTEGER_T });
  }
  declareLoopRecord(name: OraName, source: { cursor?: OraName; query?: Query }): void {
    const q = source.query ?? (source.cursor ? this.lookup(source.cursor)?.query : undefined);
    this.declare(name, q ? { kind: 'record', fields: this.queryFields(q) } : { kind: 'record' });
  }

  /** Converts a PL/SQL expression to PostgreSQL text. */
  expr(e: Expr): string {
    return printExpr(this.exprNode(e));
  }

  exprNode(e: Expr): Expr {
    const pre = mapExprDeep(e, (x) => this.plsqlNode(x));
    return mapExprDeep(rewriteExpr(pre, this.ectx), (x) => this.nestedField(x) ?? this.builtinCall(x));
  }

  /**
   * The index of an array element (through the PL/SQL pre-pass): a string value (a VARCHAR2
   * variable holding a number) converted to integer as Oracle converts it; PostgreSQL takes only
   * integer subscripts.
   */
  arrayIndex(k: Expr): Expr {
    const index = mapExprDeep(k, (y) => this.plsqlNode(y));
    if (inferType(k, this.ectx).cls !== 'string') return index;
    return { kind: 'pg-cast', operand: { kind: 'paren', expr: index }, type: { kind: 'datatype', name: 'integer', args: [] } };
  }

  /** PostgreSQL text of an expression already through the PL/SQL pre-pass (chains.ts). */
  lowered(e: Expr): string {
    return printExpr(mapExprDeep(rewriteExpr(e, this.ectx), (x) => this.nestedField(x) ?? this.builtinCall(x)));
  }

  /**
   * A call of an Oracle built-in package function that no rule mapped (DBMS_UTILITY.X(…)): kept as
   * written, so the routine compiles and the statement fails when it runs (schema "dbms_utility"
   * does not exist), and reported. In a package initialization section (`builtinCallsRaise` off)
   * the section is not converted instead: failing there would make the whole package unusable.
   */
  private builtinCall(x: Expr): undefined {
    // PKG.F(…), or PKG.F without parentheses (a parameterless function or a package constant).
    const parts = x.kind === 'call' ? x.name : x.kind === 'column' && !x.parts.some((p) => p.startsWith('%')) ? x.parts : undefined;
    if (!parts || parts.length < 2 || this.lookup(parts[0])) return undefined;
    // table.column of a table of the sources named like a package (UTL_CONFIG.VALUE in SQL)
    if (x.kind === 'column' && (this.cctx.findTable({ name: parts[0] }) || this.cctx.views.has(`.${parts[0]}`))) return undefined;
    const name = parts[0] === 'SYS' ? parts.slice(1) : parts;
    if (name.length !== 2 || !BUILTIN_PACKAGE.test(name[0]) || this.packageMember(name)) return undefined;
    if (!this.builtinCallsRaise) this.fail(`${name.join('.')} is an Oracle built-in package function`);
    else
      this.report('OPG-PLSQL-0010', {
        detail: `${name.join('.')} is an Oracle built-in package ${x.kind === 'call' ? 'function' : 'function or constant'} with no PostgreSQL equivalent; the call is kept as written and fails when the statement runs`,
      });
    return undefined;
  }

  /**
   * `v.a.b` where v is a variable or parameter: PL/pgSQL resolves `v.a` itself but hands longer
   * chains to the SQL parser, which reads them as table.column.field ("missing FROM-clause entry");
   * `(v.a).b` selects the field of the composite value. Assignment targets print fields unparenthesized.
   */
  nestedField(x: Expr): Expr | undefined {
    if (x.kind !== 'column' || x.parts.length < 3 || x.parts.some((p) => p.startsWith('%'))) return undefined;
    const v = this.lookup(x.parts[0]);
    if (!v || v.kind === 'cursor' || v.kind === 'refcursor') return undefined;
    let out: Expr = { kind: 'column', parts: x.parts.slice(0, 2) };
    for (const f of x.parts.slice(2)) out = { kind: 'field', operand: out, field: f };
    return out;
  }

  /** PL/SQL-only expression nodes → PostgreSQL ones (before the SQL expression rules). */
  private plsqlNode(x: Expr): Expr | undefined {
    if (this.inEventTrigger) {
      const ev = eventAttribute(x, (name) => this.fail(`event attribute function ${name} has no value on PostgreSQL's DDL events`));
      if (ev) return ev;
    } else if (
      (x.kind === 'column' && ((x.parts.length === 1 && !this.lookup(x.parts[0])) || (x.parts.length === 2 && x.parts[0] === 'SYS'))) ||
      (x.kind === 'call' && !x.args.length)
    ) {
      // Outside an event trigger (a routine the trigger calls): the values it publishes.
      const ev = eventAttribute(x, () => undefined, false);
      if (ev) return ev;
    }
    if (oraSqlTxtArg(x))
      this.fail('ORA_SQL_TXT is converted only as an assignment `n := ORA_SQL_TXT(list)` (it fills its OUT list)');
    const special = bulkAttribute(x, this) ?? mapExpr(x, this) ?? jsonExpr(x, this) ?? anydataExpr(x, this);
    if (special) return special;
    const pkg = builtinPackageExpr(x, this, (y) => mapExprDeep(y, (z) => this.plsqlNode(z)));
    if (pkg) return pkg;
    const obj = lowerObjectExpr(x, this, (y) => mapExprDeep(y, (z) => this.plsqlNode(z)));
    if (obj) return obj;
    // Fields, elements and collection methods on a typed value (chains.ts).
    const chain = lowerChain(x, this, (y) => mapExprDeep(y, (z) => this.plsqlNode(z)));
    if (chain) return chain;
    const col = (...parts: string[]): Expr => ({ kind: 'column', parts });
    if (x.kind === 'call' || (x.kind === 'column' && x.parts.length === 1)) {
      // A nested subprogram lifted to a routine of its own.
      const lifted = nestedName(this, x.kind === 'call' ? x.name : x.parts);
      if (lifted) {
        if (assignsEnclosing(lifted))
          this.fail(
            `nested function ${lifted.unit?.name.name} assigns ${lifted.extra.filter((p) => p.mode !== 'IN').map((p) => p.name).join(', ')} of the enclosing unit: it returns them with its result (a record), so only v := ${lifted.unit?.name.name}(…) is converted, not a call inside an expression`,
          );
        // Arguments converted as Oracle converts them to the parameter types (implicit-text.ts).
        const given = x.kind === 'call' && lifted.unit ? textArgs(lifted.unit, x.args, this, true) : x.kind === 'call' ? x.args : [];
        const args = given.map((a) => ({ ...a, value: mapExprDeep(a.value, (y) => this.plsqlNode(y)) }));
        return { kind: 'call', name: [...(lifted.name.schema ? [lifted.name.schema] : []), lifted.name.name], args: [...args, ...extraArgs(lifted)] };
      }
    }
    if (x.kind === 'column') {
      const last = x.parts[x.parts.length - 1];
      if (last.startsWith('%')) return this.cursorAttribute(x.parts.slice(0, -1), last.slice(1));
      const ref = x.parts.length <= 2 ? this.packageMember(x.parts) : undefined;
      if (ref) {
        const constant = ref.info.constants.get(ref.member);
        if (constant) return constant;
        const failed = ref.info.variableFailures.get(ref.member);
        if (failed) this.fail(`package variable ${ref.info.name}.${ref.member} is not converted (${failed})`);
        // Package variables are read through their getter; parameterless member functions are calls.
        if (ref.info.variables.has(ref.member) || ref.info.members.get(ref.member) === 'function')
          return { kind: 'call', name: [ref.info.name, ref.member], args: [] };
      }
      // A field of a package record / object variable: of the getter's value.
      if (!['FIRST', 'LAST', 'COUNT', 'LIMIT'].includes(last)) {
        const path = this.packageVariablePath(x.parts);
        if (path) return path.expr;
      }
      if (x.parts.length === 1 && this.trigger) {
        const op = { INSERTING: 'INSERT', UPDATING: 'UPDATE', DELETING: 'DELETE' }[x.parts[0]];
        if (op && !this.lookup(x.parts[0]))
          return { kind: 'binary', op: '=', left: col('TG_OP'), right: { kind: 'literal', type: 'string', value: op } };
      }
      if (x.parts.length === 1) this.triggerPredicateOutside(x.parts[0]);
      if (x.parts.length === 1 && x.parts[0] === 'SQLCODE' && !this.lookup('SQLCODE')) {
        // Outside a handler SQLCODE is 0 (PL/pgSQL has no SQLSTATE there).
        if (!this.handlerDepth) return { kind: 'literal', type: 'number', value: '0' };
        this.report('OPG-PLSQL-0003', {
          detail:
            'SQLCODE became an Oracle error number computed from SQLSTATE (ORA-20xxx application errors, predefined exceptions and the mapped ORA- errors; NULL for other PostgreSQL errors)',
        });
        return { kind: 'pg-cast', operand: { kind: 'pseudo', name: sqlcodeText() }, type: { kind: 'datatype', name: 'integer', args: [] } };
      }
      if (x.parts.length === 1 && x.parts[0] === 'SQLERRM' && !this.lookup('SQLERRM')) {
        if (!this.handlerDepth) return { kind: 'literal', type: 'string', value: 'ORA-0000: normal, successful completion' };
        return { kind: 'pseudo', name: SQLERRM_TEXT };
      }
      if (this.trigger && x.parts.length === 2) {
        const ref = this.trigger.referencing;
        if (ref?.new && x.parts[0] === ref.new) return col('NEW', x.parts[1]);
        if (ref?.old && x.parts[0] === ref.old) return col('OLD', x.parts[1]);
      }
      // In a method, an attribute of SELF may be named alone (in SQL only when no table of the
      // sources has a column of that name, which Oracle would take first).
      if (x.parts[0] !== 'SELF' && this.isSelfAttribute(x.parts[0]) && !(this.inSql && this.anyTableHas(x.parts[0])))
        return this.plsqlNode(col('SELF', ...x.parts)) ?? col('SELF', ...x.parts);
      if (x.parts.length >= 2 && ['FIRST', 'LAST', 'COUNT', 'LIMIT'].includes(last)) {
        const c = this.collectionOf(x.parts.slice(0, -1));
        // LIMIT: a VARRAY's maximum size; NULL for nested tables and INDEX BY tables.
        const limit = c && last === 'LIMIT' ? this.varrayLimit(c.type) : undefined;
        if (limit !== undefined) return num(String(limit));
        const named = x.parts.length === 2 ? x.parts[0] : undefined;
        if (c && (last === 'FIRST' || last === 'LAST') && this.sparseVariable(named, c.type)) return this.sparse(last, c.expr);
        // COUNT of a collection the unit makes sparse: the elements holding a value (sparse-use.ts).
        if (c && last === 'COUNT' && named && this.sparseUsed.has(named) && this.sparseVariable(named, c.type)) return this.sparse('COUNT', c.expr);
        if (c) return collectionAttribute(c.expr, last);
      }
      return undefined;
    }
    if (x.kind === 'bind' && this.trigger) {
      const ref = this.trigger.referencing;
      const name = x.name === (ref?.new ?? 'NEW') ? 'NEW' : x.name === (ref?.old ?? 'OLD') ? 'OLD' : undefined;
      if (name && x.path) return col(name, ...x.path);
      if (name) return col(name);
    }
    if (x.kind === 'call' && x.name.length === 1 && this.trigger && x.name[0] === 'UPDATING' && x.args.length === 1) {
      const c = x.args[0].value;
      if (c.kind === 'literal' && c.type === 'string') {
        this.report('OPG-PLSQL-0009', {
          detail: `UPDATING('${c.value}') became "the column value changed" (Oracle tests whether the column was in the SET list, even with an unchanged value)`,
        });
        const column = c.value.toUpperCase();
        const unchanged: Expr = { kind: 'binary', op: 'IS NOT DISTINCT FROM', left: col('NEW', column), right: col('OLD', column) };
        return {
          kind: 'paren',
          expr: {
            kind: 'binary',
            op: 'AND',
            left: { kind: 'binary', op: '=', left: col('TG_OP'), right: { kind: 'literal', type: 'string', value: 'UPDATE' } },
            right: { kind: 'unary', op: 'NOT', operand: { kind: 'paren', expr: unchanged } },
          },
        };
      }
    }
    if (x.kind === 'binary' && (x.op === '=' || x.op === '<>')) {
      // SQLCODE = -n → SQLSTATE = '<code of ORA-n>' (the usual "ignore ORA-00942" idiom).
      const isCode = (e: Expr) => e.kind === 'column' && e.parts.length === 1 && e.parts[0] === 'SQLCODE' && !this.lookup('SQLCODE');
      const numOf = (e: Expr): number | undefined =>
        e.kind === 'literal' && e.type === 'number'
          ? Number(e.value)
          : e.kind === 'unary' && e.op === '-' && e.operand.kind === 'literal' && e.operand.type === 'number'
            ? -Number(e.operand.value)
            : undefined;
      const [code, n] = isCode(x.left) ? [x.left, numOf(x.right)] : isCode(x.right) ? [x.right, numOf(x.left)] : [undefined, undefined];
      if (code && n !== undefined && this.handlerDepth) {
        const states = sqlcodeStates(n);
        if (states) {
          this.report('OPG-PLSQL-0003', { detail: `SQLCODE ${x.op} ${n} became SQLSTATE ${states.length > 1 ? `${x.op === '=' ? '' : 'NOT '}IN ('${states.join("', '")}')` : `${x.op} '${states[0]}'`}` });
          const str = (v: string): Expr => ({ kind: 'literal', type: 'string', value: v });
          if (states.length > 1) return { kind: 'in', operand: col('SQLSTATE'), list: states.map(str), not: x.op === '<>' };
          return { ...x, left: col('SQLSTATE'), right: str(states[0]) };
        }
      }
    }
    if (x.kind === 'call' && x.name.length <= 2 && x.args.length === 1 && !x.args[0].name) {
      // pkg_collection(i): an element of a package variable (read through its getter).
      const ref = this.packageMember(x.name);
      if (ref && (x.name.length === 2 || !this.lookup(x.name[0])) && (ref.info.variables.has(ref.member) || ref.info.variableFailures.has(ref.member))) {
        const failed = ref.info.variableFailures.get(ref.member);
        if (failed) this.fail(`package variable ${ref.info.name}.${ref.member} is not converted (${failed})`);
        const index = this.arrayIndex(x.args[0].value);
        const getter: Expr = { kind: 'call', name: [ref.info.name, ref.member], args: [] };
        const type = ref.info.variables.get(ref.member)?.type;
        if (x.name.length === 1 && type && this.raisingReads && this.sparseUsed.has(x.name[0]) && this.isSparse(type)) return this.checkedElement(x.name[0], getter, index);
        return { kind: 'subscript', operand: { kind: 'paren', expr: getter }, index };
      }
    }
    if (x.kind === 'call' && x.name.length <= 2) {
      const ref = this.packageMember(x.name);
      const unit = ref?.info.subprograms.get(ref.member);
      if (ref && unit && (x.name.length === 2 || !this.lookup(x.name[0]))) {
        noteCall(this, ref.info.name, ref.member);
        // Oracle converts arguments implicitly; PostgreSQL resolves overloads by type: cast to the
        // parameter types of the overload Oracle runs (overload-resolution.ts).
        const overloads = ref.info.overloads?.get(ref.member) ?? [unit];
        const call = castCallArgs(overloads, x.args, this, 'function', `${ref.info.name}.${ref.member}`, (v) => mapExprDeep(v, (y) => this.plsqlNode(y)), ref.info);
        if (hasOutParams(call.unit ?? unit))
          this.fail(`call of ${ref.info.name}.${ref.member}, a function with OUT parameters, inside an expression (only v := f(…) is converted: assign the result to a variable first)`);
        this.noteSqlCall(`${ref.info.name}.${ref.member}`, call.unit ?? unit);
        return { ...x, name: [ref.info.name, ref.member], args: call.args };
      }
    }
    const standalone = x.kind === 'call' && !x.name[0].startsWith('OPG_') ? standaloneUnit(x.name, this) : undefined;
    if (standalone && x.kind === 'call') {
      this.noteSqlCall(standalone.name.name, standalone);
      // Oracle converts arguments implicitly; PostgreSQL finds no function for a number passed
      // to a varchar parameter (implicit-text.ts).
      const args = textArgs(standalone, x.args, this, true);
      return { ...x, args: args.map((a) => ({ ...a, value: mapExprDeep(a.value, (y) => this.plsqlNode(y)) })) };
    }
    if (x.kind === 'call' && x.name.length <= 2) {
      // Object types: obj.method(args) → TYPE_METHOD(obj, args); TYPE(args) → its constructor
      // function, or a row of the attributes when the type has no constructor of its own.
      const args = () => x.args.map((a) => ({ ...a, value: mapExprDeep(a.value, (y) => this.plsqlNode(y)) }));
      if (x.name.length === 2) {
        const v = this.lookup(x.name[0]);
        const typeName = v?.type && !v.type.attribute ? v.type.name : undefined;
        if (typeName && this.cctx.objectMethods.get(typeName)?.has(x.name[1]))
          return { ...x, name: [`${typeName}_${x.name[1]}`], args: [{ value: col(x.name[0]) }, ...args()] };
      } else if (!this.lookup(x.name[0])) {
        const t = x.name[0];
        if (this.cctx.objectMethods.get(t)?.has(t)) return { ...x, name: [`${t}_${t}`], args: args() };
        const attrs = this.cctx.objectTypes.get(`.${t}`);
        if (attrs)
          return {
            kind: 'pg-cast',
            // ROW(…)::type truncates a longer character value: checked as Oracle raises VALUE_ERROR.
            operand: {
              kind: 'call',
              name: ['row'],
              args: args().map((a, i) => ({
                ...a,
                value: charFit(a.value, x.args[i].value, charLimit(attrs[i]?.type), this.ectx, () => this.cctx.supportTypes.add(CHAR_FIT), attributeText(x.name, attrs[i])),
              })),
            },
            type: { kind: 'datatype', name: quoteIdent(pgNameOf(t)), args: [] },
          };
      }
    }
    if (x.kind === 'call' && x.name.length <= 2 && !this.lookup(x.name[0])) {
      // Built-in package functions with an equivalent (DBMS_LOB, DBMS_ASSERT, EMPTY_CLOB …).
      const mapped = { ...x, args: x.args.map((a) => ({ ...a, value: mapExprDeep(a.value, (y) => this.plsqlNode(y)) })) };
      const builtin = builtinFunction(mapped, {
        report: (id, args) => this.report(id, args),
        fail: (detail) => this.fail(detail),
        // the argument as written (the mapped one may hold PostgreSQL nodes)
        typeClass: (e) => inferType(x.args[mapped.args.findIndex((a) => a.value === e)]?.value ?? e, this.ectx).cls,
      });
      if (builtin) return builtin;
    }
    if (x.kind === 'call' && x.name.length <= 2 && !(x.name.length === 1 && this.lookup(x.name[0]))) {
      // Qualified expressions: record types, index choices (qualified.ts).
      const q = qualifiedExpression(x, this);
      if (q) return q;
    }
    if (x.kind === 'call' && x.name.length <= 2 && !x.args.some((a) => a.name) && !(x.name.length === 1 && this.lookup(x.name[0]))) {
      // Collection constructor TYPE(a, b, …) → ARRAY[a, b, …]::type; TYPE() → '{}'::type.
      const t: DataType = { kind: 'datatype', name: x.name[x.name.length - 1], args: [], ...(x.name.length === 2 ? { schema: x.name[0] } : {}) };
      if (this.isCollectionType(t) && !(x.name.length === 2 && this.lookup(x.name[0]))) {
        const type = this.type(t, t.name);
        // ARRAY[…]::varchar(n)[] truncates a longer element: checked as Oracle raises VALUE_ERROR.
        const element = elementOf(t, this)?.element;
        const limit = charLimit(element);
        const items = x.args.map((a) => {
          const item = this.expr(a.value);
          const pseudo: Expr = { kind: 'pseudo', name: item };
          const fit = charFit(pseudo, a.value, limit, this.ectx, () => this.cctx.supportTypes.add(CHAR_FIT), attributeText(x.name, undefined, element));
          if (fit === pseudo) return item;
          const arg = fit.kind === 'call' ? fit.args[0].value : pseudo;
          return `${CHAR_FIT}(${arg === pseudo ? item : arg.kind === 'pseudo' ? arg.name : `(${item})::text`}, ${limit})`;
        });
        return { kind: 'pseudo', name: items.length ? `ARRAY[${items.join(', ')}]::${type}` : `'{}'::${type}` };
      }
    }
    if (x.kind === 'call' && x.name.length === 1 && x.name[0] === 'SQLERRM' && x.args.length === 1 && !x.args[0].name && !this.lookup('SQLERRM')) {
      // SQLERRM(code): the message of an error number (opg_sqlerrm, created before the unit).
      if (!this.preStatements.includes(SQLERRM_HELPER)) this.preStatements.push(SQLERRM_HELPER);
      const arg = x.args[0].value;
      const code = mapExprDeep(arg, (y) => this.plsqlNode(y));
      const call: Expr = { kind: 'call', name: ['opg_sqlerrm'], args: [{ value: code }] };
      const literal = arg.kind === 'literal' && arg.type === 'number' ? Number(arg.value) : arg.kind === 'unary' && arg.op === '-' && arg.operand.kind === 'literal' && arg.operand.type === 'number' ? -Number(arg.operand.value) : undefined;
      const ofSqlcode = arg.kind === 'column' && arg.parts.length === 1 && arg.parts[0] === 'SQLCODE' && !this.lookup('SQLCODE');
      if (literal === undefined || !knownSqlerrm(literal))
        this.report('OPG-PLSQL-0003', {
          detail: `SQLERRM(${literal ?? 'code'}) gives Oracle's message for application errors (-20000 … -20999: 'ORA-20nnn: ') and for the predefined exceptions and common ORA- errors; for another error number only its 'ORA-nnnnn: ' prefix${ofSqlcode ? " (in a handler, an error with no ORA- number gives PostgreSQL's message)" : ''}`,
        });
      // In a handler, SQLCODE of a PostgreSQL error with no ORA- number is NULL: its message then.
      if (ofSqlcode && this.handlerDepth)
        return { kind: 'call', name: ['coalesce'], args: [{ value: call }, { value: { kind: 'pseudo', name: SQLERRM_TEXT } }] };
      return call;
    }
    if (x.kind === 'call' && x.name.length === 1 && x.name[0] === 'UPDATING' && x.args.length === 1) this.triggerPredicateOutside('UPDATING');
    // c.COUNT() / c.FIRST() … written with empty parentheses.
    if (x.kind === 'call' && !x.args.length && x.name.length >= 2 && ['FIRST', 'LAST', 'COUNT', 'LIMIT'].includes(x.name[x.name.length - 1]))
      return this.plsqlNode({ kind: 'column', parts: x.name });
    if (x.kind === 'call' && x.args.length === 1 && !x.args[0].name) {
      // The index as an integer (a VARCHAR2 variable holding an index is converted, as in Oracle).
      const index = () => this.arrayIndex(x.args[0].value);
      // c(i): an element of a collection (variable, package variable, record or object attribute).
      const whole = this.collectionOf(x.name);
      // A read of an element of an INDEX BY table the unit fills by key (a cache keyed by ids):
      // NO_DATA_FOUND when it has no such element, as in Oracle (an array gives NULL).
      // The subscript is checked (opg_sparse_key gives it back), so the element keeps its type.
      if (whole && this.raisingReads && x.name.length === 1 && this.sparseUsed.has(x.name[0]) && this.isSparse(whole.type))
        return this.checkedElement(x.name[0], whole.expr, index());
      // One filled densely, read in a block that handles NO_DATA_FOUND: a key outside the
      // array's bounds raises it, as Oracle raises it for a key the table does not have.
      if (whole && this.raisingReads && this.noDataFoundHandlers > 0 && x.name.length === 1 && this.isSparse(whole.type))
        return this.boundedElement(whole.expr, index());
      if (whole) return { kind: 'subscript', operand: whole.expr.kind === 'call' ? { kind: 'paren', expr: whole.expr } : whole.expr, index: this.arrayIndex(x.args[0].value) };
      const method = x.name[x.name.length - 1];
      const c = x.name.length >= 2 && ['EXISTS', 'NEXT', 'PRIOR'].includes(method) ? this.collectionOf(x.name.slice(0, -1)) : undefined;
      if (c && this.sparseVariable(x.name.length === 2 ? x.name[0] : undefined, c.type)) return this.sparse(method, c.expr, index());
      if (c) return collectionMethod(c.expr, method, index());
    }
    return undefined;
  }

  /**
   * An INDEX BY integer table (declared in the unit or in a package): sparse in Oracle, an array
   * here whose gaps are NULL elements.
   */
  /** The declared size of a VARRAY type (local, of a package, or CREATE TYPE); undefined for other types. */
  varrayLimit(t: DataType): number | undefined {
    if (t.attribute || t.args.length || t.schema?.includes('.')) return undefined;
    if (!t.schema && this.localTypes.has(t.name)) return this.localVarrays.get(t.name);
    const ref = this.packageMember(t.schema ? [t.schema, t.name] : [t.name]);
    const d = ref?.info.typeDecls.find((x) => x.name === ref.member);
    if (d?.kind === 'type') return d.def.kind === 'varray' ? d.def.size : undefined;
    const limits = varrayLimits.get(this.cctx);
    const exact = limits?.get(`${t.schema ?? ''}.${t.name}`);
    if (exact !== undefined || t.schema) return exact;
    return limits && [...limits].find(([k]) => k.endsWith(`.${t.name}`))?.[1];
  }

  /**
   * The collection `name` (a variable of the unit, when named alone) of type `t` may have gaps: an
   * INDEX BY table, or a nested table the unit deletes elements of (DELETE(i) keeps a placeholder
   * that EXTEND and TRIM count, as a NULL element does here).
   */
  sparseVariable(name: OraName | undefined, t: DataType): boolean {
    if (this.isSparse(t)) return true;
    if (!name || !this.lookup(name) || !this.sparseUsed.has(name)) return false;
    // One the unit also EXTENDs is left out: after EXTEND, c(c.LAST) := v would find the new
    // (NULL) element a gap.
    if (!this.isCollectionType(t) || this.varrayLimit(t) !== undefined || this.collectionMethods.has(`EXTEND ${name}`) || !this.collectionMethods.has(`DELETE ${name}`)) return false;
    const detail = `${this.object}: elements of the nested table ${name} are deleted: it is an array whose deleted elements are NULL elements (COUNT, FIRST, LAST, NEXT, PRIOR and EXISTS skip them as Oracle skips deleted ones, EXTEND and TRIM count them as Oracle does), but TABLE(${name}), the MULTISET operators, SET, CARDINALITY, MEMBER OF and = see them as NULL elements, and an element holding NULL is skipped too`;
    if (!this.findings.some((f) => f.id === 'OPG-PLSQL-0031' && f.message === detail)) this.report('OPG-PLSQL-0031', { detail });
    return true;
  }

  isSparse(t: DataType): boolean {
    const builtin = builtinCollection(t);
    if (builtin) return builtin.sparse;
    if (t.attribute || t.args.length || t.schema?.includes('.')) return false;
    if (!t.schema && this.localTypes.has(t.name)) return this.sparseTypes.has(t.name);
    const ref = this.packageMember(t.schema ? [t.schema, t.name] : [t.name]);
    const d = ref?.info.typeDecls.find((x) => x.name === ref.member);
    return d?.kind === 'type' && d.def.kind === 'table' && !!d.def.indexBy && !!this.packageType(t)?.text?.endsWith('[]');
  }

  /**
   * FIRST / LAST / EXISTS(i) / NEXT(i) / PRIOR(i) of an INDEX BY table held as an array: the
   * indexes whose element is not NULL (opg_sparse_* helpers, created before the unit), so a loop
   * over a sparse collection skips its gaps as in Oracle. COUNT stays the array's length: a dense
   * array filled by BULK COLLECT may hold NULL values, and loops FOR i IN 1 .. c.COUNT must see them.
   */
  sparse(what: string, c: Expr, i?: Expr): Expr {
    const fn = `opg_sparse_${what.toLowerCase()}`;
    const helper = SPARSE_HELPERS[fn];
    if (!this.preStatements.includes(helper)) this.preStatements.push(helper);
    this.sparseFinding();
    const args = [{ value: c }, ...(i ? [{ value: { kind: 'pg-cast', operand: { kind: 'paren', expr: i }, type: { kind: 'datatype', name: 'integer', args: [] } } as Expr }] : [])];
    return { kind: 'call', name: [fn], args };
  }

  /**
   * Element `i` of the INDEX BY table `c` (named `name`) read with Oracle's NO_DATA_FOUND when it
   * has no such element: the subscript is checked (opg_sparse_key gives it back), so the element
   * keeps its type.
   */
  private checkedElement(name: OraName, c: Expr, i: Expr): Expr {
    const detail = `${this.object}: reading an element of ${name}, an INDEX BY table filled by key, raises NO_DATA_FOUND when the element is missing, as in Oracle; an element holding NULL is taken for a missing one (a gap is a NULL element here)`;
    if (!this.findings.some((f) => f.id === 'OPG-PLSQL-0031' && f.message === detail)) this.report('OPG-PLSQL-0031', { detail });
    // coalesce: PostgreSQL does not evaluate the subscript of a NULL array (never assigned).
    const operand: Expr = { kind: 'call', name: ['coalesce'], args: [{ value: c }, { value: { kind: 'literal', type: 'string', value: '{}' } }] };
    return { kind: 'subscript', operand: { kind: 'paren', expr: operand }, index: this.sparse('KEY', c, i) };
  }

  /**
   * Element `i` of an INDEX BY table filled densely: NO_DATA_FOUND when `i` is outside the array's
   * bounds (opg_dense_key gives the subscript back; a NULL element inside them stays a value).
   */
  private boundedElement(c: Expr, i: Expr): Expr {
    if (!this.preStatements.includes(DENSE_KEY_HELPER)) this.preStatements.push(DENSE_KEY_HELPER);
    const operand: Expr = { kind: 'call', name: ['coalesce'], args: [{ value: c }, { value: { kind: 'literal', type: 'string', value: '{}' } }] };
    const key: Expr = { kind: 'pg-cast', operand: { kind: 'paren', expr: i }, type: { kind: 'datatype', name: 'integer', args: [] } };
    return { kind: 'subscript', operand: { kind: 'paren', expr: operand }, index: { kind: 'call', name: ['opg_dense_key'], args: [{ value: c }, { value: key }] } };
  }

  /** Blocks being emitted whose handlers catch NO_DATA_FOUND (statements.ts emitBlock). */
  noDataFoundHandlers = 0;

  private sparseFinding(): void {
    if (!this.findings.some((f) => f.id === 'OPG-PLSQL-0031'))
      this.report('OPG-PLSQL-0031', {
        detail: `${this.object}: the INDEX BY tables of this unit are PostgreSQL arrays; FIRST, LAST, EXISTS, NEXT and PRIOR take a NULL element for a gap (an element deleted or never assigned), so an element holding NULL is skipped too; COUNT is the number of elements holding a value for a collection the unit makes sparse (DELETE(i), assignment by a key such as c(r.id)), else the array's length between the first and the last element (gaps and NULL values included)`,
      });
  }

  /**
   * INSERTING / UPDATING / DELETING (UPDATING('col')) outside a trigger body: Oracle answers them in
   * any routine a DML trigger runs; PostgreSQL has the event (TG_OP) only in the trigger function.
   * Reported, never passed through as a name PostgreSQL does not know.
   */
  private triggerPredicateOutside(name: OraName): void {
    if (this.trigger || !['INSERTING', 'UPDATING', 'DELETING'].includes(name)) return;
    if (this.lookup(name) || this.packageMember([name]) || this.cctx.routines.has(name) || (this.inSql && this.anyTableHas(name))) return;
    this.fail(
      `${name} outside a trigger body (in a routine a trigger calls): PostgreSQL has the triggering event (TG_OP) only in the trigger function; pass it from the trigger as a parameter`,
    );
  }

  /** Expressions being converted are inside a SQL statement (set by the statement emitter). */
  inSql = false;

  /** The procedure of the sources called since the unit's last SQL statement, which runs SQL itself (statements.ts noteImplicitCursor). */
  sqlCursorAfterCall: string | undefined;

  /**
   * A call of function `name` of the sources: inside a SQL statement, a NO_DATA_FOUND it lets
   * escape gives NULL in Oracle, an error here (ndf-in-sql.ts); reported once per function.
   */
  noteSqlCall(name: string, unit: Subprogram): void {
    if (!this.inSql) return;
    const what = unhandledNoDataFound(unit);
    if (!what) return;
    const detail = `${this.object} calls ${name} inside a SQL statement; ${name} lets NO_DATA_FOUND escape (${what}): called from SQL, Oracle gives NULL for the call and the statement goes on, PostgreSQL raises no_data_found`;
    if (!this.findings.some((f) => f.id === 'OPG-PLSQL-0074' && f.message === detail)) this.report('OPG-PLSQL-0074', { detail });
  }

  /** The unit calls DBMS_OUTPUT.PUT (partial lines): PUT_LINE and NEW_LINE send the pending text. */
  usesPut = false;

  /**
   * The expression being converted is a value read by an assignment, RETURN or IF: an element of
   * an INDEX BY table the unit fills by key is read with NO_DATA_FOUND when missing (not a target
   * nor an OUT argument, which must stay an element).
   */
  raisingReads = false;

  /** 'EXTEND c' / 'DELETE c': collection variables the unit EXTENDs / deletes elements of (sparse-use.ts). */
  readonly collectionMethods = new Set<string>();

  /** Collection variables the unit makes sparse (element DELETE, assignment by key): sparse-use.ts. */
  sparseUsed = new Set<OraName>();

  /** Some table of the sources has a column of this name. */
  anyTableHas(column: OraName): boolean {
    for (const t of this.cctx.tables.values()) if (t.columns.some((c) => c.name === column)) return true;
    return false;
  }

  /**
   * In a type body, the type of a name used without `self.`: an attribute of SELF, or a member
   * function without parameters called without parentheses (for the type-dependent rules:
   * LENGTH(n), NVL(f, 0) …).
   */
  private selfMemberType(name: OraName): DataType | undefined {
    if (!this.lookup('SELF') || this.packageMember([name])) return undefined;
    const t = staticType({ kind: 'column', parts: ['SELF', name] }, this);
    return t && this.oracleType(t);
  }

  /** A name that is an attribute of SELF's object type and nothing declared in the unit. */
  isSelfAttribute(name: OraName): boolean {
    const self = this.lookup('SELF')?.type;
    if (!self || self.attribute || this.lookup(name) || this.packageMember([name])?.info.variables.has(name)) return false;
    const attrs = this.cctx.objectTypes.get(`${self.schema ?? ''}.${self.name}`) ?? this.cctx.objectTypes.get(`.${self.name}`);
    return !!attrs?.some((a) => a.name === name);
  }

  /**
   * The collection a name path refers to: a local collection variable or parameter, a package
   * variable of a collection type (read through its getter), or a collection-typed field of a
   * record or object variable (self.items). Undefined for anything else.
   */
  collectionOf(parts: OraName[]): { expr: Expr; type: DataType; packageVar?: { info: PackageInfo; name: OraName }; writeBack?: Expr } | undefined {
    const col = (...p: string[]): Expr => ({ kind: 'column', parts: p });
    if (!parts.length || parts.some((p) => p.startsWith('%'))) return undefined;
    if (parts[0] !== 'SELF' && this.isSelfAttribute(parts[0]) && !(this.inSql && this.anyTableHas(parts[0]))) return this.collectionOf(['SELF', ...parts]);
    const v = this.lookup(parts[0]);
    if (v) {
      if (parts.length === 1) return v.kind === 'collection' && v.type ? { expr: col(parts[0]), type: v.type } : undefined;
      // rec.field / self.attr of an object type
      let t = v.type;
      for (const f of parts.slice(1)) {
        const attrs = t && !t.attribute ? this.cctx.objectTypes.get(`${t.schema ?? ''}.${t.name}`) ?? this.cctx.objectTypes.get(`.${t.name}`) ?? recordFields(t, this) : undefined;
        t = attrs?.find((a) => a.name === f)?.type;
        if (!t) return undefined;
      }
      if (!t || !this.isCollectionType(t)) return undefined;
      // A collection attribute stored as jsonb is read back (recursive-types.ts).
      return { expr: readChain(parts, this, (y) => mapExprDeep(y, (z) => this.plsqlNode(z))) ?? col(...parts), type: t };
    }
    const path = this.packageVariablePath(parts);
    if (path) {
      // pkg.rec.coll / rec.coll of a package record variable: the field of the getter's value;
      // written back by an assignment to the name path (assign.ts: read, change, write).
      let t: DataType | undefined = path.type;
      for (const f of path.fields) {
        const attrs: { name: OraName; type: DataType }[] | undefined =
          t && !t.attribute ? this.cctx.objectTypes.get(`${t.schema ?? ''}.${t.name}`) ?? this.cctx.objectTypes.get(`.${t.name}`) ?? recordFields(t, this) : undefined;
        t = attrs?.find((a) => a.name === f)?.type;
        if (!t) return undefined;
      }
      if (!t || !this.isCollectionType(t)) return undefined;
      return { expr: path.expr, type: t, writeBack: { kind: 'column', parts } };
    }
    if (parts.length > 2) return undefined;
    const ref = this.packageMember(parts);
    const d = ref?.info.variables.get(ref.member);
    if (!ref || !d || !this.isCollectionType(d.type) || ref.info.variableFailures.has(ref.member)) return undefined;
    return { expr: { kind: 'call', name: [ref.info.name, ref.member], args: [] }, type: d.type, packageVar: { info: ref.info, name: ref.member } };
  }

  /**
   * `pkg.v.f…` or, in the package, `v.f…`: fields of a package variable (a record or an object),
   * read as fields of its getter's value, `(pkg.v()).f`. Undefined when the name path does not
   * start with a package variable followed by at least one field.
   */
  packageVariablePath(parts: OraName[]): { expr: Expr; type: DataType; fields: OraName[] } | undefined {
    if (parts.length < 2 || this.lookup(parts[0]) || parts.some((p) => p.startsWith('%'))) return undefined;
    for (const k of [2, 1]) {
      if (parts.length <= k) continue;
      const ref = this.packageMember(parts.slice(0, k));
      const d = ref?.info.variables.get(ref.member);
      if (!ref || !d || ref.info.variableFailures.has(ref.member)) continue;
      if (k === 1 && this.packageMember(parts.slice(0, 2))) return undefined;
      let expr: Expr = { kind: 'call', name: [ref.info.name, ref.member], args: [] };
      let t: DataType | undefined = d.type;
      for (const f of parts.slice(k)) {
        const q = objectTypeOf(this.cctx, t);
        expr = { kind: 'field', operand: { kind: 'paren', expr }, field: q ? attributeColumn(this.cctx, q, f) : f };
        const attrs: { name: OraName; type: DataType }[] | undefined = t && !t.attribute ? (q ? attributes(this.cctx, q) : recordFields(t, this)) : undefined;
        t = attrs?.find((a) => a.name === f)?.type;
      }
      return { expr, type: d.type, fields: parts.slice(k) };
    }
    return undefined;
  }

  /** The variable holding a cursor's %FOUND or %ROWCOUNT (declared by the statement emitter). */
  private cursorState(cursor: OraName, what: 'found' | 'rowcount'): Expr {
    return { kind: 'column', parts: [`OPG_${cursor}_${what.toUpperCase()}`] };
  }

  /** opg_rowcount, the row count of the last SQL statement (see usesRowcount). */
  private rowcountVar(): Expr {
    this.usesRowcount = true;
    this.extraDecls.set('OPG_ROWCOUNT', 'opg_rowcount bigint := 0;');
    return { kind: 'column', parts: ['OPG_ROWCOUNT'] };
  }

  private rowcountTest(op: '>' | '='): Expr {
    return { kind: 'paren', expr: { kind: 'binary', op, left: this.rowcountVar(), right: { kind: 'literal', type: 'number', value: '0' } } };
  }

  private cursorAttribute(cursor: OraName[], attr: string): Expr {
    const found: Expr = { kind: 'column', parts: ['FOUND'] };
    const isSql = cursor.length === 1 && cursor[0] === 'SQL';
    const pkg = !isSql && !this.lookup(cursor[0]) ? this.packageCursorRef(cursor.join('.')) : undefined;
    if (pkg && attr === 'ROWCOUNT' && !pkg.rowcount) {
      this.fail(`${cursor.join('.')}%ROWCOUNT: the package's own code does not read it, so its fetches do not count the rows (count them in a variable)`);
      return { kind: 'column', parts: cursor };
    }
    if (pkg?.rowcount && attr === 'ROWCOUNT') {
      // Counted across calls in a setting (FETCH adds the rows, OPEN resets it).
      const setting: Expr = { kind: 'pseudo', name: `nullif(current_setting(${quoteLiteral(pkg.rowcount)}, true), '')` };
      return { kind: 'pg-cast', operand: setting, type: { kind: 'datatype', name: 'integer', args: [] } };
    }
    if (pkg && (attr === 'FOUND' || attr === 'NOTFOUND') && !this.fetchedCursors.has(cursor[cursor.length - 1])) {
      // Read in a call that does not FETCH it: the last FETCH's outcome, kept in a setting.
      if (!pkg.found) {
        this.fail(`${cursor.join('.')}%${attr} read outside its package without a FETCH of it here: the package's own code does not read it so, so its fetches do not keep the outcome (test FOUND after the FETCH, or return it from the package)`);
        return found;
      }
      const state: Expr = { kind: 'pseudo', name: `nullif(current_setting(${quoteLiteral(pkg.found)}, true), '')` };
      return { kind: 'paren', expr: { kind: 'binary', op: '=', left: state, right: { kind: 'literal', type: 'string', value: attr === 'FOUND' ? 'y' : 'n' } } };
    }
    if (pkg && attr === 'ISOPEN') cursor = [pkg.variable];
    if (isSql && attr !== 'ISOPEN' && this.sqlCursorAfterCall) {
      const detail = `SQL%${attr} read after the call of ${this.sqlCursorAfterCall} in ${this.object}: in Oracle it describes the last SQL statement run in ${this.sqlCursorAfterCall}; here it describes the last SQL statement of ${this.object} before the call`;
      if (!this.findings.some((f) => f.id === 'OPG-PLSQL-0007' && f.message === detail)) this.report('OPG-PLSQL-0007', { detail });
    }
    switch (attr) {
      case 'FOUND':
        if (isSql && this.foundViaRowcount) return this.rowcountTest('>');
        if (!isSql && cursor.length === 1 && this.cursorFound.has(cursor[0])) return this.cursorState(cursor[0], 'found');
        if (!isSql) this.report('OPG-PLSQL-0007', { detail: `${cursor.join('.')}%FOUND became FOUND (set by the last FETCH, SELECT INTO or DML)` });
        return found;
      case 'NOTFOUND':
        if (isSql && this.foundViaRowcount) return this.rowcountTest('=');
        if (!isSql && cursor.length === 1 && this.cursorFound.has(cursor[0]))
          return { kind: 'paren', expr: { kind: 'unary', op: 'NOT', operand: this.cursorState(cursor[0], 'found') } };
        if (!isSql) this.report('OPG-PLSQL-0007', { detail: `${cursor.join('.')}%NOTFOUND became NOT FOUND (set by the last FETCH, SELECT INTO or DML)` });
        return { kind: 'paren', expr: { kind: 'unary', op: 'NOT', operand: found } };
      case 'ROWCOUNT':
        if (isSql) return this.rowcountVar();
        if (cursor.length === 1 && this.cursorRowcount.has(cursor[0])) return this.cursorState(cursor[0], 'rowcount');
        this.fail(`${cursor.join('.')}%ROWCOUNT (count the fetched rows in a variable)`);
        return { kind: 'column', parts: cursor };
      case 'ISOPEN':
        if (isSql) return { kind: 'literal', type: 'boolean', value: 'FALSE' };
        return {
          kind: 'exists',
          query: {
            kind: 'select',
            items: [{ expr: { kind: 'literal', type: 'number', value: '1' } }],
            // pg_catalog is always searched first: no schema (a qualified name would be taken for a user schema).
            from: [{ kind: 'table', name: { name: 'PG_CURSORS' } }],
            where: {
              kind: 'binary',
              op: '=',
              left: { kind: 'column', parts: ['NAME'] },
              right: { kind: 'pg-cast', operand: { kind: 'column', parts: cursor }, type: { kind: 'datatype', name: 'text', args: [] } },
            },
          },
        };
      default:
        this.fail(`${cursor.join('.')}%${attr}`);
        return { kind: 'column', parts: cursor };
    }
  }
}
