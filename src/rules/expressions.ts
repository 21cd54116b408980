/**
 * Expression and query rewrites, Oracle → PostgreSQL, on the tree. Function rules are table
 * entries (FUNCTION_RULES in functions.ts, one file per family); node-kind rules live in
 * rewriteExpr's switch. Rules that depend on operand types ask infer.ts, whose column scope is
 * set per query block by rewriteQuery.
 */
import { rewriteJsonTable } from './json-table.js';
import { attributeText, CHAR_FIT, charFit, charLimit } from './char-fit.js';
import { prepareWith } from './recursive-with.js';
import { rewriteJsonFunction } from './json-functions.js';
import { dictionaryView, mapDictionaryView, oracleName } from './dictionary.js';
import { rewriteXmlTable, XML_METHODS, xmlMethod } from './xml.js';
import { mapType } from './types.js';
import { rewritePivot } from './pivot.js';
import type { QualifiedName } from '../ast/common.js';
import type { DataType, Expr, FuncCall, OrderItem } from '../ast/expr.js';
import type { FromItem, Query, SelectQuery, TableRef } from '../ast/query.js';
import { mapExpr, mapQueryDeep, walkExpr } from './walk.js';
import { pgNameOf } from '../emit/quote.js';
import { dateRangeFrame, distinctOver, nthValueFromLast, rewriteIgnoreNulls, rewriteKeep } from './analytic.js';
import { atTimeZone, isDateType, nlsDateLiteral } from './functions-date.js';
import { bin, call, cast, type ExprContext, lit, NULL, notConverted, num, paren, report } from './builders.js';
import { FUNCTION_RULES, NEEDS_REVIEW } from './functions.js';
import { asText, charPadded, REGEXP_PARAMS, regexpPositional } from './functions-string.js';
import { rewriteHierarchical } from './hierarchical.js';
import { buildScope, classOfDataType, declaredColumnType, inferType, type OraType, queryColumnTypes } from './infer.js';
import { rewriteOuterJoins } from './joins.js';
import { rewriteBinary } from './operators.js';
import { rewriteRownum } from './rownum.js';

export type { ExprContext } from './builders.js';

/** XMLType methods whose names no package function is likely to share: a.b.getclobval() is one. */
const XML_DOTTED_METHODS = new Set(['GETCLOBVAL', 'GETSTRINGVAL', 'GETNUMBERVAL', 'GETROOTELEMENT']);

/** Functions without parentheses that Oracle parses as names. */
const NILADIC: Record<string, Expr> = {
  SYSTIMESTAMP: { kind: 'pseudo', name: 'CURRENT_TIMESTAMP' },
  CURRENT_DATE: { kind: 'pseudo', name: 'LOCALTIMESTAMP', precision: 0 },
  CURRENT_TIMESTAMP: { kind: 'pseudo', name: 'CURRENT_TIMESTAMP' },
  LOCALTIMESTAMP: { kind: 'pseudo', name: 'LOCALTIMESTAMP' },
  SESSIONTIMEZONE: { kind: 'call', name: ['current_setting'], args: [{ value: lit('TimeZone') }] },
  DBTIMEZONE: { kind: 'call', name: ['current_setting'], args: [{ value: lit('TimeZone') }] },
};

