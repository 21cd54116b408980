/**
 * Schema conversion: scripts → statements → model (ALTERs merged into tables) → PostgreSQL
 * objects grouped in phases, in a deterministic order.
 */
import { convertAdmin, mergeAdmin } from './admin.js';
import { blockDdl, fromBlock } from './block-ddl.js';
import type { AlterTable, Constraint, CreateTable, Statement } from '../ast/ddl.js';
import type { PgAlterAction, PgObject, Phase } from '../ast/pg.js';
import { printNode } from '../emit/pg/ddl.js';
import { makeFinding } from '../findings/make.js';
import type { Finding, SourceLocation } from '../findings/types.js';
import { parseStatement } from '../parser/statement.js';
import { type ScriptItem, splitScript } from '../source/script.js';
import { rewriteExpr } from '../rules/expressions.js';
import { ANYDATA_TYPE, mapType, SUPPORT_TYPES } from '../rules/types.js';
import { ANYTYPE_HELPERS } from './plsql/anydata.js';
import { ANYTYPE_SUPPORT } from './plsql/anytype-catalog.js';
import { CHAR_FIT, CHAR_FIT_HELPER } from '../rules/char-fit.js';
import { ConvertContext, type ConvertOptions, objectLabel } from './context.js';
import {
  convertAlterSequence,
  convertComment,
  convertGrant,
  convertIndex,
  convertPlsql,
  convertSequence,
  convertSynonym,
  convertUser,
  convertView,
} from './objects.js';
import { resolveConditionalCompilation } from './plsql/conditional.js';
import { noteTypeMethodDefaults } from './plsql/method-spec-defaults.js';
import { registerTypeBody } from './plsql/objects.js';
import { registerPackage } from './plsql/packages.js';
import { flattenedAttributes, registerType, topoSortObjects } from './plsql/types.js';
import { convertPlsqlUnit } from './plsql/units.js';
import { isMemberParseError } from './plsql/unparsed.js';
import { noteOutFunction } from './plsql/outfunctions.js';
import { reportMissingCallees } from './plsql/callees.js';
import { convertTable } from './tables.js';

export type { ConvertOptions } from './context.js';

export interface SourceText {
  /** Path as shown in locations (relative paths keep output machine-independent). */
  file: string;
  text: string;
  /** Statements already built (a catalog snapshot): used instead of parsing `text`. */
  statements?: Statement[];
  /** Findings that come with `statements` (e.g. catalog views the snapshot could not read). */
  findings?: Finding[];
}

export interface ConvertResult {
  objects: PgObject[];
  /** Every finding: script-level, parse errors and per-object findings. */
  findings: Finding[];
  /** Printed SQL per phase. */
  phases: Record<Phase, string>;
  stats: { statements: number; parseErrors: number };
}

export const PHASES: Phase[] = ['pre-data', 'code', 'post-data'];

interface Parsed {
  statements: Statement[];
  findings: Finding[];
  statementCount: number;
  parseErrors: number;
}

/** Splits and parses scripts; includes are resolved through `readFile`. */
export function parseSources(
  sources: SourceText[],
  options: ConvertOptions,
  readFile?: (p: string) => string | undefined,
): Parsed {
  const out: Parsed = { statements: [], findings: [], statementCount: 0, parseErrors: 0 };
  for (const src of sources) {
    if (src.statements) {
      out.findings.push(...(src.findings ?? []));
      out.statements.push(...src.statements);
      out.statementCount += src.statements.length;
      continue;
    }
    const split = splitScript(src.text, src.file, {
      defines: options.defines,
      readFile,
      followIncludes: true,
    });
    out.findings.push(...split.findings);
    for (const item of split.items) parseItem(item, out);
  }
  return out;
}

function parseItem(item: ScriptItem, out: Parsed): void {
  if (item.kind !== 'statement') return;
  out.statementCount++;
  const r = parseStatement(item.text, item.location);
  out.findings.push(...r.findings);
  if (!r.statement) {
    out.parseErrors++;
    return;
  }
  out.statements.push(r.statement);
}

