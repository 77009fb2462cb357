import { DTMI_PATTERN } from '@fleettwin/contracts';

/** DTDL caps user DTMIs at 2048 characters and Interface DTMIs at 128. */
export const MAX_DTMI_LENGTH = 2048;
export const MAX_INTERFACE_ID_LENGTH = 128;

const RESERVED_PREFIXES = ['dtmi:dtdl:', 'dtmi:standard:'];

/** Why `value` is not a DTMI a model may use, or null when it is one. */
export function dtmiProblem(value: unknown, maxLength = MAX_DTMI_LENGTH): string | null {
  if (typeof value !== 'string') return 'must be a DTMI string';
  if (value.length > maxLength) return `must be at most ${maxLength} characters`;
  if (/^dtmi:(?:.*:)?_/.test(value)) return `"${value}" is a system DTMI (a segment starts with "_"), which models may not use`;
  if (!DTMI_PATTERN.test(value)) return `"${value}" is not a DTMI: dtmi:<segment>(:<segment>)*;<version>, segments of letters, digits and "_" starting with a letter and not ending with "_", version without leading zeros`;
  return null;
}

/** Why `value` cannot identify a model's Interface (adds the reserved prefixes), or null. */
export function interfaceIdProblem(value: unknown): string | null {
  const problem = dtmiProblem(value, MAX_INTERFACE_ID_LENGTH);
  if (problem) return problem;
  const reserved = RESERVED_PREFIXES.find((prefix) => (value as string).startsWith(prefix));
  return reserved ? `"${reserved}" is reserved for the DTDL language` : null;
}

export function isDtmi(value: unknown): value is string {
  return dtmiProblem(value) === null;
}
