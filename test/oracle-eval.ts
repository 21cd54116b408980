/**
 * A reference evaluator of Oracle semantics for a small expression language, written for the
 * property test (test/property.test.ts). It is deliberately independent of the converter: it
 * models what Oracle returns, from Oracle's documentation, and nothing in src/ is used.
 *
 * Rules modelled (Oracle 19c SQL Language Reference):
 * - A character value of length zero is NULL: the literal '' is NULL, and any string result that
 *   becomes empty is NULL ("Nulls", chapter 2).
 * - `||` and CONCAT treat a NULL operand as the empty string; the result is NULL only when both
 *   operands are NULL/'' ("Concatenation Operator"; CONCAT is equivalent).
 * - NVL(a, b): b when a is NULL. NVL2(a, b, c): b when a is not NULL, else c.
 * - DECODE(e, s1, r1, …, [d]): the first search equal to e, where NULL matches NULL; else d or NULL.
 * - COALESCE: the first non-NULL argument. NULLIF(a, b): NULL when a = b, else a.
 * - GREATEST/LEAST: NULL when any argument is NULL; otherwise the largest/smallest (arguments
 *   here always share one type: strings compare binary, numbers numerically, dates by time).
 * - CASE (searched and simple): the first WHEN that is TRUE (simple: operand = value, so a NULL
 *   operand never matches); else the ELSE value, or NULL without ELSE.
 * - Conditions are three-valued (TRUE/FALSE/UNKNOWN); a comparison with NULL is UNKNOWN.
 * - LENGTH(NULL) and LENGTH('') are NULL; UPPER(NULL) is NULL.
 *
 * Strings used by the test are ASCII letters only, so Oracle's blank-padded comparison of text
 * literals and its non-padded comparison of VARCHAR2 values agree, and binary order (NLS_SORT
 * BINARY) equals PostgreSQL's "C" collation.
 */

export type Ty = 'str' | 'num' | 'date';

/** How a typed NULL is spelled: the bare literal, '' (strings), or a typed form. */
export type NullForm =
  | 'NULL'
  | "''"
  | 'TO_NUMBER(NULL)'
  | 'TO_DATE(NULL)'
  | 'CAST(NULL AS NUMBER)'
  | 'CAST(NULL AS DATE)'
  | 'CAST(NULL AS VARCHAR2(10))';

export type Fn =
  | 'NVL'
  | 'NVL2'
  | 'DECODE'
  | 'COALESCE'
  | 'NULLIF'
  | 'CONCAT'
  | 'GREATEST'
  | 'LEAST'
  | 'LENGTH'
  | 'UPPER';

export type Expr =
  | { k: 'str'; v: string } // non-empty string literal
  | { k: 'num'; text: string } // numeric literal as written, e.g. -2.75
  | { k: 'date'; v: string } // DATE 'YYYY-MM-DD'
  | { k: 'null'; ty: Ty; form: NullForm }
  | { k: 'col'; ty: Ty; name: string }
  | { k: 'call'; fn: Fn; args: Expr[] }
  | { k: 'concat'; l: Expr; r: Expr } // l || r
  | { k: 'scase'; whens: { cond: Cond; result: Expr }[]; else?: Expr } // searched CASE
  | { k: 'case'; operand: Expr; whens: { value: Expr; result: Expr }[]; else?: Expr } // simple CASE
  | { k: 'tf'; cond: Cond }; // CASE WHEN cond THEN 'T' ELSE 'F' END

export type RelOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type Cond =
  | { k: 'rel'; op: RelOp; l: Expr; r: Expr }
  | { k: 'isnull'; e: Expr; not: boolean }
  | { k: 'not'; c: Cond }
  | { k: 'and' | 'or'; l: Cond; r: Cond };

/** An Oracle value: NULL, or a typed non-NULL value (a string is never empty). */
export type Val = null | { t: 'str'; v: string } | { t: 'num'; v: number } | { t: 'date'; v: string };

/** Column values of one row of the test table. */
export type Row = Record<string, Val>;

const str = (s: string): Val => (s === '' ? null : { t: 'str', v: s });

function cmp(a: Exclude<Val, null>, b: Exclude<Val, null>): number {
  if (a.t !== b.t) throw new Error(`reference evaluator: comparing ${a.t} with ${b.t}`);
  if (a.t === 'num') return a.v === b.v ? 0 : a.v < (b.v as number) ? -1 : 1;
  // Strings: binary order of ASCII letters; dates: ISO text orders like time.
  return a.v === b.v ? 0 : a.v < (b.v as string) ? -1 : 1;
}

