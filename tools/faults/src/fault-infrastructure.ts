import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WORKSPACE_ROOT } from '@fleettwin/testing';

const run = promisify(execFile);

const HOW_TO_RUN = [
  'Fault scenarios stop and restart Kafka and PostgreSQL, so they run only against the servers that',
  '`npm run test:faults` (tools/faults/run.sh) starts for them: it sets FAULTS_KAFKA_DATA_DIR, FAULTS_KAFKA_PORT,',
  'FAULTS_PG_DATA and FAULTS_PG_PORT, and points KAFKA_BROKERS and DATABASE_URL at those servers.',
].join('\n');

/** The suite's own Kafka broker and PostgreSQL cluster, which scenarios may stop, crash and restart. */
export class FaultInfrastructure {
  private constructor(
    private readonly kafkaPort: string,
    private readonly kafkaDataDir: string,
    private readonly pgPort: string,
    private readonly pgData: string,
  ) {}

  /** Refuses unless the runner set the suite up: never restart the machine's shared servers. */
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): FaultInfrastructure {
    const { FAULTS_KAFKA_PORT, FAULTS_KAFKA_DATA_DIR, FAULTS_PG_PORT, FAULTS_PG_DATA, KAFKA_BROKERS, DATABASE_URL } = env;
    if (!FAULTS_KAFKA_PORT || !FAULTS_KAFKA_DATA_DIR || !FAULTS_PG_PORT || !FAULTS_PG_DATA) throw new Error(HOW_TO_RUN);
    if (KAFKA_BROKERS !== `127.0.0.1:${FAULTS_KAFKA_PORT}`) throw new Error(`KAFKA_BROKERS (${KAFKA_BROKERS}) is not the suite's broker 127.0.0.1:${FAULTS_KAFKA_PORT}\n${HOW_TO_RUN}`);
    if (!DATABASE_URL || new URL(DATABASE_URL).port !== FAULTS_PG_PORT) throw new Error(`DATABASE_URL is not the suite's PostgreSQL on port ${FAULTS_PG_PORT}\n${HOW_TO_RUN}`);
    return new FaultInfrastructure(FAULTS_KAFKA_PORT, FAULTS_KAFKA_DATA_DIR, FAULTS_PG_PORT, FAULTS_PG_DATA);
  }

  stopKafka(): Promise<void> {
    return this.kafka('stop');
  }

  startKafka(): Promise<void> {
    return this.kafka('start');
  }

  /** Immediate shutdown: no checkpoint, open connections cut; the next start runs crash recovery. */
  crashPostgres(): Promise<void> {
    return this.pg('crash');
  }

  startPostgres(): Promise<void> {
    return this.pg('start');
  }

  private async kafka(command: 'start' | 'stop'): Promise<void> {
    await run('bash', [join(WORKSPACE_ROOT, 'tools/kafka/kafka.sh'), command], {
      env: { ...process.env, KAFKA_PORT: this.kafkaPort, KAFKA_DATA_DIR: this.kafkaDataDir, KAFKA_HEAP: process.env.FAULTS_KAFKA_HEAP ?? '512m' },
      timeout: 120_000,
    });
  }

  private async pg(command: 'start' | 'crash'): Promise<void> {
    await run('bash', [join(WORKSPACE_ROOT, 'tools/faults/pg.sh'), command], {
      env: { ...process.env, FAULTS_PG_PORT: this.pgPort, FAULTS_PG_DATA: this.pgData },
      timeout: 120_000,
    });
  }
}
