/**
 * The PostgreSQL side of the model: what the converter produces and the emitter prints.
 * Names here are final PostgreSQL identifiers (exact case, unquoted form); the emitter quotes them.
 */
import type { DataType, Expr } from './expr.js';
import type { Query } from './query.js';
import type { Finding, SourceLocation } from '../findings/types.js';

export interface PgName {
  schema?: string;
  name: string;
}

export interface PgSequenceOptions {
  start?: string;
  increment?: string;
  minValue?: string | 'NONE';
  maxValue?: string | 'NONE';
  cycle?: boolean;
  cache?: number;
}

export interface PgColumn {
  name: string;
  type: DataType;
  notNull: boolean;
  default?: Expr;
  identity?: { always: boolean; options: PgSequenceOptions };
  generated?: Expr;
  /** A virtual column kept by the table's `<table>_opg_columns` trigger (not immutable): its expression, not printed. */
  triggerComputed?: Expr;
}

export interface PgConstraint {
  name?: string;
  kind: 'primary-key' | 'unique' | 'foreign-key' | 'check';
  columns: string[];
  references?: { table: PgName; columns: string[]; onDelete?: 'CASCADE' | 'SET NULL' };
  check?: Expr;
  deferrable?: boolean;
  initiallyDeferred?: boolean;
  notValid?: boolean;
  /** UNIQUE NULLS NOT DISTINCT (PostgreSQL 15): Oracle's composite-key NULL rule. */
  nullsNotDistinct?: boolean;
}

export type PartitionBound =
  | { kind: 'range'; from: (Expr | 'MINVALUE' | 'MAXVALUE')[]; to: (Expr | 'MINVALUE' | 'MAXVALUE')[] }
  | { kind: 'list'; values: Expr[] }
  | { kind: 'hash'; modulus: number; remainder: number }
  | { kind: 'default' };

export interface PgTable {
  kind: 'table';
  name: PgName;
  columns: PgColumn[];
  primaryKey?: PgConstraint;
  unlogged?: boolean;
  partitionBy?: { method: 'RANGE' | 'LIST' | 'HASH'; columns: string[] };
  partitionOf?: { parent: PgName; bound: PartitionBound };
  asQuery?: Query;
  /** CREATE TEMPORARY TABLE (Oracle private temporary tables); 'DROP' = ON COMMIT DROP. */
  temporary?: { onCommit?: 'DROP' };
}

export interface PgIndex {
  kind: 'index';
  name: string;
  table: PgName;
  unique: boolean;
  columns: { expr: Expr; desc?: boolean }[];
  /** UNIQUE … NULLS NOT DISTINCT (PostgreSQL 15) */
  nullsNotDistinct?: boolean;
}

export interface PgSequence {
  kind: 'sequence';
  name: PgName;
  options: PgSequenceOptions;
}

export interface PgView {
  kind: 'view';
  name: PgName;
  columns?: string[];
  query: Query;
  checkOption?: boolean;
  materialized?: boolean;
}

export interface PgAddConstraint {
  kind: 'add-constraint';
  table: PgName;
  constraint: PgConstraint;
}

export interface PgComment {
  kind: 'comment';
  on: 'TABLE' | 'COLUMN' | 'VIEW' | 'MATERIALIZED VIEW';
  target: PgName;
  column?: string;
  text: string | null;
}

export interface PgGrant {
  kind: 'grant';
  revoke?: boolean;
  privileges: { name: string; columns?: string[] }[];
  /** TABLE (tables, views), SEQUENCE, FUNCTION/PROCEDURE (ALL … IN SCHEMA not used) */
  objectType: 'TABLE' | 'SEQUENCE' | 'ROUTINE' | 'ROLE';
  on?: PgName;
  grantees: string[];
  withGrantOption: boolean;
}

export interface PgRole {
  kind: 'role';
  name: string;
  login: boolean;
}

export interface PgSchema {
  kind: 'schema';
  name: string;
}

/** A statement PostgreSQL cannot get: kept as a comment block in the output. */
/** Statement text produced by a rule that prints its own PostgreSQL (PL/pgSQL units). Ends with ";". */
export interface PgRaw {
  kind: 'raw';
  text: string;
}

export interface PgCommentBlock {
  kind: 'comment-block';
  text: string;
}

/** Raw ALTER TABLE lines produced from Oracle ALTER statements that could not be merged. */
export interface PgAlterTable {
  kind: 'alter-table';
  table: PgName;
  actions: PgAlterAction[];
}

export type PgAlterAction =
  | { kind: 'add-column'; column: PgColumn }
  | { kind: 'drop-column'; name: string }
  | { kind: 'rename-column'; from: string; to: string }
  | { kind: 'rename-constraint'; from: string; to: string }
  | { kind: 'rename-table'; to: string }
  | { kind: 'set-not-null'; column: string; notNull: boolean }
  | { kind: 'set-type'; column: string; type: DataType }
  | { kind: 'set-default'; column: string; default?: Expr }
  | { kind: 'drop-constraint'; name: string };

export type PgNode =
  | PgSchema
  | PgRole
  | PgTable
  | PgIndex
  | PgSequence
  | PgView
  | PgAddConstraint
  | PgComment
  | PgGrant
  | PgCommentBlock
  | PgRaw
  | PgAlterTable;

export type Phase = 'pre-data' | 'code' | 'post-data';

/** One converted object, ready to print. */
export interface PgObject {
  phase: Phase;
  /** Oracle-side label: TABLE HR.EMPLOYEES */
  object: string;
  /** Object type for reports: TABLE, INDEX, SEQUENCE, VIEW, … */
  objectType: string;
  nodes: PgNode[];
  findings: Finding[];
  location?: SourceLocation;
  /** Names this object depends on (for ordering inside a phase): PG qualified names. */
  dependsOn?: string[];
  /** Name it defines (PG qualified), for dependency ordering. */
  defines?: string;
}
