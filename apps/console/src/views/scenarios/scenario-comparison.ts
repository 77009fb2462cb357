import { formatNumber, formatPercent } from '../../ui/format';
import type { AssetScenarioResult, FleetArm, Histogram, RerunAnswer, RulSummary, ScenarioArm, ScenarioChange } from './scenario-types';

/**
 * The histogram as step series on the shared bin edges: x holds every edge, each arm's share of draws
 * holds from its edge to the next, and the last edge drops back to 0 so the outline closes.
 */
export function histogramSeries(histogram: Histogram): [number[], number[], number[]] {
  const bins = Math.min(histogram.baseline.length, histogram.scenario.length, Math.max(0, histogram.edges.length - 1));
  const x = histogram.edges.slice(0, bins + 1);
  const close = (shares: number[]) => [...shares.slice(0, bins), 0];
  return bins ? [x, close(histogram.baseline), close(histogram.scenario)] : [[], [], []];
}

/** The text alternative of the histogram: one row per bin with both arms' shares. */
export function histogramRows(histogram: Histogram): { from: number; to: number; baseline: number; scenario: number }[] {
  const [x, baseline, scenario] = histogramSeries(histogram);
  return x.slice(0, -1).map((from, i) => ({ from, to: x[i + 1] ?? from, baseline: baseline[i] ?? 0, scenario: scenario[i] ?? 0 }));
}

export interface QuantileBand {
  arm: 'baseline' | 'scenario';
  /** 5–95 % and 25–75 % ranges and the median, in cycles (undefined when the summary lacks the quantile). */
  outer: [number, number] | undefined;
  inner: [number, number] | undefined;
  median: number | undefined;
}

export function quantileOf(summary: RulSummary, p: number): number | undefined {
  return summary.quantiles.find((q) => Math.abs(q.p - p) < 1e-9)?.cycles;
}

function range(summary: RulSummary, low: number, high: number): [number, number] | undefined {
  const [a, b] = [quantileOf(summary, low), quantileOf(summary, high)];
  return a === undefined || b === undefined ? undefined : [a, b];
}

/** The bands drawn over the histogram: where the middle 90 % and 50 % of each arm's RULs fall. */
export function quantileBands(asset: AssetScenarioResult): QuantileBand[] {
  return (['baseline', 'scenario'] as const).map((arm) => {
    const summary = asset[arm].rulCycles;
    return { arm, outer: range(summary, 0.05, 0.95), inner: range(summary, 0.25, 0.75), median: quantileOf(summary, 0.5) };
  });
}

/** Expected removals per month, both arms on one month axis (months counted from 1). */
export function removalsSeries(baseline: readonly number[], scenario: readonly number[]): [number[], number[], number[]] {
  const months = Math.max(baseline.length, scenario.length);
  const x = Array.from({ length: months }, (_, i) => i + 1);
  return [x, x.map((_, i) => baseline[i] ?? 0), x.map((_, i) => scenario[i] ?? 0)];
}

export interface ComparisonRow {
  label: string;
  baseline: string;
  scenario: string;
  /** Scenario minus baseline, signed, or empty where a difference says nothing. */
  change: string;
  /** Whether the change is good for the asset (longer life, less risk): drives the colour only. */
  better?: boolean;
}

/** Signed at the precision shown, so a change that rounds to nothing reads `±0`, never `−0.00`. */
const signed = (value: number, digits: number, unit = '') => {
  const shown = Number(value.toFixed(digits));
  return `${shown > 0 ? '+' : shown < 0 ? '−' : '±'}${formatNumber(Math.abs(shown), digits)}${unit}`;
};
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function delta(baseline: number, scenario: number, digits: number, higherIsBetter: boolean, unit = ''): Pick<ComparisonRow, 'change' | 'better'> {
  const diff = scenario - baseline;
  if (!Number.isFinite(diff)) return { change: '' };
  return { change: signed(diff, digits, unit), ...(Math.abs(diff) < 10 ** -digits / 2 ? {} : { better: higherIsBetter ? diff > 0 : diff < 0 }) };
}

function band(summary: RulSummary): string {
  const r = range(summary, 0.05, 0.95);
  return r ? `${formatNumber(r[0], 0)}–${formatNumber(r[1], 0)}` : '—';
}

