/**
 * Type inference on Oracle expressions: the Oracle type class of an expression (string, number,
 * date …) from literals, casts, function signatures and columns. Columns are resolved through the
 * name scope of the query block (FROM items mapped to tables, views and inline views of the
 * converted model). Rules that depend on a type ask here; `unknown` means "could not tell".
 */
import type { OraName, QualifiedName } from '../ast/common.js';
import type { DataType, Expr } from '../ast/expr.js';
import type { FromItem, Query, SelectQuery } from '../ast/query.js';
import type { ExprContext } from './builders.js';
import { dictionaryShape } from './dictionary.js';

export type TypeClass =
  | 'string'
  | 'number'
  | 'date'
  | 'timestamp'
  | 'interval'
  | 'boolean'
  | 'binary'
  | 'null'
  | 'unknown';

/** For numbers, the PostgreSQL type family the converted expression has. */
export type PgNumber = 'int' | 'bigint' | 'numeric' | 'float';

export interface OraType {
  cls: TypeClass;
  pg?: PgNumber;
  /** Known never to be NULL (NOT NULL column, non-empty literal). */
  notNull?: boolean;
  /** CHAR(n) / NCHAR(n), n > 1: Oracle's value is blank-padded to n characters. */
  charLength?: number;
  /** FLOAT / REAL / DOUBLE PRECISION: a NUMBER in Oracle (decimal, ROUND half away from zero), double precision here. */
  decimalFloat?: boolean;
  /** A TIMESTAMP WITH TIME ZONE value (EXTRACT reads its fields in UTC in Oracle). */
  tz?: boolean;
}

const T = (cls: TypeClass, pg?: PgNumber): OraType => (pg ? { cls, pg } : { cls });
const UNKNOWN = T('unknown');

interface ScopeItem {
  /** Names the item answers to: alias, or table name (and schema.table). */
  names: OraName[];
  columns: () => Map<OraName, OraType>;
  /** A table or view of the model the item reads (not a CTE): for declared column types. */
  relation?: QualifiedName;
}

export interface Scope {
  items: ScopeItem[];
  ctes: Map<OraName, Query>;
  parent?: Scope;
}

/** The Oracle type class of a declared data type. */
export function classOfDataType(t: DataType | undefined): OraType {
  if (!t || t.schema || t.attribute) return UNKNOWN;
  if (t.interval) return T('interval');
  const [p, s] = t.args;
  switch (t.name) {
    case 'NUMBER':
    case 'DECIMAL':
    case 'DEC':
    case 'NUMERIC':
      if (t.name === 'NUMBER' && typeof p === 'number' && (s === undefined || s === 0))
        return T('number', p <= 9 ? 'int' : p <= 18 ? 'bigint' : 'numeric');
      return T('number', 'numeric');
    case 'INTEGER':
    case 'INT':
    case 'SMALLINT':
      // numeric(38) by default, bigint with --narrow-integers: integral either way.
      return T('number', 'bigint');
    case 'FLOAT':
    case 'REAL':
    case 'DOUBLE PRECISION':
      return { cls: 'number', pg: 'float', decimalFloat: true };
    case 'BINARY_FLOAT':
    case 'BINARY_DOUBLE':
      return T('number', 'float');
    case 'CHAR':
    case 'NCHAR':
    case 'CHARACTER':
      return typeof p === 'number' && p > 1 ? { cls: 'string', charLength: p } : T('string');
    case 'VARCHAR2':
    case 'VARCHAR':
    case 'NVARCHAR2':
    case 'CLOB':
    case 'NCLOB':
    case 'LONG':
    case 'ROWID':
    case 'UROWID':
      return T('string');
    case 'DATE':
      return T('date');
    case 'TIMESTAMP':
      return t.timeZone === 'TZ' ? { cls: 'timestamp', tz: true } : T('timestamp');
    case 'RAW':
    case 'LONG RAW':
    case 'BLOB':
      return T('binary');
    case 'BOOLEAN':
      return T('boolean');
    default:
      return UNKNOWN;
  }
}

