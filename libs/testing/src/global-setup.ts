import { dockerAnswers, HOW_TO_START } from './infrastructure';

/**
 * Integration tests run against real servers: the ones named by KAFKA_BROKERS and DATABASE_URL,
 * or, where those are unset and a Docker engine answers, fresh testcontainers.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.KAFKA_BROKERS && process.env.DATABASE_URL) return;
  if (!dockerAnswers()) throw new Error(HOW_TO_START);
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const [kafka, postgres] = await Promise.all([
    new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().withExposedPorts(9093).start(),
    new PostgreSqlContainer('postgres:16-alpine').start(),
  ]);
  process.env.KAFKA_BROKERS = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
  process.env.DATABASE_URL = postgres.getConnectionUri();
  (globalThis as Record<string, unknown>).__FLEETTWIN_CONTAINERS__ = [kafka, postgres];
}
