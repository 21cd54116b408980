/**
 * Parameter defaults of object type methods come from the type specification. Oracle lets a
 * TYPE BODY leave out a default its specification declares (callers compile against the
 * specification, so a call may leave the argument out even though the body's parameter has no
 * default). The body's methods are given the specification's defaults before any conversion,
 * so the converted routines (and the overload matching of calls) have them.
 */
import type { PlsqlUnit } from '../../ast/ddl.js';
import type { Param, TypeMethod, TypeMethodSpec } from '../../ast/plsql.js';
import type { ConvertContext } from '../context.js';

type Pending = { specs: Map<string, TypeMethodSpec[]>; bodies: Map<string, TypeMethod[][]> };
const state = new WeakMap<ConvertContext, Pending>();

const typeKey = (u: PlsqlUnit) =>
  u.ast?.kind === 'type' || u.ast?.kind === 'type-body'
    ? `${u.ast.name.schema ?? ''}.${u.ast.name.name}`
    : '';
const ownParams = (ps: Param[]) => ps.filter((p) => p.name !== 'SELF');
const typeName = (p: Param) => `${p.type.schema ?? ''}.${p.type.name}`;

/**
 * Records the method signatures of a CREATE TYPE or the methods of a TYPE BODY, and gives the
 * body methods known so far the defaults of their specification (the order of the two units in
 * the sources does not matter).
 */
export function noteTypeMethodDefaults(unit: PlsqlUnit, ctx: ConvertContext): void {
  const ast = unit.ast;
  if (ast?.kind !== 'type' && ast?.kind !== 'type-body') return;
  const st = state.get(ctx) ?? { specs: new Map(), bodies: new Map() };
  state.set(ctx, st);
  const key = typeKey(unit);
  if (ast.kind === 'type') {
    if (ast.def.kind !== 'object' || !ast.def.methodSpecs) return;
    st.specs.set(key, ast.def.methodSpecs);
    for (const methods of st.bodies.get(key) ?? []) applySpecDefaults(methods, ast.def.methodSpecs);
  } else {
    st.bodies.set(key, [...(st.bodies.get(key) ?? []), ast.methods]);
    const specs = st.specs.get(key);
    if (specs) applySpecDefaults(ast.methods, specs);
  }
}

/** The specification's declaration of a body method: same kind of routine, name and parameters. */
function specOf(m: TypeMethod, specs: TypeMethodSpec[]): TypeMethodSpec | undefined {
  const params = ownParams(m.unit.params);
  const sameNames = specs.filter((s) => {
    if (s.name !== m.unit.name.name || s.unitKind !== m.unit.kind) return false;
    if ((s.kind === 'static') !== (m.kind === 'static')) return false;
    const sp = ownParams(s.params);
    return sp.length === params.length && sp.every((p, i) => p.name === params[i].name);
  });
  if (sameNames.length <= 1) return sameNames[0];
  // Overloads differing only in their parameter types.
  const sameTypes = sameNames.filter((s) =>
    ownParams(s.params).every((p, i) => typeName(p) === typeName(params[i])),
  );
  return sameTypes.length === 1 ? sameTypes[0] : undefined;
}

/**
 * Each parameter takes the default its specification declares (the specification's default is
 * the one callers see); a parameter the specification gives no default keeps the body's.
 */
function applySpecDefaults(methods: TypeMethod[], specs: TypeMethodSpec[]): void {
  for (const m of methods) {
    const spec = specOf(m, specs);
    if (!spec) continue;
    const sp = ownParams(spec.params);
    let i = 0;
    m.unit.params.forEach((p, k) => {
      if (p.name === 'SELF') return;
      const d = sp[i++]?.default;
      if (d && p.default !== d) m.unit.params[k] = { ...p, default: d };
    });
  }
}
