import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { AdminCredentials } from './admin';
import { ARTIFACTS_DIR } from './paths';

interface Diagnostics {
  browsers: Set<Browser>;
  logs: WeakMap<Page, string[]>;
}

/** Where tests/support/e2e-environment.js finds the pages to describe when a test fails. */
const diagnostics = () => (globalThis as { __llmE2e?: Diagnostics }).__llmE2e;

/** Keeps a page's last network failures, HTTP errors and console errors for the failure report. */
function watch(page: Page) {
  const log: string[] = [];
  diagnostics()?.logs.set(page, log);
  const add = (line: string) => log.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
  page.on('requestfailed', (r) => add(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => r.status() >= 400 && add(`HTTP ${r.status()}: ${r.url()}`));
  page.on('console', (m) => m.type() === 'error' && add(`console: ${m.text().slice(0, 300)}`));
  page.on('pageerror', (error) => add(`page error: ${error.message}`));
}

/** Debian's Chromium, with the flags this machine's closed network needs. */
export async function launchChromium(): Promise<Browser> {
  const browser = await launch();
  diagnostics()?.browsers.add(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    watch(page);
    return page;
  };
  return browser;
}

function launch() {
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
