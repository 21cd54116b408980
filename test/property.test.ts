/**
 * Property test (issue 4, "Done when"): random well-typed Oracle expressions over NULL, '',
 * strings, numbers and dates evaluate to the same value through the reference evaluator of
 * Oracle semantics (test/oracle-eval.ts) and through the converted SQL on PGlite.
 *
 * Covered: literals (NULL, '', letters-only strings, integers, decimals, DATE literals, typed
 * NULLs), columns of a test table (one expression is evaluated on every row), NVL, NVL2, DECODE,
 * COALESCE, NULLIF, ||, CONCAT, GREATEST, LEAST, CASE (searched and simple, with and without
 * ELSE), comparisons (= <> < <= > >=, IS [NOT] NULL, NOT/AND/OR) as CASE WHEN … THEN 'T' ELSE 'F'
 * END, LENGTH and UPPER; depth ≤ 4.
 *
 * The generator only builds expressions Oracle accepts without implicit conversions:
 * - every operand has the type its position needs (no string/number/date mixing);
 * - where a bare NULL literal would decide the type of the result (the first argument of NVL,
 *   COALESCE, GREATEST/LEAST, the first result of NVL2/DECODE/CASE, both sides of comparisons,
 *   the top level…) a number or date NULL is typed: TO_NUMBER(NULL), TO_DATE(NULL),
 *   CAST(NULL AS DATE). A bare NULL there is VARCHAR2 for Oracle, and e.g. DECODE's or
 *   GREATEST's result would then compare or print as text;
 * - NULLIF's first argument is never a NULL literal (ORA-00932), and a CASE always has a return
 *   expression that is not a NULL literal (Oracle rejects all-NULL results).
 * The run is deterministic (fixed seed); on failure fast-check shrinks the expression and the
 * message shows the Oracle expression, the translated SQL, and the expected and actual values.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../src/translate/index.js';
import {
  type Cond,
  type Expr,
  evalExpr,
  type NullForm,
  type RelOp,
  type Row,
  sameValue,
  type Ty,
  toOracle,
  usesColumns,
  type Val,
  valText,
  walk,
} from './oracle-eval.js';
import type { Executor } from './semantic.js';
import { pgliteExecutor } from './semantic-pglite.js';

// Fixed so CI is deterministic; PROPERTY_SEED / PROPERTY_RUNS explore other runs locally.
const SEED = Number(process.env.PROPERTY_SEED ?? 20_240_604);
const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 400);
const MAX_DEPTH = 4;

/**
 * Converter bugs this property found, each excluded from the generator until it is fixed (set
 * the flag to false to generate the construct again; the default seed then fails within a few
 * dozen runs). A minimal counterexample is in each comment.
 */
// All three were fixed in the converter (rules/expressions.ts CAST types, rules/infer.ts CASE/DECODE/NVL2
// nullability, rules/nulls.ts typed NULL folding); the flags stay so a regression can be isolated.
const KNOWN_BUGS = {
  /**
   * CAST type names are not converted: `CAST(NULL AS NUMBER)` → `CAST(NULL AS number)` and
   * `CAST(NULL AS VARCHAR2(10))` → `CAST(NULL AS varchar2)` fail on PostgreSQL (type "number" /
   * "varchar2" does not exist). Excluded: those two typed-NULL spellings. (Related, not visible
   * here since the test's dates have no time of day: `CAST(d AS DATE)` → `CAST(d AS date)` drops
   * the time that an Oracle DATE keeps.)
   */
  castTypeNames: false,
  /**
   * inferType (src/rules/infer.ts, firstKnown) gives a CASE, DECODE or NVL2 the `notNull` of its
   * first typed result, although it is NULL when no branch matches or a NULL branch is taken; so
   * `||`/CONCAT skip coalesce() and GREATEST/LEAST skip the NULL check for that operand:
   * `DECODE(1, 0, 'a') || 'b'` → `CASE WHEN 1 = 0 THEN 'a' END || 'b'` is NULL, Oracle says 'b'.
   * Excluded: a CASE/DECODE/NVL2 directly as an operand of ||, CONCAT, GREATEST or LEAST.
   */
  caseNotNull: false,
  /**
   * GREATEST/LEAST with a NULL literal argument is folded to an untyped `NULL`, losing the
   * NUMBER/DATE type; where PostgreSQL then has to type it from NULLs only it becomes text:
   * `CASE WHEN 1 = NVL(GREATEST(0, NULL), NULL) THEN 'T' ELSE 'F' END` → `CASE WHEN 1 =
   * coalesce(NULL, NULL) …`: operator does not exist: integer = text. Excluded: a bare NULL as a
   * number/date argument of GREATEST/LEAST (TO_NUMBER(NULL)/TO_DATE(NULL) are used there; string
   * arguments still get bare NULLs, which are text anyway).
   */
  greatestNullUntyped: false,
};

