/**
 * Date semantics: Oracle DATE (a timestamp(0) on PostgreSQL) arithmetic and functions.
 *  - date ± n (days, fractional) → d ± n * interval '1 day', rounded to seconds like a DATE
 *  - date − date → days as a number: extract(epoch from (a − b)) / 86400
 *  - ADD_MONTHS (month-end rule), MONTHS_BETWEEN (31-day months), LAST_DAY (keeps the time),
 *    NEXT_DAY (English day names), TRUNC/ROUND(date, fmt), TO_CHAR/TO_DATE format models.
 */
import type { Expr } from '../ast/expr.js';
import {
  and,
  bin,
  call,
  caseWhen,
  cast,
  type ExprContext,
  interval,
  lit,
  notConverted,
  num,
  numberValue,
  pgType,
  report,
  stringValue,
} from './builders.js';
import { oracleDateInputError, translateDateFormat } from './date-format.js';
import { intArg, numberToText } from './functions-number.js';
import type { OraType } from './infer.js';
import type { FunctionRule } from './rule-types.js';

export const isDateType = (t: OraType): boolean => t.cls === 'date' || t.cls === 'timestamp';
const ts0 = pgType('timestamp', [0]);
const asDate = (e: Expr): Expr => cast(e, ts0);
const trunc = (unit: string, e: Expr): Expr => call('date_trunc', lit(unit), e);
const extract = (field: string, from: Expr): Expr => ({ kind: 'extract', field, from });
/** The time of day of d as an interval. */
const timeOfDay = (d: Expr): Expr => bin('-', d, trunc('day', d));
/** Midnight of the last day of d's month. */
const lastDayMidnight = (d: Expr): Expr => bin('+', trunc('month', d), interval('1 month -1 day'));

/** `d ± n` days (n a number): interval arithmetic, rounded to whole seconds as Oracle DATE is. */
export function addDays(d: Expr, n: Expr, op: '+' | '-'): Expr {
  const v = numberValue(n);
  if (v !== undefined && Number.isInteger(v)) return bin(op, d, interval(`${v} days`));
  if (v !== undefined) return asDate(bin(op, d, interval(`${v} days`)));
  return asDate(bin(op, d, bin('*', n, interval('1 day'))));
}

/** Oracle `date1 − date2`: the number of days, with the fraction of the day. */
export function daysBetween(a: Expr, b: Expr): Expr {
  return bin('/', extract('EPOCH', { kind: 'paren', expr: bin('-', a, b) }), num(86400));
}

/** Oracle's implicit DATE → text conversion (NLS_DATE_FORMAT, DD-MON-RR by default). */
export function dateToText(e: Expr, t: OraType, ctx: ExprContext, what: string): Expr {
  const fmt = t.cls === 'date' ? 'DD-MON-YY' : 'DD-MON-YY HH.MI.SS.US AM';
  report(ctx, 'OPG-EXPR-0006', { what, target: `to_char(…, '${fmt}') (the default NLS format)` });
  return call('to_char', e, lit(fmt));
}

const DAY_NAMES = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/** The format models Oracle's ROUND and TRUNC (date) accept ("ROUND and TRUNC Date Functions"). */
const DATE_ROUND_FORMATS = new Set(
  'CC SCC SYYYY YYYY YEAR SYEAR YYY YY Y IYYY IYY IY I Q MONTH MON MM RM WW IW W DDD DD J DAY DY D HH HH12 HH24 MI'.split(' '),
);

