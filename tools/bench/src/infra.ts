import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { Client } from 'pg';
import { topicName } from '@fleettwin/contracts';
import { ensureDatabase } from '@fleettwin/postgres';
import { runBounded } from './services';

export const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
export const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const MQTT_URL = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';
export const TELEMETRY_PARTITIONS = 12;

/** One isolated slice of the shared servers: own database, topic namespace, MQTT root, consumer group. */
export interface BenchEnvironment {
  label: string;
  databaseUrl: string;
  databaseName: string;
  namespace: string;
  mqttRoot: string;
  telemetryTopic: string;
  env: Record<string, string>;
}

export class BenchRun {
  readonly id = `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}t${randomBytes(3).toString('hex')}`;
  readonly logDir: string;
  readonly kafka = new Kafka({ clientId: 'fleettwin-bench', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  private admin: Admin | undefined;
  private readonly environments: BenchEnvironment[] = [];
  private readonly extraTopics: string[] = [];
  startedKafka = false;

  constructor(readonly workspace: string) {
    this.logDir = join(workspace, 'tmp', 'bench', this.id);
    mkdirSync(this.logDir, { recursive: true });
  }

  /** Starts the local broker through tools/kafka/kafka.sh unless one already answers (then it is left alone). */
  async ensureKafka(log: (line: string) => void): Promise<void> {
    const status = await runBounded('bash', ['tools/kafka/kafka.sh', 'status'], { cwd: this.workspace, timeoutMs: 10000 });
    if (status.code === 0) {
      log(`Kafka already answers on ${KAFKA_BROKERS}: using it, will not stop it`);
      return;
    }
    log('starting the local Kafka broker (tools/kafka/kafka.sh start)');
    const started = await runBounded('bash', ['tools/kafka/kafka.sh', 'start'], { cwd: this.workspace, timeoutMs: 300000 });
    if (started.code !== 0) throw new Error(`kafka.sh start failed: ${started.stderr.slice(-2000)}`);
    this.startedKafka = true;
  }

  async stopKafkaIfStarted(log: (line: string) => void): Promise<void> {
    if (!this.startedKafka) return;
    log('stopping the Kafka broker this run started');
    await runBounded('bash', ['tools/kafka/kafka.sh', 'stop'], { cwd: this.workspace, timeoutMs: 60000 });
  }

  async kafkaAdmin(): Promise<Admin> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    return this.admin;
  }

  async environment(label: string): Promise<BenchEnvironment> {
    const databaseName = `ft_bench_${this.id}_${label}`;
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${databaseName}`;
    const databaseUrl = url.toString();
    await ensureDatabase(databaseUrl);
    const namespace = `bench-${this.id}-${label}.`;
    const mqttRoot = `bench-${this.id}-${label}`;
    const environment: BenchEnvironment = {
      label,
      databaseUrl,
      databaseName,
      namespace,
      mqttRoot,
      telemetryTopic: topicName('telemetry', namespace),
      env: {
        KAFKA_BROKERS,
        DATABASE_URL: databaseUrl,
        TOPIC_NAMESPACE: namespace,
        MQTT_URL,
        MQTT_TOPIC_ROOT: mqttRoot,
        TELEMETRY_PARTITIONS: String(TELEMETRY_PARTITIONS),
        TWIN_STATE_GROUP: `bench-${this.id}-${label}-twin-state`,
      },
    };
    this.environments.push(environment);
    return environment;
  }

  /** A topic outside any environment's namespace that this run creates (the producer-perf target). */
  async createTopic(name: string, partitions: number): Promise<void> {
    const admin = await this.kafkaAdmin();
    this.extraTopics.push(name);
    await admin.createTopics({ topics: [{ topic: name, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
  }

  /** Sum of the end offsets of a topic's partitions: the records it holds (nothing is ever deleted). */
  async recordCount(topic: string): Promise<number> {
    const admin = await this.kafkaAdmin();
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  }

  /** Drops this run's databases, deletes its topics and consumer groups. Touches nothing else. */
  async cleanup(log: (line: string) => void): Promise<void> {
    try {
      const admin = await this.kafkaAdmin();
      const all = await admin.listTopics();
      const mine = all.filter((t) => this.environments.some((e) => t.startsWith(e.namespace)) || this.extraTopics.includes(t));
      if (mine.length) await admin.deleteTopics({ topics: mine, timeout: 30000 });
      const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(`bench-${this.id}-`));
      if (groups.length) await admin.deleteGroups(groups).catch(() => undefined);
      log(`deleted ${mine.length} topics and ${groups.length} consumer groups of run ${this.id}`);
    } catch (error) {
      log(`topic clean-up failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await this.admin?.disconnect().catch(() => undefined);
      this.admin = undefined;
    }
    const client = new Client({ connectionString: POSTGRES_URL });
    try {
      await client.connect();
      for (const e of this.environments) await client.query(`DROP DATABASE IF EXISTS "${e.databaseName}" WITH (FORCE)`);
      log(`dropped ${this.environments.length} databases of run ${this.id}`);
    } catch (error) {
      log(`database clean-up failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
