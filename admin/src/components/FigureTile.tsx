import { Box, Flex, Tooltip, Typography } from '@strapi/design-system';
import { Information } from '@strapi/icons';
import type { ReactNode } from 'react';
import { Card } from './Card';

export interface FigureTileProps {
  label: string;
  value: string;
  /** What the figure is, exactly: in a tooltip keyboard users can reach too. */
  definition: string;
  /** Test ids are `<testId>`, `<testId>-definition` and `<testId>-value`. */
  testId: string;
  children?: ReactNode;
}

/** One headline figure (Analytics, Overview), with its definition a focus or hover away. */
export const FigureTile = ({ label, value, definition, testId, children }: FigureTileProps) => (
  <Card padding={4} data-testid={testId} style={{ height: '100%' }}>
    <Flex gap={1} alignItems="center">
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
      <Tooltip label={definition}>
        <Flex
          tag="span"
          tabIndex={0}
          aria-label={definition}
          data-testid={`${testId}-definition`}
          color="neutral500"
        >
          <Information width="1.2rem" height="1.2rem" aria-hidden />
        </Flex>
      </Tooltip>
    </Flex>
    <Box paddingTop={1}>
      <Typography variant="beta" tag="p" data-testid={`${testId}-value`}>
        {value}
      </Typography>
    </Box>
    {children}
  </Card>
);
