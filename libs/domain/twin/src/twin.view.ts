import type { TwinView } from '@fleettwin/contracts';
import type { Twin } from './twin.events';

/** The public shape of a twin: internal bookkeeping (repeat counters) stays inside. */
export function toTwinView(twin: Twin): TwinView {
  const sensors: TwinView['sensors'] = {};
  for (const [name, s] of Object.entries(twin.sensors)) sensors[name] = { value: s.value, ts: s.ts, quality: s.quality };
  return { assetId: twin.assetId, tenant: twin.tenant, sensors, frames: twin.frames, lastSeq: twin.lastSeq, updatedAt: twin.updatedAt };
}
