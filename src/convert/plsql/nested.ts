/**
 * Nested subprograms (functions and procedures declared inside a unit): PostgreSQL has none, so a
 * nested subprogram is lifted to a routine of its own named `<unit>_<nested>` in the unit's schema
 * and calls to it are renamed. The variables and parameters of the enclosing unit it uses become
 * extra parameters passed by name at every call (IN when only read; IN OUT when assigned). A
 * function that assigns an enclosing variable follows the convention of functions with OUT
 * parameters (outfunctions.ts): `v := f(…)` unpacks the record; a call of it elsewhere in an
 * expression is reported. One that uses an enclosing cursor or exception is reported.
 */
import type { OraName, QualifiedName } from '../../ast/common.js';
import type { DataType, Expr, FuncArg } from '../../ast/expr.js';
import type { Declaration, Param, Subprogram } from '../../ast/plsql.js';
import { pgNameOf, shortenIdent } from '../../emit/quote.js';
import type { PlContext } from './context.js';
import { findMethod, objectTypeOf } from './objects.js';

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

/** Names a subtree assigns (assignment targets, SELECT / FETCH / RETURNING INTO targets). */
function assignedNames(x: unknown, out = new Set<OraName>()): Set<OraName> {
  if (Array.isArray(x)) {
    for (const y of x) assignedNames(y, out);
    return out;
  }
  if (!x || typeof x !== 'object') return out;
  const o = x as Record<string, unknown>;
  const first = (e: unknown) => {
    const t = e as Expr;
    if (t?.kind === 'column') out.add(t.parts[0]);
    else if (t?.kind === 'call') out.add(t.name[0]);
  };
  if (o.kind === 'assign') first(o.target);
  for (const k of ['into', 'targets', 'returningInto']) if (Array.isArray(o[k])) for (const t of o[k] as unknown[]) first(t);
  for (const v of Object.values(o)) assignedNames(v, out);
  return out;
}

/** A nested subprogram lifted to a routine of its own. */
export interface NestedRoutine {
  name: QualifiedName;
  /** Enclosing variables passed as extra parameters (by name). */
  extra: Param[];
  /** Why it cannot be lifted. */
  reason?: string;
  /** The nested subprogram as declared. */
  unit?: Subprogram;
}

/** A lifted nested function that assigns enclosing variables (IN OUT extra parameters). */
export function assignsEnclosing(r: NestedRoutine): boolean {
  return r.unit?.kind === 'function' && r.extra.some((p) => p.mode !== 'IN');
}

/** The lifted routine as a subprogram: its parameters followed by the enclosing variables. */
export function liftedUnit(r: NestedRoutine): Subprogram | undefined {
  return r.unit && { ...r.unit, name: r.name, params: [...r.unit.params, ...r.extra] };
}

/**
 * The PostgreSQL name of the routine a nested subprogram is lifted to: `<unit>_<nested>` in the
 * unit's schema, shortened to 63 bytes with a hash when longer (shortenIdent). The one place that
 * decides it: the definition and every call print this name as it is, so they always agree (also
 * for a subprogram nested in a nested one, whose unit is the already lifted routine).
 */
export function liftedName(unit: QualifiedName, nested: OraName): QualifiedName {
  const name = shortenIdent(`${pgNameOf(unit.name)}_${pgNameOf(nested)}`);
  return { ...(unit.schema ? { schema: unit.schema } : {}), name };
}

/**
 * A name a nested subprogram of a type method uses without SELF (an attribute, or a method called
 * as `m(…)`): it needs the method's SELF.
 */
function selfMember(n: OraName, pc: PlContext): boolean {
  const selfType = pc.lookup('SELF')?.type;
  if (!selfType || pc.lookup(n) || pc.packageMember([n]) || pc.cctx.routines.has(n)) return false;
  if (pc.isSelfAttribute(n)) return true;
  const q = objectTypeOf(pc.cctx, selfType);
  return !!q && !!findMethod(pc.cctx, q, n, 0);
}

/**
 * A nested procedure of a type method that calls a member procedure on SELF (`self.m(…)`, or `m(…)`
 * of the type): a member procedure's SELF is IN OUT, so what it changes must reach the method.
 */
function callsSelfProcedure(block: unknown, own: Set<OraName>, pc: PlContext): boolean {
  const q = objectTypeOf(pc.cctx, pc.lookup('SELF')?.type);
  if (!q) return false;
  const isProcedure = (name: OraName | undefined, argc: number) =>
    !!name && findMethod(pc.cctx, q, name, argc, 'procedure')?.method.unit.kind === 'procedure';
  const onSelf = (parts: OraName[]) =>
    (parts.length === 2 && parts[0] === 'SELF') || (parts.length === 1 && !own.has(parts[0]) && !pc.lookup(parts[0]) && !pc.nested.has(parts[0]));
  let found = false;
  const visit = (x: unknown): void => {
    if (found || !x || typeof x !== 'object') return;
    if (Array.isArray(x)) {
      for (const y of x) visit(y);
      return;
    }
    const o = x as Record<string, unknown>;
    if (o.kind === 'call' && Array.isArray(o.name) && onSelf(o.name as OraName[]))
      found = isProcedure((o.name as OraName[]).at(-1), (o.args as unknown[]).length);
    else if (o.kind === 'column' && Array.isArray(o.parts) && onSelf(o.parts as OraName[])) found = isProcedure((o.parts as OraName[]).at(-1), 0);
    else if (o.kind === 'method' && (o.operand as Expr | undefined)?.kind === 'column') {
      const parts = (o.operand as { parts: OraName[] }).parts;
      if (parts.length === 1 && parts[0] === 'SELF') found = isProcedure(o.name as OraName, (o.args as unknown[]).length);
    }
    for (const v of Object.values(o)) visit(v);
  };
  visit(block);
  return found;
}

