import type { LiveUpdate, TwinView } from '../../api/types';

/** A frame of this twin, applied to what is shown until the next re-read brings flags and commands. */
export function applyFrame(twin: TwinView, update: LiveUpdate): TwinView {
  const data = update.data;
  if (update.type !== 'twin' || update.eventType !== 'FrameRecorded' || data.assetId !== twin.assetId) return twin;
  if (typeof data.ts !== 'string' || typeof data.readings !== 'object' || data.readings === null) return twin;
  if (data.ts < twin.updatedAt) return twin;
  const ts = data.ts;
  const sensors = { ...twin.sensors };
  for (const [name, value] of Object.entries(data.readings as Record<string, unknown>)) {
    if (typeof value !== 'number' && value !== null) continue;
    sensors[name] = { value, ts, quality: sensors[name]?.quality ?? [] };
  }
  return { ...twin, sensors, updatedAt: ts, frames: twin.frames + 1, ...(typeof data.seq === 'number' ? { lastSeq: data.seq } : {}) };
}
