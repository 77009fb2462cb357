import type { FrameRecorded, TwinEvent, TwinState } from './twin.events';

export interface RecordFrame {
  type: 'RecordFrame';
  data: FrameRecorded['data'];
}

export type TwinCommand = RecordFrame;

export type TwinRejection = { code: 'TENANT_MISMATCH'; message: string };

export type Decision = { ok: true; events: TwinEvent[] } | { ok: false; rejection: TwinRejection };

/**
 * A frame whose seq is not newer than the last one recorded is a duplicate (a redelivery or a
 * gateway retry): deciding it yields no event, so applying it twice changes nothing.
 */
export function decide(command: TwinCommand, state: TwinState): Decision {
  switch (command.type) {
    case 'RecordFrame': {
      if (state && state.tenant !== command.data.tenant) {
        return { ok: false, rejection: { code: 'TENANT_MISMATCH', message: `asset ${state.assetId} belongs to tenant ${state.tenant}, not ${command.data.tenant}` } };
      }
      if (state && command.data.seq <= state.lastSeq) return { ok: true, events: [] };
      return { ok: true, events: [{ type: 'FrameRecorded', data: command.data }] };
    }
  }
}
