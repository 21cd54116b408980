/**
 * The function rule table: Oracle built-in name → rewrite. Family rules live in
 * functions-string / functions-number / functions-date / nulls; the rules here dispatch on the
 * inferred argument type (TO_CHAR, TRUNC, ROUND) or are small one-to-one mappings.
 */
import type { Expr, FuncCall, OrderItem } from '../ast/expr.js';
import { listaggOver, oneRowIsZero, percentileOver, ratioToReport } from './analytic.js';
import { bin, call, caseWhen, cast, type ExprContext, lit, notConverted, num, pgType, report, settingValue, stringValue } from './builders.js';
import { looksLikeDateFormat } from './date-format.js';
import { chr } from './functions-bytes.js';
import { DATE_RULES, dateToChar, dateTrunc, isDateType } from './functions-date.js';
import { NUMBER_RULES, numberToText } from './functions-number.js';
import { asText, STRING_RULES } from './functions-string.js';
import { describe, inferType, type OraType } from './infer.js';
import { NULL_RULES } from './nulls.js';
import { numberToChar } from './number-format.js';
import { oracleName } from './dictionary.js';
import { XML_RULES } from './xml.js';
import { LOB_HASH_RULES } from './functions-lob-hash.js';
import type { FunctionRule } from './rule-types.js';

/** Built-ins whose PostgreSQL equivalent needs judgement; they are kept and reported. */
export const NEEDS_REVIEW = new Set([
  'TO_CLOB',
  'TO_BLOB',
  'EMPTY_CLOB',
  'EMPTY_BLOB',
  'SYS_CONNECT_BY_PATH',
  'USERENV',
  'DUMP',
  'VSIZE',
  'ORA_HASH',
  'STANDARD_HASH',
  'TZ_OFFSET',
  'WM_CONCAT',
  'SOUNDEX',
  'ASCIISTR',
  // Statistical aggregates without a PostgreSQL counterpart.
  'CORR_S',
  'CORR_K',
  'KURTOSIS_POP',
  'KURTOSIS_SAMP',
  'SKEWNESS_POP',
  'SKEWNESS_SAMP',
  'STATS_BINOMIAL_TEST',
  'STATS_CROSSTAB',
  'STATS_F_TEST',
  'STATS_KS_TEST',
  'STATS_MW_TEST',
  'STATS_ONE_WAY_ANOVA',
  'STATS_T_TEST_ONE',
  'STATS_T_TEST_PAIRED',
  'STATS_T_TEST_INDEP',
  'STATS_T_TEST_INDEPU',
  'STATS_WSR_TEST',
  // Oracle-only functions (SCN, character sets, NLS, approximate top-N, multisets, checksums).
  'APPROX_SUM',
  'APPROX_COUNT',
  'APPROX_RANK',
  'TO_APPROX_COUNT_DISTINCT',
  'TO_APPROX_PERCENTILE',
  'APPROX_COUNT_DISTINCT_AGG',
  'APPROX_COUNT_DISTINCT_DETAIL',
  'CHECKSUM',
  'SCN_TO_TIMESTAMP',
  'TIMESTAMP_TO_SCN',
  'ORA_DST_AFFECTED',
  'ORA_DST_CONVERT',
  'ORA_DST_ERROR',
  'NLS_CHARSET_ID',
  'NLS_CHARSET_NAME',
  'NLS_CHARSET_DECL_LEN',
  'SYS_TYPEID',
  'CON_ID_TO_DBID',
  'CON_DBID_TO_ID',
  'CON_NAME_TO_ID',
  'CON_GUID_TO_ID',
  'POWERMULTISET',
  'POWERMULTISET_BY_CARDINALITY',
  'TO_MULTI_BYTE',
  'TO_SINGLE_BYTE',
  'TO_NCLOB',
  'TO_LOB',
  'CONVERT',
  'ROUND_TIES_TO_EVEN',
  // UTF-16 code unit counts (a supplementary character counts 2).
  'LENGTH2',
  'SUBSTR2',
  'INSTR2',
]);

