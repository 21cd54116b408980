/**
 * DML rewrites, Oracle → PostgreSQL: statement shapes PostgreSQL spells differently (qualified SET
 * targets, DELETE without FROM, MERGE clauses, multi-table INSERT, RETURNING INTO, TRUNCATE
 * CASCADE, LOCK TABLE modes). Expressions and queries inside go through the expression rules.
 */
import type { OraName } from '../ast/common.js';
import type {
  DmlStatement,
  DmlTarget,
  InsertInto,
  MergeStmt,
  MultiInsertStmt,
  ReturningClause,
  SetClause,
} from '../ast/dml.js';
import type { Expr } from '../ast/expr.js';
import type { FromItem, Query, TableRef } from '../ast/query.js';
import { call, cast, lit, notConverted } from './builders.js';
import { makeFinding, type FindingArgs } from '../findings/make.js';
import { type ExprContext, nextvalOncePerRow, partitionTable, rewriteExpr, rewriteQuery } from './expressions.js';
import { isDateType, nlsDateLiteral } from './functions-date.js';
import { buildScope, inferType, type OraType, queryColumnTypes } from './infer.js';
import { mapExpr, walkExpr } from './walk.js';

function report(ctx: ExprContext, id: string, args: FindingArgs): void {
  ctx.findings.push(makeFinding(id, args, { object: ctx.object, location: ctx.location }));
}

function rewriteTable(t: TableRef, ctx: ExprContext): TableRef {
  if (t.name.dblink) {
    report(ctx, 'OPG-EXPR-0004', { detail: `database link reference @${t.name.dblink}` });
    (ctx.unconvertible ??= []).push('database link');
  }
  const out = t.name.schema ? { ...t, name: { ...t.name, schema: ctx.mapSchema(t.name.schema) } } : t;
  // DELETE FROM t PARTITION (p) …: the partition's own table, so the other partitions are untouched.
  return t.partition ? partitionTable(out, t, t.partition, ctx) : out;
}

/**
 * UPDATE / DELETE on an inline view of one table (no join, grouping, DISTINCT, row limit or
 * ROWNUM; selected items plain columns or *): Oracle changes the table's rows that the view
 * selects, so the statement becomes the same statement on the table, the view's WHERE ANDed to
 * the statement's, and names of the view's columns read as the table's columns. Undefined when
 * the view has another shape (reported by rewriteTarget).
 */
function flattenInlineView<S extends Extract<DmlStatement, { kind: 'update' | 'delete' }>>(s: S, ctx: ExprContext): S | undefined {
  const t = s.target;
  if (t.kind !== 'subquery' || t.query.kind !== 'select') return undefined;
  const q = t.query;
  const base = q.from[0];
  if (q.from.length !== 1 || base?.kind !== 'table' || q.groupBy || q.having || q.distinct || q.connectBy || q.offset || q.fetch || q.with || q.into) return undefined;
  if (q.items.some((i) => i.expr.kind !== 'star' && i.expr.kind !== 'column')) return undefined;
  let rownum = false;
  if (q.where)
    mapExpr(q.where, (x) => {
      if (x.kind === 'pseudo' && x.name === 'ROWNUM') rownum = true;
      return undefined;
    });
  if (rownum) return undefined;
  const inner = base.alias ?? base.name.name;
  const cols = new Map<string, Expr>();
  const star = q.items.some((i) => i.expr.kind === 'star');
  for (const i of q.items)
    if (i.expr.kind === 'column') cols.set(i.alias ?? i.expr.parts[i.expr.parts.length - 1], i.expr);
  const tableCols = star ? new Set(ctx.tableColumns?.(base.name) ?? []) : new Set<string>();
  const column = (name: string): Expr | undefined =>
    cols.get(name) ?? (star && (tableCols.size === 0 || tableCols.has(name)) ? { kind: 'column', parts: [inner, name] } : undefined);
  // Names of the view: alias.col, or col alone when the view selects it.
  const outer = (e: Expr) =>
    mapExpr(e, (x) => {
      if (x.kind !== 'column') return undefined;
      if (x.parts.length === 2 && t.alias && x.parts[0] === t.alias) return column(x.parts[1]);
      if (x.parts.length === 1 && (cols.has(x.parts[0]) || (star && tableCols.has(x.parts[0])))) return column(x.parts[0]);
      return undefined;
    });
  const where = q.where && s.where ? ({ kind: 'binary', op: 'AND', left: { kind: 'paren', expr: q.where }, right: { kind: 'paren', expr: outer(s.where) } } as Expr) : (q.where ?? (s.where && outer(s.where)));
  report(ctx, 'OPG-DML-0010', {
    verb: s.kind.toUpperCase(),
    detail: q.orderBy?.length && s.returning ? '; the ORDER BY of the view does not order the rows RETURNING gives' : '',
  });
  const out = { ...s, target: { ...base, alias: inner }, ...(where ? { where } : {}) } as S;
  if (!where) delete (out as { where?: Expr }).where;
  if (s.returning) out.returning = { ...s.returning, exprs: s.returning.exprs.map(outer) };
  if (out.kind === 'update' && s.kind === 'update')
    (out as Extract<DmlStatement, { kind: 'update' }>).set = s.set.map((c) => ({
      columns: c.columns.map((parts) => {
        const to = column(parts[parts.length - 1]);
        return to?.kind === 'column' ? [to.parts[to.parts.length - 1]] : parts;
      }),
      value: outer(c.value),
    }));
  return out;
}

