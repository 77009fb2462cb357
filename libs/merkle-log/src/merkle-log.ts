import { InMemoryLeafStore, type LeafStore } from './leaf-store';
import { consistencyPath, inclusionPath, rootHash } from './merkle-tree';
import { hashLeaf } from './rfc6962.hashing';

export interface TreeHead {
  size: number;
  rootHash: Buffer;
}

/** An append-only RFC 6962 log: leaves go in, tree heads and proofs for any size come out. */
export class MerkleLog {
  constructor(private readonly store: LeafStore = new InMemoryLeafStore()) {}

  /** Appends one entry and returns its leaf index. */
  async append(data: Uint8Array): Promise<number> {
    const index = await this.store.size();
    await this.store.append([hashLeaf(data)]);
    return index;
  }

  size(): Promise<number> {
    return this.store.size();
  }

  async treeHead(size?: number): Promise<TreeHead> {
    const n = await this.checkedSize(size);
    return { size: n, rootHash: rootHash(await this.store.read(0, n)) };
  }

  async inclusionProof(leafIndex: number, treeSize?: number): Promise<Buffer[]> {
    const n = await this.checkedSize(treeSize);
    return inclusionPath(leafIndex, await this.store.read(0, n));
  }

  async consistencyProof(oldSize: number, newSize?: number): Promise<Buffer[]> {
    const n = await this.checkedSize(newSize);
    return consistencyPath(oldSize, await this.store.read(0, n));
  }

  private async checkedSize(size: number | undefined): Promise<number> {
    const current = await this.store.size();
    if (size === undefined) return current;
    if (!Number.isSafeInteger(size) || size < 0 || size > current) {
      throw new RangeError(`tree size ${size} is not between 0 and the log size ${current}`);
    }
    return size;
  }
}
