/**
 * Byte-semantics string functions: SUBSTRB and INSTRB (LENGTHB is octet_length), VSIZE, and CHR(0).
 *
 * PostgreSQL has no byte substring of text. SUBSTRB walks the characters of the string and keeps
 * those whose bytes (in the database encoding, octet_length) lie in the requested byte range; a
 * character the range cuts contributes one blank per byte of it inside the range, as Oracle does
 * (SUBSTRB('ÏÏÏ', 1, 5) is 'ÏÏ ' in AL32UTF8: 5 bytes, the cut character's first byte a blank).
 * A string of one-byte characters (octet_length = length) takes a plain substr instead.
 */
import type { Expr } from '../ast/expr.js';
import type { Query } from '../ast/query.js';
import {
  and,
  bin,
  call,
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
} from './builders.js';
import { intArg } from './functions-number.js';
import type { OraType } from './infer.js';

const I: Expr = { kind: 'column', parts: ['ORAPG_G', 'ORAPG_I'] };

/** The characters of s as ORAPG_G.ORAPG_I (1 … length(s)), restricted by `where`. */
function overCharacters(s: Expr, item: Expr, where: Expr): Query {
  return {
    kind: 'select',
    items: [{ expr: item }],
    from: [
      {
        kind: 'subquery',
        alias: 'ORAPG_G',
        query: {
          kind: 'select',
          items: [{ expr: call('generate_series', num(1), call('length', s)), alias: 'ORAPG_I' }],
          from: [],
        },
      },
    ],
    where,
  };
}

/** Oracle's byte start: 0 is 1, a negative position counts from the end (NULL before the start). */
function byteStart(s: Expr, pos: Expr, posType: OraType): Expr {
  const p = numberValue(pos);
  const bytes = call('octet_length', s);
  if (p !== undefined) {
    const k = Math.trunc(p);
    if (k >= 0) return num(Math.max(k, 1));
    return caseWhen([[bin('>=', bytes, num(-k)), bin('+', bytes, num(k + 1))]]);
  }
  const pi = intArg(pos, posType);
  return caseWhen([
    [bin('>', pi, num(0)), pi],
    [bin('=', pi, num(0)), num(1)],
    [bin('<=', { kind: 'unary', op: '-', operand: pi }, bytes), bin('+', bin('+', bytes, pi), num(1))],
  ]);
}

/**
 * SUBSTRB(s, pos[, len]): the characters whose bytes lie in [start, start + len - 1]; a character
 * cut by either end gives one blank per byte of it in the range. NULL when nothing is selected.
 */
export function substrb(
  s: Expr,
  pos: Expr,
  len: Expr | undefined,
  posType: OraType,
  lenType?: OraType,
): Expr {
  if (isNullLiteral(pos) || (len && isNullLiteral(len))) return NULL;
  const l = len ? numberValue(len) : undefined;
  if (len && l !== undefined && l < 1) return NULL;
  const start = byteStart(s, pos, posType);
  // last byte of the character ORAPG_I, and its first byte
  const last = call('octet_length', call('substr', s, num(1), I));
  const first = bin('+', bin('-', last, call('octet_length', call('substr', s, I, num(1)))), num(1));
  const startValue = numberValue(start);
  const count = len
    ? l !== undefined
      ? num(Math.trunc(l))
      : call('greatest', intArg(len, lenType ?? { cls: 'unknown' }), num(0))
    : undefined;
  const end = !count
    ? undefined
    : startValue !== undefined && l !== undefined
      ? num(startValue + Math.trunc(l) - 1)
      : bin('-', bin('+', start, count), num(1));
  const inside = end ? and(bin('>=', first, start), bin('<=', last, end)) : bin('>=', first, start);
  const kept = caseWhen(
    [[inside, call('substr', s, I, num(1))]],
    call(
      'repeat',
      lit(' '),
      bin('+', bin('-', end ? call('least', last, end) : last, call('greatest', first, start)), num(1)),
    ),
  );
  const agg: Expr = {
    kind: 'call',
    name: ['string_agg'],
    args: [{ value: kept }, { value: lit('') }],
    argOrderBy: [{ expr: I }],
  };
  const where = end ? and(bin('>=', last, start), bin('<=', first, end)) : bin('>=', last, start);
  // One byte a character (ASCII text): the byte range is the character range.
  const singleByte = bin('=', call('octet_length', s), call('length', s));
  const plain = noEmpty(count ? call('substr', s, start, count) : call('substr', s, start));
  return caseWhen([[singleByte, plain]], { kind: 'subquery', query: overCharacters(s, agg, where) });
}