/**
 * UPDATE of an inline view joining tables (inner joins and comma lists, columns selected as they
 * are): Oracle updates the one table whose columns the SET clause names, which must be key-preserved
 * (each of its rows appears at most once in the join, else ORA-01779), so the statement becomes
 * UPDATE table SET … FROM the other tables WHERE the join conditions, the view's WHERE and the
 * statement's WHERE: every row of the table is updated once, from the one joined row, as in
 * Oracle. Undefined for other shapes (outer joins, expressions in the select list, SET columns of
 * several tables, names the model cannot resolve), which stay reported by rewriteTarget.
 */
/**
 * The base tables of an inline view that DML may go through (tables in a comma list or inner /
 * cross joins; no grouping, DISTINCT, row limit, ROWNUM or (+) outer join) with its join
 * conditions, and its columns: view column name → the table column it selects (select items that
 * are plain columns, * for one table; unqualified names resolved through the model). Undefined
 * for other shapes.
 */
function viewShape(
  q: Extract<Query, { kind: 'select' }>,
  ctx: ExprContext,
): { tables: TableRef[]; conds: Expr[]; cols: Map<OraName, { table: TableRef; column: OraName }> } | undefined {
  if (q.groupBy || q.having || q.distinct || q.connectBy || q.offset || q.fetch || q.with || q.into) return undefined;
  const tables: TableRef[] = [];
  const conds: Expr[] = [];
  const collect = (f: FromItem): boolean => {
    if (f.kind === 'table') return !f.flashback && !f.sample && (tables.push(f), true);
    if (f.kind !== 'join' || f.natural || f.using || (f.type !== 'INNER' && f.type !== 'CROSS')) return false;
    if (f.on) conds.push({ kind: 'paren', expr: f.on });
    return collect(f.left) && collect(f.right);
  };
  if (!q.from.every(collect) || !tables.length) return undefined;
  let unsafe = false;
  if (q.where)
    walkExpr(q.where, (x) => {
      if ((x.kind === 'column' && x.outerJoin) || (x.kind === 'pseudo' && x.name === 'ROWNUM')) unsafe = true;
    });
  if (unsafe) return undefined;
  const qualifier = (r: TableRef) => r.alias ?? r.name.name;
  const cols = new Map<OraName, { table: TableRef; column: OraName }>();
  for (const i of q.items) {
    if (i.expr.kind === 'star' && tables.length === 1 && !i.expr.qualifier?.length) {
      const all = ctx.tableColumns?.(tables[0].name);
      if (!all?.length) return undefined;
      for (const c of all) cols.set(c, { table: tables[0], column: c });
      continue;
    }
    if (i.expr.kind !== 'column' || i.expr.parts.length > 2) return undefined;
    const parts = i.expr.parts;
    const column = parts[parts.length - 1];
    const owners =
      parts.length === 2
        ? tables.filter((r) => qualifier(r) === parts[0])
        : tables.length === 1
          ? tables
          : tables.filter((r) => ctx.tableColumns?.(r.name)?.includes(column));
    if (owners.length !== 1) return undefined;
    cols.set(i.alias ?? column, { table: owners[0], column });
  }
  return { tables, conds, cols };
}

/**
 * The key-preserved tables of a join view, as far as the model's PRIMARY KEY / UNIQUE constraints
 * show: T is key-preserved when every other table is reached from T through one of its keys, each
 * key column equated (in the ON conditions or the view's WHERE) to a constant or to columns of
 * tables already reached — then each row of T appears at most once in the join. Keys the model does
 * not know (unique indexes) can only make a table look not key-preserved.
 */
function keyPreservedTables(view: NonNullable<ReturnType<typeof viewShape>>, where: Expr | undefined, ctx: ExprContext): TableRef[] {
  const { tables, conds } = view;
  const qualifier = (r: TableRef) => r.alias ?? r.name.name;
  const conjuncts: Expr[] = [];
  const split = (e: Expr): void => {
    if (e.kind === 'paren') return split(e.expr);
    if (e.kind === 'binary' && e.op === 'AND') {
      split(e.left);
      split(e.right);
    } else conjuncts.push(e);
  };
  for (const c of [...conds, ...(where ? [where] : [])]) split(c);
  // The table a column reference belongs to (undefined: unknown or ambiguous).
  const owner = (parts: OraName[]): TableRef | undefined => {
    if (parts.length === 2) return tables.find((r) => qualifier(r) === parts[0]);
    if (parts.length !== 1) return undefined;
    const owners = tables.filter((r) => ctx.tableColumns?.(r.name)?.includes(parts[0]));
    return owners.length === 1 ? owners[0] : undefined;
  };
  // The tables an expression reads (undefined when it reads something else than columns and constants).
  const reads = (e: Expr): Set<TableRef> | undefined => {
    const out = new Set<TableRef>();
    let ok = true;
    walkExpr(e, (x) => {
      if (x.kind === 'column') {
        const o = owner(x.parts);
        if (o) out.add(o);
        else ok = false;
      } else if (x.kind === 'subquery' || x.kind === 'exists' || x.kind === 'pseudo') ok = false;
    });
    return ok ? out : undefined;
  };
  const equalities: { table: TableRef; column: OraName; other: Set<TableRef> }[] = [];
  for (const c of conjuncts) {
    if (c.kind !== 'binary' || c.op !== '=') continue;
    for (const [a, b] of [[c.left, c.right], [c.right, c.left]] as const) {
      if (a.kind !== 'column') continue;
      const t = owner(a.parts);
      const other = reads(b);
      if (t && other && !other.has(t)) equalities.push({ table: t, column: a.parts[a.parts.length - 1], other });
    }
  }
  const preserved = (t: TableRef): boolean => {
    const reached = new Set([t]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const u of tables) {
        if (reached.has(u)) continue;
        const keys = ctx.tableKeys?.(u.name) ?? [];
        const bound = keys.some((k) => k.length > 0 && k.every((col) => equalities.some((q) => q.table === u && q.column === col && [...q.other].every((o) => reached.has(o)))));
        if (bound) {
          reached.add(u);
          grew = true;
        }
      }
    }
    return reached.size === tables.length;
  };
  return tables.filter(preserved);
}

