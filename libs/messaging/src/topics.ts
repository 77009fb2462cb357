import type { Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor?: number;
  configs?: Record<string, string>;
  /** False for a topic this service only reads: create it if missing, but leave its partitions to its owner. */
  growPartitions?: boolean;
}

/**
 * Creates the topics a service owns with explicit partition counts (brokers run with
 * auto-creation off), and grows partition counts that are below the spec. Idempotent.
 */
export async function ensureTopics(kafka: Kafka, specs: readonly TopicSpec[], attempts = 10): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ensureTopicsOnce(kafka, specs);
    } catch (error) {
      // Services starting together race to create the same topics; a topic created a moment ago by
      // another process has no leader yet ("does not host this topic-partition"). Try again shortly.
      if (attempt >= attempts || !(error as { retriable?: boolean }).retriable) throw error;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

async function ensureTopicsOnce(kafka: Kafka, specs: readonly TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length) {
      await admin
        .createTopics({
          waitForLeaders: true,
          topics: missing.map((s) => ({
            topic: s.topic,
            numPartitions: s.partitions,
            replicationFactor: s.replicationFactor ?? -1,
            configEntries: Object.entries(s.configs ?? {}).map(([name, value]) => ({ name, value })),
          })),
        })
        .catch((error: { type?: string }) => {
          if (error.type !== 'TOPIC_ALREADY_EXISTS') throw error;
        });
    }
    // A topic another service created a moment ago (TOPIC_ALREADY_EXISTS above) may have no leader
    // yet; a consumer subscribing now would die on "does not host this topic-partition".
    const metadata = await admin.fetchTopicMetadata({ topics: specs.map((s) => s.topic) });
    const leaderless = metadata.topics.filter((t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0));
    if (leaderless.length) throw Object.assign(new Error(`topics without a leader yet: ${leaderless.map((t) => t.name).join(', ')}`), { retriable: true });
    const grow = metadata.topics
      .filter((t) => existing.has(t.name) && specs.find((s) => s.topic === t.name)?.growPartitions !== false)
      .map((t) => ({ topic: t.name, have: t.partitions.length, want: specs.find((s) => s.topic === t.name)?.partitions ?? 0 }))
      .filter((t) => t.want > t.have);
    if (grow.length) await admin.createPartitions({ topicPartitions: grow.map((g) => ({ topic: g.topic, count: g.want })) });
  } finally {
    await admin.disconnect();
  }
}