export function rewriteExpr(e: Expr, ctx: ExprContext): Expr {
  switch (e.kind) {
    case 'literal':
      if (e.type === 'string' && e.value === '') {
        report(ctx, 'OPG-EXPR-0003', {});
        return NULL;
      }
      return e;
    case 'typed-literal':
    case 'interval-literal':
    case 'bind':
    case 'star':
      return e;
    case 'pseudo':
      switch (e.name) {
        case 'SYSDATE':
          report(ctx, 'OPG-EXPR-0002', { name: 'SYSDATE', target: 'LOCALTIMESTAMP(0)' });
          return { kind: 'pseudo', name: 'LOCALTIMESTAMP', precision: 0 };
        case 'USER':
          // Oracle spells the user name as its dictionary does (HR): see rules/dictionary.ts.
          return oracleName({ kind: 'pseudo', name: 'CURRENT_USER' });
        case 'ROWID':
          report(ctx, 'OPG-EXPR-0022', {});
          return { kind: 'column', parts: ['CTID'] };
        case 'ROWNUM':
          if (!ctx.unconvertible?.some((u) => u.startsWith('ROWNUM')))
            notConverted(
              ctx,
              'ROWNUM in this position (only top-N tests and select-list ROWNUM are converted)',
            );
          return e;
        case 'LEVEL':
        case 'UID':
          notConverted(ctx, `${e.name} pseudo-column is not converted in this context`);
          return e;
        default:
          return e;
      }
    case 'column': {
      if (e.outerJoin && !ctx.unconvertible?.some((u) => u.startsWith('Oracle (+)')))
        notConverted(ctx, 'Oracle (+) outer join operator in this position');
      const last = e.parts[e.parts.length - 1];
      if (e.parts.length >= 2 && (last === 'NEXTVAL' || last === 'CURRVAL')) {
        let seq = e.parts.slice(0, -1);
        // A synonym of a sequence: the sequence it names.
        const target = seq.length === 1 ? ctx.sequenceSynonym?.(seq[0]) : undefined;
        if (target) seq = target.schema ? [target.schema, target.name] : [target.name];
        const name = seq.length === 2 ? `${ctx.mapSchema(seq[0])}.${pgNameOf(seq[1])}` : pgNameOf(seq[0]);
        return call(last === 'NEXTVAL' ? 'nextval' : 'currval', lit(name));
      }
      // DBMS_RANDOM.VALUE (ORDER BY DBMS_RANDOM.VALUE): a package function without parentheses.
      const builtin = e.parts.length >= 2 ? ctx.builtinPackageCall?.(e) : undefined;
      if (builtin) return rewriteExpr(builtin, ctx);
      if (e.parts.length === 1 && (e.parts[0] === 'TRUE' || e.parts[0] === 'FALSE')) {
        return { kind: 'literal', type: 'boolean', value: e.parts[0] };
      }
      // BINARY_DOUBLE_NAN, BINARY_FLOAT_INFINITY …: Oracle's floating-point constants (when no column
      // of the scope has the name).
      const special = e.parts.length === 1 ? FLOAT_CONSTANTS[e.parts[0]] : undefined;
      if (special && inferType(e, ctx).cls === 'unknown') return cast(lit(special[1]), special[0]);
      // alias.ROWID (ROWID is reserved in Oracle: no column has the name).
      if (e.parts.length === 2 && last === 'ROWID') {
        report(ctx, 'OPG-EXPR-0022', {});
        return { kind: 'column', parts: [e.parts[0], 'CTID'] };
      }
      // alias.column.attribute[.attribute …]: an attribute of an object-typed column of a FROM
      // item. PostgreSQL reads a.b.c as schema.table.column, so the column is parenthesized:
      // (alias.column).attribute. A first part that names no FROM item stays schema.table.column.
      if (e.parts.length >= 3 && !e.outerJoin && isFromItemName(e.parts[0], ctx)) {
        let out: Expr = { kind: 'column', parts: e.parts.slice(0, 2) };
        for (const f of e.parts.slice(2)) out = { kind: 'field', operand: out, field: f };
        return out;
      }
      if (e.parts.length === 1 && NILADIC[e.parts[0]]) {
        if (e.parts[0] === 'SYSTIMESTAMP')
          report(ctx, 'OPG-EXPR-0002', { name: 'SYSTIMESTAMP', target: 'CURRENT_TIMESTAMP' });
        return NILADIC[e.parts[0]];
      }
      return e;
    }
    case 'call':
      return rewriteCall(e, ctx);
    case 'unary':
      if (e.op === 'PRIOR' || e.op === 'CONNECT_BY_ROOT') {
        notConverted(ctx, `${e.op} (hierarchical query)`);
        return { ...e, operand: rewriteExpr(e.operand, ctx) };
      }
      // -text_col: Oracle negates the number the text holds.
      if (e.op === '-' && inferType(e.operand, ctx).cls === 'string' && e.operand.kind === 'column')
        return { ...e, operand: cast(rewriteExpr(e.operand, ctx), 'numeric') };
      return { ...e, operand: rewriteExpr(e.operand, ctx) };
    case 'binary':
      return rewriteBinary(e, ctx, (x) => rewriteExpr(x, ctx));
    case 'is-null':
      // An object column IS NULL only when atomically null, not when its attributes all are:
      // the whole value is compared with NULL (PostgreSQL's row IS NULL tests every attribute).
      if (isObjectValue(e.operand, ctx))
        return { kind: 'binary', op: e.not ? 'IS DISTINCT FROM' : 'IS NOT DISTINCT FROM', left: rewriteExpr(e.operand, ctx), right: NULL };
      return { ...e, operand: rewriteExpr(e.operand, ctx) };
    case 'like': {
      // num LIKE '78%', date LIKE '%-81': Oracle matches the implicit text of the value
      // (PostgreSQL has no LIKE on numbers or timestamps).
      const text = (x: Expr) => asText(rewriteExpr(x, ctx), inferType(x, ctx), ctx, x);
      // A CHAR(n) column matches with its padding blanks ('ab   ' LIKE '%b' is false in Oracle);
      // PostgreSQL drops them when the char(n) becomes text.
      const r: Expr = { ...e, operand: charPadded(text(e.operand), inferType(e.operand, ctx), e.operand), pattern: text(e.pattern) };
      // PostgreSQL's default LIKE escape is "\", Oracle has none: make "no escape" explicit.
      r.escape = e.escape ? rewriteExpr(e.escape, ctx) : lit('');
      if (r.escape.kind === 'literal' && r.escape.type === 'null') r.escape = lit('');
      return r;
    }
    case 'between': {
      // A date between text literals: Oracle reads them with NLS_DATE_FORMAT (DD-MON-RR). Text
      // and numbers compare as numbers (the text side converted), as for = and <.
      const t = inferType(e.operand, ctx);
      const asDate = isDateType(t);
      const bounds = [e.low, e.high].map((x) => ({ x, t: inferType(x, ctx) }));
      const bound = ({ x, t: bt }: { x: Expr; t: ReturnType<typeof inferType> }) => {
        const r = (asDate ? nlsDateLiteral(x, ctx) : undefined) ?? rewriteExpr(x, ctx);
        return t.cls === 'number' && bt.cls === 'string' && x.kind !== 'literal' ? cast(r, 'numeric') : r;
      };
      const numeric = t.cls === 'string' && bounds.some((b) => b.t.cls === 'number');
      const operand = rewriteExpr(e.operand, ctx);
      return { ...e, operand: numeric ? cast(operand, 'numeric') : operand, low: bound(bounds[0]), high: bound(bounds[1]) };
    }
    case 'in': {
      const t = inferType(e.operand, ctx);
      const asDate = Array.isArray(e.list) && isDateType(t);
      const types = Array.isArray(e.list) ? e.list.map((x) => inferType(x, ctx)) : [];
      const item = (x: Expr, i: number) => {
        const r = (asDate ? nlsDateLiteral(x, ctx) : undefined) ?? rewriteExpr(x, ctx);
        return t.cls === 'number' && types[i].cls === 'string' && x.kind !== 'literal' ? cast(r, 'numeric') : r;
      };
      // code_text IN (1, 2): Oracle compares numbers (the text converted), as for =. The same for
      // a one-column subquery: num_col IN (SELECT text_col …) converts the subquery's text.
      const sub = Array.isArray(e.list) ? undefined : queryColumnTypes(e.list, ctx);
      const subType = sub?.length === 1 && e.operand.kind !== 'list' ? sub[0].type : undefined;
      const numeric = t.cls === 'string' && (types.some((x) => x.cls === 'number') || subType?.cls === 'number');
      const operand = rewriteExpr(e.operand, ctx);
      let list = Array.isArray(e.list) ? e.list.map(item) : rewriteQuery(e.list, ctx);
      if (!Array.isArray(list) && t.cls === 'number' && subType?.cls === 'string' && list.kind === 'select' && list.items.length === 1)
        list = { ...list, items: [{ ...list.items[0], expr: cast(list.items[0].expr, 'numeric') }] };
      return { ...e, operand: numeric ? cast(operand, 'numeric') : operand, list };
    }
    case 'quantified':
      return {
        ...e,
        operand: rewriteExpr(e.operand, ctx),
        list: Array.isArray(e.list) ? e.list.map((x) => rewriteExpr(x, ctx)) : rewriteQuery(e.list, ctx),
      };
    case 'exists':
      return { ...e, query: rewriteQuery(e.query, ctx) };
    case 'cursor':
      notConverted(
        ctx,
        'CURSOR (subquery) expression (PostgreSQL has none: open a refcursor on the query and pass it, or pass the rows as an array / query the table inside the function)',
      );
      return { ...e, query: rewriteQuery(e.query, ctx) };
    case 'case': {
      const r: Expr = {
        kind: 'case',
        whens: e.whens.map((w) => ({ when: rewriteExpr(w.when, ctx), then: rewriteExpr(w.then, ctx) })),
      };
      if (e.operand) r.operand = rewriteExpr(e.operand, ctx);
      if (e.else) r.else = rewriteExpr(e.else, ctx);
      return r;
    }
    case 'cast': {
      if (e.conversionDefault) {
        const { conversionDefault: dflt, conversionFormat, ...plain } = e;
        const toNumber = !conversionFormat && classOfDataType(e.type).cls === 'number';
        const what = `CAST(… AS ${e.type.name}${conversionFormat ? ', format' : ''})`;
        return onConversionError(what, e.operand, toNumber, (x) => rewriteExpr({ ...plain, operand: x }, ctx), dflt, ctx);
      }
      // CAST(x AS VARCHAR2(10)) / AS NUMBER / AS DATE: the target type is an Oracle type.
      const type = mapType(e.type, { column: 'CAST', object: ctx.object, location: ctx.location, findings: [] });
      if (e.multiset && e.operand.kind === 'subquery') return castMultiset(e.operand.query, e.type, type, ctx);
      if (e.type.interval) {
        // (a - b) DAY TO SECOND / YEAR TO MONTH. DATE - DATE is a number of days in Oracle (and in
        // the converted SQL): as a day-to-second interval it is that many days.
        const operand = rewriteExpr(e.operand, ctx);
        if (e.type.interval.to === 'MONTH') {
          notConverted(ctx, '(… - …) YEAR TO MONTH (use age(ts1, ts2) truncated to months, checking the rounding your code expects)');
          return { ...e, operand, type };
        }
        // Only DATE - DATE (both known) became a number of days; a difference whose operands are
        // not both known DATEs stays a PostgreSQL subtraction of timestamps, already an interval.
        let diff: Expr = e.operand;
        while (diff.kind === 'paren') diff = diff.expr;
        const days =
          diff.kind === 'binary' && diff.op === '-'
            ? inferType(diff.left, ctx).cls === 'date' && inferType(diff.right, ctx).cls === 'date'
            : inferType(e.operand, ctx).cls === 'number';
        if (days) return bin('*', operand, cast(lit('1 day'), 'interval'));
        return cast(operand, type);
      }
      // CAST(number | date AS VARCHAR2(n)): Oracle converts as TO_CHAR without a format does
      // (5000, .5, 17-NOV-81), PostgreSQL's cast prints 5000.00, 0.5, 1981-11-17 00:00:00.
      const from = inferType(e.operand, ctx);
      if (classOfDataType(e.type).cls === 'string' && (from.cls === 'number' || isDateType(from)))
        return { ...e, operand: asText(rewriteExpr(e.operand, ctx), from, ctx, e.operand), type };
      return { ...e, operand: rewriteExpr(e.operand, ctx), type };
    }
    case 'pg-cast': {
      const operand = rewriteExpr(e.operand, ctx);
      // JSON in a BLOB (IS JSON checks, JSON_TABLE over bytea): the bytes are UTF-8 text.
      if (e.type.name === 'jsonb' && inferType(e.operand, ctx).cls === 'binary')
        return { ...e, operand: call('convert_from', operand, lit('UTF8')) };
      return { ...e, operand };
    }
    case 'extract':
      // TIMEZONE_REGION / TIMEZONE_ABBR: a timestamptz keeps no zone name on PostgreSQL.
      if (/^TIMEZONE_(REGION|ABBR)$/i.test(e.field))
        notConverted(ctx, `EXTRACT(${e.field.toUpperCase()} FROM …): PostgreSQL's timestamptz keeps no time zone name (keep the zone in a separate column)`);
      // A field of a value WITH TIME ZONE is read in UTC in Oracle; PostgreSQL reads a timestamptz
      // in the session time zone (and x AT TIME ZONE z, converted to z's wall-clock time, in z).
      if (/^(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND)$/i.test(e.field) && inferType(e.from, ctx).tz) {
        const inner = e.from.kind === 'paren' ? e.from.expr : e.from;
        const instant = inner.kind === 'at-time-zone' ? cast(rewriteExpr(inner.operand, ctx), 'timestamptz') : rewriteExpr(e.from, ctx);
        return { ...e, from: atTimeZone(instant, lit('UTC')) };
      }
      return { ...e, from: rewriteExpr(e.from, ctx) };
    case 'trim': {
      // TRIM(number | date): Oracle trims the implicit text of the value (PostgreSQL has no
      // trim of a numeric: "function btrim(numeric) does not exist").
      const r: Expr = { ...e, from: asText(rewriteExpr(e.from, ctx), inferType(e.from, ctx), ctx, e.from) };
      if (e.chars) r.chars = rewriteExpr(e.chars, ctx);
      // Trimming everything gives '' on PostgreSQL, NULL in Oracle.
      return call('nullif', r, lit(''));
    }
    case 'paren':
      return { kind: 'paren', expr: rewriteExpr(e.expr, ctx) };
    case 'subscript':
      return { ...e, operand: rewriteExpr(e.operand, ctx), index: rewriteExpr(e.index, ctx) };
    case 'field':
      return { ...e, operand: rewriteExpr(e.operand, ctx) };
    case 'method': {
      // PL/SQL converts method calls by the operand's object type; XMLType methods are mapped here.
      const operand = rewriteExpr(e.operand, ctx);
      const args = e.args.map((a) => ({ ...a, value: rewriteExpr(a.value, ctx) }));
      const xml = XML_METHODS.has(e.name.toUpperCase()) && !args.some((a) => a.name) ? xmlMethod(operand, e.name.toUpperCase(), args.map((a) => a.value), ctx) : undefined;
      if (xml) return xml;
      notConverted(ctx, `method call .${e.name}(…) on an object value`);
      return { ...e, operand, args };
    }
    case 'treat':
      notConverted(ctx, e.generalized ? `generalized invocation (… AS ${e.type.name})` : `TREAT(… AS ${e.ref ? 'REF ' : ''}${e.type.name})`);
      return { ...e, operand: rewriteExpr(e.operand, ctx) };
    case 'json-fn':
      return rewriteJsonFunction(e, ctx, (x) => rewriteExpr(x, ctx));
    case 'subquery':
      return { kind: 'subquery', query: rewriteQuery(e.query, ctx) };
    case 'list':
      return { kind: 'list', items: e.items.map((x) => rewriteExpr(x, ctx)) };
    case 'at-time-zone': {
      // x AT LOCAL: x in the session time zone (PostgreSQL 15 has no AT LOCAL): a timestamptz,
      // which PostgreSQL shows in the session time zone.
      const operand = rewriteExpr(e.operand, ctx);
      return e.zone === 'LOCAL' ? cast(operand, 'timestamptz') : atTimeZone(operand, rewriteExpr(e.zone, ctx));
    }
    case 'collate': {
      const operand = rewriteExpr(e.operand, ctx);
      const name = e.collation.toUpperCase();
      // BINARY compares code points: PostgreSQL's "C" collation. USING_NLS_COMP / USING_NLS_SORT
      // defer to the session's settings: the database's default collation plays that role.
      if (name === 'BINARY') return { kind: 'collate', operand, collation: 'C' };
      if (name.startsWith('USING_NLS_')) return operand;
      notConverted(
        ctx,
        `COLLATE ${e.collation} (no PostgreSQL collation is mapped: create an ICU collation with the same rules, e.g. CREATE COLLATION … (provider = icu, locale = 'und-u-ks-level2', deterministic = false) for a _CI collation)`,
      );
      return { ...e, operand };
    }
  }
}

