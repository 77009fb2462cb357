import fc from 'fast-check';
import { DEFAULT_SIMILARITY_WEIGHTS, rankSimilarAssets, type AssetFacts } from './asset-similarity';

const source: AssetFacts = {
  tenant: 'airline-a',
  assetId: 'ESN-3247',
  model: 'CFM56-7B',
  variant: '7B26',
  buildBatch: 'B07',
  tolerances: { hpcEfficiency: -0.002, bearingClearance: 3.1 },
  climate: 'hot-humid',
  route: 'short-haul',
  inServiceDate: '2019-05-01',
  usage: { cycles: 14_000, hours: 24_000 },
  signature: { sensors: ['s3', 's4', 's11'], deviation: [2, 3, 2.5] },
};

const arbitraryFacts: fc.Arbitrary<AssetFacts> = fc.record({
  tenant: fc.constantFrom('airline-a', 'airline-b'),
  assetId: fc.integer({ min: 1, max: 99_999 }).map((n) => `ESN-C${n}`),
  model: fc.constantFrom('CFM56-7B', 'CFM56-5B', 'CF6-80C2'),
  variant: fc.constantFrom('7B26', '7B27', '5B4'),
  buildBatch: fc.constantFrom('B01', 'B07', 'B09'),
  tolerances: fc.record({ hpcEfficiency: fc.double({ min: -0.01, max: 0.01, noNaN: true }), bearingClearance: fc.double({ min: -12, max: 12, noNaN: true }) }),
  climate: fc.constantFrom('hot-humid', 'hot-dry', 'temperate', 'cold'),
  route: fc.constantFrom('short-haul', 'long-haul'),
  inServiceDate: fc.integer({ min: 0, max: 5000 }).map((d) => new Date(Date.UTC(2010, 0, 1) + d * 86_400_000).toISOString().slice(0, 10)),
  usage: fc.record({ cycles: fc.integer({ min: 0, max: 40_000 }), hours: fc.integer({ min: 0, max: 80_000 }) }),
  signature: fc.option(fc.record({ sensors: fc.constant(['s3', 's4', 's11']), deviation: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 3, maxLength: 3 }) }), { nil: null }),
});

describe('rankSimilarAssets', () => {
  it('property: every score is in [0, 1], the list is sorted, and a candidate identical to the source ranks first', () => {
    fc.assert(
      fc.property(fc.array(arbitraryFacts, { maxLength: 30 }), fc.nat(), (others, at) => {
        const twin = { ...source, assetId: 'ESN-TWIN' };
        const candidates = [...others];
        candidates.splice(at % (others.length + 1), 0, twin);
        const ranked = rankSimilarAssets(source, candidates);
        expect(ranked.every((r) => r.score >= 0 && r.score <= 1)).toBe(true);
        expect(ranked.every((r, i) => i === 0 || ranked[i - 1]!.score >= r.score)).toBe(true);
        expect(ranked[0]!.score).toBe(1);
        expect(ranked.find((r) => r.assetId === 'ESN-TWIN')!.score).toBe(ranked[0]!.score);
      }),
    );
  });

  it('given the source among the candidates, then it is not ranked against itself', () => {
    expect(rankSimilarAssets(source, [source]).length).toBe(0);
  });

  it('given a same-batch hot-humid engine with a matching signature, then a reason a planner can read', () => {
    const [ranked] = rankSimilarAssets(source, [{ ...source, assetId: 'ESN-5120', model: 'CFM56-5B', variant: '5B4', route: 'long-haul', signature: { sensors: ['s3', 's4', 's11'], deviation: [1.8, 3.3, 2.2] } }]);
    expect(ranked?.reason).toBe('same build batch as ESN-3247 (B07), hot-humid operations, similar age and usage, signature similarity 0.99');
    expect(ranked?.reasons).toEqual(['same-build-batch', 'same-climate', 'similar-usage', 'signature-match']);
  });

  it('given no signature on a candidate, then its weight is left out rather than counted as a mismatch', () => {
    const [ranked] = rankSimilarAssets(source, [{ ...source, assetId: 'ESN-2', signature: null }]);
    expect(ranked?.components.signature).toBeNull();
    expect(ranked?.score).toBe(1);
  });

  it('given all weight on build batch, then the score is exactly batch membership', () => {
    const weights = { ...DEFAULT_SIMILARITY_WEIGHTS, modelVariant: 0, tolerances: 0, climate: 0, route: 0, usageAge: 0, signature: 0, buildBatch: 1 };
    const ranked = rankSimilarAssets(source, [{ ...source, assetId: 'ESN-2', buildBatch: 'B01' }, { ...source, assetId: 'ESN-3' }], weights);
    expect(ranked.map((r) => [r.assetId, r.score])).toEqual([['ESN-3', 1], ['ESN-2', 0]]);
  });
});
