import type { Browser, Page } from 'playwright-core';
import { createAdminUser, type AdminCredentials } from '../support/admin';
import {
  collectPageErrors,
  launchChromium,
  loginThroughForm,
  screenshot,
} from '../support/browser';
import { createModel, createProvider } from '../support/fixtures';
import { startStrapi, type TestApp } from '../support/strapi';
import { writeEvents } from '../support/usage-events';

const DAY = 86_400_000;

/** WCAG contrast of each range link's text against the background it is drawn on. */
function rangeLinkContrasts(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const rgb = (text: string) => (text.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const [R, G, B] = [r, g, b].map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * R + 0.7152 * G + 0.0722 * B;
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length >= 3 && (c.length === 3 || c[3] > 0)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    return Array.from(document.querySelectorAll('[data-testid^="llm-range-"]')).map((link) => {
      const text = link.querySelector('span') ?? link;
      const [a, b] = [luminance(rgb(getComputedStyle(text).color)), luminance(background(link))];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    });
  });
}

/** Every breakdown chart: its bars, their labels, and the narrowest bar track. */
function breakdownBars(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid^="llm-breakdown-"]'))
      .filter((chart) => chart.tagName === 'OL')
      .map((chart) => ({
        name: chart.getAttribute('data-testid'),
        bars: chart.querySelectorAll('[data-testid="llm-bar"]').length,
        labels: Array.from(chart.querySelectorAll('[data-testid="llm-bar-label"]')).map((l) => ({
          text: l.textContent ?? '',
          title: l.getAttribute('title') ?? '',
        })),
        trackWidth: Math.min(
          ...Array.from(chart.querySelectorAll('[data-testid="llm-bar"]')).map(
            (b) => (b.parentElement as HTMLElement).getBoundingClientRect().width
          )
        ),
        barWidths: Array.from(chart.querySelectorAll('[data-testid="llm-bar"]')).map(
          (b) => b.getBoundingClientRect().width
        ),
      }))
  );
}

/** The colour the "Cost by model" legend gives a model. */
async function legendColor(page: Page, label: string) {
  const item = page
    .getByTestId('llm-legend-by-model')
    .getByTestId('llm-legend-item')
    .filter({ hasText: label });
  await item.waitFor();
  return item.getAttribute('data-color');
}

/** The page does not scroll sideways. */
const pageOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

const isAnalytics = (range: string) => (url: URL) =>
  url.pathname.endsWith('/llm/analytics') && url.searchParams.get('range') === range;

const serverError = (message: string) => ({
  status: 500,
  contentType: 'application/json',
  body: JSON.stringify({
    data: null,
    error: { status: 500, name: 'InternalServerError', message, details: {} },
  }),
});