const STRING_FUNCTIONS = new Set([
  'SUBSTR',
  'SUBSTRB',
  'UPPER',
  'LOWER',
  'INITCAP',
  'LPAD',
  'RPAD',
  'LTRIM',
  'RTRIM',
  'REPLACE',
  'TRANSLATE',
  'CONCAT',
  'TO_CHAR',
  'TO_NCHAR',
  'TO_CLOB',
  'REGEXP_REPLACE',
  'REGEXP_SUBSTR',
  'CHR',
  'NCHR',
  'LISTAGG',
  'RAWTOHEX',
  'SOUNDEX',
  'DUMP',
  'SYS_CONTEXT',
  'USERENV',
  'SYS_CONNECT_BY_PATH',
  'REVERSE',
  'ASCIISTR',
  'UNISTR',
]);
const INT_FUNCTIONS = new Set([
  'LENGTH',
  'LENGTHB',
  'INSTR',
  'INSTRB',
  'REGEXP_INSTR',
  'REGEXP_COUNT',
  'ASCII',
  'ROW_NUMBER',
  'RANK',
  'DENSE_RANK',
  'NTILE',
  'GROUPING',
  'GROUPING_ID',
]);
const BIGINT_FUNCTIONS = new Set(['COUNT', 'BITAND']);
/** Functions returning CHAR(n) for a CHAR(n) argument ("the same data type as char"). */
export const CHAR_PRESERVING_FUNCTIONS = new Set(['UPPER', 'LOWER', 'INITCAP', 'NLS_UPPER', 'NLS_LOWER', 'NLS_INITCAP', 'NVL']);
const NUMERIC_FUNCTIONS = new Set([
  'AVG',
  'TO_NUMBER',
  'MONTHS_BETWEEN',
  'POWER',
  'SQRT',
  'EXP',
  'LN',
  'LOG',
  'SIGN',
  'REMAINDER',
  'STDDEV',
  'VARIANCE',
  'RATIO_TO_REPORT',
  'CEIL',
  'FLOOR',
  'SIN',
  'COS',
  'TAN',
  'ATAN',
  'ATAN2',
  'ORA_HASH',
]);
/**
 * NUMBER results that PostgreSQL computes in double precision (its statistical aggregates,
 * percent_rank, cume_dist, percentile_cont): typed as FLOAT columns are, so that ROUND / TRUNC
 * round them as the decimal NUMBER Oracle returns (round(double precision, int) does not exist).
 */
const DOUBLE_FUNCTIONS = new Set([
  'MEDIAN',
  'PERCENTILE_CONT',
  'PERCENT_RANK',
  'CUME_DIST',
  'CORR',
  'COVAR_POP',
  'COVAR_SAMP',
  'REGR_SLOPE',
  'REGR_INTERCEPT',
  'REGR_R2',
  'REGR_AVGX',
  'REGR_AVGY',
  'REGR_SXX',
  'REGR_SYY',
  'REGR_SXY',
]);
const DATE_FUNCTIONS = new Set(['ADD_MONTHS', 'LAST_DAY', 'NEXT_DAY', 'TO_DATE', 'NEW_TIME', 'SYSDATE']);
const TIMESTAMP_FUNCTIONS = new Set([
  'TO_TIMESTAMP',
  'TO_TIMESTAMP_TZ',
  'SYSTIMESTAMP',
  'CURRENT_TIMESTAMP',
  'LOCALTIMESTAMP',
  'FROM_TZ',
  'SYS_EXTRACT_UTC',
]);
/** Functions whose type is that of their first argument (or first non-NULL argument). */
const FIRST_ARG_FUNCTIONS = new Set([
  'NVL',
  'COALESCE',
  'NULLIF',
  'GREATEST',
  'LEAST',
  'MIN',
  'MAX',
  'SUM',
  'ABS',
  'MOD',
  'ROUND',
  'TRUNC',
  'FIRST_VALUE',
  'LAST_VALUE',
  'NTH_VALUE',
  'LAG',
  'LEAD',
  'ANY_VALUE',
]);

