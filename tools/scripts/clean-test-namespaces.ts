/**
 * Removes what earlier integration-test runs left on the local servers: `ft_*` databases and
 * `t-*` topics (benchmark runs clean up their own `ft_bench_*`). Each suite uses its own namespace,
 * so nothing here is shared with a live system.
 */
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new Kafka({ clientId: 'test-cleaner', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith('t-'));
  if (topics.length) await admin.deleteTopics({ topics, timeout: 30000 });
  await admin.disconnect();

  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const db = new Client({ connectionString: url.toString() });
  await db.connect();
  const { rows } = await db.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'ft\\_%' AND datname NOT LIKE 'ft\\_bench\\_%'");
  for (const { datname } of rows) await db.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await db.end();
  console.log(`cleaned ${topics.length} test topics and ${rows.length} test databases`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
