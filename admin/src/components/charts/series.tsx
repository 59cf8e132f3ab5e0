/**
 * Series colours and fill patterns. Every series gets a pattern as well as a colour, so charts stay
 * readable for colour-blind people and in grayscale prints.
 *
 * A model's colour and pattern come from its key (a hash into a fixed palette), never from its
 * rank: the same model looks the same in every chart, every range and every page. Each colour has
 * at least 3:1 contrast against the light theme's white and the dark theme's neutral0.
 */
export const SERIES_COLORS = [
  '#6e6bff',
  '#e5484d',
  '#2f9e5b',
  '#c4662b',
  '#1b9aaa',
  '#a35bd6',
  '#d6478f',
  '#3b8fd9',
  '#8c9a2c',
];

/** "Other" (the folded rest of the models): one neutral grey, in every chart. */
export const OTHER_KEY = 'other';
export const OTHER_COLOR = '#8e8ea9';

const PATTERNS = [
  (c: string) => <rect width="8" height="8" fill={c} />,
  (c: string) => <path d="M0 8 L8 0" stroke={c} strokeWidth="3" />,
  (c: string) => <circle cx="4" cy="4" r="2.2" fill={c} />,
  (c: string) => <path d="M4 0 V8 M0 4 H8" stroke={c} strokeWidth="2" />,
  (c: string) => <path d="M0 0 L8 8" stroke={c} strokeWidth="3" />,
  (c: string) => <path d="M0 2 H8 M0 6 H8" stroke={c} strokeWidth="1.6" />,
  (c: string) => <path d="M2 0 V8 M6 0 V8" stroke={c} strokeWidth="1.6" />,
];

/** Colours for series that are not models (cost, requests), by position. */
export const colorAt = (i: number) => SERIES_COLORS[i % SERIES_COLORS.length];

/** FNV-1a, 32 bits: a small, stable hash of a series key. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A model's colour, from its key; "Other" is grey. */
export function seriesColor(key: string): string {
  return key === OTHER_KEY ? OTHER_COLOR : SERIES_COLORS[hash(key) % SERIES_COLORS.length];
}

/** A model's pattern (0 = solid), from its key too, so two models of one colour still differ. */
function seriesPattern(key: string): number {
  return key === OTHER_KEY ? 0 : Math.floor(hash(key) / SERIES_COLORS.length) % PATTERNS.length;
}

export const patternId = (chart: string, key: string) =>
  `llm-${chart}-pattern-${hash(key).toString(36)}`;

/** The fill of a model's series: its pattern over a light wash of its colour. */
export const seriesFill = (chart: string, key: string) => `url(#${patternId(chart, key)})`;

/** `<defs>` for a chart: one pattern per series key. */
export const SeriesPatterns = ({ chart, keys }: { chart: string; keys: string[] }) => (
  <defs>
    {keys.map((key) => {
      const color = seriesColor(key);
      const pattern = seriesPattern(key);
      return (
        <pattern
          key={key}
          id={patternId(chart, key)}
          width="8"
          height="8"
          patternUnits="userSpaceOnUse"
        >
          <rect width="8" height="8" fill={color} fillOpacity={pattern === 0 ? 1 : 0.25} />
          {PATTERNS[pattern](color)}
        </pattern>
      );
    })}
  </defs>
);
