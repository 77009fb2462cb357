import { z } from 'zod';

export const QualityFlag = z.enum(['non-finite', 'stuck', 'out-of-range']);
export type QualityFlag = z.infer<typeof QualityFlag>;

/** `GET /v1/twins/{assetId}` body. `quality` lists the flags raised on the latest reading; empty = good. */
export const TwinView = z.object({
  assetId: z.string(),
  tenant: z.string(),
  sensors: z.record(z.object({ value: z.number().nullable(), ts: z.string(), quality: z.array(QualityFlag) })),
  frames: z.number().int(),
  lastSeq: z.number().int(),
  updatedAt: z.string(),
});
export type TwinView = z.infer<typeof TwinView>;
