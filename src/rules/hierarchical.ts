/**
 * CONNECT BY → WITH RECURSIVE.
 *
 * Oracle evaluates a hierarchical block in this order (SQL Language Reference, "Hierarchical
 * Queries"): join predicates of WHERE, then START WITH (roots; all rows when absent), then
 * CONNECT BY (children of each row, PRIOR naming the parent), then the remaining WHERE
 * predicates on the rows of the hierarchy; rows come out in depth-first order, siblings ordered
 * by ORDER SIBLINGS BY.
 *
 * The rewrite keeps every FROM item's whole row in the CTE (`e AS opg_r1`), so START WITH,
 * CONNECT BY and the select list keep their original column references: the recursive term
 * joins the parent row (`p`) with a fresh copy of the FROM items, and the outer query restores
 * each item under its own alias (`CROSS JOIN LATERAL (SELECT (h.opg_r1).*) e`).
 *
 *   LEVEL                 opg_level (1 for roots, parent + 1)
 *   PRIOR expr            expr on the parent's stored rows
 *   CONNECT_BY_ROOT expr  carried down from the root
 *   SYS_CONNECT_BY_PATH   concatenated down the path (NULL values add only the separator)
 *   CONNECT_BY_ISLEAF     no candidate child exists (same CONNECT BY test, cycles excluded)
 *   CONNECT_BY_ISCYCLE    a candidate child's PRIOR key is already on the path
 *   loop detection        on the values of the PRIOR expressions of the CONNECT BY condition
 *                         (a query without PRIOR, e.g. CONNECT BY LEVEL <= n, has none)
 *   depth-first order     an array of sibling ranks (ORDER SIBLINGS BY keys, else arrival)
 * Without NOCYCLE Oracle raises ORA-01436 on a loop; the rewrite stops at the loop instead.
 */
import type { OraName } from '../ast/common.js';
import type { DataType, Expr, FuncCall, OrderItem } from '../ast/expr.js';
import type { FromItem, Query, SelectItem, SelectQuery } from '../ast/query.js';
import { makeFinding } from '../findings/make.js';
import type { ExprContext } from './expressions.js';
import { andAll, conjuncts, mapExpr, walkExpr } from './walk.js';

const col = (...parts: string[]): Expr => ({ kind: 'column', parts });
const num = (v: number): Expr => ({ kind: 'literal', type: 'number', value: String(v) });
const fn = (name: string, ...args: Expr[]): FuncCall => ({
  kind: 'call',
  name: [name],
  args: args.map((value) => ({ value })),
});
const pgType = (name: string): DataType => ({ kind: 'datatype', name, args: [] });
const asText = (e: Expr): Expr => ({
  kind: 'pg-cast',
  operand: { kind: 'paren', expr: e },
  type: pgType('text'),
});
const emptyArray = (type: string): Expr => ({
  kind: 'pg-cast',
  operand: { kind: 'literal', type: 'string', value: '{}' },
  type: pgType(`${type}[]`),
});
const field = (operand: Expr, name: OraName | '*'): Expr => ({ kind: 'field', operand, field: name });

const AGGREGATES = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'LISTAGG', 'STDDEV', 'VARIANCE', 'MEDIAN']);
const H = 'OPG_H';
const P = 'OPG_P';
const CTE = 'OPG_HIER';

interface Unit {
  item: FromItem;
  names: Set<OraName>;
  /** Column of the CTE that stores this item's row (undefined for DUAL). */
  slot?: string;
  alias: OraName;
}

function fail(ctx: ExprContext, detail: string): undefined {
  const d = `CONNECT BY: ${detail}`;
  ctx.findings.push(
    makeFinding('OPG-EXPR-0004', { detail: d }, { object: ctx.object, location: ctx.location }),
  );
  (ctx.unconvertible ??= []).push(d);
  return undefined;
}

const isPseudo = (e: Expr, name: string) => e.kind === 'pseudo' && e.name === name;
const isWordCol = (e: Expr, name: string) =>
  e.kind === 'column' && e.parts.length === 1 && e.parts[0] === name;

