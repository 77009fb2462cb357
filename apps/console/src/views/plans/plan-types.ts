/** What the gateway answers for maintenance plans (docs/planning.md, docs/api.md), as the console reads it. */

export interface PlanFigures {
  orders: number;
  scheduled: number;
  missedWindows: number;
  deferredPastHorizon: number;
  expectedUnplannedRemovals: number;
  shopCost: number;
  ferryCost: number;
  earlyRemovalWaste: number;
  groundedAircraftWeeks: number;
  groundedCost: number;
  cost: number;
  moved: number;
  objective: number;
}

export interface CalendarEntry {
  workOrderId: string;
  assetId: string;
  tenant?: string;
  kind: string;
  homeSiteId?: string;
  weeksDown: number;
  ferryDays: number;
  latestWeek: number;
  /** P(failure in service before this induction). */
  failureProbability: number;
}

export interface CalendarCell {
  week: number;
  startsOn: string;
  slotsUsed: number;
  slots: number;
  hoursUsed: number;
  hours: number;
  orders: CalendarEntry[];
}

export interface PlanCalendar {
  startsOn?: string;
  weeks: { week: number; startsOn: string }[];
  sites: { siteId: string; weeks: CalendarCell[] }[];
  unscheduled: { workOrderId: string; assetId: string; latestWeek: number; reason: 'missed-window' | 'past-horizon' }[];
}

export interface SolverReport {
  solver: string;
  version: string;
  status: string;
  seconds: number;
  timeLimitSeconds: number;
  mipRelGap: number;
  mipGap: number | null;
  columns: number;
  rows: number;
  binaries: number;
}

export interface SiteWeek {
  siteId: string;
  week: number;
}

export interface MovedAssignment {
  workOrderId: string;
  from: SiteWeek;
  to: SiteWeek | null;
}

export interface PlanView {
  planId: string;
  tenant: string;
  status: 'proposed' | 'accepted';
  revision: number;
  acceptedRevision: number | null;
  startsOn: string;
  weeks: number;
  assignments: (SiteWeek & { workOrderId: string })[];
  calendar: PlanCalendar;
  figures: { optimised: PlanFigures; greedy: PlanFigures; gain: { objective: number; expectedUnplannedRemovals: number; cost: number; missedWindows: number } };
  solver: SolverReport;
  moved: MovedAssignment[];
  violations: { code: string; workOrderId?: string; siteId?: string; week?: number }[];
  history: { revision: number; type: string; at: string; by: string; moved?: number }[];
  drift?: { newOrders: string[]; closedOrders: string[]; dueMoved: { workOrderId: string; from: number; to: number }[]; replanSuggested: boolean };
  createdAt: string;
  updatedAt: string;
}

export interface PlanSummary {
  planId: string;
  status: 'proposed' | 'accepted';
  revision: number;
  acceptedRevision: number | null;
  startsOn: string;
  weeks: number;
  optimised: PlanFigures;
  greedy: PlanFigures;
  updatedAt: string;
}

export interface PlanList {
  plans: PlanSummary[];
}

export interface PlanSiteSettings {
  siteId: string;
  slotsPerWeek: number;
  hoursPerWeek: number;
  costPerHour: number;
}

export interface PlanSettingsBody {
  startsOn: string;
  weeks: number;
  sites: PlanSiteSettings[];
  ferries: { from: string; to: string; days: number; cost: number }[];
  defaultHomeSiteId?: string;
  policy: { spares: Record<string, number>; maxAssetsDown?: number };
  solver: { timeLimitSeconds: number };
}
