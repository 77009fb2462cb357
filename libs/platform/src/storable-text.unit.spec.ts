import { MAX_BODY_DEPTH, unstorableBodyIssue, unstorableTextPath } from './storable-text';

// Found by the fault suite's fuzzers: a NUL or a lone surrogate in any JSON text field became a 500 when PostgreSQL refused it.
describe('unstorableTextPath', () => {
  it('given ordinary text (including non-BMP characters), finds nothing', () => {
    expect(unstorableTextPath({ model: 'CFM56 😀', tags: ['é', 'ア'], n: 1, ok: true, none: null })).toBeUndefined();
  });

  it('given a NUL or an unpaired surrogate in a value or a key, names its path', () => {
    expect(unstorableTextPath({ environment: { tags: ['ok', 'a\u0000b'] } })).toBe('environment.tags.1');
    expect(unstorableTextPath({ reason: 'x\ud800' })).toBe('reason');
    expect(unstorableTextPath({ parameters: { 'k\udfff': 1 } })).toBe('parameters.k\udfff');
    expect(unstorableTextPath('\u0000')).toBe('(root)');
  });

  it('given 100,000 levels of nesting, walks them without overflowing the stack', () => {
    const deep = JSON.parse(`${'{"a":'.repeat(100_000)}"\\u0000"${'}'.repeat(100_000)}`) as unknown;
    expect(unstorableTextPath(deep)?.split('.')).toHaveLength(100_000);
  });

  it('given a body nested deeper than MAX_BODY_DEPTH (found by fuzzing: the gateway overflowed its stack forwarding it, a 500), names where', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    expect(unstorableBodyIssue(deep)).toEqual({ path: Array.from({ length: MAX_BODY_DEPTH }, () => '0').join('.'), message: `nested deeper than ${MAX_BODY_DEPTH} levels` });
    const fine = JSON.parse(`${'{"a":'.repeat(MAX_BODY_DEPTH - 1)}{}${'}'.repeat(MAX_BODY_DEPTH - 1)}`) as unknown;
    expect(unstorableBodyIssue(fine)).toBeUndefined();
    expect(unstorableBodyIssue({ reason: 'x\ud800' })).toEqual({ path: 'reason', message: 'text must not contain U+0000 or unpaired surrogates' });
  });
});
