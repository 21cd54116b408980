/**
 * What Oracle does to a value stored in a variable beyond PostgreSQL's assignment cast (`v := x`,
 * a declaration default, a package variable, `RETURN x`):
 *  - a NUMBER stored in a character variable is converted with TO_CHAR(n) — no trailing
 *    fractional zeros, no leading zero (1/4 → '.25', 12.50 → '12.5') — where PostgreSQL's cast
 *    prints the numeric as it is ('0.2500000000000000', '12.50'): the value becomes TO_CHAR(value)
 *    in the Oracle tree, which the expression rules convert;
 *  - a DATE stored in a character variable is converted with TO_CHAR and the (default) NLS date
 *    format, and a text literal stored in a DATE variable is read with it ('07-MAR-24');
 *  - a value outside the RANGE of a constrained subtype (SUBTYPE digit IS PLS_INTEGER RANGE 0..9)
 *    raises VALUE_ERROR and leaves the variable unchanged: the value goes through
 *    opg_subtype_range(value, low, high), which raises numeric_value_out_of_range (VALUE_ERROR).
 */
import type { DataType, Expr, FuncArg } from '../../ast/expr.js';
import type { Declaration, Subprogram } from '../../ast/plsql.js';
import type { SelectQuery } from '../../ast/query.js';
import type { DmlStatement } from '../../ast/dml.js';
import { nlsDateLiteral } from '../../rules/functions-date.js';
import { classOfDataType, inferType, queryColumnTypes } from '../../rules/infer.js';
import type { PlContext } from './context.js';

type Range = NonNullable<Extract<Declaration, { kind: 'subtype' }>['range']>;

/** RANGE of local subtypes, by their base type node (PlContext.subtypes maps the name to it). */
const localRanges = new WeakMap<DataType, Range>();

/** Remembers the RANGE of a local SUBTYPE declaration. */
export function noteSubtypeRange(d: Extract<Declaration, { kind: 'subtype' }>): void {
  if (d.range) localRanges.set(d.base, d.range);
}

/** `value` as Oracle stores it in a variable of declared type `target`. */
export function implicitText(value: Expr, target: DataType | undefined, pc: PlContext): Expr {
  const range = target && rangeOf(target, pc, 0);
  return range ? rangeChecked(textValue(value, target, pc), range, pc) : textValue(value, target, pc);
}

/**
 * Arguments of a call of `unit`: a non-integer number passed to an IN parameter of a character
 * type is converted as Oracle converts it (TO_CHAR), not by PostgreSQL's cast. `uncast` (a
 * procedure call, whose arguments get no cast to the parameter types): PostgreSQL finds no
 * procedure for a number or date argument of a varchar parameter, nor for a varchar argument of a
 * numeric one, so those are converted too (TO_CHAR, TO_NUMBER), as Oracle converts them.
 */
export function textArgs(unit: Subprogram, args: FuncArg[], pc: PlContext, uncast = false): FuncArg[] {
  return args.map((a, i) => {
    const p = a.name ? unit.params.find((x) => x.name === a.name) : unit.params[i];
    if (p?.mode !== 'IN') return a;
    if (!uncast) return { ...a, value: textValue(a.value, p.type, pc) };
    const to = pc.oracleType(p.type);
    const want = to && classOfDataType(to).cls;
    const from = inferType(a.value, pc.ectx);
    // A CHAR(n) value keeps its blank padding (textValue).
    if (want === 'string' && from.charLength && a.value.kind === 'column' && !classOfDataType(to).charLength) return { ...a, value: textValue(a.value, p.type, pc) };
    const fn =
      want === 'string' && (from.cls === 'number' || from.cls === 'date' || from.cls === 'timestamp')
        ? 'TO_CHAR'
        : want === 'number' && from.cls === 'string'
          ? 'TO_NUMBER'
          : undefined;
    return fn ? { ...a, value: { kind: 'call', name: [fn], args: [{ value: a.value }] } } : a;
  });
}

/** The standalone procedure or function a call names (not a variable, nested or package routine). */
export function standaloneUnit(name: string[], pc: PlContext): Subprogram | undefined {
  if (name.length !== 1 || pc.lookup(name[0]) || pc.pkg?.members.has(name[0])) return undefined;
  return pc.cctx.routineUnits.get(name[0]);
}

