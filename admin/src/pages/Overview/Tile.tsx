import { Box, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';
import { Card } from '../../components/Card';
import { FigureTile, type FigureTileProps } from '../../components/FigureTile';

export type TileProps = FigureTileProps;

/** One headline figure of the Overview. */
export const Tile = ({ testId, ...figure }: TileProps) => (
  <FigureTile {...figure} testId={`llm-overview-${testId}`} />
);

/** A card with a title, for the lists of the Overview. */
export const Section = ({
  title,
  testId,
  children,
}: {
  title: string;
  testId: string;
  children: ReactNode;
}) => (
  <Card padding={4} data-testid={`llm-overview-${testId}`} style={{ height: '100%' }}>
    <Typography variant="delta" tag="h2">
      {title}
    </Typography>
    <Box paddingTop={3}>{children}</Box>
  </Card>
);
