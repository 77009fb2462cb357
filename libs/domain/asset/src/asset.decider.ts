import type { AssetKind } from '@fleettwin/contracts';
import { describeAllowedParents, mayHaveParent } from './asset.kinds';
import type { Asset, AssetDetails, AssetEvent, AssetState, OperatingEnvironment } from './asset.events';

/** Who asked and when: outside inputs arrive with the command, never from a clock inside. */
export interface CommandMetadata {
  at: string;
  actor: string;
}

/**
 * What the hierarchy view knows about a proposed parent, looked up by the service before it
 * decides; `null` when there is no such asset. `ancestorIds` runs from the parent's parent to the
 * root, which is all the decider needs to refuse a cycle.
 */
export interface ParentLookup {
  assetId: string;
  tenant: string;
  kind: AssetKind;
  retired: boolean;
  ancestorIds: readonly string[];
}

export type AssetRegistration = Omit<AssetDetails, 'dtmi'> & {
  tenant: string;
  assetId: string;
  kind: AssetKind;
  parentId: string | null;
  dtmi?: string | null;
};

export interface RegisterAsset {
  type: 'RegisterAsset';
  data: AssetRegistration;
  parent: ParentLookup | null;
  metadata: CommandMetadata;
}

export interface UpdateAsset {
  type: 'UpdateAsset';
  data: { tenant: string; assetId: string; changes: Partial<AssetDetails> };
  metadata: CommandMetadata;
}

export interface MoveAsset {
  type: 'MoveAsset';
  data: { tenant: string; assetId: string; parentId: string | null };
  parent: ParentLookup | null;
  metadata: CommandMetadata;
}

export interface RetireAsset {
  type: 'RetireAsset';
  data: { tenant: string; assetId: string; reason: string };
  /** Children not yet retired, from the hierarchy view: a parent is retired only once it is empty. */
  activeChildIds: readonly string[];
  metadata: CommandMetadata;
}

export type AssetCommand = RegisterAsset | UpdateAsset | MoveAsset | RetireAsset;

export type AssetRejectionCode =
  | 'ALREADY_REGISTERED'
  | 'NOT_FOUND'
  | 'TENANT_MISMATCH'
  | 'CYCLE'
  | 'PARENT_NOT_FOUND'
  | 'PARENT_RETIRED'
  | 'INVALID_PARENT_KIND'
  | 'RETIRED'
  | 'HAS_CHILDREN'
  | 'NO_CHANGE';

export interface AssetRejection {
  code: AssetRejectionCode;
  message: string;
}

export type AssetDecision = { ok: true; events: AssetEvent[] } | { ok: false; rejection: AssetRejection };

const accept = (events: AssetEvent[]): AssetDecision => ({ ok: true, events });
const reject = (code: AssetRejectionCode, message: string): AssetDecision => ({ ok: false, rejection: { code, message } });

export function decide(command: AssetCommand, state: AssetState): AssetDecision {
  switch (command.type) {
    case 'RegisterAsset':
      return registerAsset(command, state);
    case 'UpdateAsset':
      return updateAsset(command, state);
    case 'MoveAsset':
      return moveAsset(command, state);
    case 'RetireAsset':
      return retireAsset(command, state);
  }
}

function registerAsset(command: RegisterAsset, state: AssetState): AssetDecision {
  const { data, metadata } = command;
  if (state && state.tenant !== data.tenant) return reject('TENANT_MISMATCH', `asset ${data.assetId} is registered to another tenant`);
  if (state) return reject('ALREADY_REGISTERED', `asset ${data.assetId} is already registered`);
  const parentProblem = checkParent(data, data.parentId, command.parent);
  if (parentProblem) return parentProblem;
  const environment = normaliseEnvironment(data.environment);
  return accept([{ type: 'AssetRegistered', data: { ...data, environment, dtmi: data.dtmi ?? null, at: metadata.at, by: metadata.actor } }]);
}

function updateAsset(command: UpdateAsset, state: AssetState): AssetDecision {
  const { data, metadata } = command;
  const found = existingAsset(state, data);
  if (!found.ok) return found.decision;
  const changes = changedFields(found.asset, data.changes);
  if (Object.keys(changes).length === 0) return reject('NO_CHANGE', `update of asset ${data.assetId} changes nothing`);
  return accept([{ type: 'AssetUpdated', data: { tenant: data.tenant, assetId: data.assetId, changes, at: metadata.at, by: metadata.actor } }]);
}

