import type { PlanSettings, PredictedOrder, WorkOrderKind } from '@fleettwin/contracts';
import { dueDateFromRul } from '@fleettwin/domain-work-order';
import { failureCurve, weekOf, type RulInterval } from './failure-curve';
import type { Assignment, PlanOrder, PlanProblem, Reach, ShopSite, TenantPolicy } from './plan.problem';

const DAY_MS = 86_400_000;

export const DEFAULT_SHOP_HOURS: Record<WorkOrderKind, number> = { inspection: 40, calibration: 24, repair: 400, replacement: 800 };
export const DEFAULT_TURN_DAYS: Record<WorkOrderKind, number> = { inspection: 3, calibration: 2, repair: 21, replacement: 28 };

/** What planning needs of a work order (a subset of the work-order aggregate's state). */
export interface PlannableWorkOrder {
  workOrderId: string;
  tenant: string;
  assetId: string;
  kind: WorkOrderKind;
  /** Latest safe date (the policy's due date, from the RUL lower bound less the safety margin). */
  dueAt: string;
  evidence: { occurredAt: string; rul: RulInterval }[];
}

export interface ProblemContext {
  tenant: string;
  /** Utilisation used when the settings give none. */
  cyclesPerDay: number;
  /** The accepted plan, when re-planning. */
  accepted?: readonly Assignment[];
}

/**
 * Orders the predictions foresee, for assets that hold no open order (an open one already covers
 * the asset): due where the policy would put it, from the RUL lower bound less the margin.
 */
export function predictedWorkOrders(predicted: readonly PredictedOrder[], open: readonly PlannableWorkOrder[], settings: PlanSettings, context: ProblemContext): PlannableWorkOrder[] {
  const covered = new Set(open.map((o) => o.assetId));
  const cyclesPerDay = settings.cyclesPerDay ?? context.cyclesPerDay;
  const seen = new Set<string>();
  return predicted.flatMap((p) => {
    if (covered.has(p.assetId) || seen.has(p.assetId)) return [];
    seen.add(p.assetId);
    const dueAt = dueDateFromRul({ now: p.predictedAt, rulLower: p.rul.lower, safetyMarginCycles: settings.safetyMarginCycles, cyclesPerDay });
    return [{ workOrderId: `predicted-${p.assetId}`, tenant: context.tenant, assetId: p.assetId, kind: p.kind, dueAt, evidence: [{ occurredAt: p.predictedAt, rul: p.rul }] }];
  });
}

/** Settings + a tenant's open work orders → the problem in week units. Pure: same inputs, same problem. */
export function planProblemFrom(settings: PlanSettings, orders: readonly PlannableWorkOrder[], context: ProblemContext): PlanProblem {
  const { weeks, startsOn } = settings;
  const sites: ShopSite[] = settings.sites.map((s) => ({ siteId: s.siteId, slots: perWeek(s.slotsPerWeek, weeks), hours: perWeek(s.hoursPerWeek, weeks), costPerHour: s.costPerHour }));
  const homeDefault = settings.defaultHomeSiteId ?? settings.sites[0]!.siteId;
  const cyclesPerDay = settings.cyclesPerDay ?? context.cyclesPerDay;
  const tenant: TenantPolicy = {
    tenant: context.tenant,
    spares: Object.fromEntries(settings.sites.map((s) => [s.siteId, settings.policy.spares[s.siteId] ?? 0])),
    maxAssetsDown: maxAssetsDown(settings),
    groundedCostPerWeek: settings.policy.groundedCostPerWeek,
  };
  const planOrders = [...orders]
    .sort((a, b) => a.workOrderId.localeCompare(b.workOrderId))
    .map((order): PlanOrder => {
      const homeSiteId = settings.homeBases[order.assetId] ?? homeDefault;
      const latest = order.evidence.at(-1);
      return {
        workOrderId: order.workOrderId,
        tenant: order.tenant,
        assetId: order.assetId,
        kind: order.kind,
        homeSiteId,
        earliestWeek: 0,
        latestWeek: weekOf(order.dueAt, startsOn),
        failureProbability: latest
          ? failureCurve({ rul: latest.rul, predictedAt: latest.occurredAt, cyclesPerDay, startsOn, weeks })
          : curveWithoutPrediction(order.dueAt, startsOn, weeks),
        shopHours: settings.hoursByKind[order.kind] ?? DEFAULT_SHOP_HOURS[order.kind],
        turnDays: settings.turnDaysByKind[order.kind] ?? DEFAULT_TURN_DAYS[order.kind],
        lifeValuePerWeek: settings.costs.lifeValuePerWeek,
        reach: reachOf(homeSiteId, settings),
      };
    });
  return {
    startsOn,
    weeks,
    sites,
    tenants: [tenant],
    orders: planOrders,
    costs: { unplannedRemoval: settings.costs.unplannedRemoval, missedWindow: settings.costs.missedWindow, changePenalty: settings.costs.changePenalty },
    accepted: Object.fromEntries((context.accepted ?? []).map((a) => [a.workOrderId, { siteId: a.siteId, week: a.week }])),
  };
}

function perWeek(value: number | number[], weeks: number): number[] {
  return Array.isArray(value) ? [...value] : Array.from({ length: weeks }, () => value);
}

/** No explicit target: no aircraft may be grounded (every induction needs a spare). */
function maxAssetsDown(settings: PlanSettings): number {
  const { maxAssetsDown: max, availability } = settings.policy;
  const fromShare = availability ? Math.floor((1 - availability.target) * availability.fleetSize + 1e-9) : undefined;
  if (max !== undefined && fromShare !== undefined) return Math.min(max, fromShare);
  return max ?? fromShare ?? 0;
}

function reachOf(home: string, settings: PlanSettings): Reach[] {
  const away = settings.ferries
    .filter((f) => f.from === home && f.to !== home)
    .map((f) => ({ siteId: f.to, ferryDays: f.days, ferryCost: f.cost }))
    .sort((a, b) => a.ferryCost - b.ferryCost || a.siteId.localeCompare(b.siteId));
  return [{ siteId: home, ferryDays: 0, ferryCost: 0 }, ...away];
}

/**
 * An order raised by hand carries no RUL: read its due date as the lower bound of a one-week
 * spread, so risk grows past the due date like a predicted order's does.
 */
function curveWithoutPrediction(dueAt: string, startsOn: string, weeks: number): number[] {
  const dueDays = (Date.parse(dueAt) - Date.parse(`${startsOn}T00:00:00Z`)) / DAY_MS;
  return failureCurve({ rul: { mean: dueDays + 9, lower: dueDays, upper: dueDays + 18, coverage: 0.8 }, predictedAt: `${startsOn}T00:00:00Z`, cyclesPerDay: 1, startsOn, weeks });
}
