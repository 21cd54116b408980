/**
 * Which routine a method of an object type becomes, as PostgreSQL sees it:
 *
 *   - a MEMBER PROCEDURE and a MEMBER FUNCTION of one name whose calls PostgreSQL cannot tell
 *     apart (same input types, or a call leaving out defaulted parameters that fits both) cannot
 *     both exist: the procedure becomes `<type>_<name>_proc` (methodRoutineName);
 *   - a MEMBER FUNCTION declared SELF IN OUT that changes SELF keeps SELF IN OUT, so its routine
 *     returns the changed object with the result and the caller writes it back (selfInOut).
 *
 * Both are decided per type hierarchy, name and parameters, so overrides and the dispatcher of a
 * hierarchy (objects.ts) agree.
 */
import type { QualifiedName } from '../../ast/common.js';
import type { Expr } from '../../ast/expr.js';
import type { PlStatement, TypeMethod } from '../../ast/plsql.js';
import type { ConvertContext } from '../context.js';
import { PlContext as PlContextClass } from './context.js';
import { attributes, signature, typeBodyMethods } from './objects.js';
import { signatureType } from './overloads.js';
import { hierarchyRoot, typeAndDescendants } from './types.js';

/**
 * Input signatures of a method's routine as PostgreSQL resolves a call of it (SELF first for member
 * methods): the full one and each shorter one a call can use by leaving out defaulted parameters.
 */
function callSignatures(ctx: ConvertContext, m: TypeMethod): string[] {
  const cached = signatureCache.get(m);
  if (cached) return cached;
  const params = m.unit.params.filter(
    (p) => p.name !== 'SELF' && (m.unit.kind === 'procedure' || p.mode !== 'OUT'),
  );
  // The PostgreSQL types without lengths, precisions and interval fields (DATE and TIMESTAMP are both timestamp);
  // resolved in a context of their own, whose findings are dropped.
  const scratch = new PlContextClass(ctx, 'procedure', 'signature', undefined);
  const keys = params.map((p) => {
    try {
      return signatureType(scratch.resolvedType(p.type, p.name));
    } catch {
      return `${p.type.schema ?? ''}.${p.type.name}%${p.type.attribute ?? ''}`;
    }
  });
  const out: string[] = [];
  for (let n = params.length; n >= 0; n--) {
    out.push(`${m.kind === 'static' ? '' : 'SELF;'}${keys.slice(0, n).join(',')}`);
    if (n > 0 && !params[n - 1].default) break;
  }
  signatureCache.set(m, out);
  return out;
}

const signatureCache = new WeakMap<TypeMethod, string[]>();

/**
 * The name of a method's routine after `<type>_`: a procedure gets `<name>_PROC` when its type's
 * hierarchy also has a function of that name and input signature (PostgreSQL holds functions and
 * procedures in one namespace by input argument types: "cannot change routine kind"), or one that
 * a call leaving out defaulted parameters could also reach ("is not unique"). Decided per
 * hierarchy, so overrides and the dispatcher keep one name.
 */
export function methodRoutineName(ctx: ConvertContext, owner: QualifiedName, m: TypeMethod): string {
  const name = m.unit.name.name;
  if (m.unit.kind !== 'procedure' || m.kind === 'constructor') return name;
  const sigs = new Set(callSignatures(ctx, m));
  const family = typeAndDescendants(ctx, hierarchyRoot(ctx, owner));
  const methods = (family.length ? family : [owner]).flatMap((t) => typeBodyMethods(ctx, t.name));
  // Same signature ("cannot change routine kind"), or a call that both could take ("is not unique").
  const clashes = (x: TypeMethod) =>
    x.unit.kind === 'function' &&
    x.kind !== 'constructor' &&
    x.unit.name.name === name &&
    callSignatures(ctx, x).some((k) => sigs.has(k));
  if (!methods.some(clashes)) return name;
  let renamed = `${name}_PROC`;
  for (let i = 2; methods.some((x) => x.unit.name.name === renamed); i++) renamed = `${name}_PROC${i}`;
  return renamed;
}

/** Statements of a block and of everything nested in it. */
function eachStatement(list: PlStatement[], f: (s: PlStatement) => void): void {
  for (const s of list) {
    f(s);
    switch (s.kind) {
      case 'if':
        for (const b of s.branches) eachStatement(b.body, f);
        if (s.else) eachStatement(s.else, f);
        break;
      case 'case':
        for (const w of s.whens) eachStatement(w.body, f);
        if (s.else) eachStatement(s.else, f);
        break;
      case 'loop':
      case 'while':
      case 'for-range':
      case 'for-cursor':
      case 'for-query':
        eachStatement(s.body, f);
        break;
      case 'block':
        eachStatement(s.block.body, f);
        for (const h of s.block.handlers) eachStatement(h.body, f);
        break;
    }
  }
}

