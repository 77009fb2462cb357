import type { FleetOverview, Interval, LiveUpdate, TwinView, WorkOrder, WorkOrderStatus } from '../../api/types';
import { healthStatus, STATUS_SEVERITY, type HealthStatus } from '../../ui/health-status';

/** One line of the fleet table: registry facts, the latest prediction, open work and data quality. */
export interface FleetRow {
  assetId: string;
  kind: string;
  model: string;
  buildBatch: string;
  parentId: string | null;
  registered: boolean;
  rank?: number;
  healthIndex?: number;
  failureProbability?: number;
  rul?: Interval;
  cycle?: number;
  openWorkOrders: number;
  dataQualityWarnings: number;
  flaggedSensors: string[];
  lastSeen?: string;
  frames?: number;
  status: HealthStatus;
}

export const OPEN_STATUSES: readonly WorkOrderStatus[] = ['open', 'acknowledged', 'scheduled', 'in-progress', 'deferred'];

/** Every asset the tenant has: registered ones, and scored or reporting ones the registry does not know yet. */
export function buildFleetRows(overview: FleetOverview, workOrders: readonly WorkOrder[], twins: Readonly<Record<string, TwinView | null>>): FleetRow[] {
  const open = openOrdersByAsset(workOrders);
  const ids = new Set([...overview.assets.map((a) => a.assetId), ...overview.ranking.map((r) => r.assetId), ...Object.keys(twins)]);
  const assets = new Map(overview.assets.map((a) => [a.assetId, a]));
  const ranking = new Map(overview.ranking.map((r) => [r.assetId, r]));
  return [...ids].map((assetId) => {
    const asset = assets.get(assetId);
    const scored = ranking.get(assetId);
    const twin = twins[assetId] ?? undefined;
    const flaggedSensors = twin ? Object.entries(twin.sensors).filter(([, s]) => s.quality.length > 0).map(([name]) => name).sort() : [];
    return withStatus({
      assetId,
      kind: asset?.kind ?? 'engine',
      model: asset?.model ?? '',
      buildBatch: asset?.buildBatch ?? '',
      parentId: asset?.parentId ?? null,
      registered: Boolean(asset),
      ...(scored ? { rank: scored.rank, healthIndex: scored.healthIndex, failureProbability: scored.failureProbability, rul: scored.rul, cycle: scored.cycle } : {}),
      openWorkOrders: open.get(assetId) ?? 0,
      dataQualityWarnings: flaggedSensors.length,
      flaggedSensors,
      ...(twin ? { lastSeen: twin.updatedAt, frames: twin.frames } : {}),
      status: 'unknown',
    });
  });
}

export function openOrdersByAsset(workOrders: readonly WorkOrder[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const order of workOrders) if (OPEN_STATUSES.includes(order.status)) counts.set(order.assetId, (counts.get(order.assetId) ?? 0) + 1);
  return counts;
}

function withStatus(row: FleetRow): FleetRow {
  return { ...row, status: healthStatus({ failureProbability: row.failureProbability, rulLower: row.rul?.lower, dataQualityWarnings: row.dataQualityWarnings }) };
}

/**
 * Folds one live update into the rows: a frame moves `lastSeen` (and adds a row for a new asset), a
 * prediction replaces the scores. The same array comes back when nothing changed, so React skips a render.
 */
export function applyLiveUpdate(rows: FleetRow[], update: LiveUpdate): FleetRow[] {
  const assetId = typeof update.data.assetId === 'string' ? update.data.assetId : undefined;
  if (!assetId) return rows;
  const index = rows.findIndex((r) => r.assetId === assetId);
  const current: FleetRow = index >= 0 ? (rows[index] as FleetRow) : { assetId, kind: 'engine', model: '', buildBatch: '', parentId: null, registered: false, openWorkOrders: 0, dataQualityWarnings: 0, flaggedSensors: [], status: 'unknown' };
  const next = merge(current, update);
  if (next === current) return rows;
  const copy = rows.slice();
  if (index >= 0) copy[index] = next;
  else copy.push(next);
  return copy;
}

function merge(row: FleetRow, update: LiveUpdate): FleetRow {
  const data = update.data;
  if (update.type === 'twin' && update.eventType === 'FrameRecorded' && typeof data.ts === 'string') {
    if (row.lastSeen && row.lastSeen >= data.ts) return row;
    // A row first seen on the stream has no known frame count; counting from here would understate it.
    return { ...row, lastSeen: data.ts, ...(row.frames === undefined ? {} : { frames: row.frames + 1 }) };
  }
  if (update.type === 'prediction' && isInterval(data.rul) && typeof data.failureProbability === 'number' && typeof data.healthIndex === 'number') {
    if (typeof data.cycle === 'number' && row.cycle !== undefined && data.cycle < row.cycle) return row;
    return withStatus({ ...row, rul: data.rul, failureProbability: data.failureProbability, healthIndex: data.healthIndex, ...(typeof data.cycle === 'number' ? { cycle: data.cycle } : {}) });
  }
  return row;
}

function isInterval(value: unknown): value is Interval {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.mean === 'number' && typeof v.lower === 'number' && typeof v.upper === 'number';
}

export type SortKey = 'status' | 'assetId' | 'healthIndex' | 'rul' | 'failureProbability' | 'openWorkOrders' | 'dataQualityWarnings' | 'lastSeen';
export type SortDirection = 'asc' | 'desc';

const SORT_VALUE: Record<SortKey, (row: FleetRow) => number | string | undefined> = {
  status: (r) => STATUS_SEVERITY[r.status],
  assetId: (r) => r.assetId,
  healthIndex: (r) => r.healthIndex,
  rul: (r) => r.rul?.mean,
  failureProbability: (r) => r.failureProbability,
  openWorkOrders: (r) => r.openWorkOrders,
  dataQualityWarnings: (r) => r.dataQualityWarnings,
  lastSeen: (r) => r.lastSeen,
};

/** Stable sort; rows without a value go last in either direction; ties fall back to the asset id. */
export function sortRows(rows: readonly FleetRow[], key: SortKey, direction: SortDirection): FleetRow[] {
  const value = SORT_VALUE[key];
  const sign = direction === 'asc' ? 1 : -1;
  return rows.slice().sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === undefined || y === undefined) {
      if (x !== y) return x === undefined ? 1 : -1;
      return a.assetId.localeCompare(b.assetId);
    }
    const order = x < y ? -1 : x > y ? 1 : 0;
    return order !== 0 ? order * sign : a.assetId.localeCompare(b.assetId);
  });
}

export interface FleetFilter {
  text: string;
  status: HealthStatus | 'all';
  withWorkOrders: boolean;
  withDataQuality: boolean;
}

export const NO_FILTER: FleetFilter = { text: '', status: 'all', withWorkOrders: false, withDataQuality: false };

/** Text matches the asset id, model or build batch (case-insensitive). */
export function filterRows(rows: readonly FleetRow[], filter: FleetFilter): FleetRow[] {
  const text = filter.text.trim().toLowerCase();
  return rows.filter((r) =>
    (!text || [r.assetId, r.model, r.buildBatch, r.kind].some((field) => field.toLowerCase().includes(text)))
    && (filter.status === 'all' || r.status === filter.status)
    && (!filter.withWorkOrders || r.openWorkOrders > 0)
    && (!filter.withDataQuality || r.dataQualityWarnings > 0));
}

export function countByStatus(rows: readonly FleetRow[]): Record<HealthStatus, number> {
  const counts: Record<HealthStatus, number> = { alert: 0, watch: 0, unknown: 0, ok: 0 };
  for (const row of rows) counts[row.status] += 1;
  return counts;
}
