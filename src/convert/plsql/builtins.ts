/**
 * Oracle built-in package functions used in PL/SQL expressions that have a PostgreSQL
 * equivalent: DBMS_LOB (CLOB/BLOB are text/bytea values), DBMS_ASSERT (quoting), EMPTY_CLOB /
 * EMPTY_BLOB. The result is an Oracle-level expression where an Oracle built-in does the same
 * (DBMS_LOB.SUBSTR → SUBSTR with Oracle's argument order), so the SQL function rules still apply.
 * Calls that have no equivalent are reported with what to do instead.
 */
import type { Expr, FuncCall } from '../../ast/expr.js';
import type { FindingArgs } from '../../findings/make.js';
import type { PlContext } from './context.js';
import { settingValue } from '../../rules/builders.js';

/** What the conversions here report through: a PL/SQL unit's context, or an adapter for SQL statements. */
export interface BuiltinSink {
  report(id: string, args: FindingArgs): void;
  fail(message: string): void;
  /** The Oracle type class of an argument (string, binary …), when known. */
  typeClass?(e: Expr): string | undefined;
}

const call = (name: string, ...args: Expr[]): Expr => ({ kind: 'call', name: [name], args: args.map((value) => ({ value })) });
const num = (v: string): Expr => ({ kind: 'literal', type: 'number', value: v });
const str = (v: string): Expr => ({ kind: 'literal', type: 'string', value: v });
const NULL: Expr = { kind: 'literal', type: 'null', value: 'NULL' };

const EMPTY_RAW: Expr = { kind: 'pseudo', name: "'\\x'::bytea" };

/** bytea concatenation (byteacat, the function of bytea || bytea: the || operator here is Oracle's text one). */
const byteaConcat = (parts: Expr[]): Expr => parts.reduce((l, r) => call('byteacat', l, r));

/** CHR(0), the NUL character. */
const isNul = (e: Expr): boolean =>
  e.kind === 'call' &&
  e.name.length === 1 &&
  e.name[0].toUpperCase() === 'CHR' &&
  e.args.length === 1 &&
  e.args[0].value.kind === 'literal' &&
  e.args[0].value.type === 'number' &&
  Number(e.args[0].value.value) === 0;

/** The operands of a chain of || (left to right). */
function concatParts(e: Expr): Expr[] {
  if (e.kind === 'binary' && e.op === '||') return [...concatParts(e.left), ...concatParts(e.right)];
  if (e.kind === 'paren') return concatParts(e.expr);
  return [e];
}

/**
 * UTL_RAW.CAST_TO_RAW(text): the UTF-8 bytes of the text. PostgreSQL text cannot hold CHR(0), so
 * a text built with it is converted piece by piece: the NUL becomes the byte 00 of the RAW value
 * (Oracle's bytes kept) instead of an empty string.
 */
function castToRaw(arg: Expr): Expr {
  const parts = concatParts(arg);
  if (!parts.some(isNul)) return call('convert_to', arg, str('UTF8'));
  const bytes = parts.map((p) =>
    isNul(p)
      ? ({ kind: 'pseudo', name: "'\\x00'::bytea" } as Expr)
      : call('coalesce', call('convert_to', p, str('UTF8')), EMPTY_RAW),
  );
  return byteaConcat(bytes);
}

/** Oracle character set names (a literal) that have a PostgreSQL encoding of the same bytes. */
const CHARSETS: Record<string, string> = {
  AL32UTF8: 'UTF8',
  UTF8: 'UTF8',
  WE8ISO8859P1: 'LATIN1',
  WE8ISO8859P15: 'LATIN9',
  EE8ISO8859P2: 'LATIN2',
  WE8MSWIN1252: 'WIN1252',
  EE8MSWIN1250: 'WIN1250',
  CL8MSWIN1251: 'WIN1251',
  CL8ISO8859P5: 'ISO_8859_5',
  JA16SJIS: 'SJIS',
  JA16EUC: 'EUC_JP',
  ZHS16GBK: 'GBK',
  KO16MSWIN949: 'UHC',
};

function pgEncoding(e: Expr): string | undefined {
  return e.kind === 'literal' && e.type === 'string' ? CHARSETS[e.value.toUpperCase()] : undefined;
}

