/**
 * Recursive type hierarchies: a type of a hierarchy that holds a value of the hierarchy itself
 * (utPLSQL's ut_logical_suite UNDER ut_suite_item has `items ut_suite_items`, a TABLE OF
 * ut_suite_item). The hierarchy is one composite type (types.ts), and PostgreSQL cannot make a
 * composite type a member of itself, so such an attribute's column (its type is, or is a collection
 * of, a type of the hierarchy, directly or through other object types) is `jsonb`:
 *
 *   a value (object)       to_jsonb(v)                      jsonb_populate_record(NULL::t, j)
 *   a collection           to_jsonb(array) (a JSON array)   the elements read back in order
 *   NULL                   SQL NULL                         NULL (also for a JSON null)
 *
 * jsonb_populate_record fills nested composite attributes and arrays from the JSON (PostgreSQL 11+),
 * the discriminator opg_type included, and a jsonb column of an element stays jsonb (the subtree
 * below an element is converted only when it is read). Reads convert back where the attribute is
 * used: `x.items` (whole), `x.items(i)` (one element, jsonb_extract_path), `x.items.COUNT / FIRST /
 * LAST` (jsonb_array_length); writes convert the new value: `x.items := v` stores to_jsonb(v), and a
 * statement that changes something inside the attribute (`x.items(i) := v`, `x.items(i).name := v`,
 * `x.items.EXTEND`, `x.items(i).m(…)` with SELF IN OUT, SELECT … INTO x.items…) reads it into a
 * variable of the attribute's type, runs on the variable and stores it back.
 */
import type { OraName, QualifiedName } from '../../ast/common.js';
import type { DataType, Expr } from '../../ast/expr.js';
import type { PlStatement } from '../../ast/plsql.js';
import type { Query } from '../../ast/query.js';
import { printExpr } from '../../emit/pg/expr.js';
import { pgNameOf, quoteIdent } from '../../emit/quote.js';
import type { ConvertContext } from '../context.js';
import { collectionElement, type PlContext } from './context.js';
import { assignTarget, objectTypeOf, staticType } from './objects.js';
import { attributeColumn, hierarchyOf } from './types.js';

const keyOf = (q: QualifiedName) => `${q.schema ?? ''}.${q.name}`;
const num = (v: string): Expr => ({ kind: 'literal', type: 'number', value: v });
const str = (v: string): Expr => ({ kind: 'literal', type: 'string', value: v });
const NULL: Expr = { kind: 'literal', type: 'null', value: 'NULL' };
const call = (name: string, ...args: Expr[]): Expr => ({
  kind: 'call',
  name: [name],
  args: args.map((value) => ({ value })),
});
const cast = (operand: Expr, name: string): Expr => ({
  kind: 'pg-cast',
  operand,
  type: { kind: 'datatype', name, args: [] },
});
const field = (operand: Expr, name: string): Expr =>
  operand.kind === 'column'
    ? { kind: 'column', parts: [...operand.parts, name] }
    : { kind: 'field', operand, field: name };
const JSONB_NULL: Expr = cast(str('null'), 'jsonb');

/** The jsonb column holding attribute `attr` of a value of object type `q`, with the attribute's declared type. */
export function jsonAttribute(
  ctx: ConvertContext,
  q: QualifiedName | undefined,
  attr: OraName,
): { column: OraName; type: DataType } | undefined {
  const h = q && hierarchyOf(ctx, q);
  if (!q || !h) return undefined;
  const column = attributeColumn(ctx, q, attr);
  if (!h.columns.some((c) => c.json && c.name === column)) return undefined;
  const type = ctx.objectTypes.get(keyOf(q))?.find((a) => a.name === attr)?.type;
  return type && { column, type };
}

/**
 * The PostgreSQL type name of an Oracle type: a type of a hierarchy is its root's composite type, a
 * schema-level collection type its domain.
 */
function pgType(t: DataType, pc: PlContext): string {
  if (t.attribute || !collectionElement(pc.cctx, t)) return pc.type(t, t.name);
  return t.schema
    ? `${quoteIdent(pc.ectx.mapSchema(t.schema))}.${quoteIdent(pgNameOf(t.name))}`
    : quoteIdent(pgNameOf(t.name));
}

