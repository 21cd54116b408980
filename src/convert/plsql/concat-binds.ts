/**
 * Dynamic SQL text built by concatenation: `'UPDATE t SET a = :a WHERE id = ' || p_id || ' AND b = :b'`.
 *
 * The SQL is only known at run time, so it is not converted; but its placeholders are written in
 * the string-literal pieces, and PostgreSQL's EXECUTE … USING takes $1, $2 … only. In a dynamic
 * SQL statement (not a PL/SQL block) Oracle binds placeholders by position: each occurrence takes
 * the next USING argument, even when names repeat (PL/SQL Language Reference, "EXECUTE IMMEDIATE
 * Statement" / "Repeated Placeholder Names in Dynamic SQL Statements"). The n-th placeholder of the
 * literal pieces becomes $n there.
 *
 * The placeholders are found by the project's lexer over the concatenated text, each non-literal
 * operand standing as a neutral token (a number between spaces), so quotes and comments in the
 * pieces are respected.
 *
 * An operand inside a quoted string of the SQL text (`'… WHERE name = ''' || v || ''' AND id = :id'`:
 * the quote is opened in the piece before and closed in the piece after) is string content for the
 * SQL lexer as long as its run-time value holds no quote, which the SQL built this way assumes
 * anyway (a value with a quote breaks the Oracle statement too). The neutral token ' 0 ' holds no
 * quote either, so the lexer reads it as string content there just as it would read the value (or
 * any filler valid inside a string): the string token runs from its opening quote in one literal
 * piece, over the operand, to its closing quote in a later piece, and the placeholders after it are
 * found. `quotedOperands` then says the renumbering rests on that assumption. Only an ordinary
 * '…' or N'…' string may hold an operand: in q'[…]' the closing delimiter is not a plain quote.
 *
 * Nothing is renumbered (undefined) when:
 * - a placeholder, a q'…' string, a quoted name or a comment a literal piece opens runs into an
 *   operand (the quoting depends on values only known at run time) or a placeholder spans two pieces;
 * - a literal piece ends with ':' before an operand (the operand may complete a placeholder);
 * - the text is a PL/SQL block (BEGIN / DECLARE: bound by name, and PostgreSQL's EXECUTE runs SQL);
 * - the number of placeholders found is not the number of USING arguments: an operand may then
 *   hold placeholders of its own (Oracle fails when the counts differ, so when they are equal none
 *   comes from an operand).
 */
import type { Expr } from '../../ast/expr.js';
import { lex } from '../../parser/lexer.js';
import * as T from '../../parser/tokens.js';

export interface NumberedConcat {
  /** The concatenation with $n in place of the placeholders of its literal pieces. */
  expr: Expr;
  /** The placeholders as written, in order (the n-th became $n). */
  placeholders: string[];
  /** An operand sits inside a quoted string of the SQL text (assumed to hold no quote, above). */
  quotedOperands: boolean;
}

type StringLiteral = Expr & { kind: 'literal'; type: 'string' };
const isString = (x: Expr): x is StringLiteral => x.kind === 'literal' && x.type === 'string';

/** The concatenation `e` with its placeholders renumbered $1 … $count; undefined when that is not safe (above). */
export function numberConcatBinds(e: Expr, count: number): NumberedConcat | undefined {
  if (count < 1) return undefined;
  const pieces: Expr[] = [];
  const flatten = (x: Expr): void => {
    if (x.kind === 'paren' && x.expr.kind === 'binary' && x.expr.op === '||') return flatten(x.expr);
    if (x.kind === 'binary' && x.op === '||') {
      flatten(x.left);
      flatten(x.right);
      return;
    }
    pieces.push(x);
  };
  flatten(e);
  if (!pieces.some(isString) || pieces.every(isString)) return undefined;

  const NEUTRAL = ' 0 ';
  let text = '';
  const spans = pieces.map((p) => {
    const start = text.length;
    text += isString(p) ? p.value : NEUTRAL;
    return { start, end: text.length, piece: p };
  });
  const lexed = lex(text);
  if (lexed.errors.length) return undefined;
  const first = lexed.tokens[0]?.image.toUpperCase();
  if (first === 'BEGIN' || first === 'DECLARE') return undefined;
  const pieceAt = (offset: number) => spans.findIndex((s) => offset >= s.start && offset < s.end);

  // Every operand is its own token, or string content of an ordinary string a literal piece
  // opened and a later one closes; nothing else a literal piece opened swallows it.
  const inString = (t: { tokenType: unknown }) => t.tokenType === T.StringLit || t.tokenType === T.NString;
  const starts = new Set(lexed.tokens.map((t) => t.startOffset));
  let quotedOperands = false;
  for (const s of spans) {
    if (isString(s.piece) || starts.has(s.start + 1)) continue;
    const covering = lexed.tokens.find((t) => t.startOffset < s.start && t.startOffset + t.image.length >= s.end);
    if (!covering || !inString(covering)) return undefined;
    quotedOperands = true;
  }

  const binds: { piece: number; start: number; end: number; image: string }[] = [];
  for (const t of [...lexed.tokens, ...lexed.comments]) {
    const a = pieceAt(t.startOffset);
    const b = pieceAt(t.endOffset ?? t.startOffset + t.image.length - 1);
    if (a < 0 || b < 0) return undefined;
    if (a !== b) {
      // Across literal pieces only ('SELECT a' || 'b FROM t'), and never a placeholder; a string
      // opened in one literal piece and closed in another may hold operands (above).
      if (t.tokenType === T.BindVar) return undefined;
      if (!isString(spans[a].piece) || !isString(spans[b].piece)) return undefined;
      if (!inString(t)) for (let i = a; i <= b; i++) if (!isString(spans[i].piece)) return undefined;
      continue;
    }
    const next = spans[a + 1];
    const end = t.startOffset + t.image.length;
    if (t.tokenType === T.Colon && isString(spans[a].piece) && end === spans[a].end && next && !isString(next.piece)) return undefined;
    if (t.tokenType === T.BindVar && isString(spans[a].piece))
      binds.push({ piece: a, start: t.startOffset - spans[a].start, end: end - spans[a].start, image: t.image });
  }
  if (binds.length !== count) return undefined;

  const values = new Map<Expr, string>();
  for (const b of binds) {
    const lit = spans[b.piece].piece as StringLiteral;
    values.set(lit, lit.value);
  }
  // Last placeholder first, so the offsets of the earlier ones in the same piece hold.
  for (let i = binds.length - 1; i >= 0; i--) {
    const b = binds[i];
    const lit = spans[b.piece].piece;
    const v = values.get(lit)!;
    values.set(lit, `${v.slice(0, b.start)}$${i + 1}${v.slice(b.end)}`);
  }
  const rebuild = (x: Expr): Expr => {
    const v = values.get(x);
    if (v !== undefined) return { ...(x as StringLiteral), value: v };
    if (x.kind === 'paren' && x.expr.kind === 'binary' && x.expr.op === '||') return { ...x, expr: rebuild(x.expr) };
    if (x.kind === 'binary' && x.op === '||') return { ...x, left: rebuild(x.left), right: rebuild(x.right) };
    return x;
  };
  return { expr: rebuild(e), placeholders: binds.map((b) => b.image), quotedOperands };
}
