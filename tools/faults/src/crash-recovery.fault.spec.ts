/**
 * One long telemetry stream (200 simulated engines × 100 frames = 20,000 frames of 28 readings:
 * 560,000 readings; FAULTS_CRASH_FRAMES_PER_ENGINE=500 streams 100,000 frames)
 * through the five services, with a scripted fault schedule running beside it: every service is
 * SIGKILLed and restarted (twice), a second twin-state joins and leaves the consumer group, the Kafka
 * broker restarts and PostgreSQL crashes (immediate shutdown) and restarts. Custody commands for a
 * few parts are recorded throughout, some while maintenance is down. After recovery: every frame
 * ingest acknowledged is in the twin event log exactly once with the same values, twin read models
 * agree, no work order is duplicated, every custody chain verifies offline, and a rebuild of the
 * read models from the log gives the live digest.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { Client } from 'pg';
import { topicName, type TelemetryFrame, type TwinView } from '@fleettwin/contracts';
import { generateNoteKeyPair } from '@fleettwin/merkle-log';
import { buildFleet, FleetSimulation, parseInjection, toTelemetryFrame } from '@fleettwin/simulator';
import { FAULT_RESULTS_DIR, freePort, isolatedEnvironment, jsonBody, recordFaultResult, serviceDatabaseUrl, waitFor, WORKSPACE_ROOT, type ServiceName, type TestEnvironment } from '@fleettwin/testing';
import { groupLag } from './consumer-lag';
import { FaultFleet, SERVICES } from './fault-fleet';
import { FaultInfrastructure } from './fault-infrastructure';
import { fleetChecksum, StreamLedger } from './stream-ledger';

const ENGINES = Number(process.env.FAULTS_CRASH_ENGINES ?? 200);
const FRAMES_PER_ENGINE = Number(process.env.FAULTS_CRASH_FRAMES_PER_ENGINE ?? 100);
const TOTAL = ENGINES * FRAMES_PER_ENGINE;
const BATCH = 1000;
const SENDERS = 2;
const FRAME_INTERVAL_MS = 10_000;
const AUTH = { AUTH_DEV_SECRET: 'fault-suite-dev-secret-0123456789abcdef', AUTH_ISSUER: 'https://auth.faults.test/', AUTH_AUDIENCE: 'fleettwin-gateway' };
const PARTS = ['PN-FT100/SN-F1', 'PN-FT100/SN-F2', 'PN-FT100/SN-F3'];
const OPEN_STATUSES = ['open', 'acknowledged', 'scheduled', 'in-progress', 'deferred'];

// A few minutes on an idle 2-core machine; the margin is for a machine shared with other work.
jest.setTimeout(14 * 60_000);

let infra: FaultInfrastructure;
let env: TestEnvironment;
let fleet: FaultFleet | undefined;
let admin: Admin;
let workDir: string;
let grpcPort: number;
const custodyKey = generateNoteKeyPair('fleettwin.faults/custody');

beforeAll(async () => {
  infra = FaultInfrastructure.fromEnvironment();
  env = await isolatedEnvironment('crash');
  grpcPort = await freePort();
  workDir = mkdtempSync(join(tmpdir(), 'faults-crash-'));
  const kafka = new Kafka({ clientId: 'fault-suite', brokers: env.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  admin = kafka.admin();
});

afterAll(async () => {
  await fleet?.stopAll();
  await admin?.disconnect().catch(() => undefined);
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

function serviceEnv(name: ServiceName, ports: Map<ServiceName, number>): Record<string, string> {
  const url = (s: ServiceName) => `http://127.0.0.1:${ports.get(s)}`;
  switch (name) {
    case 'maintenance':
      return { GRPC_PORT: String(grpcPort), CUSTODY_SIGNING_KEY: custodyKey.signerKey, CUSTODY_LOG_ORIGIN: 'fleettwin.faults/custody', CUSTODY_CHECKPOINT_EVERY_MS: '1000' };
    case 'gateway':
      return { ...AUTH, TWIN_STATE_URL: url('twin-state'), PREDICTOR_URL: url('predictor'), MAINTENANCE_URL: url('maintenance'), MAINTENANCE_GRPC_ADDRESS: `127.0.0.1:${grpcPort}`, GATEWAY_GROUP_PREFIX: `${env.namespace}gateway-live` };
    case 'ingest':
      return { KAFKA_SEND_TIMEOUT_MS: '5000' };
    default:
      return {};
  }
}

async function query<T extends Record<string, unknown>>(service: ServiceName, sql: string, params: unknown[] = []): Promise<T[]> {
  const db = new Client({ connectionString: serviceDatabaseUrl(env.databaseUrl, service) });
  await db.connect();
  try {
    return (await db.query<T>(sql, params)).rows;
  } finally {
    await db.end();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The fault timeline as it happens (tail it while the suite runs): tmp/faults-run/crash-timeline.log under the runner. */
