import { EmptyStateLayout, Typography } from '@strapi/design-system';
import { Card } from '../../components/Card';
import { Command, SEED_USAGE_COMMAND } from '../../components/Command';
import { useTranslate, useTranslateRich } from '../../hooks/useTranslate';
import type { Scope } from './useAnalytics';

/**
 * A range without usage, and how to fill it with demo usage in an app: the plugin's own
 * `strapi-llm` command (`npm run seed-usage` exists only in the plugin's repository). The demo
 * calls are made by demo users, so "My usage" says they show on the Analytics page instead.
 */
export const EmptyRange = ({ scope }: { scope: Scope }) => {
  const t = useTranslate();
  const rich = useTranslateRich();
  const command = { command: <Command>{SEED_USAGE_COMMAND}</Command> };
  return (
    <Card data-testid="llm-empty">
      <EmptyStateLayout
        content={
          scope === 'all'
            ? t('analytics.empty', 'No LLM usage in this range yet.')
            : t('analytics.empty.me', 'You made no LLM calls in this range yet.')
        }
        action={
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
        }
      />
    </Card>
  );
};
