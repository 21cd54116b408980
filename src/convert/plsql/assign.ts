/**
 * Assignments whose target PL/pgSQL cannot write directly, done as a read-modify-write:
 *
 *   pkg_var(i).field := v, pkg_rec.field := v, pkg_var(i).list(j) := v …
 *       a package variable is read through its getter: its value goes into a local of its type,
 *       the local is changed, and the package setter stores it back;
 *   rec.map(k)(n)(i) := v, map(k)(n).field := v …
 *       an element of a string-indexed associative array (jsonb) with more than one step after it:
 *       the element goes into a local of the element type (created empty when the key is missing,
 *       as Oracle creates it), the rest of the target is assigned in the local, and the element is
 *       stored back under its key.
 *
 * The inner assignments are emitted by the statement emitter again, so each level uses the rules
 * that exist for one level (collection elements, record fields, associative arrays).
 */
import type { OraName } from '../../ast/common.js';
import type { DataType, Expr, FuncArg } from '../../ast/expr.js';
import type { Declaration, PlStatement } from '../../ast/plsql.js';
import { pgNameOf, quoteIdent } from '../../emit/quote.js';
import { mapElementType, mapElementValue, mapOf } from './assoc.js';
import { chainType } from './chains.js';
import type { PlContext } from './context.js';

type Step = { kind: 'index'; expr: Expr } | { kind: 'field'; name: OraName };

/** A target as a name path and the steps after it (`a.b(i).c(j)` → [A, B] then (i) .C (j)). */
function decompose(t: Expr): { base: OraName[]; steps: Step[] } | undefined {
  switch (t.kind) {
    case 'column':
      return t.parts.some((p) => p.startsWith('%')) ? undefined : { base: t.parts, steps: [] };
    case 'call':
      return t.args.length === 1 && !t.args[0].name && !t.over
        ? { base: t.name, steps: [{ kind: 'index', expr: t.args[0].value }] }
        : undefined;
    case 'subscript': {
      const p = decompose(t.operand);
      return p && { base: p.base, steps: [...p.steps, { kind: 'index', expr: t.index }] };
    }
    case 'field': {
      const p = t.field === '*' ? undefined : decompose(t.operand);
      return p && { base: p.base, steps: [...p.steps, { kind: 'field', name: t.field }] };
    }
    case 'method': {
      // x.c(i) after an element or a call: the element i of the collection field c (chains.ts).
      const p = t.args.length === 1 && !t.args[0].name ? decompose(t.operand) : undefined;
      return p && { base: p.base, steps: [...p.steps, { kind: 'field', name: t.name }, { kind: 'index', expr: t.args[0].value }] };
    }
    case 'paren':
      return decompose(t.expr);
    default:
      return undefined;
  }
}

/** The Oracle target of a name path and steps (the inverse of decompose). */
function rebuild(base: OraName[], steps: Step[]): Expr {
  let e: Expr = { kind: 'column', parts: base };
  steps.forEach((s, i) => {
    if (s.kind === 'field')
      e =
        e.kind === 'column'
          ? { kind: 'column', parts: [...e.parts, s.name] }
          : { kind: 'field', operand: e, field: s.name };
    else if (i === 0 && e.kind === 'column') e = { kind: 'call', name: e.parts, args: [{ value: s.expr }] };
    else e = { kind: 'subscript', operand: e, index: s.expr };
  });
  return e;
}

const temps = new WeakMap<PlContext, number>();
/** A local name for the read-modify-write (unique in the unit, so levels can nest). */
function tempName(pc: PlContext, prefix: string): OraName {
  const n = (temps.get(pc) ?? 0) + 1;
  temps.set(pc, n);
  return `${prefix}${n}`;
}

/** Declares a temporary in a scope of its own while `body` emits the statements using it. */
function withTemp(pc: PlContext, name: OraName, type: DataType, body: () => string[]): string[] {
  pc.push();
  try {
    const d: Declaration = { kind: 'variable', name, type, constant: false, notNull: false };
    pc.declareDecl(d);
    return body();
  } finally {
    pc.pop();
  }
}

/**
 * Statements assigning `value` to `target` when the target needs a read-modify-write (see the
 * module comment); undefined when it does not. `emit` emits a simpler assignment.
 */
