import type { Browser } from 'playwright-core';
import { createAdminUser, type AdminCredentials } from '../support/admin';
import { collectPageErrors, launchChromium, loginThroughForm } from '../support/browser';
import { createConfiguration, createModel, createProvider } from '../support/fixtures';
import { startStrapi, type TestApp } from '../support/strapi';
import { writeEvents } from '../support/usage-events';

/** The Analytics page's response-cache table: saved and hit rate, in total and per configuration. */
describe('the response cache on the Analytics page (Chromium)', () => {
  let app: TestApp;
  let browser: Browser;
  let admin: AdminCredentials;
  let configuration: { id: number; name: string };

  beforeAll(async () => {
    app = await startStrapi({ serveAdminPanel: true });
    admin = await createAdminUser(app.strapi, ['strapi-super-admin']);
    const provider = await createProvider(app.strapi, { adapter: 'openai', name: 'OpenAI' });
    const model = await createModel(app.strapi, provider, { modelId: 'gpt-cache' });
    configuration = await createConfiguration(app.strapi, model, { name: 'Cached answers' });
    const base = { providerId: provider.id, modelId: model.id, configurationId: configuration.id };
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    // One call that cost $0.25, then three hits that each saved it: 3 of 4 requests, $0.75 saved.
    await writeEvents(app.strapi, 'UTC', [
      { ...base, occurredAt: at(40), inputTokens: 1000, outputTokens: 100, costNano: 250_000_000n },
      ...[30, 20, 10].map((m) => ({
        ...base,
        occurredAt: at(m),
        costNano: 0n,
        cacheHit: true,
        savedNano: 250_000_000n,
      })),
    ]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows what the cache saved and its hit rate for the configuration', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 2200 } });
    const errors = collectPageErrors(page);
    await loginThroughForm(page, app.url!, admin);
    await page.goto(`${app.url}/admin/plugins/llm/analytics?range=7d`);
    const table = page.getByTestId('llm-response-cache');
    await table.waitFor({ timeout: 60000 });
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('Saved by response cache: $0.75');
    expect(text).toMatch(/Hit rate 75\s?%/);
    const row = page.getByTestId(`llm-response-cache-${configuration.id}`);
    expect(await row.textContent()).toMatch(/Cached answers.*4.*3.*75\s?%.*\$0\.75/);
    expect(errors).toEqual([]);
  });
});
