/**
 * PL/SQL conditional compilation ($IF … $THEN … $ELSIF … $ELSE … $END, $ERROR, $$inquiry).
 *
 * The parser keeps every branch (ast/plsql.ts `conditional` nodes in statement and declaration
 * lists) and the inquiry directives ($$PLSQL_UNIT …, `pseudo` nodes named `$$NAME`). Here, before
 * the unit is registered or converted, each $IF is evaluated for the target Oracle version
 * (ConvertOptions.oracleVersion, default 19.0) and the user flags (ConvertOptions.ccflags) and
 * replaced by the items of the branch Oracle would compile; inquiry directives become literals.
 * A condition that cannot be evaluated (an undefined $$flag, a package constant) is NULL, as an
 * undefined flag is in Oracle: its branch is skipped, with a warning naming it.
 */
import type { PlsqlUnit } from '../../ast/ddl.js';
import type { Expr } from '../../ast/expr.js';
import { makeFinding } from '../../findings/make.js';
import type { Finding } from '../../findings/types.js';

export interface ConditionalOptions {
  /** Oracle version the code ran on: "19", "19.0", "12.2" … (default 19.0). */
  oracleVersion?: string;
  /** PLSQL_CCFLAGS values: flag name (any case) → value (TRUE/FALSE/number/text). */
  ccflags?: Record<string, string | number | boolean>;
}

export const DEFAULT_ORACLE_VERSION = '19.0';

type Value = boolean | number | string | null;
/** A value, or `undefined` when it cannot be known at conversion time (with the reason noted). */
type Eval = { value: Value; unknown?: string };

const done = new WeakMap<PlsqlUnit, Finding[]>();

/** Parses "19", "19.0", "12.2.0.1" into version and release. */
function parseVersion(v: string | undefined): { version: number; release: number } {
  const m = /^\s*(\d+)(?:\.(\d+))?/.exec(v ?? DEFAULT_ORACLE_VERSION) ?? /^(\d+)\.(\d+)/.exec(DEFAULT_ORACLE_VERSION)!;
  return { version: Number(m[1]), release: Number(m[2] ?? 0) };
}

/** Values of the predefined inquiry directives. */
function predefined(name: string, unit: PlsqlUnit): Value | undefined {
  switch (name) {
    case 'PLSQL_UNIT':
      return unit.unitKind === 'BLOCK' ? null : unit.name.name;
    case 'PLSQL_UNIT_OWNER':
      return unit.unitKind === 'BLOCK' ? null : (unit.name.schema ?? null);
    case 'PLSQL_UNIT_TYPE':
      return unit.unitKind === 'BLOCK' ? 'ANONYMOUS BLOCK' : unit.unitKind;
    case 'PLSQL_OPTIMIZE_LEVEL':
      return 2;
    case 'PLSQL_CODE_TYPE':
      return 'INTERPRETED';
    case 'PLSQL_DEBUG':
      return false;
    case 'NLS_LENGTH_SEMANTICS':
      return 'BYTE';
    case 'PLSCOPE_SETTINGS':
      return 'IDENTIFIERS:NONE';
    case 'PLSQL_WARNINGS':
      return 'DISABLE:ALL';
    case 'PERMIT_92_WRAP_FORMAT':
      return true;
    default:
      return undefined;
  }
}

class Resolver {
  readonly findings: Finding[] = [];
  private readonly ver: { version: number; release: number };
  private readonly flags = new Map<string, Value>();
  private readonly object: string;

  constructor(
    private readonly unit: PlsqlUnit,
    private readonly opts: ConditionalOptions,
  ) {
    this.ver = parseVersion(opts.oracleVersion);
    for (const [k, v] of Object.entries(opts.ccflags ?? {})) this.flags.set(k.toUpperCase(), flagValue(v));
    this.object = `${unit.unitKind} ${unit.name.schema ? `${unit.name.schema}.` : ''}${unit.name.name}`;
  }

  private report(id: string, args: Record<string, string | number>): void {
    this.findings.push(makeFinding(id, args, { object: this.object, location: this.unit.loc }));
  }

  private get versionText(): string {
    return `${this.ver.version}.${this.ver.release}`;
  }

