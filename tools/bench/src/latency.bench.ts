import mqtt, { type MqttClient } from 'mqtt';
import type { Pool } from 'pg';
import { FrameSource, sleep } from './frames';
import { MQTT_URL } from './infra';
import { PgActivitySampler, type ActivityShare } from './pg-activity';
import { foldedFrames, waitForFolded } from './projection.bench';
import { CpuMeter, type CpuShare } from './proc';
import { percentile } from './stats';

/** The latest frame the load generator published: what a probe waits for. */
interface Sent {
  assetId: string;
  seq: number;
  at: number;
}

/** Open-loop MQTT QoS 1 publisher: `rate` frames/s spread round-robin over its assets, like gateways would. */
export class MqttLoad {
  private client: MqttClient | undefined;
  private readonly source: FrameSource;
  private cursor = 0;
  acked = 0;
  sent = 0;
  latest: Sent | undefined;

  constructor(private readonly root: string, readonly assets: number, prefix: string) {
    this.source = new FrameSource(prefix, assets, Date.now(), 11);
  }

  async connect(): Promise<void> {
    this.client = await mqtt.connectAsync(MQTT_URL, { clientId: `fleettwin-bench-${process.pid}-${Date.now()}`, clean: true, reconnectPeriod: 1000 });
  }

  async close(): Promise<void> {
    await this.client?.endAsync();
  }

  /** Publishes for `seconds` (bounded); pauses while more than `maxBacklog` are unacknowledged. */
  async run(rate: number, seconds: number, maxBacklog = 20000): Promise<{ sent: number; seconds: number; rate: number; paused: number }> {
    const client = this.client;
    if (!client) throw new Error('not connected');
    const started = Date.now();
    const end = started + seconds * 1000;
    let sentHere = 0;
    let paused = 0;
    while (Date.now() < end) {
      const due = Math.floor((rate * (Date.now() - started)) / 1000) - sentHere;
      const burst = Math.min(due, Math.ceil(rate / 20));
      for (let i = 0; i < burst; i++) {
        if (this.sent - this.acked > maxBacklog) {
          paused++;
          break;
        }
        const index = this.cursor;
        this.cursor = (this.cursor + 1) % this.assets;
        const now = Date.now();
        const frame = this.source.next(index, new Date(now).toISOString());
        client.publish(`${this.root}/${frame.tenant}/${frame.assetId}/telemetry`, JSON.stringify({ ts: frame.ts, seq: frame.seq, readings: frame.readings }), { qos: 1 }, (error) => {
          if (!error) this.acked++;
        });
        this.sent++;
        sentHere++;
        this.latest = { assetId: frame.assetId, seq: frame.seq, at: now };
      }
      await sleep(10);
    }
    const took = (Date.now() - started) / 1000;
    return { sent: sentHere, seconds: took, rate: sentHere / took, paused };
  }
}

export interface SustainedResult {
  offeredRate: number;
  publishedRate: number;
  foldedRate: number;
  seconds: number;
  sent: number;
  cpu: CpuShare;
  activity: ActivityShare[];
  transactionsPerSecond: number;
}

export interface LadderStep {
  offered: number;
  published: number;
  reachedKafka: number;
  folded: number;
  drainedSeconds: number | undefined;
  sustained: boolean;
}

/**
 * The end-to-end rate this machine sustains: offers rising rates (a ladder of fractions of
 * `maxRate`) for `stepSeconds` each. A step is sustained when ≥ 98 % of what was published reached
 * Kafka, twin-state folded ≥ 90 % of it during the step and the rest within 5 s. Stops at the first
 * step that is not sustained; returns every step and the detail (CPU, PostgreSQL activity) of the
 * highest one offered.
 */
export async function sustainedLadder(load: MqttLoad, pool: Pool, database: string, pids: Record<string, number>, maxRate: number, stepSeconds: number, recordCount: () => Promise<number>): Promise<{ steps: LadderStep[]; sustainedRate: number; saturation: SustainedResult }> {
  const steps: LadderStep[] = [];
  let saturation: SustainedResult | undefined;
  let sustainedRate = 0;
  for (const fraction of [0.1, 0.2, 0.35, 0.5, 0.7, 1]) {
    const rate = maxRate * fraction;
    const recordsBefore = await recordCount();
    const step = await sustained(load, pool, database, pids, rate, stepSeconds);
    const reached = (await recordCount()) - recordsBefore;
    const stopped = Date.now();
    const drained = await waitForFolded(pool, recordsBefore + reached, 5000, 100);
    const drainedSeconds = drained.reachedAt ? (drained.reachedAt - stopped) / 1000 : undefined;
    const ok = reached >= 0.98 * step.sent && step.foldedRate >= 0.9 * step.publishedRate && drainedSeconds !== undefined;
    steps.push({ offered: rate, published: step.publishedRate, reachedKafka: reached, folded: step.foldedRate, drainedSeconds, sustained: ok });
    saturation = step;
    if (!ok) {
      await waitForFolded(pool, await recordCount(), 60_000, 250); // let the backlog clear before going on
      break;
    }
    sustainedRate = step.publishedRate;
  }
  if (!saturation) throw new Error('no ladder step ran');
  return { steps, sustainedRate, saturation };
}

