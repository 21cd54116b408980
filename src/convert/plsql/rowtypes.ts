/**
 * `x%ROWTYPE` where PostgreSQL accepts only a type name: parameters and return types, fields of
 * record types, elements of collection types, subtypes (CREATE TYPE / DOMAIN / arrays cannot use
 * %ROWTYPE). A table or view's row type is the relation's composite type; a cursor's row type is
 * the composite type of its select list: the table's or the collection element's for
 * `SELECT * FROM t` / `SELECT * FROM TABLE(c)`, else a composite type created for the cursor
 * (`<package or unit>.<cursor>_rowtype`, created once, before the units that use it).
 */
import type { QualifiedName } from '../../ast/common.js';
import type { DataType, Expr } from '../../ast/expr.js';
import type { FromItem, Query } from '../../ast/query.js';
import { pgNameOf, quoteIdent } from '../../emit/quote.js';
import { dictionaryShape } from '../../rules/dictionary.js';
import type { OraType } from '../../rules/infer.js';
import { queryColumnTypes } from '../../rules/infer.js';
import type { ConvertContext } from '../context.js';
import { collectionElement, type PlContext } from './context.js';

/** A cursor row type created for a package: its CREATE statement and what the finding says. */
interface CreatedRowType {
  create: string;
  detail: string;
  reported?: boolean;
}

/** Cursor row types of packages, per conversion and package name, by CREATE statement. */
const created = new WeakMap<ConvertContext, Map<string, Map<string, CreatedRowType>>>();

/**
 * The statements creating the row types of a package's cursors that were needed so far (package
 * types built on them are computed apart from any unit: the package's spec or body creates them,
 * and reports each once on `pc`).
 */
export function cursorRowTypeStatements(pc: PlContext, owner: string): string[] {
  const types = [...(created.get(pc.cctx)?.get(owner)?.values() ?? [])];
  for (const t of types) {
    if (t.reported) continue;
    t.reported = true;
    pc.report('OPG-PLSQL-0045', { detail: t.detail });
  }
  return types.map((t) => t.create);
}

/** PostgreSQL type of a column whose type is known only by its class (a computed select item). */
function classType(t: OraType): string | undefined {
  switch (t.cls) {
    case 'string':
      return 'text';
    case 'number':
      return t.pg === 'int'
        ? 'integer'
        : t.pg === 'bigint'
          ? 'bigint'
          : t.pg === 'float'
            ? 'double precision'
            : 'numeric';
    case 'date':
      return 'timestamp(0)';
    case 'timestamp':
      return 'timestamp';
    case 'interval':
      return 'interval';
    case 'boolean':
      return 'boolean';
    case 'binary':
      return 'bytea';
    default:
      return undefined;
  }
}

/** The query of `SELECT * FROM <one item>` (no other select item, no join), else undefined. */
function starSource(q: Query): FromItem | undefined {
  if (q.kind !== 'select' || q.items.length !== 1 || q.items[0].expr.kind !== 'star' || q.from.length !== 1)
    return undefined;
  if (q.groupBy?.length) return undefined;
  return q.from[0];
}

/** Collection type of the expression of TABLE(…): a constructor call or a collection variable. */
function tableExprType(e: Expr, pc: PlContext): DataType | undefined {
  if (e.kind === 'call' && e.name.length <= 2) {
    const t: DataType = {
      kind: 'datatype',
      name: e.name[e.name.length - 1],
      args: [],
      ...(e.name.length === 2 ? { schema: e.name[0] } : {}),
    };
    if (collectionElement(pc.cctx, t)) return t;
  }
  if (e.kind === 'column' && e.parts.length === 1) {
    const v = pc.lookup(e.parts[0]);
    if (v?.type && collectionElement(pc.cctx, v.type)) return v.type;
  }
  return undefined;
}

/**
 * PostgreSQL type text for `t` (a %ROWTYPE) usable anywhere a type name is; undefined when `t` is
 * not a %ROWTYPE. A cursor whose select list cannot be typed is reported (the unit is not
 * converted) instead of emitting %ROWTYPE where PostgreSQL rejects it.
 */
