/**
 * EXECUTE IMMEDIATE of an anonymous PL/SQL block.
 *
 * PostgreSQL's EXECUTE runs SQL, not PL/pgSQL, and hands values back only through INTO: a
 * dynamic PL/SQL block with OUT or IN OUT binds (`'BEGIN :r := f(:a); END;' USING OUT r, IN a`)
 * has no direct equivalent.
 *
 * - Block text known at conversion (a literal, or literals joined by ||): the block is converted
 *   in place as a nested block. In a dynamic PL/SQL block, placeholders are bound by name: each
 *   distinct placeholder, in order of first appearance, takes the next USING argument (PL/SQL
 *   Language Reference, "EXECUTE IMMEDIATE Statement"); IN binds become the argument
 *   expressions, OUT / IN OUT binds the argument variables.
 * - Block text built at run time with OUT binds: the statement raises feature_not_supported
 *   (the rest of the routine converted), reported with what to rewrite.
 */
import type { Expr } from '../../ast/expr.js';
import type { Block, PlStatement } from '../../ast/plsql.js';
import { quoteLiteral } from '../../emit/quote.js';
import { lex } from '../../parser/lexer.js';
import { parseStatement } from '../../parser/statement.js';
import * as T from '../../parser/tokens.js';
import type { PlContext } from './context.js';

type ExecuteImmediate = Extract<PlStatement, { kind: 'execute-immediate' }>;

/** The text of a string literal or of literals joined by ||; undefined when built at run time. */
export function literalText(e: Expr): string | undefined {
  if (e.kind === 'literal' && e.type === 'string') return e.value;
  if (e.kind === 'paren') return literalText(e.expr);
  if (e.kind === 'binary' && e.op === '||') {
    const l = literalText(e.left);
    const r = literalText(e.right);
    return l !== undefined && r !== undefined ? l + r : undefined;
  }
  return undefined;
}

/** Distinct placeholder names of a PL/SQL text in order of first appearance (as the parser names them). */
function placeholders(text: string): string[] {
  const names: string[] = [];
  for (const t of lex(text).tokens) {
    if (t.tokenType !== T.BindVar) continue;
    const raw = t.image.slice(1);
    const name = raw.startsWith('"') ? raw.slice(1, -1) : raw.toUpperCase();
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** A RETURN statement in the statements (outside nested subprograms): it would leave the enclosing routine. */
function containsReturn(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(containsReturn);
  if (!node || typeof node !== 'object') return false;
  const o = node as Record<string, unknown>;
  if (o.kind === 'return') return true;
  if (o.kind === 'subprogram' || o.kind === 'query' || o.kind === 'select') return false;
  return Object.values(o).some(containsReturn);
}

/** A copy of an AST with every bind placeholder in `map` replaced (a structural walk, not text). */
export function substitute<T>(node: T, map: Map<string, Expr>): T {
  if (Array.isArray(node)) return node.map((n) => substitute(n, map)) as T;
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.kind === 'bind' && !o.path && typeof o.name === 'string' && map.has(o.name))
      return structuredClone(map.get(o.name)) as T;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = substitute(v, map);
    return out as T;
  }
  return node;
}

/**
 * The anonymous block a literal EXECUTE IMMEDIATE text holds, with its placeholders bound to the
 * USING arguments; undefined when the text is not a literal PL/SQL block or the binds do not match.
 */
export function dynamicBlock(s: ExecuteImmediate, pc: PlContext): Block | undefined {
  const text = literalText(s.sql);
  if (text === undefined || s.into.length || s.returningInto.length || s.bulk) return undefined;
  const first = lex(text).tokens[0]?.image.toUpperCase();
  if (first !== 'BEGIN' && first !== 'DECLARE') return undefined;
  const parsed = parseStatement(text, pc.location ?? { file: 'dynamic', line: 1, column: 1 });
  const st = parsed.statement;
  if (
    st?.kind !== 'plsql-unit' ||
    st.ast?.kind !== 'block' ||
    parsed.findings.some((f) => f.id === 'OPG-PARSE-0001')
  )
    return undefined;
  if (containsReturn(st.ast.block.body) || st.ast.block.handlers.some((h) => containsReturn(h.body)))
    return undefined;
  const names = placeholders(text);
  if (names.length !== s.using.length) return undefined;
  const map = new Map(names.map((n, i) => [n, s.using[i].value]));
  pc.report('OPG-PLSQL-0008', {
    detail: `EXECUTE IMMEDIATE of a PL/SQL block given as a literal: converted in place as a nested block, its placeholders bound to the USING arguments (${names.map((n) => `:${n.toLowerCase()}`).join(', ') || 'none'}); names in the block now resolve in the enclosing routine first`,
  });
  return substitute(st.ast.block, map);
}

/** The statement standing in for a dynamic PL/SQL block with OUT binds built at run time. */
export function dynamicBlockStub(pc: PlContext): string {
  pc.report('OPG-PLSQL-0051', {
    detail:
      'EXECUTE IMMEDIATE of SQL or PL/SQL text built at run time with OUT / IN OUT binds: PostgreSQL runs SQL text only and returns values through INTO; the statement raises feature_not_supported (SQLSTATE 0A000) when it runs',
  });
  return `RAISE EXCEPTION USING ERRCODE = 'feature_not_supported', MESSAGE = ${quoteLiteral('EXECUTE IMMEDIATE … USING OUT: dynamic PL/SQL with OUT binds is not available on PostgreSQL (orapg OPG-PLSQL-0051)')};`;
}
