import type { SimilarityReason } from '@fleettwin/contracts';
import { cosineSimilarity, type SignatureVector } from './signature-vector';

/** What the registry knows about an asset that bears on shared risk, plus its latest signature if any. */
export interface AssetFacts {
  tenant: string;
  assetId: string;
  model: string;
  variant: string;
  buildBatch: string;
  /** Signed deviations from the nominal build, by name. */
  tolerances: Readonly<Record<string, number>>;
  climate: string;
  route: string;
  /** Calendar date, YYYY-MM-DD. */
  inServiceDate: string;
  usage: { cycles?: number; hours?: number };
  signature?: SignatureVector | null;
}

export interface SimilarityWeights {
  modelVariant: number;
  buildBatch: number;
  tolerances: number;
  climate: number;
  route: number;
  usageAge: number;
  signature: number;
}

/**
 * Build batch and signature carry most weight: a batch shares material and process escapes, and
 * a matching signature is direct evidence. Environment follows (hot-humid corrodes, hot-dry
 * erodes); model, tolerances and usage separate less because whole fleets share them.
 */
export const DEFAULT_SIMILARITY_WEIGHTS: SimilarityWeights = {
  modelVariant: 0.1,
  buildBatch: 0.25,
  tolerances: 0.05,
  climate: 0.15,
  route: 0.05,
  usageAge: 0.1,
  signature: 0.3,
};

export type SimilarityComponent = keyof SimilarityWeights;

/** Each component in [0, 1]; null when either side lacks the data, and then its weight is left out. */
export type SimilarityComponents = Record<SimilarityComponent, number | null>;

export interface RankedAsset {
  tenant: string;
  assetId: string;
  /** Weighted mean of the available components, in [0, 1]. */
  score: number;
  components: SimilarityComponents;
  reasons: SimilarityReason[];
  /** For people in the source's own tenant: names the source asset. */
  reason: string;
}

const AGE_SCALE_DAYS = 730;
const DAY_MS = 86_400_000;

/** Ranks candidates by likeness to the source, most alike first; the source itself is skipped. */
export function rankSimilarAssets(source: AssetFacts, candidates: readonly AssetFacts[], weights: SimilarityWeights = DEFAULT_SIMILARITY_WEIGHTS): RankedAsset[] {
  const scales = toleranceScales([source, ...candidates]);
  return candidates
    .filter((c) => !(c.assetId === source.assetId && c.tenant === source.tenant))
    .map((candidate) => rankOne(source, candidate, weights, scales))
    .sort((a, b) => b.score - a.score || a.assetId.localeCompare(b.assetId));
}

function rankOne(source: AssetFacts, candidate: AssetFacts, weights: SimilarityWeights, scales: ReadonlyMap<string, number>): RankedAsset {
  const components = similarityComponents(source, candidate, scales);
  const score = weightedScore(components, weights);
  const reasons = reasonsFor(components);
  return { tenant: candidate.tenant, assetId: candidate.assetId, score, components, reasons, reason: describeReasons(reasons, source, candidate, components) };
}

export function similarityComponents(source: AssetFacts, candidate: AssetFacts, scales: ReadonlyMap<string, number>): SimilarityComponents {
  return {
    modelVariant: source.model !== candidate.model ? 0 : source.variant === candidate.variant ? 1 : 0.5,
    buildBatch: source.buildBatch === candidate.buildBatch ? 1 : 0,
    tolerances: toleranceCloseness(source.tolerances, candidate.tolerances, scales),
    climate: source.climate === candidate.climate ? 1 : 0,
    route: source.route === candidate.route ? 1 : 0,
    usageAge: usageAgeCloseness(source, candidate),
    signature: source.signature && candidate.signature ? Math.max(0, cosineSimilarity(source.signature, candidate.signature)) : null,
  };
}

function weightedScore(components: SimilarityComponents, weights: SimilarityWeights): number {
  let sum = 0;
  let total = 0;
  for (const key of Object.keys(weights) as SimilarityComponent[]) {
    const value = components[key];
    if (value === null || weights[key] <= 0) continue;
    sum += weights[key] * value;
    total += weights[key];
  }
  return total === 0 ? 0 : round(Math.min(1, Math.max(0, sum / total)));
}

