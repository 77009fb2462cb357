import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildFleet, FleetSimulation, parseInjection, toTelemetryFrame } from '@fleettwin/simulator';
import { jsonBody, waitFor, type RunningService } from '@fleettwin/testing';
// The console is served by the gateway: its browser test stands on the gateway's own pipeline fixture.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { publishRiskyPrediction, startFleet, startGateway, token, type Fleet } from '../../gateway/src/fixtures/gateway-fixture';
import { buildConsole, countColouredPixels, launchBrowser, requireChromium, shot, signIn, WORKSPACE } from './browser';

// The decision views: a what-if scenario against its baseline, and a maintenance plan as a calendar.
const CONSOLE_DIR = join(WORKSPACE, 'tmp', 'console-decisions-e2e');
const TENANT = 'acme';
/** A simulated engine with a known HPC fault: enough scored cycles for its own calibration. */
const ENGINE = 'ACME-S1';
/** Two engines whose risky predictions open work orders for the plan. */
const AT_RISK = ['ACME-P1', 'ACME-P2'];
const CYCLES = 60;
const START = Date.UTC(2026, 8, 1);
const PLAN_ID = 'e2e-plan';
const ORANGE: [number, number, number] = [234, 88, 12];
const BLUE: [number, number, number] = [37, 99, 235];

interface PlanAnswer {
  planId: string;
  status: string;
  revision: number;
  assignments: { workOrderId: string; siteId: string; week: number }[];
  figures: { optimised: { objective: number; expectedUnplannedRemovals: number }; greedy: { objective: number; expectedUnplannedRemovals: number } };
  solver: { status: string };
  moved: { workOrderId: string }[];
}

let fleet: Fleet;
let gateway: RunningService;
let browser: Browser;
let page: Page;
let planner: string;

