import { signCheckpoint, type Checkpoint } from './checkpoint';
import { DOSSIER_FORMAT, type Dossier } from './dossier';
import { chainRecord } from './hash-chain';
import type { MerkleLog } from './merkle-log';
import type { NoteSigner } from './note-keys';
import type { LoggedRecord, RecordStore } from './record-store';
import { signStreamHead } from './stream-head';

export interface StreamLedgerDeps {
  log: MerkleLog;
  records: RecordStore;
  /** Signs checkpoints and stream heads; its key name is the log's origin. */
  signer: NoteSigner;
}

/**
 * Per-stream hash chains whose record hashes are also leaves of one global Merkle log. The leaf
 * data is the 32 raw bytes of the record hash, which already commits to the whole record.
 * Appends must be serialised by the caller (one writer or a database lock): order is the evidence.
 */
export class StreamLedger {
  constructor(private readonly deps: StreamLedgerDeps) {}

  get origin(): string {
    return this.deps.signer.name;
  }

  async append<E>(streamId: string, event: E): Promise<LoggedRecord<E>> {
    const head = await this.deps.records.head(streamId);
    const record = chainRecord(streamId, event, head?.record);
    const leafIndex = await this.deps.log.append(Buffer.from(record.hash, 'hex'));
    const logged = { record, leafIndex };
    await this.deps.records.append(logged);
    return logged;
  }

  async checkpoint(): Promise<{ checkpoint: Checkpoint; signed: string }> {
    const head = await this.deps.log.treeHead();
    const checkpoint: Checkpoint = { origin: this.origin, size: head.size, rootHash: head.rootHash, extensions: [] };
    return { checkpoint, signed: signCheckpoint(checkpoint, this.deps.signer) };
  }

  consistencyProof(oldSize: number, newSize: number): Promise<Buffer[]> {
    return this.deps.log.consistencyProof(oldSize, newSize);
  }

  async exportDossier(streamId: string): Promise<Dossier> {
    const logged = await this.deps.records.read(streamId);
    if (logged.length === 0) throw new Error(`stream ${streamId} has no records`);
    const { checkpoint, signed } = await this.checkpoint();
    const entries = await Promise.all(
      logged.map(async ({ record, leafIndex }) => ({
        record,
        leafIndex,
        inclusionProof: (await this.deps.log.inclusionProof(leafIndex, checkpoint.size)).map((h) => h.toString('base64')),
      })),
    );
    const last = logged[logged.length - 1].record;
    const streamHead = signStreamHead(
      { origin: this.origin, streamId, count: logged.length, lastHash: last.hash, treeSize: checkpoint.size },
      this.deps.signer,
    );
    return { format: DOSSIER_FORMAT, streamId, checkpoint: signed, streamHead, entries };
  }
}
