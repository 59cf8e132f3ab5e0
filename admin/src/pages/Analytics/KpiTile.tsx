import { Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';
import { FigureTile } from '../../components/FigureTile';

export interface KpiTileProps {
  label: string;
  value: string;
  hint?: string;
  /** What the figure is, exactly (shared/contracts/analytics.ts says the same). */
  definition: string;
  testId: string;
  /** Under the hint: the change from the previous period. */
  children?: ReactNode;
}

/** One headline figure of Analytics, with a hint under it. */
export const KpiTile = ({ hint, testId, children, ...figure }: KpiTileProps) => (
  <FigureTile {...figure} testId={`llm-kpi-${testId}`}>
    {hint && (
      <Typography variant="pi" textColor="neutral600" tag="p">
        {hint}
      </Typography>
    )}
    {children}
  </FigureTile>
);
