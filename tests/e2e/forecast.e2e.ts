import type { Browser, Page } from 'playwright-core';
import { createAdminUser, type AdminCredentials } from '../support/admin';
import { launchChromium, screenshot, signedInPage } from '../support/browser';
import { setupStrapiFixture } from '../support/strapi';
import { writeEvents } from '../support/usage-events';

// Saturday 20 June 2026, noon UTC: $10 a day from the 1st to the 19th, nothing yet today.
const NOW = new Date('2026-06-20T12:00:00Z');
const USD = 1_000_000_000n;

const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('the forecast on the Budgets page (Chromium)', () => {
  const app = setupStrapiFixture({ serveAdminPanel: true, beforeStop: () => browser?.close() });
  let browser: Browser;
  let admin: AdminCredentials;

  beforeAll(async () => {
    app.strapi
      .plugin('llm')
      .service('clock')
      .set(() => NOW);
    admin = await createAdminUser(app.strapi, ['strapi-super-admin']);
    await writeEvents(
      app.strapi,
      'UTC',
      Array.from({ length: 19 }, (_, i) => ({
        occurredAt: new Date(Date.UTC(2026, 5, i + 1, 9)),
        costNano: 10n * USD,
      }))
    );
    const budgets = app.strapi.plugin('llm').service('budget');
    // 190 used + 10 today = 200; $10 a day reaches 250 five days later, on the 25th.
    await budgets.create({
      name: 'Tight',
      scope: 'site',
      monthlyCost: '250',
      onExceed: 'block',
      active: true,
    });
    // 190 + 10 + 10 × 10 = 300 by the 30th: under 1,000.
    await budgets.create({
      name: 'Roomy',
      scope: 'site',
      monthlyCost: '1000',
      onExceed: 'block',
      active: true,
    });
    browser = await launchChromium();
  });

  afterAll(() => app.strapi.plugin('llm').service('clock').set(null));

  const runOutOf = (page: Page, name: string) =>
    page.getByTestId('llm-budget-row').filter({ hasText: name }).getByTestId('llm-budget-runout');

  it.each([
    ['light', 1440],
    ['dark', 1440],
    ['dark', 390],
    ['light', 390],
  ] as const)('says when each budget runs out (%s theme, %i px)', async (theme, width) => {
    const { page, errors } = await signedInPage(browser, app.url!, admin, { width, height: 900 });
    await page.evaluate((t) => localStorage.setItem('STRAPI_THEME', t), theme);
    await page.goto(`${app.url}/admin/plugins/llm/budgets`);
    await expect(runOutOf(page, 'Tight').textContent()).resolves.toBe('Runs out Jun 25, 2026');
    expect(await runOutOf(page, 'Roomy').textContent()).toBe('Lasts the month');
    // The method is a focus away, with the projected month end.
    await runOutOf(page, 'Tight').locator('[tabindex="0"]').focus();
    await expect(page.getByRole('tooltip').textContent()).resolves.toContain(
      'average daily spend of the last 7 full days: ~$300.00 by the end of the month'
    );
    if (width === 390) expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
    const colour = await runOutOf(page, 'Tight')
      .locator('span, p')
      .first()
      .evaluate((el) => getComputedStyle(el).color);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(colour).not.toBe(background);
    await screenshot(page, `budgets-forecast-${width}-${theme}`);
    expect(errors).toEqual([]);
    await page.close();
  });
});
