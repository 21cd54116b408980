/** PL/SQL blocks and statements → PL/pgSQL text. */
import type { DmlStatement } from '../../ast/dml.js';
import { builtinPackageProcedure, handlerPrologue } from './builtin-packages.js';
import type { DataType, Expr, FuncArg, FuncCall } from '../../ast/expr.js';
import type { OraName } from '../../ast/common.js';
import type { BindArg, Block, Declaration, PlStatement, Subprogram, TypeDefinition } from '../../ast/plsql.js';
import type { Query } from '../../ast/query.js';
import { printDml } from '../../emit/pg/dml.js';
import { contextProcedure, lockRequestStatement } from './builtins.js';
import { noteCall } from './callees.js';
import { splitCommits } from './commit-split.js';
import { packageSparseUses, sparseUses } from './sparse-use.js';
import { numberConcatBinds } from './concat-binds.js';
import { knownTexts, textOf } from './known-text.js';
import { outFunctionAssign, outFunctionCall } from './outfunctions.js';
import { candidatesOf, castCallArgs } from './overload-resolution.js';
import { lengthChecked, nestedArrayReason, type PackageInfo } from './packages.js';
import { printExpr } from '../../emit/pg/expr.js';
import { printQuery } from '../../emit/pg/query.js';
import { pgNameOf, quoteIdent, quoteLiteral } from '../../emit/quote.js';
import { parseStatement } from '../../parser/statement.js';
import { leadingWords } from '../../source/script.js';
import { rewriteDml } from '../../rules/dml.js';
import { rewriteQuery } from '../../rules/expressions.js';
import { classOfDataType, inferType, queryColumnTypes } from '../../rules/infer.js';
import { mapExprDeep, mapQueryDeep, walkExpr } from '../../rules/walk.js';
import { translate } from '../../translate/index.js';
import { BUILTIN_PACKAGE, collectionElement, PlContext as PlContextClass, type PlContext } from './context.js';
import { extraArgs, liftedUnit, nestedName, registerNested } from './nested.js';
import { subprogramText } from './units.js';
import { PREDEFINED } from './exceptions.js';
import { assignTarget, objectCallStatement, objectTypeOf, staticType } from './objects.js';
import { lowerRecursiveWrite } from './recursive-types.js';
import { flattenedAttributes } from './types.js';
import { indexKind, mapAssign, mapCallStatement, mapElementType } from './assoc.js';
import { anydataAssign, isCompositeVariable } from './anydata.js';
import { jsonCallStatement } from './json-types.js';
import { emitForall, inlineBulkHandler } from './forall.js';
import { collectionMethodThrough, deepAssign } from './assign.js';
import { hoistOutCalls } from './hoist.js';
import { implicitText, noteSubtypeRange, predefinedNotNull, standaloneUnit, targetType, textArgs, textItems, textReturning } from './implicit-text.js';
import { dynamicBlock, dynamicBlockStub } from './dynamic-block.js';
import { oraSqlTxtArg, oraSqlTxtAssign } from './event-attributes.js';
import { type JsonReads, queryJsonReads } from './recursive-query.js';

const IND = '  ';
const id = (n: string) => quoteIdent(pgNameOf(n));
const VARCHAR2: DataType = { kind: 'datatype', name: 'VARCHAR2', args: [] };

export interface BlockOptions {
  /** Statements appended at the end of the block's body (trigger RETURN). */
  epilogue?: string[];
  /** Replaces a bare RETURN (triggers return NEW/OLD/NULL). */
  bareReturn?: string;
  /** Statements put first in the block's body (trigger WHEN guard). */
  prologue?: string[];
  /** RETURN x → `<valueReturn> := x; RETURN;` (functions with OUT parameters, outfunctions.ts). */
  valueReturn?: string;
}

/**
 * Predefined collection and object exceptions and what PostgreSQL arrays and composite values do
 * where Oracle raises them.
 */
const COLLECTION_ERRORS: Record<string, string> = {
  SUBSCRIPT_BEYOND_COUNT: 'reading an element past the end of a nested table or VARRAY gives NULL in PostgreSQL',
  SUBSCRIPT_OUTSIDE_LIMIT: 'an index below 1 or past the size of a VARRAY reads NULL in PostgreSQL (only EXTEND past the size raises it)',
  COLLECTION_IS_NULL: 'PostgreSQL creates a NULL array when an element is assigned, and its COUNT is 0',
  ACCESS_INTO_NULL:
    'it is raised when an attribute of a local variable or parameter is assigned while the object (or an object attribute on the path, v.a.b := …) is atomically null, not for an attribute of a NULL element (c(i).attr) or of a package variable, which PostgreSQL sets without an error',
};

/** DECLARE … BEGIN … EXCEPTION … END (without the trailing semicolon). */
export function emitBlock(b: Block, pc: PlContext, depth: number, opts: BlockOptions = {}, outermost = false): string {
  const savepointBlock = savepointAsBlock(b, pc);
  // Its handlers rolled back to a savepoint set at its start: Oracle undoes the block's changes too.
  const rollsBackToStart = savepointBlock !== b;
  b = splitCommits(savepointBlock, pc);
  if (outermost) prepareUnit(b, pc);
  pc.push();
  // The exceptions a block declares are its own: the enclosing blocks' names come back at its end.
  const exceptions = new Map(pc.exceptions);
  const textScopes = pc.textScopes;
  pc.textScopes = [...(outermost ? [] : textScopes), { declared: new Set(b.declarations.map((d) => ('name' in d ? d.name : ''))), known: knownTexts(b) }];
  const pad = IND.repeat(depth);
  registerNested(b.declarations, pc);
  const decls = b.declarations.flatMap((d) => emitDeclaration(d, pc, depth + 1));
  const inner = { ...opts, epilogue: undefined, prologue: undefined };
  inlineBulkHandler(b, pc);
  if (b.handlers.length) pc.protectedDepth++;
  const catchesNdf = b.handlers.some((h) => h.names.some((n) => n.replace(/^STANDARD\./, '') === 'NO_DATA_FOUND'));
  if (catchesNdf) pc.noDataFoundHandlers++;
  const body = [...(opts.prologue ?? []).map((l) => `${pad}${IND}${l}`), ...emitStatements(b.body, pc, depth + 1, inner)];
  if (catchesNdf) pc.noDataFoundHandlers--;
  if (b.handlers.length) pc.protectedDepth--;
  for (const e of opts.epilogue ?? []) body.push(`${pad}${IND}${e}`);
  if (b.handlers.length && !rollsBackToStart) checkHandlerRollback(b, pc);
  const handlers: string[] = [];
  for (const h of b.handlers) {
    const conds = h.names.map((n) => {
      const unraised = COLLECTION_ERRORS[n.replace(/^STANDARD\./, '')];
      if (unraised)
        pc.report('OPG-PLSQL-0073', {
          detail: `handler for ${n.replace(/^STANDARD\./, '')} in ${pc.object}: ${unraised}, so this handler does not run${n.endsWith('ACCESS_INTO_NULL') ? ' for those' : ''}`,
        });
      const c = pc.condition(n);
      if (!c) {
        pc.fail(`exception ${n} is not declared in this unit (package exceptions are converted with packages)`);
        return id(n);
      }
      return c;
    });
    // VALUE_ERROR OR INVALID_NUMBER share a condition: each name once.
    const unique = [...new Set(conds.flatMap((c) => c.split(' OR ')))];
    handlers.push(`${pad}${IND}WHEN ${unique.join(' OR ')} THEN`);
    pc.handlerDepth++;
    const handlerBody = emitStatements(h.body, pc, depth + 2, inner);
    // DBMS_UTILITY.FORMAT_ERROR_BACKTRACE reads the error context, saved first in the handler.
    handlers.push(...handlerPrologue(pc).map((l) => `${pad}${IND}${IND}${l}`), ...handlerBody);
    pc.handlerDepth--;
  }
  pc.pop();
  pc.exceptions.clear();
  for (const [name, state] of exceptions) pc.exceptions.set(name, state);
  pc.textScopes = textScopes;
  if (outermost) for (const [, d] of pc.extraDecls) decls.push(`${pad}${IND}${d}`);
  const lines: string[] = [];
  if (b.label) lines.push(`${pad}<<${id(b.label)}>>`);
  if (decls.length) lines.push(`${pad}DECLARE`, ...decls);
  lines.push(`${pad}BEGIN`, ...(body.length ? body : [`${pad}${IND}NULL;`]));
  if (handlers.length) lines.push(`${pad}EXCEPTION`, ...handlers);
  lines.push(`${pad}END`);
  return lines.join('\n');
}

/**
 * A block with handlers that changes data and then runs more statements: if a later statement
 * fails and a handler catches it, PostgreSQL rolls back the block's earlier changes (the block is
 * a subtransaction) while Oracle keeps them. Not reported when every handler re-raises or rolls
 * back (the changes are lost in Oracle too, unless an outer block handles the error).
 */
function checkHandlerRollback(b: Block, pc: PlContext): void {
  const endsTransaction = (h: Block['handlers'][number]) => {
    const first = h.body[0];
    const last = h.body.at(-1);
    if (first?.kind === 'sql' && first.statement.kind === 'transaction' && first.statement.verb === 'ROLLBACK' && !first.statement.savepoint)
      return true;
    if (last?.kind === 'raise') return true;
    const call = last?.kind === 'call' ? last.call : undefined;
    return call?.kind === 'call' && call.name.join('.').toUpperCase() === 'RAISE_APPLICATION_ERROR';
  };
  if (b.handlers.every(endsTransaction)) return;
  const changes = (s: PlStatement) =>
    (s.kind === 'sql' && ['insert', 'update', 'delete', 'merge', 'insert-multi'].includes(s.statement.kind)) ||
    s.kind === 'execute-immediate' ||
    s.kind === 'forall';
  const inert = (s: PlStatement) => ['null', 'return', 'exit', 'goto'].includes(s.kind) || (s.kind === 'sql' && s.statement.kind === 'transaction');
  let changed: PlStatement | undefined;
  let flagged = false;
  const visit = (list: PlStatement[], loop: boolean) => {
    for (const s of list) {
      if (flagged) return;
      if (changed && !inert(s)) {
        flagged = true;
        return;
      }
      const inner = s.kind === 'block' ? [s.block.body] : childLists(s);
      const isLoop = ['loop', 'while', 'for-range', 'for-cursor', 'for-query'].includes(s.kind);
      for (const l of inner) visit(l, loop || isLoop);
      if (changes(s)) {
        changed = s;
        // In a loop the next iteration runs after the change.
        if (loop) flagged = true;
      }
    }
  };
  visit(b.body, false);
  if (flagged && changed) {
    // Statement lines count from the unit's first line.
    const line = changed.line !== undefined && pc.location ? ` (line ${pc.location.line + changed.line - 1})` : '';
    pc.report('OPG-PLSQL-0013', {
      detail: `The block with the handler for ${b.handlers.map((h) => h.names.join(' OR ')).join(', ')} changes data${line} before statements that can still fail: when the handler catches an error, PostgreSQL undoes the block's changes, Oracle keeps the statements that succeeded`,
    });
  }
}

/** What the whole unit uses, known before any statement is emitted (SQL% attributes). */
function prepareUnit(b: Block, pc: PlContext): void {
  let sqlRowcount = false;
  let sqlFound = false;
  let changesFound = false;
  let usesPut = false;
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) {
      for (const y of x) walk(y);
      return;
    }
    if (!x || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    if (o.kind === 'column' && Array.isArray(o.parts) && o.parts.length === 2 && o.parts[0] === 'SQL') {
      if (o.parts[1] === '%ROWCOUNT') sqlRowcount = true;
      if (o.parts[1] === '%FOUND' || o.parts[1] === '%NOTFOUND') sqlFound = true;
    }
    if (['execute-immediate', 'fetch', 'for-cursor', 'for-query'].includes(o.kind as string)) changesFound = true;
    if (o.kind === 'call' && Array.isArray(o.name) && o.name.join('.').toUpperCase() === 'DBMS_OUTPUT.PUT') usesPut = true;
    for (const v of Object.values(o)) walk(v);
  };
  walk(b);
  pc.foundViaRowcount = sqlFound && changesFound;
  pc.usesPut = usesPut;
  pc.usesRowcount = sqlRowcount || pc.foundViaRowcount;
  scanCursorAttributes(b, pc);
  pc.sparseUsed = sparseUses(b, pc.collectionMethods);
  // A package variable another routine of the package fills by key (a cache kept for the session).
  if (pc.pkg) for (const name of packageSparseUses(pc.pkg)) pc.sparseUsed.add(name);
}

/** Cursor attributes (c%FOUND, c%NOTFOUND, c%ROWCOUNT) used in an expression tree. */
function cursorAttrs(x: unknown, out: [string, string][] = []): [string, string][] {
  if (Array.isArray(x)) {
    for (const y of x) cursorAttrs(y, out);
    return out;
  }
  if (!x || typeof x !== 'object') return out;
  const o = x as Record<string, unknown>;
  if (o.kind === 'column' && Array.isArray(o.parts) && o.parts.length === 2 && o.parts[0] !== 'SQL' && String(o.parts[1]).startsWith('%'))
    out.push([o.parts[0] as string, (o.parts[1] as string).slice(1)]);
  for (const [k, v] of Object.entries(o)) if (k !== 'body' && k !== 'else' && k !== 'branches' && k !== 'whens' && k !== 'block') cursorAttrs(v, out);
  return out;
}

/**
 * Which cursors need their own state: %ROWCOUNT (a counter) and %FOUND / %NOTFOUND read anywhere
 * but right after a FETCH of the same cursor (PL/pgSQL's FOUND is changed by every statement).
 */
