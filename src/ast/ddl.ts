import type { SourceLocation } from '../findings/types.js';
import type { OraName, QualifiedName } from './common.js';
import type { DataType, Expr } from './expr.js';
import type { DmlStatement } from './dml.js';
import type { PlsqlUnitAst } from './plsql.js';
import type { Query } from './query.js';

export type Statement =
  | CreateTable
  | CreateIndex
  | CreateSequence
  | AlterSequence
  | CreateView
  | CreateSynonym
  | CommentOn
  | GrantStmt
  | RevokeStmt
  | CreateUser
  | CreateRole
  | AlterTable
  | DropStmt
  | PlsqlUnit
  | DmlStatement
  | AdminStmt
  | UnsupportedStmt;

/** Fields every statement carries once parsed from a script. */
export interface StatementMeta {
  loc?: SourceLocation;
  /** The Oracle source text of the statement (for comments in output and for the report). */
  source?: string;
  /** Comments that preceded the statement in the script. */
  leadingComments?: string[];
}

export interface SequenceOptions {
  start?: string;
  increment?: string;
  minValue?: string | 'NONE';
  maxValue?: string | 'NONE';
  cycle?: boolean;
  cache?: number | 'NONE';
  order?: boolean;
  /** START WITH LIMIT VALUE (identity columns): start after the highest value of the column. */
  startLimitValue?: boolean;
  /** KEEP / NOKEEP, SCALE, SESSION, GLOBAL … options without a PostgreSQL equivalent. */
  ignored: string[];
}

export interface ColumnDef {
  name: OraName;
  type?: DataType;
  default?: Expr;
  defaultOnNull?: boolean;
  identity?: { always: boolean; onNull: boolean; options: SequenceOptions };
  /** GENERATED ALWAYS AS (expr) [VIRTUAL] */
  virtual?: Expr;
  invisible?: boolean;
  /** Oracle 23ai ANNOTATIONS (name [value]); ADD/REPLACE and DROP operations of ALTER … MODIFY. */
  annotations?: { op?: 'ADD' | 'DROP' | 'REPLACE'; name: OraName; value?: string }[];
  constraints: Constraint[];
  loc?: SourceLocation;
}

export type ConstraintKind = 'primary-key' | 'unique' | 'foreign-key' | 'check' | 'not-null' | 'null';

export interface ConstraintState {
  deferrable?: boolean;
  initiallyDeferred?: boolean;
  /** false for DISABLE */
  enabled: boolean;
  /** false for NOVALIDATE */
  validate: boolean;
  rely?: boolean;
  usingIndex?: boolean;
}

export interface Constraint {
  name?: OraName;
  kind: ConstraintKind;
  /** Columns for out-of-line constraints; for inline ones the owning column is filled in by the parser. */
  columns: OraName[];
  references?: { table: QualifiedName; columns: OraName[]; onDelete?: 'CASCADE' | 'SET NULL' };
  check?: Expr;
  state: ConstraintState;
  loc?: SourceLocation;
}

export interface PartitionSpec {
  method: 'RANGE' | 'LIST' | 'HASH' | 'REFERENCE' | 'SYSTEM';
  columns: OraName[];
  /** INTERVAL (expr) */
  interval?: Expr;
  /** Hash: PARTITIONS n */
  count?: number;
  partitions: PartitionDef[];
  sub?: { method: 'RANGE' | 'LIST' | 'HASH'; columns: OraName[]; count?: number; template?: PartitionDef[] };
  /** Dropped physical clauses (for findings). */
  dropped: string[];
}

export interface PartitionDef {
  name?: OraName;
  /** RANGE: VALUES LESS THAN (…); MAXVALUE is a pseudo column named MAXVALUE. */
  lessThan?: Expr[];
  /** LIST: VALUES (…); DEFAULT is represented by `isDefault`. */
  values?: Expr[];
  isDefault?: boolean;
  subpartitions?: PartitionDef[];
  subCount?: number;
}

export interface CreateTable extends StatementMeta {
  kind: 'create-table';
  name: QualifiedName;
  /** CREATE TABLE t OF object_type: an object table (its columns are the type's attributes). */
  ofType?: QualifiedName;
  /** Set when the columns were expanded from the object type (the type's name). */
  objectTableOf?: string;
  temporary?: { global: boolean; onCommit: 'DELETE' | 'PRESERVE' };
  columns: ColumnDef[];
  constraints: Constraint[];
  partition?: PartitionSpec;
  asQuery?: Query;
  organization?: 'HEAP' | 'INDEX' | 'EXTERNAL';
  /** Physical clauses parsed and dropped (TABLESPACE, STORAGE, …), upper-case first words. */
  dropped: string[];
}

export interface IndexColumn {
  expr: Expr;
  desc?: boolean;
}

export interface CreateIndex extends StatementMeta {
  kind: 'create-index';
  name: QualifiedName;
  table: QualifiedName;
  unique: boolean;
  bitmap: boolean;
  columns: IndexColumn[];
  reverse?: boolean;
  local?: boolean;
  dropped: string[];
}

export interface CreateSequence extends StatementMeta {
  kind: 'create-sequence';
  name: QualifiedName;
  options: SequenceOptions;
}

export interface AlterSequence extends StatementMeta {
  kind: 'alter-sequence';
  name: QualifiedName;
  options: SequenceOptions;
}