export function rowTypeText(t: DataType, label: string, pc: PlContext): string | undefined {
  if (t.attribute !== 'ROWTYPE') return undefined;
  if (!t.schema) {
    const local = pc.lookup(t.name);
    const cursor =
      local?.kind === 'cursor'
        ? local.query
          ? { query: local.query, owner: undefined }
          : undefined
        : packageCursorOf(t.name, pc);
    if (cursor) return cursorRowType(t.name, cursor.query, cursor.owner, label, pc);
    if (local?.kind === 'cursor') {
      pc.fail(`${label}: ${t.name}%ROWTYPE of a cursor without a query`);
      return 'record';
    }
  }
  // table%ROWTYPE / schema.table%ROWTYPE: the relation's composite type.
  const q: QualifiedName =
    t.schema && !t.schema.includes('.') ? { schema: t.schema, name: t.name } : { name: t.name };
  if (t.schema?.includes('.')) {
    pc.fail(`${label}: ${t.schema}.${t.name}%ROWTYPE`);
    return 'record';
  }
  if (
    !pc.cctx.findTable(q) &&
    !pc.cctx.views.has(`${q.schema ?? ''}.${q.name}`) &&
    ![...pc.cctx.views.keys()].some((k) => k.endsWith(`.${q.name}`))
  ) {
    // An Oracle dictionary view that rules/dictionary.ts maps: the row type of its columns, as a
    // cursor over them would have (NLS_SESSION_PARAMETERS%ROWTYPE → (parameter text, value text)).
    const dict = dictionaryShape(q);
    if (dict) {
      const query: Query = {
        kind: 'select',
        items: dict.columns.map((c) => ({ expr: { kind: 'column', parts: [c.name] } as Expr })),
        from: [{ kind: 'table', name: q }],
      };
      return cursorRowType(q.name, query, pc.pkg?.name, label, pc);
    }
    // Not a relation of the converted scripts (an Oracle dictionary view, a table created elsewhere).
    pc.fail(
      `${label}: ${q.schema ? `${q.schema}.` : ''}${q.name}%ROWTYPE, the row type of a table or view the converted scripts do not define`,
    );
    return 'record';
  }
  return q.schema
    ? `${quoteIdent(pc.ectx.mapSchema(q.schema))}.${quoteIdent(pgNameOf(q.name))}`
    : quoteIdent(pgNameOf(q.name));
}

/** A cursor of the unit's package (`c`) or of another package (`pkg.c` is written schema.name). */
function packageCursorOf(name: string, pc: PlContext): { query: Query; owner: string } | undefined {
  const ref = pc.packageMember([name]);
  const c = ref?.info.cursors.get(ref.member);
  return c?.query && ref ? { query: c.query, owner: ref.info.name } : undefined;
}

/** The row type of a cursor's query (see the module comment). */
function cursorRowType(
  cursor: string,
  q: Query,
  owner: string | undefined,
  label: string,
  pc: PlContext,
): string {
  const source = starSource(q);
  if (source?.kind === 'table')
    return rowTypeText(
      {
        kind: 'datatype',
        name: source.name.name,
        args: [],
        attribute: 'ROWTYPE',
        ...(source.name.schema ? { schema: source.name.schema } : {}),
      },
      label,
      pc,
    )!;
  if (source?.kind === 'table-function') {
    const coll = tableExprType(source.expr, pc);
    const element = coll && collectionElement(pc.cctx, coll);
    if (element) return pc.resolvedType(element, label);
  }
  let columns: { name: string; type: OraType }[] = [];
  try {
    columns = queryColumnTypes(q, pc.ectx);
  } catch {
    columns = [];
  }
  const untyped = columns.filter((c) => !c.name || !classType(c.type)).map((c) => c.name || '(expression)');
  if (!columns.length || untyped.length) {
    pc.fail(
      `${label}: ${cursor}%ROWTYPE, the row type of a cursor whose columns ${untyped.length ? `(${untyped.join(', ')}) ` : ''}could not be typed (declare a record type with the columns)`,
    );
    return 'record';
  }
  const schema = owner
    ? quoteIdent(pc.ectx.mapSchema(owner))
    : pc.unitName?.schema
      ? quoteIdent(pc.ectx.mapSchema(pc.unitName.schema))
      : undefined;
  const base = quoteIdent(pgNameOf(`${owner ? '' : `${pc.typePrefix}_`}${cursor}_ROWTYPE`));
  const name = schema ? `${schema}.${base}` : base;
  const fields = columns.map((c) => `${quoteIdent(pgNameOf(c.name))} ${classType(c.type)}`).join(', ');
  // Created once whatever the number of units using it (no DROP … CASCADE of their routines).
  const create = `DO $opg$ BEGIN\n  CREATE TYPE ${name} AS (${fields});\nEXCEPTION WHEN duplicate_object THEN NULL;\nEND $opg$;`;
  if (!pc.preStatements.includes(create)) pc.preStatements.push(create);
  const detail = `${cursor}%ROWTYPE became the composite type ${name} (${fields}): the column types come from the cursor's select list as inferred (lengths and precisions are not kept)`;
  if (!owner) {
    pc.report('OPG-PLSQL-0045', { detail });
    return name;
  }
  const byOwner = created.get(pc.cctx) ?? new Map<string, Map<string, CreatedRowType>>();
  created.set(pc.cctx, byOwner);
  const mine = byOwner.get(owner) ?? new Map<string, CreatedRowType>();
  byOwner.set(owner, mine);
  if (!mine.has(create)) mine.set(create, { create, detail });
  return name;
}