function textValue(value: Expr, target: DataType | undefined, pc: PlContext): Expr {
  const to = target && pc.oracleType(target);
  const want = to && classOfDataType(to).cls;
  // A text literal stored in a DATE variable is read with the default NLS_DATE_FORMAT (DD-MON-RR).
  if (want === 'date') return nlsDateLiteral(value, pc.ectx) ?? value;
  // Text stored in a RAW variable is read as hexadecimal digits (HEXTORAW), as Oracle converts
  // VARCHAR2 to RAW; PostgreSQL's text-to-bytea cast would take the characters' own bytes.
  if (want === 'binary' && to?.name.toUpperCase() === 'RAW' && inferType(value, pc.ectx).cls === 'string')
    return { kind: 'call', name: ['HEXTORAW'], args: [{ value }] };
  if (want !== 'string') return value;
  const from = inferType(value, pc.ectx);
  // A RAW value stored in a character variable: its hexadecimal digits (RAWTOHEX), not '\x…'.
  if (from.cls === 'binary') return { kind: 'call', name: ['RAWTOHEX'], args: [{ value }] };
  // A CHAR(n) variable or column stored in a VARCHAR2 (or other non-CHAR) variable keeps its
  // blank padding in Oracle; PostgreSQL's cast of char(n) to varchar drops it.
  if (from.charLength && (value.kind === 'column' || (value.kind === 'bind' && value.path?.length === 1)) && !classOfDataType(to).charLength)
    return { kind: 'call', name: ['RPAD'], args: [{ value }, { value: { kind: 'literal', type: 'number', value: String(from.charLength) } }] };
  // A DATE stored in a character variable: TO_CHAR with the session's (default) format.
  if (from.cls === 'date' || from.cls === 'timestamp') return { kind: 'call', name: ['TO_CHAR'], args: [{ value }] };
  // Integers print the same either way; BINARY_DOUBLE text differs in other ways (not handled here).
  if (from.cls !== 'number' || from.pg !== 'numeric') return value;
  return { kind: 'call', name: ['TO_CHAR'], args: [{ value }] };
}

/** The RANGE constraint of a (local or package) subtype, through subtypes of subtypes. */
function rangeOf(t: DataType, pc: PlContext, depth: number): Range | undefined {
  if (depth > 8 || t.attribute) return undefined;
  const local = t.schema ? undefined : pc.subtypes.get(t.name);
  if (local) return localRanges.get(local) ?? rangeOf(local, pc, depth + 1);
  const home = t.schema ? pc.cctx.packages.get(t.schema) : pc.pkg;
  const d = home?.typeDecls.find((x) => x.kind === 'subtype' && x.name === t.name);
  if (d?.kind !== 'subtype') return t.schema || t.args.length ? undefined : PREDEFINED_RANGES[t.name];
  return d.range ?? rangeOf(d.base, pc, depth + 1);
}

const int = (n: number): Expr => (n < 0 ? { kind: 'unary', op: '-', operand: int(-n) } : { kind: 'literal', type: 'number', value: String(n) });

/**
 * The ranges of PL/SQL's predefined PLS_INTEGER subtypes (package STANDARD): NATURAL(N)
 * 0 .. 2147483647, POSITIVE(N) 1 .. 2147483647, SIGNTYPE -1 .. 1. A value outside raises
 * VALUE_ERROR (ORA-06502), as for a user subtype's RANGE.
 */
const PREDEFINED_RANGES: Record<string, Range> = {
  NATURAL: { low: int(0), high: int(2147483647) },
  NATURALN: { low: int(0), high: int(2147483647) },
  POSITIVE: { low: int(1), high: int(2147483647) },
  POSITIVEN: { low: int(1), high: int(2147483647) },
  SIGNTYPE: { low: int(-1), high: int(1) },
};

/** PL/SQL's predefined subtypes that are NOT NULL (a variable of them must be initialized, NULL raises VALUE_ERROR). */
export function predefinedNotNull(t: DataType, pc: PlContext): boolean {
  return !t.schema && !t.attribute && !t.args.length && !pc.subtypes.has(t.name) && ['NATURALN', 'POSITIVEN', 'SIMPLE_INTEGER', 'SIMPLE_FLOAT', 'SIMPLE_DOUBLE'].includes(t.name) && !pc.pkg?.typeDecls.some((x) => x.name === t.name);
}

