import type { AssetKind } from '@fleettwin/contracts';
import type { ParentLookup } from './asset.decider';

/** The least the hierarchy needs of an asset. */
export interface HierarchyNode {
  assetId: string;
  parentId: string | null;
}

/** A hierarchy node with what a parent check needs (see `parentLookup`). */
export interface AssetNode extends HierarchyNode {
  tenant: string;
  kind: AssetKind;
  retired?: boolean;
}

export interface Hierarchy<T extends HierarchyNode> {
  get(assetId: string): T | undefined;
  roots(): T[];
  /** Direct children, ordered by id so every answer is deterministic. */
  children(assetId: string): T[];
  /** Every asset below, depth first, parents before their children. */
  descendants(assetId: string): T[];
  /** From the parent up to the root, nearest first. Stops at a parent that is not in the set. */
  ancestors(assetId: string): T[];
  /** The asset's own id, then its ancestors' ids up to the root. */
  pathToRoot(assetId: string): string[];
  /** True when putting `assetId` under `parentId` would make it its own ancestor. */
  wouldCreateCycle(assetId: string, parentId: string | null): boolean;
}

/**
 * Indexes a set of assets once so the queries are linear in what they return. Corrupt input that
 * already holds a cycle cannot hang a query: every walk remembers where it has been.
 */
export function createHierarchy<T extends HierarchyNode>(assets: Iterable<T>): Hierarchy<T> {
  const byId = new Map<string, T>();
  const childrenOf = new Map<string | null, T[]>();
  for (const asset of assets) byId.set(asset.assetId, asset);
  for (const asset of byId.values()) {
    const key = asset.parentId !== null && byId.has(asset.parentId) ? asset.parentId : null;
    childrenOf.set(key, [...(childrenOf.get(key) ?? []), asset]);
  }
  for (const list of childrenOf.values()) list.sort((a, b) => compareIds(a.assetId, b.assetId));

  const children = (assetId: string): T[] => [...(childrenOf.get(assetId) ?? [])];

  const descendants = (assetId: string): T[] => {
    const found: T[] = [];
    const seen = new Set<string>([assetId]);
    const stack = children(assetId).reverse();
    while (stack.length > 0) {
      const next = stack.pop() as T;
      if (seen.has(next.assetId)) continue;
      seen.add(next.assetId);
      found.push(next);
      stack.push(...children(next.assetId).reverse());
    }
    return found;
  };

  const ancestors = (assetId: string): T[] => {
    const found: T[] = [];
    const seen = new Set<string>([assetId]);
    let parentId = byId.get(assetId)?.parentId ?? null;
    while (parentId !== null && !seen.has(parentId)) {
      const parent = byId.get(parentId);
      if (!parent) break;
      found.push(parent);
      seen.add(parentId);
      parentId = parent.parentId;
    }
    return found;
  };

  return {
    get: (assetId) => byId.get(assetId),
    roots: () => [...(childrenOf.get(null) ?? [])],
    children,
    descendants,
    ancestors,
    pathToRoot: (assetId) => [assetId, ...ancestors(assetId).map((a) => a.assetId)],
    wouldCreateCycle: (assetId, parentId) => parentId !== null && (parentId === assetId || ancestors(parentId).some((a) => a.assetId === assetId)),
  };
}

/** What `MoveAsset` and `RegisterAsset` need to know about a proposed parent; null when unknown. */
export function parentLookup(hierarchy: Hierarchy<AssetNode>, parentId: string): ParentLookup | null {
  const parent = hierarchy.get(parentId);
  if (!parent) return null;
  return {
    assetId: parent.assetId,
    tenant: parent.tenant,
    kind: parent.kind,
    retired: parent.retired ?? false,
    ancestorIds: hierarchy.ancestors(parentId).map((a) => a.assetId),
  };
}

/** Code-unit order, not locale order: the same on every machine. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
