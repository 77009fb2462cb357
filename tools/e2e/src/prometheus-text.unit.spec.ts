import { metricSum } from './prometheus-text';

const exposition = `# HELP fleettwin_ingest_frames_total Telemetry frames received
# TYPE fleettwin_ingest_frames_total counter
fleettwin_ingest_frames_total{source="http",outcome="accepted"} 12
fleettwin_ingest_frames_total{source="mqtt",outcome="accepted"} 3
fleettwin_ingest_frames_total{source="http",outcome="duplicate"} 1
fleettwin_predictions_total 7
fleettwin_processing_seconds_count{service="t-x.twin-state"} 4
`;

describe('metricSum', () => {
  it('given label filters, sums only the samples that carry them', () => {
    expect(metricSum(exposition, 'fleettwin_ingest_frames_total', { source: 'http', outcome: 'accepted' })).toBe(12);
    expect(metricSum(exposition, 'fleettwin_ingest_frames_total', { outcome: 'accepted' })).toBe(15);
  });

  it('reads an unlabelled sample and a histogram count by its exact name', () => {
    expect(metricSum(exposition, 'fleettwin_predictions_total')).toBe(7);
    expect(metricSum(exposition, 'fleettwin_processing_seconds_count', { service: 't-x.twin-state' })).toBe(4);
  });

  it('given a metric that is not there, answers 0', () => {
    expect(metricSum(exposition, 'fleettwin_work_orders_total')).toBe(0);
  });
});
