/**
 * Oracle (+) outer joins → ANSI joins.
 *
 * In Oracle, `WHERE a.x = b.x(+)` makes b the optional side of an outer join whose condition is
 * every WHERE conjunct that marks b with (+) — including conjuncts that only compare b with a
 * constant (`b.status(+) = 'A'` filters b before the join, it does not filter the result).
 * Conjuncts that mention b without (+) stay in WHERE and apply after the join (`b.x IS NULL`
 * anti-joins keep working).
 *
 * The FROM list is regrouped: each optional table joins the group of the tables its (+)
 * conditions compare it with (its drivers); a group is one join tree, attached in dependency
 * order, inner members by CROSS JOIN (their conditions stay in WHERE), optional members by
 * LEFT JOIN … ON. Groups stay comma-separated. When a table has to move before its position,
 * an unqualified `*` in the select list is expanded to `t1.*, t2.*, …` in the original order.
 */
import type { OraName } from '../ast/common.js';
import type { Expr } from '../ast/expr.js';
import type { FromItem, JoinRef, SelectQuery } from '../ast/query.js';
import { makeFinding } from '../findings/make.js';
import type { ExprContext } from './expressions.js';
import { andAll, conjuncts, mapExpr, walkExpr } from './walk.js';

interface Unit {
  item: FromItem;
  /** Names a column qualifier can use for this item (alias, or table name when no alias). */
  names: Set<OraName>;
  /** Table names for unqualified column lookup in the model. */
  tables: FromItem[];
  pos: number;
}

function leaves(f: FromItem): FromItem[] {
  return f.kind === 'join' ? [...leaves(f.left), ...leaves(f.right)] : [f];
}

function unitOf(item: FromItem, pos: number): Unit {
  const names = new Set<OraName>();
  for (const l of leaves(item)) {
    if (l.kind !== 'join' && l.alias) names.add(l.alias);
    else if (l.kind === 'table') names.add(l.name.name);
  }
  return { item, names, tables: leaves(item), pos };
}

function hasPlus(e: Expr): boolean {
  let found = false;
  walkExpr(e, (x) => {
    if (x.kind === 'column' && x.outerJoin) found = true;
  });
  return found;
}

const stripPlus = (e: Expr): Expr =>
  mapExpr(e, (x) => (x.kind === 'column' && x.outerJoin ? { kind: 'column', parts: x.parts } : undefined));

function fail(ctx: ExprContext, detail: string): undefined {
  const d = `Oracle (+) outer join: ${detail}`;
  ctx.findings.push(
    makeFinding('OPG-EXPR-0004', { detail: d }, { object: ctx.object, location: ctx.location }),
  );
  (ctx.unconvertible ??= []).push(d);
  return undefined;
}

/** Rewrites the (+) joins of one query block; returns the block unchanged when it has none. */
export function rewriteOuterJoins(q: SelectQuery, ctx: ExprContext): SelectQuery {
  if (!q.where || !hasPlus(q.where)) return q;
  return convert(q, q.where, ctx) ?? q;
}