/** Converts already-read sources. Pure apart from reading includes through `readFile`. */
export function convertSources(
  sources: SourceText[],
  options: ConvertOptions = {},
  readFile?: (p: string) => string | undefined,
): ConvertResult {
  const parsed = parseSources(sources, options, readFile);
  const ctx = new ConvertContext(options);
  const statements = buildModel(parsed.statements, ctx, parsed.findings);
  const objects: PgObject[] = [];
  for (const s of statements) objects.push(...convertStatement(s, ctx, parsed.findings));
  parsed.findings.push(...skippedStatementFindings(statements));
  reportMissingCallees(objects, ctx);
  const ordered = orderObjects([...contextObjects(ctx), ...objects]);
  const phases = printPhases(ordered);
  const findings = [...parsed.findings, ...ordered.flatMap((o) => o.findings)];
  return {
    objects: ordered,
    findings,
    phases,
    stats: { statements: parsed.statementCount, parseErrors: parsed.parseErrors },
  };
}

/**
 * The objects the conversion context asks for besides the statements' own: schemas (of packages,
 * of mapped owners) and helper types. `except` leaves out those already emitted (translate emits
 * them as they appear, before the statement that needs them).
 */
export function contextObjects(ctx: ConvertContext, except?: { schemas: Set<string>; support: Set<string> }): PgObject[] {
  const schemaObjects: PgObject[] = [...ctx.schemas]
    .filter((name) => !except?.schemas.has(name))
    .sort()
    .map((name) => ({
    phase: 'pre-data' as const,
    object: `SCHEMA ${name}`,
    objectType: 'SCHEMA',
    nodes: [{ kind: 'schema' as const, name }],
    findings: [],
  }));
  // Helper types (opg_anydata) before every type that could use them; the ANYTYPE helper functions.
  const supportObjects: PgObject[] = [...ctx.supportTypes]
    .filter((name) => !except?.support.has(name))
    .sort()
    .map((name) => ({
    phase: 'pre-data' as const,
    object: `${name === ANYTYPE_SUPPORT || name === CHAR_FIT ? 'FUNCTION' : 'TYPE'} ${name.toUpperCase()}`,
    objectType: name === ANYTYPE_SUPPORT || name === CHAR_FIT ? 'FUNCTION' : 'TYPE',
    nodes: [{ kind: 'raw' as const, text: name === ANYTYPE_SUPPORT ? ANYTYPE_HELPERS : name === CHAR_FIT ? CHAR_FIT_HELPER : SUPPORT_TYPES[name] }],
    findings: [],
    defines: name === ANYDATA_TYPE ? '.ANYDATA' : `.${name.toUpperCase()}`,
  }));
  return [...schemaObjects, ...supportObjects];
}

/**
 * CREATE TABLE t OF type [(object properties)]: a relational table whose columns are the type's
 * attributes (supertypes' first), with the constraints and defaults the object properties give
 * (OPG-TABLE-0010). The type must be defined earlier in the sources.
 */
function expandObjectTable(t: CreateTable, ctx: ConvertContext): void {
  const attrs = t.ofType && flattenedAttributes(ctx, t.ofType);
  if (!attrs || !t.ofType) return;
  const props = new Map(t.columns.map((c) => [c.name, c]));
  t.columns = attrs.map((a) => {
    const p = props.get(a.name);
    return { ...(p ?? { constraints: [] }), name: a.name, type: a.type };
  });
  (t.objectTableOf ??= `${t.ofType.schema ? `${t.ofType.schema}.` : ''}${t.ofType.name}`);
}

