/**
 * Oracle's PL/SQL object types for JSON (Oracle Database PL/SQL Packages and Types Reference,
 * "JSON Data Structures"): JSON_ELEMENT_T and its subtypes JSON_OBJECT_T, JSON_ARRAY_T and
 * JSON_SCALAR_T are jsonb values (rules/types.ts), JSON_KEY_LIST a text[]. Their methods become
 * jsonb expressions, no helper function:
 *
 *   JSON_ELEMENT_T.parse(s), JSON_OBJECT_T(s)      (s)::jsonb (a BLOB through convert_from UTF8)
 *   JSON_OBJECT_T() / JSON_ARRAY_T()               '{}'::jsonb / '[]'::jsonb
 *   e.to_string / stringify / to_clob              (e)::text
 *   e.to_number / to_boolean / to_date …           (e #>> '{}')::numeric / boolean / timestamp(0)
 *   e.is_object / is_array / is_string …           jsonb_typeof(e) = 'object' / 'array' / 'string' …
 *   o.get(k), a.get(i), get_object, get_array      o -> k, a -> i (array positions are 0-based, as in Oracle)
 *   o.get_string(k) / get_number(k) …              (o ->> k) / (o ->> k)::numeric …
 *   o.has(k)                                       (o -> k) IS NOT NULL
 *   o.get_keys                                     ARRAY(SELECT jsonb_object_keys(o))
 *   e.get_size                                     count of keys / jsonb_array_length(a)
 *   TREAT(e AS JSON_OBJECT_T)                      CASE WHEN jsonb_typeof(e) = 'object' THEN e END
 *
 * The mutators are procedure-call statements that assign the variable (or, for a receiver reached
 * through TREAT / get() from a variable, the variable's nested value with jsonb_set):
 *
 *   o.put(k, v) / put_null(k)                      o := o || jsonb_build_object(k, v)
 *   o.remove(k) / a.remove(i)                      o := o - k / a := a - i
 *   o.rename_key(k1, k2)                           o := (o - k1) || jsonb_build_object(k2, o -> k1)
 *   a.append(v) / append_null                      a := a || jsonb_build_array(v)
 *   a.put(i, v [, overwrite])                      a := jsonb_insert(a, {i}, v) / jsonb_set
 *
 * What jsonb cannot keep (key order, spacing of serialized text, lax parsing, shared in-memory
 * trees) is reported: OPG-JSON-0001 once per unit, OPG-JSON-0002 where a value is changed in place.
 */
import type { DataType, Expr, FuncArg } from '../../ast/expr.js';
import { inferType } from '../../rules/infer.js';
import { JSON_OBJECT_TYPES } from '../../rules/types.js';
import type { PlContext } from './context.js';
import { assignTarget, staticType } from './objects.js';

type Kind = 'element' | 'object' | 'array' | 'scalar';

const pseudo = (text: string): Expr => ({ kind: 'pseudo', name: text });
/** Oracle types of the results (a CAST node: the expression rules know its type class). */
const ora = (name: string, args: number[] = []): DataType => ({ kind: 'datatype', name, args });
const typed = (text: string, type: DataType): Expr => ({ kind: 'cast', operand: pseudo(`(${text})`), type });
const CLOB = ora('CLOB');
const INTEGER = ora('NUMBER', [9]);
const col = (parts: string[]): Expr => ({ kind: 'column', parts });

/** The JSON kind of a PL/SQL data type (a user-defined type of the same name wins). */
export function jsonTypeKind(t: DataType | undefined, pc: PlContext): Kind | undefined {
  if (!t || t.attribute === 'ROWTYPE') return undefined;
  if (t.attribute === 'TYPE') return jsonTypeKind(pc.oracleType(t), pc);
  if (t.schema !== undefined && t.schema !== 'SYS' && t.schema !== 'PUBLIC') return undefined;
  const kind = JSON_OBJECT_TYPES[t.name];
  if (
    !kind ||
    pc.cctx.objectTypes.has(`.${t.name}`) ||
    (t.schema && pc.cctx.objectTypes.has(`${t.schema}.${t.name}`))
  )
    return undefined;
  return kind;
}

const typeOfName = (name: string, schema?: string): DataType => ({
  kind: 'datatype',
  name,
  args: [],
  ...(schema ? { schema } : {}),
});

