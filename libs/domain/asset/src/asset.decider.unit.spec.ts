import { decide, type AssetCommand, type ParentLookup, type RegisterAsset } from './asset.decider';
import { foldAsset, type AssetEvent, type AssetRegistered } from './asset.events';

const metadata = { at: '2026-03-01T10:00:00Z', actor: 'registrar@acme' };

const fleet: ParentLookup = { assetId: 'FLEET-1', tenant: 'acme', kind: 'fleet', retired: false, ancestorIds: [] };
const aircraft: ParentLookup = { assetId: 'AC-1', tenant: 'acme', kind: 'aircraft', retired: false, ancestorIds: ['FLEET-1'] };

function register(overrides: Partial<RegisterAsset['data']> = {}, parent: ParentLookup | null = aircraft): RegisterAsset {
  return {
    type: 'RegisterAsset',
    data: {
      tenant: 'acme',
      assetId: 'ESN-1',
      kind: 'engine',
      parentId: 'AC-1',
      model: 'CFM56-7B',
      variant: '7B26',
      serial: '890-123',
      buildBatch: 'B-2019-07',
      tolerances: { hpcEfficiency: -0.004 },
      environment: { climate: 'hot-humid', route: 'short-haul', tags: ['sea-salt', 'desert', 'sea-salt'] },
      inServiceDate: '2019-09-01',
      ...overrides,
    },
    parent,
    metadata,
  };
}

const registered: AssetRegistered = {
  type: 'AssetRegistered',
  data: {
    tenant: 'acme',
    assetId: 'ESN-1',
    kind: 'engine',
    parentId: 'AC-1',
    model: 'CFM56-7B',
    variant: '7B26',
    serial: '890-123',
    buildBatch: 'B-2019-07',
    tolerances: { hpcEfficiency: -0.004 },
    environment: { climate: 'hot-humid', route: 'short-haul', tags: ['desert', 'sea-salt'] },
    inServiceDate: '2019-09-01',
    dtmi: null,
    at: metadata.at,
    by: metadata.actor,
  },
};

const retired: AssetEvent = { type: 'AssetRetired', data: { tenant: 'acme', assetId: 'ESN-1', reason: 'scrapped', at: '2026-04-01T00:00:00Z', by: 'planner@acme' } };

function given(events: AssetEvent[]) {
  const state = foldAsset(events);
  return {
    when: (command: AssetCommand) => ({
      then: (expected: AssetEvent[]) => expect(decide(command, state)).toEqual({ ok: true, events: expected }),
      thenRejects: (code: string) => expect(decide(command, state)).toMatchObject({ ok: false, rejection: { code } }),
    }),
  };
}

const move = (parentId: string | null, parent: ParentLookup | null): AssetCommand => ({ type: 'MoveAsset', data: { tenant: 'acme', assetId: 'ESN-1', parentId }, parent, metadata });
const update = (changes: object, tenant = 'acme'): AssetCommand => ({ type: 'UpdateAsset', data: { tenant, assetId: 'ESN-1', changes }, metadata });
const retire = (activeChildIds: string[] = []): AssetCommand => ({ type: 'RetireAsset', data: { tenant: 'acme', assetId: 'ESN-1', reason: 'scrapped' }, activeChildIds, metadata });

describe('asset decider: RegisterAsset', () => {
  it('registers a new engine under an aircraft; tags become a sorted set and the model id defaults to none', () => {
    given([]).when(register()).then([registered]);
  });

  it('refuses a second registration, and one that claims another tenant\'s asset', () => {
    given([registered]).when(register()).thenRejects('ALREADY_REGISTERED');
    given([registered]).when(register({ tenant: 'other' })).thenRejects('TENANT_MISMATCH');
  });

  it('checks the parent: it must exist, share the tenant, be alive and be an allowed kind', () => {
    given([]).when(register({}, null)).thenRejects('PARENT_NOT_FOUND');
    given([]).when(register({}, { ...aircraft, assetId: 'AC-2' })).thenRejects('PARENT_NOT_FOUND');
    given([]).when(register({}, { ...aircraft, tenant: 'other' })).thenRejects('TENANT_MISMATCH');
    given([]).when(register({}, { ...aircraft, retired: true })).thenRejects('PARENT_RETIRED');
    given([]).when(register({ kind: 'module' }, aircraft)).thenRejects('INVALID_PARENT_KIND');
  });

  it('lets a fleet be a root and an engine sit in the fleet pool, but never leaves an engine without a parent', () => {
    given([]).when(register({ assetId: 'FLEET-2', kind: 'fleet', parentId: null }, null)).then([
      { type: 'AssetRegistered', data: { ...registered.data, assetId: 'FLEET-2', kind: 'fleet', parentId: null } },
    ]);
    given([]).when(register({ parentId: 'FLEET-1' }, fleet)).then([{ type: 'AssetRegistered', data: { ...registered.data, parentId: 'FLEET-1' } }]);
    given([]).when(register({ parentId: null }, null)).thenRejects('INVALID_PARENT_KIND');
  });

  it('refuses an asset that names itself as parent', () => {
    given([]).when(register({ parentId: 'ESN-1' }, { ...aircraft, assetId: 'ESN-1' })).thenRejects('CYCLE');
  });
});

