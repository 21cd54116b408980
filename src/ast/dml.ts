/** DML, queries as statements, and transaction control. */
import type { OraName } from './common.js';
import type { StatementMeta } from './ddl.js';
import type { Expr, FuncCall } from './expr.js';
import type { FromItem, Query, SubqueryRef, TableRef } from './query.js';

export type DmlStatement =
  | SelectStmt
  | InsertStmt
  | MultiInsertStmt
  | UpdateStmt
  | DeleteStmt
  | MergeStmt
  | TransactionStmt
  | TruncateStmt
  | LockStmt
  | CallStmt;

export interface SelectStmt extends StatementMeta {
  kind: 'select';
  query: Query;
}

/** RETURNING exprs [BULK COLLECT] INTO targets */
export interface ReturningClause {
  exprs: Expr[];
  into: Expr[];
  bulk?: boolean;
}

/** DML target: a table (or an inline view, which PostgreSQL cannot update). */
export type DmlTarget = TableRef | SubqueryRef;

export interface InsertStmt extends StatementMeta {
  kind: 'insert';
  hint?: string;
  target: DmlTarget;
  columns?: OraName[];
  /** VALUES (…), (…) — one row in Oracle before 23ai. */
  values?: Expr[][];
  query?: Query;
  returning?: ReturningClause;
  /** LOG ERRORS INTO … was written. */
  logErrors?: boolean;
}

export interface InsertInto {
  target: TableRef;
  columns?: OraName[];
  values?: Expr[];
}

/** INSERT ALL / INSERT FIRST */
export interface MultiInsertStmt extends StatementMeta {
  kind: 'insert-multi';
  hint?: string;
  mode: 'ALL' | 'FIRST';
  /** Unconditional INSERT ALL: one branch without a condition. */
  branches: { when?: Expr; into: InsertInto[] }[];
  else?: InsertInto[];
  query: Query;
}

export interface SetClause {
  /** One column, or (a, b) = (subquery). Names may be qualified by the table alias. */
  columns: OraName[][];
  value: Expr;
}

export interface UpdateStmt extends StatementMeta {
  kind: 'update';
  hint?: string;
  target: DmlTarget;
  set: SetClause[];
  /** PL/SQL SET ROW = record (set is empty then): every column, from the record's fields by position. */
  setRow?: Expr;
  /** UPDATE … FROM (PostgreSQL; produced by the rules for an UPDATE of a join view). */
  from?: TableRef[];
  where?: Expr;
  /** WHERE CURRENT OF cursor (PL/SQL) */
  currentOf?: OraName;
  returning?: ReturningClause;
  logErrors?: boolean;
}

export interface DeleteStmt extends StatementMeta {
  kind: 'delete';
  hint?: string;
  target: DmlTarget;
  /** DELETE … USING (PostgreSQL; produced by the rules for a DELETE of a join view). */
  using?: TableRef[];
  where?: Expr;
  currentOf?: OraName;
  returning?: ReturningClause;
  logErrors?: boolean;
}

export interface MergeStmt extends StatementMeta {
  kind: 'merge';
  hint?: string;
  target: TableRef;
  using: FromItem;
  on: Expr;
  matched?: { set: SetClause[]; where?: Expr; deleteWhere?: Expr };
  notMatched?: { columns?: OraName[]; values: Expr[]; where?: Expr };
  logErrors?: boolean;
}

export interface TransactionStmt extends StatementMeta {
  kind: 'transaction';
  verb: 'COMMIT' | 'ROLLBACK' | 'SAVEPOINT';
  /** ROLLBACK TO [SAVEPOINT] name / SAVEPOINT name */
  savepoint?: OraName;
  /** COMMIT … FORCE, COMMENT, WRITE … options dropped. */
  ignored?: string[];
}

export interface TruncateStmt extends StatementMeta {
  kind: 'truncate';
  table: TableRef;
  cascade?: boolean;
  /** DROP STORAGE / REUSE STORAGE / PRESERVE MATERIALIZED VIEW LOG … */
  ignored?: string[];
}

export interface LockStmt extends StatementMeta {
  kind: 'lock';
  tables: TableRef[];
  mode: string;
  nowait?: boolean;
  wait?: number;
}

export interface CallStmt extends StatementMeta {
  kind: 'call';
  call: FuncCall;
  into?: Expr;
}
