/**
 * FORALL → a PL/pgSQL loop running the statement once per index, and the SQL% attributes of bulk
 * DML (Oracle PL/SQL Language Reference, "FORALL Statement" and "Bulk SQL and Bulk Binding").
 *
 *   FORALL i IN lo .. hi                 FOR i IN lo..hi LOOP
 *   FORALL i IN INDICES OF c [BETWEEN]   FOR i IN <bounds of c (within lo, hi)> LOOP, skipping NULL
 *                                        elements (a sparse Oracle collection is an array whose gaps
 *                                        are NULL; a real NULL element is skipped too: reported)
 *   FORALL i IN VALUES OF c              FOREACH i IN ARRAY c LOOP (NULL values skipped)
 *   SAVE EXCEPTIONS                      each iteration in a block of its own (a subtransaction:
 *                                        the failing statement is undone, the others kept); the
 *                                        failures are collected and ORA-24381 (SQLSTATE OB381,
 *                                        the code EXCEPTION_INIT(e, -24381) gives) is raised after
 *                                        the loop
 *   SQL%BULK_ROWCOUNT(i)                 opg_bulk_rowcount[i], rows of the iteration(s) with index i
 *   SQL%BULK_EXCEPTIONS.COUNT / (j).ERROR_INDEX / (j).ERROR_CODE
 *                                        arrays filled by the SAVE EXCEPTIONS handler; ERROR_INDEX is
 *                                        the index for lo .. hi and the iteration number for
 *                                        INDICES OF / VALUES OF, ERROR_CODE the positive ORA- number
 *
 * Without SAVE EXCEPTIONS the first failing iteration raises its error; the earlier iterations'
 * changes stay unless an enclosing block's handler catches it (PostgreSQL then undoes the block,
 * reported by the handler check as for any change before a failing statement).
 */
import type { Expr } from '../../ast/expr.js';
import type { Block, PlStatement } from '../../ast/plsql.js';
import { pgNameOf, quoteIdent } from '../../emit/quote.js';
import type { PlContext } from './context.js';
import { sqlcodeText, sqlstateForOra } from './exceptions.js';

const IND = '  ';
const id = (n: string) => quoteIdent(pgNameOf(n));
type Forall = Extract<PlStatement, { kind: 'forall' }>;

/** ORA-24381 "error(s) in array DML", raised after a FORALL … SAVE EXCEPTIONS that had failures. */
export const BULK_ERRORS_STATE = sqlstateForOra(24381)!;

const ROWCOUNTS = 'opg_bulk_rowcount';
const ERR_INDEX = 'opg_bulk_exc_index';
const ERR_CODE = 'opg_bulk_exc_code';

function declareBulkState(pc: PlContext): void {
  pc.extraDecls.set('BULK:ROWCOUNT', `${ROWCOUNTS} integer[] := '{}';`);
  pc.extraDecls.set('BULK:EXCEPTIONS', `${ERR_INDEX} integer[] := '{}';\n  ${ERR_CODE} integer[] := '{}';`);
}

/** SQL%BULK_ROWCOUNT(i), SQL%BULK_EXCEPTIONS.COUNT, SQL%BULK_EXCEPTIONS(j).ERROR_INDEX / ERROR_CODE. */
export function bulkAttribute(x: Expr, pc: PlContext): Expr | undefined {
  const isAttr = (e: Expr, attr: string): e is Extract<Expr, { kind: 'call' }> =>
    e.kind === 'call' && e.name.length === 2 && e.name[0] === 'SQL' && e.name[1] === attr && e.args.length === 1 && !pc.lookup('SQL');
  if (isAttr(x, '%BULK_ROWCOUNT')) {
    declareBulkState(pc);
    return { kind: 'pseudo', name: `${ROWCOUNTS}[${pc.expr(x.args[0].value)}]` };
  }
  if (x.kind === 'column' && x.parts.length === 3 && x.parts[0] === 'SQL' && x.parts[1] === '%BULK_EXCEPTIONS' && x.parts[2] === 'COUNT' && !pc.lookup('SQL')) {
    declareBulkState(pc);
    return { kind: 'pseudo', name: `coalesce(cardinality(${ERR_INDEX}), 0)` };
  }
  if (x.kind === 'method' && x.args.length === 0 && isAttr(x.operand, '%BULK_EXCEPTIONS') && (x.name === 'ERROR_INDEX' || x.name === 'ERROR_CODE')) {
    declareBulkState(pc);
    return { kind: 'pseudo', name: `${x.name === 'ERROR_INDEX' ? ERR_INDEX : ERR_CODE}[${pc.expr(x.operand.args[0].value)}]` };
  }
  return undefined;
}

