import { TenantId, AssetId } from '@fleettwin/contracts';
import { buildFleet, tenantId } from './fleet';
import { FleetSimulation } from './simulation';
import { parseInjection } from './failure-modes';

const START = Date.parse('2025-01-01T00:00:00Z');

describe('fleet', () => {
  it('given the same seed, when built and simulated twice, then registry, frames and ground truth are identical', () => {
    const run = (): string => {
      const registry = buildFleet({ engines: 500, tenants: 2, seed: 99, startMs: START });
      const sim = new FleetSimulation(registry, { seed: 99, startMs: START, cyclesPerSecond: 2, sensorFaultRate: 0.05, badFrameRate: 0.01, injections: [parseInjection('FAN-EROSION:env=hot-dry')] });
      const frames = Array.from({ length: 500 }, (_, i) => sim.frame(i, i % 9, START + i * 10));
      return JSON.stringify({ registry, frames, truth: sim.groundTruth() });
    };
    expect(run()).toBe(run());
  });

  it('given different seeds, then the fleets differ', () => {
    const a = buildFleet({ engines: 50, tenants: 2, seed: 1, startMs: START });
    const b = buildFleet({ engines: 50, tenants: 2, seed: 2, startMs: START });
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
  });

  it('given 10,000 engines, then ids are unique and valid, aircraft carry 2 or 4 engines sharing one environment', () => {
    const registry = buildFleet({ engines: 10_000, tenants: 30, seed: 3, startMs: START });
    expect(registry.engines).toHaveLength(10_000);
    expect(new Set(registry.engines.map((e) => e.assetId)).size).toBe(10_000);
    expect(registry.engines[123].assetId).toBe('ESN-100123');
    expect(registry.tenants.every((t) => TenantId.safeParse(t).success)).toBe(true);
    expect(registry.engines.every((e) => AssetId.safeParse(e.assetId).success)).toBe(true);
    const byAircraft = new Map<string, typeof registry.engines>();
    for (const e of registry.engines) if (e.aircraftId) byAircraft.set(e.aircraftId, [...(byAircraft.get(e.aircraftId) ?? []), e]);
    for (const engines of byAircraft.values()) {
      expect([2, 4]).toContain(engines.length);
      expect(new Set(engines.map((e) => JSON.stringify(e.environment))).size).toBe(1);
    }
  });

  it('given tenant indices, then ids are lowercase DNS labels', () => {
    expect([0, 1, 25, 26].map(tenantId)).toEqual(['airline-a', 'airline-b', 'airline-z', 'airline-aa']);
  });
});
