import type { DiagLogger } from '@opentelemetry/api';

type Write = (message: string) => void;

/**
 * The SDK's own warnings and errors (above all: spans that cannot reach the collector) as log lines,
 * at most one per `intervalMs` with a count of those held back, so a collector outage is visible in
 * the logs without flooding them.
 */
export function rateLimitedDiagLogger(write: Write, intervalMs = 60000, now: () => number = Date.now): DiagLogger {
  let last = -Infinity;
  let held = 0;
  const report = (message: string, ...args: unknown[]) => {
    const at = now();
    if (at - last < intervalMs) {
      held += 1;
      return;
    }
    const detail = args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    write(`${readable(message)}${detail ? ` ${detail}` : ''}${held ? ` (${held} similar messages held back)` : ''}`);
    last = at;
    held = 0;
  };
  const ignore = () => undefined;
  return { error: report, warn: report, info: ignore, debug: ignore, verbose: ignore };
}

/** The SDK reports some errors as serialised JSON with a stack; the first line says what happened. */
function readable(message: string): string {
  if (!message.startsWith('{')) return message;
  try {
    const parsed = JSON.parse(message) as { message?: string; stack?: string };
    return parsed.message ?? parsed.stack?.split('\n')[0] ?? message;
  } catch {
    return message;
  }
}
