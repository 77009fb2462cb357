import { z } from 'zod';
import { AssetId, TenantId } from './identifiers';
import { WORK_ORDER_KINDS } from './maintenance';

/** Maintenance sites (shops) are short tokens: `LHR`, `shop-east`. */
export const SiteId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'siteId must be 1-64 letters, digits, "_" or "-"');
export type SiteId = z.infer<typeof SiteId>;

export const PlanId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, 'plan ids are 1-128 letters, digits, "_" or "-"');

const Money = z.number().finite().min(0);
/** A figure for every week, or one figure that holds for all of them. */
const PerWeek = (item: z.ZodNumber) => z.union([item, z.array(item).min(1).max(52)]);

export const PlanSiteSettings = z
  .object({
    siteId: SiteId,
    name: z.string().trim().min(1).max(200).optional(),
    /** Engines the shop can induct per week. */
    slotsPerWeek: PerWeek(z.number().int().min(0).max(1000)),
    /** Shop labour hours per week. */
    hoursPerWeek: PerWeek(z.number().min(0).max(1_000_000)),
    costPerHour: Money,
  })
  .strict();
export type PlanSiteSettings = z.infer<typeof PlanSiteSettings>;

/** An asset based at `from` can be ferried to the shop at `to`: days each way and the cost of the round trip. */
export const PlanFerry = z.object({ from: SiteId, to: SiteId, days: z.number().min(0).max(30), cost: Money }).strict();
export type PlanFerry = z.infer<typeof PlanFerry>;

const KindFigures = z.object(Object.fromEntries(WORK_ORDER_KINDS.map((k) => [k, z.number().min(0).max(10_000).optional()])) as Record<(typeof WORK_ORDER_KINDS)[number], z.ZodOptional<z.ZodNumber>>).strict();

export const PlanPolicy = z
  .object({
    /** Spare engines per site: an asset in the shop takes one so its aircraft keeps flying. */
    spares: z.record(SiteId, z.number().int().min(0).max(1000)).default({}),
    /** Availability target: at most this many aircraft grounded (in the shop without a spare) in any week. */
    maxAssetsDown: z.number().int().min(0).max(100_000).optional(),
    /** Or as a share: availability ≥ target over a fleet of `fleetSize` aircraft. */
    availability: z.object({ target: z.number().min(0).max(1), fleetSize: z.number().int().min(1).max(1_000_000) }).strict().optional(),
    /** What a week of a grounded aircraft costs (lease, lost revenue). */
    groundedCostPerWeek: Money.default(150_000),
  })
  .strict();
export type PlanPolicy = z.infer<typeof PlanPolicy>;

export const PlanCosts = z
  .object({
    /** Cost of one unplanned removal (engine failure in service), the figure expected removals are priced at. */
    unplannedRemoval: Money.default(2_000_000),
    /** Extra cost of leaving an order unplanned though its latest safe date falls inside the horizon. */
    missedWindow: Money.default(1_000_000),
    /** Value of one week of remaining life thrown away by removing an engine before its latest safe date. */
    lifeValuePerWeek: Money.default(20_000),
    /** Cost of moving one assignment of the accepted plan when re-planning. */
    changePenalty: Money.default(50_000),
  })
  .strict();
export type PlanCosts = z.infer<typeof PlanCosts>;

export const PlanSolverSettings = z
  .object({
    timeLimitSeconds: z.number().min(0.1).max(120).default(30),
    /** Stop when the best plan is proven within this relative gap of the optimum. */
    mipRelGap: z.number().min(0).max(0.5).default(0.005),
  })
  .strict();
export type PlanSolverSettings = z.infer<typeof PlanSolverSettings>;

