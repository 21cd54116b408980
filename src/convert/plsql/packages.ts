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
import type { Declaration, PackageBody, PackageSpec, Subprogram } from '../../ast/plsql.js';
import type { PgObject } from '../../ast/pg.js';
import { pgNameOf, quoteIdent, quoteLiteral } from '../../emit/quote.js';
import type { Finding } from '../../findings/types.js';
import type { ConvertContext } from '../context.js';
import { PlContext } from './context.js';
import { emitBlock } from './statements.js';

export interface PackageInfo {
  name: OraName;
  spec?: PackageSpec;
  body?: PackageBody;
  constants: Map<OraName, Expr>;
  variables: Map<OraName, { type: DataType; default?: Expr; public: boolean }>;
  cursors: Map<OraName, Extract<Declaration, { kind: 'cursor' }>>;
  /** Type name → PostgreSQL type text. */
  types: Map<OraName, string>;
  typeDecls: Extract<Declaration, { kind: 'type' | 'subtype' }>[];
  exceptions: Map<OraName, string>;
  members: Map<OraName, 'procedure' | 'function'>;
  /** Declarations of the members (the body's when both exist; overloads: the last one). */
  subprograms: Map<OraName, Subprogram>;
  publicMembers: Set<OraName>;
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

function collect(info: PackageInfo, decls: Declaration[], isPublic: boolean, seq: () => number): void {
  for (const d of decls) {
    switch (d.kind) {
      case 'variable':
        if (d.constant && isLiteral(d.default)) info.constants.set(d.name, d.default!);
        else info.variables.set(d.name, { type: d.type, ...(d.default ? { default: d.default } : {}), public: isPublic });
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
      case 'subprogram':
        info.members.set(d.unit.name.name, d.unit.kind);
        info.subprograms.set(d.unit.name.name, d.unit);
        if (isPublic) info.publicMembers.add(d.unit.name.name);
        break;
      case 'pragma':
        break;
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
  } else {
    info.body = ast.body;
    collect(info, ast.body.declarations, false, seq);
  }
}

function schemaOf(info: PackageInfo, pc: PlContext): string {
  return quoteIdent(pc.ectx.mapSchema(info.name));
}

/** Spec: types of the package (the schema itself comes from the schema list). */
function specTexts(info: PackageInfo, pc: PlContext): string[] {
  const out: string[] = [];
  for (const d of info.typeDecls) {
    if (d.kind === 'subtype') {
      info.types.set(d.name, pc.type(d.base, d.name));
      continue;
    }
    const def = d.def;
    if (def.kind === 'record') {
      const name = `${schemaOf(info, pc)}.${quoteIdent(pgNameOf(d.name))}`;
      const fields = def.fields.map((f) => `${quoteIdent(pgNameOf(f.name))} ${pc.resolvedType(f.type, `${d.name}.${f.name}`)}`);
      out.push(`DROP TYPE IF EXISTS ${name} CASCADE;\nCREATE TYPE ${name} AS (${fields.join(', ')});`);
      info.types.set(d.name, name);
    } else if (def.kind === 'table' || def.kind === 'varray') {
      if (def.kind === 'table' && def.indexBy && !/INTEGER|PLS_INTEGER|BINARY_INTEGER/.test(def.indexBy.name))
        pc.fail(`associative array ${d.name} indexed by ${def.indexBy.name} (use jsonb for string keys)`);
      info.types.set(d.name, `${pc.resolvedType(def.of, d.name)}[]`);
    } else if (def.kind === 'ref-cursor') info.types.set(d.name, 'refcursor');
    else pc.fail(`type ${d.name}`);
  }
  return out;
}

/** opg_init, getters and setters of the package state. */
function stateTexts(info: PackageInfo, pc: PlContext): string[] {
  if (!info.variables.size && !info.body?.init) return [];
  const schema = schemaOf(info, pc);
  const prefix = settingPrefix(info.name);
  const out: string[] = [];
  const setting = (v: OraName) => quoteLiteral(`${prefix}.${pgNameOf(v).toLowerCase()}`);
  const initLines: string[] = [
    `IF current_setting(${quoteLiteral(`${prefix}.opg_initialized`)}, true) = 'y' THEN`,
    '  RETURN;',
    'END IF;',
    `PERFORM set_config(${quoteLiteral(`${prefix}.opg_initialized`)}, 'y', false);`,
  ];
  for (const [v, d] of info.variables) {
    if (d.default) initLines.push(`PERFORM set_config(${setting(v)}, (${pc.expr(d.default)})::${pc.resolvedType(d.type, v)}::text, false);`);
  }
  let initBody = `BEGIN\n${initLines.map((l) => `  ${l}`).join('\n')}\nEND;`;
  if (info.body?.init) {
    const block = emitBlock(info.body.init, pc, 0, { prologue: initLines }, true);
    initBody = `${block};`;
  }
  out.push(
    `CREATE OR REPLACE FUNCTION ${schema}.opg_init()\nRETURNS void\nLANGUAGE plpgsql\nAS $body$\n#variable_conflict use_column\n${initBody}\n$body$;`,
  );
  for (const [v, d] of info.variables) {
    const type = pc.resolvedType(d.type, v);
    const name = quoteIdent(pgNameOf(v));
    out.push(
      `CREATE OR REPLACE FUNCTION ${schema}.${name}()\nRETURNS ${type}\nLANGUAGE plpgsql\nAS $body$\nBEGIN\n  PERFORM ${schema}.opg_init();\n  RETURN nullif(current_setting(${setting(v)}, true), '')::${type};\nEND;\n$body$;`,
    );
    out.push(
      `CREATE OR REPLACE FUNCTION ${schema}.${quoteIdent(`opg_set_${pgNameOf(v)}`)}(p_value ${type})\nRETURNS void\nLANGUAGE plpgsql\nAS $body$\nBEGIN\n  PERFORM ${schema}.opg_init();\n  PERFORM set_config(${setting(v)}, p_value::text, false);\nEND;\n$body$;`,
    );
  }
  pc.report('OPG-PLSQL-0011', { object: pc.object, count: info.variables.size });
  return out;
}

export function convertPackage(
  unit: PlsqlUnit,
  ctx: ConvertContext,
  object: string,
  parseFindings: Finding[],
  finish: (pc: PlContext, texts: string[], objectType: string) => PgObject[],
  subprogramText: (s: Subprogram, pc: PlContext) => string,
): PgObject[] {
  const info = ctx.packages.get(unit.name.name);
  const ast = unit.ast!;
  const pc = new PlContext(ctx, 'procedure', object, unit.loc);
  pc.pkg = info;
  void parseFindings;
  if (!info) return finish(pc, [], 'PACKAGE');
  if (ast.kind === 'package') {
    const texts = specTexts(info, pc);
    // A package without a body still has its state (variables of the spec).
    if (!info.body) texts.push(...stateTexts(info, pc));
    return finish(pc, texts, 'PACKAGE');
  }
  if (!info.spec) specTexts(info, pc);
  const texts = stateTexts(info, pc);
  const objects: PgObject[] = [];
  for (const d of info.body?.declarations ?? []) {
    if (d.kind !== 'subprogram' || !d.unit.block) continue;
    const member = new PlContext(ctx, d.unit.kind, `${object}.${d.unit.name.name}`, unit.loc);
    member.pkg = info;
    const s: Subprogram = { ...d.unit, name: { schema: info.name, name: d.unit.name.name } };
    let text = subprogramText(s, member);
    if (!info.publicMembers.has(d.unit.name.name))
      text = `-- private to package ${info.name}\n${text}`;
    objects.push(...finish(member, [text], d.unit.kind === 'function' ? 'FUNCTION' : 'PROCEDURE'));
  }
  return [...finish(pc, texts, 'PACKAGE BODY'), ...objects];
}