/** Methods whose result is a JSON value, and its kind. */
function resultKind(method: string, receiver: Kind): Kind | undefined {
  switch (method) {
    case 'GET':
      return 'element';
    case 'GET_OBJECT':
      return 'object';
    case 'GET_ARRAY':
      return 'array';
    case 'CLONE':
      return receiver;
    default:
      return undefined;
  }
}

/** A method call `operand.name(args)` in any of its AST forms (name chain, method node, field). */
interface MethodCall {
  operand: Expr;
  name: string;
  args: FuncArg[];
}

function methodCall(x: Expr): MethodCall | undefined {
  switch (x.kind) {
    case 'method':
      return { operand: x.operand, name: x.name, args: x.args };
    case 'field':
      return x.field === '*' ? undefined : { operand: x.operand, name: x.field, args: [] };
    case 'column':
      return x.parts.length >= 2 && !x.parts[x.parts.length - 1].startsWith('%')
        ? { operand: col(x.parts.slice(0, -1)), name: x.parts[x.parts.length - 1], args: [] }
        : undefined;
    case 'call':
      return x.name.length >= 2 && !x.over
        ? { operand: col(x.name.slice(0, -1)), name: x.name[x.name.length - 1], args: x.args }
        : undefined;
    default:
      return undefined;
  }
}

/** The JSON kind of a PL/SQL expression, when it is a value of a JSON object type. */
export function jsonKind(e: Expr, pc: PlContext): Kind | undefined {
  switch (e.kind) {
    case 'paren':
      return jsonKind(e.expr, pc);
    case 'treat':
      return jsonTypeKind(e.type, pc);
    case 'column': {
      // An attribute of SELF named without SELF (in a type body).
      if (pc.isSelfAttribute(e.parts[0])) return jsonKind(col(['SELF', ...e.parts]), pc);
      const own = pc.lookup(e.parts[0]) ? jsonTypeKind(staticType(e, pc), pc) : undefined;
      if (own) return own;
      // A package variable (pkg.v, or v inside the package) or a parameterless package function.
      const ref = e.parts.length <= 2 && !pc.lookup(e.parts[0]) ? pc.packageMember(e.parts) : undefined;
      const member =
        ref && (ref.info.variables.get(ref.member)?.type ?? ref.info.subprograms.get(ref.member)?.returnType);
      if (member) return jsonTypeKind(member, pc);
      if (e.parts.length < 2) return undefined;
      break;
    }
    case 'call': {
      const ctor = constructorKind(e, pc);
      if (ctor) return ctor;
      // A package function returning a JSON object type (pkg.f(…), or f(…) inside the package).
      const ref = e.name.length <= 2 && !pc.lookup(e.name[0]) ? pc.packageMember(e.name) : undefined;
      const fn = ref?.info.subprograms.get(ref.member);
      if (fn?.kind === 'function') return jsonTypeKind(fn.returnType, pc);
      break;
    }
    default:
      break;
  }
  const m = methodCall(e);
  const receiver = m && jsonKind(m.operand, pc);
  if (m && receiver) return resultKind(m.name, receiver);
  return e.kind === 'field' || e.kind === 'method' ? jsonTypeKind(staticType(e, pc), pc) : undefined;
}

/** `JSON_OBJECT_T(…)` / `JSON_X_T.parse(…)`: the kind constructed. */
function constructorKind(e: Extract<Expr, { kind: 'call' }>, pc: PlContext): Kind | undefined {
  if (e.name.length === 1 && !pc.lookup(e.name[0])) return jsonTypeKind(typeOfName(e.name[0]), pc);
  const [a, b, c] = e.name;
  if (e.name.length === 2 && b === 'PARSE' && !pc.lookup(a)) return jsonTypeKind(typeOfName(a), pc);
  if (e.name.length === 2 && (a === 'SYS' || a === 'PUBLIC')) return jsonTypeKind(typeOfName(b, a), pc);
  if (e.name.length === 3 && c === 'PARSE' && (a === 'SYS' || a === 'PUBLIC'))
    return jsonTypeKind(typeOfName(b, a), pc);
  return undefined;
}

/** OPG-JSON-0001 once per unit. */
function noteUse(pc: PlContext): void {
  if (pc.findings.some((f) => f.id === 'OPG-JSON-0001')) return;
  pc.report('OPG-JSON-0001', {
    detail: `${pc.object}: the PL/SQL JSON object types are jsonb values; keys are kept sorted (GET_KEYS, TO_STRING), duplicate keys keep the last value, TO_STRING / STRINGIFY print ", " and ": " between items, PARSE accepts strict JSON only, and GET_NUMBER / GET_DATE of a value of another type raise instead of returning NULL`,
  });
}

