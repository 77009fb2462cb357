import { replayedFrames } from './seq-replays';

const path = (i: number) => `frames.${i}.seq`;

describe('replayed seq', () => {
  it('given stored marks, names frames at or below the mark and repeats within the batch', () => {
    const stored = new Map([['ESN-1', 10]]);
    const frames = [
      { assetId: 'ESN-1', seq: 10 },
      { assetId: 'ESN-1', seq: 11 },
      { assetId: 'ESN-2', seq: 5 },
      { assetId: 'ESN-2', seq: 5 },
      { assetId: 'ESN-1', seq: 9 },
    ];
    expect(replayedFrames(frames, (id) => stored.get(id), path)).toEqual([
      { path: 'frames.0.seq', message: 'seq 10 of ESN-1 was already seen (last accepted 10)' },
      { path: 'frames.3.seq', message: 'seq 5 of ESN-2 was already seen (last accepted 5)' },
      { path: 'frames.4.seq', message: 'seq 9 of ESN-1 was already seen (last accepted 11)' },
    ]);
  });

  it('accepts monotonically increasing seqs of an unknown asset', () => {
    expect(replayedFrames([1, 2, 3].map((seq) => ({ assetId: 'ESN-9', seq })), () => undefined, path)).toEqual([]);
  });
});
