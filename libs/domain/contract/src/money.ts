/**
 * Money is an integer count of the contract currency's minor unit (cents for EUR/USD, yen for JPY).
 * Every division that can leave a remainder rounds **half to even** (banker's rounding): an exact
 * half goes to the even neighbour, so halves do not drift the ledger up over many entries.
 * Arithmetic runs on bigint, so no float ever touches an amount.
 */
export type Minor = number;

/** numerator / denominator rounded half to even; the denominator must be positive. */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const quotient = n / denominator;
  const twiceRemainder = (n % denominator) * 2n;
  const roundUp = twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n);
  const rounded = roundUp ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

/** a × b / c, rounded half to even, as a safe integer. */
export function mulDivHalfEven(a: number | bigint, b: number | bigint, c: number | bigint): number {
  const result = divideHalfEven(BigInt(a) * BigInt(b), BigInt(c));
  const value = Number(result);
  if (!Number.isSafeInteger(value)) throw new RangeError(`amount ${result} is beyond a safe integer`);
  return value;
}

export function isMinor(value: unknown): value is Minor {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** A fraction in [0, 1] as basis points (0 … 10 000), from micro-units so 3-decimal scores stay exact. */
export const BPS = 10_000;

export function toMicros(value: number): bigint {
  return BigInt(Math.round(value * 1_000_000));
}