/** A jsonb value `j` (PostgreSQL node) as a value of Oracle type `t`. */
export function fromJson(j: Expr, t: DataType, pc: PlContext): Expr {
  const element = collectionElement(pc.cctx, t);
  const nonNull = call('nullif', j, JSONB_NULL);
  if (element) {
    // The elements in their order; NULL for a NULL collection, '{}' for an empty one.
    const e: Expr = { kind: 'column', parts: ['OPG_J', 'OPG_E'] };
    const agg: Expr = {
      kind: 'call',
      name: ['array_agg'],
      args: [{ value: fromJson(e, element, pc) }],
      argOrderBy: [{ expr: { kind: 'column', parts: ['OPG_J', 'OPG_ORD'] } }],
    };
    const rows: Query = {
      kind: 'select',
      items: [{ expr: agg }],
      from: [
        {
          kind: 'table-function',
          expr: call('jsonb_array_elements', nonNull),
          pipelined: true,
          ordinality: true,
          alias: 'OPG_J',
          columnAliases: ['opg_e', 'opg_ord'],
        },
      ],
    };
    const value = call('coalesce', { kind: 'subquery', query: rows }, str('{}'));
    // Parenthesized: PL/pgSQL ends an IF / WHILE condition at the first THEN outside parentheses.
    const test: Expr = {
      kind: 'case',
      whens: [{ when: { kind: 'is-null', operand: nonNull, not: false }, then: NULL }],
      else: value,
    };
    return cast({ kind: 'paren', expr: test }, pgType(t, pc));
  }
  if (objectTypeOf(pc.cctx, t)) return call('jsonb_populate_record', cast(NULL, pgType(t, pc)), nonNull);
  return j;
}

/** A value `v` (PostgreSQL node) of Oracle type `t` as jsonb. */
export function toJson(v: Expr, t: DataType, pc: PlContext): Expr {
  return call('to_jsonb', cast({ kind: 'paren', expr: v }, pgType(t, pc)));
}

/** Element `i` (1-based; NULL below 1 as for an array) of a jsonb array. */
function jsonElement(j: Expr, i: Expr): Expr {
  const index: Expr = {
    kind: 'binary',
    op: '-',
    left: call('nullif', call('greatest', i, num('0')), num('0')),
    right: num('1'),
  };
  return call('jsonb_extract_path', j, cast(cast({ kind: 'paren', expr: index }, 'integer'), 'text'));
}

/** COUNT / FIRST / LAST / LIMIT of a collection held as a jsonb array. */
function jsonCollectionAttribute(j: Expr, attr: string): Expr {
  const length = call('jsonb_array_length', call('nullif', j, JSONB_NULL));
  switch (attr) {
    case 'COUNT':
      return call('coalesce', length, num('0'));
    case 'LAST':
      return call('nullif', length, num('0'));
    case 'FIRST':
      return {
        kind: 'paren',
        expr: {
          kind: 'case',
          whens: [{ when: { kind: 'binary', op: '>', left: length, right: num('0') }, then: num('1') }],
          else: NULL,
        },
      };
    default:
      return NULL;
  }
}

const COLLECTION_ATTRIBUTES = ['COUNT', 'FIRST', 'LAST', 'LIMIT'];

/** `name…` with an attribute of SELF named alone (in a type body) made `SELF.name…`. */
function withSelf(parts: OraName[], pc: PlContext): OraName[] {
  return parts.length && parts[0] !== 'SELF' && !pc.lookup(parts[0]) && pc.isSelfAttribute(parts[0])
    ? ['SELF', ...parts]
    : parts;
}

/**
 * A name chain `v.a.b…` through a jsonb attribute, read: the chain up to the attribute as is, the
 * attribute converted back, the rest on the converted value (COUNT / FIRST / LAST of a collection
 * attribute on the jsonb itself). Undefined when no attribute of the chain is jsonb.
 */
export function readChain(parts: OraName[], pc: PlContext, sub: (e: Expr) => Expr): Expr | undefined {
  parts = withSelf(parts, pc);
  const info = parts.length >= 2 ? pc.lookup(parts[0]) : undefined;
  if (!info?.type || info.kind === 'cursor' || info.kind === 'refcursor') return undefined;
  let t: DataType | undefined = info.type;
  for (let k = 1; k < parts.length; k++) {
    const q = objectTypeOf(pc.cctx, t);
    if (!q) return undefined;
    const j = jsonAttribute(pc.cctx, q, parts[k]);
    if (j)
      return continueChain(
        field(sub({ kind: 'column', parts: parts.slice(0, k) }), j.column),
        j.type,
        parts.slice(k + 1),
        pc,
      );
    t = pc.cctx.objectTypes.get(keyOf(q))?.find((a) => a.name === parts[k])?.type;
  }
  return undefined;
}

