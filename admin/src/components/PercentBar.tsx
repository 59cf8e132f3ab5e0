import { Box } from '@strapi/design-system';

/** The fill's colour: calm below 80 %, a warning from 80 %, danger once the limit is reached. */
const fillColour = (percent: number) =>
  percent >= 100 ? 'danger600' : percent >= 80 ? 'warning500' : 'primary600';

interface Props {
  /** How much is used, in percent; may pass 100 (an overspent budget), the fill then stays full. */
  percent: number;
  /** What the bar says to a screen reader ("month 34% used"). */
  label: string;
}

/**
 * How full something is, as a thin bar: the used part in a strong colour on a light track (theme
 * tokens, so it reads the same way in the light and dark theme). The fill's width is exactly the
 * percentage, capped at the track's end; the label and `aria-valuenow` keep the real figure (278).
 */
export const PercentBar = ({ percent, label }: Props) => {
  const used = Number.isFinite(percent) ? Math.max(0, percent) : 0;
  return (
    <Box
      role="progressbar"
      aria-label={label}
      aria-valuenow={used}
      aria-valuemin={0}
      aria-valuemax={100}
      data-testid="llm-budget-bar"
      background="neutral150"
      hasRadius
      overflow="hidden"
      position="relative"
      width="100%"
      minWidth="4rem"
      height="0.8rem"
      flex="1 1 auto"
    >
      <Box
        data-testid="llm-budget-bar-fill"
        background={fillColour(used)}
        position="absolute"
        top={0}
        left={0}
        height="100%"
        style={{ width: `${Math.min(used, 100)}%` }}
      />
    </Box>
  );
};
