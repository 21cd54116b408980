/**
 * Oracle data dictionary views → queries over the PostgreSQL catalog.
 *
 * A FROM-clause reference to a known dictionary view (USER_ / ALL_ / DBA_ / CDB_ forms, with or
 * without SYS. or PUBLIC.; V$ views and the few others listed in dictionary-views.ts) becomes a
 * derived table with the same alias (the view's name when it had none):
 *
 *   SELECT object_name FROM user_objects WHERE object_type = 'TABLE'
 * →
 *   SELECT object_name FROM (SELECT opg_d.object_name AS object_name, opg_d.object_type AS object_type
 *                            FROM (<ALL_OBJECTS over pg_class, pg_proc, pg_type …>) opg_d
 *                            WHERE opg_d.owner = <USER>) user_objects WHERE object_type = 'TABLE'
 *
 * The derived table exposes the Oracle columns the query uses (all of them, in Oracle's order, for
 * `*` and NATURAL joins). ALL_ forms keep the objects the current role may use (privilege checks),
 * DBA_ forms everything, USER_ forms the rows whose owner is USER, whatever the privileges, as for
 * the owner in Oracle (the owner column dropped, as in Oracle, except where Oracle keeps it). The
 * owner of an object is its schema (Oracle's user = schema; orapg converts schema HR to schema hr),
 * so USER_ views show the objects of the schema named like the current role. System schemas (pg_catalog, information_schema, pg_*) are
 * left out.
 *
 * Names are given as Oracle stores them, not as PostgreSQL does. orapg turns an unquoted Oracle name
 * (stored in upper case by Oracle) into a lower-case PostgreSQL name and keeps a quoted one exactly,
 * so the dictionary shows a PostgreSQL name that has no upper-case letters in upper case and any other
 * name as it is (`CASE WHEN x = lower(x) THEN upper(x) ELSE x END`). Comparisons the code makes with
 * Oracle-spelled values — `table_name = 'EMP'`, `object_name = upper(:x)`, `owner = USER` — keep
 * working. For the last one USER, SYS_CONTEXT('USERENV', 'CURRENT_USER' | 'SESSION_USER' |
 * 'CURRENT_SCHEMA') convert to the same spelling of current_user / current_schema (oracleName):
 * Oracle returns 'HR' there too, and values stored by converted code (audit columns) match the
 * migrated data. A name that was quoted in lower case in Oracle ("emp") shows as EMP: the one case
 * the rule cannot tell apart.
 *
 * Each use raises OPG-DICT-0001 (info) with what differs from Oracle for the view and for the
 * columns used; a column the mapping does not provide raises OPG-DICT-0002 and marks the statement
 * not converted. Views that are not mapped keep OPG-EXPR-0004.
 */
import type { OraName, QualifiedName } from '../ast/common.js';
import type { DataType, Expr } from '../ast/expr.js';
import type { FromItem, Query, SelectQuery, TableRef } from '../ast/query.js';
import { parseStatement } from '../parser/statement.js';
import { bin, call, caseWhen, cast, type ExprContext, lit, pgType, report } from './builders.js';
import { type DictColumn, type Scope, VIEWS, type ViewDef } from './dictionary-views.js';
import { walkExpr } from './walk.js';

/** The Oracle spelling of a PostgreSQL name (see the module header), as text (not `name`). */
export function oracleName(e: Expr): Expr {
  return caseWhen([[bin('=', e, call('lower', e)), call('upper', e)]], cast(e, 'text'));
}

export interface DictionaryView {
  /** The name as written (SYS.ALL_OBJECTS → ALL_OBJECTS). */
  label: string;
  def: ViewDef;
  scope: Scope;
}

