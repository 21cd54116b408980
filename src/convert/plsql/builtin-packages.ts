/**
 * Oracle built-in packages with a PostgreSQL equivalent, beyond the ones of builtins.ts:
 *
 * - DBMS_UTILITY: FORMAT_CALL_STACK (PG_CONTEXT, through a helper), FORMAT_ERROR_STACK /
 *   FORMAT_ERROR_BACKTRACE (SQLERRM / PG_EXCEPTION_CONTEXT read by GET STACKED DIAGNOSTICS at the
 *   start of the handler), DB_VERSION, PORT_STRING, GET_HASH_VALUE, COMMA_TO_TABLE (a helper that
 *   validates and cuts the list) / TABLE_TO_COMMA.
 * - UTL_RAW: BIT_AND / BIT_OR / BIT_XOR / BIT_COMPLEMENT / REVERSE (helpers), CAST_FROM_BINARY_INTEGER;
 *   DBMS_OBFUSCATION_TOOLKIT.MD5 of a RAW, or of a string under UTL_RAW.CAST_TO_RAW.
 * - DBMS_APPLICATION_INFO: the module is application_name; action and client info are the custom
 *   settings opg_appinfo.action / opg_appinfo.client_info.
 * - DBMS_RANDOM: VALUE, STRING, NORMAL, RANDOM on random(); SEED / INITIALIZE call setseed.
 * - DBMS_CRYPTO.HASH: md5 / sha256 / sha384 / sha512 built in, SHA-1 through pgcrypto's digest;
 *   the HASH_* constants (parameter defaults too).
 * - DBMS_LOB.CONVERTTOBLOB / CONVERTTOCLOB: convert_to / convert_from (UTF8, the database character
 *   set); the DBMS_LOB constants.
 * - DBMS_OUTPUT.GET_LINE: the buffer is always empty (PUT_LINE is RAISE NOTICE, statements.ts).
 * - DBMS_XMLGEN: CONVERT; GETXML / GETXMLTYPE of a query or a context handle and the context calls
 *   (xmlgen.ts).
 * - DBMS_ASSERT.SIMPLE_SQL_NAME / QUALIFIED_SQL_NAME / SCHEMA_NAME / SQL_OBJECT_NAME: helper functions
 *   that return the name or raise the Oracle error (ORA-44001…44004 as SQLSTATE O4401…O4404, so
 *   handlers of DBMS_ASSERT.INVALID_* match, see exceptions.ts).
 *
 * Helpers are created before the unit (PlContext.preStatements), in the schema of the unit's
 * search path, like the sparse-collection helpers.
 */
import type { Expr, FuncCall } from '../../ast/expr.js';
import { bin, call, cast, lit, NULL, num } from '../../rules/builders.js';
import { XML_METHODS, xmlMethod } from '../../rules/xml.js';
import { getTime, RANDOM_CLASSES, randomFunction } from './builtins.js';
import type { PlContext } from './context.js';
import { SQLERRM_TEXT } from './exceptions.js';
import { XMLGEN_PARAMS, type XmlgenArg, xmlgenExpr, xmlgenProcedure } from './xmlgen.js';

const pseudo = (name: string): Expr => ({ kind: 'pseudo', name });

/** Package name without SYS.: [DBMS_X, MEMBER] or undefined. */
function packageName(parts: string[]): string | undefined {
  const p = parts[0] === 'SYS' && parts.length === 3 ? parts.slice(1) : parts;
  return p.length === 2 && /^(DBMS_|UTL_)/.test(p[0]) ? p.join('.') : undefined;
}

/** Arguments in parameter order (named ones put in place); undefined when a name is unknown. */
function positional(args: FuncCall['args'], names: string[]): (Expr | undefined)[] | undefined {
  const out: (Expr | undefined)[] = [];
  for (const [i, a] of args.entries()) {
    const at = a.name ? names.indexOf(a.name.toUpperCase()) : i;
    if (at < 0) return undefined;
    out[at] = a.value;
  }
  return out;
}

/** Oracle's package constants. */
const CONSTANTS: Record<string, string> = {
  'DBMS_CRYPTO.HASH_MD4': '1',
  'DBMS_CRYPTO.HASH_MD5': '2',
  'DBMS_CRYPTO.HASH_SH1': '3',
  'DBMS_CRYPTO.HASH_SH256': '4',
  'DBMS_CRYPTO.HASH_SH384': '5',
  'DBMS_CRYPTO.HASH_SH512': '6',
  'DBMS_CRYPTO.HMAC_MD5': '1',
  'DBMS_CRYPTO.HMAC_SH1': '2',
  'DBMS_CRYPTO.HMAC_SH256': '3',
  'DBMS_CRYPTO.HMAC_SH384': '4',
  'DBMS_CRYPTO.HMAC_SH512': '5',
  'DBMS_XMLGEN.ENTITY_ENCODE': '0',
  'DBMS_XMLGEN.ENTITY_DECODE': '1',
  'DBMS_XMLGEN.DROP_NULLS': '0',
  'DBMS_XMLGEN.NULL_ATTR': '1',
  'DBMS_XMLGEN.EMPTY_TAG': '2',
  'DBMS_XMLGEN.NONE': '0',
  'DBMS_LOB.DEFAULT_CSID': '0',
  'DBMS_LOB.DEFAULT_LANG_CTX': '0',
  'DBMS_LOB.NO_WARNING': '0',
  'DBMS_LOB.WARN_INCONVERTIBLE_CHAR': '1',
  'DBMS_LOB.LOB_READONLY': '0',
  'DBMS_LOB.LOB_READWRITE': '1',
  'DBMS_LOB.CALL': '12',
  'DBMS_LOB.SESSION': '10',
  'UTL_RAW.BIG_ENDIAN': '1',
  'UTL_RAW.LITTLE_ENDIAN': '2',
  'UTL_RAW.MACHINE_ENDIAN': '3',
  // 2^64 - 1 in Oracle; the largest text / bytea length here.
  'DBMS_LOB.LOBMAXSIZE': '1073741823',
};

const HASH_FUNCTIONS: Record<string, string> = {
  '2': 'md5',
  '3': 'sha1',
  '4': 'sha256',
  '5': 'sha384',
  '6': 'sha512',
};

const helper = (name: string, args: string, returns: string, body: string, volatility = 'IMMUTABLE') =>
  `CREATE OR REPLACE FUNCTION ${name}(${args})\nRETURNS ${returns}\nLANGUAGE plpgsql\n${volatility}\nAS $body$\n${body}\n$body$;`;

/** An Oracle simple SQL name: unquoted (a letter, then letters, digits, _ $ #) or quoted ("" inside). */
const SIMPLE = `([[:alpha:]][[:alnum:]_$#]*|"([^"]|"")+")`;
const QUALIFIED = `${SIMPLE}(\\.${SIMPLE})*(@${SIMPLE}(\\.${SIMPLE})*)?`;
const raise = (state: string, message: string) =>
  `RAISE EXCEPTION USING ERRCODE = '${state}', MESSAGE = '${message}';`;
/** A name part in PostgreSQL's spelling: unquoted Oracle names (upper case) are lower case here (see pgNameOf). */
const PG_PART = `CASE WHEN p ~ '^[A-Z_][A-Z0-9_$#]*$' THEN lower(p) ELSE p END`;

