/**
 * The result of `orapg verify`: what was applied to a real PostgreSQL, what failed and where, what
 * plpgsql_check said, and how the target's catalog compares with the converted Oracle model.
 * `verify.json` is this object; the report (src/report) reads it. Fields only get added.
 */
import type { Phase } from '../ast/pg.js';
import type { Finding, SourceLocation } from '../findings/types.js';

/** A place in an emitted PostgreSQL file (01-pre-data.sql …), 1-based. */
export interface EmittedLocation {
  file: string;
  line: number;
  column: number;
}

/** A PostgreSQL error, with its position mapped back to the emitted file and the Oracle source. */
export interface VerifyError {
  /** SQLSTATE, e.g. 42P01 (undefined_table). */
  sqlstate: string;
  message: string;
  detail?: string;
  hint?: string;
  /** PostgreSQL's CONTEXT line (where inside a routine the error happened). */
  context?: string;
  /** Where the error points in the emitted file (the object's first line when PostgreSQL gave no position). */
  emitted?: EmittedLocation;
  /**
   * Oracle source: the line of the Oracle statement that names the identifier PostgreSQL points
   * at (`sourcePrecision` token), else the start of the statement that produced the object.
   */
  source?: SourceLocation;
  sourcePrecision?: 'token' | 'statement';
  /** For errors inside a routine body: the inner query PostgreSQL reported. */
  query?: string;
}

export type ObjectStatus = 'applied' | 'failed' | 'skipped';

/** One issue reported by plpgsql_check for a routine. */
export interface DeepCheckIssue {
  /** plpgsql_check level: error, warning, warning extra, performance, security. */
  level: string;
  sqlstate?: string;
  message: string;
  detail?: string;
  hint?: string;
  /** PL/pgSQL statement kind, e.g. "SQL statement", "assignment". */
  statement?: string;
  /** Line inside the routine body (1 = the line of the opening quote). */
  bodyLine?: number;
  emitted?: EmittedLocation;
  source?: SourceLocation;
  query?: string;
}

/** A routine (function, procedure, trigger function) defined by an object, and its checks. */
export interface RoutineCheck {
  /** Signature as PostgreSQL prints it: schema.name(argtypes). */
  name: string;
  kind: 'function' | 'procedure' | 'trigger function';
  language: string;
  /** Body validated with check_function_bodies = on after every object was created. */
  validated: 'ok' | 'failed' | 'skipped';
  /** plpgsql_check: ok (no issue), issues, skipped (extension unavailable, not PL/pgSQL, unattached trigger function). */
  deepCheck: 'ok' | 'issues' | 'skipped';
  deepCheckReason?: string;
  issues: DeepCheckIssue[];
}

/** One converted object (a block of an emitted file) and what happened to it. */
export interface VerifyObjectResult {
  /** Oracle-side label, e.g. "TABLE HR.EMPLOYEES" (as in manifest.json). */
  object: string;
  objectType: string;
  phase: Phase;
  status: ObjectStatus;
  /** Why nothing was applied: the object was kept as a comment (not converted) or had no statement. */
  skipReason?: 'not-converted' | 'empty';
  /** Where a failed object failed: creating it, or validating its routine bodies afterwards. */
  stage?: 'apply' | 'validate';
  /** The object's lines in the emitted file. */
  emitted: { file: string; line: number; endLine: number };
  /** The Oracle statement that produced it. */
  source?: SourceLocation;
  /** 1-based position in the apply order (dependency order); absent for skipped objects. */
  applyOrder?: number;
  /** The emitted files run it after an object it depends on comes later (see OPG-VERIFY-0009). */
  outOfOrder?: boolean;
  /** 2 or more when it only applied in the retry pass, after objects created later. */
  attempts: number;
  millis: number;
  error?: VerifyError;
  /** Labels of objects it depends on that failed (likely cause of its own failure). */
  blockedBy?: string[];
  /** Offline parse (libpg-query, PostgreSQL 18 grammar) failed with this message; the server decided. */
  precheckError?: string;
  routines?: RoutineCheck[];
}

export type StructureKind =
  | 'table'
  | 'column'
  | 'constraint'
  | 'index'
  | 'sequence'
  | 'view'
  | 'materialized view'
  | 'routine'
  | 'trigger'
  /** Oracle objects kept as comments (packages, types, synonyms …) whose PostgreSQL form is not decided. */
  | 'other';

/** One difference between the Oracle model (as converted) and the target's catalog. */
export interface StructureDiff {
  kind: StructureKind;
  /** PostgreSQL name: schema.table, schema.table.column, schema.table.constraint, or the Oracle label for not-converted objects. */
  name: string;
  status: 'missing' | 'extra' | 'different';
  /** For missing objects: not converted (a conversion finding exists) or the object failed to apply. */
  reason?: 'not-converted' | 'failed';
  attribute?:
    | 'type'
    | 'nullable'
    | 'default'
    | 'identity'
    | 'generated'
    | 'columns'
    | 'unique'
    | 'references'
    | 'kind'
    | 'increment'
    | 'start';
  expected?: string;
  actual?: string;
  /** Oracle label of the model object it belongs to. */
  object?: string;
  source?: SourceLocation;
}

export interface StructureCount {
  expected: number;
  found: number;
  missing: number;
  extra: number;
  different: number;
}

export interface StructureComparison {
  performed: boolean;
  /** Why it was not performed (e.g. a converted directory without --source). */
  skippedReason?: string;
  /** Schemas read on the target. */
  schemas: string[];
  counts: Partial<Record<StructureKind, StructureCount>>;
  diffs: StructureDiff[];
}

export interface VerifyTarget {
  engine: 'pglite' | 'postgres';
  /** e.g. "15.20" */
  serverVersion: string;
  serverVersionNum: number;
  /** Connection URL with the password masked. */
  url?: string;
  mode: 'embedded' | 'scratch-database' | 'scratch-schema' | 'in-place';
  /** Scratch database or schema used (created and dropped). */
  scratchName?: string;
  /** Everything verify created was removed (rolled back / dropped) afterwards. */
  cleanedUp: boolean;
}

export interface PhaseSummary {
  phase: Phase;
  file: string;
  objects: number;
  applied: number;
  failed: number;
  skipped: number;
  millis: number;
}

export interface VerifySummary {
  objects: number;
  applied: number;
  failed: number;
  skipped: number;
  /** Objects that applied only in the retry pass. */
  retried: number;
  outOfOrder: number;
  routines: number;
  deepChecked: number;
  deepErrors: number;
  deepWarnings: number;
  missing: number;
  notConverted: number;
  extra: number;
  different: number;
  /** No object failed, no routine failed validation or plpgsql_check with an error, nothing from the model is missing (not-converted objects excepted: conversion already reported them). */
  ok: boolean;
}

export interface VerifyResult {
  /** Shape version of this object. */
  version: 1;
  input: {
    kind: 'converted-dir' | 'source' | 'convert-result';
    paths: string[];
    /** Oracle sources the structure comparison used (converted-dir with --source). */
    sourcePaths?: string[];
  };
  target: VerifyTarget;
  startedAt: string;
  millis: number;
  phases: PhaseSummary[];
  /** Every object in emitted-file order. */
  objects: VerifyObjectResult[];
  deepCheck: {
    available: boolean;
    /** plpgsql_check version when available. */
    version?: string;
    /** Why deep checking was skipped. */
    reason?: string;
    checked: number;
    errors: number;
    warnings: number;
  };
  structure: StructureComparison;
  /** Verify findings (OPG-VERIFY-*), located at the Oracle source. */
  findings: Finding[];
  summary: VerifySummary;
}