/** TRUNC(date, fmt): fmt (upper case) → expression, or undefined when unknown. */
function truncDate(d: Expr, fmt: string, ctx: ExprContext): Expr | undefined {
  switch (fmt) {
    case 'CC':
    case 'SCC':
      return trunc('century', d);
    case 'SYYYY':
    case 'YYYY':
    case 'YEAR':
    case 'SYEAR':
    case 'YYY':
    case 'YY':
    case 'Y':
      return trunc('year', d);
    case 'IYYY':
    case 'IYY':
    case 'IY':
    case 'I': // first day of the ISO year: Monday of ISO week 1
      return bin('-', trunc('week', d), bin('*', bin('-', extract('WEEK', d), num(1)), interval('7 days')));
    case 'Q':
      return trunc('quarter', d);
    case 'MONTH':
    case 'MON':
    case 'MM':
    case 'RM':
      return trunc('month', d);
    case 'WW': // same weekday as January 1st
      return bin(
        '+',
        trunc('year', d),
        bin('*', call('floor', bin('/', bin('-', extract('DOY', d), num(1)), num(7))), interval('7 days')),
      );
    case 'IW':
      return trunc('week', d);
    case 'W': // same weekday as the first of the month
      return bin(
        '+',
        trunc('month', d),
        bin('*', call('floor', bin('/', bin('-', extract('DAY', d), num(1)), num(7))), interval('7 days')),
      );
    case 'DDD':
    case 'DD':
    case 'J':
      return trunc('day', d);
    case 'DAY':
    case 'DY':
    case 'D':
      report(ctx, 'OPG-EXPR-0006', {
        what: `TRUNC(date, '${fmt}') (first day of the week)`,
        target: 'Sunday as the first day (NLS_TERRITORY = AMERICA)',
      });
      return bin('-', trunc('week', bin('+', d, interval('1 day'))), interval('1 day'));
    case 'HH':
    case 'HH12':
    case 'HH24':
      return trunc('hour', d);
    case 'MI':
      return trunc('minute', d);
    default:
      return undefined;
  }
}

/** ROUND(date, fmt): rounds half up to the unit (Oracle: 16th day rounds months up, July years). */
function roundDate(d: Expr, fmt: string): Expr | undefined {
  const up = (cond: Expr, unit: string, step: string) =>
    caseWhen([[cond, bin('+', trunc(unit, d), interval(step))]], trunc(unit, d));
  switch (fmt) {
    case 'CC':
    case 'SCC':
      return up(
        bin('>=', call('mod', bin('-', extract('YEAR', d), num(1)), num(100)), num(50)),
        'century',
        '100 years',
      );
    case 'SYYYY':
    case 'YYYY':
    case 'YEAR':
    case 'SYEAR':
    case 'YYY':
    case 'YY':
    case 'Y':
      return up(bin('>=', extract('MONTH', d), num(7)), 'year', '1 year');
    case 'Q':
      return up(
        bin(
          '>=',
          bin(
            '+',
            bin('*', call('mod', bin('-', extract('MONTH', d), num(1)), num(3)), num(100)),
            extract('DAY', d),
          ),
          num(116),
        ),
        'quarter',
        '3 months',
      );
    case 'MONTH':
    case 'MON':
    case 'MM':
    case 'RM':
      return up(bin('>=', extract('DAY', d), num(16)), 'month', '1 month');
    case 'DDD':
    case 'DD':
    case 'J':
      return trunc('day', bin('+', d, interval('12 hours')));
    case 'HH':
    case 'HH12':
    case 'HH24':
      return trunc('hour', bin('+', d, interval('30 minutes')));
    case 'MI':
      return trunc('minute', bin('+', d, interval('30 seconds')));
    default:
      return undefined;
  }
}

export function dateTrunc(a: Expr[], ctx: ExprContext, round: boolean): Expr {
  const fmt = a.length > 1 ? stringValue(a[1])?.toUpperCase() : 'DD';
  if (fmt === undefined) {
    notConverted(ctx, `${round ? 'ROUND' : 'TRUNC'}(date, format) with a non-literal format`);
    return call(round ? 'round' : 'trunc', ...a);
  }
  const r = round ? roundDate(a[0], fmt) : truncDate(a[0], fmt, ctx);
  if (!r) {
    const fn = `${round ? 'ROUND' : 'TRUNC'}(date, '${fmt}')`;
    notConverted(
      ctx,
      DATE_ROUND_FORMATS.has(fmt)
        ? fn
        : `${fn}: '${fmt}' is not a format model of Oracle's ROUND and TRUNC date functions, so Oracle raises an error (HH, MI, Q, IW … are; HOUR, MINUTE, QUARTER, WEEK are not)`,
    );
    return call(round ? 'round' : 'trunc', ...a);
  }
  return asDate(r);
}

