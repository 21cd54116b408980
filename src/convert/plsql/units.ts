/**
 * PL/SQL units → PostgreSQL: procedures → PROCEDURE, functions → FUNCTION (PIPELINED → SETOF),
 * anonymous blocks → DO, triggers → trigger function + CREATE TRIGGER (sequence-assignment
 * triggers → column defaults). A unit that cannot be converted exactly is kept as a comment with
 * findings saying why.
 */
import type { PlsqlUnit } from '../../ast/ddl.js';
import type { DataType, Expr } from '../../ast/expr.js';
import type { QualifiedName } from '../../ast/common.js';
import type { Block, PlStatement, Subprogram, TextSpan, TriggerDef } from '../../ast/plsql.js';
import { absoluteLocation } from '../../parser/statement.js';
import type { PgNode, PgObject, Phase } from '../../ast/pg.js';
import { pgNameOf, quoteIdent, quoteLiteral } from '../../emit/quote.js';
import { makeFinding } from '../../findings/make.js';
import type { Finding } from '../../findings/types.js';
import { ConvertContext } from '../context.js';
import { bindLocal, bindRead, bindSetting, type ScriptBind } from '../script-binds.js';
import { printExpr } from '../../emit/pg/expr.js';
import { resolveConditionalCompilation } from './conditional.js';
import { varrayComment } from './anytype-catalog.js';
import { collectionElement, PlContext } from './context.js';
import { packageCollectionElement } from './assoc.js';
import { convertCompoundTrigger } from './compound.js';
import { convertEventTrigger } from './event-trigger.js';
import { convertPackage } from './packages.js';
import { type BlockOptions, emitBlock } from './statements.js';
import { substitute } from './dynamic-block.js';
import { hasOutParams, RESULT_COLUMN } from './outfunctions.js';
import { comparisonOperatorsText, dispatcherText } from './objects.js';
import { methodRoutineName, selfInOut } from './method-kinds.js';
import { collapsedDetail, collapsedOverloads } from './overloads.js';
import { isMemberParseError, unparsedObjects } from './unparsed.js';
import { flattenedAttributes, hierarchyColumns, hierarchyOf, supertypeOf, TYPE_TAG, typeDependencies } from './types.js';

const id = (n: string) => quoteIdent(pgNameOf(n));
const keyOf = (q: QualifiedName) => `${q.schema ?? ''}.${q.name}`;
const same = (a: QualifiedName, b: QualifiedName) => keyOf(a) === keyOf(b);

/** A dollar-quote tag that does not occur in the body. */
function dollarQuote(body: string): [string, string] {
  let tag = '$body$';
  for (let i = 1; body.includes(tag); i++) tag = `$body${i}$`;
  return [tag, tag];
}

function qualified(pc: PlContext, schema: string | undefined, name: string): string {
  return schema ? `${quoteIdent(pc.ectx.mapSchema(schema))}.${id(name)}` : id(name);
}

/** Type names of pg_catalog that a user type of the same name is shadowed by (unqualified references reach these). */
const PG_CATALOG_TYPES = new Set([
  'bit', 'bool', 'boolean', 'box', 'bpchar', 'bytea', 'char', 'cidr', 'circle', 'date', 'float4', 'float8', 'inet', 'int2', 'int4', 'int8',
  'integer', 'interval', 'json', 'jsonb', 'line', 'lseg', 'macaddr', 'macaddr8', 'money', 'name', 'numeric', 'oid', 'path', 'point',
  'polygon', 'record', 'text', 'time', 'timestamp', 'timestamptz', 'timetz', 'tsquery', 'tsvector', 'uuid', 'varbit', 'varchar', 'xml',
  'regclass', 'regtype', 'tid', 'xid', 'cid', 'aclitem', 'int4range', 'int8range', 'numrange', 'tsrange', 'tstzrange', 'daterange',
]);

