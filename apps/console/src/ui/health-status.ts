/** The four words every view uses for an asset's condition, in order of concern. */
export type HealthStatus = 'alert' | 'watch' | 'unknown' | 'ok';

export const STATUS_SEVERITY: Readonly<Record<HealthStatus, number>> = { ok: 0, unknown: 1, watch: 2, alert: 3 };

/** Maintenance opens a work order at P(failure within the horizon) ≥ 0.5 or an RUL lower bound ≤ 50 cycles. */
export const ALERT_PROBABILITY = 0.5;
export const ALERT_RUL_LOWER = 50;
export const WATCH_PROBABILITY = 0.2;

export interface HealthInputs {
  failureProbability?: number;
  rulLower?: number;
  dataQualityWarnings: number;
}

/**
 * Alert when the prediction crosses maintenance's own work-order thresholds; watch when it is rising
 * or a sensor carries a data-quality flag; unknown while no model has scored it; else ok.
 */
export function healthStatus(inputs: HealthInputs): HealthStatus {
  const { failureProbability, rulLower } = inputs;
  if (failureProbability !== undefined && (failureProbability >= ALERT_PROBABILITY || (rulLower !== undefined && rulLower <= ALERT_RUL_LOWER))) return 'alert';
  if ((failureProbability !== undefined && failureProbability >= WATCH_PROBABILITY) || inputs.dataQualityWarnings > 0) return 'watch';
  return failureProbability === undefined ? 'unknown' : 'ok';
}