/** Infers the Oracle type class of an (Oracle, not yet rewritten) expression. */
export function inferType(e: Expr, ctx: ExprContext): OraType {
  switch (e.kind) {
    case 'literal':
      if (e.type === 'null') return T('null');
      if (e.type === 'boolean') return T('boolean');
      if (e.type === 'string') return e.value === '' ? T('null') : { cls: 'string', notNull: true };
      if (/[fFdD]$/.test(e.value)) return { cls: 'number', pg: 'float', notNull: true };
      return { cls: 'number', pg: /^\d+$/.test(e.value) ? 'int' : 'numeric', notNull: true };
    case 'typed-literal':
      return { cls: e.type === 'DATE' ? 'date' : 'timestamp', notNull: true };
    case 'interval-literal':
      return { cls: 'interval', notNull: true };
    case 'column':
      return columnType(e.parts, ctx);
    case 'pseudo':
      switch (e.name) {
        case 'SYSDATE':
        case 'CURRENT_DATE':
          return T('date');
        case 'SYSTIMESTAMP':
        case 'CURRENT_TIMESTAMP':
          return { cls: 'timestamp', tz: true };
        case 'LOCALTIMESTAMP':
          return T('timestamp');
        case 'ROWNUM':
          return T('number', 'bigint');
        case 'LEVEL':
        case 'UID':
          return T('number', 'int');
        case 'USER':
          return T('string');
        default:
          return UNKNOWN;
      }
    case 'bind': {
      // :NEW.col / :OLD.col in a trigger: the column of the NEW / OLD row in scope.
      if (e.path?.length === 1) {
        const c = columnType([e.name, e.path[0]], ctx);
        if (c.cls !== 'unknown') return c;
      }
      const t = e.pgPosition && ctx.bindType?.(e.pgPosition);
      return t ? classOfDataType(t) : UNKNOWN;
    }
    case 'star':
      return UNKNOWN;
    case 'field': {
      const t = e.field === '*' ? undefined : ctx.fieldType?.(e.operand, e.field);
      return t ? classOfDataType(t) : UNKNOWN;
    }
    case 'subscript': {
      const t = ctx.elementType?.(e);
      return t ? classOfDataType(t) : UNKNOWN;
    }
    case 'call':
      return callType(e, ctx);
    case 'unary':
      if (e.op === 'NOT') return T('boolean');
      if (e.op === '-' || e.op === '+') return { ...inferType(e.operand, ctx), notNull: undefined };
      return inferType(e.operand, ctx);
    case 'binary':
      return binaryType(e.op, e.left, e.right, ctx);
    case 'is-null':
    case 'like':
    case 'between':
    case 'in':
    case 'quantified':
    case 'exists':
      return T('boolean');
    case 'case': {
      const results = [...e.whens.map((w) => w.then), ...(e.else ? [e.else] : [])];
      // Never NULL only when there is an ELSE and no branch can be NULL.
      return withNotNull(firstKnown(results, ctx), !!e.else && results.every((x) => inferType(x, ctx).notNull));
    }
    case 'cast':
    case 'pg-cast':
      return classOfDataType(e.type);
    case 'extract':
      return T('number', 'numeric');
    case 'trim':
      return T('string');
    case 'paren':
      return inferType(e.expr, ctx);
    case 'subquery':
      return queryColumnTypes(e.query, ctx)[0]?.type ?? UNKNOWN;
    case 'at-time-zone':
      return { cls: 'timestamp', tz: true };
    case 'collate':
      return inferType(e.operand, ctx);
    case 'json-fn':
      if (e.fn === 'JSON_EXISTS') return T('boolean');
      if (e.returning) return classOfDataType(e.returning);
      return T('string');
    default:
      return UNKNOWN;
  }
}

function withNotNull(t: OraType, notNull: boolean): OraType {
  const { notNull: _, ...rest } = t;
  return notNull ? { ...rest, notNull: true } : rest;
}

function firstKnown(list: Expr[], ctx: ExprContext): OraType {
  let seen: OraType | undefined;
  for (const x of list) {
    const t = inferType(x, ctx);
    if (t.cls !== 'null' && t.cls !== 'unknown') return t;
    if (t.cls === 'unknown') seen = t;
  }
  return seen ?? T('null');
}