/** The dictionary view a table reference names, when orapg maps it. */
export function dictionaryView(q: { schema?: OraName; name: OraName }): DictionaryView | undefined {
  if (q.schema && q.schema !== 'SYS' && q.schema !== 'PUBLIC') return undefined;
  const name = q.name.toUpperCase();
  const direct = VIEWS[name];
  if (direct && !direct.prefixes) return { label: name, def: direct, scope: 'DBA' };
  const m = /^(USER|ALL|DBA|CDB)_(.+)$/.exec(name);
  if (!m) return undefined;
  const scope: Scope = m[1] === 'CDB' ? 'DBA' : (m[1] as Scope);
  const def = VIEWS[m[2]];
  if (!def?.prefixes?.includes(scope)) return undefined;
  return { label: name, def, scope };
}

/** Columns a view exposes in the form named (USER_ views drop the owner column). */
export function viewColumns(v: DictionaryView): DictColumn[] {
  const { def } = v;
  if (v.scope !== 'USER' || !def.owner || def.userKeepsOwner) return def.columns;
  return def.columns.filter((c) => c.name !== def.owner);
}

/** The Oracle type of a column of a mapped view (for view.column%TYPE). */
export function dictionaryColumnType(view: QualifiedName, column: OraName): DataType | undefined {
  const v = dictionaryView(view);
  return v && viewColumns(v).find((c) => c.name === column)?.type;
}

/** The shape of a mapped view for type inference (a table with its Oracle column types). */
export function dictionaryShape(
  view: QualifiedName,
): { kind: 'table'; columns: { name: OraName; type: DataType; notNull?: boolean }[] } | undefined {
  const v = dictionaryView(view);
  return v && { kind: 'table', columns: viewColumns(v).map((c) => ({ name: c.name, type: c.type })) };
}

/**
 * The derived table that replaces a reference to a mapped dictionary view in query block `block`,
 * or undefined when the reference is not a mapped view.
 */
export function mapDictionaryView(f: TableRef, block: SelectQuery, ctx: ExprContext): FromItem | undefined {
  const view = dictionaryView(f.name);
  if (!view) return undefined;
  const alias = f.alias ?? f.name.name;
  const columns = viewColumns(view);
  const use = usedColumns(block, alias, new Set(columns.map((c) => c.name)));
  const unknown = [...use.unknown].filter((c) => !columns.some((x) => x.name === c));
  if (unknown.length) {
    report(ctx, 'OPG-DICT-0002', { view: view.label, columns: unknown.join(', ') });
    ctx.unconvertible ??= [];
    ctx.unconvertible.push(`${view.label}: ${unknown.join(', ')} not provided`);
  }
  const picked = use.all ? columns : columns.filter((c) => use.used.has(c.name));
  const items = (picked.length ? picked : columns.slice(0, 1)).map((c) => ({
    expr: { kind: 'column', parts: ['OPG_D', c.name] } as Expr,
    alias: c.name,
  }));
  let core: Query;
  try {
    core = coreQuery(view.def, view.scope === 'ALL' ? 'ALL' : 'DBA', {
      packages: ctx.packageSchemas?.() ?? [],
      schemas: ctx.schemaNames?.() ?? [],
    });
  } catch {
    return undefined; // a definition that does not parse (test/dictionary.test.ts parses them all)
  }
  const query: SelectQuery = {
    kind: 'select',
    items,
    from: [{ kind: 'subquery', query: core, alias: 'OPG_D' }],
  };
  if (view.scope === 'USER' && view.def.owner)
    query.where = {
      kind: 'binary',
      op: '=',
      left: { kind: 'column', parts: ['OPG_D', view.def.owner] },
      right: oracleName({ kind: 'pseudo', name: 'CURRENT_USER' }),
    };
  const differs = picked.filter((c) => c.differs).map((c) => `${c.name} ${c.differs}`);
  report(ctx, 'OPG-DICT-0001', {
    view: view.label,
    differences: [view.def.note, ...differs].join('; '),
  });
  return { kind: 'subquery', query, alias };
}