const HELPERS: Record<string, string> = {
  opg_assert_simple_sql_name: helper(
    'opg_assert_simple_sql_name',
    'str text',
    'text',
    `BEGIN\n  IF str IS NULL OR str !~ '^\\s*${SIMPLE}\\s*$' THEN\n    ${raise('O4403', 'ORA-44003: invalid SQL name')}\n  END IF;\n  RETURN str;\nEND;`,
  ),
  opg_assert_qualified_sql_name: helper(
    'opg_assert_qualified_sql_name',
    'str text',
    'text',
    `BEGIN\n  IF str IS NULL OR str !~ '^\\s*${QUALIFIED}\\s*$' THEN\n    ${raise('O4404', 'ORA-44004: invalid qualified SQL name')}\n  END IF;\n  RETURN str;\nEND;`,
  ),
  opg_assert_schema_name: helper(
    'opg_assert_schema_name',
    'str text',
    'text',
    `BEGIN\n  IF str IS NULL OR NOT EXISTS (SELECT FROM pg_namespace WHERE nspname = (SELECT ${PG_PART} FROM (SELECT str AS p) AS n)) THEN\n    ${raise('O4401', 'ORA-44001: invalid schema name')}\n  END IF;\n  RETURN str;\nEND;`,
    'STABLE',
  ),
  opg_assert_sql_object_name: helper(
    'opg_assert_sql_object_name',
    'str text',
    'text',
    [
      'DECLARE',
      '  parts text[];',
      '  found boolean := false;',
      'BEGIN',
      '  BEGIN',
      `    SELECT array_agg(${PG_PART} ORDER BY i) INTO parts FROM unnest(parse_ident(btrim(str))) WITH ORDINALITY AS x(p, i);`,
      '  EXCEPTION WHEN OTHERS THEN',
      '    parts := NULL;',
      '  END;',
      '  IF cardinality(parts) = 1 THEN',
      '    -- a relation, type or routine on the search path, or a package (a schema here)',
      '    found := to_regclass(quote_ident(parts[1])) IS NOT NULL OR to_regtype(quote_ident(parts[1])) IS NOT NULL',
      '      OR EXISTS (SELECT FROM pg_proc WHERE proname = parts[1] AND pg_function_is_visible(oid))',
      '      OR EXISTS (SELECT FROM pg_namespace WHERE nspname = parts[1]);',
      '  ELSIF cardinality(parts) = 2 THEN',
      '    -- schema.object, package.member (the package is a schema here), or owner.package',
      "    found := to_regclass(quote_ident(parts[1]) || '.' || quote_ident(parts[2])) IS NOT NULL",
      "      OR to_regtype(quote_ident(parts[1]) || '.' || quote_ident(parts[2])) IS NOT NULL",
      '      OR EXISTS (SELECT FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = parts[1] AND p.proname = parts[2])',
      '      OR EXISTS (SELECT FROM pg_namespace WHERE nspname = parts[2]);',
      '  ELSIF cardinality(parts) = 3 THEN',
      '    -- owner.package.member',
      '    found := EXISTS (SELECT FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = parts[2] AND p.proname = parts[3]);',
      '  END IF;',
      '  IF NOT found THEN',
      `    ${raise('O4402', 'ORA-44002: invalid object name')}`,
      '  END IF;',
      '  RETURN str;',
      'END;',
    ].join('\n'),
    'STABLE',
  ),
  // UTL_RAW.BIT_AND / BIT_OR / BIT_XOR: byte by byte over the shorter value, the rest of the longer
  // one appended (the result has the longer length); NULL when either is NULL.
  opg_raw_bitop: helper(
    'opg_raw_bitop',
    'r1 bytea, r2 bytea, op text',
    'bytea',
    [
      'DECLARE',
      '  r bytea := CASE WHEN length(r1) >= length(r2) THEN r1 ELSE r2 END;',
      'BEGIN',
      '  FOR i IN 0 .. least(length(r1), length(r2)) - 1 LOOP',
      "    r := set_byte(r, i, CASE op WHEN 'AND' THEN get_byte(r1, i) & get_byte(r2, i) WHEN 'OR' THEN get_byte(r1, i) | get_byte(r2, i) ELSE get_byte(r1, i) # get_byte(r2, i) END);",
      '  END LOOP;',
      '  RETURN r;',
      'END;',
    ].join('\n'),
    'IMMUTABLE STRICT',
  ),
  // UTL_RAW.REVERSE (bytes in reverse order) and BIT_COMPLEMENT (each byte's bits inverted).
  opg_raw_reverse: helper(
    'opg_raw_reverse',
    'r bytea',
    'bytea',
    'DECLARE\n  res bytea := r;\n  n integer := length(r);\nBEGIN\n  FOR i IN 0 .. n - 1 LOOP\n    res := set_byte(res, i, get_byte(r, n - 1 - i));\n  END LOOP;\n  RETURN res;\nEND;',
    'IMMUTABLE STRICT',
  ),
  opg_raw_complement: helper(
    'opg_raw_complement',
    'r bytea',
    'bytea',
    'DECLARE\n  res bytea := r;\nBEGIN\n  FOR i IN 0 .. length(r) - 1 LOOP\n    res := set_byte(res, i, 255 - get_byte(r, i));\n  END LOOP;\n  RETURN res;\nEND;',
    'IMMUTABLE STRICT',
  ),
  opg_comma_to_table: helper(
    'opg_comma_to_table',
    'list text',
    'varchar[]',
    [
      'DECLARE',
      "  items varchar[] := '{}';",
      '  item text;',
      'BEGIN',
      `  IF list IS NULL OR list !~ '^\\s*${QUALIFIED}\\s*(,\\s*${QUALIFIED}\\s*)*$' THEN`,
      "    RAISE EXCEPTION USING ERRCODE = 'O0001', MESSAGE = 'ORA-20001: comma-separated list invalid near ' || coalesce(list, '');",
      '  END IF;',
      `  FOR item IN SELECT m[1] FROM regexp_matches(list, '((?:"[^"]*"|[^,"])+)', 'g') AS m LOOP`,
      '    items := items || item::varchar;',
      '  END LOOP;',
      '  RETURN items || NULL::varchar;',
      'END;',
    ].join('\n'),
  ),
  // UTL_RAW.COMPARE(r1, r2, pad): 0 when equal, else the position of the first differing byte, the
  // shorter value padded with pad (00 by default); NULL counts as empty.
  opg_raw_compare: helper(
    'opg_raw_compare',
    'r1 bytea, r2 bytea, pad bytea',
    'integer',
    [
      'DECLARE',
      "  a bytea := coalesce(r1, '\\x'::bytea);",
      "  b bytea := coalesce(r2, '\\x'::bytea);",
      "  p integer := coalesce(get_byte(nullif(pad, '\\x'::bytea), 0), 0);",
      '  x integer;',
      '  y integer;',
      'BEGIN',
      '  FOR i IN 0 .. greatest(length(a), length(b)) - 1 LOOP',
      '    x := CASE WHEN i < length(a) THEN get_byte(a, i) ELSE p END;',
      '    y := CASE WHEN i < length(b) THEN get_byte(b, i) ELSE p END;',
      '    IF x <> y THEN',
      '      RETURN i + 1;',
      '    END IF;',
      '  END LOOP;',
      '  RETURN 0;',
      'END;',
    ].join('\n'),
  ),
  // DBMS_CRYPTO.MAC(src, typ, key): HMAC (RFC 2104) over the hash of opg_crypto_hash (HMAC_MD5 = 1
  // … HMAC_SH512 = 5 use hash types 2 … 6): the key hashed when longer than the block, padded with
  // zero bytes, then H((K xor opad) || H((K xor ipad) || src)). Built in for all but SHA-1.
  opg_crypto_mac: [
    helper(
      'opg_crypto_mac',
      'src bytea, typ integer, key bytea',
      'bytea',
      [
        'DECLARE',
        '  h integer := typ + 1;',
        '  bs integer := CASE WHEN typ IN (4, 5) THEN 128 ELSE 64 END;',
        '  k bytea := key;',
        '  ipad bytea;',
        '  opad bytea;',
        'BEGIN',
        '  IF typ NOT BETWEEN 1 AND 5 THEN',
        "    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('DBMS_CRYPTO.MAC: MAC type %s is not supported', typ);",
        '  END IF;',
        '  IF length(k) > bs THEN',
        '    k := opg_crypto_hash(k, h);',
        '  END IF;',
        "  k := k || decode(repeat('00', bs - length(k)), 'hex');",
        '  ipad := k;',
        '  opad := k;',
        '  FOR i IN 0 .. bs - 1 LOOP',
        '    ipad := set_byte(ipad, i, get_byte(k, i) # 54);',
        '    opad := set_byte(opad, i, get_byte(k, i) # 92);',
        '  END LOOP;',
        '  RETURN opg_crypto_hash(opad || opg_crypto_hash(ipad || src, h), h);',
        'END;',
      ].join('\n'),
      'IMMUTABLE STRICT',
    ),
    helper(
      'opg_crypto_mac',
      'src text, typ integer, key bytea',
      'bytea',
      "BEGIN\n  RETURN opg_crypto_mac(convert_to(src, 'UTF8'), typ, key);\nEND;",
      'IMMUTABLE STRICT',
    ),
  ].join('\n'),
  // DBMS_ASSERT.ENQUOTE_LITERAL: the text in single quotes (none added when already quoted); the
  // quotes inside must already be doubled, else VALUE_ERROR. quote_literal would double them again
  // and write E'…' for a backslash.
  opg_assert_enquote_literal: helper(
    'opg_assert_enquote_literal',
    'str text',
    'text',
    [
      'DECLARE',
      "  s text := coalesce(str, '');",
      'BEGIN',
      "  IF length(s) >= 2 AND left(s, 1) = '''' AND right(s, 1) = '''' THEN",
      '    s := substr(s, 2, length(s) - 2);',
      '  END IF;',
      "  IF strpos(replace(s, '''''', ''), '''') > 0 THEN",
      "    RAISE numeric_value_out_of_range USING MESSAGE = 'ORA-06502: PL/SQL: numeric or value error';",
      '  END IF;',
      "  RETURN '''' || s || '''';",
      'END;',
    ].join('\n'),
  ),
  // DBMS_CRYPTO.RANDOMBYTES(n): n cryptographically random bytes, pgcrypto's gen_random_bytes (at
  // most 1024 a call, hence the loop), run dynamically so the helper compiles without the extension.
  opg_random_bytes: helper(
    'opg_random_bytes',
    'n integer',
    'bytea',
    [
      'DECLARE',
      "  r bytea := '\\x'::bytea;",
      '  part bytea;',
      'BEGIN',
      '  WHILE length(r) < n LOOP',
      "    EXECUTE 'SELECT gen_random_bytes($1)' INTO part USING least(n - length(r), 1024);",
      '    r := r || part;',
      '  END LOOP;',
      '  RETURN r;',
      'END;',
    ].join('\n'),
    'VOLATILE STRICT',
  ),
  // DBMS_RANDOM.STRING(opt, len): len (at most 4000) random characters of the class opt names:
  // U (the default), L, A (mixed case), X (upper case and digits), P (printable, 32 … 126).
  opg_random_string: helper(
    'opg_random_string',
    'opt text, len integer',
    'text',
    [
      'DECLARE',
      `  chars text := CASE upper(opt) WHEN 'L' THEN '${RANDOM_CLASSES.L}' WHEN 'A' THEN '${RANDOM_CLASSES.A}' WHEN 'X' THEN '${RANDOM_CLASSES.X}' WHEN 'P' THEN NULL ELSE '${RANDOM_CLASSES.U}' END;`,
      "  r text := '';",
      'BEGIN',
      '  FOR i IN 1 .. least(len, 4000) LOOP',
      '    r := r || CASE WHEN chars IS NULL THEN chr(32 + floor(random() * 95)::integer) ELSE substr(chars, 1 + floor(random() * length(chars))::integer, 1) END;',
      '  END LOOP;',
      "  RETURN nullif(r, '');",
      'END;',
    ].join('\n'),
    'VOLATILE',
  ),
  opg_format_call_stack: helper(
    'opg_format_call_stack',
    '',
    'text',
    // PG_CONTEXT lists the calls innermost first, this helper's own line first of all.
    'DECLARE\n  s text;\nBEGIN\n  GET DIAGNOSTICS s = PG_CONTEXT;\n  RETURN substr(s, strpos(s, chr(10)) + 1) || chr(10);\nEND;',
    'VOLATILE',
  ),
  // SHA-1 is pgcrypto's; called through EXECUTE so that the code that does not hash with SHA-1
  // compiles and runs without the extension (a call without it fails: digest does not exist).
  opg_sha1: helper(
    'opg_sha1',
    'src bytea',
    'bytea',
    "DECLARE\n  r bytea;\nBEGIN\n  EXECUTE 'SELECT digest($1, ''sha1'')' INTO r USING src;\n  RETURN r;\nEND;",
  ),
  // Overloads for RAW / BLOB (bytea) and CLOB (text, hashed as its UTF-8 bytes); each algorithm
  // in its own branch, so pgcrypto is needed only when SHA-1 is asked for.
  opg_crypto_hash: [
    helper(
      'opg_crypto_hash',
      'src bytea, typ integer',
      'bytea',
      [
        'BEGIN',
        "  IF typ = 2 THEN RETURN decode(md5(src), 'hex');",
        // pgcrypto's digest, run dynamically: the helper is created (and checked) without the extension.
        '  ELSIF typ = 3 THEN RETURN opg_sha1(src);',
        '  ELSIF typ = 4 THEN RETURN sha256(src);',
        '  ELSIF typ = 5 THEN RETURN sha384(src);',
        '  ELSIF typ = 6 THEN RETURN sha512(src);',
        '  END IF;',
        "  RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('DBMS_CRYPTO.HASH: hash type %s is not supported', typ);",
        'END;',
      ].join('\n'),
    ),
    helper(
      'opg_crypto_hash',
      'src text, typ integer',
      'bytea',
      "BEGIN\n  RETURN opg_crypto_hash(convert_to(src, 'UTF8'), typ);\nEND;",
    ),
  ].join('\n'),
};

