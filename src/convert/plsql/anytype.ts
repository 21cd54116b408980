/**
 * SYS.ANYTYPE descriptions (Oracle Database PL/SQL Packages and Types Reference, "ANYTYPE TYPE"):
 * an ANYTYPE is held as the Oracle-style name of its type (text, 'SCHEMA.NAME'); its methods
 * read the PostgreSQL catalog through the helpers of anytype-catalog.ts, created once by the
 * conversion (ANYTYPE_SUPPORT).
 *
 *   s := t.GetInfo(prec, scale, len, csid, csfrm, schema_name, type_name, version, numelems)
 *        SELECT i.typecode, i.prec, … INTO s, prec, … FROM opg_anytype_info(t) AS i;
 *   s := t.GetAttrElemInfo(pos, prec, scale, len, csid, csfrm, attr_elt_type, aname)
 *        SELECT i.typecode, … INTO s, … FROM opg_anytype_attr(t, pos) AS i;
 *   s := a.GetType(t)           (ANYDATA) SELECT g.typecode, g.typ INTO s, t FROM opg_anydata_gettype((a).type_name) AS g;
 *   ANYTYPE.GetPersistent(owner, name [, version]) / GETANYTYPEFROMPERSISTENT(owner, name [, version])
 *        opg_anytype_persistent(owner, name)
 *
 * Arguments are bound by position or by name (Oracle's parameter names).
 */
import type { Expr, FuncArg } from '../../ast/expr.js';
import { ANYTYPE_SUPPORT } from './anytype-catalog.js';
import type { PlContext } from './context.js';
import { assignTarget } from './objects.js';

/** OUT parameters of the methods, in Oracle's order, with the helper's column of each. */
const PARAMS: Record<string, { in: string[]; out: string[] }> = {
  GETINFO: {
    in: [],
    out: ['PREC', 'SCALE', 'LEN', 'CSID', 'CSFRM', 'SCHEMA_NAME', 'TYPE_NAME', 'VERSION', 'NUMELEMS'],
  },
  GETATTRELEMINFO: { in: ['POS'], out: ['PREC', 'SCALE', 'LEN', 'CSID', 'CSFRM', 'ATTR_ELT_TYPE', 'ANAME'] },
  GETTYPE: { in: [], out: ['TYP'] },
};

/** Arguments by parameter name (positional first, then named); undefined when they do not fit. */
function bind(args: FuncArg[], params: string[]): Map<string, Expr> | undefined {
  const out = new Map<string, Expr>();
  let i = 0;
  for (const a of args) {
    const name = a.name ? a.name.toUpperCase() : params[i++];
    if (!name || !params.includes(name) || out.has(name)) return undefined;
    out.set(name, a.value);
  }
  return params.every((p) => out.has(p)) ? out : undefined;
}

function addHelpers(pc: PlContext): void {
  pc.cctx.supportTypes.add(ANYTYPE_SUPPORT);
}

/** OPG-ANYDATA-0005 once per routine and detail. */
function reportOnce(pc: PlContext, detail: string): void {
  if (pc.findings.some((f) => f.id === 'OPG-ANYDATA-0005' && f.message === detail)) return;
  pc.report('OPG-ANYDATA-0005', { detail });
}

function noteCatalog(pc: PlContext, method: string): void {
  reportOnce(
    pc,
    `${pc.object}: ${method} describes the type from the PostgreSQL catalog (pg_type, pg_attribute): type codes as DBMS_TYPES numbers them, names in upper case; csid, csfrm and version are NULL, precision / scale / length only where the PostgreSQL type modifier keeps them, and types several Oracle types map to report one of them (text: CLOB, bytea: BLOB, timestamptz: TIMESTAMP WITH TIME ZONE, integer types: NUMBER); an object type of a hierarchy has the attributes of the whole hierarchy`,
  );
}

/**
 * `status := t.GetInfo(…)` / `t.GetAttrElemInfo(…)` (ANYTYPE), `status := a.GetType(t)` (ANYDATA):
 * the statements, or undefined when the call is none of them.
 */
