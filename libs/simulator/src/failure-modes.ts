import type { EngineRecord } from './engine.model';
import type { HealthState } from './degradation';

export const FAILURE_MODE_CODES = ['HPC-DEG', 'FAN-EROSION', 'BEARING-WEAR'] as const;
export type FailureModeCode = (typeof FAILURE_MODE_CODES)[number];

export interface FailureModeSpec {
  code: FailureModeCode;
  description: string;
  /** Which health component the mode drives to failure. */
  component: keyof HealthState;
}

export const FAILURE_MODES: Readonly<Record<FailureModeCode, FailureModeSpec>> = {
  'HPC-DEG': { code: 'HPC-DEG', component: 'hpcEfficiencyLoss', description: 'HPC efficiency loss (fouling/erosion): EGT, T30, T50 and fuel flow rise until the EGT margin is gone' },
  'FAN-EROSION': { code: 'FAN-EROSION', component: 'fanEfficiencyLoss', description: 'fan blade leading-edge erosion: Nf/n1 and EGT rise, bypass ratio falls, vibration rises a little' },
  'BEARING-WEAR': { code: 'BEARING-WEAR', component: 'bearingWear', description: 'main-shaft bearing spalling: vibration and oil temperature rise sharply, oil pressure falls' },
};

/** Which engines an injection hits; every given field must match (an empty selector hits all). */
export interface EngineSelector {
  batch?: string;
  env?: string;
  route?: string;
  model?: string;
  variant?: string;
  tenant?: string;
  assets?: string[];
}

export interface FailureInjection {
  code: FailureModeCode;
  selector: EngineSelector;
  /** Cycles after simulation start when the fault begins: fixed, or drawn per engine from [min, max]. */
  onsetAfter: { min: number; max: number };
  /** Cycles from onset to failure, drawn per engine from [min, max]. */
  lifeCycles: { min: number; max: number };
}

export const DEFAULT_ONSET_AFTER = { min: 5, max: 30 };
export const DEFAULT_LIFE_CYCLES = { min: 120, max: 250 };

export function isFailureModeCode(value: string): value is FailureModeCode {
  return (FAILURE_MODE_CODES as readonly string[]).includes(value);
}

export function matchesSelector(engine: EngineRecord, selector: EngineSelector): boolean {
  if (selector.batch !== undefined && engine.buildBatch !== selector.batch) return false;
  if (selector.env !== undefined && engine.environment.climate !== selector.env) return false;
  if (selector.route !== undefined && engine.environment.route !== selector.route) return false;
  if (selector.model !== undefined && engine.model !== selector.model) return false;
  if (selector.variant !== undefined && engine.variant !== selector.variant) return false;
  if (selector.tenant !== undefined && engine.tenant !== selector.tenant) return false;
  if (selector.assets !== undefined && !selector.assets.includes(engine.assetId)) return false;
  return true;
}

/**
 * Parses `HPC-DEG:batch=B03,env=hot-humid,onset=10,life=150` (onset and life take `n` or `min-max`
 * cycles; assets take `ESN-100001|ESN-100002`).
 */
export function parseInjection(text: string): FailureInjection {
  const [code, rest = ''] = splitOnce(text.trim(), ':');
  if (!isFailureModeCode(code)) throw new Error(`unknown failure mode "${code}"; known: ${FAILURE_MODE_CODES.join(', ')}`);
  const injection: FailureInjection = { code, selector: {}, onsetAfter: DEFAULT_ONSET_AFTER, lifeCycles: DEFAULT_LIFE_CYCLES };
  for (const pair of rest.split(',').filter((p) => p.length > 0)) {
    const [key, value] = splitOnce(pair, '=');
    if (value === '') throw new Error(`injection "${text}": "${key}" needs a value`);
    applyInjectionField(injection, key, value, text);
  }
  return injection;
}

function applyInjectionField(injection: FailureInjection, key: string, value: string, text: string): void {
  switch (key) {
    case 'batch': case 'env': case 'route': case 'model': case 'variant': case 'tenant':
      injection.selector[key] = value;
      return;
    case 'assets':
      injection.selector.assets = value.split('|');
      return;
    case 'onset':
      injection.onsetAfter = parseRange(value, text);
      return;
    case 'life':
      injection.lifeCycles = parseRange(value, text);
      if (injection.lifeCycles.min < 1) throw new Error(`injection "${text}": life must be at least 1 cycle`);
      return;
    default:
      throw new Error(`injection "${text}": unknown key "${key}" (batch, env, route, model, variant, tenant, assets, onset, life)`);
  }
}

function parseRange(value: string, text: string): { min: number; max: number } {
  const [a, b] = splitOnce(value, '-');
  const min = Number(a);
  const max = b === '' ? min : Number(b);
  if (!Number.isFinite(min) || !Number.isFinite(max) || min < 0 || max < min) throw new Error(`injection "${text}": bad cycle range "${value}"`);
  return { min, max };
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}
