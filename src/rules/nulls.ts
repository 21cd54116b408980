/**
 * NULL semantics. Oracle treats '' as NULL: concatenation ignores NULL operands (but the result
 * of concatenating only NULLs is NULL), and no function returns ''. NVL/NVL2/DECODE/COALESCE,
 * GREATEST/LEAST (NULL when any argument is NULL in Oracle).
 */
import type { Expr } from '../ast/expr.js';
import { bin, call, cast, type ExprContext, isNull, lit, NULL, noEmpty, or, report } from './builders.js';
import { asText, charPadded } from './functions-string.js';
import { describe, type OraType } from './infer.js';
import type { FunctionRule } from './rule-types.js';

export interface Operand {
  expr: Expr;
  orig: Expr;
  type: OraType;
}

/**
 * Oracle concatenation of operands: NULL operands are skipped, numbers and dates get their
 * implicit text, and the result is NULL instead of ''. Built with `||` over coalesce(x, '')
 * (immutable, unlike concat()), wrapped in nullif(…, '') unless an operand is known non-empty.
 */
export function concatOperands(ops: Operand[], ctx: ExprContext): Expr {
  const parts = ops.filter((o) => o.type.cls !== 'null');
  if (!parts.length) return NULL;
  const texts = parts.map((o) => {
    if (o.type.cls === 'unknown' && o.expr.kind !== 'bind')
      report(ctx, 'OPG-EXPR-0005', {
        expr: describe(o.orig),
        assumption: 'it is concatenated as text (numbers and dates would need TO_CHAR to match Oracle)',
      });
    return { ...o, expr: charPadded(asText(o.expr, o.type, ctx, o.orig), o.type, o.orig) };
  });
  // A RAW / BLOB operand becomes its hexadecimal digits in upper case, as Oracle converts RAW to
  // VARCHAR2 (RAWTOHEX); bytea::text would give PostgreSQL's '\x…' output form.
  const textual = (o: Operand) =>
    o.type.cls === 'binary' ? call('upper', call('encode', o.expr, lit('hex'))) : o.type.cls === 'unknown' ? cast(o.expr, 'text') : o.expr;
  if (texts.length === 1) {
    const only = texts[0];
    return only.type.cls === 'string' ? only.expr : textual(only);
  }
  const pieces = texts.map((o) => (o.type.notNull ? o.expr : call('coalesce', textual(o), lit(''))));
  const joined = pieces.reduce((a, b) => bin('||', a, b));
  return texts.some((o) => o.type.notNull) ? joined : noEmpty(joined);
}

/** NVL/COALESCE: Oracle converts the other arguments to the type of the first one. */
function sameTypeArgs(a: Expr[], types: OraType[], ctx: ExprContext, orig: Expr[], from = 0): Expr[] {
  const first = types.slice(from).find((t) => t.cls !== 'null' && t.cls !== 'unknown');
  if (!first) return a;
  return a.map((x, i) => {
    const t = types[i];
    if (first.cls === 'string' && t.cls !== 'string') return asText(x, t, ctx, orig[i]);
    if (first.cls === 'number' && t.cls === 'string') return cast(x, 'numeric');
    return x;
  });
}

const PG_TYPE_OF_CLASS: Partial<Record<string, string>> = {
  number: 'numeric',
  string: 'text',
  date: 'timestamp',
  timestamp: 'timestamp',
  interval: 'interval',
};

function greatestLeast(name: 'greatest' | 'least'): FunctionRule {
  return (args, _c, ctx, orig, types) => {
    // Oracle converts every argument to the type of the first one (a number: the highest numeric
    // precedence), so GREATEST('10', 9) compares text and returns '9' (SQL Language Reference,
    // GREATEST); PostgreSQL would resolve both to integer.
    const a = types[0]?.cls === 'string' || types[0]?.cls === 'number' ? sameTypeArgs(args, types, ctx, orig) : args;
    const nullable = a.filter((_, i) => !types[i]?.notNull);
    if (types.some((t) => t.cls === 'null')) {
      // NULL of the arguments' type, so PostgreSQL does not have to guess it (text).
      const known = types.find((t) => t.cls !== 'null' && t.cls !== 'unknown');
      const pgType = known && PG_TYPE_OF_CLASS[known.cls];
      return pgType ? { kind: 'pg-cast', operand: NULL, type: { kind: 'datatype', name: pgType, args: [] } } : NULL;
    }
    const r = call(name, ...a);
    if (!nullable.length) return r;
    // Oracle returns NULL when any argument is NULL; PostgreSQL ignores NULLs.
    return { kind: 'case', whens: [{ when: or(...nullable.map((x) => isNull(x))), then: NULL }], else: r };
  };
}

export const NULL_RULES: Record<string, FunctionRule> = {
  NVL: (a, _c, ctx, orig, types) => call('coalesce', ...sameTypeArgs(a, types, ctx, orig)),
  COALESCE: (a, _c, ctx, orig, types) => call('coalesce', ...sameTypeArgs(a, types, ctx, orig)),
  NULLIF: (a) => call('nullif', ...a),
  // NVL2(e, x, y): "If expr2 is character data, then Oracle converts expr3 to the data type of expr2
  // … If expr2 is numeric, then Oracle determines which argument has the highest numeric
  // precedence" — the results in one type, as for NVL (NVL2(s, 'has', 0) gives '0').
  NVL2: (a, _c, ctx, orig, types) => {
    const [x, y] = a.length > 2 ? sameTypeArgs(a.slice(1, 3), types.slice(1, 3), ctx, orig.slice(1, 3)) : [a[1], NULL];
    return { kind: 'case', whens: [{ when: isNull(a[0], true), then: x }], else: y ?? NULL };
  },
  DECODE: (args, _c, ctx, orig, types) => {
    // Oracle compares expr and every search in the type of the first search, and returns every
    // result in the type of the first result (SQL Language Reference, DECODE): DECODE(n, 10, 'TEN',
    // 20, 2) returns '2', and DECODE(code_text, 1, …) compares numbers.
    const a = args.slice();
    const searches = [0, ...a.map((_, i) => i).filter((i) => i % 2 === 1 && i + 1 < a.length)];
    const results = a.map((_, i) => i).filter((i) => i >= 2 && (i % 2 === 0 || i === a.length - 1));
    for (const group of [searches, results]) {
      const conv = sameTypeArgs(
        group.map((i) => a[i]),
        group.map((i) => types[i]),
        ctx,
        group.map((i) => orig[i]),
        group === searches ? 1 : 0,
      );
      group.forEach((i, k) => {
        a[i] = conv[k];
      });
    }
    const [subject, ...rest] = a;
    const whens: { when: Expr; then: Expr }[] = [];
    let i = 0;
    for (; i + 1 < rest.length; i += 2) {
      const search = rest[i];
      // DECODE matches NULL with NULL: IS NOT DISTINCT FROM keeps that; plain literals can use "=".
      const nullable = !(search.kind === 'literal' && search.type !== 'null');
      const when: Expr =
        search.kind === 'literal' && search.type === 'null'
          ? isNull(subject)
          : { kind: 'binary', op: nullable ? 'IS NOT DISTINCT FROM' : '=', left: subject, right: search };
      whens.push({ when, then: rest[i + 1] });
    }
    const e: Expr = { kind: 'case', whens };
    if (i < rest.length) e.else = rest[i];
    return e;
  },
  GREATEST: greatestLeast('greatest'),
  LEAST: greatestLeast('least'),
  CONCAT: (a, _c, ctx, orig, types) =>
    concatOperands(
      a.map((expr, i) => ({ expr, orig: orig[i], type: types[i] })),
      ctx,
    ),
};
