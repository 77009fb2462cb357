import type { Logger } from 'pino';
import { decodeBase64Strict, generateNoteKeyPair, noteKeyPairFromSeed, parseSignerKey, type NoteSigner } from '@fleettwin/merkle-log';
import type { MaintenanceConfig } from '../config';

export interface CustodyKeys {
  signer: NoteSigner;
  /** C2SP note verifier key (`<origin>+<hash>+<key>`), published for auditors. */
  verifierKey: string;
}

/**
 * The log's signing key from CUSTODY_SIGNING_KEY. Without one (meant for dev and test; the prod
 * overlay sets it from the maintenance-custody-key Secret) a fresh key is made at start and its
 * verifier key logged: checkpoints signed before a restart then no longer verify against it.
 */
export function loadCustodyKeys(config: MaintenanceConfig, logger: Logger): CustodyKeys {
  const origin = config.CUSTODY_LOG_ORIGIN;
  if (!config.CUSTODY_SIGNING_KEY) {
    const pair = generateNoteKeyPair(origin);
    // Prod overlays set it from a Secret; an ephemeral key there is a misconfiguration worth an error line.
    const log = config.FLEETTWIN_ENV === 'prod' ? logger.error.bind(logger) : logger.warn.bind(logger);
    log({ verifierKey: pair.verifierKey }, 'CUSTODY_SIGNING_KEY is not set: signing custody checkpoints with a key generated for this run');
    return { signer: parseSignerKey(pair.signerKey), verifierKey: pair.verifierKey };
  }
  const signer = parseSignerKey(config.CUSTODY_SIGNING_KEY);
  if (signer.name !== origin) throw new Error(`CUSTODY_SIGNING_KEY is a key for ${signer.name}, but CUSTODY_LOG_ORIGIN is ${origin}: the key name must be the log origin`);
  const encoded = config.CUSTODY_SIGNING_KEY.split('+').slice(4).join('+');
  const seed = decodeBase64Strict(encoded)?.subarray(1);
  if (!seed) throw new Error('CUSTODY_SIGNING_KEY: the key is not canonical base64');
  return { signer, verifierKey: noteKeyPairFromSeed(origin, seed).verifierKey };
}
