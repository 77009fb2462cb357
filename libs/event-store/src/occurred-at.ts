/**
 * One spelling of time for hashing and storage: ISO 8601 UTC with milliseconds. Whatever the
 * caller sends is reduced to it before hashing, so what is stored is exactly what was hashed.
 */
export function normaliseOccurredAt(value: string | Date): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new TypeError(`occurredAt ${String(value)} is not a valid time`);
  return date.toISOString();
}