export interface CreateView extends StatementMeta {
  kind: 'create-view';
  name: QualifiedName;
  orReplace: boolean;
  force: boolean;
  columns?: OraName[];
  query: Query;
  readOnly?: boolean;
  checkOption?: boolean;
  materialized?: boolean;
}

export interface CreateSynonym extends StatementMeta {
  kind: 'create-synonym';
  name: QualifiedName;
  public: boolean;
  target: QualifiedName;
}

export interface CommentOn extends StatementMeta {
  kind: 'comment';
  target: 'TABLE' | 'COLUMN' | 'VIEW' | 'MATERIALIZED VIEW';
  /** For columns: table name with the column as the last part. */
  table: QualifiedName;
  column?: OraName;
  text: string | null;
}

export interface GrantStmt extends StatementMeta {
  kind: 'grant';
  /** Object privileges (SELECT, INSERT(col), ALL, EXECUTE …) or system privileges / roles when `on` is absent. */
  privileges: { name: string; columns?: OraName[] }[];
  on?: QualifiedName;
  grantees: OraName[];
  withGrantOption: boolean;
  withAdminOption?: boolean;
}

export interface RevokeStmt extends StatementMeta {
  kind: 'revoke';
  privileges: { name: string; columns?: OraName[] }[];
  on?: QualifiedName;
  grantees: OraName[];
}

export interface CreateUser extends StatementMeta {
  kind: 'create-user';
  name: OraName;
  /** True when a password was given; the password itself is never kept. */
  hasPassword: boolean;
  /** ALTER USER rather than CREATE USER */
  alter?: boolean;
  /** ACCOUNT LOCK (true) / UNLOCK (false) */
  locked?: boolean;
}

export interface CreateRole extends StatementMeta {
  kind: 'create-role';
  name: OraName;
}

export type AlterAction =
  | { kind: 'add-constraint'; constraint: Constraint }
  | { kind: 'add-column'; column: ColumnDef }
  | { kind: 'modify-column'; column: ColumnDef; setNotNull?: boolean; setNull?: boolean }
  | { kind: 'drop-column'; columns: OraName[] }
  | { kind: 'rename-column'; from: OraName; to: OraName }
  | { kind: 'rename-table'; to: OraName }
  | { kind: 'rename-constraint'; from: OraName; to: OraName }
  | { kind: 'drop-constraint'; name: OraName; cascade?: boolean }
  | { kind: 'drop-primary-key' }
  | { kind: 'drop-unique'; columns: OraName[] }
  | { kind: 'constraint-state'; name: OraName; enable: boolean; validate?: boolean }
  | { kind: 'other'; text: string };

export interface AlterTable extends StatementMeta {
  kind: 'alter-table';
  table: QualifiedName;
  actions: AlterAction[];
}

export interface DropStmt extends StatementMeta {
  kind: 'drop';
  objectType: string;
  name: QualifiedName;
  cascade?: boolean;
  /** DROP … IF EXISTS (23ai) */
  ifExists?: boolean;
}

export type PlsqlUnitKind =
  | 'PROCEDURE'
  | 'FUNCTION'
  | 'PACKAGE'
  | 'PACKAGE BODY'
  | 'TRIGGER'
  | 'TYPE'
  | 'TYPE BODY'
  | 'BLOCK';

/** A PL/SQL unit kept as text until the PL/SQL grammar converts it. */
export interface PlsqlUnit extends StatementMeta {
  kind: 'plsql-unit';
  unitKind: PlsqlUnitKind;
  name: QualifiedName;
  text: string;
  wrapped?: boolean;
  /** The parsed unit (absent when it could not be parsed: a finding says where). */
  ast?: PlsqlUnitAst;
}

/** ALTER TYPE attribute change (ADD / MODIFY / DROP ATTRIBUTE). */
export interface TypeAttributeChange {
  op: 'ADD' | 'MODIFY' | 'DROP';
  name: OraName;
  /** Absent for DROP. */
  type?: DataType;
}

/**
 * Administrative and maintenance statements (ALTER INDEX, ALTER TYPE, RENAME, TRUNCATE CLUSTER,
 * FLASHBACK TABLE, CREATE CONTEXT / EDITION / DIRECTORY / DATABASE LINK, ASSOCIATE STATISTICS,
 * ALTER … COMPILE, tablespaces, rollback segments …): the statement head, the object named, and the
 * words of its clauses. Most have no PostgreSQL counterpart; the ones that do are converted.
 */
export interface AdminStmt extends StatementMeta {
  kind: 'admin';
  /** Statement head, upper case, e.g. "ALTER INDEX", "RENAME", "ASSOCIATE STATISTICS WITH PACKAGES". */
  what: string;
  name?: QualifiedName;
  /** Upper-cased words of the clauses after the name, outside parentheses (e.g. ["REBUILD", "ONLINE"]). */
  words: string[];
  /** RENAME x TO y, ALTER INDEX/TRIGGER/… x RENAME TO y. */
  renameTo?: OraName;
  /** ALTER TYPE … ADD/MODIFY/DROP ATTRIBUTE. */
  attributes?: TypeAttributeChange[];
}

export interface UnsupportedStmt extends StatementMeta {
  kind: 'unsupported';
  /** e.g. "CREATE DATABASE LINK" */
  what: string;
  text: string;
}
