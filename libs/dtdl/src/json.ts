/** Helpers for walking untrusted JSON without `any`. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** `contents.3.name`-style paths, matching how API errors name fields. */
export function at(path: string, key: string | number): string {
  return path === '' ? String(key) : `${path}.${key}`;
}
