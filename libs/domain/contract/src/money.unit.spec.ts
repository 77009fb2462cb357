import { divideHalfEven, mulDivHalfEven } from './money';

describe('money: half-to-even rounding on integers', () => {
  it.each([
    [5n, 2n, 2n], // 2.5 → 2 (even)
    [7n, 2n, 4n], // 3.5 → 4 (even)
    [-5n, 2n, -2n], // symmetric for negatives
    [-7n, 2n, -4n],
    [10n, 4n, 2n], // 2.5 → 2
    [11n, 4n, 3n], // 2.75 → 3
    [9n, 4n, 2n], // 2.25 → 2
    [0n, 3n, 0n],
  ])('given %s / %s, then %s', (numerator, denominator, expected) => {
    expect(divideHalfEven(numerator, denominator)).toBe(expected);
  });

  it('charges 1 h 30 min at 1 001 cents an hour as 1 502 (1 501.5 → even), 2 h 30 min at 1 001 as 2 502 (2 502.5 → even)', () => {
    expect(mulDivHalfEven(5_400_000, 1001, 3_600_000)).toBe(1502);
    expect(mulDivHalfEven(9_000_000, 1001, 3_600_000)).toBe(2502);
  });

  it('keeps amounts exact beyond 2^53 intermediate products', () => {
    expect(mulDivHalfEven(2_000_000_000_000, 123_456_789, 3_600_000)).toBe(68_587_105_000_000); // 2.46913578e20 / 3.6e6, exact
  });

  it('refuses a zero denominator and an unsafe result', () => {
    expect(() => divideHalfEven(1n, 0n)).toThrow(RangeError);
    expect(() => mulDivHalfEven(Number.MAX_SAFE_INTEGER, 10, 1)).toThrow(RangeError);
  });
});
