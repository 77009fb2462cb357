import type { AssetKind } from '@fleettwin/contracts';

export type { AssetKind };

/** `null` in a kind's list means the kind may be a root of the hierarchy. */
export type ParentKind = AssetKind | null;

/**
 * Which kind may sit directly under which. The hierarchy is component → module → engine/machine
 * → aircraft/line → fleet/site; a spare engine waits in its fleet's pool, a machine may stand on
 * its own at a site, and a sub-fleet may sit under a fleet. Everything below an engine or a
 * machine needs a parent because it only has a meaning as part of one.
 */
export const ALLOWED_PARENTS: Readonly<Record<AssetKind, ReadonlyArray<ParentKind>>> = {
  fleet: [null, 'fleet'],
  site: [null, 'fleet'],
  aircraft: [null, 'fleet'],
  line: ['site'],
  engine: ['aircraft', 'fleet'],
  machine: ['line', 'site'],
  module: ['engine', 'machine'],
  component: ['module', 'engine', 'machine'],
};

export function mayHaveParent(kind: AssetKind, parentKind: ParentKind): boolean {
  return ALLOWED_PARENTS[kind].includes(parentKind);
}

export function describeAllowedParents(kind: AssetKind): string {
  return ALLOWED_PARENTS[kind].map((p) => p ?? '(none: a root)').join(', ');
}
