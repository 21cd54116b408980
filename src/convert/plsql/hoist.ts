/**
 * Calls of functions with OUT / IN OUT parameters (outfunctions.ts), also member functions that
 * change SELF, inside a larger expression: `RETURN NOT obj.m(x)`, `v := coalesce(obj.m(x), FALSE)`,
 * `IF obj.m(x) > 0 THEN`. Such a call returns a record, so it runs first as a statement of its own
 * into a variable of the return type (the OUT arguments assigned as Oracle does), and the
 * expression reads the variable. Only calls that Oracle evaluates whatever the other values are
 * move: not the right side of AND / OR, not the later arguments of COALESCE / NVL / NVL2 / DECODE,
 * nothing inside CASE (moving those would run the call when Oracle does not). The ANYTYPE / ANYDATA
 * methods with OUT arguments (GetInfo, GetAttrElemInfo, GetType) move the same way.
 */
import type { DataType, Expr } from '../../ast/expr.js';
import { pgNameOf, quoteIdent } from '../../emit/quote.js';
import { isDescribingCall } from './anydata.js';
import type { PlContext } from './context.js';
import { outFunctionAssign, outFunctionCall } from './outfunctions.js';

/** Functions whose arguments after the first are evaluated only when needed. */
const LAZY = new Set(['COALESCE', 'NVL', 'NVL2', 'DECODE']);

const counters = new WeakMap<PlContext, number>();

/**
 * `e` with its unconditionally evaluated calls of functions with OUT parameters replaced by
 * variables, and the statements computing them; undefined when there is none.
 */
export function hoistOutCalls(
  e: Expr,
  pc: PlContext,
  assign: (target: Expr, value: Expr) => string[],
  /** `e` is the value of an assignment: a describing call that is all of it is assigned directly. */
  assigned = false,
): { pre: string[]; expr: Expr } | undefined {
  const pre: string[] = [];
  const visit = (x: Expr, unconditional: boolean): Expr => {
    if (unconditional) {
      const of = outFunctionCall(x, pc);
      if (of?.unit.returnType) {
        const n = (counters.get(pc) ?? 0) + 1;
        counters.set(pc, n);
        const name = `OPG_OUT${n}`;
        pc.extraDecls.set(
          `OUT:${n}`,
          `${quoteIdent(pgNameOf(name))} ${pc.resolvedType(of.unit.returnType, 'RETURN')};`,
        );
        pc.declare(name, { kind: 'variable', type: of.unit.returnType });
        const target: Expr = { kind: 'column', parts: [name] };
        pre.push(...outFunctionAssign(of, target, pc, assign));
        return target;
      }
      // ANYTYPE.GetInfo / GetAttrElemInfo, ANYDATA.GetType: a PLS_INTEGER type code (anytype.ts).
      if (!(assigned && x === e) && isDescribingCall(x, pc)) {
        const n = (counters.get(pc) ?? 0) + 1;
        counters.set(pc, n);
        const name = `OPG_OUT${n}`;
        const type: DataType = { kind: 'datatype', name: 'PLS_INTEGER', args: [] };
        pc.extraDecls.set(`OUT:${n}`, `${quoteIdent(pgNameOf(name))} ${pc.resolvedType(type, 'RETURN')};`);
        pc.declare(name, { kind: 'variable', type });
        const target: Expr = { kind: 'column', parts: [name] };
        pre.push(...assign(target, x));
        return target;
      }
    }
    switch (x.kind) {
      case 'paren': {
        const inner = visit(x.expr, unconditional);
        return inner === x.expr ? x : { ...x, expr: inner };
      }
      case 'unary': {
        const operand = visit(x.operand, unconditional);
        return operand === x.operand ? x : { ...x, operand };
      }
      case 'is-null': {
        const operand = visit(x.operand, unconditional);
        return operand === x.operand ? x : { ...x, operand };
      }
      case 'binary': {
        const lazy = x.op === 'AND' || x.op === 'OR';
        const left = visit(x.left, unconditional);
        const right = visit(x.right, unconditional && !lazy);
        return left === x.left && right === x.right ? x : { ...x, left, right };
      }
      case 'call': {
        if (x.over) return x;
        const lazy = x.name.length === 1 && LAZY.has(x.name[0]);
        let changed = false;
        const args = x.args.map((a, i) => {
          const value = visit(a.value, unconditional && (!lazy || i === 0));
          if (value !== a.value) changed = true;
          return value === a.value ? a : { ...a, value };
        });
        return changed ? { ...x, args } : x;
      }
      default:
        return x;
    }
  };
  const expr = visit(e, true);
  return pre.length ? { pre, expr } : undefined;
}
