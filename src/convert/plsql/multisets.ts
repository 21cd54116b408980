/**
 * SET(collection) and the MULTISET operators on nested tables held as arrays (Oracle SQL Language
 * Reference, "SET" and "Multiset Operators"). The elements are read by subscript
 * (`c[i]` over `generate_subscripts(c, 1)`), so the same query serves scalar elements and objects
 * (composite types): reading a composite array with unnest() gives the attributes as columns, and a
 * whole-row reference to it turns a NULL element into an object whose attributes are NULL.
 * Elements are compared as array_position / array_remove do, NULL equal to NULL; objects
 * attribute by attribute (PostgreSQL's record equality), which is what Oracle does for object types
 * without a MAP or ORDER method.
 */
import type { Expr, FuncArg } from '../../ast/expr.js';
import type { FromItem, Query } from '../../ast/query.js';
import type { PlContext } from './context.js';

const NULL: Expr = { kind: 'literal', type: 'null', value: 'NULL' };
const num = (value: string): Expr => ({ kind: 'literal', type: 'number', value });
const call = (name: string, ...args: Expr[]): Expr => ({
  kind: 'call',
  name: [name],
  args: args.map((value): FuncArg => ({ value })),
});
const col = (...parts: string[]): Expr => ({ kind: 'column', parts });
const bin = (op: string, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right }) as Expr;
const and = (...xs: Expr[]): Expr => xs.reduce((l, r) => bin('AND', l, r));

/** The subscripts of `c` as the rows of `alias`(`alias`). */
function subscripts(c: Expr, alias: string): FromItem {
  return {
    kind: 'table-function',
    expr: call('generate_subscripts', c, num('1')),
    pipelined: true,
    alias,
    columnAliases: [alias.toLowerCase()],
  };
}

/** `c[i]` (the printer parenthesizes a call: `(f(x))[i]`). */
const element = (c: Expr, i: Expr): Expr => ({ kind: 'subscript', operand: c, index: i });

/**
 * The elements `c[i]` for which `keep` holds, in the order of `c`, as an array ('{}' when none).
 * `keep` gets the array (as the query names it), the subscript and the element.
 */
function filtered(c: Expr, keep: (c: Expr, i: Expr, e: Expr) => Expr): Expr {
  // An expression other than a variable is computed once: (SELECT c AS opg_c) opg_c.
  const bound: FromItem[] =
    c.kind === 'column'
      ? []
      : [
          {
            kind: 'subquery',
            query: { kind: 'select', items: [{ expr: c, alias: 'OPG_C' }], from: [] },
            alias: 'OPG_C',
          },
        ];
  const arr = bound.length ? col('OPG_C', 'OPG_C') : c;
  const i = col('OPG_I', 'OPG_I');
  const e = element(arr, i);
  const agg: Expr = { kind: 'call', name: ['array_agg'], args: [{ value: e }], argOrderBy: [{ expr: i }] };
  const rows: Query = {
    kind: 'select',
    items: [{ expr: agg }],
    from: [...bound, subscripts(arr, 'OPG_I')],
    where: keep(arr, i, e),
  };
  return call(
    'coalesce',
    { kind: 'subquery', query: rows },
    { kind: 'literal', type: 'string', value: '{}' },
  );
}

/** `e` is the first element of `c` equal to it (NULL equal to NULL): its first occurrence. */
const firstOccurrence = (c: Expr, i: Expr, e: Expr): Expr => bin('=', call('array_position', c, e), i);

/** How many elements of `c` equal `e` (NULL equal to NULL). */
const countIn = (c: Expr, e: Expr): Expr =>
  bin('-', call('cardinality', c), call('cardinality', call('array_remove', c, e)));

/** How many elements of `c` up to subscript `i` equal `e`, its element there (its occurrence number). */
function occurrence(c: Expr, i: Expr, e: Expr): Expr {
  const j = col('OPG_J', 'OPG_J');
  const q: Query = {
    kind: 'select',
    items: [{ expr: { kind: 'call', name: ['count'], args: [], star: true } }],
    from: [subscripts(c, 'OPG_J')],
    where: and(bin('<=', j, i), bin('IS NOT DISTINCT FROM', element(c, j), e)),
  };
  return { kind: 'subquery', query: q };
}

