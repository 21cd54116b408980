/**
 * Analytic and aggregate forms without a PostgreSQL counterpart, rewritten natively.
 *
 * Aggregate KEEP (DENSE_RANK FIRST|LAST ORDER BY …): the aggregate over the rows that rank
 * first (or last) in the ORDER BY. For MIN and MAX this is the first element of an array_agg
 * ordered by the KEEP keys and then by the value itself (NULL values last), which picks the
 * minimum (maximum) among the tied rows: (array_agg(x ORDER BY k…, x [DESC] NULLS LAST))[1].
 */
import type { Expr, FrameBound, FuncCall, OrderItem, WindowSpec } from '../ast/expr.js';
import { bin, call, caseWhen, cast, type ExprContext, interval, isNull, NULL, notConverted, num } from './builders.js';
import type { OraType } from './infer.js';

/** The reverse order: ASC NULLS LAST ↔ DESC NULLS FIRST (Oracle and PostgreSQL defaults agree). */
function reverse(o: OrderItem): OrderItem {
  const nulls = o.nulls ?? (o.desc ? 'FIRST' : 'LAST');
  return { expr: o.expr, desc: !o.desc, nulls: nulls === 'FIRST' ? 'LAST' : 'FIRST' };
}

export function rewriteKeep(
  c: FuncCall,
  ctx: ExprContext,
  rewriteOrder: (o: OrderItem[]) => OrderItem[],
): Expr {
  const name = c.name.length === 1 ? c.name[0] : '';
  const keep = c.keep!;
  if (['SUM', 'AVG', 'COUNT', 'STDDEV', 'VARIANCE'].includes(name) && !c.over && !c.distinct && (c.args.length === 1 || c.star))
    return keepOtherAggregate(c, name, rewriteOrder(keep.orderBy), keep.which);
  // OVER takes only PARTITION BY with KEEP (Oracle rejects ORDER BY and windowing clauses there).
  if (
    (name !== 'MIN' && name !== 'MAX') ||
    c.distinct ||
    c.args.length !== 1 ||
    (c.over && (c.over.orderBy.length || c.over.frame))
  ) {
    notConverted(ctx, `${c.name.join('.')} … KEEP (DENSE_RANK …)${c.over ? ' OVER (…)' : ''}`);
    return c;
  }
  const keys = rewriteOrder(keep.orderBy);
  const value = c.args[0].value;
  const order = [
    ...(keep.which === 'FIRST' ? keys : keys.map(reverse)),
    { expr: value, desc: name === 'MAX', nulls: 'LAST' as const },
  ];
  // Analytic form: the first row of the partition in that order holds the value (PostgreSQL has
  // no ORDER BY inside the arguments of a window aggregate).
  if (c.over)
    return {
      kind: 'call',
      name: ['first_value'],
      args: [{ value }],
      over: {
        partitionBy: c.over.partitionBy,
        orderBy: order,
        frame: { unit: 'ROWS', start: { type: 'UNBOUNDED PRECEDING' }, end: { type: 'UNBOUNDED FOLLOWING' } },
      },
    };
  return { kind: 'call', name: ['array_agg'], args: [{ value }], argOrderBy: order, subscript: 1 };
}

/**
 * SUM / AVG / COUNT(x | *) KEEP (DENSE_RANK FIRST | LAST ORDER BY k1, k2 …): the aggregate over
 * the rows whose keys equal those of the first (last) row in key order. The group's values and
 * keys are arrays sorted by the keys; a subquery unnests them side by side and aggregates the
 * rows whose keys are not distinct from the first elements' (ties all kept, NULL keys compared as
 * equal, as DENSE_RANK ranks them together):
 * (SELECT sum(x) FROM unnest(array_agg(x ORDER BY k…), array_agg(k1 ORDER BY k…) …) AS opg_keep(x, k1 …)
 *  WHERE (k1, …) IS NOT DISTINCT FROM ((array_agg(k1 ORDER BY k…))[1], …)).
 */
