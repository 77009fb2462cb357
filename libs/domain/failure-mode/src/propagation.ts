import type { PropagationAdvisory, SimilarityReason } from '@fleettwin/contracts';
import { DEFAULT_SIMILARITY_WEIGHTS, rankSimilarAssets, type AssetFacts, type RankedAsset, type SimilarityWeights } from './asset-similarity';

/** A failure mode confirmed on one asset by a completed work order: the trigger for propagation. */
export interface FailureConfirmation {
  failureModeCode: string;
  /** The asset the mode was confirmed on, with its signature at the time if known. */
  source: AssetFacts;
  workOrderId: string | null;
  confirmedAt: string;
  confirmedBy: string;
}

export interface PlannedInspection {
  assetId: string;
  score: number;
  priority: 2 | 3;
  reasons: SimilarityReason[];
  reason: string;
}

/**
 * Recorded on the source tenant's propagation stream: what was decided, on what inputs, so an
 * auditor can replay why each asset was (or was not) inspected.
 */
export interface PropagationDecided {
  type: 'PropagationDecided';
  data: {
    tenant: string;
    sourceAssetId: string;
    failureModeCode: string;
    workOrderId: string | null;
    at: string;
    by: string;
    threshold: number;
    weights: SimilarityWeights;
    candidatesConsidered: number;
    /** Same tenant, most at risk first. */
    inspections: PlannedInspection[];
    /** One per other tenant with assets over the threshold; never names the source asset or tenant. */
    advisories: PropagationAdvisory[];
  };
}

/**
 * Calibrated on the simulated fleet (propagation.fleet.unit.spec.ts): same batch + climate with a
 * matching signature scores ~0.74-0.85; same batch or same climate alone, even with natural wear
 * pointing the HPC way, stays below ~0.69.
 */
export const DEFAULT_PROPAGATION_THRESHOLD = 0.7;

/** Scores at or above this get priority 2 (high) inspections, the rest 3. */
const HIGH_PRIORITY_SCORE = 0.8;

export function propagate(
  confirmation: FailureConfirmation,
  candidates: readonly AssetFacts[],
  threshold: number = DEFAULT_PROPAGATION_THRESHOLD,
  weights: SimilarityWeights = DEFAULT_SIMILARITY_WEIGHTS,
): PropagationDecided {
  const { source } = confirmation;
  const atRisk = rankSimilarAssets(source, candidates, weights).filter((r) => r.score >= threshold);
  return {
    type: 'PropagationDecided',
    data: {
      tenant: source.tenant,
      sourceAssetId: source.assetId,
      failureModeCode: confirmation.failureModeCode,
      workOrderId: confirmation.workOrderId,
      at: confirmation.confirmedAt,
      by: confirmation.confirmedBy,
      threshold,
      weights,
      candidatesConsidered: candidates.length,
      inspections: atRisk.filter((r) => r.tenant === source.tenant).map(inspectionFor),
      advisories: advisoriesFor(confirmation, atRisk.filter((r) => r.tenant !== source.tenant)),
    },
  };
}

function inspectionFor(ranked: RankedAsset): PlannedInspection {
  return { assetId: ranked.assetId, score: ranked.score, priority: ranked.score >= HIGH_PRIORITY_SCORE ? 2 : 3, reasons: ranked.reasons, reason: ranked.reason };
}

/**
 * Other tenants learn the mode, the build it concerns and reason categories, plus which of their
 * own assets are at risk; nothing that identifies the source asset, its owner or its readings.
 */
function advisoriesFor(confirmation: FailureConfirmation, foreign: readonly RankedAsset[]): PropagationAdvisory[] {
  const byTenant = new Map<string, RankedAsset[]>();
  for (const ranked of foreign) byTenant.set(ranked.tenant, [...(byTenant.get(ranked.tenant) ?? []), ranked]);
  const { model, variant, buildBatch } = confirmation.source;
  return [...byTenant.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tenant, assets]) => ({
      tenant,
      failureModeCode: confirmation.failureModeCode,
      model,
      variant,
      buildBatch,
      assets: assets.map((a) => ({ assetId: a.assetId, score: a.score, reasons: a.reasons })),
    }));
}