const api = async <T>(path: string): Promise<T> => jsonBody<T>(await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${planner}` } }));

async function sendSimulatedEngine(): Promise<void> {
  const registry = buildFleet({ engines: 1, tenants: 1, seed: 2, startMs: START });
  const sim = new FleetSimulation(registry, { seed: 2, startMs: START, cyclesPerSecond: 1, injections: [parseInjection('HPC-DEG:onset=5,life=150')] });
  const frames = Array.from({ length: CYCLES }, (_, k) => ({ ...toTelemetryFrame(sim.frame(0, k, START + k * 1000)), tenant: TENANT, assetId: ENGINE, seq: k + 1 }));
  const res = await fetch(`${fleet.ingest.url}/v1/telemetry`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ frames }) });
  if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
}

beforeAll(async () => {
  requireChromium();
  const built = Promise.resolve().then(() => buildConsole(CONSOLE_DIR));
  fleet = await startFleet('decisions');
  await sendSimulatedEngine();
  for (const assetId of AT_RISK) await publishRiskyPrediction(fleet, TENANT, assetId);
  await built;
  gateway = await startGateway(fleet, { CONSOLE_DIR, RATE_LIMIT_PER_MINUTE: '100000' });
  planner = await token(TENANT, ['planner']);
  await waitFor(async () => {
    const res = await fetch(`${fleet.predictor.url}/v1/assets/${ENGINE}/calibration`);
    return res.status === 200 && (await jsonBody<{ fittedAtCycle: number | null }>(res)).fittedAtCycle === CYCLES;
  }, { timeoutMs: 120_000, intervalMs: 500, what: `${ENGINE} calibrated on ${CYCLES} cycles` });
  await waitFor(async () => {
    const { workOrders } = await api<{ workOrders: { assetId: string }[] }>('/v1/work-orders?limit=100');
    return AT_RISK.every((id) => workOrders.some((o) => o.assetId === id));
  }, { timeoutMs: 60_000, intervalMs: 500, what: `work orders for ${AT_RISK.join(', ')}` });
  ({ browser, page } = await launchBrowser());
  await signIn(page, gateway.url, TENANT, 'planner');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  await fleet?.stop();
});

describe('console: what-if scenario against its baseline', () => {
  let scenarioId = '';

  it('runs a derate scenario and charts both RUL distributions on shared bins, with removals per month and a text table', async () => {
    await page.getByRole('link', { name: 'Scenarios', exact: true }).click();
    await page.getByRole('heading', { name: 'What-if scenarios' }).waitFor();
    await page.getByLabel('Name').fill('derate 15 %');
    await page.getByLabel('Asset ids').fill(ENGINE);
    await page.getByLabel('Derate (%)', { exact: true }).fill('15');
    await page.getByText('Monte Carlo settings').click();
    await page.getByLabel('Seed').fill('7');
    await page.getByLabel('Draws').fill('500');
    await shot(page, 'decisions-01-scenario-form');
    await page.getByRole('button', { name: 'Run scenario' }).click();
    await page.waitForURL(/\/scenarios\/[^/]+$/);
    scenarioId = decodeURIComponent(page.url().split('/').pop() ?? '');
    const stored = await api<{ result: { assets: { histogram: { edges: number[]; baseline: number[]; scenario: number[] } }[]; fleet: { baseline: { expectedRemovalsPerMonth: number[] } } } }>(`/v1/scenarios/${encodeURIComponent(scenarioId)}`);
    const histogram = stored.result.assets[0]?.histogram;
    expect(histogram?.edges.length).toBeGreaterThan(2);

    // Both series drawn: uPlot's drawn data (non-zero bins, shares summing to 1) and their colours on the canvas.
    const chart = page.getByTestId('rul-histogram');
    await waitFor(async () => Number(await chart.getAttribute('data-baseline-points')) > 0 && Number(await chart.getAttribute('data-scenario-points')) > 0, { timeoutMs: 20_000, what: 'both arms of the histogram drawn' });
    const nonZero = (shares: number[] | undefined) => (shares ?? []).filter((s) => s !== 0).length;
    expect(Number(await chart.getAttribute('data-baseline-points'))).toBe(nonZero(histogram?.baseline));
    expect(Number(await chart.getAttribute('data-scenario-points'))).toBe(nonZero(histogram?.scenario));
    expect(Number(await chart.getAttribute('data-baseline-sum'))).toBeCloseTo(1, 2);
    expect(Number(await chart.getAttribute('data-scenario-sum'))).toBeCloseTo(1, 2);
    const [orange, blue] = await countColouredPixels(page, '[data-testid="rul-histogram"] canvas', [ORANGE, BLUE]);
    expect(orange).toBeGreaterThan(50);
    expect(blue).toBeGreaterThan(50);
    const removals = page.getByTestId('removals-chart');
    expect(Number(await removals.getAttribute('data-baseline-points'))).toBe(nonZero(stored.result.fleet.baseline.expectedRemovalsPerMonth));

    // The text alternative: one row per shared bin.
    await page.getByText('RUL distribution as a table').click();
    expect(await page.getByTestId('histogram-table').locator('tbody tr').count()).toBe((histogram?.edges.length ?? 0) - 1);
    // A derate lengthens life: the scenario's median RUL is above the baseline's.
    const median = page.getByTestId('asset-comparison').locator('tr', { hasText: 'Median RUL (cycles)' });
    expect(await median.locator('td').nth(2).textContent()).toMatch(/^\+\d/);
    await expect(page.getByTestId('scenario-list').getByRole('link', { name: 'derate 15 %' }).count()).resolves.toBe(1);
    await shot(page, 'decisions-02-scenario-comparison');
  });

  it('reruns the stored scenario and says it reproduced identically', async () => {
    await page.getByRole('button', { name: 'Rerun' }).click();
    const verdict = page.getByTestId('rerun-verdict');
    await waitFor(async () => ((await verdict.textContent()) ?? '').includes('identical'), { timeoutMs: 30_000, what: 'the rerun verdict' });
    expect(await verdict.textContent()).toContain('Identical: the rerun reproduced the stored result byte for byte.');
    await shot(page, 'decisions-03-scenario-rerun');
  });
});

describe('console: maintenance plan as a calendar', () => {
  it('creates a plan and shows each scheduled order in its site and week, with greedy vs optimised figures', async () => {
    await page.getByRole('link', { name: 'Plans', exact: true }).click();
    await page.getByRole('heading', { name: 'Maintenance plans' }).waitFor();
    await page.getByLabel('Plan id').fill(PLAN_ID);
    await page.getByLabel('Solver time limit (s)').fill('5');
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.waitForURL(new RegExp(`/plans/${PLAN_ID}$`));
    const detail = page.getByTestId('plan-detail');
    await detail.waitFor();
    const plan = await api<PlanAnswer>(`/v1/plans/${PLAN_ID}`);
    const { workOrders } = await api<{ workOrders: { id: string; assetId: string }[] }>('/v1/work-orders?limit=100');
    const atRiskOrders = workOrders.filter((o) => AT_RISK.includes(o.assetId)).map((o) => o.id);
    expect(plan.assignments.map((a) => a.workOrderId)).toEqual(expect.arrayContaining(atRiskOrders));

    // Every assignment sits in the cell of its site and week, and nowhere else.
    const calendar = page.getByTestId('plan-calendar');
    expect(await calendar.locator('li[data-work-order]').count()).toBe(plan.assignments.length);
    for (const a of plan.assignments) {
      const cell = calendar.locator(`td[data-site="${a.siteId}"][data-week="${a.week}"]`);
      expect(await cell.locator(`li[data-work-order="${a.workOrderId}"]`).count()).toBe(1);
    }
    expect(await calendar.locator('tbody tr').count()).toBe(2);
    expect(await calendar.locator('thead th[data-week]').count()).toBe(8);

    // Greedy beside optimised, as the API reports them.
    const objective = page.getByTestId('plan-figures').locator('tr', { hasText: 'Objective' });
    const money = (n: number) => Math.round(n).toLocaleString('en-US');
    expect(await objective.locator('td').nth(0).textContent()).toBe(money(plan.figures.greedy.objective));
    expect(await objective.locator('td').nth(1).textContent()).toBe(money(plan.figures.optimised.objective));
    expect(plan.figures.optimised.objective).toBeLessThanOrEqual(plan.figures.greedy.objective);
    expect(await page.getByTestId('plan-solver').textContent()).toContain(plan.solver.status);
    expect(await page.getByTestId('plan-status').textContent()).toContain('proposed');
    await shot(page, 'decisions-04-plan-calendar');
  });

  it('accepts the plan, then re-plans and lists what moved', async () => {
    await page.getByRole('button', { name: 'Accept revision 1' }).click();
    await waitFor(async () => ((await page.getByTestId('plan-status').textContent()) ?? '').includes('accepted'), { timeoutMs: 20_000, what: 'the plan accepted' });
    expect((await api<PlanAnswer>(`/v1/plans/${PLAN_ID}`)).status).toBe('accepted');
    await shot(page, 'decisions-05-plan-accepted');

    await page.getByRole('button', { name: 'Re-plan', exact: true }).click();
    await waitFor(async () => (await page.getByTestId('plan-detail').getAttribute('data-revision')) === '2', { timeoutMs: 60_000, what: 'revision 2' });
    const revised = await api<PlanAnswer>(`/v1/plans/${PLAN_ID}`);
    expect(revised).toMatchObject({ revision: 2, status: 'proposed' });
    const moved = page.getByTestId('plan-moved');
    expect(await moved.getByRole('heading').textContent()).toContain(String(revised.moved.length));
    for (const m of revised.moved) expect(await moved.textContent()).toContain(m.workOrderId);
    if (!revised.moved.length) expect(await moved.textContent()).toContain('No accepted assignment moved.');
    expect(await page.getByRole('button', { name: 'Accept revision 2' }).isEnabled()).toBe(true);
  });

  it('re-plans with a shop closed: the accepted assignment there moves, and the calendar and list show from where', async () => {
    await page.getByRole('button', { name: 'Accept revision 2' }).click();
    await waitFor(async () => ((await page.getByTestId('plan-status').textContent()) ?? '').includes('accepted'), { timeoutMs: 20_000, what: 'revision 2 accepted' });
    const accepted = await api<PlanAnswer>(`/v1/plans/${PLAN_ID}`);
    const south = accepted.assignments.filter((a) => a.siteId === 'MRO-SOUTH');
    expect(south.length).toBeGreaterThan(0); // one slot a week per shop: the second order due in week 0 went south
    // MRO-SOUTH closes; MRO-NORTH takes two a week with two spares.
    await page.getByLabel('Site 2 slots per week').fill('0');
    await page.getByLabel('Site 1 slots per week').fill('2');
    await page.getByLabel('Site 1 spare engines').fill('2');
    await page.getByRole('button', { name: 'Re-plan with the form’s settings' }).click();
    await waitFor(async () => (await page.getByTestId('plan-detail').getAttribute('data-revision')) === '3', { timeoutMs: 60_000, what: 'revision 3' });
    const revised = await api<PlanAnswer & { moved: { workOrderId: string; from: { siteId: string; week: number }; to: { siteId: string; week: number } | null }[] }>(`/v1/plans/${PLAN_ID}`);
    expect(revised.moved.map((m) => m.workOrderId).sort()).toEqual(south.map((a) => a.workOrderId).sort());
    expect(revised.assignments.filter((a) => a.siteId === 'MRO-SOUTH')).toEqual([]);
    const moved = page.getByTestId('plan-moved');
    for (const m of revised.moved) {
      expect(await moved.textContent()).toContain(`${m.workOrderId}: ${m.from.siteId} W${m.from.week} → ${m.to ? `${m.to.siteId} W${m.to.week}` : 'left out'}`);
      if (!m.to) continue;
      const entry = page.getByTestId('plan-calendar').locator(`td[data-site="${m.to.siteId}"][data-week="${m.to.week}"] li[data-work-order="${m.workOrderId}"]`);
      expect(await entry.getAttribute('class')).toContain('moved');
      expect(await entry.textContent()).toContain(`from ${m.from.siteId} W${m.from.week}`);
    }
    await shot(page, 'decisions-06-plan-replanned');
  });
});
