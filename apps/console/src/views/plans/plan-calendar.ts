import { formatNumber, formatPercent } from '../../ui/format';
import type { CalendarEntry, MovedAssignment, PlanFigures, PlanView, SiteWeek } from './plan-types';

export type RiskTone = 'low' | 'medium' | 'high';

/** Colour of an order in the calendar: P(failure in service before its induction). */
export function riskTone(failureProbability: number): RiskTone {
  if (failureProbability >= 0.2) return 'high';
  if (failureProbability >= 0.05) return 'medium';
  return 'low';
}

export interface GridEntry extends CalendarEntry {
  tone: RiskTone;
  /** Work-order priority when the order is a real one the console knows (predicted orders have none). */
  priority?: number;
  /** Where a re-plan moved it from, when it did. */
  movedFrom?: SiteWeek;
}

export interface GridCell {
  siteId: string;
  week: number;
  startsOn: string;
  orders: GridEntry[];
  slotsUsed: number;
  slots: number;
  hoursUsed: number;
  hours: number;
  /** Slots or hours booked beyond capacity (the checker refuses such a plan; shown if a stored one has it). */
  overflow: boolean;
  /** Share of the tighter capacity in use, 0…1+ (for the cell's fill); 0 when the cell has no capacity and no work. */
  load: number;
}

export interface CalendarGrid {
  columns: { week: number; startsOn: string; label: string }[];
  rows: { siteId: string; cells: GridCell[]; inducted: number }[];
  unscheduled: PlanView['calendar']['unscheduled'];
}

/** `W3 · 12 Jan`: the week number in the plan and the day it starts. */
export function weekLabel(week: number, startsOn: string): string {
  const date = new Date(`${startsOn}T00:00:00Z`);
  const day = Number.isNaN(date.getTime()) ? startsOn : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return `W${week} · ${day}`;
}

/**
 * The plan as a calendar: one row per site, one column per week, each cell the orders inducted there
 * (most at risk first) with its load against slots and hours.
 */
export function calendarGrid(plan: Pick<PlanView, 'calendar' | 'moved'>, priorities: ReadonlyMap<string, number> = new Map()): CalendarGrid {
  const movedFrom = new Map(plan.moved.filter((m) => m.to).map((m) => [m.workOrderId, m.from]));
  const columns = plan.calendar.weeks.map((w) => ({ week: w.week, startsOn: w.startsOn, label: weekLabel(w.week, w.startsOn) }));
  const rows = plan.calendar.sites.map((site) => {
    const cells = site.weeks.map((cell): GridCell => {
      const orders = cell.orders
        .map((o): GridEntry => {
          const priority = priorities.get(o.workOrderId);
          const from = movedFrom.get(o.workOrderId);
          return { ...o, tone: riskTone(o.failureProbability), ...(priority === undefined ? {} : { priority }), ...(from ? { movedFrom: from } : {}) };
        })
        .sort((a, b) => b.failureProbability - a.failureProbability || a.workOrderId.localeCompare(b.workOrderId));
      const overflow = cell.slotsUsed > cell.slots || cell.hoursUsed > cell.hours + 1e-6;
      const shares = [cell.slots > 0 ? cell.slotsUsed / cell.slots : cell.slotsUsed > 0 ? Infinity : 0, cell.hours > 0 ? cell.hoursUsed / cell.hours : cell.hoursUsed > 0 ? Infinity : 0];
      return { siteId: site.siteId, week: cell.week, startsOn: cell.startsOn, orders, slotsUsed: cell.slotsUsed, slots: cell.slots, hoursUsed: cell.hoursUsed, hours: cell.hours, overflow, load: Math.max(...shares) };
    });
    return { siteId: site.siteId, cells, inducted: cells.reduce((n, c) => n + c.orders.length, 0) };
  });
  return { columns, rows, unscheduled: plan.calendar.unscheduled };
}

/** What a cell says to a screen reader (and in its title): where, how full, what is in it. */
export function cellSummary(cell: GridCell): string {
  const what = cell.orders.length ? cell.orders.map((o) => `${o.assetId} ${o.kind} (P(fail) ${formatPercent(o.failureProbability)})`).join(', ') : 'nothing inducted';
  return `${cell.siteId}, week ${cell.week}: ${cell.slotsUsed} of ${cell.slots} slots, ${formatNumber(cell.hoursUsed, 0)} of ${formatNumber(cell.hours, 0)} h${cell.overflow ? ', over capacity' : ''}; ${what}`;
}

export interface FigureRow {
  label: string;
  greedy: string;
  optimised: string;
  /** Greedy minus optimised in the row's unit: what the optimiser saves. */
  gain: string;
  better?: boolean;
}

const money = (n: number) => formatNumber(n, 0);
const FIGURES: readonly { key: keyof PlanFigures; label: string; format: (n: number) => string; lowerIsBetter: boolean }[] = [
  { key: 'objective', label: 'Objective (money)', format: money, lowerIsBetter: true },
  { key: 'expectedUnplannedRemovals', label: 'Expected unplanned removals', format: (n) => formatNumber(n, 2), lowerIsBetter: true },
  { key: 'cost', label: 'Cost (shop + ferry + waste + grounded)', format: money, lowerIsBetter: true },
  { key: 'scheduled', label: 'Orders scheduled', format: (n) => formatNumber(n, 0), lowerIsBetter: false },
  { key: 'missedWindows', label: 'Missed due windows', format: (n) => formatNumber(n, 0), lowerIsBetter: true },
  { key: 'groundedAircraftWeeks', label: 'Aircraft-weeks grounded', format: (n) => formatNumber(n, 0), lowerIsBetter: true },
  { key: 'moved', label: 'Accepted assignments moved', format: (n) => formatNumber(n, 0), lowerIsBetter: true },
];

/** Greedy baseline beside the optimised plan, the gain per figure. */
export function figureRows(figures: { greedy: PlanFigures; optimised: PlanFigures }): FigureRow[] {
  return FIGURES.map(({ key, label, format, lowerIsBetter }) => {
    const [g, o] = [figures.greedy[key], figures.optimised[key]];
    const saved = lowerIsBetter ? g - o : o - g;
    const same = Math.abs(saved) < 1e-9;
    return { label, greedy: format(g), optimised: format(o), gain: same ? '—' : `${saved > 0 ? '+' : '−'}${format(Math.abs(saved))}`, ...(same ? {} : { better: saved > 0 }) };
  });
}

/** `wo-1: LHR W2 → MAN W3` (or `→ left out`). */
export function movedLabel(moved: MovedAssignment): string {
  const at = (s: SiteWeek) => `${s.siteId} W${s.week}`;
  return `${moved.workOrderId}: ${at(moved.from)} → ${moved.to ? at(moved.to) : 'left out'}`;
}
