import { z } from 'zod';
import { AssetId, TenantId } from '@fleettwin/contracts';
import { CLIMATES, ROUTES } from '@fleettwin/predict';

const Profile = z.object({
  deratePercent: z.number().min(0).max(40),
  climate: z.enum(CLIMATES),
  ambientDeltaC: z.number().min(-40).max(40),
  route: z.enum(ROUTES),
  cyclesPerDay: z.number().min(0.1).max(20),
  hoursPerCycle: z.number().min(0.1).max(24),
}).strict();

const Deferral = z.object({
  workOrderId: z.string().min(1).max(200).optional(),
  dueInCycles: z.number().min(0).max(100000),
  deferCycles: z.number().min(0).max(100000).optional(),
  deferDays: z.number().min(0).max(3650).optional(),
}).strict().refine((d) => d.deferCycles !== undefined || d.deferDays !== undefined, 'give deferCycles or deferDays');

const PartSwap = z.object({
  component: z.string().min(1).max(100),
  inCycles: z.number().min(0).max(100000).default(0),
  restoreFraction: z.number().min(0).max(1).default(1),
}).strict();

export const ScenarioChangeSchema = z.object({
  profile: Profile.partial().optional(),
  deferral: Deferral.optional(),
  partSwap: PartSwap.optional(),
}).strict().refine((c) => c.profile !== undefined || c.deferral !== undefined || c.partSwap !== undefined, 'a scenario changes the profile, defers a work order or swaps a part');

const AssetSelection = z.union([
  z.object({ ids: z.array(AssetId).min(1).max(500) }).strict(),
  z.object({
    filter: z.object({
      minFailureProbability: z.number().min(0).max(1).optional(),
      maxRulMean: z.number().min(0).optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }).strict(),
  }).strict(),
]);

/** `POST /v1/scenarios`: which assets, their profile today, the change, and the Monte Carlo settings. */
export const ScenarioRequest = z.object({
  tenant: TenantId,
  name: z.string().min(1).max(200).optional(),
  assets: AssetSelection,
  current: Profile.partial().default({}),
  change: ScenarioChangeSchema,
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  draws: z.number().int().min(100).max(20000).default(2000),
  horizonCycles: z.number().int().min(1).max(100000).default(100),
  months: z.number().int().min(1).max(60).default(12),
  failureThreshold: z.number().min(-1).max(1).default(0),
}).strict();

export type ScenarioRequest = z.infer<typeof ScenarioRequest>;
