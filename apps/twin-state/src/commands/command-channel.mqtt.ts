import { Inject, Injectable, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import mqtt, { type MqttClient } from 'mqtt';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { AssetId, CommandAck, describeIssues, TenantId, topicName, type CommandAck as Ack } from '@fleettwin/contracts';
import { mqttLogin } from '@fleettwin/device-auth';
import type { CommandIssued } from '@fleettwin/domain-twin';
import { AuditTrail } from '@fleettwin/audit';
import { DeadLetterPublisher } from '@fleettwin/messaging';
import { CONFIG, LOGGER } from '@fleettwin/platform';
import type { TwinStateConfig } from '../config';

export type AckHandler = (tenant: string, assetId: string, ack: Ack) => Promise<{ ok: true } | { ok: false; reason: string }>;

type DecodedAck = { ok: true; ack: Ack } | { ok: false; reason: string };

function decodeAck(payload: Buffer): DecodedAck {
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    return { ok: false, reason: 'payload is not valid JSON' };
  }
  const parsed = CommandAck.safeParse(json);
  if (parsed.success) return { ok: true, ack: parsed.data };
  const first = describeIssues(parsed.error)[0];
  return { ok: false, reason: `invalid acknowledgement: ${first?.path}: ${first?.message}` };
}

/**
 * The two-way link to the asset: commands go out on `{root}/{tenant}/{assetId}/commands`,
 * acknowledgements come back on `{root}/{tenant}/{assetId}/commands/ack`.
 */
@Injectable()
export class CommandChannel implements OnApplicationBootstrap, OnApplicationShutdown {
  private client: MqttClient | undefined;
  private onAck: AckHandler | undefined;

  constructor(
    @Inject(CONFIG) private readonly config: TwinStateConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly deadLetters: DeadLetterPublisher,
    @Optional() private readonly audit?: AuditTrail,
  ) {}

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  handleAcknowledgements(handler: AckHandler): void {
    this.onAck = handler;
  }

  async onApplicationBootstrap(): Promise<void> {
    const client = mqtt.connect(this.config.MQTT_URL, { clientId: `fleettwin-twin-state-${hostname()}-${process.pid}`, protocolVersion: 5, reconnectPeriod: 1000, ...mqttLogin(this.config) });
    this.client = client;
    client.on('message', (topic, payload) => void this.receive(topic, payload));
    client.on('error', (error) => this.logger.warn({ err: error }, 'MQTT client error'));
    client.on('connect', () => {
      const subscription = `$share/fleettwin-twin-state/${this.config.MQTT_TOPIC_ROOT}/+/+/commands/ack`;
      client.subscribe(subscription, { qos: 1 }, (error) => {
        if (error) this.logger.error({ err: error, subscription }, 'MQTT subscribe failed');
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

  async send(tenant: string, command: CommandIssued['data']): Promise<void> {
    if (!this.client) throw new Error('MQTT command channel is not started');
    const { commandId, kind, name, parameters, issuedAt, expiresAt } = command;
    await this.client.publishAsync(`${this.config.MQTT_TOPIC_ROOT}/${tenant}/${command.assetId}/commands`, JSON.stringify({ commandId, kind, name, parameters, issuedAt, expiresAt }), { qos: 1 });
  }

  /** Unreadable or inapplicable acknowledgements are kept on the twin-events dead-letter topic. */
  private rejectAck(topic: string, key: string, payload: Buffer, reason: string): Promise<void> {
    this.logger.warn({ topic, reason }, 'command acknowledgement rejected to dead-letter topic');
    return this.deadLetters.publish({ topic: topicName('twinEvents', this.config.TOPIC_NAMESPACE), key, original: payload, reason, origin: `mqtt:${topic}` });
  }

  /** A device changing its twin (an acknowledgement) is audited like any other caller; the broker's ACL proved the device by its topic. */
  private async recordAck(tenant: string, assetId: string, ack: Ack, outcome: string): Promise<void> {
    await this.audit
      ?.record({
        service: 'twin-state', tenant, principal: { kind: 'device', id: `${tenant}.${assetId}` }, onBehalfOf: null,
        action: `mqtt ${this.config.MQTT_TOPIC_ROOT}/+/+/commands/ack`, targetId: ack.commandId, outcome: outcome.slice(0, 200), clientIp: null, requestId: null,
      })
      .catch((error: unknown) => this.logger.error({ err: error, tenant, assetId }, 'audit record could not be written'));
  }

  private async receive(topic: string, payload: Buffer): Promise<void> {
    const parts = topic.split('/');
    const tenant = TenantId.safeParse(parts[1]);
    const assetId = AssetId.safeParse(parts[2]);
    const decoded = decodeAck(payload);
    try {
      if (!tenant.success || !assetId.success || !decoded.ok) {
        const reason = !tenant.success || !assetId.success ? 'invalid tenant or assetId in topic' : decoded.ok ? '' : decoded.reason;
        await this.rejectAck(topic, parts[2] ?? topic, payload, reason);
        return;
      }
      const applied = await this.onAck?.(tenant.data, assetId.data, decoded.ack);
      if (applied && !applied.ok) await this.rejectAck(topic, assetId.data, payload, applied.reason);
      await this.recordAck(tenant.data, assetId.data, decoded.ack, applied && !applied.ok ? `refused: ${applied.reason}` : decoded.ack.status);
    } catch (error) {
      this.logger.error({ err: error, topic }, 'command acknowledgement could not be applied');
    }
  }
}
