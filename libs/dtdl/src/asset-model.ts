import type { TelemetrySchemaName } from '@fleettwin/contracts';

export type TelemetrySchema = TelemetrySchemaName;

export const TELEMETRY_SCHEMAS: ReadonlyArray<TelemetrySchema> = ['double', 'float', 'integer', 'long', 'boolean'];

/** One sensor as a DTDL model describes it. */
export interface TelemetryModel {
  name: string;
  schema: TelemetrySchema;
  /** QuantitativeTypes semantic type, e.g. `Temperature`. */
  semanticType?: string;
  /** QuantitativeTypes unit, e.g. `degreeCelsius`. */
  unit?: string;
  /** Plausible range from the fleettwin `Ranged` extension. */
  min?: number;
  max?: number;
  /** Frames of an unchanged value before the sensor counts as stuck; null = never (`stuckAfter: 0` in the model). */
  stuckAfter?: number | null;
}

/** What fleettwin takes from a DTDL Interface: its id and its telemetry, inherited telemetry first. */
export interface AssetModel {
  id: string;
  displayName: string;
  /** Interfaces this one extends directly, by id. */
  extends: string[];
  telemetry: TelemetryModel[];
}

/** A problem in a model: where (dotted path, e.g. `contents.3.unit`) and what. */
export interface DtdlIssue {
  path: string;
  message: string;
}

export type DtdlResult<T> = { ok: true; value: T } | { ok: false; issues: DtdlIssue[] };
