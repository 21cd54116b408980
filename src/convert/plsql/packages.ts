/**
 * Packages → one PostgreSQL schema per package.
 *
 *   public and private subprograms   functions / procedures in the package schema
 *   constants with literal values    inlined where they are used
 *   package variables                session state in custom settings (set_config /
 *                                    current_setting), one typed getter function named like the
 *                                    variable (`pkg.g_rate()`) and a setter (`pkg.opg_set_g_rate(v)`)
 *   initialization block             `pkg.opg_init()`, run once per session before the first use of
 *                                    any member (every member and getter calls it first)
 *   record types                     composite types in the package schema
 *   collection types                 arrays of the element type
 *   exceptions                       one SQLSTATE per exception, shared by every unit
 *   cursors                          cursor FOR loops over a package cursor use its query
 *
 * Trade-off of settings as state: values are stored as text (typed on read with a cast, exact for
 * numbers, strings, dates in ISO DateStyle, booleans and arrays) and, unlike Oracle package state,
 * a ROLLBACK reverts assignments made in the rolled-back transaction (reported as a finding).
 */
import type { OraName } from '../../ast/common.js';
import type { PlsqlUnit } from '../../ast/ddl.js';
import type { DataType, Expr } from '../../ast/expr.js';
import type { Declaration, PackageBody, PackageSpec, Subprogram, TextSpan } from '../../ast/plsql.js';
import type { PgObject } from '../../ast/pg.js';
import { pgNameOf, quoteIdent, quoteLiteral } from '../../emit/quote.js';
import type { Finding } from '../../findings/types.js';
import type { ConvertContext } from '../context.js';
import { PlContext } from './context.js';
import { sqlstateForOra } from './exceptions.js';
import { emitBlock, recordInit } from './statements.js';
import { predefinedNotNull } from './implicit-text.js';
import { indexKind } from './assoc.js';
import { cursorRowTypeStatements } from './rowtypes.js';
import { collapsedDetail, collapsedOverloads } from './overloads.js';
import { noteUnparsedDeclarations } from './unparsed.js';

export interface PackageInfo {
  name: OraName;
  spec?: PackageSpec;
  body?: PackageBody;
  constants: Map<OraName, Expr>;
  variables: Map<OraName, { type: DataType; default?: Expr; public: boolean; notNull?: boolean }>;
  cursors: Map<OraName, Extract<Declaration, { kind: 'cursor' }>>;
  /** Type name → PostgreSQL type text (computed on first use, whatever the order of the units). */
  types: Map<OraName, string>;
  /** Types that cannot be converted → the reason (members using them are not converted). */
  typeFailures: Map<OraName, string>;
  /** Variables whose type or default cannot be converted → the reason (no getter / setter). */
  variableFailures: Map<OraName, string>;
  typeDecls: Extract<Declaration, { kind: 'type' | 'subtype' }>[];
  exceptions: Map<OraName, string>;
  members: Map<OraName, 'procedure' | 'function'>;
  /** Declarations of the members (the body's when both exist; overloads: the last one). */
  subprograms: Map<OraName, Subprogram>;
  publicMembers: Set<OraName>;
  /** Every declaration of a member name (spec and body, all overloads), in source order. */
  overloads?: Map<OraName, Subprogram[]>;
  /**
   * Procedures renamed because a function of the package has the same name and argument types
   * (PostgreSQL keeps functions and procedures in one namespace): Oracle name → new name. Calls in
   * statement position use the new name; calls in expressions still reach the function.
   */
  renamedProcedures?: Map<OraName, OraName>;
  /**
   * 'statement': the state of a compound trigger, one instance per triggering statement. Its
   * settings are keyed by pg_trigger_depth() (a statement run by a trigger of the same table gets
   * its own), and opg_reset() starts them afresh (called by the BEFORE STATEMENT trigger).
   */
  scope?: 'statement';
  /** PRAGMA EXCEPTION_INIT of the package whose ORA- number has no PostgreSQL error (reported with the package). */
  unmappedExceptionInits?: string[];
}

