/**
 * DDL run by an anonymous block of an install script through EXECUTE IMMEDIATE.
 *
 * Oracle install scripts create objects idempotently inside anonymous blocks:
 * `declare n number; begin select count(*) into n from all_tables where …; if n = 0 then execute
 * immediate 'create table …'; end if; end;`. Schema conversion does not emit anonymous blocks
 * (they run at install time), so such objects would be missing from the converted schema and every
 * routine using them would fail. The DDL texts known at conversion (a literal, q'[…]', a variable
 * of the block holding one literal, such parts joined by ||) become statements of the model as if written at top level, located at the
 * EXECUTE IMMEDIATE; the block keeps its own treatment (reported, not emitted).
 *
 * The block's conditions (usually "if it does not exist yet") are not kept: the converted schema is
 * the end state built from scratch, where the object does not exist yet, and plain CREATE fails
 * loudly on a clash instead of keeping an older shape. A second creation of a table, view or
 * sequence the model already has is the block's "if not exists" seen at conversion: it is left out.
 * DDL text built at run time stays in the block (and stays reported with it).
 */
import type { PlsqlUnit, Statement } from '../ast/ddl.js';
import type { Expr } from '../ast/expr.js';
import type { Block } from '../ast/plsql.js';
import { makeFinding } from '../findings/make.js';
import type { Finding, SourceLocation } from '../findings/types.js';
import { lex } from '../parser/lexer.js';
import { parseStatement } from '../parser/statement.js';
import { knownTexts, textOf } from './plsql/known-text.js';

/** Statement kinds that are DDL the converted schema can hold. */
const DDL_KINDS = new Set<Statement['kind']>([
  'create-table',
  'create-index',
  'create-sequence',
  'alter-sequence',
  'create-view',
  'create-synonym',
  'comment',
  'alter-table',
  'grant',
  'revoke',
  'plsql-unit',
]);

/** First words of the DDL texts whose parse errors are reported. */
const DDL_WORDS = new Set(['CREATE', 'ALTER', 'COMMENT', 'GRANT', 'REVOKE']);

/**
 * Statements that came from a block, with their findings (buildModel reports them, or leaves the
 * statement out by the "if not exists" rule).
 */
export const fromBlock = new WeakMap<Statement, Finding[]>();

/** EXECUTE IMMEDIATE statements of a block, outside nested subprograms, with their unit-relative line. */
function executeImmediates(node: unknown, out: { sql: unknown; line?: number }[], line?: number): void {
  if (Array.isArray(node)) {
    for (const n of node) executeImmediates(n, out, line);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  // Nested subprograms run only when called; a query holds no statement.
  if (o.kind === 'subprogram' || o.kind === 'query' || o.kind === 'select') return;
  const here = typeof o.line === 'number' ? o.line : line;
  if (o.kind === 'execute-immediate') {
    const none = (k: string) => !Array.isArray(o[k]) || !(o[k] as unknown[]).length;
    if (none('into') && none('using') && none('returningInto') && !o.bulk)
      out.push({ sql: o.sql, line: here });
    return;
  }
  for (const v of Object.values(o)) executeImmediates(v, out, here);
}

/** What a DDL statement creates or changes, for the finding. */
function label(s: Statement): string {
  const n = (q: { schema?: string; name: string }) => `${q.schema ? `${q.schema}.` : ''}${q.name}`;
  switch (s.kind) {
    case 'create-table':
      return `TABLE ${n(s.name)}`;
    case 'create-index':
      return `INDEX ${n(s.name)}`;
    case 'create-sequence':
    case 'alter-sequence':
      return `SEQUENCE ${n(s.name)}`;
    case 'create-view':
      return `VIEW ${n(s.name)}`;
    case 'create-synonym':
      return `SYNONYM ${n(s.name)}`;
    case 'comment':
      return `COMMENT ON ${n(s.table)}`;
    case 'alter-table':
      return `ALTER TABLE ${n(s.table)}`;
    case 'grant':
    case 'revoke':
      return `${s.kind.toUpperCase()} ON ${s.on ? n(s.on) : '(system privilege)'}`;
    case 'plsql-unit':
      return `${s.unitKind} ${n(s.name)}`;
    default:
      return s.kind;
  }
}

/**
 * The DDL statements an anonymous block runs through EXECUTE IMMEDIATE of a literal text, parsed
 * and located at the EXECUTE IMMEDIATE; their findings (OPG-MISC-0003 …) are in `fromBlock`.
 */
export function blockDdl(block: PlsqlUnit, findings: Finding[]): Statement[] {
  if (block.unitKind !== 'BLOCK' || block.ast?.kind !== 'block') return [];
  const found: { sql: unknown; line?: number }[] = [];
  executeImmediates(block.ast.block, found);
  const known = knownTexts(block.ast.block);
  const out: Statement[] = [];
  for (const e of found) {
    const text = textOf(e.sql as Expr, (n) => known.get(n))?.trim();
    if (!text) continue;
    const loc: SourceLocation | undefined = block.loc
      ? { ...block.loc, line: block.loc.line + (e.line ?? 1) - 1, column: e.line ? 1 : block.loc.column }
      : undefined;
    let parsed: ReturnType<typeof parseStatement>;
    try {
      parsed = parseStatement(text, loc ?? { file: 'dynamic', line: 1, column: 1 });
    } catch {
      continue;
    }
    const st = parsed.statement;
    if (!st || parsed.findings.some((f) => f.id === 'OPG-PARSE-0001')) {
      // DDL the conversion cannot read: said, not dropped silently.
      const first = lex(text).tokens[0]?.image.toUpperCase();
      if (first && DDL_WORDS.has(first)) findings.push(...parsed.findings);
      continue;
    }
    if (!DDL_KINDS.has(st.kind)) continue;
    if (st.kind === 'plsql-unit' && (st.unitKind === 'BLOCK' || !st.ast)) continue;
    fromBlock.set(st, [
      ...parsed.findings,
      makeFinding('OPG-MISC-0003', { object: label(st) }, { location: loc, object: label(st) }),
    ]);
    out.push(st);
  }
  return out;
}
