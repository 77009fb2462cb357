import type { DtdlIssue } from './asset-model';

/** DTDL v3 names: letters, digits and "_", starting with a letter, ending with a letter or digit, at most 512. */
export const NAME_PATTERN = /^[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?$/;
export const MAX_NAME_LENGTH = 512;

export function checkName(value: unknown, path: string, issues: DtdlIssue[]): boolean {
  if (typeof value !== 'string') {
    issues.push({ path, message: 'name is required: a string' });
    return false;
  }
  if (value.length > MAX_NAME_LENGTH || !NAME_PATTERN.test(value)) {
    issues.push({ path, message: `name "${value}" must be at most ${MAX_NAME_LENGTH} letters, digits or "_", start with a letter and end with a letter or digit` });
    return false;
  }
  return true;
}

/** A localizable string is a plain string or a JSON-LD language map of strings. */
export function checkLocalizable(value: unknown, path: string, maxLength: number, issues: DtdlIssue[]): void {
  if (value === undefined) return;
  if (typeof value === 'string') return checkPlainString(value, path, maxLength, issues);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.push({ path, message: 'must be a string or a map from language tag to string' });
    return;
  }
  for (const [language, text] of Object.entries(value)) checkPlainString(text, `${path}.${language}`, maxLength, issues);
}

export function checkPlainString(value: unknown, path: string, maxLength: number, issues: DtdlIssue[]): void {
  if (value === undefined) return;
  if (typeof value !== 'string') issues.push({ path, message: 'must be a string' });
  else if (value.length > maxLength) issues.push({ path, message: `must be at most ${maxLength} characters` });
}

/** The English text of a localizable string (DTDL's default language), else the first one. */
export function localized(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const map = value as Record<string, unknown>;
  const text = map.en ?? Object.values(map)[0];
  return typeof text === 'string' ? text : undefined;
}