/**
 * FORALL … SAVE EXCEPTIONS ending a block whose handler catches ORA-24381 (a name given -24381 by
 * EXCEPTION_INIT, or OTHERS): the handler's statements run right after the loop instead of
 * raising. Raising would make PostgreSQL undo the whole block, the successful iterations with it,
 * where Oracle keeps them. Not done when the handler reads SQLCODE / SQLERRM or re-raises (it
 * needs the exception).
 */
const inlineHandlers = new WeakMap<PlStatement, PlStatement[]>();

export function inlineBulkHandler(b: Block, pc: PlContext): void {
  const last = b.body[b.body.length - 1];
  if (last?.kind !== 'forall' || !last.saveExceptions) return;
  const h = b.handlers.find((x) => x.names.some((n) => n === 'OTHERS' || pc.condition(n) === `SQLSTATE '${BULK_ERRORS_STATE}'`));
  if (!h) return;
  if (needsException(h.body)) return;
  inlineHandlers.set(last, h.body);
}

/** The statements read SQLCODE / SQLERRM or re-raise the exception being handled. */
function needsException(x: unknown): boolean {
  if (Array.isArray(x)) return x.some(needsException);
  if (!x || typeof x !== 'object') return x === 'SQLCODE' || x === 'SQLERRM';
  const o = x as Record<string, unknown>;
  if (o.kind === 'raise' && !o.name) return true;
  return Object.values(o).some(needsException);
}