function keepOtherAggregate(c: FuncCall, name: string, keys: OrderItem[], which: 'FIRST' | 'LAST'): Expr {
  const order = which === 'FIRST' ? keys : keys.map(reverse);
  const sorted = (e: Expr): FuncCall => ({ kind: 'call', name: ['array_agg'], args: [{ value: e }], argOrderBy: order });
  const value: Expr = c.star ? num(1) : c.args[0].value;
  const names = ['OPG_X', ...keys.map((_, i) => `OPG_K${i + 1}`)];
  const col = (n: string): Expr => ({ kind: 'column', parts: ['OPG_KEEP', n] });
  const row = (items: Expr[]): Expr => (items.length === 1 ? items[0] : { kind: 'list', items });
  const x = col('OPG_X');
  const plain: FuncCall = c.star
    ? { kind: 'call', name: ['count'], args: [], star: true }
    : { kind: 'call', name: [name.toLowerCase()], args: [{ value: x }] };
  // STDDEV / VARIANCE of one value are 0 in Oracle (NULL for PostgreSQL's sample forms).
  const agg: Expr =
    name === 'STDDEV' || name === 'VARIANCE'
      ? caseWhen([[bin('=', call('count', x), num(1)), num(0)]], plain)
      : plain;
  return {
    kind: 'subquery',
    query: {
      kind: 'select',
      items: [{ expr: agg }],
      from: [
        {
          kind: 'table-function',
          expr: call('unnest', sorted(value), ...keys.map((k) => sorted(k.expr))),
          pipelined: true,
          alias: 'OPG_KEEP',
          columnAliases: names.map((n) => n.toLowerCase()),
        },
      ],
      where: {
        kind: 'binary',
        op: 'IS NOT DISTINCT FROM',
        left: row(keys.map((_, i) => col(`OPG_K${i + 1}`))),
        right: row(keys.map((k) => ({ kind: 'subscript', operand: sorted(k.expr), index: num(1) }) as Expr)),
      },
    },
  };
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
  if ((name === 'LAG' || name === 'LEAD') && c.over?.orderBy.length && !c.over.frame) return lagLeadIgnoreNulls(c, name, ctx);
  if (name === 'NTH_VALUE' && c.over && c.args.length === 2) {
    // The n-th non-NULL value of the frame (counted from its last row FROM LAST); NULL when the
    // frame has fewer, as Oracle returns.
    const over = c.fromLast ? reversedWindow(c.over) : c.over;
    const agg: FuncCall = { kind: 'call', name: ['array_agg'], args: [c.args[0]], over };
    return { kind: 'subscript', operand: call('array_remove', agg, NULL), index: c.args[1].value };
  }
  if ((name !== 'FIRST_VALUE' && name !== 'LAST_VALUE') || !c.over || c.args.length !== 1) {
    notConverted(ctx, `${c.name.join('.')} … IGNORE NULLS`);
    return c;
  }
  const over = name === 'FIRST_VALUE' ? c.over : reversedWindow(c.over);
  const agg: FuncCall = { kind: 'call', name: ['array_agg'], args: [c.args[0]], over };
  return { ...call('array_remove', agg, NULL), subscript: 1 };
}

/**
 * NTH_VALUE(x, n) FROM LAST OVER w: PostgreSQL counts from the first row of the frame only; the
 * n-th row from the end is the n-th of the same window read backwards (reversed order, mirrored
 * frame). FROM FIRST is PostgreSQL's nth_value.
 */
export function nthValueFromLast(c: FuncCall): FuncCall {
  const { fromLast: _, ...rest } = c;
  return c.over ? { ...rest, over: reversedWindow(c.over) } : rest;
}

/**
 * An aggregate with DISTINCT used as an analytic function (Oracle allows only PARTITION BY in its
 * OVER clause then): PostgreSQL refuses DISTINCT in a window function.
 *  - COUNT(DISTINCT x) OVER (PARTITION BY p): the number of distinct values of the partition is
 *    dense_rank() OVER (PARTITION BY p ORDER BY x) + dense_rank() OVER (PARTITION BY p ORDER BY x
 *    DESC) − 1 on every row (the ranks of a value counted from both ends), NULL ranking as one more
 *    value: minus 1 when the partition holds a NULL x, which COUNT does not count.
 *  - MIN / MAX(DISTINCT x): DISTINCT changes nothing.
 *  - Other aggregates (SUM, AVG, …): reported, left as written.
 */
export function distinctOver(c: FuncCall, ctx: ExprContext): Expr {
  const name = c.name.length === 1 ? c.name[0] : '';
  const over = c.over!;
  const { distinct: _, ...plain } = c;
  if (name === 'MIN' || name === 'MAX') return plain;
  if (name !== 'COUNT' || c.args.length !== 1 || over.orderBy.length || over.frame) {
    notConverted(
      ctx,
      `${c.name.join('.')}(DISTINCT …) OVER (…): PostgreSQL has no DISTINCT in window functions; compute it per partition in a subquery (… GROUP BY the partition keys) and join it back`,
    );
    return c;
  }
  const x = c.args[0].value;
  const rank = (desc: boolean): FuncCall => ({
    kind: 'call',
    name: ['dense_rank'],
    args: [],
    over: { partitionBy: over.partitionBy, orderBy: [desc ? { expr: x, desc: true, nulls: 'FIRST' } : { expr: x, nulls: 'LAST' }] },
  });
  const hasNull: FuncCall = {
    kind: 'call',
    name: ['max'],
    args: [{ value: caseWhen([[isNull(x), num(1)]], num(0)) }],
    over: { partitionBy: over.partitionBy, orderBy: [] },
  };
  return bin('-', bin('-', bin('+', rank(false), rank(true)), num(1)), hasNull);
}

