import { compareIds, createHierarchy, type Hierarchy, type HierarchyNode } from './hierarchy';
import { HEALTH_STATUSES, severity, type AssetHealth, type HealthStatus } from './health';

/** Own health of one asset; undefined when nothing scores it (e.g. an aircraft, or a twin without data). */
export type HealthOf<T extends HierarchyNode> = (asset: T) => AssetHealth | undefined;

/** An asset's health as its parent sees it: its own, or else the worst below it. */
export interface EffectiveHealth {
  assetId: string;
  status: HealthStatus;
  /** The asset whose own health set this status (itself, or a descendant); null when nothing is known. */
  drivenBy: string | null;
}

export interface HealthRollUp {
  assetId: string;
  /** How many assets sit below; the counts add up to it. */
  descendants: number;
  counts: Record<HealthStatus, number>;
  worstStatus: HealthStatus;
  /** The asset whose own health causes the worst status; null when no descendant has health. */
  drivenBy: string | null;
  minHealthIndex: number | null;
  minHealthIndexAssetId: string | null;
  dataQualityWarnings: number;
  /** Each direct child's effective health, for drilling down. */
  children: EffectiveHealth[];
}

interface Candidate {
  status: HealthStatus;
  healthIndex: number | null;
  origin: string | null;
}

const NOTHING_KNOWN: Candidate = { status: 'unknown', healthIndex: null, origin: null };

/**
 * A parent's health summary from every asset below it. Each descendant is counted once with its
 * effective status: its own health if it has one, otherwise the worst status of its own subtree
 * (an aircraft whose engine alerts is itself in alert), and `unknown` for a leaf nobody scores.
 * Ties on the worst status go to the lower health index, then to the smaller id, so the answer
 * does not depend on input order.
 */
export function rollUp<T extends HierarchyNode>(parentId: string, assets: Iterable<T> | Hierarchy<T>, healthOf: HealthOf<T>): HealthRollUp {
  const hierarchy = isHierarchy(assets) ? assets : createHierarchy(assets);
  const effective = new Map<string, Candidate>();
  const below = hierarchy.descendants(parentId);
  // Children before parents, so each parent's subtree is known when it is reached.
  for (const asset of [...below].reverse()) effective.set(asset.assetId, effectiveOf(asset, hierarchy, healthOf, effective));

  const summary = emptySummary(parentId, below.length);
  let worst: Candidate | null = null;
  for (const asset of below) {
    const candidate = effective.get(asset.assetId) ?? NOTHING_KNOWN;
    summary.counts[candidate.status] += 1;
    worst = worse(worst, candidate);
    const own = healthOf(asset);
    if (!own) continue;
    summary.dataQualityWarnings += own.dataQualityWarnings;
    if (own.healthIndex !== null && (summary.minHealthIndex === null || own.healthIndex < summary.minHealthIndex)) {
      summary.minHealthIndex = own.healthIndex;
      summary.minHealthIndexAssetId = asset.assetId;
    }
  }
  summary.worstStatus = worst?.status ?? 'unknown';
  summary.drivenBy = worst?.origin ?? null;
  summary.children = hierarchy.children(parentId).map((child) => {
    const c = effective.get(child.assetId) ?? NOTHING_KNOWN;
    return { assetId: child.assetId, status: c.status, drivenBy: c.origin };
  });
  return summary;
}

function effectiveOf<T extends HierarchyNode>(asset: T, hierarchy: Hierarchy<T>, healthOf: HealthOf<T>, known: Map<string, Candidate>): Candidate {
  const own = healthOf(asset);
  if (own) return { status: own.status, healthIndex: own.healthIndex, origin: asset.assetId };
  const children = hierarchy.children(asset.assetId);
  let worst: Candidate | null = null;
  for (const child of children) worst = worse(worst, known.get(child.assetId) ?? NOTHING_KNOWN);
  return worst ?? NOTHING_KNOWN;
}

function worse(a: Candidate | null, b: Candidate): Candidate {
  if (!a) return b;
  const bySeverity = severity(b.status) - severity(a.status);
  if (bySeverity !== 0) return bySeverity > 0 ? b : a;
  const byIndex = (a.healthIndex ?? Infinity) - (b.healthIndex ?? Infinity);
  if (byIndex !== 0 && !Number.isNaN(byIndex)) return byIndex > 0 ? b : a;
  if (a.origin === null) return b;
  if (b.origin === null) return a;
  return compareIds(b.origin, a.origin) < 0 ? b : a;
}

function emptySummary(assetId: string, descendants: number): HealthRollUp {
  const counts = Object.fromEntries(HEALTH_STATUSES.map((s) => [s, 0])) as Record<HealthStatus, number>;
  return { assetId, descendants, counts, worstStatus: 'unknown', drivenBy: null, minHealthIndex: null, minHealthIndexAssetId: null, dataQualityWarnings: 0, children: [] };
}

function isHierarchy<T extends HierarchyNode>(value: Iterable<T> | Hierarchy<T>): value is Hierarchy<T> {
  return typeof (value as Hierarchy<T>).descendants === 'function';
}
