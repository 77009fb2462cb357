import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The Prometheus metrics every service exposes on `/metrics` (names match the dashboards and
 * alert rules in deploy/k8s/observability). One registry per process.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'fleettwin_' });

export const ingestFrames = new Counter({ name: 'fleettwin_ingest_frames_total', help: 'Telemetry frames received, by source and outcome', labelNames: ['source', 'outcome'] as const, registers: [registry] });
export const ingestRejections = new Counter({ name: 'fleettwin_ingest_rejections_total', help: 'Telemetry refused at the edge, by reason', labelNames: ['reason'] as const, registers: [registry] });
export const deadLetters = new Counter({ name: 'fleettwin_dlq_records_total', help: 'Records written to dead-letter topics', labelNames: ['topic'] as const, registers: [registry] });
export const consumerLag = new Gauge({ name: 'fleettwin_consumer_lag', help: 'Records behind the partition end seen by the last batch', labelNames: ['group', 'topic'] as const, registers: [registry] });
export const processingSeconds = new Histogram({
  name: 'fleettwin_processing_seconds',
  help: 'Time to apply one consumed batch, commit included',
  labelNames: ['service'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});
export const predictionsMade = new Counter({ name: 'fleettwin_predictions_total', help: 'Asset scores computed', registers: [registry] });
export const predictionDrift = new Gauge({ name: 'fleettwin_prediction_drift_ratio', help: 'Recent prediction RMSE over the training RMSE', registers: [registry] });
export const workOrderEvents = new Counter({ name: 'fleettwin_work_orders_total', help: 'Work-order changes, by the status they left the order in', labelNames: ['status'] as const, registers: [registry] });
export const eventStoreAppendSeconds = new Histogram({
  name: 'fleettwin_event_store_append_seconds',
  help: 'Time to append a batch of events to the event store',
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
  registers: [registry],
});
export const outboxPublished = new Counter({ name: 'fleettwin_outbox_published_total', help: 'Events the transactional outbox relay published to Kafka, by relay', labelNames: ['relay'] as const, registers: [registry] });
