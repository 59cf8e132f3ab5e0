import { Button, Flex, Toggle, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';

export const ExportButtons = ({ onExport }: { onExport: (format: 'csv' | 'json') => void }) => (
  <Flex gap={2}>
    <Button
      variant="tertiary"
      startIcon={<Download />}
      onClick={() => onExport('csv')}
      data-testid="llm-export-csv"
    >
      CSV
    </Button>
    <Button variant="tertiary" startIcon={<Download />} onClick={() => onExport('json')}>
      JSON
    </Button>
  </Flex>
);

/** "Live": reload the figures every few seconds. */
export const LiveToggle = ({
  live,
  onChange,
}: {
  live: boolean;
  onChange: (on: boolean) => void;
}) => (
  <Flex gap={2}>
    <Typography variant="pi" id="llm-live-label">
      Live
    </Typography>
    <Toggle
      aria-labelledby="llm-live-label"
      onLabel="On"
      offLabel="Off"
      checked={live}
      onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.checked)}
    />
  </Flex>
);
