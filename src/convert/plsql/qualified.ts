/**
 * PL/SQL qualified expressions (aggregates, Oracle 18c; PL/SQL Language Reference, "Qualified
 * Expressions"): a type mark followed by a parenthesized list of values, positional or chosen.
 *
 *   rec_t(v1, v2) / rec_t(f2 => v2, f1 => v1)   a record type of the unit or of a package:
 *                                               ROW(v1, v2)::rec_t, the named values
 *                                               put in field order, a field not given NULL
 *   ints_t(600 => 55, -5 => 7)                  an INDEX BY integer table or another collection
 *                                               held as an array: '{}'::t with each element set at
 *                                               its index (opg_array_put, a gap stays a NULL element
 *                                               as for c(k) := v); COUNT then counts the elements
 *                                               holding a value (sparse-use.ts)
 *   map_t('k' => v, UPPER(x) => w)              a string-indexed associative array (jsonb):
 *                                               jsonb_build_object(k::text, v, …), '{}' when empty
 *
 * A choice written as a plain name (`ints_t(i => 5)`) is parsed as named notation; on a collection
 * type it is the index held by that variable, as Oracle reads it. A keyed list on a name that is
 * not a record or collection type of the conversion is reported, never passed through.
 */
import type { DataType, Expr, FuncArg, FuncCall } from '../../ast/expr.js';
import { mapElementType, recordFields, toJson } from './assoc.js';
import type { PlContext } from './context.js';

/** Sets element i of an array (the array grows, gaps are NULL elements) and returns it. */
export const ARRAY_PUT = `CREATE OR REPLACE FUNCTION opg_array_put(a anyarray, i integer, v anyelement)
RETURNS anyarray
LANGUAGE plpgsql
IMMUTABLE
AS $body$
BEGIN
  -- An element of a PL/SQL qualified expression: t(i => v, …); a NULL index is VALUE_ERROR.
  IF i IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = '22003', MESSAGE = 'ORA-06502: PL/SQL: numeric or value error: NULL index table key value';
  END IF;
  a[i] := v;
  RETURN a;
END;
$body$;`;

const pseudo = (name: string): Expr => ({ kind: 'pseudo', name });

/** The index choice of an argument: `k => v` (key) or `name => v` read as the variable `name`. */
export function choiceOf(a: FuncArg): Expr | undefined {
  return a.key ?? (a.name ? { kind: 'column', parts: [a.name] } : undefined);
}

/**
 * True when `x` is a qualified expression with index choices whose keys are not consecutive
 * integer literals: the collection it builds has gaps, so COUNT must count the elements.
 */
export function keyedWithGaps(x: Expr): boolean {
  if (x.kind !== 'call' || !x.args.some((a) => a.key)) return false;
  const keys: number[] = [];
  for (const a of x.args) {
    let k = a.key;
    let sign = 1;
    if (k?.kind === 'unary' && k.op === '-') {
      sign = -1;
      k = k.operand;
    }
    if (k?.kind !== 'literal' || k.type !== 'number' || !/^\d+$/.test(k.value)) return true;
    keys.push(sign * Number(k.value));
  }
  keys.sort((a, b) => a - b);
  return keys.some((k, i) => i > 0 && k !== keys[i - 1] + 1);
}

/**
 * A qualified expression `TYPE(…)` converted, or undefined when `x` is not one this module
 * handles (a function call, a positional collection constructor, an object type).
 */
export function qualifiedExpression(x: FuncCall, pc: PlContext): Expr | undefined {
  if (x.name.length > 2 || x.star || x.over) return undefined;
  const label = x.name.join('.');
  const t: DataType = {
    kind: 'datatype',
    name: x.name[x.name.length - 1],
    args: [],
    ...(x.name.length === 2 ? { schema: x.name[0] } : {}),
  };
  const keyed = x.args.some((a) => a.key);
  const fields = recordFields(t, pc);
  if (fields) {
    if (keyed) {
      pc.fail(
        `qualified expression ${label}(…): a record type takes field names or positional values, not index choices`,
      );
      return undefined;
    }
    const values = new Map<string, Expr>();
    let position = 0;
    for (const a of x.args) {
      const field = a.name ?? fields[position]?.name;
      position++;
      if (!field || !fields.some((f) => f.name === field) || values.has(field)) {
        pc.fail(
          `qualified expression ${label}(…): ${a.name ? `no field ${a.name}` : 'more values than fields'} in record type ${label}`,
        );
        return undefined;
      }
      values.set(field, a.value);
    }
    // The cast of the row converts each value to its field's type.
    const items = fields.map((f) => {
      const v = values.get(f.name);
      return v ? pc.expr(v) : 'NULL';
    });
    return pseudo(`ROW(${items.join(', ')})::${pc.type(t, label)}`);
  }
  const named = x.args.some((a) => a.name);
  if (!keyed && !named) return undefined;
  const element = mapElementType(t, pc);
  if (element) {
    // String-indexed associative array: a jsonb object of the keys.
    if (x.args.some((a) => !choiceOf(a))) {
      pc.fail(
        `qualified expression ${label}(…): every value of an associative array needs its index (k => v)`,
      );
      return undefined;
    }
    if (!x.args.length) return pseudo(`'{}'::jsonb`);
    const pairs = x.args.map(
      (a) => `(${pc.expr(choiceOf(a)!)})::text, ${toJson(pc.expr(a.value), element, label, pc)}`,
    );
    return pseudo(`jsonb_build_object(${pairs.join(', ')})`);
  }
  if (pc.isCollectionType(t) && !(x.name.length === 2 && pc.lookup(x.name[0]))) {
    const type = pc.type(t, label);
    if (!type.endsWith('[]') || type.endsWith('[][]')) {
      pc.fail(
        `qualified expression ${label}(k => v, …): the collection type is not held as a one-dimensional array (${type})`,
      );
      return undefined;
    }
    if (x.args.some((a) => !choiceOf(a))) {
      pc.fail(`qualified expression ${label}(…) mixing positional values and index choices`);
      return undefined;
    }
    if (!pc.preStatements.includes(ARRAY_PUT)) pc.preStatements.push(ARRAY_PUT);
    const elementType = type.slice(0, -2);
    let out = `'{}'::${type}`;
    for (const a of x.args) {
      const index = pc.expr(pc.arrayIndex(choiceOf(a)!));
      out = `opg_array_put(${out}, (${index})::integer, (${pc.expr(a.value)})::${elementType})`;
    }
    return pseudo(out);
  }
  if (keyed) {
    pc.fail(
      `qualified expression ${label}(k => v, …): ${label} is not a record or collection type the conversion knows (include the script declaring it, or assign the elements one by one: c(k) := v)`,
    );
    return undefined;
  }
  return undefined;
}
