import { useEffect, useMemo, useState } from 'react';
import { segment } from '../../api/client';
import type { SensorHistory } from '../../api/types';
import { useSignedIn } from '../../app/session-context';
import { ErrorNote, useLoaded } from '../../ui/Async';
import { TimeChart } from '../../ui/TimeChart';
import { appendReading, bucketColumns, historyQuery, WINDOWS, type WindowName } from './history-window';

const MAX_LIVE_READINGS = 5000;

const SERIES = [
  { label: 'avg', color: '#2563eb', width: 2 },
  { label: 'min', color: '#93c5fd' },
  { label: 'max', color: '#93c5fd' },
] as const;

/** One sensor's bucketed history for a window ending at the latest reading, extended by live frames. */
export function SensorChart({ assetId, sensor, latest, lastFrame }: { assetId: string; sensor: string; latest: string; lastFrame?: { ts: string; readings: Record<string, number | null> } }) {
  const { api } = useSignedIn();
  const [window, setWindow] = useState<WindowName>('1h');
  const [anchor] = useState(latest);
  const [readings, setReadings] = useState<{ ts: string; value: number | null }[]>([]);
  const history = useLoaded(`history:${assetId}:${sensor}:${window}:${anchor}`, (signal) =>
    api.get<SensorHistory>(`/v1/twins/${segment(assetId)}/history`, { sensor, ...historyQuery(window, anchor) }, signal));

  // Live readings are kept apart from the history, so a history that answers after them does not drop them.
  useEffect(() => setReadings([]), [sensor]);
  useEffect(() => {
    const value = lastFrame?.readings[sensor];
    if (lastFrame && value !== undefined) setReadings((r) => [...r.slice(-MAX_LIVE_READINGS + 1), { ts: lastFrame.ts, value }]);
  }, [lastFrame, sensor]);
  const columns = useMemo(() => readings.reduce((c, r) => appendReading(c, r.ts, r.value), bucketColumns(history.data?.buckets ?? [])), [history.data, readings]);

  return (
    <figure className="chart-figure">
      <figcaption>
        <h2>{sensor}</h2>
        <div role="radiogroup" aria-label="Time window" className="segmented">
          {(Object.keys(WINDOWS) as WindowName[]).map((name) => (
            <button key={name} type="button" role="radio" aria-checked={window === name} onClick={() => setWindow(name)}>{name}</button>
          ))}
        </div>
        <span className="muted small">drag to zoom · double-click to reset{history.data ? ` · ${history.data.stepSeconds} s buckets` : ''}</span>
      </figcaption>
      <ErrorNote error={history.error} />
      <TimeChart label={`${sensor} of ${assetId} over the last ${window}: average with min–max range`} data={columns} series={SERIES} band={[1, 2]} units={{ y: sensor }} testId="sensor-chart" />
    </figure>
  );
}
