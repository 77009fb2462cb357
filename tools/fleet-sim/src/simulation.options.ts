import { buildFleet, DEFAULT_BAD_BATCHES, DEFAULT_FLEET_OPTIONS, FleetSimulation, parseInjection, type FleetRegistry } from '@fleettwin/simulator';
import { int, list, num, optionalText, text, UsageError, type OptionSpec, type ParsedValues } from './cli-args';

export const SIMULATION_OPTIONS: OptionSpec = {
  engines: { type: 'string' },
  tenants: { type: 'string' },
  seed: { type: 'string' },
  accelerate: { type: 'string' },
  inject: { type: 'string', multiple: true },
  'sensor-faults': { type: 'string' },
  'bad-frames': { type: 'string' },
  'bad-batches': { type: 'string' },
  'seq-start': { type: 'string' },
  start: { type: 'string' },
};

export interface SimulationSetup {
  registry: FleetRegistry;
  simulation: FleetSimulation;
}

/** The fleet and its simulation as the flags describe them; `nowMs` is the default start. */
export function simulationFrom(values: ParsedValues, nowMs: number): SimulationSetup {
  const startMs = startFrom(values, nowMs);
  const seed = int(values, 'seed', DEFAULT_FLEET_OPTIONS.seed, 0, 0xffffffff);
  const registry = buildFleet({
    engines: int(values, 'engines', DEFAULT_FLEET_OPTIONS.engines, 1, 1_000_000),
    tenants: int(values, 'tenants', DEFAULT_FLEET_OPTIONS.tenants, 1, 1000),
    seed,
    startMs,
  });
  const simulation = new FleetSimulation(registry, {
    seed,
    startMs,
    cyclesPerSecond: num(values, 'accelerate', 1, 0, 1e6),
    injections: list(values, 'inject').map(parseInjectionFlag),
    sensorFaultRate: num(values, 'sensor-faults', 0, 0, 1),
    badFrameRate: num(values, 'bad-frames', 0, 0, 1),
    badBatches: text(values, 'bad-batches', DEFAULT_BAD_BATCHES.join(',')).split(',').filter(Boolean),
    seqBase: seqStartFrom(values, nowMs),
  });
  return { registry, simulation };
}

function startFrom(values: ParsedValues, nowMs: number): number {
  const start = optionalText(values, 'start');
  if (start === undefined) return nowMs;
  const ms = Date.parse(start);
  if (!Number.isFinite(ms)) throw new UsageError(`--start must be an ISO-8601 time, got "${start}"`);
  return ms;
}

// Ingest keeps each asset's highest seq across restarts, so by default a run starts its seqs at
// the start time in ms: always above any earlier run's, at up to 1000 frames/s per engine.
function seqStartFrom(values: ParsedValues, nowMs: number): number {
  const raw = text(values, 'seq-start', 'now');
  return raw === 'now' ? nowMs : int(values, 'seq-start', 0);
}

function parseInjectionFlag(flag: string): ReturnType<typeof parseInjection> {
  try {
    return parseInjection(flag);
  } catch (error) {
    throw new UsageError(`--inject: ${error instanceof Error ? error.message : String(error)}`);
  }
}
