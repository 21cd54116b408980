/** Prints rewritten queries as PostgreSQL text. */
import type { Expr } from '../../ast/expr.js';
import type { FromItem, GroupByItem, Query, SelectQuery } from '../../ast/query.js';
import { pgNameOf, quoteIdent, quoteLiteral } from '../quote.js';
import { printExpr, printName, printOrderItems, printType } from './expr.js';

function tableName(schema: string | undefined, name: string): string {
  return (schema ? `${quoteIdent(pgNameOf(schema))}.` : '') + quoteIdent(pgNameOf(name));
}

function printGroupBy(g: GroupByItem): string {
  switch (g.kind) {
    case 'expr':
      return printExpr(g.expr);
    case 'rollup':
      return `ROLLUP (${g.items.map(printExpr).join(', ')})`;
    case 'cube':
      return `CUBE (${g.items.map(printExpr).join(', ')})`;
    case 'grouping-sets':
      return `GROUPING SETS (${g.sets.map((s) => `(${s.map(printExpr).join(', ')})`).join(', ')})`;
  }
}

export function printFrom(f: FromItem): string {
  switch (f.kind) {
    case 'table':
      return (
        tableName(f.name.schema, f.name.name) +
        (f.alias ? ` ${quoteIdent(pgNameOf(f.alias))}` : '') +
        (f.sample
          ? ` TABLESAMPLE ${f.sample.block ? 'SYSTEM' : 'BERNOULLI'} (${printExpr(f.sample.percent)})` +
            (f.sample.seed ? ` REPEATABLE (${printExpr(f.sample.seed)})` : '')
          : '')
      );
    case 'subquery':
      // PostgreSQL before 16 requires an alias on derived tables.
      return `${f.lateral ? 'LATERAL ' : ''}(${printQuery(f.query)}) ${quoteIdent(pgNameOf(f.alias ?? 'SUBQ'))}`;
    case 'pivot':
      // Rewritten by the rules before printing; an unconverted one is printed as its source.
      return printFrom(f.source);
    case 'table-function': {
      // TABLE(collection) → unnest(array); TABLE(pipelined_function(…)) → the set-returning call.
      const source =
        (f.pipelined ? printExpr(f.expr) : `unnest(${printExpr(f.expr)})`) + (f.ordinality ? ' WITH ORDINALITY' : '');
      const alias = f.alias ?? (f.columnValue ? 'OPG_T' : undefined);
      if (!alias) return source;
      const cols = f.columnAliases?.length
        ? `(${f.columnAliases.map((c) => quoteIdent(c)).join(', ')})`
        : f.columnValue
          ? '(column_value)'
          : '';
      return `${source} AS ${quoteIdent(pgNameOf(alias))}${cols}`;
    }
    case 'json-table':
      // Rewritten by the rules before printing; an unconverted one is printed as its source form.
      return `JSON_TABLE(${printExpr(f.doc)}, ${quoteLiteral(f.path)} COLUMNS (…))${f.alias ? ` ${quoteIdent(pgNameOf(f.alias))}` : ''}`;
    case 'xml-table': {
      // Converted by the rules into PostgreSQL's XMLTABLE (XPath 1.0); an unconverted one keeps its source form.
      const ns = f.namespaces?.length
        ? `XMLNAMESPACES(${f.namespaces.map((n) => (n.prefix ? `${quoteLiteral(n.uri)} AS ${quoteIdent(pgNameOf(n.prefix))}` : `DEFAULT ${quoteLiteral(n.uri)}`)).join(', ')}), `
        : '';
      const passing = f.passing.length
        ? ` PASSING ${f.passing.map((p) => `(${printExpr(p.expr)})${p.name ? ` AS ${quoteIdent(pgNameOf(p.name))}` : ''}`).join(', ')}`
        : '';
      const cols = f.columns.map((c) => {
        if (c.ordinality) return `${quoteIdent(pgNameOf(c.name))} FOR ORDINALITY`;
        let s = `${quoteIdent(pgNameOf(c.name))} ${c.type ? printType(c.type) : 'text'}`;
        if (c.path !== undefined) s += ` PATH ${quoteLiteral(c.path)}`;
        if (c.default) s += ` DEFAULT ${printExpr(c.default)}`;
        return s;
      });
      return `XMLTABLE(${ns}${quoteLiteral(f.xquery)}${passing}${cols.length ? ` COLUMNS ${cols.join(', ')}` : ''})${f.alias ? ` ${quoteIdent(pgNameOf(f.alias))}` : ''}`;
    }
    case 'join': {
      const type =
        f.type === 'CROSS APPLY'
          ? 'CROSS JOIN LATERAL'
          : f.type === 'OUTER APPLY'
            ? 'LEFT JOIN LATERAL'
            : `${f.type} JOIN`;
      let s = `${printFrom(f.left)} ${f.natural ? 'NATURAL ' : ''}${type} ${printFrom(f.right)}`;
      if (f.on) s += ` ON ${printExpr(f.on)}`;
      else if (f.using) s += ` USING (${f.using.map((c) => quoteIdent(pgNameOf(c))).join(', ')})`;
      else if (f.type === 'OUTER APPLY') s += ' ON TRUE';
      return s;
    }
  }
}

