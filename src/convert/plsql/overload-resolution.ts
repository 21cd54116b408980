/**
 * Overload resolution for calls of package subprograms (PL/SQL Language Reference, "Overloaded
 * Subprograms"). Oracle picks the overload whose formal parameters match the actual arguments by
 * data type family, by position and by name (named notation), with defaults for the parameters
 * left out; PostgreSQL resolves overloads by its own types, which differ (a DATE is a timestamp, a
 * CLOB is text, a literal is of unknown type). The converted call casts the arguments to the
 * parameter types of the overload Oracle would run, so PostgreSQL reaches the same routine (or the
 * one that replaced it when both map to the same PostgreSQL signature, OPG-PLSQL-0046).
 *
 * Matching, per argument: the same type (or subtype) is best, then the same family (VARCHAR2 and
 * CLOB, DATE and the TIMESTAMP types, RAW and BLOB, the numeric types in Oracle's order PLS_INTEGER,
 * NUMBER, BINARY_FLOAT, BINARY_DOUBLE, an object type and its supertypes), then Oracle's implicit
 * conversions (character ↔ number / datetime / interval / RAW). An overload needing a conversion
 * Oracle does not do is out. When the argument types cannot be inferred well enough to leave one
 * overload, the call is ambiguous: nothing is cast to an arbitrary overload (see resolveCall).
 */
import type { DataType, Expr, FuncArg } from '../../ast/expr.js';
import type { Subprogram } from '../../ast/plsql.js';
import { printExpr } from '../../emit/pg/expr.js';
import { inferType } from '../../rules/infer.js';
import type { PlContext } from './context.js';
import { nestedName } from './nested.js';
import { staticType } from './objects.js';
import type { PackageInfo } from './packages.js';
import { textArgs } from './implicit-text.js';

/** Oracle type of an argument or parameter, fine enough to choose among overloads. */
interface Kind {
  family: string;
  /** The type within its family (NUMBER, PLS_INTEGER …); undefined when only the family is known. */
  exact?: string;
}

const NUMBER_ORDER = ['PLS_INTEGER', 'NUMBER', 'BINARY_FLOAT', 'BINARY_DOUBLE'];
const INTEGER_NAMES = new Set([
  'PLS_INTEGER',
  'BINARY_INTEGER',
  'SIMPLE_INTEGER',
  'NATURAL',
  'NATURALN',
  'POSITIVE',
  'POSITIVEN',
  'SIGNTYPE',
]);
const NUMBER_NAMES = new Set([
  'NUMBER',
  'INTEGER',
  'INT',
  'SMALLINT',
  'DECIMAL',
  'DEC',
  'NUMERIC',
  'FLOAT',
  'REAL',
  'DOUBLE PRECISION',
]);
const CHAR_NAMES = new Set([
  'VARCHAR2',
  'VARCHAR',
  'NVARCHAR2',
  'CHAR',
  'NCHAR',
  'CHARACTER',
  'STRING',
  'LONG',
  'ROWID',
  'UROWID',
]);

