import { Flex, LinkButton } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import type { PeriodQuery } from '../../../../shared/analytics-query';
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

/**
 * Design-system link buttons that set ?range= in the URL (bookmarkable, and the back button
 * works), keeping the filters: the current range is the primary button, the others tertiary,
 * readable in both themes. A custom period marks none of them.
 */
export const RangeLinks = ({
  current,
  searchFor,
}: {
  current: RangeKey | 'custom';
  searchFor: (period: PeriodQuery) => string;
}) => {
  const t = useTranslate();
  return (
    <nav aria-label={t('analytics.range.label', 'Date range')}>
      <Flex gap={2} wrap="wrap">
        {RANGE_KEYS.map((key) => (
          <LinkButton
            key={key}
            tag={Link}
            to={searchFor({ range: key })}
            size="S"
            variant={key === current ? 'default' : 'tertiary'}
            aria-current={key === current ? 'page' : undefined}
            data-testid={`llm-range-${key}`}
          >
            {t(LABELS[key])}
          </LinkButton>
        ))}
      </Flex>
    </nav>
  );
};
