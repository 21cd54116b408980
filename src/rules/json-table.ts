/**
 * JSON_TABLE → a LATERAL subquery over jsonb_path_query (PostgreSQL 15 has no JSON_TABLE).
 *
 *   JSON_TABLE(doc, '$.items[*]' COLUMNS (id NUMBER PATH '$.id', n FOR ORDINALITY,
 *              NESTED PATH '$.tags[*]' COLUMNS (tag VARCHAR2(20) PATH '$')))  r
 * →
 *   LATERAL (SELECT (jsonb_path_query_first(opg_j0.v, '$.id') #>> '{}')::numeric AS id,
 *                   opg_j0.n AS n, (jsonb_path_query_first(opg_j1.v, '$') #>> '{}')::varchar(20) AS tag
 *            FROM jsonb_path_query((doc)::jsonb, '$.items[*]') WITH ORDINALITY AS opg_j0(v, n)
 *            LEFT JOIN LATERAL jsonb_path_query(opg_j0.v, '$.tags[*]') WITH ORDINALITY AS opg_j1(v, n) ON TRUE) r
 *
 * Semantics kept: one row per match of the row path; a NESTED PATH is an outer join (the parent row
 * stays, with NULLs, when the nested path matches nothing); FOR ORDINALITY numbers the rows of its
 * level from 1; a column without PATH reads $.<column name>; EXISTS columns give 'true'/'false'
 * (character types) or 1/0 (numbers); FORMAT JSON columns keep the JSON text. Both use lax path mode,
 * as Oracle does by default. What is reported instead of converted: sibling NESTED PATHs at one level
 * (Oracle's union join) and DEFAULT … ON ERROR / ERROR ON EMPTY clauses. PostgreSQL raises on a
 * value that does not convert where Oracle's default NULL ON ERROR gives NULL (noted as a warning);
 * ERROR ON ERROR asks for that, apart from the cases OPG-EXPR-0025 names.
 */
import type { Expr } from '../ast/expr.js';
import type { FromItem, JsonTableColumn, JsonTableRef, SelectItem, SelectQuery } from '../ast/query.js';
import { bin, call, cast, type ExprContext, lit, notConverted, num, pgType, report } from './builders.js';
import { classOfDataType } from './infer.js';
import { mapType } from './types.js';

const col = (alias: string, name: string): Expr => ({ kind: 'column', parts: [alias, name] });

/** `jsonb_path_query(source, path) WITH ORDINALITY AS opg_j<level>(v, n)`: the rows of one path level. */
const pathRows = (source: Expr, path: string, level: number): FromItem => ({
  kind: 'table-function',
  pipelined: true,
  expr: call('jsonb_path_query', source, lit(path)),
  alias: `OPG_J${level}`,
  ordinality: true,
  columnAliases: ['v', 'n'],
});

export function rewriteJsonTable(
  f: JsonTableRef,
  ctx: ExprContext,
  rewriteExpr: (e: Expr, ctx: ExprContext) => Expr,
): FromItem {
  // Table-level clauses: NULL ON EMPTY (the default) is what jsonb_path_query_first gives for a
  // path without match; ERROR ON ERROR is how the casts of the typed columns behave on PostgreSQL.
  const clauses: string[] = (f.errorClauses ?? []).join(' ').match(/\S+ ON \S+/g) ?? [];
  const errorOnError = clauses.includes('ERROR ON ERROR');
  const known = new Set(['NULL ON ERROR', 'NULL ON EMPTY', 'ERROR ON ERROR']);
  if (f.errorClauses?.length && (!clauses.length || clauses.some((c) => !known.has(c))))
    notConverted(ctx, `JSON_TABLE … ${f.errorClauses.join(' ')} (PostgreSQL has no ON ERROR / ON EMPTY clauses)`);
  else if (errorOnError) report(ctx, 'OPG-EXPR-0025', { detail: 'JSON_TABLE' });
  const items: SelectItem[] = [];
  // The cast to jsonb reads JSON kept in a BLOB (bytea) as UTF-8 text (see the pg-cast rule).
  const doc = rewriteExpr(cast(f.doc, 'jsonb'), ctx);
  let level = 0;
  let from = pathRows(doc, f.path, level);
  let columns = f.columns;
  for (;;) {
    const here = `opg_j${level}`;
    for (const c of columns) {
      if (c.kind === 'ordinality') items.push({ expr: col(here, 'n'), alias: c.name });
      else if (c.kind === 'value') items.push({ expr: valueColumn(c, here, ctx), alias: c.name });
    }
    const nested = columns.filter((c): c is JsonTableColumn & { kind: 'nested' } => c.kind === 'nested');
    if (nested.length > 1)
      notConverted(ctx, 'JSON_TABLE with sibling NESTED PATH clauses (Oracle joins them as a union; write one LATERAL query per NESTED PATH and UNION ALL them)');
    if (!nested.length) break;
    level++;
    from = { kind: 'join', type: 'OUTER APPLY', left: from, right: pathRows(col(here, 'v'), nested[0].path, level) };
    columns = nested[0].columns;
  }
  if (!errorOnError && needsCastWarning(f.columns)) report(ctx, 'OPG-EXPR-0008', { detail: 'JSON_TABLE' });
  const query: SelectQuery = { kind: 'select', items, from: [from] };
  return { kind: 'subquery', query, lateral: true, alias: f.alias ?? 'OPG_JSON_TABLE' };
}

/**
 * Typed value columns: PostgreSQL raises on a value that does not convert to a number or a date, and
 * truncates a string too long for VARCHAR2(n), where Oracle gives NULL.
 */
function needsCastWarning(cols: JsonTableColumn[]): boolean {
  return cols.some((c) =>
    c.kind === 'nested'
      ? needsCastWarning(c.columns)
      : c.kind === 'value' && !c.exists && !c.formatJson && !!c.type,
  );
}

function valueColumn(c: JsonTableColumn & { kind: 'value' }, alias: string, ctx: ExprContext): Expr {
  const path = c.path ?? `$.${c.name}`;
  const type = c.type
    ? mapType(c.type, { column: `JSON_TABLE.${c.name}`, object: ctx.object, location: ctx.location, findings: ctx.findings })
    : pgType('varchar', [4000]);
  const v = col(alias, 'v');
  if (c.exists) {
    const numeric = c.type && classOfDataType(c.type).cls === 'number';
    return {
      kind: 'case',
      whens: [{ when: call('jsonb_path_exists', v, lit(path)), then: numeric ? num(1) : lit('true') }],
      else: numeric ? num(0) : lit('false'),
    };
  }
  const first = call('jsonb_path_query_first', v, lit(path));
  // FORMAT JSON: the fragment as JSON text; otherwise the scalar's text (#>> '{}' unquotes strings).
  return cast(c.formatJson ? cast(first, 'text') : bin('#>>', first, lit('{}')), type);
}
