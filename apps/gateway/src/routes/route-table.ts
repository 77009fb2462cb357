import type { GatewayRole } from '@fleettwin/contracts';

export type HttpMethod = 'GET' | 'POST';
/** The kind of record a route's `:id` names; its owner is checked against the caller's tenant. */
export type OwnedResource = 'twin' | 'asset' | 'work-order' | 'scenario' | 'plan' | 'part' | 'contract';

export interface RouteSpec {
  method: HttpMethod;
  /** Express-style path; `:name` segments are path parameters. */
  path: string;
  roles: readonly GatewayRole[];
  summary: string;
  tag: string;
  resource?: OwnedResource;
  query?: readonly string[];
  /** Allowed values of path parameters other than `id`. */
  pathValues?: Readonly<Record<string, readonly string[]>>;
  body?: boolean;
}

const EVERYONE = ['viewer', 'engineer', 'planner', 'admin', 'integration'] as const;
const ENGINEERS = ['engineer', 'planner', 'admin'] as const;
const PLANNERS = ['planner', 'admin', 'integration'] as const;
/** Contracts: planners and admins sign and amend; everyone reads. */
const CONTRACT_WRITERS = ['planner', 'admin'] as const;
/** Plans: planners and admins decide; viewers and engineers read. */
const PLAN_ACTORS = ['planner', 'admin'] as const;
const PLAN_READERS = ['viewer', 'engineer', 'planner', 'admin'] as const;

export const WORK_ORDER_ACTIONS = ['acknowledge', 'schedule', 'start', 'complete', 'defer', 'cancel'] as const;
export type WorkOrderAction = (typeof WORK_ORDER_ACTIONS)[number];

/**
 * Every route of the gateway and the roles allowed on it: the one place authorisation is declared.
 * The access guard, the OpenAPI document and the role × route test matrix are all read from here.
 */
