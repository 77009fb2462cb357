import type { SimulatedFrame } from '@fleettwin/simulator';

export interface TransportStats {
  /** Frames handed to the wire (bad frames included). */
  sent: number;
  /** Frames the receiver confirmed: MQTT PUBACKs, or the `accepted` count of HTTP 202s. */
  acknowledged: number;
  /** Deliberately bad frames the receiver refused, as it should. */
  rejected: number;
  /** Frames lost to a transport error or an unexpected refusal. */
  errors: number;
}

/** Where frames go. `send` never blocks; callers throttle on `backlog`. */
export interface Transport {
  readonly name: 'mqtt' | 'http';
  connect(): Promise<void>;
  send(frame: SimulatedFrame): void;
  /** Frames sent but not yet acknowledged or failed. */
  backlog(): number;
  stats(): TransportStats;
  /** The most recent transport error, for progress lines. */
  error(): string | null;
  /** Waits until the backlog drains or `timeoutMs` passes. */
  drain(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export function emptyStats(): TransportStats {
  return { sent: 0, acknowledged: 0, rejected: 0, errors: 0 };
}

/** Polls until `done()` or the deadline; transports share it for drain(). */
export async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}