const TIMELINE = join(FAULT_RESULTS_DIR, 'crash-timeline.log');
function note(line: string): void {
  mkdirSync(FAULT_RESULTS_DIR, { recursive: true });
  appendFileSync(TIMELINE, `${new Date().toISOString()} ${line}\n`);
}

/** Posts a batch until ingest answers 202: through kills (connection refused), outages (503) and restarts. */
class Sender {
  attempts = 0;
  refused = 0;
  unavailable = 0;
  other = 0;

  constructor(private readonly url: () => string) {}

  async post(frames: TelemetryFrame[]): Promise<number> {
    for (;;) {
      this.attempts += 1;
      try {
        const res = await fetch(`${this.url()}/v1/telemetry`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ frames }), signal: AbortSignal.timeout(30_000) });
        if (res.status === 202) return (await jsonBody<{ accepted: number }>(res)).accepted;
        const text = await res.text();
        if (res.status === 503) this.unavailable += 1;
        else if (res.status >= 500) this.other += 1;
        else throw new Error(`ingest refused a valid batch: ${res.status} ${text}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('ingest refused')) throw error;
        this.refused += 1;
      }
      await sleep(250);
    }
  }
}

describe('crashes, broker and database restarts and a rebalance in the middle of a 560,000-reading stream', () => {
  it('reflects every acknowledged frame exactly once, duplicates no work order, keeps custody verifiable and rebuilds to the live digest', async () => {
    const startMs = Date.now() - (FRAMES_PER_ENGINE + 60) * FRAME_INTERVAL_MS;
    const registry = buildFleet({ engines: ENGINES, tenants: 2, seed: 2026, startMs });
    const failing = registry.engines.slice(0, 30).map((e) => e.assetId).join('|');
    const sim = new FleetSimulation(registry, { seed: 2026, startMs, cyclesPerSecond: 0.1, injections: [parseInjection(`HPC-DEG:assets=${failing},onset=0-10,life=120-250`)], seqBase: 1 });
    fleet = await FaultFleet.start(env, serviceEnv);
    const live = fleet;
    await admin.connect();

    // --- custody: parts installed on engines, usage recorded through the faults with stable command ids
    const custodyCommands = new Map<string, number>();
    let custodyRetries = 0;
    const owner = registry.engines[0].tenant;
    const custody = async (partId: string, commandId: string, command: string, data: object): Promise<void> => {
      for (let attempt = 0; ; attempt++) {
        const res = await fetch(`${live.url('maintenance')}/v1/parts/${encodeURIComponent(partId)}/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-organisation': owner, 'x-actor': `clerk@${owner}` },
          body: JSON.stringify({ command, data, commandId }),
          signal: AbortSignal.timeout(15_000),
        }).catch(() => undefined);
        if (res?.status === 201) break;
        if (res && res.status < 500) throw new Error(`${command} ${partId}: ${res.status} ${await res.text()}`);
        custodyRetries += 1;
        if (attempt > 600) throw new Error(`${command} ${partId}: maintenance did not come back`);
        await sleep(250);
      }
      custodyCommands.set(partId, (custodyCommands.get(partId) ?? 0) + 1);
    };
    let usageRound = 0;
    const recordUsage = async () => {
      usageRound += 1;
      for (const [i, partId] of PARTS.entries()) {
        await custody(partId, `usage-${i}-${usageRound}`, 'record-usage', { assetId: registry.engines[i].assetId, assetCounters: { hours: 1000 + usageRound * 10, cycles: 500 + usageRound * 5 } });
      }
    };
    for (const [i, partId] of PARTS.entries()) {
      const [partNumber, serialNumber] = partId.replace(/^PN-/, '').split('/SN-');
      await custody(partId, `make-${i}`, 'manufacture', { partNumber, serialNumber, batch: 'B-F', lifeLimits: { cycles: 20_000 } });
      await custody(partId, `certify-${i}`, 'certify', { certificate: { form: 'EASA_FORM_1', number: `F1-${i}`, issuer: 'Fault Shop' } });
      await custody(partId, `install-${i}`, 'install', { assetId: registry.engines[i].assetId, position: 'HPT stage 1', assetCounters: { hours: 1000, cycles: 500 } });
    }

    // --- the fault schedule: by share of the stream acknowledged, run one after another beside the senders
    const timeline: { at: number; fault: string; ms: number }[] = [];
    let lastFaultEnd = 0;
    let acknowledged = 0;
    const step = (name: string, run: () => Promise<void>) => async () => {
      const began = Date.now();
      note(`${name}: begins at ${acknowledged} frames acknowledged`);
      try {
        await run();
        await live.reviveUnplanned();
        await recordUsage();
      } catch (error) {
        note(`${name}: FAILED: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
      timeline.push({ at: acknowledged, fault: name, ms: Date.now() - began });
      note(`${name}: done in ${Date.now() - began} ms`);
      lastFaultEnd = Date.now();
    };
    // A custody command in flight when maintenance dies: retried with the same command id, it must be recorded once.
    const killMaintenanceMidCommand = async () => {
      const inFlight = recordUsage();
      await sleep(5);
      await live.killAndRestart('maintenance', 500);
      await inFlight;
    };
    const schedule: { share: number; run: () => Promise<void> }[] = [
      { share: 0.04, run: step('add twin-state member', async () => void (await live.addMember('twin-state', 'twin-state-b'))) },
      { share: 0.08, run: step('SIGKILL ingest', () => live.killAndRestart('ingest', 1000)) },
      { share: 0.12, run: step('SIGKILL twin-state', () => live.killAndRestart('twin-state', 1000)) },
      { share: 0.16, run: step('SIGKILL predictor', () => live.killAndRestart('predictor', 1000)) },
      { share: 0.2, run: step('SIGKILL maintenance mid custody command', killMaintenanceMidCommand) },
      { share: 0.24, run: step('SIGKILL gateway', () => live.killAndRestart('gateway', 500)) },
      { share: 0.28, run: step('remove twin-state member', () => live.removeMember('twin-state-b')) },
      { share: 0.34, run: step('restart Kafka broker', async () => { await infra.stopKafka(); await sleep(2000); await infra.startKafka(); }) },
      { share: 0.5, run: step('crash and restart PostgreSQL', async () => { await infra.crashPostgres(); await sleep(2000); await infra.startPostgres(); }) },
      // Second round: every service at once, as in a power cut of the whole node.
      { share: 0.7, run: step('SIGKILL all five services at once', async () => void (await Promise.all(SERVICES.map((name) => live.killAndRestart(name, 300))))) },
    ];
    let chain = Promise.resolve();
    let faultsQueued = 0;
    const trigger = () => {
      while (schedule.length && acknowledged >= schedule[0].share * TOTAL) {
        const next = schedule.shift();
        if (!next) break;
        faultsQueued += 1;
        chain = chain.then(next.run).finally(() => void (faultsQueued -= 1));
      }
    };
    // The stream waits for the fault schedule when it runs ahead, so that every fault lands mid-stream.
    const keepPace = async () => {
      while (faultsQueued > 1) await sleep(100);
    };

    // --- the stream: each sender owns a share of the engines, frames seq-major so every engine is mid-stream at each fault
    const sent = new StreamLedger();
    const acked = new StreamLedger();
    let accepted = 0;
    let readingsAcknowledged = 0;
    const senders = Array.from({ length: SENDERS }, () => new Sender(() => live.url('ingest')));
    const streamStarted = Date.now();
    await Promise.all(senders.map(async (sender, s) => {
      let batch: TelemetryFrame[] = [];
      const flush = async () => {
        batch.forEach((f) => sent.add(f));
        const answered = await sender.post(batch);
        accepted += answered;
        batch.forEach((f) => acked.add(f));
        readingsAcknowledged += batch.reduce((n, f) => n + Object.keys(f.readings).length, 0);
        acknowledged += batch.length;
        batch = [];
        trigger();
        await keepPace();
      };
      for (let k = 0; k < FRAMES_PER_ENGINE; k++) {
        for (let index = s; index < ENGINES; index += SENDERS) {
          batch.push(toTelemetryFrame(sim.frame(index, sim.seqBase + k, startMs + k * FRAME_INTERVAL_MS)));
          if (batch.length >= BATCH) await flush();
        }
      }
      if (batch.length) await flush();
    }));
    const streamMs = Date.now() - streamStarted;
    note(`stream done: ${acknowledged} frames acknowledged in ${streamMs} ms`);
    await chain;
    expect(schedule).toHaveLength(0);
    expect(acked.frames).toBe(TOTAL);
    expect(accepted).toBe(TOTAL);

    // --- recovery: twins hold every frame and every consumer group has caught up
    const groups: [string, string][] = [
      [env.env.PREDICTOR_GROUP, topicName('twinEvents', env.namespace)],
      [env.env.MAINTENANCE_GROUP, topicName('predictions', env.namespace)],
      [`${env.env.MAINTENANCE_GROUP}-fleet`, topicName('twinEvents', env.namespace)],
      [env.env.TWIN_STATE_GROUP, topicName('telemetry', env.namespace)],
    ];
    const folded = async () => Number((await query<{ total: string | null }>('twin-state', 'SELECT sum(frames) AS total FROM twins'))[0]?.total ?? 0);
    const lags = async () => Promise.all(groups.map(([g, t]) => groupLag(admin, g, t)));
    let caughtUpAt: number | undefined;
    let quietPolls = 0;
    await waitFor(async () => {
      await live.reviveUnplanned();
      const behind = (await folded()) < TOTAL || (await lags()).some((l) => l > 0);
      if (behind) {
        quietPolls = 0;
        caughtUpAt = undefined;
        return false;
      }
      caughtUpAt ??= Date.now();
      quietPolls += 1;
      return quietPolls >= 3; // three quiet polls in a row: the outbox relays have nothing left to publish
    }, { timeoutMs: 5 * 60_000, intervalMs: 1000, what: 'every consumer group to catch up after the last fault' });
    const recoveryMs = (caughtUpAt ?? Date.now()) - lastFaultEnd;
    note(`recovered: every group caught up ${recoveryMs} ms after the last fault`);

    // --- exactly once, by the log: per-asset frame counts and value checksums equal what ingest acknowledged
    const reflected = new StreamLedger();
    const rows = await query<{ asset_id: string; seq: string; readings: Record<string, number | null> }>(
      'twin-state',
      `SELECT data->>'assetId' AS asset_id, (data->>'seq')::bigint AS seq, data->'readings' AS readings
       FROM events WHERE type = 'FrameRecorded' ORDER BY 1, 2, position`,
    );
    rows.forEach((r) => reflected.add({ assetId: r.asset_id, seq: Number(r.seq), readings: r.readings }));
    const ackedTallies = acked.tallies();
    const reflectedTallies = reflected.tallies();
    expect(reflected.duplicates).toBe(0);
    expect(reflected.frames).toBe(TOTAL);
    expect(reflectedTallies).toEqual(ackedTallies);
    expect(fleetChecksum(reflectedTallies)).toBe(fleetChecksum(ackedTallies));
    expect(fleetChecksum(sent.tallies())).toBe(fleetChecksum(ackedTallies));
    // The read models agree with the log.
    const twins = await query<{ asset_id: string; frames: string; last_seq: string }>('twin-state', 'SELECT asset_id, frames, last_seq FROM twins');
    expect(new Map(twins.map((t) => [t.asset_id, Number(t.frames)]))).toEqual(new Map([...ackedTallies].map(([id, t]) => [id, t.frames])));
    const history = await query<{ n: string }>('twin-state', 'SELECT count(*) AS n FROM telemetry_frames');
    expect(Number(history[0].n)).toBe(TOTAL);

    // --- no work order twice: at most one open order per asset and failure mode
    const orders = await query<{ n: string }>('maintenance', 'SELECT count(*) AS n FROM work_orders');
    const duplicated = await query<{ asset_id: string; failure_mode: string; n: string }>(
      'maintenance',
      'SELECT asset_id, failure_mode, count(*) AS n FROM work_orders WHERE status = ANY($1) GROUP BY 1, 2 HAVING count(*) > 1',
      [OPEN_STATUSES],
    );
    expect(duplicated).toEqual([]);
    const predictions = await query<{ n: string }>('predictor', 'SELECT count(*) AS n FROM predictions');

    // --- every custody chain verifies offline, and holds each command once
    for (const partId of PARTS) {
      const res = await fetch(`${live.url('maintenance')}/v1/parts/${encodeURIComponent(partId)}/dossier`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect((JSON.parse(text) as { entries: unknown[] }).entries).toHaveLength(custodyCommands.get(partId) ?? -1);
      const file = join(workDir, `${partId.replace(/\W/g, '_')}.json`);
      writeFileSync(file, text);
      const verify = spawnSync(process.execPath, ['-r', '@swc-node/register', 'tools/cli/src/main.ts', 'verify', file, '--key', custodyKey.verifierKey], { cwd: WORKSPACE_ROOT, encoding: 'utf8', timeout: 60_000 });
      expect({ partId, status: verify.status, stderr: verify.stderr }).toEqual({ partId, status: 0, stderr: expect.any(String) });
    }

    // --- the gateway came back from its kills and serves the twins
    const probe = registry.engines[ENGINES - 1];
    const token = await new SignJWT({ tenant: probe.tenant, roles: ['viewer'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('fault-suite')
      .setIssuer(AUTH.AUTH_ISSUER).setAudience(AUTH.AUTH_AUDIENCE).setIssuedAt().setExpirationTime('10m').sign(new TextEncoder().encode(AUTH.AUTH_DEV_SECRET));
    const viaGateway = await fetch(`${live.url('gateway')}/v1/twins/${probe.assetId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(viaGateway.status).toBe(200);
    expect((await jsonBody<TwinView>(viaGateway)).frames).toBe(FRAMES_PER_ENGINE);

    // --- a rebuild of the read models from the log gives the live digest
    const kills = live.totalKills;
    const unplanned = [...live.unplannedExits];
    await live.stopAll();
    const rebuild = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/twin-state/src/cli/rebuild.ts'], {
      cwd: WORKSPACE_ROOT, encoding: 'utf8', timeout: 5 * 60_000,
      env: { ...process.env, ...env.env, DATABASE_URL: serviceDatabaseUrl(env.databaseUrl, 'twin-state'), LOG_LEVEL: 'warn', SWC_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.base.json') },
    });
    const rebuilt = JSON.parse(rebuild.stdout.trim().split('\n').pop() ?? '{}') as { identical?: boolean; digestBefore?: string; digestAfter?: string; events?: number };
    expect({ status: rebuild.status, identical: rebuilt.identical }).toEqual({ status: 0, identical: true });
    expect(unplanned).toEqual([]);

    const perService = Object.fromEntries([...live.kills].map(([name, n]) => [`kills ${name}`, n]));
    recordFaultResult({
      scenario: 'crash-restart-rebalance-stream',
      group: 'faults',
      passed: true,
      figures: {
        'frames sent': sent.frames,
        'readings acknowledged': readingsAcknowledged,
        'readings reflected': rows.reduce((n, r) => n + Object.keys(r.readings).length, 0),
        'frames acknowledged': acked.frames,
        'frames reflected': reflected.frames,
        duplicates: reflected.duplicates,
        'fleet checksum equal': fleetChecksum(reflectedTallies) === fleetChecksum(ackedTallies) ? 'yes' : 'no',
        kills,
        ...perService,
        'kafka restarts': 1,
        'postgres crashes': 1,
        rebalances: 2,
        'ingest retries (refused / 503 / other 5xx)': `${senders.reduce((n, s) => n + s.refused, 0)} / ${senders.reduce((n, s) => n + s.unavailable, 0)} / ${senders.reduce((n, s) => n + s.other, 0)}`,
        'stream ms': streamMs,
        'recovery ms': recoveryMs,
        'work orders': Number(orders[0].n),
        'duplicated open work orders': duplicated.length,
        predictions: Number(predictions[0].n),
        'custody commands (retried)': `${[...custodyCommands.values()].reduce((a, b) => a + b, 0)} (${custodyRetries})`,
        'custody chains verified': PARTS.length,
        'rebuild digest equal': rebuilt.identical ? 'yes' : 'no',
      },
    });
    console.log(JSON.stringify({ timeline, recoveryMs, streamMs }, null, 1));
  });
});
