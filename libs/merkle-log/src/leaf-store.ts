/**
 * Where the log keeps its leaf hashes. Async so that a Postgres table can stand behind it; the
 * caller serialises appends (one writer, or a transaction with a lock), since index order is the log.
 */
export interface LeafStore {
  size(): Promise<number>;
  append(leafHashes: readonly Buffer[]): Promise<void>;
  /** Leaf hashes [start, end). */
  read(start: number, end: number): Promise<Buffer[]>;
}

export class InMemoryLeafStore implements LeafStore {
  private readonly leaves: Buffer[] = [];

  async size(): Promise<number> {
    return this.leaves.length;
  }

  async append(leafHashes: readonly Buffer[]): Promise<void> {
    this.leaves.push(...leafHashes.map((h) => Buffer.from(h)));
  }

  async read(start: number, end: number): Promise<Buffer[]> {
    return this.leaves.slice(start, end).map((h) => Buffer.from(h));
  }
}
