/**
 * A character value given to an object type constructor or a collection constructor: Oracle
 * raises VALUE_ERROR (ORA-06502) when it is longer than the attribute's / element's declared
 * length; PostgreSQL's ROW(…)::type and ARRAY[…]::varchar(n)[] casts truncate it silently.
 * Such an argument is passed through opg_char_fit(value, n) (created once by the conversion,
 * ConvertContext.supportTypes), which raises string_data_right_truncation, one of VALUE_ERROR's
 * conditions. A string literal that fits, or NULL, needs no check.
 */
import type { DataType, Expr } from '../ast/expr.js';
import type { OraName } from '../ast/common.js';
import { quoteLiteral } from '../emit/quote.js';
import { oracleTypeText } from './types.js';
import { type ExprContext, report } from './builders.js';
import { declaredColumnType, inferType } from './infer.js';

export const CHAR_FIT = 'opg_char_fit';

export const CHAR_FIT_HELPER = `CREATE OR REPLACE FUNCTION ${CHAR_FIT}(v text, n integer)
RETURNS text
LANGUAGE plpgsql
IMMUTABLE
AS $body$
BEGIN
  -- Oracle raises VALUE_ERROR for a constructor argument longer than the attribute or element type allows.
  IF character_length(v) > n THEN
    RAISE string_data_right_truncation USING MESSAGE = 'ORA-06502: PL/SQL: numeric or value error: character string buffer too small';
  END IF;
  RETURN v;
END;
$body$;`;

const CHARACTER_TYPES = new Set(['VARCHAR2', 'VARCHAR', 'NVARCHAR2', 'CHAR', 'NCHAR', 'CHARACTER']);

/** The declared length of an Oracle character type (VARCHAR2(n), CHAR(n) …); undefined for other types. */
export function charLimit(t: DataType | undefined): number | undefined {
  if (!t || t.attribute || t.schema || !CHARACTER_TYPES.has(t.name.toUpperCase())) return undefined;
  const n = t.args[0];
  return typeof n === 'number' ? n : undefined;
}

/** The declared length of a column, variable or attribute named by `x` (v, r.f, self.a), when known. */
function declaredLimit(x: Expr, ctx: ExprContext): number | undefined {
  if (x.kind !== 'column') return undefined;
  return charLimit(declaredColumnType(x, ctx) ?? (x.parts.length === 1 ? ctx.columnType?.(x.parts[0]) : ctx.pathType?.(x.parts)));
}

/**
 * `value` (converted) checked against `limit` characters, or `value` itself when the argument
 * as written (`orig`) is known to fit (a short literal, NULL, a variable or column declared no
 * longer) or is not character data. `use` notes that the helper is needed.
 */
export function charFit(value: Expr, orig: Expr, limit: number | undefined, ctx: ExprContext, use: () => void, what = 'a constructor'): Expr {
  if (limit === undefined) return value;
  if (orig.kind === 'literal' && (orig.type === 'null' || (orig.type === 'string' && [...orig.value].length <= limit))) return value;
  const num = (n: number): Expr => ({ kind: 'literal', type: 'number', value: String(n) });
  if (orig.kind === 'literal' && orig.type === 'string') {
    // Known not to fit: said now, and raised when evaluated as in Oracle. The literal goes
    // through a scalar subquery so PostgreSQL does not fold the call (and raise) when planning.
    report(ctx, 'OPG-EXPR-0029', { what, length: [...orig.value].length, limit });
    use();
    const sub: Expr = { kind: 'pseudo', name: `(SELECT ${quoteLiteral(orig.value)}::text)` };
    return { kind: 'call', name: [CHAR_FIT], args: [{ value: sub }, { value: num(limit) }] };
  }
  const own = declaredLimit(orig, ctx);
  if (own !== undefined && own <= limit) return value;
  const cls = inferType(orig, ctx).cls;
  if (cls !== 'string' && cls !== 'unknown') return value;
  use();
  const arg: Expr = cls === 'string' ? value : { kind: 'pg-cast', operand: value, type: { kind: 'datatype', name: 'text', args: [] } };
  return { kind: 'call', name: [CHAR_FIT], args: [{ value: arg }, { value: num(limit) }] };
}

/** How a finding names the constructor argument: POINT_T(…) attribute LABEL VARCHAR2(10), NAMES_T(…) element VARCHAR2(10). */
export function attributeText(ctor: OraName[], attribute?: { name: OraName; type: DataType }, element?: DataType): string {
  const t = attribute?.type ?? element;
  return `${ctor.join('.')}(…) ${attribute ? `attribute ${attribute.name}` : 'element'}${t ? ` ${oracleTypeText(t)}` : ''}`;
}
