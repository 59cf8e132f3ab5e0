/**
 * Series colours and fill patterns. Every series gets a pattern as well as a colour, so charts stay
 * readable for colour-blind people and in grayscale prints.
 */
export const SERIES_COLORS = [
  '#4945ff',
  '#ee5e52',
  '#328048',
  '#d9822f',
  '#7b79ff',
  '#66b7f1',
  '#8e8ea9',
];

const PATTERNS = [
  (c: string) => <rect width="8" height="8" fill={c} />,
  (c: string) => <path d="M0 8 L8 0" stroke={c} strokeWidth="3" />,
  (c: string) => <circle cx="4" cy="4" r="2.2" fill={c} />,
  (c: string) => <path d="M4 0 V8 M0 4 H8" stroke={c} strokeWidth="2" />,
  (c: string) => <path d="M0 0 L8 8" stroke={c} strokeWidth="3" />,
  (c: string) => <path d="M0 2 H8 M0 6 H8" stroke={c} strokeWidth="1.6" />,
  (c: string) => <path d="M2 0 V8 M6 0 V8" stroke={c} strokeWidth="1.6" />,
];

export const colorAt = (i: number) => SERIES_COLORS[i % SERIES_COLORS.length];
export const patternId = (chart: string, i: number) => `llm-${chart}-pattern-${i}`;

/** `<defs>` for a chart: one pattern per series (the first is solid). */
export const SeriesPatterns = ({ chart, count }: { chart: string; count: number }) => (
  <defs>
    {Array.from({ length: count }, (_, i) => (
      <pattern key={i} id={patternId(chart, i)} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill={colorAt(i)} fillOpacity={i === 0 ? 1 : 0.18} />
        {PATTERNS[i % PATTERNS.length](colorAt(i))}
      </pattern>
    ))}
  </defs>
);
