import type { Browser, Locator, Page } from 'playwright-core';
import { createAdminUser, createFullAccessToken, type AdminCredentials } from '../support/admin';
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

  /** The error shown under a form field: the text its input points to with aria-describedby. */
  async function errorUnder(page: Page, input: Locator): Promise<string> {
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    const ids = (await input.getAttribute('aria-describedby'))?.split(' ') ?? [];
    const texts = await Promise.all(
      ids.map((id) =>
        page
          .locator(`[id="${id}"]`)
          .textContent({ timeout: 1000 })
          .catch(() => '')
      )
    );
    return texts.join(' ');
  }

  it('an admin adds a budget: every problem under its own field, checked before sending, then saved', async () => {
    const { page, errors } = await newPage();
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/llm/budgets')) posts.push(r.url());
    });
    await loginThroughForm(page, app.url!, admin);
    await page.goto(`${app.url}/admin/plugins/llm/budgets`);
    // No budget yet: the empty state says what that means and offers the one useful action.
    await page.getByTestId('llm-budgets-empty').waitFor();
    await page.getByRole('button', { name: 'Add a budget' }).click();

    const dialog = page.getByRole('dialog');
    const name = dialog.getByLabel('Name');
    const monthlyCost = dialog.getByLabel('Monthly cost (USD)');
    const dailyRequests = dialog.getByLabel('Daily requests');
    await name.fill('Editors monthly');
    await dialog.getByRole('combobox', { name: 'Applies to' }).click();
    await page.getByRole('option', { name: 'The whole site' }).click();
    await monthlyCost.fill('-3');
    await dailyRequests.fill('12.5');
    await dialog.getByRole('button', { name: 'Save' }).click();

    // Both problems at once, each under its own field, in words a person reads; nothing sent.
    expect(await errorUnder(page, monthlyCost)).toContain('Enter an amount in USD above 0');
    expect(await errorUnder(page, dailyRequests)).toContain('Enter a whole number from 1 to');
    expect(await name.getAttribute('aria-invalid')).not.toBe('true');
    expect(await dialog.textContent()).not.toMatch(/monthlyCost|dailyRequests/);
    expect(posts).toEqual([]);

    // Active is a labelled switch (not an OFF/ON box), and it switches.
    const active = dialog.getByRole('switch', { name: 'Active' });
    expect(await active.getAttribute('aria-checked')).toBe('true');
    await active.click();
    expect(await active.getAttribute('aria-checked')).toBe('false');
    await active.click();

    await monthlyCost.fill('25');
    expect(await monthlyCost.getAttribute('aria-invalid')).not.toBe('true');
    await dailyRequests.fill('500');
    await screenshot(page, 'budgets-form');
    await dialog.getByRole('button', { name: 'Save' }).click();

    const row = page.getByTestId('llm-budget-row');
    await row.waitFor();
    await page.getByText('Budget "Editors monthly" saved').waitFor();
    expect(posts).toHaveLength(1);
    await expect(row.textContent()).resolves.toContain('Editors monthly');
    await expect(row.textContent()).resolves.toContain('$25.00');
    await expect(row.textContent()).resolves.toContain('500 requests');
    await screenshot(page, 'budgets-page');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the server's refusal under the field it names", async () => {
    const gone = await createAdminUser(app.strapi, ['strapi-editor'], {
      firstname: 'Gone',
      lastname: 'Soon',
    });
    const { page, errors } = await newPage();
    await loginThroughForm(page, app.url!, admin);
    await page.goto(`${app.url}/admin/plugins/llm/budgets`);
    await page.getByRole('button', { name: 'Add a budget' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('For Gone');
    await dialog.getByRole('combobox', { name: 'User' }).click();
    await page.getByRole('option', { name: /Gone Soon/ }).click();
    await dialog.getByLabel('Daily requests').fill('5');
    // The user disappears between choosing and saving: only the server can tell.
    await app.strapi.service('admin::user').deleteById(gone.id);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText(`There is no admin user ${gone.id}`).waitFor();
    // The select's own field holds the message (and not the next field's).
    const userField = dialog
      .locator('div', {
        has: page.getByRole('combobox', { name: 'User' }),
        hasText: `There is no admin user ${gone.id}`,
      })
      .last();
    expect(await userField.textContent()).not.toContain('Daily requests');
    await screenshot(page, 'budgets-form-server-error');
    expect(await dialog.getByLabel('Name').getAttribute('aria-invalid')).not.toBe('true');
    await page.getByText('The budget could not be saved').first().waitFor();
    expect(await page.getByTestId('llm-budget-row').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says why the list could not be loaded, and Retry loads it', async () => {
    const { page, errors } = await newPage();
    await loginThroughForm(page, app.url!, admin);
    // The first list request fails with Strapi's error envelope; the next ones reach the server.
    let failures = 0;
    await page.route(
      (url) => url.pathname === '/llm/budgets',
      async (route) => {
        if (route.request().method() !== 'GET' || failures > 0) return route.continue();
        failures += 1;
        await route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({
            data: null,
            error: { status: 503, name: 'ServiceUnavailableError', message: 'Database is down' },
          }),
        });
      }
    );
    await page.goto(`${app.url}/admin/plugins/llm/budgets`);
    await page.getByText('Database is down').waitFor();
    await screenshot(page, 'budgets-error');
    await page.getByTestId('llm-budgets-retry').click();
    // The list again: its rows, or the empty state when this test runs alone.
    await page
      .locator('[data-testid="llm-budget-row"], [data-testid="llm-budgets-empty"]')
      .first()
      .waitFor();
    expect(await page.getByText('Database is down').count()).toBe(0);
    expect(failures).toBe(1);
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
    expect(text).toMatch(/resets on \w{3} \d{1,2}, \d{4}/);
    // Editors cannot manage budgets: no link, and the page refuses them.
    expect(await page.getByRole('link', { name: 'Budgets' }).count()).toBe(0);
    await screenshot(page, 'budget-banner');
    await page.evaluate(() => localStorage.setItem('STRAPI_THEME', 'dark'));
    await page.reload();
    await page.getByTestId('llm-budget-banner').waitFor();
    await screenshot(page, 'budget-banner-dark');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws each bar in proportion to use, full past 100 %, and asks before deleting', async () => {
    // Site budgets over the one call so far ($0.0034): 34 % of $0.01, 170 % of $0.002.
    for (const [name, monthlyCost] of [
      ['Site a third', '0.01'],
      ['Site overspent', '0.002'],
    ]) {
      await app.strapi
        .plugin('llm')
        .service('budget')
        .create({ name, scope: 'site', monthlyCost, onExceed: 'block', active: true });
    }
    for (const theme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
      const errors = collectPageErrors(page);
      await page.addInitScript((t) => localStorage.setItem('STRAPI_THEME', t), theme);
      await loginThroughForm(page, app.url!, admin);
      await page.goto(`${app.url}/admin/plugins/llm/budgets`);
      for (const [name, percent] of [
        ['Site a third', 34],
        ['Site overspent', 170],
      ] as const) {
        const row = page.getByTestId('llm-budget-row').filter({ hasText: name });
        const bar = row.getByTestId('llm-budget-bar').last();
        await bar.waitFor();
        expect(await bar.getAttribute('role')).toBe('progressbar');
        expect(Number(await bar.getAttribute('aria-valuenow'))).toBe(percent);
        const track = (await bar.boundingBox())!;
        const fill = (await row.getByTestId('llm-budget-bar-fill').last().boundingBox())!;
        expect(fill.width / track.width).toBeCloseTo(Math.min(percent, 100) / 100, 1);
        await expect(row.textContent()).resolves.toContain(`${percent}%`);
        // The fill is the strong colour, the track the light one: they differ in either theme.
        const [trackColour, fillColour] = await Promise.all([
          bar.evaluate((el) => getComputedStyle(el).backgroundColor),
          row
            .getByTestId('llm-budget-bar-fill')
            .last()
            .evaluate((el) => getComputedStyle(el).backgroundColor),
        ]);
        expect(fillColour).not.toBe(trackColour);
      }
      await screenshot(page, `budgets-bars-${theme}`);
      if (theme === 'dark') {
        await page.setViewportSize({ width: 390, height: 900 });
        await screenshot(page, 'budgets-390-dark');
        const fits = () =>
          page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
        expect(await fits()).toBe(true);
        await page.getByRole('button', { name: 'Add a budget' }).click();
        await page.getByRole('dialog').getByRole('switch', { name: 'Active' }).waitFor();
        await page.waitForTimeout(400); // the dialog's opening animation
        await screenshot(page, 'budgets-form-390-dark');
        expect(await fits()).toBe(true);
        await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      }
      expect(errors).toEqual([]);
      if (theme === 'dark') {
        // Deleting asks first; Cancel keeps the budget, Confirm deletes it.
        const row = () => page.getByTestId('llm-budget-row').filter({ hasText: 'Site overspent' });
        await page.setViewportSize({ width: 1440, height: 1000 });
        await row().getByRole('button', { name: 'Delete Site overspent' }).click();
        const confirm = page.getByRole('alertdialog');
        await confirm.getByText('Delete this budget?').waitFor();
        await page.waitForTimeout(400); // the dialog's opening animation
        await screenshot(page, 'budgets-delete-confirm');
        await confirm.getByRole('button', { name: 'Cancel' }).click();
        await confirm.waitFor({ state: 'detached' });
        expect(await row().count()).toBe(1);
        await row().getByRole('button', { name: 'Delete Site overspent' }).click();
        await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
        await page.getByText('Budget "Site overspent" deleted').waitFor();
        await row().waitFor({ state: 'detached' });
        expect(
          (await app.strapi.plugin('llm').service('budget').list()).map((b: any) => b.name)
        ).not.toContain('Site overspent');
      }
      await page.close();
    }
  });
  it('an admin gives an API token its own budget: the token chosen by name, one column on a phone', async () => {
    const token = await createFullAccessToken(app.strapi, 'Storefront');
    const tokenName = (await app.strapi.db
      .query('admin::api-token')
      .findOne({ where: { id: token.id }, select: ['name'] }))!.name as string;
    const { page, errors } = await newPage();
    await loginThroughForm(page, app.url!, admin);
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto(`${app.url}/admin/plugins/llm/budgets`);
    await page.getByRole('button', { name: 'Add a budget' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Storefront allowance');
    const scope = dialog.getByRole('combobox', { name: 'Applies to' });
    await scope.click();
    await page.getByRole('option', { name: 'One API token' }).click();
    const select = dialog.getByRole('combobox', { name: 'API token' });
    await dialog.getByLabel('Daily requests').fill('100');
    // Chosen by nothing yet: the shared rule names the field, nothing is sent.
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Choose the API token this budget applies to').waitFor();
    // One column on a phone, like the rest of the form.
    const [a, b] = [(await scope.boundingBox())!, (await select.boundingBox())!];
    expect(b.x).toBeCloseTo(a.x, 0);
    expect(b.y).toBeGreaterThan(a.y + a.height - 1);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
    ).toBe(true);
    await select.click();
    await page.getByRole('option', { name: tokenName }).click();
    await page.waitForTimeout(300);
    await screenshot(page, 'budgets-form-api-token-390');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Budget "Storefront allowance" saved').waitFor();
    await page.setViewportSize({ width: 1440, height: 1000 });
    const row = page.getByTestId('llm-budget-row').filter({ hasText: 'Storefront allowance' });
    await expect(row.textContent()).resolves.toContain(`API token ${tokenName}`);
    await expect(row.textContent()).resolves.toContain('100 requests');
    // Names only: the key never reaches the page.
    expect(await page.content()).not.toContain(token.accessKey);
    const [saved] = (await app.strapi.plugin('llm').service('budget').list()).filter(
      (b: any) => b.name === 'Storefront allowance'
    );
    expect(saved).toMatchObject({ scope: 'apiToken', apiTokenId: token.id, dailyRequests: 100 });
    expect(errors).toEqual([]);
    await page.close();
  });
});
