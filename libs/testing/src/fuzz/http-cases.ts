import fc from 'fast-check';
import type { z } from 'zod';
import { unstorableBodyIssue } from '@fleettwin/platform';
import { EXTREME_TIMESTAMPS, garbageBody, hostileString, mutationOf, NUMERIC_STRINGS, RAW_NUMBER_TOKENS, withRawToken } from './arbitraries';
import type { RawHttpClient } from './http-client';
import { expectNoServerError, expectPreciseRefusal, PropertyBroken } from './refusal-checks';

/** One generated HTTP call and what the contract says must happen to it. */
export interface HttpCase {
  /** Route and kind, for the counts: `POST /v1/assets mutated`. */
  label: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** `accept`: one of `accepted`; `refuse`: a precise 4xx (naming `field` when given); `any`: no 5xx, a 4xx is well-formed and a 400 names `field`. */
  expect: 'accept' | 'refuse' | 'any';
  accepted?: readonly number[];
  field?: string;
}

/** The property every fuzzed HTTP edge keeps: never a 5xx; the contract's verdict, precisely. */
export function httpCaseCheck(client: RawHttpClient): (c: HttpCase) => Promise<string[]> {
  return async (c) => {
    const res = await client.send({ method: c.method, path: c.path, headers: c.headers, body: c.body });
    const what = `${c.label}: ${c.method} ${c.path.slice(0, 200)} ${c.body === undefined ? '' : String(c.body).slice(0, 300)}`;
    const status = expectNoServerError(res, what);
    if (c.expect === 'accept') {
      if (!(c.accepted ?? [200]).includes(res.status)) throw new PropertyBroken(`${what} must be answered ${c.accepted?.join('/') ?? 200}: answered ${res.status} ${res.text.slice(0, 300)}`);
    } else if (c.expect === 'refuse') {
      expectPreciseRefusal(res, what, c.field);
    } else if (res.status >= 400) {
      // A 400 is about the request itself, so it must name the one bad field; 404/409 are about the target.
      expectPreciseRefusal(res, what, res.status === 400 ? c.field : undefined);
    }
    return [status, `route:${c.label.split(' ').slice(0, 2).join(' ')}`];
  };
}

export interface BodyRoute<T> {
  label: string;
  method: string;
  /** The path; may be generated (ids) so the body is tried against several targets. */
  path: fc.Arbitrary<string> | string;
  headers?: Record<string, string>;
  valid: fc.Arbitrary<T>;
  /** The contract that decides which bodies must be accepted; without one, only "no 5xx, well-formed 4xx" is checked for mutations. */
  schema?: z.ZodTypeAny;
  /** What a body the contract accepts may be answered (201, 404 for a missing target, 409 for a conflict …). */
  accepted: readonly number[];
  /** The route reads a JSON `null` body as this (e.g. `{}`: "no body"). */
  nullAs?: unknown;
}

const asArbitrary = (path: fc.Arbitrary<string> | string) => (typeof path === 'string' ? fc.constant(path) : path);

/** Valid bodies, mostly-valid mutations and garbage for one route, each with the contract's verdict. */
export function bodyCases<T>(route: BodyRoute<T>): fc.Arbitrary<HttpCase> {
  const base = { label: route.label, method: route.method, headers: { 'content-type': 'application/json', ...route.headers } };
  const verdict = (text: string): Pick<HttpCase, 'expect' | 'accepted'> => {
    if (!route.schema) return { expect: 'any' };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { expect: 'refuse' };
    }
    // Every service refuses text PostgreSQL cannot store and absurd nesting (libs/platform storable-text), whatever the route's contract says.
    if (unstorableBodyIssue(json) !== undefined) return { expect: 'refuse' };
    const body = json === null && route.nullAs !== undefined ? route.nullAs : json;
    return route.schema.safeParse(body).success ? { expect: 'accept', accepted: route.accepted } : { expect: 'refuse' };
  };
  return fc.oneof(
    { weight: 2, arbitrary: fc.tuple(asArbitrary(route.path), route.valid).map(([path, v]): HttpCase => ({ ...base, label: `${route.label} valid`, path, body: JSON.stringify(v), ...verdict(JSON.stringify(v)) })) },
    {
      weight: 6,
      arbitrary: fc.tuple(asArbitrary(route.path), mutationOf(route.valid)).map(([path, m]): HttpCase => {
        const text = withRawToken(m.value);
        const v = verdict(text);
        return { ...base, label: `${route.label} mutated`, path, body: text, ...v, ...(v.expect === 'refuse' && isJson(text) ? { field: m.field } : {}) };
      }),
    },
    { weight: 2, arbitrary: fc.tuple(asArbitrary(route.path), garbageBody()).map(([path, bytes]): HttpCase => ({ ...base, label: `${route.label} garbage`, path, body: bytes, expect: 'any' })) },
  );
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * encodeURIComponent, except that a lone surrogate (which it refuses) is sent as the three bytes
 * UTF-8 would have given it, an invalid sequence the server has to refuse.
 */
