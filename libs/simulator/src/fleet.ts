import { deriveSeed, Prng } from './prng';
import {
  ENGINE_TYPES, type ClimateZone, type DutyCycle, type EngineRecord, type EngineType,
  type FleetRegistry, type ManufacturingTolerances, type OperatingEnvironment, type RouteProfile,
} from './engine.model';

export interface FleetOptions {
  engines: number;
  tenants: number;
  seed: number;
  /** When the simulation starts, epoch ms; in-service dates are in the past of it. */
  startMs: number;
}

export const DEFAULT_FLEET_OPTIONS: Omit<FleetOptions, 'startMs'> = { engines: 200, tenants: 2, seed: 1 };

export const BUILD_BATCHES = 12;
const MAX_AGE_DAYS = 12 * 365;
const DAY_MS = 86_400_000;
const FIRST_SERIAL = 100_000;

const CLIMATE_WEIGHTS: ReadonlyArray<readonly [ClimateZone, number]> = [
  ['hot-humid', 0.25], ['hot-dry', 0.15], ['temperate', 0.4], ['cold', 0.2],
];

const HOME_BASES: Readonly<Record<ClimateZone, readonly string[]>> = {
  'hot-humid': ['WSSS', 'VTBS', 'VHHH', 'WMKK'],
  'hot-dry': ['OMDB', 'OERK', 'KPHX', 'HECA'],
  temperate: ['EGLL', 'EDDF', 'KJFK', 'LFPG'],
  cold: ['ENGM', 'CYYZ', 'UUEE', 'ESSA'],
};

/** `airline-a`, `airline-b`, … `airline-z`, `airline-aa`, …: lowercase DNS labels. */
export function tenantId(index: number): string {
  let n = index;
  let suffix = '';
  do {
    suffix = String.fromCharCode(97 + (n % 26)) + suffix;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return `airline-${suffix}`;
}

export function assetIdFor(index: number): string {
  return `ESN-${FIRST_SERIAL + index}`;
}

export function batchId(index: number): string {
  return `B${String(index + 1).padStart(2, '0')}`;
}

/** Builds the registry: aircraft by aircraft, so all engines of one aircraft share its environment. */
export function buildFleet(options: FleetOptions): FleetRegistry {
  if (!Number.isInteger(options.engines) || options.engines < 1) throw new RangeError('engines must be a positive integer');
  if (!Number.isInteger(options.tenants) || options.tenants < 1) throw new RangeError('tenants must be a positive integer');
  const tenants = Array.from({ length: options.tenants }, (_, i) => tenantId(i));
  const engines: EngineRecord[] = [];
  for (let aircraft = 0; engines.length < options.engines; aircraft++) {
    const prng = new Prng(deriveSeed(options.seed, 'aircraft', aircraft));
    const remaining = options.engines - engines.length;
    const type = pickType(prng, remaining);
    const tenant = tenants[aircraft % tenants.length];
    const environment = pickEnvironment(prng, type);
    const dutyCycle = pickDutyCycle(prng, environment.route);
    // A lone remaining engine is a spare in the tenant's pool, not on a wing.
    const installed = remaining >= type.enginesPerAircraft;
    const count = installed ? type.enginesPerAircraft : remaining;
    const aircraftId = installed ? `AC-${String(aircraft + 1).padStart(5, '0')}` : null;
    for (let position = 1; position <= count; position++) {
      const index = engines.length;
      engines.push(buildEngine({ index, seed: options.seed, startMs: options.startMs, tenant, type, environment, dutyCycle, aircraftId, position: installed ? position : null }));
    }
  }
  return { seed: options.seed, generatedAt: new Date(options.startMs).toISOString(), tenants, engines };
}

function pickType(prng: Prng, remaining: number): EngineType {
  const type = prng.pick(ENGINE_TYPES);
  if (remaining >= type.enginesPerAircraft) return type;
  return ENGINE_TYPES.find((t) => t.enginesPerAircraft === 2) ?? type;
}

function pickEnvironment(prng: Prng, type: EngineType): OperatingEnvironment {
  const climate = prng.weighted(CLIMATE_WEIGHTS);
  // Four-engine aircraft fly long routes; twins fly both.
  const route: RouteProfile = type.enginesPerAircraft === 4 || prng.chance(0.3) ? 'long-haul' : 'short-haul';
  return { climate, route, homeBase: prng.pick(HOME_BASES[climate]) };
}

function pickDutyCycle(prng: Prng, route: RouteProfile): DutyCycle {
  const longHaul = route === 'long-haul';
  return {
    cyclesPerDay: round(longHaul ? prng.uniform(0.8, 1.6) : prng.uniform(4, 7), 2),
    hoursPerCycle: round(longHaul ? prng.uniform(6, 12) : prng.uniform(1, 2.5), 2),
    takeoffDerate: round(prng.uniform(0.05, 0.25), 3),
  };
}

interface EngineSlot {
  index: number;
  seed: number;
  startMs: number;
  tenant: string;
  type: EngineType;
  environment: OperatingEnvironment;
  dutyCycle: DutyCycle;
  aircraftId: string | null;
  position: number | null;
}

function buildEngine(slot: EngineSlot): EngineRecord {
  const prng = new Prng(deriveSeed(slot.seed, 'engine', slot.index));
  const ageDays = prng.uniform(30, MAX_AGE_DAYS);
  // Batches were built in sequence, so older engines come from earlier batches.
  const batchIndex = clampInt(Math.floor((1 - ageDays / MAX_AGE_DAYS) * BUILD_BATCHES + prng.gaussian(0, 0.6)), 0, BUILD_BATCHES - 1);
  const cyclesSinceNew = Math.round(ageDays * slot.dutyCycle.cyclesPerDay);
  // Shop visits restore performance; the engine is somewhere in its current interval.
  const cyclesSinceShopVisit = Math.min(cyclesSinceNew, Math.round(prng.uniform(0, slot.environment.route === 'long-haul' ? 2500 : 4000)));
  return {
    assetId: assetIdFor(slot.index),
    tenant: slot.tenant,
    aircraftId: slot.aircraftId,
    aircraftType: slot.type.aircraftType,
    position: slot.position,
    model: slot.type.model,
    variant: slot.type.variant,
    buildBatch: batchId(batchIndex),
    tolerances: drawTolerances(prng),
    environment: slot.environment,
    dutyCycle: slot.dutyCycle,
    inServiceDate: new Date(Math.floor((slot.startMs - ageDays * DAY_MS) / DAY_MS) * DAY_MS).toISOString().slice(0, 10),
    cyclesSinceNew,
    cyclesSinceShopVisit,
  };
}

function drawTolerances(prng: Prng): ManufacturingTolerances {
  return {
    hpcEfficiency: round(prng.gaussian(0, 0.002), 5),
    fanEfficiency: round(prng.gaussian(0, 0.0015), 5),
    turbineTipClearance: round(prng.gaussian(0, 0.08), 3),
    bearingClearance: round(prng.gaussian(0, 4), 2),
    rotorImbalance: round(Math.abs(prng.gaussian(0, 1.5)), 2),
  };
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

function clampInt(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
