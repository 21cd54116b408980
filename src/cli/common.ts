/** Shared helpers of the CLI commands. */
import { InvalidArgumentError } from 'commander';
import type { Finding, Severity } from '../findings/types.js';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** What a command module gets: the output streams and a way to set the exit code. */
export interface CliContext {
  io: CliIo;
  setExitCode: (code: number) => void;
}

export function keyValue(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected KEY=VALUE, got "${value}"`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

/**
 * --ccflags in PLSQL_CCFLAGS syntax: `name:value[,name:value…]`; TRUE/FALSE are booleans, integers
 * numbers, NULL is no value (the flag stays undefined), anything else a string.
 */
export function ccflags(
  value: string,
  previous: Record<string, string | number | boolean> = {},
): Record<string, string | number | boolean> {
  const out = { ...previous };
  for (const part of value.split(',')) {
    const colon = part.indexOf(':');
    if (colon <= 0) throw new InvalidArgumentError(`expected name:value, got "${part.trim()}"`);
    const name = part.slice(0, colon).trim();
    const raw = part.slice(colon + 1).trim();
    if (!/^[A-Za-z][\w$#]*$/.test(name)) throw new InvalidArgumentError(`not a flag name: "${name}"`);
    const up = raw.toUpperCase();
    if (up === 'NULL') delete out[name];
    else out[name] = up === 'TRUE' ? true : up === 'FALSE' ? false : /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  return out;
}

/** --oracle-version: the Oracle release the code ran on (for $IF DBMS_DB_VERSION…), e.g. 19, 12.1. */
export function oracleVersion(value: string): string {
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(value)) throw new InvalidArgumentError('expected a version such as 19 or 12.1');
  return value;
}

export function severity(value: string): Severity {
  if (value !== 'info' && value !== 'warning' && value !== 'error')
    throw new InvalidArgumentError('expected info, warning or error');
  return value;
}

/** Compiler-style line: file:line:col: severity ID message. */
export function formatFinding(f: Finding): string {
  const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}: ` : '';
  return `${where}${f.severity} ${f.id} ${f.message}`;
}

export function reachesSeverity(findings: Finding[], failOn: Severity | undefined): boolean {
  return !!failOn && findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
}
