/**
 * NO_DATA_FOUND raised by a function called from a SQL statement. Oracle's SQL engine takes
 * ORA-01403 from a PL/SQL function it calls for "no more data" and gives NULL for the call (the
 * query goes on), while the same function called from PL/SQL raises it; PostgreSQL cannot tell
 * the two callers apart and raises in both. A call inside a SQL statement of a function of the
 * sources whose SELECT … INTO (or RAISE NO_DATA_FOUND) is not caught by a NO_DATA_FOUND / OTHERS
 * handler is reported (OPG-PLSQL-0074) where it is made.
 */
import type { Expr } from '../../ast/expr.js';
import type { Block, PlStatement, Subprogram } from '../../ast/plsql.js';
import type { Query } from '../../ast/query.js';

const AGGREGATES = new Set(['COUNT', 'SUM', 'MIN', 'MAX', 'AVG', 'LISTAGG', 'STDDEV', 'VARIANCE', 'MEDIAN']);

/** Line-independent description of what in `unit` raises NO_DATA_FOUND unhandled, or undefined. */
export function unhandledNoDataFound(unit: Subprogram): string | undefined {
  if (unit.kind !== 'function' || !unit.block) return undefined;
  return inBlock(unit.block, false);
}

function catches(b: Block): boolean {
  return b.handlers.some((h) => h.names.some((n) => n === 'NO_DATA_FOUND' || n === 'STANDARD.NO_DATA_FOUND' || n === 'OTHERS'));
}

function inBlock(b: Block, handled: boolean): string | undefined {
  return inList(b.body, handled || catches(b));
}

function inList(list: PlStatement[] | undefined, handled: boolean): string | undefined {
  for (const s of list ?? []) {
    const found = inStatement(s, handled);
    if (found) return found;
  }
  return undefined;
}

/** A single-row SELECT … INTO that can find no row (not only aggregates without GROUP BY). */
function raisingSelect(q: Query): boolean {
  if (q.kind !== 'select' || !q.into || q.into.bulk) return false;
  const aggregateOnly = !q.groupBy?.length && q.items.every((i) => isAggregate(i.expr));
  return !aggregateOnly;
}

function isAggregate(e: Expr): boolean {
  return e.kind === 'call' && e.name.length === 1 && AGGREGATES.has(e.name[0]) && !e.over;
}

function inStatement(s: PlStatement, handled: boolean): string | undefined {
  switch (s.kind) {
    case 'sql':
      return !handled && s.statement.kind === 'select' && raisingSelect(s.statement.query) ? 'a SELECT … INTO that finds no row' : undefined;
    case 'raise':
      return !handled && (s.name === 'NO_DATA_FOUND' || s.name === 'STANDARD.NO_DATA_FOUND') ? 'RAISE NO_DATA_FOUND' : undefined;
    case 'block':
      return inBlock(s.block, handled);
    case 'if':
      return s.branches.map((b) => inList(b.body, handled)).find(Boolean) ?? inList(s.else, handled);
    case 'case':
      return s.whens.map((w) => inList(w.body, handled)).find(Boolean) ?? inList(s.else, handled);
    case 'loop':
    case 'while':
    case 'for-range':
    case 'for-cursor':
    case 'for-query':
      return inList(s.body, handled);
    default:
      return undefined;
  }
}
