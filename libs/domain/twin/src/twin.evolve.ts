import { DEFAULT_USAGE_CONFIG, initialUsageState, recordUsage, type UsageConfig } from '@fleettwin/domain-asset';
import { assessReading, type DataQualityPolicy } from './data-quality';
import { defaultDataQualityPolicy } from './sensor-ranges';
import type { CommandState, SensorState, Twin, TwinEvent, TwinState } from './twin.events';

export type TwinEvolve = (state: TwinState, event: TwinEvent) => TwinState;

/** The twin's fold. Data-quality verdicts are derived here, so a rebuild under the same policy is identical. */
export function createTwinEvolve(policy: DataQualityPolicy = defaultDataQualityPolicy, usageConfig: UsageConfig = DEFAULT_USAGE_CONFIG): TwinEvolve {
  return (state, event) => {
    switch (event.type) {
      case 'FrameRecorded': {
        const { tenant, assetId, ts, seq, readings } = event.data;
        const sensors: Record<string, SensorState> = { ...(state?.sensors ?? {}) };
        for (const [name, value] of Object.entries(readings)) {
          sensors[name] = assessReading(sensors[name], value, ts, policy.ranges[name], policy);
        }
        const usage = recordUsage(state?.usage ?? initialUsageState, event.data, usageConfig).state;
        return { ...state, assetId, tenant, sensors, frames: (state?.frames ?? 0) + 1, lastSeq: seq, updatedAt: ts, usage };
      }
      case 'SensorFaultRaised':
      case 'SensorFaultCleared':
      case 'CycleCompleted':
        // Flags and usage are derived from frames above; these events are the audit trail of their changes.
        return state;
      case 'CommandIssued': {
        if (!state) return state;
        const { commandId, kind, name, parameters, issuedAt, expiresAt, issuedBy } = event.data;
        const command: CommandState = { commandId, kind, name, parameters, issuedAt, expiresAt, issuedBy, status: 'pending' };
        return {
          ...state,
          desired: kind === 'parameters' ? { ...state.desired, ...parameters } : state.desired,
          commands: { ...state.commands, [commandId]: command },
        };
      }
      case 'CommandAcknowledged': {
        const command = state?.commands?.[event.data.commandId];
        if (!state || !command) return state;
        const { status, reported, at, message } = event.data;
        return withCommand({ ...state, reported: { ...state.reported, ...reported } }, { ...command, status, settledAt: at, ...(message ? { message } : {}) });
      }
      case 'CommandTimedOut': {
        const command = state?.commands?.[event.data.commandId];
        if (!state || !command) return state;
        return withCommand(state, { ...command, status: 'timed-out', settledAt: event.data.at });
      }
    }
  };
}

function withCommand(twin: Twin, command: CommandState): Twin {
  return { ...twin, commands: { ...twin.commands, [command.commandId]: command } };
}

export const evolve: TwinEvolve = createTwinEvolve();

export function foldTwin(events: readonly TwinEvent[], state: TwinState = null, fold: TwinEvolve = evolve): TwinState {
  return events.reduce(fold, state);
}