  /** The value of an inquiry directive $$NAME. */
  inquiry(name: string): Eval {
    if (this.flags.has(name)) return { value: this.flags.get(name)! };
    const v = predefined(name, this.unit);
    if (v !== undefined) return { value: v };
    return { value: null, unknown: `$$${name}` };
  }

  evaluate(e: Expr): Eval {
    switch (e.kind) {
      case 'literal':
        if (e.type === 'number') return { value: Number(e.value) };
        if (e.type === 'string') return { value: e.value };
        if (e.type === 'boolean') return { value: e.value.toUpperCase() === 'TRUE' };
        return { value: null };
      case 'pseudo':
        return e.name.startsWith('$$') ? this.inquiry(e.name.slice(2)) : { value: null, unknown: e.name };
      case 'column':
        return this.name(e.parts);
      case 'paren':
        return this.evaluate(e.expr);
      case 'unary': {
        const x = this.evaluate(e.operand);
        if (e.op === 'NOT') return { ...x, value: typeof x.value === 'boolean' ? !x.value : null };
        if (e.op === '-') return { ...x, value: typeof x.value === 'number' ? -x.value : null };
        return x;
      }
      case 'is-null': {
        const x = this.evaluate(e.operand);
        return { ...x, value: (x.value === null) !== e.not };
      }
      case 'binary':
        return this.binary(e.op, this.evaluate(e.left), this.evaluate(e.right));
      default:
        return { value: null, unknown: 'an expression that is not static' };
    }
  }

  private name(parts: string[]): Eval {
    if (parts.length === 1 && (parts[0] === 'TRUE' || parts[0] === 'FALSE')) return { value: parts[0] === 'TRUE' };
    if (parts.length === 2 && parts[0] === 'DBMS_DB_VERSION') {
      const member = parts[1];
      if (member === 'VERSION') return { value: this.ver.version };
      if (member === 'RELEASE') return { value: this.ver.release };
      const m = /^VER_LE_(\d+)(?:_(\d+))?$/.exec(member);
      if (m) {
        const v = Number(m[1]);
        const r = m[2] === undefined ? undefined : Number(m[2]);
        const le = this.ver.version < v || (this.ver.version === v && (r === undefined || this.ver.release <= r));
        return { value: le };
      }
    }
    return { value: null, unknown: parts.join('.') };
  }

  private binary(op: string, l: Eval, r: Eval): Eval {
    const unknown = l.unknown ?? r.unknown;
    const out = (value: Value): Eval => (unknown ? { value, unknown } : { value });
    const a = l.value;
    const b = r.value;
    if (op === 'AND') {
      if (a === false || b === false) return out(false);
      return out(a === true && b === true ? true : null);
    }
    if (op === 'OR') {
      if (a === true || b === true) return out(true);
      return out(a === false && b === false ? false : null);
    }
    if (a === null || b === null) return out(null);
    switch (op) {
      case '=':
        return out(a === b);
      case '<>':
        return out(a !== b);
      case '<':
        return out(a < b);
      case '>':
        return out(a > b);
      case '<=':
        return out(a <= b);
      case '>=':
        return out(a >= b);
      case '||':
        return out(`${a}${b}`);
      case '+':
      case '-':
      case '*':
      case '/':
        if (typeof a !== 'number' || typeof b !== 'number') return out(null);
        return out(op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b);
      default:
        return out(null);
    }
  }

  /** The items of the branch Oracle compiles (each $IF evaluated in order). */
  select<T>(c: { branches: { cond: Expr; items: T[] }[]; else?: T[] }, line: number | undefined): T[] {
    const where = line !== undefined ? ` at line ${(this.unit.loc?.line ?? 1) + line - 1}` : '';
    for (let i = 0; i < c.branches.length; i++) {
      const r = this.evaluate(c.branches[i].cond);
      if (r.unknown) {
        this.report('OPG-PLSQL-0016', {
          detail: `$${i ? 'ELSIF' : 'IF'}${where} depends on ${r.unknown}, unknown at conversion time: taken as ${r.value === true ? 'TRUE' : r.value === false ? 'FALSE' : 'NULL (not selected)'}`,
        });
      }
      if (r.value === true) {
        this.report('OPG-PLSQL-0015', {
          detail: `conditional compilation${where}: branch ${i + 1} of ${c.branches.length + (c.else ? 1 : 0)} selected for Oracle ${this.versionText}`,
          version: this.versionText,
        });
        return c.branches[i].items;
      }
    }
    this.report('OPG-PLSQL-0015', {
      detail: `conditional compilation${where}: ${c.else ? '$ELSE branch' : 'no branch'} selected for Oracle ${this.versionText}`,
      version: this.versionText,
    });
    return c.else ?? [];
  }

