/** The part of a telemetry frame usage counting reads (a twin's `FrameRecorded` data fits). */
export interface UsageFrame {
  ts: string;
  readings: Readonly<Record<string, number | null>>;
}

export interface UsageConfig {
  /** A reading of exactly 1 or 0 that says outright whether the asset runs; wins over `runningSensor`. */
  runningFlag: string;
  /** Otherwise the asset runs while this sensor reads above the threshold (e.g. `n2` above 50 % or `Nc` above 5000 rpm). */
  runningSensor: { name: string; above: number } | null;
  /** Sensors whose highest value during a cycle is kept with it (e.g. `egt`: the take-off peak ages the hot section). */
  peakSensors: readonly string[];
  /** A longer silence between frames is a data gap, not running time. */
  maxGapMs: number;
}

export const DEFAULT_USAGE_CONFIG: UsageConfig = {
  runningFlag: 'running',
  runningSensor: { name: 'n2', above: 50 },
  peakSensors: ['egt', 'n1', 'n2'],
  maxGapMs: 5 * 60_000,
};

interface OpenCycle {
  start: string;
  runningMs: number;
  peaks: Record<string, number>;
}

/** Serialisable, so a twin can keep it in a snapshot and resume the fold. */
export interface UsageState {
  operatingMs: number;
  cycles: number;
  running: boolean;
  lastTs: string | null;
  cycle: OpenCycle | null;
}

/** A start-to-shutdown cycle, as a fact the twin can record as an event. */
export interface CycleCompleted {
  type: 'CycleCompleted';
  data: {
    /** 1 for the first cycle this fold counted. */
    cycle: number;
    start: string;
    end: string;
    /** Wall-clock time from the first running frame to the first stopped one. */
    durationMs: number;
    /** The part of the duration counted as operating time (data gaps excluded). */
    runningMs: number;
    peaks: Record<string, number>;
  };
}

export interface UsageStep {
  state: UsageState;
  facts: CycleCompleted[];
}

export const initialUsageState: UsageState = { operatingMs: 0, cycles: 0, running: false, lastTs: null, cycle: null };

/**
 * One frame more. The asset is taken to stay as the previous frame showed it until the next frame
 * arrives, so the interval before a frame counts as operating time when the previous frame was
 * running and the interval is no longer than `maxGapMs`. A cycle completes on the running→stopped
 * transition. A frame that does not say whether the asset runs (flag and sensor missing or null)
 * keeps the previous state: one lost reading must not end a flight. Frames not newer than the
 * last one are duplicates or stragglers and change nothing.
 */
export function recordUsage(state: UsageState, frame: UsageFrame, config: UsageConfig): UsageStep {
  const t = Date.parse(frame.ts);
  if (Number.isNaN(t)) return { state, facts: [] };
  const last = state.lastTs === null ? null : Date.parse(state.lastTs);
  if (last !== null && t <= last) return { state, facts: [] };

  const countedMs = last !== null && state.running && t - last <= config.maxGapMs ? t - last : 0;
  const running = isRunning(frame, config) ?? state.running;
  const cycle = state.cycle ? { ...state.cycle, runningMs: state.cycle.runningMs + countedMs } : null;
  const next: UsageState = { ...state, operatingMs: state.operatingMs + countedMs, running, lastTs: frame.ts, cycle };

  if (running && !next.cycle) return { state: { ...next, cycle: { start: frame.ts, runningMs: 0, peaks: peaksOf({}, frame, config) } }, facts: [] };
  if (running && next.cycle) return { state: { ...next, cycle: { ...next.cycle, peaks: peaksOf(next.cycle.peaks, frame, config) } }, facts: [] };
  if (!next.cycle) return { state: next, facts: [] };
  return completeCycle(next, next.cycle, frame.ts, t);
}

export function foldUsage(frames: Iterable<UsageFrame>, config: UsageConfig, state: UsageState = initialUsageState): UsageStep {
  const facts: CycleCompleted[] = [];
  let current = state;
  for (const frame of frames) {
    const step = recordUsage(current, frame, config);
    current = step.state;
    facts.push(...step.facts);
  }
  return { state: current, facts };
}

export function operatingHours(state: UsageState): number {
  return state.operatingMs / 3_600_000;
}

/** true / false when the frame says; undefined when it does not. */
export function isRunning(frame: UsageFrame, config: UsageConfig): boolean | undefined {
  const flag = frame.readings[config.runningFlag];
  if (flag === 1 || flag === 0) return flag === 1;
  if (!config.runningSensor) return undefined;
  const value = frame.readings[config.runningSensor.name];
  if (value === null || value === undefined || !Number.isFinite(value)) return undefined;
  return value > config.runningSensor.above;
}

function completeCycle(state: UsageState, cycle: OpenCycle, end: string, endMs: number): UsageStep {
  const cycles = state.cycles + 1;
  const fact: CycleCompleted = {
    type: 'CycleCompleted',
    data: { cycle: cycles, start: cycle.start, end, durationMs: endMs - Date.parse(cycle.start), runningMs: cycle.runningMs, peaks: cycle.peaks },
  };
  return { state: { ...state, cycles, cycle: null }, facts: [fact] };
}

function peaksOf(peaks: Readonly<Record<string, number>>, frame: UsageFrame, config: UsageConfig): Record<string, number> {
  const next = { ...peaks };
  for (const sensor of config.peakSensors) {
    const value = frame.readings[sensor];
    if (value === null || value === undefined || !Number.isFinite(value)) continue;
    if (next[sensor] === undefined || value > next[sensor]) next[sensor] = value;
  }
  return next;
}
