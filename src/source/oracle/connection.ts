/**
 * Connecting to Oracle with `oracledb` in thin mode (pure JavaScript: no Instant Client, no JDBC).
 *
 * The target is written `user@host:port/service`, `user@host:port:SID`, `user@tcps://host:port/service`,
 * `user@alias` (tnsnames.ora in --tns-admin) or `user@(DESCRIPTION=…)`. The password never comes from
 * the command line: ORAPG_ORACLE_PASSWORD or an interactive prompt. Driver errors are turned into
 * messages that say what to check (ORA-01017, ORA-12514, ORA-12541, timeouts …).
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** oracledb.OUT_FORMAT_OBJECT: rows as objects keyed by upper-case column names. */
export const OUT_FORMAT_OBJECT = 4002;

export const PASSWORD_ENV = 'ORAPG_ORACLE_PASSWORD';
export const WALLET_PASSWORD_ENV = 'ORAPG_ORACLE_WALLET_PASSWORD';

export interface ExecuteOptions {
  outFormat?: number;
  fetchArraySize?: number;
  maxRows?: number;
}

/** The part of an oracledb Connection the catalog reader uses. Tests pass a fake with the same shape. */
export interface OracleConnectionLike {
  execute(
    sql: string,
    binds?: Record<string, unknown> | unknown[],
    options?: ExecuteOptions,
  ): Promise<{ rows?: unknown[] }>;
  close(): Promise<void>;
}

/** The part of the oracledb module used to connect. */
export interface OracleDriverLike {
  getConnection(attrs: Record<string, unknown>): Promise<OracleConnectionLike & { callTimeout?: number }>;
  DB_TYPE_CLOB?: unknown;
  DB_TYPE_NCLOB?: unknown;
  STRING?: unknown;
  thin?: boolean;
}

export interface OracleTarget {
  user: string;
  host?: string;
  port?: number;
  service?: string;
  sid?: string;
  protocol?: 'tcp' | 'tcps';
  /** What goes to the driver: Easy Connect text, a descriptor, or a tnsnames.ora alias. */
  connectString: string;
  /** `user@host:port/service` for messages (never a password). */
  display: string;
}

export class OracleTargetError extends Error {}