/**
 * DELETE of a join view: Oracle deletes the rows of its one key-preserved table (ORA-01752 when
 * there is not exactly one) that the join selects. With that table found from the model's keys,
 * the statement becomes DELETE FROM it USING the other tables WHERE the join conditions, the view's
 * WHERE and the statement's WHERE. Undefined otherwise (reported by rewriteTarget).
 */
function joinViewDelete(s: Extract<DmlStatement, { kind: 'delete' }>, ctx: ExprContext): Extract<DmlStatement, { kind: 'delete' }> | undefined {
  const t = s.target;
  if (t.kind !== 'subquery' || t.query.kind !== 'select' || s.currentOf) return undefined;
  const view = viewShape(t.query, ctx);
  if (!view || view.tables.length < 2) return undefined;
  const q = t.query;
  const kept = keyPreservedTables(view, q.where, ctx);
  if (kept.length !== 1) return undefined;
  const [base] = kept;
  const qualifier = (r: TableRef) => r.alias ?? r.name.name;
  const ref = (name: OraName): Expr | undefined => {
    const c = view.cols.get(name);
    return c && { kind: 'column', parts: [qualifier(c.table), c.column] };
  };
  const outer = (e: Expr) =>
    mapExpr(e, (x) => {
      if (x.kind !== 'column') return undefined;
      if (x.parts.length === 2 && t.alias && x.parts[0] === t.alias) return ref(x.parts[1]);
      if (x.parts.length === 1 && view.cols.has(x.parts[0])) return ref(x.parts[0]);
      return undefined;
    });
  const where = [...view.conds, ...(q.where ? [{ kind: 'paren', expr: q.where } as Expr] : []), ...(s.where ? [{ kind: 'paren', expr: outer(s.where) } as Expr] : [])];
  report(ctx, 'OPG-DML-0012', { verb: 'DELETE', how: `DELETE FROM its key-preserved table ${base.name.name} USING the other tables, with the join and view conditions in WHERE` });
  const out: Extract<DmlStatement, { kind: 'delete' }> = { ...s, target: { ...base, alias: qualifier(base) }, using: view.tables.filter((r) => r !== base) };
  if (where.length) out.where = where.reduce((a, b) => ({ kind: 'binary', op: 'AND', left: a, right: b }));
  if (s.returning) out.returning = { ...s.returning, exprs: s.returning.exprs.map(outer) };
  return out;
}

/**
 * INSERT into an inline view (without WITH CHECK OPTION, reported before): Oracle inserts into the
 * one base table whose columns the statement names (a key-preserved table of a join view), the
 * view's WHERE playing no part; the statement becomes INSERT INTO that table with the view's
 * column names read as the table's columns. Undefined when the columns are not those of one table
 * or the view has another shape (reported by rewriteTarget).
 */
function insertIntoView(s: Extract<DmlStatement, { kind: 'insert' }>, ctx: ExprContext): Extract<DmlStatement, { kind: 'insert' }> | undefined {
  const t = s.target;
  if (t.kind !== 'subquery' || t.query.kind !== 'select') return undefined;
  const view = viewShape(t.query, ctx);
  if (!view) return undefined;
  const names = s.columns ?? [...view.cols.keys()];
  const mapped = names.map((n) => view.cols.get(n));
  const table = mapped[0]?.table;
  if (!table || mapped.some((m) => !m || m.table !== table)) return undefined;
  report(ctx, 'OPG-DML-0012', { verb: 'INSERT', how: 'INSERT INTO the table whose columns it names' });
  const { alias: _alias, ...base } = table;
  const out: Extract<DmlStatement, { kind: 'insert' }> = { ...s, target: base, columns: mapped.map((m) => m!.column) };
  if (s.returning) {
    const outer = (e: Expr) =>
      mapExpr(e, (x) => {
        if (x.kind !== 'column') return undefined;
        const name = x.parts.length === 2 && t.alias && x.parts[0] === t.alias ? x.parts[1] : x.parts.length === 1 ? x.parts[0] : undefined;
        const c = name === undefined ? undefined : view.cols.get(name);
        return c && c.table === table ? ({ kind: 'column', parts: [c.column] } as Expr) : undefined;
      });
    out.returning = { ...s.returning, exprs: s.returning.exprs.map(outer) };
  }
  return out;
}

