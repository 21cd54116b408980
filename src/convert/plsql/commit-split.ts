/**
 * COMMIT / ROLLBACK inside a block that has an EXCEPTION section. A PL/pgSQL block with handlers
 * runs as a subtransaction, and PostgreSQL refuses to end the transaction inside one ("cannot
 * commit while a subtransaction is active"); worse, that error is caught by the block's own
 * handlers, so the procedure silently takes its error path. The usual Oracle shape
 *
 *   BEGIN work; COMMIT; more work; EXCEPTION WHEN … THEN log; ROLLBACK; RAISE; END;
 *
 * keeps its behaviour when the block is split at each top-level COMMIT / ROLLBACK into blocks
 * with the same handlers, run in order while none of them has caught an error:
 *
 *   DECLARE opg_txn_failed1 boolean := FALSE;
 *   BEGIN
 *     BEGIN work; EXCEPTION WHEN … THEN opg_txn_failed1 := TRUE; log; ROLLBACK; RAISE; END;
 *     IF NOT opg_txn_failed1 THEN
 *       COMMIT;
 *       BEGIN more work; EXCEPTION WHEN … THEN opg_txn_failed1 := TRUE; …; END;
 *     END IF;
 *   END;
 *
 * (after a handler Oracle leaves the block, so nothing after it runs). The difference: an error of
 * the COMMIT itself (a deferred constraint) is no longer caught by the handlers (reported).
 * A COMMIT nested deeper (inside IF / LOOP of the protected part) or inside a block that is itself
 * inside a protected part cannot be moved out: it is reported as an error where it is converted.
 */
import type { Expr } from '../../ast/expr.js';
import type { Block, PlStatement } from '../../ast/plsql.js';
import type { PlContext } from './context.js';

const counters = new WeakMap<PlContext, number>();

const isTransactionEnd = (s: PlStatement): boolean =>
  s.kind === 'sql' && s.statement.kind === 'transaction' && s.statement.verb !== 'SAVEPOINT' && !s.statement.savepoint;

/** `b` split at its top-level COMMIT / ROLLBACK when it has handlers (see above); `b` itself otherwise. */
export function splitCommits(b: Block, pc: PlContext): Block {
  // An autonomous transaction's COMMIT / ROLLBACK are dropped (its pragma is among the declarations
  // of the unit's block, read after this runs).
  const autonomous = pc.autonomous || b.declarations.some((d) => d.kind === 'pragma' && d.name === 'AUTONOMOUS_TRANSACTION');
  if (!b.handlers.length || pc.kind !== 'procedure' || autonomous || pc.protectedDepth > 0) return b;
  const cuts = b.body.map((s, i) => (isTransactionEnd(s) ? i : -1)).filter((i) => i >= 0);
  if (!cuts.length) return b;
  const n = (counters.get(pc) ?? 0) + 1;
  counters.set(pc, n);
  const flag = `OPG_TXN_FAILED${n}`;
  const col: Expr = { kind: 'column', parts: [flag] };
  const handlers = b.handlers.map((h) => ({
    ...h,
    body: [{ kind: 'assign', target: col, value: { kind: 'column', parts: ['TRUE'] } } as PlStatement, ...h.body],
  }));
  const protect = (body: PlStatement[]): PlStatement[] => (body.length ? [{ kind: 'block', block: { declarations: [], body, handlers } }] : []);
  // Segments between the transaction statements.
  const segments: PlStatement[][] = [];
  let from = 0;
  for (const c of cuts) {
    segments.push(b.body.slice(from, c));
    from = c + 1;
  }
  segments.push(b.body.slice(from));
  let tail: PlStatement[] = [];
  for (let k = segments.length - 1; k >= 1; k--) {
    const inner = [b.body[cuts[k - 1]], ...protect(segments[k]), ...tail];
    tail = [{ kind: 'if', branches: [{ cond: { kind: 'unary', op: 'NOT', operand: col }, body: inner }] }];
  }
  const verbs = [...new Set(cuts.map((c) => (b.body[c] as { statement: { verb: string } }).statement.verb))].join(' / ');
  pc.report('OPG-PLSQL-0071', {
    detail: `${verbs} in a block with an EXCEPTION section: PostgreSQL cannot end the transaction inside a block with handlers (a subtransaction), so the block was split at each ${verbs} into blocks with the same handlers, run in order while none has caught an error; an error raised by the ${verbs} itself (a deferred constraint) is no longer caught by these handlers`,
  });
  return {
    ...b,
    declarations: [
      ...b.declarations,
      { kind: 'variable', name: flag, type: { kind: 'datatype', name: 'BOOLEAN', args: [] }, constant: false, notNull: false, default: { kind: 'column', parts: ['FALSE'] } },
    ],
    body: [...protect(segments[0]), ...tail],
    handlers: [],
  };
}
