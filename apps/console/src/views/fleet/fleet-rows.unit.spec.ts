import type { FleetOverview, LiveUpdate, TwinView, WorkOrder } from '../../api/types';
import { applyLiveUpdate, buildFleetRows, countByStatus, filterRows, NO_FILTER, sortRows, type FleetRow } from './fleet-rows';

const overview: FleetOverview = {
  tenant: 'acme', modelVersion: 'm1', horizon: 30,
  ranking: [
    { rank: 1, assetId: 'E1', cycle: 200, occurredAt: '2026-01-01T00:00:00Z', failureProbability: 0.8, rul: { mean: 20, lower: 10, upper: 30, coverage: 0.8 }, healthIndex: 0.2 },
    { rank: 2, assetId: 'E2', cycle: 100, occurredAt: '2026-01-01T00:00:00Z', failureProbability: 0.05, rul: { mean: 150, lower: 120, upper: 180, coverage: 0.8 }, healthIndex: 0.9 },
  ],
  assets: [{ tenant: 'acme', assetId: 'E2', kind: 'engine', parentId: 'AC1', model: 'CFM56', variant: '7B', serial: 'S2', buildBatch: 'B07', inServiceDate: '2020-01-01', retired: null }],
};
const twin = (assetId: string, quality: string[] = []): TwinView => ({ assetId, tenant: 'acme', sensors: { egt: { value: 640, ts: '2026-01-01T00:00:00Z', quality: quality as never } }, frames: 5, lastSeq: 5, updatedAt: '2026-01-01T00:00:00Z' });
const order = (assetId: string, status: WorkOrder['status']) => ({ id: `${assetId}-${status}`, assetId, status } as WorkOrder);
const update = (type: LiveUpdate['type'], eventType: string, data: Record<string, unknown>): LiveUpdate => ({ type, id: 'x', tenant: 'acme', eventType, data });

describe('fleet rows', () => {
  it('given the overview, open orders and twins, when built, then every known asset is a row with scores, open work and data quality', () => {
    const rows = buildFleetRows(overview, [order('E1', 'open'), order('E1', 'completed'), order('E2', 'scheduled')], { E1: twin('E1', ['stuck']), E2: twin('E2'), E3: null });
    const byId = Object.fromEntries(rows.map((r) => [r.assetId, r]));
    expect(Object.keys(byId).sort()).toEqual(['E1', 'E2', 'E3']);
    expect(byId.E1).toMatchObject({ status: 'alert', openWorkOrders: 1, dataQualityWarnings: 1, flaggedSensors: ['egt'], registered: false, rul: { mean: 20 } });
    expect(byId.E2).toMatchObject({ status: 'ok', openWorkOrders: 1, model: 'CFM56', buildBatch: 'B07', registered: true });
    expect(byId.E3).toMatchObject({ status: 'unknown', openWorkOrders: 0 });
    expect(countByStatus(rows)).toEqual({ alert: 1, watch: 0, unknown: 1, ok: 1 });
  });

  it('given a prediction on the stream, when applied, then the scores and status change; an older cycle is ignored', () => {
    const rows = buildFleetRows(overview, [], {});
    const risky = applyLiveUpdate(rows, update('prediction', 'PredictionMade', { assetId: 'E2', cycle: 101, failureProbability: 0.7, healthIndex: 0.3, rul: { mean: 25, lower: 15, upper: 35, coverage: 0.8 } }));
    expect(risky.find((r) => r.assetId === 'E2')).toMatchObject({ status: 'alert', failureProbability: 0.7, cycle: 101 });
    const stale = applyLiveUpdate(risky, update('prediction', 'PredictionMade', { assetId: 'E2', cycle: 50, failureProbability: 0.01, healthIndex: 1, rul: { mean: 300, lower: 200, upper: 400, coverage: 0.8 } }));
    expect(stale).toBe(risky);
  });

  it('given a frame of an asset nobody listed, when applied, then it appears; a frame of a known one moves its last reading', () => {
    const rows = buildFleetRows(overview, [], { E2: twin('E2') });
    const added = applyLiveUpdate(rows, update('twin', 'FrameRecorded', { assetId: 'NEW', ts: '2026-01-02T00:00:00Z', seq: 1, readings: {} }));
    expect(added.find((r) => r.assetId === 'NEW')).toMatchObject({ lastSeen: '2026-01-02T00:00:00Z', status: 'unknown' });
    expect(added.find((r) => r.assetId === 'NEW')?.frames).toBeUndefined();
    const moved = applyLiveUpdate(added, update('twin', 'FrameRecorded', { assetId: 'E2', ts: '2026-01-03T00:00:00Z', seq: 6, readings: {} }));
    expect(moved.find((r) => r.assetId === 'E2')).toMatchObject({ lastSeen: '2026-01-03T00:00:00Z', frames: 6 });
    expect(applyLiveUpdate(moved, update('twin', 'CommandIssued', { assetId: 'E2' }))).toBe(moved);
  });

  it('given rows, when sorted, then by the column in either direction with unknown values last and ties by id', () => {
    const rows = [{ assetId: 'B', healthIndex: 0.5 }, { assetId: 'A' }, { assetId: 'C', healthIndex: 0.1 }, { assetId: 'D', healthIndex: 0.5 }] as FleetRow[];
    expect(sortRows(rows, 'healthIndex', 'asc').map((r) => r.assetId)).toEqual(['C', 'B', 'D', 'A']);
    expect(sortRows(rows, 'healthIndex', 'desc').map((r) => r.assetId)).toEqual(['B', 'D', 'C', 'A']);
  });

  it('given rows, when filtered, then by text over id, model and batch, by status and by open work or data quality', () => {
    const rows = buildFleetRows(overview, [order('E1', 'open')], { E1: twin('E1', ['stuck']), E2: twin('E2') });
    expect(filterRows(rows, { ...NO_FILTER, text: 'b07' }).map((r) => r.assetId)).toEqual(['E2']);
    expect(filterRows(rows, { ...NO_FILTER, status: 'alert' }).map((r) => r.assetId)).toEqual(['E1']);
    expect(filterRows(rows, { ...NO_FILTER, withWorkOrders: true }).map((r) => r.assetId)).toEqual(['E1']);
    expect(filterRows(rows, { ...NO_FILTER, withDataQuality: true }).map((r) => r.assetId)).toEqual(['E1']);
  });
});
