/**
 * Binary operators whose meaning depends on operand types: `||` (NULL-ignoring concatenation),
 * `/` (never truncating), date ± number, date − date, and comparisons between a string and a
 * number (Oracle compares numerically).
 */
import type { BinaryExpr, Expr } from '../ast/expr.js';
import { bin, call, cast, type ExprContext, report } from './builders.js';
import { addDays, daysBetween, isDateType, nlsDateLiteral } from './functions-date.js';
import { divide } from './functions-number.js';
import { describe, inferType, type OraType } from './infer.js';
import { concatOperands } from './nulls.js';
import { charPadded } from './functions-string.js';

const COMPARISONS = new Set(['=', '<>', '<', '>', '<=', '>=']);

/** Operands of a `||` chain, parentheses included: (a || b) || c → a, b, c. */
function concatLeaves(e: Expr): Expr[] {
  if (e.kind === 'binary' && e.op === '||') return [...concatLeaves(e.left), ...concatLeaves(e.right)];
  if (e.kind === 'paren') {
    const inner = concatLeaves(e.expr);
    return inner.length > 1 ? inner : [e];
  }
  return [e];
}

export function rewriteBinary(e: BinaryExpr, ctx: ExprContext, rewrite: (x: Expr) => Expr): Expr {
  if (e.op === '||') {
    const leaves = concatLeaves(e);
    return concatOperands(
      leaves.map((orig) => ({ orig, expr: rewrite(orig), type: inferType(orig, ctx) })),
      ctx,
    );
  }
  let left = rewrite(e.left);
  let right = rewrite(e.right);
  // Arithmetic on text (a VARCHAR2 variable or column, a text literal): Oracle converts the text
  // to a NUMBER; PostgreSQL has no varchar * integer (and reads '12.5' * 2 as an integer).
  const arithmetic = e.op === '+' || e.op === '-' || e.op === '*' || e.op === '/';
  const toNumber = (x: Expr, t: OraType): [Expr, OraType] =>
    arithmetic && t.cls === 'string' ? [cast(x, 'numeric'), { cls: 'number', pg: 'numeric' }] : [x, t];
  if (e.op === '**') return call('power', left, right);
  if (e.op === '*') {
    [left] = toNumber(left, inferType(e.left, ctx));
    [right] = toNumber(right, inferType(e.right, ctx));
  }
  if (e.op === '/' || e.op === '+' || e.op === '-' || COMPARISONS.has(e.op)) {
    let lt = inferType(e.left, ctx);
    let rt = inferType(e.right, ctx);
    [left, lt] = toNumber(left, lt);
    [right, rt] = toNumber(right, rt);
    if (e.op === '/') return divide(left, right, lt, rt, e, ctx);
    if (e.op === '+' || e.op === '-') return dateArithmetic(e, left, right, lt, rt, ctx);
    return compare(e, left, right, lt, rt, ctx);
  }
  return { ...e, left, right };
}

/**
 * An INTERVAL YEAR TO MONTH value (INTERVAL 'n' MONTH / YEAR / YEAR TO MONTH, NUMTOYMINTERVAL,
 * TO_YMINTERVAL): added to a date whose day is not in the target month, Oracle raises ORA-01839
 * where PostgreSQL returns the last day of that month (reported, OPG-EXPR-0026).
 */
function yearMonthInterval(e: Expr): boolean {
  if (e.kind === 'paren') return yearMonthInterval(e.expr);
  if (e.kind === 'unary') return yearMonthInterval(e.operand);
  if (e.kind === 'interval-literal') return /^(YEAR|MONTH)/i.test(e.from);
  return e.kind === 'call' && e.name.length === 1 && (e.name[0] === 'NUMTOYMINTERVAL' || e.name[0] === 'TO_YMINTERVAL');
}

function dateArithmetic(
  e: BinaryExpr,
  left: Expr,
  right: Expr,
  lt: OraType,
  rt: OraType,
  ctx: ExprContext,
): Expr {
  const op = e.op as '+' | '-';
  const numberish = (t: OraType) => t.cls === 'number' || t.cls === 'null';
  if (isDateType(lt)) {
    if (op === '-' && lt.cls === 'date' && rt.cls === 'date') return daysBetween(left, right);
    if (numberish(rt)) return addDays(left, right, op);
    if (rt.cls === 'interval' && yearMonthInterval(e.right)) {
      const r = e.right;
      const expr = r.kind === 'interval-literal' ? `INTERVAL '${r.value}' ${r.from}${r.to ? ` TO ${r.to}` : ''}` : describe(r);
      report(ctx, 'OPG-EXPR-0026', { expr });
    }
    if (rt.cls === 'unknown' && op === '+') {
      report(ctx, 'OPG-EXPR-0005', {
        expr: describe(e.right),
        assumption: 'it was added to a date as a number of days',
      });
      return addDays(left, right, op);
    }
    if (rt.cls === 'unknown')
      report(ctx, 'OPG-EXPR-0005', {
        expr: describe(e.right),
        assumption:
          'the date subtraction was kept as is (a date gives an interval on PostgreSQL, days in Oracle)',
      });
  } else if (op === '+' && isDateType(rt) && numberish(lt)) {
    return addDays(right, left, '+');
  }
  return bin(op, left, right);
}

function compare(e: BinaryExpr, left: Expr, right: Expr, lt: OraType, rt: OraType, ctx: ExprContext): Expr {
  // A date compared with a text literal: Oracle reads the text with NLS_DATE_FORMAT (DD-MON-RR).
  if (isDateType(lt) && rt.cls === 'string') right = nlsDateLiteral(right, ctx) ?? right;
  if (isDateType(rt) && lt.cls === 'string') left = nlsDateLiteral(left, ctx) ?? left;
  // Oracle converts the string side to a number when the other side is a number.
  if (lt.cls === 'string' && rt.cls === 'number') return bin(e.op, cast(left, 'numeric'), right);
  if (lt.cls === 'number' && rt.cls === 'string') return bin(e.op, left, cast(right, 'numeric'));
  // A CHAR(n) column compared with a VARCHAR2 column or variable: Oracle uses nonpadded semantics
  // (the CHAR value keeps its trailing blanks, 'ab    ' <> 'ab'); PostgreSQL compares char(n)
  // without its padding. Both sides declared, so the CHAR side is padded back to n.
  const varchar = (t: OraType, x: Expr) => t.cls === 'string' && !t.charLength && x.kind === 'column';
  if (lt.charLength && e.left.kind === 'column' && varchar(rt, e.right)) return bin(e.op, charPadded(left, lt, e.left), right);
  if (rt.charLength && e.right.kind === 'column' && varchar(lt, e.left)) return bin(e.op, left, charPadded(right, rt, e.right));
  return { ...e, left, right };
}
