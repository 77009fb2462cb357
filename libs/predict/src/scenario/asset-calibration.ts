import { createHash } from 'node:crypto';
import { healthAt } from './degradation-curve';
import { fitDegradationCurve, type CurveFit, type HealthPoint } from './curve-fit';

/** One scored cycle of an asset, as the predictor publishes it. */
export interface HealthObservation {
  cycle: number;
  healthIndex: number;
}

export interface CalibrationOptions {
  /** Refit when the asset's cycle count is a multiple of this: the same cycles give the same fits, however they were batched. */
  refitEvery: number;
  /** Points kept; beyond it neighbours merge pairwise, so a long history costs a bounded fit. */
  maxPoints: number;
  /** Out-of-sample residuals (observation − the fit in force when it arrived) kept for drift. */
  recentWindow: number;
  /** Recent RMSE over fit RMSE above which the calibration no longer describes the asset (checked once 3 windows are seen). */
  driftRatio: number;
  /** Fit RMSE (health-index points) above which the curve does not describe the asset (checked once 3 windows are seen). */
  maxFitRmse: number;
}

export const DEFAULT_CALIBRATION: CalibrationOptions = { refitEvery: 10, maxPoints: 256, recentWindow: 30, driftRatio: 3, maxFitRmse: 0.08 };

/** The health index is clipped to [0, 1]; clipped cycles say only "at or beyond", so they are not fitted. */
const CLIPPED_LOW = 0.001;
const CLIPPED_HIGH = 0.999;

/**
 * An asset's calibration: a fold over its scored cycles (plain JSON, rebuildable from the
 * predictions, which are a fold over the twin's events). `evolve` is pure and deterministic.
 */
export interface AssetCalibration {
  assetId: string;
  /** Cycle that is wear age 0. */
  firstCycle: number | null;
  lastCycle: number;
  observations: number;
  /** Observations outside (0, 1) that were not fitted. */
  clipped: number;
  /** Cycles per stored point (doubles whenever the points are merged). */
  binWidth: number;
  points: HealthPoint[];
  /** The partly filled next point while binWidth > 1. */
  pending: HealthPoint | null;
  fit: (CurveFit & { fittedAtCycle: number }) | null;
  recentResiduals: { cycle: number; residual: number }[];
  /** `cal-1.<hash>` of the fit in force; changes whenever the fit does. */
  version: string | null;
}

export function createCalibration(assetId: string): AssetCalibration {
  return { assetId, firstCycle: null, lastCycle: 0, observations: 0, clipped: 0, binWidth: 1, points: [], pending: null, fit: null, recentResiduals: [], version: null };
}

/** Folds one scored cycle in; a cycle not after the last one is a redelivery and changes nothing. */
export function recordHealth(state: AssetCalibration, observation: HealthObservation, options: CalibrationOptions = DEFAULT_CALIBRATION): AssetCalibration {
  if (observation.cycle <= state.lastCycle) return state;
  const firstCycle = state.firstCycle ?? observation.cycle;
  const tau = observation.cycle - firstCycle;
  const base = { ...state, firstCycle, lastCycle: observation.cycle, observations: state.observations + 1 };
  const clipped = observation.healthIndex <= CLIPPED_LOW || observation.healthIndex >= CLIPPED_HIGH;
  if (clipped) return maybeRefit({ ...base, clipped: state.clipped + 1 }, options);
  const residuals = state.fit
    ? [...state.recentResiduals, { cycle: observation.cycle, residual: observation.healthIndex - healthAt(state.fit.curve, tau) }].slice(-options.recentWindow)
    : state.recentResiduals;
  return maybeRefit({ ...base, ...addPoint(base, { tau, healthIndex: observation.healthIndex, weight: 1 }, options), recentResiduals: residuals }, options);
}

/** Folds a whole history: `calibrationFrom(h)` equals recording h one by one. */
export function calibrationFrom(assetId: string, observations: readonly HealthObservation[], options: CalibrationOptions = DEFAULT_CALIBRATION): AssetCalibration {
  return observations.reduce((state, o) => recordHealth(state, o, options), createCalibration(assetId));
}

function addPoint(state: AssetCalibration, point: HealthPoint, options: CalibrationOptions): Pick<AssetCalibration, 'points' | 'pending' | 'binWidth'> {
  const pending = state.pending ? merge(state.pending, point) : point;
  if (pending.weight < state.binWidth) return { points: state.points, pending, binWidth: state.binWidth };
  const points = [...state.points, pending];
  if (points.length < options.maxPoints) return { points, pending: null, binWidth: state.binWidth };
  const merged: HealthPoint[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) merged.push(merge(points[i] as HealthPoint, points[i + 1] as HealthPoint));
  const odd = points.length % 2 === 1 ? (points[points.length - 1] as HealthPoint) : null;
  return { points: merged, pending: odd, binWidth: state.binWidth * 2 };
}