/** TO_DATE / TO_TIMESTAMP: format translated; RR and YY years get Oracle's century. */
function parseDate(args: Expr[], ctx: ExprContext, type: 'date' | 'timestamp' | 'timestamptz', argType?: OraType): Expr {
  const target = type === 'date' ? ts0 : pgType(type);
  // TO_DATE(20200131, 'YYYYMMDD'), TO_DATE(2459000, 'J'): Oracle reads the number's text;
  // PostgreSQL has no to_timestamp(numeric, text).
  const a = argType?.cls === 'number' && args.length > 1 ? [numberToText(args[0], argType), ...args.slice(1)] : args;
  if (a.length === 1) {
    report(ctx, 'OPG-EXPR-0006', {
      what: `TO_${type === 'timestamptz' ? 'TIMESTAMP_TZ' : type.toUpperCase()} without a format`,
      target: 'a PostgreSQL cast (ISO input)',
    });
    return cast(a[0], target);
  }
  nlsParameter(a[2], `TO_${type === 'timestamptz' ? 'TIMESTAMP_TZ' : type.toUpperCase()}`, ctx);
  const fmt = stringValue(a[1]);
  const fn = `TO_${type === 'timestamptz' ? 'TIMESTAMP_TZ' : type.toUpperCase()}`;
  const input = stringValue(a[0]);
  // A text known only at run time: Oracle's stricter reading is reported, not checked (a check
  // would cost every call).
  if (input === undefined) report(ctx, 'OPG-EXPR-0028', { fn });
  if (fmt === undefined) return cast(call('to_timestamp', a[0], a[1]), target);
  const bad = input === undefined ? undefined : oracleDateInputError(input, fmt);
  if (bad) {
    // Oracle raises where to_timestamp would return a date (TO_DATE('2024-03', 'YYYY-MM-DD') is
    // 2024-03-01 on PostgreSQL): the error is kept, as a cast of its text (SQLSTATE 22007,
    // invalid_datetime_format, which the ORA mapping gives these errors), raised when evaluated.
    report(ctx, 'OPG-EXPR-0027', { call: `${fn}('${input}', '${fmt}')`, error: `${bad.code}: ${bad.message}` });
    return cast(cast(lit(`${bad.code}: ${bad.message}`), 'text'), target);
  }
  const t = translateDateFormat(fmt);
  let e: Expr = call('to_timestamp', a[0], lit(t.pg));
  const rr = t.elements.includes('RR');
  const yy = t.elements.includes('YY');
  if (rr || yy) {
    // PostgreSQL YY: 00–69 → 2000–2069, 70–99 → 1970–1999. Oracle RR (2000–2049): 00–49 → 20xx,
    // 50–99 → 19xx; Oracle YY: the current century (20xx).
    report(ctx, 'OPG-EXPR-0007', { format: fmt, rule: rr ? 'RR' : 'YY' });
    const year = extract('YEAR', e);
    const shift = rr
      ? caseWhen(
          [[and(bin('>=', year, num(2050)), bin('<=', year, num(2069))), interval('-100 years')]],
          interval('0 years'),
        )
      : caseWhen(
          [[and(bin('>=', year, num(1970)), bin('<=', year, num(1999))), interval('100 years')]],
          interval('0 years'),
        );
    e = bin('+', e, shift);
  }
  return cast(e, target);
}

const plusOne = (n: Expr): Expr => {
  const v = numberValue(n);
  return v !== undefined && Number.isInteger(v) ? num(v + 1) : bin('+', n, num(1));
};

/** NLS parameters that only restate PostgreSQL's behaviour (Gregorian calendar, English names). */
const HARMLESS_NLS = /^\s*NLS_(CALENDAR\s*=\s*'?GREGORIAN'?|DATE_LANGUAGE\s*=\s*'?(AMERICAN|ENGLISH)'?)\s*$/i;

function nlsParameter(e: Expr | undefined, fn: string, ctx: ExprContext): void {
  if (!e) return;
  const v = stringValue(e);
  if (v !== undefined && HARMLESS_NLS.test(v)) return;
  report(ctx, 'OPG-EXPR-0006', {
    what: `The NLS parameter of ${fn}`,
    target: 'PostgreSQL defaults (parameter dropped)',
  });
}

/**
 * NUMTODSINTERVAL(n, unit) / NUMTOYMINTERVAL(n, unit): n times one unit (case-insensitive, spaces
 * around it ignored). Day-to-second results are justified (36 hours → 1 day 12:00:00, as Oracle
 * prints them; PostgreSQL compares both forms equal anyway). A unit known only at run time picks the
 * unit interval with a CASE (an invalid unit gives NULL where Oracle raises ORA-01760).
 */
