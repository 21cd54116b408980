/**
 * TO_CHAR(number, format): the number format elements PostgreSQL's to_char reads otherwise or
 * not at all. The format literal is read (never SQL text); the value is built with to_char and
 * string functions on the result:
 *  - $ ("Returns value with a leading dollar sign"): Oracle puts it right before the digits, after
 *    the blanks and the sign (TO_CHAR(-1, '$9') is -$1); PostgreSQL has no $ element (it printed
 *    the $ where written, before the blanks). The format without $ is printed, then $ is inserted
 *    after the leading blanks and sign.
 *  - EEEE: Oracle prints the exponent with a capital E (1.2E+06), PostgreSQL with e.
 *  - X (hexadecimal, only after 0 or FM): PostgreSQL has none (it printed the X's).
 *  - TM / TM9 (text minimum): the shortest text, as TO_CHAR(n) without a format.
 *  - B, C, U (blank zero, ISO and dual currency): no PostgreSQL element; reported.
 */
import type { Expr } from '../ast/expr.js';
import { bin, call, caseWhen, cast, type ExprContext, lit, num, report, stringValue } from './builders.js';
import { numberToText } from './functions-number.js';
import type { OraType } from './infer.js';

/** TO_CHAR(n, fmt) for a number n; `a` are the converted arguments. */
export function numberToChar(all: Expr[], t: OraType, ctx: ExprContext): Expr {
  // TO_CHAR(n, fmt, 'NLS_NUMERIC_CHARACTERS=…'): PostgreSQL's to_char has no third argument. The
  // setting changes only the D and G elements (PostgreSQL takes them from lc_numeric): reported
  // when the format has them, dropped otherwise ('.' and ',' are literal in both).
  const a = all.slice(0, 2);
  if (all.length === 3) {
    const f = stringValue(all[1]);
    const elements = f?.replace(/"[^"]*"/g, '');
    if (elements === undefined || /[DG]/i.test(elements))
      report(ctx, 'OPG-EXPR-0006', {
        what: 'TO_CHAR(number, format, NLS_NUMERIC_CHARACTERS) with D or G elements',
        target: 'to_char(number, format): the decimal and group characters come from the lc_numeric of the PostgreSQL server, the NLS argument is dropped',
      });
    // NLS_CURRENCY / NLS_ISO_CURRENCY / NLS_DUAL_CURRENCY name the symbol of L, C and U.
    const nls = stringValue(all[2])?.toUpperCase();
    if ((nls === undefined || nls.includes('CURRENCY')) && (elements === undefined || /[LCU]/i.test(elements)))
      report(ctx, 'OPG-EXPR-0006', {
        what: 'TO_CHAR(number, format, NLS_CURRENCY) with a currency element (L, C, U)',
        target: 'to_char(number, format): the currency symbol comes from the lc_monetary of the PostgreSQL server, the NLS argument is dropped',
      });
  }
  let fmt = a.length === 2 ? stringValue(a[1]) : undefined;
  if (fmt === undefined) return call('to_char', ...a);
  // L: the local currency symbol, NLS_CURRENCY ($ for AMERICA), where PostgreSQL prints its
  // lc_monetary symbol (a blank under C). As $ (placed as $ is); without FM Oracle also pads the
  // symbol's field to 10 characters: reported.
  // (With an NLS argument naming the currency, reported above, L is left to PostgreSQL.)
  const namesCurrency = all.length === 3 && (stringValue(all[2]) === undefined || /CURRENCY/i.test(stringValue(all[2])!));
  if (!namesCurrency && /L/i.test(fmt.replace(/"[^"]*"/g, ''))) {
    report(ctx, 'OPG-EXPR-0006', {
      what: 'The TO_CHAR number format element L (NLS_CURRENCY)',
      target: `$, the AMERICA currency symbol${/^FM/i.test(fmt) ? '' : ' (without FM Oracle also pads the symbol to 10 characters, which is not reproduced)'}`,
    });
    fmt = fmt.replace(/("[^"]*")|L/gi, (_m, q) => q ?? '$');
    a[1] = lit(fmt);
  }
  const upper = fmt.toUpperCase();
  if (upper === 'TM' || upper === 'TM9') return numberToText(a[0], t);
  const hex = /^(FM)?(0*)(X+)$/i.exec(fmt);
  if (hex) return hexadecimal(a[0], !!hex[1], hex[2].length, hex[3]);
  const unsupported = ['B', 'C', 'U', 'TME'].filter((el) => upper.replace(/^FM/, '').includes(el));
  if (unsupported.length) {
    report(ctx, 'OPG-EXPR-0001', { name: `TO_CHAR number format elements ${unsupported.join(', ')}` });
    return call('to_char', ...a);
  }
  const sci = upper.includes('EEEE');
  // PostgreSQL refuses FM next to EEEE ("incompatible with other formats"): the blanks it
  // suppresses (the sign position) are trimmed instead.
  const fm = sci && upper.startsWith('FM');
  const pgFmt = (fm ? fmt.slice(2) : fmt).replaceAll('$', '');
  let out: Expr = call('to_char', a[0], pgFmt === fmt ? a[1] : lit(pgFmt));
  if (fmt.includes('$')) out = call('regexp_replace', out, lit('^(\\s*[-+<]?)'), lit('\\1$'));
  if (fm) out = call('ltrim', out);
  return sci ? call('upper', out) : out;
}

/**
 * X format: the value rounded to an integer in hexadecimal, in as many positions as the format
 * has 0 and X elements; with leading zeros after 0, left-aligned after FM, otherwise right-aligned
 * after one leading blank; # in every position (and the blank) when it does not fit. Lower-case
 * x gives lower-case digits.
 */
function hexadecimal(n: Expr, fm: boolean, zeros: number, xs: string): Expr {
  const width = zeros + xs.length;
  let h: Expr = call('to_hex', cast(call('round', n), 'bigint'));
  if (xs[0] === 'X') h = call('upper', h);
  const fits = fm
    ? h
    : zeros
      ? call('lpad', h, num(width), lit('0'))
      : bin('||', lit(' '), call('lpad', h, num(width)));
  return caseWhen([[bin('>', call('length', h), num(width)), lit('#'.repeat(width + 1))]], fits);
}
