/**
 * The planning problem in week units: everything the model, the greedy baseline, the checker and
 * the figures read. Built from settings and work orders by `planProblemFrom`; plain data, so a
 * stored plan carries exactly what it was computed from.
 */
export interface PlanProblem {
  /** First day of week 0, `YYYY-MM-DD` (UTC). */
  startsOn: string;
  weeks: number;
  sites: ShopSite[];
  tenants: TenantPolicy[];
  orders: PlanOrder[];
  costs: PlanCostRates;
  /** The accepted plan's assignments, by work order: moving one costs `costs.changePenalty`. */
  accepted: Record<string, SlotRef>;
}

export interface ShopSite {
  siteId: string;
  /** Inductions per week, one figure per week. */
  slots: number[];
  /** Labour hours per week, one figure per week. */
  hours: number[];
  costPerHour: number;
}

export interface TenantPolicy {
  tenant: string;
  /** Spare engines per site. */
  spares: Record<string, number>;
  /** Availability target: aircraft grounded (in the shop with no spare left) per week, at most. */
  maxAssetsDown: number;
  groundedCostPerWeek: number;
}

export interface PlanCostRates {
  unplannedRemoval: number;
  missedWindow: number;
  changePenalty: number;
}

export interface Reach {
  siteId: string;
  /** Ferry days each way (0 at the home base). */
  ferryDays: number;
  /** Round-trip ferry cost (0 at the home base). */
  ferryCost: number;
}

export interface PlanOrder {
  workOrderId: string;
  tenant: string;
  assetId: string;
  kind: string;
  homeSiteId: string;
  /** Due window in weeks from the plan start: not before `earliestWeek`, not after `latestWeek` (the latest safe week, from the RUL lower bound). */
  earliestWeek: number;
  latestWeek: number;
  /**
   * Cumulative probability that the asset fails in service (an unplanned removal) before the start
   * of week w, if not inducted earlier; `weeks + 1` entries, the last one at the end of the horizon.
   */
  failureProbability: number[];
  shopHours: number;
  turnDays: number;
  /** Value of a week of remaining life: removing the engine before its latest week wastes it. */
  lifeValuePerWeek: number;
  /** Sites the asset can reach (its home base first). */
  reach: Reach[];
}

export interface SlotRef {
  siteId: string;
  week: number;
}

export interface Assignment extends SlotRef {
  workOrderId: string;
}

/** A week is 7 days; an asset is out for its turn time plus the ferry both ways. */
export function weeksDown(order: PlanOrder, reach: Reach): number {
  return Math.max(1, Math.ceil((order.turnDays + 2 * reach.ferryDays) / 7));
}

/** The weeks an order may be inducted in within the horizon; an overdue order may only go now. */
export function windowOf(order: PlanOrder, weeks: number): { from: number; to: number } {
  const from = Math.min(Math.max(0, order.earliestWeek), weeks - 1);
  const to = Math.min(Math.max(from, order.latestWeek), weeks - 1);
  return { from, to };
}

/** Whether the latest safe week falls inside the horizon: then leaving the order out misses it. */
export function dueWithinHorizon(order: PlanOrder, weeks: number): boolean {
  return order.latestWeek < weeks;
}
