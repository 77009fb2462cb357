/**
 * What a consumer does when its handler throws on a batch: retry the batch a bounded number of
 * times with backoff; if it still fails with an error that is not an outage (database or broker
 * unreachable), re-run the batch one message at a time, so the message that makes the handler throw
 * is found, dead-lettered with the error, and the rest of the partition keeps moving. An outage is
 * never a reason to dead-letter: it is rethrown and the consumer retries from the committed offset.
 * Pure control flow: the handler, the dead-lettering, the sleep and the heartbeat are passed in.
 */
export interface RetryPolicy {
  /** Tries per batch, and per message while isolating (≥ 1). */
  attempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 3, initialBackoffMs: 200, maxBackoffMs: 2000 };

export interface IsolationSteps<M> {
  handle(messages: M[]): Promise<void>;
  deadLetter(message: M, reason: string): Promise<void>;
  sleep(ms: number): Promise<void>;
  /** Called between tries, so a long isolation does not cost the consumer its group membership. */
  heartbeat(): Promise<void>;
}

export interface IsolationOutcome<M> {
  /** Handler calls made, the first one included. */
  calls: number;
  deadLettered: { message: M; reason: string }[];
}

export function backoffMs(policy: RetryPolicy, retry: number): number {
  return Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** retry);
}

export async function handleWithIsolation<M>(messages: M[], steps: IsolationSteps<M>, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Promise<IsolationOutcome<M>> {
  const outcome: IsolationOutcome<M> = { calls: 0, deadLettered: [] };
  const whole = await tryWithRetries(messages, steps, policy, outcome);
  if (whole === undefined) return outcome;
  if (isOutage(whole)) throw whole;
  for (const message of messages) {
    const error = await tryWithRetries([message], steps, policy, outcome);
    if (error === undefined) continue;
    if (isOutage(error)) throw error;
    const reason = `handler failed ${policy.attempts} times: ${describeError(error)}`;
    await steps.deadLetter(message, reason);
    outcome.deadLettered.push({ message, reason });
  }
  return outcome;
}

/** Resolves to the last error, or undefined once a try succeeds. */
async function tryWithRetries<M>(messages: M[], steps: IsolationSteps<M>, policy: RetryPolicy, outcome: IsolationOutcome<M>): Promise<unknown> {
  let last: unknown;
  for (let attempt = 0; attempt < Math.max(1, policy.attempts); attempt++) {
    if (attempt > 0) {
      await steps.sleep(backoffMs(policy, attempt - 1));
      await steps.heartbeat();
    }
    outcome.calls += 1;
    try {
      await steps.handle(messages);
      return undefined;
    } catch (error) {
      last = error;
      if (isOutage(error)) return error;
    }
  }
  return last;
}

// PostgreSQL SQLSTATEs of an unavailable or busy server, not of a bad statement or bad data.
const PG_OUTAGE_CODES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
const OUTAGE_MESSAGES = /connection terminated|terminating connection|timeout exceeded when trying to connect|connection error|server closed the connection|the database system is (starting up|shutting down)|no kafka acknowledgement|broker/i;

/** An error of the infrastructure (retry the same input later), as opposed to one the input causes. */
export function isOutage(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const { code, retriable } = e as Error & { code?: unknown; retriable?: unknown };
    if (typeof code === 'string' && (code.startsWith('08') || PG_OUTAGE_CODES.has(code) || SOCKET_CODES.has(code))) return true;
    if (retriable === true || e.name.startsWith('KafkaJS')) return true;
    if (OUTAGE_MESSAGES.test(e.message)) return true;
  }
  return false;
}

export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 500);
}
