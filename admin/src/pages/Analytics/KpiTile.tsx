import { Box, Flex, Tooltip, Typography } from '@strapi/design-system';
import { Information } from '@strapi/icons';
import { Card } from '../../components/Card';

export interface KpiTileProps {
  label: string;
  value: string;
  hint?: string;
  /** What the figure is, exactly (shared/contracts/analytics.ts says the same). */
  definition: string;
  testId: string;
}

/** One headline figure, with its definition in a tooltip that keyboard users can reach too. */
export const KpiTile = ({ label, value, hint, definition, testId }: KpiTileProps) => (
  <Card padding={4} data-testid={`llm-kpi-${testId}`} style={{ height: '100%' }}>
    <Flex gap={1} alignItems="center">
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
      <Tooltip label={definition}>
        <Flex
          tag="span"
          tabIndex={0}
          aria-label={definition}
          data-testid={`llm-kpi-${testId}-definition`}
          color="neutral500"
        >
          <Information width="1.2rem" height="1.2rem" aria-hidden />
        </Flex>
      </Tooltip>
    </Flex>
    <Box paddingTop={1}>
      <Typography variant="beta" tag="p" data-testid={`llm-kpi-${testId}-value`}>
        {value}
      </Typography>
    </Box>
    {hint && (
      <Typography variant="pi" textColor="neutral600">
        {hint}
      </Typography>
    )}
  </Card>
);
