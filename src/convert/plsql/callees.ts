/**
 * Calls of package routines that are not converted. A member that stays commented out (see its
 * findings) makes every converted routine that calls it fail at run time ("there is no plan for
 * query: CALL …" from plpgsql_check, "procedure … does not exist" on PostgreSQL): the caller gets
 * a finding naming the missing callee, so the work is found from both ends.
 */
import type { PgObject } from '../../ast/pg.js';
import { makeFinding } from '../../findings/make.js';
import type { ConvertContext } from '../context.js';
import type { PlContext } from './context.js';

/** Package members each unit calls, by the caller's object label: PKG.MEMBER keys. */
const calls = new WeakMap<ConvertContext, Map<string, Set<string>>>();

/** Records that the unit being converted calls member `member` of package `pkg`. */
export function noteCall(pc: PlContext, pkg: string, member: string): void {
  let m = calls.get(pc.cctx);
  if (!m) calls.set(pc.cctx, (m = new Map()));
  const set = m.get(pc.object) ?? new Set<string>();
  set.add(`${pkg}.${member}`);
  m.set(pc.object, set);
}

/** PKG.MEMBER of a package member's object label (PACKAGE BODY [SCHEMA.]PKG.MEMBER). */
function memberKey(label: string): string | undefined {
  const m = /^PACKAGE BODY (\S+)$/.exec(label);
  if (!m) return undefined;
  const parts = m[1].split('.');
  return parts.length >= 2 ? parts.slice(-2).join('.') : undefined;
}

/** Adds a finding to every converted object that calls a package member none of whose overloads was converted. */
export function reportMissingCallees(objects: PgObject[], ctx: ConvertContext): void {
  const m = calls.get(ctx);
  if (!m) return;
  const converted = new Set<string>();
  const commented = new Set<string>();
  for (const o of objects) {
    const key = memberKey(o.object);
    if (!key || (o.objectType !== 'FUNCTION' && o.objectType !== 'PROCEDURE')) continue;
    (o.nodes[0]?.kind === 'comment-block' ? commented : converted).add(key);
  }
  for (const o of objects) {
    if (o.nodes[0]?.kind === 'comment-block') continue;
    const called = m.get(o.object);
    if (!called) continue;
    for (const callee of [...called].sort())
      if (commented.has(callee) && !converted.has(callee) && memberKey(o.object) !== callee)
        o.findings.push(makeFinding('OPG-PLSQL-0034', { object: o.object, callee }, { object: o.object, ...(o.location ? { location: o.location } : {}) }));
  }
}
