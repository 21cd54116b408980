/**
 * Nested subprograms (functions and procedures declared inside a unit): PostgreSQL has none, so a
 * nested subprogram that uses nothing of the enclosing unit (no variable, parameter or cursor of
 * an enclosing block) is lifted to a routine of its own named `<unit>_<nested>` in the unit's
 * schema, and calls to it are renamed. One that reads or writes the enclosing unit's variables is
 * reported (it would need them passed as parameters).
 */
import type { OraName, QualifiedName } from '../../ast/common.js';
import type { Declaration, Subprogram } from '../../ast/plsql.js';
import type { PlContext } from './context.js';

/** Names a subtree declares (parameters, variables, cursors, loop indexes and records). */
function declaredNames(x: unknown, out = new Set<OraName>()): Set<OraName> {
  if (Array.isArray(x)) {
    for (const y of x) declaredNames(y, out);
    return out;
  }
  if (!x || typeof x !== 'object') return out;
  const o = x as Record<string, unknown>;
  if ((o.kind === 'variable' || o.kind === 'cursor' || o.kind === 'exception') && typeof o.name === 'string') out.add(o.name);
  if (o.kind === 'for-range' || o.kind === 'forall') out.add(o.index as string);
  if (o.kind === 'for-cursor' || o.kind === 'for-query') out.add(o.record as string);
  if (Array.isArray(o.params)) for (const p of o.params as { name?: unknown }[]) if (typeof p.name === 'string') out.add(p.name);
  for (const v of Object.values(o)) declaredNames(v, out);
  return out;
}

/** First names of the references a subtree makes (columns, calls, cursors, assignment targets). */
function referencedNames(x: unknown, out = new Set<OraName>()): Set<OraName> {
  if (Array.isArray(x)) {
    for (const y of x) referencedNames(y, out);
    return out;
  }
  if (!x || typeof x !== 'object') return out;
  const o = x as Record<string, unknown>;
  if (o.kind === 'column' && Array.isArray(o.parts)) out.add(o.parts[0] as string);
  if (o.kind === 'call' && Array.isArray(o.name)) out.add((o.name as string[])[0]);
  if ((o.kind === 'open' || o.kind === 'fetch' || o.kind === 'close' || o.kind === 'for-cursor') && typeof o.cursor === 'string') out.add(o.cursor);
  for (const v of Object.values(o)) referencedNames(v, out);
  return out;
}

/**
 * Registers the nested subprograms of a block's declarations (so calls before and between them
 * resolve) and returns the names of enclosing variables each one uses.
 */
export function registerNested(decls: Declaration[], pc: PlContext): void {
  for (const d of decls) {
    if (d.kind !== 'subprogram') continue;
    const unit = pc.unitName;
    if (!unit) continue;
    pc.nested.set(d.unit.name.name, { ...(unit.schema ? { schema: unit.schema } : {}), name: `${unit.name}_${d.unit.name.name}` });
  }
}

/** Enclosing-scope names a nested subprogram uses (empty: it can be lifted). */
export function enclosingNamesUsed(s: Subprogram, pc: PlContext): OraName[] {
  const own = declaredNames([s.params, s.block]);
  const used = referencedNames(s.block);
  for (const p of s.params) if (p.default) for (const n of referencedNames(p.default)) used.add(n);
  return [...used].filter((n) => !own.has(n) && !pc.nested.has(n) && pc.lookup(n) !== undefined);
}

/** The lifted name of a nested subprogram called by name, if it is one. */
export function nestedName(pc: PlContext, name: OraName[]): QualifiedName | undefined {
  return name.length === 1 && !pc.lookup(name[0]) ? pc.nested.get(name[0]) : undefined;
}