function joinViewUpdate(s: Extract<DmlStatement, { kind: 'update' }>, ctx: ExprContext): Extract<DmlStatement, { kind: 'update' }> | undefined {
  const t = s.target;
  if (t.kind !== 'subquery' || t.query.kind !== 'select' || s.currentOf || s.setRow) return undefined;
  const view = viewShape(t.query, ctx);
  if (!view || view.tables.length < 2) return undefined;
  const { tables, conds, cols } = view;
  const q = t.query;
  const qualifier = (r: TableRef) => r.alias ?? r.name.name;
  const targets = new Set(s.set.map((c) => cols.get(c.columns[0][c.columns[0].length - 1])?.table));
  const [base] = [...targets];
  if (targets.size !== 1 || !base || s.set.some((c) => c.columns[0].length > 2)) return undefined;
  const ref = (name: OraName): Expr | undefined => {
    const c = cols.get(name);
    return c && { kind: 'column', parts: [qualifier(c.table), c.column] };
  };
  const outer = (e: Expr) =>
    mapExpr(e, (x) => {
      if (x.kind !== 'column') return undefined;
      if (x.parts.length === 2 && t.alias && x.parts[0] === t.alias) return ref(x.parts[1]);
      if (x.parts.length === 1 && cols.has(x.parts[0])) return ref(x.parts[0]);
      return undefined;
    });
  const where = [...conds, ...(q.where ? [{ kind: 'paren', expr: q.where } as Expr] : []), ...(s.where ? [{ kind: 'paren', expr: outer(s.where) } as Expr] : [])];
  report(ctx, 'OPG-DML-0012', { verb: 'UPDATE', how: 'UPDATE … FROM on the table whose columns it sets, with the join and view conditions in WHERE' });
  const out: Extract<DmlStatement, { kind: 'update' }> = {
    ...s,
    target: { ...base, alias: qualifier(base) },
    set: s.set.map((c) => ({ columns: c.columns.map((parts) => [cols.get(parts[parts.length - 1])!.column]), value: outer(c.value) })),
    from: tables.filter((r) => r !== base),
  };
  if (where.length) out.where = where.reduce((a, b) => ({ kind: 'binary', op: 'AND', left: a, right: b }));
  else delete out.where;
  if (s.returning) out.returning = { ...s.returning, exprs: s.returning.exprs.map(outer) };
  return out;
}

function rewriteTarget(t: DmlTarget, verb: string, ctx: ExprContext): DmlTarget {
  if (t.kind === 'table') return rewriteTable(t, ctx);
  report(ctx, 'OPG-DML-0002', { verb });
  (ctx.unconvertible ??= []).push(`${verb} on an inline view`);
  return { ...t, query: rewriteQuery(t.query, ctx) };
}

const exprs = (list: Expr[], ctx: ExprContext) => list.map((e) => rewriteExpr(e, ctx));

/**
 * SET t.col = … → SET col = … (PostgreSQL rejects a qualified target column); SET t.col.attr = …
 * (an attribute of an object-typed column, t the target's alias or name) → SET col.attr = ….
 */
function rewriteSet(set: SetClause[], ctx: ExprContext, target?: DmlTarget): SetClause[] {
  const names = target?.kind === 'table' ? [target.alias ?? target.name.name] : target?.alias ? [target.alias] : [];
  return set.map((s) => ({
    columns: s.columns.map((parts) => (parts.length >= 3 && names.includes(parts[0]) ? parts.slice(1) : [parts[parts.length - 1]])),
    value: (s.columns.length === 1 ? dateText(s.value, s.columns[0], ctx) : undefined) ?? rewriteExpr(s.columns.length === 1 ? numberAsText(s.value, s.columns[0], ctx) : rowSubqueryValues(s, target, ctx), ctx),
  }));
}

/**
 * SET (a, b) = (SELECT x, y …): the subquery's values converted to the columns' types by position,
 * as INSERT … SELECT's (insertQueryValues).
 */
function rowSubqueryValues(s: SetClause, target: DmlTarget | undefined, ctx: ExprContext): Expr {
  if (s.value.kind !== 'subquery' || target?.kind !== 'table') return s.value;
  const cols = s.columns.map((parts) => parts[parts.length - 1]);
  return { ...s.value, query: insertQueryValues(s.value.query, target, cols, ctx) };
}

/** A non-integer NUMBER stored in a character column: TO_CHAR(value), as Oracle converts it (see numbersAsText). */
function numberAsText(value: Expr, column: OraName[], ctx: ExprContext): Expr {
  if (value.kind === 'literal') return value;
  const f = assignConversion(inferType(value, ctx), inferType({ kind: 'column', parts: column }, ctx));
  return f ? f(value) : value;
}

/**
 * The implicit conversion Oracle applies to a value stored in a column of another type, written
 * as the Oracle function that makes it (the function rules then convert it): a non-integer NUMBER
 * or a DATE into a character column, TO_CHAR (PostgreSQL's assignment cast prints 2.50 for 2.5 and
 * 2020-03-04 00:00:00 for 04-MAR-20); a text into a NUMBER column, TO_NUMBER (PostgreSQL has no
 * assignment cast from varchar to a number type).
 */
