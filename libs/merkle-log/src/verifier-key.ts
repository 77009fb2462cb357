import { parseVerifierKey, verifierFromPublicKey, type NoteVerifier } from './note-keys';
import { decodeBase64Strict } from './strict-encoding';

/**
 * What an auditor may hold: the note verifier key (<name>+<hash>+<base64>), or just the base64 of
 * the raw 32-byte Ed25519 public key, in which case the key takes the name the log claims.
 */
export function verifierFromKeyText(keyText: string, nameIfRaw: string): NoteVerifier {
  const trimmed = keyText.trim();
  const raw = decodeBase64Strict(trimmed);
  if (raw && raw.length === 32) return verifierFromPublicKey(nameIfRaw, raw);
  return parseVerifierKey(trimmed);
}
