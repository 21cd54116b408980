/**
 * Oracle's implicit NUMBER → VARCHAR2 conversion where a value is stored in a character variable
 * (`s := n`, a package variable, `RETURN n` from a function returning VARCHAR2). Oracle converts
 * with TO_CHAR(n) — no trailing fractional zeros, no leading zero (1/4 → '.25', 12.50 → '12.5')
 * — where PostgreSQL's assignment cast prints the numeric as it is ('0.2500000000000000', '12.50').
 * The value becomes TO_CHAR(value) in the Oracle tree, which the expression rules convert.
 */
import type { DataType, Expr } from '../../ast/expr.js';
import { classOfDataType, inferType } from '../../rules/infer.js';
import type { PlContext } from './context.js';

/** `value` as Oracle converts it for a target of Oracle type `target` (unchanged unless a non-integer number goes to text). */
export function implicitText(value: Expr, target: DataType | undefined, pc: PlContext): Expr {
  const to = target && pc.oracleType(target);
  if (!to || classOfDataType(to).cls !== 'string') return value;
  const from = inferType(value, pc.ectx);
  // Integers print the same either way; BINARY_DOUBLE text differs in other ways (not handled here).
  if (from.cls !== 'number' || from.pg !== 'numeric') return value;
  return { kind: 'call', name: ['TO_CHAR'], args: [{ value }] };
}

/** The declared type of an assignment target that is a variable or parameter of the unit. */
export function targetType(target: Expr, pc: PlContext): DataType | undefined {
  if (target.kind !== 'column' || target.parts.length !== 1) return undefined;
  return pc.lookup(target.parts[0])?.type;
}