/** Oracle's BINARY_FLOAT / BINARY_DOUBLE constants: [PostgreSQL type, value]. */
const FLOAT_CONSTANTS: Record<string, [string, string]> = {
  BINARY_DOUBLE_NAN: ['double precision', 'NaN'],
  BINARY_DOUBLE_INFINITY: ['double precision', 'Infinity'],
  BINARY_DOUBLE_MAX_NORMAL: ['double precision', '1.7976931348623157E+308'],
  BINARY_DOUBLE_MIN_NORMAL: ['double precision', '2.2250738585072014E-308'],
  BINARY_DOUBLE_MAX_SUBNORMAL: ['double precision', '2.2250738585072009E-308'],
  BINARY_DOUBLE_MIN_SUBNORMAL: ['double precision', '4.9406564584124654E-324'],
  BINARY_FLOAT_NAN: ['real', 'NaN'],
  BINARY_FLOAT_INFINITY: ['real', 'Infinity'],
  BINARY_FLOAT_MAX_NORMAL: ['real', '3.40282347E+38'],
  BINARY_FLOAT_MIN_NORMAL: ['real', '1.17549435E-38'],
  BINARY_FLOAT_MAX_SUBNORMAL: ['real', '1.17549421E-38'],
  BINARY_FLOAT_MIN_SUBNORMAL: ['real', '1.40129846E-45'],
};

