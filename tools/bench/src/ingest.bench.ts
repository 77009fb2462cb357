import { join } from 'node:path';
import { SENSOR_NAMES } from '@fleettwin/simulator';
import { readTopic } from '@fleettwin/testing';
import { FrameSource, postFrames, sleep, type Frame } from './frames';
import { KAFKA_BROKERS, MQTT_URL, type BenchEnvironment, type BenchRun } from './infra';
import { CpuMeter, cpuSeconds, type CpuShare } from './proc';
import { runBounded } from './services';

export interface ProducerPerfResult {
  records: number;
  recordSize: number;
  recordsPerSecond: number;
  mbPerSecond: number;
  avgLatencyMs: number;
  p99LatencyMs: number | undefined;
  seconds: number;
}

/** Kafka's own producer perf tool at the given record size against the same broker (acks=all, idempotent). */
export async function kafkaProducerPerf(run: BenchRun, topic: string, recordSize: number, numRecords: number, timeoutMs: number): Promise<ProducerPerfResult> {
  const result = await runBounded(
    'bash',
    ['tools/kafka/kafka.sh', 'run', 'org.apache.kafka.tools.ProducerPerformance', '--topic', topic, '--num-records', String(numRecords), '--record-size', String(recordSize), '--throughput', '-1',
      '--producer-props', `bootstrap.servers=${KAFKA_BROKERS}`, 'acks=all', 'enable.idempotence=true'],
    { cwd: run.workspace, timeoutMs },
  );
  // e.g. "300000 records sent, 95000.1 records/sec (70.12 MB/sec), 350.2 ms avg latency, 900.0 ms max latency, 320 ms 50th, 850 ms 95th, 890 ms 99th, 899 ms 99.9th."
  const summary = result.stdout.split('\n').filter((l) => /records sent/.test(l) && /50th/.test(l)).pop();
  const m = summary?.match(/(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency.*?(\d+) ms 99th/);
  if (!m) throw new Error(`ProducerPerformance gave no summary (exit ${result.code}${result.timedOut ? ', timed out' : ''}): ${(result.stderr || result.stdout).slice(-1500)}`);
  return { records: Number(m[1]), recordSize, recordsPerSecond: Number(m[2]), mbPerSecond: Number(m[3]), avgLatencyMs: Number(m[4]), p99LatencyMs: m[5] ? Number(m[5]) : undefined, seconds: result.seconds };
}

/** The mean value size of telemetry records as ingest writes them (read back from the topic). */
export async function typicalRecordSize(topic: string): Promise<number> {
  const messages = await readTopic(KAFKA_BROKERS, topic, 200, 30000);
  const sizes = messages.slice(0, 500).map((m) => m.value?.length ?? 0);
  return Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length);
}

export interface ThroughputResult {
  frames: number;
  seconds: number;
  framesPerSecond: number;
  readingsPerSecond: number;
  duplicates: number;
  requests?: number;
  note?: string;
}

/** `clients` concurrent HTTP clients, each owning its own assets (so seq order per asset holds), posting `batchSize`-frame batches. */
export async function httpIngest(ingestUrl: string, options: { clients: number; batchSize: number; assets: number; maxFrames: number; maxSeconds: number; prefix: string }): Promise<ThroughputResult> {
  const source = new FrameSource(options.prefix, options.assets, Date.now());
  const started = process.hrtime.bigint();
  const deadline = Date.now() + options.maxSeconds * 1000;
  let sentFrames = 0;
  let accepted = 0;
  let duplicates = 0;
  let requests = 0;
  let lastDone = started;
  const client = async (c: number): Promise<void> => {
    let cursor = c;
    while (Date.now() < deadline && sentFrames < options.maxFrames) {
      const n = Math.min(options.batchSize, options.maxFrames - sentFrames);
      sentFrames += n;
      const ts = new Date().toISOString();
      const frames: Frame[] = [];
      for (let i = 0; i < n; i++) {
        frames.push(source.next(cursor, ts));
        cursor += options.clients;
        if (cursor >= options.assets) cursor = c;
      }
      const answer = await postFrames(ingestUrl, frames);
      accepted += answer.accepted;
      duplicates += answer.duplicates;
      requests++;
      lastDone = process.hrtime.bigint();
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, c) => client(c)));
  const seconds = Number(lastDone - started) / 1e9;
  const produced = accepted - duplicates;
  return { frames: produced, seconds, framesPerSecond: produced / seconds, readingsPerSecond: (produced * SENSOR_NAMES.length) / seconds, duplicates, requests };
}

