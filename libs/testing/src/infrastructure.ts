import { execSync } from 'node:child_process';

export interface TestInfrastructure {
  kafkaBrokers: string;
  databaseUrl: string;
}

const HOW_TO_START = [
  'Integration tests need a real Kafka broker and a real PostgreSQL server.',
  'Either set KAFKA_BROKERS and DATABASE_URL, for example:',
  '  npm run kafka:start   # Apache Kafka 4 (KRaft) on 127.0.0.1:9092, fetched from Maven Central',
  '  export KAFKA_BROKERS=127.0.0.1:9092 DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres',
  'or run `npm test`, which starts the local broker itself, or have a Docker engine running for testcontainers.',
].join('\n');

export function dockerAnswers(): boolean {
  try {
    execSync('docker info', { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

/** What integration tests talk to; global setup has filled the env before any suite runs. */
export function testInfrastructure(): TestInfrastructure {
  const kafkaBrokers = process.env.KAFKA_BROKERS;
  const databaseUrl = process.env.DATABASE_URL;
  if (!kafkaBrokers || !databaseUrl) throw new Error(HOW_TO_START);
  return { kafkaBrokers, databaseUrl };
}

export { HOW_TO_START };
