import type { Browser, Page } from 'playwright-core';
import { createAdminUser, type AdminCredentials } from '../support/admin';
import {
  collectPageErrors,
  launchChromium,
  loginThroughForm,
  screenshot,
} from '../support/browser';
import { createModel, createProvider } from '../support/fixtures';
import { startStrapi, type TestApp } from '../support/strapi';
import { writeEvents } from '../support/usage-events';

const DAY = 86_400_000;

describe('the Analytics page in the real admin (Chromium)', () => {
  let app: TestApp;
  let browser: Browser;
  let admin: AdminCredentials;
  let editor: AdminCredentials;

  beforeAll(async () => {
    app = await startStrapi({ serveAdminPanel: true });
    admin = await createAdminUser(app.strapi, ['strapi-super-admin'], {
      firstname: 'Ada',
      lastname: 'Admin',
    });
    editor = await createAdminUser(app.strapi, ['strapi-editor'], {
      firstname: 'Eddie',
      lastname: 'Editor',
    });
    const openai = await createProvider(app.strapi, { adapter: 'openai', name: 'OpenAI' });
    const anthropic = await createProvider(app.strapi, { adapter: 'anthropic', name: 'Anthropic' });
    const models = [
      await createModel(app.strapi, openai, { modelId: 'gpt-4o-mini', displayName: 'GPT-4o mini' }),
      await createModel(app.strapi, anthropic, {
        modelId: 'claude-haiku',
        displayName: 'Claude Haiku',
      }),
    ];
    await app.strapi.plugin('llm').service('budget').create({
      name: 'Eddie monthly',
      scope: 'user',
      userId: editor.id,
      monthlyCost: '2',
      onExceed: 'block',
      active: true,
    });
    const now = Date.now();
    const events = [];
    // 120 days back: one call every 6 hours from the editor and from the system, the last week heavier.
    for (let t = now - 120 * DAY; t < now; t += 6 * 3_600_000) {
      const recent = now - t < 7 * DAY;
      for (const [i, userId] of [editor.id, null, recent ? admin.id : null].entries()) {
        const model = models[i % 2];
        events.push({
          occurredAt: new Date(t - i * 60_000),
          providerId: model.provider?.id ?? (i % 2 ? anthropic.id : openai.id),
          modelId: model.id,
          modelKey: model.modelId,
          userId,
          service: (i % 2 ? 'chat' : 'translation') as 'chat' | 'translation',
          source: i % 2 ? 'editor' : 'cron',
          inputTokens: 1200 + i * 300,
          outputTokens: 300,
          cacheReadTokens: 200,
          costNano: BigInt(1_500_000 + i * 400_000),
        });
      }
    }
    await writeEvents(app.strapi, 'UTC', events);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function signedIn(user: AdminCredentials): Promise<{ page: Page; errors: Error[] }> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 2200 } });
    // Charts honour reduced motion: they draw at once, and the screenshot shows them complete.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const errors = collectPageErrors(page);
    await loginThroughForm(page, app.url!, user);
    return { page, errors };
  }

  it('an admin opens Analytics, walks every range, toggles a chart to its table and sees the budget bar', async () => {
    const { page, errors } = await signedIn(admin);
    // As a person would: the LLM item of the main menu, then Analytics in the plugin's navigation.
    await page.locator('nav a[href$="/plugins/llm"]').click({ timeout: 60000 });
    await page.getByTestId('llm-nav-analytics').click({ timeout: 60000 });
    await page.waitForURL(/\/plugins\/llm\/analytics/);
    const cost = page.getByTestId('llm-kpi-cost-value');
    await cost.waitFor();

    const seen = new Map<string, string>();
    for (const range of ['1d', '7d', '30d', '90d', 'month', '365d']) {
      const before = await page.getByTestId('llm-kpi-requests-value').textContent();
      await page.getByTestId(`llm-range-${range}`).click();
      await page.waitForURL(new RegExp(`range=${range}$`));
      await page.waitForFunction(
        ([r]) =>
          document.querySelector(`[data-testid="llm-range-${r}"]`)?.getAttribute('aria-current') ===
          'page',
        [range]
      );
      await page.waitForTimeout(300);
      seen.set(range, (await page.getByTestId('llm-kpi-requests-value').textContent()) ?? '');
      expect(before).toBeDefined();
    }
    // Longer ranges hold more requests: the tiles followed the links.
    expect(seen.get('1d')).not.toBe(seen.get('365d'));
    expect(seen.get('7d')).not.toBe(seen.get('90d'));

    // Latency is a median and a p95 of successful calls, per service too; each tile says what its figure is.
    expect(await page.getByTestId('llm-kpi-latency-value').textContent()).toMatch(/ms|s/);
    await page.getByTestId('llm-latency').waitFor();
    expect(
      await page.getByTestId('llm-kpi-avg-cost-definition').getAttribute('aria-label')
    ).toContain('successful, priced calls');

    // The back button returns to the previous range.
    await page.goBack();
    await page.waitForURL(/range=month$/);

    await page.getByTestId('llm-range-90d').click();
    await page.waitForURL(/range=90d$/);
    await page.getByTestId('llm-chart-trend').locator('svg').first().waitFor();
    await page.getByTestId('llm-toggle-trend').click();
    await expect(page.getByTestId('llm-chart-trend').locator('table').count()).resolves.toBe(1);
    await expect(page.getByTestId('llm-chart-trend').locator('tbody tr').count()).resolves.toBe(90);

    const editorRow = page.getByTestId('llm-user-row').filter({ hasText: 'Eddie Editor' });
    await expect(editorRow.getByTestId('llm-budget-bar').count()).resolves.toBe(1);
    await expect(editorRow.textContent()).resolves.toContain('of $2.00');
    await expect(
      page.getByTestId('llm-user-row').filter({ hasText: 'system' }).count()
    ).resolves.toBe(1);

    await page.getByTestId('llm-toggle-trend').click();
    await page.getByTestId('llm-chart-trend').locator('svg').first().waitFor();
    await screenshot(page, 'analytics-page');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an editor has no Analytics entry and is refused the page, but sees their own usage', async () => {
    const { page, errors } = await signedIn(editor);
    await page.goto(`${app.url}/admin/plugins/llm`);
    await page.getByTestId('llm-nav-me').waitFor();
    expect(await page.getByTestId('llm-nav-analytics').count()).toBe(0);

    await page.getByTestId('llm-nav-me').click();
    await page.getByTestId('llm-kpi-cost-value').waitFor();
    expect(await page.getByTestId('llm-users').count()).toBe(0);
    await screenshot(page, 'my-usage-page');

    await page.goto(`${app.url}/admin/plugins/llm/analytics`);
    await page.getByText("You don't have the permissions to access that content").waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
