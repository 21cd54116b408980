/** CONNECT BY → WITH RECURSIVE (see rewriteHierarchical). */
import type { Query, SelectQuery } from '../ast/query.js';
import type { ExprContext } from './expressions.js';

/**
 * Rewrites a hierarchical query block into a recursive CTE; returns undefined when the block
 * cannot be rewritten (a finding has then been raised).
 */
export function rewriteHierarchical(_q: SelectQuery, _ctx: ExprContext): Query | undefined {
  return undefined;
}
