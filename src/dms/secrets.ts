/**
 * Secrets: resolved only when a call needs them, never written to a document, and masked in
 * every line orapg prints (a Redactor wraps the CLI's output streams).
 */
import type { PasswordSource } from './config.js';

export const MASK = '********';

/** Replaces every registered secret in text. */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    if (secret && secret.length >= 3) this.secrets.add(secret);
    // A password in a URL may appear percent-encoded.
    if (secret && encodeURIComponent(secret) !== secret && secret.length >= 3)
      this.secrets.add(encodeURIComponent(secret));
  }

  /** Registers the password of a connection URL (postgres://user:password@host/db). */
  addUrl(url: string | undefined): void {
    if (!url) return;
    try {
      const u = new URL(url);
      if (u.password) this.add(decodeURIComponent(u.password));
    } catch {
      // not a URL: nothing to register
    }
  }

  mask(text: string): string {
    let out = text;
    // Longest first, so a secret containing another is masked whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(MASK);
    return out;
  }

  wrap<T extends { out: (s: string) => void; err: (s: string) => void }>(io: T): T {
    return { ...io, out: (s: string) => io.out(this.mask(s)), err: (s: string) => io.err(this.mask(s)) };
  }
}

/** How a password is given, for plans and logs (never the value). */
export function describePasswordSource(p: PasswordSource, env: NodeJS.ProcessEnv = process.env): string {
  if ('env' in p) return `from environment variable ${p.env} (${env[p.env] ? 'set' : 'NOT SET'})`;
  return `from Secrets Manager ${p.secretsManagerArn} (read by DMS through ${p.accessRoleArn})`;
}

/**
 * The password to send to DMS: the environment variable's value, or undefined when DMS reads the
 * secret itself. Registers the value with the redactor before returning it.
 */
export function resolvePassword(
  p: PasswordSource,
  redactor: Redactor,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (!('env' in p)) return undefined;
  const v = env[p.env];
  if (!v) throw new Error(`environment variable ${p.env} is not set (endpoint password)`);
  redactor.add(v);
  return v;
}
