import type { ReactNode } from 'react';
import type { HealthStatus } from './health-status';

const LABELS: Record<HealthStatus, string> = { alert: 'Alert', watch: 'Watch', unknown: 'Unknown', ok: 'OK' };

export function StatusBadge({ status }: { status: HealthStatus }) {
  return <span className={`badge status-${status}`}>{LABELS[status]}</span>;
}

export function Badge({ tone, children, title }: { tone: 'neutral' | 'info' | 'ok' | 'warn' | 'bad'; children: ReactNode; title?: string }) {
  return <span className={`badge tone-${tone}`} title={title}>{children}</span>;
}