function merge(a: HealthPoint, b: HealthPoint): HealthPoint {
  const weight = a.weight + b.weight;
  return { tau: (a.tau * a.weight + b.tau * b.weight) / weight, healthIndex: (a.healthIndex * a.weight + b.healthIndex * b.weight) / weight, weight };
}

function maybeRefit(state: AssetCalibration, options: CalibrationOptions): AssetCalibration {
  if (state.lastCycle % options.refitEvery !== 0) return state;
  const points = state.pending ? [...state.points, state.pending] : state.points;
  const fit = fitDegradationCurve(points);
  if (!fit) return state;
  const fitted = { ...fit, fittedAtCycle: state.lastCycle };
  return { ...state, fit: fitted, version: calibrationVersion(state.assetId, fitted) };
}

export function calibrationVersion(assetId: string, fit: CurveFit & { fittedAtCycle: number }): string {
  const hash = createHash('sha256').update(JSON.stringify({ assetId, fit })).digest('hex').slice(0, 12);
  return `cal-1.${hash}`;
}

/** What the API and the metrics show of a calibration: fit, fit error, drift and whether it still holds. */
export interface CalibrationReport {
  assetId: string;
  version: string | null;
  firstCycle: number | null;
  lastCycle: number;
  observations: number;
  clipped: number;
  fittedAtCycle: number | null;
  curve: CurveFit['curve'] | null;
  /** Parameter standard deviations (h0, a, b). */
  curveStdDev: number[] | null;
  /** RMSE of the fit over the asset's history, health-index points. */
  fitRmse: number | null;
  recent: { points: number; rmse: number | null; bias: number | null; trendPer100Cycles: number | null };
  /** Recent out-of-sample RMSE over fit RMSE: ≈1 while the asset follows its model. */
  driftRatio: number | null;
  valid: boolean;
  reason: string | null;
}

export function calibrationReport(state: AssetCalibration, options: CalibrationOptions = DEFAULT_CALIBRATION): CalibrationReport {
  const residuals = state.recentResiduals.map((r) => r.residual);
  const recentRmse = residuals.length ? Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / residuals.length) : null;
  const bias = residuals.length ? residuals.reduce((s, r) => s + r, 0) / residuals.length : null;
  const fitRmse = state.fit?.rmse ?? null;
  const driftRatio = recentRmse !== null && fitRmse ? recentRmse / fitRmse : null;
  // Early fits are noisy and extrapolate poorly, so validity is judged once the history spans three windows.
  const enough = residuals.length >= options.recentWindow && state.observations >= 3 * options.recentWindow;
  const reason = !state.fit
    ? 'not enough history to fit'
    : enough && (fitRmse ?? 0) > options.maxFitRmse
      ? `fit error ${round(fitRmse ?? 0)} exceeds ${options.maxFitRmse}: the asset no longer follows a degradation curve`
      : enough && driftRatio !== null && driftRatio > options.driftRatio
        ? `recent error ${round(recentRmse ?? 0)} is ${round(driftRatio)}× the fit error ${round(fitRmse ?? 0)}: the asset no longer follows its calibrated model`
        : null;
  return {
    assetId: state.assetId,
    version: state.version,
    firstCycle: state.firstCycle,
    lastCycle: state.lastCycle,
    observations: state.observations,
    clipped: state.clipped,
    fittedAtCycle: state.fit?.fittedAtCycle ?? null,
    curve: state.fit?.curve ?? null,
    curveStdDev: state.fit ? state.fit.covariance.map((row, i) => Math.sqrt(Math.max(0, row[i] as number))) : null,
    fitRmse,
    recent: { points: residuals.length, rmse: recentRmse, bias, trendPer100Cycles: trend(state.recentResiduals) },
    driftRatio,
    valid: reason === null,
    reason,
  };
}

function trend(residuals: readonly { cycle: number; residual: number }[]): number | null {
  if (residuals.length < 3) return null;
  const n = residuals.length;
  const mx = residuals.reduce((s, r) => s + r.cycle, 0) / n;
  const my = residuals.reduce((s, r) => s + r.residual, 0) / n;
  const sxx = residuals.reduce((s, r) => s + (r.cycle - mx) ** 2, 0);
  return sxx > 0 ? (residuals.reduce((s, r) => s + (r.cycle - mx) * (r.residual - my), 0) / sxx) * 100 : null;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