/** Parses `--oracle` text. A password in it (`user/password@…`) is refused, not used. */
export function parseOracleTarget(spec: string): OracleTarget {
  const at = spec.indexOf('@');
  if (at <= 0) throw new OracleTargetError('--oracle expects user@host:port/service or user@host:port:SID');
  const userPart = spec.slice(0, at);
  const rest = spec.slice(at + 1).trim();
  if (userPart.includes('/'))
    throw new OracleTargetError(
      `--oracle must not contain a password (user/password@…): set ${PASSWORD_ENV} or answer the prompt`,
    );
  const user = userPart.trim();
  if (!rest) throw new OracleTargetError('--oracle: nothing after @ (expected host:port/service)');
  if (rest.startsWith('(')) return { user, connectString: rest, display: `${user}@(descriptor)` };

  let protocol: 'tcp' | 'tcps' | undefined;
  let addr = rest;
  const proto = /^(tcps?):\/\//i.exec(addr);
  if (proto) {
    protocol = proto[1].toLowerCase() as 'tcp' | 'tcps';
    addr = addr.slice(proto[0].length);
  }
  // [IPv6]:port/service, host:port/service, host/service, host:port:SID
  const m = /^(\[[^\]]+\]|[^:/\s]+)(?::(\d+))?(?:\/([^\s:/]+)|:([A-Za-z][\w$#]*))?$/.exec(addr);
  if (!m)
    throw new OracleTargetError(
      `--oracle: cannot read "${rest}" (expected host:port/service or host:port:SID)`,
    );
  const [, host, portText, service, sid] = m;
  if (!service && !sid && !portText && !protocol) {
    // A bare word is a tnsnames.ora alias (found through --tns-admin / TNS_ADMIN).
    return { user, connectString: host, display: `${user}@${host}` };
  }
  if (!service && !sid) throw new OracleTargetError(`--oracle: "${rest}" names no service or SID`);
  const port = portText ? Number(portText) : protocol === 'tcps' ? 2484 : 1521;
  if (sid) {
    const bare = host.replace(/^\[|\]$/g, '');
    const connectString = `(DESCRIPTION=(ADDRESS=(PROTOCOL=${(protocol ?? 'tcp').toUpperCase()})(HOST=${bare})(PORT=${port}))(CONNECT_DATA=(SID=${sid})))`;
    return {
      user,
      host: bare,
      port,
      sid,
      protocol: protocol ?? 'tcp',
      connectString,
      display: `${user}@${host}:${port}:${sid}`,
    };
  }
  const connectString = `${protocol === 'tcps' ? 'tcps://' : ''}${host}:${port}/${service}`;
  return {
    user,
    host: host.replace(/^\[|\]$/g, ''),
    port,
    service,
    protocol: protocol ?? 'tcp',
    connectString,
    display: `${user}@${connectString}`,
  };
}

export interface ConnectOptions {
  password: string;
  /** Directory of tnsnames.ora / sqlnet.ora (TNS_ADMIN). */
  configDir?: string;
  /** Directory of ewallet.pem for TLS (mTLS wallets included). */
  walletLocation?: string;
  walletPassword?: string;
  sslServerDNMatch?: boolean;
  sslServerCertDN?: string;
  /** Seconds to wait for the listener (oracledb connectTimeout). */
  connectTimeout?: number;
  /** Milliseconds a single round trip may take (oracledb callTimeout). */
  callTimeout?: number;
}

/** Loads oracledb (thin mode is its default; nothing native is loaded). */
export async function loadDriver(): Promise<OracleDriverLike> {
  const specifier = 'oracledb'; // untyped package: loaded by name, used through OracleDriverLike
  const mod = (await import(specifier)) as { default?: OracleDriverLike } & OracleDriverLike;
  return mod.default ?? mod;
}

/**
 * Opens a connection. CLOB and NCLOB columns are fetched as strings (DBMS_METADATA text). Errors are
 * rethrown as OracleConnectError with a message that names what to check.
 */
export async function connectOracle(
  target: OracleTarget,
  options: ConnectOptions,
  driver?: OracleDriverLike,
): Promise<OracleConnectionLike> {
  const d = driver ?? (await loadDriver());
  const attrs: Record<string, unknown> = {
    user: target.user,
    password: options.password,
    connectString: target.connectString,
  };
  if (options.configDir) attrs.configDir = options.configDir;
  if (options.walletLocation) attrs.walletLocation = options.walletLocation;
  if (options.walletPassword) attrs.walletPassword = options.walletPassword;
  if (options.sslServerDNMatch !== undefined) attrs.sslServerDNMatch = options.sslServerDNMatch;
  if (options.sslServerCertDN) attrs.sslServerCertDN = options.sslServerCertDN;
  if (options.connectTimeout !== undefined) attrs.connectTimeout = options.connectTimeout;
  let conn: OracleConnectionLike & { callTimeout?: number };
  try {
    conn = await d.getConnection(attrs);
  } catch (err) {
    throw explainOracleError(err, target, [options.password, options.walletPassword]);
  }
  if (options.callTimeout !== undefined) conn.callTimeout = options.callTimeout;
  const lobTypes: unknown[] = [d.DB_TYPE_CLOB, d.DB_TYPE_NCLOB].filter((t) => t !== undefined);
  const fetchTypeHandler = (meta: { dbType?: unknown }) =>
    lobTypes.includes(meta.dbType) && d.STRING !== undefined ? { type: d.STRING } : undefined;
  return {
    execute: async (sql, binds, opts) => {
      try {
        return await conn.execute(sql, binds ?? {}, { ...opts, fetchTypeHandler } as ExecuteOptions);
      } catch (err) {
        throw explainOracleError(err, target, [options.password, options.walletPassword]);
      }
    },
    close: () => conn.close(),
  };
}

export type OracleErrorKind =
  | 'auth'
  | 'locked'
  | 'expired'
  | 'service'
  | 'sid'
  | 'listener'
  | 'host'
  | 'timeout'
  | 'version'
  | 'privilege'
  | 'missing-object'
  | 'tls'
  | 'other';

/** An Oracle or driver error with a message that says what to check. */
export class OracleConnectError extends Error {
  constructor(
    message: string,
    readonly kind: OracleErrorKind,
    /** ORA-nnnnn / NJS-nnn / Node error code of the underlying error. */
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'OracleConnectError';
  }
}

/** Oracle error number of an error as oracledb raises it (errorNum, or ORA-nnnnn in code/message). */
export function oracleErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; errorNum?: unknown; message?: unknown };
  if (typeof e?.code === 'string' && /^(ORA|NJS|DPI|TNS)-\d+$/.test(e.code)) return e.code;
  if (typeof e?.errorNum === 'number' && e.errorNum > 0) return `ORA-${String(e.errorNum).padStart(5, '0')}`;
  const m = /\b(ORA|NJS|DPI|TNS)-(\d+)/.exec(String(e?.message ?? ''));
  if (m) return `${m[1]}-${m[2]}`;
  return typeof e?.code === 'string' ? e.code : undefined;
}

/** Removes secrets from a text (defence in depth: driver messages should not contain them). */
export function redact(text: string, secrets: (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 3) out = out.split(s).join('***');
  return out;
}