/** Capacity and constraints a plan is computed with: given per request, or the tenant's stored configuration. */
export const PlanSettings = z
  .object({
    /** First day of week 0 (UTC). */
    startsOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
    weeks: z.number().int().min(1).max(52).default(12),
    sites: z.array(PlanSiteSettings).min(1).max(50),
    ferries: z.array(PlanFerry).max(2500).default([]),
    /** Where each asset is based; assets not listed are based at `defaultHomeSiteId` (else the first site). */
    homeBases: z.record(AssetId, SiteId).default({}),
    defaultHomeSiteId: SiteId.optional(),
    policy: PlanPolicy.default({}),
    costs: PlanCosts.default({}),
    /** Shop hours and turn time (days in the shop) by kind of work. */
    hoursByKind: KindFigures.default({}),
    turnDaysByKind: KindFigures.default({}),
    /** Cycles kept in hand before the RUL lower bound when a predicted order's due date is set (the policy's margin). */
    safetyMarginCycles: z.number().min(0).max(10_000).default(10),
    /** Utilisation, to turn RUL cycles into calendar time; the service's CYCLES_PER_DAY when absent. */
    cyclesPerDay: z.number().positive().max(100).optional(),
    solver: PlanSolverSettings.default({}),
  })
  .strict()
  .superRefine((s, ctx) => {
    const ids = new Set(s.sites.map((site) => site.siteId));
    if (ids.size !== s.sites.length) ctx.addIssue({ code: 'custom', path: ['sites'], message: 'site ids must be unique' });
    const known = (id: string, path: (string | number)[]) => {
      if (!ids.has(id)) ctx.addIssue({ code: 'custom', path, message: `unknown site ${id}` });
    };
    s.ferries.forEach((f, i) => {
      known(f.from, ['ferries', i, 'from']);
      known(f.to, ['ferries', i, 'to']);
    });
    Object.entries(s.homeBases).forEach(([asset, site]) => known(site, ['homeBases', asset]));
    Object.keys(s.policy.spares).forEach((site) => known(site, ['policy', 'spares', site]));
    if (s.defaultHomeSiteId) known(s.defaultHomeSiteId, ['defaultHomeSiteId']);
    s.sites.forEach((site, i) => {
      for (const field of ['slotsPerWeek', 'hoursPerWeek'] as const) {
        const value = site[field];
        if (Array.isArray(value) && value.length !== s.weeks) ctx.addIssue({ code: 'custom', path: ['sites', i, field], message: `one figure per week (${s.weeks})` });
      }
    });
  });
export type PlanSettings = z.infer<typeof PlanSettings>;
export type PlanSettingsInput = z.input<typeof PlanSettings>;

/**
 * Work the predictions foresee but no order holds yet (e.g. an asset whose RUL will cross the
 * policy's threshold inside the horizon): planned like an open order, its due date from the RUL
 * lower bound less the safety margin, as the policy would set it.
 */
export const PredictedOrder = z
  .object({
    assetId: AssetId,
    kind: z.enum(WORK_ORDER_KINDS).default('inspection'),
    rul: z.object({ mean: z.number(), lower: z.number(), upper: z.number(), coverage: z.number().min(0).max(1) }).strict(),
    predictedAt: z.string().datetime({ offset: true }),
  })
  .strict()
  .refine((o) => o.rul.lower <= o.rul.mean && o.rul.mean <= o.rul.upper, { message: 'rul must satisfy lower ≤ mean ≤ upper', path: ['rul'] });
export type PredictedOrder = z.infer<typeof PredictedOrder>;
const PredictedOrders = z.array(PredictedOrder).max(5000).default([]);

/** `POST /v1/plans` (maintenance): the tenant's open (and given predicted) work orders planned with these settings, or its stored ones. */
export const CreatePlanRequest = z
  .object({
    tenant: TenantId,
    planId: PlanId.optional(),
    settings: PlanSettings.optional(),
    predictedOrders: PredictedOrders,
  })
  .strict();
export type CreatePlanRequest = z.infer<typeof CreatePlanRequest>;

/** `POST /v1/plans/:id/replan`: the current open work orders again, changing as little as possible of the accepted plan. */
export const ReplanRequest = z.object({ tenant: TenantId, settings: PlanSettings.optional(), predictedOrders: PredictedOrders }).strict();
export type ReplanRequest = z.infer<typeof ReplanRequest>;

/** `POST /v1/plans/:id/accept`: accepts the revision the caller looked at (a newer one answers 409). */
export const AcceptPlanRequest = z.object({ tenant: TenantId, revision: z.number().int().min(1) }).strict();
export type AcceptPlanRequest = z.infer<typeof AcceptPlanRequest>;

/** `PUT /v1/plan-settings` stores a tenant's settings for plans requested without any. */
export const StorePlanSettingsRequest = z.object({ tenant: TenantId, settings: PlanSettings }).strict();

/** Gateway bodies: the tenant comes from the token, never from the body. */
export const GatewayCreatePlanBody = z.object({ planId: PlanId.optional(), settings: PlanSettings.optional(), predictedOrders: PredictedOrders }).strict();
export const GatewayReplanBody = z.object({ settings: PlanSettings.optional(), predictedOrders: PredictedOrders }).strict();
export const GatewayAcceptPlanBody = z.object({ revision: z.number().int().min(1) }).strict();
