#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { keyFilesFor } from './keygen.command';
import { verifyDossierText } from './verify.command';

/** `fleettwin`: offline tools for auditors and operators. No server, no database. */
const program = new Command()
  .name('fleettwin')
  .description('Offline tools for fleettwin custody ledgers')
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

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
    return;
  }
  process.stderr.write(`fleettwin: ${(error as Error).message}\n`);
  process.exitCode = 2;
});
