import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { cmapssAssetId, parseCmapss, parseUnitRanges, type CmapssUnit, type SimulatedFrame } from '@fleettwin/simulator';
import { int, num, optionalText, parseCommandArgs, text, UsageError, type OptionSpec } from './cli-args';
import type { ProgressLine } from './progress';
import { printLine, stopOnSignals } from './run-signals';
import { RUN_OPTIONS } from './stream.command';
import { TRANSPORT_OPTIONS, transportFrom } from './transport.options';
import { pumpFrames, type FrameSource } from './frame-pump';

const REPLAY_OPTIONS: OptionSpec = {
  ...TRANSPORT_OPTIONS,
  ...RUN_OPTIONS,
  cmapss: { type: 'string' },
  units: { type: 'string' },
  tenant: { type: 'string' },
  'seq-start': { type: 'string' },
};

/** `replay`: every C-MAPSS unit of a file becomes an engine sending one frame per cycle. */
export async function replayCommand(argv: string[]): Promise<ProgressLine> {
  const values = parseCommandArgs(argv, REPLAY_OPTIONS);
  const file = optionalText(values, 'cmapss');
  if (!file) throw new UsageError('replay needs --cmapss <file>, e.g. ../shared/data/cmapss/train_FD001.txt');
  const wanted = optionalText(values, 'units');
  const units = parseCmapss(readFileSync(file, 'utf8')).filter((u) => !wanted || parseUnitRanges(wanted).has(u.unit));
  if (units.length === 0) throw new UsageError(`no units of ${file} match --units ${wanted ?? ''}`);
  const tenant = text(values, 'tenant', 'nasa-cmapss');
  const seqBase = text(values, 'seq-start', 'now') === 'now' ? Date.now() : int(values, 'seq-start', 0);
  const transport = transportFrom(values, units.length, `fleet-sim-replay-${process.pid}`);
  await transport.connect();
  const stop = stopOnSignals();
  try {
    const summary = await pumpFrames({
      source: cmapssSource(units, basename(file), tenant, seqBase),
      transport,
      rate: values['max-rate'] === true ? 0 : num(values, 'rate', 1, 0, 1000),
      durationS: num(values, 'duration', 0),
      progressIntervalS: num(values, 'progress-interval', 5, 0.1),
      maxBacklog: int(values, 'max-backlog', 50_000, 1),
      drainTimeoutMs: 15_000,
      stop: stop.signal,
      onProgress: printLine,
    });
    printLine({ ...summary, units: units.length });
    return summary;
  } finally {
    stop.dispose();
    await transport.close();
  }
}

/** Row `ordinal` of each unit is its frame `ordinal`; shorter units simply finish first. */
export function cmapssSource(units: CmapssUnit[], fileName: string, tenant: string, seqBase: number): FrameSource {
  const assetIds = units.map((u) => cmapssAssetId(fileName, u.unit));
  return {
    engines: units.length,
    framesPerEngine: Math.max(...units.map((u) => u.rows.length)),
    badFrames: () => 0,
    frame: (engine, ordinal, tsMs): SimulatedFrame | null => {
      const row = units[engine].rows[ordinal];
      if (!row) return null;
      return { tenant, assetId: assetIds[engine], ts: new Date(tsMs).toISOString(), seq: seqBase + row.cycle, readings: { ...row.readings } };
    },
  };
}
