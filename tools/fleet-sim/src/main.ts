import { UsageError } from './cli-args';
import { groundTruthCommand, registryCommand } from './export.commands';
import { replayCommand } from './replay.command';
import { streamCommand } from './stream.command';

const USAGE = `fleet-sim <command> [flags]

commands:
  stream        stream a simulated fleet over MQTT or HTTP
  replay        stream C-MAPSS units as engines
  registry      write the fleet registry as JSON
  ground-truth  write the ground truth (injected failures, sensor faults) as JSON

See docs/simulator.md for every flag.`;

type Command = (argv: string[]) => Promise<unknown>;

const COMMANDS: Readonly<Record<string, Command>> = {
  stream: streamCommand,
  replay: replayCommand,
  registry: registryCommand,
  'ground-truth': groundTruthCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    process.stderr.write(`${USAGE}\n`);
    return name === undefined || name === '--help' || name === 'help' ? 0 : 2;
  }
  await command(rest);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage = error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    process.stderr.write(`${JSON.stringify({ event: 'error', message: error instanceof Error ? error.message : String(error) })}\n`);
    process.exit(usage ? 2 : 1);
  },
);
