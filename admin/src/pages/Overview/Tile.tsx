import { Box, Flex, Tooltip, Typography } from '@strapi/design-system';
import { Information } from '@strapi/icons';
import type { ReactNode } from 'react';
import { Card } from '../../components/Card';

export interface TileProps {
  label: string;
  value: string;
  /** What the figure is, exactly: in a tooltip keyboard users can reach too. */
  definition: string;
  testId: string;
  children?: ReactNode;
}

/** One headline figure of the Overview, with its definition a focus or hover away. */
export const Tile = ({ label, value, definition, testId, children }: TileProps) => (
  <Card padding={4} data-testid={`llm-overview-${testId}`} style={{ height: '100%' }}>
    <Flex gap={1} alignItems="center">
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
      <Tooltip label={definition}>
        <Flex
          tag="span"
          tabIndex={0}
          aria-label={definition}
          data-testid={`llm-overview-${testId}-definition`}
          color="neutral500"
        >
          <Information width="1.2rem" height="1.2rem" aria-hidden />
        </Flex>
      </Tooltip>
    </Flex>
    <Box paddingTop={1}>
      <Typography variant="beta" tag="p" data-testid={`llm-overview-${testId}-value`}>
        {value}
      </Typography>
    </Box>
    {children}
  </Card>
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
