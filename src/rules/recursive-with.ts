/**
 * Recursive subquery factoring (Oracle 11gR2+): a query name of a WITH clause that names itself.
 *
 * PostgreSQL needs WITH RECURSIVE for it (Oracle has no keyword). Oracle's SEARCH and CYCLE
 * clauses add columns to the query name:
 *
 *   SEARCH {DEPTH|BREADTH} FIRST BY c [ASC|DESC] [NULLS FIRST|LAST], … SET ordering_column
 *     Oracle numbers the rows 1, 2, 3 … in the search order. PostgreSQL 14+'s SEARCH has no
 *     ASC / DESC / NULLS and sets an array (depth first) or a record (breadth first) to order by.
 *     Ascending columns with nulls last (Oracle's default) use PostgreSQL's SEARCH; other
 *     orderings build the key in the recursive query: depth first an array of sibling ranks
 *     (row_number() over the children of one parent, ordered as written), breadth first the level
 *     of the row (the rows of a level are ordered as written, outside the recursion).
 *   CYCLE c, … SET mark TO 'Y' DEFAULT 'N'
 *     PostgreSQL's CYCLE: the row whose cycle columns repeat an ancestor's is returned with the
 *     mark and not expanded, as in Oracle. Its values must be constants of one type: Oracle's are
 *     one-character strings, numbers are written as strings. PostgreSQL adds a path column.
 *
 * The recursive query is renamed (`t_OPG_REC`) and carries the added columns; `t` itself becomes
 * a plain query over it with the columns Oracle shows: the declared ones, the ordering column as
 * row_number() over the search key, the cycle mark. The path and key columns stay hidden from
 * `SELECT *`, as in Oracle.
 */
import type { OraName } from '../ast/common.js';
import type { Expr, FuncCall, OrderItem } from '../ast/expr.js';
import type { Cte, FromItem, Query, SelectItem, SelectQuery, WithClause } from '../ast/query.js';
import { caseWhen, type ExprContext, lit, notConverted } from './builders.js';

const col = (...parts: OraName[]): Expr => ({ kind: 'column', parts });
const num = (v: number): Expr => ({ kind: 'literal', type: 'number', value: String(v) });
const fn = (name: string, ...args: Expr[]): FuncCall => ({
  kind: 'call',
  name: [name],
  args: args.map((value) => ({ value })),
});
const rowNumber = (partitionBy: Expr[], orderBy: OrderItem[]): Expr => ({
  kind: 'call',
  name: ['row_number'],
  args: [],
  over: { partitionBy, orderBy },
});
const emptyArray = (type: string): Expr => ({
  kind: 'pg-cast',
  operand: { kind: 'literal', type: 'string', value: '{}' },
  type: { kind: 'datatype', name: `${type}[]`, args: [] },
});

const KEY = 'OPG_SEARCH_KEY';
const LEVEL = 'OPG_SEARCH_LEVEL';
const PATH = 'OPG_CYCLE_PATH';

/** Table references of the FROM clauses of a query (set branches, joins, FROM subqueries). */
function fromTables(q: Query, out: { ref: Extract<FromItem, { kind: 'table' }> }[] = []) {
  if (q.kind === 'set') {
    fromTables(q.left, out);
    fromTables(q.right, out);
    return out;
  }
  const visit = (f: FromItem): void => {
    if (f.kind === 'table') out.push({ ref: f });
    else if (f.kind === 'join') {
      visit(f.left);
      visit(f.right);
    } else if (f.kind === 'subquery') fromTables(f.query, out);
    else if (f.kind === 'pivot') visit(f.source);
  };
  q.from.forEach(visit);
  return out;
}

const namesItself = (q: Query, name: OraName) =>
  fromTables(q).some(({ ref }) => !ref.name.schema && ref.name.name === name);

/**
 * Oracle's recursive form: anchor UNION ALL a recursive member naming the query. A query name
 * naming itself in another shape (WITH emp AS (SELECT … FROM emp)) is left alone: PostgreSQL
 * without RECURSIVE reads the table there, where RECURSIVE would reject the query.
 */
const isRecursive = (q: Query, name: OraName) =>
  q.kind === 'set' && q.op === 'UNION ALL' && !namesItself(q.left, name) && namesItself(q.right, name);

/**
 * Marks a WITH clause RECURSIVE when one of its query names is recursive, and turns SEARCH /
 * CYCLE clauses into what PostgreSQL accepts (on the Oracle tree: the caller rewrites the queries).
 */
