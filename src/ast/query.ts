import type { OraName, QualifiedName } from './common.js';
import type { DataType, Expr, OrderItem } from './expr.js';

export type Query = SelectQuery | SetQuery;

export interface WithClause {
  recursive?: boolean;
  ctes: Cte[];
}

/** One query name of a WITH clause, with the SEARCH / CYCLE clauses of a recursive one. */
export interface Cte {
  name: OraName;
  columns?: OraName[];
  query: Query;
  /** SEARCH {DEPTH|BREADTH} FIRST BY c [ASC|DESC] [NULLS FIRST|LAST], … SET ordering_column */
  search?: { breadth: boolean; by: OrderItem[]; set: OraName };
  /** CYCLE c, … SET mark TO v DEFAULT d; `using` (PostgreSQL only) names the path column. */
  cycle?: { columns: OraName[]; set: OraName; to: Expr; default: Expr; using?: OraName };
}

export interface SelectItem {
  expr: Expr;
  alias?: OraName;
}

export interface SelectQuery {
  kind: 'select';
  /** ( subquery WITH READ ONLY | WITH CHECK OPTION ): the subquery_restriction_clause. */
  restriction?: 'READ ONLY' | 'CHECK OPTION';
  with?: WithClause;
  /** Optimizer hint text (inside /*+ … *\/), kept as a comment. */
  hint?: string;
  distinct?: boolean;
  items: SelectItem[];
  /** PL/SQL SELECT … [BULK COLLECT] INTO targets */
  into?: { targets: Expr[]; bulk: boolean; strict?: boolean };
  from: FromItem[];
  where?: Expr;
  connectBy?: { condition: Expr; nocycle: boolean; startWith?: Expr };
  groupBy?: GroupByItem[];
  having?: Expr;
  orderBy?: OrderItem[];
  orderSiblings?: boolean;
  offset?: Expr;
  fetch?: { count?: Expr; percent?: boolean; withTies?: boolean };
  forUpdate?: { of?: Expr[]; wait?: 'NOWAIT' | 'SKIP LOCKED' | number };
}

export type GroupByItem =
  | { kind: 'expr'; expr: Expr }
  | { kind: 'rollup' | 'cube'; items: Expr[] }
  | { kind: 'grouping-sets'; sets: Expr[][] };

export interface SetQuery {
  kind: 'set';
  restriction?: 'READ ONLY' | 'CHECK OPTION';
  with?: WithClause;
  op: 'UNION' | 'UNION ALL' | 'INTERSECT' | 'MINUS';
  left: Query;
  right: Query;
  orderBy?: OrderItem[];
  offset?: Expr;
  fetch?: { count?: Expr; percent?: boolean; withTies?: boolean };
}

export type FromItem = TableRef | SubqueryRef | JoinRef | TableFunctionRef | PivotRef | JsonTableRef | XmlTableRef;

export interface TableRef {
  kind: 'table';
  name: QualifiedName;
  alias?: OraName;
  /** AS OF TIMESTAMP / SCN (flashback) */
  flashback?: string;
  /** SAMPLE [BLOCK] (percent) [SEED (seed)]; after the rules, printed as TABLESAMPLE. */
  sample?: { block: boolean; percent: Expr; seed?: Expr };
  /** PARTITION (p) / SUBPARTITION (p) / PARTITION FOR (key values): one partition of the table. */
  partition?: { sub: boolean; name?: OraName; for?: Expr[] };
}

/** source PIVOT (…) / UNPIVOT (…) [alias] — rewritten to GROUP BY / LATERAL queries. */
export interface PivotRef {
  kind: 'pivot';
  source: FromItem;
  alias?: OraName;
  /** source MATCH_RECOGNIZE (…) [alias]: row pattern matching, not converted (the clause is not kept). */
  matchRecognize?: boolean;
  pivot?: {
    aggregates: { call: Expr; alias?: OraName }[];
    for: OraName[];
    in: { values: Expr[]; alias?: OraName }[];
  };
  unpivot?: {
    includeNulls: boolean;
    value: OraName[];
    for: OraName[];
    in: { columns: OraName[]; values?: Expr[] }[];
  };
}

export interface SubqueryRef {
  kind: 'subquery';
  query: Query;
  alias?: OraName;
  lateral?: boolean;
}

/** A column of JSON_TABLE … COLUMNS (…). */
export type JsonTableColumn =
  | {
      kind: 'value';
      name: OraName;
      type?: DataType;
      /** PATH '…' (default: $.<name>) */
      path?: string;
      /** FORMAT JSON: the JSON fragment itself */
      formatJson?: boolean;
      /** EXISTS [PATH …]: whether the path matches */
      exists?: boolean;
    }
  | { kind: 'ordinality'; name: OraName }
  | { kind: 'nested'; path: string; columns: JsonTableColumn[] };

/** JSON_TABLE(doc [FORMAT JSON], 'row path' [… ON ERROR] COLUMNS (…)) */
export interface JsonTableRef {
  kind: 'json-table';
  doc: Expr;
  path: string;
  columns: JsonTableColumn[];
  alias?: OraName;
  /** ERROR ON ERROR / ON EMPTY clauses as written (the default, NULL ON ERROR, is absent). */
  errorClauses?: string[];
}

/** A column of XMLTABLE … COLUMNS (…). */
export interface XmlTableColumn {
  name: OraName;
  /** FOR ORDINALITY */
  ordinality?: boolean;
  /** The column's type (XMLTYPE for a fragment); absent for FOR ORDINALITY. */
  type?: DataType;
  /** PATH '…' (default: the column name) */
  path?: string;
  /** DEFAULT expr: the value when the path matches nothing */
  default?: Expr;
}

/**
 * XMLTABLE([XMLNAMESPACES(…),] 'xquery' [PASSING [BY VALUE] expr [AS name], …]
 * [RETURNING SEQUENCE BY REF] [COLUMNS …]). Without COLUMNS the rows have one XMLTYPE column,
 * COLUMN_VALUE.
 */
export interface XmlTableRef {
  kind: 'xml-table';
  /** XMLNAMESPACES: prefix → URI; a DEFAULT namespace has no prefix. */
  namespaces?: { uri: string; prefix?: OraName }[];
  xquery: string;
  passing: { expr: Expr; name?: OraName }[];
  columns: XmlTableColumn[];
  alias?: OraName;
}

/** TABLE(collection_expr) */
export interface TableFunctionRef {
  kind: 'table-function';
  expr: Expr;
  alias?: OraName;
  /** The expression is a PIPELINED function call: its rows are read directly (no unnest). */
  pipelined?: boolean;
  /** The query names COLUMN_VALUE: the scalar column gets that name. */
  columnValue?: boolean;
  /** PostgreSQL only: `… WITH ORDINALITY`, and the column names of the alias (`AS a(c1, c2)`). */
  ordinality?: boolean;
  columnAliases?: string[];
}

export interface JoinRef {
  kind: 'join';
  type: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS' | 'CROSS APPLY' | 'OUTER APPLY';
  natural?: boolean;
  left: FromItem;
  right: FromItem;
  on?: Expr;
  using?: OraName[];
}
