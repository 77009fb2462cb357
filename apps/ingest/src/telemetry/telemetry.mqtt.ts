import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import mqtt, { type MqttClient } from 'mqtt';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { topicName, type FieldIssue } from '@fleettwin/contracts';
import { mqttLogin } from '@fleettwin/device-auth';
import { ingestFrames, ingestRejections } from '@fleettwin/metrics';
import { DeadLetterPublisher } from '@fleettwin/messaging';
import { ApiError, CONFIG as INGEST_CONFIG, LOGGER } from '@fleettwin/platform';
import { inSpan, SpanKind } from '@fleettwin/tracing';
import type { IngestConfig } from '../config';
import { decodeMqttPayload } from './mqtt-payload';
import { parseTelemetryTopic, sharedTelemetrySubscription } from './mqtt-topic';
import { TelemetryService } from './telemetry.service';

/**
 * Subscribes to gateways' telemetry on the MQTT broker. Valid frames take the same path as HTTP;
 * anything that cannot be read goes to the dead-letter topic with its reason and original bytes.
 */
@Injectable()
export class MqttTelemetrySubscriber implements OnApplicationBootstrap, OnApplicationShutdown {
  private client: MqttClient | undefined;
  private readonly topic: string;

  constructor(
    private readonly telemetry: TelemetryService,
    private readonly deadLetters: DeadLetterPublisher,
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.topic = topicName('telemetry', config.TOPIC_NAMESPACE);
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  async onApplicationBootstrap(): Promise<void> {
    const client = mqtt.connect(this.config.MQTT_URL, {
      clientId: `fleettwin-ingest-${hostname()}-${process.pid}`,
      protocolVersion: 5,
      reconnectPeriod: 1000,
      connectTimeout: 5000,
      ...mqttLogin(this.config),
    });
    this.client = client;
    client.on('message', (topic, payload) => void this.receive(topic, payload));
    client.on('error', (error) => this.logger.warn({ err: error }, 'MQTT client error'));
    client.on('connect', () => {
      const subscription = sharedTelemetrySubscription(this.config.MQTT_TOPIC_ROOT);
      client.subscribe(subscription, { qos: 1 }, (error) => {
        if (error) this.logger.error({ err: error, subscription }, 'MQTT subscribe failed');
        else this.logger.info({ subscription, url: this.config.MQTT_URL }, 'subscribed to MQTT telemetry');
      });
    });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.endAsync();
  }

  private async refuse(topic: string, key: string, payload: Buffer, error: ApiError): Promise<void> {
    try {
      await this.deadLetters.publish({ topic: this.topic, key, original: payload, reason: error.message, details: error.details, origin: `mqtt:${topic}` });
      this.logger.warn({ topic, code: error.code, reason: error.message }, 'MQTT telemetry refused to dead-letter topic');
    } catch (dlqError) {
      this.logger.error({ err: dlqError, topic, assetId: key }, 'MQTT telemetry refused and its dead letter could not be stored');
    }
  }

  private async receive(topic: string, payload: Buffer): Promise<void> {
    const address = parseTelemetryTopic(topic, this.config.MQTT_TOPIC_ROOT);
    const decoded = address.ok ? decodeMqttPayload(payload, address.tenant, address.assetId) : address;
    const key = address.ok ? address.assetId : topic;
    try {
      if (!decoded.ok) {
        ingestFrames.inc({ source: 'mqtt', outcome: 'rejected' });
        ingestRejections.inc({ reason: address.ok ? 'invalid-payload' : 'invalid-topic' });
        await this.deadLetters.publish({ topic: this.topic, key, original: payload, reason: decoded.reason, details: rejectionDetails(decoded), origin: `mqtt:${topic}` });
        this.logger.warn({ topic, reason: decoded.reason }, 'MQTT telemetry rejected to dead-letter topic');
        return;
      }
      // The root of this reading's trace: one span per MQTT message.
      const attributes = { 'messaging.system': 'mqtt', 'messaging.destination.name': topic, 'messaging.operation.type': 'process' };
      await inSpan('mqtt telemetry process', { kind: SpanKind.CONSUMER, attributes }, () => this.telemetry.accept([decoded.frame], 'mqtt'));
    } catch (error) {
      // Refused by policy (replayed seq, timestamp out of window): a dead letter with the reason, like bad input.
      if (error instanceof ApiError && error.status < 500) return this.refuse(topic, key, payload, error);
      this.logger.error({ err: error, topic, assetId: key }, 'MQTT telemetry could not be stored');
    }
  }
}

function rejectionDetails(rejection: { reason: string; details?: FieldIssue[] }): FieldIssue[] | undefined {
  return rejection.details;
}