/** `raw` (a jsonb column of Oracle type `t`) read back, then the attributes / collection attribute `rest`. */
export function continueChain(raw: Expr, t: DataType, rest: OraName[], pc: PlContext): Expr {
  if (rest.length === 1 && COLLECTION_ATTRIBUTES.includes(rest[0]) && collectionElement(pc.cctx, t))
    return jsonCollectionAttribute(raw, rest[0]);
  let cur = fromJson(raw, t, pc);
  let type: DataType | undefined = t;
  for (const [i, p] of rest.entries()) {
    const q = objectTypeOf(pc.cctx, type);
    const j = q && jsonAttribute(pc.cctx, q, p);
    if (j)
      return continueChain({ kind: 'field', operand: cur, field: j.column }, j.type, rest.slice(i + 1), pc);
    cur = { kind: 'field', operand: cur, field: q ? attributeColumn(pc.cctx, q, p) : p };
    type = q ? pc.cctx.objectTypes.get(keyOf(q))?.find((a) => a.name === p)?.type : undefined;
  }
  return cur;
}

/**
 * PL/SQL reads through a jsonb attribute (objects.ts lowerObjectExpr): `v.attr…`, `e.attr`
 * (TREAT(…).attr, f().attr), `v.attr(i)` / `e.attr(i)` (an element), `….attr.COUNT`. Undefined
 * when `x` reads no jsonb attribute.
 */
export function lowerRecursiveRead(x: Expr, pc: PlContext, sub: (e: Expr) => Expr): Expr | undefined {
  const ctx = pc.cctx;
  if (x.kind === 'column') return readChain(x.parts, pc, sub);
  if (x.kind === 'field') {
    if (x.field === '*') return undefined;
    const q = objectTypeOf(ctx, staticType(x.operand, pc));
    const j = jsonAttribute(ctx, q, x.field);
    if (j) return fromJson({ kind: 'field', operand: sub(x.operand), field: j.column }, j.type, pc);
    // (…).attr.COUNT
    const inner = COLLECTION_ATTRIBUTES.includes(x.field) ? jsonAccess(x.operand, pc, sub) : undefined;
    return inner && collectionElement(ctx, inner.type)
      ? jsonCollectionAttribute(inner.raw, x.field)
      : undefined;
  }
  // An element: v.attr(i), e.attr(i), attr(i) in a type body.
  let operand: Expr | undefined;
  let name: OraName | undefined;
  if (
    x.kind === 'method' &&
    x.args.length === 1 &&
    !x.args[0].name &&
    !(x.operand.kind === 'treat' && x.operand.generalized)
  )
    ({ operand, name } = x);
  else if (x.kind === 'call' && x.args.length === 1 && !x.args[0].name && !x.over) {
    const parts = withSelf(x.name, pc);
    if (parts.length >= 2 && pc.lookup(parts[0])) {
      operand = { kind: 'column', parts: parts.slice(0, -1) };
      name = parts[parts.length - 1];
    }
  }
  if (!operand || !name) return undefined;
  const j = jsonAttribute(ctx, objectTypeOf(ctx, staticType(operand, pc)), name);
  const element = j && collectionElement(ctx, j.type);
  if (!j || !element) return undefined;
  const index = x.kind === 'method' || x.kind === 'call' ? x.args[0].value : undefined;
  return index && fromJson(jsonElement(field(sub(operand), j.column), sub(index)), element, pc);
}

/** `e` reads a jsonb attribute as a whole (`v.attr`, `(…).attr`): its raw column and declared type. */
function jsonAccess(
  e: Expr,
  pc: PlContext,
  sub: (e: Expr) => Expr,
): { raw: Expr; type: DataType } | undefined {
  if (e.kind === 'column') {
    const parts = withSelf(e.parts, pc);
    if (parts.length < 2) return undefined;
    const q = objectTypeOf(pc.cctx, staticType({ kind: 'column', parts: parts.slice(0, -1) }, pc));
    const j = jsonAttribute(pc.cctx, q, parts[parts.length - 1]);
    return j && { raw: field(sub({ kind: 'column', parts: parts.slice(0, -1) }), j.column), type: j.type };
  }
  if (e.kind === 'field' && e.field !== '*') {
    const j = jsonAttribute(pc.cctx, objectTypeOf(pc.cctx, staticType(e.operand, pc)), e.field);
    return j && { raw: { kind: 'field', operand: sub(e.operand), field: j.column }, type: j.type };
  }
  return undefined;
}

// ── writes ───────────────────────────────────────────────────────────