/** Kind of a declared Oracle type; undefined when unknown (an unresolved %TYPE, %ROWTYPE …). */
export function kindOfType(t: DataType | undefined, pc: PlContext, depth = 0): Kind | undefined {
  if (!t || depth > 8 || t.attribute === 'ROWTYPE') return undefined;
  if (t.attribute === 'TYPE') {
    const base = pc.oracleType(t);
    return base && base !== t && !base.attribute ? kindOfType(base, pc, depth + 1) : undefined;
  }
  if (t.interval)
    return {
      family: t.interval.from === 'DAY' ? 'INTERVAL DAY TO SECOND' : 'INTERVAL YEAR TO MONTH',
      exact: 'INTERVAL',
    };
  const n = t.name;
  if (!t.schema) {
    if (n === 'TIMESTAMP' || n === 'TIMESTAMP_UNCONSTRAINED')
      return { family: 'DATETIME', exact: t.timeZone ? `TIMESTAMP ${t.timeZone}` : 'TIMESTAMP' };
    if (n === 'TIMESTAMP_TZ_UNCONSTRAINED') return { family: 'DATETIME', exact: 'TIMESTAMP TZ' };
    if (n === 'TIMESTAMP_LTZ_UNCONSTRAINED') return { family: 'DATETIME', exact: 'TIMESTAMP LTZ' };
    if (n === 'DATE') return { family: 'DATETIME', exact: 'DATE' };
    if (n === 'DSINTERVAL_UNCONSTRAINED') return { family: 'INTERVAL DAY TO SECOND', exact: 'INTERVAL' };
    if (n === 'YMINTERVAL_UNCONSTRAINED') return { family: 'INTERVAL YEAR TO MONTH', exact: 'INTERVAL' };
    if (CHAR_NAMES.has(n)) return { family: 'CHAR', exact: 'VARCHAR2' };
    if (n === 'CLOB' || n === 'NCLOB') return { family: 'CHAR', exact: 'CLOB' };
    if (INTEGER_NAMES.has(n)) return { family: 'NUMBER', exact: 'PLS_INTEGER' };
    if (NUMBER_NAMES.has(n)) return { family: 'NUMBER', exact: 'NUMBER' };
    if (n === 'BINARY_FLOAT' || n === 'BINARY_DOUBLE') return { family: 'NUMBER', exact: n };
    if (n === 'BOOLEAN') return { family: 'BOOLEAN', exact: 'BOOLEAN' };
    if (n === 'RAW' || n === 'LONG RAW') return { family: 'BINARY', exact: 'RAW' };
    if (n === 'BLOB') return { family: 'BINARY', exact: 'BLOB' };
    if (n === 'SYS_REFCURSOR') return { family: 'REFCURSOR', exact: 'REFCURSOR' };
    const sub = pc.subtypes.get(n);
    if (sub && sub !== t) return kindOfType(sub, pc, depth + 1);
  }
  // A package subtype (SUBTYPE t IS base) is its base type.
  const ref = pc.packageMember(t.schema ? [t.schema, n] : [n]);
  const decl = ref?.info.typeDecls.find((d) => d.name === ref.member);
  if (decl?.kind === 'subtype') return kindOfType(decl.base, pc, depth + 1);
  // Other named types (object, collection, record, REF CURSOR types): by the PostgreSQL type they
  // are held in, so that a subtype's value matches its supertype (one composite per hierarchy).
  let pg: string | undefined;
  const saved = pc.findings.length;
  const failed = pc.unconvertible.length;
  try {
    pg = pc.resolvedType(t, n);
  } catch {
    pg = undefined;
  }
  pc.findings.length = saved;
  pc.unconvertible.length = failed;
  if (pg === 'refcursor') return { family: 'REFCURSOR', exact: 'REFCURSOR' };
  return { family: `TYPE ${pg ?? n}`, exact: n };
}

const VARCHAR2: Kind = { family: 'CHAR', exact: 'VARCHAR2' };
const CLOB: Kind = { family: 'CHAR', exact: 'CLOB' };
const isClob = (k: Kind | 'null' | undefined) => k !== 'null' && k?.exact === 'CLOB';

/** Character functions returning the type of their first argument (VARCHAR2, or CLOB for a CLOB). */
const SAME_AS_FIRST = new Set([
  'SUBSTR',
  'REPLACE',
  'LPAD',
  'RPAD',
  'LTRIM',
  'RTRIM',
  'TRIM',
  'UPPER',
  'LOWER',
  'INITCAP',
  'TRANSLATE',
  'CONCAT',
  'REGEXP_REPLACE',
  'REGEXP_SUBSTR',
  'NVL',
  'COALESCE',
]);
/** Functions returning VARCHAR2 whatever their arguments. */
const VARCHAR2_FUNCTIONS = new Set([
  'CHR',
  'NCHR',
  'TO_CHAR',
  'TO_NCHAR',
  'RAWTOHEX',
  'DUMP',
  'SYS_CONTEXT',
  'USERENV',
  'SOUNDEX',
  'ASCIISTR',
  'UNISTR',
  'DBMS_RANDOM.STRING',
  'DBMS_LOB.SUBSTR',
]);
/** Results of the conversion methods of JSON_ELEMENT_T and its subtypes, and of XMLType. */
const METHOD_RESULTS: Record<string, Kind> = {
  TO_STRING: VARCHAR2,
  TO_CLOB: CLOB,
  TO_NUMBER: { family: 'NUMBER', exact: 'NUMBER' },
  TO_BOOLEAN: { family: 'BOOLEAN', exact: 'BOOLEAN' },
  TO_DATE: { family: 'DATETIME', exact: 'DATE' },
  TO_TIMESTAMP: { family: 'DATETIME', exact: 'TIMESTAMP' },
  TO_BLOB: { family: 'BINARY', exact: 'BLOB' },
  GETCLOBVAL: CLOB,
  GETSTRINGVAL: VARCHAR2,
  GETBLOBVAL: { family: 'BINARY', exact: 'BLOB' },
  GETNUMBERVAL: { family: 'NUMBER', exact: 'NUMBER' },
};

