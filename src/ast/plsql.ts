/** PL/SQL: subprograms, blocks, declarations, statements, triggers, packages. */
import type { SourceLocation } from '../findings/types.js';
import type { OraName, QualifiedName } from './common.js';
import type { DmlStatement } from './dml.js';
import type { DataType, Expr } from './expr.js';
import type { Query } from './query.js';

export interface Param {
  name: OraName;
  mode: 'IN' | 'OUT' | 'IN OUT';
  nocopy?: boolean;
  type: DataType;
  default?: Expr;
}

export interface Subprogram {
  kind: 'procedure' | 'function';
  name: QualifiedName;
  params: Param[];
  returnType?: DataType;
  /** DETERMINISTIC, PIPELINED, PARALLEL_ENABLE, RESULT_CACHE, AUTHID …, as written (upper case). */
  attributes: string[];
  /** Body; absent for a declaration (package spec, forward declaration). */
  block?: Block;
  /** LANGUAGE C / JAVA / EXTERNAL call specification. */
  external?: string;
  /** Where a member of a declaration section or type body is in its unit's text. */
  span?: TextSpan;
}

/** A piece of a unit's text: offsets (end inclusive) and the 1-based line / column where it starts. */
export interface TextSpan {
  start: number;
  end: number;
  line: number;
  column: number;
}

export interface Block {
  label?: OraName;
  declarations: Declaration[];
  body: PlStatement[];
  handlers: ExceptionHandler[];
}

export interface ExceptionHandler {
  /** Exception names (OTHERS included), in catalog form. */
  names: OraName[];
  body: PlStatement[];
}

export type Declaration =
  | { kind: 'variable'; name: OraName; type: DataType; constant: boolean; notNull: boolean; default?: Expr }
  | { kind: 'cursor'; name: OraName; params: Param[]; returnType?: DataType; query?: Query }
  | { kind: 'exception'; name: OraName }
  | { kind: 'pragma'; name: string; args: Expr[] }
  | { kind: 'type'; name: OraName; def: TypeDefinition }
  | { kind: 'subtype'; name: OraName; base: DataType; notNull: boolean; range?: { low: Expr; high: Expr } }
  | { kind: 'subprogram'; unit: Subprogram }
  | ({ kind: 'conditional' } & Conditional<Declaration>)
  | { kind: 'cc-error'; message: Expr };

/**
 * Conditional compilation: `$IF cond $THEN … {$ELSIF cond $THEN …} [$ELSE …] $END`. Every
 * branch is parsed; the conversion selects one for the target Oracle version
 * (convert/plsql/conditional.ts) and only that one is converted.
 */
export interface Conditional<T> {
  branches: { cond: Expr; items: T[] }[];
  else?: T[];
  /** Line of the $IF in the unit's text. */
  line?: number;
}

export type TypeDefinition =
  | { kind: 'record'; fields: { name: OraName; type: DataType; notNull: boolean; default?: Expr }[] }
  | { kind: 'table'; of: DataType; indexBy?: DataType; notNull: boolean }
  | { kind: 'varray'; size: number; of: DataType; notNull: boolean }
  | { kind: 'ref-cursor'; returnType?: DataType }
  | { kind: 'object'; text: string };

export type PlStatement = (
  | { kind: 'assign'; target: Expr; value: Expr }
  | { kind: 'if'; branches: { cond: Expr; body: PlStatement[] }[]; else?: PlStatement[] }
  | { kind: 'case'; selector?: Expr; whens: { when: Expr; body: PlStatement[] }[]; else?: PlStatement[] }
  | { kind: 'loop'; body: PlStatement[] }
  | { kind: 'while'; cond: Expr; body: PlStatement[] }
  | { kind: 'for-range'; index: OraName; reverse: boolean; lower: Expr; upper: Expr; body: PlStatement[] }
  | { kind: 'for-cursor'; record: OraName; cursor: OraName; args: Expr[]; body: PlStatement[] }
  | { kind: 'for-query'; record: OraName; query: Query; body: PlStatement[] }
  | {
      kind: 'forall';
      index: OraName;
      /** Bounds of `lo .. hi`, or of INDICES OF c BETWEEN lo AND hi. */
      lower?: Expr;
      upper?: Expr;
      indicesOf?: Expr;
      valuesOf?: Expr;
      /** SAVE EXCEPTIONS: failing iterations are collected, ORA-24381 raised after the loop. */
      saveExceptions?: boolean;
      statement: PlStatement;
    }
  | { kind: 'exit'; verb: 'EXIT' | 'CONTINUE'; label?: OraName; when?: Expr }
  | { kind: 'null' }
  | { kind: 'return'; value?: Expr }
  | { kind: 'goto'; label: OraName }
  | { kind: 'raise'; name?: OraName }
  | { kind: 'open'; cursor: OraName; args: Expr[]; forQuery?: Query; forDynamic?: Expr; using: BindArg[] }
  | { kind: 'fetch'; cursor: OraName; into: Expr[]; bulk: boolean; limit?: Expr }
  | { kind: 'close'; cursor: OraName }
  | {
      kind: 'execute-immediate';
      sql: Expr;
      into: Expr[];
      bulk: boolean;
      using: BindArg[];
      returningInto: Expr[];
    }
  | { kind: 'pipe-row'; value: Expr }
  | { kind: 'sql'; statement: DmlStatement }
  | { kind: 'call'; call: Expr }
  | { kind: 'block'; block: Block }
  | { kind: 'unparsed'; text: string; reason: string }
  | ({ kind: 'conditional' } & Conditional<PlStatement>)
  /** $ERROR message $END: compiling this branch fails in Oracle. */
  | { kind: 'cc-error'; message: Expr }
) & { labels?: OraName[]; line?: number };

