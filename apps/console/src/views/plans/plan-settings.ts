import type { PlanSettingsBody } from './plan-types';

/** The plan form as typed; `useStored` sends no settings, so maintenance plans with the tenant's stored ones. */
export interface PlanForm {
  useStored: boolean;
  planId: string;
  startsOn: string;
  weeks: string;
  sites: { siteId: string; slotsPerWeek: string; hoursPerWeek: string; costPerHour: string; spares: string }[];
  /** Ferry every site's assets to every other site: days each way and round-trip cost; blank for no ferries. */
  ferryDays: string;
  ferryCost: string;
  maxAssetsDown: string;
  timeLimitSeconds: string;
}

/** The Monday (UTC) of the week holding `nowMs`, as `YYYY-MM-DD`: plans start on a week boundary. */
export function mondayOf(nowMs: number): string {
  const date = new Date(nowMs);
  const back = (date.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - back)).toISOString().slice(0, 10);
}

export function defaultPlanForm(nowMs: number): PlanForm {
  return {
    useStored: false,
    planId: '',
    startsOn: mondayOf(nowMs),
    weeks: '8',
    sites: [
      { siteId: 'MRO-NORTH', slotsPerWeek: '1', hoursPerWeek: '1000', costPerHour: '120', spares: '1' },
      { siteId: 'MRO-SOUTH', slotsPerWeek: '1', hoursPerWeek: '1000', costPerHour: '95', spares: '1' },
    ],
    ferryDays: '1',
    ferryCost: '15000',
    maxAssetsDown: '',
    timeLimitSeconds: '10',
  };
}

export type BuiltPlan = { ok: true; body: { planId?: string; settings?: PlanSettingsBody } } | { ok: false; errors: string[] };

const SITE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const PLAN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** The `POST /v1/plans` body (the gateway adds the tenant), or what is wrong with the form. */
export function planRequest(form: PlanForm): BuiltPlan {
  const errors: string[] = [];
  const planId = form.planId.trim();
  if (planId && !PLAN_ID.test(planId)) errors.push('Plan id: 1-128 letters, digits, "_" or "-"');
  if (form.useStored) return errors.length ? { ok: false, errors } : { ok: true, body: planId ? { planId } : {} };
  const num = (label: string, text: string, min: number, max: number, integer = false): number => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      errors.push(`${label}: ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
      return min;
    }
    return value;
  };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.startsOn)) errors.push('Starts on: a date YYYY-MM-DD');
  const weeks = num('Weeks', form.weeks, 1, 52, true);
  if (!form.sites.length) errors.push('Sites: at least one');
  const sites = form.sites.map((s, i) => {
    const siteId = s.siteId.trim();
    if (!SITE_ID.test(siteId)) errors.push(`Site ${i + 1}: id of 1-64 letters, digits, "_" or "-"`);
    return {
      siteId,
      slotsPerWeek: num(`${siteId || `Site ${i + 1}`}: slots per week`, s.slotsPerWeek, 0, 1000, true),
      hoursPerWeek: num(`${siteId || `Site ${i + 1}`}: hours per week`, s.hoursPerWeek, 0, 1_000_000),
      costPerHour: num(`${siteId || `Site ${i + 1}`}: cost per hour`, s.costPerHour, 0, 1e9),
    };
  });
  if (new Set(sites.map((s) => s.siteId)).size !== sites.length) errors.push('Sites: ids must be unique');
  const spares = Object.fromEntries(form.sites.map((s, i) => [sites[i]?.siteId ?? s.siteId, s.spares.trim() === '' ? 0 : num(`${s.siteId}: spare engines`, s.spares, 0, 1000, true)]));
  const ferried = form.ferryDays.trim() !== '';
  const ferryDays = ferried ? num('Ferry days', form.ferryDays, 0, 30) : 0;
  const ferryCost = ferried ? num('Ferry cost', form.ferryCost, 0, 1e9) : 0;
  const ferries = ferried ? sites.flatMap((from) => sites.filter((to) => to.siteId !== from.siteId).map((to) => ({ from: from.siteId, to: to.siteId, days: ferryDays, cost: ferryCost }))) : [];
  const maxAssetsDown = form.maxAssetsDown.trim() === '' ? undefined : num('Aircraft grounded at most', form.maxAssetsDown, 0, 100_000, true);
  const timeLimitSeconds = num('Solver time limit', form.timeLimitSeconds, 0.1, 120);
  if (errors.length) return { ok: false, errors };
  const settings: PlanSettingsBody = {
    startsOn: form.startsOn, weeks, sites, ferries,
    ...(sites[0] ? { defaultHomeSiteId: sites[0].siteId } : {}),
    policy: { spares, ...(maxAssetsDown === undefined ? {} : { maxAssetsDown }) },
    solver: { timeLimitSeconds },
  };
  return { ok: true, body: { ...(planId ? { planId } : {}), settings } };
}
