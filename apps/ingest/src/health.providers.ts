import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { KAFKA, kafkaCheck, PG_POOL, postgresCheck, type HealthCheck } from '@fleettwin/platform';
import { MqttTelemetrySubscriber } from './telemetry/telemetry.mqtt';

export const ingestHealthChecks = {
  inject: [KAFKA, PG_POOL, MqttTelemetrySubscriber],
  useFactory: (kafka: Kafka, pool: Pool, mqtt: MqttTelemetrySubscriber): Record<string, HealthCheck> => ({
    kafka: kafkaCheck(kafka),
    postgres: postgresCheck(pool),
    mqtt: async () => {
      if (!mqtt.connected) throw new Error('not connected to the MQTT broker');
    },
  }),
};
