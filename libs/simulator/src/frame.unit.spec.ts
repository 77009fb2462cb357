import { MqttTelemetryPayload, TelemetryFrame } from '@fleettwin/contracts';
import { buildFleet } from './fleet';
import { FleetSimulation } from './simulation';
import { mqttBody, telemetryTopic, toTelemetryFrame } from './frame';
import { SENSOR_NAMES } from './sensors';
// Test-only reach across scopes: healthy frames must pass the twin's own plausibility ranges.
 
import { TURBOFAN_SENSOR_RANGES } from '@fleettwin/domain-twin';

const START = Date.parse('2025-01-01T00:00:00Z');

describe('frames', () => {
  const registry = buildFleet({ engines: 300, tenants: 3, seed: 5, startMs: START });
  const sim = new FleetSimulation(registry, { seed: 5, startMs: START, cyclesPerSecond: 1, seqBase: 42 });

  it('given healthy engines, when framed, then every frame validates against the TelemetryFrame contract', () => {
    for (let i = 0; i < sim.size; i++) {
      const frame = toTelemetryFrame(sim.frame(i, 42 + i % 7, START + 1000));
      expect(TelemetryFrame.safeParse(frame).success).toBe(true);
      expect(MqttTelemetryPayload.safeParse(JSON.parse(mqttBody(sim.frame(i, 42, START)))).success).toBe(true);
    }
  });

  it('given healthy engines, then they report 20+ sensors, all inside the twin\'s plausible ranges', () => {
    expect(SENSOR_NAMES.length).toBeGreaterThanOrEqual(20);
    for (let i = 0; i < sim.size; i++) {
      for (const [name, value] of Object.entries(sim.frame(i, 50, START).readings)) {
        const range = TURBOFAN_SENSOR_RANGES[name];
        expect(range).toBeDefined();
        expect(value).not.toBeNull();
        expect(value as number).toBeGreaterThanOrEqual(range.min);
        expect(value as number).toBeLessThanOrEqual(range.max);
      }
    }
  });

  it('given a frame, then its topic is {root}/{tenant}/{assetId}/telemetry', () => {
    const frame = sim.frame(0, 42, START);
    expect(telemetryTopic('fleet', frame.tenant, frame.assetId)).toBe(`fleet/${registry.engines[0].tenant}/ESN-100000/telemetry`);
  });

  it('given bad frames, then none of them validates against the contract', () => {
    const bad = new FleetSimulation(registry, { seed: 5, startMs: START, cyclesPerSecond: 1, badFrameRate: 1 });
    for (let seq = 0; seq < 60; seq++) {
      const frame = bad.frame(seq % bad.size, seq, START);
      const body = frame.bad?.body as string;
      const parsed: unknown = (() => { try { return JSON.parse(body); } catch { return undefined; } })();
      expect(TelemetryFrame.safeParse(parsed).success).toBe(false);
      expect(MqttTelemetryPayload.safeParse((() => { try { return JSON.parse(mqttBody(frame)); } catch { return undefined; } })()).success).toBe(false);
    }
  });

  it('given engines that degrade, then readings move together: T50 and EGT correlate across frames', () => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let seq = 0; seq < 2000; seq++) {
      const r = sim.frame(1, seq, START).readings;
      xs.push(r.T30 as number);
      ys.push(r.egt as number);
    }
    expect(correlation(xs, ys)).toBeGreaterThan(0.2);
  });
});

function correlation(xs: number[], ys: number[]): number {
  const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i] - my);
    sxx += (x - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}
