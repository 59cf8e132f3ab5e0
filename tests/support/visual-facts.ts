import type { Page } from 'playwright-core';

/**
 * Layout facts read off a rendered page with computed styles and boxes, for the visual suite.
 * Each returns raw measurements; the test decides what is wrong, so a failure prints the figure.
 */

/**
 * How many pixels the page scrolls sideways (0 when it fits): the document, and the admin's own
 * content boxes that hold `main` (a table that scrolls inside its own box is fine, and not counted).
 */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const boxes: Element[] = [document.documentElement];
    for (let node = document.querySelector('main'); node; node = node.parentElement)
      boxes.push(node);
    return Math.max(...boxes.map((box) => box.scrollWidth - box.clientWidth));
  });
}

/** The element reaching furthest past the viewport's right edge, to name in a failure. */
export function widestElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    // Inside a box that scrolls sideways itself, a wide element is fine: it is not the page's.
    const scrollsItself = (el: Element) => {
      for (
        let node = el.parentElement;
        node && node.tagName !== 'MAIN';
        node = node.parentElement
      ) {
        if (/auto|scroll|hidden/.test(getComputedStyle(node).overflowX)) return true;
      }
      return false;
    };
    let widest: Element | null = null;
    let right = window.innerWidth;
    for (const el of Array.from(document.querySelectorAll('main *'))) {
      const box = el.getBoundingClientRect();
      if (box.right > right + 1 && !scrollsItself(el)) [widest, right] = [el, box.right];
    }
    if (!widest) return 'none';
    const testid = widest.closest('[data-testid]')?.getAttribute('data-testid');
    const text = widest.textContent?.trim().slice(0, 40);
    return `<${widest.tagName.toLowerCase()}> "${text}" in ${testid ?? 'no test id'}`;
  });
}

/** How far the plugin's own elements reach past the viewport's right edge, outside scroll boxes within the page. */
export function pluginOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    // A box inside the page that scrolls or clips sideways itself (a wide table's) may hold wider
    // content; the page's own boxes (main and what holds it) may not.
    const main = document.querySelector('main');
    const clipped = (el: Element) => {
      for (let node = el.parentElement; node && node !== main; node = node.parentElement) {
        if (main?.contains(node) && /auto|scroll|hidden/.test(getComputedStyle(node).overflowX))
          return true;
      }
      return false;
    };
    const reach = Array.from(document.querySelectorAll('[data-testid^="llm-"]'))
      .filter((el) => !clipped(el))
      .map((el) => el.getBoundingClientRect().right - window.innerWidth);
    return Math.max(0, ...reach);
  });
}

/**
 * For each breakdown chart (`data-testid="llm-breakdown-…"`): its drawn bars, and its category
 * labels (axis ticks or bar labels with words in them, so money and count ticks don't count).
 */
export function breakdownLabelling(
  page: Page
): Promise<Array<{ id: string; bars: number; labels: number }>> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-testid^="llm-breakdown-"]'))
      .filter((chart) => chart.querySelector('svg, [data-testid="llm-bar"]'))
      .map((chart) => {
        // Recharts bars, or the Analytics page's labelled HTML bars (llm-bar / llm-bar-label).
        const bars = Array.from(
          chart.querySelectorAll('.recharts-bar-rectangle, [data-testid="llm-bar"]')
        ).filter((bar) => {
          const box = bar.getBoundingClientRect();
          return box.width > 0 && box.height > 0;
        }).length;
        const texts = Array.from(
          chart.querySelectorAll(
            '.recharts-cartesian-axis-tick-value, .recharts-label-list text, [data-testid="llm-bar-label"]'
          )
        )
          .map((node) => node.textContent?.trim() ?? '')
          .filter((text) => /\p{L}{2,}/u.test(text));
        return { id: chart.dataset.testid ?? '', bars, labels: texts.length };
      })
  );
}

/** Each budget bar: the use it reports (aria-valuenow, %) and how full it is drawn (0–1). */
export function budgetBarFills(page: Page): Promise<Array<{ percent: number; ratio: number }>> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-testid="llm-budget-bar"]'))
      .filter((track) => track.getBoundingClientRect().width > 0)
      .map((track) => {
        const fill = track.querySelector<HTMLElement>('[data-testid="llm-budget-bar-fill"]');
        const percent = Number(
          (track.getAttribute('role') === 'progressbar'
            ? track
            : track.querySelector('[role="progressbar"]')
          )?.getAttribute('aria-valuenow') ?? NaN
        );
        const ratio = fill
          ? fill.getBoundingClientRect().width / track.getBoundingClientRect().width
          : NaN;
        return { percent, ratio: Math.round(ratio * 1000) / 1000 };
      })
  );
}

/** WCAG contrast of each range link's text against the background it is drawn on. */
export function rangeLinkContrasts(page: Page): Promise<Array<{ text: string; contrast: number }>> {
  return page.evaluate(() => {
    const rgba = (css: string) => {
      const [r, g, b, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
      return { r, g, b, a };
    };
    const luminance = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const channel = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const backgroundOf = (start: Element) => {
      for (let node: Element | null = start; node; node = node.parentElement) {
        const colour = rgba(getComputedStyle(node).backgroundColor);
        if (colour.a > 0.5) return colour;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    return Array.from(document.querySelectorAll<HTMLElement>('[data-testid^="llm-range-"]')).map(
      (link) => {
        const textNode =
          Array.from(link.querySelectorAll<HTMLElement>('*')).find(
            (el) => el.children.length === 0 && el.textContent?.trim()
          ) ?? link;
        const fg = luminance(rgba(getComputedStyle(textNode).color));
        const bg = luminance(backgroundOf(textNode));
        const contrast = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        return { text: link.textContent?.trim() ?? '', contrast: Math.round(contrast * 100) / 100 };
      }
    );
  });
}

/**
 * Requests that answer 404 in a fresh Strapi 5.54 app without the plugin too (the same list as
 * tests/consumer/browser-checks.mjs, checked against a bare app there): not the plugin's doing.
 */
const STRAPI_BASELINE_404 = [
  /^\/admin\/ai-feature-config$/,
  /^\/i18n\/ai-localization-jobs\/collection-types\/[^/]+\/[^/]+$/,
  /^\/content-manager\/preview\/url\/[^/]+$/,
];

/**
 * Console errors and uncaught errors of `page`, each with the resource it names; a 404 that a
 * bare Strapi app has as well, and requests to other hosts (blocked: the network is closed), are
 * left out.
 */
export function watchConsole(page: Page, baseUrl: string): string[] {
  const origin = new URL(baseUrl).origin;
  const errors: string[] = [];
  const baseline = (url: string) =>
    url.startsWith(origin) && STRAPI_BASELINE_404.some((re) => re.test(new URL(url).pathname));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location()?.url ?? '';
    if (where && (!where.startsWith(origin) || baseline(where))) return;
    errors.push(`${new URL(page.url()).pathname}: ${message.text()} ${where}`);
  });
  page.on('pageerror', (error) => errors.push(`${new URL(page.url()).pathname}: ${error.message}`));
  return errors;
}