function rewriteOrder(items: OrderItem[] | undefined, ctx: ExprContext): OrderItem[] | undefined {
  return items?.map((o) => ({ ...o, expr: rewriteExpr(o.expr, ctx) }));
}

/**
 * CURRENT_TIMESTAMP(), LOCALTIMESTAMP(), SYSTIMESTAMP(), CURRENT_DATE() written with parentheses
 * (PL/SQL accepts them), or CURRENT_TIMESTAMP(p) / LOCALTIMESTAMP(p) with a precision: the SQL
 * keywords (a quoted "current_timestamp"() would be a function PostgreSQL does not have).
 */
function datetimeKeyword(e: FuncCall, ctx: ExprContext): Expr | undefined {
  const name = e.name[0];
  const plain = NILADIC[name];
  if (!plain || plain.kind !== 'pseudo' || e.args.some((a) => a.name)) return undefined;
  if (!e.args.length) return rewriteExpr({ kind: 'column', parts: [name] }, ctx);
  const p = e.args[0].value;
  if (e.args.length !== 1 || name === 'CURRENT_DATE' || p.kind !== 'literal' || p.type !== 'number' || !/^\d$/.test(p.value)) return undefined;
  // PostgreSQL's precision stops at 6 (microseconds), Oracle's at 9.
  const precision = Math.min(Number(p.value), 6);
  if (Number(p.value) > 6) report(ctx, 'OPG-EXPR-0002', { name: `${name}(${p.value})`, target: `${plain.name}(6)` });
  else if (name === 'SYSTIMESTAMP') report(ctx, 'OPG-EXPR-0002', { name: 'SYSTIMESTAMP', target: 'CURRENT_TIMESTAMP' });
  return { ...plain, precision };
}

/** Number functions whose text arguments Oracle converts to NUMBER (ROUND / TRUNC of a date take a DATE, not text). */
const NUMBER_ARGUMENTS = new Set([
  'MOD',
  'REMAINDER',
  'ABS',
  'CEIL',
  'FLOOR',
  'SIGN',
  'SQRT',
  'EXP',
  'LN',
  'LOG',
  'POWER',
  'ROUND',
  'TRUNC',
  'BITAND',
]);

/** Inferred types of a call's arguments, text read as NUMBER by the number functions (NUMBER_ARGUMENTS). */
/** ROUND / TRUNC are number functions only when their first argument is a number or text. */
function numberFirst(name: string, first: Expr | undefined, ctx: ExprContext): boolean {
  if (name !== 'ROUND' && name !== 'TRUNC') return true;
  const cls = first && inferType(first, ctx).cls;
  return cls === 'number' || cls === 'string';
}

function numberTypes(orig: Expr[], name: string, ctx: ExprContext): OraType[] {
  const types = orig.map((x) => inferType(x, ctx));
  if (!NUMBER_ARGUMENTS.has(name) || !numberFirst(name, orig[0], ctx)) return types;
  return types.map((t) => (t.cls === 'string' ? { cls: 'number', pg: 'numeric' } : t));
}

/** Text Oracle converts to a NUMBER without a format: sign, digits, decimal point, exponent. */
const NUMBER_TEXT = '^ *[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)? *$';