function assignConversion(value: OraType, column: OraType): ((e: Expr) => Expr) | undefined {
  if (column.cls === 'string' && ((value.cls === 'number' && value.pg === 'numeric') || isDateType(value))) return (e) => call('TO_CHAR', e);
  if (column.cls === 'number' && value.cls === 'string') return (e) => call('TO_NUMBER', e);
  // A text into a DATE column: read with NLS_DATE_FORMAT, DD-MON-RR by default (PostgreSQL has no
  // assignment cast from varchar to timestamp).
  if (column.cls === 'date' && value.cls === 'string') return (e) => call('TO_DATE', e, lit('DD-MON-RR'));
  return undefined;
}

/**
 * INSERT … SELECT into a table: each select-list value converted to its column's type as Oracle
 * converts it implicitly (assignConversion), by position. Queries with set operators or * are left
 * alone.
 */
function insertQueryValues(q: Query, target: TableRef, columns: OraName[] | undefined, ctx: ExprContext): Query {
  const cols = columns ?? ctx.tableColumns?.(target.name);
  if (!cols || q.kind !== 'select' || q.items.some((i) => i.expr.kind === 'star')) return q;
  const colTypes = inScope(ctx, [target], () => cols.map((c) => inferType({ kind: 'column', parts: [c] }, ctx)));
  const valueTypes = queryColumnTypes(q, ctx).map((c) => c.type);
  let changed = false;
  const items = q.items.map((item, i) => {
    const f = colTypes[i] && valueTypes[i] && item.expr.kind !== 'literal' ? assignConversion(valueTypes[i], colTypes[i]) : undefined;
    if (!f) return item;
    changed = true;
    return { ...item, expr: f(item.expr) };
  });
  return changed ? { ...q, items } : q;
}

/**
 * seq.NEXTVAL in several SET clauses of an UPDATE: Oracle increments the sequence once per updated
 * row, every occurrence reading the same value. PostgreSQL evaluates the SET values in the order of
 * the table's columns (not as written): the first NEXTVAL in that order stays nextval, the others
 * become CURRVAL (nextvalOncePerRow). Left alone when the columns' order is not known.
 */
function setNextvalOnce(set: SetClause[], target: DmlTarget, ctx: ExprContext): SetClause[] {
  const cols = target.kind === 'table' ? ctx.tableColumns?.(target.name) : undefined;
  const single = set.every((c) => c.columns.length === 1);
  if (!cols || !single || set.filter((c) => JSON.stringify(c.value).includes('"NEXTVAL"')).length < 2) return set;
  const position = (c: SetClause) => cols.indexOf(c.columns[0][c.columns[0].length - 1]);
  if (set.some((c) => position(c) < 0)) return set;
  const order = set.map((c, i) => i).sort((a, b) => position(set[a]) - position(set[b]));
  const values = nextvalOncePerRow(order.map((i) => set[i].value));
  const out = set.slice();
  order.forEach((i, k) => (out[i] = { ...set[i], value: values[k] }));
  return out;
}

/**
 * A text literal stored in a DATE column (its type known from the statement's scope): Oracle reads
 * it with NLS_DATE_FORMAT, DD-MON-RR by default ('12-MAR-62' is 1962; PostgreSQL would store 2062).
 */
function dateText(value: Expr, column: OraName[], ctx: ExprContext): Expr | undefined {
  if (value.kind !== 'literal' || value.type !== 'string') return undefined;
  const t = inferType({ kind: 'column', parts: column }, ctx);
  // A text literal with a fraction or an exponent stored in a NUMBER(p) column (an integer type
  // here): Oracle converts it to a NUMBER and rounds it to the column's scale ('12.7' → 13);
  // PostgreSQL's integer input rejects it. As a numeric, the assignment rounds as Oracle does.
  if (t.cls === 'number' && (t.pg === 'int' || t.pg === 'bigint') && /^\s*[+-]?(\d+\.\d*|\.\d+|\d+(\.\d*)?[eE][+-]?\d+)\s*$/.test(value.value))
    return cast(value, 'numeric');
  if (!isDateType(t)) return undefined;
  return nlsDateLiteral(value, ctx);
}

/**
 * UPDATE / DELETE … WHERE … AND ROWNUM <= n (the batch purge: delete at most n rows per pass):
 * PostgreSQL has no row limit on UPDATE / DELETE. The rows are chosen by a query on the same
 * table with the same WHERE, where the ROWNUM rules make the test a row limit, and the statement
 * acts on the rows it returns: WHERE (tableoid, ctid) IN (SELECT tableoid, ctid FROM t WHERE …)
 * (tableoid too, so a partitioned table's rows are told apart). Left alone (and reported by the
 * expression rules) when the target is not a table.
 */
function rownumLimitedRows<T extends Extract<DmlStatement, { kind: 'update' | 'delete' }>>(s: T): T | undefined {
  if (!s.where || s.target.kind !== 'table' || s.currentOf) return undefined;
  let rownum = false;
  walkExpr(s.where, (x) => {
    if (x.kind === 'pseudo' && x.name === 'ROWNUM') rownum = true;
  });
  if (!rownum) return undefined;
  const row: Expr = { kind: 'list', items: [{ kind: 'column', parts: ['TABLEOID'] }, { kind: 'column', parts: ['CTID'] }] };
  const pick: Query = {
    kind: 'select',
    items: [{ expr: { kind: 'column', parts: ['TABLEOID'] } }, { expr: { kind: 'column', parts: ['CTID'] } }],
    from: [s.target],
    where: s.where,
  };
  return { ...s, where: { kind: 'in', operand: row, list: pick } };
}

