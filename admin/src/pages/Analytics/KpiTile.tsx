import { Typography } from '@strapi/design-system';
import { FigureTile } from '../../components/FigureTile';

export interface KpiTileProps {
  label: string;
  value: string;
  hint?: string;
  /** What the figure is, exactly (shared/contracts/analytics.ts says the same). */
  definition: string;
  testId: string;
}

/** One headline figure of Analytics, with a hint under it. */
export const KpiTile = ({ hint, testId, ...figure }: KpiTileProps) => (
  <FigureTile {...figure} testId={`llm-kpi-${testId}`}>
    {hint && (
      <Typography variant="pi" textColor="neutral600">
        {hint}
      </Typography>
    )}
  </FigureTile>
);
