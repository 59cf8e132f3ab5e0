import type { Browser, Page } from 'playwright-core';
import { createAdminUser, type AdminCredentials } from '../support/admin';
import { collectPageErrors, launchChromium, loginThroughForm } from '../support/browser';
import { setupGatewayFixture, withConfiguredModel } from '../support/fixtures';

describe('rate limits in the real admin (Chromium)', () => {
  const { app, stub } = setupGatewayFixture({
    serveAdminPanel: true,
    beforeStop: () => browser?.close(),
  });
  let browser: Browser;
  let admin: AdminCredentials;
  let configuration: any;

  beforeAll(async () => {
    admin = await createAdminUser(app.strapi, ['strapi-super-admin']);
    ({ configuration } = await withConfiguredModel(app.strapi, stub, {
      model: { modelId: 'e2e-rate', priceInput: '1', priceOutput: '1' },
      configuration: { name: 'Chat limited', maxOutputTokens: 100 },
    }));
    browser = await launchChromium();
  });

  async function newPage(): Promise<{ page: Page; errors: Error[] }> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    return { page, errors: collectPageErrors(page) };
  }

  it('an admin adds, edits and deletes a rate limit on the Budgets page', async () => {
    const { page, errors } = await newPage();
    await loginThroughForm(page, app.url!, admin);
    await page.goto(`${app.url}/admin/plugins/llm/budgets`);
    await page.getByTestId('llm-rate-limits-empty').waitFor();
    await page.getByRole('button', { name: 'Add a rate limit' }).click();

    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Applies to' }).click();
    await page.getByRole('option', { name: 'One configuration' }).click();
    await dialog.getByRole('combobox', { name: 'Who' }).click();
    await page.getByRole('option', { name: 'Chat limited' }).click();
    const rpm = dialog.getByLabel('Requests per minute');
    await rpm.fill('0');
    await dialog.getByRole('button', { name: 'Save' }).click();
    // Checked before sending: the problem under its field, nothing saved.
    expect(await rpm.getAttribute('aria-invalid')).toBe('true');
    await rpm.fill('30');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.getByTestId('llm-rate-limit-row');
    await row.getByText('Configuration Chat limited', { exact: true }).waitFor();
    expect(await row.textContent()).toContain('30');
    const [stored] = await app.strapi.db.query('plugin::llm.rate-limit').findMany({});
    expect(stored).toMatchObject({
      scope: 'configuration',
      subjectId: configuration.id,
      requestsPerMinute: 30,
      enabled: true,
    });

    await row.getByRole('button', { name: 'Edit Configuration Chat limited' }).click();
    await dialog.getByLabel('Tokens per minute').fill('5000');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('5,000').waitFor();

    await row.getByRole('button', { name: 'Delete Configuration Chat limited' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    await page.getByTestId('llm-rate-limits-empty').waitFor();
    expect(await app.strapi.db.query('plugin::llm.rate-limit').count({})).toBe(0);
    expect(errors).toEqual([]);
  });
});