/** A value of a JSON object type or of XMLType (the receiver of a method call). */
function isJsonOrXml(parts: string[], pc: PlContext): boolean {
  let t: DataType | undefined;
  try {
    t = staticType({ kind: 'column', parts }, pc);
  } catch {
    t = undefined;
  }
  return !!t && !t.attribute && /^(JSON(_ELEMENT|_OBJECT|_ARRAY|_SCALAR)?_T|XMLTYPE)$/.test(t.name);
}

/** packageFunctionKind's answer for a member that is no function of the package. */
const NOT_A_FUNCTION = Symbol('not a function');

/**
 * Kind of the value a package function returns, for the overload the arguments choose
 * (undefined when the overload or its return type is unknown); NOT_A_FUNCTION when the member
 * has no function overload visible from here.
 */
function packageFunctionKind(
  ref: { info: PackageInfo; member: string },
  args: FuncArg[],
  pc: PlContext,
  depth: number,
): Kind | undefined | typeof NOT_A_FUNCTION {
  const overloads = qualifiedOverloads(ref.info.overloads?.get(ref.member) ?? [], ref.info);
  const units = candidatesOf(visibleOverloads(overloads, ref.info, pc), 'function');
  if (!units.length) return NOT_A_FUNCTION;
  const r = chooseOverload(units, args, pc, depth + 1);
  return r.unit?.returnType ? kindOfType(r.unit.returnType, pc) : undefined;
}

