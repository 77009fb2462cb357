import { WrongExpectedVersionError, expectedVersionHolds } from './errors';

describe('expectedVersionHolds', () => {
  it.each([
    ['any', 0, true],
    ['any', 7, true],
    ['no-stream', 0, true],
    ['no-stream', 1, false],
    [3, 3, true],
    [3, 4, false],
    [0, 0, true],
  ] as const)('given expected %p and actual %p, then %p', (expected, actual, holds) => {
    expect(expectedVersionHolds(expected, actual)).toBe(holds);
  });

  it('given a refused append, then the error carries its code, stream, expected and actual', () => {
    expect(new WrongExpectedVersionError('s', 2, 5)).toMatchObject({ code: 'WRONG_EXPECTED_VERSION', streamId: 's', expected: 2, actual: 5 });
  });
});
