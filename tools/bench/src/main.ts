/**
 * `npm run bench`: measures fleettwin against the limits of the machine it runs on and rewrites
 * docs/benchmarks.md. Bounded (every phase has a count and a time limit), loopback only, starts
 * what it needs and removes what it created.
 */
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import type { Pool } from 'pg';
import { createPool } from '@fleettwin/postgres';
import { sleep } from './frames';
import { httpIngest, kafkaProducerPerf, mqttIngest, typicalRecordSize } from './ingest.bench';
import { BenchRun, POSTGRES_URL, TELEMETRY_PARTITIONS } from './infra';
import { latency, MqttLoad, sustainedLadder } from './latency.bench';
import { describeMachine } from './machine';
import { memory } from './memory.bench';
import { accuracy } from './accuracy.bench';
import { prediction } from './prediction.bench';
import { propagationLatency } from './propagation.bench';
import { CpuMeter, loadAverage, peakRssBytes, quiesce } from './proc';
import { summarizeProfile, type ProfileSummary } from './profile';
import { postgresCopy, projection, waitForFolded } from './projection.bench';
import { rebuild } from './rebuild.bench';
import { PLAN_SCENARIOS, planBench, planSummaryRow, renderPlanSection, splicePlanSection } from './plan.bench';
import { INGEST_GOAL, renderReport, type BenchResults, type Measured } from './report';
import { startBenchService, type RunningProcess } from './services';

const WORKSPACE = resolve(__dirname, '../../..');

interface Sizes {
  httpFrames: number;
  httpSeconds: number;
  perfRecords: number;
  mqttSeconds: number;
  mqttEngines: number;
  projectionFrames: number;
  projectionAssets: number;
  projectionSeconds: number;
  profileSeconds: number;
  memoryTwins: number;
  sustainedSeconds: number;
  latencySeconds: number;
  predictionSeconds: number;
  propagationAssets: number;
  propagationConfirmations: number;
}

const FULL: Sizes = { httpFrames: 400_000, httpSeconds: 40, perfRecords: 500_000, mqttSeconds: 30, mqttEngines: 2000, projectionFrames: 100_000, projectionAssets: 5000, projectionSeconds: 300, profileSeconds: 10, memoryTwins: 10_000, sustainedSeconds: 10, latencySeconds: 30, predictionSeconds: 5, propagationAssets: 5000, propagationConfirmations: 3 };
const QUICK: Sizes = { httpFrames: 60_000, httpSeconds: 10, perfRecords: 100_000, mqttSeconds: 8, mqttEngines: 1000, projectionFrames: 20_000, projectionAssets: 2000, projectionSeconds: 120, profileSeconds: 5, memoryTwins: 10_000, sustainedSeconds: 4, latencySeconds: 10, predictionSeconds: 2, propagationAssets: 1000, propagationConfirmations: 1 };
/** The whole run must finish in 15 minutes; phases that would start after this are skipped and reported as such. */
const BUDGET_MS = 13 * 60 * 1000;

function log(line: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

async function writePlanSection(out: string): Promise<void> {
  const runs = [];
  for (const scenario of PLAN_SCENARIOS) {
    log(`plan: 500-asset simulated fleet, ${scenario.name}: greedy vs HiGHS`);
    const result = await planBench(WORKSPACE, scenario.spares);
    log(`plan (${scenario.name}): objective greedy ${Math.round(result.greedy.objective)} vs optimised ${Math.round(result.optimised.objective)}, solver ${result.solver.status} in ${result.solver.seconds.toFixed(1)} s`);
    runs.push({ name: scenario.name, result });
  }
  const report = existsSync(out) ? readFileSync(out, 'utf8') : '# Benchmarks\n';
  writeFileSync(out, splicePlanSection(report, renderPlanSection(runs, new Date()), planSummaryRow(runs[0]!.result)));
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]!.slice(0, 300) : String(error);
}

