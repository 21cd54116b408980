/**
 * Functions with OUT / IN OUT parameters. PostgreSQL has them, but such a function returns its
 * OUT values as one record and has no separate return value. The calling convention:
 *
 *   FUNCTION f(a IN t1, b OUT t2, c IN OUT t3) RETURN r
 *   → FUNCTION f(a t1, OUT b t2, INOUT c t3, OUT opg_result r)   (RETURNS record)
 *
 * The return value is the last OUT column, opg_result; `RETURN x` in the body becomes
 * `opg_result := x; RETURN;` (units.ts, statements.ts). The call takes the IN and IN OUT arguments
 * only, and a PL/SQL assignment `v := f(x, y, z)` becomes
 *
 *   DECLARE opg_o record; BEGIN
 *     SELECT * INTO opg_o FROM f(x, z);
 *     y := opg_o.b; z := opg_o.c; v := opg_o.opg_result;
 *   END;
 *
 * so the caller gets the return value and every OUT value, in Oracle's order (OUT arguments
 * first, then the assignment target). A call anywhere else in an expression is not converted
 * (the caller must assign the result to a variable first); `RETURN f(x, y)` returns opg_o.opg_result
 * after the OUT assignments.
 */
import type { Expr, FuncCall } from '../../ast/expr.js';
import type { Subprogram } from '../../ast/plsql.js';
import { pgNameOf, quoteIdent } from '../../emit/quote.js';
import type { PlsqlUnit } from '../../ast/ddl.js';
import type { ConvertContext } from '../context.js';
import type { PlContext } from './context.js';
import { methodOutCall } from './objects.js';
import { assignsEnclosing, extraArgs, liftedUnit, nestedName } from './nested.js';
import { candidatesOf, chooseOverload, qualifiedOverloads, visibleOverloads } from './overload-resolution.js';

/** Standalone functions with OUT parameters of the sources, by name (registered before conversion). */
const standalone = new WeakMap<ConvertContext, Map<string, Subprogram>>();

/** Records a standalone function with OUT parameters (called while the model is built). */
export function noteOutFunction(unit: PlsqlUnit, ctx: ConvertContext): void {
  if (unit.ast?.kind !== 'subprogram' || !hasOutParams(unit.ast.unit)) return;
  let m = standalone.get(ctx);
  if (!m) standalone.set(ctx, (m = new Map()));
  m.set(unit.name.name, { ...unit.ast.unit, name: unit.name });
}

/** Name of the OUT column that holds the return value. */
export const RESULT_COLUMN = 'opg_result';

export const hasOutParams = (u: Subprogram): boolean => u.kind === 'function' && u.params.some((p) => p.mode !== 'IN');

/** The package function with OUT parameters a call reaches, when it is one. */
export function outFunctionCall(x: Expr, pc: PlContext): { call: FuncCall; unit: Subprogram; pkg?: string } | undefined {
  // A member function of an object type (obj.m(…), SELF's m(…)).
  const method = methodOutCall(x, pc);
  if (method) return method;
  // A nested function that assigns variables of the enclosing unit (nested.ts).
  const lifted = x.kind === 'call' ? nestedName(pc, x.name) : x.kind === 'column' && x.parts.length === 1 ? nestedName(pc, x.parts) : undefined;
  const liftedFn = lifted && assignsEnclosing(lifted) ? liftedUnit(lifted) : undefined;
  if (lifted && liftedFn) {
    const args = x.kind === 'call' ? x.args : [];
    return { call: { kind: 'call', name: [liftedFn.name.name], args: [...args, ...extraArgs(lifted)] }, unit: liftedFn };
  }
  if (x.kind !== 'call' || x.name.length > 2 || (x.name.length === 2 && pc.lookup(x.name[0])) || (x.name.length === 1 && pc.lookup(x.name[0]))) return undefined;
  const ref = pc.packageMember(x.name);
  if (!ref) {
    // A standalone function (NAME or SCHEMA.NAME).
    const unit = standalone.get(pc.cctx)?.get(x.name[x.name.length - 1]);
    if (!unit || (x.name.length === 2 && unit.name.schema !== x.name[0])) return undefined;
    return { call: x, unit };
  }
  // The overload Oracle runs (overload-resolution.ts): by the argument types, not by their
  // count only (f(a BFILE, b IN OUT BLOB) and f(a VARCHAR2, b VARCHAR2 DEFAULT USER) both take two).
  const units = candidatesOf(visibleOverloads(qualifiedOverloads(ref.info.overloads?.get(ref.member) ?? [], ref.info), ref.info, pc), 'function');
  const choice = chooseOverload(units, x.args, pc);
  const unit = choice.unit ?? (choice.remaining.length && choice.remaining.every(hasOutParams) ? choice.remaining[0] : undefined);
  if (!unit || !hasOutParams(unit)) return undefined;
  return { call: x, unit, pkg: ref.info.name };
}

/**
 * `target := f(…)` for a function with OUT parameters: the statements of a block that calls it
 * once and assigns the OUT values and the result; `assign` emits one assignment statement.
 */
export function outFunctionAssign(
  of: { call: FuncCall; unit: Subprogram; pkg?: string },
  target: Expr,
  pc: PlContext,
  assign: (target: Expr, value: Expr) => string[],
  /** What to do with the return value instead of assigning it to `target` (RETURN f(…)). */
  result?: (value: Expr) => string[],
): string[] {
  const { call, unit } = of;
  const owner = of.pkg ?? unit.name.schema;
  const fn = `${owner ? `${quoteIdent(pc.ectx.mapSchema(owner))}.` : ''}${quoteIdent(pgNameOf(unit.name.name))}`;
  const label = `${of.pkg ? `${of.pkg}.` : ''}${unit.name.name}`;
  const argOf = (i: number) => {
    const p = unit.params[i];
    return call.args.find((a) => a.name === p.name) ?? (call.args[i] && !call.args[i].name ? call.args[i] : undefined);
  };
  const inArgs: string[] = [];
  const outs: { target: Expr; column: string }[] = [];
  const named = call.args.some((a) => a.name);
  unit.params.forEach((p, i) => {
    const a = argOf(i);
    if (p.mode !== 'OUT' && a) inArgs.push(named ? `${quoteIdent(pgNameOf(p.name))} => ${pc.expr(a.value)}` : pc.expr(a.value));
    if (p.mode !== 'IN') {
      if (!a) pc.fail(`call of ${label}: no argument for its ${p.mode} parameter ${p.name}`);
      else outs.push({ target: a.value, column: quoteIdent(pgNameOf(p.name)) });
    }
  });
  pc.report('OPG-PLSQL-0033', {
    detail: `${label} has OUT parameters: the call became SELECT * INTO a record from the function (its OUT values and the return value ${RESULT_COLUMN}), assigned to the OUT arguments and the target`,
  });
  const col = (c: string): Expr => ({ kind: 'pseudo', name: `opg_o.${c}` }) as Expr;
  return [
    'DECLARE',
    '  opg_o record;',
    'BEGIN',
    `  SELECT * INTO opg_o FROM ${fn}(${inArgs.join(', ')});`,
    ...outs.flatMap((o) => assign(o.target, col(o.column)).map((l) => `  ${l}`)),
    ...(result ? result(col(RESULT_COLUMN)) : assign(target, col(RESULT_COLUMN))).map((l) => `  ${l}`),
    'END;',
  ];
}
