import { fleetChecksum, frameLine, StreamLedger } from './stream-ledger';

describe('StreamLedger', () => {
  it('gives equal tallies for the same frames whatever the order of sensors or number spelling', () => {
    const a = new StreamLedger();
    const b = new StreamLedger();
    a.add({ assetId: 'E1', seq: 1, readings: { egt: 641.2, n1: 0.0000001 } });
    b.add({ assetId: 'E1', seq: 1, readings: { n1: Number('1e-7'), egt: Number('641.20') } });
    expect(b.tallies()).toEqual(a.tallies());
  });

  it('counts a repeated seq as a duplicate, not as a frame', () => {
    const ledger = new StreamLedger();
    ledger.add({ assetId: 'E1', seq: 1, readings: { egt: 1 } });
    ledger.add({ assetId: 'E1', seq: 1, readings: { egt: 1 } });
    ledger.add({ assetId: 'E1', seq: 2, readings: { egt: 2 } });
    expect(ledger.frames).toBe(2);
    expect(ledger.duplicates).toBe(1);
  });

  it('tells a changed value, a missing frame and a null reading apart', () => {
    const tally = (frames: [number, Record<string, number | null>][]) => {
      const ledger = new StreamLedger();
      frames.forEach(([seq, readings]) => ledger.add({ assetId: 'E1', seq, readings }));
      return fleetChecksum(ledger.tallies());
    };
    const base = tally([[1, { egt: 1 }], [2, { egt: 2 }]]);
    expect(tally([[1, { egt: 1 }], [2, { egt: 2.000001 }]])).not.toBe(base);
    expect(tally([[1, { egt: 1 }]])).not.toBe(base);
    expect(tally([[1, { egt: 1 }], [2, { egt: null }]])).not.toBe(base);
    expect(tally([[1, { egt: 1 }], [2, { egt: 2 }]])).toBe(base);
  });

  it('writes one line per frame: seq, then sensors by name', () => {
    expect(frameLine(7, { z: 1, a: null })).toBe('7|a=null;z=1\n');
  });
});
