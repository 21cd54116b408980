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