/** The name an assignment target or call starts with (`a` of a.b(i).c). */
function rootName(e: Expr): string | undefined {
  switch (e.kind) {
    case 'column':
      return e.parts[0];
    case 'call':
      return e.name[0];
    case 'field':
    case 'subscript':
    case 'method':
      return rootName(e.operand);
    case 'paren':
      return rootName(e.expr);
    default:
      return undefined;
  }
}

const changesSelfCache = new WeakMap<TypeMethod, boolean>();

/**
 * A member function declared with SELF IN OUT whose body changes SELF: assigns SELF or one of its
 * attributes, or calls a method on SELF (SELF.m(…), or m(…) of the type as a statement).
 */
function changesSelf(ctx: ConvertContext, owner: QualifiedName, m: TypeMethod): boolean {
  if (m.unit.kind !== 'function' || m.unit.params.find((p) => p.name === 'SELF')?.mode !== 'IN OUT')
    return false;
  const cached = changesSelfCache.get(m);
  if (cached !== undefined) return cached;
  const attrs = new Set(attributes(ctx, owner).map((a) => a.name));
  const locals = new Set([
    ...m.unit.params.map((p) => p.name),
    ...(m.unit.block?.declarations ?? []).flatMap((d) =>
      'name' in d && typeof d.name === 'string' ? [d.name] : [],
    ),
  ]);
  const isSelf = (n: string | undefined) => !!n && (n === 'SELF' || (attrs.has(n) && !locals.has(n)));
  const methods = new Set(typeBodyMethods(ctx, owner.name).map((x) => x.unit.name.name));
  let changes = false;
  // A call (anywhere, also inside an expression) of a method of SELF that changes it: a procedure
  // or such a function, by name alone or as SELF.m.
  const changing = (name: string) =>
    typeBodyMethods(ctx, owner.name).some(
      (x) =>
        x.unit.name.name === name &&
        x !== m &&
        x.kind !== 'static' &&
        x.kind !== 'constructor' &&
        (x.unit.kind === 'procedure' || changesSelf(ctx, owner, x)),
    );
  const visit = (o: unknown): void => {
    if (changes || !o || typeof o !== 'object') return;
    if (Array.isArray(o)) {
      for (const v of o) visit(v);
      return;
    }
    const x = o as Expr;
    // Expression nodes only (a call statement is { kind: 'call', call }).
    if (
      x.kind === 'call' &&
      Array.isArray(x.name) &&
      ((x.name.length === 1 && !locals.has(x.name[0])) || (x.name.length === 2 && x.name[0] === 'SELF')) &&
      changing(x.name[x.name.length - 1])
    )
      changes = true;
    if (
      x.kind === 'method' &&
      x.operand?.kind === 'column' &&
      x.operand.parts.length === 1 &&
      x.operand.parts[0] === 'SELF' &&
      changing(x.name)
    )
      changes = true;
    for (const v of Object.values(o)) visit(v);
  };
  changesSelfCache.set(m, false); // a method calling itself does not decide for itself
  visit(m.unit.block);
  eachStatement(m.unit.block?.body ?? [], (st) => {
    if (st.kind === 'assign' && isSelf(rootName(st.target))) changes = true;
    if (st.kind === 'call') {
      const r = rootName(st.call);
      const bare =
        st.call.kind === 'call'
          ? st.call.name.length === 1
          : st.call.kind === 'column' && st.call.parts.length === 1;
      if (r === 'SELF' || isSelf(r) || (bare && r && methods.has(r) && !locals.has(r))) changes = true;
    }
  });
  changesSelfCache.set(m, changes);
  return changes;
}

/**
 * A member function whose SELF is IN OUT in PostgreSQL too: one of its implementations in the
 * hierarchy (same name and parameters) is declared SELF IN OUT and changes SELF. Then its routines
 * return SELF with the result (the OUT-parameter convention of outfunctions.ts), and
 * `v := obj.m(…)` writes the changed object back to obj, as Oracle does.
 */
export function selfInOut(ctx: ConvertContext, owner: QualifiedName, m: TypeMethod): boolean {
  if (m.unit.kind !== 'function' || m.kind === 'static' || m.kind === 'constructor') return false;
  const sig = signature(m);
  const family = typeAndDescendants(ctx, hierarchyRoot(ctx, owner));
  return (family.length ? family : [owner]).some((t) =>
    typeBodyMethods(ctx, t.name).some(
      (x) =>
        x.unit.kind === 'function' &&
        x.kind !== 'static' &&
        x.kind !== 'constructor' &&
        x.unit.name.name === m.unit.name.name &&
        signature(x) === sig &&
        changesSelf(ctx, t, x),
    ),
  );
}
