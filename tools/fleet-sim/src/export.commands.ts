import { optionalText, parseCommandArgs, UsageError, type OptionSpec } from './cli-args';
import { writeJsonFile } from './files';
import { printLine } from './run-signals';
import { simulationFrom, SIMULATION_OPTIONS } from './simulation.options';

const EXPORT_OPTIONS: OptionSpec = { ...SIMULATION_OPTIONS, out: { type: 'string' } };

/** `registry`: each engine's metadata as JSON, to seed the twin's asset registry. */
export async function registryCommand(argv: string[]): Promise<void> {
  const values = parseCommandArgs(argv, EXPORT_OPTIONS);
  const { registry } = simulationFrom(values, startOrThrow(values));
  writeOrPrint(optionalText(values, 'out'), registry, { event: 'registry', engines: registry.engines.length });
}

/**
 * `ground-truth`: what a stream with the same flags (and the same --start) injects, without
 * streaming. Bad frames and observed fault times are known only to a real stream's file.
 */
export async function groundTruthCommand(argv: string[]): Promise<void> {
  const values = parseCommandArgs(argv, EXPORT_OPTIONS);
  const { simulation } = simulationFrom(values, startOrThrow(values));
  const truth = simulation.groundTruth();
  writeOrPrint(optionalText(values, 'out'), truth, { event: 'ground-truth', failures: truth.failures.length, sensorFaults: truth.sensorFaults.length });
}

// Exports must be reproducible, so they take the start from --start rather than the clock;
// without it they use 2025-01-01 as a fixed reference.
function startOrThrow(values: Record<string, unknown>): number {
  const start = values.start;
  if (start === undefined) return Date.parse('2025-01-01T00:00:00Z');
  const ms = Date.parse(String(start));
  if (!Number.isFinite(ms)) throw new UsageError(`--start must be an ISO-8601 time, got "${String(start)}"`);
  return ms;
}

function writeOrPrint(path: string | undefined, value: unknown, note: Record<string, unknown>): void {
  if (!path) {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  writeJsonFile(path, value);
  printLine({ ...note, out: path });
}