/** A character set given as NLS_LANG (AMERICAN_AMERICA.WE8ISO8859P1) or alone: its PostgreSQL encoding. */
function nlsLangEncoding(e: Expr): string | undefined {
  return e.kind === 'literal' && e.type === 'string' ? CHARSETS[e.value.toUpperCase().split('.').at(-1) ?? ''] : undefined;
}

/** The empty string as PostgreSQL text / bytea (an Oracle '' literal would be taken for NULL). */
const EMPTY_TEXT: Expr = { kind: 'pseudo', name: "''" };

/** The value of an INTEGER parameter given as a number literal (rounded as PL/SQL does), else undefined. */
function intLiteral(e: Expr): number | undefined {
  if (e.kind === 'literal' && e.type === 'number' && Number.isFinite(Number(e.value))) return Math.round(Number(e.value));
  if (e.kind === 'unary' && e.op === '-') {
    const v = intLiteral(e.operand);
    return v === undefined ? undefined : -v;
  }
  return undefined;
}

/** An INTEGER parameter's value: NUMBER → integer rounds half away from zero in both databases. */
const toInteger = (e: Expr): Expr => ({ kind: 'pg-cast', operand: { kind: 'paren', expr: e }, type: { kind: 'datatype', name: 'integer', args: [] } }) as Expr;
const cmp = (op: '>=', left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right }) as Expr;

/** CASE WHEN all checks THEN value END (the value itself without checks). */
function guarded(checks: Expr[], value: Expr): Expr {
  if (!checks.length) return value;
  const when = checks.reduce((l, r) => ({ kind: 'binary', op: 'AND', left: l, right: r }) as Expr);
  return { kind: 'case', whens: [{ when, then: value }] } as Expr;
}

/** Positional arguments with named ones put in place (DBMS_LOB.SUBSTR(lob_loc => …, amount => …)). */
function positional(x: FuncCall, names: string[]): (Expr | undefined)[] {
  const out: (Expr | undefined)[] = [];
  x.args.forEach((a, i) => {
    const at = a.name ? names.indexOf(a.name) : i;
    if (at >= 0) out[at] = a.value;
  });
  return out;
}

