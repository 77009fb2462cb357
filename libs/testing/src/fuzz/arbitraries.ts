import fc from 'fast-check';

/**
 * Hostile building blocks for the fault suite's fuzzers (`*.fuzz.spec.ts`): what a careless or
 * malicious client sends at the edge. Each decoder's spec combines these with a valid message of its own.
 */

/** Ids that try to escape a path, a topic level or a SQL/JSON context, or that are not text at all. */
export const HOSTILE_ID_PARTS = [
  '../', '..\\', '..', '.', '%2e%2e', '%2e%2e%2f', '..%2f', '%252e%252e%252f', '....//', '/etc/passwd', 'C:\\Windows',
  '\u0000', '%00', '\u0007', '\b', '\t', '\n', '\r\n', '\u001b[31m', '\u007f', '\u0085', '\u2028', '\u202e', '\ufeff', '\ufffe',
  '\ud800', '\udfff', '\ud83d', '😀', '👩‍🚀', 'é', 'e\u0301', 'Ⅻ', 'İ', 'ß', '名前', 'ア', '\u200b',
  ' ', '', '*', '#', '+', '?', '&', '=', '/', '\\', '"', "'", '`', '$', '{', '}', '[', ']', '<script>', "' OR 1=1 --", '${jndi:x}',
] as const;

/** Any string a client could put where an id goes: special parts spliced into plausible ids, control and non-BMP characters, very long ones. */
export function hostileString(): fc.Arbitrary<string> {
  const part = fc.constantFrom(...HOSTILE_ID_PARTS);
  const plausible = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,12}$/);
  return fc.oneof(
    { weight: 3, arbitrary: part },
    { weight: 4, arbitrary: fc.tuple(plausible, part, fc.oneof(plausible, fc.constant(''))).map(([a, b, c]) => `${a}${b}${c}`) },
    { weight: 3, arbitrary: fc.tuple(part, plausible).map(([a, b]) => `${a}${b}`) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 24 }) },
    { weight: 1, arbitrary: fc.tuple(plausible, fc.integer({ min: 129, max: 5000 })).map(([a, n]) => a.padEnd(n, 'x')) },
  );
}

/** Numbers at and beyond the edges of what JSON, JavaScript, Postgres bigint and float8 hold. */
export function extremeNumber(): fc.Arbitrary<number> {
  return fc.oneof(
    fc.constantFrom(0, -0, -1, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER, 2 ** 63, 2 ** 64, 1e21, 0.1 + 0.2, 1.5, -1.5),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  );
}

/**
 * Bits of JSON text no value serialises to: NaN and Infinity literals, numbers too large for a double,
 * and too long to parse cheaply. Inserted raw by {@link withRawToken}.
 */
export const RAW_NUMBER_TOKENS = ['NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '1e-999', '123456789012345678901234567890', '0x10', '01', '.5', '+1', '1.', '9'.repeat(400)] as const;

/** Strings that look numeric but are not numbers in JSON. */
export const NUMERIC_STRINGS = ['NaN', 'Infinity', '-Infinity', 'nan', 'inf', '1e999', '', ' ', '0x1F', '1_000', '١٢٣'] as const;

/** Timestamps that parse but are far in the past or future, or that are almost but not quite ISO-8601. */
export const EXTREME_TIMESTAMPS = [
  '0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '1000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '1969-12-31T23:59:59.999Z', '1970-01-01T00:00:00Z',
  '2038-01-19T03:14:08Z', '2100-01-01T00:00:00Z', '9999-12-31T23:59:59.999999999Z', '+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00.000Z',
  '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01T10:00:60Z', '2026-03-01T10:00:00', '2026-03-01T10:00:00+25:00',
  '2026-03-01T10:00:00+14:00', '2026-03-01T10:00:00-12:00', '2026-03-01t10:00:00z', '2026-03-01 10:00:00Z', '2026-03-01', '20260301T100000Z',
  '1700000000', '1700000000000', 'now', 'yesterday', 'Infinity', 'NaN', '',
] as const;

export function extremeTimestamp(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...EXTREME_TIMESTAMPS) },
    { weight: 1, arbitrary: fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => d.toISOString()) },
  );
}

/** A value of some JSON type, to put where another type belongs. */
export function anyJsonValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(null, true, false, 0, -1, '', [], {}),
    extremeNumber(),
    hostileString(),
    fc.constantFrom(...NUMERIC_STRINGS),
    fc.jsonValue({ maxDepth: 3 }),
  );
}

/** Nesting deep enough to overflow a recursive walker: `[[[[…]]]]` or `{"a":{"a":…}}`. */
export function deeplyNested(): fc.Arbitrary<{ rawDeep: number; kind: 'array' | 'object' }> {
  const depth = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(64, 1_000, 10_000) }, { weight: 1, arbitrary: fc.constant(100_000) });
  return fc.record({ rawDeep: depth, kind: fc.constantFrom('array' as const, 'object' as const) });
}