/** Whether e is a CASE/DECODE/NVL2 (see KNOWN_BUGS.caseNotNull). */
const caseLike = (e: Expr) =>
  e.k === 'scase' || e.k === 'case' || (e.k === 'call' && (e.fn === 'DECODE' || e.fn === 'NVL2'));

// ---------------------------------------------------------------------------------------------
// The test table: a few rows mixing NULL, '' (inserted as '', so NULL in Oracle) and values.

const S = (v: string): Val => (v === '' ? null : { t: 'str', v });
const N = (v: number): Val => ({ t: 'num', v });
const D = (v: string): Val => ({ t: 'date', v });

const COLUMNS: Record<Ty, string[]> = { str: ['S1', 'S2'], num: ['N1', 'N2'], date: ['D1', 'D2'] };

/** Rows in id order; a string written '' in the INSERT is NULL (Oracle stores '' as NULL). */
const ROWS: { insert: string; row: Row }[] = [
  {
    insert: "'a', '', 1.5, NULL, DATE '2020-01-31', NULL",
    row: { S1: S('a'), S2: null, N1: N(1.5), N2: null, D1: D('2020-01-31'), D2: null },
  },
  {
    insert: "NULL, 'ab', NULL, -2, NULL, DATE '2021-02-28'",
    row: { S1: null, S2: S('ab'), N1: null, N2: N(-2), D1: null, D2: D('2021-02-28') },
  },
  {
    insert: "'ab', 'ab', 2, 2.0, DATE '2020-01-31', DATE '2020-01-31'",
    row: { S1: S('ab'), S2: S('ab'), N1: N(2), N2: N(2), D1: D('2020-01-31'), D2: D('2020-01-31') },
  },
  {
    insert: "'B', 'a', 0, 10, DATE '2019-12-31', DATE '2020-01-01'",
    row: { S1: S('B'), S2: S('a'), N1: N(0), N2: N(10), D1: D('2019-12-31'), D2: D('2020-01-01') },
  },
  {
    insert: "'', NULL, NULL, NULL, NULL, NULL",
    row: { S1: null, S2: null, N1: null, N2: null, D1: null, D2: null },
  },
];

const SETUP = [
  'CREATE TABLE prop_t (id NUMBER PRIMARY KEY, s1 VARCHAR2(10), s2 VARCHAR2(10), n1 NUMBER, n2 NUMBER, d1 DATE, d2 DATE);',
  ...ROWS.map((r, i) => `INSERT INTO prop_t VALUES (${i + 1}, ${r.insert});`),
].join('\n');

// ---------------------------------------------------------------------------------------------
// Generators

const TYPES: Ty[] = ['str', 'num', 'date'];
const STRINGS = ['a', 'b', 'ab', 'ba', 'B', 'abc'];
const NUMBERS = ['0', '1', '2', '2.0', '10', '-1', '1.5', '-2.75', '0.25'];
const DATES = ['2020-01-31', '2020-02-29', '2019-12-31', '2020-01-01', '2021-02-28'];