/** Oracle `=` between two values: UNKNOWN (null) when either is NULL. */
function eq(a: Val, b: Val): boolean | null {
  if (a === null || b === null) return null;
  return cmp(a, b) === 0;
}

export function evalCond(c: Cond, row: Row): boolean | null {
  switch (c.k) {
    case 'rel': {
      const l = evalExpr(c.l, row);
      const r = evalExpr(c.r, row);
      if (l === null || r === null) return null;
      const d = cmp(l, r);
      switch (c.op) {
        case '=':
          return d === 0;
        case '<>':
          return d !== 0;
        case '<':
          return d < 0;
        case '<=':
          return d <= 0;
        case '>':
          return d > 0;
        case '>=':
          return d >= 0;
      }
      break;
    }
    case 'isnull': {
      const isNull = evalExpr(c.e, row) === null;
      return c.not ? !isNull : isNull;
    }
    case 'not': {
      const v = evalCond(c.c, row);
      return v === null ? null : !v;
    }
    case 'and': {
      const l = evalCond(c.l, row);
      const r = evalCond(c.r, row);
      if (l === false || r === false) return false;
      return l === null || r === null ? null : true;
    }
    case 'or': {
      const l = evalCond(c.l, row);
      const r = evalCond(c.r, row);
      if (l === true || r === true) return true;
      return l === null || r === null ? null : false;
    }
  }
  throw new Error('reference evaluator: unknown condition');
}

export function evalExpr(e: Expr, row: Row): Val {
  switch (e.k) {
    case 'str':
      return str(e.v);
    case 'num':
      return { t: 'num', v: Number(e.text) };
    case 'date':
      return { t: 'date', v: e.v };
    case 'null':
      return null;
    case 'col': {
      const v = row[e.name];
      if (v === undefined) throw new Error(`reference evaluator: no column ${e.name}`);
      return v;
    }
    case 'concat':
      return concat(evalExpr(e.l, row), evalExpr(e.r, row));
    case 'tf':
      return str(evalCond(e.cond, row) === true ? 'T' : 'F');
    case 'scase': {
      for (const w of e.whens) if (evalCond(w.cond, row) === true) return evalExpr(w.result, row);
      return e.else ? evalExpr(e.else, row) : null;
    }
    case 'case': {
      const x = evalExpr(e.operand, row);
      for (const w of e.whens) if (eq(x, evalExpr(w.value, row)) === true) return evalExpr(w.result, row);
      return e.else ? evalExpr(e.else, row) : null;
    }
    case 'call':
      return evalCall(e.fn, e.args, row);
  }
}

function concat(a: Val, b: Val): Val {
  const text = (v: Val) => (v === null ? '' : v.t === 'str' ? v.v : bad('|| of a non-string'));
  return str(text(a) + text(b));
}

function bad(why: string): never {
  throw new Error(`reference evaluator: ${why}`);
}

