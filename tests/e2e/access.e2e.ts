import type { Browser } from 'playwright-core';
import { createAdminUser, createFullAccessToken, type AdminCredentials } from '../support/admin';
import { launchChromium, screenshot, signedInPage } from '../support/browser';
import {
  createConfiguration,
  llm,
  setupGatewayFixture,
  withConfiguredModel,
} from '../support/fixtures';

describe('allow-lists in the real admin (Chromium)', () => {
  const { app, stub } = setupGatewayFixture({
    serveAdminPanel: true,
    stub: { defaultBehavior: { usage: { input: 10, output: 20 } } },
    beforeStop: () => browser?.close(),
  });
  let browser: Browser;
  let admin: AdminCredentials;
  let editor: AdminCredentials;
  let allowed: any;
  let other: any;
  let editorRole: { id: number };

  beforeAll(async () => {
    admin = await createAdminUser(app.strapi, ['strapi-super-admin']);
    editor = await createAdminUser(app.strapi, ['strapi-editor']);
    editorRole = await app.strapi.db
      .query('admin::role')
      .findOne({ where: { code: 'strapi-editor' } });
    let model: any;
    ({ model, configuration: allowed } = await withConfiguredModel(app.strapi, stub, {
      model: { modelId: 'access-e2e' },
      configuration: { name: 'Support bot' },
    }));
    other = await createConfiguration(app.strapi, model, { name: 'Research' });
    await createFullAccessToken(app.strapi, 'Storefront');
    browser = await launchChromium();
  });

  const rowOf = (page: any, name: string) =>
    page.getByTestId('llm-access-row').filter({ hasText: name });

  it('an admin restricts the Editor role to one configuration and chat, then lifts it', async () => {
    const { page, errors } = await signedInPage(browser, app.url!, admin);
    await page.goto(`${app.url}/admin/plugins/llm/access`);
    const row = rowOf(page, 'Editor');
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Unrestricted');
    await rowOf(page, 'Storefront').waitFor();

    await row.getByRole('button', { name: 'Edit access of Editor' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: 'Any capability' }).click();
    await dialog.getByRole('checkbox', { name: 'Chat' }).click();
    await dialog.getByRole('checkbox', { name: 'Any configuration' }).click();
    await dialog.getByRole('combobox', { name: 'Allowed configurations' }).click();
    await page.getByRole('option', { name: 'Support bot' }).click();
    // A click outside the open list closes it (Escape would close the dialog too).
    await page.getByText('Access of "Editor"').click();
    await screenshot(page, 'access-form');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Access of "Editor" saved').waitFor();
    await expect(row.textContent()).resolves.toMatch(/Support bot.*Chat/);
    await screenshot(page, 'access-page');

    // What the page saved is what the gateway enforces.
    await expect(
      llm(app.strapi).chat({ configuration: other.id, prompt: 'x', user: editor.id })
    ).rejects.toMatchObject({ code: 'not_allowed' });
    await llm(app.strapi).chat({ configuration: allowed.id, prompt: 'x', user: editor.id });
    const rules = await app.strapi.db.query('plugin::llm.access-rule').findMany({});
    expect(rules).toMatchObject([
      {
        subjectKind: 'role',
        subjectId: editorRole.id,
        configurations: [allowed.id],
        capabilities: ['chat'],
      },
    ]);

    // Any on both axes is no rule: unrestricted again.
    await row.getByRole('button', { name: 'Edit access of Editor' }).click();
    await dialog.getByRole('checkbox', { name: 'Any configuration' }).click();
    await dialog.getByRole('checkbox', { name: 'Any capability' }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Access of "Editor" saved').first().waitFor();
    await rowOf(page, 'Editor').filter({ hasText: 'Unrestricted' }).waitFor();
    expect(await app.strapi.db.query('plugin::llm.access-rule').count({})).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works at 390 px: the table scrolls inside its box and the form fits', async () => {
    const { page, errors } = await signedInPage(browser, app.url!, admin, {
      width: 390,
      height: 844,
    });
    await page.goto(`${app.url}/admin/plugins/llm/access`);
    await rowOf(page, 'Editor').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390
    );
    await rowOf(page, 'Editor').getByRole('button', { name: 'Edit access of Editor' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: 'Any capability' }).click();
    const box = await dialog.getByRole('checkbox', { name: 'Transcription' }).boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await screenshot(page, 'access-form-390');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says why the list could not be loaded, and Retry loads it; an Editor has no Access page', async () => {
    const { page, errors } = await signedInPage(browser, app.url!, admin);
    let failures = 0;
    await page.route(
      (url) => url.pathname === '/llm/access-rules',
      async (route) => {
        if (failures > 0) return route.continue();
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
    await page.goto(`${app.url}/admin/plugins/llm/access`);
    await page.getByText('Database is down').waitFor();
    await page.getByTestId('llm-access-retry').click();
    await rowOf(page, 'Editor').waitFor();
    expect(errors).toEqual([]);
    await page.close();

    const asEditor = await signedInPage(browser, app.url!, editor);
    await asEditor.page.goto(`${app.url}/admin/plugins/llm`);
    await asEditor.page.getByTestId('llm-nav-overview').waitFor();
    expect(await asEditor.page.getByTestId('llm-nav-access').count()).toBe(0);
    expect(asEditor.errors).toEqual([]);
    await asEditor.page.close();
  });
});