/**
 * NULL spellings. `lead` marks a position whose type decides the result's type: a bare NULL
 * (VARCHAR2 for Oracle) is only used there for strings. (KNOWN_BUGS.castTypeNames.)
 */
function nullForms(ty: Ty, lead: boolean): NullForm[] {
  const cast = !KNOWN_BUGS.castTypeNames;
  const typed: Record<Ty, NullForm[]> = {
    str: ['NULL', "''", ...(cast ? (['CAST(NULL AS VARCHAR2(10))'] as const) : [])],
    num: ['TO_NUMBER(NULL)', ...(cast ? (['CAST(NULL AS NUMBER)'] as const) : [])],
    date: ['TO_DATE(NULL)', 'CAST(NULL AS DATE)'],
  };
  return lead || ty === 'str' ? typed[ty] : ['NULL', ...typed[ty]];
}

function leaf(ty: Ty, lead: boolean, noNull: boolean): fc.Arbitrary<Expr> {
  const lit: fc.Arbitrary<Expr> =
    ty === 'str'
      ? fc.constantFrom(...STRINGS).map((v) => ({ k: 'str', v }))
      : ty === 'num'
        ? fc.constantFrom(...NUMBERS).map((text) => ({ k: 'num', text }))
        : fc.constantFrom(...DATES).map((v) => ({ k: 'date', v }));
  const col: fc.Arbitrary<Expr> = fc.constantFrom(...COLUMNS[ty]).map((name) => ({ k: 'col', ty, name }));
  const nul: fc.Arbitrary<Expr> = fc
    .constantFrom(...nullForms(ty, lead))
    .map((form) => ({ k: 'null', ty, form }));
  return noNull
    ? fc.oneof({ arbitrary: lit, weight: 3 }, { arbitrary: col, weight: 2 })
    : fc.oneof({ arbitrary: lit, weight: 3 }, { arbitrary: nul, weight: 2 }, { arbitrary: col, weight: 2 });
}

const memo = new Map<string, fc.Arbitrary<unknown>>();
function memoized<T>(key: string, make: () => fc.Arbitrary<T>): fc.Arbitrary<T> {
  let a = memo.get(key) as fc.Arbitrary<T> | undefined;
  if (!a) {
    a = make();
    memo.set(key, a);
  }
  return a;
}

/**
 * An expression of type `ty` of depth ≤ `depth`. `lead`: its type must be Oracle's type `ty`
 * even when it is NULL (see nullForms). `noNull`: it must not be a NULL literal.
 */
