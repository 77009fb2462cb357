import type { ChainedRecord } from './hash-chain';

/**
 * A stream's history packaged for offline verification: every stored record with its leaf index
 * and inclusion proof against one signed checkpoint, plus the signed stream head. Schema:
 * docs/custody.md ("Dossier").
 */
export const DOSSIER_FORMAT = 'fleettwin.custody-dossier/v1';

export interface DossierEntry<E = unknown> {
  record: ChainedRecord<E>;
  leafIndex: number;
  /** Base64 hashes of the RFC 9162 inclusion proof, leaf to root, for the checkpoint's tree size. */
  inclusionProof: string[];
}

export interface Dossier<E = unknown> {
  format: typeof DOSSIER_FORMAT;
  streamId: string;
  /** C2SP signed checkpoint of the global log. */
  checkpoint: string;
  /** Signed note: the stream's event count and last hash at that checkpoint. */
  streamHead: string;
  entries: DossierEntry<E>[];
}
