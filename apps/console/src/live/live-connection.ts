import type { LiveUpdate } from '../api/types';
import { SseParser } from './sse-parser';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

export interface LiveCallbacks {
  onUpdate(update: LiveUpdate): void;
  onState(state: LiveState): void;
  /** The stream came back after a break: updates in between were missed, so views re-read over REST. */
  onResync(): void;
  onUnauthorized(): void;
}

const MAX_BACKOFF_MS = 15_000;

/**
 * Reads `GET /v1/stream` with `fetch`, because EventSource cannot send the Authorization header.
 * Reconnects with a capped backoff until `signal` aborts.
 */
export async function runLiveConnection(authorization: string, callbacks: LiveCallbacks, signal: AbortSignal): Promise<void> {
  let attempt = 0;
  while (!signal.aborted) {
    callbacks.onState(attempt === 0 ? 'connecting' : 'reconnecting');
    try {
      const res = await fetch('/v1/stream', { headers: { authorization, accept: 'text/event-stream' }, signal, cache: 'no-store' });
      if (res.status === 401) return callbacks.onUnauthorized();
      if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
      callbacks.onState('live');
      if (attempt > 0) callbacks.onResync();
      attempt = 1;
      await pump(res.body, callbacks.onUpdate);
    } catch {
      if (signal.aborted) return;
    }
    attempt += 1;
    await delay(Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(attempt, 5)), signal);
  }
}

async function pump(body: ReadableStream<Uint8Array>, onUpdate: (update: LiveUpdate) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    for (const event of parser.push(decoder.decode(value, { stream: true }))) {
      try {
        onUpdate(JSON.parse(event.data) as LiveUpdate);
      } catch {
        // a frame that is not JSON is not an update; the stream goes on
      }
    }
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}
