/**
 * String semantics. Oracle has no empty string: every function that can produce '' on
 * PostgreSQL is wrapped in nullif(…, '') (SUBSTR past the end, REPLACE/TRANSLATE/TRIM/REGEXP_*
 * removing everything, LPAD to length 0). Positions follow Oracle (SUBSTR 0 and negative
 * starts, INSTR backwards and n-th occurrence), numbers used as strings get TO_CHAR's text.
 */
import type { Expr } from '../ast/expr.js';
import type { Query } from '../ast/query.js';
import {
  and,
  bin,
  call,
  cast,
  caseWhen,
  type ExprContext,
  isNull,
  isNullLiteral,
  lit,
  NULL,
  noEmpty,
  notConverted,
  num,
  numberValue,
  report,
  stringValue,
} from './builders.js';
import { instrb, substrb, vsize } from './functions-bytes.js';
import { dateToText, isDateType } from './functions-date.js';
import { intArg, numberToText } from './functions-number.js';
import { CHAR_PRESERVING_FUNCTIONS, describe, type OraType } from './infer.js';
import type { FunctionRule } from './rule-types.js';

/** An argument used as a string: Oracle converts numbers and dates implicitly. */
export function asText(e: Expr, t: OraType, ctx: ExprContext, orig?: Expr): Expr {
  if (t.cls === 'number') return numberToText(e, t);
  if (isDateType(t))
    return dateToText(e, t, ctx, `Implicit conversion of ${orig ? describe(orig) : 'a date'} to text`);
  return e;
}

/**
 * A CHAR(n) column as Oracle's text: blank-padded to n characters (PostgreSQL drops the padding of
 * a char(n) value when it becomes text: length('ab'::char(5)) is 2, 'ab'::char(5) || '|' is 'ab|').
 * Only for a column read where the padding is visible (||, LENGTH); functions that keep the CHAR
 * type (UPPER, TRIM …) compare with blank-padded semantics in Oracle and are left alone.
 */
export function charPadded(e: Expr, t: OraType, orig: Expr | undefined): Expr {
  const read = orig?.kind === 'column' || (orig?.kind === 'call' && orig.name.length === 1 && CHAR_PRESERVING_FUNCTIONS.has(orig.name[0]));
  return t.charLength && read ? call('rpad', e, num(t.charLength)) : e;
}

const textArgs = (a: Expr[], types: OraType[], ctx: ExprContext, orig: Expr[], which: number[]) =>
  a.map((x, i) => (which.includes(i) ? asText(x, types[i], ctx, orig[i]) : x));

function substr(
  s: Expr,
  pos: Expr,
  len: Expr | undefined,
  posType: OraType,
  lenType: OraType | undefined,
): Expr {
  const p = numberValue(pos);
  const l = len ? numberValue(len) : undefined;
  if (len && (isNullLiteral(len) || (l !== undefined && l < 1))) return NULL;
  if (isNullLiteral(pos)) return NULL;
  let start: Expr;
  if (p !== undefined) {
    const k = Math.trunc(p);
    if (k >= 0) start = num(Math.max(k, 1));
    // counted from the end; NULL (→ NULL result) when before the first character
    else start = caseWhen([[bin('>=', call('length', s), num(-k)), bin('+', call('length', s), num(k + 1))]]);
  } else {
    const pi = intArg(pos, posType);
    start = caseWhen([
      [bin('>', pi, num(0)), pi],
      [bin('=', pi, num(0)), num(1)],
      [
        bin('<=', { kind: 'unary', op: '-', operand: pi }, call('length', s)),
        bin('+', bin('+', call('length', s), pi), num(1)),
      ],
    ]);
  }
  // A negative length is NULL in Oracle (an error in PostgreSQL): greatest(len, 0) → '' → NULL.
  const length = len
    ? l !== undefined
      ? num(Math.trunc(l))
      : call('greatest', intArg(len, lenType!), num(0))
    : undefined;
  const r = length ? call('substr', s, start, length) : call('substr', s, start);
  // From position 1 with a positive length the result is never '' for a non-NULL string.
  const safe = p !== undefined && p >= 0 && p < 2 && (!len || (l !== undefined && l >= 1));
  return safe ? r : noEmpty(r);
}

