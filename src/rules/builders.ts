/**
 * The expression-rewrite context shared by the rule families, and small constructors for the
 * PostgreSQL trees that the rules build.
 */
import type { OraName, QualifiedName } from '../ast/common.js';
import type { BinaryOp, DataType, Expr, FuncCall } from '../ast/expr.js';
import type { Query } from '../ast/query.js';
import { type FindingArgs, makeFinding } from '../findings/make.js';
import type { Finding, SourceLocation } from '../findings/types.js';

/** A relation of the converted model as the type inference sees it. */
export type RelationShape =
  | { kind: 'table'; columns: { name: OraName; type?: DataType; notNull?: boolean }[] }
  | { kind: 'view'; columns?: OraName[]; query: Query };

export interface ExprContext {
  findings: Finding[];
  object?: string;
  location?: SourceLocation;
  /** Oracle schema → PostgreSQL schema */
  mapSchema: (schema: OraName) => string;
  /** Oracle type of a column of the current table, when known (for TRUNC(date) and similar). */
  columnType?: (name: OraName) => DataType | undefined;
  /** Oracle type of a name path the scope does not know (self.attr, rec.field in PL/SQL). */
  pathType?: (parts: OraName[]) => DataType | undefined;
  /** Return type of a call of a routine converted from the sources (a type method as its function). */
  callReturnType?: (name: OraName[]) => DataType | undefined;
  /** Oracle type of `(operand).field`: an attribute of an object value (a method's result, a chain). */
  fieldType?: (operand: Expr, field: OraName) => DataType | undefined;
  /** Oracle type of `c[i]`: an element of a collection held as an array (PL/SQL). */
  elementType?: (array: Expr) => DataType | undefined;
  /** Primary and unique keys (their columns) of a table of the converted model. */
  tableKeys?: (table: QualifiedName) => OraName[][] | undefined;
  /** Column names of a table of the converted model (for resolving unqualified columns). */
  tableColumns?: (table: QualifiedName) => OraName[] | undefined;
  /** The sequence a synonym of the sources names (syn.NEXTVAL), when it names one. */
  sequenceSynonym?: (name: OraName) => QualifiedName | undefined;
  /** The standalone routine a synonym of the sources names (syn(…)), when it names one. */
  routineSynonym?: (name: OraName) => QualifiedName | undefined;
  /**
   * A call of an Oracle built-in package function (DBMS_LOB.SUBSTR, DBMS_RANDOM.VALUE) in a SQL
   * statement outside PL/SQL: its Oracle-level replacement, or undefined (reported when it has
   * none). PL/SQL converts these calls itself, before the SQL rules (convert/context.ts).
   */
  builtinPackageCall?: (e: Expr) => Expr | undefined;
  /** A call of a function (name as written) in a SQL statement: reports what Oracle does differently (convert/context.ts). */
  sqlFunctionCall?: (name: OraName[]) => void;
  /** Type of positional bind $n of dynamic SQL (the USING argument's declared type), when known. */
  bindType?: (position: number) => DataType | undefined;
  /** True for a PIPELINED function of the sources (name parts as written: [F] or [PKG, F]). */
  isPipelined?: (name: OraName[]) => boolean;
  /** A table or view of the converted model (Oracle definitions), for type inference. */
  relation?: (name: QualifiedName) => RelationShape | undefined;
  /** The PostgreSQL table of a partition (or subpartition) of a table of the model, by name. */
  partitionTable?: (table: QualifiedName, partition: OraName) => { schema?: string; name: string } | undefined;
  /** Name scope of the query block being rewritten (set by rewriteQuery). */
  scope?: import('./infer.js').Scope;
  /** Element type of a collection type declared by CREATE TYPE … AS TABLE OF / VARRAY (undefined otherwise). */
  collectionElement?: (type: DataType) => DataType | undefined;
  /**
   * For the collection expression of TABLE(…): true when its elements are objects or records
   * (their attributes are the columns), false for scalar elements (one column, COLUMN_VALUE),
   * undefined when not known.
   */
  collectionOfRows?: (e: Expr) => boolean | undefined;
  /** PostgreSQL schemas made of the packages of the sources (for the data dictionary mapping). */
  packageSchemas?: () => string[];
  /** --schema-map entries as [PostgreSQL schema, Oracle schema] (for the data dictionary mapping). */
  schemaNames?: () => [string, string][];
  /** The function a member function `name` of object type `t` became (for SQL outside PL/SQL). */
  memberFunction?: (t: DataType, name: OraName, argc: number) => string | undefined;
  /** True for an object type of the sources (CREATE TYPE … AS OBJECT), held as a composite type. */
  isObjectType?: (t: DataType) => boolean;
  /** TYPE(args) of an object type of the sources: its constructor function, or the composite type of ROW(args)::type. */
  objectConstructor?: (name: OraName[]) => { fn?: string; type?: string; attributes?: { name: OraName; type: DataType }[] } | undefined;
  /** Notes that a helper of the conversion (rules/types.ts SUPPORT_TYPES, opg_char_fit) is needed. */
  useSupport?: (name: string) => void;
  /** Set when a construct could not be converted; callers may comment the object out. */
  unconvertible?: string[];
}

