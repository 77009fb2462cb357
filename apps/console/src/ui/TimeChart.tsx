import type uPlot from 'uplot';
import { useUPlot } from './use-uplot';

export interface ChartSeries {
  label: string;
  color: string;
  /** Which y scale: the left one (default) or the right one. */
  scale?: 'y' | 'y2';
  dash?: number[];
  width?: number;
}

interface TimeChartProps {
  /** Accessible name: what the chart shows. */
  label: string;
  data: uPlot.AlignedData;
  series: readonly ChartSeries[];
  /** Fill between two series (indexes into `series`, from 0): an interval or a min–max range. */
  band?: [number, number];
  /** Axis labels; a right axis (y2) is a 0–1 index, such as the health index. */
  units?: { y: string; y2?: string };
  height?: number;
  testId?: string;
}

/**
 * A time-series chart on uPlot: drag to zoom, double-click to reset. After each draw it records how many
 * points are visible in `data-points`, which is what tests (and screen-reader summaries) read.
 */
export function TimeChart({ label, data, series, band, units, height = 260, testId }: TimeChartProps) {
  const shape = JSON.stringify({ series, band, units, height });
  // Rebuilt only when the chart's shape changes; new data goes through setData.
  const host = useUPlot(
    (element) => ({
      height,
      cursor: { drag: { x: true, y: false, setScale: true } },
      scales: { x: { time: true, range: (_u, min, max) => (min === max ? [min - 300, max + 300] : [min, max]) }, ...(units?.y2 ? { y2: { range: [0, 1.05] as uPlot.Range.MinMax } } : {}) },
      axes: [
        { stroke: '#5b6470', grid: { stroke: '#e3e7ec' } },
        { stroke: '#5b6470', grid: { stroke: '#e3e7ec' }, label: units?.y ?? '', size: 60 },
        ...(units?.y2 ? [{ scale: 'y2', side: 1 as const, stroke: '#5b6470', grid: { show: false }, label: units.y2, size: 50 }] : []),
      ],
      series: [{ label: 'time' }, ...series.map((s) => ({ label: s.label, stroke: s.color, width: s.width ?? 1.5, scale: s.scale ?? 'y', ...(s.dash ? { dash: s.dash } : {}), spanGaps: false }))],
      ...(band ? { bands: [{ series: [band[1] + 1, band[0] + 1] as [number, number], fill: 'rgba(37, 99, 235, 0.12)' }] } : {}),
      hooks: {
        draw: [(u) => {
          const [min, max] = [u.scales.x?.min ?? -Infinity, u.scales.x?.max ?? Infinity];
          const xs = u.data[0] ?? [];
          let visible = 0;
          for (let i = 0; i < xs.length; i += 1) if ((xs[i] as number) >= min && (xs[i] as number) <= max && u.data[1]?.[i] != null) visible += 1;
          element.dataset.points = String(visible);
        }],
      },
    }),
    data,
    [shape],
  );

  return <div className="chart" role="img" aria-label={label} data-testid={testId} ref={host} />;
}