/** Registers objects and merges ALTER TABLE statements into the tables they change. */
function buildModel(statements: Statement[], ctx: ConvertContext, findings: Finding[]): Statement[] {
  const kept: Statement[] = [];
  // DDL an anonymous block runs through EXECUTE IMMEDIATE of a literal text joins the model at the
  // block's place (block-ddl.ts); the block itself stays as it is.
  const all = statements.flatMap((s) => {
    if (s.kind !== 'plsql-unit' || s.unitKind !== 'BLOCK') return [s];
    resolveConditionalCompilation(s, ctx.options);
    return [s, ...blockDdl(s, findings)];
  });
  for (const s of all) {
    const blockFindings = fromBlock.get(s);
    if (blockFindings) {
      // The block's "if not exists" seen at conversion: a second creation is left out.
      if (alreadyInModel(s, ctx)) {
        findings.push(
          makeFinding(
            'OPG-MISC-0001',
            { kind: "A second creation of an object the model has already, in an anonymous block's EXECUTE IMMEDIATE," },
            { location: s.loc },
          ),
        );
        continue;
      }
      findings.push(...blockFindings);
    }
    switch (s.kind) {
      case 'create-table':
        if (s.ofType) expandObjectTable(s, ctx);
        ctx.tables.set(ConvertContext.key(s.name), s);
        kept.push(s);
        break;
      case 'create-view':
        ctx.views.set(ConvertContext.key(s.name), s);
        kept.push(s);
        break;
      case 'create-sequence':
        ctx.sequences.add(ConvertContext.key(s.name));
        kept.push(s);
        break;
      case 'create-synonym':
        if (!s.target.dblink) ctx.synonyms.set(s.name.name, { ...(s.target.schema ? { schema: s.target.schema } : {}), name: s.target.name });
        kept.push(s);
        break;
      case 'alter-sequence': {
        // The end state: options of ALTER SEQUENCE replace those of the CREATE.
        const created = kept.find(
          (k): k is Extract<Statement, { kind: 'create-sequence' }> =>
            k.kind === 'create-sequence' && ConvertContext.key(k.name) === ConvertContext.key(s.name),
        );
        if (created) {
          const { ignored, ...set } = s.options;
          created.options = { ...created.options, ...set, ignored: [...created.options.ignored, ...ignored] };
        } else kept.push(s);
        break;
      }
      case 'create-role':
      case 'create-user': {
        if (s.kind === 'create-role') ctx.roles.add(s.name);
        // ALTER USER … ACCOUNT LOCK/UNLOCK changes the created user (end state).
        const created =
          s.kind === 'create-user' && s.alter
            ? kept.find((k): k is Extract<Statement, { kind: 'create-user' }> => k.kind === 'create-user' && !k.alter && k.name === s.name)
            : undefined;
        if (created && s.kind === 'create-user' && s.locked !== undefined) created.locked = s.locked;
        kept.push(s);
        break;
      }
      case 'alter-table': {
        const table = ctx.findTable(s.table);
        const rest = table ? mergeAlter(table, s, ctx, findings) : s.actions;
        if (rest.length) kept.push({ ...s, actions: rest });
        break;
      }
      case 'plsql-unit':
        resolveConditionalCompilation(s, ctx.options);
        registerPackage(s, ctx);
        registerType(s, ctx);
        if (s.ast?.kind === 'subprogram') {
          ctx.routines.set(s.name.name, s.name);
          ctx.routineUnits.set(s.name.name, s.ast.unit);
          if (s.ast.unit.kind === 'function' && s.ast.unit.returnType) ctx.routineReturnTypes.set(s.name.name, s.ast.unit.returnType);
        }
        noteOutFunction(s, ctx);
        notePipelined(s, ctx);
        registerTypeBody(s, ctx);
        noteTypeMethodDefaults(s, ctx);
        if (s.ast?.kind === 'type-body')
          ctx.objectMethods.set(s.ast.name.name, new Set(s.ast.methods.map((m) => m.unit.name.name)));
        kept.push(s);
        break;
      case 'admin':
        if (!mergeAdmin(s, kept, ctx, findings)) kept.push(s);
        break;
      case 'drop': {
        // The schema is the script's end state: an object dropped after its creation is removed
        // from the model (with what was declared on it); a drop before the creation is a no-op.
        const removed = dropFromModel(s, kept, ctx);
        findings.push(
          makeFinding(
            'OPG-MISC-0001',
            { kind: `DROP ${s.objectType}${removed ? ' (the object it drops is not created)' : ''}` },
            { location: s.loc, object: `${s.objectType} ${s.name.name}` },
          ),
        );
        break;
      }
      default:
        kept.push(s);
    }
  }
  return kept;
}