/** Offers `rate` over MQTT for `seconds` and measures how many frames/s twin-state folded meanwhile. */
export async function sustained(load: MqttLoad, pool: Pool, database: string, pids: Record<string, number>, rate: number, seconds: number): Promise<SustainedResult> {
  const before = await foldedFrames(pool);
  const commitsBefore = await commits(pool, database);
  const meter = CpuMeter.forPids(pids);
  const activity = new PgActivitySampler(pool, database);
  activity.start(seconds + 5);
  const started = Date.now();
  const published = await load.run(rate, seconds);
  const foldedAtEnd = await foldedFrames(pool);
  const cpu = meter.stop();
  const took = (Date.now() - started) / 1000;
  const shares = await activity.stop();
  return {
    offeredRate: rate,
    publishedRate: published.rate,
    foldedRate: (foldedAtEnd - before) / took,
    seconds: took,
    sent: published.sent,
    cpu,
    activity: shares,
    transactionsPerSecond: ((await commits(pool, database)) - commitsBefore) / took,
  };
}

async function commits(pool: Pool, database: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = $1', [database]);
  return Number(rows[0]?.n ?? 0);
}

export interface LatencyResult {
  targetRate: number;
  publishedRate: number;
  seconds: number;
  probes: number;
  timeouts: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  cpu: CpuShare;
  activity: ActivityShare[];
  transactionsPerSecond: number;
}

/**
 * Publishes at `rate` for `seconds`; `probesPerSecond` times a second takes the frame just
 * published and polls `GET /v1/twins/{assetId}` until `lastSeq >= seq` (every `pollMs`, then every
 * 5 % of the time waited). The latency is publish → first poll that sees it. At most `maxInFlight`
 * probes are in flight.
 */
export async function latency(load: MqttLoad, twinStateUrl: string, pool: Pool, database: string, pids: Record<string, number>, options: { rate: number; seconds: number; probesPerSecond: number; pollMs: number; probeTimeoutMs: number; warmupSeconds: number; maxInFlight: number }): Promise<LatencyResult> {
  const samples: number[] = [];
  let timeouts = 0;
  let inFlight = 0;
  const probes: Promise<void>[] = [];
  let running = true;
  const probe = async (target: Sent): Promise<void> => {
    inFlight++;
    try {
      const deadline = target.at + options.probeTimeoutMs;
      while (Date.now() < deadline) {
        const res = await fetch(`${twinStateUrl}/v1/twins/${encodeURIComponent(target.assetId)}`).catch(() => undefined);
        if (res?.status === 200) {
          const twin = (await res.json()) as { lastSeq?: number };
          if ((twin.lastSeq ?? -1) >= target.seq) {
            samples.push(Date.now() - target.at);
            return;
          }
        } else if (res) {
          await res.arrayBuffer();
        }
        // 10 ms at first, then 5 % of the time waited so far (≤ 100 ms): the resolution stays within
        // ~5 % while a slow probe does not hammer the service it measures
        await sleep(Math.min(100, Math.max(options.pollMs, 0.05 * (Date.now() - target.at))));
      }
      timeouts++;
      samples.push(options.probeTimeoutMs); // counted at the time-out: a lower bound, never dropped
    } finally {
      inFlight--;
    }
  };
  const scheduler = (async () => {
    await sleep(options.warmupSeconds * 1000);
    while (running) {
      const target = load.latest;
      if (target && inFlight < options.maxInFlight) probes.push(probe(target));
      await sleep(1000 / options.probesPerSecond);
    }
  })();
  const meter = CpuMeter.forPids(pids);
  const commitsBefore = await commits(pool, database);
  const activity = new PgActivitySampler(pool, database);
  activity.start(options.seconds + 5);
  const published = await load.run(options.rate, options.seconds);
  const cpu = meter.stop();
  const shares = await activity.stop();
  const transactionsPerSecond = ((await commits(pool, database)) - commitsBefore) / published.seconds;
  running = false;
  await scheduler;
  await Promise.all(probes);
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    targetRate: options.rate,
    publishedRate: published.rate,
    seconds: published.seconds,
    probes: samples.length,
    timeouts,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    cpu,
    activity: shares,
    transactionsPerSecond,
  };
}
