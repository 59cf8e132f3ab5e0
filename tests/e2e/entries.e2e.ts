import type { Browser, Page } from 'playwright-core';
import { countTokens } from '../../server/src/gateway/quantities';
import { formatNanoUsd } from '../../server/src/pricing/money';
import { formatUsd } from '../../shared/format';
import { createAdminUser, type AdminCredentials } from '../support/admin';
import { launchChromium, screenshot, signedInPage } from '../support/browser';
import { createTask, flushUsage, llm, usageRows, withConfiguredModel } from '../support/fixtures';
import { startStrapi, type TestApp } from '../support/strapi';
import { StubProvider } from '../support/stub-provider';

const ARTICLE = 'api::article.article';

describe('AI usage per entry and the bulk "Run LLM task…" action in the Content Manager (Chromium)', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let errors: Error[];
  const stub = new StubProvider();
  let admin: AdminCredentials;
  let withUsage: any;
  let idle: any;
  let bulk: any[];

  beforeAll(async () => {
    await stub.start();
    stub.defaultBehavior = { tokenizer: countTokens, usage: { output: 100 } };
    app = await startStrapi({ serveAdminPanel: true });
    admin = await createAdminUser(app.strapi, ['strapi-super-admin']);
    const { model, configuration } = await withConfiguredModel(app.strapi, stub, {
      provider: { name: 'Entry OpenAI' },
      model: {
        modelId: 'entry-model',
        displayName: 'Entry model',
        priceInput: '2',
        priceOutput: '10',
      },
      configuration: { name: 'Entry configuration', maxOutputTokens: 100 },
    });
    await createTask(app.strapi, configuration, {
      name: 'Summarise article',
      promptTemplate: 'Summarise: {{title}}\n{{body}}',
    });
    const articles = app.strapi.documents(ARTICLE as any);
    withUsage = await articles.create({ data: { title: 'Has AI usage', body: 'text' } as any });
    idle = await articles.create({ data: { title: 'No AI usage', body: 'text' } as any });
    bulk = [
      await articles.create({
        data: { title: 'Bulk one', body: 'First body to summarise.' } as any,
      }),
      await articles.create({
        data: {
          title: 'Bulk two',
          body: 'Second body, a little longer than the first one.',
        } as any,
      }),
    ];
    for (let i = 0; i < 2; i += 1) {
      await llm(app.strapi).chat({
        model: model.id,
        prompt: 'Describe this article in one line.',
        entry: { uid: ARTICLE, documentId: withUsage.documentId },
        user: admin.id,
      });
    }
    await flushUsage(app.strapi);
    browser = await launchChromium();
    ({ page, errors } = await signedInPage(browser, app.url!, admin, {
      width: 1600,
      height: 1000,
    }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await stub.stop();
  });

  it('shows an "AI usage" side panel on an entry with usage, with figures from its rows, and none on an entry without', async () => {
    const rows = await usageRows(app.strapi, { entryDocumentId: withUsage.documentId });
    const cost = rows.reduce((sum, r) => sum + BigInt(r.costNano), 0n);
    await page.goto(
      `${app.url}/admin/content-manager/collection-types/${ARTICLE}/${withUsage.documentId}`
    );
    await page.getByTestId('llm-entry-usage').waitFor();
    expect(await page.getByText('AI usage', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('llm-entry-calls').textContent()).toBe(String(rows.length));
    expect(await page.getByTestId('llm-entry-cost').textContent()).toBe(
      formatUsd(formatNanoUsd(cost))
    );
    expect(await page.getByTestId('llm-entry-recent').locator('li').count()).toBe(rows.length);
    await screenshot(page, 'entry-usage-panel');

    await page.goto(
      `${app.url}/admin/content-manager/collection-types/${ARTICLE}/${idle.documentId}`
    );
    await page.getByRole('textbox', { name: 'title' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('llm-entry-usage').count()).toBe(0);
  });

  it('estimates a task over the selected entries, runs it with progress, and attributes each call to its entry', async () => {
    await page.goto(`${app.url}/admin/content-manager/collection-types/${ARTICLE}`);
    for (const title of ['Bulk one', 'Bulk two'])
      await page.getByRole('row').filter({ hasText: title }).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Run LLM task…' }).click();
    const dialog = page.getByTestId('llm-run-task-dialog');
    await dialog.waitFor();
    await page
      .getByRole('combobox')
      .filter({ hasText: /Pick a task|Loading/ })
      .click();
    await page.getByRole('option', { name: 'Summarise article (chat)' }).click();
    await page.getByTestId('llm-estimate').waitFor();
    expect(await page.getByTestId('llm-estimate').textContent()).toContain('2 calls');
    expect(await page.getByTestId('llm-estimate-cost').textContent()).toMatch(/^At most \$/);
    await screenshot(page, 'bulk-run-estimate');

    await page.getByRole('button', { name: 'Run on 2 entries' }).click();
    await page.getByText('Finished: 2 of 2 done').waitFor();
    await screenshot(page, 'bulk-run-finished');

    await flushUsage(app.strapi);
    for (const entry of bulk) {
      const rows = await usageRows(app.strapi, { entryDocumentId: entry.documentId });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ entryUid: ARTICLE, success: true, userId: admin.id });
    }
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });
});
