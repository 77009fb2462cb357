import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { chromium, type Browser, type Page } from 'playwright-core';
import { jsonBody, waitFor, WORKSPACE_ROOT, type RunningService } from '@fleettwin/testing';
// The console is served by the gateway: its browser test stands on the gateway's own pipeline fixture.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { manufacturePart, publishRiskyPrediction, recordPartEvent, registerFleetAsset, startFleet, startGateway, token, type Fleet } from '../../gateway/src/fixtures/gateway-fixture';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(WORKSPACE_ROOT, 'test-results', 'console');
const CONSOLE_DIR = join(WORKSPACE_ROOT, 'tmp', 'console-e2e');
const TENANT = 'acme';
const ENGINE = 'ACME-ENG-1';
const OTHER_ENGINE = 'ACME-ENG-2';
const PART = 'PN-ACME7/SN-42';
/** Moved from one engine to another with no storage or transfer recorded: a gap in possession. */
const BROKEN_PART = 'PN-ACME7/SN-43';
const FRAMES = 30;

/** Nominal FD001 levels of the predictor's 21 channels (twin names), plus the demo's egt and n2. */
const NOMINAL: Record<string, number> = {
  T2: 518.67, T24: 642.5, T30: 1589.7, T50: 1400.6, P2: 14.62, P15: 21.61, P30: 554.4, Nf: 2388.06, Nc: 9046.2, epr: 1.3,
  Ps30: 47.47, phi: 521.7, NRf: 2388.06, NRc: 8138.6, BPR: 8.419, farB: 0.03, htBleed: 392, Nf_dmd: 2388, PCNfR_dmd: 100, W31: 38.9, W32: 23.35,
  setting1: 0, setting2: 0, setting3: 100, egt: 640, n2: 95,
};

/** The bits of a browser canvas the pixel check reads (this file is type-checked without the DOM library). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

let fleet: Fleet;
let gateway: RunningService;
let browser: Browser;
let device: MqttClient;
let page: Page;
const seqs = new Map<string, number>();

/** One frame per cycle: a slow drift (wear) and a wobble so no sensor reads as stuck. */
function readings(cycle: number, overrides: Record<string, number> = {}): Record<string, number> {
  const wobble = (i: number) => Math.sin(cycle * 1.7 + i) * 0.002;
  return { ...Object.fromEntries(Object.entries(NOMINAL).map(([name, level], i) => [name, Number((level * (1 + cycle * 0.0004 + wobble(i))).toFixed(4))])), setting1: 0, setting2: 0, setting3: 100, ...overrides };
}

async function breakCustody(partId: string): Promise<void> {
  await manufacturePart(fleet, TENANT, partId);
  await recordPartEvent(fleet, TENANT, partId, 'certify', { certificate: { form: 'EASA_FORM_1', number: 'F1-43', issuer: 'ACME Parts EASA.21G.0042' } });
  await recordPartEvent(fleet, TENANT, partId, 'install', { assetId: ENGINE, position: 'HPT stage 1', assetCounters: { hours: 100, cycles: 50 } });
  await recordPartEvent(fleet, TENANT, partId, 'remove', { assetId: ENGINE, assetCounters: { hours: 200, cycles: 90 }, reason: 'borescope finding', serviceable: true });
  await recordPartEvent(fleet, TENANT, partId, 'install', { assetId: OTHER_ENGINE, position: 'HPT stage 1', assetCounters: { hours: 300, cycles: 120 } });
}

async function sendFrames(assetId: string, frames: Record<string, number>[], spacingMs = 60_000): Promise<number> {
  const start = seqs.get(assetId) ?? 0;
  const now = Date.now();
  const batch = frames.map((r, i) => ({ tenant: TENANT, assetId, seq: start + i + 1, ts: new Date(now - (frames.length - 1 - i) * spacingMs).toISOString(), readings: r }));
  seqs.set(assetId, start + frames.length);
  const res = await fetch(`${fleet.ingest.url}/v1/telemetry`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ frames: batch }) });
  if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
  return start + frames.length;
}