/**
 * Which columns of the view (known by `alias`) a query block uses, in the block and the subqueries
 * that can see it (a subquery whose FROM names `alias` again hides it); `all` for a * of the block,
 * alias.* and NATURAL joins. Unqualified names count when the view has such a column (taking one
 * more column than needed is harmless); a qualified name the view does not have is `unknown`.
 */
function usedColumns(
  block: SelectQuery,
  alias: OraName,
  known: Set<OraName>,
): { all: boolean; used: Set<OraName>; unknown: Set<OraName> } {
  const out = { all: false, used: new Set<OraName>(), unknown: new Set<OraName>() };
  const visitExpr = (e: Expr, hidden: boolean, own: boolean) =>
    walkExpr(e, (x) => {
      if (x.kind === 'star') {
        const q = x.qualifier?.[x.qualifier.length - 1];
        if ((!q && own) || (q === alias && !hidden)) out.all = true;
      } else if (x.kind === 'column') {
        const last = x.parts[x.parts.length - 1];
        if (x.parts.length >= 2) {
          if (x.parts[x.parts.length - 2] === alias && !hidden) {
            out.used.add(last);
            if (!known.has(last)) out.unknown.add(last);
          }
        } else if (known.has(last)) out.used.add(last);
      } else if (x.kind === 'subquery' || x.kind === 'exists' || x.kind === 'cursor')
        visitQuery(x.query, hidden);
      else if ((x.kind === 'in' || x.kind === 'quantified') && !Array.isArray(x.list))
        visitQuery(x.list, hidden);
    });
  const visitFrom = (f: FromItem, hidden: boolean, own: boolean): void => {
    switch (f.kind) {
      case 'subquery':
        visitQuery(f.query, hidden);
        break;
      case 'join':
        if (own && f.natural) out.all = true;
        if (own) for (const c of f.using ?? []) out.used.add(c);
        if (f.on) visitExpr(f.on, hidden, own);
        visitFrom(f.left, hidden, own);
        visitFrom(f.right, hidden, own);
        break;
      case 'table-function':
        visitExpr(f.expr, hidden, own);
        break;
      case 'pivot':
        visitFrom(f.source, hidden, own);
        break;
    }
  };
  const visitQuery = (q: Query, hidden: boolean): void => {
    for (const c of q.with?.ctes ?? []) visitQuery(c.query, hidden);
    if (q.kind === 'set') {
      visitQuery(q.left, hidden);
      visitQuery(q.right, hidden);
      for (const o of q.orderBy ?? []) visitExpr(o.expr, hidden, false);
      return;
    }
    const own = q === block;
    const h = hidden || (!own && q.from.some((f) => namesAlias(f, alias)));
    const exprs: (Expr | undefined)[] = [
      ...q.items.map((i) => i.expr),
      q.where,
      q.having,
      q.connectBy?.condition,
      q.connectBy?.startWith,
      ...(q.orderBy ?? []).map((o) => o.expr),
      ...(q.groupBy ?? []).flatMap((g) =>
        g.kind === 'expr' ? [g.expr] : g.kind === 'grouping-sets' ? g.sets.flat() : g.items,
      ),
    ];
    for (const e of exprs) if (e) visitExpr(e, h, own);
    for (const f of q.from) visitFrom(f, h, own);
  };
  visitQuery(block, false);
  return out;
}

/** Whether a FROM item (or a join's side) is known by `alias`. */
function namesAlias(f: FromItem, alias: OraName): boolean {
  if (f.kind === 'join') return namesAlias(f.left, alias) || namesAlias(f.right, alias);
  if (f.alias) return f.alias === alias;
  return f.kind === 'table' && f.name.name === alias;
}

// ─── the catalog queries ──────────────────────────────────────────────────────────────────

const parsed = new Map<string, Query>();

/** The view's query, parsed once, with the markers of dictionary-views.ts replaced. */
/** What the markers need from the conversion: package schemas, schema-map entries (PostgreSQL → Oracle). */
interface MarkerContext {
  packages: string[];
  schemas: [string, string][];
}

