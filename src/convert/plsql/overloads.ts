/**
 * Overloads that PostgreSQL cannot keep apart. Oracle tells overloads apart by their parameter
 * types (DATE and TIMESTAMP, INTERVAL DAY TO SECOND and YEAR TO MONTH …); PostgreSQL identifies a routine by its name and
 * input argument types without lengths or precisions, so two overloads whose parameters map to the
 * same PostgreSQL types become one routine: CREATE OR REPLACE keeps the last one, and calls meant
 * for the other run it. Reported (OPG-PLSQL-0046), not changed: the converted callers pass values
 * of one PostgreSQL type, there is no way left to choose.
 */
import type { Subprogram } from '../../ast/plsql.js';
import type { PlContext } from './context.js';
import { typeText } from './overload-resolution.js';

/**
 * A PostgreSQL type as a routine signature keeps it: without lengths and precisions, and without
 * the fields of an interval (INTERVAL DAY TO SECOND and YEAR TO MONTH are both interval).
 */
export function signatureType(pgType: string): string {
  return pgType
    .replace(/\([^)]*\)/g, '')
    .replace(/^interval\b[^[]*/, 'interval')
    .trim();
}

/** PostgreSQL input signature of a routine: its IN / IN OUT parameter types, typmods removed. */
function signature(u: Subprogram, pc: PlContext): string {
  return u.params
    .filter((p) => u.kind === 'procedure' || p.mode !== 'OUT')
    .map((p) => signatureType(pc.resolvedType(p.type, p.name)))
    .join(', ');
}

/**
 * The routines of `units` (one PostgreSQL name each, as `nameOf` gives it) whose signature another
 * earlier one already has: for each, the earlier one it replaces and the common signature.
 * `scratch` builds a context to resolve the types in (its findings are dropped).
 */
export function collapsedOverloads<T>(
  units: T[],
  subprogramOf: (u: T) => Subprogram,
  nameOf: (u: T) => string,
  scratch: () => PlContext,
): Map<T, { replaces: T; signature: string }> {
  const seen = new Map<string, T>();
  const out = new Map<T, { replaces: T; signature: string }>();
  for (const u of units) {
    const pc = scratch();
    const s = subprogramOf(u);
    pc.unitName = s.name;
    let sig: string;
    try {
      sig = signature(s, pc);
    } catch {
      continue;
    }
    if (pc.unconvertible.length) continue;
    const key = `${nameOf(u)}(${sig})`;
    const earlier = seen.get(key);
    if (earlier) out.set(u, { replaces: earlier, signature: sig });
    else seen.set(key, u);
  }
  return out;
}

/** Text of the finding for a routine that replaces an earlier overload. */
export function collapsedDetail(
  name: string,
  routine: string,
  later: Subprogram,
  earlier: Subprogram,
  sig: string,
): string {
  const types = (u: Subprogram) => u.params.map((p) => typeText(p.type)).join(', ');
  return `${name}(${types(later)}) and ${name}(${types(earlier)}) are one PostgreSQL ${later.kind} ${routine}(${sig}): the one created last replaces the other, so calls meant for ${name}(${types(earlier)}) run ${name}(${types(later)})`;
}
