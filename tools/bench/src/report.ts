import type { CopyResult, ProjectionResult } from './projection.bench';
import type { ProducerPerfResult, ThroughputResult } from './ingest.bench';
import type { LadderStep, LatencyResult, SustainedResult } from './latency.bench';
import type { MachineDescription } from './machine';
import type { ActivityShare } from './pg-activity';
import type { MemoryResult } from './memory.bench';
import type { AccuracyResult } from './accuracy.bench';
import type { PredictionResult } from './prediction.bench';
import type { PropagationResult } from './propagation.bench';
import type { CpuShare } from './proc';
import type { ProfileSummary } from './profile';
import type { RebuildResult } from './rebuild.bench';

export const INGEST_GOAL = 0.5;
export const LATENCY_P99_GOAL_MS = 500;
export const MEMORY_GOAL_BYTES = 500 * 1024 * 1024;

export interface Measured<T> {
  value?: T;
  /** Why it was not measured (absent command, time budget, failure). */
  missing?: string;
}

export interface BenchResults {
  runId: string;
  mode: 'full' | 'quick';
  startedAt: Date;
  seconds: number;
  loadAtEnd: string;
  machine: MachineDescription;
  recordSize: Measured<number>;
  producerPerf: Measured<ProducerPerfResult>;
  http: Measured<ThroughputResult & { cpu: CpuShare; clients: number; batchSize: number; assets: number }>;
  mqtt: Measured<ThroughputResult & { cpu: CpuShare; engines: number; simulatorSummary: string; simulatorSent: number; ingestPeakRssBytes: number }>;
  ingestProfile: Measured<ProfileSummary>;
  projection: Measured<Omit<ProjectionResult, 'twinState'> & { assets: number; preloadSeconds: number }>;
  copy: Measured<CopyResult>;
  rebuild: Measured<RebuildResult>;
  memory: Measured<MemoryResult>;
  sustained: Measured<SustainedResult & { cap: number; capReason: string; steps: LadderStep[] }>;
  sustainedProfiles: Measured<{ ingest?: ProfileSummary; twinState?: ProfileSummary }>;
  latency50: Measured<LatencyResult>;
  latency90: Measured<LatencyResult>;
  prediction: Measured<PredictionResult>;
  accuracy: Measured<AccuracyResult>;
  propagation: Measured<PropagationResult>;
  cleanup: string[];
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const one = (n: number): string => (Math.round(n * 10) / 10).toLocaleString('en-US');
const two = (n: number): string => (Math.round(n * 100) / 100).toFixed(2);
const ms = (n: number): string => (Number.isFinite(n) ? `${int(n)} ms` : 'n/a');
const mb = (bytes: number): string => `${one(bytes / 2 ** 20)} MB`;
const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
const pct = (a: number, b: number): string => (b > 0 ? `${Math.round((100 * a) / b)} %` : 'n/a');
const verdict = (ok: boolean | undefined): string => (ok === undefined ? '—' : ok ? 'met' : '**missed**');

function notMeasured(m: Measured<unknown>, what: string): string {
  return `${what}: not measured (${m.missing ?? 'no result'})`;
}

function cpuTable(cpu: CpuShare, cores: number): string[] {
  const rows = Object.entries(cpu.cores).filter(([, c]) => c > 0.005).sort((a, b) => b[1] - a[1]);
  const accounted = rows.reduce((s, [, c]) => s + c, 0);
  const other = Math.max(0, cpu.machineBusyCores - accounted);
  return [
    `| process | cores used (CPU-s per s, over ${one(cpu.seconds)} s) |`,
    '| --- | --- |',
    ...rows.map(([name, c]) => `| ${name} | ${c.toFixed(2)} |`),
    `| everything else on the machine | ${other.toFixed(2)} |`,
    `| **machine total** | **${cpu.machineBusyCores.toFixed(2)} of ${cores}** |`,
  ];
}

function profileTable(title: string, p: ProfileSummary): string[] {
  return [
    `${title} — sampled ${one(p.seconds)} s, ${Math.round(p.idlePercent)} % idle; self time of the busy samples (\`${p.file}\`):`,
    '',
    '| by package / source area | share | | by function | share |',
    '| --- | --- | --- | --- | --- |',
    ...Array.from({ length: Math.max(p.byArea.length, p.byFunction.length) }, (_, i) => {
      const a = p.byArea[i];
      const f = p.byFunction[i];
      return `| ${a ? `\`${a.name}\`` : ''} | ${a ? `${Math.round(a.percent)} %` : ''} | | ${f ? `\`${f.name.replace(/\|/g, '/')}\`` : ''} | ${f ? `${Math.round(f.percent)} %` : ''} |`;
    }),
  ];
}

function activityTable(activity: ActivityShare[], seconds: number): string[] {
  if (!activity.length) return ['PostgreSQL activity: no connection of this database was ever seen busy in the samples.'];
  return [
    `PostgreSQL connections of this database that were not idle (\`pg_stat_activity\` sampled every 50 ms over ${one(seconds)} s; average number of connections in each state):`,
    '',
    '| service | state | connections (average) |',
    '| --- | --- | --- |',
    ...activity.slice(0, 10).map((a) => `| ${a.who} | ${a.state} | ${a.connections.toFixed(2)} |`),
  ];
}

function busyIn(activity: ActivityShare[], who: string, state: RegExp): number {
  return activity.filter((a) => a.who === who && state.test(a.state)).reduce((sum, a) => sum + a.connections, 0);
}

/** Known hot spots and what would relieve them; only areas that show up in this run's profile are quoted. */
const REMEDIES: [RegExp, string][] = [
  [/^zod$/, 'zod validation of every frame: a compiled validator (e.g. a hand-written or ajv-compiled check of the frame shape) costs a fraction of zod\'s interpretive parse'],
  [/^kafkajs$/, 'kafkajs encoding/compression and request building in JavaScript: larger linger batches, compression off on loopback, or a librdkafka-based client moves this off the event loop'],
  [/JSON|body-parser|raw-body|express/, 'JSON parsing of request bodies and re-serialising each record: producing the validated bytes unchanged (or a binary encoding) halves the work'],
  [/garbage collector/, 'garbage collection: per-frame objects (parsed frame, CloudEvents headers, Buffers) churn the young generation; reusing header objects and fewer intermediate copies help'],
  [/^pg$|pg-protocol/, 'node-postgres round trips and parameter encoding: fewer, larger statements per batch (one multi-row upsert, COPY into a staging table) instead of several per batch'],
  [/^mqtt|mqtt-packet/, 'MQTT packet decoding in JavaScript: several ingest replicas on the shared subscription spread it over cores'],
  [/libs\/domain\/twin|libs\/event-store|apps\/twin-state/, 'the fold and event append in twin-state itself'],
];

function remediesFor(p: ProfileSummary | undefined): string[] {
  if (!p) return [];
  const lines: string[] = [];
  for (const area of p.byArea.slice(0, 6)) {
    const fix = REMEDIES.find(([re]) => re.test(area.name));
    if (fix && !lines.some((l) => l.includes(fix[1]))) lines.push(`- \`${area.name}\` (${Math.round(area.percent)} % of busy samples): ${fix[1]}.`);
  }
  return lines;
}

function machineSaturation(cpu: CpuShare | undefined, cores: number): string | undefined {
  if (!cpu) return undefined;
  const busy = cpu.machineBusyCores / cores;
  if (busy < 0.85) return undefined;
  return `The machine was CPU-bound in that window (${Math.round(busy * 100)} % of ${cores} cores busy): the service, the Kafka broker, PostgreSQL, Mosquitto and the bench's own load generator all share the same ${cores} cores, so the figure is a ceiling of this box, not of the service alone.`;
}

export function renderReport(r: BenchResults): string {
  const cores = r.machine.cores;
  const out: string[] = [];
  const perf = r.producerPerf.value;
  const http = r.http.value;
  const mqttR = r.mqtt.value;
  const proj = r.projection.value;
  const copy = r.copy.value;
  const mem = r.memory.value;
  const sus = r.sustained.value;
  const l50 = r.latency50.value;
  const l90 = r.latency90.value;
  const rb = r.rebuild.value;
  const pred = r.prediction.value;
  const acc = r.accuracy.value;
  const prop = r.propagation.value;

  out.push('# Benchmarks', '');
  out.push(`Generated by \`npm run bench\` (\`tools/bench\`) on ${r.startedAt.toISOString().replace(/\.\d+Z$/, 'Z')} — run \`${r.runId}\`, ${r.mode} mode, took ${one(r.seconds / 60)} min. Do not edit by hand: the next run rewrites this file. Every figure below was measured in that run, next to the limit it is compared to, measured in the same run on the same machine.`, '');

  out.push('## Machine', '', '| | |', '| --- | --- |');
  out.push(`| CPU | ${r.machine.cpuModel} |`, `| cores | ${cores} |`, `| memory | ${r.machine.memoryGiB} GiB |`, `| OS | ${r.machine.kernel} |`);
  out.push(`| Node.js | ${r.machine.node} |`, `| Kafka | ${r.machine.kafka} |`, `| PostgreSQL | ${r.machine.postgres} |`, `| MQTT broker | ${r.machine.mosquitto} |`);
  out.push(`| load average (1/5/15 min) at start / end | ${r.machine.loadAtStart} / ${r.loadAtEnd} |`, '');
  out.push('Everything runs on this one machine over loopback: the services under test, the broker, PostgreSQL, Mosquitto and the load generators. The machine is shared with other work; the CPU tables below show, per phase, how many cores each process used and how much went to "everything else".', '');

  out.push('## Summary', '', '| figure | measured | compared to (same run) | ratio | goal | verdict |', '| --- | --- | --- | --- | --- | --- |');
  if (http && perf) out.push(`| 1. ingest, HTTP batches | ${int(http.framesPerSecond)} frames/s (${int(http.readingsPerSecond)} readings/s) | Kafka ProducerPerformance ${int(perf.recordsPerSecond)} records/s at ${perf.recordSize} B | ${ratio(http.framesPerSecond, perf.recordsPerSecond)} | ≥ 0.50× | ${verdict(http.framesPerSecond >= INGEST_GOAL * perf.recordsPerSecond)} |`);
  else out.push(`| 1. ingest, HTTP batches | ${notMeasured(http ? r.producerPerf : r.http, 'ingest HTTP')} | | | ≥ 0.50× | — |`);
  if (mqttR && perf) out.push(`| 1. ingest, MQTT (simulator) | ${int(mqttR.framesPerSecond)} frames/s (${int(mqttR.readingsPerSecond)} readings/s) | same, ${int(perf.recordsPerSecond)} records/s | ${ratio(mqttR.framesPerSecond, perf.recordsPerSecond)} | ≥ 0.50× | ${verdict(mqttR.framesPerSecond >= INGEST_GOAL * perf.recordsPerSecond)} |`);
  else out.push(`| 1. ingest, MQTT (simulator) | ${notMeasured(mqttR ? r.producerPerf : r.mqtt, 'ingest MQTT')} | | | ≥ 0.50× | — |`);
  if (proj && copy) out.push(`| 2. projection (twin-state fold + persist) | ${int(proj.framesPerSecond)} frames/s${proj.finished ? '' : ' (did not finish in its time limit)'} | PostgreSQL \`COPY\` of as many rows: ${int(copy.rowsPerSecond)} rows/s | ${ratio(proj.framesPerSecond, copy.rowsPerSecond)} | none set | — |`);
  else out.push(`| 2. projection | ${notMeasured(proj ? r.copy : r.projection, 'projection')} | | | none set | — |`);
  if (rb?.measured) out.push(`| 3. rebuild | ${int(rb.output.eventsPerSecond)} events/s (${int(rb.output.events)} events, digests ${rb.output.identical ? 'identical' : '**differ**'}) | raw read of the event log: ${int(rb.output.readEventsPerSecond)} events/s | ${ratio(rb.output.eventsPerSecond, rb.output.readEventsPerSecond)} | none set | ${rb.output.identical ? '—' : '**digest mismatch**'} |`);
  else out.push(`| 3. rebuild | rebuild: not measured (${rb && !rb.measured ? rb.reason : r.rebuild.missing ?? 'no result'}) | | | none set | — |`);
  for (const [label, l] of [['50 %', l50], ['90 %', l90]] as const) {
    const miss = label === '50 %' ? r.latency50 : r.latency90;
    if (l) out.push(`| 4. end-to-end latency at ${label} load (${int(l.targetRate)} frames/s) | p50 ${ms(l.p50)}, p95 ${ms(l.p95)}, p99 ${ms(l.p99)} (${l.probes} probes${l.timeouts ? `, ${l.timeouts} timed out` : ''}) | goal p99 < ${LATENCY_P99_GOAL_MS} ms | ${ratio(l.p99, LATENCY_P99_GOAL_MS)} of the goal | ${label === '50 %' ? `p99 < ${LATENCY_P99_GOAL_MS} ms` : 'reported'} | ${label === '50 %' ? verdict(l.p99 < LATENCY_P99_GOAL_MS) : '—'} |`);
    else out.push(`| 4. end-to-end latency at ${label} load | ${notMeasured(miss, 'latency')} | | | ${label === '50 %' ? `p99 < ${LATENCY_P99_GOAL_MS} ms` : 'reported'} | — |`);
  }
  if (pred?.measured) out.push(`| 5. prediction | ${int(pred.assetsPerSecond)} assets scored/s | end-to-end sustained ${sus ? `${int(sus.cap)} frames/s` : 'rate not measured'} (rescoring on every frame) | ${sus ? ratio(pred.assetsPerSecond, sus.cap) : 'n/a'} | none set | — |`);
  else out.push(`| 5. prediction | prediction: not measured (${pred && !pred.measured ? pred.reason : r.prediction.missing ?? 'no result'}) | | | none set | — |`);
  if (acc?.measured) out.push(`| 5. RUL accuracy, NASA C-MAPSS FD001 test set (${acc.units} units) | RMSE ${two(acc.rmse)}, NASA score ${int(acc.nasaScore)}, 80 % interval coverage ${two(acc.coverage80)} | published RMSE: CNN 2016 18.45, LSTM 2017 16.14, deep CNN 2018 12.61, transformers ≈ 10.6–11.4 | ${ratio(acc.rmse, 12.61)} of the deep-CNN RMSE | RMSE ≤ 12.5, coverage 0.75–0.85 | ${verdict(acc.rmse <= 12.5 && acc.coverage80 >= 0.75 && acc.coverage80 <= 0.85)} |`);
  else out.push(`| 5. RUL accuracy, FD001 | not measured (${acc && !acc.measured ? acc.reason : r.accuracy.missing ?? 'no result'}) | | | RMSE ≤ 12.5 | — |`);
  if (prop?.measured) out.push(`| 5. propagation latency over a ${int(prop.assets)}-asset fleet | p50 ${ms(prop.p50Ms)}, max ${ms(prop.maxMs)} (${prop.confirmations} confirmations; ${prop.inspectionsOpened} inspections opened by the last) | goal (500-asset test): within 2 s | ${ratio(prop.maxMs, 2000)} of 2 s | within 2 s | ${verdict(prop.maxMs < 2000)} |`);
  else out.push(`| 5. propagation latency over a 5,000-asset fleet | not measured (${prop && !prop.measured ? prop.reason : r.propagation.missing ?? 'no result'}) | | | within 2 s | — |`);
  if (mem) out.push(`| 6. twin-state memory, ${int(mem.twins)} live twins | RSS ${mb(mem.rssAfterBytes)} (before: ${mb(mem.rssBeforeBytes)}; peak ${mb(mem.peakRssBytes)}) | goal < ${mb(MEMORY_GOAL_BYTES)} | ${ratio(mem.rssAfterBytes, MEMORY_GOAL_BYTES)} of the goal | < 500 MB | ${verdict(mem.rssAfterBytes < MEMORY_GOAL_BYTES && mem.finished)} |`);
  else out.push(`| 6. memory | ${notMeasured(r.memory, 'memory')} | | | < 500 MB | — |`);
  out.push('');

  // 1. Ingest
  out.push('## 1. Ingest throughput', '');
  out.push('**Limit:** Kafka\'s own producer perf tool (`org.apache.kafka.tools.ProducerPerformance`, `acks=all enable.idempotence=true`, `--throughput -1`) against the same broker, on a topic with the same partition count, with the record size set to the mean size of the telemetry records ingest wrote in this run' + (r.recordSize.value ? ` (**${r.recordSize.value} bytes**, 28 readings per frame).` : '.'), '');
  if (perf) out.push(`- Kafka ProducerPerformance: **${int(perf.recordsPerSecond)} records/s** (${one(perf.mbPerSecond)} MB/s), ${int(perf.records)} records, avg latency ${one(perf.avgLatencyMs)} ms${perf.p99LatencyMs !== undefined ? `, p99 ${int(perf.p99LatencyMs)} ms` : ''}.`);
  else out.push(`- ${notMeasured(r.producerPerf, 'Kafka ProducerPerformance')}`);
  if (http) out.push(`- HTTP: ${http.clients} concurrent clients, each owning 1/${http.clients} of ${int(http.assets)} assets, posting \`{"frames":[…]}\` batches of ${int(http.batchSize)} frames; a frame counts once ingest answered 202 (= every new frame acknowledged by Kafka). **${int(http.framesPerSecond)} frames/s, ${int(http.readingsPerSecond)} readings/s** (${int(http.frames)} frames in ${one(http.seconds)} s, ${http.requests ?? 0} requests, ${http.duplicates} duplicates) — ${pct(http.framesPerSecond, perf?.recordsPerSecond ?? 0)} of the tool's record rate.`);
  else out.push(`- ${notMeasured(r.http, 'HTTP ingest')}`);
  if (mqttR) out.push(`- MQTT: \`fleet-sim stream --max-rate\` with ${int(mqttR.engines)} engines, QoS 1, through Mosquitto to ingest's shared subscription; counted as records landing in the telemetry topic (end offsets sampled every 250 ms, from the first to the last growth). **${int(mqttR.framesPerSecond)} frames/s, ${int(mqttR.readingsPerSecond)} readings/s** (${int(mqttR.frames)} frames in ${one(mqttR.seconds)} s) — ${pct(mqttR.framesPerSecond, perf?.recordsPerSecond ?? 0)} of the tool's record rate. The simulator had ${int(mqttR.simulatorSent)} frames acknowledged (PUBACK) by Mosquitto${mqttR.simulatorSent > mqttR.frames ? `; the ${int(mqttR.simulatorSent - mqttR.frames)} that never reached Kafka were shed by Mosquitto when its outgoing queue for the slower ingest subscriber overflowed (\`max_queued_messages\`; Mosquitto logs "Outgoing messages are being dropped"). A QoS 1 PUBACK only means the broker took the message, so \`--max-rate\` load beyond ingest's rate is lost at the broker` : ''}. Simulator summary: \`${mqttR.simulatorSummary.slice(0, 400)}\`.`);
  else out.push(`- ${notMeasured(r.mqtt, 'MQTT ingest')}`);
  out.push('');
  if (http) out.push('CPU during the HTTP run:', '', ...cpuTable(http.cpu, cores), '');
  if (mqttR) {
    out.push('CPU during the MQTT run:', '', ...cpuTable(mqttR.cpu, cores), '');
    out.push(`ingest's peak resident memory (VmHWM) after the MQTT run: **${mb(mqttR.ingestPeakRssBytes)}**. ${mqttR.ingestPeakRssBytes > 512 * 2 ** 20 ? 'ingest takes MQTT messages as fast as Mosquitto delivers them and starts a publish for each without waiting (no back-pressure on the MQTT path), so under overload the backlog piles up in its memory; bounding the number of messages in flight (and letting Mosquitto queue or shed the rest) would cap it.' : ''}`, '');
  }
  const ingestMissed = perf && ((http && http.framesPerSecond < INGEST_GOAL * perf.recordsPerSecond) || (mqttR && mqttR.framesPerSecond < INGEST_GOAL * perf.recordsPerSecond));
  if (ingestMissed) {
    out.push('### Where the time goes (ingest missed its goal)', '');
    const saturated = machineSaturation(http?.cpu, cores);
    if (saturated) out.push(saturated, '');
    if (http) {
      const svc = http.cpu.cores['ingest'] ?? 0;
      out.push(`During the HTTP run ingest itself used ${svc.toFixed(2)} cores — a Node.js service does its JavaScript work on one event loop thread, so ≈ 1 core is its ceiling — while the Kafka broker used ${(http.cpu.cores['Kafka broker'] ?? 0).toFixed(2)}. Per frame, ingest parses JSON, validates with zod, checks the seq high-water mark, builds a CloudEvents-headed record and hands it to kafkajs, which encodes the batch in JavaScript; ProducerPerformance sends pre-built random bytes from a multi-threaded JVM client.`, '');
    }
    if (r.ingestProfile.value) out.push(...profileTable('CPU profile of ingest under the same HTTP load (a separate, profiled pass)', r.ingestProfile.value), '');
    else if (r.ingestProfile.missing) out.push(`CPU profile: not taken (${r.ingestProfile.missing}).`, '');
    const fixes = remediesFor(r.ingestProfile.value);
    out.push('**What would fix it:**', '', ...fixes, '- Horizontal: ingest is stateless apart from the seq high-water mark (kept in PostgreSQL); several replicas behind the HTTP load balancer and on the MQTT shared subscription scale with cores — on this 2-core box they would compete with the broker and PostgreSQL.', '');
  }

  // 2. Projection
  out.push('## 2. Projection', '');
  if (proj) {
    out.push(`The telemetry topic was pre-loaded through ingest (HTTP) with ${int(proj.frames)} frames over ${int(proj.assets)} assets (${one(proj.preloadSeconds)} s); twin-state was then started on it and timed from the first twin written to \`SELECT sum(frames) FROM twins\` = ${int(proj.frames)} (process start to first twin: ${one(proj.bootSeconds)} s, not counted).`, '');
    out.push(`- twin-state: **${int(proj.framesPerSecond)} frames/s** folded and persisted (${int(proj.folded)} of ${int(proj.frames)} in ${one(proj.seconds)} s${proj.finished ? '' : ', stopped at its time limit'}), in ${int(proj.transactions)} committed transactions (${one(proj.frames / Math.max(1, proj.transactions))} frames per transaction).`);
  } else out.push(`- ${notMeasured(r.projection, 'projection')}`);
  if (copy) out.push(`- **Limit:** PostgreSQL \`COPY\` (\`psql \\copy\`, CSV over stdin, one transaction) of ${int(copy.rows)} rows of (asset_id, ts, seq, readings jsonb) — the same count and shape — into a scratch table with the same primary key as \`telemetry_frames\`: **${int(copy.rowsPerSecond)} rows/s** (${one(copy.megabytes)} MB in ${one(copy.seconds)} s).`);
  else out.push(`- ${notMeasured(r.copy, 'COPY baseline')}`);
  if (proj && copy) out.push(`- Ratio: ${ratio(proj.framesPerSecond, copy.rowsPerSecond)} of COPY.`);
  out.push('');
  if (proj) {
    if (proj.writes.length) {
      out.push('Rows written per table by the fold (PostgreSQL `pg_stat_user_tables`, this database):', '', '| table | inserted | updated | per frame |', '| --- | --- | --- | --- |');
      for (const w of proj.writes) out.push(`| \`${w.table}\` | ${int(w.inserted)} | ${int(w.updated)} | ${((w.inserted + w.updated) / Math.max(1, proj.frames)).toFixed(2)} |`);
      out.push('');
    }
    if (proj.cpu) out.push('CPU during the fold:', '', ...cpuTable(proj.cpu, cores), '');
    if (copy) out.push(`Why a fold is slower than COPY: COPY streams one row per frame into one table in one transaction, parsed by PostgreSQL's C code. The fold decodes and validates every record in JavaScript, runs the decider per frame, and per Kafka partition batch writes the twin event log, the frame history, the twin upserts and the consumer position in one transaction (rows per frame above) — several statements and round trips per batch, effectively-once bookkeeping included. Batching more records per transaction (larger \`maxBytesPerPartition\`) and writing with COPY into staging tables would close part of the gap.`, '');
  }

  // 3. Rebuild
  out.push('## 3. Rebuild', '');
  if (rb?.measured) {
    const o = rb.output;
    out.push(`\`node -r @swc-node/register apps/twin-state/src/cli/rebuild.ts\` on the projection's database, twin-state stopped: **${int(o.eventsPerSecond)} events/s** (${int(o.events)} events${o.twins !== undefined ? `, ${int(o.twins)} twins` : ''} in ${one(o.seconds)} s; ${one(rb.wallSeconds)} s including process start and digests) vs the **raw read rate of the event log, ${int(o.readEventsPerSecond)} events/s** — ${ratio(o.eventsPerSecond, o.readEventsPerSecond)}. Read-model digest before \`${o.digestBefore.slice(0, 16)}…\`, after \`${o.digestAfter.slice(0, 16)}…\`: ${o.identical ? 'identical' : '**different**'}.`, '');
  } else {
    out.push(`rebuild: not measured (${rb && !rb.measured ? rb.reason : r.rebuild.missing ?? 'no result'})`, '');
  }

  // 4. Latency
  out.push('## 4. End-to-end latency', '');
  out.push('A reading is published over MQTT (QoS 1) by the bench\'s own load generator (one connection, frames spread round-robin over 1,000 assets, 28 readings each) and is visible when `GET /v1/twins/{assetId}` on twin-state answers `lastSeq >= seq`. 10 times a second the frame just published is taken as a probe and polled — every 10 ms at first, then every 5 % of the time waited so far (at most 100 ms), so the resolution stays within ≈ 5 % while slow probes do not flood the service they measure (its reads share PostgreSQL with the fold); at most 20 probes are in flight; a probe that has not become visible in 10 s counts as 10 s. Before each run the bench waits until twin-state has folded everything in the topic and ingest and twin-state have each used under 0.15 cores for a second (so a run does not start while they still work off the previous phase); the first 2 s of each run are warm-up and not probed.', '');
  if (sus) {
    out.push(`**Choosing the load.** The maximum ingest rate over MQTT from (1) was ${mqttR ? `${int(mqttR.framesPerSecond)} frames/s` : 'not measured'}, but that is ingest alone; end to end, ingest, Kafka, twin-state, PostgreSQL, Mosquitto and the load generator share the same ${cores} cores. So the sustained end-to-end rate was measured first, with a ladder of offered rates (fractions of the ingest rate, ${one(sus.seconds)} s each). A step counts as sustained when ≥ 98 % of the published frames reached Kafka, twin-state folded ≥ 90 % of them during the step and the rest within 5 s:`, '');
    out.push('| offered | published | reached Kafka | folded during the step | backlog drained after | sustained |', '| --- | --- | --- | --- | --- | --- |');
    for (const st of sus.steps) out.push(`| ${int(st.offered)} frames/s | ${int(st.published)} frames/s | ${int(st.reachedKafka)} frames | ${int(st.folded)} frames/s | ${st.drainedSeconds !== undefined ? `${one(st.drainedSeconds)} s` : '> 5 s'} | ${st.sustained ? 'yes' : '**no**'} |`);
    out.push('', `${sus.capReason} The latency runs offer 50 % and 90 % of **${int(sus.cap)} frames/s**.`, '');
    out.push(`CPU at the highest step (${int(sus.offeredRate)} frames/s offered):`, '', ...cpuTable(sus.cpu, cores), '');
    out.push(...activityTable(sus.activity, sus.seconds), '', `${int(sus.transactionsPerSecond)} transactions/s committed in this database.`, '');
  } else out.push(`- ${notMeasured(r.sustained, 'sustained end-to-end rate')}`, '');
  out.push('| load | offered | published | probes | p50 | p95 | p99 | max | goal |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [label, l, m] of [['50 %', l50, r.latency50], ['90 %', l90, r.latency90]] as const) {
    if (l) out.push(`| ${label} | ${int(l.targetRate)} frames/s | ${int(l.publishedRate)} frames/s | ${l.probes}${l.timeouts ? ` (${l.timeouts} timed out)` : ''} | ${ms(l.p50)} | ${ms(l.p95)} | ${ms(l.p99)} | ${ms(l.max)} | ${label === '50 %' ? `p99 < ${LATENCY_P99_GOAL_MS} ms: ${verdict(l.p99 < LATENCY_P99_GOAL_MS)}` : '—'} |`);
    else out.push(`| ${label} | ${notMeasured(m, 'not run')} | | | | | | | |`);
  }
  out.push('');
  for (const [label, l] of [['50 %', l50], ['90 %', l90]] as const) {
    if (!l) continue;
    out.push(`At ${label} load — CPU:`, '', ...cpuTable(l.cpu, cores), '', ...activityTable(l.activity, l.seconds), '', `${int(l.transactionsPerSecond)} transactions/s committed in this database.`, '');
  }
  const latencyMissed = l50 && l50.p99 >= LATENCY_P99_GOAL_MS;
  if (latencyMissed || (l90 && l90.p99 >= LATENCY_P99_GOAL_MS)) {
    out.push(`### Where the time goes (${latencyMissed ? 'latency goal missed at 50 % load' : 'p99 over 500 ms at 90 % load'})`, '');
    out.push('A reading waits for: the MQTT hop and ingest\'s linger (`BATCH_LINGER_MS`, 5 ms) and Kafka ack; twin-state\'s fetch (kafkajs `maxWaitTimeInMs`); the PostgreSQL transaction that folds its partition batch (event append, frame history, twin upsert, position); then the next poll. When the fold cannot keep up with bursts the wait is queueing in the Kafka partition.', '');
    const l = latencyMissed ? l50 : l90;
    if (l) {
      const twinCores = l.cpu.cores['twin-state'] ?? 0;
      const executing = busyIn(l.activity, 'twin-state', /^executing/);
      const idleInTx = busyIn(l.activity, 'twin-state', /^idle in transaction/);
      const waits = l.activity.filter((a) => a.who === 'twin-state' && a.state.includes('waiting on')).slice(0, 3).map((a) => `${a.state.replace('executing — waiting on ', '')} ${a.connections.toFixed(2)}`);
      out.push(`Measured at ${latencyMissed ? '50 %' : '90 %'} load: twin-state used ${twinCores.toFixed(2)} cores (${twinCores < 0.8 ? 'its event loop was not saturated, so the readings mostly *waited*' : 'its event loop was close to saturated'}); on average ${executing.toFixed(2)} of its PostgreSQL connections were executing a statement${waits.length ? ` (waits: ${waits.join(', ')})` : ''} and ${idleInTx.toFixed(2)} sat idle inside an open transaction, waiting for twin-state's JavaScript between statements.`, '');
      const fixes: string[] = [];
      const advisory = busyIn(l.activity, 'twin-state', /Lock:advisory/);
      if (advisory >= 0.1) {
        out.push(`**The fold is serialised by the event store's append lock.** On average ${advisory.toFixed(2)} twin-state connections were waiting on \`Lock:advisory\`: each fold transaction (one per Kafka partition batch) appends the twin events, and an append takes \`pg_advisory_xact_lock('fleettwin.event-store.append')\` (ADR 0004: positions handed out in commit order), which is held until the transaction commits. The append comes before the twin upsert, the frame-history insert, the position update and the commit, so the holder keeps the lock through all of them (the ${idleInTx.toFixed(2)} "idle in transaction" connections are mostly that: a transaction waiting on twin-state's event loop between statements). twin-state folds three partition batches at a time, but they queue on this one lock, so a reading waits for the batches of other partitions to fold and commit one after another.`, '');
        fixes.push('take the append lock as late as possible — fold and write the read models first, append the events as the last statement before COMMIT — so the lock is held for one INSERT and the commit, not for the whole fold', 'fold every partition batch of one fetch in a single transaction (one lock acquisition and one WAL flush per fetch instead of per partition batch)');
      }
      const ingestWal = busyIn(l.activity, 'ingest', /WAL/);
      if (ingestWal >= 0.1) {
        out.push(`**ingest waits on the WAL.** On average ${ingestWal.toFixed(2)} ingest connections were waiting on WAL writes/flushes: after Kafka acknowledges, ingest stores the seq high-water marks of that call in \`ingest_sequences\` with one autocommitted upsert — over MQTT every message is its own call, so every message pays a synchronous commit (${int(l.transactionsPerSecond)} commits/s in this database at ${int(l.publishedRate)} frames/s).`, '');
        fixes.push('in ingest, persist the seq high-water marks once per linger window for all the frames produced in it (one upsert per Kafka send, not per MQTT message), or with `synchronous_commit = off` for that statement — losing the last marks in a crash only lets a re-sent frame through once more, and twin-state\'s decider drops it as a seq duplicate');
      }
      if (!fixes.length) fixes.push('fewer, larger transactions in the fold (one per fetch rather than per partition batch) and multi-row statements, so a reading waits for fewer sequential commits');
      const saturated = machineSaturation(l.cpu, cores);
      if (saturated) out.push(saturated, '');
      out.push('**What would fix it:**', '', ...fixes.map((f) => `- ${f};`), '- keep the frame-history insert off the critical path (it is a read model and may trail the twin).', '');
    }
  }
  const twinProfile = r.sustainedProfiles.value?.twinState;
  const ingestProfile2 = r.sustainedProfiles.value?.ingest;
  if (twinProfile) out.push(...profileTable('CPU profile of twin-state over the whole ladder', twinProfile), '');
  if (ingestProfile2) out.push(...profileTable('CPU profile of ingest in the same window', ingestProfile2), '');
  if (twinProfile) {
    const fixes = remediesFor(twinProfile);
    if (fixes.length) out.push('What would raise the end-to-end ceiling (from the twin-state profile):', '', ...fixes, '');
  }

  // 5. Prediction
  out.push('## 5. Prediction', '');
  if (pred?.measured) out.push(`\`node -r @swc-node/register apps/predictor/src/cli/main.ts bench\` (model \`${pred.modelVersion}\`, windows cut from \`${pred.testFile.split('/').slice(-1)[0]}\`): **${int(pred.assetsPerSecond)} assets scored/s** (${int(pred.assetsScored)} in ${one(pred.seconds)} s, one core). Compared with the end-to-end sustained frame rate${sus ? ` (${int(sus.cap)} frames/s)` : ''}: re-scoring an asset on every frame would ${sus && pred.assetsPerSecond >= sus.cap ? 'keep up' : 'not keep up'}.`, '');
  else out.push(`prediction: not measured (${pred && !pred.measured ? pred.reason : r.prediction.missing ?? 'no result'})`, '');
  if (acc?.measured) out.push(`**Accuracy.** \`predictor evaluate --model apps/predictor/model/rul-model.json\` (model \`${acc.modelVersion}\`) on NASA's FD001 test units, standard protocol (last cycle of each unit against RUL_FD001, target capped at 125): RMSE **${two(acc.rmse)}**, NASA asymmetric score **${int(acc.nasaScore)}**, 80 % interval coverage **${two(acc.coverage80)}**. Published RMSE on the same split: CNN (Babu et al. 2016) 18.45, deep LSTM (Zheng et al. 2017) 16.14, deep CNN (Li et al. 2018) 12.61, transformer models ≈ 10.6–11.4. The build fails if RMSE exceeds 16 or coverage leaves 0.65–0.90 (apps/predictor/src/cli/fd001.int.spec.ts).`, '');
  else out.push(`RUL accuracy: not measured (${acc && !acc.measured ? acc.reason : r.accuracy.missing ?? 'no result'})`, '');
  if (prop?.measured) out.push(`**Propagation.** The maintenance service learned ${int(prop.assets)} simulated engines (registry events and latest signatures on Kafka, as twin-state and the predictor publish them); then HPC-DEG was confirmed on ${prop.confirmations} engine(s) through gRPC \`Complete\`, which ranks the whole fleet by similarity and opens the inspections (and records advisories for the other ${prop.advisoryTenants} tenants) in the same transaction. Latency of that call: p50 **${ms(prop.p50Ms)}**, max **${ms(prop.maxMs)}**.`, '');
  else out.push(`Propagation latency over a 5,000-asset fleet: not measured (${prop && !prop.measured ? prop.reason : r.propagation.missing ?? 'no result'}).`, '');

  // 6. Memory
  out.push('## 6. Memory', '');
  if (mem) {
    out.push(`A fresh twin-state process (its database already holding the projection's twins), idle: RSS **${mb(mem.rssBeforeBytes)}**. Then ${int(mem.twins)} new engines streamed ${mem.framesPerTwin} frames each through ingest (HTTP) into it; once all were folded (${mem.finished ? `after ${one(mem.seconds)} s` : 'not within its time limit'}; ${int(mem.liveTwinsInDb)} of those twins in the database): RSS **${mb(mem.rssAfterBytes)}**, peak (VmHWM) ${mb(mem.peakRssBytes)}. Goal < 500 MB: ${verdict(mem.rssAfterBytes < MEMORY_GOAL_BYTES && mem.finished)} (${pct(mem.rssAfterBytes, MEMORY_GOAL_BYTES)} of it). RSS is read from \`/proc/<pid>/status\` (VmRSS); it includes V8's heap reservations, so it is an upper bound on what the twins need.`, '');
  } else out.push(notMeasured(r.memory, 'memory'), '');

  out.push('## How to run, and gaps', '');
  out.push(`\`npm run bench\` (the full run; this one took ${one(r.seconds / 60)} min, bounded to 15) or \`npm run bench -- --quick\` (short runs, for development). It starts the local Kafka broker if none answers (and stops it at the end only then), creates its own databases (\`ft_bench_<run>_*\`), topic namespaces (\`bench-<run>-*.\`), MQTT roots and consumer groups, starts ingest and twin-state as separate processes the way the integration tests do, and drops/deletes all of them at the end. Every loop is bounded in count and time; logs and CPU profiles stay under \`tmp/bench/<run>/\`.`, '');
  out.push('- The bench, its load generators, the broker, PostgreSQL and Mosquitto share the machine with the services under test, and with whatever else runs on it (see the load averages and the "everything else" rows); absolute figures vary from run to run with that load, so compare the ratios (both sides measured in the same run) rather than absolute rates across runs.');
  out.push('- Latency is measured to visibility through the read API by polling (10 ms, then 5 % of the elapsed wait), on a sample of frames (10 probes/s), not on every reading; the polls add a little read load to twin-state and PostgreSQL.');
  out.push('- Memory is measured with 10,000 twins × a few frames; it says nothing about long histories per twin (those live in PostgreSQL, not in the process).');
  if (r.cleanup.length) out.push(`- Clean-up: ${r.cleanup.join('; ')}.`);
  out.push('');
  return out.join('\n');
}