export interface BindArg {
  mode: 'IN' | 'OUT' | 'IN OUT';
  value: Expr;
}

export interface TriggerDef {
  name: QualifiedName;
  timing: 'BEFORE' | 'AFTER' | 'INSTEAD OF' | 'FOR';
  events: { event: 'INSERT' | 'UPDATE' | 'DELETE'; columns?: OraName[] }[];
  /** DDL/database event triggers (AFTER LOGON ON DATABASE …) are kept as text. */
  on: QualifiedName;
  onKind: 'table' | 'view' | 'schema' | 'database';
  /** Events of a system trigger as written (CREATE, ALTER, DROP, DDL, LOGON …). */
  ddlEvents?: string[];
  forEachRow: boolean;
  referencing?: { old?: OraName; new?: OraName; parent?: OraName };
  when?: Expr;
  enabled: boolean;
  /** FOLLOWS / PRECEDES: triggers of the same timing point this one fires after / before. */
  follows?: QualifiedName[];
  precedes?: QualifiedName[];
  /** Simple trigger body. */
  block?: Block;
  /** COMPOUND TRIGGER: its declaration section and timing-point sections. */
  compound?: CompoundTrigger;
  /** CALL proc instead of a block. */
  call?: Expr;
}

/** A timing point of a compound trigger. */
export type TimingPoint = 'BEFORE STATEMENT' | 'BEFORE EACH ROW' | 'AFTER EACH ROW' | 'AFTER STATEMENT' | 'INSTEAD OF EACH ROW';

/**
 * COMPOUND TRIGGER body: declarations shared by every section for the duration of one triggering
 * statement, then `timing_point IS BEGIN … [EXCEPTION …] END timing_point;` sections.
 */
export interface CompoundTrigger {
  declarations: Declaration[];
  sections: { timing: TimingPoint; block: Block }[];
}

export interface PackageSpec {
  name: QualifiedName;
  declarations: Declaration[];
  authid?: string;
  /** Declarations the grammar could not read (the rest was parsed one by one). */
  unparsed?: UnparsedMember[];
}

export interface PackageBody {
  name: QualifiedName;
  declarations: Declaration[];
  /** Initialization section. */
  init?: Block;
  /** Members the grammar could not read (the rest of the body was parsed member by member). */
  unparsed?: UnparsedMember[];
}

/**
 * A member of a PACKAGE [BODY] / TYPE BODY that could not be parsed while the others could: kept
 * as its Oracle text (an OPG-PARSE-0001 finding names it and says where the error is).
 */
export interface UnparsedMember {
  /** The subprogram's name; for other declarations their name when one can be read. */
  name?: OraName;
  /** declaration: one whose kind cannot be told (a pragma …); init: the initialization section. */
  kind: 'procedure' | 'function' | 'type' | 'cursor' | 'variable' | 'declaration' | 'init';
  /** Its Oracle text. */
  text: string;
  /** Where the member starts. */
  loc: SourceLocation;
}

export type PlsqlUnitAst =
  | { kind: 'subprogram'; unit: Subprogram }
  | { kind: 'block'; block: Block }
  | { kind: 'trigger'; trigger: TriggerDef }
  | { kind: 'package'; spec: PackageSpec }
  | { kind: 'package-body'; body: PackageBody }
  | { kind: 'type'; name: QualifiedName; def: SchemaTypeDefinition }
  | { kind: 'type-body'; name: QualifiedName; methods: TypeMethod[]; unparsed?: UnparsedMember[] };

/** A method of an object type body. */
export interface TypeMethod {
  kind: 'member' | 'static' | 'constructor' | 'map' | 'order';
  unit: Subprogram;
}

/** A method declared in an object type specification (its signature; no block). */
export interface TypeMethodSpec {
  kind: TypeMethod['kind'];
  unitKind: 'function' | 'procedure';
  name: OraName;
  params: Param[];
  returnType?: DataType;
}

/** CREATE TYPE … AS TABLE OF / VARRAY / OBJECT. */
export type SchemaTypeDefinition =
  | Extract<TypeDefinition, { kind: 'table' | 'varray' }>
  | {
      kind: 'object';
      attributes: { name: OraName; type: DataType }[];
      /** Member, static, map/order or constructor methods were declared. */
      methods: boolean;
      /** The signatures of the declared methods the parser could read (others are skipped). */
      methodSpecs?: TypeMethodSpec[];
      /** UNDER supertype */
      under?: QualifiedName;
      /** CREATE TYPE name [OID '…']; — an incomplete type (forward declaration), no attributes. */
      incomplete?: boolean;
    };
