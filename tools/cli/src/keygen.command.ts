import { generateNoteKeyPair, type NoteKeyPair } from '@fleettwin/merkle-log';

export interface KeyFiles {
  signerPath: string;
  verifierPath: string;
  pair: NoteKeyPair;
}

/** File names and contents for a fresh note key pair; the name is the log origin it will sign as. */
export function keyFilesFor(name: string, outPrefix: string): KeyFiles {
  return { signerPath: `${outPrefix}.key`, verifierPath: `${outPrefix}.pub`, pair: generateNoteKeyPair(name) };
}
