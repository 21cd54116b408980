/**
 * Oracle datetime format models → PostgreSQL to_char / to_timestamp templates, on the format
 * literal (never on SQL text). Differences handled:
 *  - FM: in Oracle a toggle that applies to all following elements until the next FM; in
 *    PostgreSQL a prefix of the next element only → FM is repeated before each element.
 *  - RR / RRRR (no PostgreSQL equivalent) → YY / YYYY (the caller fixes the century).
 *  - FF[1-9] → FF1–FF6 / US; X (radix) → '.'; SYYYY / SCC → YYYY / CC.
 */

/** Format elements, longest first (matched case-insensitively). */
const ELEMENTS = [
  'SYYYY',
  'SYEAR',
  'Y,YYY',
  'SSSSS',
  'MONTH',
  'YYYY',
  'IYYY',
  'RRRR',
  'YEAR',
  'HH24',
  'HH12',
  'A.M.',
  'P.M.',
  'A.D.',
  'B.C.',
  'THSP',
  'SPTH',
  'YYY',
  'IYY',
  'DDD',
  'DAY',
  'MON',
  'TZH',
  'TZM',
  'TZR',
  'TZD',
  'SCC',
  'FF1',
  'FF2',
  'FF3',
  'FF4',
  'FF5',
  'FF6',
  'FF7',
  'FF8',
  'FF9',
  'YY',
  'IY',
  'RR',
  'MM',
  'RM',
  'DD',
  'DY',
  'HH',
  'MI',
  'SS',
  'AM',
  'PM',
  'AD',
  'BC',
  'CC',
  'WW',
  'IW',
  'FF',
  'FM',
  'FX',
  'TH',
  'SP',
  'DL',
  'DS',
  'TS',
  'Y',
  'I',
  'Q',
  'W',
  'D',
  'J',
  'X',
];

/** Elements whose output PostgreSQL pads (affected by FM). */
const PADDED = new Set([
  'YYYY',
  'YYY',
  'YY',
  'Y',
  'IYYY',
  'IYY',
  'IY',
  'I',
  'RRRR',
  'RR',
  'MM',
  'DD',
  'DDD',
  'HH',
  'HH12',
  'HH24',
  'MI',
  'SS',
  'SSSSS',
  'MONTH',
  'DAY',
  'WW',
  'IW',
  'W',
  'D',
  'J',
  'Q',
  'CC',
  'SCC',
  'RM',
  'SYYYY',
]);

export interface FormatTranslation {
  pg: string;
  /** Elements used (upper case). */
  elements: string[];
  /** Elements PostgreSQL does not support. */
  unsupported: string[];
}

/** Translates an Oracle datetime format model to a PostgreSQL template. */
export function translateDateFormat(fmt: string): FormatTranslation {
  let out = '';
  let fm = false;
  const elements: string[] = [];
  const unsupported: string[] = [];
  let i = 0;
  while (i < fmt.length) {
    const ch = fmt[i];
    if (ch === '"') {
      const end = fmt.indexOf('"', i + 1);
      const stop = end < 0 ? fmt.length : end + 1;
      out += fmt.slice(i, stop);
      i = stop;
      continue;
    }
    const rest = fmt.slice(i).toUpperCase();
    const el = ELEMENTS.find((e) => rest.startsWith(e));
    if (!el) {
      out += ch;
      i++;
      continue;
    }
    const written = fmt.slice(i, i + el.length);
    i += el.length;
    elements.push(el);
    if (el === 'FM') {
      fm = !fm;
      continue;
    }
    let pg = written;
    switch (el) {
      case 'RR':
        pg = 'YY';
        break;
      case 'RRRR':
      case 'SYYYY':
        pg = 'YYYY';
        break;
      case 'SCC':
        pg = 'CC';
        break;
      case 'Y,YYY':
        pg = 'Y,YYY';
        break;
      case 'FF':
        pg = 'US';
        break;
      case 'FF7':
      case 'FF8':
      case 'FF9':
        pg = 'US';
        break;
      case 'X':
        pg = '.';
        break;
      case 'SP':
      case 'THSP':
      case 'SPTH':
      case 'DL':
      case 'DS':
      case 'TS':
      case 'SYEAR':
      case 'YEAR':
      case 'TZD':
      case 'TZR':
        unsupported.push(el);
        break;
    }
    if (pg === written) pg = elementCase(el, written);
    out += fm && PADDED.has(el) ? `FM${pg}` : pg;
  }
  return { pg: out, elements, unsupported };
}

/** Elements whose output is a word: their capitalization follows the element's (MONTH / Month / month). */
const SPELLED = new Set(['MONTH', 'MON', 'DAY', 'DY', 'RM', 'AM', 'PM', 'A.M.', 'P.M.', 'AD', 'BC', 'A.D.', 'B.C.', 'TH']);

/**
 * The element as PostgreSQL reads it. Oracle reads format elements in any case: numeric elements
 * (DD, YYYY, HH24 …) print the same whatever their case, words follow the element's capitalization
 * ('DAY' gives MONDAY, 'Day' Monday, 'day' monday). PostgreSQL knows only the upper-case, the
 * lower-case and (for words) the capitalized spellings: 'Dd' or 'Yyyy' are not elements there
 * ('Dd-Mon-Yyyy' would print the day of the week and a literal d). Numeric elements are printed
 * in upper case; words keep one of PostgreSQL's three spellings (first letter lower case → lower,
 * first two upper case → upper, otherwise capitalized).
 */