function approximate(pc: PlContext, detail: string): void {
  if (!pc.findings.some((f) => f.id === 'OPG-JSON-0003' && f.message.includes(detail)))
    pc.report('OPG-JSON-0003', { detail });
}

/** A key (object) or position (array) argument as PostgreSQL text, typed for -> / ->>. */
function selector(arg: Expr, receiver: Kind, pc: PlContext): { text: string; array: boolean } {
  const node = pc.exprNode(arg);
  const text = pc.expr(arg);
  const { cls, pg } = inferType(arg, pc.ectx);
  const array = receiver === 'array' || (receiver !== 'object' && cls === 'number');
  if (array)
    return {
      text:
        (node.kind === 'literal' && node.type === 'number' && /^\d+$/.test(node.value)) || pg === 'int'
          ? text
          : `(${text})::integer`,
      array,
    };
  return {
    text:
      node.kind === 'literal' && node.type === 'string'
        ? text
        : cls === 'string'
          ? `(${text})`
          : `(${text})::text`,
    array,
  };
}

const TYPE_TESTS: Record<string, string> = {
  IS_OBJECT: "= 'object'",
  IS_ARRAY: "= 'array'",
  IS_STRING: "= 'string'",
  IS_NUMBER: "= 'number'",
  IS_BOOLEAN: "= 'boolean'",
  IS_NULL: "= 'null'",
  IS_SCALAR: "NOT IN ('object', 'array')",
};

const SCALAR_CASTS: Record<string, DataType> = {
  NUMBER: ora('NUMBER'),
  BOOLEAN: ora('BOOLEAN'),
  DATE: ora('DATE'),
  TIMESTAMP: ora('TIMESTAMP'),
};

/** A JSON method applied to the converted receiver `r` (PostgreSQL text); undefined when it is not one. */
function method(r: string, kind: Kind, name: string, args: FuncArg[], pc: PlContext): Expr | undefined {
  const argc = args.length;
  if (argc === 0) {
    if (['TO_STRING', 'STRINGIFY', 'TO_CLOB'].includes(name)) return typed(r, CLOB);
    if (name === 'TO_BLOB') return typed(`convert_to((${r})::text, 'UTF8')`, ora('BLOB'));
    if (name === 'CLONE') return pseudo(`(${r})`);
    const scalar = name.startsWith('TO_') ? SCALAR_CASTS[name.slice(3)] : undefined;
    if (scalar) return typed(`${r} #>> '{}'`, scalar);
    const test = TYPE_TESTS[name];
    if (test) return pseudo(`(jsonb_typeof(${r}) ${test})`);
    if (name === 'IS_TRUE' || name === 'IS_FALSE')
      return pseudo(`((${r}) = '${name === 'IS_TRUE' ? 'true' : 'false'}'::jsonb)`);
    if (name === 'IS_DATE' || name === 'IS_TIMESTAMP') {
      approximate(
        pc,
        `${name} is FALSE: dates and timestamps are JSON strings in jsonb (IS_STRING is TRUE for them)`,
      );
      return pseudo('FALSE');
    }
    if (name === 'GET_SIZE') {
      const keys = `(SELECT count(*) FROM jsonb_object_keys(${r}))`;
      if (kind === 'object') return typed(keys, INTEGER);
      if (kind === 'array') return typed(`jsonb_array_length(${r})`, INTEGER);
      approximate(
        pc,
        'GET_SIZE of a JSON_ELEMENT_T: the number of keys of an object or elements of an array, NULL for a scalar',
      );
      return typed(
        `CASE jsonb_typeof(${r}) WHEN 'object' THEN ${keys} WHEN 'array' THEN jsonb_array_length(${r}) END`,
        INTEGER,
      );
    }
    if (name === 'GET_KEYS' && kind !== 'array') return pseudo(`ARRAY(SELECT jsonb_object_keys(${r}))`);
    return undefined;
  }
  if (argc !== 1) return undefined;
  const sel = selector(args[0].value, kind, pc);
  const get = `${r} -> ${sel.text}`;
  const text = `${r} ->> ${sel.text}`;
  switch (name) {
    case 'GET':
    case 'GET_OBJECT':
    case 'GET_ARRAY':
      return pseudo(`(${get})`);
    case 'GET_STRING':
    case 'GET_CLOB':
      return typed(text, CLOB);
    case 'GET_BLOB':
      return typed(`convert_to(${text}, 'UTF8')`, ora('BLOB'));
    case 'HAS':
      return pseudo(`((${get}) IS NOT NULL)`);
    case 'GET_TYPE':
      approximate(
        pc,
        "GET_TYPE is upper(jsonb_typeof(…)): OBJECT, ARRAY, STRING, NUMBER, BOOLEAN or NULL (check the names the code compares with, e.g. 'SCALAR')",
      );
      return typed(`upper(jsonb_typeof(${get}))`, CLOB);
    default: {
      const scalar = name.startsWith('GET_') ? SCALAR_CASTS[name.slice(4)] : undefined;
      return scalar ? typed(text, scalar) : undefined;
    }
  }
}

