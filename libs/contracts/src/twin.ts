import { z } from 'zod';

export const QualityFlag = z.enum(['non-finite', 'stuck', 'out-of-range']);
export type QualityFlag = z.infer<typeof QualityFlag>;

const SetPoint = z.union([z.number().finite(), z.string().max(256), z.boolean()]);

export const CommandRequest = z
  .object({
    commandId: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'commandId must be 1-64 letters, digits, "_", "." or "-"').optional(),
    kind: z.enum(['maintenance', 'parameters']),
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'name must start with a letter: letters, digits, "_", "." or "-"'),
    parameters: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/), SetPoint).default({}),
    timeoutSeconds: z.number().int().min(1).max(86400).default(60),
  })
  .strict();
export type CommandRequest = z.infer<typeof CommandRequest>;

/** What a device publishes on `{root}/{tenant}/{assetId}/commands/ack`. */
export const CommandAck = z
  .object({
    commandId: z.string().min(1).max(64),
    status: z.enum(['accepted', 'rejected', 'completed']),
    reported: z.record(SetPoint).default({}),
    message: z.string().max(1000).optional(),
  })
  .strict();
export type CommandAck = z.infer<typeof CommandAck>;

export const CommandView = z.object({
  commandId: z.string(),
  kind: z.enum(['maintenance', 'parameters']),
  name: z.string(),
  parameters: z.record(SetPoint),
  issuedAt: z.string(),
  expiresAt: z.string(),
  issuedBy: z.string(),
  status: z.enum(['pending', 'accepted', 'rejected', 'completed', 'timed-out']),
  settledAt: z.string().optional(),
  message: z.string().optional(),
});
export type CommandView = z.infer<typeof CommandView>;

/** `GET /v1/twins/{assetId}` body. `quality` lists the flags raised on the latest reading; empty = good. */
export const TwinView = z.object({
  assetId: z.string(),
  tenant: z.string(),
  sensors: z.record(z.object({ value: z.number().nullable(), ts: z.string(), quality: z.array(QualityFlag) })),
  frames: z.number().int(),
  lastSeq: z.number().int(),
  updatedAt: z.string(),
  usage: z.object({ operatingHours: z.number(), cycles: z.number().int(), running: z.boolean() }),
  desired: z.record(z.union([z.number(), z.string(), z.boolean()])),
  reported: z.record(z.union([z.number(), z.string(), z.boolean()])),
  commands: z.object({ pending: z.array(z.lazy(() => CommandView)), recent: z.array(z.lazy(() => CommandView)) }),
});
export type TwinView = z.infer<typeof TwinView>;