function callType(e: Extract<Expr, { kind: 'call' }>, ctx: ExprContext): OraType {
  const returns = ctx.callReturnType?.(e.name);
  if (returns) return classOfDataType(returns);
  if (e.name.length === 2 && ['DBMS_RANDOM', 'DBMS_LOB'].includes(e.name[0])) {
    // Oracle built-in package functions converted in SQL statements too (plsql/builtins.ts).
    const member = e.name.join('.');
    if (['DBMS_RANDOM.VALUE', 'DBMS_RANDOM.NORMAL'].includes(member)) return T('number', 'numeric');
    if (['DBMS_RANDOM.RANDOM', 'DBMS_LOB.GETLENGTH', 'DBMS_LOB.INSTR', 'DBMS_LOB.COMPARE'].includes(member)) return T('number', 'int');
    if (member === 'DBMS_LOB.SUBSTR' && e.args.length) return inferType(e.args[0].value, ctx).cls === 'binary' ? T('binary') : T('string');
  }
  if (e.name.length !== 1) return UNKNOWN;
  // bytea results of PostgreSQL functions and helpers built by a conversion (UTL_RAW, DBMS_CRYPTO).
  if (['decode', 'int4send', 'convert', 'opg_raw_bitop', 'opg_raw_reverse', 'opg_raw_complement'].includes(e.name[0])) return T('binary');
  if (['opg_raw_compare', 'octet_length', 'length'].includes(e.name[0])) return T('number', 'int');
  // PostgreSQL substr / nullif built by a conversion (DBMS_LOB.SUBSTR) type as their Oracle namesakes.
  const name = e.name[0] === 'substr' || e.name[0] === 'nullif' ? e.name[0].toUpperCase() : e.name[0];
  const args = e.args.map((a) => a.value);
  // SUBSTR of a RAW / BLOB value is RAW.
  if ((name === 'SUBSTR' || name === 'SUBSTRB') && args.length && inferType(args[0], ctx).cls === 'binary') return T('binary');
  // UPPER / LOWER / INITCAP of a CHAR(n) value return CHAR(n): the padding stays.
  if (CHAR_PRESERVING_FUNCTIONS.has(name) && args.length) {
    const t = inferType(args[0], ctx);
    if (t.charLength) return { cls: 'string', charLength: t.charLength };
  }
  if (STRING_FUNCTIONS.has(name)) return T('string');
  if (INT_FUNCTIONS.has(name)) return T('number', 'int');
  if (BIGINT_FUNCTIONS.has(name)) return T('number', 'bigint');
  if (NUMERIC_FUNCTIONS.has(name)) return T('number', 'numeric');
  if (DOUBLE_FUNCTIONS.has(name)) return { cls: 'number', pg: 'float', decimalFloat: true };
  if (DATE_FUNCTIONS.has(name)) return T('date');
  if (name === 'FROM_TZ' || name === 'TO_TIMESTAMP_TZ' || name === 'SYSTIMESTAMP' || name === 'CURRENT_TIMESTAMP') return { cls: 'timestamp', tz: true };
  if (TIMESTAMP_FUNCTIONS.has(name)) return T('timestamp');
  if (name === 'NUMTODSINTERVAL' || name === 'NUMTOYMINTERVAL' || name === 'TO_DSINTERVAL' || name === 'TO_YMINTERVAL')
    return T('interval');
  if (name === 'DECODE') {
    const results = args.filter((_, i) => i >= 2 && i % 2 === 0);
    const hasDefault = args.length % 2 === 0;
    if (hasDefault) results.push(args[args.length - 1]);
    return withNotNull(firstKnown(results, ctx), hasDefault && results.every((x) => inferType(x, ctx).notNull));
  }
  if (name === 'NVL2')
    return withNotNull(firstKnown(args.slice(1), ctx), args.length === 3 && args.slice(1).every((x) => inferType(x, ctx).notNull));
  if (FIRST_ARG_FUNCTIONS.has(name) && args.length) {
    const t = name === 'NVL' || name === 'COALESCE' ? firstKnown(args, ctx) : inferType(args[0], ctx);
    // Number functions read a text argument as a NUMBER.
    if (['ABS', 'MOD', 'ROUND', 'TRUNC'].includes(name) && t.cls === 'string') return T('number', 'numeric');
    if ((name === 'ROUND' || name === 'TRUNC') && t.cls === 'number' && t.pg !== 'float')
      return T('number', 'numeric');
    if ((name === 'ROUND' || name === 'TRUNC') && (t.cls === 'date' || t.cls === 'timestamp'))
      return T('date');
    // PostgreSQL's sum: integer → bigint (so x / SUM(x) of integer columns would truncate),
    // bigint → numeric, numeric → numeric, float → float.
    if (name === 'SUM' && t.cls === 'string') return T('number', 'numeric');
    if (name === 'SUM' && t.cls === 'number')
      return T('number', t.pg === 'float' ? 'float' : t.pg === 'int' ? 'bigint' : 'numeric');
    return { ...t, notNull: undefined };
  }
  return UNKNOWN;
}

