/**
 * SQL/JSON functions → PostgreSQL 15 jsonb path functions and JSON text built by hand
 * (PostgreSQL 15 has neither JSON_VALUE / JSON_QUERY / JSON_EXISTS nor JSON_OBJECT syntax).
 *
 * Queries. Oracle's default is NULL ON ERROR: a path that finds several values, or an object where a
 * scalar is expected, or a value that does not convert to the RETURNING type gives NULL. The
 * rewrite keeps that without subqueries (so it stays usable in indexes and CHECK constraints):
 *
 *   JSON_VALUE(doc, '$.a' RETURNING NUMBER)
 *   → (jsonb_path_query_first(jsonb_path_query_array(doc::jsonb, '$.a'),
 *        'strict $ ? (@.size() == 1)[0] ? (@.type() == "number" || <string that is a number>)') #>> '{}')::numeric
 *
 * jsonb_path_query_array collects every match (lax mode, as Oracle); the second path keeps exactly
 * one match of the wanted kind (strict mode: an array is not unwrapped). DEFAULT … ON ERROR is a
 * coalesce (ON EMPTY, when it differs, a CASE on jsonb_path_exists); ERROR ON ERROR reads the path
 * in strict mode, so a missing step raises as Oracle's ERROR ON ERROR does.
 * JSON_QUERY keeps one object or array (WITHOUT WRAPPER) or the array of all matches (WITH
 * WRAPPER); JSON_EXISTS is jsonb_path_exists(…, silent => true) (FALSE ON ERROR).
 *
 * Generation. JSON_OBJECT / JSON_ARRAY / JSON_OBJECTAGG / JSON_ARRAYAGG return text written as
 * Oracle writes it — members in the order given, no spaces — built from to_json(value)::text:
 *   JSON_OBJECT('a' VALUE x, 'b' VALUE y ABSENT ON NULL) → '{' || concat_ws(',', '"a":' || to_json(x)::text, …) || '}'
 * concat_ws and string_agg skip NULL members, which is ABSENT ON NULL; NULL ON NULL writes null.
 * Values known to be JSON (FORMAT JSON, nested JSON_OBJECT / JSON_ARRAY / JSON_QUERY) are embedded
 * as JSON rather than as strings.
 */
import type { DataType, Expr, JsonBehavior, JsonFuncExpr } from '../ast/expr.js';
import { bin, call, caseWhen, cast, type ExprContext, lit, NULL, notConverted, report } from './builders.js';
import { classOfDataType, inferType } from './infer.js';
import { mapType } from './types.js';

type Rewrite = (e: Expr) => Expr;

/** The one match kept by JSON_VALUE and JSON_QUERY (strict: arrays are not unwrapped). */
const ONE = 'strict $ ? (@.size() == 1)[0]';
const SCALAR = '@.type() != "object" && @.type() != "array"';
const CONTAINER = '@.type() == "object" || @.type() == "array"';
/** A JSON number, or a string Oracle converts to NUMBER. */
const NUMBER =
  '@.type() == "number" || @.type() == "string" && @ like_regex "^\\\\s*[+-]?([0-9]+(\\\\.[0-9]*)?|\\\\.[0-9]+)([eE][+-]?[0-9]+)?\\\\s*$"';
/** An ISO 8601 date or date-time string (Oracle's RETURNING DATE / TIMESTAMP input format). */
const DATETIME =
  '@.type() == "string" && @ like_regex "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\\\.[0-9]+)?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$"';

export function rewriteJsonFunction(e: JsonFuncExpr, ctx: ExprContext, rw: Rewrite): Expr {
  // JSON_OBJECT() and JSON_ARRAY() are {} and []; every other function needs an argument.
  if (!e.args.length && !e.star && e.fn !== 'JSON_OBJECT' && e.fn !== 'JSON_ARRAY') {
    notConverted(ctx, `${e.fn}() without an argument (not a valid call)`);
    return e;
  }
  switch (e.fn) {
    case 'JSON_VALUE':
      return jsonValue(e, ctx, rw);
    case 'JSON_QUERY':
      return jsonQuery(e, ctx, rw);
    case 'JSON_EXISTS':
      return jsonExists(e, ctx, rw);
    case 'JSON_OBJECT':
    case 'JSON_ARRAY':
    case 'JSON_OBJECTAGG':
    case 'JSON_ARRAYAGG':
      return construct(e, ctx, rw);
    case 'JSON_SERIALIZE':
      return serialize(e, ctx, rw);
    default:
      notConverted(
        ctx,
        `${e.fn} (PostgreSQL 15 has no JSON merge patch: write a recursive SQL function applying RFC 7396 — objects merged key by key, null removing a key — or do the merge in the application)`,
      );
      return { ...e, args: e.args.map((a) => ({ ...a, value: rw(a.value) })) };
  }
}

