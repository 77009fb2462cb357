import type { AssetKind, ClimateZone, RouteProfile } from '@fleettwin/contracts';

export interface OperatingEnvironment {
  climate: ClimateZone;
  route: RouteProfile;
  /** A set: kept sorted and without duplicates so equal sets compare equal. */
  tags: string[];
}

/** What the registry records about an asset beyond its place in the hierarchy. */
export interface AssetDetails {
  model: string;
  variant: string;
  serial: string;
  buildBatch: string;
  /** Signed deviations from the nominal build, by name. */
  tolerances: Record<string, number>;
  environment: OperatingEnvironment;
  /** Calendar date, YYYY-MM-DD. */
  inServiceDate: string;
  /** The DTDL Interface describing the asset's telemetry; null when none is attached. */
  dtmi: string | null;
}

export interface AssetRegistered {
  type: 'AssetRegistered';
  data: AssetDetails & { tenant: string; assetId: string; kind: AssetKind; parentId: string | null; at: string; by: string };
}

/** Only the fields that changed, with their new values. */
export interface AssetUpdated {
  type: 'AssetUpdated';
  data: { tenant: string; assetId: string; changes: Partial<AssetDetails>; at: string; by: string };
}

export interface AssetMoved {
  type: 'AssetMoved';
  data: { tenant: string; assetId: string; fromParentId: string | null; toParentId: string | null; at: string; by: string };
}

export interface AssetRetired {
  type: 'AssetRetired';
  data: { tenant: string; assetId: string; reason: string; at: string; by: string };
}

export type AssetEvent = AssetRegistered | AssetUpdated | AssetMoved | AssetRetired;

export interface Retirement {
  at: string;
  by: string;
  reason: string;
}

export interface Asset extends AssetDetails {
  tenant: string;
  assetId: string;
  kind: AssetKind;
  parentId: string | null;
  registeredAt: string;
  updatedAt: string;
  retired: Retirement | null;
  /** Number of events folded in: the stream version an append expects next time. */
  version: number;
}

export type AssetState = Asset | null;

export const initialAssetState: AssetState = null;

export function evolve(state: AssetState, event: AssetEvent): AssetState {
  switch (event.type) {
    case 'AssetRegistered': {
      const { at, by: _by, ...registered } = event.data;
      return { ...registered, registeredAt: at, updatedAt: at, retired: null, version: 1 };
    }
    case 'AssetUpdated':
      if (!state) return state;
      return { ...state, ...event.data.changes, updatedAt: event.data.at, version: state.version + 1 };
    case 'AssetMoved':
      if (!state) return state;
      return { ...state, parentId: event.data.toParentId, updatedAt: event.data.at, version: state.version + 1 };
    case 'AssetRetired':
      if (!state) return state;
      return { ...state, retired: { at: event.data.at, by: event.data.by, reason: event.data.reason }, updatedAt: event.data.at, version: state.version + 1 };
  }
}

export function foldAsset(events: readonly AssetEvent[], state: AssetState = initialAssetState): AssetState {
  return events.reduce(evolve, state);
}