/** Where a chain reaches a jsonb attribute: the attribute access, its base, its type, and the chain rebuilt around a replacement. */
interface JsonStep {
  /** The access of the jsonb attribute (Oracle node: `v.attr` or `(e).attr`). */
  access: Expr;
  base: Expr;
  attr: OraName;
  type: DataType;
  rebuild: (replacement: Expr) => Expr;
}

/**
 * The innermost jsonb attribute access on the chain of `e` (an assignment target, a call
 * statement's callee, an INTO target): the one nearest to the variable.
 */
function innermostJson(e: Expr, pc: PlContext): JsonStep | undefined {
  const ctx = pc.cctx;
  const step = (
    base: Expr,
    attr: OraName,
    access: Expr,
    rebuild: (r: Expr) => Expr,
  ): JsonStep | undefined => {
    const j = jsonAttribute(ctx, objectTypeOf(ctx, staticType(base, pc)), attr);
    return j ? { access, base, attr, type: j.type, rebuild } : undefined;
  };
  switch (e.kind) {
    case 'column': {
      const parts = withSelf(e.parts, pc);
      if (parts.length < 2 || !pc.lookup(parts[0])) return undefined;
      for (let k = 1; k < parts.length; k++) {
        const base: Expr = { kind: 'column', parts: parts.slice(0, k) };
        const hit = step(base, parts[k], { kind: 'column', parts: parts.slice(0, k + 1) }, (r) =>
          r.kind === 'column'
            ? { kind: 'column', parts: [...r.parts, ...parts.slice(k + 1)] }
            : parts.slice(k + 1).reduce<Expr>((o, f) => ({ kind: 'field', operand: o, field: f }), r),
        );
        if (hit) return hit;
      }
      return undefined;
    }
    case 'call': {
      const parts = withSelf(e.name, pc);
      if (parts.length < 2 || !pc.lookup(parts[0])) return undefined;
      const inner = innermostJson({ kind: 'column', parts: parts.slice(0, -1) }, pc);
      if (inner)
        return {
          ...inner,
          rebuild: (r) => {
            const c = inner.rebuild(r);
            return c.kind === 'column'
              ? { ...e, name: [...c.parts, parts[parts.length - 1]] }
              : { kind: 'method', operand: c, name: parts[parts.length - 1], args: e.args };
          },
        };
      // v.attr(i): the element of a jsonb attribute; the variable is a column node.
      return step(
        { kind: 'column', parts: parts.slice(0, -1) },
        parts[parts.length - 1],
        { kind: 'column', parts },
        (r) => ({ ...e, name: (r as { parts: OraName[] }).parts }),
      );
    }
    case 'field': {
      if (e.field === '*') return undefined;
      const inner = innermostJson(e.operand, pc);
      if (inner) return { ...inner, rebuild: (r) => ({ ...e, operand: inner.rebuild(r) }) };
      return step(e.operand, e.field, e, (r) => r);
    }
    case 'method': {
      const inner = e.operand.kind === 'treat' ? undefined : innermostJson(e.operand, pc);
      if (inner) return { ...inner, rebuild: (r) => ({ ...e, operand: inner.rebuild(r) }) };
      if (e.operand.kind === 'treat') return undefined;
      // (…).attr(i): the variable replacing (…).attr is a column node.
      return step(e.operand, e.name, { kind: 'field', operand: e.operand, field: e.name }, (r) => ({
        kind: 'call',
        name: (r as { parts: OraName[] }).parts,
        args: e.args,
      }));
    }
    case 'paren':
      return innermostJson(e.expr, pc);
    default:
      return undefined;
  }
}

/** A variable of type `t` for the value of a jsonb attribute while a statement changes it. */
function tempVariable(t: DataType, pc: PlContext): OraName {
  let n = 1;
  while (pc.extraDecls.has(`RECURSIVE:${n}`)) n++;
  const name = `OPG_REC${n}`;
  pc.extraDecls.set(`RECURSIVE:${n}`, `${quoteIdent(pgNameOf(name))} ${pgType(t, pc)};`);
  pc.declare(name, { kind: pc.isCollectionType(t) ? 'collection' : 'variable', type: t });
  return name;
}

/**
 * A statement that writes through a jsonb attribute (statements.ts): Oracle statements to emit
 * instead, or the PL/pgSQL text of a whole-attribute assignment; undefined when it writes none.
 */