/** Kind of an (Oracle, not yet converted) argument expression; 'null' for NULL; undefined when unknown. */
export function kindOfArg(e: Expr, pc: PlContext, depth = 0): Kind | 'null' | undefined {
  if (depth > 8) return undefined;
  switch (e.kind) {
    case 'literal':
      if (e.type === 'null' || (e.type === 'string' && e.value === '')) return 'null';
      if (e.type === 'string') return { family: 'CHAR', exact: 'VARCHAR2' };
      if (e.type === 'boolean') return { family: 'BOOLEAN', exact: 'BOOLEAN' };
      if (/[fF]$/.test(e.value)) return { family: 'NUMBER', exact: 'BINARY_FLOAT' };
      if (/[dD]$/.test(e.value)) return { family: 'NUMBER', exact: 'BINARY_DOUBLE' };
      return { family: 'NUMBER', exact: 'NUMBER' };
    case 'typed-literal':
      return { family: 'DATETIME', exact: e.type };
    case 'interval-literal':
      return {
        family: /^(YEAR|MONTH)$/i.test(e.from) ? 'INTERVAL YEAR TO MONTH' : 'INTERVAL DAY TO SECOND',
        exact: 'INTERVAL',
      };
    case 'paren':
      return kindOfArg(e.expr, pc, depth + 1);
    case 'method':
      if (METHOD_RESULTS[e.name]) return METHOD_RESULTS[e.name];
      break;
    case 'cast':
      return kindOfType(e.type, pc);
    case 'pseudo':
      if (e.name === 'SYSDATE' || e.name === 'CURRENT_DATE') return { family: 'DATETIME', exact: 'DATE' };
      if (e.name === 'SYSTIMESTAMP' || e.name === 'CURRENT_TIMESTAMP')
        return { family: 'DATETIME', exact: 'TIMESTAMP TZ' };
      if (e.name === 'LOCALTIMESTAMP') return { family: 'DATETIME', exact: 'TIMESTAMP' };
      break;
    case 'binary':
      // A concatenation is a CLOB when one of its operands is (else VARCHAR2).
      if (e.op === '||')
        return [e.left, e.right].some((x) => isClob(kindOfArg(x, pc, depth + 1))) ? CLOB : VARCHAR2;
      if (['+', '-', '*', '/'].includes(e.op))
        return arithmeticKind(e.op, kindOfArg(e.left, pc, depth + 1), kindOfArg(e.right, pc, depth + 1));
      break;
    case 'case': {
      // The type of the first branch whose type is known.
      for (const x of [...e.whens.map((w) => w.then), ...(e.else ? [e.else] : [])]) {
        const k = kindOfArg(x, pc, depth + 1);
        if (k && k !== 'null') return k;
      }
      break;
    }
    case 'call': {
      const n = e.name.length === 1 ? e.name[0] : undefined;
      if (n === 'NUMTODSINTERVAL' || n === 'TO_DSINTERVAL')
        return { family: 'INTERVAL DAY TO SECOND', exact: 'INTERVAL' };
      if (n === 'NUMTOYMINTERVAL' || n === 'TO_YMINTERVAL')
        return { family: 'INTERVAL YEAR TO MONTH', exact: 'INTERVAL' };
      if (n === 'SYSTIMESTAMP' || n === 'CURRENT_TIMESTAMP' || n === 'TO_TIMESTAMP_TZ' || n === 'FROM_TZ')
        return { family: 'DATETIME', exact: 'TIMESTAMP TZ' };
      if (n === 'TO_TIMESTAMP' || n === 'LOCALTIMESTAMP') return { family: 'DATETIME', exact: 'TIMESTAMP' };
      if (n === 'TO_CLOB') return CLOB;
      // Character functions: VARCHAR2, or a CLOB for a CLOB first argument (SUBSTR, REPLACE …).
      if (n && SAME_AS_FIRST.has(n) && e.args.length)
        return isClob(kindOfArg(e.args[0].value, pc, depth + 1)) ? CLOB : VARCHAR2;
      if (VARCHAR2_FUNCTIONS.has(e.name.join('.'))) return VARCHAR2;
      if (n === 'TO_BLOB' || n === 'EMPTY_BLOB') return { family: 'BINARY', exact: 'BLOB' };
      if (n === 'EMPTY_CLOB') return { family: 'CHAR', exact: 'CLOB' };
      // Conversion methods of the JSON object types and XMLType (v.to_number(), x.getClobVal()).
      if (
        e.name.length >= 2 &&
        METHOD_RESULTS[e.name[e.name.length - 1]] &&
        isJsonOrXml(e.name.slice(0, -1), pc)
      )
        return METHOD_RESULTS[e.name[e.name.length - 1]];
      // TYPE(…): a value of the object or collection type.
      if (
        n &&
        !pc.lookup(n) &&
        (pc.cctx.objectTypes.has(`.${n}`) || pc.isCollectionType({ kind: 'datatype', name: n, args: [] }))
      )
        return kindOfType({ kind: 'datatype', name: n, args: [] }, pc);
      // A nested function of the unit (lifted to a routine of its own): its return type.
      const lifted = nestedName(pc, e.name);
      if (lifted)
        return lifted.unit?.kind === 'function' && lifted.unit.returnType
          ? kindOfType(lifted.unit.returnType, pc)
          : undefined;
      // A package function: the return type of the overload the call reaches.
      if (e.name.length <= 2 && !(e.name.length === 1 && pc.lookup(e.name[0]))) {
        const ref = pc.packageMember(e.name);
        if (ref && !(e.name.length === 2 && pc.lookup(e.name[0]))) {
          const kind = packageFunctionKind(ref, e.args, pc, depth);
          if (kind !== NOT_A_FUNCTION) return kind;
        }
      }
      break;
    }
    case 'column':
      if (e.parts.length === 1 && !pc.lookup(e.parts[0]) && (e.parts[0] === 'TRUE' || e.parts[0] === 'FALSE'))
        return { family: 'BOOLEAN', exact: 'BOOLEAN' };
      if (
        e.parts.length === 1 &&
        !pc.lookup(e.parts[0]) &&
        ['SYSDATE', 'CURRENT_DATE', 'SYSTIMESTAMP', 'CURRENT_TIMESTAMP', 'LOCALTIMESTAMP'].includes(
          e.parts[0],
        )
      )
        return kindOfArg({ kind: 'pseudo', name: e.parts[0] } as Expr, pc, depth + 1);
      if (e.parts.length <= 2 && !pc.lookup(e.parts[0])) {
        // A package variable, or a package function called without parentheses.
        const ref = pc.packageMember(e.parts);
        const v = ref?.info.variables.get(ref.member);
        if (v) return kindOfType(v.type, pc);
        const constant = ref?.info.constants.get(ref.member);
        if (constant) return kindOfArg(constant, pc, depth + 1);
        const kind = ref ? packageFunctionKind(ref, [], pc, depth) : NOT_A_FUNCTION;
        if (kind !== NOT_A_FUNCTION) return kind;
      }
      break;
  }
  let declared: DataType | undefined;
  try {
    declared = staticType(e, pc);
  } catch {
    declared = undefined;
  }
  const k = declared ? kindOfType(declared, pc) : undefined;
  if (k) return k;
  // What the SQL type inference can tell (classes, not exact types).
  const t = inferType(e, pc.ectx);
  switch (t.cls) {
    case 'null':
      return 'null';
    case 'string':
      return { family: 'CHAR' };
    case 'number':
      return { family: 'NUMBER' };
    case 'date':
      return { family: 'DATETIME', exact: 'DATE' };
    case 'timestamp':
      return { family: 'DATETIME' };
    case 'interval':
      return { family: 'INTERVAL' };
    case 'boolean':
      return { family: 'BOOLEAN', exact: 'BOOLEAN' };
    case 'binary':
      return { family: 'BINARY' };
    default:
      return undefined;
  }
}

