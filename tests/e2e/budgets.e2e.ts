import type { Browser, Page } from 'playwright-core';
import { createAdminUser, type AdminCredentials } from '../support/admin';
import {
  collectPageErrors,
  launchChromium,
  loginThroughForm,
  screenshot,
} from '../support/browser';
import { flushUsage, llm, setupGatewayFixture, withConfiguredModel } from '../support/fixtures';

describe('budgets in the real admin (Chromium)', () => {
  const { app, stub } = setupGatewayFixture({
    serveAdminPanel: true,
    stub: { defaultBehavior: { usage: { input: 100, output: 400 } } },
    beforeStop: () => browser?.close(),
  });
  let browser: Browser;
  let admin: AdminCredentials;
  let editor: AdminCredentials;
  let configuration: any;

  beforeAll(async () => {
    admin = await createAdminUser(app.strapi, ['strapi-super-admin'], {
      firstname: 'Ada',
      lastname: 'Admin',
    });
    editor = await createAdminUser(app.strapi, ['strapi-editor'], {
      firstname: 'Eddie',
      lastname: 'Editor',
    });
    ({ configuration } = await withConfiguredModel(app.strapi, stub, {
      model: { modelId: 'e2e', priceInput: '2', priceOutput: '8' },
      configuration: { maxOutputTokens: 500 },
    }));
    browser = await launchChromium();
  });

  async function newPage(): Promise<{ page: Page; errors: Error[] }> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    return { page, errors: collectPageErrors(page) };
  }

  it('an admin adds a budget through the form and sees it listed with its usage', async () => {
    const { page, errors } = await newPage();
    await loginThroughForm(page, app.url!, admin);
    await page.goto(`${app.url}/admin/plugins/llm/budgets`);
    await page.getByRole('button', { name: 'Add a budget' }).click();

    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Editors monthly');
    await dialog.getByRole('combobox', { name: 'Applies to' }).click();
    await page.getByRole('option', { name: 'The whole site' }).click();
    await dialog.getByLabel('Monthly cost (USD)').fill('-3');
    await dialog.getByRole('button', { name: 'Save' }).click();
    // The server's validation message is shown, and nothing was saved.
    await dialog.getByText('monthlyCost must be').waitFor();
    await dialog.getByLabel('Monthly cost (USD)').fill('25');
    await dialog.getByLabel('Daily requests').fill('500');
    await dialog.getByRole('button', { name: 'Save' }).click();

    const row = page.getByTestId('llm-budget-row');
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Editors monthly');
    await expect(row.textContent()).resolves.toContain('$25.00');
    await expect(row.textContent()).resolves.toContain('500 requests');
    await screenshot(page, 'budgets-page');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a user with a budget sees what is left in a banner', async () => {
    await app.strapi.plugin('llm').service('budget').create({
      name: 'Eddie',
      scope: 'user',
      userId: editor.id,
      monthlyCost: '0.01',
      onExceed: 'block',
      active: true,
    });
    // 100 input + 400 output tokens at $2/$8 per million: $0.0034 of $0.01.
    await llm(app.strapi).chat({
      configuration: configuration.id,
      prompt: 'hello',
      user: editor.id,
    });
    await flushUsage(app.strapi);

    const { page, errors } = await newPage();
    await loginThroughForm(page, app.url!, editor);
    await page.goto(`${app.url}/admin/plugins/llm`);
    const banner = page.getByTestId('llm-budget-banner');
    await banner.waitFor();
    const text = await banner.textContent();
    expect(text).toContain('$0.0066 of $0.01 left this month');
    expect(text).toContain('34% used');
    // Editors cannot manage budgets: no link, and the page refuses them.
    expect(await page.getByRole('link', { name: 'Budgets' }).count()).toBe(0);
    await screenshot(page, 'budget-banner');
    expect(errors).toEqual([]);
    await page.close();
  });
});
