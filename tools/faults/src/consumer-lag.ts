import type { Admin } from 'kafkajs';

/** Records in `topic` that `groupId` has not committed yet (a partition never committed counts from its low watermark). */
export async function groupLag(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [ends, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
  const done = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
  let lag = 0n;
  for (const end of ends) {
    const at = done.get(end.partition) ?? -1n;
    const from = at < 0n ? BigInt(end.low) : at;
    const behind = BigInt(end.high) - from;
    if (behind > 0n) lag += behind;
  }
  return Number(lag);
}