function useHelper(pc: PlContext, name: string): void {
  const h = HELPERS[name];
  if (!pc.preStatements.includes(h)) pc.preStatements.push(h);
}

/** Declared Oracle type of a variable / parameter expression (upper case), if known. */
function declaredType(e: Expr, pc: PlContext): string | undefined {
  if (e.kind === 'column' && e.parts.length === 1) return pc.lookup(e.parts[0])?.type?.name?.toUpperCase();
  if (e.kind === 'call') {
    const n = e.name.join('.').toUpperCase();
    if (['UTL_RAW.CAST_TO_RAW', 'HEXTORAW', 'UTL_I18N.STRING_TO_RAW', 'TO_BLOB'].includes(n)) return 'RAW';
    if (['TO_CLOB', 'TO_CHAR', 'UPPER', 'LOWER', 'SUBSTR'].includes(n)) return 'CLOB';
  }
  if (e.kind === 'literal' && e.type === 'string') return 'VARCHAR2';
  return undefined;
}

const BINARY_TYPES = new Set(['RAW', 'BLOB', 'LONG RAW']);
const TEXT_TYPES = new Set(['CLOB', 'NCLOB', 'VARCHAR2', 'NVARCHAR2', 'VARCHAR', 'CHAR', 'NCHAR', 'LONG']);

