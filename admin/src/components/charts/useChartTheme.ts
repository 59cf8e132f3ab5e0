import { useMemo } from 'react';
import { useTheme } from 'styled-components';

/**
 * Axis, grid and tooltip colours from the design system's theme tokens, so charts read in the
 * light and the dark theme alike (recharts' defaults are greys meant for white).
 */
export function useChartTheme() {
  const theme = useTheme();
  return useMemo(() => {
    const { colors } = theme;
    const tick = { fill: colors.neutral600, fontSize: 12 };
    return {
      tick,
      axisLine: { stroke: colors.neutral300 },
      grid: colors.neutral200,
      label: { fill: colors.neutral600, fontSize: 12 },
      tooltip: {
        contentStyle: {
          background: colors.neutral0,
          border: `1px solid ${colors.neutral200}`,
          borderRadius: 4,
          color: colors.neutral800,
        },
        labelStyle: { color: colors.neutral800, fontWeight: 600 },
        itemStyle: { color: colors.neutral800 },
        cursor: { fill: colors.neutral150, fillOpacity: 0.6 },
      },
    };
  }, [theme]);
}
