/** Verify results as findings (OPG-VERIFY-*), located at the Oracle source of each object. */
import { makeFinding } from '../findings/make.js';
import type { Finding } from '../findings/types.js';
import type { Plan } from './order.js';
import type {
  DeepCheckIssue,
  EmittedLocation,
  StructureComparison,
  VerifyObjectResult,
  VerifyResult,
  VerifyTarget,
} from './types.js';
import type { Unit } from './units.js';

const at = (l?: EmittedLocation) => (l ? `${l.file}:${l.line}:${l.column}` : 'unknown position');

export function engineLabel(t: VerifyTarget): string {
  return `${t.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'} ${t.serverVersion}`;
}

export function verifyFindings(
  units: Unit[],
  results: Map<Unit, VerifyObjectResult>,
  plan: Plan,
  deep: VerifyResult['deepCheck'],
  structure: StructureComparison,
  target: VerifyTarget,
): Finding[] {
  const out: Finding[] = [];
  const engine = engineLabel(target);
  let skippedRoutines = 0;
  for (const u of units) {
    const r = results.get(u)!;
    const where = { object: u.object, ...(u.source ? { location: u.source } : {}) };
    if (r.status === 'failed' && r.error) {
      const args = {
        engine,
        sqlstate: r.error.sqlstate,
        error: r.error.message,
        emitted: at(r.error.emitted),
      };
      const here = { ...where, ...(r.error.source ? { location: r.error.source } : {}) };
      if (r.stage === 'validate') {
        const routine = r.routines?.find((x) => x.validated === 'failed')?.name ?? u.object;
        out.push(makeFinding('OPG-VERIFY-0002', { ...args, routine }, here));
      } else out.push(makeFinding('OPG-VERIFY-0001', { ...args, object: u.object }, here));
    }
    const dep = plan.outOfOrder.get(u);
    if (r.outOfOrder && r.status === 'applied') {
      out.push(
        makeFinding(
          'OPG-VERIFY-0009',
          {
            object: u.object,
            dependency: dep ? `${dep.object} (${dep.file}:${dep.line})` : 'an object created later',
            what: dep
              ? 'verify applied it after that object'
              : 'it applied only when retried after the other objects',
          },
          where,
        ),
      );
    }
    for (const c of r.routines ?? []) {
      if (c.deepCheck === 'skipped' && c.language === 'plpgsql' && !deep.available) skippedRoutines++;
      for (const issue of c.issues) out.push(deepFinding(c.name, issue, where));
    }
  }
  if (skippedRoutines && deep.reason)
    out.push(makeFinding('OPG-VERIFY-0005', { count: skippedRoutines, reason: deep.reason }, {}));
  for (const d of structure.diffs) {
    const where = { ...(d.object ? { object: d.object } : {}), ...(d.source ? { location: d.source } : {}) };
    if (d.status === 'missing' && !d.reason)
      out.push(makeFinding('OPG-VERIFY-0006', { kind: d.kind, name: d.name }, where));
    else if (d.status === 'different')
      out.push(
        makeFinding(
          'OPG-VERIFY-0007',
          {
            kind: d.kind,
            name: d.name,
            attribute: d.attribute ?? 'definition',
            expected: d.expected ?? '?',
            actual: d.actual ?? '?',
          },
          where,
        ),
      );
    else if (d.status === 'extra')
      out.push(makeFinding('OPG-VERIFY-0008', { kind: d.kind, name: d.name }, where));
  }
  return out;
}

function deepFinding(
  routine: string,
  issue: DeepCheckIssue,
  where: { object: string; location?: Finding['location'] },
): Finding {
  const args = { routine, error: issue.message, emitted: at(issue.emitted) };
  return issue.level === 'error'
    ? makeFinding('OPG-VERIFY-0003', { ...args, sqlstate: issue.sqlstate ?? '' }, where)
    : makeFinding('OPG-VERIFY-0004', { ...args, level: issue.level }, where);
}
