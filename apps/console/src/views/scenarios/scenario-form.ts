import { CLIMATES, ROUTES, type Climate, type OperatingProfile, type Route, type ScenarioChange, type ScenarioRequestBody } from './scenario-types';

/** The scenario form as typed (strings, so a half-typed number is kept), turned into a request on submit. */
export interface ScenarioForm {
  name: string;
  selection: 'ids' | 'filter';
  /** Asset ids, separated by commas, spaces or lines. */
  assetIds: string;
  minFailureProbability: string;
  maxRulMean: string;
  limit: string;
  current: { deratePercent: string; climate: Climate; route: Route; cyclesPerDay: string; hoursPerCycle: string };
  /** The operating profile's change; empty fields stay as today. */
  profile: { deratePercent: string; ambientDeltaC: string; climate: Climate | ''; route: Route | ''; cyclesPerDay: string };
  deferral: { enabled: boolean; workOrderId: string; dueInCycles: string; deferDays: string };
  partSwap: { enabled: boolean; component: string; inCycles: string; restoreFraction: string };
  seed: string;
  draws: string;
  horizonCycles: string;
  months: string;
}

export const EMPTY_SCENARIO_FORM: ScenarioForm = {
  name: '',
  selection: 'ids',
  assetIds: '',
  minFailureProbability: '',
  maxRulMean: '',
  limit: '100',
  current: { deratePercent: '0', climate: 'temperate', route: 'short-haul', cyclesPerDay: '4', hoursPerCycle: '1.5' },
  profile: { deratePercent: '', ambientDeltaC: '', climate: '', route: '', cyclesPerDay: '' },
  deferral: { enabled: false, workOrderId: '', dueInCycles: '', deferDays: '' },
  partSwap: { enabled: false, component: '', inCycles: '0', restoreFraction: '1' },
  seed: '',
  draws: '2000',
  horizonCycles: '100',
  months: '12',
};

export type Built = { ok: true; body: ScenarioRequestBody } | { ok: false; errors: string[] };

class Fields {
  readonly errors: string[] = [];

  /** A number in [min, max] or undefined when blank; an error names the field otherwise. */
  number(label: string, text: string, min: number, max: number, integer = false): number | undefined {
    if (text.trim() === '') return undefined;
    const value = Number(text);
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      this.errors.push(`${label}: ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
      return undefined;
    }
    return value;
  }

  required(label: string, text: string, min: number, max: number, integer = false): number | undefined {
    if (text.trim() === '') {
      this.errors.push(`${label}: required`);
      return undefined;
    }
    return this.number(label, text, min, max, integer);
  }
}

const defined = <T extends object>(value: T): Partial<T> => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;

export function parseAssetIds(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((id) => id.trim()).filter(Boolean))];
}

/** The `POST /v1/scenarios` body (the gateway adds the tenant), or what is wrong with the form. */
export function scenarioRequest(form: ScenarioForm): Built {
  const f = new Fields();
  const assets = assetSelection(form, f);
  const current: Partial<OperatingProfile> = defined({
    deratePercent: f.number('Derate today', form.current.deratePercent, 0, 40),
    climate: CLIMATES.includes(form.current.climate) ? form.current.climate : undefined,
    route: ROUTES.includes(form.current.route) ? form.current.route : undefined,
    cyclesPerDay: f.number('Cycles per day today', form.current.cyclesPerDay, 0.1, 20),
    hoursPerCycle: f.number('Hours per cycle today', form.current.hoursPerCycle, 0.1, 24),
  });
  const profile: Partial<OperatingProfile> = defined({
    deratePercent: f.number('Derate', form.profile.deratePercent, 0, 40),
    ambientDeltaC: f.number('Ambient temperature change', form.profile.ambientDeltaC, -40, 40),
    climate: form.profile.climate || undefined,
    route: form.profile.route || undefined,
    cyclesPerDay: f.number('Duty (cycles per day)', form.profile.cyclesPerDay, 0.1, 20),
  });
  const change: ScenarioChange = {};
  if (Object.keys(profile).length) change.profile = profile;
  if (form.deferral.enabled) {
    const dueInCycles = f.required('Deferral: due in (cycles)', form.deferral.dueInCycles, 0, 100000);
    const deferDays = f.required('Deferral: defer by (days)', form.deferral.deferDays, 0, 3650);
    if (dueInCycles !== undefined && deferDays !== undefined) change.deferral = { ...(form.deferral.workOrderId.trim() ? { workOrderId: form.deferral.workOrderId.trim() } : {}), dueInCycles, deferDays };
  }
  if (form.partSwap.enabled) {
    const component = form.partSwap.component.trim();
    if (!component) f.errors.push('Part swap: component required');
    const inCycles = f.required('Part swap: in (cycles)', form.partSwap.inCycles, 0, 100000);
    const restoreFraction = f.required('Part swap: restored share', form.partSwap.restoreFraction, 0, 1);
    if (component && inCycles !== undefined && restoreFraction !== undefined) change.partSwap = { component, inCycles, restoreFraction };
  }
  if (!change.profile && !change.deferral && !change.partSwap && !form.deferral.enabled && !form.partSwap.enabled) f.errors.push('A scenario changes something: the operating profile, a deferral or a part swap');
  const options = defined({
    seed: f.number('Seed', form.seed, 0, 2 ** 32 - 1, true),
    draws: f.number('Draws', form.draws, 100, 20000, true),
    horizonCycles: f.number('Horizon (cycles)', form.horizonCycles, 1, 100000, true),
    months: f.number('Months', form.months, 1, 60, true),
  });
  if (f.errors.length || !assets) return { ok: false, errors: f.errors };
  return { ok: true, body: { ...(form.name.trim() ? { name: form.name.trim() } : {}), assets, current, change, ...options } };
}

function assetSelection(form: ScenarioForm, f: Fields): ScenarioRequestBody['assets'] | undefined {
  if (form.selection === 'ids') {
    const ids = parseAssetIds(form.assetIds);
    if (!ids.length) f.errors.push('Assets: give at least one asset id');
    if (ids.length > 500) f.errors.push('Assets: at most 500');
    return ids.length && ids.length <= 500 ? { ids } : undefined;
  }
  const before = f.errors.length;
  const filter = defined({
    minFailureProbability: f.number('Fleet subset: minimum P(failure)', form.minFailureProbability, 0, 1),
    maxRulMean: f.number('Fleet subset: maximum mean RUL', form.maxRulMean, 0, 1e9),
    limit: f.number('Fleet subset: at most (assets)', form.limit, 1, 500, true),
  });
  return f.errors.length > before ? undefined : { filter };
}
