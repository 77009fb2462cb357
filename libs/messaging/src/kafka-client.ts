import { Kafka, logLevel, type KafkaConfig, type LogEntry } from 'kafkajs';
import type { Logger } from 'pino';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** The one place kafkajs is configured, so a client swap stays one change. */
export function createKafka(brokers: string[], clientId: string, logger: Logger, overrides: Partial<KafkaConfig> = {}): Kafka {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  return new Kafka({
    clientId,
    brokers,
    connectionTimeout: 5000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 200, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...extra } = entry.log;
      // The coordinator-loading noise at broker start is retried by kafkajs itself; keep it out of warn+.
      const level = /coordinator (is loading|is not available)/i.test(String(extra.error ?? '')) ? 'debug' : (LEVELS[entry.level] ?? 'info');
      logger[level]({ kafka: { namespace: entry.namespace, ...extra } }, message);
    },
    ...overrides,
  });
}