/** VALUES of an INSERT: text literals for DATE columns as Oracle reads them (see dateText). */
function insertValues(rows: Expr[][], target: DmlTarget, columns: OraName[] | undefined, ctx: ExprContext): Expr[][] {
  rows = rows.map(nextvalOncePerRow);
  const cols = columns ?? (target.kind === 'table' ? ctx.tableColumns?.(target.name) : undefined);
  if (cols && target.kind === 'table') rows = rows.map((row) => numbersAsText(row, cols, target, ctx));
  const literal = rows.some((row) => row.some((v) => v.kind === 'literal' && v.type === 'string'));
  if (!cols || !literal || target.kind !== 'table') return rows.map((row) => exprs(row, ctx));
  return inScope(ctx, [target], () =>
    rows.map((row) => row.map((v, i) => (cols[i] ? dateText(v, [cols[i]], ctx) : undefined) ?? rewriteExpr(v, ctx))),
  );
}

/**
 * A non-integer NUMBER value inserted into a character column is stored as Oracle's implicit
 * conversion writes it (TO_CHAR: 2.5, not 2.5000000000000000; .25, 12.5): PostgreSQL's assignment
 * cast prints the numeric with its scale. The value becomes TO_CHAR(value) in the Oracle tree.
 */
function numbersAsText(row: Expr[], cols: OraName[], target: TableRef, ctx: ExprContext): Expr[] {
  const types = inScope(ctx, [target], () => cols.map((c) => inferType({ kind: 'column', parts: [c] }, ctx)));
  return row.map((v, i) => {
    if (!types[i] || v.kind === 'literal') return v;
    const f = assignConversion(inferType(v, ctx), types[i]);
    return f ? f(v) : v;
  });
}

/**
 * Runs `f` with the target (and MERGE's source) as the name scope of the statement's expressions,
 * as a query block's FROM items are: column types for the rules, alias.column.attribute.
 */
function inScope<T>(ctx: ExprContext, from: FromItem[], f: () => T): T {
  const outer = ctx.scope;
  ctx.scope = buildScope({ kind: 'select', items: [], from }, ctx, outer);
  try {
    return f();
  } finally {
    ctx.scope = outer;
  }
}

function rewriteReturning(r: ReturningClause, ctx: ExprContext, inPlsql: boolean): ReturningClause {
  const out: ReturningClause = { ...r, exprs: exprs(r.exprs, ctx), into: r.into };
  if (!inPlsql) {
    const targets = r.into.map((e) =>
      e.kind === 'bind' ? `:${e.name}` : e.kind === 'column' ? e.parts.join('.') : '?',
    );
    report(ctx, 'OPG-DML-0001', { targets: targets.join(', ') });
    out.into = [];
  }
  return out;
}

export interface DmlRewriteOptions {
  /** Inside PL/SQL, RETURNING … INTO and WHERE CURRENT OF keep their meaning. */
  inPlsql?: boolean;
}

