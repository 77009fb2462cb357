import { cmapssAssetId, parseCmapss, parseCmapssLine, parseUnitRanges } from './cmapss.reader';

const LINE = '1 1 -0.0007 -0.0004 100.0 518.67 641.82 1589.70 1400.60 14.62 21.61 554.36 2388.06 9046.19 1.30 47.47 521.66 2388.02 8138.62 8.4195 0.03 392 2388 100.00 39.06 23.4190  ';

describe('C-MAPSS reader', () => {
  it('given a train line with trailing spaces, when parsed, then s1..s21 map to T2..W32 in order', () => {
    const row = parseCmapssLine(LINE);
    expect(row).toMatchObject({ unit: 1, cycle: 1, settings: [-0.0007, -0.0004, 100] });
    expect(row?.readings.T2).toBe(518.67);
    expect(row?.readings.T50).toBe(1400.6);
    expect(row?.readings.htBleed).toBe(392);
    expect(row?.readings.W32).toBe(23.419);
    expect(Object.keys(row?.readings ?? {})).toHaveLength(21);
  });

  it('given a blank line, then it is skipped; given a short or non-numeric line, then it is an error', () => {
    expect(parseCmapssLine('   ')).toBeNull();
    expect(() => parseCmapssLine('1 2 3', 7)).toThrow('line 7: expected 26 columns');
    expect(() => parseCmapssLine(LINE.replace('518.67', 'abc'))).toThrow('column 6');
  });

  it('given a file, then rows group by unit in order', () => {
    const text = [LINE, LINE.replace(/^1 1/, '1 2'), LINE.replace(/^1 1/, '2 1'), ''].join('\n');
    const units = parseCmapss(text);
    expect(units.map((u) => [u.unit, u.rows.length])).toEqual([[1, 2], [2, 1]]);
  });

  it('given a file name and unit, then the asset id is CMAPSS-FD001-U001', () => {
    expect(cmapssAssetId('../shared/data/cmapss/train_FD001.txt', 1)).toBe('CMAPSS-FD001-U001');
    expect([...parseUnitRanges('1-3,7')]).toEqual([1, 2, 3, 7]);
  });
});