function scanCursorAttributes(b: Block, pc: PlContext): void {
  // A BULK COLLECT fetch is a loop of fetches: FOUND after it is the loop's, so %FOUND needs its own variable.
  const fetches = (s: PlStatement | undefined, c: string) => s?.kind === 'fetch' && s.cursor === c && !s.bulk;
  const list = (stmts: PlStatement[]) => {
    stmts.forEach((s, i) => {
      const own: unknown[] =
        s.kind === 'if' ? s.branches.map((x) => x.cond) : s.kind === 'case' ? [s.selector, ...s.whens.map((w) => w.when)] : s.kind === 'block' ? [] : [s];
      for (const [c, attr] of cursorAttrs(own)) {
        // A package cursor's rows are counted in a setting (PlContext.packageCursorRef).
        if (attr === 'ROWCOUNT' && !(pc.packageCursor(c) && !b.declarations.some((d) => 'name' in d && d.name === c))) pc.cursorRowcount.add(c);
        if (attr !== 'FOUND' && attr !== 'NOTFOUND') continue;
        const afterFetch =
          s.kind === 'while' ? fetches(stmts[i - 1], c) && fetches(s.body.at(-1), c) : s.kind !== 'loop' && fetches(stmts[i - 1], c);
        if (!afterFetch) pc.cursorFound.add(c);
      }
      // An EXIT WHEN at the top of a loop body follows the loop's previous iteration, not a FETCH.
      for (const inner of childLists(s)) list(inner);
    });
  };
  list(b.body);
  for (const h of b.handlers) list(h.body);
  const fetched = (x: unknown): void => {
    if (!x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach(fetched);
    const o = x as { kind?: string; cursor?: unknown };
    if (o.kind === 'fetch' && typeof o.cursor === 'string') pc.fetchedCursors.add(o.cursor.split('.').pop()!);
    Object.values(x).forEach(fetched);
  };
  fetched([b.body, b.handlers]);
  for (const c of pc.cursorFound) pc.extraDecls.set(`FOUND:${c}`, `${cursorStateName(c, 'found')} boolean;`);
  for (const c of pc.cursorRowcount) pc.extraDecls.set(`ROWCOUNT:${c}`, `${cursorStateName(c, 'rowcount')} integer := 0;`);
}

function childLists(s: PlStatement): PlStatement[][] {
  switch (s.kind) {
    case 'if':
      return [...s.branches.map((x) => x.body), ...(s.else ? [s.else] : [])];
    case 'case':
      return [...s.whens.map((w) => w.body), ...(s.else ? [s.else] : [])];
    case 'loop':
    case 'while':
    case 'for-range':
    case 'for-cursor':
    case 'for-query':
      return [s.body];
    case 'block':
      return [s.block.body, ...s.block.handlers.map((h) => h.body)];
    default:
      return [];
  }
}

/** Variable holding a cursor's %FOUND or %ROWCOUNT. */
export function cursorStateName(cursor: string, what: 'found' | 'rowcount'): string {
  return quoteIdent(`opg_${pgNameOf(cursor)}_${what}`);
}

function emitDeclaration(d: Declaration, pc: PlContext, depth: number): string[] {
  const pad = IND.repeat(depth);
  switch (d.kind) {
    case 'variable': {
      pc.declareDecl(d);
      // An associative array indexed by strings starts empty, never NULL; a record starts with
      // its type's field defaults.
      const init = d.default ? undefined : recordInit(d.type, pc);
      const dflt = d.default ? ` := ${pc.expr(implicitText(d.default, d.type, pc))}` : mapElementType(d.type, pc) ? ` := '{}'` : init ? ` := ${init}` : '';
      return [
        `${pad}${id(d.name)}${d.constant ? ' CONSTANT' : ''} ${pc.type(d.type, d.name)}${d.notNull || predefinedNotNull(d.type, pc) ? ' NOT NULL' : ''}${dflt};`,
      ];
    }
    case 'cursor': {
      pc.declareDecl(d);
      if (!d.query) {
        pc.fail(`cursor ${d.name} declared without its query`);
        return [];
      }
      pc.push();
      pc.declareParams(d.params);
      const params = d.params.length
        ? ` (${d.params.map((p) => `${id(p.name)} ${pc.type(p.type, p.name)}`).join(', ')})`
        : '';
      const q = sqlQuery(d.query, pc);
      pc.pop();
      return [`${pad}${id(d.name)} CURSOR${params} FOR ${q};`];
    }
    case 'exception':
      pc.declareException(d.name);
      return [];
    case 'pragma': {
      if (d.name === 'EXCEPTION_INIT' && d.args.length === 2) {
        const [e, code] = d.args;
        const n = code.kind === 'unary' && code.op === '-' && code.operand.kind === 'literal' ? -Number(code.operand.value) : code.kind === 'literal' ? Number(code.value) : NaN;
        if (e.kind === 'column' && !Number.isNaN(n)) pc.exceptionInit(e.parts[0], n);
        else pc.fail('PRAGMA EXCEPTION_INIT with a non-literal error number');
      } else if (d.name === 'AUTONOMOUS_TRANSACTION') {
        // Converted as ordinary code in the caller's transaction, its own COMMIT/ROLLBACK dropped:
        // reported, since the work no longer survives a rollback of the caller.
        pc.autonomous = true;
        pc.report('OPG-PLSQL-0012', { object: pc.object });
      }
      return [];
    }
    case 'type': {
      const def = d.def;
      if (def.kind === 'ref-cursor') pc.localTypes.set(d.name, 'refcursor');
      else if (def.kind === 'table' || def.kind === 'varray') {
        const index = def.kind === 'table' && def.indexBy ? indexKind(def.indexBy, pc) : 'integer';
        if (index === 'string') {
          // Indexed by strings: a jsonb object (see assoc.ts).
          pc.localMaps.set(d.name, def.of);
          pc.localTypes.set(d.name, 'jsonb');
          return [];
        }
        if (!index) pc.fail(`associative array ${d.name} indexed by ${(def as { indexBy: { name: string } }).indexBy.name}`);
        if (def.kind === 'table' && def.indexBy) pc.sparseTypes.add(d.name);
        if (def.kind === 'varray') pc.localVarrays.set(d.name, def.size);
        const element = pc.resolvedType(def.of, d.name);
        if (element.endsWith('[]')) pc.fail(nestedArrayReason(d.name));
        pc.localTypes.set(d.name, `${element}[]`);
        pc.localElements.set(d.name, def.of);
      } else if (def.kind === 'record') {
        const name = `${pc.typePrefix}_${d.name}`.toLowerCase();
        pc.recordTypes.set(d.name, def.fields);
        const fields = def.fields.map((f) => `${id(f.name)} ${pc.resolvedType(f.type, `${d.name}.${f.name}`)}`);
        pc.preStatements.push(`DROP TYPE IF EXISTS ${quoteIdent(name)} CASCADE;\nCREATE TYPE ${quoteIdent(name)} AS (${fields.join(', ')});`);
        pc.localTypes.set(d.name, quoteIdent(name));
      } else pc.fail(`type ${d.name}`);
      return [];
    }
    case 'subtype':
      noteSubtypeRange(d);
      pc.subtypes.set(d.name, d.base);
      pc.localTypes.set(d.name, pc.type(d.base, d.name));
      return [];
    case 'subprogram':
      liftNested(d.unit, pc);
      return [];
    case 'conditional':
    case 'cc-error':
      return ccNotCompiled(d, pc);
  }
}

/** $ERROR in the selected branch (Oracle does not compile the unit), or an unresolved $IF. */
function ccNotCompiled(x: { kind: 'conditional' } | { kind: 'cc-error'; message: Expr }, pc: PlContext): string[] {
  if (x.kind === 'cc-error') pc.fail(`$ERROR ${printExpr(x.message)} $END: Oracle does not compile the unit for the target version`);
  else pc.fail('conditional compilation ($IF) not resolved');
  return [];
}

/** A nested subprogram becomes a routine of its own, emitted before the unit (see nested.ts). */
function liftNested(u: Subprogram, pc: PlContext): void {
  if (!u.block) return; // forward declaration
  const lifted = pc.nested.get(u.name.name);
  if (!lifted || lifted.reason) {
    pc.fail(
      `nested ${u.kind} ${u.name.name} ${lifted?.reason ?? 'is not in a routine'} (PostgreSQL has no nested functions: make it a separate function taking them as parameters)`,
    );
    return;
  }
  const sub = new PlContextClass(pc.cctx, u.kind, `${pc.object}.${u.name.name}`, pc.location, pc.trigger);
  sub.pkg = pc.pkg;
  sub.nested = pc.nested;
  sub.methodType = pc.methodType;
  // Types declared by the enclosing unit (its parameters and the enclosing variables it is passed
  // may be of them).
  for (const [k, v] of pc.localTypes) if (!sub.localTypes.has(k)) sub.localTypes.set(k, v);
  for (const [k, v] of pc.localMaps) if (!sub.localMaps.has(k)) sub.localMaps.set(k, v);
  for (const [k, v] of pc.localElements) if (!sub.localElements.has(k)) sub.localElements.set(k, v);
  for (const [k, v] of pc.recordTypes) if (!sub.recordTypes.has(k)) sub.recordTypes.set(k, v);
  for (const [k, v] of pc.localVarrays) if (!sub.localVarrays.has(k)) sub.localVarrays.set(k, v);
  for (const k of pc.sparseTypes) sub.sparseTypes.add(k);
  // Enclosing variables come last, with DEFAULT NULL so they may follow defaulted parameters;
  // every call passes them by name.
  const extra = lifted.extra.map((p) => ({ ...p, default: { kind: 'literal', type: 'null', value: 'NULL' } as Expr }));
  const text = subprogramText({ ...u, name: lifted.name, params: [...u.params, ...extra] }, sub);
  if (sub.unconvertible.length || sub.ectx.unconvertible?.length) {
    pc.fail(`nested ${u.kind} ${u.name.name}: ${[...sub.unconvertible, ...(sub.ectx.unconvertible ?? [])].join('; ')}`);
    return;
  }
  pc.findings.push(...sub.findings.filter((f) => f.id !== 'OPG-PLSQL-0005'));
  const assigned = lifted.extra.filter((p) => p.mode !== 'IN').map((p) => p.name);
  const passed = lifted.extra.length
    ? ` (the enclosing unit's ${lifted.extra.map((p) => p.name).join(', ')} passed as parameters${assigned.length ? `; ${assigned.join(', ')} IN OUT, copied back when it returns: an exception it raises leaves them as they were, where Oracle keeps the assignments made before the exception` : ''})`
    : '';
  pc.report('OPG-PLSQL-0021', { detail: `nested ${u.kind} ${u.name.name} became the routine ${[lifted.name.schema, lifted.name.name].filter(Boolean).join('.')}${passed}` });
  pc.preStatements.push(...sub.preStatements, text);
}

/**
 * An expression ended by THEN in PL/pgSQL (IF, ELSIF, WHEN of a CASE statement): PL/pgSQL reads
 * it up to the first THEN outside parentheses, so one holding a CASE expression is parenthesized.
 */
/** Converts a value read (not a target): see PlContext.raisingReads. */
function raising<T>(pc: PlContext, f: () => T): T {
  const was = pc.raisingReads;
  pc.raisingReads = true;
  try {
    return f();
  } finally {
    pc.raisingReads = was;
  }
}

function thenCondition(e: Expr, pc: PlContext): string {
  const node = raising(pc, () => pc.exprNode(e));
  let hasCase = false;
  mapExprDeep(node, (x) => {
    if (x.kind === 'case') hasCase = true;
    return undefined;
  });
  return hasCase ? printExpr({ kind: 'paren', expr: node }) : printExpr(node);
}

export function emitStatements(list: PlStatement[], pc: PlContext, depth: number, opts: BlockOptions): string[] {
  return savepointBeforeBlock(list).flatMap((s) => {
    const lines = emitStatement(s, pc, depth, opts);
    noteImplicitCursor(s, pc);
    return lines;
  });
}

/**
 * SQL%ROWCOUNT, SQL%FOUND and SQL%NOTFOUND describe the last SQL statement the session ran, in
 * Oracle also one run inside a called procedure; here they describe the caller's own last
 * statement. After a call of a procedure of the sources that runs SQL, reading them is reported
 * (PlContext.sqlCursorAfterCall, read by the cursor attributes).
 */
function noteImplicitCursor(s: PlStatement, pc: PlContext): void {
  if (s.kind === 'execute-immediate' || s.kind === 'forall' || (s.kind === 'sql' && s.statement.kind !== 'transaction')) pc.sqlCursorAfterCall = undefined;
  if (s.kind !== 'call') return;
  const c = s.call.kind === 'call' ? s.call.name : s.call.kind === 'column' ? s.call.parts : undefined;
  if (!c || c.some((p) => p.startsWith('%'))) return;
  const member = c.length <= 2 ? pc.packageMember(c) : undefined;
  const unit = member?.info.subprograms.get(member.member) ?? standaloneUnit(c, pc);
  if (unit?.block && runsSql(unit.block)) pc.sqlCursorAfterCall = c.join('.');
}

/** The tree holds a SQL statement that sets the implicit cursor (DML, SELECT … INTO, EXECUTE IMMEDIATE). */
function runsSql(x: unknown): boolean {
  if (!x || typeof x !== 'object') return false;
  const o = x as { kind?: string; statement?: { kind?: string } };
  if (o.kind === 'execute-immediate' || o.kind === 'forall') return true;
  if (o.kind === 'sql' && o.statement?.kind !== 'transaction') return true;
  return Object.values(x).some(runsSql);
}

/** The savepoint a SAVEPOINT statement sets, or ROLLBACK TO rolls back to. */
function savepointOf(s: PlStatement | undefined, verb: 'SAVEPOINT' | 'ROLLBACK'): string | undefined {
  return s?.kind === 'sql' && s.statement.kind === 'transaction' && s.statement.verb === verb ? s.statement.savepoint : undefined;
}

/** Whether a ROLLBACK TO `sp` occurs anywhere in the tree. */
function rollsBackTo(x: unknown, sp: string): boolean {
  if (!x || typeof x !== 'object') return false;
  const o = x as { kind?: string; verb?: string; savepoint?: string };
  if (o.kind === 'transaction' && o.verb === 'ROLLBACK' && o.savepoint === sp) return true;
  return Object.values(x).some((v) => rollsBackTo(v, sp));
}

/**
 * `SAVEPOINT s; BEGIN … EXCEPTION WHEN … THEN ROLLBACK TO s; … END;` (the per-row savepoint of a
 * batch loop): the savepoint moves into the block, where savepointAsBlock drops both statements (a
 * PL/pgSQL block with a handler rolls back its own changes), when every handler starts with
 * ROLLBACK TO s and nothing else in the list rolls back to s.
 */
function savepointBeforeBlock(list: PlStatement[]): PlStatement[] {
  const out: PlStatement[] = [];
  for (let i = 0; i < list.length; i++) {
    const sp = savepointOf(list[i], 'SAVEPOINT');
    const next = list[i + 1];
    if (
      sp &&
      !list[i].labels?.length &&
      next?.kind === 'block' &&
      next.block.handlers.length &&
      next.block.handlers.every((h) => savepointOf(h.body[0], 'ROLLBACK') === sp) &&
      !list.some((s, k) => k !== i && k !== i + 1 && rollsBackTo(s, sp))
    ) {
      out.push({ ...next, block: { ...next.block, body: [list[i], ...next.block.body] } });
      i++;
    } else out.push(list[i]);
  }
  return out;
}

type RecordField = Extract<TypeDefinition, { kind: 'record' }>['fields'][number];

/** The fields of a RECORD type declared in the unit or in a package (`t` / `pkg.t`). */
function recordTypeFields(t: DataType, pc: PlContext): { fields: RecordField[]; owner?: PackageInfo } | undefined {
  if (t.attribute) return undefined;
  const local = t.schema ? undefined : (pc.recordTypes.get(t.name) as RecordField[] | undefined);
  if (local) return { fields: local };
  const ref = pc.packageMember(t.schema ? [t.schema, t.name] : [t.name]);
  const d = ref?.info.typeDecls.find((x) => x.name === ref.member);
  return d?.kind === 'type' && d.def.kind === 'record' ? { fields: d.def.fields, owner: ref!.info } : undefined;
}

/**
 * The initial value of a variable of a RECORD type whose fields (or those of its record fields)
 * have defaults: Oracle gives each field its default (`name VARCHAR2(10) := 'x'`), a PostgreSQL
 * composite variable starts with NULL fields. Undefined when no field has a default.
 */
export function recordInit(t: DataType, pc: PlContext, depth = 0): string | undefined {
  const found = depth < 8 ? recordTypeFields(t, pc) : undefined;
  if (!found) return undefined;
  // A field typed by another type of the same package names it unqualified there.
  const own = (ft: DataType): DataType =>
    found.owner && !ft.schema && !ft.attribute && found.owner.typeDecls.some((x) => x.name === ft.name) ? { ...ft, schema: found.owner.name } : ft;
  let any = false;
  const values = found.fields.map((f) => {
    const v = f.default ? pc.expr(implicitText(f.default, f.type, pc)) : recordInit(own(f.type), pc, depth + 1);
    if (v) any = true;
    return v ?? 'NULL';
  });
  return any ? `row(${values.join(', ')})::${pc.resolvedType(t, 'record')}` : undefined;
}

/** Attribute assignments already given their ACCESS_INTO_NULL guard (accessIntoNullGuard). */
const accessGuarded = new WeakSet<PlStatement>();

/**
 * `v.attr… := x` where v is a local variable or parameter of an object type: Oracle raises
 * ACCESS_INTO_NULL (ORA-06530) when v is atomically null, where PostgreSQL would build the row;
 * the guard raises it (SQLSTATE null_value_not_allowed, the exception's condition). Not for SELF
 * (never null in a method) nor records.
 */
function accessIntoNullGuard(t: Expr, pc: PlContext): string[] | undefined {
  if (t.kind !== 'column' || t.parts.length < 2 || t.parts[0] === 'SELF' || t.parts.some((p) => p.startsWith('%'))) return undefined;
  const info = pc.lookup(t.parts[0]);
  if (!info || (info.kind !== 'variable' && info.kind !== 'param')) return undefined;
  // v, and v.a for v.a.b := x: each object on the path must exist.
  const tests: string[] = [];
  for (let k = 1; k < t.parts.length; k++) {
    const prefix: Expr = { kind: 'column', parts: t.parts.slice(0, k) };
    if (!objectTypeOf(pc.cctx, staticType(prefix, pc))) break;
    tests.push(`${k === 1 ? id(t.parts[0]) : pc.expr(prefix)} IS NOT DISTINCT FROM NULL`);
  }
  if (!tests.length) return undefined;
  return [
    `IF ${tests.join(' OR ')} THEN`,
    `${IND}RAISE null_value_not_allowed USING MESSAGE = 'ORA-06530: Reference to uninitialized composite';`,
    'END IF;',
  ];
}

function emitStatement(s: PlStatement, pc: PlContext, depth: number, opts: BlockOptions): string[] {
  const pad = IND.repeat(depth);
  const labels = (s.labels ?? []).map((l) => `${pad}<<${id(l)}>>`);
  // PL/pgSQL takes a label only before a loop or a block; on another statement an Oracle label is
  // only a GOTO target (GOTO is not converted), so it is left out there.
  const out = (...lines: string[]) => lines.map((l) => pad + l);
  const sub = (b: PlStatement[]) => emitStatements(b, pc, depth + 1, opts);
  // A write through an attribute stored as jsonb (recursive-types.ts).
  const recursive = lowerRecursiveWrite(s, pc);
  if (recursive && 'text' in recursive) return out(recursive.text);
  if (recursive) return emitStatements(recursive.statements, pc, depth, opts);
  switch (s.kind) {
    case 'assign': {
      const t = s.target;
      const lock = lockRequestStatement(t, s.value, pc);
      if (lock) return out(...lock);
      const sqlTxt = oraSqlTxtArg(s.value);
      const local = (e: Expr) => e.kind === 'column' && e.parts.length === 1 && !!pc.lookup(e.parts[0]);
      if (sqlTxt && local(sqlTxt) && local(t)) {
        pc.report('OPG-PLSQL-0050', {
          detail:
            'ORA_SQL_TXT gives the query string the client sent (current_query() in the event trigger, published to the routines it calls), in pieces of 256 characters: a string holding several statements gives them all; outside a DDL event the list is empty and the count 0',
        });
        return out(...oraSqlTxtAssign(pc.expr(sqlTxt), pc.expr(t), pc.inEventTrigger));
      }
      const outFn = outFunctionCall(s.value, pc);
      if (outFn) return out(...outFunctionAssign(outFn, t, pc, (target, value) => emitStatements([{ kind: 'assign', target, value }], pc, 0, opts)));
      // Such a call inside the value: run first (hoist.ts).
      const hoisted = hoistOutCalls(s.value, pc, (target, value) => emitStatements([{ kind: 'assign', target, value }], pc, 0, opts), true);
      if (hoisted) return out(...hoisted.pre, ...emitStatements([{ ...s, value: hoisted.expr }], pc, 0, opts));
      const toMap = mapAssign(t, s.value, pc) ?? anydataAssign(t, s.value, pc);
      if (toMap) return out(...toMap);
      // v.attr := x on an atomically null object: Oracle raises ACCESS_INTO_NULL (ORA-06530),
      // PostgreSQL would make the object.
      const guard = accessGuarded.has(s) ? undefined : accessIntoNullGuard(t, pc);
      if (guard) {
        accessGuarded.add(s);
        return [...out(...guard), ...emitStatement(s, pc, depth, opts)];
      }
      // Targets PL/pgSQL cannot write directly (through a package getter, deep in a jsonb map).
      const deep = deepAssign(t, s.value, pc, (target, value) => emitStatements([{ kind: 'assign', target, value }], pc, 0, opts));
      if (deep) return out(...deep);
      const element = t.kind === 'call' && t.args.length === 1 && !t.args[0].name ? pc.collectionOf(t.name) : undefined;
      // A key computed at run time (an id, a hash value) or a far literal one: the span is unknown.
      const key = t.kind === 'call' ? t.args[0]?.value : undefined;
      const literalKey = key?.kind === 'literal' ? key : key?.kind === 'unary' && key.op === '-' && key.operand.kind === 'literal' ? key.operand : undefined;
      const loopKey = key?.kind === 'column' && key.parts.length === 1 && pc.loopIndexes.has(key.parts[0]);
      const nearKey = loopKey || (!!literalKey && literalKey.type === 'number' && Math.abs(Number(literalKey.value)) <= 1_000_000);
      if (element && !nearKey && t.kind === 'call' && t.name.length === 1 && pc.sparseUsed.has(t.name[0]) && pc.isSparse(element.type)) {
        const detail = `${pc.object}: the keys of ${t.name[0]}, an INDEX BY table filled by key, are array subscripts: the array holds every subscript from the smallest key to the largest, so keys far apart (ids, hash values) cost memory and time, and a span of more than 134,217,727 fails ('array size exceeds the maximum allowed'); keep such a table in a jsonb object or a temporary table keyed by the id`;
        if (!pc.findings.some((f) => f.id === 'OPG-PLSQL-0031' && f.message === detail)) pc.report('OPG-PLSQL-0031', { detail });
      }
      if (element?.packageVar && t.kind === 'call') {
        // pkg_collection(i) := v: read the array, change the element, write it back.
        const pv = element.packageVar;
        const type = pc.resolvedType(pv.info.variables.get(pv.name)!.type, pv.name);
        return out(
          'DECLARE',
          `  opg_a ${type} := ${pc.expr(element.expr)};`,
          'BEGIN',
          `  opg_a[${pc.expr(t.args[0].value)}] := ${pc.expr(s.value)};`,
          `  PERFORM ${quoteIdent(pc.ectx.mapSchema(pv.info.name))}.${quoteIdent(`opg_set_${pgNameOf(pv.name)}`)}(opg_a);`,
          'END;',
        );
      }
      const pv = pc.packageVariable(s.target);
      if (pv) {
        const type = pv.info.variables.get(pv.name)!.type;
        return out(
          // A character value of a length-checked variable goes as text: the setter checks the
          // length (an explicit cast to varchar(n) would truncate where Oracle raises VALUE_ERROR).
          `PERFORM ${quoteIdent(pc.ectx.mapSchema(pv.info.name))}.${quoteIdent(`opg_set_${pgNameOf(pv.name)}`)}((${pc.expr(implicitText(s.value, type, pc))})::${lengthChecked(type) ? 'text' : pc.resolvedType(type, pv.name)});`,
        );
      }
      const target = pc.exprNode(s.target);
      return out(`${assignTarget(target) ?? printExpr(target)} := ${raising(pc, () => pc.expr(implicitText(s.value, targetType(s.target, pc), pc)))};`);
    }
    case 'if': {
      // A call of a function with OUT parameters in the first condition runs first (hoist.ts);
      // the later conditions are evaluated only when the earlier ones fail, so they are left.
      const hoistedIf = hoistOutCalls(s.branches[0].cond, pc, (target, value) => emitStatements([{ kind: 'assign', target, value }], pc, 0, opts));
      if (hoistedIf)
        return [
          ...hoistedIf.pre.map((l) => pad + l),
          ...emitStatement({ ...s, branches: [{ ...s.branches[0], cond: hoistedIf.expr }, ...s.branches.slice(1)] }, pc, depth, opts),
        ];
      const lines: string[] = [];
      s.branches.forEach((b, i) => {
        lines.push(`${pad}${i === 0 ? 'IF' : 'ELSIF'} ${thenCondition(b.cond, pc)} THEN`, ...sub(b.body));
      });
      if (s.else) lines.push(`${pad}ELSE`, ...sub(s.else));
      lines.push(`${pad}END IF;`);
      return lines;
    }
    case 'case': {
      const lines = [`${pad}CASE${s.selector ? ` ${pc.expr(s.selector)}` : ''}`];
      for (const w of s.whens) lines.push(`${pad}${IND}WHEN ${thenCondition(w.when, pc)} THEN`, ...emitStatements(w.body, pc, depth + 2, opts));
      // Oracle raises CASE_NOT_FOUND without ELSE, as PL/pgSQL does.
      if (s.else) lines.push(`${pad}${IND}ELSE`, ...emitStatements(s.else, pc, depth + 2, opts));
      lines.push(`${pad}END CASE;`);
      return lines;
    }
    case 'loop':
      return [...labels, `${pad}LOOP`, ...sub(s.body), `${pad}END LOOP;`];
    case 'while':
      return [...labels, `${pad}WHILE ${pc.expr(s.cond)} LOOP`, ...sub(s.body), `${pad}END LOOP;`];
    case 'for-range': {
      // Oracle: FOR i IN REVERSE lo..hi counts down from hi; PL/pgSQL writes REVERSE hi..lo.
      const range = s.reverse
        ? `REVERSE ${pc.expr(s.upper)}..${pc.expr(s.lower)}`
        : `${pc.expr(s.lower)}..${pc.expr(s.upper)}`;
      pc.push();
      pc.declareLoopIndex(s.index);
      const body = sub(s.body);
      pc.pop();
      return [...labels, `${pad}FOR ${id(s.index)} IN ${range} LOOP`, ...body, `${pad}END LOOP;`];
    }
    case 'for-cursor': {
      const pkgCursor = pc.packageCursor(s.cursor);
      if (pkgCursor?.query) {
        // A package cursor: loop over its query with the arguments in place of its parameters.
        const args = new Map(pkgCursor.params.map((p, i) => [p.name, s.args[i] ?? p.default]));
        const query = mapQueryDeep(pkgCursor.query, (x) =>
          x.kind === 'column' && x.parts.length === 1 && args.has(x.parts[0]) ? { kind: 'paren', expr: args.get(x.parts[0])! } : undefined,
        );
        return emitStatement({ ...s, kind: 'for-query', record: s.record, query, body: s.body }, pc, depth, opts);
      }
      const args = pc.cursorArgs(s.cursor, s.args);
      pc.push();
      pc.declareLoopRecord(s.record, { cursor: s.cursor });
      const body = sub(s.body);
      pc.pop();
      const reset: string[] = [];
      if (pc.cursorRowcount.has(s.cursor)) {
        const v = cursorStateName(s.cursor, 'rowcount');
        body.unshift(`${pad}${IND}${v} := ${v} + 1;`);
        reset.push(`${pad}${v} := 0;`);
      }
      return [...reset, ...labels, `${pad}FOR ${id(s.record)} IN ${id(s.cursor)}${args} LOOP`, ...body, `${pad}END LOOP;`];
    }
    case 'for-query': {
      pc.extraDecls.set(`REC:${s.record}`, `${id(s.record)} record;`);
      const q = sqlQuery(s.query, pc);
      pc.push();
      pc.declareLoopRecord(s.record, { query: s.query });
      const body = sub(s.body);
      pc.pop();
      return [...labels, `${pad}FOR ${id(s.record)} IN ${q} LOOP`, ...body, `${pad}END LOOP;`];
    }
    case 'forall':
      return [...labels, ...emitForall(s, pc, depth, (st, d) => emitStatement(st, pc, d, opts))];
    case 'exit':
      return out(`${s.verb}${s.label ? ` ${id(s.label)}` : ''}${s.when ? ` WHEN ${pc.expr(s.when)}` : ''};`);
    case 'null':
      return out('NULL;');
    case 'return':
      if (!s.value && opts.bareReturn) return out(`RETURN ${opts.bareReturn};`);
      if (s.value && pc.kind !== 'function') {
        pc.fail('RETURN with a value outside a function');
      }
      const outFn = s.value && pc.kind === 'function' ? outFunctionCall(s.value, pc) : undefined;
      if (outFn)
        return out(
          ...outFunctionAssign(outFn, s.value!, pc, (target, value) => emitStatements([{ kind: 'assign', target, value }], pc, 0, opts), (value) =>
            emitStatements([{ kind: 'return', value }], pc, 0, opts),
          ),
        );
      const hoistedReturn = s.value && pc.kind === 'function' ? hoistOutCalls(s.value, pc, (target, value) => emitStatements([{ kind: 'assign', target, value }], pc, 0, opts)) : undefined;
      if (hoistedReturn) return out(...hoistedReturn.pre, ...emitStatements([{ ...s, value: hoistedReturn.expr }], pc, 0, opts));
      if (s.value && opts.valueReturn) return out(`${opts.valueReturn} := ${raising(pc, () => pc.expr(implicitText(s.value!, pc.returnType, pc)))};`, 'RETURN;');
      return out(s.value ? `RETURN ${raising(pc, () => pc.expr(implicitText(s.value!, pc.returnType, pc)))};` : 'RETURN;');
    case 'goto':
      pc.fail(`GOTO ${s.label} (restructure with loops, EXIT or CONTINUE)`);
      return out(`-- GOTO ${s.label}`);
    case 'raise': {
      if (!s.name) return out('RAISE;');
      const pre = PREDEFINED[s.name];
      if (pre) return out(`RAISE ${pre[0]};`);
      const state = pc.exceptions.get(s.name) ?? pc.packageException(s.name);
      if (!state) {
        pc.fail(`RAISE ${s.name}: exception not declared in this unit`);
        return out(`RAISE EXCEPTION '%', ${quoteLiteral(s.name)};`);
      }
      // SQLERRM of a user-defined exception is 'User-Defined Exception' in Oracle; the name goes to DETAIL.
      return out(`RAISE EXCEPTION USING ERRCODE = '${state}', MESSAGE = 'User-Defined Exception', DETAIL = ${quoteLiteral(s.name)};`);
    }
    case 'open': {
      const pkgCursor = !pc.lookup(s.cursor) ? pc.packageCursorRef(s.cursor) : undefined;
      if (pkgCursor?.decl?.query && !s.forQuery && !s.forDynamic) return [...labels, ...openPackageCursor(s.cursor, s.args, pkgCursor, pc, pad)];
      if (pkgCursor?.setter && (s.forQuery || s.forDynamic)) return [...labels, ...openPackageRefCursor(s, pkgCursor, pc, pad)];
      const args = pc.cursorArgs(s.cursor, s.args);
      if (s.forQuery) return [...out(`OPEN ${id(s.cursor)} FOR ${sqlQuery(s.forQuery, pc)};`), ...cursorReset(s.cursor, pc, pad)];
      if (s.forDynamic) {
        const sql = dynamicSql(knownSql({ sql: s.forDynamic }, pc).sql, pc, s.using);
        const using = s.using.length ? ` USING ${s.using.map((u) => pc.expr(u.value)).join(', ')}` : '';
        return [...out(`OPEN ${id(s.cursor)} FOR EXECUTE ${sql}${using};`), ...cursorReset(s.cursor, pc, pad)];
      }
      return [...out(`OPEN ${id(s.cursor)}${args};`), ...cursorReset(s.cursor, pc, pad)];
    }
    case 'fetch': {
      const pkgFetch = !pc.lookup(s.cursor) ? pc.packageCursorRef(s.cursor) : undefined;
      // A package cursor: FETCH from its session portal, its rows counted in a setting.
      const cursorName = pkgFetch ? id(pkgFetch.variable) : id(s.cursor);
      // An assignment leaves FOUND as the FETCH set it (PERFORM would set it).
      if (pkgFetch?.found) pc.extraDecls.set('OPG_SET', 'opg_set text;');
      const keepFound = pkgFetch?.found ? [`opg_set := set_config(${quoteLiteral(pkgFetch.found)}, CASE WHEN FOUND THEN 'y' ELSE 'n' END, false);`] : [];
      const countRow = pkgFetch?.rowcount
        ? [`PERFORM set_config(${quoteLiteral(pkgFetch.rowcount)}, (coalesce(nullif(current_setting(${quoteLiteral(pkgFetch.rowcount)}, true), '')::integer, 0) + 1)::text, false);`]
        : [];
      if (s.bulk) {
        // One row at a time into a variable of the element type, appended to the collection;
        // LIMIT n stops after n rows (%NOTFOUND is then true only when the rows ran out).
        const bulk = bulkTargets(s.into, pc);
        if (!bulk) return out(`-- FETCH ${s.cursor} BULK COLLECT not converted`);
        const loop = s.limit ? `FOR opg_i IN 1..${pc.expr(s.limit)} LOOP` : 'LOOP';
        return [
          ...bulk.reset.map((l) => pad + l),
          `${pad}${loop}`,
          `${pad}${IND}FETCH ${cursorName} INTO ${bulk.row};`,
          ...keepFound.map((l) => `${pad}${IND}${l}`),
          ...(pc.cursorFound.has(s.cursor) ? [`${pad}${IND}${cursorStateName(s.cursor, 'found')} := FOUND;`] : []),
          `${pad}${IND}EXIT WHEN NOT FOUND;`,
          ...bulk.append.map((l) => `${pad}${IND}${l}`),
          ...countRow.map((l) => `${pad}${IND}${l}`),
          ...(!pkgFetch && pc.cursorRowcount.has(s.cursor) ? [`${pad}${IND}${cursorStateName(s.cursor, 'rowcount')} := ${cursorStateName(s.cursor, 'rowcount')} + 1;`] : []),
          `${pad}END LOOP;`,
          ...bulk.store.map((l) => pad + l),
        ];
      }
      // A package variable target: fetched into a local of its type, then written through its
      // setter when a row came (Oracle leaves the targets as they were when none did).
      const fetchSetters: string[] = [];
      // A character variable fetching a non-integer NUMBER or a CHAR(n) column of a declared
      // cursor: fetched into a local of the column's type, then converted as Oracle converts it
      // (TO_CHAR's text, the blank padding), when a row came.
      const converted = fetchConversions(s.cursor, s.into, pc, !!pkgFetch);
      const fetchTargets = s.into.map((t, i) => {
        const conv = converted.get(i);
        if (conv) return conv.local;
        const pv = pc.packageVariable(t);
        if (!pv) return pc.expr(t);
        const local = quoteIdent(`opg_fetch_${pgNameOf(pv.info.name)}_${pgNameOf(pv.name)}`.toLowerCase().replace(/[^a-z0-9_]/g, '_'));
        pc.extraDecls.set(`FETCHPV:${pv.info.name}.${pv.name}`, `${local} ${pc.resolvedType(pv.info.variables.get(pv.name)!.type, pv.name)};`);
        fetchSetters.push(`PERFORM ${quoteIdent(pc.ectx.mapSchema(pv.info.name))}.${quoteIdent(`opg_set_${pgNameOf(pv.name)}`)}(${local});`);
        return local;
      });
      return [
        ...out(
          ...keepOnNotFound(
            `FETCH ${cursorName} INTO ${fetchTargets.join(', ')};`,
            s.into.filter((_, i) => !converted.has(i)),
            pc,
            [...converted.values()],
          ),
        ),
        ...(fetchSetters.length ? [`${pad}IF FOUND THEN ${fetchSetters.join(' ')} END IF;`] : []),
        ...(pc.cursorFound.has(s.cursor) ? [`${pad}${cursorStateName(s.cursor, 'found')} := FOUND;`] : []),
        // PERFORM sets FOUND: only run when the FETCH found a row, so FOUND stays as it left it.
        ...(countRow.length ? [`${pad}IF FOUND THEN ${countRow[0]} END IF;`] : []),
        ...keepFound.map((l) => pad + l),
        ...(!pkgFetch && pc.cursorRowcount.has(s.cursor)
          ? [`${pad}IF FOUND THEN ${cursorStateName(s.cursor, 'rowcount')} := ${cursorStateName(s.cursor, 'rowcount')} + 1; END IF;`]
          : []),
      ];
    }
    case 'close': {
      const pkgClose = !pc.lookup(s.cursor) ? pc.packageCursorRef(s.cursor) : undefined;
      return out(`CLOSE ${id(pkgClose ? pkgClose.variable : s.cursor)};`);
    }
    case 'execute-immediate': {
      let x = knownSql(s, pc);
      const session = sessionStatement(x.sql);
      if (session) {
        pc.report('OPG-PLSQL-0020', {
          detail: `EXECUTE IMMEDIATE '${session} …' dropped: Oracle session settings (NLS parameters, events, CURRENT_SCHEMA) have no PostgreSQL equivalent here; set DateStyle, search_path … with SET where needed`,
        });
        return out(`NULL; -- ${session} … dropped (see findings)`);
      }
      const inline = dynamicBlock(x, pc);
      if (inline) return [...labels, `${emitBlock(inline, pc, depth, opts)};`];
      // DML … RETURNING … INTO :placeholders with the OUT binds in USING (after the IN ones):
      // the same as a RETURNING INTO clause naming them.
      const outs = x.using.filter((u) => u.mode === 'OUT');
      if (!x.bulk && !x.returningInto.length && !x.into.length && outs.length && x.using.slice(0, x.using.length - outs.length).every((u) => u.mode === 'IN') && dynamicReturningDml(x.sql, outs.length))
        x = { ...x, using: x.using.slice(0, x.using.length - outs.length), returningInto: outs.map((u) => u.value) };
      if (!x.bulk && x.using.some((u) => u.mode !== 'IN')) return out(dynamicBlockStub(pc));
      const sql = dynamicSql(x.sql, pc, x.using);
      if (x.bulk && !x.returningInto.length && x.using.every((u) => u.mode === 'IN')) {
        // The rows of the dynamic query, one at a time, appended to the collection(s).
        const bulk = bulkTargets(x.into, pc);
        if (!bulk) return out('-- EXECUTE IMMEDIATE … BULK COLLECT not converted');
        const using = x.using.length ? ` USING ${x.using.map((u) => pc.expr(u.value)).join(', ')}` : '';
        return [
          ...bulk.reset.map((l) => pad + l),
          `${pad}FOR ${bulk.row} IN EXECUTE ${sql}${using} LOOP`,
          ...bulk.append.map((l) => `${pad}${IND}${l}`),
          `${pad}END LOOP;`,
          ...bulk.store.map((l) => pad + l),
        ];
      }
      if (x.bulk) pc.fail('EXECUTE IMMEDIATE … BULK COLLECT INTO with OUT binds or RETURNING');
      // RETURNING INTO of a DML text known at conversion: the text is printed with RETURNING
      // only (its INTO placeholders, bound after the USING ones, are left out), and the targets
      // are those of EXECUTE … INTO (one row; more raise TOO_MANY_ROWS as in Oracle, none NULLs).
      const returning = x.returningInto.length && !x.into.length && dynamicReturningDml(x.sql);
      if (x.returningInto.length && !returning) pc.fail('EXECUTE IMMEDIATE … RETURNING INTO of SQL text built at run time');
      const targets = returning ? x.returningInto : x.into;
      const into = targets.length ? ` INTO ${targets.map((t) => pc.expr(t)).join(', ')}` : '';
      const using = x.using.length ? ` USING ${x.using.map((u) => pc.expr(u.value)).join(', ')}` : '';
      if (!returning) return [...out(`EXECUTE ${sql}${into}${using};`), ...rowcount(pc, pad)];
      // EXECUTE … INTO keeps the first of several rows: Oracle raises TOO_MANY_ROWS.
      pc.extraDecls.set('RETURNED', 'opg_returned bigint;');
      return [
        ...out(`EXECUTE ${sql}${into}${using};`),
        `${pad}GET DIAGNOSTICS opg_returned = ROW_COUNT;`,
        ...rowcount(pc, pad),
        `${pad}IF opg_returned > 1 THEN`,
        `${pad}${IND}RAISE too_many_rows USING MESSAGE = 'ORA-01422: exact fetch returns more than requested number of rows';`,
        `${pad}END IF;`,
      ];
    }
    case 'pipe-row':
      return out(`RETURN NEXT ${pc.expr(s.value)};`);
    case 'sql':
      return [...sqlInPlsql(s.statement, pc, pad), ...(s.statement.kind === 'transaction' ? [] : rowcount(pc, pad))];
    case 'call':
      return out(...callStatement(s.call, pc));
    case 'block':
      return [...labels, `${emitBlock(s.block, pc, depth, opts)};`];
    case 'unparsed':
      pc.fail(s.reason);
      return out(`-- not converted: ${s.text.split('\n')[0]}`);
    case 'conditional':
    case 'cc-error':
      return ccNotCompiled(s, pc);
  }
}

/**
 * BULK COLLECT INTO targets: the collection(s) are emptied, each row goes into variables of the
 * element types (declared in the unit), is appended to arrays, and the arrays are stored in the
 * targets at the end (package variables through their setter).
 */
function bulkTargets(targets: Expr[], pc: PlContext): { reset: string[]; row: string; append: string[]; store: string[] } | undefined {
  const reset: string[] = [];
  const rows: string[] = [];
  const append: string[] = [];
  const store: string[] = [];
  for (const t of targets) {
    const parts = t.kind === 'column' ? t.parts : undefined;
    const coll = parts ? pc.collectionOf(parts) : undefined;
    if (!coll || !parts) {
      // A package variable that is not converted: say why.
      const ref = parts && !pc.lookup(parts[0]) ? pc.packageMember(parts) : undefined;
      const failed = ref?.info.variableFailures.get(ref.member);
      pc.fail(
        ref && failed
          ? `BULK COLLECT INTO ${printExpr(t)}: package variable ${ref.info.name}.${ref.member} is not converted (${failed})`
          : `BULK COLLECT INTO ${printExpr(t)}: not a collection variable the conversion knows the type of`,
      );
      return undefined;
    }
    const arrayType = pc.resolvedType(coll.type, parts.join('.'));
    const declared = collectionElement(pc.cctx, coll.type);
    const element = declared ? pc.resolvedType(declared, parts.join('.')) : arrayType.endsWith('[]') ? arrayType.slice(0, -2) : undefined;
    if (!element) {
      pc.fail(`BULK COLLECT INTO ${parts.join('.')}: element type of ${arrayType} not known`);
      return undefined;
    }
    const n = pc.extraDecls.size;
    const rowVar = `opg_bulk_row${n}`;
    const arr = `opg_bulk${n}`;
    pc.extraDecls.set(`BULK:${n}`, `${rowVar} ${element};\n  ${arr} ${arrayType};`);
    reset.push(`${arr} := '{}';`);
    rows.push(rowVar);
    append.push(`${arr} := array_append(${arr}, ${rowVar});`);
    if (coll.writeBack) store.push(...writeBack(coll.writeBack, arr, pc));
    else
      store.push(
        coll.packageVar
          ? `PERFORM ${quoteIdent(pc.ectx.mapSchema(coll.packageVar.info.name))}.${quoteIdent(`opg_set_${pgNameOf(coll.packageVar.name)}`)}(${arr});`
          : `${pc.expr(t)} := ${arr};`,
      );
  }
  return { reset, row: rows.join(', '), append, store };
}

/**
 * A FETCH that finds no row leaves its INTO variables as they were in Oracle (the idiom
 * `v := default; OPEN c; FETCH c INTO v; CLOSE c;` keeps the default; the variables still hold the
 * last row after the loop); PL/pgSQL sets them to NULL. The scalar variables and parameters
 * among the targets are copied first and put back when no row came (FOUND is left as the FETCH
 * set it). Record and collection targets are not copied.
 */
/** A FETCH target converted from its cursor column (see the 'fetch' case). */
interface FetchConversion {
  local: string;
  decl: string;
  assign: string;
}

/** The FETCH targets (by position) that take a converted value of their cursor column. */
function fetchConversions(cursor: OraName, targets: Expr[], pc: PlContext, packageCursor: boolean): Map<number, FetchConversion> {
  const out = new Map<number, FetchConversion>();
  const q = packageCursor ? undefined : pc.lookup(cursor)?.query;
  if (!q) return out;
  const columns = queryColumnTypes(q, pc.ectx);
  if (columns.length !== targets.length) return out;
  targets.forEach((t, i) => {
    const to = targetType(t, pc);
    const o = to && pc.oracleType(to);
    const want = o && classOfDataType(o);
    if (!want || want.cls !== 'string' || want.charLength || t.kind !== 'column' || t.parts.length !== 1) return;
    const col = columns[i].type;
    const numeric = col.cls === 'number' && col.pg === 'numeric';
    if (!numeric && !col.charLength) return;
    const local = `opg_fetch${i}`;
    const localType: DataType = numeric ? { kind: 'datatype', name: 'NUMBER', args: [] } : { kind: 'datatype', name: 'CHAR', args: [col.charLength!] };
    pc.push();
    pc.declareDecl({ kind: 'variable', name: local.toUpperCase(), type: localType, constant: false, notNull: false });
    const value = implicitText({ kind: 'column', parts: [local.toUpperCase()] }, to, pc);
    const assign = `${pc.expr(t)} := ${pc.expr(value)};`;
    pc.pop();
    out.set(i, { local, decl: `${local} ${numeric ? 'numeric' : `char(${col.charLength})`};`, assign });
  });
  return out;
}

function keepOnNotFound(fetch: string, targets: Expr[], pc: PlContext, converted: FetchConversion[] = []): string[] {
  const scalar = (e: Expr): e is Expr & { kind: 'column' } => {
    if (e.kind !== 'column' || e.parts.length !== 1) return false;
    const v = pc.lookup(e.parts[0]);
    // PL/pgSQL's %TYPE names scalar variables only (not records nor composite values).
    const t = v?.type && pc.oracleType(v.type);
    return (v?.kind === 'variable' || v?.kind === 'param') && !!t && classOfDataType(t).cls !== 'unknown' && !pc.isCollectionType(t);
  };
  const names = targets.filter(scalar).map((t) => t.parts[0]);
  if (!names.length && !converted.length) return [fetch];
  return [
    'DECLARE',
    ...names.map((n, i) => `${IND}opg_keep${i} ${id(n)}%TYPE := ${id(n)};`),
    ...converted.map((c) => `${IND}${c.decl}`),
    'BEGIN',
    `${IND}${fetch}`,
    ...(names.length ? [`${IND}IF NOT FOUND THEN`, ...names.map((n, i) => `${IND}${IND}${id(n)} := opg_keep${i};`), `${IND}END IF;`] : []),
    ...(converted.length ? [`${IND}IF FOUND THEN`, ...converted.map((c) => `${IND}${IND}${c.assign}`), `${IND}END IF;`] : []),
    'END;',
  ];
}

/** After OPEN: %FOUND is NULL and %ROWCOUNT 0 until the first FETCH. */
/**
 * OPEN of a package cursor (PlContext.packageCursorRef): DECLARE of its session portal WITH HOLD,
 * so that it stays open after the transaction, as Oracle keeps it for the session; the cursor's
 * parameters are binds of the declared query, the arguments (or the parameters' defaults) their
 * values. A FOR UPDATE cursor (PostgreSQL holds no locking cursor; Oracle's fails after a
 * COMMIT, ORA-01002) is opened for the transaction. Opening it when open raises duplicate_cursor
 * (CURSOR_ALREADY_OPEN).
 */
function openPackageCursor(
  name: string,
  args: Expr[],
  ref: NonNullable<ReturnType<PlContext['packageCursorRef']>>,
  pc: PlContext,
  pad: string,
): string[] {
  const params = ref.decl!.params;
  const values = params.map((p, i) => args[i] ?? p.default ?? { kind: 'literal', type: 'null', value: 'NULL' } as Expr);
  const position = new Map(params.map((p, i) => [p.name, i]));
  const query = ref.decl!.query!;
  const forUpdate = query.kind === 'select' && !!query.forUpdate;
  const reset = [
    ...(ref.rowcount ? [`${pad}PERFORM set_config(${quoteLiteral(ref.rowcount)}, '0', false);`] : []),
    ...(ref.found ? [`${pad}PERFORM set_config(${quoteLiteral(ref.found)}, '', false);`] : []),
    ...(pc.cursorFound.has(name) ? [`${pad}${cursorStateName(name, 'found')} := NULL;`] : []),
  ];
  pc.report('OPG-PLSQL-0060', {
    detail: `package cursor ${name} opened in ${pc.object} is a session cursor named ${ref.portal}${forUpdate ? ' for the transaction (FOR UPDATE: PostgreSQL keeps no locking cursor past it, as Oracle fails to fetch from one after a COMMIT)' : ' declared WITH HOLD: it stays open across calls and transactions until CLOSE, as in Oracle; at the end of the transaction that opened it PostgreSQL computes and stores its remaining rows'}`,
  });
  if (forUpdate) {
    const inline = mapQueryDeep(query, (x) =>
      x.kind === 'column' && x.parts.length === 1 && position.has(x.parts[0]) ? { kind: 'paren', expr: values[position.get(x.parts[0])!] } : undefined,
    );
    return [`${pad}OPEN ${id(ref.variable)} FOR ${sqlQuery(inline, pc)};`, ...reset];
  }
  const bound = mapQueryDeep(query, (x) =>
    x.kind === 'column' && x.parts.length === 1 && position.has(x.parts[0]) ? { kind: 'bind', name: String(position.get(x.parts[0])! + 1), pgPosition: position.get(x.parts[0])! + 1 } : undefined,
  );
  const text = `DECLARE ${quoteIdent(ref.portal)} CURSOR WITH HOLD FOR ${sqlQuery(bound, pc)}`;
  const using = values.length ? ` USING ${values.map((v) => pc.expr(v)).join(', ')}` : '';
  return [`${pad}EXECUTE ${quoteLiteral(text)}${using};`, ...reset];
}

/**
 * OPEN pkg_refcursor_var FOR …: the variable's session portal (PlContext.packageCursorRef), its
 * name stored in the variable (so that RETURN g_cur / p := g_cur hand it on), declared WITH HOLD
 * so that it stays open across transactions as Oracle keeps it: a query string with its USING
 * binds, a static query with the routine's variables it reads as binds.
 */
function openPackageRefCursor(
  s: Extract<PlStatement, { kind: 'open' }>,
  ref: NonNullable<ReturnType<PlContext['packageCursorRef']>>,
  pc: PlContext,
  pad: string,
): string[] {
  const reset = [
    `${pad}${id(ref.variable)} := ${quoteLiteral(ref.portal)};`,
    `${pad}PERFORM ${ref.setter}(${id(ref.variable)});`,
    ...(ref.rowcount ? [`${pad}PERFORM set_config(${quoteLiteral(ref.rowcount)}, '0', false);`] : []),
    ...(ref.found ? [`${pad}PERFORM set_config(${quoteLiteral(ref.found)}, '', false);`] : []),
    ...(pc.cursorFound.has(s.cursor) ? [`${pad}${cursorStateName(s.cursor, 'found')} := NULL;`] : []),
  ];
  if (s.forDynamic) {
    const sql = dynamicSql(knownSql({ sql: s.forDynamic }, pc).sql, pc, s.using);
    const using = s.using.length ? ` USING ${s.using.map((u) => pc.expr(u.value)).join(', ')}` : '';
    pc.report('OPG-PLSQL-0060', {
      detail: `package cursor variable ${s.cursor} opened in ${pc.object} is a session cursor named ${ref.portal} declared WITH HOLD: it stays open across calls and transactions until CLOSE, as in Oracle; at the end of the transaction that opened it PostgreSQL computes and stores its remaining rows`,
    });
    return [`${pad}EXECUTE ${quoteLiteral(`DECLARE ${quoteIdent(ref.portal)} CURSOR WITH HOLD FOR `)} || ${sql}${using};`, ...reset];
  }
  // The routine's variables and parameters the query reads become binds of the declared query
  // (USING their values), unless a table column has the same name (Oracle reads the column).
  const binds: Expr[] = [];
  let clash = false;
  const bound = mapQueryDeep(s.forQuery!, (x) => {
    if (x.kind !== 'column' || x.parts.some((p) => p.startsWith('%'))) return undefined;
    const info = pc.lookup(x.parts[0]);
    if (!info || (info.kind !== 'variable' && info.kind !== 'param')) return undefined;
    if (pc.anyTableHas(x.parts[0])) {
      clash = true;
      return undefined;
    }
    binds.push(x);
    return { kind: 'bind', name: String(binds.length), pgPosition: binds.length };
  });
  if (!clash) {
    pc.report('OPG-PLSQL-0060', {
      detail: `package cursor variable ${s.cursor} opened in ${pc.object} is a session cursor named ${ref.portal} declared WITH HOLD (the routine's variables it reads are binds): it stays open across calls and transactions until CLOSE, as in Oracle; at the end of the transaction that opened it PostgreSQL computes and stores its remaining rows`,
    });
    const text = `DECLARE ${quoteIdent(ref.portal)} CURSOR WITH HOLD FOR ${sqlQuery(bound, pc)}`;
    const using = binds.length ? ` USING ${binds.map((b) => pc.expr(b)).join(', ')}` : '';
    return [`${pad}EXECUTE ${quoteLiteral(text)}${using};`, ...reset];
  }
  pc.fail(
    `OPEN ${s.cursor} FOR a query naming a variable of the routine like a table column: the package cursor variable must be declared WITH HOLD with the variables as binds, and the name cannot be told from the column (rename the variable)`,
  );
  return [`${pad}OPEN ${id(ref.variable)} FOR ${sqlQuery(s.forQuery!, pc)};`, ...reset];
}

function cursorReset(cursor: string, pc: PlContext, pad: string): string[] {
  return [
    ...(pc.cursorFound.has(cursor) ? [`${pad}${cursorStateName(cursor, 'found')} := NULL;`] : []),
    ...(pc.cursorRowcount.has(cursor) ? [`${pad}${cursorStateName(cursor, 'rowcount')} := 0;`] : []),
  ];
}

function rowcount(pc: PlContext, pad: string): string[] {
  return pc.usesRowcount ? [`${pad}GET DIAGNOSTICS opg_rowcount = ROW_COUNT;`] : [];
}

/** Maps PL/SQL-only nodes inside a query (cursor attributes, :NEW, locals) then applies the SQL rules. */
function sqlQuery(q: Query, pc: PlContext): string {
  const reads = queryJsonReads([q], [], pc);
  const pre = mapQueryDeep(q, (x) => jsonRead(reads, x, pc) ?? preNode(x, pc));
  return printQuery(rewriteQuery(pre, pc.ectx));
}

/** The queries and expressions of a DML statement, for queryJsonReads. */
function dmlParts(st: DmlStatement): { queries: Query[]; exprs: Expr[] } {
  switch (st.kind) {
    case 'select':
      return { queries: [st.query], exprs: [] };
    case 'insert':
      return { queries: st.query ? [st.query] : [], exprs: st.values?.flat() ?? [] };
    case 'update':
      return { queries: [], exprs: [...st.set.map((c) => c.value), ...(st.where ? [st.where] : [])] };
    case 'delete':
      return { queries: [], exprs: st.where ? [st.where] : [] };
    default:
      return { queries: [], exprs: [] };
  }
}

/** A read of a jsonb attribute in a query (recursive-query.ts), its kept operands through the pre-pass. */
function jsonRead(reads: JsonReads, x: Expr, pc: PlContext): Expr | undefined {
  return reads.get(x)?.((y) => mapExprDeep(y, (z) => jsonRead(reads, z, pc) ?? preNode(z, pc)));
}

function preNode(x: Expr, pc: PlContext): Expr | undefined {
  // Reuse the expression pre-pass of the context without the SQL rules (they run on the whole query).
  if (x.kind === 'column' || x.kind === 'bind' || x.kind === 'call' || x.kind === 'method' || x.kind === 'treat') {
    const inSql = pc.inSql;
    pc.inSql = true;
    try {
      const inner = pc as unknown as { plsqlNode(e: Expr): Expr | undefined; nestedField(e: Expr): Expr | undefined };
      // v.a.b of a variable: (v.a).b, as in PL/SQL expressions (SQL would read schema.table.column).
      return inner.plsqlNode(x) ?? inner.nestedField(x);
    } finally {
      pc.inSql = inSql;
    }
  }
  return undefined;
}

/**
 * INSERT INTO object_table VALUES (obj): Oracle inserts the object as the row; the table became
 * one column per attribute (OPG-TABLE-0010), so the values are the attributes — the arguments of
 * the type's attribute constructor, or (v).attr of a variable. Other statements unchanged.
 */
function objectTableInsert(st: DmlStatement, pc: PlContext): DmlStatement {
  if (st.kind !== 'insert' || st.columns || st.values?.length !== 1 || st.values[0].length !== 1 || st.target.kind !== 'table') return st;
  const table = pc.cctx.findTable(st.target.name);
  const attrs = table?.ofType && flattenedAttributes(pc.cctx, table.ofType);
  if (!table?.ofType || !attrs?.length) return st;
  const e = st.values[0][0];
  const of = table.ofType;
  const ctor = e.kind === 'call' && e.name.length === 1 && e.name[0] === of.name && !pc.lookup(e.name[0]);
  const userCtor = !!pc.cctx.objectMethods.get(of.name)?.has(of.name);
  if (ctor && !userCtor && e.args.length === attrs.length && !e.args.some((a) => a.name)) return { ...st, values: [e.args.map((a) => a.value)] };
  const typed = objectTypeOf(pc.cctx, staticType(e, pc));
  if (e.kind !== 'column' || !typed || typed.name !== of.name) return st;
  return { ...st, values: [attrs.map((a): Expr => ({ kind: 'column', parts: [...e.parts, a.name] }))] };
}

function sqlInPlsql(st: DmlStatement, pc: PlContext, pad: string): string[] {
  st = objectTableInsert(st, pc);
  // WHERE CURRENT OF a package cursor: its session portal's variable (PlContext.packageCursorRef).
  if ((st.kind === 'update' || st.kind === 'delete') && st.currentOf && !pc.lookup(st.currentOf)) {
    const ref = pc.packageCursorRef(st.currentOf);
    if (ref) st = { ...st, currentOf: ref.variable };
  }
  const parts = dmlParts(st);
  const reads = queryJsonReads(parts.queries, parts.exprs, pc);
  const pre = mapDmlExprs(st, (x) => jsonRead(reads, x, pc) ?? preNode(x, pc));
  if (pre.kind === 'transaction') {
    if (pre.verb === 'SAVEPOINT' || pre.savepoint) {
      pc.fail(`${pre.verb}${pre.savepoint ? ` ${pre.savepoint}` : ''} inside PL/SQL (use a nested BEGIN … EXCEPTION block)`);
      return [`${pad}-- ${pre.verb} not converted`];
    }
    if (pre.ignored?.includes('SET TRANSACTION')) {
      pc.fail('SET TRANSACTION inside PL/SQL');
      return [`${pad}-- SET TRANSACTION not converted`];
    }
    if (pc.autonomous) return [`${pad}-- ${pre.verb} of the autonomous transaction dropped (see findings)`];
    if (pc.kind === 'function' || pc.kind === 'trigger') {
      pc.fail(`${pre.verb} in a ${pc.kind} (PostgreSQL functions cannot commit or roll back)`);
      return [`${pad}-- ${pre.verb} not converted`];
    }
    if (pc.protectedDepth > 0 && pc.handlerDepth === 0)
      pc.report('OPG-PLSQL-0072', {
        detail: `${pre.verb} inside a block with an EXCEPTION section (nested in IF, LOOP or an inner block of its protected part): PostgreSQL raises 'cannot commit while a subtransaction is active' there, and the block's own handlers catch that error`,
      });
    pc.report('OPG-PLSQL-0006', { detail: `${pre.verb} inside a procedure: valid only when the procedure is called by a top-level CALL, outside BEGIN … COMMIT and not inside a block with an EXCEPTION section` });
    return [`${pad}${pre.verb};`];
  }
  if (pre.kind === 'select' && pre.query.kind === 'select' && pre.query.into) {
    const q = pre.query;
    if (q.into!.bulk) {
      // One array per selected column, in the query's row order (empty array for no rows).
      const targets = q.into!.targets.map((t) => pc.expr(t));
      const manyColumns = q.items.length > 1 || q.items.some((i) => i.expr.kind === 'star');
      const records = targets.length === 1 && manyColumns ? recordCollection(q.into!.targets[0], pc) : undefined;
      if (records) {
        // A collection of records / objects: one array of rows of the element type.
        const rewritten = rewriteQuery({ ...q, into: undefined }, pc.ectx);
        const agg = `coalesce(array_agg(row(opg_q.*)::${records.element}), '{}')`;
        const from = `FROM (${printQuery(rewritten)}) opg_q`;
        if (!records.packageVar) return [`${pad}SELECT ${agg} INTO ${targets[0]} ${from};`];
        const pv = records.packageVar;
        return [`${pad}PERFORM ${quoteIdent(pc.ectx.mapSchema(pv.info.name))}.${quoteIdent(`opg_set_${pgNameOf(pv.name)}`)}((SELECT ${agg} ${from}));`];
      }
      // One collection per column; a * expands to as many columns as there are collections (Oracle
      // checks it), so the columns are taken by position.
      const star = q.items.some((i) => i.expr.kind === 'star');
      if (targets.length !== q.items.length && !(star && targets.length > 1)) {
        pc.fail('SELECT … BULK COLLECT INTO a collection of records');
        return [`${pad}-- SELECT BULK COLLECT not converted`];
      }
      const rewritten = rewriteQuery({ ...q, into: undefined }, pc.ectx);
      const cols = targets.map((_, i) => `c${i + 1}`);
      const aggs = cols.map((c) => `coalesce(array_agg(opg_q.${c}), '{}')`);
      // Package collections are filled in locals of their types, then stored through their setters.
      const bulkPvs = q.into!.targets.map((t) => pc.packageVariable(t));
      const bulkLocals = bulkPvs.flatMap((pv, i) => (pv ? [`${pad}${IND}opg_into_${i + 1} ${pc.resolvedType(pv.info.variables.get(pv.name)!.type, pv.name)};`] : []));
      const into = targets.map((t, i) => (bulkPvs[i] ? `opg_into_${i + 1}` : t));
      const select = `SELECT ${aggs.join(', ')} INTO ${into.join(', ')} FROM (${printQuery(rewritten)}) opg_q(${cols.join(', ')});`;
      if (!bulkLocals.length) return [`${pad}${select}`];
      const bulkSetters = bulkPvs.flatMap((pv, i) =>
        pv ? [`${pad}${IND}PERFORM ${quoteIdent(pc.ectx.mapSchema(pv.info.name))}.${quoteIdent(`opg_set_${pgNameOf(pv.name)}`)}(opg_into_${i + 1});`] : [],
      );
      return [`${pad}DECLARE`, ...bulkLocals, `${pad}BEGIN`, `${pad}${IND}${select}`, ...bulkSetters, `${pad}END;`];
    }
    // Oracle raises NO_DATA_FOUND / TOO_MANY_ROWS: INTO STRICT does the same. A package variable
    // is selected into a local of its type, then written through its setter.
    const pvs = q.into!.targets.map((t) => pc.packageVariable(t));
    const locals: string[] = [];
    const setters: string[] = [];
    // An element (c(i), c(i).f, m('k')): PL/pgSQL's INTO takes variables, record fields and rows
    // only, so the value is selected into a local of the element's type and assigned after.
    const elements: { target: Expr; local: string; type: DataType }[] = [];
    const targets = q.into!.targets.map((t, i): Expr => {
      const pv = pvs[i];
      if (!pv) {
        const node = pc.exprNode(t);
        let element = false;
        mapExprDeep(node, (x) => {
          if (x.kind === 'subscript' || x.kind === 'call') element = true;
          return undefined;
        });
        const type = element ? staticType(t, pc) : undefined;
        if (!type) return node;
        locals.push(`${pad}${IND}opg_into_${i + 1} ${pc.resolvedType(type, 'INTO')};`);
        elements.push({ target: t, local: `OPG_INTO_${i + 1}`, type });
        return { kind: 'column', parts: [`OPG_INTO_${i + 1}`] };
      }
      const type = pc.resolvedType(pv.info.variables.get(pv.name)!.type, pv.name);
      locals.push(`${pad}${IND}opg_into_${i + 1} ${type};`);
      setters.push(`${pad}${IND}PERFORM ${quoteIdent(pc.ectx.mapSchema(pv.info.name))}.${quoteIdent(`opg_set_${pgNameOf(pv.name)}`)}(opg_into_${i + 1});`);
      return { kind: 'column', parts: [`OPG_INTO_${i + 1}`] };
    });
    const into = { ...q.into!, targets, strict: true };
    // One composite value (an object type, ANYDATA) into a variable of its type: PL/pgSQL fills a
    // row variable column by column, so the value is expanded, (x).*.
    const composite = targets.length === 1 && q.items.length === 1 && q.items[0].expr.kind !== 'star' && isCompositeVariable(q.into!.targets[0], pc);
    const items = composite ? [{ ...q.items[0], expr: { kind: 'field', operand: { kind: 'paren', expr: q.items[0].expr }, field: '*' } as Expr }] : textItems(q, q.into!.targets, pc);
    const rewritten = rewriteQuery({ ...q, items, into: undefined }, pc.ectx);
    const select = `${printQuery({ ...rewritten, into } as Query)};`;
    for (const e of elements) {
      pc.push();
      pc.declareDecl({ kind: 'variable', name: e.local, type: e.type, constant: false, notNull: false });
      setters.push(...emitStatements([{ kind: 'assign', target: e.target, value: { kind: 'column', parts: [e.local] } }], pc, 0, {}).map((l) => `${pad}${IND}${l}`));
      pc.pop();
    }
    if (!locals.length) return [`${pad}${select}`];
    return [`${pad}DECLARE`, ...locals, `${pad}BEGIN`, `${pad}${IND}${select}`, ...setters, `${pad}END;`];
  }
  const rewritten = rewriteDml(textReturning(pre, pc), pc.ectx, { inPlsql: true });
  if ((rewritten.kind === 'insert' || rewritten.kind === 'update' || rewritten.kind === 'delete') && rewritten.returning?.bulk) {
    // RETURNING … BULK COLLECT INTO: PL/pgSQL's RETURNING INTO takes one row; the statement runs
    // in a WITH and the returned rows are aggregated into the collections, in the order returned.
    const r = rewritten.returning;
    const cols = r.exprs.map((_, i) => `c${i + 1}`);
    const dml = printDml({ ...rewritten, returning: { exprs: r.exprs, into: [] } }, { plpgsql: true });
    const records = r.into.length === 1 && r.exprs.length > 1 ? recordCollection(r.into[0], pc) : undefined;
    const pvs = r.into.map((t) => pc.packageVariable(t));
    if (pvs.some(Boolean) || (!records && r.into.length !== r.exprs.length)) {
      pc.fail('DML … RETURNING … BULK COLLECT INTO package collections or a collection of records');
      return [`${pad}-- DML RETURNING BULK COLLECT not converted`];
    }
    const aggs = records
      ? [`coalesce(array_agg(row(${cols.map((c) => `opg_d.${c}`).join(', ')})::${records.element}), '{}')`]
      : cols.map((c) => `coalesce(array_agg(opg_d.${c}), '{}')`);
    return [`${pad}WITH opg_d(${cols.join(', ')}) AS (${dml}) SELECT ${aggs.join(', ')} INTO ${r.into.map((t) => pc.expr(t)).join(', ')} FROM opg_d;`];
  }
  if (rewritten.kind === 'insert' || rewritten.kind === 'update' || rewritten.kind === 'delete') {
    if (rewritten.returning) rewritten.returning = { ...rewritten.returning, into: rewritten.returning.into.map((t) => pc.exprNode(t)) };
  }
  return [`${pad}${printDml(rewritten, { plpgsql: true })};`];
}

/**
 * A BULK COLLECT target that is a collection (local, parameter, field or package variable) for a
 * query of several columns or *: Oracle accepts that only when the element is a record or object
 * type, so the element is the PostgreSQL row type of the array. Undefined for other targets.
 */
function recordCollection(t: Expr, pc: PlContext): { element: string; packageVar?: { info: PackageInfo; name: string } } | undefined {
  const coll = t.kind === 'column' ? pc.collectionOf(t.parts) : undefined;
  if (!coll) return undefined;
  // The types were reported where the variable was declared: no findings again here.
  const seen = pc.findings.length;
  const declared = collectionElement(pc.cctx, coll.type);
  const arrayType = pc.resolvedType(coll.type, 'BULK COLLECT');
  const element = declared ? pc.resolvedType(declared, 'BULK COLLECT') : arrayType.endsWith('[]') ? arrayType.slice(0, -2) : undefined;
  pc.findings.length = seen;
  if (!element || element.includes('%')) return undefined;
  return { element, ...(coll.packageVar ? { packageVar: coll.packageVar } : {}) };
}

function mapDmlExprs(st: DmlStatement, fn: (e: Expr) => Expr | undefined): DmlStatement {
  const ex = (e: Expr) => mapExprDeep(e, fn);
  const q = (x: Query) => mapQueryDeep(x, fn);
  switch (st.kind) {
    case 'select': {
      const query = q(st.query);
      if (st.query.kind === 'select' && st.query.into && query.kind === 'select') query.into = st.query.into;
      return { ...st, query };
    }
    case 'insert':
      return {
        ...st,
        ...(st.values ? { values: st.values.map((r) => r.map(ex)) } : {}),
        ...(st.query ? { query: q(st.query) } : {}),
      };
    case 'update':
      return { ...st, set: st.set.map((c) => ({ ...c, value: ex(c.value) })), ...(st.setRow ? { setRow: ex(st.setRow) } : {}), ...(st.where ? { where: ex(st.where) } : {}) };
    case 'delete':
      return { ...st, ...(st.where ? { where: ex(st.where) } : {}) };
    case 'merge':
      return { ...st, on: ex(st.on) };
    default:
      return st;
  }
}

/** EXECUTE IMMEDIATE text: a literal is converted like any statement, with :binds → $n by position. */
function dynamicSql(e: Expr, pc: PlContext, using: BindArg[] = []): string {
  if (e.kind === 'literal' && e.type === 'string') {
    // $n has the declared type of the n-th USING argument when it is a variable or parameter
    // (SYSDATE - :days is date arithmetic when :days is a NUMBER).
    const bindType = pc.ectx.bindType;
    pc.ectx.bindType = (n) => {
      const v = using[n - 1]?.value;
      return v?.kind === 'column' && v.parts.length === 1 ? pc.ectx.columnType?.(v.parts[0]) : undefined;
    };
    try {
      return literalDynamicSql(e, pc);
    } finally {
      pc.ectx.bindType = bindType;
    }
  }
  // Text built by concatenation: the placeholders of its literal pieces become $1, $2 … by
  // position (concat-binds.ts); the SQL itself stays as written.
  const numbered = using.length && using.every((u) => u.mode === 'IN') ? numberConcatBinds(e, using.length) : undefined;
  if (numbered) {
    pc.report('OPG-PLSQL-0008', {
      detail: `EXECUTE IMMEDIATE with SQL text built at run time: its placeholders ${numbered.placeholders.join(', ')} in the literal pieces became ${numbered.placeholders.map((_, i) => `$${i + 1}`).join(', ')} by position, as Oracle binds the USING arguments${numbered.quotedOperands ? ' (assuming the values concatenated inside quotes hold no quote, as the Oracle statement does: a value with a quote would break it there too)' : ''}; the SQL inside the concatenation is not converted from Oracle to PostgreSQL dialect`,
    });
    return pc.expr(numbered.expr);
  }
  pc.report('OPG-PLSQL-0008', { detail: 'EXECUTE IMMEDIATE with SQL text built at run time' });
  return pc.expr(e);
}

/** Dynamic SQL text known at conversion that is an INSERT, UPDATE or DELETE with RETURNING … INTO. */
function dynamicReturningDml(e: Expr, targets?: number): boolean {
  if (e.kind !== 'literal' || e.type !== 'string') return false;
  const st = parseStatement(e.value, { file: 'dynamic', line: 1, column: 1 }).statement;
  return !!st && (st.kind === 'insert' || st.kind === 'update' || st.kind === 'delete') && !!st.returning?.into.length && (targets === undefined || st.returning.into.length === targets);
}

/** EXECUTE IMMEDIATE text that is a literal: converted like any statement, with :binds → $n by position. */
function literalDynamicSql(e: Expr & { kind: 'literal' }, pc: PlContext): string {
  const parsed = parseStatement(e.value, pc.location ?? { file: 'dynamic', line: 1, column: 1 });
  const st = parsed.statement;
  if (st && ['select', 'insert', 'update', 'delete', 'merge', 'insert-multi'].includes(st.kind)) {
    let n = 0;
    const numbered = mapDmlExprs(st as DmlStatement, (x) => (x.kind === 'bind' && !x.path ? { ...x, pgPosition: ++n } : undefined));
    const findings = pc.findings.length;
    const rewritten = rewriteDml(numbered, pc.ectx, { inPlsql: true });
    if (pc.ectx.unconvertible?.length) pc.fail(`dynamic SQL: ${pc.ectx.unconvertible.join('; ')}`);
    void findings;
    return quoteLiteral(printDml(rewritten));
  }
  if (st) {
    const t = translate(e.value, { file: pc.location?.file ?? 'dynamic' });
    const target = t.statements.find((x) => x.kind !== 'comment')?.target;
    if (target && !target.includes('-- orapg:')) return quoteLiteral(target.replace(/;\s*$/, ''));
  }
  pc.report('OPG-PLSQL-0008', { detail: `dynamic SQL literal could not be converted: ${e.value.slice(0, 80)}` });
  return printExpr(e);
}

/**
 * EXECUTE IMMEDIATE of a variable (or variables and literals joined by ||) whose text is known at
 * conversion (known-text.ts): the statement as if the text were written as a literal, so it is
 * converted; the variable keeps its Oracle text for other uses.
 */
function knownSql<S extends { sql: Expr }>(s: S, pc: PlContext): S {
  if (s.sql.kind === 'literal') return s;
  const text = textOf(s.sql, (n) => pc.knownText(n));
  if (text === undefined) return s;
  const variable = (x: Expr): boolean => x.kind === 'column' || (x.kind === 'paren' && variable(x.expr)) || (x.kind === 'binary' && (variable(x.left) || variable(x.right)));
  if (variable(s.sql))
    pc.report('OPG-PLSQL-0070', { detail: `the text of ${printExpr(s.sql).slice(0, 60)} is known at conversion (one literal): it is converted and executed as written here` });
  return { ...s, sql: { kind: 'literal', type: 'string', value: text } };
}

/** 'ALTER SESSION' when dynamic SQL text (a literal, or a concatenation starting with one) changes session settings. */
function sessionStatement(e: Expr): string | undefined {
  let first = e;
  while (first.kind === 'binary' && first.op === '||') first = first.left;
  if (first.kind === 'paren') first = first.expr;
  if (first.kind !== 'literal' || first.type !== 'string') return undefined;
  const words = leadingWords(first.value, 2).map((w) => w.toUpperCase());
  return words[0] === 'ALTER' && words[1] === 'SESSION' ? 'ALTER SESSION' : undefined;
}

/**
 * `target := <value>` for a name path PL/pgSQL cannot assign (a field of a package variable): the
 * assignment statement's read-modify-write (assign.ts), as one statement text.
 */
function writeBack(target: Expr, value: string, pc: PlContext): string[] {
  return emitStatements([{ kind: 'assign', target, value: { kind: 'pseudo', name: value } }], pc, 0, {});
}

/** A procedure call statement; built-in packages mapped where PostgreSQL has an equivalent. */
/**
 * Oracle converts a NUMBER argument to an INTEGER / PLS_INTEGER parameter (rounding it) and a
 * BINARY_DOUBLE one to a NUMBER parameter; PostgreSQL finds no procedure for numeric → integer or
 * double precision → numeric (assignment casts only), so CALL p(n) failed at run time, and it
 * ignores the scale of a numeric(38) (INTEGER) parameter. Such IN arguments are cast to the
 * parameter's type (numeric → integer rounds half away from zero, as Oracle rounds).
 */
function numberArgs(unit: Subprogram, args: FuncArg[], pc: PlContext): FuncArg[] {
  return args.map((a, i) => {
    const p = a.name ? unit.params.find((x) => x.name === a.name) : unit.params[i];
    if (!p || p.mode !== 'IN' || p.type.attribute === 'ROWTYPE') return a;
    const t = inferType(a.value, pc.ectx);
    if (t.cls !== 'number') return a;
    const type = pc.resolvedType(p.type, p.name);
    // INTEGER is NUMBER(38): numeric(38), whose scale PostgreSQL applies only through a cast.
    const narrowing = (/^(integer|smallint|bigint|numeric\(\d+\))$/.test(type) && t.pg !== 'int') || (/^numeric\b/.test(type) && t.pg === 'float');
    if (!narrowing) return a;
    return { ...a, value: { kind: 'pg-cast', operand: { kind: 'paren', expr: a.value }, type: { kind: 'datatype', name: type, args: [] } } };
  });
}

function callStatement(call: Expr, pc: PlContext): string[] {
  const method = jsonCallStatement(call, pc) ?? objectCallStatement(
    call,
    pc,
    (e) => pc.exprNode(e),
    (target, value) => emitStatements([{ kind: 'assign', target, value }], pc, 0, {}),
  );
  if (method) return method;
  const onElement =
    call.kind === 'method'
      ? elementCollectionMethod(call.operand, call.name, call.args, pc)
      : call.kind === 'field' && call.operand.kind !== 'column'
        ? elementCollectionMethod(call.operand, call.field, [], pc)
        : undefined;
  if (onElement) return onElement;
  // … on a collection PL/pgSQL cannot change in place (a map element): through a local (assign.ts).
  const through =
    call.kind === 'method'
      ? collectionMethodThrough(call.operand, call.name, call.args, pc, (s) => emitStatements([s], pc, 0, {}))
      : call.kind === 'field' && call.operand.kind !== 'column'
        ? collectionMethodThrough(call.operand, call.field, [], pc, (s) => emitStatements([s], pc, 0, {}))
        : undefined;
  if (through) return through;
  let c: FuncCall | undefined =
    call.kind === 'call' ? call : call.kind === 'column' ? { kind: 'call', name: call.parts, args: [] } : undefined;
  // PKG.P of a package of the sources named like an Oracle-supplied one (UTL_APP.LOG, DBMS_MYAPP.RUN):
  // a call of that package like any other, none of the built-in conversions below.
  const own = !!c && pc.ownPackage(c.name);
  // SYS.DBMS_OUTPUT.PUT_LINE: a built-in package named with its owner is the package itself.
  if (c && c.name.length === 3 && c.name[0] === 'SYS' && /^(DBMS_|UTL_)/.test(c.name[1]) && !pc.lookup('SYS'))
    c = { ...c, name: c.name.slice(1) };
  if (!c) {
    pc.fail('statement is not a procedure call');
    return [`-- not converted: ${printExpr(call)}`];
  }
  const name = c.name.join('.').toUpperCase();
  const arg = (i: number) => (c.args[i] ? pc.expr(c.args[i].value) : 'NULL');
  const onMap = mapCallStatement(c, pc);
  if (onMap) return onMap;
  const pkgCall = own ? undefined : builtinPackageProcedure(c, pc);
  if (pkgCall) return pkgCall;
  const coll = c.name.length >= 2 ? pc.collectionOf(c.name.slice(0, -1)) : undefined;
  if (coll) {
    // Collection methods used as statements; a package variable is written back through its setter.
    const cur = pc.expr(coll.expr);
    const assign = (value: string): string[] =>
      coll.writeBack
        ? writeBack(coll.writeBack, value, pc)
        : coll.packageVar
          ? [`PERFORM ${quoteIdent(pc.ectx.mapSchema(coll.packageVar.info.name))}.${quoteIdent(`opg_set_${pgNameOf(coll.packageVar.name)}`)}(${value});`]
          : [`${cur} := ${value};`];
    const arrayType = pc.resolvedType(coll.type, c.name.join('.'));
    const declared = collectionElement(pc.cctx, coll.type);
    const element = declared ? pc.resolvedType(declared, c.name.join('.')) : arrayType.endsWith('[]') ? arrayType.slice(0, -2) : undefined;
    const method = c.name[c.name.length - 1];
    switch (method) {
      case 'DELETE':
        if (!c.args.length) return assign(`'{}'`);
        if (c.args.length === 1 && pc.sparseVariable(c.name.length === 2 ? c.name[0] : undefined, coll.type)) {
          // An INDEX BY table: the element becomes a gap, a NULL element (see PlContext.isSparse).
          // The key is converted to an integer as Oracle does (a VARCHAR2 element holding a number).
          if (!coll.packageVar) return [`${cur}[(${arg(0)})::integer] := NULL;`];
          return ['DECLARE', `  opg_a ${arrayType} := ${cur};`, 'BEGIN', `  opg_a[(${arg(0)})::integer] := NULL;`, ...assign('opg_a').map((l) => `  ${l}`), 'END;'];
        }
        if (c.args.length === 2 && pc.sparseVariable(c.name.length === 2 ? c.name[0] : undefined, coll.type)) {
          // DELETE(k1, k2): the elements from k1 to k2 that exist become gaps (none when k1 > k2).
          const gaps = (a: string) => [
            `FOR opg_k IN greatest((${arg(0)})::integer, array_lower(${a}, 1))..least((${arg(1)})::integer, array_upper(${a}, 1)) LOOP`,
            `  ${a}[opg_k] := NULL;`,
            'END LOOP;',
          ];
          if (!coll.packageVar) return gaps(cur);
          return ['DECLARE', `  opg_a ${arrayType} := ${cur};`, 'BEGIN', ...gaps('opg_a').map((l) => `  ${l}`), ...assign('opg_a').map((l) => `  ${l}`), 'END;'];
        }
        break;
      case 'EXTEND': {
        // A VARRAY grows up to its size: past it Oracle raises SUBSCRIPT_OUTSIDE_LIMIT (ORA-06532).
        const limit = pc.varrayLimit(coll.type);
        const added = c.args.length ? `(${arg(0)})::integer` : '1';
        const check =
          limit === undefined
            ? []
            : [`IF coalesce(cardinality(${cur}), 0) + ${added} > ${limit} THEN`, "  RAISE array_subscript_error USING MESSAGE = 'ORA-06532: Subscript outside of limit';", 'END IF;'];
        if (!c.args.length) return [...check, ...assign(`array_append(${cur}, NULL)`)];
        if (c.args.length === 1 && element)
          return [...check, ...assign(`coalesce(${cur}, '{}') || array_fill(NULL::${element}, ARRAY[(${arg(0)})::integer])`)];
        // EXTEND(n, i): n copies of element i.
        if (c.args.length === 2 && !c.args.some((a) => a.name))
          return [...check, ...assign(`coalesce(${cur}, '{}') || array_fill((${cur})[(${arg(1)})::integer], ARRAY[(${arg(0)})::integer])`)];
        break;
      }
      case 'TRIM':
        if (c.args.length <= 1) return assign(`(${cur})[array_lower(${cur}, 1):array_upper(${cur}, 1) - ${c.args.length ? arg(0) : '1'}]`);
        break;
    }
    pc.fail(
      method === 'DELETE'
        ? `${name}(…): deleting single elements leaves gaps in Oracle collections; PostgreSQL arrays have none (rebuild the array without the element)`
        : `collection method ${method}${c.args.length ? ' with these arguments' : ''}`,
    );
    return [`-- ${name} not converted`];
  }
  switch (own ? '' : name) {
    case 'DBMS_OUTPUT.PUT_LINE':
    case 'DBMS_OUTPUT.PUT': {
      // The parameter is VARCHAR2: a number or date argument is converted as Oracle does (TO_CHAR).
      const plain = c.args.length === 1 && !c.args[0].name;
      if (!pc.usesPut) return [`RAISE NOTICE '%', ${plain ? outputLine(c.args[0].value, pc) : arg(0)};`];
      const text = plain ? pc.expr(implicitText(c.args[0].value, VARCHAR2, pc)) : arg(0);
      // PUT builds a line that NEW_LINE or PUT_LINE sends: the partial line waits in a setting.
      if (!pc.findings.some((f) => f.id === 'OPG-PLSQL-0020' && f.message.startsWith('DBMS_OUTPUT.PUT ')))
        pc.report('OPG-PLSQL-0020', {
          detail: 'DBMS_OUTPUT.PUT keeps the partial line in the session setting opg_output.line until NEW_LINE or PUT_LINE sends it as one RAISE NOTICE (a rolled back transaction loses the pending text)',
        });
      if (name === 'DBMS_OUTPUT.PUT') return [`PERFORM set_config('opg_output.line', coalesce(current_setting('opg_output.line', true), '') || coalesce((${text})::text, ''), false);`];
      return [`RAISE NOTICE '%', coalesce(current_setting('opg_output.line', true), '') || coalesce((${text})::text, '');`, "PERFORM set_config('opg_output.line', '', false);"];
    }
    case 'DBMS_OUTPUT.NEW_LINE':
      if (pc.usesPut) return ["RAISE NOTICE '%', coalesce(current_setting('opg_output.line', true), '');", "PERFORM set_config('opg_output.line', '', false);"];
      return ["RAISE NOTICE '';"];
    case 'DBMS_OUTPUT.ENABLE':
    case 'DBMS_OUTPUT.DISABLE':
      return ['NULL;'];
    case 'DBMS_LOCK.SLEEP':
    case 'DBMS_SESSION.SLEEP':
      return [`PERFORM pg_sleep(${arg(0)});`];
    // CLOB/BLOB temporaries are plain text / bytea values on PostgreSQL.
    case 'DBMS_LOB.CREATETEMPORARY':
      return [`${arg(0)} := '';`];
    case 'DBMS_LOB.FREETEMPORARY':
    case 'DBMS_LOB.CLOSE':
    case 'DBMS_LOB.OPEN':
      return ['NULL;'];
    // APPEND / WRITEAPPEND raise VALUE_ERROR when the LOB, the source or the amount is NULL (an
    // uninitialized LOB variable): || gives NULL exactly then. (The variable is NULL after the error.)
    case 'DBMS_LOB.WRITEAPPEND':
      return [`${arg(0)} := ${arg(0)} || substr(${arg(2)}, 1, ${arg(1)});`, ...lobNullCheck(arg(0))];
    case 'DBMS_LOB.APPEND':
      return [`${arg(0)} := ${arg(0)} || ${arg(1)};`, ...lobNullCheck(arg(0))];
    case 'DBMS_LOB.READ': {
      // READ(lob, amount IN OUT, offset, buffer OUT): amount characters (bytes) from offset; amount
      // becomes what was read. Oracle raises VALUE_ERROR for a NULL argument, INVALID_ARGVAL
      // (ORA-21560) for an amount outside 1 .. 32767 or an offset < 1, and NO_DATA_FOUND when the
      // offset is past the end (what ends the usual read loop).
      if (!lobKind(c, pc) || c.args.length !== 4) break;
      const [lob, amt, off, buf] = [arg(0), arg(1), arg(2), arg(3)];
      return [
        `IF ${lob} IS NULL OR ${amt} IS NULL OR ${off} IS NULL THEN`,
        "  RAISE numeric_value_out_of_range USING MESSAGE = 'ORA-06502: PL/SQL: numeric or value error: invalid LOB locator specified: ORA-22275';",
        `ELSIF (${amt})::integer NOT BETWEEN 1 AND 32767 OR (${off})::integer < 1 THEN`,
        "  RAISE EXCEPTION USING ERRCODE = 'O1560', MESSAGE = 'ORA-21560: argument is null, invalid, or out of range';",
        `ELSIF (${off})::integer > length(${lob}) THEN`,
        "  RAISE no_data_found USING MESSAGE = 'ORA-01403: no data found';",
        'END IF;',
        `${buf} := substr(${lob}, (${off})::integer, (${amt})::integer);`,
        `${amt} := length(${buf});`,
      ];
    }
    case 'DBMS_LOB.WRITE':
    case 'DBMS_LOB.COPY':
    case 'DBMS_LOB.ERASE': {
      const kind = lobKind(c, pc);
      if (!kind) break;
      // Filler beyond the end of the LOB and for ERASE: spaces in a CLOB, zero bytes in a BLOB.
      const fill = (n: string) => (kind === 'text' ? `repeat(' ', ${n})` : `decode(repeat('00', ${n}), 'hex')`);
      const lob = arg(0);
      if (name === 'DBMS_LOB.ERASE') {
        // ERASE(lob, amount IN OUT, offset = 1): amount becomes what was erased (less at the end).
        const off = c.args[2] ? `(${arg(2)})::integer` : '1';
        const amt = arg(1);
        return [
          `${amt} := greatest(least((${amt})::integer, length(${lob}) - ${off} + 1), 0);`,
          `${lob} := overlay(${lob} placing ${fill(`(${amt})::integer`)} from ${off} for (${amt})::integer);`,
          ...lobNullCheck(lob),
        ];
      }
      // WRITE(lob, amount, offset, buffer) / COPY(dest, src, amount, dest_offset = 1, src_offset = 1):
      // the piece overwrites the LOB from the offset, which may lie past its end (filled up to it).
      const write = name === 'DBMS_LOB.WRITE';
      if (write ? c.args.length !== 4 : c.args.length < 3) break;
      const off = write ? `(${arg(2)})::integer` : c.args[3] ? `(${arg(3)})::integer` : '1';
      const piece = write ? `substr(${arg(3)}, 1, (${arg(1)})::integer)` : `substr(${arg(1)}, ${c.args[4] ? `(${arg(4)})::integer` : '1'}, (${arg(2)})::integer)`;
      return [
        `${lob} := overlay(${lob} || ${fill(`greatest(${off} - 1 - length(${lob}), 0)`)} placing ${piece} from ${off} for length(${piece}));`,
        ...lobNullCheck(lob),
      ];
    }
    case 'DBMS_LOB.TRIM': {
      // Oracle raises VALUE_ERROR for a NULL LOB, INVALID_ARGVAL (ORA-21560) for a length < 0, and
      // an error for a length past the end of a non-empty LOB (ORA-22926); an empty LOB stays so.
      if (c.args.length !== 2 || c.args.some((a) => a.name)) break;
      const [lob, len] = [arg(0), arg(1)];
      return [
        `IF ${lob} IS NULL OR ${len} IS NULL THEN`,
        "  RAISE numeric_value_out_of_range USING MESSAGE = 'ORA-06502: PL/SQL: numeric or value error: invalid LOB locator specified: ORA-22275';",
        `ELSIF (${len})::integer < 0 THEN`,
        "  RAISE EXCEPTION USING ERRCODE = 'O1560', MESSAGE = 'ORA-21560: argument is null, invalid, or out of range';",
        `ELSIF (${len})::integer > length(${lob}) AND length(${lob}) > 0 THEN`,
        "  RAISE EXCEPTION USING ERRCODE = 'O2926', MESSAGE = 'ORA-22926: specified trim length is greater than current LOB value''s length';",
        'END IF;',
        `${lob} := substr(${lob}, 1, (${len})::integer);`,
      ];
    }
    case 'DBMS_LOCK.ALLOCATE_UNIQUE':
      // The handle is the lock name itself: REQUEST / RELEASE hash it into an advisory lock key.
      if (c.args.length >= 2 && !c.args.some((a) => a.name)) return [`${arg(1)} := ${arg(0)};`];
      break;
    case 'DBMS_APPLICATION_INFO.SET_MODULE':
      return [`PERFORM set_config('application_name', ${arg(0)}, false);`];
    case 'RAISE_APPLICATION_ERROR': {
      // A package constant is inlined as its literal.
      const code = c.args[0] ? pc.exprNode(c.args[0].value) : undefined;
      const bare = code?.kind === 'paren' ? code.expr : code;
      const n =
        bare?.kind === 'unary' && bare.op === '-' && bare.operand.kind === 'literal'
          ? Number(bare.operand.value)
          : bare?.kind === 'literal'
            ? Math.abs(Number(bare.value))
            : NaN;
      if (Number.isNaN(n) && code) {
        // Computed at run time: the same SQLSTATE O + last four digits as for a literal number.
        return [`RAISE EXCEPTION USING ERRCODE = 'O' || right(abs((${printExpr(code)})::integer)::text, 4), MESSAGE = ${arg(1)};`];
      }
      if (Number.isNaN(n) || n < 20000 || n > 20999) {
        pc.fail('RAISE_APPLICATION_ERROR with an error number outside -20000 … -20999');
        return [`RAISE EXCEPTION '%', ${arg(1)};`];
      }
      return [`RAISE EXCEPTION USING ERRCODE = 'O${String(n).slice(-4)}', MESSAGE = ${arg(1)};`];
    }
  }
  const context = own ? undefined : contextProcedure(c, pc);
  if (context) return context;
  if (!own && c.name.length >= 2 && BUILTIN_PACKAGE.test(c.name[0]) && !pc.builtinCallsRaise) {
    pc.report('OPG-PLSQL-0010', { detail: `${name} is an Oracle built-in package procedure` });
    pc.unconvertible.push(name);
    return [`-- ${name} not converted`];
  }
  if (!own && c.name.length >= 2 && BUILTIN_PACKAGE.test(c.name[0])) {
    // The routine is still converted: the call becomes a statement that raises
    // feature_not_supported when it runs, so the rest of the unit (and its callers) keep working
    // and the missing piece fails loudly at the one place the report names.
    pc.report('OPG-PLSQL-0010', { detail: `${name} is an Oracle built-in package procedure with no PostgreSQL equivalent; the converted routine raises feature_not_supported (SQLSTATE 0A000) at this call` });
    return [
      `-- ${name}(…): Oracle built-in package procedure with no PostgreSQL equivalent (orapg OPG-PLSQL-0010)`,
      `RAISE EXCEPTION USING ERRCODE = 'feature_not_supported', MESSAGE = ${quoteLiteral(`${name} is not available on PostgreSQL (orapg OPG-PLSQL-0010)`)};`,
    ];
  }
  // A synonym of a standalone procedure of the sources: the procedure it names.
  const routine = c.name.length === 1 && !pc.lookup(c.name[0]) ? pc.ectx.routineSynonym?.(c.name[0]) : undefined;
  if (routine) c.name = routine.schema ? [routine.schema, routine.name] : [routine.name];
  const lifted = nestedName(pc, c.name);
  if (lifted) {
    c.name = [...(lifted.name.schema ? [lifted.name.schema] : []), lifted.name.name];
    c.args = [...c.args, ...extraArgs(lifted)];
  }
  const member = !lifted && c.name.length <= 2 ? pc.packageMember(c.name) : undefined;
  if (member && c.name.length === 1 && member.info.members.has(member.member)) c.name = [member.info.name, member.member];
  // A procedure renamed because a function of its package has the same signature.
  if (member) noteCall(pc, member.info.name, member.member);
  const renamed = member?.info.renamedProcedures?.get(member.member);
  if (member && renamed) c.name = [member.info.name, renamed];
  // An overloaded procedure: the IN arguments cast to the parameter types of the overload Oracle runs.
  const overloads = member && !lifted ? (member.info.overloads?.get(member.member) ?? []) : [];
  const callArgs =
    member && candidatesOf(overloads, 'procedure').length > 1
      ? castCallArgs(overloads, c.args, pc, 'procedure', `${member.info.name}.${member.member}`, (v) => v, member.info).args
      : member?.info.subprograms.get(member.member)
        ? numberArgs(member.info.subprograms.get(member.member)!, textArgs(member.info.subprograms.get(member.member)!, c.args, pc, true), pc)
        : standaloneUnit(c.name, pc)
          ? numberArgs(standaloneUnit(c.name, pc)!, textArgs(standaloneUnit(c.name, pc)!, c.args, pc, true), pc)
          : lifted && liftedUnit(lifted)
            ? textArgs(liftedUnit(lifted)!, c.args, pc, true)
            : c.args;
  // PostgreSQL rejects a subquery in a CALL argument ("cannot use subquery in CALL argument"),
  // which some conversions produce (INSTR with a negative position …): such an argument is
  // computed first into a variable of the parameter's type.
  const unit = member?.info.subprograms.get(member.member) ?? standaloneUnit(c.name, pc) ?? (lifted ? liftedUnit(lifted) : undefined);
  const hoisted: string[] = [];
  const args = callArgs
    .map((a, i) => {
      const node = pc.exprNode(a.value);
      let text = printExpr(node);
      if (hasSubquery(node)) {
        const p = a.name ? unit?.params.find((x) => x.name === a.name) : unit?.params[i];
        const v = `opg_arg${pc.extraDecls.size}`;
        pc.extraDecls.set(`ARG:${v}`, `${v} ${p && p.mode === 'IN' ? pc.type(p.type, p.name) : pgTypeOfClass(inferType(a.value, pc.ectx).cls)};`);
        hoisted.push(`${v} := ${text};`);
        text = v;
      }
      return a.name ? `${id(a.name)} => ${text}` : text;
    })
    .join(', ');
  const target = c.name.length === 2 ? `${quoteIdent(pc.ectx.mapSchema(c.name[0]))}.${id(c.name[1])}` : c.name.map(id).join('.');
  return [...hoisted, `CALL ${target}(${args});`];
}

/** The expression holds a subquery (outside nested subqueries). */
function hasSubquery(e: Expr): boolean {
  let found = false;
  walkExpr(e, (x) => {
    if (x.kind === 'subquery' || x.kind === 'exists') found = true;
  });
  return found;
}

/** A PostgreSQL type for a value of an inferred type class (text when unknown). */
function pgTypeOfClass(cls: string): string {
  return cls === 'number' ? 'numeric' : cls === 'date' ? 'timestamp(0)' : cls === 'timestamp' ? 'timestamp' : cls === 'boolean' ? 'boolean' : 'text';
}

/**
 * EXTEND, TRIM and DELETE called on a collection that is an element or a field of another value
 * (`levels(i).extend;`, a collection of collections): the element is an assignment target
 * PL/pgSQL can write, `levels[i] := array_append(levels[i], NULL)`. Undefined when the value is
 * not such a target or the call is another method.
 */
function elementCollectionMethod(operand: Expr, method: string, args: FuncArg[], pc: PlContext): string[] | undefined {
  if (!['EXTEND', 'TRIM', 'DELETE'].includes(method) || args.length > 1 || args.some((a) => a.name)) return undefined;
  const target = assignTarget(pc.exprNode(operand));
  if (!target) return undefined;
  const n = args.length ? `(${pc.expr(args[0].value)})::integer` : '1';
  switch (method) {
    case 'EXTEND':
      return args.length ? undefined : [`${target} := array_append(${target}, NULL);`];
    case 'TRIM':
      return [`${target} := (${target})[array_lower(${target}, 1):array_upper(${target}, 1) - ${n}];`];
    default:
      return args.length ? undefined : [`${target} := '{}';`];
  }
}

/**
 * `BEGIN SAVEPOINT s; … EXCEPTION WHEN … THEN ROLLBACK TO s; … END`: a PL/pgSQL block with an
 * exception handler already rolls back its own changes before the handler runs, so when the
 * savepoint opens the block and every handler starts by rolling back to it, both are dropped.
 */
function savepointAsBlock(b: Block, pc: PlContext): Block {
  const first = b.body[0];
  if (first?.kind !== 'sql' || first.statement.kind !== 'transaction' || first.statement.verb !== 'SAVEPOINT') return b;
  const sp = first.statement.savepoint;
  const rollsBack = (h: Block['handlers'][number]) => {
    const s = h.body[0];
    return s?.kind === 'sql' && s.statement.kind === 'transaction' && s.statement.verb === 'ROLLBACK' && s.statement.savepoint === sp;
  };
  if (!b.handlers.length || !b.handlers.every(rollsBack)) return b;
  pc.report('OPG-PLSQL-0003', {
    detail: `SAVEPOINT ${sp} / ROLLBACK TO ${sp} around a block: the block's exception handler rolls back its changes in PostgreSQL, so both statements were dropped`,
  });
  return { ...b, body: b.body.slice(1), handlers: b.handlers.map((h) => ({ ...h, body: h.body.slice(1) })) };
}

/** After DBMS_LOB.APPEND / WRITEAPPEND: a NULL result is Oracle's VALUE_ERROR (a NULL LOB or argument). */
function lobNullCheck(lob: string): string[] {
  return [
    `IF ${lob} IS NULL THEN`,
    "  RAISE numeric_value_out_of_range USING MESSAGE = 'ORA-06502: PL/SQL: numeric or value error: invalid LOB locator specified: ORA-22275';",
    'END IF;',
  ];
}

/** A DBMS_LOB procedure's first argument: a CLOB (text) or BLOB (bytea) variable or parameter; undefined when unknown or named arguments. */
function lobKind(c: FuncCall, pc: PlContext): 'text' | 'binary' | undefined {
  const v = c.args[0]?.value;
  if (c.args.some((a) => a.name) || v?.kind !== 'column' || v.parts.length !== 1) return undefined;
  const t = pc.lookup(v.parts[0])?.type?.name?.toUpperCase();
  return t === 'CLOB' || t === 'NCLOB' ? 'text' : t === 'BLOB' ? 'binary' : undefined;
}

/**
 * The text of DBMS_OUTPUT.PUT_LINE(value): a NULL line is an empty line in Oracle, where RAISE
 * NOTICE '%' prints <NULL>. A value that can be NULL gets coalesce(…, ''); the nullif(…, '') of
 * Oracle's empty-string rule is dropped there (it would only turn '' into NULL and back).
 */
function outputLine(value: Expr, pc: PlContext): string {
  const node = pc.exprNode(implicitText(value, VARCHAR2, pc));
  const inner =
    node.kind === 'call' && node.name.length === 1 && node.name[0] === 'nullif' && node.args.length === 2 && node.args[1].value.kind === 'literal' && node.args[1].value.type === 'string' && node.args[1].value.value === ''
      ? node.args[0].value
      : node;
  if (inner.kind === 'literal' && inner.type === 'null') return "''";
  // Never NULL: a text literal, a coalesce(…, literal), or a || chain (whose NULL-able operands the
  // concatenation rule wraps in coalesce).
  const notNull =
    (inner.kind === 'literal' && inner.type === 'string') ||
    (inner.kind === 'binary' && inner.op === '||') ||
    (inner.kind === 'call' && inner.name.length === 1 && inner.name[0] === 'coalesce' && inner.args.at(-1)?.value.kind === 'literal');
  return notNull ? printExpr(node === inner ? node : inner) : `coalesce(${printExpr(inner)}, '')`;
}
