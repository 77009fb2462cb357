import { validateFailureMode, type FailureMode, type FailureModeIssue } from './failure-mode';

/** Modes by code, in the order they were added. Catalog edits are plain validated functions: the catalog is reference data, edited rarely and by hand. */
export type FailureModeCatalog = readonly FailureMode[];

export type CatalogErrorCode = 'ALREADY_EXISTS' | 'NOT_FOUND' | 'INVALID' | 'RETIRED';

export type CatalogResult = { ok: true; catalog: FailureModeCatalog } | { ok: false; error: { code: CatalogErrorCode; message: string; issues?: FailureModeIssue[] } };

const fail = (code: CatalogErrorCode, message: string, issues?: FailureModeIssue[]): CatalogResult => ({ ok: false, error: { code, message, ...(issues ? { issues } : {}) } });

export function findFailureMode(catalog: FailureModeCatalog, code: string): FailureMode | undefined {
  return catalog.find((m) => m.code === code);
}

export function activeFailureModes(catalog: FailureModeCatalog): FailureModeCatalog {
  return catalog.filter((m) => !m.retired);
}

export function addFailureMode(catalog: FailureModeCatalog, mode: FailureMode): CatalogResult {
  if (findFailureMode(catalog, mode.code)) return fail('ALREADY_EXISTS', `failure mode ${mode.code} is already in the catalog`);
  const issues = validateFailureMode(mode);
  if (issues.length) return fail('INVALID', `failure mode ${mode.code} is invalid`, issues);
  return { ok: true, catalog: [...catalog, { ...mode, retired: false }] };
}

/** The code is the mode's identity (work orders refer to it), so it cannot be changed. */
export function updateFailureMode(catalog: FailureModeCatalog, code: string, changes: Partial<Omit<FailureMode, 'code' | 'retired'>>): CatalogResult {
  const current = findFailureMode(catalog, code);
  if (!current) return fail('NOT_FOUND', `no failure mode ${code}`);
  if (current.retired) return fail('RETIRED', `failure mode ${code} is retired`);
  const updated: FailureMode = { ...current, ...changes, code, retired: false };
  const issues = validateFailureMode(updated);
  if (issues.length) return fail('INVALID', `update of failure mode ${code} is invalid`, issues);
  return { ok: true, catalog: catalog.map((m) => (m.code === code ? updated : m)) };
}

export function retireFailureMode(catalog: FailureModeCatalog, code: string): CatalogResult {
  const current = findFailureMode(catalog, code);
  if (!current) return fail('NOT_FOUND', `no failure mode ${code}`);
  if (current.retired) return fail('RETIRED', `failure mode ${code} is already retired`);
  return { ok: true, catalog: catalog.map((m) => (m.code === code ? { ...m, retired: true } : m)) };
}

/** Builds a catalog from a list, refusing the first duplicate or invalid mode. */
export function catalogOf(modes: readonly FailureMode[]): CatalogResult {
  return modes.reduce<CatalogResult>((result, mode) => (result.ok ? addFailureMode(result.catalog, mode) : result), { ok: true, catalog: [] });
}
