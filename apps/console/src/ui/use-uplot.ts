import { useEffect, useRef, type DependencyList } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * A uPlot chart mounted in the returned element, as wide as it (at least 320 px) and following its
 * resizes. `build` makes the options; the chart is rebuilt only when `shape` changes, new data goes
 * through setData.
 */
export function useUPlot(build: (element: HTMLDivElement) => Omit<uPlot.Options, 'width'>, data: uPlot.AlignedData, shape: DependencyList) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const options = build(element);
    const chart = new uPlot({ ...options, width: Math.max(320, element.clientWidth) }, data, element);
    plot.current = chart;
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(320, element.clientWidth), height: options.height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, shape);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return host;
}