export function lowerRecursiveWrite(
  s: PlStatement,
  pc: PlContext,
): { statements: PlStatement[] } | { text: string } | undefined {
  /**
   * `make(target')` run on a variable holding the jsonb attribute that `target` goes through:
   * read into the variable first (unless an INTO target is the attribute itself), stored back after
   * (unless the attribute belongs to a value that is not a variable, e.g. TREAT(…)).
   */
  const around = (
    target: Expr,
    make: (t: Expr) => PlStatement,
    use: 'target' | 'into' | 'argument',
  ): { statements: PlStatement[] } | undefined => {
    const j = innermostJson(target, pc);
    if (!j) return undefined;
    const isWhole =
      j.access === target ||
      (j.access.kind === 'column' &&
        target.kind === 'column' &&
        j.access.parts.length === withSelf(target.parts, pc).length);
    // An assignment to the attribute itself is stored directly (the caller).
    if (isWhole && use === 'target') return undefined;
    const tmp = tempVariable(j.type, pc);
    const v: Expr = { kind: 'column', parts: [tmp] };
    const changed = make(isWhole ? v : j.rebuild(v));
    const read: PlStatement[] =
      isWhole && use === 'into' ? [] : [{ kind: 'assign', target: v, value: j.access }];
    const back: PlStatement[] = isVariable(j.access, pc)
      ? [{ kind: 'assign', target: j.access, value: v }]
      : [];
    const list: PlStatement[] = [...read, { ...changed, labels: undefined } as PlStatement, ...back];
    list[0] = { ...list[0], labels: s.labels } as PlStatement;
    return { statements: list };
  };
  switch (s.kind) {
    case 'assign': {
      const r = around(s.target, (target) => ({ ...s, target }), 'target');
      if (r) return r;
      const j = innermostJson(s.target, pc);
      if (!j) return undefined;
      // v.attr := value: the value as jsonb.
      const base = pc.exprNode(j.base);
      const column = attributeColumn(pc.cctx, objectTypeOf(pc.cctx, staticType(j.base, pc))!, j.attr);
      const target = assignTarget(base) ?? printExpr(base);
      return {
        text: `${target}.${quoteIdent(pgNameOf(column))} := ${printExpr(toJson(pc.exprNode(s.value), j.type, pc))};`,
      };
    }
    case 'call': {
      const r = around(s.call, (call) => ({ ...s, call }), 'target');
      if (r) return r;
      // An argument reading a jsonb attribute (or an element of it) goes through a variable: CALL
      // takes no subquery in its arguments, and an IN OUT parameter changes the attribute.
      const c = s.call;
      if (c.kind !== 'call' && c.kind !== 'method') return undefined;
      const k = c.args.findIndex((a) => !collectionAttributeRead(a.value) && innermostJson(a.value, pc));
      if (k < 0) return undefined;
      return around(
        c.args[k].value,
        (value) => ({ ...s, call: { ...c, args: c.args.map((a, i) => (i === k ? { ...a, value } : a)) } }),
        'argument',
      );
    }
    case 'fetch': {
      const i = s.into.findIndex((t) => innermostJson(t, pc));
      return i < 0
        ? undefined
        : around(s.into[i], (t) => ({ ...s, into: s.into.map((x, k) => (k === i ? t : x)) }), 'into');
    }
    case 'sql': {
      const q = s.statement.kind === 'select' ? s.statement.query : undefined;
      const into = q && 'into' in q ? q.into : undefined;
      const i = into ? into.targets.findIndex((t) => innermostJson(t, pc)) : -1;
      if (!into || i < 0 || s.statement.kind !== 'select') return undefined;
      const stmt = s.statement;
      return around(
        into.targets[i],
        (t) => ({
          ...s,
          statement: {
            ...stmt,
            query: {
              ...stmt.query,
              into: { ...into, targets: into.targets.map((x, k) => (k === i ? t : x)) },
            },
          } as typeof stmt,
        }),
        'into',
      );
    }
    default:
      return undefined;
  }
}

/** `v.attr.COUNT` (FIRST, LAST, LIMIT): read from the jsonb directly, no variable needed. */
const collectionAttributeRead = (e: Expr) =>
  e.kind === 'column' && COLLECTION_ATTRIBUTES.includes(e.parts[e.parts.length - 1]);

/** `e` is a variable or a chain of attributes / elements of one (an assignment target). */
function isVariable(e: Expr, pc: PlContext): boolean {
  switch (e.kind) {
    case 'column':
      return !!pc.lookup(withSelf(e.parts, pc)[0]);
    case 'call':
      return !!pc.lookup(withSelf(e.name, pc)[0]);
    case 'field':
    case 'method':
      return isVariable(e.operand, pc);
    case 'paren':
      return isVariable(e.expr, pc);
    default:
      return false;
  }
}