/** TRUNC / ROUND of a date or of a number, chosen by the inferred type of the argument. */
function truncOrRound(round: boolean): FunctionRule {
  return (a, _c, ctx, orig, types) => {
    const t = types[0];
    const fmtIsText = a.length > 1 && (stringValue(a[1]) !== undefined || types[1]?.cls === 'string');
    if (isDateType(t) || (t.cls !== 'number' && fmtIsText)) return dateTrunc(a, ctx, round);
    if (t.cls === 'unknown' && a.length === 1)
      report(ctx, 'OPG-EXPR-0005', {
        expr: describe(orig[0]),
        assumption: `${round ? 'ROUND' : 'TRUNC'} was converted as a number function (dates need date_trunc)`,
      });
    // round / trunc with a number of digits exist for numeric only (not double precision: FLOAT
    // and BINARY_DOUBLE columns); Oracle returns a NUMBER there anyway.
    // ROUND of an Oracle FLOAT (a NUMBER there) rounds half away from zero; double precision's
    // round is half to even (which is right for BINARY_FLOAT / BINARY_DOUBLE only).
    if (t.pg === 'float' && (a.length > 1 || (round && t.decimalFloat)))
      return call(round ? 'round' : 'trunc', cast(a[0], 'numeric'), ...a.slice(1));
    return call(round ? 'round' : 'trunc', ...a);
  };
}

/**
 * TO_NUMBER(text, format). PostgreSQL's to_number reads neither X (hexadecimal) nor EEEE
 * (scientific notation) elements:
 *  - a format of X's (after 0 / FM): the text as a hexadecimal number, through bit(64) ('x' ||
 *    the digits padded to 16); up to 15 digits, so that the value fits a positive bigint.
 *  - EEEE: numeric's own input reads '1.2E+03'.
 */