/**
 * Type of datetime and interval arithmetic (SQL Language Reference, "Datetime/Interval
 * Arithmetic"): DATE - DATE is a NUMBER of days, other datetime differences an INTERVAL DAY TO
 * SECOND; a datetime ± a number is a DATE, ± an interval keeps its type; numbers stay numbers.
 */
function arithmeticKind(
  op: string,
  l: Kind | 'null' | undefined,
  r: Kind | 'null' | undefined,
): Kind | undefined {
  if (!l || !r || l === 'null' || r === 'null') return undefined;
  const isInterval = (k: Kind) => k.family.startsWith('INTERVAL');
  if (l.family === 'DATETIME' && r.family === 'DATETIME' && op === '-') {
    if (!l.exact || !r.exact) return undefined;
    return l.exact === 'DATE' && r.exact === 'DATE'
      ? { family: 'NUMBER', exact: 'NUMBER' }
      : { family: 'INTERVAL DAY TO SECOND', exact: 'INTERVAL' };
  }
  if (l.family === 'DATETIME' && (op === '+' || op === '-'))
    return r.family === 'NUMBER' ? { family: 'DATETIME', exact: 'DATE' } : isInterval(r) ? l : undefined;
  if (r.family === 'DATETIME' && op === '+')
    return l.family === 'NUMBER' ? { family: 'DATETIME', exact: 'DATE' } : isInterval(l) ? r : undefined;
  if (isInterval(l) && (isInterval(r) || r.family === 'NUMBER')) return l;
  if (isInterval(r) && l.family === 'NUMBER' && op === '*') return r;
  if (l.family === 'NUMBER' && r.family === 'NUMBER') return { family: 'NUMBER', exact: 'NUMBER' };
  return undefined;
}

/** Families Oracle converts a value of family `from` to implicitly (SQL Language Reference, "Implicit Data Conversion"). */
const IMPLICIT: Record<string, string[]> = {
  CHAR: ['NUMBER', 'DATETIME', 'INTERVAL DAY TO SECOND', 'INTERVAL YEAR TO MONTH', 'BINARY'],
  NUMBER: ['CHAR'],
  DATETIME: ['CHAR'],
  'INTERVAL DAY TO SECOND': ['CHAR'],
  'INTERVAL YEAR TO MONTH': ['CHAR'],
  BINARY: ['CHAR'],
};

/**
 * How well an argument of kind `a` fits a parameter of kind `p`: 0 the same type, 1 the same
 * family (numbers ranked in Oracle's order), 2 an implicit conversion; undefined when Oracle does
 * not convert. An unknown or NULL argument fits every parameter equally.
 */
function argumentFit(a: Kind | 'null' | undefined, p: Kind | undefined): number | undefined {
  if (!a || a === 'null' || !p) return 0;
  if (a.family === 'INTERVAL')
    return p.family.startsWith('INTERVAL') ? 1 : p.family === 'CHAR' ? 2 : undefined;
  if (a.family === p.family) {
    if (!a.exact || !p.exact) return 1;
    if (a.exact === p.exact) return 0;
    if (a.family === 'NUMBER') return 1 + NUMBER_ORDER.indexOf(p.exact) / 10;
    return 1;
  }
  // Oracle converts to VARCHAR2 and RAW; a CLOB or a BLOB parameter takes such a value through them.
  if (IMPLICIT[a.family]?.includes(p.family)) return p.exact === 'CLOB' || p.exact === 'BLOB' ? 3 : 2;
  // CLOB → VARCHAR2 is within the family; a character value goes to RAW, not to BLOB.
  return undefined;
}

