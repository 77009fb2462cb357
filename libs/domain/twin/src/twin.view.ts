import type { CommandView, TwinView } from '@fleettwin/contracts';
import { operatingHours } from '@fleettwin/domain-asset';
import type { CommandState, Twin } from './twin.events';

const RECENT_COMMANDS = 20;

/** The public shape of a twin: internal bookkeeping (repeat counters) stays inside. */
export function toTwinView(twin: Twin): TwinView {
  const sensors: TwinView['sensors'] = {};
  for (const [name, s] of Object.entries(twin.sensors)) sensors[name] = { value: s.value, ts: s.ts, quality: s.quality };
  const commands = Object.values(twin.commands ?? {}).map(toCommandView);
  return {
    assetId: twin.assetId,
    tenant: twin.tenant,
    sensors,
    frames: twin.frames,
    lastSeq: twin.lastSeq,
    updatedAt: twin.updatedAt,
    usage: { operatingHours: twin.usage ? operatingHours(twin.usage) : 0, cycles: twin.usage?.cycles ?? 0, running: twin.usage?.running ?? false },
    desired: twin.desired ?? {},
    reported: twin.reported ?? {},
    commands: {
      pending: commands.filter((c) => c.status === 'pending').sort(byIssued),
      recent: commands.filter((c) => c.status !== 'pending').sort((a, b) => (b.settledAt ?? '').localeCompare(a.settledAt ?? '')).slice(0, RECENT_COMMANDS),
    },
  };
}

function toCommandView(c: CommandState): CommandView {
  return { ...c };
}

function byIssued(a: CommandView, b: CommandView): number {
  return a.issuedAt.localeCompare(b.issuedAt);
}