/**
 * OFFSET n ROWS / FETCH FIRST n ROWS take a simple value in PostgreSQL's grammar (a constant, a
 * column, a function call, a parenthesized expression): any other expression is parenthesized.
 */
function rowCount(e: Expr): string {
  const simple = (e.kind === 'literal' && e.type === 'number') || e.kind === 'column' || e.kind === 'bind' || e.kind === 'paren' || e.kind === 'call';
  return simple ? printExpr(e) : `(${printExpr(e)})`;
}

function printLimit(q: Query): string {
  let s = '';
  if (q.orderBy?.length) s += ` ORDER BY ${printOrderItems(q.orderBy)}`;
  if (q.offset) s += ` OFFSET ${rowCount(q.offset)} ROWS`;
  if (q.fetch) {
    const count = q.fetch.count ? ` ${rowCount(q.fetch.count)}` : '';
    s += ` FETCH FIRST${count} ROWS ${q.fetch.withTies ? 'WITH TIES' : 'ONLY'}`;
  }
  return s;
}

function printWith(q: Query): string {
  if (!q.with) return '';
  const recursive = q.with.recursive ? 'RECURSIVE ' : '';
  const names = (xs: string[]) => xs.map((x) => quoteIdent(pgNameOf(x))).join(', ');
  const ctes = q.with.ctes.map((c) => {
    let s = `${quoteIdent(pgNameOf(c.name))}${c.columns ? ` (${names(c.columns)})` : ''} AS (${printQuery(c.query)})`;
    // PostgreSQL 14+ SEARCH / CYCLE (rules/recursive-with.ts leaves only forms PostgreSQL accepts).
    if (c.search) {
      const by = c.search.by.map((o) => printExpr(o.expr)).join(', ');
      s += ` SEARCH ${c.search.breadth ? 'BREADTH' : 'DEPTH'} FIRST BY ${by} SET ${quoteIdent(pgNameOf(c.search.set))}`;
    }
    if (c.cycle) {
      s += ` CYCLE ${names(c.cycle.columns)} SET ${quoteIdent(pgNameOf(c.cycle.set))} TO ${printExpr(c.cycle.to)} DEFAULT ${printExpr(c.cycle.default)}`;
      if (c.cycle.using) s += ` USING ${quoteIdent(pgNameOf(c.cycle.using))}`;
    }
    return s;
  });
  return `WITH ${recursive}${ctes.join(', ')} `;
}

function printSelect(q: SelectQuery): string {
  const parts: string[] = [];
  if (q.hint) parts.push(`/* hint: ${q.hint.replaceAll('*/', '* /')} */`);
  const items = q.items
    .map((i) => printExpr(i.expr) + (i.alias ? ` AS ${quoteIdent(pgNameOf(i.alias))}` : ''))
    .join(', ');
  let s = `SELECT ${parts.length ? `${parts.join(' ')} ` : ''}${q.distinct ? 'DISTINCT ' : ''}${items}`;
  if (q.into) s += ` INTO ${q.into.strict ? 'STRICT ' : ''}${q.into.targets.map(printExpr).join(', ')}`;
  if (q.from.length) s += ` FROM ${q.from.map(printFrom).join(', ')}`;
  if (q.where) s += ` WHERE ${printExpr(q.where)}`;
  if (q.groupBy?.length) s += ` GROUP BY ${q.groupBy.map(printGroupBy).join(', ')}`;
  if (q.having) s += ` HAVING ${printExpr(q.having)}`;
  s += printLimit(q);
  if (q.forUpdate) {
    s += ' FOR UPDATE';
    // Oracle locks by column (OF t.col), PostgreSQL by table: name the column's table.
    const single = q.from.length === 1 && q.from[0].kind !== 'join' ? q.from[0] : undefined;
    const singleName = single && (single.alias ?? (single.kind === 'table' ? single.name.name : undefined));
    const tables = (q.forUpdate.of ?? []).map((e) =>
      e.kind === 'column' && e.parts.length >= 2 ? e.parts[e.parts.length - 2] : singleName,
    );
    if (tables.length && tables.every(Boolean)) s += ` OF ${[...new Set(tables as string[])].map((t) => printName([t])).join(', ')}`;
    if (q.forUpdate.wait === 'NOWAIT' || q.forUpdate.wait === 'SKIP LOCKED') s += ` ${q.forUpdate.wait}`;
  }
  return s;
}

/** Oracle set operators have equal precedence, left to right; PostgreSQL binds INTERSECT tighter: parenthesize operands. */
function printSetOperand(q: Query): string {
  if (q.kind === 'set' || q.orderBy || q.fetch || q.offset || q.with) return `(${printQuery(q)})`;
  return printSelect(q);
}

export function printQuery(q: Query): string {
  if (q.kind === 'select') return printWith(q) + printSelect(q);
  const op = q.op === 'MINUS' ? 'EXCEPT' : q.op;
  const body = `${printSetOperand(q.left)} ${op} ${printSetOperand(q.right)}`;
  return printWith(q) + body + printLimit(q);
}