/** n-th occurrence of t in s searching from position p (negative: backwards from the end). */
function instr(a: Expr[], types: OraType[]): Expr {
  const [s, t] = a;
  const pos = a[2] ?? num(1);
  const occ = a[3] ?? num(1);
  const p = numberValue(pos);
  const n = numberValue(occ);
  if (p === 1 && n === 1) return call('strpos', s, t);
  if (p !== undefined && p > 1 && n === 1) {
    // strpos in the tail; 0 stays 0, NULL stays NULL
    const found = call('strpos', call('substr', s, num(Math.trunc(p))), t);
    return {
      kind: 'case',
      operand: found,
      whens: [{ when: num(0), then: num(0) }],
      else: bin('+', found, num(Math.trunc(p) - 1)),
    };
  }
  if (p === 0) return caseWhen([[and(isNull(s, true), isNull(t, true)), num(0)]]);
  const I: Expr = { kind: 'column', parts: ['ORAPG_G', 'ORAPG_I'] };
  const pi = p !== undefined ? num(Math.trunc(p)) : intArg(pos, types[2] ?? { cls: 'unknown' });
  const backward = p !== undefined && p < 0;
  const fromEnd =
    p !== undefined
      ? p === -1
        ? call('length', s)
        : bin('-', call('length', s), num(-Math.trunc(p) - 1))
      : bin('+', bin('+', call('length', s), pi), num(1));
  let series: Expr;
  let orderBy: Expr;
  let desc = false;
  if (p !== undefined) {
    series = backward
      ? call('generate_series', fromEnd, num(1), num(-1))
      : call('generate_series', pi, call('length', s));
    orderBy = I;
    desc = backward;
  } else {
    const neg = bin('<', pi, num(0));
    series = call(
      'generate_series',
      caseWhen([[neg, fromEnd]], pi),
      caseWhen([[neg, num(1)]], call('length', s)),
      caseWhen([[neg, num(-1)]], num(1)),
    );
    orderBy = bin('*', I, call('sign', pi));
  }
  const nth =
    n !== undefined ? num(Math.trunc(n) - 1) : bin('-', intArg(occ, types[3] ?? { cls: 'unknown' }), num(1));
  const q: Query = {
    kind: 'select',
    items: [{ expr: I }],
    from: [
      {
        kind: 'subquery',
        alias: 'ORAPG_G',
        query: { kind: 'select', items: [{ expr: series, alias: 'ORAPG_I' }], from: [] },
      },
    ],
    where: bin('=', call('substr', s, I, call('length', t)), t),
    orderBy: [{ expr: orderBy, desc }],
    fetch: { count: num(1) },
  };
  if (n !== 1) q.offset = nth;
  const known = [s, t, ...(a[2] ? [a[2]] : []), ...(a[3] ? [a[3]] : [])]
    .filter((x) => !(x.kind === 'literal' && x.type !== 'null') && numberValue(x) === undefined)
    .map((x) => isNull(x, true));
  const zero = known.length ? caseWhen([[and(...known), num(0)]]) : num(0);
  return call('coalesce', { kind: 'subquery', query: q }, zero);
}

