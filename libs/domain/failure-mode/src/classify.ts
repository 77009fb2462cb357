import { activeFailureModes, type FailureModeCatalog } from './failure-mode.catalog';
import { cosineSimilarity, directionVector, type SignatureVector } from './signature-vector';

export interface FailureModeMatch {
  code: string;
  /** Cosine similarity in [-1, 1] between the signature and the mode's pattern. */
  similarity: number;
}

/**
 * Every active mode scored against a signature, best first. Each mode's pattern is compared on
 * the sensors the signature observed only: a mode is not penalised for channels the asset does
 * not report, and a mode none of whose sensors were observed scores 0.
 */
export function rankFailureModes(signature: SignatureVector, catalog: FailureModeCatalog): FailureModeMatch[] {
  return activeFailureModes(catalog)
    .map((mode) => ({ code: mode.code, similarity: round(cosineSimilarity(signature, directionVector(mode.signature, signature.sensors))) }))
    .sort((a, b) => b.similarity - a.similarity || a.code.localeCompare(b.code));
}

/** The best-matching mode, or null when none reaches `minSimilarity` (the signature is then unclassified). */
export function classifySignature(signature: SignatureVector, catalog: FailureModeCatalog, minSimilarity = 0.5): FailureModeMatch | null {
  const best = rankFailureModes(signature, catalog)[0];
  return best && best.similarity >= minSimilarity ? best : null;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
