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

/**
 * For each breakdown chart (`data-testid="llm-breakdown-…"`): its drawn bars, and its category
 * labels (axis ticks or bar labels with words in them, so money and count ticks don't count).
 */
export function breakdownLabelling(
  page: Page
): Promise<Array<{ id: string; bars: number; labels: number }>> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-testid^="llm-breakdown-"]'))
      .filter((chart) => chart.querySelector('svg'))
      .map((chart) => {
        const bars = Array.from(chart.querySelectorAll('.recharts-bar-rectangle')).filter((bar) => {
          const box = bar.getBoundingClientRect();
          return box.width > 0 && box.height > 0;
        }).length;
        const texts = Array.from(
          chart.querySelectorAll('.recharts-cartesian-axis-tick-value, .recharts-label-list text')
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