export function anytypeAssign(
  target: Expr,
  m: { operand: Expr; name: string; args: FuncArg[]; type: 'ANYDATA' | 'ANYTYPE' },
  pc: PlContext,
): string[] | undefined {
  const method = m.type === 'ANYTYPE' ? m.name : m.name === 'GETTYPE' ? 'GETTYPE' : undefined;
  if (!method || (m.type === 'ANYTYPE' && method === 'GETTYPE')) return undefined;
  const p = PARAMS[method];
  if (!p) return undefined;
  const label = `${m.type}.${method}`;
  const args = bind(m.args, [...p.in, ...p.out]);
  if (!args) {
    pc.fail(
      `${label}: the arguments do not match the method's parameters (${[...p.in, ...p.out].join(', ')})`,
    );
    return [`-- not converted: ${label}`];
  }
  const status = assignTarget(pc.exprNode(target));
  const outs = p.out.map((n) => assignTarget(pc.exprNode(args.get(n)!)));
  if (!status || outs.some((o) => !o)) {
    pc.fail(`${label}: an OUT argument is not a variable PL/pgSQL can assign`);
    return [`-- not converted: ${label}`];
  }
  const operand = `(${pc.expr(m.operand)})`;
  let from: string;
  if (method === 'GETTYPE') {
    from = `opg_anydata_gettype(${operand}.type_name)`;
    addHelpers(pc);
  } else if (method === 'GETINFO') {
    from = `opg_anytype_info(${operand})`;
    addHelpers(pc);
  } else {
    from = `opg_anytype_attr(${operand}, ${pc.expr(args.get('POS')!)})`;
    addHelpers(pc);
  }
  noteCatalog(pc, label);
  const columns = ['typecode', ...p.out.map((n) => n.toLowerCase())].map((c) => `i.${c}`);
  return [`SELECT ${columns.join(', ')} INTO ${[status, ...outs].join(', ')} FROM ${from} AS i;`];
}

/** ANYTYPE.GetPersistent / GETANYTYPEFROMPERSISTENT (also SYS.-qualified): the arguments, else undefined. */
export function persistentCall(x: Expr, pc: PlContext): FuncArg[] | undefined {
  if (x.kind !== 'call' || x.over) return undefined;
  const n = x.name[0] === 'SYS' || x.name[0] === 'PUBLIC' ? x.name.slice(1) : x.name;
  const standalone =
    n.length === 1 &&
    n[0] === 'GETANYTYPEFROMPERSISTENT' &&
    !pc.lookup(n[0]) &&
    !pc.packageMember([n[0]])?.info.members.has(n[0]) &&
    !pc.cctx.routines.has(n[0]);
  const method =
    n.length === 2 &&
    n[0] === 'ANYTYPE' &&
    n[1] === 'GETPERSISTENT' &&
    !pc.lookup('ANYTYPE') &&
    !pc.cctx.packages.has('ANYTYPE');
  return standalone || method ? x.args : undefined;
}

/** `opg_anytype_persistent(owner, name)` for a GetPersistent call's arguments (undefined when they do not fit). */
export function persistentExpr(args: FuncArg[], pc: PlContext): string | undefined {
  const a = bind(args, ['SCHEMA_NAME', 'TYPE_NAME', 'VERSION']) ?? bind(args, ['SCHEMA_NAME', 'TYPE_NAME']);
  if (!a) return undefined;
  addHelpers(pc);
  reportOnce(
    pc,
    `${pc.object}: ANYTYPE.GetPersistent gives the type's name (SCHEMA.NAME, as the PostgreSQL catalog holds it, unquoted names in upper case); a type that does not exist raises undefined_object (42704, the SQLSTATE ORA-22303 maps to); the version argument is ignored`,
  );
  return `opg_anytype_persistent(${pc.expr(a.get('SCHEMA_NAME')!)}, ${pc.expr(a.get('TYPE_NAME')!)})`;
}
