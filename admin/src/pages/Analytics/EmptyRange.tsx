import { Button, EmptyStateLayout, Flex, Typography } from '@strapi/design-system';
import { useAppInfo, useRBAC } from '@strapi/strapi/admin';
import { Card } from '../../components/Card';
import { Command, SEED_USAGE_COMMAND } from '../../components/Command';
import { useTranslate, useTranslateRich } from '../../hooks/useTranslate';
import { PERMISSIONS } from '../../permissions';
import type { Scope } from './useAnalytics';

/**
 * How to fill an empty site with demo usage: the plugin's own `strapi-llm` command, shown only to
 * those who can use it (users who may read the site's analytics, on a site in development).
 */
const SeedHint = ({ scope }: { scope: Scope }) => {
  const rich = useTranslateRich();
  const command = { command: <Command>{SEED_USAGE_COMMAND}</Command> };
  return (
    <Typography textColor="neutral600" data-testid="llm-empty-seed">
      {scope === 'all'
        ? rich(
            'analytics.empty.seed',
            'On a development site, {command} fills it with 90 days of demo usage.',
            command
          )
        : rich(
            'analytics.empty.seed.me',
            'Demo usage from {command} is made by demo users: it shows on the Analytics page, not here.',
            command
          )}
    </Typography>
  );
};

/** Filters that match nothing: say so, and offer to clear them (the period may well have usage). */
const NoMatch = ({ onClear }: { onClear: () => void }) => {
  const t = useTranslate();
  return (
    <Card data-testid="llm-empty-filtered">
      <EmptyStateLayout
        content={t(
          'analytics.empty.filtered',
          'No LLM usage matches these filters in this period.'
        )}
        action={
          <Button variant="secondary" onClick={onClear}>
            {t('analytics.filters.clear', 'Clear all')}
          </Button>
        }
      />
    </Card>
  );
};

/**
 * A range without usage: what that means in plain words, and for developers and admins on a
 * development site, the command that fills it with demo usage. No export or Live on an empty range.
 */
export const EmptyRange = ({
  scope,
  onClearFilters,
}: {
  scope: Scope;
  /** Set when filters are in force: the emptiness is theirs. */
  onClearFilters?: () => void;
}) => {
  const t = useTranslate();
  const { allowedActions, isLoading } = useRBAC({ read: PERMISSIONS.analytics });
  const environment = useAppInfo('EmptyRange', (info) => info.currentEnvironment);
  const developer = !isLoading && allowedActions.canRead && environment !== 'production';
  if (onClearFilters) return <NoMatch onClear={onClearFilters} />;
  return (
    <Card data-testid="llm-empty">
      <EmptyStateLayout
        content={
          scope === 'all'
            ? t('analytics.empty', 'No LLM usage in this range yet.')
            : t('analytics.empty.me', 'You made no LLM calls in this range yet.')
        }
        action={
          <Flex direction="column" gap={2}>
            {scope === 'me' && (
              <Typography textColor="neutral600" data-testid="llm-empty-hint">
                {t(
                  'analytics.empty.me.hint',
                  'Calls you make in the admin, such as running an AI task on entries, will show here with their cost.'
                )}
              </Typography>
            )}
            {developer && <SeedHint scope={scope} />}
          </Flex>
        }
      />
    </Card>
  );
};