function numToInterval(units: string[]): FunctionRule {
  const ds = units.includes('DAY');
  return (a, _c, ctx) => {
    const [n, unit] = a;
    const u = unit?.kind === 'literal' && unit.type === 'string' ? unit.value.trim().toUpperCase() : undefined;
    let one: Expr;
    if (u !== undefined) {
      if (!units.includes(u)) {
        notConverted(ctx, `${ds ? 'NUMTODSINTERVAL' : 'NUMTOYMINTERVAL'} with the unit '${unit?.kind === 'literal' ? unit.value : ''}' (Oracle raises ORA-01760)`);
        return _c;
      }
      one = interval(`1 ${u.toLowerCase()}`);
    } else {
      one = caseWhen(
        units.map((x) => [bin('=', call('upper', call('btrim', unit)), lit(x)), interval(`1 ${x.toLowerCase()}`)]),
      );
    }
    const r = bin('*', n.kind === 'literal' || n.kind === 'column' ? n : { kind: 'paren', expr: n }, one);
    return ds && u !== 'DAY' ? call('justify_hours', r) : r;
  };
}

/**
 * A time zone for AT TIME ZONE. Oracle reads an offset '+05:30' / '-03:00' as hours east of UTC
 * (ISO 8601); PostgreSQL reads a text zone written that way as a POSIX zone, hours WEST of UTC
 * ('+05:30' would be UTC−5:30). An offset literal becomes an interval (PostgreSQL takes an interval
 * zone as the offset east of UTC); a zone known only at run time gets its sign swapped when it is
 * an offset. Region names ('Europe/Paris') mean the same on both sides.
 */
export function pgTimeZone(zone: Expr): Expr {
  const v = stringValue(zone);
  if (v !== undefined) {
    const m = /^\s*([+-])(\d{1,2}):(\d{2})\s*$/.exec(v);
    return m ? interval(`${m[1]}${m[2].padStart(2, '0')}:${m[3]}`) : zone;
  }
  // A PostgreSQL setting (SESSIONTIMEZONE, DBTIMEZONE) is already in PostgreSQL's notation.
  if (zone.kind === 'call' && zone.name[0] === 'current_setting') return zone;
  if (zone.kind !== 'column' && zone.kind !== 'bind' && zone.kind !== 'call') return zone;
  const z = call('btrim', zone);
  return caseWhen([[bin('~', z, lit('^[+-]')), call('translate', z, lit('+-'), lit('-+'))]], zone);
}

/**
 * A datetime read in a time zone (AT TIME ZONE, FROM_TZ, SYS_EXTRACT_UTC): Oracle reads a DATE or
 * TIMESTAMP without a zone as a time of the session time zone; PostgreSQL's `timestamp AT TIME
 * ZONE z` would read it as a time of z. The value is made a timestamptz first (the session time
 * zone, a no-op for a timestamptz): `x::timestamptz AT TIME ZONE z` is the wall-clock time in z.
 */
export const atTimeZone = (x: Expr, zone: Expr): Expr => ({
  kind: 'at-time-zone',
  operand: x.kind === 'pg-cast' && x.type.name === 'timestamptz' ? x : cast(x, 'timestamptz'),
  zone: pgTimeZone(zone),
});

/**
 * TO_DSINTERVAL / TO_YMINTERVAL(text): PostgreSQL reads the SQL forms ('1 02:03:04', '01-02') and
 * the ISO 8601 forms ('P1DT2H', 'P1Y2M') itself, but a leading minus applies to the first field only
 * ('-1 02:00:00' is −1 day +2 hours there, −26 hours in Oracle): a negative value is the negated
 * interval of the text after its minus sign.
 */
function toInterval(a: Expr[], c: Expr, ctx: ExprContext, fn: string): Expr {
  if (a.length !== 1) {
    notConverted(ctx, `${fn} with a DEFAULT … ON CONVERSION ERROR clause`);
    return c;
  }
  const v = stringValue(a[0]);
  if (v !== undefined) {
    const t = v.trim();
    return t.startsWith('-')
      ? { kind: 'unary', op: '-', operand: interval(t.slice(1).trim()) }
      : interval(t.replace(/^\+/, '').trim());
  }
  const x = call('btrim', a[0]);
  return caseWhen(
    [[bin('~', x, lit('^-')), { kind: 'unary', op: '-', operand: cast(call('ltrim', x, lit('- ')), 'interval') }]],
    cast(x, 'interval'),
  );
}

