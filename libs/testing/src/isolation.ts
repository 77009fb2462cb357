import { randomBytes } from 'node:crypto';
import { ensureDatabase } from '@fleettwin/postgres';
import { testInfrastructure } from './infrastructure';

export interface TestEnvironment {
  /** Prefix for topic names, so suites sharing a broker never see each other's records. */
  namespace: string;
  /** One MQTT topic root per suite, for the same reason. */
  mqttRoot: string;
  databaseUrl: string;
  kafkaBrokers: string;
  mqttUrl: string;
  /** Environment for a service process of this suite. */
  env: Record<string, string>;
}

/** A fresh namespace on the shared servers: own topics, own MQTT root, own database. */
export async function isolatedEnvironment(label: string): Promise<TestEnvironment> {
  const { kafkaBrokers, databaseUrl } = testInfrastructure();
  const id = `${label.toLowerCase().replace(/[^a-z0-9]/g, '')}${randomBytes(3).toString('hex')}`;
  const url = new URL(databaseUrl);
  url.pathname = `/ft_${id}`;
  await ensureDatabase(url.toString());
  const namespace = `t-${id}.`;
  const mqttRoot = `fleet-${id}`;
  const mqttUrl = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';
  return {
    namespace,
    mqttRoot,
    databaseUrl: url.toString(),
    kafkaBrokers,
    mqttUrl,
    env: {
      KAFKA_BROKERS: kafkaBrokers,
      DATABASE_URL: url.toString(),
      TOPIC_NAMESPACE: namespace,
      MQTT_URL: mqttUrl,
      MQTT_TOPIC_ROOT: mqttRoot,
      TELEMETRY_PARTITIONS: '6',
      // Consumer groups are per suite too: one group id subscribed to different suites' topics would rebalance across them.
      TWIN_STATE_GROUP: `${namespace}twin-state`,
      PREDICTOR_GROUP: `${namespace}predictor`,
      MAINTENANCE_GROUP: `${namespace}maintenance`,
    },
  };
}