/** Spread of each tolerance over the population, so µm and efficiency fractions weigh alike. */
function toleranceScales(assets: readonly AssetFacts[]): Map<string, number> {
  const values = new Map<string, number[]>();
  for (const asset of assets) for (const [name, value] of Object.entries(asset.tolerances)) values.set(name, [...(values.get(name) ?? []), value]);
  const scales = new Map<string, number>();
  for (const [name, list] of values) {
    const mean = list.reduce((a, b) => a + b, 0) / list.length;
    const std = Math.sqrt(list.reduce((a, b) => a + (b - mean) ** 2, 0) / list.length);
    if (std > 0) scales.set(name, std);
  }
  return scales;
}

/** exp(−d²/4) of the RMS z-distance: two random draws (d² ≈ 2) land near 0.6, identical builds at 1. */
function toleranceCloseness(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>, scales: ReadonlyMap<string, number>): number | null {
  const shared = Object.keys(a).filter((name) => b[name] !== undefined && scales.has(name));
  if (shared.length === 0) return null;
  const meanSquare = shared.reduce((sum, name) => sum + (((a[name] as number) - (b[name] as number)) / (scales.get(name) as number)) ** 2, 0) / shared.length;
  return Math.exp(-meanSquare / 4);
}

function usageAgeCloseness(a: AssetFacts, b: AssetFacts): number | null {
  const parts: number[] = [];
  const ageDays = Math.abs(Date.parse(`${a.inServiceDate}T00:00:00Z`) - Date.parse(`${b.inServiceDate}T00:00:00Z`)) / DAY_MS;
  if (Number.isFinite(ageDays)) parts.push(Math.exp(-ageDays / AGE_SCALE_DAYS));
  for (const key of ['cycles', 'hours'] as const) {
    const x = a.usage[key];
    const y = b.usage[key];
    if (x === undefined || y === undefined) continue;
    parts.push(Math.max(x, y) === 0 ? 1 : 1 - Math.abs(x - y) / Math.max(x, y));
  }
  return parts.length === 0 ? null : parts.reduce((s, p) => s + p, 0) / parts.length;
}

/** How close a graded component must be to count as a reason. */
const REASON_LEVEL = 0.7;

export function reasonsFor(components: SimilarityComponents): SimilarityReason[] {
  const reasons: SimilarityReason[] = [];
  if (components.modelVariant === 1) reasons.push('same-model-variant');
  else if (components.modelVariant === 0.5) reasons.push('same-model');
  if (components.buildBatch === 1) reasons.push('same-build-batch');
  if ((components.tolerances ?? 0) >= REASON_LEVEL) reasons.push('close-tolerances');
  if (components.climate === 1) reasons.push('same-climate');
  if (components.route === 1) reasons.push('same-route');
  if ((components.usageAge ?? 0) >= REASON_LEVEL) reasons.push('similar-usage');
  if ((components.signature ?? 0) >= REASON_LEVEL) reasons.push('signature-match');
  return reasons;
}

/** "same build batch as ESN-3247, hot-humid operations, signature similarity 0.91". */
function describeReasons(reasons: readonly SimilarityReason[], source: AssetFacts, candidate: AssetFacts, components: SimilarityComponents): string {
  const phrases = reasons.map((reason): string => {
    switch (reason) {
      case 'same-model-variant': return `same ${candidate.model} ${candidate.variant}`;
      case 'same-model': return `same model ${candidate.model}`;
      case 'same-build-batch': return `same build batch as ${source.assetId} (${candidate.buildBatch})`;
      case 'close-tolerances': return 'close build tolerances';
      case 'same-climate': return `${candidate.climate} operations`;
      case 'same-route': return `${candidate.route} routes`;
      case 'similar-usage': return 'similar age and usage';
      case 'signature-match': return `signature similarity ${(components.signature ?? 0).toFixed(2)}`;
    }
  });
  return phrases.length ? phrases.join(', ') : 'no shared risk factor';
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