  /** Rebuilds the AST with conditionals replaced by their selected items and directives by values. */
  resolve(x: unknown, line?: number): unknown {
    if (Array.isArray(x)) {
      const out: unknown[] = [];
      for (const item of x) {
        const o = item as { kind?: unknown; branches?: unknown; line?: number };
        if (o && typeof o === 'object' && o.kind === 'conditional' && Array.isArray(o.branches)) {
          const chosen = this.select(o as { branches: { cond: Expr; items: unknown[] }[]; else?: unknown[] }, o.line ?? line);
          out.push(...(this.resolve(chosen, o.line ?? line) as unknown[]));
        } else out.push(this.resolve(item, o?.line ?? line));
      }
      return out;
    }
    if (!x || typeof x !== 'object') return x;
    const o = x as Record<string, unknown>;
    if (o.kind === 'pseudo' && typeof o.name === 'string' && o.name.startsWith('$$')) return literalOf(this.inquiryInCode(o.name.slice(2), line));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = this.resolve(v, typeof o.line === 'number' ? o.line : line);
    return out;
  }

  /** An inquiry directive used as a value in code (not in a $IF condition). */
  private inquiryInCode(name: string, line: number | undefined): Value {
    const r = this.inquiry(name);
    if (r.unknown)
      this.report('OPG-PLSQL-0016', {
        detail: `${r.unknown}${line !== undefined ? ` at line ${(this.unit.loc?.line ?? 1) + line - 1}` : ''} is not a predefined inquiry directive and has no value in ccflags: replaced by NULL, as in Oracle when the flag is not set`,
      });
    return r.value;
  }
}

function flagValue(v: string | number | boolean): Value {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (/^true$/i.test(t)) return true;
  if (/^false$/i.test(t)) return false;
  if (/^null$/i.test(t)) return null;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return t.replace(/^'(.*)'$/, '$1');
}

function literalOf(v: Value): Expr {
  if (v === null) return { kind: 'literal', type: 'null', value: 'NULL' };
  if (typeof v === 'boolean') return { kind: 'literal', type: 'boolean', value: v ? 'TRUE' : 'FALSE' };
  if (typeof v === 'number') return { kind: 'literal', type: 'number', value: String(v) };
  return { kind: 'literal', type: 'string', value: v };
}

/**
 * Replaces the unit's conditional compilation by what Oracle compiles for the target version.
 * Idempotent: a unit is resolved once per conversion, later calls return the same findings.
 */
export function resolveConditionalCompilation(unit: PlsqlUnit, opts: ConditionalOptions): Finding[] {
  const seen = done.get(unit);
  if (seen) return seen;
  if (!unit.ast || !hasDirectives(unit.ast)) {
    done.set(unit, []);
    return [];
  }
  const r = new Resolver(unit, opts);
  unit.ast = r.resolve(unit.ast) as PlsqlUnit['ast'];
  done.set(unit, r.findings);
  return r.findings;
}

/** Findings of the resolution of a unit (empty when it had no conditional compilation). */
export function conditionalFindings(unit: PlsqlUnit): Finding[] {
  return done.get(unit) ?? [];
}

function hasDirectives(x: unknown): boolean {
  if (Array.isArray(x)) return x.some(hasDirectives);
  if (!x || typeof x !== 'object') return false;
  const o = x as Record<string, unknown>;
  if (o.kind === 'conditional' || (o.kind === 'pseudo' && typeof o.name === 'string' && o.name.startsWith('$$'))) return true;
  return Object.values(o).some(hasDirectives);
}