/** Adds an extra parameter (IN OUT wins over IN). */
function addExtra(extra: Map<OraName, Param>, p: Param): boolean {
  const had = extra.get(p.name);
  if (had && (had.mode !== 'IN' || p.mode === 'IN')) return false;
  extra.set(p.name, had ? { ...had, mode: 'IN OUT' } : { name: p.name, mode: p.mode === 'IN' ? 'IN' : 'IN OUT', type: p.type });
  return true;
}

/**
 * Registers the nested subprograms of a block's declarations (so calls before and between them
 * resolve), with the enclosing variables each one uses. A nested subprogram that calls another
 * one (a sibling, itself, or one of an enclosing level) also takes what that one takes, so every
 * call can pass it along: the extra parameters are closed over the calls.
 */
export function registerNested(decls: Declaration[], pc: PlContext): void {
  const unit = pc.unitName;
  if (!unit) return;
  const siblings = new Set(decls.flatMap((d) => (d.kind === 'subprogram' ? [d.unit.name.name] : [])));
  const blockVars = new Map<OraName, Declaration>();
  for (const d of decls) if (d.kind === 'variable' || d.kind === 'cursor' || d.kind === 'exception') blockVars.set(d.name, d);
  const selfParam = (): Param | undefined => {
    const t = pc.lookup('SELF');
    return t && t.kind !== 'cursor' && t.type ? { name: 'SELF', mode: 'IN', type: t.type } : undefined;
  };
  const found = new Map<OraName, { s: Subprogram; own: Set<OraName>; extra: Map<OraName, Param>; calls: Set<OraName>; problems: string[] }>();
  for (const d of decls) {
    if (d.kind !== 'subprogram' || !d.unit.block) continue;
    const s = d.unit;
    const own = declaredNames([s.params, s.block]);
    // Its own parameters shadow the enclosing unit's names.
    for (const p of s.params) own.add(p.name);
    const used = referencedNames([s.block, s.params.map((p) => p.default)]);
    const assigned = assignedNames(s.block);
    const extra = new Map<OraName, Param>();
    const calls = new Set<OraName>();
    const problems: string[] = [];
    for (const n of used) {
      if (own.has(n)) continue;
      if (siblings.has(n) || pc.nested.has(n)) {
        calls.add(n);
        continue;
      }
      const local = blockVars.get(n);
      const outer = local ? undefined : pc.lookup(n);
      if (!local && !outer) {
        // An attribute or a method of SELF used without `self.`.
        const self = selfMember(n, pc) ? selfParam() : undefined;
        if (self) addExtra(extra, { ...self, mode: assigned.has(n) ? 'IN OUT' : 'IN' });
        continue;
      }
      const type: DataType | undefined = local?.kind === 'variable' ? local.type : outer && outer.kind !== 'cursor' ? outer.type : undefined;
      if (!type) {
        problems.push(`${n} (a cursor or exception of the enclosing unit)`);
        continue;
      }
      addExtra(extra, { name: n, mode: assigned.has(n) ? 'IN OUT' : 'IN', type });
    }
    // A member procedure called on SELF may change it (its SELF is IN OUT).
    const self = s.kind === 'procedure' && callsSelfProcedure(s.block, own, pc) ? selfParam() : undefined;
    if (self) addExtra(extra, { ...self, mode: 'IN OUT' });
    found.set(s.name.name, { s, own, extra, calls, problems });
  }
  // What a called nested subprogram takes, the caller takes too (until nothing changes).
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of found.values())
      for (const c of f.calls) {
        const theirs = found.get(c)?.extra.values() ?? pc.nested.get(c)?.extra ?? [];
        for (const p of theirs) if (!f.own.has(p.name) && addExtra(f.extra, p)) changed = true;
      }
  }
  for (const { s, extra, problems } of found.values())
    pc.nested.set(s.name.name, {
      name: liftedName(unit, s.name.name),
      extra: [...extra.values()],
      unit: s,
      ...(problems.length ? { reason: `uses ${problems.join(', ')} of the enclosing unit` } : {}),
    });
}

/** The extra arguments of a call of a lifted routine: the enclosing variables, by name. */
export function extraArgs(r: NestedRoutine): FuncArg[] {
  return r.extra.map((p) => ({ name: p.name, value: { kind: 'column', parts: [p.name] } }));
}

/** The lifted routine of a nested subprogram called by name, if it is one. */
export function nestedName(pc: PlContext, name: OraName[]): NestedRoutine | undefined {
  return name.length === 1 && !pc.lookup(name[0]) ? pc.nested.get(name[0]) : undefined;
}
