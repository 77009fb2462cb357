import { z } from 'zod';

/** Tenants are DNS-label-like so they are safe in topic names, URLs and MQTT topic levels. */
export const TenantId = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'tenant must be 1-63 lowercase letters, digits or inner hyphens');

/** Asset ids become MQTT topic levels and URL segments: no slashes, wildcards or dots-only names. */
export const AssetId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'assetId must be 1-128 letters, digits, "_", "." or "-" and start with a letter or digit');

export const SensorName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'sensor names must be 1-64 characters: a letter, then letters, digits, "_", "." or "-"');

export type TenantId = z.infer<typeof TenantId>;
export type AssetId = z.infer<typeof AssetId>;
