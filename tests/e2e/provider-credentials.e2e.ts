import type { Browser } from 'playwright-core';
import { createAdminUser } from '../support/admin';
import { launchChromium, screenshot, signedInPage } from '../support/browser';
import { createModel, createProvider, flushUsage, llm, storedApiKey } from '../support/fixtures';
import { startStrapi, type TestApp } from '../support/strapi';
import { StubProvider } from '../support/stub-provider';

const SECRET_KEY = 'sk-live-E2E-NEVER-SHOWN-0042';
const PROVIDERS = '/admin/content-manager/collection-types/plugin::llm.provider';

/** An Editor reads the gateway's configuration but cannot change it, and never sees a key; a super admin replaces one. */
describe('provider credentials in the Content Manager (Chromium)', () => {
  let app: TestApp;
  let browser: Browser;
  const stub = new StubProvider();
  let provider: any;

  beforeAll(async () => {
    await stub.start();
    app = await startStrapi({ serveAdminPanel: true });
    provider = await createProvider(app.strapi, {
      adapter: 'openai',
      name: 'Keyed OpenAI',
      baseURL: `${stub.url}/v1`,
      apiKey: SECRET_KEY,
    });
    const model = await createModel(app.strapi, provider, {
      modelId: 'e2e-credentials',
      priceInput: '1',
      priceOutput: '1',
    });
    await llm(app.strapi).chat({ model: model.id, prompt: 'hello', user: null });
    await flushUsage(app.strapi);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await stub.stop();
  });

  it('an Editor sees the list with its columns, opens a provider read-only, and sees no key', async () => {
    const editor = await createAdminUser(app.strapi, ['strapi-editor']);
    const { page, errors } = await signedInPage(browser, app.url!, editor);
    const bodies: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/content-manager/') || response.url().includes('/llm/'))
        response.text().then(
          (text) => bodies.push(text),
          () => undefined
        );
    });

    await page.goto(`${app.url}${PROVIDERS}`);
    const row = page.getByRole('row').filter({ hasText: 'Keyed OpenAI' });
    await row.getByTestId('llm-usage-requests').waitFor();
    expect(await row.getByTestId('llm-usage-requests').textContent()).toBe('1');
    // Human column labels, not field names.
    expect(await page.locator('thead th', { hasText: 'Base URL' }).count()).toBe(1);
    expect(await page.locator('thead th', { hasText: /^baseURL$/i }).count()).toBe(0);
    // No "Create new entry" for a role without the plugin permission.
    expect(await page.getByRole('link', { name: /create new entry/i }).count()).toBe(0);
    await screenshot(page, 'provider-list-editor');

    await page.goto(`${app.url}${PROVIDERS}/${provider.documentId}`);
    await page.getByTestId('llm-provider-credentials').waitFor();
    expect(await page.getByTestId('llm-api-key-state').textContent()).toBe('Set (encrypted)');
    // Read-only: the fields are disabled, and there is no save, delete or key action.
    const name = page.getByRole('textbox', { name: /^name/i });
    await name.waitFor();
    expect(await name.isDisabled()).toBe(true);
    // Each field says what it is for.
    expect(await page.getByText('How long one request may take', { exact: false }).count()).toBe(1);
    await screenshot(page, 'provider-edit-editor');
    const save = page.getByRole('button', { name: /^save$/i });
    for (let i = 0; i < (await save.count()); i += 1)
      expect(await save.nth(i).isDisabled()).toBe(true);
    // Every field of the form is disabled (the only enabled input left is the navigation's search).
    const form = page.locator('main');
    expect(
      await form
        .locator('input:not([disabled]):not([type=hidden]), textarea:not([disabled])')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).name || i.id))
    ).toEqual([]);
    expect(
      await page.getByRole('button', { name: /replace key|set key|remove key/i }).count()
    ).toBe(0);
    // No field for the key itself (apiKeyEnv, the variable's name, is a field).
    expect(await page.getByLabel(/^api ?key\*?$/i).count()).toBe(0);

    const html = await page.content();
    for (const text of [html, ...bodies]) {
      expect(text).not.toContain(SECRET_KEY);
      expect(text).not.toContain('enc:v1:');
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a super admin replaces the key from the panel, and the next call uses it', async () => {
    const admin = await createAdminUser(app.strapi, ['strapi-super-admin']);
    const { page, errors } = await signedInPage(browser, app.url!, admin);
    await page.goto(`${app.url}${PROVIDERS}/${provider.documentId}`);
    await page.getByTestId('llm-provider-credentials').waitFor();
    await page.getByRole('button', { name: 'Replace key' }).click();
    await page.getByLabel('New API key').fill('sk-replaced-from-the-panel');
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByText('The API key was replaced.').waitFor();
    await screenshot(page, 'provider-key-replaced');
    expect(await page.content()).not.toContain('sk-replaced-from-the-panel');
    const model = await app.strapi.db
      .query('plugin::llm.model')
      .findOne({ where: { modelId: 'e2e-credentials' } });
    await llm(app.strapi).chat({ model: model.id, prompt: 'again', user: null });
    expect(stub.requests.at(-1)!.headers.authorization).toBe('Bearer sk-replaced-from-the-panel');

    // Removing asks first, then says so.
    await page.getByRole('button', { name: 'Remove key' }).click();
    await page
      .getByRole('alertdialog')
      .getByRole('button', { name: /confirm/i })
      .click();
    await page.getByText('The stored API key was removed.').waitFor();
    expect(await page.getByTestId('llm-api-key-state').textContent()).toBe('Not set');
    expect(await page.getByRole('button', { name: 'Set key' }).count()).toBe(1);
    expect(await storedApiKey(app.strapi, provider.id)).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a super admin who points the provider at another base URL in the form finds its key removed', async () => {
    const elsewhere = await new StubProvider().start();
    try {
      await app.strapi
        .documents('plugin::llm.provider')
        .update({ documentId: provider.documentId, data: { apiKey: SECRET_KEY } as any });
      expect(await storedApiKey(app.strapi, provider.id)).toMatch(/^enc:v1:/);
      const admin = await createAdminUser(app.strapi, ['strapi-super-admin']);
      const { page, errors } = await signedInPage(browser, app.url!, admin);
      await page.goto(`${app.url}${PROVIDERS}/${provider.documentId}`);
      await page.getByTestId('llm-provider-credentials').waitFor();
      expect(await page.getByTestId('llm-api-key-state').textContent()).toBe('Set (encrypted)');
      const baseURL = page.getByRole('textbox', { name: /^base url/i });
      await baseURL.fill(`${elsewhere.url}/v1`);
      await page.getByRole('button', { name: /^save$/i }).click();
      await page.getByText(/saved/i).first().waitFor();
      expect(await storedApiKey(app.strapi, provider.id)).toBeNull();
      await page.reload();
      await page.getByTestId('llm-provider-credentials').waitFor();
      await page.getByTestId('llm-api-key-state').getByText('Not set').waitFor();
      await page.getByRole('button', { name: 'Test connection' }).click();
      await page.getByTestId('llm-connection-result').waitFor();
      expect(JSON.stringify(elsewhere.requests.map((r) => r.headers))).not.toContain(SECRET_KEY);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await elsewhere.stop();
    }
  });
});