export function prepareWith(w: WithClause, ctx: ExprContext): WithClause {
  let recursive = w.recursive ?? false;
  const ctes: Cte[] = [];
  for (const c of w.ctes) {
    const self = isRecursive(c.query, c.name);
    if (self) recursive = true;
    if (!c.search && !c.cycle) {
      ctes.push(c);
      continue;
    }
    const done = self ? searchCycle(c, ctx) : undefined;
    if (done) ctes.push(...done);
    else {
      if (!self)
        notConverted(
          ctx,
          `SEARCH / CYCLE clause on the query name ${c.name}, which is not recursive (anchor UNION ALL a member naming the query)`,
        );
      const { search: _s, cycle: _c, ...rest } = c;
      ctes.push(rest);
    }
  }
  return { ...w, ctes, ...(recursive ? { recursive: true } : {}) };
}

/** The name of a select item as a column of the query (alias, or the column it reads). */
function itemName(i: SelectItem): OraName | undefined {
  if (i.alias) return i.alias;
  if (i.expr.kind === 'column') return i.expr.parts[i.expr.parts.length - 1];
  return undefined;
}

function searchCycle(c: Cte, ctx: ExprContext): Cte[] | undefined {
  const fail = (detail: string) => {
    notConverted(ctx, `recursive WITH ${c.name} … ${c.search ? 'SEARCH' : 'CYCLE'}: ${detail}`);
    return undefined;
  };
  const q = c.query;
  // anchor UNION ALL recursive member (the anchor may itself be a compound query).
  if (
    q.kind !== 'set' ||
    q.op !== 'UNION ALL' ||
    q.right.kind !== 'select' ||
    q.orderBy ||
    q.fetch ||
    q.offset
  )
    return fail('the query is not anchor UNION ALL recursive member');
  const anchor = q.left;
  const member = q.right;
  if (namesItself(anchor, c.name)) return fail('the anchor member names the query');
  const selfRefs = fromTables(member).filter(({ ref }) => !ref.name.schema && ref.name.name === c.name);
  if (selfRefs.length !== 1 || !member.from.length)
    return fail('the recursive member must name the query exactly once in its FROM clause');
  // Oracle requires the column alias list (ORA-32039); without it the anchor's names are used.
  const columns =
    c.columns ??
    (anchor.kind === 'select' && anchor.items.every((i) => itemName(i))
      ? anchor.items.map((i) => itemName(i)!)
      : undefined);
  if (!columns) return fail('no column alias list (Oracle requires one, ORA-32039)');
  if (member.items.some((i) => i.expr.kind === 'star') || member.items.length !== columns.length)
    return fail('the recursive member does not select one expression per column');
  const position = (e: Expr): number =>
    e.kind === 'column' && e.parts.length === 1 ? columns.indexOf(e.parts[0]) : -1;
  for (const name of c.cycle?.columns ?? [])
    if (!columns.includes(name)) return fail(`cycle column ${name} is not a column of the query`);
  for (const o of c.search?.by ?? [])
    if (position(o.expr) < 0) return fail('a search column is not a column of the query');

  const inner = `${c.name}_OPG_REC`;
  const selfAlias = selfRefs[0].ref.alias ?? c.name;
  const helpers: Cte[] = [];
  const extraCols: OraName[] = [];
  let anchorQ: Query = anchor;
  let memberQ: SelectQuery = {
    ...member,
    from: member.from.map(function rename(f: FromItem): FromItem {
      if (f === selfRefs[0].ref) return { ...f, name: { name: inner }, alias: selfAlias };
      if (f.kind === 'join') return { ...f, left: rename(f.left), right: rename(f.right) };
      return f;
    }),
  };
  if (
    !memberQ.from.some(function has(f: FromItem): boolean {
      return f.kind === 'table'
        ? f.name.name === inner
        : f.kind === 'join'
          ? has(f.left) || has(f.right)
          : false;
    })
  )
    return fail('the recursive member names the query inside a subquery');
  /** Adds a column to both members (the anchor as a plain select over its rows when needed). */
  const addColumn = (name: OraName, anchorExpr: (key: (i: number) => Expr) => Expr, memberExpr: Expr) => {
    if (anchorQ.kind !== 'select' || anchorQ.distinct || anchorQ.items.some((i) => i.expr.kind === 'star')) {
      const helper = `${c.name}_OPG_ANCHOR`;
      helpers.push({ name: helper, columns, query: anchorQ });
      anchorQ = {
        kind: 'select',
        items: columns.map((x) => ({ expr: col(x) })),
        from: [{ kind: 'table', name: { name: helper } }],
      };
    }
    const a = anchorQ as SelectQuery;
    anchorQ = { ...a, items: [...a.items, { expr: anchorExpr((i) => a.items[i].expr), alias: name }] };
    memberQ = { ...memberQ, items: [...memberQ.items, { expr: memberExpr, alias: name }] };
    extraCols.push(name);
  };

  const s = c.search;
  const cte: Cte = { name: inner, columns, query: q };
  let order: OrderItem[] | undefined;
  if (s) {
    const native = s.by.every((o) => !o.desc && o.nulls !== 'FIRST');
    if (native) {
      cte.search = { breadth: s.breadth, by: s.by.map((o) => ({ expr: o.expr })), set: KEY };
      order = [{ expr: col(KEY) }];
    } else if (s.breadth) {
      // Level by level; within a level the rows are ordered as written.
      addColumn(LEVEL, () => num(1), { kind: 'binary', op: '+', left: col(selfAlias, LEVEL), right: num(1) });
      order = [{ expr: col(LEVEL) }, ...s.by];
    } else {
      // Depth first: the path of sibling ranks, each parent's children ranked as written.
      const keysOf = (expr: (i: number) => Expr): OrderItem[] =>
        s.by.map((o) => ({ ...o, expr: expr(position(o.expr)) }));
      addColumn(
        KEY,
        (key) => fn('array_append', emptyArray('bigint'), rowNumber([], keysOf(key))),
        fn(
          'array_append',
          col(selfAlias, KEY),
          rowNumber(
            [col(selfAlias, KEY)],
            keysOf((i) => member.items[i].expr),
          ),
        ),
      );
      order = [{ expr: col(KEY) }];
    }
  }
  if (c.cycle) {
    const value = (e: Expr): Expr | undefined =>
      e.kind === 'literal' && (e.type === 'string' || e.type === 'number') ? lit(e.value) : undefined;
    const to = value(c.cycle.to);
    const dflt = value(c.cycle.default);
    if (!to || !dflt) return fail('the cycle mark values are not constants');
    if (!extraCols.includes(KEY))
      cte.cycle = { columns: c.cycle.columns, set: c.cycle.set, to, default: dflt, using: PATH };
    else {
      // PostgreSQL's CYCLE cannot rewrite a recursive member that holds a window function (the
      // sibling ranks): the same test written out. The path holds ROW(cycle columns) of the
      // ancestors; a row repeating one is marked and not expanded.
      const cycleRow = (expr: (i: number) => Expr) =>
        fn('row', ...c.cycle!.columns.map((x) => expr(columns.indexOf(x))));
      const memberRow = cycleRow((i) => member.items[i].expr);
      const mark = c.cycle.set;
      addColumn(
        mark,
        () => dflt,
        caseWhen(
          [
            [
              {
                kind: 'quantified',
                arrayOperand: true,
                op: '=',
                quantifier: 'ANY',
                operand: memberRow,
                list: [col(selfAlias, PATH)],
              },
              to,
            ],
          ],
          dflt,
        ),
      );
      addColumn(
        PATH,
        (key) => fn('array_append', emptyArray('record'), cycleRow(key)),
        fn('array_append', col(selfAlias, PATH), memberRow),
      );
      const expand: Expr = { kind: 'binary', op: '=', left: col(selfAlias, mark), right: dflt };
      memberQ = {
        ...memberQ,
        where: memberQ.where
          ? { kind: 'binary', op: 'AND', left: { kind: 'paren', expr: memberQ.where }, right: expand }
          : expand,
      };
    }
  }
  cte.columns = [...columns, ...extraCols];
  cte.query = { ...q, left: anchorQ, right: memberQ };

  const items: SelectItem[] = columns.map((x) => ({ expr: col(x) }));
  const outCols = [...columns];
  if (s && order) {
    items.push({ expr: rowNumber([], order), alias: s.set });
    outCols.push(s.set);
  }
  if (c.cycle) {
    items.push({ expr: col(c.cycle.set) });
    outCols.push(c.cycle.set);
  }
  const outer: Cte = {
    name: c.name,
    columns: outCols,
    query: { kind: 'select', items, from: [{ kind: 'table', name: { name: inner } }] },
  };
  return [...helpers, cte, outer];
}
