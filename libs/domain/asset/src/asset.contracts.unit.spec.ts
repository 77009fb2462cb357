import { AssetView, MoveAssetRequest, RegisterAssetRequest, UpdateAssetRequest, describeIssues } from '@fleettwin/contracts';
import { decide, type RegisterAsset } from './asset.decider';
import { foldAsset } from './asset.events';
import { toAssetView } from './asset.view';

const body = {
  tenant: 'acme',
  assetId: 'ESN-1',
  kind: 'engine',
  parentId: 'FLEET-1',
  model: 'CFM56-7B',
  variant: '7B26',
  serial: '890-123',
  buildBatch: 'B-2019-07',
  environment: { climate: 'temperate', route: 'long-haul', tags: ['etops'] },
  inServiceDate: '2019-09-01',
};

describe('asset API bodies', () => {
  it('given a POST body, the parsed request becomes a RegisterAsset command and the result reads back as an AssetView', () => {
    const request = RegisterAssetRequest.parse(body);
    expect(request).toMatchObject({ tolerances: {}, parentId: 'FLEET-1' });
    const command: RegisterAsset = {
      type: 'RegisterAsset',
      data: request,
      parent: { assetId: 'FLEET-1', tenant: 'acme', kind: 'fleet', retired: false, ancestorIds: [] },
      metadata: { at: '2026-03-01T10:00:00Z', actor: 'registrar@acme' },
    };
    const decision = decide(command, null);
    if (!decision.ok) throw new Error(decision.rejection.message);
    const view = toAssetView(foldAsset(decision.events) as NonNullable<ReturnType<typeof foldAsset>>);
    expect(AssetView.parse(view)).toEqual(view);
    expect(view).toMatchObject({ dtmi: null, retired: null, version: 1, registeredAt: '2026-03-01T10:00:00Z' });
  });

  it('names the bad field of a POST body', () => {
    const result = RegisterAssetRequest.safeParse({ ...body, kind: 'spaceship', inServiceDate: '2019-02-30', tolerances: { 'bad name': 1 }, dtmi: 'dtmi:x;0' });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error).map((i) => i.path).sort()).toEqual(['dtmi', 'inServiceDate', 'kind', 'tolerances.bad name']);
  });

  it('a PUT body must change something; a move may make the asset a root', () => {
    expect(UpdateAssetRequest.safeParse({ tenant: 'acme' }).success).toBe(false);
    expect(UpdateAssetRequest.parse({ tenant: 'acme', dtmi: null })).toEqual({ tenant: 'acme', dtmi: null });
    expect(UpdateAssetRequest.safeParse({ tenant: 'acme', parentId: 'X' }).success).toBe(false);
    expect(MoveAssetRequest.parse({ tenant: 'acme', parentId: null })).toEqual({ tenant: 'acme', parentId: null });
  });
});