describe('asset decider: UpdateAsset', () => {
  it('records only the fields that change', () => {
    given([registered]).when(update({ model: 'CFM56-7B', serial: '890-124', tolerances: { hpcEfficiency: -0.004 } })).then([
      { type: 'AssetUpdated', data: { tenant: 'acme', assetId: 'ESN-1', changes: { serial: '890-124' }, at: metadata.at, by: metadata.actor } },
    ]);
  });

  it('compares tags as a set and tolerances by value', () => {
    given([registered]).when(update({ environment: { climate: 'hot-humid', route: 'short-haul', tags: ['sea-salt', 'desert'] } })).thenRejects('NO_CHANGE');
    given([registered]).when(update({ environment: { climate: 'cold', route: 'short-haul', tags: ['sea-salt', 'desert'] } })).then([
      { type: 'AssetUpdated', data: { tenant: 'acme', assetId: 'ESN-1', changes: { environment: { climate: 'cold', route: 'short-haul', tags: ['desert', 'sea-salt'] } }, at: metadata.at, by: metadata.actor } },
    ]);
  });

  it('attaches and detaches a DTDL model', () => {
    const attached: AssetEvent = { type: 'AssetUpdated', data: { tenant: 'acme', assetId: 'ESN-1', changes: { dtmi: 'dtmi:fleettwin:asset:TurbofanEngine;1' }, at: metadata.at, by: metadata.actor } };
    given([registered]).when(update({ dtmi: 'dtmi:fleettwin:asset:TurbofanEngine;1' })).then([attached]);
    given([registered, attached]).when(update({ dtmi: null })).then([{ type: 'AssetUpdated', data: { ...attached.data, changes: { dtmi: null } } }]);
    expect(foldAsset([registered, attached])).toMatchObject({ dtmi: 'dtmi:fleettwin:asset:TurbofanEngine;1', version: 2 });
  });

  it('rejects an update that changes nothing, of an unknown or another tenant\'s asset, and of a retired one', () => {
    given([registered]).when(update({ serial: '890-123' })).thenRejects('NO_CHANGE');
    given([registered]).when(update({})).thenRejects('NO_CHANGE');
    given([]).when(update({ serial: 'x' })).thenRejects('NOT_FOUND');
    given([registered]).when(update({ serial: 'x' }, 'other')).thenRejects('NOT_FOUND');
    given([registered, retired]).when(update({ serial: 'x' })).thenRejects('RETIRED');
  });
});

describe('asset decider: MoveAsset', () => {
  it('moves an engine from its aircraft to the fleet pool', () => {
    given([registered]).when(move('FLEET-1', fleet)).then([
      { type: 'AssetMoved', data: { tenant: 'acme', assetId: 'ESN-1', fromParentId: 'AC-1', toParentId: 'FLEET-1', at: metadata.at, by: metadata.actor } },
    ]);
  });

  it('refuses a move under one of the asset\'s own descendants', () => {
    const moduleUnderEngine: ParentLookup = { assetId: 'MOD-1', tenant: 'acme', kind: 'module', retired: false, ancestorIds: ['ESN-1', 'AC-1', 'FLEET-1'] };
    given([registered]).when(move('MOD-1', moduleUnderEngine)).thenRejects('CYCLE');
    given([registered]).when(move('ESN-1', { ...aircraft, assetId: 'ESN-1' })).thenRejects('CYCLE');
  });

  it('refuses a move to the same parent, to a missing, foreign, retired or wrong-kind parent', () => {
    given([registered]).when(move('AC-1', aircraft)).thenRejects('NO_CHANGE');
    given([registered]).when(move('AC-9', null)).thenRejects('PARENT_NOT_FOUND');
    given([registered]).when(move('AC-2', { ...aircraft, assetId: 'AC-2', tenant: 'other' })).thenRejects('TENANT_MISMATCH');
    given([registered]).when(move('AC-2', { ...aircraft, assetId: 'AC-2', retired: true })).thenRejects('PARENT_RETIRED');
    given([registered]).when(move('LINE-1', { assetId: 'LINE-1', tenant: 'acme', kind: 'line', retired: false, ancestorIds: [] })).thenRejects('INVALID_PARENT_KIND');
    given([registered]).when(move(null, null)).thenRejects('INVALID_PARENT_KIND');
  });

  it('refuses to move a retired asset', () => {
    given([registered, retired]).when(move('FLEET-1', fleet)).thenRejects('RETIRED');
  });
});

describe('asset decider: RetireAsset', () => {
  it('retires an asset with no active children, once', () => {
    given([registered]).when(retire()).then([{ type: 'AssetRetired', data: { tenant: 'acme', assetId: 'ESN-1', reason: 'scrapped', at: metadata.at, by: metadata.actor } }]);
    given([registered, retired]).when(retire()).thenRejects('RETIRED');
    expect(foldAsset([registered, retired])).toMatchObject({ retired: { reason: 'scrapped', by: 'planner@acme' }, version: 2 });
  });

  it('refuses to retire a parent that still has children', () => {
    given([registered]).when(retire(['MOD-1'])).thenRejects('HAS_CHILDREN');
  });
});
