import { Box, Button, EmptyStateLayout, Loader } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page, useAPIErrorHandler } from '@strapi/strapi/admin';
import { useTranslate } from '../../hooks/useTranslate';
import { PERMISSIONS } from '../../permissions';
import { AccessRuleForm } from './AccessRuleForm';
import { AccessTable } from './AccessTable';
import { useAccessRules } from './useAccessRules';

/** The list could not be loaded: the server's message, and a way to try again. */
const AccessError = ({ error, onRetry }: { error: unknown; onRetry: () => void }) => {
  const t = useTranslate();
  const { _unstableFormatAPIError: formatAPIError } = useAPIErrorHandler();
  return (
    <Page.Error
      content={
        error
          ? formatAPIError(error as Parameters<typeof formatAPIError>[0])
          : t('access.loadFailed', 'The access rules could not be loaded')
      }
      action={
        <Button
          variant="secondary"
          startIcon={<ArrowClockwise />}
          onClick={onRetry}
          data-testid="llm-access-retry"
        >
          {t('access.retry', 'Retry')}
        </Button>
      }
    />
  );
};

/**
 * The allow-lists: which configurations and capabilities each admin role and each API token may
 * use. Without a rule a role or token is unrestricted; a user may do what any of their roles may.
 */
const AccessPage = () => {
  const t = useTranslate();
  const { list, editing, setEditing, save } = useAccessRules();

  if (list.isLoading)
    return <Page.Loading>{t('access.loading', 'Loading access rules')}</Page.Loading>;
  if (!list.data) return <AccessError error={list.error} onRetry={() => void list.refetch()} />;
  const { data: subjects, meta } = list.data;

  return (
    <Page.Main aria-busy={list.isFetching}>
      <Page.Title>{t('access.pageTitle', 'LLM access')}</Page.Title>
      <Layouts.Header
        title={t('access.title', 'Access')}
        subtitle={t(
          'access.subtitle',
          'Which configurations and capabilities each role and API token may use. A user may do what any of their roles may.'
        )}
        secondaryAction={
          list.isFetching ? <Loader small>{t('access.refreshing', 'Refreshing')}</Loader> : null
        }
      />
      <Layouts.Content>
        {subjects.length === 0 ? (
          <Box data-testid="llm-access-empty">
            <EmptyStateLayout
              icon={<EmptyDocuments width="16rem" />}
              content={t('access.empty', 'No role or API token yet.')}
            />
          </Box>
        ) : (
          <Box style={{ opacity: list.isFetching ? 0.6 : 1 }}>
            <AccessTable
              subjects={subjects}
              configurations={meta.configurations}
              onEdit={setEditing}
            />
          </Box>
        )}
      </Layouts.Content>
      {editing && (
        <AccessRuleForm
          subject={editing}
          configurations={meta.configurations}
          onSubmit={save}
          onClose={() => setEditing(null)}
        />
      )}
    </Page.Main>
  );
};

export const ProtectedAccessPage = () => (
  <Page.Protect permissions={PERMISSIONS.settings}>
    <AccessPage />
  </Page.Protect>
);