const NUMBER_TYPES = new Set([
  'NUMBER',
  'INTEGER',
  'INT',
  'PLS_INTEGER',
  'BINARY_INTEGER',
  'NATURAL',
  'POSITIVE',
  'CTXHANDLE',
]);

/** A DBMS_XMLGEN argument: a query text, a context handle (a number), or unknown (a ref cursor …). */
function xmlgenArg(e: Expr, pc: PlContext): XmlgenArg {
  const t = e.kind === 'literal' ? (e.type === 'string' ? 'VARCHAR2' : 'NUMBER') : declaredType(e, pc);
  if ((e.kind === 'binary' && e.op === '||') || (t && TEXT_TYPES.has(t))) return 'text';
  if (t && NUMBER_TYPES.has(t)) return 'handle';
  if (e.kind === 'call' && e.name.join('.').toLowerCase() === 'opg_xmlgen_newcontext') return 'handle';
  // a SYS_REFCURSOR variable, or one of a REF CURSOR type the unit declares
  const v = e.kind === 'column' && e.parts.length === 1 ? pc.lookup(e.parts[0])?.type : undefined;
  if (v) {
    // resolved again only to read it: the declaration reported its type already
    const [seen, failed] = [pc.findings.length, pc.unconvertible.length];
    const pgType = pc.resolvedType(v, 'DBMS_XMLGEN argument');
    pc.findings.length = seen;
    pc.unconvertible.length = failed;
    if (pgType === 'refcursor') return 'cursor';
  }
  return undefined;
}

/** DBMS_CRYPTO.HASH(src, typ). */
function cryptoHash(x: FuncCall, pc: PlContext): Expr | undefined {
  const a = positional(x.args, ['SRC', 'TYP']);
  if (!a?.[0] || !a[1]) return undefined;
  const [src, typ] = a as [Expr, Expr];
  const typName = typ.kind === 'column' ? packageName(typ.parts) : undefined;
  const code =
    typ.kind === 'literal' && typ.type === 'number' ? typ.value : typName ? CONSTANTS[typName] : undefined;
  if (code === '1') {
    pc.fail('DBMS_CRYPTO.HASH with HASH_MD4 (PostgreSQL and pgcrypto have no MD4)');
    return undefined;
  }
  if (code === '3' || code === undefined)
    pc.report('OPG-PLSQL-0040', {
      detail: `DBMS_CRYPTO.HASH${code ? ' with HASH_SH1' : ' with a hash type known at run time'}: SHA-1 is pgcrypto's digest(data, 'sha1'); the extension must be installed`,
    });
  const t = declaredType(src, pc);
  const kind = t && BINARY_TYPES.has(t) ? 'binary' : t && TEXT_TYPES.has(t) ? 'text' : undefined;
  const fn = code ? HASH_FUNCTIONS[code] : undefined;
  if (fn === 'md5') return call('decode', call('md5', src), lit('hex'));
  if (fn === 'sha1' && kind) {
    useHelper(pc, 'opg_sha1');
    return call('opg_sha1', kind === 'text' ? call('convert_to', src, lit('UTF8')) : src);
  }
  if (fn && fn !== 'sha1' && kind)
    return call(fn, kind === 'text' ? call('convert_to', src, lit('UTF8')) : src);
  // Type of the source or the algorithm known only at run time: the overloaded helper decides.
  useHelper(pc, 'opg_sha1');
  useHelper(pc, 'opg_crypto_hash');
  return call('opg_crypto_hash', src, cast({ kind: 'paren', expr: typ }, 'integer'));
}


/**
 * Package functions and constants used in expressions (x: a call, or a package member named without
 * parentheses); undefined when not handled here. `inner` converts argument expressions (PL/SQL names).
 */