function binaryType(op: string, left: Expr, right: Expr, ctx: ExprContext): OraType {
  switch (op) {
    case '||':
      return T('string');
    case '+':
    case '-': {
      const l = inferType(left, ctx);
      const r = inferType(right, ctx);
      const dateLike = (t: OraType) => t.cls === 'date' || t.cls === 'timestamp';
      if (op === '-' && dateLike(l) && dateLike(r))
        return l.cls === 'date' && r.cls === 'date' ? T('number', 'numeric') : T('interval');
      if (dateLike(l) || dateLike(r)) {
        const other = dateLike(l) ? r : l;
        // DATE ± number is a DATE; TIMESTAMP ± number is a DATE too; ± interval keeps the type.
        if (other.cls === 'interval') return dateLike(l) ? l : r;
        return T('date');
      }
      if (l.cls === 'interval' || r.cls === 'interval') return T('interval');
      return numberResult(l, r);
    }
    case '*':
    case '/':
    case '**': {
      const l = inferType(left, ctx);
      const r = inferType(right, ctx);
      if (l.cls === 'interval' || r.cls === 'interval') return T('interval');
      if (op !== '*') return l.pg === 'float' || r.pg === 'float' ? floatResult(l, r) : T('number', 'numeric');
      return numberResult(l, r);
    }
    default:
      return T('boolean');
  }
}

function numberResult(l: OraType, r: OraType): OraType {
  if (l.cls === 'unknown' || r.cls === 'unknown') return T('number');
  const rank: PgNumber[] = ['int', 'bigint', 'numeric', 'float'];
  const pick = (t: OraType) =>
    t.cls === 'number' ? (t.pg ?? 'numeric') : t.cls === 'null' ? 'int' : 'numeric';
  const a = pick(l);
  const b = pick(r);
  if (a === 'float' || b === 'float') return floatResult(l, r);
  return T('number', rank.indexOf(a) >= rank.indexOf(b) ? a : b);
}

/**
 * Double precision arithmetic: still a decimal NUMBER in Oracle (decimalFloat, rounded half away
 * from zero) unless an operand is a BINARY_FLOAT / BINARY_DOUBLE.
 */
function floatResult(l: OraType, r: OraType): OraType {
  const binary = (t: OraType) => t.pg === 'float' && !t.decimalFloat;
  return binary(l) || binary(r) ? T('number', 'float') : { cls: 'number', pg: 'float', decimalFloat: true };
}

// ─── scopes ────────────────────────────────────────────────────────────────────────────────

/** The name scope of a query block: its FROM items (and the WITH queries visible to it). */
export function buildScope(q: SelectQuery, ctx: ExprContext, parent?: Scope): Scope {
  const ctes = new Map(parent?.ctes ?? []);
  for (const c of q.with?.ctes ?? []) ctes.set(c.name, c.query);
  const scope: Scope = { items: [], ctes, parent };
  const add = (f: FromItem) => {
    switch (f.kind) {
      case 'join':
        add(f.left);
        add(f.right);
        return;
      case 'table': {
        const names = f.alias ? [f.alias] : [f.name.name];
        const cte = !f.name.schema ? ctes.get(f.name.name) : undefined;
        scope.items.push({
          names,
          ...(cte ? {} : { relation: f.name }),
          columns: lazy(() => {
            if (cte) return columnsOfQuery(cte, ctx, scope);
            // A table or view of the model, else an Oracle dictionary view (rules/dictionary.ts).
            const rel = ctx.relation?.(f.name) ?? dictionaryShape(f.name);
            if (!rel) return new Map();
            if (rel.kind === 'table')
              return new Map(
                rel.columns.map((c) => [c.name, { ...classOfDataType(c.type), notNull: c.notNull }]),
              );
            const m = columnsOfQuery(rel.query, ctx, undefined);
            if (!rel.columns) return m;
            const types = [...m.values()];
            return new Map(rel.columns.map((c, i) => [c, types[i] ?? UNKNOWN]));
          }),
        });
        return;
      }
      case 'subquery':
        scope.items.push({
          names: f.alias ? [f.alias] : [],
          columns: lazy(() => columnsOfQuery(f.query, ctx, f.lateral ? scope : parent)),
        });
        return;
      case 'json-table': {
        const cols = new Map<OraName, OraType>();
        const collect = (cs: typeof f.columns) => {
          for (const c of cs)
            if (c.kind === 'nested') collect(c.columns);
            else if (c.kind === 'ordinality') cols.set(c.name, T('number'));
            else cols.set(c.name, c.exists && !c.type ? T('string') : classOfDataType(c.type ?? { kind: 'datatype', name: 'VARCHAR2', args: [4000] }));
        };
        collect(f.columns);
        scope.items.push({ names: f.alias ? [f.alias] : [], columns: () => cols });
        return;
      }
      case 'xml-table': {
        const cols = new Map<OraName, OraType>();
        for (const c of f.columns)
          cols.set(c.name, c.ordinality ? T('number') : classOfDataType(c.type ?? { kind: 'datatype', name: 'VARCHAR2', args: [4000] }));
        if (!f.columns.length) cols.set('COLUMN_VALUE', UNKNOWN);
        scope.items.push({ names: f.alias ? [f.alias] : [], columns: () => cols });
        return;
      }
      case 'table-function':
      case 'pivot':
        scope.items.push({ names: f.alias ? [f.alias] : [], columns: () => new Map() });
    }
  };
  q.from.forEach(add);
  return scope;
}