/**
 * … DEFAULT d ON CONVERSION ERROR (CAST and TO_NUMBER, TO_DATE …): d where the conversion of the
 * value fails; NULL stays NULL. PostgreSQL 15 has no conversion that returns a value on error. A
 * value that cannot fail (a number, NULL) needs no default; text converted to a number without a
 * format is tested first with the pattern of Oracle's number text:
 * CASE WHEN x IS NULL OR x ~ pattern THEN conversion ELSE d END. Other conversions are reported.
 */
function onConversionError(
  what: string,
  source: Expr,
  toNumber: boolean,
  convert: (x: Expr) => Expr,
  dflt: Expr,
  ctx: ExprContext,
): Expr {
  const from = inferType(source, ctx);
  const converted = convert(source);
  if (from.cls === 'number' || from.cls === 'null') return converted;
  if (!toNumber || (from.cls !== 'string' && from.cls !== 'unknown')) {
    notConverted(
      ctx,
      `${what} … DEFAULT … ON CONVERSION ERROR (PostgreSQL 15 has no conversion that returns a value on error: write a PL/pgSQL function that tries the conversion and returns the default in an EXCEPTION WHEN others handler)`,
    );
    return converted;
  }
  const text = from.cls === 'string' ? rewriteExpr(source, ctx) : cast(rewriteExpr(source, ctx), 'text');
  const ok = bin('OR', { kind: 'is-null', operand: text, not: false }, bin('~', text, lit(NUMBER_TEXT)));
  return { kind: 'case', whens: [{ when: ok, then: converted }], else: convert(dflt) };
}

function rewriteCall(e: FuncCall, ctx: ExprContext): Expr {
  // alias.column.m(…): a member function of an object column, as its function; NULL without a
  // call for a NULL object (SQL Language Reference, "Object Access Expressions").
  if (e.name.length === 3 && !e.over && ctx.memberFunction) {
    const self: Expr = { kind: 'column', parts: e.name.slice(0, 2) };
    const t = declaredColumnType(self, ctx);
    const fn = t && ctx.memberFunction(t, e.name[2], e.args.length);
    if (fn) {
      const value = rewriteExpr(self, ctx);
      const invoked: Expr = { kind: 'call', name: [fn], args: [{ value }, ...e.args.map((a) => ({ ...a, value: rewriteExpr(a.value, ctx) }))] };
      return { kind: 'case', whens: [{ when: { kind: 'binary', op: 'IS NOT DISTINCT FROM', left: value, right: NULL }, then: NULL }], else: invoked };
    }
  }
  if (e.name.length <= 2 && !(e.name.length === 1 && FUNCTION_RULES[e.name[0]])) ctx.sqlFunctionCall?.(e.name);
  if (e.conversionDefault && e.args.length) {
    const { conversionDefault: dflt, ...plain } = e;
    const name = e.name.join('.');
    const toNumber = ['TO_NUMBER', 'TO_BINARY_DOUBLE', 'TO_BINARY_FLOAT'].includes(name) && e.args.length === 1;
    const withValue = (x: Expr) => rewriteCall({ ...plain, args: [{ ...e.args[0], value: x }, ...e.args.slice(1)] }, ctx);
    return onConversionError(name, e.args[0].value, toNumber, withValue, dflt, ctx);
  }
  if (e.name.length === 1 && e.name[0] === 'IS OF') {
    // PL/SQL on a type hierarchy of the converted scripts is converted before (plsql/objects.ts).
    notConverted(ctx, 'IS OF (type): the type is not a type hierarchy of the converted scripts (outside PL/SQL, or a type without subtypes)');
    return e;
  }
  if (e.name.length === 1 && e.name[0] === 'XMLELEMENT' && e.args[0]?.name === 'EVALNAME') {
    notConverted(ctx, 'XMLELEMENT(EVALNAME …): PostgreSQL element names are fixed in the query (build the XML text, or use a fixed name)');
    return e;
  }
  if (e.name.length >= 2 && !e.over) {
    const builtin = ctx.builtinPackageCall?.(e);
    if (builtin) return rewriteExpr(builtin, ctx);
  }
  // An object type constructor in SQL (a view, a query of a script): the type's constructor.
  const ctor = e.name.length <= 2 && !e.over && !e.args.some((a) => a.name) && !(e.name.length === 1 && FUNCTION_RULES[e.name[0]]) ? ctx.objectConstructor?.(e.name) : undefined;
  if (ctor) {
    // ROW(…)::type truncates a longer character value: checked as Oracle raises VALUE_ERROR.
    const args = e.args.map((a, i) => ({
      value: ctor.fn ? rewriteExpr(a.value, ctx) : charFit(rewriteExpr(a.value, ctx), a.value, charLimit(ctor.attributes?.[i]?.type), ctx, () => ctx.useSupport?.(CHAR_FIT), attributeText(e.name, ctor.attributes?.[i])),
    }));
    if (ctor.fn) return { kind: 'call', name: [ctor.fn], args };
    return { kind: 'pg-cast', operand: { kind: 'call', name: ['ROW'], args }, type: { kind: 'datatype', name: ctor.type ?? '', args: [] } };
  }
  const niladic = e.name.length === 1 && !e.over ? datetimeKeyword(e, ctx) : undefined;
  if (niladic) return niladic;
  // A synonym of a standalone function of the sources: the function it names.
  const routine = e.name.length === 1 && !FUNCTION_RULES[e.name[0]] ? ctx.routineSynonym?.(e.name[0]) : undefined;
  if (routine) return rewriteCall({ ...e, name: routine.schema ? [routine.schema, routine.name] : [routine.name] }, ctx);
  // A number function given text (MOD(v_text, 2), ROUND('7.25', 1), ABS(s)): Oracle converts the
  // text to a NUMBER; PostgreSQL has no mod(varchar, integer).
  // ROUND / TRUNC of a date (or of a value of unknown type) take a format text: left alone.
  const textToNumber =
    e.name.length === 1 && NUMBER_ARGUMENTS.has(e.name[0]) && !e.over && numberFirst(e.name[0], e.args[0]?.value, ctx);
  const args = e.args.map((a) => {
    const x = rewriteExpr(a.value, ctx);
    return textToNumber && inferType(a.value, ctx).cls === 'string' ? cast(x, 'numeric') : x;
  });
  const base: FuncCall = { ...e, args: e.args.map((a, i) => ({ ...a, value: args[i] })) };
  if (e.over)
    base.over = dateRangeFrame(
      {
        ...e.over,
        partitionBy: e.over.partitionBy.map((x) => rewriteExpr(x, ctx)),
        orderBy: rewriteOrder(e.over.orderBy, ctx)!,
      },
      e.over.orderBy.length === 1 && isDateType(inferType(e.over.orderBy[0].expr, ctx)),
      (x) => inferType(x, ctx).cls === 'number',
    );
  if (e.withinGroup) base.withinGroup = rewriteOrder(e.withinGroup, ctx);
  if (e.keep) return rewriteKeep(base, ctx, (o) => rewriteOrder(o, ctx)!);
  if (e.distinct && e.over) return distinctOver(base, ctx);
  if (e.ignoreNulls) return rewriteIgnoreNulls(base, ctx);
  if (e.fromLast) return nthValueFromLast(base);
  const last = e.name[e.name.length - 1];
  if (e.name.length >= 2 && XML_DOTTED_METHODS.has(last) && !e.args.some((a) => a.name)) {
    // t.col.getClobVal() / v.getRootElement(): an XMLType method on a column or variable.
    const xml = xmlMethod({ kind: 'column', parts: e.name.slice(0, -1) }, last, args, ctx);
    if (xml) return xml;
  }
  if (e.name.length === 1 && e.args.some((a) => a.name) && REGEXP_PARAMS[e.name[0]]) {
    // REGEXP_SUBSTR(srcstr => …, pattern => …, subexpression => 1): Oracle's parameter names.
    const positional = regexpPositional(e.name[0], e.args);
    if (positional) return rewriteCall({ ...e, args: positional.map((value) => ({ value })) }, ctx);
  }
  if (e.name.length === 1) {
    const rule = FUNCTION_RULES[e.name[0]];
    if (rule && !e.args.some((a) => a.name)) {
      const orig = e.args.map((a) => a.value);
      try {
        const out = rule(
          args,
          base,
          ctx,
          orig,
          numberTypes(orig, e.name[0], ctx),
        );
        if (hasHole(out)) throw new Error('missing argument');
        return out;
      } catch {
        // A rule meets a call it cannot read (fewer arguments than Oracle requires, an argument of
        // an impossible shape): invalid Oracle is reported, never a crash of the conversion.
        notConverted(ctx, `${e.name[0]} called with ${e.args.length} argument(s): not a valid call of the Oracle function`);
        return base;
      }
    }
    if (NEEDS_REVIEW.has(e.name[0]))
      notConverted(ctx, `${e.name[0]} has no built-in PostgreSQL equivalent (orafce provides some)`);
  }
  return base;
}