/**
 * The declarations of a package member with the package's own types named with the package
 * (T_TAB → PKG.T_TAB): the caller resolves them outside the package.
 */
export function qualifiedOverloads(units: Subprogram[], info: PackageInfo): Subprogram[] {
  const own = (t: DataType | undefined): DataType | undefined =>
    t && !t.schema && !t.attribute && info.typeDecls.some((d) => d.name === t.name)
      ? { ...t, schema: info.name }
      : t;
  return units.map((u) => {
    const returnType = own(u.returnType);
    return {
      ...u,
      params: u.params.map((p) => ({ ...p, type: own(p.type)! })),
      ...(returnType ? { returnType } : {}),
    };
  });
}

/** An overload's kind and parameters (spec and body declarations of one overload share it). */
const key = (u: Subprogram) =>
  `${u.kind}(${u.params.map((p) => `${p.name} ${p.mode} ${p.type.schema ?? ''}.${p.type.name}%${p.type.attribute ?? ''}${p.type.timeZone ?? ''}${p.type.interval?.from ?? ''}`).join(',')})`;

/**
 * The overloads a call can reach: all of them inside the package, those the package specification
 * declares from outside it (a private overload of the body is not visible there). When the sources
 * have no specification, all.
 */
export function visibleOverloads(units: Subprogram[], info: PackageInfo, pc: PlContext): Subprogram[] {
  if (pc.pkg?.name === info.name) return units;
  const declared = new Set(units.filter((u) => !u.block).map(key));
  const visible = units.filter((u) => declared.has(key(u)));
  return visible.length ? visible : units;
}

/** The overloads of `kind` among a member's declarations, each once (the body's declaration when spec and body both have it). */
export function candidatesOf(units: Subprogram[], kind?: 'function' | 'procedure'): Subprogram[] {
  const byKey = new Map<string, Subprogram>();
  for (const u of units)
    if (!kind || u.kind === kind) byKey.set(key(u), byKey.has(key(u)) && !u.block ? byKey.get(key(u))! : u);
  return [...byKey.values()];
}

/** The parameter each argument goes to (positional, then named); undefined when the call does not fit the overload. */
export function bindArgs(u: Subprogram, args: FuncArg[]): (number | undefined)[] | undefined {
  const bound = new Set<number>();
  const out: number[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const j = a.name ? u.params.findIndex((p) => p.name === a.name) : i;
    if (j < 0 || j >= u.params.length || bound.has(j)) return undefined;
    bound.add(j);
    out.push(j);
  }
  // Every parameter left out needs a default.
  if (u.params.some((p, j) => !bound.has(j) && !p.default)) return undefined;
  return out;
}

export interface Choice {
  /** The overload the call reaches; undefined when none fits or several remain. */
  unit?: Subprogram;
  /** The overloads that remain when the argument types do not decide (ambiguous call). */
  remaining: Subprogram[];
}

/** Chooses the overload of `units` (one kind) a call with `args` reaches, as Oracle does. */
export function chooseOverload(units: Subprogram[], args: FuncArg[], pc: PlContext, depth = 0): Choice {
  const fitting = units.map((u) => ({ u, binding: bindArgs(u, args) })).filter((c) => c.binding) as {
    u: Subprogram;
    binding: number[];
  }[];
  if (fitting.length <= 1)
    return { ...(fitting[0] ? { unit: fitting[0].u } : {}), remaining: fitting.map((c) => c.u) };
  const argKinds = args.map((a) => kindOfArg(a.value, pc, depth));
  const scored = fitting
    .map((c) => ({
      ...c,
      scores: c.binding.map((j, i) => argumentFit(argKinds[i], kindOfType(c.u.params[j].type, pc))),
    }))
    .filter((c) => c.scores.every((s) => s !== undefined)) as {
    u: Subprogram;
    binding: number[];
    scores: number[];
  }[];
  // No overload takes these argument types as inferred: the inference cannot be trusted, none is chosen.
  if (!scored.length) return { remaining: fitting.map((c) => c.u) };
  if (scored.length === 1) return { unit: scored[0].u, remaining: [scored[0].u] };
  // The best: not worse than another for any argument (Oracle raises PLS-00307 when none is).
  const dominates = (a: number[], b: number[]) => a.every((s, i) => s <= b[i]) && a.some((s, i) => s < b[i]);
  const best = scored.filter((c) => !scored.some((o) => o !== c && dominates(o.scores, c.scores)));
  if (best.length === 1) return { unit: best[0].u, remaining: [best[0].u] };
  return { remaining: best.map((c) => c.u) };
}