export const lit = (value: string): Expr => ({ kind: 'literal', type: 'string', value });
export const num = (value: string | number): Expr => ({
  kind: 'literal',
  type: 'number',
  value: String(value),
});
export const NULL: Expr = { kind: 'literal', type: 'null', value: 'NULL' };
export const call = (name: string, ...args: Expr[]): FuncCall => ({
  kind: 'call',
  name: [name],
  args: args.map((value) => ({ value })),
});
export const pgType = (name: string, args: number[] = []): DataType => ({ kind: 'datatype', name, args });
export const cast = (operand: Expr, type: DataType | string): Expr => ({
  kind: 'pg-cast',
  operand,
  type: typeof type === 'string' ? pgType(type) : type,
});
export const bin = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });
export const paren = (expr: Expr): Expr =>
  expr.kind === 'paren' || expr.kind === 'call' || expr.kind === 'column' || expr.kind === 'literal'
    ? expr
    : { kind: 'paren', expr };
export const isNull = (operand: Expr, not = false): Expr => ({ kind: 'is-null', operand, not });
export const caseWhen = (whens: [Expr, Expr][], otherwise?: Expr): Expr => {
  const e: Expr = { kind: 'case', whens: whens.map(([when, then]) => ({ when, then })) };
  if (otherwise) e.else = otherwise;
  return e;
};
export const interval = (value: string): Expr => ({ kind: 'interval-literal', value, from: '' });
export const and = (...items: Expr[]): Expr => items.reduce((a, b) => bin('AND', a, b));
export const or = (...items: Expr[]): Expr => items.reduce((a, b) => bin('OR', a, b));
/**
 * The value of a custom session setting, NULL when it is unset or empty:
 * nullif(current_setting(name, true), ''). Written with PostgreSQL literals for true and '' so that
 * a later pass of the Oracle rules does not take the '' for NULL.
 */
export const settingValue = (name: string | Expr): Expr =>
  call('nullif', call('current_setting', typeof name === 'string' ? lit(name) : name, { kind: 'pseudo', name: 'true' }), {
    kind: 'pseudo',
    name: "''",
  });
/** nullif(e, ''): Oracle never returns the empty string, it returns NULL. */
export const noEmpty = (e: Expr): Expr => call('nullif', e, lit(''));

export const isLiteral = (e: Expr | undefined, type?: 'string' | 'number' | 'null'): boolean =>
  !!e && e.kind === 'literal' && (type === undefined || e.type === type);
export const isNullLiteral = (e: Expr | undefined): boolean =>
  !!e && e.kind === 'literal' && e.type === 'null';
/** The value of a number literal (possibly negated), or undefined. */
export function numberValue(e: Expr | undefined): number | undefined {
  if (!e) return undefined;
  if (e.kind === 'literal' && e.type === 'number') return Number(e.value.replace(/[dDfF]$/, ''));
  if (e.kind === 'unary' && e.op === '-') {
    const v = numberValue(e.operand);
    return v === undefined ? undefined : -v;
  }
  if (e.kind === 'paren') return numberValue(e.expr);
  return undefined;
}
export const stringValue = (e: Expr | undefined): string | undefined =>
  e?.kind === 'literal' && e.type === 'string' ? e.value : undefined;

export function report(ctx: ExprContext, id: string, args: FindingArgs): void {
  if (ctx.findings.some((f) => f.id === id && f.message.includes(String(Object.values(args)[0] ?? ''))))
    return;
  ctx.findings.push(makeFinding(id, args, { object: ctx.object, location: ctx.location }));
}

export function notConverted(ctx: ExprContext, detail: string): void {
  report(ctx, 'OPG-EXPR-0004', { detail });
  (ctx.unconvertible ??= []).push(detail);
}

/** True when evaluating the expression twice is as good as once (no side effects, cheap). */
export function isSimple(e: Expr): boolean {
  switch (e.kind) {
    case 'literal':
    case 'typed-literal':
    case 'interval-literal':
    case 'column':
    case 'bind':
      return true;
    case 'pg-cast':
    case 'cast':
      return isSimple(e.operand);
    case 'paren':
      return isSimple(e.expr);
    case 'unary':
      return isSimple(e.operand);
    default:
      return false;
  }
}