export function objectFor(
  unit: PlsqlUnit,
  pc: PlContext,
  phase: Phase,
  texts: string[],
  parseFindings: Finding[],
  objectType: string,
  /** Oracle text kept as a comment when not converted (default: the member's text, else the unit's). */
  source?: string,
  /** Where a member is in the unit's text: its text is kept and the finding located there. */
  span?: TextSpan,
): PgObject[] {
  const findings = [...parseFindings, ...pc.findings];
  let nodes: PgNode[];
  if (pc.unconvertible.length || pc.ectx.unconvertible?.length) {
    const member = span ? unit.text.slice(span.start, span.end + 1) : undefined;
    const lines = (member ?? unit.text).split('\n').length;
    const location = span && unit.loc ? absoluteLocation(unit.loc, { startLine: span.line, startColumn: span.column }) : unit.loc;
    findings.push(makeFinding('OPG-PLSQL-0001', { object: pc.object, lines }, { object: pc.object, location }, Math.max(1, lines / 50)));
    nodes = [{ kind: 'comment-block', text: `NOT CONVERTED (see findings): ${pc.object}\n${source ?? member ?? unit.text}` }];
  } else {
    nodes = [...pc.preStatements, ...texts].map((text) => ({ kind: 'raw' as const, text }));
  }
  return [{ phase, object: pc.object, objectType, nodes, findings, location: unit.loc }];
}