/** Rewrites one DML / transaction statement for PostgreSQL; findings go to ctx.findings. */
export function rewriteDml(s: DmlStatement, ctx: ExprContext, opts: DmlRewriteOptions = {}): DmlStatement {
  const inPlsql = !!opts.inPlsql;
  // DML through ( subquery WITH READ ONLY | WITH CHECK OPTION ): Oracle refuses the change, or
  // the rows that would leave the subquery; a change of the base table would do neither.
  const restricted =
    (s.kind === 'insert' || s.kind === 'update' || s.kind === 'delete') && s.target.kind === 'subquery'
      ? s.target.query.restriction
      : undefined;
  if (restricted) {
    notConverted(
      ctx,
      restricted === 'READ ONLY'
        ? `${s.kind.toUpperCase()} on an inline view WITH READ ONLY (Oracle rejects any change through it, so the statement only raises an error there: remove it, or raise the error in the code)`
        : `${s.kind.toUpperCase()} on an inline view WITH CHECK OPTION (Oracle rejects rows the subquery would not select: create a view WITH CHECK OPTION, which PostgreSQL has, and change it, or test the condition in the statement)`,
    );
    return s;
  }
  switch (s.kind) {
    case 'select':
      // SELECT … INTO is PL/SQL only (Oracle's SQL rejects it); PostgreSQL's SQL reads it as
      // CREATE TABLE … AS (a table named after the variable), or rejects several targets.
      if (!inPlsql && s.query.kind === 'select' && s.query.into)
        notConverted(ctx, 'SELECT … INTO outside PL/SQL (in PostgreSQL SQL it creates a table; run it inside a PL/pgSQL block, or fetch the row in the application)');
      return { ...s, query: rewriteQuery(s.query, ctx) };
    case 'insert': {
      const flat = insertIntoView(s, ctx);
      if (flat) return rewriteDml(flat, ctx, opts);
      const r = { ...s, target: rewriteTarget(s.target, 'INSERT', ctx) };
      if (s.values) r.values = insertValues(s.values, s.target, s.columns, ctx);
      if (s.query) r.query = rewriteQuery(s.target.kind === 'table' ? insertQueryValues(s.query, s.target, s.columns, ctx) : s.query, ctx);
      // RETURNING reads the inserted row: the target's columns are its scope.
      if (s.returning) r.returning = s.target.kind === 'table' ? inScope(ctx, [s.target], () => rewriteReturning(s.returning!, ctx, inPlsql)) : rewriteReturning(s.returning, ctx, inPlsql);
      if (s.logErrors) report(ctx, 'OPG-DML-0004', {});
      return r;
    }
    case 'insert-multi':
      return rewriteMultiInsert(s, ctx);
    case 'update': {
      if (s.setRow) {
        // SET ROW = record: every column of the table, from the record's fields by position.
        const cols = s.target.kind === 'table' ? ctx.tableColumns?.(s.target.name) : undefined;
        if (!cols?.length) {
          report(ctx, 'OPG-EXPR-0004', { detail: 'UPDATE … SET ROW = record on a table whose columns are not known (list the columns: SET (c1, c2, …) = (SELECT (record).*))' });
          (ctx.unconvertible ??= []).push('UPDATE … SET ROW');
          return { ...s, set: [] };
        }
        const fields: Expr = { kind: 'field', operand: s.setRow, field: '*' };
        const value: Expr = { kind: 'subquery', query: { kind: 'select', items: [{ expr: fields }], from: [] } };
        const { setRow: _, ...rest } = s;
        return rewriteDml({ ...rest, set: [{ columns: cols.map((c) => [c]), value }] }, ctx, opts);
      }
      const limited = rownumLimitedRows(s);
      if (limited) return rewriteDml(limited, ctx, opts);
      const flat = flattenInlineView(s, ctx) ?? joinViewUpdate(s, ctx);
      if (flat) return rewriteDml(flat, ctx, opts);
      const target = rewriteTarget(s.target, 'UPDATE', ctx);
      return inScope(ctx, [s.target, ...(s.from ?? [])], () => {
        const r = { ...s, target, set: rewriteSet(setNextvalOnce(s.set, s.target, ctx), ctx, s.target) };
        if (s.from) r.from = s.from.map((f) => rewriteTable(f, ctx));
        if (s.where) r.where = rewriteExpr(s.where, ctx);
        if (s.currentOf && !inPlsql)
          report(ctx, 'OPG-EXPR-0004', { detail: 'WHERE CURRENT OF outside PL/SQL' });
        if (s.returning) r.returning = rewriteReturning(s.returning, ctx, inPlsql);
        if (s.logErrors) report(ctx, 'OPG-DML-0004', {});
        return r;
      });
    }
    case 'delete': {
      const limited = rownumLimitedRows(s);
      if (limited) return rewriteDml(limited, ctx, opts);
      const flat = flattenInlineView(s, ctx) ?? joinViewDelete(s, ctx);
      if (flat) return rewriteDml(flat, ctx, opts);
      const target = rewriteTarget(s.target, 'DELETE', ctx);
      return inScope(ctx, [s.target, ...(s.using ?? [])], () => {
        const r = { ...s, target };
        if (s.using) r.using = s.using.map((f) => rewriteTable(f, ctx));
        if (s.where) r.where = rewriteExpr(s.where, ctx);
        if (s.returning) r.returning = rewriteReturning(s.returning, ctx, inPlsql);
        if (s.logErrors) report(ctx, 'OPG-DML-0004', {});
        return r;
      });
    }
    case 'merge':
      return rewriteMerge(s, ctx);
    case 'transaction':
      if (!inPlsql && (s.verb === 'ROLLBACK' || s.verb === 'SAVEPOINT'))
        report(ctx, 'OPG-DML-0007', {
          verb: s.savepoint ? `${s.verb} ${s.verb === 'ROLLBACK' ? 'TO ' : ''}${s.savepoint}` : s.verb,
        });
      return s;
    case 'truncate':
      if (s.cascade) report(ctx, 'OPG-DML-0005', { table: s.table.name.name });
      return { ...s, table: rewriteTable(s.table, ctx) };
    case 'lock': {
      const mode = LOCK_MODES[s.mode] ?? s.mode;
      if (!inPlsql)
        report(ctx, 'OPG-DML-0006', { detail: 'must run inside a transaction block on PostgreSQL' });
      if (s.wait !== undefined)
        report(ctx, 'OPG-DML-0006', {
          detail: `WAIT ${s.wait}: use SET LOCAL lock_timeout = '${s.wait}s' before the LOCK statement`,
        });
      return { ...s, tables: s.tables.map((t) => rewriteTable(t, ctx)), mode };
    }
    case 'call': {
      const call = rewriteExpr(s.call, ctx);
      return { ...s, call: call.kind === 'call' ? call : s.call };
    }
  }
}

/** Oracle lock modes → PostgreSQL lock modes (SHARE UPDATE is Oracle's old name for ROW SHARE). */
const LOCK_MODES: Record<string, string> = {
  'ROW SHARE': 'ROW SHARE',
  'SHARE UPDATE': 'ROW SHARE',
  'ROW EXCLUSIVE': 'ROW EXCLUSIVE',
  SHARE: 'SHARE',
  'SHARE ROW EXCLUSIVE': 'SHARE ROW EXCLUSIVE',
  EXCLUSIVE: 'EXCLUSIVE',
};

