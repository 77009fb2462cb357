import { AppConfig } from './app-config';
import { at, list, Manifest } from './manifest';
import { envValue } from './workload-checks';

type Report = (where: string, message: string) => void;

export const TOPICS = ['fleet.telemetry.v1', 'fleet.twin-events.v1', 'fleet.predictions.v1', 'fleet.maintenance.v1', 'fleet.custody.v1'];

/** Which app setting fixes a topic's partition count (the services create topics with it too). */
const PARTITION_SETTINGS: [topic: string, app: string, key: string][] = [
  ['fleet.telemetry.v1', 'ingest', 'TELEMETRY_PARTITIONS'],
  ['fleet.telemetry.v1', 'twin-state', 'TELEMETRY_PARTITIONS'],
  ['fleet.twin-events.v1', 'predictor', 'TWIN_EVENTS_PARTITIONS'],
  ['fleet.predictions.v1', 'predictor', 'PREDICTIONS_PARTITIONS'],
  ['fleet.predictions.v1', 'maintenance', 'PREDICTIONS_PARTITIONS'],
  ['fleet.maintenance.v1', 'maintenance', 'MAINTENANCE_PARTITIONS'],
];

/** The setting naming the consumer group an app joins (TWIN_STATE_GROUP, …), if it has one. */
function groupSetting(config: AppConfig): string | undefined {
  const key = `${config.app.toUpperCase().replace(/-/g, '_')}_GROUP`;
  return config.keys.has(key) ? key : undefined;
}

function deployment(docs: Manifest[], app: string): Manifest | undefined {
  return docs.find((m) => m.kind === 'Deployment' && m.metadata.name === app);
}

function topicName(t: Manifest): string {
  return (at(t, 'spec', 'topicName') as string | undefined) ?? t.metadata.name;
}

export function checkTopics(overlay: string, docs: Manifest[], configs: Map<string, AppConfig>, report: Report): void {
  const topics = docs.filter((m) => m.kind === 'KafkaTopic');
  if (topics.length === 0) return;
  const byName = new Map(topics.map((t) => [topicName(t), t]));
  for (const name of TOPICS.flatMap((t) => [t, `${t}.dlq`])) {
    const topic = byName.get(name);
    if (!topic) { report(overlay, `KafkaTopic ${name} missing`); continue; }
    if (at(topic, 'spec', 'replicas') !== 3) report(overlay, `KafkaTopic ${name}: replicas must be 3`);
    if (Number(at(topic, 'spec', 'config', 'min.insync.replicas')) !== 2) report(overlay, `KafkaTopic ${name}: min.insync.replicas must be 2`);
    if (at(topic, 'spec', 'config', 'retention.ms') === undefined) report(overlay, `KafkaTopic ${name}: retention.ms not set`);
  }
  for (const [name, app, key] of PARTITION_SETTINGS) {
    const config = configs.get(app) as AppConfig;
    if (!config.keys.has(key)) continue;
    const expected = Number(envValue(docs, deployment(docs, app), key, config));
    const actual = at(byName.get(name), 'spec', 'partitions');
    if (actual !== expected) report(overlay, `KafkaTopic ${name} has ${String(actual)} partitions but ${app} ${key}=${expected}`);
  }
}

export function checkScalers(overlay: string, docs: Manifest[], configs: Map<string, AppConfig>, report: Report): void {
  const topics = new Set(docs.filter((m) => m.kind === 'KafkaTopic').map(topicName));
  for (const scaler of docs.filter((m) => m.kind === 'ScaledObject' || m.kind === 'HorizontalPodAutoscaler')) {
    const where = `${overlay}: ${scaler.kind}/${scaler.metadata.name}`;
    const target = at(scaler, 'spec', 'scaleTargetRef', 'name') as string;
    const config = configs.get(target);
    if (!deployment(docs, target) || !config) { report(where, `scales ${target}, which is not a Deployment of an app`); continue; }
    for (const trigger of list(at(scaler, 'spec', 'triggers')).filter((t) => at(t, 'type') === 'kafka')) {
      const groupKey = groupSetting(config);
      const expected = groupKey ? envValue(docs, deployment(docs, target), groupKey, config) : target;
      const group = at(trigger, 'metadata', 'consumerGroup');
      if (group !== expected) report(where, `consumerGroup ${String(group)} is not ${target}'s group ${String(expected)}`);
      const topic = at(trigger, 'metadata', 'topic') as string;
      if (topics.size > 0 && !topics.has(topic)) report(where, `topic ${topic} has no KafkaTopic`);
    }
  }
}
