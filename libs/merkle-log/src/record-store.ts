import type { ChainedRecord } from './hash-chain';

/** A chained record and where the global Merkle log holds its leaf. */
export interface LoggedRecord<E = unknown> {
  record: ChainedRecord<E>;
  leafIndex: number;
}

/** Per-stream storage of logged records; a Postgres event table can implement it. */
export interface RecordStore {
  head(streamId: string): Promise<LoggedRecord | undefined>;
  append(logged: LoggedRecord): Promise<void>;
  read(streamId: string): Promise<LoggedRecord[]>;
}

export class InMemoryRecordStore implements RecordStore {
  private readonly streams = new Map<string, LoggedRecord[]>();

  async head(streamId: string): Promise<LoggedRecord | undefined> {
    return this.streams.get(streamId)?.at(-1);
  }

  async append(logged: LoggedRecord): Promise<void> {
    const stream = this.streams.get(logged.record.streamId) ?? [];
    stream.push(logged);
    this.streams.set(logged.record.streamId, stream);
  }

  async read(streamId: string): Promise<LoggedRecord[]> {
    return [...(this.streams.get(streamId) ?? [])];
  }
}