export function rewriteQuery(q: Query, ctx: ExprContext): Query {
  // Recursive WITH: RECURSIVE, SEARCH / CYCLE (before the scope of the block is built).
  if (q.with) q = { ...q, with: prepareWith(q.with, ctx) };
  if (q.kind === 'set') {
    const r: Query = { ...q, left: rewriteQuery(q.left, ctx), right: rewriteQuery(q.right, ctx) };
    if (q.orderBy) r.orderBy = rewriteOrder(q.orderBy, ctx);
    if (q.with)
      r.with = { ...q.with, ctes: q.with.ctes.map((c) => ({ ...c, query: rewriteQuery(c.query, ctx) })) };
    return r;
  }
  q = rewriteRownum(rewriteOuterJoins(q, ctx), ctx);
  if (q.connectBy) {
    const h = rewriteHierarchical(q, ctx);
    if (h) return rewriteQuery(h, ctx);
    notConverted(ctx, 'CONNECT BY hierarchical query');
  }
  const outer = ctx.scope;
  ctx.scope = buildScope(q, ctx, outer);
  try {
    return rewriteSelect(q, ctx);
  } finally {
    ctx.scope = outer;
  }
}

/**
 * seq.NEXTVAL written more than once for one row (the select list of a query block, one VALUES
 * row): Oracle increments the sequence once per row and returns the same value for every
 * occurrence (SQL Language Reference, "Sequence Pseudocolumns"); PostgreSQL's nextval would
 * advance at each call. The second and later occurrences become seq.CURRVAL, which PostgreSQL
 * reads after the first (a select list and a VALUES row are evaluated from left to right).
 */
export function nextvalOncePerRow(list: Expr[]): Expr[] {
  const seen = new Set<string>();
  return list.map((e) =>
    mapExpr(e, (x) => {
      if (x.kind !== 'column' || x.parts.length < 2 || x.parts[x.parts.length - 1] !== 'NEXTVAL') return undefined;
      const key = x.parts.slice(0, -1).join('.');
      if (!seen.has(key)) {
        seen.add(key);
        return undefined;
      }
      return { ...x, parts: [...x.parts.slice(0, -1), 'CURRVAL'] };
    }),
  );
}

function rewriteSelect(q: Extract<Query, { kind: 'select' }>, ctx: ExprContext): Query {
  const items = nextvalOncePerRow(q.items.map((i) => i.expr));
  const r: Query = {
    ...q,
    items: q.items.map((i, n) => ({ ...i, expr: rewriteExpr(items[n], ctx) })),
    from: q.from.filter((f) => !isDual(f)).map((f) => rewriteFrom(f, ctx, q)),
  };
  // SELECT COLUMN_VALUE FROM TABLE(…) / … JOIN TABLE(…) s ON … s.column_value: the scalar
  // element column is named COLUMN_VALUE, in every FROM position (joins included).
  const cv = columnValueMentions(q);
  if (cv.unqualified || cv.qualified.size) r.from = r.from.map((f) => markColumnValue(f, cv, ctx));
  if (q.from.length === 1 && r.from.length === 0) {
    // SELECT * FROM DUAL: DUAL's one column is DUMMY = 'X'.
    r.items = r.items.map((i) => (i.expr.kind === 'star' ? { expr: lit('X'), alias: 'DUMMY' } : i));
  }
  if (q.with)
    r.with = { ...q.with, ctes: q.with.ctes.map((c) => ({ ...c, query: rewriteQuery(c.query, ctx) })) };
  if (q.where) r.where = rewriteExpr(q.where, ctx);
  if (q.having) r.having = rewriteExpr(q.having, ctx);
  if (q.groupBy) {
    r.groupBy = q.groupBy.map((g) =>
      g.kind === 'expr'
        ? { kind: 'expr', expr: rewriteExpr(g.expr, ctx) }
        : g.kind === 'grouping-sets'
          ? { kind: 'grouping-sets', sets: g.sets.map((s) => s.map((x) => rewriteExpr(x, ctx))) }
          : { kind: g.kind, items: g.items.map((x) => rewriteExpr(x, ctx)) },
    );
  }
  if (q.orderBy) r.orderBy = rewriteOrder(q.orderBy, ctx);
  if (q.orderSiblings) notConverted(ctx, 'ORDER SIBLINGS BY');
  if (typeof q.forUpdate?.wait === 'number') report(ctx, 'OPG-DML-0011', { seconds: String(q.forUpdate.wait) });
  return r;
}