/**
 * PL/SQL JSON object-type expressions → PostgreSQL; undefined when `x` is none (the caller goes
 * on). Called by the PL/SQL pre-pass before the object-type rules.
 */
export function jsonExpr(x: Expr, pc: PlContext): Expr | undefined {
  if (x.kind === 'treat') {
    const kind = jsonTypeKind(x.type, pc);
    if (!kind) return undefined;
    noteUse(pc);
    const r = pc.expr(x.operand);
    // TREAT gives NULL when the value is not of the type (the element's dynamic type).
    if (kind === 'element') return pseudo(`(${r})`);
    return pseudo(
      `(CASE WHEN jsonb_typeof(${r}) ${kind === 'scalar' ? TYPE_TESTS.IS_SCALAR : `= '${kind}'`} THEN ${r} END)`,
    );
  }
  if (x.kind === 'call') {
    const ctor = constructorKind(x, pc);
    if (ctor) return construct(x, ctor, pc);
  }
  const m = methodCall(x);
  if (!m) return undefined;
  const kind = jsonKind(m.operand, pc);
  if (!kind) return undefined;
  noteUse(pc);
  const r = pc.expr(m.operand);
  const out = method(r.includes(' ') ? `(${r})` : r, kind, m.name, m.args, pc);
  if (out) return out;
  pc.fail(
    MUTATORS.has(m.name)
      ? `${m.name} of a ${kind === 'element' ? 'JSON_ELEMENT_T' : `JSON_${kind.toUpperCase()}_T`} inside an expression (it is a procedure; only a call statement on a variable is converted)`
      : `JSON object-type method ${m.name} with ${m.args.length} argument(s) is not converted`,
  );
  return pseudo(r);
}

/** Constructors and PARSE. */
function construct(x: Extract<Expr, { kind: 'call' }>, kind: Kind, pc: PlContext): Expr | undefined {
  noteUse(pc);
  const isParse = x.name[x.name.length - 1] === 'PARSE';
  if (x.args.length === 0 && !isParse) {
    if (kind === 'object' || kind === 'array')
      return pseudo(kind === 'object' ? "'{}'::jsonb" : "'[]'::jsonb");
  }
  if (x.args.length === 1) {
    const a = x.args[0].value;
    // JSON_OBJECT_T(element): the element seen as an object (the same data in Oracle).
    if (!isParse && jsonKind(a, pc)) return pseudo(`(${pc.expr(a)})`);
    return {
      kind: 'pg-cast',
      operand: { kind: 'paren', expr: pc.exprNode(a) },
      type: { kind: 'datatype', name: 'jsonb', args: [] },
    };
  }
  pc.fail(`${x.name.join('.')}(${x.args.length} arguments): constructor not converted`);
  return pseudo('NULL::jsonb');
}

const MUTATORS = new Set(['PUT', 'PUT_NULL', 'REMOVE', 'RENAME_KEY', 'APPEND', 'APPEND_NULL', 'ON_ERROR']);

/**
 * The variable a JSON receiver lives in and the path to it: `v`, TREAT(v AS …), v.get(k).get(i)
 * … (in Oracle these are the same in-memory data, so a change through them changes v).
 */