export function deepAssign(
  target: Expr,
  value: Expr,
  pc: PlContext,
  emit: (target: Expr, value: Expr) => string[],
): string[] | undefined {
  const path = decompose(target);
  if (!path) return undefined;
  // A package variable at the root, with something after it (pkg_var := v and pkg_var(i) := v
  // have their own rules).
  if (!pc.lookup(path.base[0])) {
    for (const n of [1, 2]) {
      if (path.base.length < n) break;
      const pv = pc.packageVariable({ kind: 'column', parts: path.base.slice(0, n) });
      if (!pv) continue;
      const fields = path.base.slice(n);
      const simple =
        !fields.length &&
        (path.steps.length === 0 || (path.steps.length === 1 && path.steps[0].kind === 'index'));
      if (simple) return undefined;
      const d = pv.info.variables.get(pv.name)!;
      const temp = tempName(pc, 'OPG_PV');
      const type = pc.resolvedType(d.type, pv.name);
      const getter = `${quoteIdent(pc.ectx.mapSchema(pv.info.name))}.${quoteIdent(pgNameOf(pv.name))}()`;
      const setter = `${quoteIdent(pc.ectx.mapSchema(pv.info.name))}.${quoteIdent(`opg_set_${pgNameOf(pv.name)}`)}`;
      return withTemp(pc, temp, d.type, () => [
        'DECLARE',
        `  ${quoteIdent(pgNameOf(temp))} ${type} := ${getter};`,
        'BEGIN',
        ...emit(rebuild([temp, ...fields], path.steps), value).map((l) => `  ${l}`),
        `  PERFORM ${setter}(${quoteIdent(pgNameOf(temp))});`,
        'END;',
      ]);
    }
    return undefined;
  }
  // A string-indexed associative array named by the path (a, rec.a) whose element is changed
  // deeper than the rules of assoc.ts go (they ran first: a(k) := v, a(k).f := v, a(k)(i) := v).
  const m = path.steps.length >= 2 && path.steps[0].kind === 'index' ? mapOf(path.base, pc) : undefined;
  if (!m) return undefined;
  const temp = tempName(pc, 'OPG_ELEM');
  const label = path.base.join('.');
  const type = pc.resolvedType(m.element, label);
  const read = mapElementValue(m, (path.steps[0] as Extract<Step, { kind: 'index' }>).expr, label, pc);
  return withTemp(pc, temp, m.element, () => [
    'DECLARE',
    `  ${quoteIdent(pgNameOf(temp))} ${type} := ${read};`,
    'BEGIN',
    ...emit(rebuild([temp], path.steps.slice(1)), value).map((l) => `  ${l}`),
    ...emit(rebuild(path.base, path.steps.slice(0, 1)), { kind: 'column', parts: [temp] }).map(
      (l) => `  ${l}`,
    ),
    'END;',
  ]);
}

/**
 * EXTEND / TRIM / DELETE called on a collection PL/pgSQL cannot change in place (an element of a
 * string-indexed associative array: `info.by_name(k).delete(i)`, a collection reached through a
 * chain): the collection goes into a local of its type, the method runs on the local, and the
 * local is assigned back through the assignment rules. Undefined when the operand is not a
 * collection of a known type. `emit` emits a statement.
 */
export function collectionMethodThrough(
  operand: Expr,
  method: string,
  args: FuncArg[],
  pc: PlContext,
  emit: (s: PlStatement) => string[],
): string[] | undefined {
  if (!['EXTEND', 'TRIM', 'DELETE'].includes(method)) return undefined;
  const t = chainType(operand, pc);
  if (!t || !(pc.isCollectionType(t) || mapElementType(t, pc))) return undefined;
  const temp = tempName(pc, 'OPG_COLL');
  const read = pc.expr(operand);
  return withTemp(pc, temp, t, () => [
    'DECLARE',
    `  ${quoteIdent(pgNameOf(temp))} ${pc.resolvedType(t, temp)} := ${read};`,
    'BEGIN',
    ...emit({ kind: 'call', call: { kind: 'call', name: [temp, method], args } }).map((l) => `  ${l}`),
    ...emit({ kind: 'assign', target: operand, value: { kind: 'column', parts: [temp] } }).map((l) => `  ${l}`),
    'END;',
  ]);
}