/** A table, view or sequence the model already has (created earlier in the sources). */
function alreadyInModel(s: Statement, ctx: ConvertContext): boolean {
  if (s.kind === 'create-table') return ctx.tables.has(ConvertContext.key(s.name));
  if (s.kind === 'create-view') return ctx.views.has(ConvertContext.key(s.name));
  if (s.kind === 'create-sequence') return ctx.sequences.has(ConvertContext.key(s.name));
  return false;
}

/** Records the PIPELINED functions of a unit (standalone or package members). */
function notePipelined(s: Extract<Statement, { kind: 'plsql-unit' }>, ctx: ConvertContext): void {
  const ast = s.ast;
  if (ast?.kind === 'subprogram' && ast.unit.attributes.includes('PIPELINED')) ctx.pipelined.add(s.name.name);
  const decls = ast?.kind === 'package' ? ast.spec.declarations : ast?.kind === 'package-body' ? ast.body.declarations : [];
  for (const d of decls)
    if (d.kind === 'subprogram' && d.unit.attributes.includes('PIPELINED')) ctx.pipelined.add(`${s.name.name}.${d.unit.name.name}`);
}

/** Removes a dropped table, view, sequence or index (and statements on it) from the kept statements. */
function dropFromModel(
  d: Extract<Statement, { kind: 'drop' }>,
  kept: Statement[],
  ctx: ConvertContext,
): boolean {
  const type = d.objectType.replace(/\s+/g, ' ');
  const key = ConvertContext.key(d.name);
  const same = (q: { schema?: string; name: string } | undefined) =>
    !!q && q.name === d.name.name && (!d.name.schema || !q.schema || q.schema === d.name.schema);
  let removed = false;
  const drop = (pred: (s: Statement) => boolean) => {
    for (let i = kept.length - 1; i >= 0; i--)
      if (pred(kept[i])) {
        kept.splice(i, 1);
        removed = true;
      }
  };
  if (type === 'TABLE') {
    ctx.tables.delete(key);
    drop(
      (s) =>
        (s.kind === 'create-table' && same(s.name)) ||
        (s.kind === 'create-index' && same(s.table)) ||
        (s.kind === 'alter-table' && same(s.table)) ||
        (s.kind === 'comment' && same(s.table)) ||
        ((s.kind === 'grant' || s.kind === 'revoke') && same(s.on)),
    );
  } else if (type === 'VIEW' || type === 'MATERIALIZED VIEW') {
    ctx.views.delete(key);
    drop(
      (s) =>
        (s.kind === 'create-view' && same(s.name)) ||
        (s.kind === 'comment' && same(s.table)) ||
        ((s.kind === 'grant' || s.kind === 'revoke') && same(s.on)),
    );
  } else if (type === 'SEQUENCE') {
    ctx.sequences.delete(key);
    drop(
      (s) =>
        (s.kind === 'create-sequence' && same(s.name)) ||
        ((s.kind === 'grant' || s.kind === 'revoke') && same(s.on)),
    );
  } else if (type === 'INDEX') {
    drop((s) => s.kind === 'create-index' && same(s.name));
  }
  return removed;
}