const RANGE_HELPER = `CREATE OR REPLACE FUNCTION opg_subtype_range(v numeric, lo numeric, hi numeric)
RETURNS numeric
LANGUAGE plpgsql
IMMUTABLE
AS $body$
BEGIN
  -- Oracle rounds to the PLS_INTEGER subtype, then raises VALUE_ERROR outside its RANGE.
  IF round(v) < lo OR round(v) > hi THEN
    RAISE numeric_value_out_of_range USING MESSAGE = 'ORA-06502: PL/SQL: numeric or value error';
  END IF;
  RETURN round(v);
END;
$body$;
-- A double precision value (DBMS_RANDOM.VALUE, BINARY_DOUBLE) has no implicit cast to numeric.
CREATE OR REPLACE FUNCTION opg_subtype_range(v double precision, lo numeric, hi numeric)
RETURNS numeric
LANGUAGE sql
IMMUTABLE
AS $body$ SELECT opg_subtype_range(v::numeric, lo, hi) $body$;`;

function rangeChecked(value: Expr, range: Range, pc: PlContext): Expr {
  if (!pc.preStatements.includes(RANGE_HELPER)) pc.preStatements.push(RANGE_HELPER);
  return {
    kind: 'call',
    name: ['OPG_SUBTYPE_RANGE'],
    args: [{ value }, { value: range.low }, { value: range.high }],
  };
}

/** The declared type of an assignment target: a variable or parameter of the unit, a field of a record variable. */
export function targetType(target: Expr, pc: PlContext): DataType | undefined {
  // :NEW.col in a row trigger: the column's declared type.
  if (target.kind === 'bind' && pc.trigger && target.path?.length === 1 && target.name === (pc.trigger.referencing?.new ?? 'NEW')) {
    const path = target.path;
    return pc.cctx.findTable(pc.trigger.on)?.columns.find((c) => c.name === path[0])?.type;
  }
  if (target.kind !== 'column' || target.parts.some((p) => p.startsWith('%'))) return undefined;
  if (target.parts.length === 1) return pc.lookup(target.parts[0])?.type;
  return pc.lookup(target.parts[0]) ? pc.ectx.pathType?.(target.parts) : undefined;
}

function targetIsChar(target: Expr, pc: PlContext): boolean {
  const to = targetType(target, pc);
  const o = to && pc.oracleType(to);
  return !!o && !!classOfDataType(o).charLength;
}

/**
 * SELECT … INTO: a select-list item of a non-integer NUMBER type (in the query's scope) fetched
 * into a character variable becomes TO_CHAR(item), as Oracle converts it.
 */
export function textItems(q: SelectQuery, targets: Expr[], pc: PlContext): SelectQuery['items'] {
  if (q.items.length !== targets.length || q.items.some((i) => i.expr.kind === 'star')) return q.items;
  const wanted = targets.map((t) => {
    const to = targetType(t, pc);
    const o = to && pc.oracleType(to);
    return !!o && classOfDataType(o).cls === 'string';
  });
  if (!wanted.some(Boolean)) return q.items;
  const types = queryColumnTypes({ ...q, into: undefined }, pc.ectx);
  return q.items.map((item, i) => {
    if (!wanted[i]) return item;
    if (types[i]?.type.cls === 'number' && types[i].type.pg === 'numeric') return { ...item, expr: { kind: 'call', name: ['TO_CHAR'], args: [{ value: item.expr }] } };
    // A CHAR(n) column fetched into a VARCHAR2 variable keeps its blank padding in Oracle.
    const n = types[i]?.type.charLength;
    return n && item.expr.kind === 'column' && !targetIsChar(targets[i], pc)
      ? { ...item, expr: { kind: 'call', name: ['RPAD'], args: [{ value: item.expr }, { value: { kind: 'literal', type: 'number', value: String(n) } }] } }
      : item;
  });
}

/**
 * DML … RETURNING exprs INTO variables: a returned value going into a character variable is
 * converted as Oracle converts it (TO_CHAR for a non-integer NUMBER, the blank padding of a
 * CHAR(n) column), as for SELECT … INTO (textItems): the RETURNING list reads the target table.
 */
export function textReturning(st: DmlStatement, pc: PlContext): DmlStatement {
  if ((st.kind !== 'insert' && st.kind !== 'update' && st.kind !== 'delete') || !st.returning || st.returning.bulk) return st;
  const r = st.returning;
  if (r.exprs.length !== r.into.length || st.target.kind !== 'table') return st;
  const q: SelectQuery = { kind: 'select', items: r.exprs.map((expr) => ({ expr })), from: [st.target] };
  const items = textItems(q, r.into, pc);
  if (items === q.items) return st;
  return { ...st, returning: { ...r, exprs: items.map((i) => i.expr) } };
}
