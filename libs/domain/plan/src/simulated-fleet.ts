import { DEFAULT_SHOP_HOURS, DEFAULT_TURN_DAYS } from './plan-problem.builder';
import { failureCurve } from './failure-curve';
import type { PlanOrder, PlanProblem, Reach, ShopSite, TenantPolicy } from './plan.problem';

export interface SimulatedFleetOptions {
  assets: number;
  seed: number;
  weeks?: number;
  startsOn?: string;
  /** Spare engines per airline and shop for a 500-asset fleet (scaled with the fleet); fewer makes capacity scarce. */
  sparesPerSite?: number;
}

const SITES = ['LHR', 'FRA', 'DXB', 'SIN'] as const;
const TENANTS = ['airline-a', 'airline-b', 'airline-c'] as const;
/** Ferry between bases: days each way and round-trip cost; neighbours only (SIN–LHR is too far). */
const FERRIES: Record<string, Reach[]> = {
  LHR: [{ siteId: 'FRA', ferryDays: 1, ferryCost: 40_000 }, { siteId: 'DXB', ferryDays: 2, ferryCost: 90_000 }],
  FRA: [{ siteId: 'LHR', ferryDays: 1, ferryCost: 40_000 }, { siteId: 'DXB', ferryDays: 2, ferryCost: 80_000 }],
  DXB: [{ siteId: 'FRA', ferryDays: 2, ferryCost: 80_000 }, { siteId: 'SIN', ferryDays: 2, ferryCost: 90_000 }, { siteId: 'LHR', ferryDays: 2, ferryCost: 90_000 }],
  SIN: [{ siteId: 'DXB', ferryDays: 2, ferryCost: 90_000 }],
};
const RATE: Record<string, number> = { LHR: 120, FRA: 110, DXB: 85, SIN: 80 };

/**
 * A fleet of `assets` engines, each with one predicted work order: RUL means spread so that most
 * fall due inside the horizon, utilisation 3–6 cycles a day, three airlines sharing four shops
 * with spares and availability targets. Seeded, so a figure can be reproduced.
 */
export function simulatedFleetProblem(options: SimulatedFleetOptions): PlanProblem {
  const random = mulberry32(options.seed);
  const weeks = options.weeks ?? 12;
  const startsOn = options.startsOn ?? '2026-01-05';
  const scale = options.assets / 500;
  const sites: ShopSite[] = SITES.map((siteId) => ({
    siteId,
    slots: Array.from({ length: weeks }, () => Math.max(1, Math.round(11 * scale))),
    hours: Array.from({ length: weeks }, () => Math.round(2600 * scale)),
    costPerHour: RATE[siteId]!,
  }));
  const tenants: TenantPolicy[] = TENANTS.map((tenant) => ({
    tenant,
    spares: Object.fromEntries(SITES.map((s) => [s, Math.max(1, Math.round((options.sparesPerSite ?? 5) * scale))])),
    maxAssetsDown: Math.max(1, Math.round(4 * scale)),
    groundedCostPerWeek: 150_000,
  }));
  const orders: PlanOrder[] = Array.from({ length: options.assets }, (_, i) => {
    const tenant = TENANTS[i % TENANTS.length]!;
    const homeSiteId = SITES[Math.floor(random() * SITES.length)]!;
    const r = random();
    const kind = r < 0.6 ? 'inspection' : r < 0.9 ? 'repair' : 'replacement';
    const cyclesPerDay = 3 + random() * 3;
    const halfWidth = 15 + random() * 25;
    // Latest safe weeks spread over weeks 1–16: three quarters inside the 12-week horizon.
    const mean = cyclesPerDay * 7 * (1 + random() * 15) + halfWidth + 10;
    const rul = { mean, lower: mean - halfWidth, upper: mean + halfWidth, coverage: 0.8 };
    const predictedAt = `${startsOn}T00:00:00Z`;
    const dueDays = Math.max(0, rul.lower - 10) / cyclesPerDay;
    return {
      workOrderId: `WO-${String(i).padStart(4, '0')}`,
      tenant,
      assetId: `ESN-${String(100000 + i)}`,
      kind,
      homeSiteId,
      earliestWeek: 0,
      latestWeek: Math.floor(dueDays / 7),
      failureProbability: failureCurve({ rul, predictedAt, cyclesPerDay, startsOn, weeks }),
      shopHours: DEFAULT_SHOP_HOURS[kind],
      turnDays: DEFAULT_TURN_DAYS[kind],
      lifeValuePerWeek: 20_000,
      reach: [{ siteId: homeSiteId, ferryDays: 0, ferryCost: 0 }, ...FERRIES[homeSiteId]!],
    };
  });
  return { startsOn, weeks, sites, tenants, orders, costs: { unplannedRemoval: 2_000_000, missedWindow: 1_000_000, changePenalty: 50_000 }, accepted: {} };
}

/** Small, fast, seedable PRNG (public domain), so a fleet is the same on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
