import type { Cycle } from './cycle';

/** How much history scoring needs: the asset's first cycles (its own healthy baseline) and its latest ones. */
export interface WindowSpec {
  readonly baselineCycles: number;
  readonly recentCycles: number;
}

/**
 * Everything the models need to score one asset, bounded in size and plain JSON so a service can
 * keep it per asset, snapshot it, and rebuild it by folding cycles in order.
 */
export interface AssetWindow {
  readonly assetId: string;
  readonly spec: WindowSpec;
  readonly cyclesSeen: number;
  readonly baseline: readonly Cycle[];
  readonly recent: readonly Cycle[];
}

export function createAssetWindow(assetId: string, spec: WindowSpec): AssetWindow {
  return { assetId, spec: { baselineCycles: spec.baselineCycles, recentCycles: spec.recentCycles }, cyclesSeen: 0, baseline: [], recent: [] };
}

/** Returns a new window with the cycle folded in; the input window is left untouched. */
export function appendCycle(window: AssetWindow, cycle: Cycle): AssetWindow {
  const baseline = window.baseline.length < window.spec.baselineCycles ? [...window.baseline, cycle] : window.baseline;
  const recent = [...window.recent, cycle].slice(-window.spec.recentCycles);
  return { ...window, cyclesSeen: window.cyclesSeen + 1, baseline, recent };
}

export function windowFromCycles(assetId: string, spec: WindowSpec, cycles: readonly Cycle[]): AssetWindow {
  return cycles.reduce(appendCycle, createAssetWindow(assetId, spec));
}