/** DBMS_LOB / DBMS_ASSERT / EMPTY_CLOB calls → an equivalent expression (undefined: not handled). */
export function builtinFunction(x: FuncCall, pc: BuiltinSink): Expr | undefined {
  const name = x.name.map((n) => n.toUpperCase()).join('.');
  switch (name) {
    case 'EMPTY_CLOB':
      // An empty, non-null LOB: '' is not NULL in PostgreSQL text.
      return x.args.length ? undefined : { kind: 'pseudo', name: "''::text" };
    case 'TO_CLOB':
      // CLOBs are text: TO_CLOB of a character value is a cast (a BLOB with a character set is not converted).
      return x.args.length === 1 && !x.args[0].name
        ? ({ kind: 'pg-cast', operand: { kind: 'paren', expr: x.args[0].value }, type: { kind: 'datatype', name: 'text', args: [] } } as Expr)
        : undefined;
    case 'EMPTY_BLOB':
      return x.args.length ? undefined : { kind: 'pseudo', name: "'\\x'::bytea" };
    case 'DBMS_LOB.GETLENGTH': {
      const [lob] = positional(x, ['LOB_LOC']);
      return lob ? call('length', lob) : undefined;
    }
    case 'DBMS_LOB.SUBSTR': {
      // DBMS_LOB.SUBSTR(lob, amount = 32767, offset = 1): amount characters (bytes of a BLOB) from
      // offset. Unlike SQL SUBSTR it returns NULL for an offset < 1 (no counting from the end, 0 is
      // not 1), an amount outside 1 .. 32767, and a piece past the end or of an empty LOB (a
      // VARCHAR2 / RAW result); the INTEGER parameters round a fractional value.
      const [lob, amount, offset] = positional(x, ['LOB_LOC', 'AMOUNT', 'OFFSET']);
      if (!lob) return undefined;
      const off = offset ?? num('1');
      const amt = amount ?? num('32767');
      const [o, a] = [intLiteral(off), intLiteral(amt)];
      if ((o !== undefined && o < 1) || (a !== undefined && (a < 1 || a > 32767))) return NULL;
      const piece = call('nullif', call('substr', lob, o === undefined ? toInteger(off) : num(String(o)), a === undefined ? toInteger(amt) : num(String(a))), EMPTY_TEXT);
      const checks: Expr[] = [];
      if (o === undefined) checks.push(cmp('>=', toInteger(off), num('1')));
      if (a === undefined) checks.push({ kind: 'between', operand: toInteger(amt), low: num('1'), high: num('32767'), not: false } as Expr);
      return guarded(checks, piece);
    }
    case 'DBMS_LOB.INSTR': {
      // NULL for an offset or nth < 1 (SQL INSTR would search backwards from the end).
      const [lob, pattern, offset, nth] = positional(x, ['LOB_LOC', 'PATTERN', 'OFFSET', 'NTH']);
      if (!lob || !pattern) return undefined;
      const off = offset ?? num('1');
      const n = nth ?? num('1');
      const [o, k] = [intLiteral(off), intLiteral(n)];
      if ((o !== undefined && o < 1) || (k !== undefined && k < 1)) return NULL;
      const checks: Expr[] = [];
      if (o === undefined) checks.push(cmp('>=', toInteger(off), num('1')));
      if (k === undefined) checks.push(cmp('>=', toInteger(n), num('1')));
      return guarded(checks, call('INSTR', lob, pattern, o === undefined ? off : num(String(o)), k === undefined ? n : num(String(k))));
    }
    case 'DBMS_LOB.COMPARE': {
      const [a, b, amount] = positional(x, ['LOB_1', 'LOB_2', 'AMOUNT', 'OFFSET_1', 'OFFSET_2']);
      if (!a || !b || amount || x.args.length > 2) return undefined;
      // 0 when equal, -1 / 1 otherwise, NULL when either is NULL. CLOBs compare by character code
      // (Oracle: "the comparison is binary"), not by the database collation: COLLATE BINARY.
      const text = pc.typeClass?.(a) === 'string' || pc.typeClass?.(b) === 'string';
      const lt: Expr = text
        ? { kind: 'binary', op: '<', left: { kind: 'collate', operand: a, collation: 'BINARY' } as Expr, right: b }
        : { kind: 'binary', op: '<', left: a, right: b };
      return {
        kind: 'case',
        whens: [
          { when: { kind: 'binary', op: 'OR', left: { kind: 'is-null', operand: a, not: false }, right: { kind: 'is-null', operand: b, not: false } }, then: NULL },
          { when: { kind: 'binary', op: '=', left: a, right: b }, then: num('0') },
          { when: lt, then: { kind: 'unary', op: '-', operand: num('1') } },
        ],
        else: num('1'),
      } as Expr;
    }
    // RAW values are bytea; VARCHAR2 ↔ RAW casts keep the bytes (the database character set is UTF8).
    case 'UTL_RAW.CAST_TO_RAW':
      return x.args.length === 1 && !x.args[0].name ? castToRaw(x.args[0].value) : undefined;
    case 'UTL_RAW.CAST_TO_VARCHAR2':
      return x.args.length === 1 && !x.args[0].name ? call('convert_from', x.args[0].value, str('UTF8')) : undefined;
    // UTL_I18N.STRING_TO_RAW(text [, charset]) / RAW_TO_CHAR(raw [, charset]): the bytes of the
    // text in a character set, and back; without a character set, the database's (UTF8).
    case 'UTL_I18N.STRING_TO_RAW':
    case 'UTL_I18N.RAW_TO_CHAR': {
      const [v, cs] = positional(x, name === 'UTL_I18N.STRING_TO_RAW' ? ['DATA', 'DST_CHARSET'] : ['DATA', 'SRC_CHARSET']);
      const enc = cs === undefined ? 'UTF8' : pgEncoding(cs);
      if (!v || !enc) return undefined;
      return name === 'UTL_I18N.STRING_TO_RAW' ? call('convert_to', v, str(enc)) : call('convert_from', v, str(enc));
    }
    // UTL_ENCODE.BASE64_ENCODE(raw): the base 64 text as RAW, in lines of 64 characters ended by
    // CR LF as Oracle writes them (PostgreSQL's encode() breaks lines at 76 with LF).
    case 'UTL_ENCODE.BASE64_ENCODE': {
      const [v] = positional(x, ['R']);
      if (!v || x.args.length !== 1) return undefined;
      const crlf: Expr = { kind: 'binary', op: '||', left: call('chr', num('13')), right: call('chr', num('10')) };
      // The empty string as PostgreSQL text (an Oracle '' literal would be taken for NULL).
      const flat = call('replace', call('encode', v, str('base64')), call('chr', num('10')), { kind: 'pseudo', name: "''" });
      const lines = call('regexp_replace', flat, str('(.{64})(?=.)'), { kind: 'binary', op: '||', left: str('\\1'), right: crlf }, str('g'));
      return call('convert_to', lines, str('UTF8'));
    }
    // BASE64_DECODE(raw): decode() skips the line breaks (CR, LF) of the encoded text.
    case 'UTL_ENCODE.BASE64_DECODE': {
      const [v] = positional(x, ['R']);
      if (!v || x.args.length !== 1) return undefined;
      return call('decode', call('convert_from', v, str('UTF8')), str('base64'));
    }
    case 'UTL_RAW.SUBSTR': {
      // Byte positions of the RAW value (a negative position counts from the end), to its end by
      // default: SUBSTRB's on a RAW. (Oracle raises VALUE_ERROR for a range outside the value, where
      // SUBSTRB returns NULL.)
      const [r, pos, len] = positional(x, ['R', 'POS', 'LEN']);
      if (!r || !pos) return undefined;
      return len ? call('SUBSTRB', r, pos, len) : call('SUBSTRB', r, pos);
    }
    case 'UTL_RAW.CONVERT': {
      // CONVERT(r, to_charset, from_charset): the bytes re-encoded (character sets as NLS_LANG or
      // alone, literals with a PostgreSQL encoding of the same bytes).
      const [r, to, from] = positional(x, ['R', 'TO_CHARSET', 'FROM_CHARSET']);
      const [t, f] = [to && nlsLangEncoding(to), from && nlsLangEncoding(from)];
      if (!r || !t || !f) return undefined;
      return call('convert', r, str(f), str(t));
    }
    case 'UTL_RAW.LENGTH':
      return x.args.length === 1 && !x.args[0].name ? call('octet_length', x.args[0].value) : undefined;
    case 'UTL_RAW.CONCAT':
      // RAW (bytea) concatenation, not the text operator; NULL arguments add nothing (r1 … r12
      // default to NULL), no bytes at all is NULL.
      return x.args.length && !x.args.some((a) => a.name)
        ? call('nullif', byteaConcat(x.args.map((a) => call('coalesce', a.value, EMPTY_RAW))), EMPTY_RAW)
        : undefined;
    case 'DBMS_LOB.ISTEMPORARY':
    case 'DBMS_LOB.ISOPEN':
      // Values, not locators: nothing is temporary or open.
      return num('0');
    case 'DBMS_ASSERT.NOOP':
      return x.args[0]?.value;
    case 'DBMS_ASSERT.ENQUOTE_NAME':
      if (x.args.length !== 1) return undefined;
      pc.report('OPG-PLSQL-0020', {
        detail: 'DBMS_ASSERT.ENQUOTE_NAME became quote_ident: Oracle upper-cases the name and always quotes it, quote_ident keeps the case and quotes only when needed',
      });
      return call('quote_ident', x.args[0].value);
  }
  if (name === 'SYS_CONTEXT' && x.args.length === 2 && !x.args.some((a) => a.name)) {
    // An application context (DBMS_SESSION.SET_CONTEXT, see contextProcedure); USERENV is the
    // SQL rules' (a namespace known only at run time is taken for an application context).
    const ns = x.args[0].value;
    if (ns.kind === 'literal' && ns.value.toUpperCase() === 'USERENV') return undefined;
    return settingValue(contextSetting(ns, x.args[1].value));
  }
  if (name === 'DBMS_LOCK.REQUEST' || name === 'DBMS_LOCK.RELEASE') return advisoryLock(x, name, pc);
  if (/^DBMS_ASSERT\./.test(name))
    pc.fail(`${name}: name validation has no PostgreSQL built-in (check the name with to_regclass / to_regproc / a regular expression, or quote it with quote_ident)`);
  if (/^DBMS_LOB\./.test(name)) pc.fail(`${name}: LOBs are text / bytea values on PostgreSQL; rewrite with the string functions`);
  return undefined;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** The characters of DBMS_RANDOM.STRING's classes (P, printable, is chr(32) … chr(126)). */
export const RANDOM_CLASSES = { U: UPPER, L: UPPER.toLowerCase(), A: UPPER + UPPER.toLowerCase(), X: `${UPPER}0123456789` };

/**
 * DBMS_RANDOM.STRING(opt, len) with literal arguments in a SQL statement: the concatenation of len
 * random characters (a volatile expression per row, no helper function outside PL/SQL); undefined
 * for other arguments or more than 100 characters.
 */
function randomStringLiteral(opt: Expr, len: Expr): Expr | undefined {
  const o = opt.kind === 'literal' && opt.type === 'string' ? opt.value.toUpperCase() : undefined;
  const n = intLiteral(len);
  if (o === undefined || n === undefined || n > 100) return undefined;
  if (n < 1) return NULL;
  const chars = RANDOM_CLASSES[o as keyof typeof RANDOM_CLASSES] ?? (o === 'P' ? undefined : UPPER);
  const floorTimes = (k: number): Expr => ({ kind: 'pg-cast', operand: call('floor', { kind: 'binary', op: '*', left: call('random'), right: num(String(k)) } as Expr), type: { kind: 'datatype', name: 'integer', args: [] } }) as Expr;
  const one = (): Expr =>
    chars
      ? call('substr', { kind: 'pseudo', name: `'${chars}'` }, { kind: 'binary', op: '+', left: num('1'), right: floorTimes(chars.length) } as Expr, num('1'))
      : call('chr', { kind: 'binary', op: '+', left: num('32'), right: floorTimes(95) } as Expr);
  return call('concat', ...Array.from({ length: n }, one));
}

/**
 * DBMS_RANDOM.VALUE [(low, high)] / NORMAL / RANDOM on random(), in PL/SQL and in SQL statements
 * (ORDER BY DBMS_RANDOM.VALUE); undefined for other members or arguments.
 */
export function randomFunction(member: string, args: Expr[]): Expr | undefined {
  switch (member) {
    case 'VALUE':
      if (!args.length) return call('random');
      if (args.length !== 2) return undefined;
      return {
        kind: 'binary',
        op: '+',
        left: args[0],
        right: { kind: 'binary', op: '*', left: call('random'), right: { kind: 'paren', expr: { kind: 'binary', op: '-', left: args[1], right: args[0] } } },
      } as Expr;
    case 'NORMAL':
      // Box-Muller: standard normal distribution (mean 0, standard deviation 1).
      return args.length ? undefined : { kind: 'pseudo', name: '(sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))' };
    case 'RANDOM':
      return args.length ? undefined : { kind: 'pseudo', name: 'floor(random() * 4294967296 - 2147483648)::integer' };
  }
  return undefined;
}

/**
 * A function of an Oracle built-in package (DBMS_x / UTL_x) called in a SQL statement outside
 * PL/SQL — a view, a default, a script's query: the conversion PL/SQL gets for DBMS_LOB, UTL_RAW,
 * UTL_I18N, UTL_ENCODE and DBMS_RANDOM (also DBMS_RANDOM.VALUE written without parentheses), else
 * reported as not converted.
 * Undefined when not such a call, or not converted.
 */
/**
 * DBMS_UTILITY.GET_TIME: hundredths of a second from an arbitrary origin, wrapping in the
 * PLS_INTEGER range (only differences of two values mean anything, as Oracle documents).
 */
export function getTime(): Expr {
  const epoch: Expr = { kind: 'extract', field: 'EPOCH', from: call('clock_timestamp') } as Expr;
  const hundredths: Expr = { kind: 'pg-cast', operand: call('floor', { kind: 'binary', op: '*', left: epoch, right: num('100') } as Expr), type: { kind: 'datatype', name: 'bigint', args: [] } } as Expr;
  return { kind: 'pg-cast', operand: call('mod', hundredths, num('2147483648')), type: { kind: 'datatype', name: 'integer', args: [] } } as Expr;
}

/** Oracle-supplied packages (a user schema or package named UTL_APP is not one of them). */
const ORACLE_PACKAGES = new Set(
  (
    'DBMS_LOB DBMS_RANDOM DBMS_UTILITY DBMS_CRYPTO DBMS_OBFUSCATION_TOOLKIT DBMS_ASSERT DBMS_XMLGEN DBMS_LOCK ' +
    'DBMS_SESSION DBMS_APPLICATION_INFO DBMS_METADATA DBMS_STATS DBMS_SQL DBMS_OUTPUT DBMS_XMLDOM DBMS_XMLQUERY ' +
    'DBMS_JOB DBMS_SCHEDULER DBMS_PIPE DBMS_ALERT DBMS_FLASHBACK DBMS_TRANSACTION DBMS_ROWID DBMS_SPACE ' +
    'DBMS_MVIEW DBMS_AQ DBMS_JSON DBMS_DEBUG DBMS_PROFILER DBMS_DESCRIBE DBMS_DDL DBMS_SQLHASH ' +
    'UTL_RAW UTL_I18N UTL_ENCODE UTL_FILE UTL_HTTP UTL_SMTP UTL_MAIL UTL_URL UTL_TCP UTL_MATCH UTL_COMPRESS ' +
    'UTL_CALL_STACK UTL_LMS UTL_INADDR UTL_COLL UTL_REF UTL_NLA'
  ).split(' '),
);

export function sqlBuiltinCall(x: Expr, sink: BuiltinSink): Expr | undefined {
  const parts = x.kind === 'call' ? x.name : x.kind === 'column' ? x.parts : undefined;
  if (!parts) return undefined;
  const name = parts[0] === 'SYS' ? parts.slice(1) : parts;
  if (name.length !== 2 || !ORACLE_PACKAGES.has(name[0])) return undefined;
  const args = x.kind === 'call' ? x.args : [];
  if (name[0] === 'DBMS_RANDOM' && !args.some((a) => a.name)) {
    const r = name[1] === 'STRING' && args.length === 2 ? randomStringLiteral(args[0].value, args[1].value) : randomFunction(name[1], args.map((a) => a.value));
    if (r) return r;
  }
  if (x.kind !== 'call' || !args.length) {
    // A function without parentheses (DBMS_UTILITY.GET_TIME) or a package constant.
    if (name.join('.') === 'DBMS_UTILITY.GET_TIME') return getTime();
    sink.fail(
      `${name.join('.')}: Oracle built-in package function or constant with no conversion in a SQL statement outside PL/SQL (PostgreSQL has no such schema); compute the value with PostgreSQL functions, or call a PL/pgSQL function that does`,
    );
    return undefined;
  }
  let failed = false;
  const r = builtinFunction({ ...x, name }, { report: (id, a) => sink.report(id, a), fail: (m) => ((failed = true), sink.fail(m)), typeClass: sink.typeClass });
  if (r || failed) return r;
  sink.fail(
    `${name.join('.')}: Oracle built-in package function with no conversion in a SQL statement outside PL/SQL (PostgreSQL has no such schema); compute the value with PostgreSQL functions, or call a PL/pgSQL function that does`,
  );
  return undefined;
}

/** Oracle lock mode constant or number → shared (S, SS, SSX?) or exclusive; undefined when unknown. */
function lockMode(e: Expr | undefined): 'shared' | 'exclusive' | undefined {
  if (!e) return 'exclusive'; // DBMS_LOCK.X_MODE is the default
  const n = e.kind === 'column' && e.parts.length === 2 && e.parts[0] === 'DBMS_LOCK' ? e.parts[1] : e.kind === 'literal' ? e.value : undefined;
  if (n === 'X_MODE' || n === '6') return 'exclusive';
  if (n === 'S_MODE' || n === '4') return 'shared';
  return undefined;
}

/**
 * DBMS_LOCK.REQUEST(handle, mode, timeout, release_on_commit) / RELEASE(handle) → advisory locks
 * keyed by a hash of the handle (the lock name, see ALLOCATE_UNIQUE): 0 = success, 1 = timeout
 * (only timeout 0, a try, or the default MAXWAIT, a wait, are converted), 4 = not owned on release.
 */
function advisoryLock(x: FuncCall, name: string, pc: BuiltinSink): Expr | undefined {
  const [handle, mode, timeout, onCommit] = positional(x, name.endsWith('RELEASE') ? ['LOCKHANDLE'] : ['LOCKHANDLE', 'LOCKMODE', 'TIMEOUT', 'RELEASE_ON_COMMIT']);
  const key = call('hashtextextended', handle ?? NULL, num('0'));
  const status = (ok: Expr, fail: string): Expr => ({ kind: 'case', whens: [{ when: ok, then: num('0') }], else: num(fail) }) as Expr;
  if (!handle) return undefined;
  if (name.endsWith('RELEASE')) {
    pc.report('OPG-PLSQL-0020', { detail: 'DBMS_LOCK.RELEASE became pg_advisory_unlock on a hash of the lock handle (only session-level locks can be released)' });
    return status(call('pg_advisory_unlock', key), '4');
  }
  const m = lockMode(mode);
  const flag = onCommit ? booleanValue(onCommit) : false;
  const xact = flag === true;
  const t = timeout?.kind === 'literal' ? timeout.value : timeout?.kind === 'column' && timeout.parts.join('.') === 'DBMS_LOCK.MAXWAIT' ? 'MAXWAIT' : timeout ? undefined : 'MAXWAIT';
  if (!m || t === undefined || (t !== '0' && t !== 'MAXWAIT') || flag === undefined) {
    pc.fail(`${name} with this lock mode, timeout or release option (advisory locks: exclusive or shared, no wait or wait forever)`);
    return undefined;
  }
  const fn = `pg_${t === '0' ? 'try_' : ''}advisory_${xact ? 'xact_' : ''}lock${m === 'shared' ? '_shared' : ''}`;
  pc.report('OPG-PLSQL-0020', {
    detail: `DBMS_LOCK.REQUEST became ${fn} on a hash of the lock handle: the lock is per database, two names may share a hash, and Oracle's other lock modes do not exist`,
  });
  // pg_advisory_lock returns void: the wait either gets the lock or fails (then Oracle returns 1 after MAXWAIT).
  // pg_advisory_lock returns void (a non-null value) once it holds the lock.
  if (t === 'MAXWAIT') return status({ kind: 'is-null', operand: call(fn, key), not: true }, '1');
  return status(call(fn, key), '1');
}

/** TRUE / FALSE as a literal or as the PL/SQL names; undefined for anything else. */
function booleanValue(e: Expr): boolean | undefined {
  if (e.kind === 'literal' && e.type === 'boolean') return e.value.toUpperCase() === 'TRUE';
  if (e.kind === 'column' && e.parts.length === 1 && (e.parts[0] === 'TRUE' || e.parts[0] === 'FALSE')) return e.parts[0] === 'TRUE';
  return undefined;
}

/**
 * `status := DBMS_LOCK.REQUEST(handle, mode, n, release_on_commit)` with a wait of n seconds
 * (0 < n < MAXWAIT): an advisory lock taken under lock_timeout = n s in a block that turns the
 * timeout error into Oracle's status 1 (the previous lock_timeout is put back). Undefined for
 * anything else (the expression form handles no wait and wait forever).
 */
export function lockRequestStatement(target: Expr, value: Expr, pc: PlContext): string[] | undefined {
  if (value.kind !== 'call' || value.name.map((n) => n.toUpperCase()).join('.') !== 'DBMS_LOCK.REQUEST') return undefined;
  const [handle, mode, timeout, onCommit] = positional(value, ['LOCKHANDLE', 'LOCKMODE', 'TIMEOUT', 'RELEASE_ON_COMMIT']);
  const seconds = timeout?.kind === 'literal' && timeout.type === 'number' ? Number(timeout.value) : Number.NaN;
  const m = lockMode(mode);
  const flag = onCommit ? booleanValue(onCommit) : false;
  if (!handle || !m || flag === undefined || !(seconds > 0 && seconds < 32767)) return undefined;
  const xact = flag;
  const fn = `pg_advisory_${xact ? 'xact_' : ''}lock${m === 'shared' ? '_shared' : ''}`;
  pc.report('OPG-PLSQL-0020', {
    detail: `DBMS_LOCK.REQUEST with a ${seconds} s wait became ${fn} on a hash of the lock handle under lock_timeout = ${seconds} s (a timeout gives status 1): the lock is per database, two names may share a hash, and Oracle's other lock modes and statuses (deadlock, parameter error) do not exist`,
  });
  const t = pc.expr(target);
  return [
    'DECLARE',
    "  opg_lock_timeout text := current_setting('lock_timeout');",
    'BEGIN',
    `  PERFORM set_config('lock_timeout', '${Math.round(seconds * 1000)}ms', true);`,
    `  PERFORM ${fn}(hashtextextended(${pc.expr(handle)}, 0));`,
    "  PERFORM set_config('lock_timeout', opg_lock_timeout, true);",
    `  ${t} := 0;`,
    'EXCEPTION',
    '  WHEN lock_not_available THEN',
    `    ${t} := 1;`,
    'END;',
  ];
}

/** Custom setting that holds an application context attribute: opg_ctx.<namespace>.<attribute>. */
function contextSetting(ns: Expr, attr: Expr): Expr {
  return call('format', str('opg_ctx.%s.%s'), call('lower', ns), call('lower', attr));
}

/**
 * DBMS_SESSION.SET_CONTEXT(namespace, attribute, value) / CLEAR_CONTEXT(namespace, client_id,
 * attribute) / CLEAR_ALL_CONTEXT(namespace) → set_config of the custom setting SYS_CONTEXT(namespace,
 * attribute) reads ('' reads as NULL, as an unset attribute). SET_CONTEXT also lists the attribute
 * in opg_ctxlist.<namespace> (comma-separated), which CLEAR_ALL_CONTEXT walks. Undefined when not
 * handled (globally accessed contexts: USERNAME / CLIENT_ID).
 */
export function contextProcedure(x: FuncCall, pc: PlContext): string[] | undefined {
  const name = x.name.map((n) => n.toUpperCase()).join('.');
  const kind = { 'DBMS_SESSION.SET_CONTEXT': 'set', 'DBMS_SESSION.CLEAR_CONTEXT': 'clear', 'DBMS_SESSION.CLEAR_ALL_CONTEXT': 'all' }[name];
  if (!kind) return undefined;
  const names = { set: ['NAMESPACE', 'ATTRIBUTE', 'VALUE', 'USERNAME', 'CLIENT_ID'], clear: ['NAMESPACE', 'CLIENT_ID', 'ATTRIBUTE'], all: ['NAMESPACE'] }[kind]!;
  if (x.args.some((a) => a.name && !names.includes(a.name))) return undefined;
  const [ns, second, third, user, client] = positional(x, names);
  const attr = kind === 'set' ? second : third;
  if (!ns || (kind !== 'all' && !attr) || (kind === 'set' && (!third || user || client)) || (kind === 'clear' && second)) return undefined;
  pc.report('OPG-PLSQL-0020', {
    detail: `${name} became set_config of custom settings opg_ctx.<namespace>.<attribute>, which SYS_CONTEXT reads: the values belong to the session as in Oracle, but a ROLLBACK of the transaction that set them undoes them (Oracle contexts are not transactional), and no trusted package guards them`,
  });
  const nsText = pc.expr(ns);
  const list = `format('opg_ctxlist.%s', lower(${nsText}))`;
  const current = `string_to_array(nullif(current_setting(${list}, true), ''), ',')`;
  if (kind === 'all')
    return [
      `PERFORM set_config(format('opg_ctx.%s.%s', lower(${nsText}), opg_a), '', false) FROM unnest(${current}) AS opg_a;`,
      `PERFORM set_config(${list}, '', false);`,
    ];
  const attrText = pc.expr(attr!);
  const setting = `format('opg_ctx.%s.%s', lower(${nsText}), lower(${attrText}))`;
  if (kind === 'clear') return [`PERFORM set_config(${setting}, '', false);`];
  return [
    `PERFORM set_config(${setting}, (${pc.expr(third!)})::text, false);`,
    `PERFORM set_config(${list}, array_to_string(array_append(array_remove(${current}, lower(${attrText})), lower(${attrText})), ','), false);`,
  ];
}