function expr(ty: Ty, depth: number, lead = false, noNull = false): fc.Arbitrary<Expr> {
  return memoized(`${ty}/${depth}/${lead}/${noNull}`, () => {
    const l = leaf(ty, lead, noNull);
    if (depth === 0) return l;
    const d = depth - 1;
    const sub = (lead2 = false, noNull2 = false) => expr(ty, d, lead2, noNull2);
    // An operand of ||, CONCAT, GREATEST, LEAST (KNOWN_BUGS.caseNotNull).
    const opnd = (lead2 = false) =>
      KNOWN_BUGS.caseNotNull ? sub(lead2).filter((e) => !caseLike(e)) : sub(lead2);
    // An argument of GREATEST/LEAST after the first (KNOWN_BUGS.greatestNullUntyped).
    const glArg = () => opnd(KNOWN_BUGS.greatestNullUntyped && ty !== 'str');
    const call = (fn: Extract<Expr, { k: 'call' }>['fn']) => (args: Expr[]) =>
      ({ k: 'call', fn, args }) as Expr;
    // A first result that decides the type of a DECODE/NVL2 result: never a NULL literal for
    // numbers and dates (DECODE converts a NULL first result to VARCHAR2).
    const firstResult = sub(true, ty !== 'str');
    const options: fc.Arbitrary<Expr>[] = [
      fc.tuple(sub(true), sub()).map(call('NVL')),
      fc.tuple(anyExpr(d), firstResult, sub()).map(([a, b, c]) => call('NVL2')([a, b, c])),
      decode(ty, d),
      fc
        .tuple(sub(true), fc.array(sub(), { maxLength: 1 }), sub(false, true))
        .map(([a, mid, z]) => call('COALESCE')([a, ...mid, z])),
      fc.tuple(sub(true, true), sub(true)).map(call('NULLIF')),
      fc
        .tuple(opnd(true), glArg(), fc.option(glArg(), { nil: undefined }))
        .map(([a, b, c]) => call('GREATEST')(c ? [a, b, c] : [a, b])),
      fc
        .tuple(opnd(true), glArg(), fc.option(glArg(), { nil: undefined }))
        .map(([a, b, c]) => call('LEAST')(c ? [a, b, c] : [a, b])),
      searchedCase(ty, d),
      simpleCase(ty, d),
    ];
    if (ty === 'str') {
      options.push(
        fc.tuple(opnd(), opnd()).map(([a, b]): Expr => ({ k: 'concat', l: a, r: b })),
        fc.tuple(opnd(), opnd()).map(call('CONCAT')),
        sub().map((a) => call('UPPER')([a])),
        cond(d).map((c): Expr => ({ k: 'tf', cond: c })),
      );
    }
    if (ty === 'num') options.push(expr('str', d).map((a) => call('LENGTH')([a])));
    // withCrossShrink: a failing compound expression may shrink to a plain leaf.
    return fc.oneof(
      { withCrossShrink: true },
      { arbitrary: l, weight: Math.ceil(options.length / 3) },
      ...options,
    );
  });
}

/** Any-typed expression (an argument whose type does not matter, like NVL2's first). */
function anyExpr(depth: number): fc.Arbitrary<Expr> {
  return fc.oneof(...TYPES.map((t) => expr(t, depth)));
}

/** Two expressions of one type, both with a definite type (comparison operands, CASE/DECODE keys). */
function samePair(depth: number): fc.Arbitrary<[Expr, Expr]> {
  return fc.oneof(...TYPES.map((t) => fc.tuple(expr(t, depth, true), expr(t, depth, true))));
}

/** DECODE(e, s1, r1, [s2, r2, [s3, r3]], [default]) with r* of type ty and e/s* of one type. */
function decode(ty: Ty, d: number): fc.Arbitrary<Expr> {
  return fc.oneof(
    ...TYPES.map((u) =>
      fc
        .tuple(
          expr(u, d, true),
          expr(u, d, true),
          expr(ty, d, true, ty !== 'str'),
          fc.array(fc.tuple(expr(u, d), expr(ty, d)), { maxLength: 2 }),
          fc.option(expr(ty, d), { nil: undefined }),
        )
        .map(
          ([e, s1, r1, more, dflt]): Expr => ({
            k: 'call',
            fn: 'DECODE',
            args: [e, s1, r1, ...more.flat(), ...(dflt ? [dflt] : [])],
          }),
        ),
    ),
  );
}

/** CASE WHEN c THEN r … [ELSE e] END; the first result is never a NULL literal. */
function searchedCase(ty: Ty, d: number): fc.Arbitrary<Expr> {
  return fc
    .tuple(
      cond(d),
      expr(ty, d, true, true),
      fc.array(fc.tuple(cond(d), expr(ty, d)), { maxLength: 2 }),
      fc.option(expr(ty, d), { nil: undefined }),
    )
    .map(
      ([c, r, more, e]): Expr => ({
        k: 'scase',
        whens: [{ cond: c, result: r }, ...more.map(([cond, result]) => ({ cond, result }))],
        else: e,
      }),
    );
}

