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
      // One retry, so a provider failure shows as a retried attempt in the side panel.
      provider: { name: 'Entry OpenAI', maxRetries: 1 },
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
    await articles.create({ data: { title: 'Bulk without body' } as any });
    for (let i = 0; i < 2; i += 1) {
      await llm(app.strapi).chat({
        model: model.id,
        prompt: 'Describe this article in one line.',
        entry: { uid: ARTICLE, documentId: withUsage.documentId },
        user: admin.id,
      });
    }
    // A call the provider failed once (a 503) and the gateway retried.
    stub.next({ status: 503 });
    await llm(app.strapi).chat({
      model: model.id,
      prompt: 'Describe it again.',
      entry: { uid: ARTICLE, documentId: withUsage.documentId },
      user: admin.id,
    });
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

  it('shows an "AI usage" side panel on an entry with usage, with figures from its rows, a retried failure under its retry with the reason, and none on an entry without', async () => {
    const rows = await usageRows(app.strapi, { entryDocumentId: withUsage.documentId });
    const cost = rows.reduce((sum, r) => sum + BigInt(r.costNano ?? 0), 0n);
    const failed = rows.filter((r) => !r.success);
    expect(failed).toHaveLength(1);
    await page.goto(
      `${app.url}/admin/content-manager/collection-types/${ARTICLE}/${withUsage.documentId}`
    );
    await page.getByTestId('llm-entry-usage').waitFor();
    expect(await page.getByText('AI usage', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('llm-entry-calls').textContent()).toBe(String(rows.length));
    expect(await page.getByTestId('llm-entry-cost').textContent()).toBe(
      formatUsd(formatNanoUsd(cost))
    );
    // Three calls; the failed attempt is listed under the call that retried it, with its reason.
    const recent = page.getByTestId('llm-entry-recent');
    expect(await recent.getByTestId('llm-entry-call').count()).toBe(rows.length - 1);
    const retry = recent.getByTestId('llm-entry-retry');
    expect(await retry.count()).toBe(1);
    expect(await retry.textContent()).toContain('retry');
    expect(await retry.getByTestId('llm-entry-call-reason').textContent()).toMatch(
      /^provider_error: /
    );
    // One date style: the admin locale's, 24-hour, not the browser's US default.
    const when = await recent.getByTestId('llm-entry-call').first().textContent();
    expect(when).toMatch(/\d{1,2}, \d{4}, \d{2}:\d{2}/);
    expect(when).not.toMatch(/AM|PM|\d+\/\d+\/\d{4}/);
    await screenshot(page, 'entry-usage-panel');

    await page.goto(
      `${app.url}/admin/content-manager/collection-types/${ARTICLE}/${idle.documentId}`
    );
    await page.getByRole('textbox', { name: 'title' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('llm-entry-usage').count()).toBe(0);
  });

  it('names an entry lacking a task variable by its title, not its document id', async () => {
    await page.goto(`${app.url}/admin/content-manager/collection-types/${ARTICLE}`);
    for (const title of ['Bulk one', 'Bulk without body'])
      await page.getByRole('row').filter({ hasText: title }).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Run LLM task…' }).click();
    await page.getByTestId('llm-run-task-dialog').waitFor();
    await page
      .getByRole('combobox')
      .filter({ hasText: /Pick a task|Loading/ })
      .click();
    await page.getByRole('option', { name: 'Summarise article (chat)' }).click();
    const alert = page.getByTestId('llm-run-task-dialog').getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      'Entry “Bulk without body”: Missing task variable(s): body'
    );
    expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Run on 2 entries' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  });

  it('estimates a task over the selected entries, runs it with progress, and shows each entry’s text and actual cost, or why it failed', async () => {
    await page.goto(`${app.url}/admin/content-manager/collection-types/${ARTICLE}`);
    for (const title of ['Bulk one', 'Bulk two', 'Has AI usage'])
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
    expect(await page.getByTestId('llm-estimate').textContent()).toContain('3 calls');
    expect(await page.getByTestId('llm-estimate-cost').textContent()).toMatch(/^At most \$/);
    await screenshot(page, 'bulk-run-estimate');

    // The entries run in the list's order; the third is refused by the provider (400: no retry).
    const long = `A generated summary. ${'It goes on. '.repeat(30)}The end.`;
    stub.next({ text: long }, { text: 'Second summary.' }, { status: 400 });
    const before = stub.requests.length;
    await page.getByRole('button', { name: 'Run on 3 entries' }).click();
    await page.getByText('Finished: 2 of 3 done, 1 failed').waitFor();
    expect(stub.requests.length).toBe(before + 3);
    await screenshot(page, 'bulk-run-finished');

    await flushUsage(app.strapi);
    // Results are listed in the order the entries ran: the stub's answers in the same order.
    const results = page.getByTestId('llm-run-result');
    expect(await results.count()).toBe(3);
    const byTitle = new Map<string, any>(
      [...bulk, withUsage].map((entry) => [`“${entry.title}”`, entry] as const)
    );
    let total = 0n;
    for (let i = 0; i < 2; i += 1) {
      const result = results.nth(i);
      expect(await result.getAttribute('data-state')).toBe('done');
      const link = result.getByRole('link');
      const entry = byTitle.get((await link.textContent())!)!;
      expect(await link.getAttribute('href')).toContain(
        `/content-manager/collection-types/${ARTICLE}/${entry.documentId}`
      );
      const rows = await usageRows(app.strapi, {
        entryDocumentId: entry.documentId,
        taskId: { $notNull: true },
      });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ entryUid: ARTICLE, success: true, userId: admin.id });
      total += BigInt(rows[0].costNano);
      // The actual cost, next to the estimate.
      const cost = await result.getByTestId('llm-run-result-cost').textContent();
      expect(cost).toMatch(/^Estimated \$[\d.]+ · actual \$[\d.]+$/);
      expect(cost!.endsWith(`actual ${formatUsd(formatNanoUsd(BigInt(rows[0].costNano)))}`)).toBe(
        true
      );
    }
    expect(await page.getByTestId('llm-run-total').textContent()).toContain(
      `Actual cost ${formatUsd(formatNanoUsd(total))}`
    );
    // The generated text: its start, and all of it on demand.
    const text = results.nth(0).getByTestId('llm-run-result-text');
    expect(await text.textContent()).toMatch(/^A generated summary\. It goes on\..*…$/);
    await results.nth(0).getByRole('button', { name: 'Show all' }).click();
    expect(await text.textContent()).toBe(long);
    expect(await results.nth(1).getByTestId('llm-run-result-text').textContent()).toBe(
      'Second summary.'
    );
    // The failure says why: the gateway's code and the provider's message.
    const failure = results.nth(2);
    expect(await failure.getAttribute('data-state')).toBe('failed');
    expect(await failure.getByTestId('llm-run-result-error').textContent()).toMatch(
      /^provider_error: .+/
    );
    await screenshot(page, 'bulk-run-results');

    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });
  it('fits a phone (390 px) in the dark theme: the side panel and the bulk-run dialog, no sideways scrolling', async () => {
    const narrow = await signedInPage(browser, app.url!, admin, { width: 390, height: 844 });
    const phone = narrow.page;
    await phone.evaluate(() => localStorage.setItem('STRAPI_THEME', 'dark'));
    const overflow = () =>
      phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await phone.goto(
      `${app.url}/admin/content-manager/collection-types/${ARTICLE}/${withUsage.documentId}`
    );
    await phone.getByTestId('llm-entry-usage').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    // Dark theme: the panel's text is light on a dark surface.
    const color = await phone
      .getByTestId('llm-entry-calls')
      .evaluate((el) => getComputedStyle(el).color);
    const [r, g, b] = color.match(/\d+/g)!.map(Number);
    expect(r + g + b).toBeGreaterThan(3 * 160);
    await phone.getByTestId('llm-entry-usage').scrollIntoViewIfNeeded();
    await screenshot(phone, 'entry-usage-panel-390-dark');

    await phone.goto(`${app.url}/admin/content-manager/collection-types/${ARTICLE}`);
    await phone.getByRole('row').filter({ hasText: 'Bulk one' }).getByRole('checkbox').check();
    await phone.getByRole('button', { name: 'Run LLM task…' }).click();
    await phone.getByTestId('llm-run-task-dialog').waitFor();
    await phone
      .getByRole('combobox')
      .filter({ hasText: /Pick a task|Loading/ })
      .click();
    await phone.getByRole('option', { name: 'Summarise article (chat)' }).click();
    await phone.getByTestId('llm-estimate').waitFor();
    stub.next({ text: `A summary for a small screen. ${'Words go on. '.repeat(40)}` });
    await phone.getByRole('button', { name: 'Run on 1 entry' }).click();
    await phone.getByText('Finished: 1 of 1 done').waitFor();
    const result = phone.getByTestId('llm-run-result');
    const box = await result.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(phone, 'bulk-run-results-390-dark');
    expect(narrow.errors).toEqual([]);
    await phone.close();
  });
});
