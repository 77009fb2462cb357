import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Pool } from 'pg';
import { topicName } from '@fleettwin/contracts';
import type { PlanView } from '@fleettwin/domain-plan';
import { isolatedEnvironment, jsonBody, serviceDatabaseUrl, startService, waitFor, type RunningService, type TestEnvironment } from '@fleettwin/testing';

let env: TestEnvironment;
let maintenance: RunningService;
let producer: Producer;
let pool: Pool;

/** Two shops a ferry day apart, room for every order: re-planning has no reason to move anything. */
const SETTINGS = {
  startsOn: '2026-10-05',
  weeks: 4,
  sites: [
    { siteId: 'HOME', slotsPerWeek: 2, hoursPerWeek: 400, costPerHour: 100 },
    { siteId: 'AWAY', slotsPerWeek: 2, hoursPerWeek: 400, costPerHour: 80 },
  ],
  ferries: [{ from: 'HOME', to: 'AWAY', days: 1, cost: 30000 }],
  policy: { spares: { HOME: 2, AWAY: 1 } },
  solver: { timeLimitSeconds: 10 },
};

beforeAll(async () => {
  env = await isolatedEnvironment('plans');
  maintenance = await startService('maintenance', { ...env.env, MAINTENANCE_GROUP: `${env.namespace}maintenance`, GRPC_PORT: '0' });
  producer = new Kafka({ clientId: 'test-plans', brokers: env.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  pool = new Pool({ connectionString: serviceDatabaseUrl(env.databaseUrl, 'maintenance'), max: 2 });
});

afterAll(async () => {
  await producer?.disconnect();
  await pool?.end();
  await maintenance?.stop();
});

async function predict(tenant: string, assetId: string, rulLower: number): Promise<void> {
  const occurredAt = '2026-10-05T00:00:00.000Z';
  const data = {
    assetId, tenant, cycle: 100, occurredAt, modelVersion: 'rul-gbt-test', healthIndex: 0.3,
    rul: { mean: rulLower + 15, lower: rulLower, upper: rulLower + 30, coverage: 0.8 }, failureProbability: 0.7, horizon: 30,
    explanation: { rul: [{ sensor: 's11' }] },
  };
  await producer.send({ topic: topicName('predictions', env.namespace), messages: [{ key: `prediction-${assetId}`, value: JSON.stringify({ streamId: `prediction-${assetId}`, version: 1, type: 'PredictionMade', data, occurredAt }) }] });
}

async function openOrders(tenant: string, count: number): Promise<void> {
  await waitFor(async () => (await pool.query<{ n: string }>('SELECT count(*) AS n FROM work_orders WHERE tenant = $1', [tenant])).rows[0]?.n === String(count), { timeoutMs: 30000, what: `${count} work orders of ${tenant}` });
}

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${maintenance.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-actor': 'planner-1' }, body: JSON.stringify(body) });
}

describe('maintenance plans over HTTP and PostgreSQL', () => {
  let planId = '';

  it('plans the tenant’s open work orders: a calendar per site and week, every rule kept, no worse than greedy', async () => {
    await Promise.all([predict('acme', 'ESN-P1', 30), predict('acme', 'ESN-P2', 40), predict('acme', 'ESN-P3', 60), predict('globex', 'ESN-G1', 30)]);
    await Promise.all([openOrders('acme', 3), openOrders('globex', 1)]);
    const res = await post('/v1/plans', { tenant: 'acme', settings: SETTINGS });
    expect(res.status).toBe(201);
    const plan = await jsonBody<PlanView>(res);
    planId = plan.planId;
    expect(plan).toMatchObject({ tenant: 'acme', status: 'proposed', revision: 1, acceptedRevision: null, violations: [] });
    expect(plan.assignments).toHaveLength(3);
    expect(plan.calendar.sites.map((s) => s.siteId)).toEqual(['HOME', 'AWAY']);
    const inCalendar = plan.calendar.sites.flatMap((s) => s.weeks.flatMap((w) => w.orders.map((o) => o.assetId))).sort();
    expect(inCalendar).toEqual(['ESN-P1', 'ESN-P2', 'ESN-P3']);
    expect(plan.figures.optimised.objective).toBeLessThanOrEqual(plan.figures.greedy.objective);
    expect(plan.solver.status).toBe('Optimal');
  });

  it('answers another tenant as if the plan did not exist', async () => {
    expect((await fetch(`${maintenance.url}/v1/plans/${planId}?tenant=globex`)).status).toBe(404);
    expect((await post(`/v1/plans/${planId}/accept`, { tenant: 'globex', revision: 1 })).status).toBe(404);
    expect((await post(`/v1/plans/${planId}/replan`, { tenant: 'globex' })).status).toBe(404);
    expect((await fetch(`${maintenance.url}/v1/plans/${planId}?tenant=acme`)).status).toBe(200);
    const globexPlans = await jsonBody<{ plans: { planId: string }[] }>(await fetch(`${maintenance.url}/v1/plans?tenant=globex`));
    expect(globexPlans.plans.map((p) => p.planId)).not.toContain(planId);
    const acmePlans = await jsonBody<{ plans: { planId: string; revision: number; optimised: { objective: number } }[] }>(await fetch(`${maintenance.url}/v1/plans?tenant=acme`));
    expect(acmePlans.plans).toEqual([expect.objectContaining({ planId, revision: 1, optimised: expect.objectContaining({ objective: expect.any(Number) }) })]);
  });

  it('accepts, then re-plans when a new prediction opens an order, moving nothing that need not move; events on the plan stream', async () => {
    const accepted = await jsonBody<PlanView>(await post(`/v1/plans/${planId}/accept`, { tenant: 'acme', revision: 1 }));
    expect(accepted).toMatchObject({ status: 'accepted', acceptedRevision: 1 });
    await predict('acme', 'ESN-P4', 35);
    await openOrders('acme', 4);
    const drifted = await jsonBody<{ drift: { newOrders: string[]; replanSuggested: boolean } }>(await fetch(`${maintenance.url}/v1/plans/${planId}?tenant=acme`));
    expect(drifted.drift).toMatchObject({ replanSuggested: true, closedOrders: [], dueMoved: [] });
    expect(drifted.drift.newOrders).toHaveLength(1);
    const res = await post(`/v1/plans/${planId}/replan`, { tenant: 'acme' });
    expect(res.status).toBe(200);
    const revised = await jsonBody<PlanView>(res);
    expect(revised).toMatchObject({ status: 'proposed', revision: 2, acceptedRevision: 1, moved: [], violations: [] });
    expect(revised.assignments).toHaveLength(4);
    expect(revised.assignments).toEqual(expect.arrayContaining(accepted.assignments));
    expect(revised.figures.optimised.moved).toBe(0);
    const stale = await post(`/v1/plans/${planId}/accept`, { tenant: 'acme', revision: 1 });
    expect(stale.status).toBe(409);
    const current = await jsonBody<{ drift: { replanSuggested: boolean } }>(await fetch(`${maintenance.url}/v1/plans/${planId}?tenant=acme`));
    expect(current.drift.replanSuggested).toBe(false);
    const { rows } = await pool.query<{ type: string }>('SELECT type FROM events WHERE stream_id = $1 ORDER BY version', [`plan-${planId}`]);
    expect(rows.map((r) => r.type)).toEqual(['PlanProposed', 'PlanAccepted', 'PlanRevised']);
  });

  it('plans with the tenant’s stored settings when the request gives none, and refuses when there are none', async () => {
    expect((await post('/v1/plans', { tenant: 'globex' })).status).toBe(422);
    expect((await post('/v1/plan-settings', { tenant: 'globex', settings: SETTINGS })).status).toBe(200);
    const res = await post('/v1/plans', { tenant: 'globex' });
    expect(res.status).toBe(201);
    expect((await jsonBody<PlanView>(res)).assignments.map((a) => a.workOrderId)).toHaveLength(1);
  });

  it('plans predicted work beside the open orders; a prediction for an asset with an open order adds nothing', async () => {
    const rul = { mean: 70, lower: 50, upper: 90, coverage: 0.8 };
    const predictedOrders = [{ assetId: 'ESN-G1', rul, predictedAt: '2026-10-05T00:00:00Z' }, { assetId: 'ESN-G2', kind: 'repair', rul, predictedAt: '2026-10-05T00:00:00Z' }];
    const res = await post('/v1/plans', { tenant: 'globex', predictedOrders });
    expect(res.status).toBe(201);
    const plan = await jsonBody<PlanView>(res);
    const planned = plan.calendar.sites.flatMap((s) => s.weeks.flatMap((w) => w.orders.map((o) => `${o.assetId}:${o.kind}`))).sort();
    expect(planned).toEqual(['ESN-G1:inspection', 'ESN-G2:repair']);
    expect(plan.assignments.map((a) => a.workOrderId)).toContain('predicted-ESN-G2');
    expect(plan.violations).toEqual([]);
  });
});