/** CASE x WHEN v THEN r … [ELSE e] END with x and v* of one type. */
function simpleCase(ty: Ty, d: number): fc.Arbitrary<Expr> {
  return fc.oneof(
    ...TYPES.map((u) =>
      fc
        .tuple(
          expr(u, d, true),
          expr(u, d, true),
          expr(ty, d, true, true),
          fc.array(fc.tuple(expr(u, d), expr(ty, d)), { maxLength: 2 }),
          fc.option(expr(ty, d), { nil: undefined }),
        )
        .map(
          ([x, v, r, more, e]): Expr => ({
            k: 'case',
            operand: x,
            whens: [{ value: v, result: r }, ...more.map(([value, result]) => ({ value, result }))],
            else: e,
          }),
        ),
    ),
  );
}

const REL_OPS: RelOp[] = ['=', '<>', '<', '<=', '>', '>='];

/** A condition whose operands have depth ≤ d. */
function cond(d: number): fc.Arbitrary<Cond> {
  return memoized(`cond/${d}`, () => {
    const rel = fc
      .tuple(fc.constantFrom(...REL_OPS), samePair(d))
      .map(([op, [l, r]]): Cond => ({ k: 'rel', op, l, r }));
    const isNull = fc.tuple(anyExpr(d), fc.boolean()).map(([e, not]): Cond => ({ k: 'isnull', e, not }));
    if (d === 0) return fc.oneof({ arbitrary: rel, weight: 3 }, isNull);
    const c = cond(d - 1);
    return fc.oneof(
      { arbitrary: rel, weight: 4 },
      { arbitrary: isNull, weight: 2 },
      c.map((x): Cond => ({ k: 'not', c: x })),
      fc.tuple(c, c).map(([l, r]): Cond => ({ k: 'and', l, r })),
      fc.tuple(c, c).map(([l, r]): Cond => ({ k: 'or', l, r })),
    );
  });
}

/** Top-level expressions: their type is printed by PostgreSQL, so NULLs are typed (lead). */
const topExpr = fc.oneof(
  { arbitrary: expr('str', MAX_DEPTH, true), weight: 3 },
  { arbitrary: expr('num', MAX_DEPTH, true), weight: 2 },
  { arbitrary: expr('date', MAX_DEPTH, true), weight: 1 },
);

// ---------------------------------------------------------------------------------------------
// Running one expression on both sides

let pg: Awaited<ReturnType<typeof pgliteExecutor>>;
let db: Executor;
let context: ReturnType<typeof translate>['context'];

beforeAll(async () => {
  pg = await pgliteExecutor();
  db = await pg.forCase(0);
  const setup = translate(SETUP, { file: 'property-setup.sql' });
  for (const s of setup.statements) await db.exec(s.target);
  context = setup.context;
}, 60_000);
afterAll(async () => {
  await pg?.close();
});

interface Outcome {
  ok: boolean;
  report: string;
}

const show = (v: string | null) => (v === null ? 'NULL' : JSON.stringify(v));

async function check(e: Expr): Promise<Outcome> {
  const fromTable = usesColumns(e);
  const oracle = fromTable
    ? `SELECT ${toOracle(e)} FROM prop_t ORDER BY id;`
    : `SELECT ${toOracle(e)} FROM dual;`;
  const rows = fromTable ? ROWS.map((r) => r.row) : [{}];
  let target = '';
  let report = `\n  oracle:     ${oracle}`;
  try {
    const t = translate(oracle, { context });
    target = t.statements.find((s) => s.kind !== 'comment')?.target ?? '';
    report += `\n  translated: ${target}`;
    if (target === '' || target.includes('-- orapg:')) {
      const why = t.findings.map((f) => f.message).join('; ');
      return { ok: false, report: `${report}\n  not translated: ${why}` };
    }
  } catch (err) {
    return { ok: false, report: `${report}\n  translate() threw: ${(err as Error).stack}` };
  }
  let actual: (string | null)[];
  try {
    actual = (await db.rows(target)).map((r) => r[0] ?? null);
  } catch (err) {
    return { ok: false, report: `${report}\n  PostgreSQL error: ${(err as Error).message}` };
  }
  const expected = rows.map((row) => evalExpr(e, row));
  const bad = expected
    .map((x, i) => ({ i, x, a: actual[i] }))
    .filter(({ x, a }) => a === undefined || !sameValue(x, a));
  if (bad.length === 0 && actual.length === expected.length) return { ok: true, report };
  report += `\n  expected:   ${expected.map((x) => show(valText(x))).join(' | ')}`;
  report += `\n  actual:     ${actual.map(show).join(' | ')}`;
  if (fromTable) report += `\n  differing rows (id): ${bad.map(({ i }) => i + 1).join(', ')}`;
  return { ok: false, report };
}

