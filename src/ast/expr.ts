import type { OraName } from './common.js';
import type { Query } from './query.js';

/** A data type as written in Oracle, or as produced by the type rules for PostgreSQL. */
export interface DataType {
  kind: 'datatype';
  /** Upper-case base name, multi-word names joined by a space: NUMBER, VARCHAR2, DOUBLE PRECISION, LONG RAW. */
  name: string;
  /** Owner of a user-defined type. */
  schema?: OraName;
  /** Numeric arguments; '*' for NUMBER(*,0). */
  args: (number | '*')[];
  /** VARCHAR2(10 CHAR) / (10 BYTE). */
  semantics?: 'BYTE' | 'CHAR';
  /** TIMESTAMP WITH TIME ZONE / WITH LOCAL TIME ZONE. */
  timeZone?: 'TZ' | 'LTZ';
  /** INTERVAL YEAR[(p)] TO MONTH / DAY[(p)] TO SECOND[(s)]. */
  interval?: { from: 'YEAR' | 'DAY'; fromPrecision?: number; to: 'MONTH' | 'SECOND'; toPrecision?: number };
  /** Attribute type reference: col%TYPE / tab%ROWTYPE (PL/SQL). */
  attribute?: 'TYPE' | 'ROWTYPE';
  /** REF type: a reference to a row object of the (object) type `schema.name`. */
  ref?: boolean;
}

export type Expr =
  | Literal
  | TypedLiteral
  | IntervalLiteral
  | ColumnRef
  | BindRef
  | StarRef
  | FuncCall
  | UnaryExpr
  | BinaryExpr
  | IsNullExpr
  | LikeExpr
  | BetweenExpr
  | InExpr
  | ExistsExpr
  | CaseExpr
  | CastExpr
  | ExtractExpr
  | TrimExpr
  | ParenExpr
  | SubqueryExpr
  | ListExpr
  | PseudoColumn
  | QuantifiedExpr
  | AtTimeZoneExpr
  | CollateExpr
  | CursorExpr
  | PgCastExpr
  | FieldExpr
  | SubscriptExpr
  | MethodCall
  | TreatExpr
  | JsonFuncExpr;

export interface Literal {
  kind: 'literal';
  type: 'string' | 'number' | 'null' | 'boolean';
  /** For strings: the value (quotes removed, '' unescaped). For numbers: the text as written. */
  value: string;
  /** N'..' national literal. */
  national?: boolean;
}

/** DATE '2020-01-31', TIMESTAMP '…' */
export interface TypedLiteral {
  kind: 'typed-literal';
  type: 'DATE' | 'TIMESTAMP';
  value: string;
}

/** INTERVAL '5' DAY, INTERVAL '1-2' YEAR TO MONTH */
export interface IntervalLiteral {
  kind: 'interval-literal';
  value: string;
  from: string;
  fromPrecision?: number;
  to?: string;
  toPrecision?: number;
}

/** a, t.a, s.t.a; `outerJoin` when followed by (+). Parts are Oracle names in catalog form. */
export interface ColumnRef {
  kind: 'column';
  parts: OraName[];
  outerJoin?: boolean;
}

export interface BindRef {
  kind: 'bind';
  /** Without the colon: `x`, `1`, `NEW`. */
  name: string;
  /** :NEW.col → path ['COL'] */
  path?: OraName[];
  /** PostgreSQL positional parameter number ($n), set by translate --binds dollar. */
  pgPosition?: number;
}

/** * or t.* */
export interface StarRef {
  kind: 'star';
  qualifier?: OraName[];
}

export interface FuncArg {
  /** Named notation: name => value. */
  name?: OraName;
  /**
   * Index choice of a PL/SQL qualified expression: key => value (ints_t(1 => 55), map_t('k' => v)),
   * for keys that are not a plain name (those are in `name`).
   */
  key?: Expr;
  value: Expr;
  /** value AS alias (XMLFOREST / XMLATTRIBUTES / XMLELEMENT content): the XML name. */
  alias?: OraName;
}

export interface WindowSpec {
  partitionBy: Expr[];
  orderBy: OrderItem[];
  frame?: { unit: 'ROWS' | 'RANGE'; start: FrameBound; end?: FrameBound };
}

export interface FrameBound {
  type: 'UNBOUNDED PRECEDING' | 'UNBOUNDED FOLLOWING' | 'CURRENT ROW' | 'PRECEDING' | 'FOLLOWING';
  offset?: Expr;
}

export interface OrderItem {
  expr: Expr;
  desc?: boolean;
  nulls?: 'FIRST' | 'LAST';
}