/** The FORALL statement's lines (padded for `depth`); `emit` emits the inner statement. */
export function emitForall(s: Forall, pc: PlContext, depth: number, emit: (st: PlStatement, depth: number) => string[]): string[] {
  const pad = IND.repeat(depth);
  declareBulkState(pc);
  const i = id(s.index);
  const ordinal = !!(s.indicesOf || s.valuesOf) && s.saveExceptions;
  const head: string[] = [`${ROWCOUNTS} := '{}';`];
  if (s.saveExceptions) head.push(`${ERR_INDEX} := '{}';`, `${ERR_CODE} := '{}';`);
  if (ordinal) {
    pc.extraDecls.set('BULK:ITERATION', 'opg_bulk_iteration integer;');
    head.push('opg_bulk_iteration := 0;');
  }
  if (pc.usesRowcount) {
    pc.extraDecls.set('BULK:TOTAL', 'opg_bulk_total bigint;');
    head.push('opg_bulk_total := 0;');
  }
  // The loop header, and the lines opening the iteration.
  let loop: string;
  const skip: string[] = [];
  let wrap: { open: string[]; close: string[] } = { open: [], close: [] };
  if (s.valuesOf) {
    const c = pc.expr(s.valuesOf);
    wrap = { open: ['DECLARE', `${IND}${i} integer;`, 'BEGIN'], close: ['END;'] };
    loop = `FOREACH ${i} IN ARRAY coalesce(${c}, '{}') LOOP`;
    skip.push(`CONTINUE WHEN ${i} IS NULL;`);
  } else if (s.indicesOf) {
    const c = pc.expr(s.indicesOf);
    const lo = s.lower ? `greatest(array_lower(${c}, 1), ${pc.expr(s.lower)})` : `array_lower(${c}, 1)`;
    const hi = s.upper ? `least(array_upper(${c}, 1), ${pc.expr(s.upper)})` : `array_upper(${c}, 1)`;
    loop = `FOR ${i} IN coalesce(${lo}, 1)..coalesce(${hi}, 0) LOOP`;
    skip.push(`CONTINUE WHEN (${c})[${i}] IS NULL;`);
    pc.report('OPG-PLSQL-0022', {
      detail: `FORALL … INDICES OF ${pc.expr(s.indicesOf)}: the indexes of the array whose elements are not NULL (a gap of a sparse Oracle collection is a NULL element in PostgreSQL, so a NULL element that exists in Oracle is skipped too)`,
    });
  } else if (s.lower && s.upper) {
    loop = `FOR ${i} IN ${pc.expr(s.lower)}..${pc.expr(s.upper)} LOOP`;
  } else {
    pc.fail('FORALL without bounds');
    return [`${pad}NULL; -- FORALL not converted`];
  }
  pc.push();
  pc.declareLoopIndex(s.index);
  const inner = depth + 1 + (wrap.open.length ? 1 : 0) + (s.saveExceptions ? 1 : 0);
  const body = emit(s.statement, inner);
  pc.pop();
  const ipad = IND.repeat(inner);
  const n = pc.usesRowcount ? 'opg_rowcount' : 'opg_bulk_n';
  if (!pc.usesRowcount) {
    pc.extraDecls.set('BULK:N', 'opg_bulk_n bigint;');
    body.push(`${ipad}GET DIAGNOSTICS opg_bulk_n = ROW_COUNT;`);
  }
  body.push(`${ipad}${ROWCOUNTS}[${i}] := coalesce(${ROWCOUNTS}[${i}], 0) + ${n};`);
  if (pc.usesRowcount) body.push(`${ipad}opg_bulk_total := opg_bulk_total + opg_rowcount;`);
  let iteration = body;
  if (s.saveExceptions) {
    const hpad = IND.repeat(inner - 1);
    iteration = [
      `${hpad}BEGIN`,
      ...body,
      `${hpad}EXCEPTION WHEN OTHERS THEN`,
      `${ipad}${ERR_INDEX} := ${ERR_INDEX} || ${ordinal ? 'opg_bulk_iteration' : i};`,
      `${ipad}${ERR_CODE} := ${ERR_CODE} || abs(${sqlcodeText()})::integer;`,
      `${ipad}${ROWCOUNTS}[${i}] := coalesce(${ROWCOUNTS}[${i}], 0);`,
      `${hpad}END;`,
    ];
  }
  const lpad = IND.repeat(depth + (wrap.open.length ? 1 : 0));
  const lines = [
    ...head.map((l) => pad + l),
    ...wrap.open.map((l) => pad + l),
    `${lpad}${loop}`,
    ...skip.map((l) => lpad + IND + l),
    ...(ordinal ? [`${lpad}${IND}opg_bulk_iteration := opg_bulk_iteration + 1;`] : []),
    ...iteration,
    `${lpad}END LOOP;`,
    ...wrap.close.map((l) => pad + l),
  ];
  if (pc.usesRowcount) lines.push(`${pad}opg_rowcount := opg_bulk_total;`);
  const handler = inlineHandlers.get(s);
  if (handler) {
    lines.push(
      `${pad}IF cardinality(${ERR_INDEX}) > 0 THEN`,
      `${pad}${IND}-- the block's handler of ORA-24381 (raising would undo the successful iterations)`,
      ...handler.flatMap((st) => emit(st, depth + 1)),
      `${pad}END IF;`,
    );
  } else if (s.saveExceptions)
    lines.push(
      `${pad}IF cardinality(${ERR_INDEX}) > 0 THEN`,
      `${pad}${IND}RAISE EXCEPTION USING ERRCODE = '${BULK_ERRORS_STATE}', MESSAGE = 'ORA-24381: error(s) in array DML';`,
      `${pad}END IF;`,
    );
  return lines;
}
