import type { Browser, Page } from 'playwright-core';
import { createAdminUser, type AdminCredentials } from '../support/admin';
import {
  collectPageErrors,
  launchChromium,
  loginThroughForm,
  screenshot,
} from '../support/browser';
import { startStrapi, type TestApp } from '../support/strapi';

describe('the LLM menu item in the real admin (Chromium)', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let admin: AdminCredentials;
  let pageErrors: Error[];

  beforeAll(async () => {
    app = await startStrapi({ serveAdminPanel: true });
    admin = await createAdminUser(app.strapi, ['strapi-super-admin']);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    pageErrors = collectPageErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('logs in through the login form and opens the LLM page from the menu', async () => {
    await loginThroughForm(page, app.url!, admin);

    const menuLink = page.locator('nav a[href$="/plugins/llm"]');
    await menuLink.waitFor({ timeout: 60000 });
    await menuLink.click();

    await page.waitForURL(/\/admin\/plugins\/llm/);
    const status = page.getByTestId('llm-status');
    await status.waitFor({ timeout: 60000 });
    await expect(status.textContent()).resolves.toContain('sqlite');

    const file = await screenshot(page, 'admin-llm-home');
    expect(file).toMatch(/admin-llm-home\.png$/);
    expect(pageErrors).toEqual([]);
  });
});
