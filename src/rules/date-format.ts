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
