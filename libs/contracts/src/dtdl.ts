import { z } from 'zod';

/**
 * A user DTMI as DTDL v3 defines it: `dtmi:<segment>(:<segment>)*[;<version>]`. Segments are
 * letters, digits and underscores, start with a letter (an underscore would make it a system
 * DTMI, which models may not use) and do not end with an underscore. The version is `N` or
 * `N.M` without leading zeros and with a non-zero minor part.
 */
export const DTMI_PATTERN = /^dtmi:[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?(?::[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?)*(?:;[1-9][0-9]{0,8}(?:\.[1-9][0-9]{0,5})?)?$/;

/** DTDL caps the identifier of an Interface at 128 characters. */
export const MAX_INTERFACE_DTMI_LENGTH = 128;

export const Dtmi = z
  .string()
  .max(MAX_INTERFACE_DTMI_LENGTH, `a model id is at most ${MAX_INTERFACE_DTMI_LENGTH} characters`)
  .regex(DTMI_PATTERN, 'must be a DTMI such as "dtmi:com:example:TurbofanEngine;1"');
export type Dtmi = z.infer<typeof Dtmi>;

/** DTDL caps one Interface's text at 1 MiB; the upload body is the Interface itself. */
export const MAX_DTDL_MODEL_BYTES = 1024 * 1024;

/**
 * `POST /v1/models` body: a DTDL v3 Interface as JSON-LD. Only its envelope is checked here;
 * the full DTDL rules (names, schemas, extensions, `extends`) live in `@fleettwin/dtdl`, which
 * reports each problem with its path.
 */
export const DtdlModelUpload = z
  .object({
    '@context': z.union([z.string(), z.array(z.string()).min(1, '@context must not be empty')]),
    '@id': Dtmi,
    '@type': z.union([z.literal('Interface'), z.array(z.string()).min(1)]),
  })
  .passthrough();
export type DtdlModelUpload = z.infer<typeof DtdlModelUpload>;

export const TelemetrySchemaName = z.enum(['double', 'float', 'integer', 'long', 'boolean']);
export type TelemetrySchemaName = z.infer<typeof TelemetrySchemaName>;

export const TelemetryModelView = z.object({
  name: z.string(),
  schema: TelemetrySchemaName,
  semanticType: z.string().optional(),
  unit: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  /** Frames of one unchanged value before the sensor counts as stuck; null = never (constant by design). */
  stuckAfter: z.number().int().positive().nullable().optional(),
});
export type TelemetryModelView = z.infer<typeof TelemetryModelView>;

/** `GET /v1/models/{dtmi}` body: what fleettwin understood of an uploaded model. */
export const AssetModelView = z.object({
  id: Dtmi,
  displayName: z.string(),
  extends: z.array(Dtmi),
  telemetry: z.array(TelemetryModelView),
});
export type AssetModelView = z.infer<typeof AssetModelView>;
