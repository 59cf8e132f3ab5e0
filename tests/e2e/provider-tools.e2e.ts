import type { Browser } from 'playwright-core';
import { createAdminUser } from '../support/admin';
import { launchChromium, screenshot, signedInPage } from '../support/browser';
import { createModel, createProvider } from '../support/fixtures';
import { startStrapi, type TestApp } from '../support/strapi';
import { StubProvider } from '../support/stub-provider';

const SECRET_KEY = 'sk-live-E2E-TOOLS-NEVER-SHOWN-7';
const PROVIDERS = '/admin/content-manager/collection-types/plugin::llm.provider';

/** A super admin tests a provider's connection and imports two of its models; an Editor sees neither tool. */
describe('provider tools in the Content Manager (Chromium)', () => {
  let app: TestApp;
  let browser: Browser;
  const stub = new StubProvider();
  let provider: any;

  beforeAll(async () => {
    await stub.start();
    app = await startStrapi({ serveAdminPanel: true });
    provider = await createProvider(app.strapi, {
      adapter: 'openai',
      name: 'Discoverable OpenAI',
      baseURL: `${stub.url}/v1`,
      apiKey: SECRET_KEY,
    });
    await createModel(app.strapi, provider, { modelId: 'gpt-4o' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await stub.stop();
  });

  it('an Editor, who may not configure the gateway, is not offered the tools', async () => {
    const editor = await createAdminUser(app.strapi, ['strapi-editor']);
    const { page, errors } = await signedInPage(browser, app.url!, editor);
    await page.goto(`${app.url}${PROVIDERS}/${provider.documentId}`);
    await page.getByTestId('llm-provider-credentials').waitFor();
    expect(await page.getByTestId('llm-provider-tools').count()).toBe(0);
    expect(await page.getByRole('button', { name: /test connection|import models/i }).count()).toBe(
      0
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a super admin tests the connection (ok, then a refused key) and imports two models with pinned prices', async () => {
    const admin = await createAdminUser(app.strapi, ['strapi-super-admin']);
    const { page, errors } = await signedInPage(browser, app.url!, admin);
    await page.goto(`${app.url}${PROVIDERS}/${provider.documentId}`);
    await page.getByTestId('llm-provider-tools').waitFor();

    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByTestId('llm-connection-result').waitFor();
    expect(await page.getByTestId('llm-connection-state').textContent()).toBe('Connected');
    expect(await page.getByTestId('llm-connection-latency').textContent()).toMatch(/^[\d,.]+ ms$/);
    await page.getByText('3 models listed').waitFor();
    expect(stub.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/models' });
    await screenshot(page, 'provider-test-connection-ok');

    stub.next({ status: 401 });
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Failed: provider_error').waitFor();
    await page.getByText(/HTTP 401/).waitFor();

    await page.getByRole('button', { name: 'Import models…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('llm-available-model').first().waitFor();
    expect(await dialog.getByTestId('llm-available-model').count()).toBe(3);
    const configured = dialog
      .getByTestId('llm-available-model')
      .filter({ hasText: 'Already added' });
    expect(await configured.count()).toBe(1);
    expect(await configured.getByRole('checkbox').isDisabled()).toBe(true);
    // The catalogue's price beside a model it knows.
    await dialog
      .getByTestId('llm-available-model')
      .filter({ hasText: 'gpt-4o-mini' })
      .getByText(/\$0\.15 in/)
      .waitFor();
    await dialog
      .getByTestId('llm-available-model')
      .filter({ hasText: 'text-embedding-3-small' })
      .getByText('$0.02 / 1M tokens')
      .waitFor();
    await dialog.getByRole('checkbox', { name: 'gpt-4o-mini' }).click();
    await dialog.getByRole('checkbox', { name: 'text-embedding-3-small' }).click();
    await dialog.getByRole('checkbox', { name: /pinned/ }).click();
    await screenshot(page, 'provider-import-models');
    await dialog.getByRole('button', { name: 'Add 2 models' }).click();
    await page.getByText('2 models added.').waitFor();

    const models = await app.strapi.db.query('plugin::llm.model').findMany({
      where: { provider: { id: provider.id } },
      orderBy: { id: 'asc' },
    });
    expect(models.map((m: any) => [m.modelId, m.capabilities, m.priceInput])).toEqual([
      ['gpt-4o', null, null],
      ['gpt-4o-mini', ['chat', 'vision'], '0.15'],
      ['text-embedding-3-small', ['embedding'], '0.02'],
    ]);

    // Opened again, every model is marked as added.
    await page.getByRole('button', { name: 'Import models…' }).click();
    await page.getByRole('dialog').getByTestId('llm-available-model').first().waitFor();
    expect(
      await page
        .getByRole('dialog')
        .getByTestId('llm-available-model')
        .filter({ hasText: 'Already added' })
        .count()
    ).toBe(3);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    // The provider's Models field lists them (the edit form keeps its state until reloaded).
    await page.reload();
    await page.getByTestId('llm-provider-tools').waitFor();
    await screenshot(page, 'provider-after-import');
    await page.getByText('Models (3)').waitFor();
    await page.locator('main').getByText('text-embedding-3-small', { exact: true }).waitFor();
    expect(await page.content()).not.toContain(SECRET_KEY);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('marks a model the catalogue prices by tier, and says it was left on the catalogue when pinning', async () => {
    const gemini = await createProvider(app.strapi, {
      adapter: 'google',
      name: 'Tiered Gemini',
      baseURL: `${stub.url}/v1beta`,
      apiKey: SECRET_KEY,
    });
    stub.defaultBehavior = { models: ['gemini-2.5-pro', 'gemini-2.0-flash'] };
    const admin = await createAdminUser(app.strapi, ['strapi-super-admin']);
    const { page, errors } = await signedInPage(browser, app.url!, admin);
    await page.goto(`${app.url}${PROVIDERS}/${gemini.documentId}`);
    await page.getByTestId('llm-provider-tools').waitFor();
    await page.getByRole('button', { name: 'Import models…' }).click();
    const dialog = page.getByRole('dialog');
    const tiered = dialog.getByTestId('llm-available-model').filter({ hasText: 'gemini-2.5-pro' });
    await tiered.getByTestId('llm-model-tiered').waitFor();
    expect(await dialog.getByTestId('llm-model-tiered').count()).toBe(1);
    await dialog.getByRole('checkbox', { name: 'gemini-2.5-pro' }).click();
    await dialog.getByRole('checkbox', { name: 'gemini-2.0-flash' }).click();
    await dialog.getByRole('checkbox', { name: /pinned/ }).click();
    await dialog.getByRole('button', { name: 'Add 2 models' }).click();
    await page.getByText(/they follow the catalogue: gemini-2\.5-pro\./).waitFor();
    const models = await app.strapi.db.query('plugin::llm.model').findMany({
      where: { provider: { id: gemini.id } },
      orderBy: { modelId: 'asc' },
    });
    expect(models.map((m: any) => [m.modelId, m.priceInput === null])).toEqual([
      ['gemini-2.0-flash', false],
      ['gemini-2.5-pro', true],
    ]);
    stub.defaultBehavior = {};
    expect(errors).toEqual([]);
    await page.close();
  });
});