/** Converts a parsed PL/SQL unit; undefined when its kind is handled elsewhere (packages). */
export function convertPlsqlUnit(unit: PlsqlUnit, ctx: ConvertContext, parseFindings: Finding[]): PgObject[] | undefined {
  // Conditional compilation is resolved for the target Oracle version (once, before registration).
  parseFindings = [...parseFindings, ...resolveConditionalCompilation(unit, ctx.options)];
  // The parse errors of members set apart by recovery go with those members' objects (unparsed.ts).
  const memberErrors = parseFindings.filter((f) => isMemberParseError(unit, f));
  parseFindings = parseFindings.filter((f) => !memberErrors.includes(f));
  const ast = unit.ast;
  if (!ast) return undefined;
  const object = `${unit.unitKind} ${unit.name.schema ? `${unit.name.schema}.` : ''}${unit.name.name}`;
  switch (ast.kind) {
    case 'subprogram': {
      const pc = new PlContext(ctx, ast.unit.kind, object, unit.loc);
      const text = subprogramText(ast.unit, pc);
      return objectFor(unit, pc, 'code', [text], parseFindings, ast.unit.kind === 'function' ? 'FUNCTION' : 'PROCEDURE');
    }
    case 'block': {
      const pc = new PlContext(ctx, 'block', object, unit.loc);
      // Its nested subprograms become routines of the session's temporary schema (pg_temp, which
      // a DO block calls by qualified name), created just before the block.
      pc.unitName = { schema: 'PG_TEMP', name: 'OPG_BLOCK' };
      const binds = scriptBindsOf(ast.block, ctx);
      const undeclared = unknownBinds(ast.block, ctx);
      if (undeclared.length)
        pc.fail(
          `bind variable${undeclared.length > 1 ? 's' : ''} ${undeclared.map((n) => `:${n}`).join(', ')} in an anonymous block: a PostgreSQL DO block takes no parameters (declare them with SQL*Plus VARIABLE in the script, or call the procedure directly: CALL p($1, …))`,
        );
      const body = binds.length ? blockWithBinds(ast.block, binds, pc) : `${emitBlock(ast.block, pc, 0, {}, true)};`;
      const [open, close] = dollarQuote(body);
      return objectFor(unit, pc, 'code', [`DO ${open}\n${body}\n${close};`], parseFindings, 'BLOCK');
    }
    case 'trigger':
      return convertTrigger(unit, ast.trigger, ctx, object, parseFindings);
    case 'type': {
      if (ast.def.kind === 'object' && ast.def.incomplete)
        return [
          {
            phase: 'pre-data',
            object,
            objectType: 'TYPE',
            nodes: [],
            location: unit.loc,
            findings: [
              ...parseFindings,
              makeFinding(
                'OPG-ADMIN-0001',
                {
                  statement: object,
                  advice: 'an incomplete type (forward declaration); PostgreSQL needs none, the full CREATE TYPE creates the type',
                },
                { object, location: unit.loc },
              ),
            ],
          },
        ];
      const pc = new PlContext(ctx, 'block', object, unit.loc);
      const name = qualified(pc, ast.name.schema, ast.name.name);
      // pg_catalog is searched before the user's schemas: a type named like a built-in type is
      // created, but every unqualified reference reaches the built-in one.
      // (A subtype is held in its root's composite type and has no PostgreSQL type of its own.)
      if (!ast.name.schema && !(ast.def.kind === 'object' && ast.def.under) && PG_CATALOG_TYPES.has(pgNameOf(ast.name.name).toLowerCase()))
        pc.report('OPG-TYPE-0016', { type: ast.name.name, builtin: pgNameOf(ast.name.name).toLowerCase() });
      const def = ast.def;
      let text: string;
      let hierarchyDeps: string[] = [];
      let selfDeps = (deps: string[]) => deps;
      if (def.kind === 'object') {
        // Attributes were flattened when the sources were registered (supertype's first).
        const all = flattenedAttributes(ctx, ast.name);
        if (def.under) {
          if (!all) {
            const known = supertypeOf(ctx, ast.name);
            pc.fail(
              known
                ? `object type inheritance (UNDER ${def.under.name}): a supertype of the chain is not defined in the converted scripts`
                : `object type inheritance (UNDER ${def.under.name}): the supertype is not defined in the converted scripts`,
            );
          }
        }
        if (def.methods) pc.report('OPG-PLSQL-0014', { object, type: ast.name.name });
        const h = all ? hierarchyOf(ctx, ast.name) : undefined;
        if (h && !same(h.root, ast.name)) {
          // A subtype: a domain over its hierarchy's composite type (objects.ts, types.ts).
          text = `CREATE DOMAIN ${name} AS ${qualified(pc, h.root.schema, h.root.name)};`;
          hierarchyDeps = [keyOf(h.root)];
        } else if (h) {
          const { columns } = hierarchyColumns(ctx, ast.name);
          // A column holding values of the hierarchy itself is jsonb (recursive-types.ts).
          for (const c of columns.filter((x) => x.json))
            pc.report('OPG-PLSQL-0035', { object, attribute: c.attribute ?? c.name, owner: c.owner?.name ?? ast.name.name, type: c.type.name });
          text = `CREATE TYPE ${name} AS (${columns.map((a) => `${id(a.name)} ${a.json ? 'jsonb' : pc.resolvedType(a.type, a.name)}`).join(', ')});`;
          hierarchyDeps = columns.flatMap((a) => (a.type.attribute || a.json ? [] : [keyOf({ ...(a.type.schema ? { schema: a.type.schema } : {}), name: a.type.name })]));
          // The types of jsonb columns are not needed first (they may depend on this type).
          const jsonTypes = new Set(columns.filter((a) => a.json).map((a) => keyOf({ ...(a.type.schema ? { schema: a.type.schema } : {}), name: a.type.name })));
          selfDeps = (deps) => deps.filter((d) => !jsonTypes.has(d));
        } else {
          const attrs = (all ?? def.attributes).map((a) => `${id(a.name)} ${pc.resolvedType(a.type, a.name)}`);
          text = `CREATE TYPE ${name} AS (${attrs.join(', ')});`;
        }
      } else {
        // Nested tables and VARRAYs become arrays; a domain keeps the type's name usable.
        text = `CREATE DOMAIN ${name} AS ${pc.resolvedType(def.of, ast.name.name)}[];`;
        // The catalog tells a VARRAY from a nested table by this comment (ANYTYPE, anytype-catalog.ts).
        if (def.kind === 'varray') text += `\nCOMMENT ON DOMAIN ${name} IS ${quoteLiteral(varrayComment(def.size))};`;
      }
      const objects = objectFor(unit, pc, 'pre-data', [text], parseFindings, 'TYPE');
      objects[0].defines = `${ast.name.schema ?? ''}.${ast.name.name}`;
      objects[0].dependsOn = [...selfDeps(typeDependencies(unit)), ...hierarchyDeps];
      return objects;
    }
    case 'type-body': {
      // Methods → functions of the type's schema named <type>_<method>; MEMBER methods take
      // SELF as their first parameter (INOUT for procedures, as Oracle passes it IN OUT).
      const typeName = ast.name.name;
      const objects: PgObject[] = [];
      const selfType: DataType = { kind: 'datatype', name: typeName, args: [], ...(ast.name.schema ? { schema: ast.name.schema } : {}) };
      // Overloads whose parameters map to the same PostgreSQL types become one routine.
      const collapsed = collapsedOverloads(
        ast.methods,
        (m) => m.unit,
        (m) => `${m.kind === 'constructor' ? typeName : methodRoutineName(ctx, ast.name, m)}/${m.kind === 'static' || m.kind === 'constructor' ? 'static' : 'member'}`,
        () => new PlContext(ctx, 'procedure', object, unit.loc),
      );
      for (const m of ast.methods) {
        const label = `${object}.${m.unit.name.name}`;
        const pc = new PlContext(ctx, m.unit.kind === 'function' ? 'function' : 'procedure', label, unit.loc);
        pc.methodType = ast.name;
        const params = m.unit.params.filter((p) => p.name !== 'SELF');
        const routine = methodRoutineName(ctx, ast.name, m);
        if (routine !== m.unit.name.name)
          pc.report('OPG-PLSQL-0032', {
            detail: `member procedure ${typeName}.${m.unit.name.name} became the procedure ${typeName}_${routine}: the type (or its hierarchy) also has a function ${m.unit.name.name} taking the same arguments, and PostgreSQL cannot hold (or choose between) a function and a procedure of one signature; calls of the procedure in the converted code use the new name`,
          });
        const replaced = collapsed.get(m);
        if (replaced)
          pc.report('OPG-PLSQL-0046', {
            detail: collapsedDetail(
              `${typeName}.${m.unit.name.name}`,
              pgNameOf(`${typeName}_${routine}`),
              { ...m.unit, params },
              { ...replaced.replaces.unit, params: replaced.replaces.unit.params.filter((p) => p.name !== 'SELF') },
              m.kind === 'static' || m.kind === 'constructor' ? replaced.signature : [pgNameOf(typeName), replaced.signature].filter(Boolean).join(', '),
            ),
          });
        const s: Subprogram = { ...m.unit, name: { ...(ast.name.schema ? { schema: ast.name.schema } : {}), name: `${typeName}_${routine}` }, params };
        let opts: BlockOptions = {};
        if (m.kind === 'constructor') {
          s.kind = 'function';
          s.returnType = selfType;
          pc.extraDecls.set('SELF', `self ${pc.type(selfType, 'SELF')};`);
          pc.declare('SELF', { kind: 'variable', type: selfType });
          // In a hierarchy (one composite type) the constructed value carries its type's tag.
          opts = { bareReturn: 'self', ...(hierarchyOf(ctx, ast.name) ? { prologue: [`self.${id(TYPE_TAG)} := ${quoteLiteral(typeName)};`] } : {}) };
        } else if (m.kind !== 'static') {
          // A member function that changes SELF (declared SELF IN OUT) returns it too (objects.ts selfInOut).
          const selfMode = m.unit.kind === 'procedure' || selfInOut(ctx, ast.name, m) ? 'IN OUT' : 'IN';
          s.params = [{ name: 'SELF', mode: selfMode, type: selfType }, ...params];
        }
        objects.push(...objectFor(unit, pc, 'code', [subprogramText(s, pc, opts)], [], m.unit.kind === 'function' ? 'FUNCTION' : 'PROCEDURE', undefined, m.unit.span));
        // Dynamic dispatch of a method overridden in the hierarchy (objects.ts).
        const dpc = new PlContext(ctx, m.unit.kind === 'function' ? 'function' : 'procedure', `${label}_DISPATCH`, unit.loc);
        const dispatcher = dispatcherText(ctx, ast.name, m, dpc);
        if (dispatcher) objects.push(...objectFor(unit, dpc, 'code', [dispatcher], [], m.unit.kind === 'function' ? 'FUNCTION' : 'PROCEDURE'));
        // A MAP or ORDER method: the type's comparison operators and default btree operator class.
        const converted = !pc.unconvertible.length && !pc.ectx.unconvertible?.length;
        const opc = new PlContext(ctx, 'function', `${object} ${m.kind.toUpperCase()} OPERATORS`, unit.loc);
        const operators = converted ? comparisonOperatorsText(ctx, ast.name, m, opc) : undefined;
        if (operators) objects.push(...objectFor(unit, opc, 'code', [operators], [], 'OPERATOR CLASS'));
      }
      if (objects.length) objects[0].findings.unshift(...parseFindings);
      return [...objects, ...unparsedObjects(unit, object, memberErrors)];
    }
    case 'package':
    case 'package-body': {
      let first = true;
      const finish = (pc: PlContext, texts: string[], objectType: string, source?: string, span?: TextSpan) => {
        const r = objectFor(unit, pc, 'code', texts, first ? parseFindings : [], objectType, source, span);
        first = false;
        return r;
      };
      return [...convertPackage(unit, ctx, object, parseFindings, finish, subprogramText), ...unparsedObjects(unit, object, memberErrors)];
    }
    default:
      return undefined;
  }
}

