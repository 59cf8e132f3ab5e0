/**
 * The consumer test's Chromium checks: sign in through the admin's login form, open the plugin's
 * pages, and collect every console error, uncaught page error and failed request to the app's own
 * origin (status ≥ 400 or a network failure). Requests to any other origin are blocked (the test
 * must not use the network) and listed. A screenshot of each page goes to the artifacts folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Requests that answer 404 in a fresh Strapi 5.54.0 app without the plugin as well (checked against
 * the bare app): the admin asks for AI features, AI localization jobs and a preview URL that a fresh
 * app does not have. Listed as ignored, never counted; anything else that fails counts.
 */
const STRAPI_BASELINE_404 = [
  /^\/admin\/ai-feature-config$/,
  /^\/i18n\/ai-localization-jobs\/collection-types\/[^/]+\/[^/]+$/,
  /^\/content-manager\/preview\/url\/[^/]+$/,
];
const isBaseline404 = (url) => STRAPI_BASELINE_404.some((re) => re.test(new URL(url).pathname));

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A headless Chromium session on the app: what went wrong is collected per page label. */
export async function openBrowser({ baseUrl, artifactsDir }) {
  if (!fs.existsSync(CHROMIUM_PATH))
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`
    );
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: LAUNCH_ARGS,
  });
  const origin = new URL(baseUrl).origin;
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const problems = [];
  const blocked = [];
  const ignored = [];
  let label = 'login';
  /** The page each request was made on, for the list of ignored aborts. */
  const madeOn = new WeakMap();
  const own = (url) => url.startsWith(origin);

  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (own(url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    blocked.push(`${label}: ${route.request().method()} ${url}`);
    return route.abort('blockedbyclient');
  });

  const page = await context.newPage();
  page.on('request', (request) => madeOn.set(request, label));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location()?.url;
    if (where && own(where) && / 404 /.test(message.text()) && isBaseline404(where)) return;
    problems.push(`${label}: console error: ${message.text()}${where ? ` (at ${where})` : ''}`);
  });
  page.on('pageerror', (error) => problems.push(`${label}: uncaught error: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (!own(request.url())) return;
    // ERR_ABORTED is the browser cancelling a request, never the server failing one: leaving a page
    // aborts the fetches its last renders started (CI saw the home page's, made after the label had
    // already moved on). A server failure shows as an HTTP status or another net:: error.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') {
      ignored.push(
        `${label}: aborted by the browser (made on ${madeOn.get(request)}): ${request.url()}`
      );
      return;
    }
    problems.push(
      `${label}: request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`
    );
  });
  page.on('response', (response) => {
    if (!own(response.url()) || response.status() < 400) return;
    if (response.status() === 404 && isBaseline404(response.url())) {
      ignored.push(`${label}: 404 as in a bare Strapi app: ${response.url()}`);
      return;
    }
    problems.push(
      `${label}: HTTP ${response.status()}: ${response.request().method()} ${response.url()}`
    );
  });

  const settle = async () => {
    await page.waitForLoadState('networkidle', { timeout: 15000 }).catch(() => {});
    await page.waitForTimeout(500);
  };

  return {
    page,
    problems,
    blocked,
    ignored,
    /** Opens `url` (relative to the app) as `name`, runs `check`, screenshots; returns a failure or null. */
    async visit(name, url, check) {
      label = name;
      let failure = null;
      try {
        await page.goto(`${baseUrl}${url}`, { waitUntil: 'domcontentloaded' });
        await check(page);
      } catch (error) {
        failure = `${name}: ${error.message.split('\n')[0]}`;
      }
      await settle();
      fs.mkdirSync(artifactsDir, { recursive: true });
      await page
        .screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true })
        .catch((error) => problems.push(`${name}: screenshot failed: ${error.message}`));
      return failure;
    },
    /** Signs in through the admin's login form. */
    async login(email, password) {
      label = 'login';
      await page.goto(`${baseUrl}/admin/auth/login`, { waitUntil: 'domcontentloaded' });
      await page.locator('input[name="email"]').fill(email, { timeout: 60000 });
      await page.locator('input[name="password"]').fill(password);
      await page.locator('button[type="submit"]').click();
      await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60000 });
      await settle();
    },
    close: () => browser.close(),
  };
}

const VISIBLE = { state: 'visible', timeout: 30000 };

/** The LLM › Analytics page: its tiles (or its empty state) are shown. */
export async function checkAnalyticsPage(page) {
  await page.locator('nav a[href$="/plugins/llm"]').first().waitFor(VISIBLE);
  await page
    .locator('[data-testid="llm-kpi-requests-value"], [data-testid="llm-empty"]')
    .first()
    .waitFor(VISIBLE);
}

/** The providers list view: the 30-day usage columns, and the provider's row with its figures. */
export async function checkProviderList(page, providerName) {
  for (const label of ['Cost (30d)', 'Requests (30d)', 'Tokens (30d)'])
    await page.locator('thead th', { hasText: label }).waitFor(VISIBLE);
  const row = page.getByRole('row').filter({ hasText: providerName });
  await row.getByTestId('llm-usage-requests').waitFor(VISIBLE);
  const requests = (await row.getByTestId('llm-usage-requests').textContent())?.trim();
  if (!requests || requests === '0')
    throw new Error(`the row of ${providerName} shows no 30-day requests (got "${requests}")`);
}

/** A provider's edit view: the form holds the provider's name. */
export async function checkProviderEdit(page, providerName) {
  const name = page.locator('input[name="name"]');
  await name.waitFor(VISIBLE);
  const value = await name.inputValue();
  if (value !== providerName)
    throw new Error(`the edit view's name field holds "${value}", not "${providerName}"`);
}

/** The KPI tiles' texts: requests and cost must be shown and not zero. */
export async function readKpis(page) {
  await page.getByTestId('llm-kpi-requests-value').waitFor(VISIBLE);
  const text = async (id) => (await page.getByTestId(id).textContent())?.trim() ?? '';
  const kpis = {
    requests: await text('llm-kpi-requests-value'),
    cost: await text('llm-kpi-cost-value'),
  };
  if (!/[1-9]/.test(kpis.requests) || !/[1-9]/.test(kpis.cost))
    throw new Error(`the Analytics tiles show no figures: ${JSON.stringify(kpis)}`);
  return kpis;
}