/**
 * PERCENTILE_CONT / PERCENTILE_DISC (p) WITHIN GROUP (ORDER BY x) OVER (PARTITION BY …) and
 * MEDIAN(x) OVER (PARTITION BY …): PostgreSQL's ordered-set aggregates cannot be window functions.
 * The sorted non-NULL values of the partition are an array, array_remove(array_agg(x) OVER
 * (PARTITION BY … ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), NULL) (a),
 * of n elements, read as Oracle defines the functions:
 *  - PERCENTILE_DISC: the first value whose CUME_DIST (k / n for the k-th value) is ≥ p:
 *    a[greatest(ceil(p * n), 1)];
 *  - PERCENTILE_CONT: RN = 1 + p * (n − 1), interpolated between the values at FRN = floor(RN) and
 *    CRN = ceil(RN): a[FRN] + (RN − FRN) * (a[CRN] − a[FRN]).
 * NULL when the partition holds no value. Oracle allows only PARTITION BY in their OVER clause.
 */
export function percentileOver(c: FuncCall, kind: 'CONT' | 'DISC', p: Expr, order: OrderItem | undefined, ctx: ExprContext): Expr {
  const over = c.over!;
  const name = c.name.join('.');
  if (!order || over.orderBy.length || over.frame || (c.withinGroup?.length ?? 1) !== 1) {
    notConverted(ctx, `${name} … OVER (…) with an ORDER BY or windowing clause, or several WITHIN GROUP keys`);
    return c;
  }
  const sorted = (): Expr =>
    call('array_remove', {
      kind: 'call',
      name: ['array_agg'],
      args: [{ value: order.expr }],
      over: {
        partitionBy: over.partitionBy,
        orderBy: [{ ...order, nulls: order.desc ? 'FIRST' : 'LAST' }],
        frame: { unit: 'ROWS', start: { type: 'UNBOUNDED PRECEDING' }, end: { type: 'UNBOUNDED FOLLOWING' } },
      },
    }, NULL);
  const n = (): Expr => call('cardinality', sorted());
  const at = (i: Expr): Expr => ({ kind: 'subscript', operand: sorted(), index: i });
  const pp = (): Expr => (p.kind === 'literal' || p.kind === 'column' ? p : { kind: 'paren', expr: p });
  if (kind === 'DISC') return at(call('greatest', call('ceil', bin('*', pp(), n())), num(1)));
  const rn = (): Expr => ({ kind: 'paren', expr: bin('+', num(1), bin('*', pp(), { kind: 'paren', expr: bin('-', n(), num(1)) })) });
  const lo = (): Expr => cast(call('floor', rn()), 'integer');
  const hi = (): Expr => cast(call('ceil', rn()), 'integer');
  return bin('+', at(lo()), bin('*', { kind: 'paren', expr: bin('-', rn(), call('floor', rn())) }, { kind: 'paren', expr: bin('-', at(hi()), at(lo())) }));
}

/** The same aggregate call under another name (DISTINCT, OVER kept). */
function sameCall(c: FuncCall, name: string, args = c.args): FuncCall {
  const r: FuncCall = { kind: 'call', name: [name], args };
  if (c.distinct) r.distinct = true;
  if (c.over) r.over = c.over;
  return r;
}

/**
 * STDDEV / VARIANCE (aggregate or analytic): Oracle returns 0 when there is exactly one (non-NULL)
 * row of input, where PostgreSQL's stddev / variance (the sample forms) return NULL:
 * CASE WHEN count(x) = 1 THEN 0 ELSE stddev(x) END, both with the call's DISTINCT and OVER.
 */
export function oneRowIsZero(name: 'stddev' | 'variance'): (a: Expr[], c: FuncCall) => Expr {
  return (_a, c) => ({
    kind: 'case',
    whens: [{ when: { kind: 'binary', op: '=', left: sameCall(c, 'count'), right: num(1) }, then: num(0) }],
    else: sameCall(c, name),
  });
}

/**
 * RATIO_TO_REPORT(x) OVER (PARTITION BY …): x divided by the sum of x over the partition
 * (PostgreSQL has no such function). A NULL x gives NULL as in Oracle.
 */
