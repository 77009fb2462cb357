import type { FleetSimulation } from '@fleettwin/simulator';
import { int, num, optionalText, parseCommandArgs, type OptionSpec } from './cli-args';
import { writeJsonFile } from './files';
import { pumpFrames, type FrameSource } from './frame-pump';
import type { ProgressLine } from './progress';
import { printLine, stopOnSignals } from './run-signals';
import { simulationFrom, SIMULATION_OPTIONS } from './simulation.options';
import { TRANSPORT_OPTIONS, transportFrom } from './transport.options';

export const RUN_OPTIONS: OptionSpec = {
  rate: { type: 'string' },
  'max-rate': { type: 'boolean' },
  duration: { type: 'string' },
  'progress-interval': { type: 'string' },
  'max-backlog': { type: 'string' },
};

const STREAM_OPTIONS: OptionSpec = {
  ...SIMULATION_OPTIONS,
  ...TRANSPORT_OPTIONS,
  ...RUN_OPTIONS,
  'ground-truth': { type: 'string' },
  registry: { type: 'string' },
};

/** `stream`: the simulated fleet, live, over MQTT or HTTP. Resolves with the final summary. */
export async function streamCommand(argv: string[]): Promise<ProgressLine> {
  const values = parseCommandArgs(argv, STREAM_OPTIONS);
  const { registry, simulation } = simulationFrom(values, Date.now());
  const groundTruthPath = optionalText(values, 'ground-truth');
  const registryPath = optionalText(values, 'registry');
  if (registryPath) writeJsonFile(registryPath, registry);
  const writeGroundTruth = (): void => {
    if (groundTruthPath) writeJsonFile(groundTruthPath, simulation.groundTruth());
  };
  writeGroundTruth();

  const transport = transportFrom(values, registry.engines.length, `fleet-sim-${registry.seed}-${process.pid}`);
  await transport.connect();
  const stop = stopOnSignals();
  try {
    const summary = await pumpFrames({
      source: simulationSource(simulation),
      transport,
      rate: values['max-rate'] === true ? 0 : num(values, 'rate', 0.5, 0, 1000),
      durationS: num(values, 'duration', 0),
      progressIntervalS: num(values, 'progress-interval', 5, 0.1),
      maxBacklog: int(values, 'max-backlog', 50_000, 1),
      drainTimeoutMs: 15_000,
      stop: stop.signal,
      onProgress: printLine,
      onTick: writeGroundTruth,
    });
    writeGroundTruth();
    printLine(summary);
    return summary;
  } finally {
    stop.dispose();
    await transport.close();
  }
}

export function simulationSource(simulation: FleetSimulation): FrameSource {
  const seqBase = simulation.seqBase;
  return {
    engines: simulation.size,
    framesPerEngine: Number.POSITIVE_INFINITY,
    frame: (engine, ordinal, tsMs) => simulation.frame(engine, seqBase + ordinal, tsMs),
    badFrames: () => simulation.badFrameCount(),
  };
}