function coreQuery(def: ViewDef, scope: 'ALL' | 'DBA', ctx: MarkerContext): Query {
  const key = `${Object.keys(VIEWS).find((k) => VIEWS[k] === def)}:${scope}`;
  let q = parsed.get(key);
  if (!q) {
    const text = def.sql(scope);
    const r = parseStatement(text, { file: 'dictionary-views.ts', line: 1, column: 1 });
    const s = r.statement;
    if (s?.kind !== 'select')
      throw new Error(
        `dictionary view ${key} does not parse: ${JSON.stringify(r.findings.map((x) => x.message))}`,
      );
    q = s.query;
    parsed.set(key, q);
  }
  return expandMarkers(q, ctx) as Query;
}

/** Replaces OPG_CAST / OPG_PACKAGES / OPG_ROWS markers and TRUE / FALSE, drops FROM DUAL, on a copy of the tree. */
function expandMarkers(x: unknown, ctx: MarkerContext): unknown {
  if (Array.isArray(x)) return x.map((y) => expandMarkers(y, ctx));
  if (x === null || typeof x !== 'object') return x;
  const o = x as Record<string, unknown>;
  const parts = o.kind === 'column' ? (o.parts as string[]) : undefined;
  if (parts?.length === 1 && (parts[0] === 'TRUE' || parts[0] === 'FALSE'))
    return { kind: 'literal', type: 'boolean', value: parts[0] } satisfies Expr;
  if (o.kind === 'call') {
    const marker = o as unknown as Extract<Expr, { kind: 'call' }>;
    const args = marker.args.map((a) => expandMarkers(a.value, ctx) as Expr);
    const name = marker.name.join('.');
    if (name === 'OPG_CAST') {
      const [operand, type, ...mods] = args;
      return {
        kind: 'pg-cast',
        operand,
        type: pgType(
          literalText(type),
          mods.map((m) => Number(literalText(m))),
        ),
      } satisfies Expr;
    }
    if (name === 'OPG_SCHEMA') {
      const x = args[0];
      const spelled = caseWhen([[bin('=', x, call('lower', x)), call('upper', x)]], x);
      // CASE WHEN x = 'hr_app' THEN 'HR' … ELSE <spelled> END for the --schema-map entries.
      const e = ctx.schemas.length
        ? caseWhen(
            ctx.schemas.map(([pg, ora]): [Expr, Expr] => [bin('=', x, lit(pg)), lit(ora)]),
            spelled,
          )
        : spelled;
      return cast(e, 'varchar');
    }
    if (name === 'OPG_PACKAGES') {
      if (!ctx.packages.length) return { kind: 'literal', type: 'boolean', value: 'FALSE' } satisfies Expr;
      return { kind: 'in', operand: args[0], list: ctx.packages.map((p) => lit(p)), not: false } as Expr;
    }
  }
  if (o.kind === 'table-function') {
    const expr = o.expr as Extract<Expr, { kind: 'call' }>;
    if (expr.kind === 'call' && expr.name.join('.') === 'OPG_ROWS') {
      const [source, ...names] = expr.args.map((a) => a.value);
      return {
        kind: 'table-function',
        expr: expandMarkers(source, ctx) as Expr,
        pipelined: true,
        ordinality: true,
        columnAliases: names.map(literalText),
        alias: o.alias as string,
      } satisfies FromItem;
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = expandMarkers(v, ctx);
  if (o.kind === 'select' && Array.isArray(out.from))
    out.from = (out.from as FromItem[]).filter(
      (f) => !(f.kind === 'table' && f.name.name === 'DUAL' && !f.name.schema),
    );
  return out;
}

function literalText(e: Expr | undefined): string {
  if (e?.kind !== 'literal') throw new Error('dictionary view marker: literal expected');
  return e.value;
}