/** CREATE OR REPLACE FUNCTION / PROCEDURE text. */
/** Whether the subprogram names a variable of its declarative part qualified by its own name. */
function qualifiesLocals(s: Subprogram): boolean {
  const locals = new Set((s.block?.declarations ?? []).flatMap((d) => (d.kind === 'variable' ? [d.name] : [])));
  if (!locals.size) return false;
  const walk = (x: unknown): boolean => {
    if (!x || typeof x !== 'object') return false;
    const c = x as { kind?: string; parts?: string[] };
    if (c.kind === 'column' && c.parts && c.parts.length >= 2 && c.parts[0] === s.name.name && locals.has(c.parts[1])) return true;
    return Object.values(x).some(walk);
  };
  return walk(s.block?.body) || walk(s.block?.handlers);
}

export function subprogramText(s: Subprogram, pc: PlContext, blockOptions: BlockOptions = {}): string {
  pc.unitName = s.name;
  pc.returnType = s.kind === 'function' ? s.returnType : undefined;
  pc.declareParams(s.params);
  const name = qualified(pc, s.name.schema, s.name.name);
  if (s.external) pc.fail(`external ${s.kind} (${s.external})`);
  if (!s.block) pc.fail(`${s.kind} without a body`);
  // PostgreSQL needs parameters with defaults last. A required IN / IN OUT parameter after
  // defaulted ones: see `overloaded` below. A procedure's OUT
  // parameter after defaulted ones becomes INOUT … DEFAULT NULL, reset to NULL on entry (Oracle
  // passes OUT parameters in as NULL), so the defaults keep working.
  const required = (p: (typeof s.params)[number]) => !p.default && p.mode !== 'OUT';
  const lastRequired = s.params.reduce((last, p, i) => (required(p) ? i : last), -1);
  let seenDefault = false;
  /** OUT parameters turned INOUT … DEFAULT NULL. */
  const resetOut: string[] = [];
  // A routine that is not overloaded keeps such defaults: the required parameters after the first
  // default get DEFAULT NULL, which no valid Oracle call uses (it passes them, by position or by
  // name), so a call skipping the defaulted ones by name still works. Overloads would become
  // ambiguous for PostgreSQL with more defaults: their defaults are dropped as before.
  const overloaded = (pc.pkg?.overloads?.get(s.name.name)?.length ?? 0) > 1;
  const firstDefault = s.params.findIndex((p) => p.default && p.mode !== 'OUT');
  const params = s.params.map((p, i) => {
    let mode = p.mode === 'OUT' ? 'OUT ' : p.mode === 'IN OUT' ? 'INOUT ' : '';
    let dflt = p.default ? ` DEFAULT ${pc.expr(p.default)}` : '';
    if (!overloaded && firstDefault >= 0 && i > firstDefault && required(p)) dflt = ' DEFAULT NULL';
    else if (dflt && i < lastRequired && overloaded) {
      dflt = '';
      pc.report('OPG-PLSQL-0002', {
        detail: `default of parameter ${p.name} dropped: PostgreSQL requires parameters with defaults after all others; callers that relied on it must now pass the value`,
      });
    }
    if (dflt) seenDefault = true;
    else if (seenDefault && p.mode === 'OUT' && s.kind === 'procedure') {
      mode = 'INOUT ';
      dflt = ' DEFAULT NULL';
      resetOut.push(`${id(p.name)} := NULL;`);
    }
    return `${mode}${id(p.name)} ${paramType(p.type, p.name, pc)}${dflt}`;
  });
  const attrs = new Set(s.attributes);
  if (!attrs.has('AUTHID CURRENT_USER')) pc.report('OPG-PLSQL-0005', { object: pc.object });
  let returns = '';
  if (s.kind === 'function') {
    let rt = s.returnType ? paramType(s.returnType, 'RETURN', pc) : 'void';
    if (hasOutParams(s)) {
      // OUT values and the return value come back as one record (outfunctions.ts).
      if (attrs.has('PIPELINED')) pc.fail('PIPELINED function with OUT parameters');
      params.push(`OUT ${RESULT_COLUMN} ${rt}`);
      blockOptions = { ...blockOptions, valueReturn: RESULT_COLUMN };
      pc.report('OPG-PLSQL-0033', {
        detail: `function ${s.name.name} has OUT parameters: it returns a record of its OUT values and ${RESULT_COLUMN}, the return value; PL/SQL assignments v := ${s.name.name}(…) in the converted code read both, other callers must SELECT * FROM the function`,
      });
    }
    if (attrs.has('PIPELINED') && s.returnType) {
      // RETURN <collection type> PIPELINED → RETURNS SETOF <element type>
      const element = collectionElement(pc.cctx, s.returnType) ?? packageCollectionElement(s.returnType, pc);
      if (element) rt = pc.resolvedType(element, 'RETURN');
      else pc.fail(`PIPELINED function returning ${s.returnType.name}, a collection type not declared in the converted scripts`);
    }
    returns = hasOutParams(s) ? '' : ` RETURNS ${attrs.has('PIPELINED') ? 'SETOF ' : ''}${rt}`;
  }
  // Members of a package with state initialize it first (once per session); OUT parameters
  // turned INOUT are reset to NULL.
  const pkg = pc.pkg;
  const prologue = [
    ...(pkg && (pkg.variables.size || pkg.body?.init || pkg.body?.unparsed?.some((m) => m.kind === 'init')) ? [`PERFORM ${quoteIdent(pc.ectx.mapSchema(pkg.name))}.opg_init();`] : []),
    ...resetOut,
  ];
  const block = s.block ? `${emitBlock(s.block, pc, 0, { ...blockOptions, prologue: [...prologue, ...(blockOptions.prologue ?? [])] }, true)};` : 'BEGIN\nEND;';
  // Oracle lets a subprogram's own name qualify its local variables (SELECT … INTO get_name.name);
  // PL/pgSQL qualifies only parameters by the function name, so the top block gets that label too.
  const body = qualifiesLocals(s) ? `<<${quoteIdent(pgNameOf(s.name.name))}>>\n${block}` : block;
  const [open, close] = dollarQuote(body);
  const kind = s.kind === 'function' ? 'FUNCTION' : 'PROCEDURE';
  // Oracle resolves a name that is both a column and a variable to the column.
  return `CREATE OR REPLACE ${kind} ${name}(${params.join(', ')})${returns}\nLANGUAGE plpgsql\nAS ${open}\n#variable_conflict use_column\n${body}\n${close};`;
}

