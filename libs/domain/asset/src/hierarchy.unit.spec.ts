import fc from 'fast-check';
import type { AssetKind } from '@fleettwin/contracts';
import { decide } from './asset.decider';
import { createHierarchy, parentLookup, type AssetNode } from './hierarchy';

const node = (assetId: string, kind: AssetKind, parentId: string | null): AssetNode => ({ assetId, tenant: 'acme', kind, parentId });

// FLEET-1 ─┬─ AC-1 ─┬─ ESN-1 ── MOD-1 ── CMP-1
//          │        └─ ESN-2
//          └─ ESN-3 (spare)
// FLEET-2
const fleet = [
  node('FLEET-1', 'fleet', null),
  node('AC-1', 'aircraft', 'FLEET-1'),
  node('ESN-1', 'engine', 'AC-1'),
  node('ESN-2', 'engine', 'AC-1'),
  node('ESN-3', 'engine', 'FLEET-1'),
  node('MOD-1', 'module', 'ESN-1'),
  node('CMP-1', 'component', 'MOD-1'),
  node('FLEET-2', 'fleet', null),
];
const ids = (nodes: AssetNode[]) => nodes.map((n) => n.assetId);

describe('hierarchy', () => {
  const h = createHierarchy(fleet);

  it('given a fleet, lists roots and direct children in id order', () => {
    expect(ids(h.roots())).toEqual(['FLEET-1', 'FLEET-2']);
    expect(ids(h.children('FLEET-1'))).toEqual(['AC-1', 'ESN-3']);
    expect(ids(h.children('CMP-1'))).toEqual([]);
  });

  it('lists descendants depth first, parents before children', () => {
    expect(ids(h.descendants('FLEET-1'))).toEqual(['AC-1', 'ESN-1', 'MOD-1', 'CMP-1', 'ESN-2', 'ESN-3']);
    expect(ids(h.descendants('nope'))).toEqual([]);
  });

  it('walks ancestors nearest first and gives the path to the root', () => {
    expect(ids(h.ancestors('CMP-1'))).toEqual(['MOD-1', 'ESN-1', 'AC-1', 'FLEET-1']);
    expect(h.pathToRoot('CMP-1')).toEqual(['CMP-1', 'MOD-1', 'ESN-1', 'AC-1', 'FLEET-1']);
    expect(h.pathToRoot('FLEET-2')).toEqual(['FLEET-2']);
  });

  it('knows which moves would close a loop', () => {
    expect(h.wouldCreateCycle('ESN-1', 'CMP-1')).toBe(true);
    expect(h.wouldCreateCycle('ESN-1', 'ESN-1')).toBe(true);
    expect(h.wouldCreateCycle('ESN-1', 'FLEET-2')).toBe(false);
    expect(h.wouldCreateCycle('ESN-1', null)).toBe(false);
  });

  it('answers the parent lookup a move needs', () => {
    expect(parentLookup(h, 'MOD-1')).toEqual({ assetId: 'MOD-1', tenant: 'acme', kind: 'module', retired: false, ancestorIds: ['ESN-1', 'AC-1', 'FLEET-1'] });
    expect(parentLookup(h, 'nope')).toBeNull();
  });

  it('does not hang on input that already holds a loop', () => {
    const broken = createHierarchy([node('A', 'fleet', 'B'), node('B', 'fleet', 'A')]);
    expect(ids(broken.ancestors('A'))).toEqual(['B']);
    expect(broken.roots()).toEqual([]);
  });
});

describe('hierarchy properties', () => {
  // Fleets may nest, so random moves among them keep trying to close loops.
  const kinds: AssetKind[] = ['fleet', 'fleet', 'fleet', 'aircraft', 'engine', 'module'];
  const moveArb = fc.record({ asset: fc.nat(), parent: fc.option(fc.nat(), { nil: null }) });

  function hasCycle(nodes: Map<string, AssetNode>): boolean {
    for (const start of nodes.keys()) {
      const seen = new Set<string>();
      let at: string | null = start;
      while (at !== null) {
        if (seen.has(at)) return true;
        seen.add(at);
        at = nodes.get(at)?.parentId ?? null;
      }
    }
    return false;
  }

  it('no sequence of accepted moves creates a cycle', () => {
    let cyclesRefused = 0;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.array(moveArb, { maxLength: 60 }), (size, moves) => {
        const nodes = new Map<string, AssetNode>();
        for (let i = 0; i < size; i += 1) nodes.set(`A${i}`, node(`A${i}`, kinds[i % kinds.length], null));
        for (const m of moves) {
          const assetId = `A${m.asset % size}`;
          const parentId = m.parent === null ? null : `A${m.parent % size}`;
          const current = nodes.get(assetId) as AssetNode;
          const hierarchy = createHierarchy(nodes.values());
          const state = { ...current, model: 'm', variant: 'v', serial: 's', buildBatch: 'b', tolerances: {}, environment: { climate: 'cold' as const, route: 'stationary' as const, tags: [] }, inServiceDate: '2020-01-01', dtmi: null, registeredAt: 't', updatedAt: 't', retired: null, version: 1 };
          const decision = decide(
            { type: 'MoveAsset', data: { tenant: 'acme', assetId, parentId }, parent: parentId === null ? null : parentLookup(hierarchy, parentId), metadata: { at: 't', actor: 'a' } },
            state,
          );
          if (decision.ok) nodes.set(assetId, { ...current, parentId });
          else if (decision.rejection.code === 'CYCLE') cyclesRefused += 1;
          expect(hasCycle(nodes)).toBe(false);
        }
      }),
    );
    // The property is only worth something if the generator keeps trying to close loops.
    expect(cyclesRefused).toBeGreaterThan(0);
  });

  it('descendants are exactly the assets whose path to the root passes through the parent', () => {
    const treeArb = fc.array(fc.option(fc.nat(), { nil: null }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(treeArb, fc.nat(), (parents, pick) => {
        // Each asset's parent has a smaller index, so the input is a forest by construction.
        const nodes = parents.map((p, i) => node(`A${i}`, 'fleet', p === null || i === 0 ? null : `A${p % i}`));
        const h = createHierarchy(nodes);
        const target = `A${pick % nodes.length}`;
        const expected = nodes.filter((n) => n.assetId !== target && h.pathToRoot(n.assetId).includes(target)).map((n) => n.assetId).sort();
        expect(ids(h.descendants(target)).sort()).toEqual(expected);
      }),
    );
  });
});