export function builtinPackageExpr(x: Expr, pc: PlContext, inner: (e: Expr) => Expr): Expr | undefined {
  if (x.kind === 'call' && x.name.length === 1 && x.name[0] === 'XMLTYPE' && x.args.length === 1) {
    // XMLTYPE(object instance): Oracle's canonical XML of the object; PostgreSQL has none.
    const t = declaredType(x.args[0].value, pc);
    if (t && !TEXT_TYPES.has(t) && !BINARY_TYPES.has(t) && t !== 'XMLTYPE')
      pc.fail(
        `XMLTYPE(${t} value): the canonical XML of an object instance has no PostgreSQL equivalent (build it with xmlelement / xmlforest, or to_jsonb)`,
      );
    return undefined;
  }
  if (
    x.kind === 'call' &&
    x.name.length === 2 &&
    XML_METHODS.has(x.name[1].toUpperCase()) &&
    !x.args.some((a) => a.name)
  ) {
    // v.extract(path) / v.existsNode(path) / v.getClobVal() … of an XMLTYPE variable or parameter.
    const t = pc.lookup(x.name[0])?.type;
    if (t && !t.schema && t.name.toUpperCase() === 'XMLTYPE')
      return xmlMethod(
        { kind: 'column', parts: [x.name[0]] },
        x.name[1].toUpperCase(),
        x.args.map((a) => inner(a.value)),
        pc.ectx,
      );
  }
  const parts = x.kind === 'call' ? x.name : x.kind === 'column' ? x.parts : undefined;
  if (!parts || parts.length < 2 || pc.lookup(parts[0]) || pc.ownPackage(parts)) return undefined;
  const name = packageName(parts.map((p) => p.toUpperCase()));
  if (!name) return undefined;
  if (x.kind === 'column' && CONSTANTS[name]) return num(CONSTANTS[name]);
  if (name === 'UTL_RAW.CAST_TO_RAW' && x.kind === 'call' && x.args.length === 1 && !x.args[0].name) {
    // UTL_RAW.CAST_TO_RAW(DBMS_OBFUSCATION_TOOLKIT.MD5(input_string => s)): the digest's bytes.
    const md5 = x.args[0].value;
    if (
      md5.kind === 'call' &&
      packageName(md5.name.map((p) => p.toUpperCase())) === 'DBMS_OBFUSCATION_TOOLKIT.MD5' &&
      md5.args.length === 1 &&
      md5.args[0].name?.toUpperCase() === 'INPUT_STRING'
    )
      return call('decode', call('md5', inner(md5.args[0].value)), lit('hex'));
  }
  const c: FuncCall =
    x.kind === 'call'
      ? { ...x, args: x.args.map((a) => ({ ...a, value: inner(a.value) })) }
      : { kind: 'call', name: parts, args: [] };
  const args = c.args.map((a) => a.value);
  const named = c.args.some((a) => a.name);
  switch (name) {
    case 'DBMS_UTILITY.FORMAT_CALL_STACK':
      if (args.length) return undefined;
      pc.report('OPG-PLSQL-0020', {
        detail:
          'DBMS_UTILITY.FORMAT_CALL_STACK became the PL/pgSQL call stack (GET DIAGNOSTICS … PG_CONTEXT): one line per call, innermost first, in PostgreSQL\'s wording ("PL/pgSQL function f(integer) line 3 at …"); code that parses Oracle\'s layout needs rewriting',
      });
      useHelper(pc, 'opg_format_call_stack');
      return call('opg_format_call_stack');
    case 'DBMS_UTILITY.FORMAT_ERROR_STACK':
      if (args.length) return undefined;
      // The error message (ORA-nnnnn: text for the mapped errors), NULL outside a handler.
      return pc.handlerDepth ? bin('||', pseudo(SQLERRM_TEXT), call('chr', num(10))) : NULL;
    case 'DBMS_UTILITY.FORMAT_ERROR_BACKTRACE': {
      if (args.length) return undefined;
      if (!pc.handlerDepth) return NULL;
      pc.report('OPG-PLSQL-0020', {
        detail:
          "DBMS_UTILITY.FORMAT_ERROR_BACKTRACE became the PostgreSQL error context (GET STACKED DIAGNOSTICS … PG_EXCEPTION_CONTEXT): the routines and lines where the error was raised, in PostgreSQL's wording instead of ORA-06512 lines",
      });
      return bin('||', pseudo(errorContextVariable(pc)), call('chr', num(10)));
    }
    case 'DBMS_UTILITY.PORT_STRING':
      if (args.length) return undefined;
      pc.report('OPG-PLSQL-0020', {
        detail: 'DBMS_UTILITY.PORT_STRING became version() (the PostgreSQL build and platform)',
      });
      return call('version');
    case 'DBMS_UTILITY.GET_TIME':
      return args.length ? undefined : getTime();
    case 'DBMS_UTILITY.GET_HASH_VALUE': {
      const a = positional(c.args, ['NAME', 'BASE', 'HASH_SIZE']);
      if (!a?.[0] || !a[1] || !a[2]) return undefined;
      pc.report('OPG-PLSQL-0020', {
        detail:
          "DBMS_UTILITY.GET_HASH_VALUE became base + hashtext(name) modulo hash_size: values are in the same range but differ from Oracle's (do not compare them with hashes stored by Oracle)",
      });
      return bin(
        '+',
        a[1],
        call(
          'mod',
          call('abs', cast(call('hashtext', a[0]), 'bigint')),
          cast({ kind: 'paren', expr: a[2] }, 'bigint'),
        ),
      );
    }
    case 'DBMS_RANDOM.VALUE':
    case 'DBMS_RANDOM.NORMAL':
    case 'DBMS_RANDOM.RANDOM':
      return named ? undefined : randomFunction(name.slice('DBMS_RANDOM.'.length), args);
    case 'DBMS_RANDOM.STRING': {
      const a = positional(c.args, ['OPT', 'LEN']);
      if (!a?.[0] || !a[1]) return undefined;
      // A volatile function: each row of a query gets its own string (a scalar subquery would be
      // computed once for the whole statement).
      useHelper(pc, 'opg_random_string');
      return call('opg_random_string', a[0], cast({ kind: 'paren', expr: a[1] }, 'integer'));
    }
    case 'DBMS_CRYPTO.HASH':
      return cryptoHash(c, pc);
    case 'DBMS_CRYPTO.RANDOMBYTES':
    case 'DBMS_CRYPTO.RANDOMINTEGER': {
      // RANDOMBYTES(n) RETURN RAW; RANDOMINTEGER RETURN BINARY_INTEGER (32 random bits, signed).
      const bytes = name === 'DBMS_CRYPTO.RANDOMBYTES';
      const a = positional(c.args, ['NUMBER_BYTES']);
      if (!a || (bytes ? !a[0] : args.length)) return undefined;
      const detail = `${name}: cryptographically random bytes are pgcrypto's gen_random_bytes; the extension must be installed`;
      if (!pc.findings.some((f) => f.message === detail)) pc.report('OPG-PLSQL-0040', { detail });
      useHelper(pc, 'opg_random_bytes');
      if (bytes) return call('opg_random_bytes', cast({ kind: 'paren', expr: a[0] as Expr }, 'integer'));
      return pseudo("('x' || encode(opg_random_bytes(4), 'hex'))::bit(32)::integer");
    }
    case 'DBMS_CRYPTO.MAC': {
      const a = positional(c.args, ['SRC', 'TYP', 'KEY']);
      if (!a?.[0] || !a[1] || !a[2]) return undefined;
      const t = a[1];
      const code = t.kind === 'literal' && t.type === 'number' ? t.value : t.kind === 'column' ? CONSTANTS[packageName(t.parts) ?? ''] : undefined;
      if (code === undefined || code === '2')
        pc.report('OPG-PLSQL-0040', {
          detail: `DBMS_CRYPTO.MAC${code ? ' with HMAC_SH1' : ' with a MAC type known at run time'}: SHA-1 is pgcrypto's digest(data, 'sha1'); the extension must be installed`,
        });
      useHelper(pc, 'opg_sha1');
      useHelper(pc, 'opg_crypto_hash');
      useHelper(pc, 'opg_crypto_mac');
      const src = declaredType(a[0], pc);
      return call('opg_crypto_mac', src && TEXT_TYPES.has(src) ? cast(a[0], 'text') : a[0], cast({ kind: 'paren', expr: t }, 'integer'), a[2]);
    }
    case 'UTL_RAW.BIT_AND':
    case 'UTL_RAW.BIT_OR':
    case 'UTL_RAW.BIT_XOR': {
      const a = positional(c.args, ['R1', 'R2']);
      if (!a?.[0] || !a[1]) return undefined;
      useHelper(pc, 'opg_raw_bitop');
      return call('opg_raw_bitop', a[0], a[1], lit(name.slice('UTL_RAW.BIT_'.length)));
    }
    case 'UTL_RAW.REVERSE':
    case 'UTL_RAW.BIT_COMPLEMENT': {
      const a = positional(c.args, ['R']);
      if (!a?.[0] || args.length !== 1) return undefined;
      const fn = name === 'UTL_RAW.REVERSE' ? 'opg_raw_reverse' : 'opg_raw_complement';
      useHelper(pc, fn);
      return call(fn, a[0]);
    }
    case 'UTL_RAW.COMPARE': {
      const a = positional(c.args, ['R1', 'R2', 'PAD']);
      if (!a || a.length < 2) return undefined;
      useHelper(pc, 'opg_raw_compare');
      const raw = (e: Expr | undefined) => (e ? e : cast(NULL, 'bytea'));
      return call('opg_raw_compare', raw(a[0]), raw(a[1]), raw(a[2]));
    }
    case 'UTL_RAW.CAST_FROM_BINARY_INTEGER': {
      // The 4 bytes of the integer, most significant first (BIG_ENDIAN, the default) or last.
      const a = positional(c.args, ['N', 'ENDIANESS']);
      if (!a?.[0]) return undefined;
      const e = a[1];
      const endian = !e ? '1' : e.kind === 'literal' ? e.value : e.kind === 'column' ? CONSTANTS[packageName(e.parts) ?? ''] : undefined;
      if (endian !== '1' && endian !== '2') return undefined;
      const bytes = call('int4send', cast({ kind: 'paren', expr: a[0] }, 'integer'));
      if (endian === '1') return bytes;
      useHelper(pc, 'opg_raw_reverse');
      return call('opg_raw_reverse', bytes);
    }
    case 'UTL_RAW.CAST_TO_BINARY_INTEGER': {
      // The integer whose 4 bytes (fewer: the low-order ones) the RAW holds, most significant first
      // (BIG_ENDIAN, the default) or last.
      const a = positional(c.args, ['R', 'ENDIANESS']);
      if (!a?.[0]) return undefined;
      const e = a[1];
      const endian = !e ? '1' : e.kind === 'literal' ? e.value : e.kind === 'column' ? CONSTANTS[packageName(e.parts) ?? ''] : undefined;
      if (endian !== '1' && endian !== '2') return undefined;
      let r = a[0];
      if (endian === '2') {
        useHelper(pc, 'opg_raw_reverse');
        r = call('opg_raw_reverse', r);
      }
      const hex = call('lpad', call('encode', r, lit('hex')), num(8), lit('0'));
      return cast(cast(bin('||', lit('x'), hex), 'bit(32)'), 'integer');
    }
    case 'DBMS_OBFUSCATION_TOOLKIT.MD5': {
      // MD5(input => raw) returns the 16 bytes of the digest as RAW; MD5(input_string => text)
      // returns them as a VARCHAR2 of those bytes (see UTL_RAW.CAST_TO_RAW above for the usual use).
      if (c.args.length !== 1 || c.args[0].name?.toUpperCase() !== 'INPUT') {
        if (c.args[0]?.name?.toUpperCase() === 'INPUT_STRING')
          pc.fail(
            'DBMS_OBFUSCATION_TOOLKIT.MD5(input_string => …) returns the 16 digest bytes as characters, which PostgreSQL text cannot hold: use UTL_RAW.CAST_TO_RAW(DBMS_OBFUSCATION_TOOLKIT.MD5(input_string => …)) (converted to the digest as bytea) or md5(text) for the hex digest',
          );
        return undefined;
      }
      return call('decode', call('md5', args[0]), lit('hex'));
    }
    case 'DBMS_TRANSACTION.LOCAL_TRANSACTION_ID': {
      // The current transaction's id, NULL when none has started (no change made yet) unless
      // create_transaction is TRUE. PostgreSQL's transaction id gives the same comparisons.
      const a = positional(c.args, ['CREATE_TRANSACTION']);
      if (!a) return undefined;
      const create = a[0];
      const always = create?.kind === 'column' && create.parts.length === 1 && create.parts[0] === 'TRUE';
      if (
        create &&
        !always &&
        !(create.kind === 'column' && create.parts.length === 1 && create.parts[0] === 'FALSE')
      )
        return undefined;
      pc.report('OPG-PLSQL-0020', {
        detail: `DBMS_TRANSACTION.LOCAL_TRANSACTION_ID became ${always ? 'txid_current()' : 'txid_current_if_assigned()'} as text: one value per transaction as in Oracle, but a number instead of Oracle's undo segment.slot.sequence`,
      });
      return cast(call(always ? 'txid_current' : 'txid_current_if_assigned'), 'text');
    }
    case 'DBMS_XMLGEN.GETXML':
    case 'DBMS_XMLGEN.GETXMLTYPE':
    case 'DBMS_XMLGEN.NEWCONTEXT':
    case 'DBMS_XMLGEN.GETNUMROWSPROCESSED':
      return named ? undefined : xmlgenExpr(name, args, pc, (e) => xmlgenArg(e, pc));
    case 'DBMS_XMLGEN.CONVERT': {
      // ENTITY_ENCODE (the default) escapes the five XML special characters, ENTITY_DECODE undoes it.
      const a = positional(c.args, ['XMLDATA', 'FLAG']);
      if (!a?.[0]) return undefined;
      const flag = a[1];
      const flagName = flag?.kind === 'column' ? packageName(flag.parts) : undefined;
      const f = !flag
        ? '0'
        : flag.kind === 'literal' && flag.type === 'number'
          ? flag.value
          : flagName
            ? CONSTANTS[flagName]
            : undefined;
      if (f !== '0' && f !== '1') return undefined;
      const pairs: [string, string][] = [
        ['&', '&amp;'],
        ['<', '&lt;'],
        ['>', '&gt;'],
        ['"', '&quot;'],
        ["'", '&apos;'],
      ];
      const steps = f === '0' ? pairs : pairs.map(([x, y]): [string, string] => [y, x]).reverse();
      return steps.reduce<Expr>((e, [from, to]) => call('replace', e, lit(from), lit(to)), a[0]);
    }
    case 'DBMS_ASSERT.ENQUOTE_LITERAL':
      if (args.length !== 1 || named) return undefined;
      useHelper(pc, 'opg_assert_enquote_literal');
      return call('opg_assert_enquote_literal', args[0]);
    case 'DBMS_ASSERT.SIMPLE_SQL_NAME':
    case 'DBMS_ASSERT.QUALIFIED_SQL_NAME':
    case 'DBMS_ASSERT.SCHEMA_NAME':
    case 'DBMS_ASSERT.SQL_OBJECT_NAME': {
      if (args.length !== 1) return undefined;
      const fn = `opg_assert_${name.slice('DBMS_ASSERT.'.length).toLowerCase()}`;
      useHelper(pc, fn);
      if (name === 'DBMS_ASSERT.SCHEMA_NAME' || name === 'DBMS_ASSERT.SQL_OBJECT_NAME')
        pc.report('OPG-PLSQL-0020', {
          detail: `${name} became ${fn}, which looks the name up in the PostgreSQL catalog with the converter's naming (unquoted names in lower case, packages as schemas; --schema-map renames are not applied at run time) and raises ORA-${name.endsWith('SCHEMA_NAME') ? '44001' : '44002'} as SQLSTATE O44${name.endsWith('SCHEMA_NAME') ? '01' : '02'}`,
        });
      return call(fn, args[0]);
    }
  }
  return undefined;
}