/** Maps an oracledb error to an OracleConnectError; already-explained errors pass through. */
export function explainOracleError(
  err: unknown,
  target: OracleTarget,
  secrets: (string | undefined)[] = [],
): OracleConnectError {
  if (err instanceof OracleConnectError) return err;
  const code = oracleErrorCode(err);
  const raw = redact(String((err as Error)?.message ?? err).split('\n')[0], secrets);
  const where = target.host ? `${target.host}:${target.port}` : target.connectString;
  const what = target.service
    ? `service "${target.service}"`
    : target.sid
      ? `SID "${target.sid}"`
      : 'the service';
  const num = code && /^ORA-/.test(code) ? Number(code.slice(4)) : undefined;
  const msg = (kind: OracleErrorKind, text: string) =>
    new OracleConnectError(`${text}\n  (${raw})`, kind, code);
  if (num === 1017)
    return msg(
      'auth',
      `ORA-01017: Oracle refused user ${target.user}: wrong user name or password. Check ${PASSWORD_ENV}.`,
    );
  if (num === 28000)
    return msg('locked', `ORA-28000: account ${target.user} is locked; ask the DBA to unlock it.`);
  if (num === 28001)
    return msg('expired', `ORA-28001: the password of ${target.user} has expired; change it first.`);
  if (num === 1045)
    return msg(
      'privilege',
      `ORA-01045: ${target.user} lacks CREATE SESSION; run GRANT CREATE SESSION TO ${target.user}.`,
    );
  if (num === 12514 || code === 'NJS-518')
    return msg(
      'service',
      `ORA-12514: the listener at ${where} does not know ${what}. Check the service name (lsnrctl services, or SELECT value FROM v$parameter WHERE name = 'service_names').`,
    );
  if (num === 12505 || code === 'NJS-519')
    return msg(
      'sid',
      `ORA-12505: the listener at ${where} does not know ${what}. Check the SID, or use host:port/service.`,
    );
  const cause = String((err as { message?: unknown })?.message ?? '');
  const nodeCode = (err as { code?: unknown })?.code;
  if (num === 12541 || code === 'NJS-511' || /ECONNREFUSED/.test(cause) || nodeCode === 'ECONNREFUSED')
    return msg(
      'listener',
      `ORA-12541: no listener at ${where} (connection refused). Check the host and port (1521 by default), that the listener runs (lsnrctl status) and that no firewall blocks the port.`,
    );
  if (code === 'NJS-530' || /ENOTFOUND|EAI_AGAIN/.test(cause) || nodeCode === 'ENOTFOUND')
    return msg(
      'host',
      `The host name in ${target.display} cannot be resolved. Check it, or use an IP address.`,
    );
  if (
    num === 12170 ||
    code === 'NJS-510' ||
    code === 'NJS-123' ||
    code === 'DPI-1067' ||
    /ETIMEDOUT|timed out|timeout/i.test(cause) ||
    nodeCode === 'ETIMEDOUT'
  )
    return msg(
      'timeout',
      `Timed out talking to ${where}. The host may be unreachable (firewall, VPN) or the query slow; raise --connect-timeout / --call-timeout.`,
    );
  if (code === 'NJS-503')
    return msg(
      'listener',
      `No connection to ${where}: the listener is unreachable. Check host, port and network.`,
    );
  if (code === 'NJS-138')
    return msg(
      'version',
      'This Oracle Database is older than 12.1, which oracledb thin mode cannot talk to. Take the snapshot from a newer database or export DDL scripts instead.',
    );
  if (code === 'NJS-505' || code === 'NJS-506' || code === 'NJS-507' || code === 'NJS-508')
    return msg('tls', `TLS connection to ${where} failed. Check --wallet-dir and the server certificate.`);
  if (num === 942 || num === 4043)
    return msg('missing-object', `${code}: a catalog view is not visible to ${target.user}.`);
  if (num === 1031) return msg('privilege', `ORA-01031: ${target.user} lacks a privilege this step needs.`);
  return msg('other', `${code ?? 'error'}: ${raw}`);
}

/** True for "does not exist / not allowed" errors: a privileged catalog view the user cannot read. */
export function isMissingPrivilege(err: unknown): boolean {
  const code = err instanceof OracleConnectError ? err.code : oracleErrorCode(err);
  return code === 'ORA-00942' || code === 'ORA-01031' || code === 'ORA-04043' || code === 'ORA-31603';
}

export interface PasswordSources {
  env?: NodeJS.ProcessEnv;
  input?: Readable & { isTTY?: boolean };
  output?: Writable;
}

/** ORAPG_ORACLE_PASSWORD, else a prompt with echo off when stdin is a terminal. */
export async function resolvePassword(target: OracleTarget, src: PasswordSources = {}): Promise<string> {
  const env = src.env ?? process.env;
  const fromEnv = env[PASSWORD_ENV];
  if (fromEnv) return fromEnv;
  const input = src.input ?? process.stdin;
  const output = src.output ?? process.stderr;
  if (!(input as { isTTY?: boolean }).isTTY)
    throw new OracleTargetError(
      `no password for ${target.display}: set ${PASSWORD_ENV} (stdin is not a terminal)`,
    );
  return promptHidden(`Password for ${target.display}: `, input, output);
}

function promptHidden(question: string, input: Readable, output: Writable): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input, output, terminal: true });
    const r = rl as unknown as { _writeToOutput: (s: string) => void };
    let asked = false;
    r._writeToOutput = (s: string) => {
      if (!asked) {
        output.write(s);
        asked = true;
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      output.write('\n');
      resolve(answer);
    });
  });
}
