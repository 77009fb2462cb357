#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mintDeviceToken, signingKey } from '@fleettwin/device-auth';
import { deviceKeysFrom } from './device-keys.source';
import { keyFilesFor } from './keygen.command';
import { writeMqttCredentials, type MqttCredentialsOptions } from './mqtt-credentials.command';
import { verifyDossierText } from './verify.command';

/** `fleettwin`: offline tools for auditors and operators. No server, no database. */
const program = new Command()
  .name('fleettwin')
  .description('Offline tools for fleettwin: custody ledgers, device credentials')
  .showHelpAfterError()
  // Exit 1 means "invalid dossier"; usage errors must not look like that, so they exit 2.
  .exitOverride();

program
  .command('verify')
  .description('verify a custody dossier against the log public key; exit 0 valid, 1 invalid')
  .argument('<dossier>', 'dossier JSON file')
  .requiredOption('--key <key>', 'verifier key file, note verifier key (name+hash+base64), or base64 Ed25519 public key')
  .action((dossierPath: string, options: { key: string }) => {
    const keyText = existsSync(options.key) ? readFileSync(options.key, 'utf8') : options.key;
    const result = verifyDossierText(readFileSync(dossierPath, 'utf8'), keyText);
    (result.exitCode === 0 ? process.stdout : process.stderr).write(`${result.output}\n`);
    process.exitCode = result.exitCode;
  });

program
  .command('keygen')
  .description('write an Ed25519 key pair in C2SP note-key formats: <out>.key (signer, private) and <out>.pub (verifier)')
  .requiredOption('--name <origin>', 'key name, the log origin it signs checkpoints as (no spaces or "+")')
  .option('--out <prefix>', 'path prefix of the two files', 'fleettwin-log')
  .action((options: { name: string; out: string }) => {
    const files = keyFilesFor(options.name, options.out);
    // The signer key is a secret: create it readable by its owner only, and never overwrite one.
    writeFileSync(files.signerPath, `${files.pair.signerKey}\n`, { mode: 0o600, flag: 'wx' });
    writeFileSync(files.verifierPath, `${files.pair.verifierKey}\n`, { flag: 'wx' });
    process.stdout.write(`wrote ${files.signerPath} and ${files.verifierPath}\n${files.pair.verifierKey}\n`);
  });

program
  .command('device-token')
  .description('mint the token of one device (HTTP Authorization: Bearer …, and its MQTT password) from the device-token keys')
  .requiredOption('--tenant <tenant>', 'the device\'s tenant')
  .requiredOption('--asset <assetId>', 'the device\'s asset id')
  .option('--key-id <id>', 'the key to sign with (default: the last one listed)')
  .option('--keys-file <path>', 'keyId:secret lines (default: DEVICE_TOKEN_KEYS_FILE, else DEVICE_TOKEN_KEYS)')
  .action((options: { tenant: string; asset: string; keyId?: string; keysFile?: string }) => {
    const key = signingKey(deviceKeysFrom(options.keysFile), options.keyId);
    process.stdout.write(`${mintDeviceToken(key, options.tenant, options.asset)}\n`);
  });

program
  .command('device-key')
  .description('print a new device-token key line (keyId:secret) to append to the keys Secret when rotating')
  .requiredOption('--id <keyId>', 'key id, 1-32 letters, digits, "_" or "-", e.g. 2026-11')
  .action((options: { id: string }) => {
    process.stdout.write(`${options.id}:${randomBytes(32).toString('base64')}\n`);
  });

program
  .command('mqtt-credentials')
  .description('write a Mosquitto password file and ACL from the asset registry: each device may publish only to its own topic')
  .requiredOption('--out-dir <dir>', 'where passwd and acl are written')
  .option('--registry-url <url>', 'twin-state base URL (reads GET /v1/assets)')
  .option('--registry-file <path>', 'a saved GET /v1/assets answer instead')
  .option('--tenant <tenant>', 'only this tenant\'s devices')
  .option('--kinds <kinds>', 'only these asset kinds, comma-separated (default: every active asset)')
  .option('--topic-root <root>', 'MQTT topic root (ingest\'s MQTT_TOPIC_ROOT)', 'fleet')
  .option('--key-id <id>', 'device-token key for the device passwords (default: the last one listed)')
  .option('--keys-file <path>', 'keyId:secret lines (default: DEVICE_TOKEN_KEYS_FILE, else DEVICE_TOKEN_KEYS)')
  .option('--ingest-password-file <path>', 'ingest\'s broker password (default: MQTT_INGEST_PASSWORD)')
  .option('--twin-state-password-file <path>', 'twin-state\'s broker password (default: MQTT_TWIN_STATE_PASSWORD; no account without one)')
  .option('--iterations <n>', 'PBKDF2 iterations of the password hashes', '101')
  .action(async (options: MqttCredentialsOptions) => {
    process.stdout.write(`${await writeMqttCredentials(options)}\n`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
    return;
  }
  process.stderr.write(`fleettwin: ${(error as Error).message}\n`);
  process.exitCode = 2;
});