// ---------------------------------------------------------------------------------------------

describe('reference evaluator (Oracle documentation examples)', () => {
  const ev = (e: Expr) => valText(evalExpr(e, {}));
  const s = (v: string): Expr => ({ k: 'str', v });
  const n = (text: string): Expr => ({ k: 'num', text });
  const NULL: Expr = { k: 'null', ty: 'str', form: 'NULL' };
  const call = (fn: Extract<Expr, { k: 'call' }>['fn'], ...args: Expr[]): Expr => ({ k: 'call', fn, args });
  it("treats '' as NULL and concatenation as ignoring NULL", () => {
    expect(ev({ k: 'concat', l: s('a'), r: NULL })).toBe('a');
    expect(ev({ k: 'concat', l: NULL, r: s('') })).toBe(null);
    expect(ev(call('CONCAT', s(''), s('b')))).toBe('b');
    expect(ev(call('LENGTH', s('')))).toBe(null);
    expect(ev(call('NVL', s(''), s('x')))).toBe('x');
    expect(ev({ k: 'tf', cond: { k: 'isnull', e: s(''), not: false } })).toBe('T');
  });
  it('matches NULL to NULL in DECODE only', () => {
    expect(ev(call('DECODE', NULL, NULL, s('x'), s('y')))).toBe('x');
    expect(ev({ k: 'case', operand: NULL, whens: [{ value: NULL, result: s('x') }], else: s('y') })).toBe(
      'y',
    );
    expect(ev(call('DECODE', n('2'), n('2.0'), s('x')))).toBe('x');
    expect(ev(call('DECODE', n('1'), n('2'), s('x')))).toBe(null);
  });
  it('returns NULL from GREATEST/LEAST when any argument is NULL', () => {
    expect(ev(call('GREATEST', n('1'), NULL, n('3')))).toBe(null);
    expect(ev(call('LEAST', n('10'), n('9')))).toBe('9');
    expect(ev(call('GREATEST', s('B'), s('a')))).toBe('a');
  });
  it('evaluates NVL2, NULLIF, COALESCE', () => {
    expect(ev(call('NVL2', s(''), n('1'), n('2')))).toBe('2');
    expect(ev(call('NULLIF', n('1'), n('1')))).toBe(null);
    expect(ev(call('NULLIF', n('1'), NULL))).toBe('1');
    expect(ev(call('COALESCE', NULL, s(''), s('c')))).toBe('c');
  });
});

describe('property: converted expressions evaluate like Oracle (PGlite)', () => {
  it(`${NUM_RUNS} random expressions (seed ${SEED}, depth ≤ ${MAX_DEPTH})`, async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(topExpr, async (e) => {
        const r = await check(e);
        if (!r.ok) throw new Error(`converted expression differs from Oracle:${r.report}`);
        walk(e, (x) => {
          const k = x.k === 'call' ? x.fn : x.k;
          seen.set(k, (seen.get(k) ?? 0) + 1);
        });
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
    // The constructs the issue names must all have been exercised.
    const required = ['NVL', 'NVL2', 'DECODE', 'COALESCE', 'NULLIF', 'concat', 'CONCAT', 'GREATEST', 'LEAST'];
    required.push('scase', 'case', 'tf', 'LENGTH', 'UPPER', 'null', 'col', 'date');
    expect(required.filter((k) => (seen.get(k) ?? 0) < 20)).toEqual([]);
  }, 60_000);
});
