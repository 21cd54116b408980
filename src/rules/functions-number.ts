/**
 * Number semantics: Oracle NUMBER arithmetic and functions on PostgreSQL. Division never
 * truncates, MOD(n, 0) is n, REMAINDER rounds half to even, BITAND works on numerics, and the
 * implicit NUMBER → text conversion prints like TO_CHAR(n) (no trailing zeros, no leading 0).
 */
import type { Expr } from '../ast/expr.js';
import {
  bin,
  call,
  caseWhen,
  cast,
  type ExprContext,
  isSimple,
  lit,
  num,
  numberValue,
  paren,
  report,
} from './builders.js';
import { describe, type OraType } from './infer.js';
import type { FunctionRule } from './rule-types.js';

/** May the PostgreSQL type of this number be an integer type (so that `/` would truncate)? */
export function maybeInteger(t: OraType): boolean {
  if (t.cls === 'number') return t.pg !== 'numeric' && t.pg !== 'float';
  return t.cls === 'unknown' || t.cls === 'null';
}

/**
 * Oracle `a / b`: a true division. When both operands may have an integer PostgreSQL type the
 * dividend is cast to numeric (integer division would truncate).
 */
export function divide(
  left: Expr,
  right: Expr,
  lt: OraType,
  rt: OraType,
  orig: Expr,
  ctx: ExprContext,
): Expr {
  if (lt.cls === 'interval' || rt.cls === 'interval') return bin('/', left, right);
  if (!maybeInteger(lt) || !maybeInteger(rt)) return bin('/', left, right);
  if (lt.cls === 'unknown' || rt.cls === 'unknown')
    report(ctx, 'OPG-EXPR-0005', {
      expr: describe(orig),
      assumption: 'the division was made exact with a numeric cast (Oracle division never truncates)',
    });
  return bin('/', cast(left, 'numeric'), right);
}

/** Oracle's text for a number literal (TO_CHAR default): no trailing zeros, no leading zero. */
function literalText(value: string): string | undefined {
  if (!/^\d*\.?\d*$/.test(value) || value === '.' || value === '') return undefined;
  let [int, frac = ''] = value.split('.');
  int = int.replace(/^0+/, '');
  frac = frac.replace(/0+$/, '');
  if (!int && !frac) return '0';
  return frac ? `${int}.${frac}` : int;
}

/**
 * TO_CHAR(n) without a format, and the implicit NUMBER → text conversion: trailing fractional
 * zeros dropped (trim_scale) and no leading zero before the decimal point (.5, -.5).
 */
export function numberToText(e: Expr, t: OraType): Expr {
  if (e.kind === 'literal' && e.type === 'number') {
    const text = literalText(e.value);
    if (text !== undefined) return lit(text);
  }
  if (t.pg === 'int' || t.pg === 'bigint' || t.pg === 'float') return cast(e, 'text');
  // trim_scale takes numeric only: a value whose PostgreSQL type is not known is cast first.
  const n = t.pg === 'numeric' ? e : cast(e, 'numeric');
  return call('regexp_replace', cast(call('trim_scale', n), 'text'), lit('^(-?)0\\.'), lit('\\1.'));
}

/** An integer argument (SUBSTR positions, LPAD lengths): Oracle truncates fractional values. */
export function intArg(e: Expr, t: OraType): Expr {
  if (t.pg === 'int') return e;
  if (e.kind === 'literal' && e.type === 'number' && /^\d+$/.test(e.value)) return e;
  const v = numberValue(e);
  if (v !== undefined && Number.isFinite(v)) return num(Math.trunc(v));
  if (t.pg === 'numeric' || t.pg === 'float') return cast(call('trunc', e), 'integer');
  return cast(e, 'integer');
}

/** Arguments holding text where Oracle expects a number (MOD(txt, 3), ABS(txt)): numeric. */
const numericArgs = (a: Expr[], types: OraType[], which: number[]): Expr[] =>
  a.map((x, i) =>
    which.includes(i) && ((types[i]?.cls === 'string' && x.kind === 'column') || types[i]?.pg === 'float')
      ? cast(x, 'numeric')
      : x,
  );

/** An aggregate over text (SUM / AVG of a VARCHAR2 column): Oracle sums the numbers it holds. */
const numericAggregate: FunctionRule = (a, c, _ctx, _o, types) =>
  types[0]?.cls === 'string' && a[0]?.kind === 'column'
    ? { ...c, args: [{ ...c.args[0], value: cast(a[0], 'numeric') }] }
    : c;

export const NUMBER_RULES: Record<string, FunctionRule> = {
  SUM: numericAggregate,
  AVG: numericAggregate,
  ABS: (a, _c, _ctx, _o, types) => call('abs', ...numericArgs(a, types, [0])),
  MOD: (args, _c, _ctx, _o, types) => {
    const a = numericArgs(args, types, [0, 1]);
    const divisor = numberValue(a[1]);
    if (divisor !== undefined && divisor !== 0) return call('mod', a[0], a[1]);
    // Oracle: MOD(n, 0) = n.
    return caseWhen([[bin('=', a[1], num(0)), a[0]]], call('mod', a[0], a[1]));
  },
  REMAINDER: (a) => {
    // n2 - n1 * N, N the integer nearest n2/n1, halves to the even integer (Oracle REMAINDER).
    const q = paren(bin('/', cast(a[0], 'numeric'), a[1]));
    const nearest = caseWhen(
      [
        [
          bin('=', call('abs', bin('-', q, call('trunc', q))), num('0.5')),
          bin('*', num(2), call('round', bin('/', q, num(2)))),
        ],
      ],
      call('round', q),
    );
    return bin('-', a[0], bin('*', a[1], nearest));
  },
  BITAND: (a, _c, _ctx, _o, types) => {
    const big = (e: Expr, t: OraType) => (t.pg === 'int' || t.pg === 'bigint' ? e : cast(e, 'bigint'));
    return paren(bin('&', big(a[0], types[0]), big(a[1], types[1])));
  },
  // Oracle returns NUMBER; PostgreSQL's power / sqrt / exp / ln / sign of an integer or float
  // argument return double precision (binary rounding, and number-to-text conversions expect
  // numeric): the argument is made numeric. The trigonometric functions exist for double
  // precision only: their result is cast to numeric.
  POWER: (a, _c, _ctx, _o, types) => call('power', asNumeric(a[0], types[0]), ...a.slice(1)),
  SIGN: (a, _c, _ctx, _o, types) => call('sign', asNumeric(a[0], types[0])),
  SQRT: (a, _c, _ctx, _o, types) => call('sqrt', asNumeric(a[0], types[0])),
  EXP: (a, _c, _ctx, _o, types) => call('exp', asNumeric(a[0], types[0])),
  LN: (a, _c, _ctx, _o, types) => call('ln', asNumeric(a[0], types[0])),
  ...Object.fromEntries(
    ['SIN', 'COS', 'TAN', 'ASIN', 'ACOS', 'ATAN', 'ATAN2', 'SINH', 'COSH', 'TANH'].map((f): [string, FunctionRule] => [
      f,
      (a) => cast(call(f.toLowerCase(), ...a), 'numeric'),
    ]),
  ),
};

/** A numeric argument: as it is when it is numeric already, else cast (literals and integers included). */
function asNumeric(e: Expr, t: OraType | undefined): Expr {
  return t?.pg === 'numeric' && !(e.kind === 'literal' && e.type === 'number') ? e : cast(e, 'numeric');
}

/** Are both operands simple enough to be repeated in a CASE? */
export const repeatable = (...items: Expr[]): boolean => items.every(isSimple);