async function main(): Promise<void> {
  const program = new Command('bench')
    .description('fleettwin benchmarks against the limits of this machine; rewrites docs/benchmarks.md')
    .option('--quick', 'short runs (development); the default is the full run')
    .option('--out <file>', 'report to write', 'docs/benchmarks.md')
    .argument('[steps...]', 'run only these steps: plan (the maintenance plan section, spliced into the existing report)')
    .parse(process.argv);
  const opts = program.opts<{ quick?: boolean; out: string }>();
  // `npm run bench -- plan`: only the maintenance-plan step, spliced into the existing report.
  if (program.args.includes('plan')) {
    await writePlanSection(join(WORKSPACE, opts.out));
    return;
  }
  const sizes = opts.quick ? QUICK : FULL;
  const started = Date.now();
  const run = new BenchRun(WORKSPACE);
  log(`run ${run.id} (${opts.quick ? 'quick' : 'full'}), logs in ${run.logDir}`);
  const overBudget = (): boolean => Date.now() - started > BUDGET_MS;
  const skipped = (): Measured<never> => ({ missing: 'skipped: the run reached its 13-minute budget' });

  await run.ensureKafka(log);
  const adminPool = createPool(POSTGRES_URL, { max: 2 });
  const machine = await describeMachine(WORKSPACE, adminPool);
  await adminPool.end();
  log(`machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.node}, ${machine.kafka}, ${machine.postgres}; load ${machine.loadAtStart}`);

  const results: BenchResults = {
    runId: run.id, mode: opts.quick ? 'quick' : 'full', startedAt: new Date(started), seconds: 0, loadAtEnd: '', machine,
    recordSize: {}, producerPerf: {}, http: {}, mqtt: {}, ingestProfile: {}, projection: {}, copy: {}, rebuild: {}, memory: {}, sustained: {}, sustainedProfiles: {}, latency50: {}, latency90: {}, prediction: {}, accuracy: {}, propagation: {}, cleanup: [],
  };
  const services: RunningProcess[] = [];
  const pools: Pool[] = [];
  let stopping = false;
  const onSignal = (): void => {
    if (stopping) process.exit(130);
    stopping = true;
    log('interrupted: cleaning up (a second Ctrl-C exits at once)');
    void Promise.allSettled(services.map((s) => s.stop())).then(() => run.cleanup(log)).then(() => run.stopKafkaIfStarted(log)).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    // ---- 1. ingest throughput (environment a: ingest only) ----
    const envA = await run.environment('a');
    const ingestA = await startBenchService(WORKSPACE, run.logDir, 'ingest', envA.env, 'ingest-a', true);
    services.push(ingestA);
    log(`ingest (a) healthy at ${ingestA.url}; warming up`);
    await httpIngest(ingestA.url, { clients: 2, batchSize: 2000, assets: 2000, maxFrames: 10_000, maxSeconds: 20, prefix: 'WARM' });
    try {
      const meter = CpuMeter.forPids({ ingest: ingestA.pid });
      const http = await httpIngest(ingestA.url, { clients: 4, batchSize: 5000, assets: 5000, maxFrames: sizes.httpFrames, maxSeconds: sizes.httpSeconds, prefix: 'HTTP' });
      results.http = { value: { ...http, cpu: meter.stop(), clients: 4, batchSize: 5000, assets: 5000 } };
      log(`ingest HTTP: ${Math.round(http.framesPerSecond)} frames/s (${http.frames} frames in ${http.seconds.toFixed(1)} s)`);
    } catch (error) {
      results.http = { missing: `failed: ${reason(error)}` };
    }
    try {
      const recordSize = await typicalRecordSize(envA.telemetryTopic);
      results.recordSize = { value: recordSize };
      log(`typical telemetry record: ${recordSize} bytes`);
      const perfTopic = `bench-${run.id}-perf`;
      await run.createTopic(perfTopic, TELEMETRY_PARTITIONS);
      const perf = await kafkaProducerPerf(run, perfTopic, recordSize, sizes.perfRecords, 240_000);
      results.producerPerf = { value: perf };
      log(`Kafka ProducerPerformance: ${Math.round(perf.recordsPerSecond)} records/s at ${perf.recordSize} B`);
    } catch (error) {
      results.producerPerf = { missing: `failed: ${reason(error)}` };
    }
    try {
      const mqttResult = await mqttIngest(run, envA, { engines: sizes.mqttEngines, seconds: sizes.mqttSeconds }, { ingest: ingestA.pid });
      results.mqtt = { value: { ...mqttResult, engines: sizes.mqttEngines, ingestPeakRssBytes: peakRssBytes(ingestA.pid) ?? 0 } };
      log(`ingest MQTT: ${Math.round(mqttResult.framesPerSecond)} frames/s (${mqttResult.frames} frames in ${mqttResult.seconds.toFixed(1)} s)`);
    } catch (error) {
      results.mqtt = { missing: `failed: ${reason(error)}` };
    }
    const perfRate = results.producerPerf.value?.recordsPerSecond ?? 0;
    const ingestMissed = perfRate > 0 && [results.http.value?.framesPerSecond, results.mqtt.value?.framesPerSecond].some((r) => r !== undefined && r < INGEST_GOAL * perfRate);
    if (ingestMissed) {
      try {
        log('ingest below its goal: profiling it under the same HTTP load');
        await ingestA.toggleProfile();
        await httpIngest(ingestA.url, { clients: 4, batchSize: 5000, assets: 5000, maxFrames: sizes.httpFrames, maxSeconds: sizes.profileSeconds, prefix: 'PROF' });
        const file = await ingestA.toggleProfile();
        results.ingestProfile = file ? { value: summarizeProfile(WORKSPACE, file) } : { missing: 'the profile was not written' };
      } catch (error) {
        results.ingestProfile = { missing: `failed: ${reason(error)}` };
      }
    }
    await ingestA.stop();
    services.splice(services.indexOf(ingestA), 1);

    // ---- 2. projection, 3. rebuild, 6. memory, 4. latency (environment b: ingest + twin-state) ----
    const envB = await run.environment('b');
    const poolB = createPool(envB.databaseUrl, { max: 4, application_name: 'fleettwin-bench' });
    pools.push(poolB);
    const ingestB = await startBenchService(WORKSPACE, run.logDir, 'ingest', envB.env, 'ingest-b', true);
    services.push(ingestB);
    let twinState: RunningProcess | undefined;
    try {
      const preloadStart = Date.now();
      const preload = await httpIngest(ingestB.url, { clients: 4, batchSize: 5000, assets: sizes.projectionAssets, maxFrames: sizes.projectionFrames, maxSeconds: 120, prefix: 'PROJ' });
      const preloadSeconds = (Date.now() - preloadStart) / 1000;
      const inTopic = await run.recordCount(envB.telemetryTopic);
      log(`pre-loaded ${preload.frames} frames (${inTopic} records in the topic); starting twin-state`);
      const proj = await projection(run, envB, poolB, inTopic, sizes.projectionSeconds);
      twinState = proj.twinState;
      services.push(twinState);
      const { twinState: _ignored, ...projValue } = proj;
      results.projection = { value: { ...projValue, assets: sizes.projectionAssets, preloadSeconds } };
      log(`projection: ${Math.round(proj.framesPerSecond)} frames/s (${proj.folded}/${proj.frames} in ${proj.seconds.toFixed(1)} s)`);
      try {
        const copy = await postgresCopy(run, envB, poolB, inTopic, sizes.projectionAssets);
        results.copy = { value: copy };
        log(`COPY: ${Math.round(copy.rowsPerSecond)} rows/s`);
      } catch (error) {
        results.copy = { missing: `failed: ${reason(error)}` };
      }
    } catch (error) {
      results.projection = { missing: `failed: ${reason(error)}` };
    }

    if (overBudget()) results.rebuild = skipped();
    else {
      try {
        if (twinState) {
          await twinState.stop();
          services.splice(services.indexOf(twinState), 1);
          twinState = undefined;
        }
        const rb = await rebuild(run, envB, 240_000);
        results.rebuild = { value: rb };
        log(rb.measured ? `rebuild: ${rb.output.eventsPerSecond} events/s vs raw read ${rb.output.readEventsPerSecond} events/s, identical=${rb.output.identical}` : `rebuild: not measured (${rb.reason})`);
      } catch (error) {
        results.rebuild = { missing: `failed: ${reason(error)}` };
      }
    }

    if (twinState) {
      await twinState.stop();
      services.splice(services.indexOf(twinState), 1);
    }
    const live = await startBenchService(WORKSPACE, run.logDir, 'twin-state', envB.env, 'twin-state-b-live', true);
    services.push(live);
    if (overBudget()) results.memory = skipped();
    else {
      try {
        const mem = await memory(ingestB.url, live, poolB, sizes.memoryTwins, 3, 180);
        results.memory = { value: mem };
        log(`memory: RSS ${(mem.rssBeforeBytes / 2 ** 20).toFixed(0)} MB → ${(mem.rssAfterBytes / 2 ** 20).toFixed(0)} MB with ${mem.liveTwinsInDb} new twins`);
      } catch (error) {
        results.memory = { missing: `failed: ${reason(error)}` };
      }
    }

    const ingestRate = results.mqtt.value?.framesPerSecond ?? results.http.value?.framesPerSecond;
    if (!ingestRate) {
      const missing = 'no ingest rate from (1) to derive the load from';
      results.sustained = { missing };
      results.latency50 = { missing };
      results.latency90 = { missing };
    } else if (overBudget()) {
      results.sustained = skipped();
      results.latency50 = skipped();
      results.latency90 = skipped();
    } else {
      const load = new MqttLoad(envB.mqttRoot, 1000, 'LAT');
      await load.connect();
      try {
        const pids = { ingest: ingestB.pid, 'twin-state': live.pid };
        await Promise.all([ingestB.toggleProfile(), live.toggleProfile()]);
        const ladder = await sustainedLadder(load, poolB, envB.databaseName, pids, ingestRate, sizes.sustainedSeconds, () => run.recordCount(envB.telemetryTopic));
        const [ingestProfile, twinProfile] = await Promise.all([ingestB.toggleProfile(), live.toggleProfile()]);
        const profiles: { ingest?: ProfileSummary; twinState?: ProfileSummary } = {};
        try {
          if (ingestProfile) profiles.ingest = summarizeProfile(WORKSPACE, ingestProfile);
          if (twinProfile) profiles.twinState = summarizeProfile(WORKSPACE, twinProfile);
          results.sustainedProfiles = { value: profiles };
        } catch (error) {
          results.sustainedProfiles = { missing: `could not read the profiles: ${reason(error)}` };
        }
        const sus = ladder.saturation;
        const cap = ladder.sustainedRate > 0 ? Math.min(ingestRate, ladder.sustainedRate) : sus.foldedRate;
        const capReason = ladder.sustainedRate <= 0
          ? 'Not even the lowest step was sustained, so the load is derived from what twin-state folded at that step.'
          : ladder.steps.every((st) => st.sustained)
            ? 'Every step up to the full MQTT ingest rate was sustained, so the load is derived from the ingest rate.'
            : 'The load is derived from the highest sustained step: the maximum this machine sustained end to end, well below the ingest rate alone.';
        results.sustained = { value: { ...sus, cap, capReason, steps: ladder.steps } };
        log(`sustained end to end: ${ladder.steps.map((st) => `${Math.round(st.published)}${st.sustained ? '✓' : '✗'}`).join(' ')} → cap ${Math.round(cap)} frames/s`);
        for (const [share, key] of [[0.5, 'latency50'], [0.9, 'latency90']] as const) {
          if (overBudget()) {
            results[key] = skipped();
            continue;
          }
          await waitForFolded(poolB, await run.recordCount(envB.telemetryTopic), 60_000, 250); // start from an empty backlog
          const settled = await quiesce(pids, 0.15, 60); // and from quiet services (the outbox relay may still be catching up)
          log(`services quiet after ${settled.toFixed(0)} s; latency run at ${share * 100} %`);
          const l = await latency(load, live.url, poolB, envB.databaseName, pids, { rate: cap * share, seconds: sizes.latencySeconds, probesPerSecond: 10, pollMs: 10, probeTimeoutMs: 10_000, warmupSeconds: 2, maxInFlight: 20 });
          results[key] = { value: l };
          log(`latency at ${share * 100} % (${Math.round(cap * share)} frames/s): p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms over ${l.probes} probes (${l.timeouts} timed out)`);
          await sleep(3000);
        }
      } catch (error) {
        const missing = { missing: `failed: ${reason(error)}` };
        if (!results.sustained.value) results.sustained = missing;
        if (!results.latency50.value) results.latency50 = missing;
        if (!results.latency90.value) results.latency90 = missing;
      } finally {
        await load.close();
      }
    }

    if (overBudget()) results.prediction = skipped();
    else {
      try {
        const pred = await prediction(run, sizes.predictionSeconds);
        results.prediction = { value: pred };
        log(pred.measured ? `prediction: ${pred.assetsPerSecond} assets scored/s` : `prediction: not measured (${pred.reason})`);
      } catch (error) {
        results.prediction = { missing: `failed: ${reason(error)}` };
      }
    }

    if (overBudget()) results.accuracy = skipped();
    else {
      try {
        const acc = await accuracy(run);
        results.accuracy = { value: acc };
        log(acc.measured ? `FD001: RMSE ${acc.rmse}, NASA ${acc.nasaScore}, coverage ${acc.coverage80}` : `accuracy: not measured (${acc.reason})`);
      } catch (error) {
        results.accuracy = { missing: `failed: ${reason(error)}` };
      }
    }

    if (overBudget()) results.propagation = skipped();
    else {
      try {
        const prop = await propagationLatency(run, await run.environment('p'), sizes.propagationAssets, sizes.propagationConfirmations);
        results.propagation = { value: prop };
        log(prop.measured ? `propagation over ${prop.assets} assets: p50 ${Math.round(prop.p50Ms)} ms, max ${Math.round(prop.maxMs)} ms` : `propagation: not measured (${prop.reason})`);
      } catch (error) {
        results.propagation = { missing: `failed: ${reason(error)}` };
      }
    }
  } finally {
    await Promise.allSettled(services.map((s) => s.stop()));
    await Promise.allSettled(pools.map((p) => p.end()));
    const cleanupLog: string[] = [];
    await run.cleanup((line) => {
      cleanupLog.push(line);
      log(line);
    });
    await run.stopKafkaIfStarted(log);
    results.cleanup = cleanupLog;
  }

  results.seconds = (Date.now() - started) / 1000;
  results.loadAtEnd = loadAverage();
  writeFileSync(join(run.logDir, 'results.json'), JSON.stringify(results, null, 2));
  const out = join(WORKSPACE, opts.out);
  writeFileSync(out, renderReport(results));
  await writePlanSection(out).catch((error: unknown) => log(`plan step failed: ${reason(error)}`));
  log(`wrote ${opts.out} in ${(results.seconds / 60).toFixed(1)} min`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