function placeOf(e: Expr, pc: PlContext): { root: Expr; path: string[] } | undefined {
  if (e.kind === 'paren') return placeOf(e.expr, pc);
  if (e.kind === 'treat') return placeOf(e.operand, pc);
  if (e.kind === 'column' && jsonKind(e, pc) && (pc.lookup(e.parts[0]) || pc.isSelfAttribute(e.parts[0])))
    return { root: e, path: [] };
  const m = methodCall(e);
  if (!m || !['GET', 'GET_OBJECT', 'GET_ARRAY'].includes(m.name) || m.args.length !== 1) return undefined;
  const kind = jsonKind(m.operand, pc);
  const base = kind && placeOf(m.operand, pc);
  if (!base) return undefined;
  const sel = selector(m.args[0].value, kind, pc);
  return { root: base.root, path: [...base.path, `(${sel.text})::text`] };
}

/**
 * A mutator called as a statement (`o.put('k', v);`): an assignment of the receiver's variable;
 * undefined when the call is not on a JSON value.
 */
export function jsonCallStatement(call: Expr, pc: PlContext): string[] | undefined {
  const m = methodCall(call);
  if (!m) return undefined;
  const kind = jsonKind(m.operand, pc);
  if (!kind) return undefined;
  noteUse(pc);
  const place = placeOf(m.operand, pc);
  const target = place && assignTarget(pc.exprNode(place.root));
  if (!place || !target) {
    pc.fail(
      `${m.name} on a JSON value that is not a variable (PostgreSQL jsonb values are changed by assigning a variable)`,
    );
    return [`-- not converted: ${m.name}`];
  }
  const path = place.path.length ? `ARRAY[${place.path.join(', ')}]` : '';
  const current = path ? `(${target} #> ${path})` : target;
  const value = (i: number) => pc.expr(m.args[i].value);
  const sel = () => selector(m.args[0].value, kind, pc);
  let next: string | undefined;
  switch (m.name) {
    case 'PUT':
      if (kind === 'array' && m.args.length >= 2) {
        // put(pos, value [, overwrite]): insert before pos (append past the end), or replace.
        const overwrite = m.args[2] ? pc.expr(m.args[2].value) : 'FALSE';
        const at = `ARRAY[(${sel().text})::text]`;
        const v = `jsonb_build_array(${value(1)}) -> 0`;
        next =
          overwrite === 'FALSE'
            ? `jsonb_insert(${current}, ${at}, ${v})`
            : `CASE WHEN ${overwrite} THEN jsonb_set(${current}, ${at}, ${v}) ELSE jsonb_insert(${current}, ${at}, ${v}) END`;
      } else if (m.args.length === 2) next = `${current} || jsonb_build_object(${sel().text}, ${value(1)})`;
      break;
    case 'PUT_NULL':
      if (m.args.length === 1)
        next =
          kind === 'array'
            ? `jsonb_insert(${current}, ARRAY[(${sel().text})::text], 'null')`
            : `${current} || jsonb_build_object(${sel().text}, NULL)`;
      break;
    case 'REMOVE':
      if (m.args.length === 1) next = `${current} - ${sel().text}`;
      break;
    case 'RENAME_KEY':
      if (m.args.length === 2) {
        const from = sel().text;
        next = `CASE WHEN (${current} -> ${from}) IS NOT NULL THEN (${current} - ${from}) || jsonb_build_object(${value(1)}, ${current} -> ${from}) ELSE ${current} END`;
      }
      break;
    case 'APPEND':
      if (m.args.length === 1) next = `${current} || jsonb_build_array(${value(0)})`;
      break;
    case 'APPEND_NULL':
      if (m.args.length === 0) next = `${current} || '[null]'::jsonb`;
      break;
    case 'ON_ERROR':
      pc.fail(
        'ON_ERROR: the conversions of the JSON object types raise PostgreSQL errors; an error mode is not converted',
      );
      return ['-- not converted: ON_ERROR'];
  }
  if (!next) {
    pc.fail(`JSON object-type procedure ${m.name} with ${m.args.length} argument(s) is not converted`);
    return [`-- not converted: ${m.name}`];
  }
  if (!pc.findings.some((f) => f.id === 'OPG-JSON-0002'))
    pc.report('OPG-JSON-0002', {
      detail: `${pc.object}: ${m.name} changes the jsonb variable ${target}${path ? ' (at the path of its get() / TREAT chain)' : ''}; in Oracle a JSON object obtained from another one (TREAT, get(), assignment) is the same data, so the other one changes too — here it does not`,
    });
  // A NULL value at the path (get() of a missing key) raises, as Oracle does for a method of a NULL object.
  return [
    `${target} := ${path ? `jsonb_set_lax(${target}, ${path}, ${next}, true, 'raise_exception')` : next};`,
  ];
}
