/**
 * Texts known at conversion: a variable of a block that holds one literal wherever it is read —
 * declared with a literal default and never assigned, or declared without one and assigned a
 * literal exactly once (`v_sql := 'delete from t where …'`) — and such values or literals joined
 * by ||. EXECUTE IMMEDIATE / OPEN … FOR of such a text is converted like a literal (statements.ts),
 * and install blocks' DDL held that way becomes schema objects (block-ddl.ts).
 *
 * A variable whose value may come from elsewhere is not known: SELECT / FETCH / EXECUTE IMMEDIATE
 * … INTO it, RETURNING INTO it, or passing it alone as an argument of a procedure call statement
 * that is not a built-in package's (it may be an OUT or IN OUT parameter).
 */
import type { Expr } from '../../ast/expr.js';
import type { Block } from '../../ast/plsql.js';
import { literalText } from './dynamic-block.js';

/** Procedure calls whose arguments are IN only (built-in packages the converted code logs or asserts with). */
const IN_ONLY_PACKAGES = /^(SYS\.)?(DBMS_OUTPUT|DBMS_APPLICATION_INFO|DBMS_ASSERT|APEX_DEBUG|LOGGER)\./;

/** The variables declared by `block` that hold one known text. */
export function knownTexts(block: Block): Map<string, string> {
  const assigned = new Map<string, Expr[]>();
  const unknown = new Set<string>();
  const bare = (x: Expr | undefined) => (x?.kind === 'column' && x.parts.length === 1 ? x.parts[0] : undefined);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.kind === 'subprogram' || o.kind === 'query' || o.kind === 'select') return;
    if (o.kind === 'assign') {
      const name = bare(o.target as Expr) ?? '';
      assigned.set(name, [...(assigned.get(name) ?? []), o.value as Expr]);
    }
    // SELECT / FETCH / EXECUTE IMMEDIATE … INTO a variable: a value not known at conversion.
    for (const k of ['into', 'returningInto'])
      if (Array.isArray(o[k]))
        for (const x of o[k] as Expr[]) {
          const n = bare(x);
          if (n) unknown.add(n);
        }
    if (o.kind === 'call' && o.call && typeof o.call === 'object') {
      const c = o.call as Expr;
      if (c.kind === 'call' && !IN_ONLY_PACKAGES.test(c.name.join('.').toUpperCase()))
        for (const a of c.args) {
          const n = bare(a.value);
          if (n) unknown.add(n);
        }
    }
    for (const v of Object.values(o)) walk(v);
  };
  walk(block.body);
  walk(block.handlers);
  const out = new Map<string, string>();
  for (const d of block.declarations) {
    if (d.kind !== 'variable' || unknown.has(d.name)) continue;
    const writes = assigned.get(d.name) ?? [];
    const sources = [...(d.default ? [d.default] : []), ...writes];
    const text = sources.length === 1 ? literalText(sources[0]) : undefined;
    if (text !== undefined) out.set(d.name, text);
  }
  return out;
}

/** The text of a literal, of a known variable (`known` answers for a name), or of such parts joined by ||. */
export function textOf(e: Expr, known: (name: string) => string | undefined): string | undefined {
  if (e.kind === 'column' && e.parts.length === 1) return known(e.parts[0]);
  if (e.kind === 'paren') return textOf(e.expr, known);
  if (e.kind === 'binary' && e.op === '||') {
    const l = textOf(e.left, known);
    const r = textOf(e.right, known);
    return l !== undefined && r !== undefined ? l + r : undefined;
  }
  return literalText(e);
}
