import type { AssetFacts } from './asset-similarity';
import { propagate, type FailureConfirmation } from './propagation';

const facts = (assetId: string, overrides: Partial<AssetFacts> = {}): AssetFacts => ({
  tenant: 'airline-a',
  assetId,
  model: 'CFM56-7B',
  variant: '7B26',
  buildBatch: 'B07',
  tolerances: { hpcEfficiency: -0.002 },
  climate: 'hot-humid',
  route: 'short-haul',
  inServiceDate: '2019-05-01',
  usage: { cycles: 14_000 },
  signature: { sensors: ['s3', 's4', 's11'], deviation: [2, 3, 2.5] },
  ...overrides,
});

const confirmation: FailureConfirmation = {
  failureModeCode: 'HPC-DEG',
  source: facts('ESN-3247'),
  workOrderId: 'WO-77',
  confirmedAt: '2026-03-01T10:00:00Z',
  confirmedBy: 'tech-17',
};

const flat = { sensors: ['s3', 's4', 's11'], deviation: [0.1, -0.2, 0] };

describe('propagate', () => {
  const candidates = [
    facts('ESN-1'),
    facts('ESN-2', { signature: { sensors: ['s3', 's4', 's11'], deviation: [1, 2, 1.5] }, route: 'long-haul' }),
    facts('ESN-3', { buildBatch: 'B01', climate: 'cold', model: 'CF6-80C2', variant: 'B1F', inServiceDate: '2005-01-01', usage: { cycles: 40_000 }, signature: flat }),
    facts('ESN-9001', { tenant: 'airline-b' }),
    facts('ESN-9002', { tenant: 'airline-b', buildBatch: 'B02', climate: 'cold', signature: flat }),
    facts('ESN-7001', { tenant: 'airline-c' }),
  ];
  const decided = propagate(confirmation, candidates, 0.7);

  it('given similar assets in the source tenant, then inspections most at risk first, and the dissimilar one left out', () => {
    expect(decided.type).toBe('PropagationDecided');
    expect(decided.data.inspections.map((i) => i.assetId)).toEqual(['ESN-1', 'ESN-2']);
    expect(decided.data.inspections[0]).toMatchObject({ priority: 2, reason: expect.stringContaining('same build batch as ESN-3247') });
    expect(decided.data.candidatesConsidered).toBe(6);
  });

  it('given similar assets in other tenants, then one advisory per tenant naming only their own assets', () => {
    expect(decided.data.advisories).toEqual([
      { tenant: 'airline-b', failureModeCode: 'HPC-DEG', model: 'CFM56-7B', variant: '7B26', buildBatch: 'B07', assets: [{ assetId: 'ESN-9001', score: 1, reasons: expect.arrayContaining(['same-build-batch', 'signature-match']) }] },
      { tenant: 'airline-c', failureModeCode: 'HPC-DEG', model: 'CFM56-7B', variant: '7B26', buildBatch: 'B07', assets: [expect.objectContaining({ assetId: 'ESN-7001' })] },
    ]);
  });

  it('never lets the source asset, its tenant or its readings into an advisory', () => {
    const text = JSON.stringify(decided.data.advisories);
    expect(text).not.toContain('ESN-3247');
    expect(text).not.toContain('airline-a');
    expect(text).not.toContain('deviation');
    expect(text).not.toContain('WO-77');
  });

  it('is a pure function: same inputs, same decision, and the record names its threshold and weights for audit', () => {
    expect(propagate(confirmation, candidates, 0.7)).toEqual(decided);
    expect(decided.data).toMatchObject({ threshold: 0.7, tenant: 'airline-a', sourceAssetId: 'ESN-3247', workOrderId: 'WO-77' });
  });
});