function buildConsole(): void {
  const bin = (path: string) => join(WORKSPACE_ROOT, 'node_modules', path);
  // Typecheck first (the root tsconfig leaves the browser code to the console's own), then bundle.
  execFileSync(process.execPath, [bin('typescript/bin/tsc'), '-p', 'apps/console/tsconfig.json', '--noEmit'], { cwd: WORKSPACE_ROOT, stdio: 'pipe' });
  execFileSync(process.execPath, [bin('vite/bin/vite.js'), 'build', '--config', 'apps/console/vite.config.mts', '--outDir', CONSOLE_DIR, '--emptyOutDir', '--logLevel', 'warn'], { cwd: WORKSPACE_ROOT, stdio: 'pipe' });
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install Debian's Chromium (apt-get update && apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH.`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const built = Promise.resolve().then(buildConsole);
  fleet = await startFleet('console');
  await Promise.all([
    registerFleetAsset(fleet, TENANT, 'FLEET-ACME'),
    sendFrames(ENGINE, Array.from({ length: FRAMES }, (_, i) => readings(i + 1))),
    sendFrames(OTHER_ENGINE, Array.from({ length: FRAMES }, (_, i) => readings(i + 1, { egt: 630 }))),
    manufacturePart(fleet, TENANT, PART),
    breakCustody(BROKEN_PART),
    publishRiskyPrediction(fleet, TENANT, ENGINE),
  ]);
  // The engine's gateway device: it accepts every command it receives and reports the new set-points.
  device = await mqtt.connectAsync(fleet.env.mqttUrl, { clientId: `console-device-${fleet.env.mqttRoot}` });
  await device.subscribeAsync(`${fleet.env.mqttRoot}/${TENANT}/+/commands`, { qos: 1 });
  device.on('message', (topic, payload) => {
    const command = JSON.parse(payload.toString()) as { commandId: string; parameters: Record<string, unknown> };
    void device.publishAsync(`${topic}/ack`, JSON.stringify({ commandId: command.commandId, status: 'accepted', reported: command.parameters }), { qos: 1 });
  });
  await built;
  gateway = await startGateway(fleet, { CONSOLE_DIR, RATE_LIMIT_PER_MINUTE: '100000' });
  const auth = { headers: { authorization: `Bearer ${await token(TENANT, ['viewer'])}` } };
  let seen = '';
  await waitFor(async () => {
    const [twin, prediction, orders] = await Promise.all([
      fetch(`${gateway.url}/v1/twins/${ENGINE}`, auth),
      fetch(`${gateway.url}/v1/assets/${ENGINE}/prediction?history=0`, auth),
      fetch(`${gateway.url}/v1/work-orders?assetId=${ENGINE}`, auth),
    ]);
    const open = orders.status === 200 ? (await jsonBody<{ workOrders: unknown[] }>(orders)).workOrders.length : -1;
    seen = `twin ${twin.status}, prediction ${prediction.status}, work orders ${open}`;
    return prediction.status === 200 && open > 0;
  }, { timeoutMs: 90_000, intervalMs: 500, what: `a prediction and a work order for ${ENGINE}` }).catch((error: unknown) => {
    throw new Error(`${String(error)} (last seen: ${seen})`);
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(20_000);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await device?.endAsync();
  await gateway?.stop();
  await fleet?.stop();
});

describe('console: served by the gateway', () => {
  it('serves the app on / and client routes, and never shadows the API, its docs or the probes', async () => {
    const index = await fetch(`${gateway.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await index.text()).toContain('<div id="root">');
    expect(await (await fetch(`${gateway.url}/twins/${ENGINE}`)).text()).toContain('<div id="root">');
    const api = await fetch(`${gateway.url}/v1/fleet`);
    expect(api.status).toBe(401);
    expect((await fetch(`${gateway.url}/v1/no-such-route`)).headers.get('content-type')).toMatch(/json/);
    expect(await jsonBody<{ status: string }>(await fetch(`${gateway.url}/health`))).toMatchObject({ status: 'ok' });
    expect(await jsonBody<{ openapi: string }>(await fetch(`${gateway.url}/openapi.json`))).toMatchObject({ openapi: '3.1.0' });
    expect(await (await fetch(`${gateway.url}/docs`)).text()).toContain('swagger');
    expect((await fetch(`${gateway.url}/assets/../../package.json`)).status).not.toBe(200);
  });
});

describe('console in Chromium', () => {
  it('logs in with a development token for a tenant and role', async () => {
    await page.goto(`${gateway.url}/`);
    await page.waitForURL(/\/login$/);
    await page.getByLabel('Tenant').fill(TENANT);
    await page.getByLabel('Role').selectOption('planner');
    await shot('01-login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Fleet' }).waitFor();
    expect(await page.getByLabel('Signed in as').textContent()).toContain(TENANT);
  });

  it('shows the fleet: every asset with health, RUL with its interval and open work orders', async () => {
    const row = page.locator(`tr[data-asset="${ENGINE}"]`);
    await row.waitFor();
    await page.locator(`tr[data-asset="${OTHER_ENGINE}"]`).waitFor();
    await page.locator('tr[data-asset="FLEET-ACME"]').waitFor();
    await waitFor(async () => /\d+ \[\d+–\d+\]/.test((await row.getByTestId('rul').textContent()) ?? ''), { timeoutMs: 20_000, what: 'the RUL interval in the fleet table' });
    await waitFor(async () => Number(await row.locator('td').nth(4).textContent()) >= 1, { timeoutMs: 20_000, what: 'an open work order counted in the fleet table' });
    await page.getByRole('button', { name: /Asset/ }).click();
    expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain('Asset');
    expect(await page.locator('tbody tr[data-asset]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-asset')))).toEqual([ENGINE, OTHER_ENGINE, 'FLEET-ACME']);
    // Sorting works from the keyboard: focus a column header's button and press Enter.
    await page.getByRole('button', { name: /^Health/ }).focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('Health');
    await page.getByRole('searchbox', { name: 'Search' }).fill('ENG-2');
    await waitFor(async () => (await page.locator('tbody tr[data-asset]').count()) === 1, { timeoutMs: 5000, what: 'the filtered table' });
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    expect(await page.getByTestId('live-status').textContent()).toContain('Live');
    await shot('02-fleet');
  });

  it('opens a twin and its sensor chart draws the history', async () => {
    await page.getByRole('link', { name: ENGINE, exact: true }).click();
    await page.getByRole('heading', { name: new RegExp(ENGINE) }).waitFor();
    const chart = page.getByTestId('sensor-chart');
    // One frame a minute: the 1 h window's 10 s buckets hold one reading each.
    await page.getByRole('radio', { name: '1h' }).click();
    await waitFor(async () => Number(await chart.getAttribute('data-points')) >= FRAMES - 2, { timeoutMs: 20_000, what: 'the sensor chart drawing its points' });
    // Drawn, not just a canvas: count pixels of the average line's colour (#2563eb) on the chart's canvas.
    const linePixels = await chart.locator('canvas').evaluate((element) => {
      const canvas = element as unknown as CanvasLike;
      const context = canvas.getContext('2d');
      if (!context) return 0;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs((data[i] ?? 0) - 37) < 30 && Math.abs((data[i + 1] ?? 0) - 99) < 30 && Math.abs((data[i + 2] ?? 0) - 235) < 30) count += 1;
      return count;
    });
    expect(linePixels).toBeGreaterThan(100);
    await waitFor(async () => Number(await page.getByTestId('health-chart').getAttribute('data-points')) >= 1, { timeoutMs: 20_000, what: 'the health and RUL trend' });
    await shot('03-twin');
  });

  it('opens a registry-only asset: no readings, its place in the hierarchy', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fleet' }).click();
    await page.getByRole('link', { name: 'FLEET-ACME', exact: true }).click();
    await page.getByTestId('no-telemetry').waitFor();
    expect(await page.locator('dl.facts').first().textContent()).toContain('none (a root)');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fleet' }).click();
    await page.getByRole('link', { name: ENGINE, exact: true }).click();
    await page.getByTestId('sensor-chart').waitFor();
  });

  it('shows a live update arrive: a new reading changes the value on screen without a reload', async () => {
    await waitFor(async () => (await page.getByTestId('live-status').textContent())?.includes('Live') ?? false, { timeoutMs: 10_000, what: 'the live stream connected' });
    const chart = page.getByTestId('sensor-chart');
    await waitFor(async () => Number(await chart.getAttribute('data-points')) >= FRAMES - 2, { timeoutMs: 20_000, what: 'the history drawn' });
    const pointsBefore = Number(await chart.getAttribute('data-points'));
    const cell = page.getByTestId('sensor-value-egt');
    const before = await cell.textContent();
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    await sendFrames(ENGINE, [readings(FRAMES + 1, { egt: 707.25 })]);
    await waitFor(async () => (await cell.textContent()) === '707.25', { timeoutMs: 10_000, intervalMs: 100, what: 'egt 707.25 on screen' });
    expect(before).not.toBe('707.25');
    // The chart took the reading too: one more point drawn after the history.
    await waitFor(async () => Number(await chart.getAttribute('data-points')) === pointsBefore + 1, { timeoutMs: 5000, what: 'the live reading drawn on the chart' });
    expect(navigations).toEqual([]);
    await shot('04-live-update');
  });

  it('sends a command to the asset and shows the device’s acknowledgement', async () => {
    const form = page.getByRole('form', { name: 'Send a command' });
    await form.getByLabel('Name', { exact: true }).fill('idle');
    await form.getByLabel('Parameters', { exact: true }).fill('idleSpeed=62.5');
    await form.getByRole('button', { name: 'Send command' }).click();
    const row = page.getByTestId('commands-table').locator('tbody tr', { hasText: 'idleSpeed=62.5' });
    await row.waitFor();
    await waitFor(async () => (await row.textContent())?.includes('accepted') ?? false, { timeoutMs: 20_000, what: 'the acknowledgement on screen' });
    expect(await row.textContent()).toContain('dev-planner@acme');
    await shot('05-command-acknowledged');
  });

  it('shows the work order a prediction opened, with its evidence, and acts on it (acknowledge, then schedule through its form)', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Work orders' }).click();
    const openColumn = page.locator('section[aria-labelledby="col-open"]');
    const card = openColumn.locator(`article[data-asset="${ENGINE}"]`).first();
    await card.waitFor();
    expect(await card.locator('summary').textContent()).toMatch(/^Evidence: P\(fail\) \d+ %, RUL \d+ \[\d+–\d+\] \(\d+\)$/);
    await card.locator('summary').click();
    expect(await card.locator('details li').count()).toBeGreaterThan(0);
    await shot('06-work-orders');
    await card.getByRole('button', { name: 'acknowledge' }).click();
    const acknowledged = page.locator(`section[aria-labelledby="col-acknowledged"] article[data-asset="${ENGINE}"]`).first();
    await acknowledged.waitFor();
    await shot('07-work-order-acknowledged');
    // Scheduling asks for a slot: the form's values go to the gateway as the transition's body.
    await acknowledged.getByRole('button', { name: 'schedule' }).click();
    const form = acknowledged.getByRole('form');
    await form.getByLabel('scheduledFor').fill('2026-12-01T08:00');
    await form.getByLabel('site').fill('MRO-1');
    await form.getByRole('button', { name: 'schedule' }).click();
    const scheduled = page.locator(`section[aria-labelledby="col-scheduled"] article[data-asset="${ENGINE}"]`).first();
    await scheduled.waitFor();
    expect(await scheduled.textContent()).toContain('scheduled 2026-12-01 08:00:00Z');
    await shot('08-work-order-scheduled');
  });

  it('shows a part’s custody history with a verified badge (the signed dossier checks out)', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Parts' }).click();
    await page.getByRole('searchbox', { name: 'Part id' }).fill(PART);
    await page.getByRole('button', { name: 'Show custody' }).click();
    await waitFor(async () => (await page.getByTestId('custody-badge').textContent()) === 'Verified', { timeoutMs: 20_000, what: 'the verified custody badge' });
    expect(await page.getByTestId('custody-table').textContent()).toContain('Manufactured');
    await shot('09-part-custody');
  });

  it('shows a broken-chain badge, naming the rule, for a part moved between engines with nothing recorded between', async () => {
    await page.getByRole('searchbox', { name: 'Part id' }).fill(BROKEN_PART);
    await page.getByRole('button', { name: 'Show custody' }).click();
    const badge = page.getByTestId('custody-badge');
    await waitFor(async () => (await badge.textContent()) === 'Broken chain', { timeoutMs: 20_000, what: 'the broken-chain custody badge' });
    expect(await badge.locator('.badge').getAttribute('title')).toContain('gap-in-possession');
    expect(await page.getByTestId('custody-table').textContent()).toContain('Custody rule broken: gap-in-possession');
    await shot('10-part-broken-chain');
  });
});