function evalCall(fn: Fn, args: Expr[], row: Row): Val {
  const v = (i: number) => evalExpr(args[i], row);
  switch (fn) {
    case 'NVL': {
      const a = v(0);
      return a !== null ? a : v(1);
    }
    case 'NVL2':
      return v(0) !== null ? v(1) : v(2);
    case 'COALESCE': {
      for (let i = 0; i < args.length; i++) {
        const a = v(i);
        if (a !== null) return a;
      }
      return null;
    }
    case 'NULLIF': {
      const a = v(0);
      return eq(a, v(1)) === true ? null : a;
    }
    case 'DECODE': {
      const x = v(0);
      let i = 1;
      for (; i + 1 < args.length; i += 2) {
        const s = v(i);
        // DECODE considers two NULLs equivalent.
        if ((x === null && s === null) || eq(x, s) === true) return v(i + 1);
      }
      return i < args.length ? v(i) : null;
    }
    case 'CONCAT':
      return concat(v(0), v(1));
    case 'GREATEST':
    case 'LEAST': {
      const vals = args.map((_, i) => v(i));
      if (vals.some((a) => a === null)) return null;
      let best = vals[0]!;
      for (const a of vals.slice(1)) {
        const d = cmp(a!, best);
        if (fn === 'GREATEST' ? d > 0 : d < 0) best = a!;
      }
      return best;
    }
    case 'LENGTH': {
      const a = v(0);
      if (a === null) return null;
      if (a.t !== 'str') bad('LENGTH of a non-string');
      return { t: 'num', v: a.v.length };
    }
    case 'UPPER': {
      const a = v(0);
      if (a === null) return null;
      if (a.t !== 'str') bad('UPPER of a non-string');
      return str(a.v.toUpperCase());
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Oracle SQL text

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Prints an expression as Oracle SQL. */
export function toOracle(e: Expr): string {
  switch (e.k) {
    case 'str':
      return q(e.v);
    case 'num':
      return e.text;
    case 'date':
      return `DATE ${q(e.v)}`;
    case 'null':
      return e.form;
    case 'col':
      return e.name;
    case 'concat':
      // Left-nested chains print flat (a || b || c); a chain on the right is parenthesized.
      return `${toOracle(e.l)} || ${e.r.k === 'concat' ? `(${toOracle(e.r)})` : toOracle(e.r)}`;
    case 'tf':
      return `CASE WHEN ${condToOracle(e.cond)} THEN 'T' ELSE 'F' END`;
    case 'scase':
      return `CASE ${e.whens.map((w) => `WHEN ${condToOracle(w.cond)} THEN ${toOracle(w.result)}`).join(' ')}${
        e.else ? ` ELSE ${toOracle(e.else)}` : ''
      } END`;
    case 'case':
      return `CASE ${toOracle(e.operand)} ${e.whens.map((w) => `WHEN ${toOracle(w.value)} THEN ${toOracle(w.result)}`).join(' ')}${
        e.else ? ` ELSE ${toOracle(e.else)}` : ''
      } END`;
    case 'call':
      return `${e.fn}(${e.args.map(toOracle).join(', ')})`;
  }
}

/** An operand of a comparison: a concatenation is parenthesized. */
const operand = (e: Expr) => (e.k === 'concat' ? `(${toOracle(e)})` : toOracle(e));

export function condToOracle(c: Cond): string {
  switch (c.k) {
    case 'rel':
      return `${operand(c.l)} ${c.op} ${operand(c.r)}`;
    case 'isnull':
      return `${operand(c.e)} IS ${c.not ? 'NOT ' : ''}NULL`;
    case 'not':
      return `NOT (${condToOracle(c.c)})`;
    case 'and':
    case 'or':
      return `(${condToOracle(c.l)}) ${c.k.toUpperCase()} (${condToOracle(c.r)})`;
  }
}

/** Whether the expression reads a column (then it runs over the test table, else FROM dual). */
export function usesColumns(e: Expr): boolean {
  let found = false;
  walk(e, (x) => {
    if (x.k === 'col') found = true;
  });
  return found;
}

/** Calls f on every expression node (conditions are walked through). */
export function walk(e: Expr, f: (e: Expr) => void): void {
  f(e);
  const cond = (c: Cond): void => {
    if (c.k === 'rel') {
      walk(c.l, f);
      walk(c.r, f);
    } else if (c.k === 'isnull') walk(c.e, f);
    else if (c.k === 'not') cond(c.c);
    else {
      cond(c.l);
      cond(c.r);
    }
  };
  switch (e.k) {
    case 'concat':
      walk(e.l, f);
      walk(e.r, f);
      break;
    case 'tf':
      cond(e.cond);
      break;
    case 'scase':
      for (const w of e.whens) {
        cond(w.cond);
        walk(w.result, f);
      }
      if (e.else) walk(e.else, f);
      break;
    case 'case':
      walk(e.operand, f);
      for (const w of e.whens) {
        walk(w.value, f);
        walk(w.result, f);
      }
      if (e.else) walk(e.else, f);
      break;
    case 'call':
      for (const a of e.args) walk(a, f);
      break;
    default:
  }
}

// ---------------------------------------------------------------------------------------------
// Comparing with PostgreSQL's text output

/** The expected value as text (NULL as null): numbers in JS form, dates as YYYY-MM-DD. */
export function valText(v: Val): string | null {
  if (v === null) return null;
  return v.t === 'num' ? String(v.v) : v.v;
}

/**
 * Whether PostgreSQL's text `actual` is the Oracle value `expected`: NULL only matches NULL,
 * numbers compare numerically ('2.0' is 2), dates match a timestamp at midnight or a date.
 */
export function sameValue(expected: Val, actual: string | null): boolean {
  if (expected === null || actual === null) return expected === null && actual === null;
  switch (expected.t) {
    case 'str':
      return actual === expected.v;
    case 'num':
      return /^\s*-?(\d+\.?\d*|\.\d+)\s*$/.test(actual) && Number(actual) === expected.v;
    case 'date':
      return actual.replace(/[ T]00:00:00(\.0+)?$/, '') === expected.v;
  }
}
