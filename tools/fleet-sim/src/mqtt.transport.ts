import mqtt, { type MqttClient } from 'mqtt';
import { mqttBody, telemetryTopic, type SimulatedFrame } from '@fleettwin/simulator';
import { emptyStats, waitUntil, type Transport, type TransportStats } from './transport';

export interface MqttTransportOptions {
  url: string;
  topicRoot: string;
  qos: 0 | 1;
  /** Parallel connections; an engine always uses the same one, so its frames stay in order. */
  connections: number;
  clientIdPrefix: string;
}

/** Publishes each frame on `{root}/{tenant}/{assetId}/telemetry`, QoS 1 by default. */
export class MqttTransport implements Transport {
  readonly name = 'mqtt';
  private clients: MqttClient[] = [];
  private readonly counts: TransportStats = emptyStats();
  private readonly shardOf = new Map<string, number>();
  private lastError: string | null = null;

  constructor(private readonly options: MqttTransportOptions) {}

  async connect(): Promise<void> {
    this.clients = await Promise.all(Array.from({ length: this.options.connections }, (_, i) => this.connectOne(i)));
  }

  send(frame: SimulatedFrame): void {
    const client = this.clients[this.shard(frame.assetId)];
    this.counts.sent++;
    client.publish(telemetryTopic(this.options.topicRoot, frame.tenant, frame.assetId), mqttBody(frame), { qos: this.options.qos }, (error) => {
      if (!error) return void this.counts.acknowledged++;
      this.counts.errors++;
      this.lastError = error.message;
    });
  }

  backlog(): number {
    return this.counts.sent - this.counts.acknowledged - this.counts.errors;
  }

  stats(): TransportStats {
    return { ...this.counts };
  }

  error(): string | null {
    return this.lastError;
  }

  async drain(timeoutMs: number): Promise<void> {
    await waitUntil(() => this.backlog() <= 0, timeoutMs);
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.endAsync()));
  }

  private shard(assetId: string): number {
    let shard = this.shardOf.get(assetId);
    if (shard === undefined) {
      shard = this.shardOf.size % this.clients.length;
      this.shardOf.set(assetId, shard);
    }
    return shard;
  }

  private async connectOne(index: number): Promise<MqttClient> {
    const client = await mqtt.connectAsync(this.options.url, {
      clientId: `${this.options.clientIdPrefix}-${index}`,
      protocolVersion: 4,
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
    });
    client.on('error', (error) => (this.lastError = error.message));
    return client;
  }
}