/** NEW_TIME's time zones (SQL Language Reference, NEW_TIME): offsets from UTC. */
const NEW_TIME_ZONES: Record<string, string> = {
  AST: '-04:00', ADT: '-03:00', BST: '-11:00', BDT: '-10:00', CST: '-06:00', CDT: '-05:00',
  EST: '-05:00', EDT: '-04:00', GMT: '+00:00', HST: '-10:00', HDT: '-09:00', MST: '-07:00',
  MDT: '-06:00', NST: '-03:30', PST: '-08:00', PDT: '-07:00', YST: '-09:00', YDT: '-08:00',
};

export const DATE_RULES: Record<string, FunctionRule> = {
  // NEW_TIME(d, z1, z2): the time d of zone z1 as a time of zone z2 (fixed offsets; Oracle's BST is
  // Bering Standard Time, not PostgreSQL's British Summer Time, hence the explicit offsets).
  NEW_TIME: (a, c, ctx) => {
    const [from, to] = [stringValue(a[1])?.trim().toUpperCase(), stringValue(a[2])?.trim().toUpperCase()];
    const z1 = from && NEW_TIME_ZONES[from];
    const z2 = to && NEW_TIME_ZONES[to];
    if (!z1 || !z2) {
      notConverted(ctx, 'NEW_TIME with time zones known only at run time or not among its abbreviations (use AT TIME ZONE)');
      return c;
    }
    const instant: Expr = { kind: 'at-time-zone', operand: cast(a[0], 'timestamp'), zone: interval(z1) };
    return asDate({ kind: 'at-time-zone', operand: instant, zone: interval(z2) });
  },
  // FROM_TZ(ts, zone): the wall-clock time ts in zone, as an instant (timestamptz).
  FROM_TZ: (a) => ({
    kind: 'at-time-zone',
    operand: a[0].kind === 'typed-literal' ? a[0] : cast(a[0], 'timestamp'),
    zone: pgTimeZone(a[1]),
  }),
  // SYS_EXTRACT_UTC(x): the UTC wall-clock time of x (a TIMESTAMP, read in the session time zone).
  SYS_EXTRACT_UTC: (a) => atTimeZone(a[0], lit('UTC')),
  TO_DSINTERVAL: (a, c, ctx) => toInterval(a, c, ctx, 'TO_DSINTERVAL'),
  TO_YMINTERVAL: (a, c, ctx) => toInterval(a, c, ctx, 'TO_YMINTERVAL'),
  TO_TIMESTAMP_TZ: (a, _c, ctx, _o, types) => parseDate(a, ctx, 'timestamptz', types[0]),
  NUMTODSINTERVAL: numToInterval(['DAY', 'HOUR', 'MINUTE', 'SECOND']),
  NUMTOYMINTERVAL: numToInterval(['YEAR', 'MONTH']),
  TO_DATE: (a, _c, ctx, _o, types) => parseDate(a, ctx, 'date', types[0]),
  TO_TIMESTAMP: (a, _c, ctx, _o, types) => parseDate(a, ctx, 'timestamp', types[0]),
  ADD_MONTHS: (a, _c, _ctx, _o, types) => {
    // A fractional number of months is truncated (ADD_MONTHS(d, 1.7) adds one month): the
    // argument is "an integer or any value that can be implicitly converted to an integer".
    const d = a[0];
    const n = intArg(a[1], types[1] ?? { cls: 'unknown' });
    // Last day of its month → last day of the target month; otherwise PostgreSQL's month
    // arithmetic (which clamps to the month end) is Oracle's.
    const lastDay = bin('=', trunc('day', d), lastDayMidnight(d));
    const toMonthEnd = bin(
      '+',
      bin('-', bin('+', trunc('month', d), bin('*', plusOne(n), interval('1 month'))), interval('1 day')),
      timeOfDay(d),
    );
    return asDate(caseWhen([[lastDay, toMonthEnd]], bin('+', d, bin('*', n, interval('1 month')))));
  },
  LAST_DAY: (a) => asDate(bin('+', lastDayMidnight(a[0]), timeOfDay(a[0]))),
  MONTHS_BETWEEN: (a) => {
    const [d1, d2] = a;
    const months = bin(
      '+',
      bin('*', bin('-', extract('YEAR', d1), extract('YEAR', d2)), num(12)),
      bin('-', extract('MONTH', d1), extract('MONTH', d2)),
    );
    const whole = bin(
      'OR',
      bin('=', extract('DAY', d1), extract('DAY', d2)),
      and(bin('=', trunc('day', d1), lastDayMidnight(d1)), bin('=', trunc('day', d2), lastDayMidnight(d2))),
    );
    // Otherwise the difference of the day-of-month and time parts, over 31-day months.
    const inMonth = (d: Expr) => extract('EPOCH', { kind: 'paren', expr: bin('-', d, trunc('month', d)) });
    const fraction = bin('/', bin('-', inMonth(d1), inMonth(d2)), num(31 * 86400));
    return caseWhen([[whole, months]], bin('+', months, fraction));
  },
  NEXT_DAY: (a, _c, ctx) => {
    const name = stringValue(a[1])?.toUpperCase();
    let target: Expr;
    if (name !== undefined) {
      const i = DAY_NAMES.findIndex((d) => name.length >= 3 && d.startsWith(name));
      if (i < 0) {
        notConverted(ctx, `NEXT_DAY with day name '${name}' (only English day names are converted)`);
        return call('next_day', ...a);
      }
      target = num(i + 1);
    } else {
      report(ctx, 'OPG-EXPR-0006', { what: 'NEXT_DAY day name', target: 'English day names' });
      const abbr = call('upper', call('substr', a[1], num(1), num(3)));
      target = {
        kind: 'case',
        operand: abbr,
        whens: DAY_NAMES.map((d, i) => ({ when: lit(d.slice(0, 3)), then: num(i + 1) })),
      };
    }
    // 1–7 days ahead: ((target − isodow + 6) mod 7) + 1
    const days = bin(
      '+',
      call('mod', bin('+', bin('-', target, extract('ISODOW', a[0])), num(6)), num(7)),
      num(1),
    );
    return asDate(bin('+', a[0], bin('*', days, interval('1 day'))));
  },
};