/** Applies ALTER actions to the table's definition; returns the actions that could not be merged. */
function mergeAlter(
  t: CreateTable,
  a: AlterTable,
  ctx: ConvertContext,
  findings: Finding[],
): AlterTable['actions'] {
  const rest: AlterTable['actions'] = [];
  for (const act of a.actions) {
    switch (act.kind) {
      case 'add-constraint':
        t.constraints.push(act.constraint);
        break;
      case 'add-column':
        t.columns.push(act.column);
        break;
      case 'modify-column': {
        const col = t.columns.find((c) => c.name === act.column.name);
        if (!col) {
          rest.push(act);
          break;
        }
        if (act.column.type) col.type = act.column.type;
        if (act.column.default) col.default = act.column.default;
        // MODIFY c GENERATED … AS IDENTITY (…): the column becomes (or stays) an identity column
        // with the options given merged over its own.
        if (act.column.identity) {
          const before = col.identity?.options;
          const given = act.column.identity.options;
          col.identity = {
            ...act.column.identity,
            options: { ...before, ...given, ignored: [...(before?.ignored ?? []), ...given.ignored] },
          };
        }
        if (act.column.annotations) col.annotations = [...(col.annotations ?? []), ...act.column.annotations];
        for (const c of act.column.constraints) {
          if (c.kind === 'null') col.constraints = col.constraints.filter((x) => x.kind !== 'not-null');
          else col.constraints.push(c);
        }
        break;
      }
      case 'drop-column':
        t.columns = t.columns.filter((c) => !act.columns.includes(c.name));
        break;
      case 'rename-column': {
        const col = t.columns.find((c) => c.name === act.from);
        if (col) col.name = act.to;
        for (const c of [...t.constraints, ...t.columns.flatMap((x) => x.constraints)])
          c.columns = c.columns.map((n) => (n === act.from ? act.to : n));
        break;
      }
      case 'drop-constraint':
        t.constraints = t.constraints.filter((c) => c.name !== act.name);
        for (const col of t.columns) col.constraints = col.constraints.filter((c) => c.name !== act.name);
        break;
      case 'drop-primary-key': {
        t.constraints = t.constraints.filter((c) => c.kind !== 'primary-key');
        for (const col of t.columns)
          col.constraints = col.constraints.filter((c) => c.kind !== 'primary-key');
        // Oracle only drops a referenced key with CASCADE, which drops the foreign keys too.
        const refersHere = (c: Constraint) =>
          c.kind === 'foreign-key' && !!c.references && ctx.findTable(c.references.table) === t;
        for (const other of ctx.tables.values()) {
          other.constraints = other.constraints.filter((c) => !refersHere(c));
          for (const col of other.columns) col.constraints = col.constraints.filter((c) => !refersHere(c));
        }
        break;
      }
      case 'drop-unique': {
        const cols = act.columns.join(',');
        const same = (c: Constraint) => c.kind === 'unique' && c.columns.join(',') === cols;
        t.constraints = t.constraints.filter((c) => !same(c));
        for (const col of t.columns) col.constraints = col.constraints.filter((c) => !same(c));
        break;
      }
      case 'constraint-state':
        for (const c of [...t.constraints, ...t.columns.flatMap((x) => x.constraints)]) {
          if (c.name === act.name) {
            c.state.enabled = act.enable;
            if (act.validate !== undefined) c.state.validate = act.validate;
            else if (act.enable) c.state.validate = true;
          }
        }
        break;
      case 'rename-table':
        t.name = { ...t.name, name: act.to };
        break;
      case 'rename-constraint': {
        const cons = [...t.constraints, ...t.columns.flatMap((c) => c.constraints)].find((c) => c.name === act.from);
        if (cons) cons.name = act.to;
        else rest.push(act);
        break;
      }
      case 'other':
        if (act.text) findings.push(physicalClauseFinding(a, act.text));
        break;
    }
  }
  return rest;
}

/** ALTER TABLE clauses with no effect on the converted schema (storage, parallelism, partition maintenance). */
function physicalClauseFinding(a: AlterTable, text: string): Finding {
  const statement = `ALTER TABLE ${a.table.schema ? `${a.table.schema}.` : ''}${a.table.name} ${text}`;
  return makeFinding(
    'OPG-ADMIN-0001',
    {
      statement,
      advice:
        'physical attributes and maintenance clauses (storage, parallelism, logging, partition maintenance) have no effect on the converted schema',
    },
    { location: a.loc, object: `TABLE ${a.table.name}` },
  );
}