/**
 * Parameter / return type: table%ROWTYPE is the table's composite type (PostgreSQL accepts
 * %ROWTYPE only in declarations).
 */
function paramType(t: DataType, label: string, pc: PlContext): string {
  if (t.attribute === 'ROWTYPE') {
    const parts = [t.schema, t.name].filter(Boolean) as string[];
    if (parts.length === 2 && !t.schema?.includes('.')) return `${quoteIdent(pc.ectx.mapSchema(parts[0]))}.${id(parts[1])}`;
    if (parts.length === 1) return id(parts[0]);
  }
  return pc.type(t, label);
}

// ── triggers ──────────────────────────────────────────────────────────

/** `:NEW.col := seq.NEXTVAL` or `SELECT seq.NEXTVAL INTO :NEW.col FROM dual`, optionally under IF :NEW.col IS NULL. */
function sequenceAssignment(t: TriggerDef): { column: string; sequence: string[] } | undefined {
  if (t.timing !== 'BEFORE' || !t.forEachRow || t.events.length !== 1 || t.events[0].event !== 'INSERT' || t.when) return undefined;
  const b = t.block;
  if (!b || b.declarations.length || b.handlers.length || b.body.length !== 1) return undefined;
  let s: PlStatement = b.body[0];
  let guard: string | undefined;
  if (s.kind === 'if' && s.branches.length === 1 && !s.else && s.branches[0].body.length === 1) {
    const c = s.branches[0].cond;
    if (c.kind === 'is-null' && !c.not) guard = newColumn(c.operand);
    if (!guard) return undefined;
    s = s.branches[0].body[0];
  }
  let column: string | undefined;
  let seqExpr: Expr | undefined;
  if (s.kind === 'assign') {
    column = newColumn(s.target);
    seqExpr = s.value;
  } else if (s.kind === 'sql' && s.statement.kind === 'select' && s.statement.query.kind === 'select') {
    const q = s.statement.query;
    const fromDual = q.from.length === 1 && q.from[0].kind === 'table' && q.from[0].name.name === 'DUAL';
    if (!fromDual || q.where || q.items.length !== 1 || q.into?.targets.length !== 1) return undefined;
    column = newColumn(q.into.targets[0]);
    seqExpr = q.items[0].expr;
  }
  if (!column || !seqExpr || (guard && guard !== column)) return undefined;
  if (seqExpr.kind !== 'column' || seqExpr.parts[seqExpr.parts.length - 1] !== 'NEXTVAL') return undefined;
  return { column, sequence: seqExpr.parts.slice(0, -1) };
}