function toNumber(a: Expr[], c: Expr, ctx: ExprContext): Expr {
  const fmt = stringValue(a[1]);
  // The NLS argument is dropped: harmless when it restates the AMERICA defaults ('.,') or the
  // format has no D / G element (the only ones it changes, besides currency symbols).
  const nls = a.length > 2 ? stringValue(a[2]) : undefined;
  if (
    a.length > 2 &&
    !(nls !== undefined && /^\s*NLS_NUMERIC_CHARACTERS\s*=\s*'\.,'\s*$/i.test(nls)) &&
    (fmt === undefined || /[DGLCU]/i.test(fmt.replace(/"[^"]*"/g, '')))
  )
    report(ctx, 'OPG-EXPR-0006', { what: 'The NLS parameter of TO_NUMBER', target: 'PostgreSQL defaults (parameter dropped)' });
  if (fmt === undefined) return call('to_number', a[0], a[1]);
  const hex = /^(FM)?0*(X+)$/i.exec(fmt.trim());
  if (hex) {
    if (fmt.replace(/^FM/i, '').length > 15) {
      notConverted(ctx, `TO_NUMBER(…, '${fmt}'): more than 15 hexadecimal digits`);
      return c;
    }
    const bits = cast(bin('||', lit('x'), call('lpad', call('btrim', a[0]), num(16), lit('0'))), pgType('bit', [64]));
    return cast(cast(bits, 'bigint'), 'numeric');
  }
  if (/EEEE/i.test(fmt)) return cast(call('btrim', a[0]), 'numeric');
  return call('to_number', a[0], a[1]);
}

function toChar(a: Expr[], ctx: ExprContext, orig: Expr[], types: OraType[]): Expr {
  const t = types[0];
  const fmt = stringValue(a[1]);
  if (isDateType(t) || (t.cls === 'unknown' && fmt !== undefined && looksLikeDateFormat(fmt)))
    return dateToChar(a, ctx, t.cls === 'unknown' ? { cls: 'date' } : t);
  if (a.length === 1) {
    if (t.cls === 'number') return numberToText(a[0], t);
    if (t.cls === 'string' || t.cls === 'null') return a[0];
    report(ctx, 'OPG-EXPR-0005', {
      expr: describe(orig[0]),
      assumption: 'TO_CHAR became a text cast (a number would print with PostgreSQL digits)',
    });
    return cast(a[0], 'text');
  }
  return numberToChar(a, t, ctx);
}

const MISC_RULES: Record<string, FunctionRule> = {
  // GROUPING_ID(a, b, …) is the bit vector of GROUPING(a), GROUPING(b), … — PostgreSQL's
  // GROUPING() with several arguments returns exactly that integer.
  GROUPING_ID: (a) => call('grouping', ...a),
  TO_CHAR: (a, _c, ctx, orig, types) => toChar(a, ctx, orig, types),
  TO_NCHAR: (a, _c, ctx, orig, types) => toChar(a, ctx, orig, types),
  TO_NUMBER: (a, c, ctx, _o, types) =>
    a.length === 1 ? (types[0].cls === 'number' ? a[0] : cast(a[0], 'numeric')) : toNumber(a, c, ctx),
  // LNNVL(condition): TRUE when the condition is FALSE or UNKNOWN.
  LNNVL: (a) => ({ kind: 'unary', op: 'NOT', operand: call('coalesce', a[0], { kind: 'literal', type: 'boolean', value: 'FALSE' }) }),
  TRUNC: truncOrRound(false),
  ROUND: truncOrRound(true),
  // USERENV('SESSIONID'): the legacy form of SYS_CONTEXT('USERENV', …), a NUMBER for SESSIONID.
  USERENV: (a, c, ctx) => {
    const key = a[0]?.kind === 'literal' ? a[0].value.toUpperCase() : '';
    if (key === 'SESSIONID') return call('pg_backend_pid');
    const nls = sessionNls(key, `USERENV('${key}')`, ctx);
    if (nls) return nls;
    if (key === 'CLIENT_INFO')
      return settingValue('opg_appinfo.client_info');
    notConverted(ctx, `USERENV('${key}') has no PostgreSQL equivalent (the session's client and NLS settings are not known to the server)`);
    return c;
  },
  SYS_GUID: () =>
    call('decode', call('replace', cast(call('gen_random_uuid'), 'text'), lit('-'), lit('')), lit('hex')),
  SYS_CONTEXT: (a, c, ctx) => {
    const ns = a[0]?.kind === 'literal' ? a[0].value.toUpperCase() : '';
    const key = a[1]?.kind === 'literal' ? a[1].value.toUpperCase() : '';
    if (ns === 'USERENV') {
      // Names spelled as Oracle (and the converted dictionary views) spell them: HR, not hr.
      if (key === 'CURRENT_USER' || key === 'SESSION_USER' || key === 'CURRENT_SCHEMA') return oracleName({ kind: 'pseudo', name: key });
      // The identity the session authenticated as (no proxy users on PostgreSQL).
      if (key === 'AUTHENTICATED_IDENTITY') return oracleName({ kind: 'pseudo', name: 'SESSION_USER' });
      if (key === 'MODULE') return call('current_setting', lit('application_name'));
      // DBMS_APPLICATION_INFO.SET_ACTION / SET_CLIENT_INFO keep these in custom settings.
      if (key === 'CLIENT_IDENTIFIER')
        return settingValue('opg_appinfo.client_identifier');
      if (key === 'ACTION' || key === 'CLIENT_INFO')
        return settingValue(`opg_appinfo.${key.toLowerCase()}`);
      if (key === 'DB_NAME' || key === 'DB_UNIQUE_NAME' || key === 'CON_NAME') return call('current_database');
      // The client's IP address as text; NULL for local (socket) connections, as Oracle gives for
      // bequeath connections.
      if (key === 'IP_ADDRESS') return call('host', call('inet_client_addr'));
      // The client machine: its host name when the server resolved it (log_hostname), else its
      // address; NULL over a local socket (V$SESSION.MACHINE reads the same).
      if (key === 'HOST') {
        return {
          kind: 'subquery',
          query: {
            kind: 'select',
            items: [{ expr: call('coalesce', { kind: 'column', parts: ['CLIENT_HOSTNAME'] }, call('host', { kind: 'column', parts: ['CLIENT_ADDR'] })) }],
            from: [{ kind: 'table', name: { schema: 'PG_CATALOG', name: 'PG_STAT_ACTIVITY' } }],
            where: bin('=', { kind: 'column', parts: ['PID'] }, call('pg_backend_pid')),
          },
        } as Expr;
      }
      // A number identifying the session, as text: the backend process id.
      if (key === 'SID' || key === 'SESSIONID') return cast(call('pg_backend_pid'), 'text');
      const nls = sessionNls(key, `SYS_CONTEXT('USERENV', '${key}')`, ctx);
      if (nls) return nls;
    }
    report(ctx, 'OPG-EXPR-0001', { name: `SYS_CONTEXT('${ns}', '${key}')` });
    return { ...c, name: ['sys_context'] };
  },
  LISTAGG: (a, c, ctx, orig, types) => {
    // A NUMBER or DATE measure is converted to text as Oracle converts it implicitly (TO_CHAR
    // without a format: .5, not 0.50; dates in NLS_DATE_FORMAT), not by PostgreSQL's cast.
    const t = types[0]?.cls;
    const measure = (t === 'number' && !c.distinct) || t === 'date' || t === 'timestamp' ? asText(a[0], types[0], ctx, orig[0]) : cast(a[0], 'text');
    const r: FuncCall = {
      kind: 'call',
      name: ['string_agg'],
      args: [{ value: measure }, { value: a[1] ?? lit('') }],
    };
    if (c.distinct) {
      // LISTAGG(DISTINCT x …) WITHIN GROUP (ORDER BY x): each value once. PostgreSQL wants the
      // ORDER BY keys of a DISTINCT aggregate among its arguments: the key is the text measure.
      // A number measure is ordered as a number: array_agg(DISTINCT n ORDER BY n) joined by
      // array_to_string (which skips NULLs, as LISTAGG does).
      const same = (e: Expr) => JSON.stringify(e) === JSON.stringify(a[0]);
      const t = types[0]?.cls;
      if (c.over || !(c.withinGroup ?? []).every((o) => same(o.expr)) || (t !== 'string' && t !== 'number')) {
        notConverted(ctx, 'LISTAGG(DISTINCT …) of a non-text, non-number measure, ordered by another expression than the measure, or with OVER');
        return c;
      }
      if (t === 'number') {
        const n = types[0].pg === 'numeric' ? call('trim_scale', a[0]) : a[0];
        const agg: FuncCall = { kind: 'call', name: ['array_agg'], args: [{ value: n }], distinct: true };
        if (c.withinGroup) agg.argOrderBy = c.withinGroup.map((o) => ({ ...o, expr: n }));
        return call('array_to_string', agg, a[1] ?? lit(''));
      }
      r.distinct = true;
      if (c.withinGroup) r.argOrderBy = c.withinGroup.map((o) => ({ ...o, expr: measure }));
      return r;
    }
    if (c.over) return listaggOver({ ...r, over: c.over }, c.withinGroup);
    if (c.withinGroup) r.argOrderBy = c.withinGroup;
    return r;
  },
  // COLLECT([DISTINCT] x [ORDER BY …]): the values as a collection; CAST(COLLECT(x) AS t) gives
  // it its collection type.
  COLLECT: (a, c) => {
    const r: FuncCall = { kind: 'call', name: ['array_agg'], args: [{ value: a[0] }] };
    if (c.distinct) r.distinct = true;
    if (c.argOrderBy?.length) r.argOrderBy = c.argOrderBy;
    if (c.over) r.over = c.over;
    return r;
  },
  // XMLFOREST / XMLATTRIBUTES: a value without AS takes the column's name as its XML name, as
  // Oracle spells it (XMLFOREST(ename) gives <ENAME>); PostgreSQL would use the lower-case name.
  XMLFOREST: (a, c) => xmlNamedArgs('xmlforest', a, c),
  XMLATTRIBUTES: (a, c) => xmlNamedArgs('xmlattributes', a, c),
  MEDIAN: (a, c, ctx, _o, types) =>
    c.over
      ? percentileOver(c, 'CONT', num('0.5'), { expr: a[0] }, ctx)
      : percentileCont(num('0.5'), { expr: a[0] }, isDateType(types[0])),
  PERCENTILE_CONT: (a, c, ctx) =>
    c.over
      ? percentileOver(c, 'CONT', a[0], c.withinGroup?.[0], ctx)
      : c.withinGroup?.length === 1 && isDateType(inferType(c.withinGroup[0].expr, ctx))
        ? percentileCont(a[0], c.withinGroup[0], true)
        : c,
  PERCENTILE_DISC: (a, c, ctx) => (c.over ? percentileOver(c, 'DISC', a[0], c.withinGroup?.[0], ctx) : c),
  // RAW values are bytea: hexadecimal text in upper case, as Oracle prints it. A character
  // argument is converted to RAW implicitly in Oracle, which reads it as hexadecimal digits.
  RAWTOHEX: (a, _c, _ctx, _o, types) =>
    types[0]?.cls === 'string' ? call('upper', a[0]) : call('upper', call('encode', a[0], lit('hex'))),
  RAWTONHEX: (a, _c, _ctx, _o, types) =>
    types[0]?.cls === 'string' ? call('upper', a[0]) : call('upper', call('encode', a[0], lit('hex'))),
  HEXTORAW: (a) => call('decode', a[0], lit('hex')),
  // CARDINALITY of an empty nested table is NULL in Oracle (SQL Language Reference,
  // "CARDINALITY"), 0 in PostgreSQL.
  CARDINALITY: (a) => call('nullif', call('cardinality', a[0]), num(0)),
  // ROWID values are ctid (a tid) here: see the ROWID pseudo-column in expressions.ts.
  ROWIDTOCHAR: (a) => cast(a[0], 'text'),
  CHARTOROWID: (a) => cast(a[0], 'tid'),
  CHR: (a, _c, ctx) => chr(a, ctx),
  GROUPING: (a) => call('grouping', ...a),
  // GROUP_ID() numbers the duplicates of a grouping set; PostgreSQL has no such function.
  GROUP_ID: (_a, c, ctx) => {
    notConverted(ctx, 'GROUP_ID() (PostgreSQL has no equivalent: remove the duplicate grouping sets, or use GROUP BY DISTINCT)');
    return c;
  },
  // STATS_MODE(x): the most frequent non-NULL value; Oracle returns one of several modes, PostgreSQL's
  // mode() the first in the order.
  STATS_MODE: (a, c, ctx) => {
    if (c.over) {
      notConverted(ctx, 'STATS_MODE … OVER (…): PostgreSQL\'s mode() is not a window function; compute it per partition in a subquery (… GROUP BY the partition keys) and join it back');
      return c;
    }
    return { kind: 'call', name: ['mode'], args: [], withinGroup: [{ expr: a[0] }] };
  },
  // APPROX_COUNT_DISTINCT(x): the exact count (within any approximation Oracle would make).
  APPROX_COUNT_DISTINCT: (a, c) => {
    const r: FuncCall = { kind: 'call', name: ['count'], args: [{ value: a[0] }], distinct: true };
    if (c.over) r.over = c.over;
    return r;
  },
  // ANY_VALUE(x) (PostgreSQL 16 has it, 15 not): any non-NULL value of the group; min() is one.
  ANY_VALUE: (a, c) => ({ ...c, name: ['min'], args: [{ value: a[0] }] }),
  // BIT_AND_AGG / BIT_OR_AGG / BIT_XOR_AGG(n): PostgreSQL's bit_and / bit_or / bit_xor, on integers.
  BIT_AND_AGG: bitAggregate('bit_and'),
  BIT_OR_AGG: bitAggregate('bit_or'),
  BIT_XOR_AGG: bitAggregate('bit_xor'),
  // NANVL(n, alt): alt when n is NaN (only BINARY_FLOAT / BINARY_DOUBLE values can be; PostgreSQL's
  // numeric can too).
  NANVL: (a, _c, _ctx, _o, types) =>
    caseWhen([[bin('=', a[0], cast(lit('NaN'), types[0]?.pg === 'float' ? 'double precision' : 'numeric')), a[1]]], a[0]),
  // BIN_TO_NUM(b1, …, bn): the bits as a number, b1 the most significant.
  BIN_TO_NUM: (a) =>
    a.length === 1
      ? a[0]
      : { kind: 'paren', expr: a.map((b, i) => (i === a.length - 1 ? b : bin('*', b, num(2 ** (a.length - 1 - i))))).reduce((x, y) => bin('+', x, y)) },
  // NCHR(n): the character of code n in the national character set (UTF-16: the code point for the
  // Basic Multilingual Plane).
  NCHR: (a) => call('chr', a[0]),
  TO_BINARY_DOUBLE: (a, c, ctx) => (a.length === 1 ? cast(a[0], 'double precision') : formatNotConverted(c, ctx, 'TO_BINARY_DOUBLE')),
  TO_BINARY_FLOAT: (a, c, ctx) => (a.length === 1 ? cast(a[0], 'real') : formatNotConverted(c, ctx, 'TO_BINARY_FLOAT')),
  // COMPOSE / DECOMPOSE: Unicode normalization (the database encoding must be UTF8).
  COMPOSE: (a) => ({ kind: 'call', name: ['normalize'], args: [{ value: a[0] }, { value: { kind: 'column', parts: ['NFC'] } }] }),
  DECOMPOSE: (a, c, ctx) => {
    const mode = a.length > 1 ? stringValue(a[1])?.toUpperCase() : 'CANONICAL';
    if (mode !== 'CANONICAL' && mode !== 'COMPATIBILITY') {
      notConverted(ctx, 'DECOMPOSE with a mode known only at run time');
      return c;
    }
    return { kind: 'call', name: ['normalize'], args: [{ value: a[0] }, { value: { kind: 'column', parts: [mode === 'CANONICAL' ? 'NFD' : 'NFKD'] } }] };
  },
  // NLSSORT(x, 'NLS_SORT = BINARY'): the binary order, i.e. the "C" collation; other sorts are
  // linguistic (no PostgreSQL collation is mapped).
  NLSSORT: (a, c, ctx) => {
    const sort = a.length > 1 ? stringValue(a[1]) : "NLS_SORT=BINARY";
    if (sort === undefined || !/^\s*NLS_SORT\s*=\s*'?BINARY'?\s*$/i.test(sort)) {
      notConverted(ctx, `NLSSORT with a linguistic sort (${sort ?? 'known at run time'}): create an ICU collation with the same rules and use COLLATE`);
      return c;
    }
    return { kind: 'collate', operand: a[0], collation: 'C' };
  },
  // APPROX_MEDIAN / APPROX_PERCENTILE: the exact values (within any approximation Oracle makes).
  APPROX_MEDIAN: (a, c, ctx, o, t) => (a.length === 1 ? MISC_RULES.MEDIAN(a, { ...c, name: ['MEDIAN'] }, ctx, o, t) : formatNotConverted(c, ctx, 'APPROX_MEDIAN')),
  APPROX_PERCENTILE: (a, c, ctx, o, t) =>
    a.length === 1 ? MISC_RULES.PERCENTILE_CONT(a, { ...c, name: ['percentile_cont'] }, ctx, o, t) : formatNotConverted(c, ctx, 'APPROX_PERCENTILE'),
  STDDEV: oneRowIsZero('stddev'),
  VARIANCE: oneRowIsZero('variance'),
  RATIO_TO_REPORT: ratioToReport,
};

/**
 * percentile_cont(p) WITHIN GROUP (ORDER BY x). PostgreSQL interpolates only double precision and
 * interval values; a DATE or TIMESTAMP x (Oracle interpolates datetimes) is read as seconds since
 * 1970 and the result turned back into a timestamp: timestamp 'epoch' + percentile_cont(p) WITHIN
 * GROUP (ORDER BY extract(epoch FROM x)) * interval '1 second'.
 */
function percentileCont(p: Expr, key: OrderItem, datetime: boolean): Expr {
  const agg = (e: Expr): FuncCall => ({ kind: 'call', name: ['percentile_cont'], args: [{ value: p }], withinGroup: [{ ...key, expr: e }] });
  if (!datetime) return agg(key.expr);
  const seconds = agg({ kind: 'extract', field: 'EPOCH', from: key.expr });
  return bin('+', { kind: 'typed-literal', type: 'TIMESTAMP', value: '1970-01-01 00:00:00' }, bin('*', seconds, { kind: 'interval-literal', value: '1 second', from: '' }));
}

function formatNotConverted(c: Expr, ctx: ExprContext, name: string): Expr {
  notConverted(ctx, `${name} with more than one argument (formats, NLS settings, error or deterministic options)`);
  return c;
}

function bitAggregate(name: string): FunctionRule {
  return (a, c, _ctx, _o, types) => ({
    ...c,
    name: [name],
    args: [{ value: types[0]?.pg === 'int' || types[0]?.pg === 'bigint' ? a[0] : cast(a[0], 'bigint') }],
  });
}

function xmlNamedArgs(name: string, a: Expr[], c: FuncCall): FuncCall {
  return {
    kind: 'call',
    name: [name],
    args: c.args.map((arg, i) => {
      const alias = arg.alias ?? (arg.value.kind === 'column' ? arg.value.parts[arg.value.parts.length - 1] : undefined);
      return alias ? { value: a[i], alias } : { value: a[i] };
    }),
  };
}

export const FUNCTION_RULES: Record<string, FunctionRule> = {
  ...NULL_RULES,
  ...STRING_RULES,
  ...NUMBER_RULES,
  ...DATE_RULES,
  ...MISC_RULES,
  ...XML_RULES,
  ...LOB_HASH_RULES,
};

/**
 * The session's language and NLS parameters, as the Oracle session the conversion assumes
 * (AMERICAN_AMERICA, AL32UTF8, the default formats: the assumptions the date and number rules
 * make too). PostgreSQL has no such session settings; reported, since a client with other NLS
 * settings got other values from Oracle.
 */
const SESSION_NLS: Record<string, string> = {
  LANG: 'US',
  LANGUAGE: 'AMERICAN_AMERICA.AL32UTF8',
  NLS_TERRITORY: 'AMERICA',
  NLS_DATE_LANGUAGE: 'AMERICAN',
  NLS_CALENDAR: 'GREGORIAN',
  NLS_SORT: 'BINARY',
  NLS_CURRENCY: '$',
  NLS_DATE_FORMAT: 'DD-MON-RR',
};

function sessionNls(key: string, what: string, ctx: ExprContext): Expr | undefined {
  const v = SESSION_NLS[key];
  if (v === undefined) return undefined;
  report(ctx, 'OPG-EXPR-0006', { what, target: `'${v}' (the AMERICAN_AMERICA session the conversion assumes)` });
  return lit(v);
}