function elementCase(el: string, written: string): string {
  if (!SPELLED.has(el)) return written === written.toLowerCase() ? written : el;
  if (written === el || written === el.toLowerCase()) return written;
  const first = written[0];
  if (first === first.toLowerCase()) return el.toLowerCase();
  const second = written[1] ?? '';
  if (second === second.toUpperCase() || el === 'RM' || el === 'TH') return el;
  return el[0] + el.slice(1).toLowerCase();
}

/** Does a TO_CHAR format look like a datetime format (rather than a number format)? */
export function looksLikeDateFormat(fmt: string): boolean {
  if (/[90]/.test(fmt.replace(/"[^"]*"/g, ''))) return false;
  const { elements } = translateDateFormat(fmt);
  return elements.some((e) => e !== 'FM' && e !== 'FX' && e !== 'X');
}

/** Numeric elements TO_DATE reads, with the most digits each takes. */
const NUMERIC_WIDTH: Record<string, number> = { YYYY: 4, RRRR: 4, YY: 2, RR: 2, MM: 2, DD: 2, DDD: 3, HH: 2, HH12: 2, HH24: 2, MI: 2, SS: 2 };
/** Time elements: Oracle lets the input end before them ("time fields at the end of a format string can be omitted"). */
const TIME_ELEMENTS = new Set(['HH', 'HH12', 'HH24', 'MI', 'SS']);
const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'];

/** Oracle's string-to-date errors PostgreSQL's to_timestamp does not raise (it reads such inputs silently). */
export interface DateInputError {
  code: 'ORA-01840' | 'ORA-01861' | 'ORA-01830';
  message: string;
}

/**
 * Whether Oracle's TO_DATE / TO_TIMESTAMP (no FX) rejects a literal input for a literal format
 * with an error PostgreSQL's to_timestamp does not raise, following the documented
 * string-to-date conversion rules (SQL Language Reference, Format Models): input ending before a
 * date element (only trailing time fields may be left out) is ORA-01840, a letter where the
 * format has punctuation or a quoted literal not matching is ORA-01861, input left over after the
 * format is ORA-01830. Punctuation matches any non-alphanumeric characters and may be left out
 * after a numeric element given with all its digits. Undefined when the input converts, or when
 * the format uses elements other than the numeric ones above, MON / MONTH and punctuation or
 * quoted text (FX, FM, AM, names of days …): the conversion is then left to PostgreSQL.
 */
export function oracleDateInputError(input: string, fmt: string): DateInputError | undefined {
  if (!input) return undefined; // '' is NULL: TO_DATE gives NULL
  // The format as tokens: elements, quoted text, punctuation.
  type Tok = { kind: 'el'; el: string } | { kind: 'text'; text: string } | { kind: 'punct' };
  const toks: Tok[] = [];
  for (let i = 0; i < fmt.length; ) {
    const ch = fmt[i];
    if (ch === '"') {
      const end = fmt.indexOf('"', i + 1);
      if (end < 0) return undefined;
      toks.push({ kind: 'text', text: fmt.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z0-9]/.test(ch)) {
      if (toks[toks.length - 1]?.kind !== 'punct') toks.push({ kind: 'punct' });
      i++;
      continue;
    }
    const rest = fmt.slice(i).toUpperCase();
    const el = ELEMENTS.find((e) => rest.startsWith(e));
    if (!el || (!(el in NUMERIC_WIDTH) && el !== 'MON' && el !== 'MONTH')) return undefined;
    toks.push({ kind: 'el', el });
    i += el.length;
  }
  const s = input;
  let pos = 0;
  let fullWidth = true; // the last numeric element was given with all its digits
  const alnum = (c: string) => /[A-Za-z0-9]/.test(c);
  for (const [k, t] of toks.entries()) {
    if (pos >= s.length) {
      // Input used up: what is left of the format may hold only time fields and punctuation.
      const left = toks.slice(k);
      if (left.every((x) => x.kind === 'punct' || (x.kind === 'el' && TIME_ELEMENTS.has(x.el)))) return undefined;
      if (left.some((x) => x.kind === 'text')) return undefined;
      return { code: 'ORA-01840', message: 'input value not long enough for date format' };
    }
    if (t.kind === 'punct') {
      if (!alnum(s[pos])) {
        while (pos < s.length && !alnum(s[pos])) pos++;
      } else if (/[0-9]/.test(s[pos])) {
        // punctuation left out: allowed after a numeric element given in full
        if (!fullWidth) return undefined;
      } else return { code: 'ORA-01861', message: 'literal does not match format string' };
      continue;
    }
    if (t.kind === 'text') {
      if (s.slice(pos, pos + t.text.length).toUpperCase() !== t.text.toUpperCase())
        return /^\s*$/.test(t.text) ? undefined : { code: 'ORA-01861', message: 'literal does not match format string' };
      pos += t.text.length;
      continue;
    }
    if (t.el === 'MON' || t.el === 'MONTH') {
      const m = /^[A-Za-z]+/.exec(s.slice(pos))?.[0].toUpperCase();
      if (!m || !MONTHS.some((name) => name === m || name.slice(0, 3) === m)) return undefined;
      pos += m.length;
      fullWidth = true;
      continue;
    }
    const width = NUMERIC_WIDTH[t.el];
    const digits = /^[0-9]+/.exec(s.slice(pos, pos + width))?.[0];
    if (!digits) return undefined; // a non-digit where a number is expected: both raise
    pos += digits.length;
    fullWidth = digits.length === width;
  }
  const left = s.slice(pos);
  if (!left || /^\s+$/.test(left)) return undefined;
  return { code: 'ORA-01830', message: 'date format picture ends before converting entire input string' };
}
