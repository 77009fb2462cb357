/** One rendered Kubernetes object; only the fields every kind has are typed, the rest is read by path. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

export interface Finding {
  where: string;
  message: string;
}

/** Reads a nested field without trusting the shape: manifests are input, not typed code. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function describe(overlay: string, m: Manifest): string {
  return `${overlay}: ${m.kind}/${m.metadata.name}`;
}
