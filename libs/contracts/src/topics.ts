/**
 * Topic names are part of the contract: `fleet.<stream>.v<major>`, dead letters `<topic>.dlq`.
 * A namespace prefix (empty in production) lets test runs share one broker without sharing data.
 */
export const STREAMS = {
  telemetry: 'fleet.telemetry.v1',
  twinEvents: 'fleet.twin-events.v1',
  predictions: 'fleet.predictions.v1',
  maintenance: 'fleet.maintenance.v1',
  custody: 'fleet.custody.v1',
  billing: 'fleet.billing.v1',
} as const;

export type StreamName = keyof typeof STREAMS;

export function topicName(stream: StreamName, namespace = ''): string {
  return `${namespace}${STREAMS[stream]}`;
}

export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** A stream's topic and its dead letters, kept forever: these topics are logs that read models are rebuilt from. */
export function streamTopicSpecs(stream: StreamName, namespace: string, partitions: number) {
  const topic = topicName(stream, namespace);
  return [
    { topic, partitions, configs: { 'retention.ms': '-1' } },
    { topic: deadLetterTopic(topic), partitions: 3, configs: { 'retention.ms': '-1' } },
  ];
}

export function telemetryTopicSpecs(namespace: string, partitions: number) {
  return streamTopicSpecs('telemetry', namespace, partitions);
}
