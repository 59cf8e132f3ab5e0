import { Flex, Typography } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import { RANGE_KEYS, type RangeKey } from '../../../../shared/contracts/analytics';

const LABELS: Record<RangeKey, string> = {
  '1d': '24 hours',
  '7d': '7 days',
  '30d': '30 days',
  '90d': '90 days',
  month: 'This month',
  '365d': '12 months',
};

/** Plain links that set ?range= in the URL: bookmarkable, and the back button works. */
export const RangeLinks = ({ current }: { current: RangeKey }) => (
  <nav aria-label="Date range">
    <Flex gap={2} wrap="wrap">
      {RANGE_KEYS.map((key) => (
        <Link
          key={key}
          to={`?range=${key}`}
          aria-current={key === current ? 'page' : undefined}
          data-testid={`llm-range-${key}`}
          style={{
            padding: '6px 12px',
            borderRadius: 4,
            textDecoration: 'none',
            border: '1px solid #dcdce4',
            background: key === current ? '#4945ff' : '#ffffff',
          }}
        >
          <Typography
            variant="pi"
            fontWeight="bold"
            textColor={key === current ? 'neutral0' : 'neutral800'}
          >
            {LABELS[key]}
          </Typography>
        </Link>
      ))}
    </Flex>
  </nav>
);
