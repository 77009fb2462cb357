import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { sha256 } from './rfc6962.hashing';
import { decodeBase64Strict } from './strict-encoding';

/**
 * Keys in the C2SP signed-note formats (https://c2sp.org/signed-note), Ed25519 only:
 *   verifier key  <name>+<key hash, 8 hex>+<base64(0x01 || 32-byte public key)>
 *   signer key    PRIVATE+KEY+<name>+<key hash>+<base64(0x01 || 32-byte seed)>
 * The key hash is the first 4 bytes (big-endian) of SHA-256(name || "\n" || 0x01 || public key).
 */
export const ED25519_ALGORITHM = 0x01;
const SIGNER_PREFIX = 'PRIVATE+KEY+';
// DER wrappers that turn raw Ed25519 bytes into keys node:crypto accepts.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface NoteVerifier {
  name: string;
  keyHash: number;
  publicKey: Buffer;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export interface NoteSigner {
  name: string;
  keyHash: number;
  sign(message: Uint8Array): Buffer;
}

export class NoteKeyError extends Error {
  readonly code = 'BAD_NOTE_KEY';
}

/** A key name is non-empty, without '+', whitespace or control characters. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[+\s\p{Cc}]/u.test(name);
}

export function noteKeyHash(name: string, publicKey: Uint8Array): number {
  return sha256(Buffer.from(`${name}\n`, 'utf8'), Buffer.from([ED25519_ALGORITHM]), publicKey).readUInt32BE(0);
}

export function formatKeyHash(hash: number): string {
  return hash.toString(16).padStart(8, '0');
}

export function verifierFromPublicKey(name: string, publicKey: Uint8Array): NoteVerifier {
  if (!isValidKeyName(name)) throw new NoteKeyError(`invalid key name ${JSON.stringify(name)}`);
  if (publicKey.length !== 32) throw new NoteKeyError('an Ed25519 public key is 32 bytes');
  const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: 'der', type: 'spki' });
  return {
    name,
    keyHash: noteKeyHash(name, publicKey),
    publicKey: Buffer.from(publicKey),
    verify: (message, signature) => signature.length === 64 && verify(null, message, key, signature),
  };
}

export function parseVerifierKey(verifierKey: string): NoteVerifier {
  const parts = verifierKey.split('+');
  // The base64 part may itself contain '+', so everything after the second '+' is the key.
  if (parts.length < 3) throw new NoteKeyError('verifier key must be <name>+<hash>+<key>');
  const [name, hashHex] = parts;
  const keyBytes = decodeBase64Strict(parts.slice(2).join('+'));
  const publicKey = algorithmKey(keyBytes);
  const verifier = verifierFromPublicKey(name, publicKey);
  if (!/^[0-9a-f]{8}$/.test(hashHex) || parseInt(hashHex, 16) !== verifier.keyHash) {
    throw new NoteKeyError('verifier key hash does not match its name and key');
  }
  return verifier;
}

export function parseSignerKey(signerKey: string): NoteSigner {
  if (!signerKey.startsWith(SIGNER_PREFIX)) throw new NoteKeyError(`signer key must start with ${SIGNER_PREFIX}`);
  const parts = signerKey.slice(SIGNER_PREFIX.length).split('+');
  if (parts.length < 3) throw new NoteKeyError('signer key must be PRIVATE+KEY+<name>+<hash>+<key>');
  const [name, hashHex] = parts;
  const seed = algorithmKey(decodeBase64Strict(parts.slice(2).join('+')));
  if (!isValidKeyName(name)) throw new NoteKeyError(`invalid key name ${JSON.stringify(name)}`);
  const privateKey = privateKeyFromSeed(seed);
  const keyHash = noteKeyHash(name, rawPublicKey(privateKey));
  if (!/^[0-9a-f]{8}$/.test(hashHex) || parseInt(hashHex, 16) !== keyHash) {
    throw new NoteKeyError('signer key hash does not match its name and key');
  }
  return { name, keyHash, sign: (message) => sign(null, message, privateKey) };
}

export interface NoteKeyPair {
  signerKey: string;
  verifierKey: string;
}

/** A fresh Ed25519 key pair in both note-key formats; the name is usually the log's origin. */
export function generateNoteKeyPair(name: string): NoteKeyPair {
  if (!isValidKeyName(name)) throw new NoteKeyError(`invalid key name ${JSON.stringify(name)}`);
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_ED25519_PREFIX.length);
  return noteKeyPairFromSeed(name, seed);
}

export function noteKeyPairFromSeed(name: string, seed: Uint8Array): NoteKeyPair {
  const publicKey = rawPublicKey(privateKeyFromSeed(Buffer.from(seed)));
  const hash = formatKeyHash(noteKeyHash(name, publicKey));
  const alg = Buffer.from([ED25519_ALGORITHM]);
  return {
    signerKey: `${SIGNER_PREFIX}${name}+${hash}+${Buffer.concat([alg, seed]).toString('base64')}`,
    verifierKey: `${name}+${hash}+${Buffer.concat([alg, publicKey]).toString('base64')}`,
  };
}

function algorithmKey(bytes: Buffer | null): Buffer {
  if (!bytes || bytes.length !== 33) throw new NoteKeyError('key must be base64 of 33 bytes');
  if (bytes[0] !== ED25519_ALGORITHM) throw new NoteKeyError(`unsupported key algorithm 0x${bytes[0].toString(16)}`);
  return bytes.subarray(1);
}

function privateKeyFromSeed(seed: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function rawPublicKey(privateKey: KeyObject): Buffer {
  return createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX.length);
}