export interface FuncCall {
  kind: 'call';
  /** Name parts in catalog form: ['NVL'], ['PKG', 'FN'], ['HR', 'PKG', 'FN']. */
  name: OraName[];
  args: FuncArg[];
  /** COUNT(*) */
  star?: boolean;
  distinct?: boolean;
  /** No parentheses were written (e.g. SYSTIMESTAMP, CURRENT_DATE, seq.NEXTVAL is a ColumnRef). */
  noParens?: boolean;
  over?: WindowSpec;
  /** PostgreSQL aggregate ORDER BY inside the argument list: string_agg(x, ',' ORDER BY y) */
  argOrderBy?: OrderItem[];
  /** LISTAGG(…) WITHIN GROUP (ORDER BY …) */
  withinGroup?: OrderItem[];
  /** MAX(x) KEEP (DENSE_RANK FIRST ORDER BY …) */
  keep?: { which: 'FIRST' | 'LAST'; orderBy: OrderItem[] };
  /** FIRST_VALUE(x IGNORE NULLS), LAG(x) IGNORE NULLS … */
  ignoreNulls?: boolean;
  /** NTH_VALUE(x, n) FROM LAST: count n from the last row of the window frame. */
  fromLast?: boolean;
  /** PostgreSQL array element of the result: (array_agg(…))[n], produced by rules only. */
  subscript?: number;
  /** TRANSLATE(x USING CHAR_CS | NCHAR_CS) */
  charsetUsing?: 'CHAR_CS' | 'NCHAR_CS';
  /** XMLELEMENT(NAME n, …): the element name (`xmlelement(name n, …)`); XMLSERIALIZE: CONTENT or DOCUMENT. */
  xmlName?: OraName;
  /** TO_NUMBER(x DEFAULT d ON CONVERSION ERROR [, fmt]) and the other conversion functions: d. */
  conversionDefault?: Expr;
}

/** What a SQL/JSON function does on an error, on no match (ON EMPTY) or on a type mismatch. */
export type JsonBehavior =
  | { kind: 'ERROR' | 'NULL' | 'TRUE' | 'FALSE' | 'EMPTY' | 'EMPTY ARRAY' | 'EMPTY OBJECT' }
  | { kind: 'DEFAULT'; value: Expr };

/**
 * A SQL/JSON function with its clauses (parser/json-functions.ts, rules/json-functions.ts):
 * JSON_VALUE, JSON_QUERY, JSON_EXISTS, JSON_OBJECT, JSON_ARRAY, JSON_OBJECTAGG, JSON_ARRAYAGG,
 * JSON_SERIALIZE, JSON_MERGEPATCH.
 */
export interface JsonFuncExpr {
  kind: 'json-fn';
  /** Upper-case function name. */
  fn: string;
  /**
   * JSON_VALUE / JSON_QUERY / JSON_EXISTS / JSON_SERIALIZE: the document; JSON_MERGEPATCH: target
   * and patch; JSON_ARRAY / JSON_ARRAYAGG: the elements; JSON_OBJECT / JSON_OBJECTAGG: the members.
   */
  args: { value: Expr; key?: Expr; formatJson?: boolean }[];
  /** The path literal as written (JSON_VALUE / JSON_QUERY / JSON_EXISTS). */
  path?: string;
  /** PASSING expr AS name: the name as written in the path ($name). */
  passing?: { name: string; value: Expr }[];
  returning?: DataType;
  onError?: JsonBehavior;
  onEmpty?: JsonBehavior;
  onNull?: 'NULL' | 'ABSENT';
  wrapper?: 'WITHOUT' | 'CONDITIONAL' | 'UNCONDITIONAL';
  /** JSON_ARRAYAGG(x ORDER BY …) */
  orderBy?: OrderItem[];
  /** JSON_OBJECT(*) or JSON_OBJECT(t.*): the qualifier, [] for a bare *. */
  star?: OraName[];
  /** Other clauses, upper case: PRETTY, ASCII, STRICT, TRUNCATE, WITH UNIQUE KEYS, FORMAT JSON … */
  options?: string[];
}

export interface UnaryExpr {
  kind: 'unary';
  op: '-' | '+' | 'NOT' | 'PRIOR' | 'CONNECT_BY_ROOT';
  operand: Expr;
}

export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '||'
  | '**'
  | '='
  | '<>'
  | '<'
  | '>'
  | '<='
  | '>='
  | 'AND'
  | 'OR'
  /** PostgreSQL-only operators produced by rules */
  | 'IS NOT DISTINCT FROM'
  | 'IS DISTINCT FROM'
  | '~'
  | '~*'
  | '^'
  | '&'
  /** jsonb #>> text[] (JSON_TABLE columns) */
  | '#>>';