/**
 * FROM t PARTITION (p) / SUBPARTITION (p): the rows of one partition, which PostgreSQL holds in a
 * table of its own (the one the conversion of t created for p), read under t's name or alias.
 * PARTITION FOR (key values) and partitions of tables outside the sources are reported.
 */
export function partitionTable(
  out: TableRef,
  f: TableRef,
  part: NonNullable<TableRef['partition']>,
  ctx: ExprContext,
): TableRef {
  const { partition: _p, ...rest } = out;
  const kind = part.sub ? 'SUBPARTITION' : 'PARTITION';
  if (!part.name) {
    notConverted(ctx, `${kind} FOR (…) (read the table with a condition on its partition key instead)`);
    return rest;
  }
  const pg = ctx.partitionTable?.(f.name, part.name);
  if (!pg) {
    notConverted(
      ctx,
      `${f.name.name} ${kind} (${part.name}): not a partition of a table of the converted sources (read its PostgreSQL partition table, which orapg names <table>_<partition>)`,
    );
    return rest;
  }
  return { ...rest, name: pg.schema ? { schema: pg.schema, name: pg.name } : { name: pg.name }, alias: f.alias ?? f.name.name };
}

/**
 * SAMPLE (p) [SEED (s)]: each row is taken with probability p %, as TABLESAMPLE BERNOULLI (p)
 * [REPEATABLE (s)] takes them; SAMPLE BLOCK samples blocks, as TABLESAMPLE SYSTEM samples pages.
 * PostgreSQL samples only tables and materialized views: a view of the sources becomes a subquery
 * keeping each row with probability p % (random() * 100 < p), the row sampling Oracle applies.
 */
function rewriteSample(f: TableRef, sample: NonNullable<TableRef['sample']>, ctx: ExprContext): FromItem {
  const percent = rewriteExpr(sample.percent, ctx);
  const seed = sample.seed ? rewriteExpr(sample.seed, ctx) : undefined;
  const view = ctx.relation?.(f.name)?.kind === 'view';
  if (seed)
    report(ctx, 'OPG-EXPR-0024', {
      detail: view
        ? `SAMPLE … SEED: a view is sampled with random(), whose seed is not the Oracle seed; the sample is not repeatable (call setseed() first)`
        : `SAMPLE … SEED (…) became TABLESAMPLE … REPEATABLE (…): the same seed repeats the sample on PostgreSQL, but it is not the sample Oracle's seed selects`,
    });
  if (!view) return { ...f, sample: { block: sample.block, percent, ...(seed ? { seed } : {}) } };
  const { sample: _s, alias, ...table } = f;
  const keep = bin('<', bin('*', call('random'), num(100)), paren(percent));
  const query: SelectQuery = { kind: 'select', items: [{ expr: { kind: 'star' } }], from: [table], where: keep };
  return { kind: 'subquery', query, alias: alias ?? f.name.name };
}

function isDual(f: FromItem): boolean {
  return (
    f.kind === 'table' &&
    f.name.name === 'DUAL' &&
    (!f.name.schema || f.name.schema === 'SYS' || f.name.schema === 'PUBLIC')
  );
}

function rewriteFrom(f: FromItem, ctx: ExprContext, block?: SelectQuery): FromItem {
  switch (f.kind) {
    case 'table': {
      if (f.name.dblink) notConverted(ctx, `database link reference @${f.name.dblink}`);
      if (f.flashback) notConverted(ctx, `flashback query (${f.flashback})`);
      // A table or view of the sources, or a WITH query, of the same name wins over the dictionary.
      const ownRelation = !!ctx.relation?.(f.name) || (!f.name.schema && !!ctx.scope?.ctes.has(f.name.name));
      if (!ownRelation && !f.name.dblink && block && dictionaryView(f.name)) {
        const mapped = mapDictionaryView(f, block, ctx);
        if (mapped) return mapped;
      }
      if (!ownRelation && isDictionaryView(f.name))
        notConverted(
          ctx,
          `Oracle data dictionary view ${f.name.schema ? `${f.name.schema}.` : ''}${f.name.name} (query information_schema or pg_catalog instead)`,
        );
      let out: TableRef = f.name.schema ? { ...f, name: { ...f.name, schema: ctx.mapSchema(f.name.schema) } } : { ...f };
      if (f.partition) out = partitionTable(out, f, f.partition, ctx);
      if (f.sample) return rewriteSample(out, f.sample, ctx);
      return out;
    }
    case 'subquery':
      return { ...f, query: rewriteQuery(f.query, ctx) };
    case 'pivot': {
      if (f.matchRecognize) {
        notConverted(
          ctx,
          'MATCH_RECOGNIZE (row pattern matching; PostgreSQL has none: compute the pattern with window functions such as LAG / LEAD and running counts, or with a recursive query)',
        );
        return { ...f, source: rewriteFrom(f.source, ctx) };
      }
      // A select list without * names the columns it reads: an UNPIVOT of a source whose columns
      // are not known can then keep them all (the list picks what Oracle's result has).
      const starFree = !!block && !block.items.some((i) => i.expr.kind === 'star');
      const r = rewritePivot(f, ctx, { starFree });
      return r ? rewriteFrom(r, ctx) : { ...f, source: rewriteFrom(f.source, ctx) };
    }
    case 'json-table':
      return rewriteJsonTable(f, ctx, rewriteExpr);
    case 'xml-table':
      return rewriteXmlTable(f, ctx, rewriteExpr);
    case 'table-function': {
      const r = { ...f, expr: rewriteExpr(f.expr, ctx) };
      if (f.expr.kind === 'call' && ctx.isPipelined?.(f.expr.name)) r.pipelined = true;
      return r;
    }
    case 'join': {
      const r: FromItem = { ...f, left: rewriteFrom(f.left, ctx, block), right: rewriteFrom(f.right, ctx, block) };
      if (f.on) r.on = rewriteExpr(f.on, ctx);
      return r;
    }
  }
}

