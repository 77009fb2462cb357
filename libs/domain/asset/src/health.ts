import type { QualityFlag } from '@fleettwin/contracts';

export type HealthStatus = 'ok' | 'watch' | 'alert' | 'unknown';

export const HEALTH_STATUSES: ReadonlyArray<HealthStatus> = ['ok', 'watch', 'alert', 'unknown'];

/** One asset's own health, as the predictor (or, until it exists, data quality) reports it. */
export interface AssetHealth {
  status: HealthStatus;
  /** 1 = as new, 0 = at its limit; null when no model has scored the asset yet. */
  healthIndex: number | null;
  /** Sensors currently carrying a data-quality flag. */
  dataQualityWarnings: number;
}

/**
 * Unknown ranks between ok and watch: not knowing is worse than knowing all is well, but it is
 * no reason to send a mechanic.
 */
const SEVERITY: Readonly<Record<HealthStatus, number>> = { ok: 0, unknown: 1, watch: 2, alert: 3 };

export function severity(status: HealthStatus): number {
  return SEVERITY[status];
}

export function worseStatus(a: HealthStatus, b: HealthStatus): HealthStatus {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

/**
 * Stand-in health until the predictor scores assets: a twin whose sensors all read clean is ok,
 * one with some flagged sensors needs watching, and one with no sensors or only flagged ones
 * tells us nothing, so it is unknown.
 */
export function healthFromDataQuality(sensors: Readonly<Record<string, { quality: readonly QualityFlag[] }>> | undefined): AssetHealth {
  const all = Object.values(sensors ?? {});
  const flagged = all.filter((s) => s.quality.length > 0).length;
  if (all.length === 0 || flagged === all.length) return { status: 'unknown', healthIndex: null, dataQualityWarnings: flagged };
  return { status: flagged > 0 ? 'watch' : 'ok', healthIndex: null, dataQualityWarnings: flagged };
}