/** Oracle spelling of an overload's parameter list, for messages. */
const overloadText = (label: string, u: Subprogram) =>
  `${label}(${u.params.map((p) => `${p.name} ${typeText(p.type)}`).join(', ')})`;

/** Oracle spelling of a declared type (INTERVAL DAY TO SECOND, TIMESTAMP WITH TIME ZONE …). */
export function typeText(t: DataType): string {
  if (t.interval) return `INTERVAL ${t.interval.from} TO ${t.interval.to}`;
  const name = `${t.schema ? `${t.schema}.` : ''}${t.name}`;
  if (t.attribute) return `${name}%${t.attribute}`;
  return t.timeZone ? `${name} WITH ${t.timeZone === 'LTZ' ? 'LOCAL ' : ''}TIME ZONE` : name;
}

/**
 * The arguments of a call of package member `label` (declarations `overloads`, calls of `kind`),
 * converted by `convert` and cast to the parameter types of the overload Oracle runs (Oracle
 * converts arguments implicitly, PostgreSQL resolves overloads by type). IN OUT / OUT arguments
 * stay as written (they are assignment targets). When the argument types leave several overloads,
 * only the arguments whose parameter types all of them share are cast, the others are left to
 * PostgreSQL's overload resolution and the call is reported (OPG-PLSQL-0052).
 */
export function castCallArgs(
  overloads: Subprogram[],
  args: FuncArg[],
  pc: PlContext,
  kind: 'function' | 'procedure',
  label: string,
  convert: (e: Expr) => Expr,
  info?: PackageInfo,
): { unit?: Subprogram; args: FuncArg[] } {
  const units = candidatesOf(
    info ? visibleOverloads(qualifiedOverloads(overloads, info), info, pc) : overloads,
    kind,
  );
  const choice = chooseOverload(units, args, pc);
  // One declaration only: cast by position / name as far as the arguments go.
  const unit = choice.unit ?? (units.length === 1 ? units[0] : undefined);
  const remaining = unit ? [unit] : choice.remaining;
  const pgType = (u: Subprogram, a: FuncArg, i: number): string | undefined => {
    const p = a.name ? u.params.find((x) => x.name === a.name) : u.params[i];
    if (!p || p.type.attribute === 'ROWTYPE' || (kind === 'procedure' && p.mode !== 'IN')) return undefined;
    return pc.resolvedType(p.type, p.name);
  };
  const uncast: string[] = [];
  // Oracle's implicit NUMBER → VARCHAR2 conversion of the arguments of the overload it runs.
  const converted = unit ? textArgs(unit, args, pc) : args;
  const out = args.map((a, i) => {
    const value = convert(converted[i].value);
    const types = remaining.map((u) => pgType(u, a, i));
    const type = types[0];
    if (!type || types.some((t) => t !== type)) {
      if (remaining.length > 1 && new Set(types).size > 1)
        uncast.push(a.name ? `${a.name} => ${printExpr(a.value)}` : printExpr(a.value));
      return { ...a, value };
    }
    return {
      ...a,
      value: {
        kind: 'pg-cast',
        operand: { kind: 'paren', expr: value },
        type: { kind: 'datatype', name: type, args: [] },
      } as Expr,
    };
  });
  if (remaining.length > 1 && uncast.length)
    pc.report('OPG-PLSQL-0052', {
      detail: `${label}(${args.map((a) => (a.name ? `${a.name} => ${printExpr(a.value)}` : printExpr(a.value))).join(', ')}): the argument types do not tell which of ${remaining.map((u) => overloadText(label, u)).join(', ')} Oracle runs; ${uncast.join(', ')} ${uncast.length === 1 ? 'is' : 'are'} passed without a cast and PostgreSQL chooses by its own types`,
    });
  return { ...(unit ? { unit } : {}), args: out };
}
