/**
 * INDEX BY PLS_INTEGER tables used sparsely. They are PostgreSQL arrays (a gap is a NULL element,
 * PlContext.sparse); for an array filled densely (BULK COLLECT, c(i) := … in FOR i IN 1 .. n,
 * c(c.COUNT + 1) := …) COUNT is the array's length, which keeps NULL values that exist in Oracle.
 * A collection the unit makes sparse — an element DELETE(i [, j]), or an element assigned by a key
 * such as `cache(r.emp_id) := r` or a negative literal — gets COUNT = the elements holding a
 * value, as Oracle counts the elements that exist (the gaps between keys are not elements).
 *
 * The analysis reads the unit's statements (and its nested subprograms'): names of variables
 * (unqualified) whose elements are deleted or assigned (also by SELECT / FETCH … INTO) by a key
 * that is not one of
 *   - a positive integer literal,
 *   - the index of an enclosing numeric FOR loop,
 *   - c.COUNT + n / c.LAST + n of the same collection;
 * and those given a qualified expression whose index choices leave gaps (t(600 => x, -5 => y)).
 */
import type { Expr } from '../../ast/expr.js';
import type { Block, PlStatement } from '../../ast/plsql.js';
import type { PackageInfo } from './packages.js';
import { keyedWithGaps } from './qualified.js';

/**
 * The collection variables `b` (and its nested blocks) use sparsely; `methods` gets 'EXTEND c' and
 * 'DELETE c' for those it EXTENDs and deletes elements of.
 */
export function sparseUses(b: Block, methods?: Set<string>): Set<string> {
  const out = new Set<string>();
  const loops: string[] = [];
  const dense = (name: string, i: Expr): boolean => {
    if (i.kind === 'literal' && i.type === 'number') return /^\d+$/.test(i.value) && Number(i.value) >= 1;
    if (i.kind === 'column' && i.parts.length === 1) return loops.includes(i.parts[0]);
    if (i.kind === 'paren') return dense(name, i.expr);
    if (i.kind === 'binary' && i.op === '+') {
      const base = i.left.kind === 'column' && i.left.parts.length === 2 && i.left.parts[0] === name && ['COUNT', 'LAST'].includes(i.left.parts[1]);
      return base && i.right.kind === 'literal' && i.right.type === 'number';
    }
    return false;
  };
  /** The collection and key an assignment target writes (c(i), c(i).f, c(i)(j) …). */
  const element = (t: Expr): { name: string; key: Expr } | undefined => {
    while (t.kind === 'field') t = t.operand;
    if (t.kind === 'call' && t.name.length === 1 && t.args.length === 1 && !t.args[0].name) return { name: t.name[0], key: t.args[0].value };
    return undefined;
  };
  const statements = (list: PlStatement[] | undefined): void => list?.forEach(statement);
  const statement = (s: PlStatement): void => {
    switch (s.kind) {
      case 'assign': {
        const e = element(s.target);
        if (e && !dense(e.name, e.key)) out.add(e.name);
        // c := t(600 => x, -5 => y): a qualified expression leaving gaps (qualified.ts).
        if (s.target.kind === 'column' && s.target.parts.length === 1 && keyedWithGaps(s.value)) out.add(s.target.parts[0]);
        return;
      }
      case 'call': {
        const c = s.call;
        if (c.kind === 'call' && c.name.length === 2 && c.name[1] === 'DELETE' && c.args.length) out.add(c.name[0]);
        // c.EXTEND [(n [, i])] and c.DELETE(i [, j]), recorded in `methods` when asked for.
        if (c.kind === 'call' && c.name.length === 2 && c.name[1] === 'EXTEND') methods?.add(`EXTEND ${c.name[0]}`);
        if (c.kind === 'column' && c.parts.length === 2 && c.parts[1] === 'EXTEND') methods?.add(`EXTEND ${c.parts[0]}`);
        if (c.kind === 'call' && c.name.length === 2 && c.name[1] === 'DELETE' && c.args.length) methods?.add(`DELETE ${c.name[0]}`);
        return;
      }
      case 'sql': {
        // SELECT … INTO c(k): an element stored by key, as c(k) := ….
        const q = s.statement.kind === 'select' ? s.statement.query : undefined;
        if (q?.kind === 'select' && q.into && !q.into.bulk) for (const t of q.into.targets) statement({ kind: 'assign', target: t, value: t });
        return;
      }
      case 'fetch':
        if (!s.bulk) for (const t of s.into) statement({ kind: 'assign', target: t, value: t });
        return;
      case 'for-range':
        loops.push(s.index);
        statements(s.body);
        loops.pop();
        return;
      case 'if':
        for (const br of s.branches) statements(br.body);
        statements(s.else);
        return;
      case 'case':
        for (const w of s.whens) statements(w.body);
        statements(s.else);
        return;
      case 'loop':
      case 'while':
      case 'for-cursor':
      case 'for-query':
        statements(s.body);
        return;
      case 'block':
        block(s.block);
        return;
      case 'forall':
        statement(s.statement);
        return;
      default:
        return;
    }
  };
  const block = (x: Block): void => {
    // Nested subprograms may fill the enclosing unit's collections.
    for (const d of x.declarations) if (d.kind === 'subprogram' && d.unit.block) block(d.unit.block);
    for (const d of x.declarations) if (d.kind === 'variable' && d.default && keyedWithGaps(d.default)) out.add(d.name);
    statements(x.body);
    for (const h of x.handlers) statements(h.body);
  };
  block(b);
  return out;
}

const packageUses = new WeakMap<PackageInfo, Set<string>>();

/**
 * The package's variables some routine of its body (or its initialization section) makes sparse:
 * COUNT and element reads of them in every routine of the package follow Oracle's sparse rules.
 */
export function packageSparseUses(info: PackageInfo): Set<string> {
  const known = packageUses.get(info);
  if (known) return known;
  const out = new Set<string>();
  const blocks: Block[] = [];
  for (const d of info.body?.declarations ?? []) if (d.kind === 'subprogram' && d.unit.block) blocks.push(d.unit.block);
  if (info.body?.init) blocks.push(info.body.init);
  for (const b of blocks) for (const name of sparseUses(b)) if (info.variables.has(name)) out.add(name);
  packageUses.set(info, out);
  return out;
}