/**
 * The simulator (`fleet-sim stream --max-rate`) publishes over MQTT QoS 1 for `seconds`; ingest's
 * rate is what reaches the telemetry topic, counted from its end offsets sampled every 250 ms.
 */
export async function mqttIngest(run: BenchRun, environment: BenchEnvironment, options: { engines: number; seconds: number }, pids: Record<string, number>): Promise<ThroughputResult & { simulatorSummary: string; simulatorSent: number; cpu: CpuShare }> {
  const topic = environment.telemetryTopic;
  let simPid: number | undefined;
  let simCpu = 0;
  const meter = new CpuMeter({ ...CpuMeter.standardSources(pids), 'fleet-sim (load generator)': () => (simPid ? (simCpu = Math.max(simCpu, cpuSeconds(simPid))) : simCpu) });
  const base = await run.recordCount(topic);
  const samples: { t: number; count: number }[] = [];
  let simulatorDone = false;
  const sampler = (async () => {
    let stableSince = 0;
    let last = base;
    const hardStop = Date.now() + (options.seconds + 90) * 1000;
    while (Date.now() < hardStop) {
      const count = await run.recordCount(topic);
      if (simPid) simCpu = Math.max(simCpu, cpuSeconds(simPid));
      const t = Date.now();
      samples.push({ t, count });
      if (count !== last) {
        last = count;
        stableSince = t;
      } else if (simulatorDone && (stableSince === 0 || t - stableSince > 3000)) {
        break;
      }
      await sleep(250);
    }
  })();
  const sim = await runBounded(
    process.execPath,
    ['-r', '@swc-node/register', 'tools/fleet-sim/src/main.ts', 'stream', '--engines', String(options.engines), '--tenants', '4', '--max-rate', '--duration', String(options.seconds),
      '--transport', 'mqtt', '--mqtt-url', MQTT_URL, '--topic-root', environment.mqttRoot, '--progress-interval', '5', '--seed', '7'],
    { cwd: run.workspace, env: { SWC_NODE_PROJECT: join(run.workspace, 'tsconfig.base.json') }, timeoutMs: (options.seconds + 60) * 1000, onSpawn: (pid) => (simPid = pid) },
  );
  simulatorDone = true;
  await sampler;
  const cpu = meter.stop();
  const summary = sim.stdout.split('\n').filter((l) => l.includes('"summary"')).pop() ?? `simulator exit ${sim.code}: ${sim.stderr.slice(-500)}`;
  const growing = samples.filter((s, i) => i > 0 && s.count > (samples[i - 1]?.count ?? 0));
  const first = samples.find((s) => s.count > base);
  const lastGrowth = growing[growing.length - 1];
  const startSample = first ? samples[Math.max(0, samples.indexOf(first) - 1)] : undefined;
  const frames = (lastGrowth?.count ?? base) - base;
  const seconds = startSample && lastGrowth ? (lastGrowth.t - startSample.t) / 1000 : 0;
  const readingsPerFrame = SENSOR_NAMES.length; // the simulator sends every sensor in every frame
  return {
    frames,
    seconds,
    framesPerSecond: seconds ? frames / seconds : 0,
    readingsPerSecond: seconds ? (frames * readingsPerFrame) / seconds : 0,
    duplicates: 0,
    simulatorSummary: summary,
    simulatorSent: Number(summary.match(/"acknowledged":(\d+)/)?.[1] ?? 0),
    cpu,
  };
}
