import { Command, Option } from 'commander';
import { GATEWAY_ROLES, GatewayRole } from '@fleettwin/contracts';
import { loadConfig } from '@fleettwin/platform';
import { mintDevToken } from '../auth/dev-token';
import { GatewayConfig } from '../config';

/** Prints a development token signed with AUTH_DEV_SECRET, e.g. `--tenant acme --role planner`. */
const program = new Command('mint-token')
  .requiredOption('--tenant <tenant>', 'the tenant the token is for')
  .addOption(new Option('--role <role...>', 'one or more roles').choices(GATEWAY_ROLES).makeOptionMandatory())
  .option('--sub <subject>', 'who the token names')
  .option('--expires-in <span>', 'lifetime, such as 1h or 30m', '8h')
  .action(async (options: { tenant: string; role: string[]; sub?: string; expiresIn: string }) => {
    const config = loadConfig(GatewayConfig);
    if (!config.AUTH_DEV_SECRET) throw new Error('AUTH_DEV_SECRET is not set: tokens from an identity provider are minted there');
    const token = await mintDevToken({
      secret: config.AUTH_DEV_SECRET,
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
      tenant: options.tenant,
      roles: options.role.map((r) => GatewayRole.parse(r)),
      sub: options.sub,
      expiresIn: options.expiresIn,
    });
    process.stdout.write(`${token}\n`);
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