export function percentEncode(text: string): string {
  return text.replace(/\p{Cs}|[^\p{Cs}]+/gu, (part) => {
    if (!/^\p{Cs}$/u.test(part)) return encodeURIComponent(part);
    const unit = part.charCodeAt(0);
    return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
  });
}

/** A path segment: usually a plausible id, often a hostile one, percent-encoded or raw where a raw one can be sent at all. */
export function idSegment(plausible: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: plausible.map(percentEncode) },
    { weight: 3, arbitrary: hostileString().map(percentEncode) },
    { weight: 2, arbitrary: fc.constantFrom('..', '%2e%2e', '..%2f..%2fetc%2fpasswd', '%2e%2e%2f', '%252e%252e', '%00', '%ff', '%c3%28', '%zz', '%', 'a%2fb', '.', '%20', '~', "'", '!') },
  );
}

/** A query parameter's value: valid, hostile, numeric edge, timestamp edge, repeated (an array), or empty. */
export function queryValue(valid: fc.Arbitrary<string>): fc.Arbitrary<{ raw: string; valid: boolean }> {
  return fc.oneof(
    { weight: 4, arbitrary: valid.map((v) => ({ raw: percentEncode(v), valid: true })) },
    { weight: 2, arbitrary: hostileString().map((v) => ({ raw: percentEncode(v), valid: false })) },
    { weight: 2, arbitrary: fc.constantFrom(...NUMERIC_STRINGS, ...RAW_NUMBER_TOKENS, '-1', '0', '1.5', '1e3', '99999999999999999999', '9223372036854775808', '-9223372036854775809').map((v) => ({ raw: percentEncode(v), valid: false })) },
    { weight: 2, arbitrary: fc.constantFrom(...EXTREME_TIMESTAMPS).map((v) => ({ raw: percentEncode(v), valid: false })) },
    { weight: 1, arbitrary: fc.constantFrom('%zz', '%', '%ff', '%00', '[]', '{}').map((raw) => ({ raw, valid: false })) },
  );
}

/**
 * A query string over the given parameters: each present or not, with a generated value, sometimes
 * repeated (`?a=1&a=2`), sometimes with an unknown parameter. Returns the string and whether every value was valid.
 */
export function queryString(params: Record<string, fc.Arbitrary<string>>, required: readonly string[] = []): fc.Arbitrary<{ query: string; valid: boolean; field?: string }> {
  const entries = Object.entries(params).map(([name, valid]) =>
    fc.option(fc.tuple(queryValue(valid), fc.integer({ min: 0, max: 9 })).map(([v, repeat]) => ({ name, ...v, repeat: repeat === 0 })), { nil: undefined, freq: 2 }),
  );
  return fc.tuple(fc.tuple(...entries), fc.option(fc.constantFrom('unknown=1', '__proto__=x', 'constructor[prototype]=1', 'a[b]=c', '&&&', '='), { nil: undefined, freq: 5 })).map(([values, extra]) => {
    const present = values.filter((v): v is NonNullable<typeof v> => v !== undefined);
    const parts = present.flatMap((v) => (v.repeat ? [`${v.name}=${v.raw}`, `${v.name}=${v.raw}`] : [`${v.name}=${v.raw}`]));
    if (extra) parts.push(extra);
    const bad = present.filter((v) => !v.valid || v.repeat);
    const missing = required.filter((name) => !present.some((v) => v.name === name));
    const single = bad.length === 1 && !extra && missing.length === 0;
    return { query: parts.length ? `?${parts.join('&')}` : '', valid: bad.length === 0 && !extra && missing.length === 0, ...(single ? { field: bad[0]?.name } : {}) };
  });
}
