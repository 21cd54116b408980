/**
 * Passwords in connection URLs never leave verify: every message, error and result string goes
 * through `Masker.text` before it is printed or stored.
 */

const URL_USERINFO = /\b(postgres(?:ql)?:\/\/[^\s:/@]*:)[^\s@/]*@/gi;
const PASSWORD_PARAM = /([?&;\s]password=)[^&\s]*/gi;
const MASK = '***';

export class Masker {
  private readonly secrets: string[];

  constructor(url?: string) {
    const found = new Set<string>();
    for (const p of url ? passwordsOf(url) : []) {
      found.add(p);
      found.add(safeDecode(p));
      found.add(encodeURIComponent(safeDecode(p)));
    }
    if (process.env.PGPASSWORD) found.add(process.env.PGPASSWORD);
    // Very short secrets would mask unrelated text; the URL patterns still hide them in URLs.
    this.secrets = [...found].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
  }

  text(s: string): string {
    let out = s.replace(URL_USERINFO, `$1${MASK}@`).replace(PASSWORD_PARAM, `$1${MASK}`);
    for (const secret of this.secrets) out = out.split(secret).join(MASK);
    return out;
  }

  /** A copy of a JSON-like value with every string masked. */
  deep<T>(value: T): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.deep(v)) as T;
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.deep(v);
      return out as T;
    }
    return value;
  }

  /** An Error whose message is masked (the original is not kept as a cause: it may hold the URL). */
  error(e: unknown, prefix = ''): Error {
    const msg = e instanceof Error ? e.message : String(e);
    return new Error(this.text(prefix + msg));
  }
}

/** The URL with its password replaced by ***. */
export function maskUrl(url: string): string {
  return new Masker(url).text(url);
}

function passwordsOf(url: string): string[] {
  const out: string[] = [];
  const m = /^[a-z]+:\/\/([^/?#]*)@/i.exec(url);
  if (m) {
    const userinfo = m[1];
    const colon = userinfo.indexOf(':');
    if (colon >= 0) out.push(userinfo.slice(colon + 1));
  }
  for (const q of url.matchAll(/[?&]password=([^&#]*)/gi)) out.push(q[1]);
  return out.filter(Boolean);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
