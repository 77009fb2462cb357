import fc from 'fast-check';
import type { AssetKind } from '@fleettwin/contracts';
import { createHierarchy, type AssetNode } from './hierarchy';
import { healthFromDataQuality, type AssetHealth } from './health';
import { rollUp } from './health-roll-up';

const node = (assetId: string, kind: AssetKind, parentId: string | null): AssetNode => ({ assetId, tenant: 'acme', kind, parentId });
const fleet = [
  node('FLEET-1', 'fleet', null),
  node('AC-1', 'aircraft', 'FLEET-1'),
  node('ESN-1', 'engine', 'AC-1'),
  node('ESN-2', 'engine', 'AC-1'),
  node('AC-2', 'aircraft', 'FLEET-1'),
  node('ESN-3', 'engine', 'AC-2'),
];
const ok = (healthIndex: number | null = 0.9): AssetHealth => ({ status: 'ok', healthIndex, dataQualityWarnings: 0 });

function given(health: Record<string, AssetHealth>) {
  return { rollUp: (parentId: string) => rollUp(parentId, fleet, (a) => health[a.assetId]) };
}

describe('health roll-up', () => {
  it('given healthy engines, the fleet is ok; aircraft take their engines\' status', () => {
    const summary = given({ 'ESN-1': ok(0.9), 'ESN-2': ok(0.8), 'ESN-3': ok(0.95) }).rollUp('FLEET-1');
    expect(summary).toMatchObject({
      descendants: 5,
      counts: { ok: 5, watch: 0, alert: 0, unknown: 0 },
      worstStatus: 'ok',
      drivenBy: 'ESN-2',
      minHealthIndex: 0.8,
      minHealthIndexAssetId: 'ESN-2',
      dataQualityWarnings: 0,
    });
    expect(summary.children).toEqual([
      { assetId: 'AC-1', status: 'ok', drivenBy: 'ESN-2' },
      { assetId: 'AC-2', status: 'ok', drivenBy: 'ESN-3' },
    ]);
  });

  it('when one engine degrades, its aircraft and the fleet roll-up change with it', () => {
    const before = given({ 'ESN-1': ok(), 'ESN-2': ok(), 'ESN-3': ok() }).rollUp('FLEET-1');
    const after = given({ 'ESN-1': ok(), 'ESN-2': ok(), 'ESN-3': { status: 'alert', healthIndex: 0.2, dataQualityWarnings: 2 } }).rollUp('FLEET-1');
    expect(before.worstStatus).toBe('ok');
    expect(after).toMatchObject({
      counts: { ok: 3, watch: 0, alert: 2, unknown: 0 },
      worstStatus: 'alert',
      drivenBy: 'ESN-3',
      minHealthIndex: 0.2,
      dataQualityWarnings: 2,
    });
    expect(after.children).toContainEqual({ assetId: 'AC-2', status: 'alert', drivenBy: 'ESN-3' });
  });

  it('counts a leaf nobody scores as unknown, which ranks above ok but below watch', () => {
    expect(given({ 'ESN-1': ok(), 'ESN-2': ok() }).rollUp('FLEET-1')).toMatchObject({ worstStatus: 'unknown', drivenBy: null, counts: { ok: 3, unknown: 2 } });
    expect(given({ 'ESN-1': { ...ok(), status: 'watch' } }).rollUp('FLEET-1')).toMatchObject({ worstStatus: 'watch', drivenBy: 'ESN-1' });
  });

  it('an asset with no children rolls up to nothing known', () => {
    expect(given({}).rollUp('ESN-1')).toMatchObject({ descendants: 0, worstStatus: 'unknown', drivenBy: null, children: [] });
  });

  it('maps twin data-quality flags to a stand-in health', () => {
    expect(healthFromDataQuality({ egt: { quality: [] }, n2: { quality: [] } })).toEqual({ status: 'ok', healthIndex: null, dataQualityWarnings: 0 });
    expect(healthFromDataQuality({ egt: { quality: ['stuck'] }, n2: { quality: [] } })).toEqual({ status: 'watch', healthIndex: null, dataQualityWarnings: 1 });
    expect(healthFromDataQuality({ egt: { quality: ['out-of-range'] } })).toEqual({ status: 'unknown', healthIndex: null, dataQualityWarnings: 1 });
    expect(healthFromDataQuality(undefined).status).toBe('unknown');
  });

  it('property: the counts add up to the number of descendants, and the worst status is one that was counted', () => {
    const statuses = ['ok', 'watch', 'alert', 'unknown'] as const;
    const forest = fc.array(fc.record({ parent: fc.option(fc.nat(), { nil: null }), status: fc.option(fc.constantFrom(...statuses), { nil: undefined }) }), { minLength: 1, maxLength: 50 });
    fc.assert(
      fc.property(forest, fc.nat(), (spec, pick) => {
        const nodes = spec.map((s, i) => node(`A${i}`, 'fleet', s.parent === null || i === 0 ? null : `A${s.parent % i}`));
        const health = new Map(spec.map((s, i) => [`A${i}`, s.status && { status: s.status, healthIndex: null, dataQualityWarnings: 1 }]));
        const target = `A${pick % nodes.length}`;
        const summary = rollUp(target, nodes, (a) => health.get(a.assetId));
        const below = createHierarchy(nodes).descendants(target).length;
        expect(summary.descendants).toBe(below);
        expect(Object.values(summary.counts).reduce((a, b) => a + b, 0)).toBe(below);
        if (below > 0) expect(summary.counts[summary.worstStatus]).toBeGreaterThan(0);
      }),
    );
  });
});
