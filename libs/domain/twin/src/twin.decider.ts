import type { QualityFlag } from '@fleettwin/contracts';
import type { CommandAcknowledged, CommandIssued, FrameRecorded, Twin, TwinEvent, TwinState } from './twin.events';
import { DEFAULT_USAGE_CONFIG, initialUsageState, recordUsage, type UsageConfig } from '@fleettwin/domain-asset';
import { evolve as defaultEvolve, type TwinEvolve } from './twin.evolve';

export interface RecordFrame {
  type: 'RecordFrame';
  data: FrameRecorded['data'];
}

export interface IssueCommand {
  type: 'IssueCommand';
  data: Omit<CommandIssued['data'], 'assetId'> & { assetId: string; tenant: string };
}

export interface AcknowledgeCommand {
  type: 'AcknowledgeCommand';
  data: CommandAcknowledged['data'] & { tenant: string };
}

/** Time passes: every pending command whose deadline is at or before `now` times out. */
export interface ExpireCommands {
  type: 'ExpireCommands';
  data: { assetId: string; now: string };
}

export type TwinCommand = RecordFrame | IssueCommand | AcknowledgeCommand | ExpireCommands;

export type TwinRejectionCode = 'TENANT_MISMATCH' | 'TWIN_NOT_FOUND' | 'COMMAND_EXISTS' | 'COMMAND_NOT_FOUND' | 'COMMAND_SETTLED';

export type TwinRejection = { code: TwinRejectionCode; message: string };

export type Decision = { ok: true; events: TwinEvent[] } | { ok: false; rejection: TwinRejection };

const accept = (events: TwinEvent[]): Decision => ({ ok: true, events });
const reject = (code: TwinRejectionCode, message: string): Decision => ({ ok: false, rejection: { code, message } });

export function decide(command: TwinCommand, state: TwinState, evolve: TwinEvolve = defaultEvolve, usageConfig: UsageConfig = DEFAULT_USAGE_CONFIG): Decision {
  switch (command.type) {
    case 'RecordFrame':
      return recordFrame(command, state, evolve, usageConfig);
    case 'IssueCommand': {
      if (!state) return reject('TWIN_NOT_FOUND', `no twin for asset ${command.data.assetId}`);
      if (state.tenant !== command.data.tenant) return reject('TWIN_NOT_FOUND', `no twin for asset ${command.data.assetId}`);
      if (state.commands?.[command.data.commandId]) return reject('COMMAND_EXISTS', `command ${command.data.commandId} was already issued`);
      const { tenant: _tenant, ...data } = command.data;
      return accept([{ type: 'CommandIssued', data }]);
    }
    case 'AcknowledgeCommand': {
      const existing = state?.tenant === command.data.tenant ? state.commands?.[command.data.commandId] : undefined;
      if (!existing) return reject('COMMAND_NOT_FOUND', `no command ${command.data.commandId} on asset ${command.data.assetId}`);
      if (existing.status !== 'pending' && !(existing.status === 'accepted' && command.data.status === 'completed')) {
        return reject('COMMAND_SETTLED', `command ${command.data.commandId} is already ${existing.status}`);
      }
      const { tenant: _tenant, ...data } = command.data;
      return accept([{ type: 'CommandAcknowledged', data }]);
    }
    case 'ExpireCommands': {
      const due = Object.values(state?.commands ?? {}).filter((c) => c.status === 'pending' && c.expiresAt <= command.data.now);
      return accept(due.map((c) => ({ type: 'CommandTimedOut', data: { assetId: command.data.assetId, commandId: c.commandId, at: command.data.now } })));
    }
  }
}

/**
 * A frame whose seq is not newer than the last one recorded is a duplicate (a redelivery or a
 * gateway retry): deciding it yields no event, so applying it twice changes nothing. A recorded
 * frame that raises or clears a data-quality flag also yields the fault event, for the audit trail.
 */
function recordFrame(command: RecordFrame, state: TwinState, evolve: TwinEvolve, usageConfig: UsageConfig): Decision {
  if (state && state.tenant !== command.data.tenant) {
    return reject('TENANT_MISMATCH', `asset ${state.assetId} belongs to tenant ${state.tenant}, not ${command.data.tenant}`);
  }
  if (state && command.data.seq <= state.lastSeq) return accept([]);
  const recorded: FrameRecorded = { type: 'FrameRecorded', data: command.data };
  const next = evolve(state, recorded);
  const cycles: TwinEvent[] = recordUsage(state?.usage ?? initialUsageState, command.data, usageConfig).facts.map((fact) => ({
    type: 'CycleCompleted',
    data: { ...fact.data, assetId: command.data.assetId },
  }));
  return accept([recorded, ...faultTransitions(state, next, command.data), ...cycles]);
}

function faultTransitions(before: TwinState, after: TwinState, frame: FrameRecorded['data']): TwinEvent[] {
  const events: TwinEvent[] = [];
  for (const sensor of Object.keys(frame.readings)) {
    const was = new Set<QualityFlag>(before?.sensors[sensor]?.quality ?? []);
    const now = new Set<QualityFlag>((after as Twin | null)?.sensors[sensor]?.quality ?? []);
    for (const flag of now) if (!was.has(flag)) events.push({ type: 'SensorFaultRaised', data: { assetId: frame.assetId, sensor, flag, ts: frame.ts } });
    for (const flag of was) if (!now.has(flag)) events.push({ type: 'SensorFaultCleared', data: { assetId: frame.assetId, sensor, flag, ts: frame.ts } });
  }
  return events;
}