const DATA_KINDS: Record<string, string> = {
  select: 'SELECT',
  insert: 'INSERT',
  'insert-multi': 'INSERT ALL',
  update: 'UPDATE',
  delete: 'DELETE',
  merge: 'MERGE',
  transaction: 'COMMIT/ROLLBACK',
  truncate: 'TRUNCATE',
  lock: 'LOCK TABLE',
  call: 'CALL',
};

/**
 * Schema conversion creates objects; data and session statements of install scripts (and
 * anonymous blocks, which run at install time) are not part of the schema. One finding per file.
 */
function skippedStatementFindings(statements: Statement[]): Finding[] {
  const byFile = new Map<string, { count: number; kinds: Set<string>; loc?: SourceLocation }>();
  for (const s of statements) {
    const kind = s.kind === 'plsql-unit' && s.unitKind === 'BLOCK' ? 'anonymous block' : DATA_KINDS[s.kind];
    if (!kind) continue;
    const file = s.loc?.file ?? '';
    const e = byFile.get(file) ?? { count: 0, kinds: new Set<string>(), loc: s.loc };
    e.count++;
    e.kinds.add(kind);
    byFile.set(file, e);
  }
  return [...byFile.values()].map((e) =>
    makeFinding('OPG-MISC-0002', { count: e.count, kinds: [...e.kinds].join(', ') }, { location: e.loc }),
  );
}

function convertStatement(
  s: Statement,
  ctx: ConvertContext,
  scriptFindings: Finding[],
  scriptOrder = false,
): PgObject[] {
  switch (s.kind) {
    case 'create-table':
      return convertTable(s, ctx);
    case 'create-index':
      return convertIndex(s, ctx);
    case 'create-sequence':
      return convertSequence(s, ctx);
    case 'create-view':
      return convertView(s, ctx);
    case 'create-synonym':
      return convertSynonym(s, ctx);
    case 'comment':
      return convertComment(s, ctx);
    case 'grant':
    case 'revoke':
      return convertGrant(s, ctx);
    case 'create-user':
      return convertUser(s, ctx);
    case 'create-role':
      return [
        {
          phase: 'pre-data',
          object: `ROLE ${s.name}`,
          objectType: 'ROLE',
          nodes: [{ kind: 'role', name: ctx.ident(s.name, [], {}), login: false }],
          findings: [],
          location: s.loc,
        },
      ];
    case 'alter-table':
      return convertAlter(s, ctx);
    case 'plsql-unit': {
      // The wrapped-code finding was raised at parse time; keep it with the object.
      // Anonymous blocks run at install time; in schema conversion they are reported, not emitted
      // (a block dropping and recreating objects would run after the objects it targets).
      if (s.unitKind === 'BLOCK' && !scriptOrder) return [];
      // So are the parse errors of members set apart by recovery (they go with those members).
      const own = scriptFindings.filter(
        (f) => (f.id === 'OPG-PARSE-0008' && f.location === s.loc) || isMemberParseError(s, f),
      );
      for (const f of own) scriptFindings.splice(scriptFindings.indexOf(f), 1);
      return convertPlsqlUnit(s, ctx, own) ?? convertPlsql(s, own);
    }
    case 'alter-sequence':
      return convertAlterSequence(s, ctx);
    case 'drop':
      return [];
    case 'admin':
      return convertAdmin(s, ctx);
    case 'unsupported':
      return [];
    default:
      // Queries, DML and transaction control are data or session statements: `orapg translate`
      // converts them in script order; schema conversion reports them once per file (see convertSources).
      return [];
  }
}

/**
 * Converts one statement where it stands in a script (translate): the model learns it, but ALTER
 * TABLE is not merged into the table (it runs at its place in the script).
 */