/** The variable holding PG_EXCEPTION_CONTEXT in the handler being emitted (set by handlerPrologue). */
function errorContextVariable(pc: PlContext): string {
  const v = `opg_error_context${pc.handlerDepth}`;
  pc.extraDecls.set(`ERRCTX:${pc.handlerDepth}`, `${v} text;`);
  const set = pending.get(pc) ?? new Set<number>();
  set.add(pc.handlerDepth);
  pending.set(pc, set);
  return v;
}

const pending = new WeakMap<PlContext, Set<number>>();

/** Statements to put first in the handler just emitted (at the current handler depth). */
export function handlerPrologue(pc: PlContext): string[] {
  const set = pending.get(pc);
  if (!set?.has(pc.handlerDepth)) return [];
  set.delete(pc.handlerDepth);
  return [`GET STACKED DIAGNOSTICS opg_error_context${pc.handlerDepth} = PG_EXCEPTION_CONTEXT;`];
}

/** Oracle's parameters of DBMS_STATS.GATHER_TABLE_STATS / GATHER_SCHEMA_STATS and DBMS_MVIEW.REFRESH, in order. */
const GATHER_TABLE_PARAMS = ['OWNNAME', 'TABNAME', 'PARTNAME', 'ESTIMATE_PERCENT', 'BLOCK_SAMPLE', 'METHOD_OPT', 'DEGREE', 'GRANULARITY', 'CASCADE', 'STATTAB', 'STATID', 'STATOWN', 'NO_INVALIDATE', 'STATTYPE', 'FORCE', 'CONTEXT', 'OPTIONS'];
const GATHER_SCHEMA_PARAMS = ['OWNNAME', 'ESTIMATE_PERCENT', 'BLOCK_SAMPLE', 'METHOD_OPT', 'DEGREE', 'GRANULARITY', 'CASCADE', 'STATTAB', 'STATID', 'OPTIONS', 'STATOWN', 'NO_INVALIDATE', 'FORCE', 'OBJ_FILTER_LIST'];
const MVIEW_REFRESH_PARAMS = ['LIST', 'METHOD', 'ROLLBACK_SEG', 'PUSH_DEFERRED_RPC', 'REFRESH_AFTER_ERRORS', 'PURGE_OPTION', 'PARALLELISM', 'HEAP_SIZE', 'ATOMIC_REFRESH', 'NESTED', 'OUT_OF_PLACE', 'SKIP_EXT_DATA', 'REFRESH_MODE'];

