/**
 * Apply order: phases in order; inside a phase, objects after what they depend on, otherwise in
 * file order. Dependencies come from the model (`defines`/`dependsOn` of converted objects) and
 * from the parse trees of the emitted SQL (relations, called functions, nextval sequences, types,
 * schemas, trigger functions). Cycles are left in file order: routines are created with
 * check_function_bodies = off and validated afterwards, so calls between them need no order.
 */
import type { Phase } from '../ast/pg.js';
import { PHASES } from '../convert/index.js';
import type { Unit } from './units.js';

export interface Plan {
  /** Units to apply, in order. */
  order: Unit[];
  /** Resolved dependencies of each unit (other units). */
  deps: Map<Unit, Unit[]>;
  /** Units whose file position comes before a dependency of theirs: unit → that dependency. */
  outOfOrder: Map<Unit, Unit>;
}

/** `rel:hr.emp` → ['rel', 'hr', 'emp'] */
function splitKey(k: string): [string, string, string] {
  const colon = k.indexOf(':');
  const ns = k.slice(0, colon);
  const rest = k.slice(colon + 1);
  if (ns === 'schema') return [ns, '', rest];
  const dot = rest.indexOf('.');
  return [ns, rest.slice(0, dot), rest.slice(dot + 1)];
}

/** Model keys are `schema.name` for relations (schema may be empty). */
const modelKey = (k: string) => `rel:${k}`;

export function planOrder(units: Unit[]): Plan {
  const applicable = units.filter((u) => u.kind === 'sql');
  // name → definers, by namespace and bare name; schema checked on lookup.
  const definers = new Map<string, { schema: string; unit: Unit }[]>();
  for (const u of applicable) {
    const keys = [...u.info.defines, ...(u.defines ? [modelKey(u.defines)] : [])];
    for (const k of new Set(keys)) {
      const [ns, schema, name] = splitKey(k);
      const list = definers.get(`${ns}:${name}`) ?? [];
      if (!list.some((d) => d.unit === u)) list.push({ schema, unit: u });
      definers.set(`${ns}:${name}`, list);
    }
  }
  const resolve = (k: string): Unit | undefined => {
    const [ns, schema, name] = splitKey(k);
    const list = definers.get(`${ns}:${name}`);
    if (!list) return undefined;
    const exact = list.find((d) => d.schema === schema);
    if (exact) return exact.unit;
    return list.find((d) => d.schema === '' || schema === '')?.unit;
  };

  const deps = new Map<Unit, Unit[]>();
  for (const u of applicable) {
    const keys = [...u.info.references, ...(u.dependsOn ?? []).map(modelKey)];
    const found = new Set<Unit>();
    for (const k of keys) {
      const d = resolve(k);
      if (d && d !== u) found.add(d);
    }
    deps.set(u, [...found]);
  }

  const outOfOrder = new Map<Unit, Unit>();
  const phaseRank = (p: Phase) => PHASES.indexOf(p);
  for (const u of applicable)
    for (const d of deps.get(u) ?? []) {
      const later = phaseRank(d.phase) > phaseRank(u.phase) || (d.phase === u.phase && d.index > u.index);
      if (later && !outOfOrder.has(u)) outOfOrder.set(u, d);
    }

  const order: Unit[] = [];
  for (const phase of PHASES) {
    const inPhase = applicable.filter((u) => u.phase === phase);
    const done = new Set<Unit>();
    const visiting = new Set<Unit>();
    const visit = (u: Unit) => {
      if (done.has(u) || visiting.has(u)) return;
      visiting.add(u);
      for (const d of deps.get(u) ?? []) if (d.phase === phase) visit(d);
      visiting.delete(u);
      done.add(u);
      order.push(u);
    };
    for (const u of inPhase) visit(u);
  }
  // A dependency inside a cycle can still come later than its user; that is not a script-order fault.
  for (const [u, d] of outOfOrder)
    if (d.phase === u.phase && order.indexOf(d) > order.indexOf(u)) outOfOrder.delete(u);
  return { order, deps, outOfOrder };
}