export interface BinaryExpr {
  kind: 'binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
}

export interface IsNullExpr {
  kind: 'is-null';
  operand: Expr;
  not: boolean;
}

export interface LikeExpr {
  kind: 'like';
  operand: Expr;
  pattern: Expr;
  escape?: Expr;
  not: boolean;
}

export interface BetweenExpr {
  kind: 'between';
  operand: Expr;
  low: Expr;
  high: Expr;
  not: boolean;
}

export interface InExpr {
  kind: 'in';
  operand: Expr;
  list: Expr[] | Query;
  not: boolean;
}

/** x = ANY (…), x > ALL (subquery) */
export interface QuantifiedExpr {
  kind: 'quantified';
  /** `list` holds one expression that is itself an array (x MEMBER OF collection → x = ANY (c)). */
  arrayOperand?: boolean;
  op: BinaryOp;
  quantifier: 'ANY' | 'ALL' | 'SOME';
  operand: Expr;
  list: Expr[] | Query;
}

/** CURSOR (subquery): a cursor expression, passed to functions that take a REF CURSOR. */
export interface CursorExpr {
  kind: 'cursor';
  query: Query;
}

export interface ExistsExpr {
  kind: 'exists';
  query: Query;
}

export interface CaseExpr {
  kind: 'case';
  operand?: Expr;
  whens: { when: Expr; then: Expr }[];
  else?: Expr;
}

export interface CastExpr {
  kind: 'cast';
  operand: Expr;
  type: DataType;
  /** CAST(MULTISET(subquery) AS collection_type): the operand is the subquery. */
  multiset?: boolean;
  /** CAST(x AS type DEFAULT d ON CONVERSION ERROR [, fmt [, nls]]): d, and the format arguments. */
  conversionDefault?: Expr;
  conversionFormat?: Expr[];
}

/** PostgreSQL composite field selection `(expr).field` / `(expr).*`, produced by rules only. */
export interface FieldExpr {
  kind: 'field';
  operand: Expr;
  field: OraName | '*';
}

/**
 * PL/SQL method call or collection element on a value that is not a plain name:
 * `c(i).m(args)`, `f().m()`, `(SELF AS t).m(args)`, `TREAT(x AS t).m()`. Whether `name` is a
 * method or a collection attribute subscripted by `args` is decided at conversion (by type).
 */
export interface MethodCall {
  kind: 'method';
  operand: Expr;
  name: OraName;
  args: FuncArg[];
}

/**
 * TREAT(x AS [REF] type), or with `generalized` the operand of a generalized invocation
 * `(SELF AS supertype).method(…)` (the supertype's implementation is called).
 */
export interface TreatExpr {
  kind: 'treat';
  operand: Expr;
  type: DataType;
  ref?: boolean;
  generalized?: boolean;
}

/** PostgreSQL array element `operand[index]` (PL/SQL collection element `c(i)`), produced by rules only. */
export interface SubscriptExpr {
  kind: 'subscript';
  operand: Expr;
  index: Expr;
}

/** PostgreSQL `expr::type`, produced by rules only. */
export interface PgCastExpr {
  kind: 'pg-cast';
  operand: Expr;
  type: DataType;
}

export interface ExtractExpr {
  kind: 'extract';
  field: string;
  from: Expr;
}

export interface TrimExpr {
  kind: 'trim';
  side?: 'LEADING' | 'TRAILING' | 'BOTH';
  chars?: Expr;
  from: Expr;
}

export interface ParenExpr {
  kind: 'paren';
  expr: Expr;
}

export interface SubqueryExpr {
  kind: 'subquery';
  query: Query;
}

/** (a, b) row constructor / expression list */
export interface ListExpr {
  kind: 'list';
  items: Expr[];
}

/** SYSDATE, SYSTIMESTAMP, USER, UID, ROWNUM, LEVEL, ROWID, CURRENT_DATE … and PostgreSQL SQL-value functions. */
export interface PseudoColumn {
  kind: 'pseudo';
  name: string;
  /** LOCALTIMESTAMP(0) in PostgreSQL output */
  precision?: number;
}

/** expr COLLATE name (Oracle collation name: BINARY, BINARY_CI, GENERIC_M, USING_NLS_SORT …). */
export interface CollateExpr {
  kind: 'collate';
  operand: Expr;
  collation: OraName;
}

export interface AtTimeZoneExpr {
  kind: 'at-time-zone';
  operand: Expr;
  zone: Expr | 'LOCAL';
}
