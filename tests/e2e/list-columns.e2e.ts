import type { Browser, Page } from 'playwright-core';
import { createAdminUser, type AdminCredentials } from '../support/admin';
import { launchChromium, screenshot, signedInPage } from '../support/browser';
import {
  createConfiguration,
  createModel,
  createTask,
  flushUsage,
  llm,
  createStubProvider,
} from '../support/fixtures';
import { startStrapi, type TestApp } from '../support/strapi';
import { StubProvider } from '../support/stub-provider';

describe('usage columns in the Content Manager list views (Chromium)', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let errors: Error[];
  const stub = new StubProvider();
  let admin: AdminCredentials;
  const expected: Record<string, { name: string; cost: string; requests: string; tokens: string }> =
    {};

  beforeAll(async () => {
    await stub.start();
    stub.defaultBehavior = { usage: { input: 200_000, output: 1_000 } };
    app = await startStrapi({ serveAdminPanel: true });
    admin = await createAdminUser(app.strapi, ['strapi-super-admin']);
    const provider = await createStubProvider(app.strapi, stub, { name: 'Busy OpenAI' });
    await createStubProvider(app.strapi, stub, { name: 'Quiet OpenAI' });
    const model = await createModel(app.strapi, provider, {
      modelId: 'busy-model',
      displayName: 'Busy model',
      priceInput: '2',
      priceOutput: '10',
    });
    const free = await createModel(app.strapi, provider, {
      modelId: 'local',
      displayName: 'Free local model',
      priceInput: '0',
      priceOutput: '0',
    });
    const configuration = await createConfiguration(app.strapi, model, {
      name: 'Busy configuration',
    });
    const task = await createTask(app.strapi, configuration, {
      name: 'Busy task',
      promptTemplate: 'Do {{x}}',
    });
    for (let i = 0; i < 3; i += 1) await llm(app.strapi).runTask(task.id, { x: i });
    await llm(app.strapi).chat({ model: free.id, prompt: 'free' });
    // An image model: priced per image, no tokens.
    const images = await createModel(app.strapi, provider, {
      modelId: 'image-model',
      displayName: 'Image model',
      priceImage: '0.04',
    });
    await llm(app.strapi).image({ model: images.id, prompt: 'a cat', n: 3 });
    await flushUsage(app.strapi);
    await app.strapi
      .documents('api::article.article')
      .create({ data: { title: 'Unrelated' } as any });
    // 3 calls of 200,000 input at $2/M + 1,000 output at $10/M = 3 × $0.41 = $1.23; the provider also has the free call.
    // The provider also made the image call: 3 images at $0.04.
    expected['plugin::llm.provider'] = {
      name: 'Busy OpenAI',
      cost: '$1.35',
      requests: '5',
      tokens: '804K + 3 units',
    };
    expected['plugin::llm.model'] = {
      name: 'Busy model',
      cost: '$1.23',
      requests: '3',
      tokens: '603K',
    };
    expected['plugin::llm.configuration'] = {
      name: 'Busy configuration',
      cost: '$1.23',
      requests: '3',
      tokens: '603K',
    };
    expected['plugin::llm.task'] = {
      name: 'Busy task',
      cost: '$1.23',
      requests: '3',
      tokens: '603K',
    };
    browser = await launchChromium();
    ({ page, errors } = await signedInPage(browser, app.url!, admin, { width: 1600, height: 900 }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await stub.stop();
  });

  it.each([
    'plugin::llm.provider',
    'plugin::llm.model',
    'plugin::llm.configuration',
    'plugin::llm.task',
  ])('%s shows the 30-day columns with the right figures', async (uid) => {
    const requests: string[] = [];
    const onRequest = (r: { url(): string }) =>
      r.url().includes('/llm/usage-columns/') && requests.push(r.url());
    page.on('request', onRequest);
    await page.goto(`${app.url}/admin/content-manager/collection-types/${uid}`);
    for (const label of ['Cost (30d)', 'Requests (30d)', 'Tokens (30d)'])
      await page.locator('thead th', { hasText: label }).waitFor();
    const want = expected[uid];
    const row = page.getByRole('row').filter({ hasText: want.name });
    await row.getByTestId('llm-usage-cost').waitFor();
    expect(await row.getByTestId('llm-usage-cost').textContent()).toBe(want.cost);
    expect(await row.getByTestId('llm-usage-requests').textContent()).toBe(want.requests);
    expect(await row.getByTestId('llm-usage-tokens').textContent()).toBe(want.tokens);
    // One request for the whole page, not one per row.
    expect(requests).toHaveLength(1);
    page.off('request', onRequest);
    await screenshot(page, `list-columns-${uid.split('.')[1]}`);
  });

  it('shows a blank cell for a row without usage and ~$0.00 for a free model with usage', async () => {
    await page.goto(`${app.url}/admin/content-manager/collection-types/plugin::llm.model`);
    const free = page.getByRole('row').filter({ hasText: 'Free local model' });
    await free.getByTestId('llm-usage-cost').waitFor();
    expect(await free.getByTestId('llm-usage-cost').textContent()).toBe('~$0.00');
    await page.goto(`${app.url}/admin/content-manager/collection-types/plugin::llm.provider`);
    const quiet = page.getByRole('row').filter({ hasText: 'Quiet OpenAI' });
    await page
      .getByRole('row')
      .filter({ hasText: 'Busy OpenAI' })
      .getByTestId('llm-usage-cost')
      .waitFor();
    expect(await quiet.getByTestId('llm-usage-cost').count()).toBe(0);
  });

  it('shows a unit-priced model in its unit, not as 0 tokens', async () => {
    await page.goto(`${app.url}/admin/content-manager/collection-types/plugin::llm.model`);
    const row = page.getByRole('row').filter({ hasText: 'Image model' });
    await row.getByTestId('llm-usage-tokens').waitFor();
    expect(await row.getByTestId('llm-usage-tokens').textContent()).toBe('3 images');
    expect(await row.getByTestId('llm-usage-cost').textContent()).toBe('$0.12');
  });

  it('labels the columns of the plugin’s types for people, not with field names', async () => {
    await page.goto(`${app.url}/admin/content-manager/collection-types/plugin::llm.model`);
    await page.locator('thead th', { hasText: 'Cost (30d)' }).waitFor();
    const headers = (await page.locator('thead th').allTextContents()).map((h) => h.trim());
    expect(headers).toEqual(expect.arrayContaining(['Name', 'Model ID', 'Provider']));
    for (const raw of ['displayName', 'modelId', 'DISPLAYNAME'])
      expect(headers.some((h) => h.toLowerCase() === raw.toLowerCase())).toBe(false);
    await page.goto(`${app.url}/admin/content-manager/collection-types/plugin::llm.provider`);
    await page.locator('thead th', { hasText: 'Base URL' }).waitFor();
    expect(await page.locator('thead th', { hasText: /^baseURL$/i }).count()).toBe(0);
  });

  it('shows the usage ledger read-only: no create button, costs as money, no editable field', async () => {
    await page.goto(`${app.url}/admin/content-manager/collection-types/plugin::llm.usage`);
    await page.locator('thead th', { hasText: 'Cost' }).first().waitFor();
    const headers = (await page.locator('thead th').allTextContents()).map((h) => h.trim());
    expect(headers).toEqual(
      expect.arrayContaining(['Time', 'Model', 'Service', 'Succeeded', 'Cost'])
    );
    expect(headers.some((h) => /costNano/i.test(h))).toBe(false);
    const imageRow = page.getByRole('row').filter({ hasText: 'image-model' });
    expect(await imageRow.getByTestId('llm-ledger-cost').textContent()).toBe('$0.12');
    expect(await page.getByRole('link', { name: /create new entry/i }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /create new entry/i }).count()).toBe(0);
    await screenshot(page, 'usage-ledger-list');

    await imageRow.click();
    await page.getByText('Cost (nano-USD)').first().waitFor();
    // The field's description says what the unit is.
    expect(
      await page.getByText('Billionths of a US dollar', { exact: false }).count()
    ).toBeGreaterThan(0);
    const form = page.locator('main');
    expect(
      await form
        .locator('input:not([disabled]):not([type=hidden]), textarea:not([disabled])')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).name || i.id))
    ).toEqual([]);
    await screenshot(page, 'usage-ledger-entry');
  });

  it('adds no column to an unrelated content type', async () => {
    await page.goto(`${app.url}/admin/content-manager/collection-types/api::article.article`);
    await page.getByRole('row').filter({ hasText: 'Unrelated' }).waitFor();
    expect(await page.locator('thead th', { hasText: 'Cost (30d)' }).count()).toBe(0);
    expect(await page.locator('thead th', { hasText: 'title' }).count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
