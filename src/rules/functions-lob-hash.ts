/**
 * LOB constructors and hash functions in SQL:
 * - EMPTY_CLOB() / EMPTY_BLOB(): an empty, non-NULL value ('' text / empty bytea);
 *   TO_CLOB(x) of a character value: x as text.
 * - STANDARD_HASH(expr [, method]) of a character value: the digest of its UTF-8 bytes, a RAW
 *   (bytea) as in Oracle — MD5 and SHA256/384/512 built in, SHA1 (the default) through pgcrypto's
 *   digest (OPG-PLSQL-0040). Oracle hashes other types in their internal representation: not
 *   converted.
 * - ORA_HASH(expr [, max_bucket [, seed]]): a bucket in 0 .. max_bucket from PostgreSQL's own hash
 *   (hashtextextended of the value's text): the spread is the same, the values are not Oracle's
 *   (OPG-EXPR-0024).
 */
import type { Expr } from '../ast/expr.js';
import { bin, call, cast, lit, notConverted, num, numberValue, report, stringValue } from './builders.js';
import type { FunctionRule } from './rule-types.js';

const textOf = (e: Expr): Expr => call('convert_to', cast(e, 'text'), lit('UTF8'));

export const LOB_HASH_RULES: Record<string, FunctionRule> = {
  EMPTY_CLOB: (a) => {
    if (a.length) throw new Error('EMPTY_CLOB takes no argument');
    return cast(lit(''), 'text');
  },
  EMPTY_BLOB: (a) => {
    if (a.length) throw new Error('EMPTY_BLOB takes no argument');
    return cast(lit('\\x'), 'bytea');
  },
  TO_CLOB: (a, base, ctx, _orig, types) => {
    if (a.length === 1 && (types[0].cls === 'string' || types[0].cls === 'unknown')) return cast(a[0], 'text');
    notConverted(ctx, 'TO_CLOB of a non-character value (a BLOB with a character set: use convert_from)');
    return base;
  },
  STANDARD_HASH: (a, base, ctx, _orig, types) => {
    const method = a.length > 1 ? stringValue(a[1])?.toUpperCase() : 'SHA1';
    if (types[0].cls !== 'string' && types[0].cls !== 'unknown') {
      notConverted(ctx, 'STANDARD_HASH of a non-character value (Oracle hashes its internal representation)');
      return base;
    }
    switch (method) {
      case 'MD5':
        return call('decode', call('md5', textOf(a[0])), lit('hex'));
      case 'SHA256':
      case 'SHA384':
      case 'SHA512':
        return call(method.toLowerCase(), textOf(a[0]));
      case 'SHA1':
        report(ctx, 'OPG-PLSQL-0040', {
          detail: 'STANDARD_HASH(…, \'SHA1\') (SHA1 is its default) became digest(…, \'sha1\') of the pgcrypto extension',
        });
        return call('digest', textOf(a[0]), lit('sha1'));
      default:
        notConverted(ctx, `STANDARD_HASH method ${method ?? '(not a literal)'}`);
        return base;
    }
  },
  ORA_HASH: (a, base, ctx) => {
    const max = a.length > 1 ? numberValue(a[1]) : 4294967295;
    const seed = a.length > 2 ? a[2] : num(0);
    if (max === undefined && a.length > 1) {
      // A bucket count known only at run time.
      report(ctx, 'OPG-EXPR-0024', { detail: 'ORA_HASH became a bucket of hashtextextended: the same spread, not Oracle\'s values' });
      return call('mod', bin('&', call('hashtextextended', cast(a[0], 'text'), cast(seed, 'bigint')), num('9223372036854775807')), bin('+', cast(a[1], 'bigint'), num(1)));
    }
    if (max === undefined) return base;
    report(ctx, 'OPG-EXPR-0024', { detail: 'ORA_HASH became a bucket of hashtextextended: the same spread, not Oracle\'s values (do not compare them with hashes computed by Oracle)' });
    return call('mod', bin('&', call('hashtextextended', cast(a[0], 'text'), cast(seed, 'bigint')), num('9223372036854775807')), num(max + 1));
  },
};