/** TO_CHAR(datetime, fmt). */
export function dateToChar(a: Expr[], ctx: ExprContext, t: OraType): Expr {
  if (a.length === 1) return dateToText(a[0], t, ctx, 'TO_CHAR(date) without a format');
  nlsParameter(a[2], 'TO_CHAR', ctx);
  const fmt = stringValue(a[1]);
  if (fmt === undefined) {
    report(ctx, 'OPG-EXPR-0001', { name: 'TO_CHAR with a non-literal format (FM and RR differ)' });
    return call('to_char', a[0], a[1]);
  }
  const tr = translateDateFormat(fmt);
  if (tr.unsupported.length)
    report(ctx, 'OPG-EXPR-0001', { name: `TO_CHAR format elements ${tr.unsupported.join(', ')}` });
  return call('to_char', a[0], lit(tr.pg));
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const FULL_MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'];

/**
 * A text literal that Oracle converts to a DATE implicitly (compared with a date, stored in a DATE
 * column), written in the default NLS_DATE_FORMAT DD-MON-RR: '12-MAR-62'. PostgreSQL reads such a
 * literal itself but puts two-digit years 00–69 in 2000–2069, where Oracle's RR puts 50–99 in the
 * previous century (1962, not 2062). The literal becomes the DATE literal Oracle reads (RR for the
 * years 2000–2049, as TO_DATE(…, 'RR') is converted); other texts are left to PostgreSQL
 * (undefined). The value of the literal is read, never SQL text.
 */
export function nlsDateLiteral(e: Expr, ctx: ExprContext): Expr | undefined {
  if (e.kind !== 'literal' || e.type !== 'string') return undefined;
  const m = /^\s*(\d{1,2})-([A-Za-z]{3,9})-(\d{2}|\d{4})\s*$/.exec(e.value);
  if (!m) return undefined;
  const name = m[2].toUpperCase();
  const month = name.length === 3 ? MONTHS.indexOf(name) : FULL_MONTHS.indexOf(name);
  if (month < 0) return undefined;
  let year = Number(m[3]);
  if (m[3].length === 2) year += year < 50 ? 2000 : 1900;
  const day = Number(m[1]);
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  if (day < 1 || day > last) return undefined;
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  report(ctx, 'OPG-EXPR-0006', {
    what: 'Text literals read as dates (DD-MON-YY)',
    target: "DATE literals with the default NLS_DATE_FORMAT DD-MON-RR (two-digit years 00–49 → 20xx, 50–99 → 19xx; PostgreSQL alone would read '12-MAR-62' as 2062)",
  });
  return { kind: 'typed-literal', type: 'DATE', value: `${pad(year, 4)}-${pad(month + 1, 2)}-${pad(day, 2)}` };
}
