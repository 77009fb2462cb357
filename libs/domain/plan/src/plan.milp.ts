import { indexOrders, occupancyOf, tenantSiteWeek } from './plan.occupancy';
import { dueWithinHorizon, weeksDown, windowOf, type Assignment, type PlanProblem } from './plan.problem';

/**
 * A mixed-integer linear program in the shape every LP solver takes: minimise colCost·x subject to
 * rowLower ≤ A·x ≤ rowUpper and column bounds, A row-wise (CSR). No solver types here: the
 * adapter hands it to HiGHS.
 */
export interface LinearProgram {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  /** 1 where the column must be integral. */
  integer: Uint8Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** CSR: row i's entries are index/value[starts[i] … starts[i + 1]). */
  starts: Int32Array;
  index: Int32Array;
  value: Float64Array;
}

export type PlanColumn =
  | { kind: 'assign'; workOrderId: string; siteId: string; week: number }
  | { kind: 'leave-out'; workOrderId: string }
  | { kind: 'grounded'; tenant: string; siteId: string; week: number };

export interface PlanModel {
  lp: LinearProgram;
  columns: PlanColumn[];
  binaries: number;
}

const INF = Number.POSITIVE_INFINITY;

/**
 * The plan as a MILP:
 * - x[o,s,w] ∈ {0,1}: order o inducted at site s in week w, for reachable s and w in o's due window;
 * - u[o] ∈ [0,1]: o left out of this plan (Σ x[o,·,·] + u[o] = 1);
 * - g[t,s,w] ≥ 0: tenant t's aircraft grounded at s in week w (in the shop beyond the spares).
 * Rows: one per order; slots and hours per site-week; in-shop − g ≤ spares per tenant-site-week;
 * Σ_s g ≤ max down per tenant-week. Costs are those of `planFigures`, so the optimum minimises
 * exactly the objective the figures report.
 */
export function buildPlanModel(problem: PlanProblem): PlanModel {
  const columns: PlanColumn[] = [];
  const cost: number[] = [];
  const upper: number[] = [];
  const integer: number[] = [];
  const rows: { lower: number; upper: number; entries: Map<number, number> }[] = [];
  const rowOf = new Map<string, number>();
  const row = (key: string, lower: number, up: number): number => {
    let i = rowOf.get(key);
    if (i === undefined) {
      i = rows.length;
      rows.push({ lower, upper: up, entries: new Map() });
      rowOf.set(key, i);
    }
    return i;
  };
  const put = (rowIndex: number, col: number, v: number) => {
    const entries = rows[rowIndex]!.entries;
    entries.set(col, (entries.get(col) ?? 0) + v);
  };
  const addColumn = (column: PlanColumn, c: number, up: number, isInteger: boolean): number => {
    columns.push(column);
    cost.push(c);
    upper.push(up);
    integer.push(isInteger ? 1 : 0);
    return columns.length - 1;
  };
  const sites = new Map(problem.sites.map((s) => [s.siteId, s]));
  const policies = new Map(problem.tenants.map((t) => [t.tenant, t]));
  const R = problem.costs.unplannedRemoval;
  const inShopCover = new Map<string, number[]>();

  for (const order of problem.orders) {
    const assignRow = row(`order|${order.workOrderId}`, 1, 1);
    const accepted = problem.accepted[order.workOrderId];
    const { from, to } = windowOf(order, problem.weeks);
    for (const reach of order.reach) {
      const site = sites.get(reach.siteId);
      if (!site) continue;
      for (let w = from; w <= to; w++) {
        const moved = accepted && (accepted.siteId !== reach.siteId || accepted.week !== w) ? problem.costs.changePenalty : 0;
        const c = R * (order.failureProbability[w] ?? 1) + order.shopHours * site.costPerHour + reach.ferryCost + order.lifeValuePerWeek * Math.max(0, order.latestWeek - w) + moved;
        const col = addColumn({ kind: 'assign', workOrderId: order.workOrderId, siteId: reach.siteId, week: w }, c, 1, true);
        put(assignRow, col, 1);
        put(row(`slots|${site.siteId}|${w}`, -INF, site.slots[w] ?? 0), col, 1);
        put(row(`hours|${site.siteId}|${w}`, -INF, site.hours[w] ?? 0), col, order.shopHours);
        if (!policies.has(order.tenant)) continue;
        const last = Math.min(problem.weeks, w + weeksDown(order, reach));
        for (let d = w; d < last; d++) {
          const key = tenantSiteWeek(order.tenant, site.siteId, d);
          inShopCover.set(key, [...(inShopCover.get(key) ?? []), col]);
        }
      }
    }
    const home = sites.get(order.homeSiteId) ?? problem.sites[0];
    const leaveOut = R * (order.failureProbability[problem.weeks] ?? 1) + order.shopHours * (home?.costPerHour ?? 0)
      + (dueWithinHorizon(order, problem.weeks) ? problem.costs.missedWindow : 0) + (accepted ? problem.costs.changePenalty : 0);
    put(assignRow, addColumn({ kind: 'leave-out', workOrderId: order.workOrderId }, leaveOut, 1, false), 1);
  }

  for (const t of problem.tenants) {
    for (let w = 0; w < problem.weeks; w++) {
      for (const s of problem.sites) {
        const covering = inShopCover.get(tenantSiteWeek(t.tenant, s.siteId, w));
        if (!covering) continue;
        const sparesRow = row(`spares|${t.tenant}|${s.siteId}|${w}`, -INF, t.spares[s.siteId] ?? 0);
        for (const col of covering) put(sparesRow, col, 1);
        const g = addColumn({ kind: 'grounded', tenant: t.tenant, siteId: s.siteId, week: w }, t.groundedCostPerWeek, INF, false);
        put(sparesRow, g, -1);
        put(row(`down|${t.tenant}|${w}`, -INF, t.maxAssetsDown), g, 1);
      }
    }
  }

  const starts = new Int32Array(rows.length + 1);
  const nnz = rows.reduce((n, r) => n + r.entries.size, 0);
  const index = new Int32Array(nnz);
  const value = new Float64Array(nnz);
  let k = 0;
  rows.forEach((r, i) => {
    starts[i] = k;
    for (const [col, v] of [...r.entries.entries()].sort((a, b) => a[0] - b[0])) {
      index[k] = col;
      value[k] = v;
      k++;
    }
  });
  starts[rows.length] = k;
  return {
    columns,
    binaries: integer.reduce((n, i) => n + i, 0),
    lp: {
      numCols: columns.length,
      numRows: rows.length,
      colCost: Float64Array.from(cost),
      colLower: new Float64Array(columns.length),
      colUpper: Float64Array.from(upper),
      integer: Uint8Array.from(integer),
      rowLower: Float64Array.from(rows.map((r) => r.lower)),
      rowUpper: Float64Array.from(rows.map((r) => r.upper)),
      starts,
      index,
      value,
    },
  };
}