function moveAsset(command: MoveAsset, state: AssetState): AssetDecision {
  const { data, metadata } = command;
  const found = existingAsset(state, data);
  if (!found.ok) return found.decision;
  if (found.asset.parentId === data.parentId) return reject('NO_CHANGE', `asset ${data.assetId} already sits under ${data.parentId ?? 'no parent'}`);
  const parentProblem = checkParent(found.asset, data.parentId, command.parent);
  if (parentProblem) return parentProblem;
  return accept([
    {
      type: 'AssetMoved',
      data: { tenant: data.tenant, assetId: data.assetId, fromParentId: found.asset.parentId, toParentId: data.parentId, at: metadata.at, by: metadata.actor },
    },
  ]);
}

function retireAsset(command: RetireAsset, state: AssetState): AssetDecision {
  const { data, metadata } = command;
  const found = existingAsset(state, data);
  if (!found.ok) return found.decision;
  if (command.activeChildIds.length > 0) {
    return reject('HAS_CHILDREN', `asset ${data.assetId} still has ${command.activeChildIds.length} active children (${command.activeChildIds.slice(0, 5).join(', ')}): move or retire them first`);
  }
  return accept([{ type: 'AssetRetired', data: { tenant: data.tenant, assetId: data.assetId, reason: data.reason, at: metadata.at, by: metadata.actor } }]);
}

type Found = { ok: true; asset: Asset } | { ok: false; decision: AssetDecision };

/**
 * Another tenant's asset answers NOT_FOUND, like a missing one, so ids cannot be probed across
 * tenants. A retired asset is kept for its history but no longer changes.
 */
function existingAsset(state: AssetState, target: { tenant: string; assetId: string }): Found {
  if (!state || state.tenant !== target.tenant) return { ok: false, decision: reject('NOT_FOUND', `no asset ${target.assetId}`) };
  if (state.retired) return { ok: false, decision: reject('RETIRED', `asset ${target.assetId} was retired on ${state.retired.at}`) };
  return { ok: true, asset: state };
}

function checkParent(
  child: { tenant: string; assetId: string; kind: AssetKind },
  parentId: string | null,
  parent: ParentLookup | null,
): AssetDecision | null {
  if (parentId === null) {
    return mayHaveParent(child.kind, null) ? null : reject('INVALID_PARENT_KIND', `a ${child.kind} needs a parent: ${describeAllowedParents(child.kind)}`);
  }
  if (parentId === child.assetId) return reject('CYCLE', `asset ${child.assetId} cannot be its own parent`);
  if (!parent || parent.assetId !== parentId) return reject('PARENT_NOT_FOUND', `no parent asset ${parentId}`);
  if (parent.tenant !== child.tenant) return reject('TENANT_MISMATCH', `parent ${parentId} belongs to another tenant`);
  if (parent.ancestorIds.includes(child.assetId)) return reject('CYCLE', `asset ${child.assetId} is an ancestor of ${parentId}`);
  if (parent.retired) return reject('PARENT_RETIRED', `parent ${parentId} is retired`);
  if (!mayHaveParent(child.kind, parent.kind)) {
    return reject('INVALID_PARENT_KIND', `a ${child.kind} cannot sit under a ${parent.kind}; allowed parents: ${describeAllowedParents(child.kind)}`);
  }
  return null;
}

const DETAIL_FIELDS: ReadonlyArray<keyof AssetDetails> = ['model', 'variant', 'serial', 'buildBatch', 'tolerances', 'environment', 'inServiceDate', 'dtmi'];

function changedFields(asset: Asset, requested: Partial<AssetDetails>): Partial<AssetDetails> {
  const proposed: Partial<AssetDetails> = requested.environment ? { ...requested, environment: normaliseEnvironment(requested.environment) } : requested;
  const changes: Partial<AssetDetails> = {};
  for (const field of DETAIL_FIELDS) {
    if (proposed[field] === undefined) continue;
    if (canonical(proposed[field]) === canonical(asset[field])) continue;
    Object.assign(changes, { [field]: proposed[field] });
  }
  return changes;
}

function normaliseEnvironment(environment: OperatingEnvironment): OperatingEnvironment {
  return { climate: environment.climate, route: environment.route, tags: [...new Set(environment.tags)].sort() };
}

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
