/** Display formats shared by every view: fixed decimals, SI-free, and '—' for what is not known. */

export const DASH = '—';

export function formatNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatPercent(probability: number | null | undefined): string {
  if (probability === null || probability === undefined || !Number.isFinite(probability)) return DASH;
  return `${(probability * 100).toFixed(probability < 0.1 ? 1 : 0)} %`;
}

/** `RUL 87 cycles [62–110]`: the mean and the interval the model guarantees at its coverage. */
export function formatRul(rul: { mean: number; lower: number; upper: number } | undefined): string {
  if (!rul) return DASH;
  return `${Math.round(rul.mean)} [${Math.round(rul.lower)}–${Math.round(rul.upper)}]`;
}

/** `2026-11-23 12:58:04Z`: sortable and unambiguous across sites and time zones. */
export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return DASH;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** `12 s ago`, `4 min ago`, `3 h ago`, `2 d ago`; a future time reads `in …`. */
export function relativeTime(iso: string | null | undefined, nowMs: number): string {
  if (!iso) return DASH;
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return DASH;
  const seconds = Math.round((nowMs - then) / 1000);
  const magnitude = Math.abs(seconds);
  const text = magnitude < 60 ? `${magnitude} s` : magnitude < 3600 ? `${Math.floor(magnitude / 60)} min` : magnitude < 86400 ? `${Math.floor(magnitude / 3600)} h` : `${Math.floor(magnitude / 86400)} d`;
  return seconds >= 0 ? `${text} ago` : `in ${text}`;
}

export const PRIORITY_LABELS: Readonly<Record<number, string>> = { 1: 'P1 critical', 2: 'P2 high', 3: 'P3 medium', 4: 'P4 low' };

export function formatPriority(priority: number): string {
  return PRIORITY_LABELS[priority] ?? `P${priority}`;
}
