'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { TestEnvironment } = require('jest-environment-node');

const ARTIFACTS_DIR = path.join(__dirname, '..', '..', 'artifacts');

/**
 * The browser tests' environment: when a test fails, every page still open is photographed and
 * its URL, visible text and recent network and console errors are printed. CI shows only the
 * output, and a browser test that times out otherwise says nothing but the locator it waited for.
 * Pages are registered by tests/support/browser.ts (`launchChromium`) in `__llmE2e`.
 */
class E2eEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.__llmE2e = { browsers: new Set(), logs: new WeakMap() };
  }

  async handleTestEvent(event) {
    if (event.name !== 'test_fn_failure' && event.name !== 'hook_failure') return;
    const name = event.test ? fullName(event.test) : `${event.hook.type} hook`;
    try {
      await this.describePages(name);
      await this.dropRoutes();
    } catch (error) {
      process.stderr.write(`[e2e diagnostics] could not describe the pages: ${error}\n`);
    }
  }

  /** A failed test may leave a scripted answer in place; its second run starts without any. */
  async dropRoutes() {
    for (const browser of this.global.__llmE2e.browsers)
      for (const context of browser.contexts())
        for (const page of context.pages())
          if (!page.isClosed()) await page.unrouteAll({ behavior: 'ignoreErrors' });
  }

  async describePages(testName) {
    const { browsers, logs } = this.global.__llmE2e;
    const pages = [...browsers].flatMap((browser) =>
      browser.contexts().flatMap((context) => context.pages())
    );
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const slug = testName.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
    const lines = [`[e2e diagnostics] "${testName}" failed; ${pages.length} page(s) open`];
    for (const [i, page] of pages.entries()) {
      if (page.isClosed()) continue;
      const file = path.join(ARTIFACTS_DIR, `failure-${slug}-${i}.png`);
      await page.screenshot({ path: file, fullPage: true, timeout: 10000 }).catch(() => {});
      const text = await page
        .evaluate(() => globalThis.document.body?.innerText ?? '', undefined)
        .catch((error) => `(no text: ${error})`);
      lines.push(
        `--- page ${i}: ${page.url()} (screenshot ${path.relative(process.cwd(), file)})`,
        `visible text: ${String(text).replace(/\s+/g, ' ').slice(0, 1500)}`,
        ...(logs.get(page) ?? []).slice(-30).map((line) => `  ${line}`)
      );
    }
    process.stderr.write(`${lines.join('\n')}\n`);
  }
}

function fullName(test) {
  const names = [];
  for (let block = test; block; block = block.parent) if (block.name) names.unshift(block.name);
  return names.filter((n) => n !== 'ROOT_DESCRIBE_BLOCK').join(' › ');
}

module.exports = E2eEnvironment;
