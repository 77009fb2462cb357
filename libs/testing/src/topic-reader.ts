import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { waitFor } from './wait';

/** Reads a topic from the beginning until `count` records arrived, then `settleMs` more to catch extras. */
export async function readTopic(brokers: string, topic: string, count: number, timeoutMs = 15000, settleMs = 0): Promise<KafkaMessage[]> {
  const kafka = new Kafka({ clientId: 'test-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}` });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
    await waitFor(() => messages.length >= count, { timeoutMs, what: `${count} records on ${topic}` });
    if (settleMs) await new Promise((r) => setTimeout(r, settleMs));
    return messages;
  } finally {
    await consumer.disconnect();
  }
}