export const ROUTES = {
  fleetOverview: { method: 'GET', path: '/v1/fleet', roles: EVERYONE, tag: 'fleet', summary: 'The tenant’s assets, most at risk first, with the registry’s asset list', query: ['limit'] },
  twin: { method: 'GET', path: '/v1/twins/:id', roles: EVERYONE, tag: 'twins', resource: 'twin', summary: 'A twin now, or as it was `at` a moment', query: ['at'] },
  twinEvents: { method: 'GET', path: '/v1/twins/:id/events', roles: EVERYONE, tag: 'twins', resource: 'twin', summary: 'The twin’s hash-chained event log, a page at a time (`next` is the cursor)', query: ['after', 'limit'] },
  twinHistory: { method: 'GET', path: '/v1/twins/:id/history', roles: EVERYONE, tag: 'twins', resource: 'twin', summary: 'Bucketed history of one sensor', query: ['sensor', 'from', 'to', 'step'] },
  twinCommand: { method: 'POST', path: '/v1/twins/:id/commands', roles: ENGINEERS, tag: 'twins', resource: 'twin', summary: 'Sends a command to the asset (202 while pending)', body: true },
  assets: { method: 'GET', path: '/v1/assets', roles: EVERYONE, tag: 'assets', summary: 'The tenant’s registered assets', query: ['kind'] },
  asset: { method: 'GET', path: '/v1/assets/:id', roles: EVERYONE, tag: 'assets', resource: 'asset', summary: 'One registered asset' },
  assetChildren: { method: 'GET', path: '/v1/assets/:id/children', roles: EVERYONE, tag: 'assets', resource: 'asset', summary: 'The assets directly below one' },
  assetHealth: { method: 'GET', path: '/v1/assets/:id/health', roles: EVERYONE, tag: 'assets', resource: 'asset', summary: 'Health roll-up of everything below an asset' },
  assetPrediction: { method: 'GET', path: '/v1/assets/:id/prediction', roles: EVERYONE, tag: 'predictions', resource: 'twin', summary: 'The latest prediction (RUL, failure probability) with its history', query: ['history'] },
  workOrders: { method: 'GET', path: '/v1/work-orders', roles: EVERYONE, tag: 'work-orders', summary: 'The tenant’s work orders, newest change first (`next` is the cursor)', query: ['status', 'assetId', 'updatedSince', 'limit', 'cursor'] },
  workOrder: { method: 'GET', path: '/v1/work-orders/:id', roles: EVERYONE, tag: 'work-orders', resource: 'work-order', summary: 'One work order' },
  workOrderTransition: { method: 'POST', path: '/v1/work-orders/:id/:action', roles: PLANNERS, tag: 'work-orders', resource: 'work-order', summary: 'Moves a work order through its lifecycle', pathValues: { action: WORK_ORDER_ACTIONS }, body: true },
  part: { method: 'GET', path: '/v1/parts/:id', roles: EVERYONE, tag: 'parts', resource: 'part', summary: 'A part owned by the tenant: status, location, life consumed (the id is URL-encoded: `PN%2FSN`)' },
  partCustody: { method: 'GET', path: '/v1/parts/:id/custody', roles: EVERYONE, tag: 'parts', resource: 'part', summary: 'The part’s custody records and whether its signed dossier verifies' },
  plans: { method: 'GET', path: '/v1/plans', roles: PLAN_READERS, tag: 'plans', summary: 'The tenant’s plans, newest change first: status, revisions, optimised vs greedy figures', query: ['limit'] },
  planCreate: { method: 'POST', path: '/v1/plans', roles: PLAN_ACTORS, tag: 'plans', summary: 'Plans the tenant’s open work orders over shop capacity, spares and ferries (HiGHS MILP beside a greedy baseline); settings in the body or stored', body: true },
  plan: { method: 'GET', path: '/v1/plans/:id', roles: PLAN_READERS, tag: 'plans', resource: 'plan', summary: 'A plan as a calendar per site and week, with optimised vs greedy figures' },
  planAccept: { method: 'POST', path: '/v1/plans/:id/accept', roles: PLAN_ACTORS, tag: 'plans', resource: 'plan', summary: 'Accepts the revision looked at (`{"revision": n}`; a newer one answers 409)', body: true },
  planReplan: { method: 'POST', path: '/v1/plans/:id/replan', roles: PLAN_ACTORS, tag: 'plans', resource: 'plan', summary: 'Re-plans the current open work orders, moving as few accepted assignments as it can', body: true },
  contracts: { method: 'GET', path: '/v1/contracts', roles: EVERYONE, tag: 'contracts', summary: 'The tenant’s service contracts (power by the hour, availability guarantee, completion payment)' },
  contractCreate: { method: 'POST', path: '/v1/contracts', roles: CONTRACT_WRITERS, tag: 'contracts', summary: 'Creates a contract for one asset: currency, terms (minor units), effective date (201)', body: true },
  contract: { method: 'GET', path: '/v1/contracts/:id', roles: EVERYONE, tag: 'contracts', resource: 'contract', summary: 'A contract with every terms version and its metered, not yet billed usage' },
  contractLedger: { method: 'GET', path: '/v1/contracts/:id/ledger', roles: EVERYONE, tag: 'contracts', resource: 'contract', summary: 'The contract’s ledger entries in sequence order with their total (`next` continues)', query: ['period', 'after', 'limit'] },
  contractAmend: { method: 'POST', path: '/v1/contracts/:id/amendments', roles: CONTRACT_WRITERS, tag: 'contracts', resource: 'contract', summary: 'New terms from a date on (a new version; never inside a closed period) (201)', body: true },
  contractClosePeriod: { method: 'POST', path: '/v1/contracts/:id/periods/:period/close', roles: CONTRACT_WRITERS, tag: 'contracts', resource: 'contract', summary: 'Closes a billing month (YYYY-MM, in order, once it is over): usage and availability are charged' },
  failureModes: { method: 'GET', path: '/v1/failure-modes', roles: EVERYONE, tag: 'catalog', summary: 'The failure-mode catalog (FMEA)' },
  audit: { method: 'GET', path: '/v1/audit', roles: ['admin'], tag: 'audit', summary: 'The tenant’s audit trail: who changed what, when and from where (`service` = gateway, twin-state or maintenance; `next` is the cursor)', query: ['service', 'after', 'limit'] },
  scenarios: { method: 'GET', path: '/v1/scenarios', roles: EVERYONE, tag: 'scenarios', summary: 'The tenant’s stored what-if scenarios, newest first', query: ['limit'] },
  scenarioCreate: { method: 'POST', path: '/v1/scenarios', roles: ENGINEERS, tag: 'scenarios', summary: 'Runs and stores a what-if scenario (operating profile, deferral, part swap) against the baseline (201)', body: true },
  scenario: { method: 'GET', path: '/v1/scenarios/:id', roles: EVERYONE, tag: 'scenarios', resource: 'scenario', summary: 'One stored scenario: inputs, seed, model versions, baseline and scenario RUL distributions' },
  scenarioRerun: { method: 'POST', path: '/v1/scenarios/:id/rerun', roles: ENGINEERS, tag: 'scenarios', resource: 'scenario', summary: 'Recomputes a stored scenario; says whether the bytes are identical and which model versions changed' },
  calibrations: { method: 'GET', path: '/v1/calibrations', roles: EVERYONE, tag: 'predictions', summary: 'The tenant’s asset calibrations, invalid ones and the worst drift first', query: ['invalid', 'limit'] },
  assetCalibration: { method: 'GET', path: '/v1/assets/:id/calibration', roles: EVERYONE, tag: 'predictions', resource: 'twin', summary: 'The asset’s calibrated degradation curve: fit error, drift, validity' },
  stream: { method: 'GET', path: '/v1/stream', roles: EVERYONE, tag: 'live', summary: 'Server-Sent Events: twin changes, predictions and work-order changes of the tenant', query: ['types'] },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof ROUTES;
export const ROUTE_NAMES = Object.keys(ROUTES) as RouteName[];

export function routeSpec(name: RouteName): RouteSpec {
  return ROUTES[name];
}