describe('the Analytics page in the real admin (Chromium)', () => {
  let app: TestApp;
  let browser: Browser;
  let admin: AdminCredentials;
  let editor: AdminCredentials;

  beforeAll(async () => {
    app = await startStrapi({ serveAdminPanel: true });
    admin = await createAdminUser(app.strapi, ['strapi-super-admin'], {
      firstname: 'Ada',
      lastname: 'Admin',
    });
    editor = await createAdminUser(app.strapi, ['strapi-editor'], {
      firstname: 'Eddie',
      lastname: 'Editor',
    });
    const openai = await createProvider(app.strapi, { adapter: 'openai', name: 'OpenAI' });
    const anthropic = await createProvider(app.strapi, { adapter: 'anthropic', name: 'Anthropic' });
    const models = [
      await createModel(app.strapi, openai, { modelId: 'gpt-4o-mini', displayName: 'GPT-4o mini' }),
      await createModel(app.strapi, anthropic, {
        modelId: 'claude-haiku',
        displayName: 'Claude Haiku',
      }),
    ];
    await app.strapi.plugin('llm').service('budget').create({
      name: 'Eddie monthly',
      scope: 'user',
      userId: editor.id,
      monthlyCost: '2',
      onExceed: 'block',
      active: true,
    });
    const now = Date.now();
    const events = [];
    // 120 days back: one call every 6 hours from the editor and from the system, the last week heavier.
    for (let t = now - 120 * DAY; t < now; t += 6 * 3_600_000) {
      const recent = now - t < 7 * DAY;
      for (const [i, userId] of [editor.id, null, recent ? admin.id : null].entries()) {
        const model = models[i % 2];
        events.push({
          occurredAt: new Date(t - i * 60_000),
          providerId: model.provider?.id ?? (i % 2 ? anthropic.id : openai.id),
          modelId: model.id,
          modelKey: model.modelId,
          userId,
          service: (i % 2 ? 'chat' : 'translation') as 'chat' | 'translation',
          source: i % 2 ? 'editor' : 'cron',
          inputTokens: 1200 + i * 300,
          outputTokens: 300,
          cacheReadTokens: 200,
          costNano: BigInt(1_500_000 + i * 400_000),
        });
      }
    }
    // 200 days back, a burst of costly Claude calls: over 12 months Claude Haiku costs most,
    // over 30 days GPT-4o mini does (a colour by rank would change between the two).
    for (let k = 0; k < 400; k++) {
      events.push({
        occurredAt: new Date(now - 200 * DAY - k * 60_000),
        providerId: anthropic.id,
        modelId: models[1].id,
        modelKey: models[1].modelId,
        userId: null,
        service: 'chat' as const,
        source: 'editor',
        inputTokens: 1000,
        outputTokens: 300,
        cacheReadTokens: 0,
        costNano: BigInt(5_000_000),
      });
    }
    await writeEvents(app.strapi, 'UTC', events);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function signedIn(user: AdminCredentials): Promise<{ page: Page; errors: Error[] }> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 2200 } });
    // Charts honour reduced motion: they draw at once, and the screenshot shows them complete.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const errors = collectPageErrors(page);
    await loginThroughForm(page, app.url!, user);
    return { page, errors };
  }

  it('an admin opens Analytics, walks every range, toggles a chart to its table and sees the budget bar', async () => {
    const { page, errors } = await signedIn(admin);
    // As a person would: the LLM item of the main menu, then Analytics in the plugin's navigation.
    await page.locator('nav a[href$="/plugins/llm"]').click({ timeout: 60000 });
    await page.getByTestId('llm-nav-analytics').click({ timeout: 60000 });
    await page.waitForURL(/\/plugins\/llm\/analytics/);
    const cost = page.getByTestId('llm-kpi-cost-value');
    await cost.waitFor();
    const allLinksReadable = await rangeLinkContrasts(page);
    expect(Math.min(...allLinksReadable)).toBeGreaterThanOrEqual(4.5);

    const seen = new Map<string, string>();
    for (const range of ['1d', '7d', '30d', '90d', 'month', '365d']) {
      const before = await page.getByTestId('llm-kpi-requests-value').textContent();
      await page.getByTestId(`llm-range-${range}`).click();
      await page.waitForURL(new RegExp(`range=${range}$`));
      await page.waitForFunction(
        ([r]) =>
          document.querySelector(`[data-testid="llm-range-${r}"]`)?.getAttribute('aria-current') ===
          'page',
        [range]
      );
      await page.waitForTimeout(300);
      seen.set(range, (await page.getByTestId('llm-kpi-requests-value').textContent()) ?? '');
      expect(before).toBeDefined();
    }
    // Longer ranges hold more requests: the tiles followed the links.
    expect(seen.get('1d')).not.toBe(seen.get('365d'));
    expect(seen.get('7d')).not.toBe(seen.get('90d'));

    // Latency is a median and a p95 of successful calls, per service too; each tile says what its figure is.
    expect(await page.getByTestId('llm-kpi-latency-value').textContent()).toMatch(/ms|s/);
    await page.getByTestId('llm-latency').waitFor();
    expect(
      await page.getByTestId('llm-kpi-avg-cost-definition').getAttribute('aria-label')
    ).toContain('successful, priced calls');

    // The back button returns to the previous range.
    await page.goBack();
    await page.waitForURL(/range=month$/);

    await page.getByTestId('llm-range-90d').click();
    await page.waitForURL(/range=90d$/);
    await page.getByTestId('llm-chart-trend').locator('svg').first().waitFor();
    await page.getByTestId('llm-toggle-trend').click();
    await expect(page.getByTestId('llm-chart-trend').locator('table').count()).resolves.toBe(1);
    // 90 days read by week (13 or 14 of them, partial ones at the ends), then a totals row whose
    // cost, summed exactly from the weeks, is the range's cost tile to the cent.
    const weeks = page
      .getByTestId('llm-chart-trend')
      .locator('tbody tr:not([data-testid="llm-table-totals"])');
    expect(await weeks.count()).toBeGreaterThanOrEqual(13);
    expect(await weeks.count()).toBeLessThanOrEqual(14);
    await expect(weeks.first().textContent()).resolves.toMatch(/^Week of/);
    const totals = page.getByTestId('llm-chart-trend').getByTestId('llm-table-totals');
    const totalCells = await totals.locator('td').allTextContents();
    expect(totalCells[1]).toBe(await cost.textContent());
    // Tokens with every digit grouped ("1,234,567"), not raw (1234567) nor compact (1.2M).
    expect(totalCells[3]).toMatch(/^\d{1,3}(,\d{3})+$/);

    const editorRow = page.getByTestId('llm-user-row').filter({ hasText: 'Eddie Editor' });
    await expect(editorRow.getByTestId('llm-budget-bar').count()).resolves.toBe(1);
    await expect(editorRow.textContent()).resolves.toContain('of $2.00');
    await expect(
      page.getByTestId('llm-user-row').filter({ hasText: 'system' }).count()
    ).resolves.toBe(1);

    await page.getByTestId('llm-toggle-trend').click();
    await page.getByTestId('llm-chart-trend').locator('svg').first().waitFor();
    await screenshot(page, 'analytics-page');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an editor has no Analytics entry and is refused the page, but sees their own usage', async () => {
    const { page, errors } = await signedIn(editor);
    await page.goto(`${app.url}/admin/plugins/llm`);
    await page.getByTestId('llm-nav-me').waitFor();
    expect(await page.getByTestId('llm-nav-analytics').count()).toBe(0);

    await page.getByTestId('llm-nav-me').click();
    await page.getByTestId('llm-kpi-cost-value').waitFor();
    expect(await page.getByTestId('llm-users').count()).toBe(0);
    await screenshot(page, 'my-usage-page');

    await page.goto(`${app.url}/admin/plugins/llm/analytics`);
    await page.getByText("You don't have the permissions to access that content").waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
  it('keeps the old figures dimmed with a progress indicator while a range loads; an error says why and Retry recovers', async () => {
    const { page, errors } = await signedIn(admin);
    await page.goto(`${app.url}/admin/plugins/llm/analytics?range=30d`);
    const requests = page.getByTestId('llm-kpi-requests-value');
    await requests.waitFor({ timeout: 60000 });
    const before = await requests.textContent();

    // A slow answer: the 30-day figures stay, dimmed and marked busy, with a loader.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(isAnalytics('7d'), async (route) => {
      await held;
      await route.continue();
    });
    await page.getByTestId('llm-range-7d').click();
    await page.getByTestId('llm-analytics-loading').waitFor();
    await expect(page.getByTestId('llm-analytics-figures').getAttribute('aria-busy')).resolves.toBe(
      'true'
    );
    expect(await requests.textContent()).toBe(before);
    await screenshot(page, 'analytics-loading');
    release();
    await page.getByTestId('llm-analytics-loading').waitFor({ state: 'detached' });
    await expect(page.getByTestId('llm-analytics-figures').getAttribute('aria-busy')).resolves.toBe(
      'false'
    );
    expect(await requests.textContent()).not.toBe(before);

    // The server fails: its message, and a Retry button (not the generic error page).
    const ninetyDays = isAnalytics('90d');
    await page.route(ninetyDays, (route) =>
      route.fulfill(serverError('The analytics store is unavailable'))
    );
    await page.getByTestId('llm-range-90d').click();
    const failure = page.getByTestId('llm-analytics-error');
    await failure.waitFor();
    await expect(failure.textContent()).resolves.toContain('The analytics store is unavailable');
    await screenshot(page, 'analytics-error');
    await page.unroute(ninetyDays);
    await page.getByTestId('llm-analytics-retry').click();
    await page.getByTestId('llm-kpi-requests-value').waitFor();
    expect(await failure.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Live says so when reloads fail and backs off; a failed export is a notification with the reason', async () => {
    const { page, errors } = await signedIn(admin);
    await page.goto(`${app.url}/admin/plugins/llm/analytics?range=1d`);
    await page.getByTestId('llm-kpi-requests-value').waitFor({ timeout: 60000 });

    const oneDay = isAnalytics('1d');
    await page.route(oneDay, (route) => route.fulfill(serverError('Database connection lost')));
    await page.getByTestId('llm-live').click();
    const notice = page.getByTestId('llm-live-failure');
    await notice.waitFor({ timeout: 15000 });
    // The first failure doubles the wait (5 s → 10 s); the figures stay on the page.
    await expect(notice.textContent()).resolves.toContain('Database connection lost');
    await expect(notice.textContent()).resolves.toContain('10 seconds');
    expect(await page.getByTestId('llm-kpi-requests-value').count()).toBe(1);
    await page.unroute(oneDay);
    await notice.waitFor({ state: 'detached', timeout: 25000 });
    await page.getByTestId('llm-live').click();

    const download = page.waitForEvent('download');
    await page.getByTestId('llm-export-json').click();
    expect((await download).suggestedFilename()).toBe('llm-usage-1d.json');

    await page.route('**/llm/analytics/export**', (route) =>
      route.fulfill(serverError('Export is not possible right now'))
    );
    await page.getByTestId('llm-export-csv').click();
    await page.getByText('Export is not possible right now').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 90000);

  it('gives a model one colour in every range and chart, and labels every breakdown bar', async () => {
    const { page, errors } = await signedIn(admin);
    await page.goto(`${app.url}/admin/plugins/llm/analytics?range=30d`);
    const at30 = await legendColor(page, 'GPT-4o mini');
    const claudeAt30 = await legendColor(page, 'Claude Haiku');
    expect(at30).not.toBe(claudeAt30);
    // 30 days: GPT-4o mini costs most; 12 months: Claude Haiku does. A colour by rank would swap.
    const modelRows = page.getByTestId('llm-breakdown-model').getByTestId('llm-bar-label');
    await expect(modelRows.first().textContent()).resolves.toBe('GPT-4o mini');
    const doughnut = page.getByTestId('llm-legend-token-share').getByTestId('llm-legend-item');
    await expect(
      doughnut.filter({ hasText: 'GPT-4o mini' }).getAttribute('data-color')
    ).resolves.toBe(at30);

    await page.getByTestId('llm-range-365d').click();
    await page.waitForURL(/range=365d$/);
    await page
      .getByTestId('llm-analytics-figures')
      .and(page.locator('[aria-busy="false"]'))
      .waitFor();
    await expect(modelRows.first().textContent()).resolves.toBe('Claude Haiku');
    expect(await legendColor(page, 'GPT-4o mini')).toBe(at30);
    expect(await legendColor(page, 'Claude Haiku')).toBe(claudeAt30);
    // 12 months are drawn and tabled by month (12 or 13 of them), not as 365 hairline bars.
    await page.getByTestId('llm-toggle-by-model').click();
    const months = page
      .getByTestId('llm-chart-by-model')
      .locator('tbody tr:not([data-testid="llm-table-totals"])');
    expect(await months.count()).toBeGreaterThanOrEqual(12);
    expect(await months.count()).toBeLessThanOrEqual(13);
    await page.getByTestId('llm-toggle-by-model').click();
    await page.getByTestId('llm-range-1d').click();
    await page.waitForURL(/range=1d$/);
    await page
      .getByTestId('llm-analytics-figures')
      .and(page.locator('[aria-busy="false"]'))
      .waitFor();
    expect(await legendColor(page, 'GPT-4o mini')).toBe(at30);

    // Legend entries are buttons: keyboard users can hide a series.
    const toggle = page
      .getByTestId('llm-legend-by-model')
      .getByTestId('llm-legend-item')
      .filter({ hasText: 'GPT-4o mini' })
      .locator('button');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('false');
    await page.keyboard.press('Space');
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');

    for (const width of [1440, 1024, 390]) {
      await page.setViewportSize({ width, height: 2000 });
      await page.waitForTimeout(300);
      const charts = await breakdownBars(page);
      // The seeded calls fill these six; the others (configuration, API token, error code, tag)
      // are drawn empty, as a sentence, not as a chart without bars.
      expect(charts.map((c) => c.name)).toEqual(
        expect.arrayContaining(
          ['contentType', 'model', 'provider', 'service', 'source', 'task'].map(
            (d) => `llm-breakdown-${d}`
          )
        )
      );
      for (const chart of charts) {
        expect(chart.labels).toHaveLength(chart.bars);
        for (const label of chart.labels) {
          expect(label.text.trim()).not.toBe('');
          expect(label.title).toBe(label.text);
        }
        if (chart.bars > 0) expect(chart.trackWidth).toBeGreaterThan(width === 390 ? 250 : 200);
        for (const w of chart.barWidths) expect(w).toBeGreaterThan(0);
      }
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    }
    // At phone width the doughnut is full width, not a tiny ring beside the stacked chart.
    const ring = await page
      .getByTestId('llm-chart-token-share')
      .locator('svg.recharts-surface')
      .boundingBox();
    expect(ring?.width ?? 0).toBeGreaterThan(250);
    await screenshot(page, 'analytics-390-light');
    await page.getByTestId('llm-breakdown-model').scrollIntoViewIfNeeded();
    await screenshot(page, 'analytics-390-breakdowns-light');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reads in the dark theme: range links keep their contrast, the users table fits its box', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 2200 } });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.addInitScript(() => localStorage.setItem('STRAPI_THEME', 'dark'));
    const errors = collectPageErrors(page);
    await loginThroughForm(page, app.url!, admin);
    await page.goto(`${app.url}/admin/plugins/llm/analytics?range=30d`);
    await page.getByTestId('llm-kpi-cost-value').waitFor({ timeout: 60000 });
    expect(Math.min(...(await rangeLinkContrasts(page)))).toBeGreaterThanOrEqual(4.5);
    await expect(page.getByTestId('llm-range-30d').getAttribute('aria-current')).resolves.toBe(
      'page'
    );
    // The budget column is inside the table's box at 1440 px, and nothing scrolls the page sideways.
    for (const width of [1440, 1024, 390]) {
      await page.setViewportSize({ width, height: 2200 });
      await page.waitForTimeout(300);
      const card = await page.getByTestId('llm-users').boundingBox();
      expect((card?.x ?? 0) + (card?.width ?? 0)).toBeLessThanOrEqual(width);
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
      if (width === 1440) {
        const budget = await page.getByTestId('llm-users').locator('th').last().boundingBox();
        expect((budget?.x ?? 0) + (budget?.width ?? 0)).toBeLessThanOrEqual(
          (card?.x ?? 0) + (card?.width ?? 0)
        );
      }
      await screenshot(page, `analytics-${width}-dark`);
      await page.getByTestId('llm-users').scrollIntoViewIfNeeded();
      await screenshot(page, `analytics-users-${width}-dark`);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('picks a from–to period, steps to the previous one and back, compares with the previous period, and narrows by a clicked bar', async () => {
    const { page, errors } = await signedIn(admin);
    await page.goto(`${app.url}/admin/plugins/llm/analytics?range=30d`);
    const requests = page.getByTestId('llm-kpi-requests-value');
    await requests.waitFor({ timeout: 60000 });
    const settled = () =>
      page.getByTestId('llm-analytics-figures').and(page.locator('[aria-busy="false"]')).waitFor();

    // The change from the 30 days before, signed, in money and percent: more cost is bad, less is
    // good; more requests is neither good nor bad. Its tooltip names the previous period.
    const costChange = page.getByTestId('llm-kpi-cost-change');
    const costText = (await costChange.textContent()) ?? '';
    expect(costText).toMatch(/^([+-])\$[\d.,]+ · \1[\d.,]+\s?%$/);
    await expect(costChange.locator('[data-tone]').getAttribute('data-tone')).resolves.toBe(
      costText.startsWith('+') ? 'bad' : 'good'
    );
    await expect(
      page.getByTestId('llm-kpi-requests-change').locator('[data-tone]').getAttribute('data-tone')
    ).resolves.toBe('neutral');
    await expect(costChange.getAttribute('aria-label')).resolves.toContain('Change from');

    // A custom period through the date pickers: the URL says it, the header shows its dates.
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY);
    const key = (d: Date) => d.toISOString().slice(0, 10);
    const typed = (d: Date) => `${key(d).slice(5, 7)}/${key(d).slice(8, 10)}/${key(d).slice(0, 4)}`;
    const shown = (d: Date) =>
      new Intl.DateTimeFormat('en', {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        timeZone: 'UTC',
      }).format(d);
    // Not from a 1st: a period from the 1st compares with the month before, not the days before.
    const start = day(20).getUTCDate() === 1 ? 22 : 20;
    const [from, to] = [day(start), day(10)];
    for (const [name, date] of [
      ['from', from],
      ['to', to],
    ] as const) {
      const input = page.getByTestId(`llm-period-${name}`);
      await input.fill(typed(date));
      await input.blur();
    }
    await page.getByTestId('llm-period-apply').click();
    await page.waitForURL((url) => url.searchParams.get('from') === key(from));
    expect(new URL(page.url()).searchParams.get('to')).toBe(key(to));
    await settled();
    const dates = page.getByTestId('llm-period-dates');
    await expect(dates.textContent()).resolves.toContain(shown(from));
    await expect(dates.textContent()).resolves.toContain(shown(to));
    expect(await page.locator('[data-testid^="llm-range-"][aria-current="page"]').count()).toBe(0);
    await screenshot(page, 'analytics-custom-period');

    // The same number of days just before, then back.
    const length = start - 10 + 1;
    await page.getByTestId('llm-period-previous').click();
    await page.waitForURL((url) => url.searchParams.get('to') === key(day(start + 1)));
    expect(new URL(page.url()).searchParams.get('from')).toBe(key(day(start + length)));
    await settled();
    await expect(dates.textContent()).resolves.toContain(shown(day(start + length)));
    await page.getByTestId('llm-period-next').click();
    await page.waitForURL((url) => url.searchParams.get('from') === key(from));
    expect(new URL(page.url()).searchParams.get('to')).toBe(key(to));

    // A click on a model's bar narrows the page to that model: a chip, the URL, other figures.
    await page.goto(`${app.url}/admin/plugins/llm/analytics?range=30d`);
    await requests.waitFor({ timeout: 60000 });
    const all = await requests.textContent();
    const gpt = page
      .getByTestId('llm-breakdown-model')
      .getByTestId('llm-bar-filter')
      .filter({ hasText: 'GPT-4o mini' });
    await gpt.click();
    await page.waitForURL(/[?&]model=\d+/);
    const chip = page.getByTestId('llm-filter-chip');
    await chip.filter({ hasText: 'GPT-4o mini' }).waitFor();
    await page.waitForFunction(
      ([before]) =>
        document.querySelector('[data-testid="llm-kpi-requests-value"]')?.textContent !== before,
      [all]
    );
    await settled();
    await expect(
      page.getByTestId('llm-breakdown-model').getByTestId('llm-bar-label').allTextContents()
    ).resolves.toEqual(['GPT-4o mini']);
    await screenshot(page, 'analytics-filtered');
    // Removing the chip restores the figures.
    await chip.getByRole('button').click();
    await page.waitForURL((url) => !url.searchParams.has('model'));
    await settled();
    await expect(requests.textContent()).resolves.toBe(all);
    expect(await chip.count()).toBe(0);

    // The back button undoes a filter too.
    await gpt.click();
    await chip.first().waitFor();
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('model'));
    await chip.first().waitFor({ state: 'detached' });
    await settled();
    await expect(requests.textContent()).resolves.toBe(all);
    expect(errors).toEqual([]);
    await page.close();
  }, 120000);

  it('an author without usage sees plain words on My usage, no developer command, no export or Live', async () => {
    const author = await createAdminUser(app.strapi, ['strapi-author'], {
      firstname: 'Aurora',
      lastname: 'Author',
    });
    const { page, errors } = await signedIn(author);
    await page.goto(`${app.url}/admin/plugins/llm/me`);
    await page.getByTestId('llm-empty').waitFor({ timeout: 60000 });
    await page.getByTestId('llm-empty-hint').waitFor();
    expect(await page.getByTestId('llm-empty-seed').count()).toBe(0);
    expect(await page.getByTestId('llm-export-csv').count()).toBe(0);
    expect(await page.getByTestId('llm-live').count()).toBe(0);
    expect(await page.getByTestId('llm-empty').textContent()).not.toContain('`');
    await screenshot(page, 'my-usage-empty');
    expect(errors).toEqual([]);
    await page.close();
  });
});
