import canonicalize from 'canonicalize';
import { sha256 } from './rfc6962.hashing';

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): object keys sorted by UTF-16 code units, no
 * whitespace, ECMAScript number and string serialisation. Any JSON parser on any platform reads a
 * record back into a value whose JCS bytes are identical, which is what lets an auditor recompute
 * hashes without our code. Values JSON cannot carry (undefined members, functions) are dropped
 * exactly as JSON.stringify drops them; non-finite numbers are refused.
 */
export function canonicalJson(value: unknown): string {
  assertFiniteNumbers(value);
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

export function canonicalSha256Hex(value: unknown): string {
  return sha256(Buffer.from(canonicalJson(value), 'utf8')).toString('hex');
}

function assertFiniteNumbers(value: unknown): void {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`${value} has no JSON representation`);
  if (Array.isArray(value)) value.forEach(assertFiniteNumbers);
  else if (value !== null && typeof value === 'object') Object.values(value).forEach(assertFiniteNumbers);
}