/** A package-like state holder for declarations outside packages (a compound trigger's). */
export function statePackage(name: OraName, declarations: Declaration[], ctx: ConvertContext): PackageInfo {
  const info: PackageInfo = {
    name,
    body: { name: { name }, declarations },
    constants: new Map(),
    variables: new Map(),
    cursors: new Map(),
    types: new Map(),
    typeFailures: new Map(),
    variableFailures: new Map(),
    typeDecls: [],
    exceptions: new Map(),
    members: new Map(),
    subprograms: new Map(),
    publicMembers: new Set(),
    scope: 'statement',
  };
  collect(info, declarations, false, () => ++ctx.exceptionSeq);
  return info;
}

/** Custom-setting prefix of a package (letters, digits and underscores only). */
export function settingPrefix(pkg: OraName): string {
  return `opg_${pgNameOf(pkg).toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
}

const isLiteral = (e: Expr | undefined): boolean =>
  !!e &&
  ((e.kind === 'literal' && e.type !== 'null') ||
    (e.kind === 'unary' && e.op === '-' && e.operand.kind === 'literal') ||
    e.kind === 'typed-literal');

/**
 * A public variable's type declared by the package itself, named without the package (g_ids
 * id_list): qualified (pc.id_list), so code outside the package that uses pc.g_ids — a trigger
 * filling a package collection — resolves it as the package does.
 */
function ownType(info: PackageInfo, t: DataType, isPublic: boolean): DataType {
  if (!isPublic || t.schema || t.attribute || !info.typeDecls.some((d) => d.name === t.name)) return t;
  return { ...t, schema: info.name };
}

function collect(info: PackageInfo, decls: Declaration[], isPublic: boolean, seq: () => number): void {
  for (const d of decls) {
    switch (d.kind) {
      case 'variable':
        if (d.constant && isLiteral(d.default)) info.constants.set(d.name, d.default!);
        else info.variables.set(d.name, { type: ownType(info, d.type, isPublic), ...(d.default ? { default: d.default } : {}), public: isPublic, ...(d.notNull ? { notNull: true } : {}) });
        break;
      case 'cursor':
        if (d.query || !info.cursors.has(d.name)) info.cursors.set(d.name, d);
        break;
      case 'exception':
        if (!info.exceptions.has(d.name)) info.exceptions.set(d.name, `OP${seq().toString(36).toUpperCase().padStart(3, '0')}`);
        break;
      case 'type':
      case 'subtype':
        info.typeDecls.push(d);
        break;
      case 'subprogram': {
        const name = d.unit.name.name;
        const list = (info.overloads ??= new Map()).get(name) ?? [];
        info.overloads.set(name, [...list, d.unit]);
        // A name that is both a function and a procedure: expressions reach the function.
        const hasFunction = [...list, d.unit].some((u: Subprogram) => u.kind === 'function');
        info.members.set(name, hasFunction ? 'function' : d.unit.kind);
        if (d.unit.kind === 'function' || !list.some((u: Subprogram) => u.kind === 'function')) info.subprograms.set(name, d.unit);
        if (isPublic) info.publicMembers.add(d.unit.name.name);
        break;
      }
      case 'pragma': {
        // PRAGMA EXCEPTION_INIT(e, -nnnn) in the package: e is the PostgreSQL error of ORA-nnnn when
        // there is one (a package exception for ORA-02292 catches the foreign key violation).
        if (d.name !== 'EXCEPTION_INIT' || d.args.length !== 2) break;
        const [e, code] = d.args;
        const n = code.kind === 'unary' && code.op === '-' && code.operand.kind === 'literal' ? -Number(code.operand.value) : code.kind === 'literal' ? Number(code.value) : Number.NaN;
        if (e.kind !== 'column' || e.parts.length !== 1 || Number.isNaN(n)) break;
        const state = sqlstateForOra(n);
        if (state) info.exceptions.set(e.parts[0], state);
        else (info.unmappedExceptionInits ??= []).push(`EXCEPTION_INIT(${e.parts[0]}, ${n})`);
        break;
      }
    }
  }
}

/** Registers a package spec or body in the model (before any unit is converted). */
export function registerPackage(unit: PlsqlUnit, ctx: ConvertContext): void {
  const ast = unit.ast;
  if (!ast || (ast.kind !== 'package' && ast.kind !== 'package-body')) return;
  const name = unit.name.name;
  let info = ctx.packages.get(name);
  if (!info) {
    info = {
      name,
      constants: new Map(),
      variables: new Map(),
      cursors: new Map(),
      types: new Map(),
      typeFailures: new Map(),
      variableFailures: new Map(),
      typeDecls: [],
      exceptions: new Map(),
      members: new Map(),
      subprograms: new Map(),
      publicMembers: new Set(),
    };
    ctx.packages.set(name, info);
  }
  const seq = () => ++ctx.exceptionSeq;
  if (ast.kind === 'package') {
    info.spec = ast.spec;
    collect(info, ast.spec.declarations, true, seq);
    noteUnparsedDeclarations(info, ast.spec.unparsed);
  } else {
    info.body = ast.body;
    collect(info, ast.body.declarations, false, seq);
    noteUnparsedDeclarations(info, ast.body.unparsed);
  }
  renameClashingProcedures(info);
}

/** Oracle type spellings that name the same PostgreSQL type. */
const TYPE_FAMILY: Record<string, string> = {
  VARCHAR2: 'VARCHAR', NVARCHAR2: 'VARCHAR', STRING: 'VARCHAR', VARCHAR: 'VARCHAR',
  NUMBER: 'NUMERIC', NUMERIC: 'NUMERIC', DECIMAL: 'NUMERIC', DEC: 'NUMERIC',
  PLS_INTEGER: 'INTEGER', BINARY_INTEGER: 'INTEGER', SIMPLE_INTEGER: 'INTEGER', NATURAL: 'INTEGER', NATURALN: 'INTEGER', POSITIVE: 'INTEGER', POSITIVEN: 'INTEGER', SIGNTYPE: 'INTEGER',
  CLOB: 'TEXT', NCLOB: 'TEXT', LONG: 'TEXT',
};

/**
 * PostgreSQL identifies a routine by its name and input argument types (a procedure's OUT
 * arguments count too), whatever its kind: a package FUNCTION f(x) and PROCEDURE f(x) cannot both
 * be created ("cannot change routine kind"). Such procedures get the name <name>_PROC.
 */
function renameClashingProcedures(info: PackageInfo): void {
  const typeKey = (t: DataType) => `${t.schema ?? ''}.${TYPE_FAMILY[t.name] ?? t.name}${t.attribute ? `%${t.attribute}` : ''}`;
  const sig = (u: Subprogram) =>
    u.params
      .filter((p) => u.kind === 'procedure' || p.mode !== 'OUT')
      .map((p) => typeKey(p.type))
      .join(',');
  for (const [name, units] of info.overloads ?? []) {
    if (info.renamedProcedures?.has(name)) continue;
    const functions = new Set(units.filter((u) => u.kind === 'function').map(sig));
    if (!units.some((u) => u.kind === 'procedure' && functions.has(sig(u)))) continue;
    let renamed = `${name}_PROC`;
    for (let i = 2; info.members.has(renamed); i++) renamed = `${name}_PROC${i}`;
    (info.renamedProcedures ??= new Map()).set(name, renamed);
  }
}

function schemaOf(info: PackageInfo, pc: PlContext): string {
  return quoteIdent(pc.ectx.mapSchema(info.name));
}

/** Why a package type cannot be converted (undefined when it can). */
function typeFailure(info: PackageInfo, d: Extract<Declaration, { kind: 'type' | 'subtype' }>, pc: PlContext): string | undefined {
  if (d.kind === 'subtype') return undefined;
  const def = d.def;
  // INDEX BY an integer type or subtype: an array; by a string type: jsonb (see assoc.ts).
  if (def.kind === 'table' && def.indexBy && !indexKind(def.indexBy, pc, info))
    return `associative array ${d.name} indexed by ${def.indexBy.name} (an index type that is neither an integer nor a string type)`;
  if (def.kind !== 'record' && def.kind !== 'table' && def.kind !== 'varray' && def.kind !== 'ref-cursor') return `type ${d.name}`;
  return undefined;
}

/**
 * PostgreSQL type text of a package type, computed on first use (a body may be converted before
 * its spec, another unit before both); undefined when the package has no such type.
 */
export function packageTypeText(info: PackageInfo, name: OraName, cctx: ConvertContext): { text?: string; failure?: string } | undefined {
  const known = info.types.get(name);
  if (known) return { text: known };
  const failure = info.typeFailures.get(name);
  if (failure) return { failure };
  const d = info.typeDecls.find((t) => t.name === name);
  if (!d) return undefined;
  // A context of the package; findings are reported when the spec emits the type.
  const pc = new PlContext(cctx, 'procedure', `PACKAGE ${info.name}`, undefined);
  pc.pkg = info;
  info.types.set(name, 'record'); // guards against a type defined through itself
  const why = typeFailure(info, d, pc);
  info.types.delete(name);
  if (why) {
    info.typeFailures.set(name, why);
    return { failure: why };
  }
  let text: string;
  // resolvedType: a subtype of table.column%TYPE / x%ROWTYPE needs the type itself.
  if (d.kind === 'subtype') text = pc.resolvedType(d.base, d.name);
  else if (d.def.kind === 'record') {
    text = `${schemaOf(info, pc)}.${quoteIdent(pgNameOf(d.name))}`;
    // Its composite type needs each field's type itself: x%TYPE of a column or variable the
    // conversion does not know cannot be written there.
    for (const f of d.def.fields) {
      const type = pc.resolvedType(f.type, `${d.name}.${f.name}`);
      if (type.includes('%')) pc.fail(`field ${f.name}: ${type} names a column or variable that is not known`);
    }
  }
  else if (d.def.kind === 'table' && d.def.indexBy && indexKind(d.def.indexBy, pc, info) === 'string') {
    text = 'jsonb';
    // The element type must be convertible too.
    pc.resolvedType(d.def.of, d.name);
  } else if (d.def.kind === 'table' || d.def.kind === 'varray') {
    const element = pc.resolvedType(d.def.of, d.name);
    if (element.endsWith('[]')) pc.fail(nestedArrayReason(d.name));
    text = `${element}[]`;
  } else text = 'refcursor';
  if (pc.unconvertible.length) {
    info.typeFailures.set(name, pc.unconvertible.join('; '));
    return { failure: pc.unconvertible.join('; ') };
  }
  info.types.set(name, text);
  return { text };
}

/**
 * Why a collection type whose elements are collections held as arrays (TABLE OF a package or local
 * nested table / VARRAY type) is not converted: an array of arrays is one multidimensional array.
 */
export function nestedArrayReason(name: string): string {
  return `collection type ${name} of collections: PostgreSQL arrays of arrays are multidimensional and rectangular (every inner collection the same size, no element reads the inner collection); declare the inner collection with CREATE TYPE … AS TABLE OF (an element of its own type here), or keep the elements in a table`;
}

/**
 * Types of the package: record types become composite types in the package schema (the schema
 * itself comes from the schema list). A type that cannot be converted is returned apart, so the
 * rest of the package is still emitted.
 */
function specTexts(
  info: PackageInfo,
  pc: PlContext,
  decls: Declaration[] = info.typeDecls,
): { texts: string[]; failed: { name: OraName; reason: string }[] } {
  const out: string[] = [];
  const failed: { name: OraName; reason: string }[] = [];
  const mine = new Set(decls.flatMap((d) => (d.kind === 'type' || d.kind === 'subtype' ? [d.name] : [])));
  for (const d of info.typeDecls) {
    if (!mine.has(d.name)) continue;
    const r = packageTypeText(info, d.name, pc.cctx);
    if (r?.failure) {
      failed.push({ name: d.name, reason: r.failure });
      continue;
    }
    if (d.kind !== 'type' || d.def.kind !== 'record') continue;
    const name = `${schemaOf(info, pc)}.${quoteIdent(pgNameOf(d.name))}`;
    const sub = new PlContext(pc.cctx, 'procedure', pc.object, pc.location);
    sub.pkg = info;
    const fields = d.def.fields.map((f) => `${quoteIdent(pgNameOf(f.name))} ${sub.resolvedType(f.type, `${d.name}.${f.name}`)}`);
    if (sub.unconvertible.length) {
      info.typeFailures.set(d.name, sub.unconvertible.join('; '));
      info.types.delete(d.name);
      failed.push({ name: d.name, reason: sub.unconvertible.join('; ') });
      continue;
    }
    pc.findings.push(...sub.findings);
    out.push(`DROP TYPE IF EXISTS ${name} CASCADE;\nCREATE TYPE ${name} AS (${fields.join(', ')});`);
  }
  // Row types of the package's cursors that its types use (rowtypes.ts), created first.
  return { texts: [...cursorRowTypeStatements(pc, info.name), ...out], failed };
}

/** The package state (variables and initialization section), emitted as one object or more. */
interface StatePart {
  label: string;
  pc: PlContext;
  texts: string[];
  /** Oracle text kept when the part is not converted. */
  source?: string;
}

/**
 * opg_init, getters and setters of the package state. A variable whose type or default cannot be
 * converted loses its getter and setter (members using it are not converted); an initialization
 * section that cannot be converted is kept apart as not converted, and opg_init still sets the
 * variables' defaults, warning that the section did not run.
 */
function stateParts(info: PackageInfo, pc: PlContext, unit: PlsqlUnit): StatePart[] {
  // An initialization section that did not parse is kept as text (unparsed.ts): opg_init warns.
  const initUnparsed = !!info.body?.unparsed?.some((m) => m.kind === 'init');
  if (!info.variables.size && !info.body?.init && !initUnparsed) return [];
  const schema = schemaOf(info, pc);
  const prefix = settingPrefix(info.name);
  const out: string[] = [];
  const parts: StatePart[] = [];
  // Statement-scoped state: one set of settings per trigger nesting level.
  const key = (name: string) =>
    info.scope === 'statement' ? `(${quoteLiteral(`${prefix}.${name}_`)} || pg_trigger_depth())` : quoteLiteral(`${prefix}.${name}`);
  const setting = (v: OraName) => key(pgNameOf(v).toLowerCase());
  // PRAGMA SERIALLY_REUSABLE: Oracle keeps the state for one server call only, initializing it
  // again in the next; here the settings are local to the transaction (set_config's is_local),
  // which ends with the call in autocommit (reported).
  const serial = seriallyReusable(info);
  const local = serial ? 'true' : 'false';
  if (serial)
    pc.report('OPG-PLSQL-0075', {
      detail: `package ${info.name} is SERIALLY_REUSABLE: its state lasts for the transaction here (settings set with is_local), where Oracle keeps it for one server call; calls made in one transaction share it, and a ROLLBACK or an error caught by a handler also reverts assignments`,
    });
  const initLines: string[] = [
    `IF current_setting(${key('opg_initialized')}, true) = 'y' THEN`,
    '  RETURN;',
    'END IF;',
    `PERFORM set_config(${key('opg_initialized')}, 'y', ${local});`,
  ];
  const types = new Map<OraName, string>();
  for (const [v, d] of info.variables) {
    const sub = new PlContext(pc.cctx, 'procedure', pc.object, pc.location);
    sub.pkg = info;
    const type = sub.resolvedType(d.type, v);
    // A record without a default starts with its type's field defaults (statements.ts recordInit).
    const init = d.default ? sub.expr(d.default) : recordInit(d.type, sub);
    const dflt = init ? `PERFORM set_config(${setting(v)}, (${init})::${type}::text, ${local});` : undefined;
    if (type.includes('%')) sub.fail(`package variable ${v}: ${type} names a column or variable that is not known`);
    if (sub.unconvertible.length || sub.ectx.unconvertible?.length) {
      const why = [...sub.unconvertible, ...(sub.ectx.unconvertible ?? [])].join('; ');
      info.variableFailures.set(v, why);
      pc.report('OPG-PLSQL-0002', { detail: `package variable ${v} is not converted (${why}); the members that use it are not converted either` });
      continue;
    }
    pc.findings.push(...sub.findings);
    types.set(v, type);
    if (dflt) initLines.push(dflt);
  }
  let initBody = `BEGIN\n${initLines.map((l) => `  ${l}`).join('\n')}\nEND;`;
  const initNotConverted = (why: string) => {
    pc.report('OPG-PLSQL-0002', {
      detail: `the initialization section of package ${info.name} is not converted (${why}); ${schema}.opg_init() only sets the variables' defaults and raises a warning`,
    });
    initBody = `BEGIN\n${[...initLines, `RAISE WARNING 'package ${info.name}: initialization section not converted (see the conversion findings)';`].map((l) => `  ${l}`).join('\n')}\nEND;`;
  };
  if (initUnparsed) initNotConverted('it could not be parsed');
  if (info.body?.init) {
    const sub = new PlContext(pc.cctx, 'procedure', `${pc.object} (initialization section)`, pc.location);
    sub.pkg = info;
    sub.builtinCallsRaise = false;
    const block = emitBlock(info.body.init, sub, 0, { prologue: initLines }, true);
    if (sub.unconvertible.length || sub.ectx.unconvertible?.length) {
      const why = [...sub.unconvertible, ...(sub.ectx.unconvertible ?? [])].join('; ');
      parts.push({ label: sub.object, pc: sub, texts: [], source: `BEGIN … END ${info.name}; (the initialization section of ${unit.unitKind} ${info.name})` });
      initNotConverted(why);
    } else {
      pc.findings.push(...sub.findings);
      initBody = `${block};`;
    }
  }
  out.push(
    `CREATE OR REPLACE FUNCTION ${schema}.opg_init()\nRETURNS void\nLANGUAGE plpgsql\nAS $body$\n#variable_conflict use_column\n${initBody}\n$body$;`,
  );
  for (const [v, type] of types) {
    const name = quoteIdent(pgNameOf(v));
    // A length-constrained character variable: the value goes through a local of the declared
    // type, whose assignment raises for a longer value (VALUE_ERROR, ORA-06502, as Oracle does);
    // a parameter's length is not checked by PostgreSQL.
    const decl = info.variables.get(v);
    const checked = lengthChecked(decl?.type);
    // A NOT NULL variable (declared so, or of NATURALN / POSITIVEN / SIMPLE_INTEGER …): NULL
    // raises VALUE_ERROR (ORA-06502) and the variable keeps its value, as in Oracle.
    const notNull = !!decl && (decl.notNull || predefinedNotNull(decl.type, pc));
    const nullCheck = notNull ? "  IF p_value IS NULL THEN\n    RAISE numeric_value_out_of_range USING MESSAGE = 'ORA-06502: PL/SQL: numeric or value error';\n  END IF;\n" : '';
    const store = checked
      ? `DECLARE\n  opg_v ${type} := p_value;\nBEGIN\n${nullCheck}  PERFORM ${schema}.opg_init();\n  PERFORM set_config(${setting(v)}, opg_v::text, ${local});\nEND;`
      : `BEGIN\n${nullCheck}  PERFORM ${schema}.opg_init();\n  PERFORM set_config(${setting(v)}, p_value::text, ${local});\nEND;`;
    out.push(
      `CREATE OR REPLACE FUNCTION ${schema}.${name}()\nRETURNS ${type}\nLANGUAGE plpgsql\nAS $body$\nBEGIN\n  PERFORM ${schema}.opg_init();\n  RETURN nullif(current_setting(${setting(v)}, true), '')::${type};\nEND;\n$body$;`,
    );
    out.push(
      `CREATE OR REPLACE FUNCTION ${schema}.${quoteIdent(`opg_set_${pgNameOf(v)}`)}(p_value ${type})\nRETURNS void\nLANGUAGE plpgsql\nAS $body$\n${store}\n$body$;`,
    );
  }
  if (info.scope === 'statement') {
    // Back to the declarations' initial values: every variable unset, then opg_init().
    const resets = [key('opg_initialized'), ...[...types.keys()].map(setting)].map((k) => `  PERFORM set_config(${k}, '', false);`);
    out.push(
      `CREATE OR REPLACE FUNCTION ${schema}.opg_reset()\nRETURNS void\nLANGUAGE plpgsql\nAS $body$\nBEGIN\n${resets.join('\n')}\n  PERFORM ${schema}.opg_init();\nEND;\n$body$;`,
    );
  } else if (!serial) pc.report('OPG-PLSQL-0011', { object: pc.object, count: info.variables.size });
  return [{ label: pc.object, pc, texts: out }, ...parts];
}

