import { parseArgs, type ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type ParsedValues = Record<string, string | boolean | string[] | undefined>;

/** Parses argv for one command; unknown flags are an error that names the flag. */
export function parseCommandArgs(argv: string[], options: OptionSpec): ParsedValues {
  const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  return values as ParsedValues;
}

export function text(values: ParsedValues, name: string, fallback: string): string {
  const value = values[name];
  return typeof value === 'string' ? value : fallback;
}

export function optionalText(values: ParsedValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function list(values: ParsedValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

/** A number flag, checked against [min, max]; a bad value stops the CLI with the flag's name. */
export function num(values: ParsedValues, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a number in [${min}, ${max}], got "${String(raw)}"`);
  }
  return value;
}

export function int(values: ParsedValues, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const value = num(values, name, fallback, min, max);
  if (!Number.isInteger(value)) throw new UsageError(`--${name} must be an integer, got "${String(values[name])}"`);
  return value;
}

export class UsageError extends Error {}
