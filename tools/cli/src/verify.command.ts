import { describeFailure, verifyDossier } from '@fleettwin/merkle-log';

export interface CommandResult {
  exitCode: 0 | 1;
  output: string;
}

/**
 * The verdict on a dossier's text, given the key text (a note verifier key or the base64 of a raw
 * Ed25519 public key). Pure: main.ts does the reading and the printing.
 */
export function verifyDossierText(dossierText: string, keyText: string): CommandResult {
  let dossier: unknown;
  try {
    dossier = JSON.parse(dossierText);
  } catch (error) {
    return { exitCode: 1, output: `invalid: MALFORMED_DOSSIER: not JSON (${(error as Error).message})` };
  }
  const verdict = verifyDossier(dossier, keyText);
  if (!verdict.valid) return { exitCode: 1, output: `invalid: ${describeFailure(verdict.failure)}` };
  const { streamId, events, checkpoint } = verdict;
  return {
    exitCode: 0,
    output: `valid: ${events} events of ${streamId}, hash-chained and included in checkpoint ${checkpoint.origin} size ${checkpoint.size} root ${checkpoint.rootHash}`,
  };
}
