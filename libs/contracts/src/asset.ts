import { z } from 'zod';
import { AssetId, TenantId } from './identifiers';
import { Dtmi } from './dtdl';

/** What an asset is; which kind may sit under which is a domain rule (`@fleettwin/domain-asset`). */
export const ASSET_KINDS = ['fleet', 'site', 'aircraft', 'line', 'engine', 'machine', 'module', 'component'] as const;
export const AssetKind = z.enum(ASSET_KINDS);
export type AssetKind = z.infer<typeof AssetKind>;

/** Climate ages assets differently (hot-humid corrodes, hot-dry erodes), so it is a similarity key. */
export const CLIMATE_ZONES = ['hot-humid', 'hot-dry', 'temperate', 'cold'] as const;
export const ClimateZone = z.enum(CLIMATE_ZONES);
export type ClimateZone = z.infer<typeof ClimateZone>;

/** How the asset is worked: flight length for aircraft engines, `stationary` for plant machinery. */
export const ROUTE_PROFILES = ['short-haul', 'medium-haul', 'long-haul', 'stationary'] as const;
export const RouteProfile = z.enum(ROUTE_PROFILES);
export type RouteProfile = z.infer<typeof RouteProfile>;

const Label = z.string().trim().min(1, 'must not be empty').max(128, 'must be at most 128 characters');
const Tag = z.string().regex(/^[a-z0-9][a-z0-9:_.-]{0,63}$/, 'tags are 1-64 lowercase letters, digits, ":", "_", "." or "-"');
const ToleranceName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'tolerance names are 1-64 letters, digits or "_" and start with a letter');
export const MAX_TOLERANCES = 64;

/** Signed deviations from the nominal build, by name (e.g. `hpcEfficiency: -0.004`). */
export const ManufacturingTolerances = z
  .record(ToleranceName, z.number().finite())
  .refine((t) => Object.keys(t).length <= MAX_TOLERANCES, `at most ${MAX_TOLERANCES} tolerances`);
export type ManufacturingTolerances = z.infer<typeof ManufacturingTolerances>;

export const OperatingEnvironment = z
  .object({
    climate: ClimateZone,
    route: RouteProfile,
    tags: z.array(Tag).max(32, 'at most 32 tags').default([]),
  })
  .strict();
export type OperatingEnvironment = z.infer<typeof OperatingEnvironment>;

/** A calendar date, `YYYY-MM-DD`: an in-service date has no time of day or zone. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'must be a real calendar date');

const assetDetails = {
  model: Label,
  variant: Label,
  serial: Label,
  buildBatch: Label,
  tolerances: ManufacturingTolerances,
  environment: OperatingEnvironment,
  inServiceDate: CalendarDate,
};

/** `POST /v1/assets` body. */
export const RegisterAssetRequest = z
  .object({
    tenant: TenantId,
    assetId: AssetId,
    kind: AssetKind,
    parentId: AssetId.nullable().default(null),
    ...assetDetails,
    tolerances: ManufacturingTolerances.default({}),
    dtmi: Dtmi.optional(),
  })
  .strict();
export type RegisterAssetRequest = z.infer<typeof RegisterAssetRequest>;

/**
 * `PUT /v1/assets/{assetId}` body: the fields to change, at least one. The parent is changed by
 * a move (`POST /v1/assets/{assetId}/move`) because a move has its own rules (cycles, kinds).
 * `dtmi: null` detaches the model.
 */
export const UpdateAssetRequest = z
  .object(assetDetails)
  .partial()
  .extend({ tenant: TenantId, dtmi: Dtmi.nullable().optional() })
  .strict()
  .refine((body) => Object.keys(body).some((k) => k !== 'tenant'), 'name at least one field to change');
export type UpdateAssetRequest = z.infer<typeof UpdateAssetRequest>;

/** `POST /v1/assets/{assetId}/move` body; `parentId: null` makes the asset a root. */
export const MoveAssetRequest = z.object({ tenant: TenantId, parentId: AssetId.nullable() }).strict();
export type MoveAssetRequest = z.infer<typeof MoveAssetRequest>;

/** `POST /v1/assets/{assetId}/retire` body. */
export const RetireAssetRequest = z.object({ tenant: TenantId, reason: z.string().trim().min(1).max(1000) }).strict();
export type RetireAssetRequest = z.infer<typeof RetireAssetRequest>;

/** `GET /v1/assets/{assetId}` body. */
export const AssetView = z.object({
  tenant: z.string(),
  assetId: z.string(),
  kind: AssetKind,
  parentId: z.string().nullable(),
  model: z.string(),
  variant: z.string(),
  serial: z.string(),
  buildBatch: z.string(),
  tolerances: z.record(z.number()),
  environment: z.object({ climate: ClimateZone, route: RouteProfile, tags: z.array(z.string()) }),
  inServiceDate: z.string(),
  dtmi: z.string().nullable(),
  registeredAt: z.string(),
  updatedAt: z.string(),
  retired: z.object({ at: z.string(), by: z.string(), reason: z.string() }).nullable(),
  version: z.number().int(),
});
export type AssetView = z.infer<typeof AssetView>;