/** Oracle table name → PostgreSQL name (schema mapped). */
export function pgQualified(
  q: QualifiedName,
  ctx: Pick<ExprContext, 'mapSchema'>,
): { schema?: string; name: string } {
  return q.schema ? { schema: ctx.mapSchema(q.schema), name: pgNameOf(q.name) } : { name: pgNameOf(q.name) };
}

/** USER_/ALL_/DBA_/CDB_ views and V$ / GV$ dynamic views of the Oracle catalog. */
function isDictionaryView(q: { schema?: string; name: string }): boolean {
  if (q.schema && q.schema !== 'SYS' && q.schema !== 'PUBLIC') return false;
  return /^(USER|ALL|DBA|CDB)_[A-Z0-9_$#]+$/.test(q.name) || /^G?V\$/.test(q.name);
}

/** Whether `name` is the alias (or unaliased name) of a FROM item of the query block or an enclosing one. */
function isFromItemName(name: string, ctx: ExprContext): boolean {
  for (let s = ctx.scope; s; s = s.parent) if (s.items.some((i) => i.names.includes(name))) return true;
  return false;
}

/**
 * How a query block names COLUMN_VALUE (the column of TABLE() over a scalar collection): alone in
 * its own clauses (join conditions included), and qualified by a FROM item's alias anywhere in
 * the block, its subqueries included (a correlated subquery may read s.column_value).
 */
function columnValueMentions(q: SelectQuery): { unqualified: boolean; qualified: Set<string> } {
  let unqualified = false;
  const qualified = new Set<string>();
  const names = (x: Expr): string[] | undefined =>
    x.kind === 'column' ? x.parts : x.kind === 'call' ? x.name.slice(0, -1) : undefined;
  const note = (x: Expr, own: boolean) => {
    // t.column_value.getClobVal(): a method of the element, parsed as a dotted call name.
    const parts = names(x);
    const i = parts?.indexOf('COLUMN_VALUE') ?? -1;
    if (!parts || i < 0 || (x.kind === 'column' && i !== parts.length - 1 && i !== 1)) return;
    if (i === 0) {
      if (own) unqualified = true;
    } else qualified.add(parts[i - 1]);
  };
  const own = (e: Expr) => walkExpr(e, (x) => note(x, true));
  for (const i of q.items) own(i.expr);
  if (q.where) own(q.where);
  if (q.having) own(q.having);
  for (const o of q.orderBy ?? []) own(o.expr);
  for (const g of q.groupBy ?? []) if (g.kind === 'expr') own(g.expr);
  const ons = (f: FromItem): void => {
    if (f.kind !== 'join') return;
    ons(f.left);
    ons(f.right);
    if (f.on) own(f.on);
  };
  q.from.forEach(ons);
  mapQueryDeep(q, (x) => {
    note(x, false);
    return undefined;
  });
  return { unqualified, qualified };
}

/**
 * TABLE(…) items (also inside joins) whose scalar column the block names COLUMN_VALUE: by the
 * item's alias, or alone; COLUMN_VALUE alone does not rename the first attribute of a collection
 * known to hold objects or records (their attributes are its columns).
 */
function markColumnValue(f: FromItem, cv: { unqualified: boolean; qualified: Set<string> }, ctx: ExprContext): FromItem {
  if (f.kind === 'join') return { ...f, left: markColumnValue(f.left, cv, ctx), right: markColumnValue(f.right, cv, ctx) };
  if (f.kind !== 'table-function' || f.columnAliases?.length) return f;
  const named = !!f.alias && cv.qualified.has(f.alias);
  return named || (cv.unqualified && ctx.collectionOfRows?.(f.expr) !== true) ? { ...f, columnValue: true } : f;
}

const EXPR_SLOTS = new Set(['value', 'left', 'right', 'operand', 'expr', 'when', 'then', 'pattern', 'low', 'high', 'from', 'else']);

/** True when a rule built a tree with a missing sub-expression (a call with too few arguments). */
function hasHole(x: unknown): boolean {
  if (Array.isArray(x)) return x.some((y) => y === undefined || hasHole(y));
  if (x === null || typeof x !== 'object') return false;
  for (const [k, v] of Object.entries(x)) {
    if (v === undefined) {
      if (EXPR_SLOTS.has(k)) return true;
      continue;
    }
    if (typeof v === 'object' && hasHole(v)) return true;
  }
  return false;
}

/**
 * CAST(MULTISET(subquery) AS coll): the rows of the subquery as a collection (an array domain on
 * PostgreSQL). A several-column subquery builds elements of the collection's object type:
 * ARRAY(SELECT ROW(a, b, …)::elem FROM …)::coll. An empty result is an empty collection, as in Oracle.
 */
function castMultiset(query: Query, oraType: DataType, type: DataType, ctx: ExprContext): Expr {
  let q = rewriteQuery(query, ctx);
  const elem = ctx.collectionElement?.(oraType);
  if (!elem) {
    notConverted(ctx, `CAST(MULTISET(…) AS ${oraType.name}) (${oraType.name} is not a collection type created by the sources)`);
    return { kind: 'cast', operand: { kind: 'subquery', query: q }, type, multiset: true };
  }
  if (q.kind === 'select' && q.items.length > 1) {
    const elemType = mapType(elem, { column: 'CAST', object: ctx.object, location: ctx.location, findings: [] });
    q = { ...q, items: [{ expr: cast(call('ROW', ...q.items.map((i) => i.expr)), elemType) }] };
  } else if (q.kind !== 'select') {
    notConverted(ctx, `CAST(MULTISET(… UNION/INTERSECT/MINUS …) AS ${oraType.name})`);
  }
  return cast(call('ARRAY', { kind: 'subquery', query: q }), type);
}

/** A column of an object type of the sources (declared so in its table). */
function isObjectValue(e: Expr, ctx: ExprContext): boolean {
  const t = declaredColumnType(e, ctx);
  return !!t && !!ctx.isObjectType?.(t);
}