/** Oracle match parameter → PostgreSQL regex flags (ARE). */
export function regexFlags(oracle: string | undefined, pattern: Expr): string {
  let caseFlag = '';
  let dotNewline = false;
  let multiline = false;
  let extended = false;
  for (const f of oracle ?? '') {
    if (f === 'i' || f === 'c') caseFlag = f;
    else if (f === 'n') dotNewline = true;
    else if (f === 'm') multiline = true;
    else if (f === 'x') extended = true;
  }
  // Oracle: '.' does not match a newline unless 'n'; '^'/'$' match at line ends only with 'm'.
  // PostgreSQL: 'p' = '.' stops at newlines, 'w' = ^/$ at line ends, 'n' = both.
  const pat = stringValue(pattern);
  const dotMatters = pat === undefined || /[.]|\[\^/.test(pat);
  let nl = '';
  if (!dotNewline && multiline) nl = 'n';
  else if (dotNewline && multiline) nl = 'w';
  else if (!dotNewline && dotMatters) nl = 'p';
  return `${caseFlag === 'i' ? 'i' : ''}${nl}${extended ? 'x' : ''}`;
}

/**
 * A match parameter known only at run time: the same translation as regexFlags, as an expression
 * over the Oracle flags (the last of i / c wins; n and m select PostgreSQL's newline modes; x).
 * '.' is kept off newlines ('p') whatever the pattern, as the pattern is not inspected here.
 */
export function runtimeRegexFlags(oracle: Expr): Expr {
  const f = call('coalesce', oracle, lit(''));
  const has = (c: string) => bin('>', call('strpos', f, lit(c)), num(0));
  const lastCase = call('right', call('regexp_replace', f, lit('[^ic]'), lit(''), lit('g')), num(1));
  return {
    kind: 'paren',
    expr: bin(
      '||',
      bin('||', caseWhen([[bin('=', lastCase, lit('i')), lit('i')]], lit('')), caseWhen([[has('n'), caseWhen([[has('m'), lit('w')]], lit(''))], [has('m'), lit('n')]], lit('p'))),
      caseWhen([[has('x'), lit('x')]], lit('')),
    ),
  };
}

/** The PostgreSQL flags of a match parameter: a literal when it is one, else computed at run time. */
function flagsOf(e: Expr | undefined, pattern: Expr, ctx: ExprContext, fn: string): Expr {
  if (!e || isNullLiteral(e)) return lit(regexFlags('', pattern));
  const v = stringValue(e);
  if (v !== undefined) return lit(regexFlags(v, pattern));
  report(ctx, 'OPG-EXPR-0020', { fn });
  return runtimeRegexFlags(e);
}

/** Oracle's parameter names of the REGEXP functions (STANDARD), for calls with named arguments. */
export const REGEXP_PARAMS: Record<string, { names: string[]; defaults: Expr[] }> = {
  REGEXP_LIKE: { names: ['SRCSTR', 'PATTERN', 'MODIFIER'], defaults: [NULL, NULL, NULL] },
  REGEXP_INSTR: {
    names: ['SRCSTR', 'PATTERN', 'POSITION', 'OCCURRENCE', 'RETURNPARAM', 'MODIFIER', 'SUBEXPRESSION'],
    defaults: [NULL, NULL, num(1), num(1), num(0), NULL, num(0)],
  },
  REGEXP_SUBSTR: {
    names: ['SRCSTR', 'PATTERN', 'POSITION', 'OCCURRENCE', 'MODIFIER', 'SUBEXPRESSION'],
    defaults: [NULL, NULL, num(1), num(1), NULL, num(0)],
  },
  REGEXP_REPLACE: {
    names: ['SRCSTR', 'PATTERN', 'REPLACESTR', 'POSITION', 'OCCURRENCE', 'MODIFIER'],
    defaults: [NULL, NULL, NULL, num(1), num(0), NULL],
  },
  REGEXP_COUNT: { names: ['SRCSTR', 'PATTERN', 'POSITION', 'MODIFIER'], defaults: [NULL, NULL, num(1), NULL] },
};

/** A REGEXP call with named arguments → positional (omitted ones get Oracle's defaults); undefined when a name is unknown. */
export function regexpPositional(name: string, args: { name?: string; value: Expr }[]): Expr[] | undefined {
  const spec = REGEXP_PARAMS[name];
  if (!spec) return undefined;
  const out: (Expr | undefined)[] = [];
  for (const [i, a] of args.entries()) {
    const at = a.name ? spec.names.indexOf(a.name.toUpperCase()) : i;
    if (at < 0) return undefined;
    out[at] = a.value;
  }
  const last = out.length;
  return Array.from({ length: last }, (_, i) => out[i] ?? spec.defaults[i]);
}

function nlsCase(fn: 'upper' | 'lower' | 'initcap'): FunctionRule {
  return (a, _c, ctx, orig, types) => {
    const sort = a.length > 1 ? stringValue(a[1]) : undefined;
    if (a.length > 1 && !(sort !== undefined && /^\s*NLS_SORT\s*=\s*'?BINARY'?\s*$/i.test(sort)))
      report(ctx, 'OPG-EXPR-0006', {
        what: `The NLS_SORT argument of NLS_${fn.toUpperCase()}`,
        target: `${fn}() with the database's case rules (linguistic sorts such as XGERMAN, ß → SS, are not applied)`,
      });
    return call(fn, ...textArgs(a.slice(0, 1), types, ctx, orig, [0]));
  };
}

/** The text of an UNISTR literal, or undefined when an escape is not \XXXX (hexadecimal) or \\. */
function unistr(v: string): string | undefined {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    if (v[i] !== '\\') {
      out += v[i];
      continue;
    }
    if (v[i + 1] === '\\') {
      out += '\\';
      i++;
      continue;
    }
    const hex = v.slice(i + 1, i + 5);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
    out += String.fromCharCode(parseInt(hex, 16));
    i += 4;
  }
  // A surrogate pair written as two escapes is one character; a lone surrogate is invalid.
  return /[\uD800-\uDFFF]/.test(out.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')) ? undefined : out;
}

export const STRING_RULES: Record<string, FunctionRule> = {
  SUBSTR: (a, _c, ctx, orig, types) => {
    const s = asText(a[0], types[0], ctx, orig[0]);
    return substr(s, a[1], a[2], types[1], types[2]);
  },
  INSTR: (a, _c, ctx, orig, types) => instr(textArgs(a, types, ctx, orig, [0, 1]), types),
  // SUBSTRB of a RAW / BLOB value: bytes are its positions already.
  SUBSTRB: (a, _c, ctx, orig, types) =>
    types[0]?.cls === 'binary'
      ? substr(a[0], a[1], a[2], types[1], types[2])
      : substrb(asText(a[0], types[0], ctx, orig[0]), a[1], a[2], types[1], types[2]),
  INSTRB: (a, _c, ctx, orig, types) =>
    instrb(
      textArgs(a, types, ctx, orig, [0, 1]),
      ctx,
      (x) => instr(x, [types[0], types[1], { cls: 'number' }, types[3]]),
      types,
    ),
  VSIZE: (a, base, ctx, _orig, types) => vsize(a, base, ctx, types[0]),
  // LENGTHB of a number or a date counts the bytes of its text, as LENGTH counts its characters.
  LENGTHB: (a, _c, ctx, orig, types) => call('octet_length', ...textArgs(a, types, ctx, orig, [0])),
  LENGTH: (a, _c, ctx, orig, types) =>
    call('length', charPadded(textArgs(a, types, ctx, orig, [0])[0], types[0], orig[0])),
  LPAD: (a, _c, ctx, orig, types) => pad('lpad', textArgs(a, types, ctx, orig, [0, 2]), types),
  RPAD: (a, _c, ctx, orig, types) => pad('rpad', textArgs(a, types, ctx, orig, [0, 2]), types),
  REPLACE: (a, _c, ctx, orig, types) => {
    const [s, search, repl] = textArgs(a, types, ctx, orig, [0, 1, 2]);
    if (isNullLiteral(search)) return s;
    // coalesce(x, '') needs x as text: a value of unknown type (a package function's result) is
    // cast, as Oracle converts it implicitly.
    const orEmpty = (x: Expr, t: OraType | undefined) =>
      call('coalesce', t?.cls === 'string' ? x : cast(x, 'text'), lit(''));
    const r = call(
      'replace',
      s,
      search.kind === 'literal' ? search : orEmpty(search, types[1]),
      !repl || isNullLiteral(repl) ? lit('') : repl.kind === 'literal' ? repl : orEmpty(repl, types[2]),
    );
    return repl && repl.kind === 'literal' && repl.type !== 'null' ? r : noEmpty(r);
  },
  TRANSLATE: (a, c, ctx, orig, types) =>
    // TRANSLATE(x USING NCHAR_CS): a PostgreSQL database has one character set for every text type.
    c.charsetUsing && a.length === 1
      ? textArgs(a, types, ctx, orig, [0])[0]
      : noEmpty(call('translate', ...textArgs(a, types, ctx, orig, [0, 1, 2]))),
  LTRIM: (a, _c, ctx, orig, types) => noEmpty(call('ltrim', ...textArgs(a, types, ctx, orig, [0, 1]))),
  RTRIM: (a, _c, ctx, orig, types) => noEmpty(call('rtrim', ...textArgs(a, types, ctx, orig, [0, 1]))),
  UPPER: (a, _c, ctx, orig, types) => call('upper', ...textArgs(a, types, ctx, orig, [0])),
  LOWER: (a, _c, ctx, orig, types) => call('lower', ...textArgs(a, types, ctx, orig, [0])),
  INITCAP: (a, _c, ctx, orig, types) => call('initcap', ...textArgs(a, types, ctx, orig, [0])),
  // NLS_UPPER / NLS_LOWER / NLS_INITCAP(x): UPPER / LOWER / INITCAP with the session's NLS_SORT
  // (BINARY by default: the same letters). A linguistic sort named as second argument
  // ('NLS_SORT = XGERMAN': ß → SS) has no PostgreSQL counterpart: reported, dropped.
  NLS_UPPER: nlsCase('upper'),
  // LENGTHC / LENGTH4, SUBSTRC / SUBSTR4, INSTRC / INSTR4: in Unicode characters (code points), as
  // PostgreSQL counts them (the …2 forms count UTF-16 code units and are not mapped).
  LENGTHC: (a, c, ctx, orig, types) => STRING_RULES.LENGTH(a, c, ctx, orig, types),
  LENGTH4: (a, c, ctx, orig, types) => STRING_RULES.LENGTH(a, c, ctx, orig, types),
  SUBSTRC: (a, c, ctx, orig, types) => STRING_RULES.SUBSTR(a, c, ctx, orig, types),
  SUBSTR4: (a, c, ctx, orig, types) => STRING_RULES.SUBSTR(a, c, ctx, orig, types),
  INSTRC: (a, c, ctx, orig, types) => STRING_RULES.INSTR(a, c, ctx, orig, types),
  INSTR4: (a, c, ctx, orig, types) => STRING_RULES.INSTR(a, c, ctx, orig, types),
  NLS_LOWER: nlsCase('lower'),
  NLS_INITCAP: nlsCase('initcap'),
  // UNISTR('abc\00e5'): a literal is decoded here (\XXXX is the UTF-16 code unit XXXX, \\ a
  // backslash); PostgreSQL has no function that reads such escapes at run time.
  UNISTR: (a, c, ctx) => {
    const v = stringValue(a[0]);
    const decoded = v === undefined ? undefined : unistr(v);
    if (decoded === undefined) {
      notConverted(ctx, 'UNISTR of a value known only at run time (or with an invalid escape): PostgreSQL reads \\XXXX escapes only in U&\'…\' literals');
      return c;
    }
    return decoded === '' ? { kind: 'literal', type: 'null', value: 'NULL' } : lit(decoded);
  },
  REGEXP_LIKE: (args, _c, ctx, orig, types) => {
    // A number or date source is matched as its implicit text, as in Oracle.
    const a = textArgs(args, types, ctx, orig, [0]);
    const pg = flagsOf(a[2], a[1], ctx, 'REGEXP_LIKE');
    if (pg.kind === 'literal' && pg.value === '') return bin('~', a[0], a[1]);
    if (pg.kind === 'literal' && pg.value === 'i') return bin('~*', a[0], a[1]);
    return call('regexp_like', a[0], a[1], pg);
  },
  REGEXP_REPLACE: (a, _c, ctx, orig, types) => {
    const [s, pattern] = textArgs(a, types, ctx, orig, [0]);
    if (isNullLiteral(pattern)) return s;
    const pg = flagsOf(a[5], pattern, ctx, 'REGEXP_REPLACE');
    const repl =
      !a[2] || isNullLiteral(a[2])
        ? lit('')
        : a[2].kind === 'literal'
          ? a[2]
          : call('coalesce', a[2], lit(''));
    const start = a[3] ? intArg(a[3], types[3]) : undefined;
    const occurrence = a[4] ? intArg(a[4], types[4]) : num(0);
    if (!start && !a[4]) return noEmpty(call('regexp_replace', s, pattern, repl, pg.kind === 'literal' ? lit(`g${pg.value}`) : bin('||', lit('g'), pg)));
    return noEmpty(call('regexp_replace', s, pattern, repl, start ?? num(1), occurrence, pg));
  },
  REGEXP_SUBSTR: (a, _c, ctx, orig, types) => {
    const [s, pattern] = textArgs(a, types, ctx, orig, [0]);
    const args = [
      s,
      pattern,
      a[2] ? intArg(a[2], types[2]) : num(1),
      a[3] ? intArg(a[3], types[3]) : num(1),
      flagsOf(a[4], pattern, ctx, 'REGEXP_SUBSTR'),
    ];
    if (a[5]) args.push(intArg(a[5], types[5]));
    return noEmpty(call('regexp_substr', ...args));
  },
  REGEXP_INSTR: (a, _c, ctx, orig, types) => {
    const [s, pattern] = textArgs(a, types, ctx, orig, [0]);
    const args = [
      s,
      pattern,
      a[2] ? intArg(a[2], types[2]) : num(1),
      a[3] ? intArg(a[3], types[3]) : num(1),
      a[4] ? intArg(a[4], types[4]) : num(0),
      flagsOf(a[5], pattern, ctx, 'REGEXP_INSTR'),
    ];
    if (a[6]) args.push(intArg(a[6], types[6]));
    return call('regexp_instr', ...args);
  },
  REGEXP_COUNT: (a, _c, ctx, orig, types) => {
    const [s, pattern] = textArgs(a, types, ctx, orig, [0]);
    return call('regexp_count', s, pattern, a[2] ? intArg(a[2], types[2]) : num(1), flagsOf(a[3], pattern, ctx, 'REGEXP_COUNT'));
  },
  ASCII: (a, _c, ctx, orig, types) => call('ascii', ...textArgs(a, types, ctx, orig, [0])),
};

/**
 * Functions whose result shows the blanks that pad a CHAR(n) value (SUBSTR(code, 3) of 'ab   ' is
 * '   ', INSTR(code, ' ') is 3, REPLACE(code, ' ', '_') is 'ab___'): their first argument, a CHAR(n)
 * column, is read blank-padded (PostgreSQL drops the padding when a char(n) becomes text). UPPER,
 * LOWER, NVL … return CHAR in Oracle and keep blank-padded comparison semantics: left alone (||
 * and LENGTH pad a column read directly, see charPadded).
 */
for (const name of ['SUBSTR', 'INSTR', 'SUBSTRB', 'INSTRB', 'LENGTHB', 'REPLACE', 'RPAD', 'LPAD', 'TRANSLATE', 'REGEXP_LIKE', 'REGEXP_REPLACE', 'REGEXP_SUBSTR', 'REGEXP_INSTR', 'REGEXP_COUNT']) {
  const rule = STRING_RULES[name];
  if (!rule) continue;
  STRING_RULES[name] = (a, c, ctx, orig, types) => {
    // RPAD with blanks gives the same text from the padded and the unpadded value.
    const blanks = name === 'RPAD' && (a.length < 3 || stringValue(a[2]) === ' ');
    return rule(blanks ? a : a.map((x, i) => (i === 0 ? charPadded(x, types[0], orig[0]) : x)), c, ctx, orig, types);
  };
}

function pad(fn: 'lpad' | 'rpad', a: Expr[], types: OraType[]): Expr {
  const len = numberValue(a[1]);
  if (len !== undefined && len < 1) return NULL;
  const args = [a[0], intArg(a[1], types[1]), ...a.slice(2)];
  const r = call(fn, ...args);
  // Length 0 or a negative length gives '' on PostgreSQL and NULL in Oracle.
  return len !== undefined ? r : noEmpty(r);
}
