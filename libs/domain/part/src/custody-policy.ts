/** The thresholds a custody decision depends on; one policy per deployment, passed to decide. */
export interface CustodyPolicy {
  /** Share of a life limit (0..1) at which the part warns that it is nearing the limit. */
  lifeLimitWarningRatio: number;
  /** How long a receiver has to acknowledge a transfer before the chain counts as broken. */
  transferAcknowledgementHours: number;
  /** How long an installed part may go without a usage report before its life used is unknown. */
  usageReportHours: number;
}

export const defaultCustodyPolicy: CustodyPolicy = {
  lifeLimitWarningRatio: 0.9,
  transferAcknowledgementHours: 72,
  usageReportHours: 30 * 24,
};

/** Hours from one ISO-8601 instant to another; parsing is pure, unlike reading the clock. */
export function hoursBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 3_600_000;
}