/** Makes the PgObject(s) of a part: SQL, or the Oracle text as a comment when not converted. */
export type Finish = (pc: PlContext, texts: string[], objectType: string, source?: string, span?: TextSpan) => PgObject[];

export function convertPackage(
  unit: PlsqlUnit,
  ctx: ConvertContext,
  object: string,
  parseFindings: Finding[],
  finish: Finish,
  subprogramText: (s: Subprogram, pc: PlContext) => string,
  /** A state holder not registered as a package (statePackage): emitted like a package body. */
  holder?: PackageInfo,
): PgObject[] {
  const info = holder ?? ctx.packages.get(unit.name.name);
  const ast = unit.ast!;
  const pc = new PlContext(ctx, 'procedure', object, unit.loc);
  pc.pkg = info;
  void parseFindings;
  if (!info) return finish(pc, [], 'PACKAGE');
  if (ast.kind === 'package')
    for (const x of info.unmappedExceptionInits ?? [])
      pc.report('OPG-PLSQL-0003', {
        detail: `${x}: the ORA- error has no PostgreSQL equivalent; the exception was given its own SQLSTATE, which PostgreSQL errors never raise (only RAISE of it reaches its handlers)`,
      });
  /** Types that cannot be converted: one commented-out object each, the rest is emitted. */
  const typeObjects = (failed: { name: OraName; reason: string }[]) =>
    failed.flatMap(({ name, reason }) => {
      const t = new PlContext(ctx, 'procedure', `${object}.${name}`, unit.loc);
      t.fail(`type ${name} of package ${info.name}: ${reason}; the members that use it are not converted`);
      const decl = info.typeDecls.find((d) => d.name === name);
      return finish(t, [], 'TYPE', decl ? `${decl.kind.toUpperCase()} ${name} … (see ${unit.unitKind} ${info.name})` : undefined);
    });
  if (ast.kind === 'package') {
    // The spec creates its own types; those declared in the body come with the body.
    const spec = specTexts(info, pc, info.body ? info.spec?.declarations ?? [] : info.typeDecls);
    // A package without a body still has its state (variables of the spec).
    const state = info.body ? [] : stateParts(info, pc, unit);
    const stateTexts = state[0]?.texts ?? [];
    return [
      ...finish(pc, [...spec.texts, ...stateTexts], 'PACKAGE'),
      ...state.slice(1).flatMap((p) => finish(p.pc, p.texts, 'PACKAGE BODY', p.source)),
      ...typeObjects(spec.failed),
    ];
  }
  // Without a spec in the sources the body creates all the package's types.
  const spec = specTexts(info, pc, info.spec ? info.body?.declarations ?? [] : info.typeDecls);
  const state = stateParts(info, pc, unit);
  const objects: PgObject[] = [];
  // Overloads whose parameters map to the same PostgreSQL types become one routine (overloads.ts).
  const bodies = (info.body?.declarations ?? []).flatMap((d) => (d.kind === 'subprogram' && d.unit.block ? [d.unit] : []));
  const collapsed = collapsedOverloads(
    bodies,
    (u) => u,
    (u) => (u.kind === 'procedure' ? info.renamedProcedures?.get(u.name.name) : undefined) ?? u.name.name,
    () => {
      const scratch = new PlContext(ctx, 'procedure', object, unit.loc);
      scratch.pkg = info;
      return scratch;
    },
  );
  for (const d of info.body?.declarations ?? []) {
    if (d.kind !== 'subprogram' || !d.unit.block) continue;
    const member = new PlContext(ctx, d.unit.kind, `${object}.${d.unit.name.name}`, unit.loc);
    member.pkg = info;
    const replaced = collapsed.get(d.unit);
    const routine = `${pgNameOf(info.name)}.${pgNameOf((d.unit.kind === 'procedure' ? info.renamedProcedures?.get(d.unit.name.name) : undefined) ?? d.unit.name.name)}`;
    if (replaced) member.report('OPG-PLSQL-0046', { detail: collapsedDetail(`${info.name}.${d.unit.name.name}`, routine, d.unit, replaced.replaces, replaced.signature) });
    const renamed = d.unit.kind === 'procedure' ? info.renamedProcedures?.get(d.unit.name.name) : undefined;
    if (renamed)
      member.report('OPG-PLSQL-0032', {
        detail: `procedure ${info.name}.${d.unit.name.name} became ${info.name}.${renamed}: the package also has a function ${d.unit.name.name} with the same argument types, and PostgreSQL cannot hold a function and a procedure of one signature; calls of the procedure in the converted code use the new name`,
      });
    const s: Subprogram = { ...d.unit, name: { schema: info.name, name: renamed ?? d.unit.name.name } };
    let text = subprogramText(s, member);
    if (!info.publicMembers.has(d.unit.name.name))
      text = `-- private to ${info.scope === 'statement' ? 'compound trigger' : 'package'} ${info.name}\n${text}`;
    objects.push(...finish(member, [text], d.unit.kind === 'function' ? 'FUNCTION' : 'PROCEDURE', undefined, d.unit.span));
  }
  return [
    ...finish(pc, [...spec.texts, ...(state[0]?.texts ?? [])], 'PACKAGE BODY'),
    ...state.slice(1).flatMap((p) => finish(p.pc, p.texts, 'PACKAGE BODY', p.source)),
    ...typeObjects(spec.failed),
    ...objects,
  ];
}

/**
 * A character type with a length (VARCHAR2(n), CHAR(n) …): PostgreSQL checks the length on
 * assignment, and an explicit cast truncates instead (the assignment statement passes such a value as text).
 */
export function lengthChecked(t: DataType | undefined): boolean {
  return !!t && !t.attribute && !t.schema && t.args.length > 0 && ['VARCHAR2', 'VARCHAR', 'NVARCHAR2', 'CHAR', 'NCHAR', 'CHARACTER'].includes(t.name);
}

/** PRAGMA SERIALLY_REUSABLE in the package specification or body. */
function seriallyReusable(info: PackageInfo): boolean {
  return [...(info.spec?.declarations ?? []), ...(info.body?.declarations ?? [])].some((d) => d.kind === 'pragma' && d.name.toUpperCase() === 'SERIALLY_REUSABLE');
}