function newColumn(e: Expr): string | undefined {
  if (e.kind === 'bind' && e.name === 'NEW' && e.path?.length === 1) return e.path[0];
  return undefined;
}

function convertTrigger(unit: PlsqlUnit, t: TriggerDef, ctx: ConvertContext, object: string, parseFindings: Finding[]): PgObject[] {
  const pc = new PlContext(ctx, 'trigger', object, unit.loc, t);
  const table = qualified(pc, t.on.schema, t.on.name);
  const seq = sequenceAssignment(t);
  if (seq) {
    const seqName = seq.sequence.length === 2 ? `${pc.ectx.mapSchema(seq.sequence[0])}.${pgNameOf(seq.sequence[1])}` : pgNameOf(seq.sequence[0]);
    pc.report('OPG-PLSQL-0004', { trigger: t.name.name, sequence: seqName, column: seq.column });
    const text = `ALTER TABLE ${table} ALTER COLUMN ${id(seq.column)} SET DEFAULT nextval(${quoteLiteral(seqName)});`;
    return objectFor(unit, pc, 'post-data', [text], parseFindings, 'TRIGGER');
  }
  if (t.compound && t.onKind === 'table')
    return convertCompoundTrigger(unit, t, ctx, object, parseFindings, { objectFor, triggerFunctionText, subprogramText, qualified });
  if (t.onKind === 'database' || t.onKind === 'schema') return convertEventTrigger(unit, t, ctx, object, parseFindings, { objectFor, qualified });
  if (t.onKind !== 'table') pc.fail(`trigger on ${t.onKind.toUpperCase()} events (use a PostgreSQL event trigger)`);
  if (t.call) pc.fail('CALL trigger body');
  const fnName = qualified(pc, t.name.schema, `${t.name.name}_FN`.toUpperCase());
  const fn = triggerFunctionText(t, pc, fnName);
  const events = t.events
    .map((e) => (e.columns?.length ? `UPDATE OF ${e.columns.map(id).join(', ')}` : e.event))
    .join(' OR ');
  const timing = t.timing === 'FOR' ? 'AFTER' : t.timing;
  const trg = `CREATE TRIGGER ${id(t.name.name)} ${timing} ${events} ON ${table} FOR EACH ${t.forEachRow ? 'ROW' : 'STATEMENT'} EXECUTE FUNCTION ${fnName}();`;
  const texts = [fn, `DROP TRIGGER IF EXISTS ${id(t.name.name)} ON ${table};\n${trg}`];
  if (!t.enabled) texts.push(`ALTER TABLE ${table} DISABLE TRIGGER ${id(t.name.name)};`);
  checkFiringOrder(t, pc);
  return objectFor(unit, pc, 'post-data', texts, parseFindings, 'TRIGGER');
}

