import type { AssetModel, TelemetrySchema } from './asset-model';

export type ReadingIssueCode = 'UNKNOWN_SENSOR' | 'TYPE_MISMATCH';

export interface ReadingIssue {
  sensor: string;
  code: ReadingIssueCode;
  message: string;
}

export type ReadingValue = number | boolean | null;

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const FLOAT_MAX = 3.4028234663852886e38;

/**
 * Checks a frame's readings against the model: sensors it does not declare and values its schema
 * cannot hold. A null (the device's NaN) is no type error: the twin flags it as non-finite.
 */
export function validateReadings(model: AssetModel, readings: Readonly<Record<string, ReadingValue>>): ReadingIssue[] {
  const schemas = new Map(model.telemetry.map((t) => [t.name, t.schema]));
  const issues: ReadingIssue[] = [];
  for (const [sensor, value] of Object.entries(readings)) {
    const schema = schemas.get(sensor);
    if (!schema) {
      issues.push({ sensor, code: 'UNKNOWN_SENSOR', message: `${model.id} declares no telemetry "${sensor}"` });
      continue;
    }
    const problem = value === null ? null : mismatch(schema, value);
    if (problem) issues.push({ sensor, code: 'TYPE_MISMATCH', message: `${sensor} is ${schema}: ${problem}` });
  }
  return issues;
}

function mismatch(schema: TelemetrySchema, value: number | boolean): string | null {
  if (schema === 'boolean') return value === true || value === false || value === 0 || value === 1 ? null : `${String(value)} is not true/false or 1/0`;
  if (typeof value === 'boolean') return `${String(value)} is not a number`;
  if (!Number.isFinite(value)) return null;
  switch (schema) {
    case 'double':
      return null;
    case 'float':
      return Math.abs(value) <= FLOAT_MAX ? null : `${value} exceeds single precision`;
    case 'integer':
      return Number.isInteger(value) && value >= INT32.min && value <= INT32.max ? null : `${value} is not a 32-bit integer`;
    case 'long':
      // JSON numbers are doubles: beyond 2^53 an integer can no longer be told apart from its neighbours.
      return Number.isSafeInteger(value) ? null : `${value} is not an integer JavaScript can hold exactly`;
  }
}