/** One asset's baseline and scenario side by side: the comparison table under the charts. */
export function comparisonRows(asset: AssetScenarioResult, horizonCycles: number): ComparisonRow[] {
  const { baseline: b, scenario: s } = asset;
  const median = (arm: ScenarioArm) => quantileOf(arm.rulCycles, 0.5) ?? Number.NaN;
  const removals = (arm: ScenarioArm) => sum(arm.expectedRemovalsPerMonth);
  return [
    { label: 'Median RUL (cycles)', baseline: formatNumber(median(b), 0), scenario: formatNumber(median(s), 0), ...delta(median(b), median(s), 0, true) },
    { label: 'Mean RUL (cycles)', baseline: formatNumber(b.rulCycles.mean, 0), scenario: formatNumber(s.rulCycles.mean, 0), ...delta(b.rulCycles.mean, s.rulCycles.mean, 0, true) },
    { label: 'RUL 5–95 % (cycles)', baseline: band(b.rulCycles), scenario: band(s.rulCycles), change: '' },
    { label: 'Median RUL (days)', baseline: formatNumber(b.medianRulDays, 0), scenario: formatNumber(s.medianRulDays, 0), ...delta(b.medianRulDays, s.medianRulDays, 0, true) },
    { label: `P(failure within ${horizonCycles} cycles)`, baseline: formatPercent(b.failureProbability), scenario: formatPercent(s.failureProbability), ...delta(b.failureProbability * 100, s.failureProbability * 100, 1, false, ' pt') },
    { label: 'Expected removals (all months)', baseline: formatNumber(removals(b), 2), scenario: formatNumber(removals(s), 2), ...delta(removals(b), removals(s), 2, false) },
    { label: 'Wear per cycle (× today)', baseline: formatNumber(b.wearMultiplier, 3), scenario: formatNumber(s.wearMultiplier, 3), change: '' },
    { label: 'Work order in (cycles)', baseline: b.maintenanceInCycles === null ? '—' : formatNumber(b.maintenanceInCycles, 0), scenario: s.maintenanceInCycles === null ? '—' : formatNumber(s.maintenanceInCycles, 0), change: '' },
    { label: 'Censored (no end of life in range)', baseline: formatPercent(b.rulCycles.censored), scenario: formatPercent(s.rulCycles.censored), change: '' },
  ];
}

/** The fleet's figures: failures expected within the horizon and removals over the months. */
export function fleetRows(fleet: { baseline: FleetArm; scenario: FleetArm }): ComparisonRow[] {
  const [b, s] = [fleet.baseline, fleet.scenario];
  return [
    { label: 'Expected failures within the horizon', baseline: formatNumber(b.expectedFailuresWithinHorizon, 2), scenario: formatNumber(s.expectedFailuresWithinHorizon, 2), ...delta(b.expectedFailuresWithinHorizon, s.expectedFailuresWithinHorizon, 2, false) },
    { label: 'Expected removals (all months)', baseline: formatNumber(sum(b.expectedRemovalsPerMonth), 2), scenario: formatNumber(sum(s.expectedRemovalsPerMonth), 2), ...delta(sum(b.expectedRemovalsPerMonth), sum(s.expectedRemovalsPerMonth), 2, false) },
  ];
}

/** `derate 15 %, +8 °C; defer 14 d; swap HPC module in 30 cycles`: what a scenario changes, in a line. */
export function describeChange(change: ScenarioChange): string {
  const parts: string[] = [];
  const p = change.profile ?? {};
  const profile = [
    p.deratePercent !== undefined ? `derate ${p.deratePercent} %` : '',
    p.ambientDeltaC !== undefined ? `${p.ambientDeltaC >= 0 ? '+' : '−'}${Math.abs(p.ambientDeltaC)} °C` : '',
    p.climate ? p.climate : '',
    p.route ? p.route : '',
    p.cyclesPerDay !== undefined ? `${p.cyclesPerDay} cycles/day` : '',
    p.hoursPerCycle !== undefined ? `${p.hoursPerCycle} h/cycle` : '',
  ].filter(Boolean);
  if (profile.length) parts.push(profile.join(', '));
  const d = change.deferral;
  if (d) parts.push(`defer${d.workOrderId ? ` ${d.workOrderId}` : ''} due in ${d.dueInCycles} cycles by ${d.deferCycles !== undefined ? `${d.deferCycles} cycles` : `${d.deferDays ?? 0} d`}`);
  const w = change.partSwap;
  if (w) parts.push(`swap ${w.component} in ${w.inCycles} cycles (${Math.round(w.restoreFraction * 100)} % restored)`);
  return parts.join('; ') || 'no change';
}

/** What the console says after a rerun: identical bytes, or what differs and why. */
export function rerunVerdict(answer: RerunAnswer): { tone: 'ok' | 'warn'; text: string } {
  if (answer.identical && !answer.changes.length) return { tone: 'ok', text: 'Identical: the rerun reproduced the stored result byte for byte.' };
  if (answer.identical) return { tone: 'ok', text: `Identical result, although versions changed since: ${answer.changes.join('; ')}.` };
  return { tone: 'warn', text: `Different from the stored result${answer.changes.length ? `: ${answer.changes.join('; ')}` : ' with the same versions'}.` };
}
