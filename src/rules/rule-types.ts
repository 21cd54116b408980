import type { Expr, FuncCall } from '../ast/expr.js';
import type { ExprContext } from './builders.js';
import type { OraType } from './infer.js';

/**
 * A function rewrite: `args` are the rewritten arguments, `c` the call with them, `orig` the
 * Oracle arguments (for type inference) and `types` their inferred Oracle types.
 */
export type FunctionRule = (
  args: Expr[],
  c: FuncCall,
  ctx: ExprContext,
  orig: Expr[],
  types: OraType[],
) => Expr;