/** Computed once; a recursive request while computing (a CTE naming itself) sees no columns. */
function lazy(f: () => Map<OraName, OraType>): () => Map<OraName, OraType> {
  let v: Map<OraName, OraType> | undefined;
  return () => {
    if (!v) {
      v = new Map();
      v = f();
    }
    return v;
  };
}

function columnsOfQuery(q: Query, ctx: ExprContext, parent: Scope | undefined): Map<OraName, OraType> {
  return new Map(queryColumnTypes(q, ctx, parent).map((c) => [c.name, c.type]));
}

/** Output columns of a query with their inferred types (names as Oracle would label them). */
export function queryColumnTypes(
  q: Query,
  ctx: ExprContext,
  parent: Scope | undefined = ctx.scope,
): { name: OraName; type: OraType }[] {
  if (q.kind === 'set') return queryColumnTypes(q.left, ctx, parent);
  const scope = buildScope(q, ctx, parent);
  const saved = ctx.scope;
  ctx.scope = scope;
  try {
    const out: { name: OraName; type: OraType }[] = [];
    for (const item of q.items) {
      if (item.expr.kind === 'star') {
        const qual = item.expr.qualifier?.at(-1);
        for (const s of scope.items)
          if (!qual || s.names.includes(qual))
            for (const [name, type] of s.columns()) out.push({ name, type });
        continue;
      }
      const name =
        item.alias ?? (item.expr.kind === 'column' ? item.expr.parts[item.expr.parts.length - 1] : '');
      out.push({ name, type: inferType(item.expr, ctx) });
    }
    return out;
  } finally {
    ctx.scope = saved;
  }
}

function columnType(parts: OraName[], ctx: ExprContext): OraType {
  const column = parts[parts.length - 1];
  const qualifier = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  for (let s = ctx.scope; s; s = s.parent) {
    for (const item of s.items) {
      if (qualifier && !item.names.includes(qualifier)) continue;
      const t = item.columns().get(column);
      if (t) return t;
    }
  }
  if (parts.length === 1 && ctx.columnType) {
    const t = ctx.columnType(column);
    if (t) return classOfDataType(t);
  }
  if (parts.length >= 2 && ctx.pathType) {
    const t = ctx.pathType(parts);
    if (t) return classOfDataType(t);
  }
  // Functions without parentheses, which the parser reads as names (no column of the scope has the name).
  if (parts.length === 1) {
    if (column === 'SYSTIMESTAMP' || column === 'CURRENT_TIMESTAMP') return { cls: 'timestamp', tz: true };
    if (column === 'LOCALTIMESTAMP') return T('timestamp');
    if (column === 'CURRENT_DATE') return T('date');
  }
  return UNKNOWN;
}

/** Text of an expression for messages (short). */
export function describe(e: Expr): string {
  switch (e.kind) {
    case 'column':
      return e.parts.join('.');
    case 'call':
      return `${e.name.join('.')}(…)`;
    case 'bind':
      return `:${e.name}`;
    default:
      return `an expression (${e.kind})`;
  }
}

/**
 * The declared type of a column of a table of the model that the query block reads (alias.col or
 * col), without inferring anything; undefined for other expressions.
 */
export function declaredColumnType(e: Expr, ctx: ExprContext): DataType | undefined {
  if (e.kind !== 'column' || e.parts.length > 2) return undefined;
  const column = e.parts[e.parts.length - 1];
  const qualifier = e.parts.length === 2 ? e.parts[0] : undefined;
  for (let s = ctx.scope; s; s = s.parent)
    for (const item of s.items) {
      if (qualifier && !item.names.includes(qualifier)) continue;
      const rel = item.relation && ctx.relation?.(item.relation);
      const c = rel?.kind === 'table' ? rel.columns.find((x) => x.name === column) : undefined;
      if (c) return c.type;
      if (qualifier) return undefined;
    }
  return undefined;
}
