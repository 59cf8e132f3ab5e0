import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { formatUsd } from '../../shared/format';
import { createAdminUser, login, type AdminCredentials } from '../support/admin';
import {
  collectPageErrors,
  launchChromium,
  loginThroughForm,
  screenshot,
  signedInPage,
} from '../support/browser';
import { createModel, createProvider } from '../support/fixtures';
import { ARTIFACTS_DIR } from '../support/paths';
import { startStrapi, type TestApp } from '../support/strapi';
import { writeEvents } from '../support/usage-events';

const HOUR = 3_600_000;
/** The admin's locale in these tests: money as the Overview formats it (useFormat → formatUsd). */
const usd = (value: string) => formatUsd(value, { locale: 'en' });

/** True when the page is wider than the window (a sideways scroll at this width). */
const overflows = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe('the LLM menu item, the Overview and the homepage widget in the real admin (Chromium)', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let admin: AdminCredentials;
  let editor: AdminCredentials;
  let author: AdminCredentials;
  let pageErrors: Error[];
  let overview: any;

  beforeAll(async () => {
    app = await startStrapi({ serveAdminPanel: true });
    admin = await createAdminUser(app.strapi, ['strapi-super-admin'], {
      firstname: 'Ada',
      lastname: 'Admin',
    });
    editor = await createAdminUser(app.strapi, ['strapi-editor']);
    author = await createAdminUser(app.strapi, ['strapi-author']);
    const provider = await createProvider(app.strapi, { adapter: 'openai', name: 'OpenAI' });
    const models = await Promise.all(
      ['Alpha', 'Beta', 'Gamma', 'Delta'].map((name) =>
        createModel(app.strapi, provider, { modelId: name.toLowerCase(), displayName: name })
      )
    );
    const timeZone = app.strapi.config.get('plugin::llm.timeZone') as string;
    const now = Date.now();
    // Today's calls (so this month and today have spend whatever the date), one failure last.
    await writeEvents(app.strapi, timeZone, [
      ...models.flatMap((model, i) =>
        Array.from({ length: i + 1 }, (_, k) => ({
          occurredAt: new Date(now - (k + 1) * 60_000),
          providerId: provider.id,
          modelId: model.id,
          modelKey: model.modelId,
          userId: k % 2 ? admin.id : editor.id,
          costNano: BigInt((i + 1) * 1_250_000_000),
        }))
      ),
      {
        occurredAt: new Date(now - 30_000),
        providerId: provider.id,
        success: false,
        errorCode: 'provider_timeout',
        costNano: null,
      },
      // Forty days ago: last month's figures, never this month's.
      { occurredAt: new Date(now - 40 * 24 * HOUR), providerId: provider.id, costNano: 9n },
    ]);
    const token = await login(app.request, admin);
    overview = (await app.request.get('/llm/overview').set('Authorization', `Bearer ${token}`)).body
      .data;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    pageErrors = collectPageErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('logs in through the login form and opens the LLM Overview from the menu', async () => {
    await loginThroughForm(page, app.url!, admin);

    const menuLink = page.locator('nav a[href$="/plugins/llm"]');
    await menuLink.waitFor({ timeout: 60000 });
    await menuLink.click();

    await page.waitForURL(/\/admin\/plugins\/llm/);
    const status = page.getByTestId('llm-status');
    await status.waitFor({ timeout: 60000 });
    await expect(status.textContent()).resolves.toContain('sqlite');
    expect(pageErrors).toEqual([]);
  });

  it("shows the server's figures: this month, today, top models and users, provider health", async () => {
    await page.getByTestId('llm-overview').waitFor({ timeout: 60000 });
    expect(Number(overview.spend.thisMonth)).toBeGreaterThan(0);
    await expect(page.getByTestId('llm-overview-month-value').textContent()).resolves.toBe(
      usd(overview.spend.thisMonth)
    );
    await expect(page.getByTestId('llm-overview-today-value').textContent()).resolves.toBe(
      usd(overview.spend.today)
    );
    // Delta (4 calls at $5) is the most expensive model, then Gamma and Beta; Alpha is fourth.
    const models = await page.getByTestId('llm-overview-top-models-row').allTextContents();
    expect(models).toHaveLength(3);
    expect(models[0]).toContain('Delta');
    expect(models[0]).toContain(usd(overview.topModels[0].cost));
    expect(models.join(' ')).not.toContain('Alpha');
    const users = await page.getByTestId('llm-overview-top-users-row').allTextContents();
    expect(users.map((u) => u.includes('Ada Admin'))).toContain(true);
    const health = await page.getByTestId('llm-overview-provider').textContent();
    expect(health).toContain('OpenAI');
    expect(health).toContain('provider_timeout');
    // The last hour: today's calls were made minutes ago.
    const hour = overview.providers.find((p: any) => p.name === 'OpenAI').lastHour;
    expect(hour.calls).toBeGreaterThan(0);
    await expect(page.getByTestId('llm-overview-provider-hour').textContent()).resolves.toContain(
      `Last hour: ${hour.calls} calls`
    );
    // Links into the plugin's pages and the configuration lists.
    await expect(page.getByTestId('llm-overview-link-budgets').getAttribute('href')).resolves.toBe(
      '/admin/plugins/llm/budgets'
    );
    await expect(
      page.getByTestId('llm-overview-link-providers').getAttribute('href')
    ).resolves.toBe('/admin/content-manager/collection-types/plugin::llm.provider');
    expect(await overflows(page)).toBe(false);
    await screenshot(page, 'admin-llm-overview');
    expect(pageErrors).toEqual([]);
  });

  it("says so when the API fails, with the server's message, and recovers on Retry", async () => {
    await page.route('**/llm/overview', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({
          data: null,
          error: { status: 500, name: 'InternalServerError', message: 'Database went away' },
        }),
      })
    );
    await page.reload();
    const failed = page.getByTestId('llm-overview-error');
    await failed.waitFor({ timeout: 60000 });
    await expect(failed.textContent()).resolves.toContain('Database went away');
    await page.unroute('**/llm/overview');
    await failed.getByRole('button', { name: 'Retry' }).click();
    await page.getByTestId('llm-overview').waitFor({ timeout: 60000 });
    await expect(page.getByTestId('llm-overview-month-value').textContent()).resolves.toBe(
      usd(overview.spend.thisMonth)
    );
  });

  it('on a site without usage, says so and names the seed command', async () => {
    const fresh = {
      ...overview,
      spend: {
        ...overview.spend,
        thisMonth: '0.00',
        today: '0.00',
        lastMonth: '0.00',
        lastMonthToDate: '0.00',
        thisMonthRequests: 0,
      },
      topModels: [],
      topUsers: [],
      providers: overview.providers.map((p: any) => ({
        ...p,
        lastSuccessAt: null,
        lastFailureAt: null,
        lastErrorCode: null,
      })),
    };
    await page.route('**/llm/overview', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ data: fresh }),
      })
    );
    await page.reload();
    const empty = page.getByTestId('llm-overview-empty');
    await empty.waitFor({ timeout: 60000 });
    await expect(empty.textContent()).resolves.toContain('npx strapi-llm seed-usage');
    expect(await page.getByTestId('llm-overview-month').count()).toBe(0);
    await page.unroute('**/llm/overview');
  });

  it("puts the month's spend on Strapi's homepage for a super admin", async () => {
    await page.goto(`${app.url}/admin`);
    const widget = page.getByTestId('llm-widget-value');
    await widget.waitFor({ timeout: 60000 });
    await expect(widget.textContent()).resolves.toBe(usd(overview.spend.thisMonth));
    await expect(page.getByText('AI spend this month').count()).resolves.toBe(1);
    await page
      .getByTestId('llm-widget')
      .screenshot({ path: path.join(ARTIFACTS_DIR, 'admin-home-llm-widget.png') });
    expect(pageErrors).toEqual([]);
  });

  it.each([
    ['Editor', () => editor],
    ['Author', () => author],
  ])('shows no widget to an %s, and no site-wide figures on the Overview', async (_, user) => {
    const { page: theirs, errors } = await signedInPage(browser, app.url!, user());
    // The homepage's own widgets are drawn: ours would be by now.
    await theirs.getByText('Last edited entries').first().waitFor({ timeout: 60000 });
    // Strapi draws a permission-gated widget's frame (title, spinner) while it checks the
    // permission, then drops it when denied: the title may flash, the figure never loads.
    await theirs.getByText('AI spend this month').waitFor({ state: 'detached', timeout: 15000 });
    expect(await theirs.getByText('AI spend this month').count()).toBe(0);
    expect(await theirs.getByTestId('llm-widget').count()).toBe(0);
    await theirs.goto(`${app.url}/admin/plugins/llm`);
    await theirs.getByTestId('llm-overview-mine').waitFor({ timeout: 60000 });
    expect(await theirs.getByTestId('llm-overview').count()).toBe(0);
    expect(await theirs.getByTestId('llm-overview-month').count()).toBe(0);
    expect(errors).toEqual([]);
    await theirs.close();
  });

  it.each(['light', 'dark'])(
    'reaches the plugin menu at 390 px (%s theme), with no sideways scroll',
    async (theme) => {
      const { page: phone, errors } = await signedInPage(browser, app.url!, admin, {
        width: 390,
        height: 844,
      });
      await phone.evaluate((value) => localStorage.setItem('STRAPI_THEME', value), theme);
      await phone.goto(`${app.url}/admin/plugins/llm/analytics`);
      // Strapi hides the side navigation at this width; the page links to the menu instead.
      const back = phone.getByTestId('llm-mobile-menu-link');
      await back.waitFor({ timeout: 60000 });
      expect(await phone.getByTestId('llm-nav-budgets').isVisible()).toBe(false);
      await back.click();
      await phone.waitForURL(/\/plugins\/llm\/menu$/);
      await phone.getByTestId('llm-mobile-menu').waitFor();
      for (const entry of ['overview', 'me', 'analytics', 'budgets'])
        expect(await phone.getByTestId(`llm-nav-${entry}-mobile`).isVisible()).toBe(true);
      await screenshot(phone, `admin-llm-menu-390-${theme}`);
      await phone.getByTestId('llm-nav-budgets-mobile').click();
      await phone.waitForURL(/\/plugins\/llm\/budgets$/);
      await phone.goto(`${app.url}/admin/plugins/llm`);
      await phone.getByTestId('llm-overview').waitFor({ timeout: 60000 });
      expect(await overflows(phone)).toBe(false);
      // One column at phone width: the tiles stack.
      const month = await phone.getByTestId('llm-overview-month').boundingBox();
      const today = await phone.getByTestId('llm-overview-today').boundingBox();
      expect(today!.y).toBeGreaterThanOrEqual(month!.y + month!.height);
      await screenshot(phone, `admin-llm-overview-390-${theme}`);
      expect(errors).toEqual([]);
      await phone.close();
    }
  );

  it('fits 1024 px in the dark theme: side menu shown, no phone menu link, no sideways scroll', async () => {
    const { page: tablet, errors } = await signedInPage(browser, app.url!, admin, {
      width: 1024,
      height: 768,
    });
    await tablet.evaluate(() => localStorage.setItem('STRAPI_THEME', 'dark'));
    await tablet.goto(`${app.url}/admin/plugins/llm`);
    await tablet.getByTestId('llm-overview').waitFor({ timeout: 60000 });
    expect(await tablet.getByTestId('llm-nav-analytics').isVisible()).toBe(true);
    expect(await tablet.getByTestId('llm-mobile-menu-link').isVisible()).toBe(false);
    expect(await overflows(tablet)).toBe(false);
    await screenshot(tablet, 'admin-llm-overview-1024-dark');
    expect(errors).toEqual([]);
    await tablet.close();
  });
});
