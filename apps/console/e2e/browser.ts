import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Browser-test plumbing shared by the console's e2e specs: build, launch Debian's Chromium, screenshots. */

export const WORKSPACE = join(__dirname, '..', '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(WORKSPACE, 'test-results', 'console');

/** Flags for a headless Chromium in CI and containers (no sandbox, no GPU, no background traffic). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Fails with the install command when Chromium is missing; makes the screenshot folder. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install Debian's Chromium (apt-get update && apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH.`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
}

/** Typechecks the console (the root tsconfig leaves its browser code to its own) and bundles it into `outDir`. */
export function buildConsole(outDir: string): void {
  const bin = (path: string) => join(WORKSPACE, 'node_modules', path);
  execFileSync(process.execPath, [bin('typescript/bin/tsc'), '-p', 'apps/console/tsconfig.json', '--noEmit'], { cwd: WORKSPACE, stdio: 'pipe' });
  execFileSync(process.execPath, [bin('vite/bin/vite.js'), 'build', '--config', 'apps/console/vite.config.mts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: WORKSPACE, stdio: 'pipe' });
}

export async function launchBrowser(): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(20_000);
  return { browser, page };
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs in through the login view's development sign-in (the gateway must run with AUTH_DEV_SECRET). */
export async function signIn(page: Page, baseUrl: string, tenant: string, role: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login$/);
  await page.getByLabel('Tenant').fill(tenant);
  await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Fleet' }).waitFor();
}

/** The bits of a browser canvas a pixel check reads (this file is type-checked without the DOM library). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

/** How many pixels of the canvas under `selector` are within 30 of each RGB colour: proof that a series was drawn. */
export async function countColouredPixels(page: Page, selector: string, colours: readonly [number, number, number][]): Promise<number[]> {
  return page.locator(selector).evaluate((element, wanted) => {
    const canvas = element as unknown as CanvasLike;
    const context = canvas.getContext('2d');
    if (!context) return wanted.map(() => 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    return wanted.map(([r, g, b]) => {
      let count = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs((data[i] ?? 0) - r) < 30 && Math.abs((data[i + 1] ?? 0) - g) < 30 && Math.abs((data[i + 2] ?? 0) - b) < 30) count += 1;
      return count;
    });
  }, colours.map((c) => [...c]));
}