/**
 * FOLLOWS / PRECEDES: Oracle fires the trigger after / before the named triggers of the same
 * timing point; PostgreSQL fires the triggers of one event and timing in the order of their names.
 * An order the names contradict is reported, with the rename that keeps Oracle's order.
 */
function checkFiringOrder(t: TriggerDef, pc: PlContext): void {
  const self = pgNameOf(t.name.name);
  const wrong = [
    ...(t.follows ?? []).filter((o) => pgNameOf(o.name) >= self).map((o) => ({ verb: 'FOLLOWS', other: pgNameOf(o.name), first: self })),
    ...(t.precedes ?? []).filter((o) => pgNameOf(o.name) <= self).map((o) => ({ verb: 'PRECEDES', other: pgNameOf(o.name), first: pgNameOf(o.name) })),
  ];
  for (const w of wrong)
    pc.report('OPG-PLSQL-0009', {
      detail: `TRIGGER ${t.name.name} ${w.verb} ${w.other.toUpperCase()}: PostgreSQL fires triggers of the same event and timing in the order of their names, so ${w.first} fires first, against Oracle's order; rename one of them so that the trigger that must fire first sorts first`,
    });
}

/**
 * CREATE FUNCTION … RETURNS trigger for a trigger body: the WHEN clause as a guard, the body as a
 * nested block, the row (or NULL) returned as Oracle's trigger would leave it. `prologue` runs first.
 */