/** The solver's column values back as assignments (x ≥ 0.5). */
export function assignmentsFrom(model: PlanModel, values: ArrayLike<number>): Assignment[] {
  const assignments: Assignment[] = [];
  model.columns.forEach((c, i) => {
    if (c.kind === 'assign' && (values[i] ?? 0) > 0.5) assignments.push({ workOrderId: c.workOrderId, siteId: c.siteId, week: c.week });
  });
  return assignments.sort((a, b) => a.workOrderId.localeCompare(b.workOrderId));
}

/**
 * Column values of a known plan (e.g. the greedy one), to start the solver from: it never returns
 * worse than that. Null if the plan uses a slot the model has no column for.
 */
export function columnValuesOf(problem: PlanProblem, model: PlanModel, assignments: readonly Assignment[]): Float64Array | null {
  const values = new Float64Array(model.columns.length);
  const wanted = new Map(assignments.map((a) => [a.workOrderId, a]));
  const orders = indexOrders(problem);
  const inShop = occupancyOf(problem, assignments).inShop;
  const spares = new Map(problem.tenants.map((t) => [t.tenant, t.spares]));
  let matched = 0;
  model.columns.forEach((c, i) => {
    if (c.kind === 'assign') {
      const a = wanted.get(c.workOrderId);
      if (a && a.siteId === c.siteId && a.week === c.week) {
        values[i] = 1;
        matched++;
      }
    } else if (c.kind === 'leave-out') values[i] = wanted.has(c.workOrderId) && orders.has(c.workOrderId) ? 0 : 1;
    else values[i] = Math.max(0, (inShop.get(tenantSiteWeek(c.tenant, c.siteId, c.week)) ?? 0) - (spares.get(c.tenant)?.[c.siteId] ?? 0));
  });
  return matched === [...wanted.keys()].filter((id) => orders.has(id)).length ? values : null;
}