/**
 * SET(c): the distinct elements of a nested table, in the order of their first occurrence, one
 * NULL kept (Oracle's SET); NULL for a NULL collection.
 */
export function setOf(c: Expr): Expr {
  return {
    kind: 'case',
    whens: [{ when: { kind: 'is-null', operand: c, not: false }, then: NULL }],
    else: filtered(c, (c, i, e) => firstOccurrence(c, i, e)),
  };
}

/**
 * a MULTISET UNION | INTERSECT | EXCEPT [ALL | DISTINCT] b (ALL when not written): NULL when
 * either is NULL. UNION ALL appends b to a; UNION DISTINCT keeps the first occurrences (as SET);
 * the others keep elements of a in a's order: EXCEPT ALL the ones past the number of equal elements
 * in b (m - n copies of an element a has m times and b n times), INTERSECT ALL the ones up to it
 * (min(m, n) copies); DISTINCT keeps each once.
 */
export function multiset(op: string, a: Expr, b: Expr, pc: PlContext): Expr {
  const anyNull: Expr = bin(
    'OR',
    { kind: 'is-null', operand: a, not: false },
    { kind: 'is-null', operand: b, not: false },
  );
  const orNull = (value: Expr): Expr => ({
    kind: 'case',
    whens: [{ when: anyNull, then: NULL }],
    else: value,
  });
  const inB = (e: Expr) => ({ kind: 'is-null', operand: call('array_position', b, e), not: true }) as Expr;
  const notInB = (e: Expr) =>
    ({ kind: 'is-null', operand: call('array_position', b, e), not: false }) as Expr;
  switch (op) {
    case 'MULTISET UNION ALL':
      return orNull(call('array_cat', a, b));
    case 'MULTISET UNION DISTINCT':
      return orNull(setOf(call('array_cat', a, b)));
    case 'MULTISET EXCEPT DISTINCT':
      return orNull(filtered(a, (x, i, e) => and(firstOccurrence(x, i, e), notInB(e))));
    case 'MULTISET INTERSECT DISTINCT':
      return orNull(filtered(a, (x, i, e) => and(firstOccurrence(x, i, e), inB(e))));
    case 'MULTISET EXCEPT ALL':
      return orNull(filtered(a, (x, i, e) => bin('>', occurrence(x, i, e), countIn(b, e))));
    case 'MULTISET INTERSECT ALL':
      return orNull(filtered(a, (x, i, e) => bin('<=', occurrence(x, i, e), countIn(b, e))));
    default:
      pc.fail(`${op}: not a multiset operator`);
      return orNull(call('array_cat', a, b));
  }
}

/**
 * c IS A SET: NULL for a NULL nested table, else whether no element occurs twice (TRUE for an
 * empty one) (Oracle SQL Language Reference, "IS A SET Condition").
 */
export function isASet(c: Expr): Expr {
  return bin('=', call('cardinality', c), call('cardinality', setOf(c)));
}

/**
 * a SUBMULTISET [OF] b: every element occurs in b at least as many times as in a, that is
 * a MULTISET EXCEPT ALL b is empty; NULL when either is NULL.
 */
export function submultiset(a: Expr, b: Expr, pc: PlContext): Expr {
  return bin('=', call('cardinality', multiset('MULTISET EXCEPT ALL', a, b, pc)), num('0'));
}

/**
 * a = b / a <> b on nested tables: equal when they hold the same elements, in any order, as many
 * times each (Oracle PL/SQL Language Reference, "Comparing Nested Tables for Equality and
 * Inequality"): the same cardinality and nothing of a left over once b's elements are taken out;
 * NULL when either is NULL. PostgreSQL's array = compares element by element in order.
 */
export function multisetEquals(a: Expr, b: Expr, not: boolean, pc: PlContext): Expr {
  const eq = and(bin('=', call('cardinality', a), call('cardinality', b)), submultiset(a, b, pc));
  return not ? { kind: 'unary', op: 'NOT', operand: { kind: 'paren', expr: eq } } : eq;
}