export function ratioToReport(a: Expr[], c: FuncCall, ctx: ExprContext, _o: Expr[], types: OraType[]): Expr {
  if (!c.over || a.length !== 1) {
    notConverted(ctx, 'RATIO_TO_REPORT without OVER (…)');
    return c;
  }
  const sum: FuncCall = { kind: 'call', name: ['sum'], args: [{ value: a[0] }], over: c.over };
  // An integer column would divide as integers in PostgreSQL: the ratio is a fraction in Oracle.
  const whole = types[0]?.pg === 'int' || types[0]?.pg === 'bigint';
  return { kind: 'binary', op: '/', left: whole ? cast(a[0], 'numeric') : a[0], right: sum };
}

/**
 * Analytic LISTAGG(x, d) WITHIN GROUP (ORDER BY k) OVER (PARTITION BY p): PostgreSQL refuses an
 * ORDER BY inside an aggregate used as a window function, so the order moves to the window and
 * the frame spans the whole partition: every row sees the list of its partition in k order, as
 * Oracle gives (its analytic LISTAGG allows only the query_partition_clause in OVER).
 */
export function listaggOver(agg: FuncCall, order: OrderItem[] | undefined): FuncCall {
  const over = agg.over!;
  return {
    ...agg,
    over: {
      partitionBy: over.partitionBy,
      orderBy: order ?? [],
      frame: order?.length
        ? { unit: 'ROWS', start: { type: 'UNBOUNDED PRECEDING' }, end: { type: 'UNBOUNDED FOLLOWING' } }
        : undefined,
    },
  };
}

/**
 * RANGE BETWEEN n PRECEDING … on a DATE / TIMESTAMP order key: Oracle reads a numeric offset as
 * days; PostgreSQL needs an interval offset for a timestamp key (it refuses an integer). The
 * offset becomes n * interval '1 day'. `keyIsDate` tells whether the (single) order key is a
 * date; `isNumber` whether an offset is numeric.
 */
export function dateRangeFrame(w: WindowSpec, keyIsDate: boolean, isNumber: (e: Expr) => boolean): WindowSpec {
  const f = w.frame;
  if (!f || f.unit !== 'RANGE' || w.orderBy.length !== 1 || !keyIsDate) return w;
  const days = (b: FrameBound | undefined): FrameBound | undefined =>
    b?.offset && isNumber(b.offset)
      ? { ...b, offset: { kind: 'binary', op: '*', left: b.offset, right: interval('1 day') } }
      : b;
  const frame: NonNullable<WindowSpec['frame']> = { unit: f.unit, start: days(f.start)! };
  if (f.end) frame.end = days(f.end);
  return { ...w, frame };
}

/**
 * LAG / LEAD (x, n, default) IGNORE NULLS OVER (… ORDER BY …): the n-th non-NULL value before
 * (after) the current row. The non-NULL values of the rows before it, in window order, are
 * array_remove(array_agg(x) OVER (… ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), NULL);
 * LAG takes the n-th from the end, LEAD the n-th of the rows after (1 FOLLOWING … UNBOUNDED
 * FOLLOWING); none → the default (NULL when omitted). n must be a positive integer literal.
 */
function lagLeadIgnoreNulls(c: FuncCall, name: 'LAG' | 'LEAD', ctx: ExprContext): Expr {
  const offsetArg = c.args[1]?.value;
  const n = offsetArg === undefined ? 1 : offsetArg.kind === 'literal' && /^\d+$/.test(offsetArg.value) ? Number(offsetArg.value) : 0;
  if (n < 1 || c.args.length < 1 || c.args.length > 3) {
    notConverted(ctx, `${name} … IGNORE NULLS with an offset that is not a positive integer literal`);
    return c;
  }
  const frame: NonNullable<WindowSpec['frame']> =
    name === 'LAG'
      ? { unit: 'ROWS', start: { type: 'UNBOUNDED PRECEDING' }, end: { type: 'PRECEDING', offset: num(1) } }
      : { unit: 'ROWS', start: { type: 'FOLLOWING', offset: num(1) }, end: { type: 'UNBOUNDED FOLLOWING' } };
  const values = (): Expr =>
    call('array_remove', { kind: 'call', name: ['array_agg'], args: [c.args[0]], over: { ...c.over!, frame } }, NULL);
  const index: Expr =
    name === 'LAG'
      ? n === 1
        ? call('cardinality', values())
        : { kind: 'binary', op: '-', left: call('cardinality', values()), right: num(n - 1) }
      : num(n);
  const element: Expr = { kind: 'subscript', operand: values(), index };
  const dflt = c.args[2]?.value;
  return dflt ? call('coalesce', element, dflt) : element;
}
