import { Flex, Typography } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import { RANGE_KEYS, type RangeKey } from '../../../../shared/contracts/analytics';
import { msg, useTranslate, type Message } from '../../hooks/useTranslate';

const LABELS: Record<RangeKey, Message> = {
  '1d': msg('analytics.range.1d', '24 hours'),
  '7d': msg('analytics.range.7d', '7 days'),
  '30d': msg('analytics.range.30d', '30 days'),
  '90d': msg('analytics.range.90d', '90 days'),
  month: msg('analytics.range.month', 'This month'),
  '365d': msg('analytics.range.365d', '12 months'),
};

/** Plain links that set ?range= in the URL: bookmarkable, and the back button works. */
export const RangeLinks = ({ current }: { current: RangeKey }) => {
  const t = useTranslate();
  return (
    <nav aria-label={t('analytics.range.label', 'Date range')}>
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
              {t(LABELS[key])}
            </Typography>
          </Link>
        ))}
      </Flex>
    </nav>
  );
};
