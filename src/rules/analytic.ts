/**
 * Analytic and aggregate forms without a PostgreSQL counterpart, rewritten natively.
 *
 * Aggregate KEEP (DENSE_RANK FIRST|LAST ORDER BY …): the aggregate over the rows that rank
 * first (or last) in the ORDER BY. For MIN and MAX this is the first element of an array_agg
 * ordered by the KEEP keys and then by the value itself (NULL values last), which picks the
 * minimum (maximum) among the tied rows: (array_agg(x ORDER BY k…, x [DESC] NULLS LAST))[1].
 */
import type { Expr, FrameBound, FuncCall, OrderItem, WindowSpec } from '../ast/expr.js';
import { call, type ExprContext, NULL, notConverted } from './builders.js';

/** The reverse order: ASC NULLS LAST ↔ DESC NULLS FIRST (Oracle and PostgreSQL defaults agree). */
function reverse(o: OrderItem): OrderItem {
  const nulls = o.nulls ?? (o.desc ? 'FIRST' : 'LAST');
  return { expr: o.expr, desc: !o.desc, nulls: nulls === 'FIRST' ? 'LAST' : 'FIRST' };
}

export function rewriteKeep(
  c: FuncCall,
  ctx: ExprContext,
  rewriteOrder: (o: OrderItem[]) => OrderItem[],
): FuncCall {
  const name = c.name.length === 1 ? c.name[0] : '';
  const keep = c.keep!;
  if ((name !== 'MIN' && name !== 'MAX') || c.over || c.distinct || c.args.length !== 1) {
    notConverted(ctx, `${c.name.join('.')} … KEEP (DENSE_RANK …)${c.over ? ' OVER (…)' : ''}`);
    return c;
  }
  const keys = rewriteOrder(keep.orderBy);
  const value = c.args[0].value;
  const order = [
    ...(keep.which === 'FIRST' ? keys : keys.map(reverse)),
    { expr: value, desc: name === 'MAX', nulls: 'LAST' as const },
  ];
  return { kind: 'call', name: ['array_agg'], args: [{ value }], argOrderBy: order, subscript: 1 };
}

function mirror(b: FrameBound): FrameBound {
  const flip: Record<FrameBound['type'], FrameBound['type']> = {
    'UNBOUNDED PRECEDING': 'UNBOUNDED FOLLOWING',
    'UNBOUNDED FOLLOWING': 'UNBOUNDED PRECEDING',
    PRECEDING: 'FOLLOWING',
    FOLLOWING: 'PRECEDING',
    'CURRENT ROW': 'CURRENT ROW',
  };
  return { ...b, type: flip[b.type] };
}

/** The same window read backwards: reversed ORDER BY and the mirrored frame (same rows). */
function reversedWindow(w: WindowSpec): WindowSpec {
  if (!w.orderBy.length) return w;
  const frame = w.frame ?? { unit: 'RANGE' as const, start: { type: 'UNBOUNDED PRECEDING' as const } };
  const end = frame.end ?? { type: 'CURRENT ROW' as const };
  return {
    ...w,
    orderBy: w.orderBy.map(reverse),
    frame: { unit: frame.unit, start: mirror(end), end: mirror(frame.start) },
  };
}

/**
 * FIRST_VALUE / LAST_VALUE (x IGNORE NULLS) OVER w: the first non-NULL value of the frame is
 * the first element of array_remove(array_agg(x) OVER w, NULL); LAST_VALUE reads the window
 * backwards (reversed order, mirrored frame: the same rows).
 */
export function rewriteIgnoreNulls(c: FuncCall, ctx: ExprContext): Expr {
  const name = c.name.length === 1 ? c.name[0] : '';
  if ((name !== 'FIRST_VALUE' && name !== 'LAST_VALUE') || !c.over || c.args.length !== 1) {
    notConverted(ctx, `${c.name.join('.')} … IGNORE NULLS`);
    return c;
  }
  const over = name === 'FIRST_VALUE' ? c.over : reversedWindow(c.over);
  const agg: FuncCall = { kind: 'call', name: ['array_agg'], args: [c.args[0]], over };
  return { ...call('array_remove', agg, NULL), subscript: 1 };
}