export function triggerFunctionText(t: TriggerDef, pc: PlContext, fnName: string, prologueFirst: string[] = []): string {
  const block: Block = t.block ?? { declarations: [], body: [], handlers: [] };
  const row = t.forEachRow;
  const hasDelete = t.events.some((e) => e.event === 'DELETE');
  const hasOther = t.events.some((e) => e.event !== 'DELETE');
  const rowValue = hasDelete && hasOther ? undefined : hasDelete ? 'OLD' : 'NEW';
  const result = !row || t.timing === 'AFTER' ? 'NULL' : rowValue;
  // BEFORE/INSTEAD OF row triggers return the row (OLD for DELETE), others NULL.
  const epilogue = result
    ? [`RETURN ${result};`]
    : ["IF TG_OP = 'DELETE' THEN", '  RETURN OLD;', 'END IF;', 'RETURN NEW;'];
  const bareReturn = result ?? "CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END";
  // The body runs as a nested block so its exception handlers cannot skip the RETURN.
  const outer: Block = { declarations: [], body: [{ kind: 'block', block }], handlers: [] };
  // Oracle's WHEN clause becomes a guard at the top of the function: PostgreSQL's WHEN cannot
  // reference NEW in DELETE or OLD in INSERT triggers, which Oracle's multi-event triggers may.
  const prologue = [
    ...prologueFirst,
    ...(t.when ? [`IF NOT coalesce((${pc.expr(t.when)}), false) THEN`, `  RETURN ${bareReturn};`, 'END IF;'] : []),
  ];
  const body = `${emitBlock(outer, pc, 0, { epilogue, bareReturn, prologue }, true)};`;
  const [open, close] = dollarQuote(body);
  return `CREATE OR REPLACE FUNCTION ${fnName}()\nRETURNS trigger\nLANGUAGE plpgsql\nAS ${open}\n#variable_conflict use_column\n${body}\n${close};`;
}

/** The bind placeholders (:n, :n.field) of an anonymous block, by name in first-use order. */
function blockBinds(block: Block): { name: string; path: boolean }[] {
  const found = new Map<string, { name: string; path: boolean }>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.kind === 'bind' && typeof o.name === 'string') {
      const seen = found.get(o.name);
      found.set(o.name, { name: o.name, path: !!o.path || !!seen?.path });
      return;
    }
    for (const v of Object.values(o)) walk(v);
  };
  walk(block);
  return [...found.values()];
}

/** The SQL*Plus variables (VARIABLE, script-binds.ts) an anonymous block reads or sets, in first-use order. */
function scriptBindsOf(block: Block, ctx: ConvertContext): ScriptBind[] {
  if (!ctx.scriptBinds.size) return [];
  const found: ScriptBind[] = [];
  for (const b of blockBinds(block)) {
    const v = b.path ? undefined : ctx.scriptBinds.get(b.name.toUpperCase());
    if (v && !found.includes(v)) found.push(v);
  }
  return found;
}

/**
 * An anonymous block that reads or sets SQL*Plus variables: each becomes a local of an enclosing
 * block, read from its session setting at the start and written back when the block completes.
 */
function blockWithBinds(block: Block, binds: ScriptBind[], pc: PlContext): string {
  const IND = '  ';
  pc.push();
  for (const b of binds) pc.declare(bindLocal(b.name), { kind: 'variable', type: b.type });
  // :n written as the block writes it, replaced by the local that holds the variable.
  const locals = new Map<string, Expr>(
    blockBinds(block)
      .filter((b) => !b.path && binds.some((v) => v.name === b.name.toUpperCase()))
      .map((b) => [b.name, { kind: 'column', parts: [bindLocal(b.name)] }]),
  );
  const inner = emitBlock(substitute(block, locals), pc, 1, {}, true);
  pc.pop();
  const local = (b: ScriptBind) => bindLocal(b.name).toLowerCase();
  return [
    'DECLARE',
    ...binds.map((b) => `${IND}${local(b)} ${b.pgType} := ${printExpr(bindRead(b))};`),
    'BEGIN',
    `${inner};`,
    ...binds.map((b) => `${IND}PERFORM set_config(${quoteLiteral(bindSetting(b.name))}, coalesce(${local(b)}::text, ''), false);`),
    'END;',
  ].join('\n');
}

/** Bind placeholders of an anonymous block that are not SQL*Plus variables of the script. */
function unknownBinds(block: Block, ctx: ConvertContext): string[] {
  return blockBinds(block)
    .filter((b) => b.path || !ctx.scriptBinds.has(b.name.toUpperCase()))
    .map((b) => b.name);
}