/**
 * INSTRB(s, t[, pos[, n]]): the byte position of the n-th occurrence. From the start (pos omitted
 * or 1) it is the character position INSTR gives, as bytes. From another byte position p: an
 * occurrence of a (valid UTF-8) string can only begin at a character's first byte, so the
 * occurrences are searched among the characters whose first byte is at or after p (p > 0), or at
 * or before byte octet_length + p + 1 searching backward (p < 0); p = 0 gives 0, as INSTR.
 */
export function instrb(
  a: Expr[],
  _ctx: ExprContext,
  instr: (a: Expr[]) => Expr,
  types: OraType[] = [],
): Expr {
  const [s, t, pos, occ] = a;
  const p = pos ? numberValue(pos) : 1;
  if (p === 1) {
    const k = instr([s, t, num(1), ...(occ ? [occ] : [])]);
    // the character position k as a byte position: 0 (not found) and NULL stay as they are
    return caseWhen(
      [[bin('=', k, num(0)), num(0)]],
      bin('+', call('octet_length', call('substr', s, num(1), bin('-', k, num(1)))), num(1)),
    );
  }
  const notNull = [s, t, pos, occ]
    .filter(
      (x): x is Expr => !!x && !(x.kind === 'literal' && x.type !== 'null') && numberValue(x) === undefined,
    )
    .map((x) => isNull(x, true));
  const zero = notNull.length ? caseWhen([[and(...notNull), num(0)]]) : num(0);
  if (p === 0) return zero;
  const pi = p !== undefined ? num(Math.trunc(p)) : intArg(pos, types[2] ?? { cls: 'unknown' });
  // first byte of the character ORAPG_I
  const first = bin('+', call('octet_length', call('substr', s, num(1), bin('-', I, num(1)))), num(1));
  const forward = bin('>=', first, pi);
  const bytes = call('octet_length', s);
  const backStart =
    p === undefined
      ? bin('+', bin('+', bytes, pi), num(1))
      : p === -1
        ? bytes
        : bin('-', bytes, num(-Math.trunc(p) - 1));
  const backward = bin('<=', first, backStart);
  const inRange =
    p !== undefined ? (p > 0 ? forward : backward) : caseWhen([[bin('>', pi, num(0)), forward]], backward);
  const n = occ ? numberValue(occ) : 1;
  const q: Query = {
    ...overCharacters(s, first, and(bin('=', call('substr', s, I, call('length', t)), t), inRange)),
    orderBy: [p !== undefined ? { expr: I, desc: p < 0 } : { expr: bin('*', I, call('sign', pi)) }],
    fetch: { count: num(1) },
  };
  if (n !== 1)
    q.offset =
      n !== undefined
        ? num(Math.trunc(n) - 1)
        : bin('-', intArg(occ, types[3] ?? { cls: 'unknown' }), num(1));
  const found = call('coalesce', { kind: 'subquery', query: q }, zero);
  return p === undefined ? caseWhen([[bin('=', pi, num(0)), zero]], found) : found;
}

/**
 * CHR(n): CHR(0) (the NUL character) cannot be held by PostgreSQL text ("null character not
 * permitted"), so the call would fail at run time wherever it is evaluated. It becomes the empty
 * string, reported: a separator or terminator made of it disappears (lengths, comparisons and
 * hashes of the texts built with it differ from Oracle's).
 */
export function chr(a: Expr[], ctx: ExprContext): Expr {
  if (a.length === 1 && numberValue(a[0]) === 0) {
    report(ctx, 'OPG-EXPR-0023', { expr: 'CHR(0)' });
    return lit('');
  }
  return call('chr', ...a);
}

/**
 * VSIZE(x): the bytes of Oracle's internal representation. A character value is its bytes in the
 * database character set (octet_length, UTF-8 here), a RAW / BLOB its length, a DATE always 7
 * bytes; NULL gives NULL. Numbers, timestamps and other types are stored differently in
 * PostgreSQL: kept and reported.
 */
export function vsize(a: Expr[], base: Expr, ctx: ExprContext, t: OraType): Expr {
  if (a.length !== 1) throw new Error('VSIZE takes one argument');
  if (t.cls === 'string' || t.cls === 'binary') return call('octet_length', a[0]);
  if (t.cls === 'date') return caseWhen([[isNull(a[0], true), num(7)]]);
  notConverted(
    ctx,
    `VSIZE of a ${t.cls === 'unknown' ? 'value of unknown type' : `${t.cls} value`}: Oracle's internal size has no PostgreSQL equivalent (pg_column_size gives PostgreSQL's)`,
  );
  return base;
}