export function rewriteHierarchical(q: SelectQuery, ctx: ExprContext): Query | undefined {
  const cb = q.connectBy!;
  const cteNames = new Set(q.with?.ctes.map((c) => c.name) ?? []);
  const units: Unit[] = [];
  for (const [i, item] of q.from.entries()) {
    if (item.kind !== 'table')
      return fail(
        ctx,
        'the FROM clause must list tables or views (inline views and joins are not converted yet)',
      );
    if (cteNames.has(item.name.name) && !item.name.schema)
      return fail(
        ctx,
        `FROM ${item.name.name} names a WITH query (its rows have no named type to carry through the recursion)`,
      );
    const alias = item.alias ?? item.name.name;
    const dual = item.name.name === 'DUAL' && (!item.name.schema || item.name.schema === 'SYS');
    units.push({ item, names: new Set([alias]), alias, ...(dual ? {} : { slot: `OPG_R${i + 1}` }) });
  }
  const stored = units.filter((u) => u.slot);
  const unitOf = (parts: OraName[]): Unit | undefined => {
    if (parts.length >= 2) return units.find((u) => u.names.has(parts[parts.length - 2]));
    if (stored.length === 1) return stored[0];
    const owners = stored.filter(
      (u) => u.item.kind === 'table' && ctx.tableColumns?.(u.item.name)?.includes(parts[0]),
    );
    return owners.length === 1 ? owners[0] : undefined;
  };

  // The parent's value of an expression: column references become fields of the parent's rows.
  let unresolved = false;
  const onParent = (e: Expr, parent: string): Expr =>
    mapExpr(e, (x) => {
      if (x.kind === 'pseudo' && x.name === 'LEVEL') return col(parent, 'OPG_LEVEL');
      if (x.kind !== 'column' || x.parts.length > 2) return undefined;
      if (x.parts.length === 1 && ['TRUE', 'FALSE', 'SYSTIMESTAMP', 'CURRENT_DATE'].includes(x.parts[0]))
        return undefined;
      const u = unitOf(x.parts);
      if (!u?.slot) {
        unresolved = true;
        return undefined;
      }
      return field(col(parent, u.slot), x.parts[x.parts.length - 1]);
    });

  // WHERE: join predicates before CONNECT BY, the rest after it.
  const joinPreds: Expr[] = [];
  const postPreds: Expr[] = [];
  for (const c of q.where ? conjuncts(q.where) : []) {
    const touched = new Set<Unit>();
    let hier = false;
    walkExpr(c, (x) => {
      if (x.kind === 'column') {
        const u = unitOf(x.parts);
        if (u) touched.add(u);
      }
      if (isPseudo(x, 'LEVEL') || isWordCol(x, 'CONNECT_BY_ISLEAF') || isWordCol(x, 'CONNECT_BY_ISCYCLE'))
        hier = true;
      if (x.kind === 'unary' && (x.op === 'PRIOR' || x.op === 'CONNECT_BY_ROOT')) hier = true;
      if (x.kind === 'call' && x.name.length === 1 && x.name[0] === 'SYS_CONNECT_BY_PATH') hier = true;
    });
    (touched.size >= 2 && !hier ? joinPreds : postPreds).push(c);
  }

  // PRIOR expressions of the CONNECT BY condition: the loop-detection key.
  const priorKeys: Expr[] = [];
  walkExpr(cb.condition, (x) => {
    if (x.kind === 'unary' && x.op === 'PRIOR') priorKeys.push(x.operand);
  });
  const keyOf = (exprs: Expr[]): Expr | undefined =>
    exprs.length === 0
      ? undefined
      : exprs.length === 1
        ? asText(exprs[0])
        : asText({ kind: 'list', items: exprs });
  const childKey = keyOf(priorKeys);

  /** The CONNECT BY condition for a child (original aliases) of the parent row `parent`. */
  const connectFor = (parent: string): Expr =>
    mapExpr(cb.condition, (x) => {
      if (x.kind === 'unary' && x.op === 'PRIOR') return { kind: 'paren', expr: onParent(x.operand, parent) };
      if (isPseudo(x, 'LEVEL'))
        return {
          kind: 'paren',
          expr: { kind: 'binary', op: '+', left: col(parent, 'OPG_LEVEL'), right: num(1) },
        };
      return undefined;
    });
  const notOnPath = (parent: string): Expr | undefined =>
    childKey && {
      kind: 'binary',
      op: 'OR',
      left: { kind: 'is-null', operand: childKey, not: false },
      right: {
        kind: 'is-null',
        operand: fn('array_position', col(parent, 'OPG_KEYS'), childKey),
        not: false,
      },
    };
  const onPath = (parent: string): Expr | undefined =>
    childKey && {
      kind: 'is-null',
      operand: fn('array_position', col(parent, 'OPG_KEYS'), childKey),
      not: true,
    };

  // Hierarchical operators used by the block, each carried as a CTE column.
  const extra: { name: string; base: Expr; step: Expr }[] = [];
  const replaceHier = (e: Expr): Expr =>
    mapExpr(e, (x) => {
      if (isPseudo(x, 'LEVEL')) return col(H, 'OPG_LEVEL');
      if (x.kind === 'unary' && x.op === 'CONNECT_BY_ROOT') {
        const name = `OPG_ROOT${extra.length + 1}`;
        extra.push({ name, base: x.operand, step: col(P, name) });
        return col(H, name);
      }
      if (x.kind === 'unary' && x.op === 'PRIOR') {
        const name = `OPG_PRIOR${extra.length + 1}`;
        // NULL of the expression's own type for roots.
        const typedNull: Expr = {
          kind: 'case',
          whens: [{ when: { kind: 'literal', type: 'boolean', value: 'FALSE' }, then: x.operand }],
        };
        extra.push({ name, base: typedNull, step: onParent(x.operand, P) });
        return col(H, name);
      }
      if (
        x.kind === 'call' &&
        x.name.length === 1 &&
        x.name[0] === 'SYS_CONNECT_BY_PATH' &&
        x.args.length === 2
      ) {
        const name = `OPG_PATH${extra.length + 1}`;
        // concat() skips NULL arguments: a NULL value adds only the separator, as in Oracle.
        const v = asText(x.args[0].value);
        extra.push({
          name,
          base: fn('concat', x.args[1].value, v),
          step: fn('concat', col(P, name), x.args[1].value, v),
        });
        return col(H, name);
      }
      if (isWordCol(x, 'CONNECT_BY_ISLEAF')) return isLeafExpr();
      if (isWordCol(x, 'CONNECT_BY_ISCYCLE')) {
        if (!cb.nocycle) return undefined;
        return candidateChild(true);
      }
      return undefined;
    });

  /** EXISTS a child candidate of the output row h (onPathOnly: only children closing a loop). */
  const candidateChild = (onPathOnly: boolean): Expr => {
    const cond = andAll([
      ...joinPreds,
      connectFor(H),
      ...[onPathOnly ? onPath(H) : notOnPath(H)].filter((c): c is Expr => !!c),
    ]);
    const sub: SelectQuery = { kind: 'select', items: [{ expr: num(1) }], from: units.map((u) => u.item) };
    if (cond) sub.where = cond;
    const exists: Expr = { kind: 'exists', query: sub };
    return { kind: 'case', whens: [{ when: exists, then: num(1) }], else: num(0) };
  };
  const isLeafExpr = (): Expr => {
    const c = candidateChild(false) as Extract<Expr, { kind: 'case' }>;
    return { ...c, whens: [{ when: c.whens[0].when, then: num(0) }], else: num(1) };
  };

  const items: SelectItem[] = [];
  for (const i of q.items) {
    if (i.expr.kind === 'star' && !i.expr.qualifier) {
      for (const u of stored) items.push({ expr: { kind: 'star', qualifier: [u.alias] } });
      continue;
    }
    items.push({ ...i, expr: replaceHier(i.expr) });
  }
  const post = postPreds.map(replaceHier);
  const orderBy = q.orderBy?.map((o) => ({ ...o, expr: replaceHier(o.expr) }));
  const groupBy = q.groupBy?.map((g) => (g.kind === 'expr' ? { ...g, expr: replaceHier(g.expr) } : g));
  const having = q.having && replaceHier(q.having);
  if (unresolved) return fail(ctx, 'a column under PRIOR could not be matched to a FROM item (qualify it)');

  // Sibling order: ORDER SIBLINGS BY keys, evaluated on each row under its original alias.
  const siblingKeys: OrderItem[] = q.orderSiblings && q.orderBy ? q.orderBy : [];
  const rank = (partition: Expr[]): Expr => ({
    kind: 'call',
    name: ['row_number'],
    args: [],
    over: { partitionBy: partition, orderBy: siblingKeys },
  });

  const baseItems: SelectItem[] = [
    ...stored.map((u) => ({ expr: col(u.alias), alias: u.slot! })),
    { expr: num(1), alias: 'OPG_LEVEL' },
    {
      expr: fn(
        'array_append',
        emptyArray('text'),
        childKey ?? { kind: 'literal', type: 'null', value: 'NULL' },
      ),
      alias: 'OPG_KEYS',
    },
    { expr: fn('array_append', emptyArray('bigint'), rank([])), alias: 'OPG_SORT' },
    ...extra.map((x) => ({ expr: x.base, alias: x.name })),
  ];
  const startWith = cb.startWith && mapExpr(cb.startWith, (x) => (isPseudo(x, 'LEVEL') ? num(1) : undefined));
  const base: SelectQuery = { kind: 'select', items: baseItems, from: units.map((u) => u.item) };
  const baseWhere = andAll([...joinPreds, ...(startWith ? [startWith] : [])]);
  if (baseWhere) base.where = baseWhere;

  const stepItems: SelectItem[] = [
    ...stored.map((u) => ({ expr: col(u.alias), alias: u.slot! })),
    { expr: { kind: 'binary', op: '+', left: col(P, 'OPG_LEVEL'), right: num(1) }, alias: 'OPG_LEVEL' },
    {
      expr: fn(
        'array_append',
        col(P, 'OPG_KEYS'),
        childKey ?? { kind: 'literal', type: 'null', value: 'NULL' },
      ),
      alias: 'OPG_KEYS',
    },
    { expr: fn('array_append', col(P, 'OPG_SORT'), rank([col(P, 'OPG_SORT')])), alias: 'OPG_SORT' },
    ...extra.map((x) => ({ expr: x.step, alias: x.name })),
  ];
  const step: SelectQuery = {
    kind: 'select',
    items: stepItems,
    from: [{ kind: 'table', name: { name: CTE }, alias: P }, ...units.map((u) => u.item)],
  };
  const stepWhere = andAll([...joinPreds, connectFor(P), ...[notOnPath(P)].filter((c): c is Expr => !!c)]);
  if (stepWhere) step.where = stepWhere;
  if (unresolved) return fail(ctx, 'a column under PRIOR could not be matched to a FROM item (qualify it)');

  const recursive: Query = { kind: 'set', op: 'UNION ALL', left: base, right: step };
  let from: FromItem = { kind: 'table', name: { name: CTE }, alias: H };
  for (const u of stored) {
    const restore: SelectQuery = { kind: 'select', items: [{ expr: field(col(H, u.slot!), '*') }], from: [] };
    from = {
      kind: 'join',
      type: 'CROSS APPLY',
      left: from,
      right: { kind: 'subquery', query: restore, alias: u.alias },
    };
  }
  const out: SelectQuery = {
    ...q,
    items,
    from: [from],
    with: { recursive: true, ctes: [...(q.with?.ctes ?? []), { name: CTE, query: recursive }] },
  };
  delete out.connectBy;
  delete out.orderSiblings;
  const w = andAll(post);
  if (w) out.where = w;
  else delete out.where;
  if (groupBy) out.groupBy = groupBy;
  if (having) out.having = having;
  // Depth-first order unless the block orders (or groups) its rows itself.
  let grouped = !!q.groupBy?.length || !!q.distinct;
  for (const i of q.items)
    walkExpr(i.expr, (x) => {
      if (x.kind === 'call' && !x.over && AGGREGATES.has(x.name.join('.'))) grouped = true;
    });
  if (q.orderSiblings || (!orderBy?.length && !grouped)) out.orderBy = [{ expr: col(H, 'OPG_SORT') }];
  else if (orderBy) out.orderBy = orderBy;
  return out;
}
