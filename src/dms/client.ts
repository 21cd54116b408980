/**
 * The DMS client and the two waiting policies:
 *  - a call that fails on throttling, a 5xx or a network error is retried by p-retry with
 *    exponential backoff and jitter (the SDK's own retry is turned off, so there is one policy);
 *  - a resource in transition is polled by `pollUntil` with capped exponential backoff, jitter and
 *    an overall timeout, reporting each state it sees.
 */
import {
  type $Command,
  DatabaseMigrationServiceClient,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/client-database-migration-service';
import pRetry, { AbortError } from 'p-retry';

export interface RetryPolicy {
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
  factor: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 6, minTimeoutMs: 500, maxTimeoutMs: 20_000, factor: 2 };

export interface DmsClientOptions {
  region?: string;
  /** Endpoint override (a local fake, a VPC endpoint); otherwise the SDK resolves it from the region. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** Credentials and region come from the standard chain unless given. */
export function createDmsClient(o: DmsClientOptions = {}): DatabaseMigrationServiceClient {
  return new DatabaseMigrationServiceClient({
    ...(o.region ? { region: o.region } : {}),
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    ...(o.credentials ? { credentials: o.credentials } : {}),
    maxAttempts: 1,
  });
}

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);
const NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'TimeoutError',
]);

export interface AwsError extends Error {
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

export function isRetryable(e: unknown): boolean {
  const err = e as AwsError;
  if (!err || typeof err !== 'object') return false;
  if (THROTTLING.has(err.name)) return true;
  if (err.$retryable) return true;
  const status = err.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  return NETWORK.has(err.code ?? '') || NETWORK.has(err.name);
}

export function errorName(e: unknown): string {
  return (e as Error)?.name ?? 'Error';
}

type AnyCommand<I extends ServiceInputTypes, O extends ServiceOutputTypes> = $Command<I, O, any>;

/** A DMS client with orapg's retry policy; every call goes through `send`. */
export class Dms {
  /** Operation names in call order (for tests and --verbose). */
  readonly calls: string[] = [];

  constructor(
    readonly client: DatabaseMigrationServiceClient,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly onRetry?: (message: string) => void,
  ) {}

  async send<I extends ServiceInputTypes, O extends ServiceOutputTypes>(
    command: AnyCommand<I, O>,
  ): Promise<O> {
    const op = command.constructor.name.replace(/Command$/, '');
    return pRetry(
      async () => {
        this.calls.push(op);
        try {
          return (await this.client.send(command as never)) as O;
        } catch (e) {
          if (isRetryable(e)) throw e;
          throw new AbortError(e as Error);
        }
      },
      {
        retries: this.retry.retries,
        minTimeout: this.retry.minTimeoutMs,
        maxTimeout: this.retry.maxTimeoutMs,
        factor: this.retry.factor,
        randomize: true,
        onFailedAttempt: ({ error, attemptNumber, retriesLeft, retryDelay }) => {
          if (retriesLeft > 0)
            this.onRetry?.(
              `${op}: ${errorName(error)} (attempt ${attemptNumber}), retrying in ${Math.round(retryDelay)} ms`,
            );
        },
      },
    );
  }
}

/** Returns undefined when DMS answers ResourceNotFoundFault (describe with a filter that matches nothing). */
export async function orNotFound<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (e) {
    if (errorName(e) === 'ResourceNotFoundFault') return undefined;
    throw e;
  }
}

export interface PollOptions {
  /** First delay between polls. */
  minDelayMs: number;
  /** Cap of the exponential backoff. */
  maxDelayMs: number;
  timeoutMs: number;
  factor?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export const DEFAULT_POLL: PollOptions = { minDelayMs: 5_000, maxDelayMs: 60_000, timeoutMs: 60 * 60_000 };

export type PollVerdict = { done: true } | { done: false } | { failed: string };

export class WaitTimeoutError extends Error {
  override name = 'WaitTimeoutError';
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Polls `describe` until `check` says done (returns the last value) or failed (throws with its
 * reason), backing off from minDelayMs to maxDelayMs, and throws WaitTimeoutError after timeoutMs.
 */
export async function pollUntil<T>(
  what: string,
  describe: () => Promise<T>,
  check: (value: T) => PollVerdict,
  opts: PollOptions,
  onPoll?: (value: T, elapsedMs: number) => void,
): Promise<T> {
  const now = opts.now ?? Date.now;
  const wait = opts.sleep ?? sleep;
  const start = now();
  let delay = opts.minDelayMs;
  for (;;) {
    const value = await describe();
    const elapsed = now() - start;
    onPoll?.(value, elapsed);
    const v = check(value);
    if ('failed' in v) throw new Error(`${what}: ${v.failed}`);
    if (v.done) return value;
    if (elapsed + delay > opts.timeoutMs)
      throw new WaitTimeoutError(
        `${what}: not done after ${Math.round(elapsed / 1000)} s (timeout ${Math.round(opts.timeoutMs / 1000)} s)`,
      );
    // Jitter within [delay/2, delay] keeps many waiters from polling in step.
    await wait(Math.round(delay / 2 + (Math.random() * delay) / 2));
    delay = Math.min(opts.maxDelayMs, delay * (opts.factor ?? 1.5));
  }
}