function rewriteInto(i: InsertInto, ctx: ExprContext): InsertInto {
  const r: InsertInto = { ...i, target: rewriteTable(i.target, ctx) };
  if (i.values) r.values = insertValues([i.values], i.target, i.columns, ctx)[0];
  return r;
}

function rewriteMultiInsert(s: MultiInsertStmt, ctx: ExprContext): MultiInsertStmt {
  report(ctx, 'OPG-DML-0008', { mode: s.mode });
  const r: MultiInsertStmt = {
    ...s,
    query: rewriteQuery(s.query, ctx),
    branches: s.branches.map((b) => {
      const nb: MultiInsertStmt['branches'][number] = { into: b.into.map((i) => rewriteInto(i, ctx)) };
      if (b.when) nb.when = rewriteExpr(b.when, ctx);
      return nb;
    }),
  };
  if (s.else) r.else = s.else.map((i) => rewriteInto(i, ctx));
  return sequencePerSourceRow(r);
}

/**
 * seq.NEXTVAL / seq.CURRVAL in the INTO clauses of a multi-table INSERT: Oracle increments the
 * sequence once per row of the subquery, and every INTO clause of that row sees the same value
 * (an order and its lines get the same id). PostgreSQL would call nextval once per INSERT. The
 * source rows get one nextval column per sequence, computed once per row in the (materialized)
 * source, and the INTO values read that column.
 */
function sequencePerSourceRow(s: MultiInsertStmt): MultiInsertStmt {
  const columns = new Map<string, OraName>();
  const seqName = (e: Expr) =>
    e.kind === 'call' && e.name.length === 1 && (e.name[0] === 'nextval' || e.name[0] === 'currval') && e.args[0]?.value.kind === 'literal'
      ? e.args[0].value.value
      : undefined;
  const replace = (e: Expr): Expr =>
    mapExpr(e, (x) => {
      const name = seqName(x);
      if (name === undefined) return undefined;
      if (!columns.has(name)) columns.set(name, `OPG_NEXTVAL_${columns.size + 1}`);
      return { kind: 'column', parts: [columns.get(name)!] };
    });
  const into = (i: InsertInto): InsertInto => (i.values ? { ...i, values: i.values.map(replace) } : i);
  const branches = s.branches.map((b) => ({ ...b, into: b.into.map(into) }));
  const elseInto = s.else?.map(into);
  if (!columns.size) return s;
  const query: Query = {
    kind: 'select',
    items: [
      { expr: { kind: 'star', qualifier: ['OPG_SRC_ROW'] } },
      ...[...columns].map(([name, col]) => ({ expr: call('nextval', lit(name)), alias: col })),
    ],
    from: [{ kind: 'subquery', query: s.query, alias: 'OPG_SRC_ROW' }],
  };
  const r: MultiInsertStmt = { ...s, query, branches };
  if (elseInto) r.else = elseInto;
  return r;
}

function rewriteMerge(s: MergeStmt, ctx: ExprContext): MergeStmt {
  const target = rewriteTable(s.target, ctx);
  const using =
    s.using.kind === 'table'
      ? rewriteTable(s.using, ctx)
      : s.using.kind === 'subquery'
        ? { ...s.using, query: rewriteQuery(s.using.query, ctx) }
        : s.using;
  return inScope(ctx, [s.target, s.using], () => mergeClauses(s, { ...s, target, using }, ctx));
}

/** ON, WHEN MATCHED and WHEN NOT MATCHED of a MERGE (in the scope of its target and source). */
function mergeClauses(s: MergeStmt, base: MergeStmt, ctx: ExprContext): MergeStmt {
  const r: MergeStmt = { ...base, on: rewriteExpr(s.on, ctx) };
  if (s.matched) {
    const set = rewriteSet(s.matched.set, ctx, s.target);
    const m: NonNullable<MergeStmt['matched']> = { set };
    if (s.matched.where) m.where = rewriteExpr(s.matched.where, ctx);
    if (s.matched.deleteWhere) {
      report(ctx, 'OPG-DML-0003', {});
      const names = new Set([s.target.alias, s.target.name.name].filter(Boolean) as OraName[]);
      const updated = new Map(set.filter((c) => c.columns[0].length === 1).map((c) => [c.columns[0][0], c.value]));
      // The delete test sees the row as updated: substitute SET expressions for target columns.
      m.deleteWhere = mapExpr(rewriteExpr(s.matched.deleteWhere, ctx), (e) => {
        if (e.kind !== 'column') return undefined;
        const col = e.parts[e.parts.length - 1];
        const qualifiedToTarget = e.parts.length === 2 && names.has(e.parts[0]);
        if ((qualifiedToTarget || e.parts.length === 1) && updated.has(col))
          return { kind: 'paren', expr: updated.get(col)! };
        return undefined;
      });
    }
    r.matched = m;
  }
  if (s.notMatched) {
    // The INSERT values as an INSERT's (implicit conversions to the columns' types, DATE texts).
    const nm: NonNullable<MergeStmt['notMatched']> = {
      values: insertValues([s.notMatched.values], s.target, s.notMatched.columns, ctx)[0],
    };
    if (s.notMatched.columns) nm.columns = s.notMatched.columns;
    if (s.notMatched.where) nm.where = rewriteExpr(s.notMatched.where, ctx);
    r.notMatched = nm;
  }
  if (s.logErrors) report(ctx, 'OPG-DML-0004', {});
  return r;
}