// ── paths ──────────────────────────────────────────────────────────────────────────────────────

/** Oracle item methods with a PostgreSQL 15 counterpart of the same meaning. */
const SAME_METHODS = new Set(['size', 'type', 'abs', 'ceiling', 'floor', 'double', 'keyvalue', 'datetime']);
/** Oracle item methods PostgreSQL 15 writes differently (reported, the result may differ slightly). */
const NEAR_METHODS: Record<string, string> = {
  number: 'double',
  numberonly: 'double',
  date: 'datetime',
  timestamp: 'datetime',
};

/**
 * An Oracle SQL/JSON path as a PostgreSQL jsonpath: the same language but for item methods and a
 * few filter operators. Undefined (and reported) when the path uses what PostgreSQL 15 lacks.
 */
export function convertPath(path: string, fn: string, ctx: ExprContext): string | undefined {
  let out = '';
  const approx: string[] = [];
  for (let i = 0; i < path.length; ) {
    const c = path[i];
    if (c === '"') {
      // A quoted name or string: copied up to the closing quote (backslash escapes).
      let j = i + 1;
      while (j < path.length && path[j] !== '"') j += path[j] === '\\' ? 2 : 1;
      out += path.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '.' && path[i + 1] === '.') {
      notConverted(
        ctx,
        `${fn} path ${path}: the descendant step .. (PostgreSQL's .** also visits arrays twice in lax mode; name the levels)`,
      );
      return undefined;
    }
    const method = c === '.' ? /^\.\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(path.slice(i)) : null;
    if (method) {
      const name = method[1].toLowerCase();
      if (SAME_METHODS.has(name)) out += `.${name}(`;
      else if (NEAR_METHODS[name]) {
        out += `.${NEAR_METHODS[name]}(`;
        approx.push(`.${method[1]}() → .${NEAR_METHODS[name]}()`);
      } else {
        notConverted(
          ctx,
          `${fn} path ${path}: item method .${method[1]}() (PostgreSQL 15 has none; read the value and convert it in SQL)`,
        );
        return undefined;
      }
      i += method[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(path.slice(i));
    if (word && (i === 0 || !/[A-Za-z0-9_$.@]/.test(path[i - 1]))) {
      const w = word[0].toLowerCase();
      if (w === 'has' || w === 'eq_regex' || w === 'like' || w === 'in') {
        notConverted(
          ctx,
          `${fn} path ${path}: filter operator ${word[0]} (PostgreSQL 15 has like_regex and starts with)`,
        );
        return undefined;
      }
      out += word[0];
      i += word[0].length;
      continue;
    }
    out += c;
    i++;
  }
  if (approx.length) report(ctx, 'OPG-JSON-0007', { detail: `${fn} path ${path}: ${approx.join(', ')}` });
  return out;
}

const strictPath = (p: string): string => (/^\s*(strict|lax)\b/i.test(p) ? p : `strict ${p}`);

/** The path read under ERROR ON ERROR: strict (a missing step raises) unless ON EMPTY says what no match gives. */
const errorPath = (e: JsonFuncExpr, p: string): string =>
  e.onEmpty && e.onEmpty.kind !== 'ERROR' ? p : strictPath(p);

/** The document as jsonb (a BLOB's bytes read as UTF-8 by the pg-cast rule), the path, PASSING variables. */
function pathArgs(e: JsonFuncExpr, path: string, ctx: ExprContext, rw: Rewrite): Expr[] {
  const d = e.args[0].value;
  // A JSON_QUERY read by another query function stays jsonb (no round trip through text).
  const doc =
    d.kind === 'json-fn' && d.fn === 'JSON_QUERY' && !d.returning && !d.options?.includes('PRETTY')
      ? rw({ ...d, returning: { kind: 'datatype', name: 'JSON', args: [] } })
      : rw(cast(d, 'jsonb'));
  const out: Expr[] = [doc, lit(path)];
  if (e.passing?.length)
    out.push(call('jsonb_build_object', ...e.passing.flatMap((p) => [lit(p.name), rw(p.value)])));
  if (!isJsonValue(d) && !(d.kind === 'json-fn' && GENERATORS.has(d.fn)))
    report(ctx, 'OPG-JSON-0005', { detail: e.fn });
  return out;
}

/** A value that is jsonb already (a SQL/JSON function RETURNING JSON). */
const isJsonValue = (x: Expr): boolean => x.kind === 'json-fn' && x.returning?.name === 'JSON';

const behaviourText = (b: JsonBehavior | undefined): string =>
  b ? (b.kind === 'DEFAULT' ? 'DEFAULT …' : b.kind) : 'NULL';

/**
 * Applies ON ERROR / ON EMPTY to a value that is NULL when the path matched nothing or matched
 * something that is an error: `fallback(b)` is the replacement a behaviour gives (undefined: NULL).
 */
function behaviours(
  r: Expr,
  e: JsonFuncExpr,
  args: Expr[],
  fallback: (b: JsonBehavior | undefined) => Expr | undefined,
  ctx: ExprContext,
): Expr {
  const onError = fallback(e.onError);
  // Without ON EMPTY, the ON ERROR clause also decides what no match gives.
  const onEmpty = e.onEmpty ? fallback(e.onEmpty) : onError;
  if (e.onEmpty?.kind === 'ERROR')
    report(ctx, 'OPG-JSON-0006', {
      detail: `${e.fn} … ERROR ON EMPTY: no match gives NULL here (test jsonb_path_exists and raise where it matters)`,
    });
  if (!onError && !onEmpty) return r;
  if (onError && onEmpty && sameExpr(onError, onEmpty)) {
    if (e.fn === 'JSON_VALUE')
      report(ctx, 'OPG-JSON-0006', {
        detail: `${e.fn} … ${behaviourText(e.onError)} ON ERROR: a JSON null gives the default too (Oracle gives NULL)`,
      });
    return call('coalesce', r, onError);
  }
  const exists = call('jsonb_path_exists', ...args);
  return caseWhen([[exists, onError ? call('coalesce', r, onError) : r]], onEmpty);
}

const sameExpr = (a: Expr, b: Expr): boolean => JSON.stringify(a) === JSON.stringify(b);

// ── JSON_VALUE ─────────────────────────────────────────────────────────────────────────────────

function jsonValue(e: JsonFuncExpr, ctx: ExprContext, rw: Rewrite): Expr {
  const path = convertPath(e.path ?? '$', e.fn, ctx);
  if (path === undefined) return e;
  const rt = e.returning;
  const cls = rt ? classOfDataType(rt).cls : 'string';
  // The RETURNING type is not a column: its mapping findings (NUMBER without precision …) do not apply.
  const typeCtx = { column: 'JSON_VALUE', object: ctx.object, location: ctx.location, findings: [] };
  const opts = e.options ?? [];
  let filter = SCALAR;
  let convert: (text: Expr) => Expr = (t) => t;
  if (cls === 'number') {
    filter = NUMBER;
    const type = mapType(rt as DataType, typeCtx);
    convert = (t) => cast(t, type);
    if (rt?.args.length)
      report(ctx, 'OPG-EXPR-0008', { detail: `JSON_VALUE … RETURNING ${rt.name}(${rt.args.join(',')})` });
  } else if (cls === 'date' || cls === 'timestamp') {
    filter = DATETIME;
    const type = mapType(rt as DataType, typeCtx);
    // RETURNING DATE drops the time of day unless PRESERVE TIME is given.
    convert =
      cls === 'date' && !opts.includes('PRESERVE')
        ? (t) => cast(cast(t, 'date'), type)
        : (t) => cast(t, type);
  } else if (cls === 'boolean') {
    filter = '@.type() == "boolean"';
    convert = (t) => cast(t, 'boolean');
  } else if (rt && cls === 'string' && rt.args.length && typeof rt.args[0] === 'number') {
    const n = rt.args[0];
    const type = mapType(rt, typeCtx);
    // A longer value is an error (NULL) in Oracle unless TRUNCATE is given; the cast truncates.
    if (!opts.includes('TRUNCATE'))
      filter = `(${SCALAR}) && (@.type() != "string" || @ like_regex "^.{0,${n}}$" flag "s")`;
    convert = (t) => cast(t, type);
  } else if (rt && cls !== 'string') {
    report(ctx, 'OPG-JSON-0006', {
      detail: `JSON_VALUE … RETURNING ${rt.name}: the value is cast, a value that does not convert raises an error`,
    });
    const type = mapType(rt, typeCtx);
    convert = (t) => cast(t, type);
  }
  if (e.onError?.kind === 'ERROR') {
    // ERROR ON ERROR: a missing step raises (strict mode), as do a non-JSON document and a bad
    // conversion; with NULL / DEFAULT … ON EMPTY a missing step is no match instead (lax mode).
    const args = pathArgs(e, errorPath(e, path), ctx, rw);
    report(ctx, 'OPG-JSON-0006', {
      detail: `JSON_VALUE … ERROR ON ERROR: read in ${errorPath(e, path) === path ? 'lax' : 'strict'} path mode; an object, an array or several matches give their first value or text instead of an error`,
    });
    const value = convert(bin('#>>', call('jsonb_path_query_first', ...args), lit('{}')));
    return e.onEmpty?.kind === 'DEFAULT'
      ? caseWhen([[call('jsonb_path_exists', ...args), value]], convert(rw(e.onEmpty.value)))
      : value;
  }
  const args = pathArgs(e, path, ctx, rw);
  const one = call(
    'jsonb_path_query_first',
    call('jsonb_path_query_array', ...args),
    lit(`${ONE} ? (${filter})`),
  );
  const value = convert(bin('#>>', one, lit('{}')));
  return behaviours(value, e, args, (b) => (b?.kind === 'DEFAULT' ? convert(rw(b.value)) : undefined), ctx);
}

// ── JSON_QUERY ─────────────────────────────────────────────────────────────────────────────────

function jsonQuery(e: JsonFuncExpr, ctx: ExprContext, rw: Rewrite): Expr {
  const path = convertPath(e.path ?? '$', e.fn, ctx);
  if (path === undefined) return e;
  let r: Expr;
  let args: Expr[];
  const empty = (b: JsonBehavior | undefined): Expr | undefined =>
    b?.kind === 'EMPTY' || b?.kind === 'EMPTY ARRAY'
      ? cast(lit('[]'), 'jsonb')
      : b?.kind === 'EMPTY OBJECT'
        ? cast(lit('{}'), 'jsonb')
        : b?.kind === 'DEFAULT'
          ? cast(rw(b.value), 'jsonb')
          : undefined;
  if (e.onError?.kind === 'ERROR') {
    args = pathArgs(e, errorPath(e, path), ctx, rw);
    report(ctx, 'OPG-JSON-0006', {
      detail: `JSON_QUERY … ERROR ON ERROR: read in ${errorPath(e, path) === path ? 'lax' : 'strict'} path mode; a scalar or several matches give a value instead of an error`,
    });
    r =
      e.wrapper && e.wrapper !== 'WITHOUT'
        ? call('jsonb_path_query_array', ...args)
        : call('jsonb_path_query_first', ...args);
    // EMPTY … ON EMPTY: what no match gives (a JSON null match stays JSON null).
    const onEmpty = empty(e.onEmpty);
    if (onEmpty) r = call('coalesce', r, onEmpty);
  } else {
    args = pathArgs(e, path, ctx, rw);
    const all = call('jsonb_path_query_array', ...args);
    const single = call('jsonb_path_query_first', all, lit(`${ONE} ? (${CONTAINER})`));
    const wrapped = call('jsonb_path_query_first', all, lit('strict $ ? (@.size() > 0)'));
    r =
      e.wrapper === 'UNCONDITIONAL'
        ? wrapped
        : e.wrapper === 'CONDITIONAL'
          ? call('coalesce', single, wrapped)
          : single;
    r = behaviours(r, e, args, empty, ctx);
  }
  return jsonResult(r, e, ctx);
}

/** A jsonb result as the RETURNING type asks: text (VARCHAR2 / CLOB, the default), jsonb (JSON), bytea (BLOB). */
function jsonResult(r: Expr, e: JsonFuncExpr, ctx: ExprContext): Expr {
  const name = e.returning?.name;
  if (name === 'JSON') return r;
  const pretty = e.options?.includes('PRETTY');
  report(ctx, 'OPG-JSON-0004', { detail: e.fn });
  const text = pretty ? call('jsonb_pretty', r) : cast(r, 'text');
  return name === 'BLOB' ? call('convert_to', text, lit('UTF8')) : text;
}

// ── JSON_EXISTS ────────────────────────────────────────────────────────────────────────────────

function jsonExists(e: JsonFuncExpr, ctx: ExprContext, rw: Rewrite): Expr {
  const path = convertPath(e.path ?? '$', e.fn, ctx);
  if (path === undefined) return e;
  const args = pathArgs(e, path, ctx, rw);
  if (e.onError?.kind === 'ERROR') {
    if (args.length === 2) args.push(cast(lit('{}'), 'jsonb'));
    return call('jsonb_path_exists', ...args);
  }
  if (e.onError?.kind === 'TRUE')
    report(ctx, 'OPG-JSON-0006', {
      detail: 'JSON_EXISTS … TRUE ON ERROR: an error in the path gives FALSE here',
    });
  if (args.length === 2) args.push(cast(lit('{}'), 'jsonb'));
  // silent: errors in the path (FALSE ON ERROR, Oracle's default) are no match.
  return call('jsonb_path_exists', ...args, { kind: 'literal', type: 'boolean', value: 'TRUE' });
}

// ── JSON_SERIALIZE ─────────────────────────────────────────────────────────────────────────────

function serialize(e: JsonFuncExpr, ctx: ExprContext, rw: Rewrite): Expr {
  const x = e.args[0].value;
  const asJson = (t: string) => rw(cast(x, t));
  report(ctx, 'OPG-JSON-0004', { detail: e.fn });
  let text: Expr;
  if (e.options?.includes('PRETTY')) text = call('jsonb_pretty', asJson('jsonb'));
  else text = isJsonValue(x) ? cast(rw(x), 'text') : cast(asJson('json'), 'text');
  if (e.returning?.name === 'BLOB') return call('convert_to', text, lit('UTF8'));
  return text;
}

// ── JSON_OBJECT, JSON_ARRAY, JSON_OBJECTAGG, JSON_ARRAYAGG ─────────────────────────────────────

const GENERATORS = new Set([
  'JSON_OBJECT',
  'JSON_ARRAY',
  'JSON_OBJECTAGG',
  'JSON_ARRAYAGG',
  'JSON_QUERY',
  'JSON_SERIALIZE',
]);

/** A SQL value as JSON text (NULL for NULL). */
function jsonText(value: Expr, formatJson: boolean | undefined, ctx: ExprContext, rw: Rewrite): Expr {
  if (value.kind === 'literal') {
    if (value.type === 'null') return NULL;
    if (value.type === 'string') return value.value === '' ? NULL : lit(JSON.stringify(value.value));
    if (value.type === 'number') return lit(String(Number(value.value.replace(/[dDfF]$/, ''))));
    if (value.type === 'boolean') return lit(value.value.toLowerCase());
  }
  if (value.kind === 'json-fn' && GENERATORS.has(value.fn)) {
    const r = rw(value);
    return value.returning?.name === 'JSON' ? cast(r, 'text') : r;
  }
  // FORMAT JSON: the text is checked and embedded as written.
  if (formatJson) return cast(cast(rw(value), 'json'), 'text');
  const t = inferType(value, ctx);
  let v = rw(value);
  // Oracle writes NUMBER values without trailing zeros (1.50 → 1.5).
  if (t.cls === 'number' && t.pg === 'numeric') v = call('trim_scale', v);
  else if (value.kind === 'bind') v = cast(v, 'text');
  else if (t.cls === 'binary')
    report(ctx, 'OPG-JSON-0006', {
      detail: "JSON generation: a RAW / BLOB value is written as PostgreSQL's \\x hex text",
    });
  return cast(call('to_json', v), 'text');
}

const nullText = (v: Expr, onNull: 'NULL' | 'ABSENT'): Expr => {
  if (onNull === 'ABSENT') return v;
  if (v.kind === 'literal') return v.type === 'null' ? lit('null') : v;
  return call('coalesce', v, lit('null'));
};

/** a || b, folding two literals into one. */
function concat(a: Expr, b: Expr): Expr {
  if (a.kind === 'literal' && a.type === 'string' && b.kind === 'literal' && b.type === 'string')
    return lit(a.value + b.value);
  return bin('||', a, b);
}

/** concat_ws(',', …) for any number of parts (PostgreSQL functions take at most 100 arguments). */
function joinParts(parts: Expr[]): Expr {
  if (parts.length <= 90) return call('concat_ws', lit(','), ...parts);
  const chunks: Expr[] = [];
  for (let i = 0; i < parts.length; i += 90)
    chunks.push(call('nullif', joinParts(parts.slice(i, i + 90)), lit('')));
  return joinParts(chunks);
}

/**
 * JSON_OBJECT(*) / JSON_OBJECT(t.*): one member per column of the FROM items (or of t), keyed by the
 * column name as the dictionary spells it, in table order. Undefined when a source's columns are unknown.
 */
function starMembers(star: string[], ctx: ExprContext): JsonFuncExpr['args'] | undefined {
  const items = (ctx.scope?.items ?? []).filter(
    (i) => !star.length || i.names.includes(star[star.length - 1]),
  );
  if (!items.length) return undefined;
  const out: JsonFuncExpr['args'] = [];
  for (const i of items) {
    const cols = [...i.columns().keys()];
    if (!cols.length) return undefined;
    for (const c of cols)
      out.push({ key: lit(c), value: { kind: 'column', parts: i.names.length ? [i.names[0], c] : [c] } });
  }
  return out;
}

function construct(e: JsonFuncExpr, ctx: ExprContext, rw: Rewrite): Expr {
  const object = e.fn === 'JSON_OBJECT' || e.fn === 'JSON_OBJECTAGG';
  const onNull = e.onNull ?? (object ? 'NULL' : 'ABSENT');
  if (e.star) {
    const members = starMembers(e.star, ctx);
    if (!members) {
      notConverted(
        ctx,
        `${e.fn}(${e.star.length ? `${e.star.join('.')}.` : ''}*) over a source whose columns are not known (list them: KEY 'NAME' VALUE name, …)`,
      );
      return e;
    }
    return construct({ ...e, star: undefined, args: [...members, ...e.args] }, ctx, rw);
  }
  const unknown = (e.options ?? []).filter((o) => o !== 'STRICT' && o !== 'FORMAT JSON');
  if (unknown.length) report(ctx, 'OPG-JSON-0006', { detail: `${e.fn} … ${unknown.join(' ')}: not applied` });
  const parts: Expr[] = [];
  for (const a of e.args) {
    const v = jsonText(a.value, a.formatJson, ctx, rw);
    if (onNull === 'ABSENT' && v.kind === 'literal' && v.type === 'null') continue;
    const value = nullText(v, onNull);
    if (!object || !a.key) {
      parts.push(value);
      continue;
    }
    const key =
      a.key.kind === 'literal' && a.key.type === 'string'
        ? lit(`${JSON.stringify(a.key.value)}:`)
        : concat(cast(call('to_json', cast(rw(a.key), 'text')), 'text'), lit(':'));
    parts.push(concat(key, value));
  }
  const [open, close] = object ? ['{', '}'] : ['[', ']'];
  let body: Expr;
  if (e.fn === 'JSON_OBJECTAGG' || e.fn === 'JSON_ARRAYAGG') {
    // string_agg skips NULL members: ABSENT ON NULL; no rows give NULL, as in Oracle.
    const agg = call('string_agg', parts[0] ?? lit('null'), lit(','));
    if (e.orderBy?.length) agg.argOrderBy = e.orderBy.map((o) => ({ ...o, expr: rw(o.expr) }));
    body = agg;
  } else {
    if (!parts.length) return lit(`${open}${close}`);
    body = joinParts(parts);
  }
  let r = concat(concat(lit(open), body), lit(close));
  const name = e.returning?.name;
  if (name === 'JSON') r = cast(r, 'jsonb');
  else if (name === 'BLOB') r = call('convert_to', r, lit('UTF8'));
  return r;
}