export function deepJsonText(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A placeholder string that {@link withRawToken} replaces by a raw JSON token (NaN, 1e999, deep nesting …) after serialising. */
const RAW = '\u0001raw:';
export function rawToken(token: string): string {
  return `${RAW}${token}`;
}

/** JSON.stringify, then splices raw tokens in place of their placeholders (so `{"seq":NaN}` can be sent). */
export function withRawToken(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0001raw:((?:[^"\\]|\\.)*)"/g, (_, token: string) => JSON.parse(`"${token}"`) as string);
}

export type Mutation = 'delete' | 'wrong-type' | 'hostile-string' | 'extreme-number' | 'raw-number' | 'timestamp' | 'unknown-key' | 'null' | 'deep' | 'long-array';

export interface Mutated {
  /** The message with one change, with raw-token placeholders still in it; serialise with {@link withRawToken}. */
  value: unknown;
  /** Dotted path of what changed (`frames.2.readings.egt`); for `unknown-key`, the object that got the key. */
  field: string;
  mutation: Mutation;
}

type Path = (string | number)[];

/** Every path into a JSON value, containers included. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (value && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  return [prefix];
}

function replaceAt(root: unknown, path: Path, replace: (container: Record<string | number, unknown>, key: string | number) => void): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  if (!path.length) return copy;
  const container = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, copy);
  replace(container, path[path.length - 1] as string | number);
  return copy;
}

function mutationArbitrary(): fc.Arbitrary<{ mutation: Mutation; replacement: unknown }> {
  return fc.oneof(
    fc.constant({ mutation: 'delete' as const, replacement: undefined }),
    anyJsonValue().map((v) => ({ mutation: 'wrong-type' as const, replacement: v })),
    hostileString().map((v) => ({ mutation: 'hostile-string' as const, replacement: v })),
    extremeNumber().map((v) => ({ mutation: 'extreme-number' as const, replacement: v })),
    fc.constantFrom(...RAW_NUMBER_TOKENS).map((t) => ({ mutation: 'raw-number' as const, replacement: rawToken(t) })),
    extremeTimestamp().map((v) => ({ mutation: 'timestamp' as const, replacement: v })),
    fc.constant({ mutation: 'unknown-key' as const, replacement: 'x' }),
    fc.constant({ mutation: 'null' as const, replacement: null }),
    deeplyNested().map((d) => ({ mutation: 'deep' as const, replacement: rawToken(deepJsonText(d.rawDeep, d.kind)) })),
    fc.integer({ min: 1000, max: 20_000 }).map((n) => ({ mutation: 'long-array' as const, replacement: Array.from({ length: n }, () => 0) })),
  );
}

/**
 * Mostly-valid messages: a valid one with exactly one field deleted, retyped, made hostile or extreme,
 * or one unknown key added. This is where decoders' bugs hide: everything else about the message is right.
 */
export function mutationOf<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<Mutated> {
  // Built once: compiling the regex-based arbitraries inside `chain` cost milliseconds per case.
  const mutations = mutationArbitrary();
  return valid.chain((message) => {
    const paths = pathsOf(message);
    return fc.tuple(fc.constantFrom(...paths), mutations).map(([path, { mutation, replacement }]): Mutated => {
      const field = path.join('.');
      if (mutation === 'unknown-key') {
        const target = path.length && !isContainer(valueAt(message, path)) ? path.slice(0, -1) : path;
        const value = replaceAt(message, [...target, '\u0002'], (container) => {
          if (Array.isArray(container)) container.push('unexpected');
          else container['unexpectedField'] = 'x';
        });
        return { value, field: target.join('.'), mutation };
      }
      if (!path.length) return { value: mutation === 'delete' ? rawToken('') : replacement, field, mutation };
      const value = replaceAt(message, path, (container, key) => {
        if (mutation === 'delete') {
          if (Array.isArray(container)) container.splice(Number(key), 1);
          else delete container[key];
        } else container[key] = replacement;
      });
      return { value, field, mutation };
    });
  });
}

function valueAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

function isContainer(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

/** Bodies that are not the message at all: malformed, truncated, wrong encoding, wrong top-level type. */
export function garbageBody(): fc.Arbitrary<Buffer> {
  return fc.oneof(
    fc.constantFrom('', ' ', 'null', 'true', '0', '"text"', '[]', '{}', '{', '{"a":', '{"a":1,}', "{'a':1}", '{"a":1}{"a":2}', '\ufeff{}', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '[1,2,3]', 'NaN', 'Infinity', '{"a":NaN}', '{"a":Infinity}', '{"a":-Infinity}', '{"a":1e999}')
      .map((s) => Buffer.from(s)),
    fc.string({ unit: 'binary', maxLength: 200 }).map((s) => Buffer.from(s)),
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
    fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
    deeplyNested().map((d) => Buffer.from(deepJsonText(d.rawDeep, d.kind))),
    fc.constantFrom(Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), Buffer.from('{"a":"\\ud800"}'), Buffer.from('{"a":"\\u0000"}')),
  );
}
