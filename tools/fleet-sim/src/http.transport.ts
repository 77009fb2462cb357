import { toTelemetryFrame, type SimulatedFrame } from '@fleettwin/simulator';
import type { TelemetryFrame } from '@fleettwin/contracts';
import { mintDeviceToken, signingKey, type DeviceKey } from '@fleettwin/device-auth';
import { emptyStats, waitUntil, type Transport, type TransportStats } from './transport';

export interface HttpTransportOptions {
  /** Base URL of ingest; frames go to `{url}/v1/telemetry`. */
  url: string;
  batchSize: number;
  concurrency: number;
  /** Longest a frame waits for its batch to fill. */
  lingerMs: number;
  /** With ingest's device-token keys (DEVICE_AUTH=required), each request holds one engine's frames and carries its token. */
  deviceKeys?: DeviceKey[];
}

interface PendingBody {
  body: string;
  frames: number;
  /** A bad frame is expected to be refused; a refusal then counts as rejected, not as an error. */
  expectRefusal: boolean;
  authorization?: string;
}

/**
 * Batches frames into `POST /v1/telemetry {"frames": [...]}`. A deliberately bad frame goes alone
 * in its own request so that its refusal does not take good frames down with it.
 */
export class HttpTransport implements Transport {
  readonly name = 'http';
  private readonly counts: TransportStats = emptyStats();
  private batch: TelemetryFrame[] = [];
  /** Per-engine batches when device tokens are in use: a token speaks for one asset only. */
  private readonly deviceBatches = new Map<string, TelemetryFrame[]>();
  private readonly queue: PendingBody[] = [];
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastError: string | null = null;
  private readonly endpoint: string;

  constructor(private readonly options: HttpTransportOptions) {
    this.endpoint = `${options.url.replace(/\/+$/, '')}/v1/telemetry`;
  }

  async connect(): Promise<void> {
    this.timer = setInterval(() => this.flushBatch(), this.options.lingerMs);
  }

  send(frame: SimulatedFrame): void {
    this.counts.sent++;
    if (frame.bad) {
      this.enqueue({ body: frame.bad.body, frames: 1, expectRefusal: true });
      return;
    }
    const telemetry = toTelemetryFrame(frame);
    if (this.options.deviceKeys) {
      const own = this.deviceBatches.get(telemetry.assetId) ?? [];
      own.push(telemetry);
      this.deviceBatches.set(telemetry.assetId, own);
      if (own.length >= this.options.batchSize) this.flushDevice(telemetry.assetId);
      return;
    }
    this.batch.push(telemetry);
    if (this.batch.length >= this.options.batchSize) this.flushBatch();
  }

  backlog(): number {
    return this.counts.sent - this.counts.acknowledged - this.counts.rejected - this.counts.errors;
  }

  stats(): TransportStats {
    return { ...this.counts };
  }

  error(): string | null {
    return this.lastError;
  }

  async drain(timeoutMs: number): Promise<void> {
    this.flushBatch();
    await waitUntil(() => this.backlog() <= 0, timeoutMs);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private flushBatch(): void {
    for (const assetId of [...this.deviceBatches.keys()]) this.flushDevice(assetId);
    if (this.batch.length === 0) return;
    const frames = this.batch;
    this.batch = [];
    this.enqueue({ body: JSON.stringify({ frames }), frames: frames.length, expectRefusal: false });
  }

  private flushDevice(assetId: string): void {
    const frames = this.deviceBatches.get(assetId);
    this.deviceBatches.delete(assetId);
    const first = frames?.[0];
    if (!frames || !first || !this.options.deviceKeys) return;
    const authorization = `Bearer ${mintDeviceToken(signingKey(this.options.deviceKeys), first.tenant, assetId)}`;
    this.enqueue({ body: JSON.stringify({ frames }), frames: frames.length, expectRefusal: false, authorization });
  }

  private enqueue(pending: PendingBody): void {
    this.queue.push(pending);
    this.startNext();
  }

  private startNext(): void {
    while (this.inFlight < this.options.concurrency && this.queue.length > 0) {
      const pending = this.queue.shift() as PendingBody;
      this.inFlight++;
      void this.post(pending).finally(() => {
        this.inFlight--;
        this.startNext();
      });
    }
  }

  private async post(pending: PendingBody): Promise<void> {
    try {
      const response = await fetch(this.endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...(pending.authorization ? { authorization: pending.authorization } : {}) }, body: pending.body });
      const answer = await response.text();
      this.settle(pending, response.status, answer);
    } catch (error) {
      this.counts.errors += pending.frames;
      this.lastError = error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error);
    }
  }

  private settle(pending: PendingBody, status: number, answer: string): void {
    if (status >= 200 && status < 300) {
      const accepted = acceptedCount(answer, pending.frames);
      this.counts.acknowledged += accepted;
      // Frames the server did not count were not taken; say so rather than leave them in the backlog.
      if (accepted < pending.frames) {
        this.counts.errors += pending.frames - accepted;
        this.lastError = `HTTP ${status}: accepted ${accepted} of ${pending.frames}`;
      }
      return;
    }
    if (pending.expectRefusal && status >= 400 && status < 500) {
      this.counts.rejected += pending.frames;
      return;
    }
    this.counts.errors += pending.frames;
    this.lastError = `HTTP ${status}: ${answer.slice(0, 200)}`;
  }
}

/** The server's `{"accepted": n}` (duplicates count as accepted). */
function acceptedCount(answer: string, sent: number): number {
  try {
    const parsed: unknown = JSON.parse(answer);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { accepted?: unknown }).accepted === 'number') {
      return Math.min(sent, (parsed as { accepted: number }).accepted);
    }
  } catch {
    // A 2xx without the expected body still means the server took the batch.
  }
  return sent;
}
