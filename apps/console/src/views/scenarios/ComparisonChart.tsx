import { useRef } from 'react';
import uPlot from 'uplot';
import { useUPlot } from '../../ui/use-uplot';
import type { QuantileBand } from './scenario-comparison';

export const ARM_COLORS = { baseline: '#ea580c', scenario: '#2563eb' } as const;
const FILLS = { baseline: 'rgba(234, 88, 12, 0.22)', scenario: 'rgba(37, 99, 235, 0.30)' } as const;

interface ComparisonChartProps {
  /** Accessible name: what the chart shows. */
  label: string;
  /** x, baseline, scenario. */
  data: [number[], number[], number[]];
  /** `steps`: a histogram on shared edges (each value holds to the next x); `bars`: side-by-side bars per x. */
  kind: 'steps' | 'bars';
  units: { x: string; y: string };
  /** Quantile bands drawn along the top of a histogram. */
  bands?: readonly QuantileBand[];
  height?: number;
  testId?: string;
}

/**
 * Baseline and scenario on one uPlot chart with a numeric x axis. After each draw it records, per arm,
 * how many non-zero values are drawn and their sum (`data-baseline-points`, `data-scenario-sum`, …):
 * what tests and screen-reader summaries read.
 */
export function ComparisonChart({ label, data, kind, units, bands, height = 240, testId }: ComparisonChartProps) {
  const latestBands = useRef(bands);
  latestBands.current = bands;

  // Rebuilt when the chart's shape changes; new data goes through setData.
  const host = useUPlot((element) => {
    const paths = kind === 'steps'
      ? [uPlot.paths.stepped?.({ align: 1 }), uPlot.paths.stepped?.({ align: 1 })]
      : [uPlot.paths.bars?.({ size: [0.36, 40], align: -1 }), uPlot.paths.bars?.({ size: [0.36, 40], align: 1 })];
    const arm = (name: 'baseline' | 'scenario', i: number): uPlot.Series => ({
      label: name, stroke: ARM_COLORS[name], fill: FILLS[name], width: kind === 'steps' ? 2 : 1, points: { show: false }, ...(paths[i] ? { paths: paths[i] } : {}),
    });
    return {
      height,
      cursor: { drag: { x: kind === 'steps', y: false, setScale: kind === 'steps' } },
      scales: { x: { time: false, ...(kind === 'bars' ? { range: (_u, min, max) => [min - 0.6, max + 0.6] as uPlot.Range.MinMax } : {}) }, y: { range: (_u, _min, max) => [0, max > 0 ? max * (bands ? 1.25 : 1.08) : 1] } },
      axes: [
        { stroke: '#5b6470', grid: { stroke: '#e3e7ec' }, label: units.x },
        { stroke: '#5b6470', grid: { stroke: '#e3e7ec' }, label: units.y, size: 60 },
      ],
      series: [{ label: units.x }, arm('baseline', 0), arm('scenario', 1)],
      hooks: {
        draw: [(u) => {
          recordDrawn(u, element);
          drawBands(u, latestBands.current);
        }],
      },
    };
  }, data, [kind, height, units.x, units.y, Boolean(bands)]);

  return <div className="chart" role="img" aria-label={label} data-testid={testId} ref={host} />;
}

function recordDrawn(u: uPlot, element: HTMLElement): void {
  (['baseline', 'scenario'] as const).forEach((name, i) => {
    const ys = (u.data[i + 1] ?? []) as (number | null | undefined)[];
    const values = ys.filter((y): y is number => typeof y === 'number' && y !== 0);
    element.dataset[`${name}Points`] = String(values.length);
    element.dataset[`${name}Sum`] = values.reduce((a, b) => a + b, 0).toFixed(4);
  });
}

/** The 5–95 % range as a line, 25–75 % as a bar and the median as a tick, one row per arm along the top. */
function drawBands(u: uPlot, bands: readonly QuantileBand[] | undefined): void {
  if (!bands?.length) return;
  const ctx = u.ctx;
  const x = (value: number) => u.valToPos(value, 'x', true);
  const pxRatio = uPlot.pxRatio;
  ctx.save();
  bands.forEach((band, row) => {
    const y = u.bbox.top + (8 + row * 14) * pxRatio;
    ctx.strokeStyle = ARM_COLORS[band.arm];
    ctx.fillStyle = ARM_COLORS[band.arm];
    if (band.outer) {
      ctx.lineWidth = 1.5 * pxRatio;
      ctx.beginPath();
      ctx.moveTo(x(band.outer[0]), y);
      ctx.lineTo(x(band.outer[1]), y);
      ctx.stroke();
    }
    if (band.inner) ctx.fillRect(x(band.inner[0]), y - 4 * pxRatio, Math.max(1, x(band.inner[1]) - x(band.inner[0])), 8 * pxRatio);
    if (band.median !== undefined) {
      ctx.fillStyle = '#111827';
      ctx.fillRect(x(band.median) - pxRatio, y - 6 * pxRatio, 2 * pxRatio, 12 * pxRatio);
    }
  });
  ctx.restore();
}