/** An OUT argument that can be assigned (a variable, parameter or field). */
const assignable = (e: Expr | undefined): e is Expr =>
  !!e && (e.kind === 'column' || e.kind === 'field' || e.kind === 'subscript');

/** Procedure calls of the packages above → PL/pgSQL statements (undefined: not handled here). */
export function builtinPackageProcedure(c: FuncCall, pc: PlContext): string[] | undefined {
  const name = packageName(c.name.map((p) => p.toUpperCase()));
  if (!name || pc.lookup(c.name[0]) || pc.ownPackage(c.name)) return undefined;
  const arg = (e: Expr | undefined) => (e ? pc.expr(e) : 'NULL');
  const appInfo = () => {
    const detail =
      'DBMS_APPLICATION_INFO: the module is application_name (shown in pg_stat_activity, at most 63 bytes), the action and client info are the custom settings opg_appinfo.action / opg_appinfo.client_info (session settings: a rolled back transaction undoes them, other sessions do not see them)';
    if (!pc.findings.some((f) => f.message === detail)) pc.report('OPG-PLSQL-0020', { detail });
  };
  if (name.startsWith('DBMS_XMLGEN.')) {
    // Oracle's parameter names put named arguments in place; an unknown name or a gap: not handled.
    const a = positional(c.args, XMLGEN_PARAMS[name] ?? []);
    if (!a || Array.from(a).some((x) => !x)) return undefined;
    return xmlgenProcedure(
      name,
      (a as Expr[]).map((x) => arg(x)),
      pc,
    );
  }
  switch (name) {
    case 'DBMS_OUTPUT.GET_LINE': {
      // PUT_LINE became RAISE NOTICE (the text goes to the client at once): the buffer is always
      // empty, as in Oracle when DBMS_OUTPUT is disabled — no line, status 1.
      const a = positional(c.args, ['LINE', 'STATUS']);
      if (!assignable(a?.[0]) || !assignable(a?.[1])) return undefined;
      pc.report('OPG-PLSQL-0020', {
        detail:
          'DBMS_OUTPUT.GET_LINE always finds the buffer empty (line NULL, status 1): DBMS_OUTPUT.PUT_LINE became RAISE NOTICE, which sends the text to the client at once and keeps no buffer, so code that reads back its own output (to log or report it) gets nothing',
      });
      return [`${pc.expr(a[0])} := NULL;`, `${pc.expr(a[1])} := 1;`];
    }
    case 'DBMS_UTILITY.COMMA_TO_TABLE': {
      // The names cut from the list as written (blanks kept, commas inside double quotes not
      // counted), then a NULL element; a list that is not names separated by commas raises
      // ORA-20001 (raise_application_error, SQLSTATE O0001 here).
      const a = positional(c.args, ['LIST', 'TABLEN', 'TAB']);
      if (!a?.[0] || !assignable(a[1]) || !assignable(a[2])) return undefined;
      useHelper(pc, 'opg_comma_to_table');
      const tab = pc.expr(a[2]);
      return [`${tab} := opg_comma_to_table(${pc.expr(a[0])});`, `${pc.expr(a[1])} := cardinality(${tab}) - 1;`];
    }
    case 'DBMS_UTILITY.TABLE_TO_COMMA': {
      // The elements 1 .. n before the first NULL, joined with commas; tablen is n.
      const a = positional(c.args, ['TAB', 'TABLEN', 'LIST']);
      if (!a?.[0] || !assignable(a[1]) || !assignable(a[2])) return undefined;
      const tab = pc.expr(a[0]);
      const n = `coalesce(array_position(${tab}, NULL) - 1, cardinality(${tab}), 0)`;
      return [`${pc.expr(a[2])} := nullif(array_to_string((${tab})[1:${n}], ','), '');`, `${pc.expr(a[1])} := ${n};`];
    }
    case 'DBMS_UTILITY.DB_VERSION': {
      const a = positional(c.args, ['VERSION', 'COMPATIBILITY']);
      if (!assignable(a?.[0]) || !assignable(a?.[1])) return undefined;
      pc.report('OPG-PLSQL-0020', {
        detail:
          'DBMS_UTILITY.DB_VERSION became the PostgreSQL server version (server_version) for both the version and the compatibility',
      });
      const v = "split_part(current_setting('server_version'), ' ', 1)";
      return [`${pc.expr(a[0])} := ${v};`, `${pc.expr(a[1])} := ${v};`];
    }
    case 'DBMS_APPLICATION_INFO.SET_MODULE': {
      const a = positional(c.args, ['MODULE_NAME', 'ACTION_NAME']);
      if (!a) return undefined;
      appInfo();
      return [
        `PERFORM set_config('application_name', coalesce((${arg(a[0])})::text, ''), false);`,
        `PERFORM set_config('opg_appinfo.action', coalesce((${arg(a[1])})::text, ''), false);`,
      ];
    }
    case 'DBMS_APPLICATION_INFO.SET_ACTION':
    case 'DBMS_APPLICATION_INFO.SET_CLIENT_INFO': {
      const a = positional(c.args, [name.endsWith('ACTION') ? 'ACTION_NAME' : 'CLIENT_INFO']);
      if (!a) return undefined;
      appInfo();
      return [
        `PERFORM set_config('opg_appinfo.${name.endsWith('ACTION') ? 'action' : 'client_info'}', coalesce((${arg(a[0])})::text, ''), false);`,
      ];
    }
    case 'DBMS_SESSION.SET_IDENTIFIER':
    case 'DBMS_SESSION.CLEAR_IDENTIFIER': {
      const a = name.endsWith('CLEAR_IDENTIFIER') ? [] : positional(c.args, ['CLIENT_ID']);
      if (!a || (name.endsWith('SET_IDENTIFIER') && !a[0])) return undefined;
      pc.report('OPG-PLSQL-0020', {
        detail:
          "DBMS_SESSION.SET_IDENTIFIER / CLEAR_IDENTIFIER keep the client identifier in the custom setting opg_appinfo.client_identifier, read by SYS_CONTEXT('USERENV', 'CLIENT_IDENTIFIER') (a session setting: a rolled back transaction undoes it; it is not in pg_stat_activity)",
      });
      return [`PERFORM set_config('opg_appinfo.client_identifier', ${a[0] ? `coalesce((${arg(a[0])})::text, '')` : "''"}, false);`];
    }
    case 'DBMS_STATS.GATHER_TABLE_STATS':
    case 'DBMS_STATS.GATHER_SCHEMA_STATS': {
      const table = name.endsWith('TABLE_STATS');
      const a = positional(c.args, table ? GATHER_TABLE_PARAMS : GATHER_SCHEMA_PARAMS);
      if (!a?.[0] || (table && !a[1])) return undefined;
      pc.report('OPG-PLSQL-0020', {
        detail: `${name} became ANALYZE of ${table ? 'the table (owner.table when that schema has it, else the table on the search path; names folded to lower case)' : "every table and materialized view of the schema (the owner's name folded to lower case)"}: sampling, histogram (METHOD_OPT), DEGREE and statistics-table options are PostgreSQL's own (default_statistics_target)`,
      });
      if (table)
        // owner.table when that exists, else the table on the search path (the owner is often USER,
        // the Oracle schema, which is not a PostgreSQL schema name).
        return [
          `EXECUTE format('ANALYZE %s', coalesce(to_regclass(format('%I.%I', lower(${arg(a[0])}), lower(${arg(a[1])})))::text, format('%I', lower(${arg(a[1])}))));`,
        ];
      return [
        'DECLARE',
        '  opg_rel regclass;',
        'BEGIN',
        `  FOR opg_rel IN SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = lower(${arg(a[0])}) AND c.relkind IN ('r', 'p', 'm') LOOP`,
        "    EXECUTE format('ANALYZE %s', opg_rel);",
        '  END LOOP;',
        'END;',
      ];
    }
    case 'DBMS_MVIEW.REFRESH': {
      const a = positional(c.args, MVIEW_REFRESH_PARAMS) ?? positional(c.args, ['TAB', ...MVIEW_REFRESH_PARAMS.slice(1)]);
      if (!a?.[0]) return undefined;
      const method = a[1]?.kind === 'literal' ? a[1].value.toUpperCase() : a[1] ? '?' : 'C';
      pc.report('OPG-PLSQL-0020', {
        detail: `DBMS_MVIEW.REFRESH became REFRESH MATERIALIZED VIEW of each name of the list${/^C+$/.test(method) ? '' : ` (method '${method}': PostgreSQL has no fast or incremental refresh, each view is recomputed completely)`}; the views are locked for reads meanwhile unless CONCURRENTLY (which needs a unique index) is used`,
      });
      return [
        'DECLARE',
        '  opg_mv text;',
        'BEGIN',
        `  FOREACH opg_mv IN ARRAY string_to_array(replace(${arg(a[0])}, ' ', ''), ',') LOOP`,
        "    EXECUTE format('REFRESH MATERIALIZED VIEW %s', (SELECT string_agg(quote_ident(lower(opg_p)), '.') FROM unnest(string_to_array(opg_mv, '.')) AS opg_p));",
        '  END LOOP;',
        'END;',
      ];
    }
    case 'DBMS_APPLICATION_INFO.READ_CLIENT_INFO': {
      const a = positional(c.args, ['CLIENT_INFO']);
      if (!assignable(a?.[0])) return undefined;
      appInfo();
      return [`${pc.expr(a[0])} := nullif(current_setting('opg_appinfo.client_info', true), '');`];
    }
    case 'DBMS_APPLICATION_INFO.READ_MODULE': {
      const a = positional(c.args, ['MODULE_NAME', 'ACTION_NAME']);
      if (!assignable(a?.[0]) || !assignable(a?.[1])) return undefined;
      appInfo();
      return [
        `${pc.expr(a[0])} := nullif(current_setting('application_name'), '');`,
        `${pc.expr(a[1])} := nullif(current_setting('opg_appinfo.action', true), '');`,
      ];
    }
    case 'DBMS_RANDOM.SEED':
    case 'DBMS_RANDOM.INITIALIZE': {
      const a = positional(c.args, ['SEED', 'VAL']);
      if (!a?.[0] || a.length !== 1) return undefined;
      pc.report('OPG-PLSQL-0020', {
        detail: `${name} became setseed of a value in [-1, 1) derived from the seed (hashtext): one seed still gives one repeatable sequence, but not Oracle's numbers`,
      });
      return [`PERFORM setseed(hashtext((${arg(a[0])})::text) / 2147483648.0);`];
    }
    case 'DBMS_RANDOM.TERMINATE':
      return ['NULL;'];
    case 'DBMS_LOB.CONVERTTOBLOB':
    case 'DBMS_LOB.CONVERTTOCLOB': {
      const toBlob = name.endsWith('BLOB');
      const a = positional(c.args, [
        'DEST_LOB',
        toBlob ? 'SRC_CLOB' : 'SRC_BLOB',
        'AMOUNT',
        'DEST_OFFSET',
        'SRC_OFFSET',
        toBlob ? 'BLOB_CSID' : 'BLOB_CSID',
        'LANG_CONTEXT',
        'WARNING',
      ]);
      if (!a || !assignable(a[0]) || !a[1]) return undefined;
      const csid = a[5];
      const csidName = csid?.kind === 'column' ? packageName(csid.parts) : undefined;
      if (
        csid &&
        !(
          csidName === 'DBMS_LOB.DEFAULT_CSID' ||
          (csid.kind === 'literal' && ['0', '873'].includes(csid.value))
        )
      )
        pc.report('OPG-PLSQL-0020', {
          detail: `${name} with a character set id: converted with UTF8, the database character set`,
        });
      const dest = pc.expr(a[0]);
      const src = pc.expr(a[1]);
      const srcOff = a[4] ? `(${pc.expr(a[4])})::integer` : '1';
      const destOff = a[3] ? `(${pc.expr(a[3])})::integer` : '1';
      const amount = a[2] ? `least(${pc.expr(a[2])}, 1073741823)::integer` : '1073741823';
      const piece = toBlob
        ? `substr(${src}, ${srcOff}, ${amount})`
        : `substring(${src} from ${srcOff} for ${amount})`;
      const converted = toBlob ? `convert_to(${piece}, 'UTF8')` : `convert_from(${piece}, 'UTF8')`;
      const empty = toBlob ? `'\\x'::bytea` : `''`;
      const out = [`${dest} := overlay(coalesce(${dest}, ${empty}) placing ${converted} from ${destOff});`];
      if (assignable(a[3]))
        out.push(`${pc.expr(a[3])} := ${destOff} + ${toBlob ? 'octet_length' : 'length'}(${converted});`);
      if (assignable(a[4]))
        out.push(`${pc.expr(a[4])} := ${srcOff} + ${toBlob ? 'length' : 'octet_length'}(${piece});`);
      if (assignable(a[7])) out.push(`${pc.expr(a[7])} := 0;`);
      return out;
    }
  }
  return undefined;
}
