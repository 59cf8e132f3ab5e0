import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { AdminCredentials } from './admin';
import { ARTIFACTS_DIR } from './paths';

/** Debian's Chromium, with the flags this machine's closed network needs. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** Signs in through the admin's real login form and waits for the home page. */
export async function loginThroughForm(
  page: Page,
  baseUrl: string,
  user: Pick<AdminCredentials, 'email' | 'password'>
) {
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(user.email);
  await page.locator('input[name="password"]').fill(user.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60000 });
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Collects uncaught page errors so a test can assert the page ran clean. */
export function collectPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return errors;
}

/** A new page of `browser`, signed in through the login form, collecting its uncaught errors. */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  user: Pick<AdminCredentials, 'email' | 'password'>,
  viewport = { width: 1440, height: 900 }
) {
  const page = await browser.newPage({ viewport });
  const errors = collectPageErrors(page);
  await loginThroughForm(page, baseUrl, user);
  return { page, errors };
}