export function convertInScriptOrder(
  s: Statement,
  ctx: ConvertContext,
  scriptFindings: Finding[],
): PgObject[] {
  switch (s.kind) {
    case 'create-table':
      ctx.tables.set(ConvertContext.key(s.name), s);
      break;
    case 'create-view':
      ctx.views.set(ConvertContext.key(s.name), s);
      break;
    case 'create-sequence':
      ctx.sequences.add(ConvertContext.key(s.name));
      break;
    case 'create-role':
      ctx.roles.add(s.name);
      break;
    case 'alter-table':
      return convertAlter(s, ctx, !!ctx.findTable(s.table));
    case 'plsql-unit':
      resolveConditionalCompilation(s, ctx.options);
      registerPackage(s, ctx);
      registerType(s, ctx);
      noteTypeMethodDefaults(s, ctx);
      if (s.ast?.kind === 'subprogram') {
        ctx.routines.set(s.name.name, s.name);
        ctx.routineUnits.set(s.name.name, s.ast.unit);
        if (s.ast.unit.kind === 'function' && s.ast.unit.returnType) ctx.routineReturnTypes.set(s.name.name, s.ast.unit.returnType);
      }
      noteOutFunction(s, ctx);
      notePipelined(s, ctx);
      // A TYPE BODY: calls of its methods in the statements after it reach its functions.
      registerTypeBody(s, ctx);
      if (s.ast?.kind === 'type-body')
        ctx.objectMethods.set(s.ast.name.name, new Set(s.ast.methods.map((m) => m.unit.name.name)));
      break;
  }
  return convertStatement(s, ctx, scriptFindings, true);
}

/** ALTER TABLE emitted as ALTER statements (tables the sources do not define, or translate). */
function convertAlter(a: AlterTable, ctx: ConvertContext, known = false): PgObject[] {
  const object = objectLabel('ALTER TABLE', a.table);
  const where = { object, location: a.loc };
  const findings: Finding[] = known ? [] : [makeFinding('OPG-TABLE-0007', { object: a.table.name }, where)];
  const table = ctx.pgName(a.table, findings, where);
  const ectx = ctx.exprContext(findings, where);
  const actions: PgAlterAction[] = [];
  const objects: PgObject[] = [];
  for (const act of a.actions) {
    switch (act.kind) {
      case 'add-constraint': {
        const fake: CreateTable = {
          kind: 'create-table',
          name: a.table,
          columns: [],
          constraints: [act.constraint],
          dropped: [],
          loc: a.loc,
        };
        objects.push(...convertTable(fake, ctx, false).filter((o) => o.phase === 'post-data'));
        break;
      }
      case 'add-column':
      case 'modify-column': {
        const c = act.column;
        const name = ctx.ident(c.name, findings, where);
        if (act.kind === 'add-column') {
          const type = c.type
            ? mapType(c.type, { column: c.name, object, location: a.loc, findings, support: ctx.supportTypes })
            : { kind: 'datatype' as const, name: 'text', args: [] };
          actions.push({
            kind: 'add-column',
            column: {
              name,
              type,
              notNull: c.constraints.some((k) => k.kind === 'not-null'),
              ...(c.default ? { default: rewriteExpr(c.default, ectx) } : {}),
            },
          });
        } else {
          if (c.type)
            actions.push({
              kind: 'set-type',
              column: name,
              type: mapType(c.type, { column: c.name, object, location: a.loc, findings, support: ctx.supportTypes }),
            });
          if (c.default)
            actions.push({ kind: 'set-default', column: name, default: rewriteExpr(c.default, ectx) });
          if (act.setNotNull) actions.push({ kind: 'set-not-null', column: name, notNull: true });
          if (act.setNull) actions.push({ kind: 'set-not-null', column: name, notNull: false });
        }
        break;
      }
      case 'drop-column':
        for (const c of act.columns)
          actions.push({ kind: 'drop-column', name: ctx.ident(c, findings, where) });
        break;
      case 'rename-column':
        actions.push({
          kind: 'rename-column',
          from: ctx.ident(act.from, findings, where),
          to: ctx.ident(act.to, findings, where),
        });
        break;
      case 'rename-table':
        actions.push({ kind: 'rename-table', to: ctx.ident(act.to, findings, where) });
        break;
      case 'rename-constraint':
        actions.push({
          kind: 'rename-constraint',
          from: ctx.ident(act.from, findings, where),
          to: ctx.ident(act.to, findings, where),
        });
        break;
      case 'drop-constraint':
        actions.push({ kind: 'drop-constraint', name: ctx.ident(act.name, findings, where) });
        break;
      case 'other':
        if (act.text) findings.push(physicalClauseFinding(a, act.text));
        break;
      default:
        break;
    }
  }
  if (actions.length)
    objects.unshift({
      phase: 'post-data',
      object,
      objectType: 'ALTER TABLE',
      nodes: [{ kind: 'alter-table', table, actions }],
      findings,
      location: a.loc,
    });
  else if (objects.length) objects[0].findings.push(...findings);
  return objects;
}

