import { useMemo } from 'react';
import type { PredictionPoint } from '../../api/types';
import { TimeChart } from '../../ui/TimeChart';

const SERIES = [
  { label: 'RUL mean', color: '#7c3aed', width: 2 },
  { label: 'RUL lower', color: '#c4b5fd', dash: [4, 4] },
  { label: 'RUL upper', color: '#c4b5fd', dash: [4, 4] },
  { label: 'health index', color: '#059669', scale: 'y2' as const, width: 2 },
];

/** RUL with its conformal interval (left axis, cycles) and the health index (right axis, 0–1), over time. */
export function HealthTrend({ history }: { history: readonly PredictionPoint[] }) {
  const data = useMemo(() => {
    const points = history.slice().sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    return [
      points.map((p) => new Date(p.occurredAt).getTime() / 1000),
      points.map((p) => p.rul.mean),
      points.map((p) => p.rul.lower),
      points.map((p) => p.rul.upper),
      points.map((p) => p.healthIndex),
    ] as [number[], number[], number[], number[], number[]];
  }, [history]);
  return <TimeChart label={`Remaining useful life and health index over ${history.length} predictions`} data={data} series={SERIES} band={[1, 2]} units={{ y: 'RUL (cycles)', y2: 'health' }} height={220} testId="health-chart" />;
}
