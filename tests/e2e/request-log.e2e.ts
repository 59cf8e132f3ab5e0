import type { Browser } from 'playwright-core';
import { createAdminUser, type AdminCredentials } from '../support/admin';
import { launchChromium, screenshot, signedInPage } from '../support/browser';
import { createModel, createProvider, usageRows } from '../support/fixtures';
import { startStrapi, type TestApp } from '../support/strapi';
import { writeEvents } from '../support/usage-events';

const MINUTE = 60_000;

/** The page does not scroll sideways. */
const overflow = (page: import('playwright-core').Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('the Request log in the real admin (Chromium)', () => {
  let app: TestApp;
  let browser: Browser;
  let admin: AdminCredentials;
  let editor: AdminCredentials;
  let rows: any[];

  beforeAll(async () => {
    app = await startStrapi({ serveAdminPanel: true });
    admin = await createAdminUser(app.strapi, ['strapi-super-admin'], {
      firstname: 'Ada',
      lastname: 'Admin',
    });
    editor = await createAdminUser(app.strapi, ['strapi-editor']);
    const provider = await createProvider(app.strapi, { adapter: 'openai', name: 'OpenAI' });
    const mini = await createModel(app.strapi, provider, {
      modelId: 'gpt-4o-mini',
      displayName: 'GPT-4o mini',
    });
    const big = await createModel(app.strapi, provider, {
      modelId: 'gpt-4o',
      displayName: 'GPT-4o',
    });
    const now = Date.now();
    await writeEvents(
      app.strapi,
      'UTC',
      Array.from({ length: 130 }, (_, i) => {
        const model = i % 3 === 0 ? big : mini;
        return {
          occurredAt: new Date(now - (i + 1) * 7 * MINUTE),
          providerId: provider.id,
          modelId: model.id,
          modelKey: model.modelId,
          userId: i % 2 ? admin.id : null,
          inputTokens: 1000 + i,
          outputTokens: 200,
          costNano: i % 10 === 0 ? null : BigInt(1_000_000 + i * 1000),
          priceSource: i % 10 === 0 ? ('none' as const) : ('model' as const),
          success: i % 9 !== 3,
          errorCode: i % 9 === 3 ? 'provider_error' : null,
          errorMessage: i % 9 === 3 ? 'upstream answered 503' : null,
          metadata: { tags: ['e2e'] },
        };
      })
    );
    rows = await usageRows(app.strapi);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const shownIds = (page: import('playwright-core').Page) =>
    page.$$eval('[data-testid^="llm-log-open-"]', (cells) =>
      cells.map((c) => Number(c.getAttribute('data-testid')!.replace('llm-log-open-', '')))
    );

  it('an admin opens the log, pages on, filters by clicking a model and opens a call', async () => {
    const { page, errors } = await signedInPage(browser, app.url!, admin);
    await page.locator('nav a[href$="/plugins/llm"]').click({ timeout: 60000 });
    await page.getByTestId('llm-nav-requests').click({ timeout: 60000 });
    await page.waitForURL(/\/plugins\/llm\/requests/);
    await page.getByTestId('llm-log-row').first().waitFor();
    const newest = [...rows].sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
    expect(await shownIds(page)).toEqual(newest.slice(0, 50).map((r) => r.id));
    // An unpriced call reads "unpriced", never $0.
    expect(await page.getByTestId('llm-log').textContent()).toContain('unpriced');

    await page.getByTestId('llm-log-next').click();
    await page.waitForURL(/cursor=/);
    await page.waitForFunction(
      (id) => !document.querySelector(`[data-testid="llm-log-open-${id}"]`),
      newest[0].id
    );
    expect(await shownIds(page)).toEqual(newest.slice(50, 100).map((r) => r.id));
    await page.getByTestId('llm-log-previous').click();
    await page.getByTestId(`llm-log-open-${newest[0].id}`).waitFor();

    // Click the model of the first row: only that model's calls are left, and a chip says so.
    const first = newest[0];
    await page.getByTestId('llm-log-row').first().getByTestId('llm-log-filter-model').click();
    await page.waitForURL(new RegExp(`model=${first.modelId}`));
    await page.getByTestId('llm-log-chip-model').waitFor();
    const sameModel = newest.filter((r) => r.modelId === first.modelId);
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="llm-log-row"]').length === count,
      Math.min(50, sameModel.length)
    );
    expect(await shownIds(page)).toEqual(sameModel.slice(0, 50).map((r) => r.id));

    // Open a failed call: its error message, its metadata and its attempts.
    const failed = sameModel.find((r) => !r.success)!;
    await page.getByTestId(`llm-log-open-${failed.id}`).click();
    const detail = page.getByTestId('llm-log-detail');
    await detail.getByTestId('llm-log-attempts').waitFor();
    const text = await detail.textContent();
    expect(text).toContain(failed.requestId);
    expect(text).toContain('upstream answered 503');
    expect(text).toContain('"e2e"');
    await screenshot(page, 'request-log-detail');
    expect(errors).toEqual([]);
  });

  it.each(['light', 'dark'])(
    'fits a 390 px phone (%s theme): the table scrolls in its box',
    async (theme) => {
      const { page, errors } = await signedInPage(browser, app.url!, admin, {
        width: 390,
        height: 844,
      });
      await page.evaluate((value) => localStorage.setItem('STRAPI_THEME', value), theme);
      await page.goto(`${app.url}/admin/plugins/llm/requests?status=failure`);
      await page.getByTestId('llm-log-row').first().waitFor({ timeout: 60000 });
      const failures = rows.filter((r) => !r.success).length;
      expect(await page.getByTestId('llm-log-row').count()).toBe(failures);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `request-log-390-${theme}`);
      expect(errors).toEqual([]);
    }
  );

  it('is not in the menu of an Editor, and its address refuses them', async () => {
    const { page } = await signedInPage(browser, app.url!, editor);
    await page.goto(`${app.url}/admin/plugins/llm`);
    await page.getByTestId('llm-nav-overview').waitFor({ timeout: 60000 });
    expect(await page.getByTestId('llm-nav-requests').count()).toBe(0);
    await page.goto(`${app.url}/admin/plugins/llm/requests`);
    await page.waitForTimeout(1500);
    expect(await page.getByTestId('llm-log-row').count()).toBe(0);
  });
});