const KIND_ORDER: Record<Phase, string[]> = {
  'pre-data': ['SCHEMA', 'ROLE', 'USER', 'SEQUENCE', 'TYPE', 'TABLE', 'COMMENT'],
  // Code units first: views may call functions (bodies are not checked at creation, views are).
  code: [
    'TYPE',
    'PACKAGE',
    'PACKAGE BODY',
    // The declaration section of a compound trigger (its types come before the members).
    'TRIGGER',
    'FUNCTION',
    'PROCEDURE',
    'VIEW',
    'MATERIALIZED VIEW',
    'SYNONYM',
    'COMMENT',
  ],
  'post-data': ['ALTER TABLE', 'PRIMARY KEY', 'UNIQUE', 'CHECK', 'FOREIGN KEY', 'INDEX', 'GRANT', 'TRIGGER'],
};

/** Deterministic order: phase, kind group, source order; views topologically by dependencies. */
export function orderObjects(objects: PgObject[]): PgObject[] {
  const rank = (o: PgObject) => {
    const i = KIND_ORDER[o.phase].indexOf(o.objectType);
    return i < 0 ? KIND_ORDER[o.phase].length : i;
  };
  const indexed = objects.map((o, i) => ({ o, i }));
  indexed.sort(
    (a, b) => PHASES.indexOf(a.o.phase) - PHASES.indexOf(b.o.phase) || rank(a.o) - rank(b.o) || a.i - b.i,
  );
  const sorted = indexed.map((x) => x.o);
  // Schema-level types (composite types, domains over arrays) after the types they use.
  return topoSortViews(topoSortObjects(sorted, (o) => o.phase === 'pre-data' && o.objectType === 'TYPE'));
}

function topoSortViews(objects: PgObject[]): PgObject[] {
  const viewIdx = objects.map((o, i) => ({ o, i })).filter((x) => x.o.phase === 'code' && x.o.defines);
  if (viewIdx.length < 2) return objects;
  const byName = new Map(viewIdx.map((x) => [x.o.defines!, x.o]));
  const done = new Set<PgObject>();
  const out: PgObject[] = [];
  const visiting = new Set<PgObject>();
  const visit = (o: PgObject) => {
    if (done.has(o) || visiting.has(o)) return;
    visiting.add(o);
    for (const d of o.dependsOn ?? []) {
      const dep = byName.get(d) ?? byName.get(`.${d.split('.').pop()}`);
      if (dep && dep !== o) visit(dep);
    }
    visiting.delete(o);
    done.add(o);
    out.push(o);
  };
  for (const x of viewIdx) visit(x.o);
  const positions = viewIdx.map((x) => x.i);
  const result = [...objects];
  positions.forEach((p, k) => {
    result[p] = out[k];
  });
  return result;
}

function locationText(l?: SourceLocation): string {
  return l ? ` (${l.file}:${l.line})` : '';
}

export function printObject(o: PgObject): string {
  if (!o.nodes.length) return '';
  const header = `-- ${o.object}${locationText(o.location)}`;
  return `${header}\n${o.nodes.map(printNode).join('\n')}\n`;
}

function printPhases(objects: PgObject[]): Record<Phase, string> {
  const out = {} as Record<Phase, string>;
  for (const phase of PHASES) {
    const body = objects
      .filter((o) => o.phase === phase)
      .map(printObject)
      .filter(Boolean)
      .join('\n');
    out[phase] = `-- orapg: phase ${phase}\n\n${body}`;
  }
  return out;
}