function convert(q: SelectQuery, where: Expr, ctx: ExprContext): SelectQuery | undefined {
  const units = q.from.map(unitOf);
  const resolve = (parts: OraName[]): Unit | undefined => {
    if (parts.length >= 2) {
      const qual = parts[parts.length - 2];
      return units.find((u) => u.names.has(qual));
    }
    // Unqualified: the one unit whose known table has that column.
    const owners = units.filter((u) =>
      u.tables.some((t) => t.kind === 'table' && ctx.tableColumns?.(t.name)?.includes(parts[0])),
    );
    return owners.length === 1 ? owners[0] : undefined;
  };

  const outerOf = new Map<Unit, { on: Expr[]; drivers: Set<Unit> }>();
  const rest: Expr[] = [];
  for (const c of conjuncts(where)) {
    if (!hasPlus(c)) {
      rest.push(c);
      continue;
    }
    let subquery = false;
    let disjunction = false;
    walkExpr(c, (x) => {
      if (x.kind === 'subquery' || x.kind === 'exists' || (x.kind === 'in' && !Array.isArray(x.list)))
        subquery = true;
      if (x.kind === 'binary' && x.op === 'OR') disjunction = true;
    });
    if (subquery) return fail(ctx, 'a (+) condition contains a subquery (ORA-01799)');
    if (disjunction) return fail(ctx, 'a (+) condition is part of an OR (ORA-01719)');
    const plusUnits = new Set<Unit>();
    const others = new Set<Unit>();
    let unresolved = false;
    let outerRef = false;
    const plusCount = { n: 0 };
    walkExpr(c, (x) => {
      if (x.kind !== 'column') return;
      if (x.parts.length === 1 && !x.outerJoin && isNonColumnWord(x.parts[0])) return;
      const u = resolve(x.parts);
      if (!u && !x.outerJoin && x.parts.length >= 2) {
        // A column of an enclosing query (correlation).
        outerRef = true;
        return;
      }
      if (!u) {
        // With two FROM items, an unqualified column without (+) belongs to the other item.
        if (!x.outerJoin && x.parts.length === 1 && units.length === 2) return;
        unresolved = true;
        return;
      }
      if (x.outerJoin) {
        plusUnits.add(u);
        plusCount.n++;
      } else others.add(u);
    });
    if (unresolved)
      return fail(ctx, 'a column in a (+) condition could not be matched to a FROM item (qualify it)');
    if (plusUnits.size !== 1)
      return fail(ctx, 'a condition marks columns of several tables with (+) (ORA-01468)');
    const target = [...plusUnits][0];
    others.delete(target);
    if (others.size === 0 && outerRef) {
      // "The (+) operator does not produce an outer join if you specify one table in the outer
      // query and the other table in an inner query" (SQL Language Reference, Joins).
      rest.push(stripPlus(c));
      continue;
    }
    if (units.length === 2 && others.size === 0) {
      // Unqualified driver columns resolved by elimination.
      let unqualifiedDriver = false;
      walkExpr(c, (x) => {
        if (x.kind === 'column' && !x.outerJoin && x.parts.length === 1 && !isNonColumnWord(x.parts[0]))
          unqualifiedDriver = true;
      });
      if (unqualifiedDriver) others.add(units.find((u) => u !== target)!);
    }
    if (target.tables.length > 1 || target.item.kind === 'join')
      return fail(ctx, 'the optional side of a (+) join is inside an ANSI join');
    const entry = outerOf.get(target) ?? { on: [], drivers: new Set<Unit>() };
    entry.on.push(stripPlus(c));
    for (const o of others) entry.drivers.add(o);
    outerOf.set(target, entry);
  }
  for (const [t, e] of outerOf) {
    if (e.drivers.size === 0)
      return fail(
        ctx,
        `${[...t.names][0]} is marked with (+) only in comparisons with constants; add the join condition or drop the (+)`,
      );
  }

  // Group units: an optional table and its drivers share a group.
  const parent = new Map<Unit, Unit>(units.map((u) => [u, u]));
  const find = (u: Unit): Unit => (parent.get(u) === u ? u : find(parent.get(u)!));
  for (const [t, e] of outerOf) for (const d of e.drivers) parent.set(find(d), find(t));
  const groups = new Map<Unit, Unit[]>();
  for (const u of units) {
    const root = find(u);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root)!.push(u);
  }

  const from: FromItem[] = [];
  const order: Unit[] = [];
  for (const members of [...groups.values()].sort((a, b) => a[0].pos - b[0].pos)) {
    const placed = new Set<Unit>();
    let tree: FromItem | undefined;
    const pending = [...members];
    while (pending.length) {
      const i = pending.findIndex((u) => {
        const e = outerOf.get(u);
        return !e ? true : [...e.drivers].every((d) => placed.has(d));
      });
      // Inner members first when possible, so a group starts with a driver.
      const inner = pending.findIndex((u) => !outerOf.has(u));
      const pick = tree === undefined && inner >= 0 ? inner : i;
      if (pick < 0) return fail(ctx, 'tables are outer-joined to each other in a cycle (ORA-01416)');
      const u = pending.splice(pick, 1)[0];
      const e = outerOf.get(u);
      if (!tree) tree = u.item;
      else if (e) {
        const j: JoinRef = { kind: 'join', type: 'LEFT', left: tree, right: u.item, on: andAll(e.on)! };
        tree = j;
      } else tree = { kind: 'join', type: 'CROSS', left: tree, right: u.item };
      if (!tree) return undefined;
      placed.add(u);
      order.push(u);
    }
    from.push(tree!);
  }

  const r: SelectQuery = { ...q, from };
  const w = andAll(rest);
  if (w) r.where = w;
  else delete r.where;
  const moved = order.some((u, i) => u.pos !== i);
  if (moved && q.items.some((i) => i.expr.kind === 'star' && !i.expr.qualifier)) {
    const stars = units.map((u) => {
      if (u.item.kind === 'join') return undefined;
      return u.item.alias ?? (u.item.kind === 'table' ? u.item.name.name : undefined);
    });
    if (stars.some((s) => s === undefined))
      return fail(ctx, 'SELECT * over a reordered FROM list with an unnamed item; list the columns');
    r.items = q.items.flatMap((i) =>
      i.expr.kind === 'star' && !i.expr.qualifier
        ? stars.map((s) => ({ expr: { kind: 'star' as const, qualifier: [s!] } }))
        : [i],
    );
  }
  return r;
}

/** Unqualified words that parse as column references but are not columns. */
function isNonColumnWord(w: string): boolean {
  return (
    w === 'TRUE' ||
    w === 'FALSE' ||
    w === 'SYSTIMESTAMP' ||
    w === 'CURRENT_DATE' ||
    w === 'CURRENT_TIMESTAMP' ||
    w === 'LOCALTIMESTAMP'
  );
}
