import { Box, Button, Dialog, EmptyStateLayout, Loader } from '@strapi/design-system';
import { ArrowClockwise, Plus } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { ConfirmDialog, Layouts, Page, useAPIErrorHandler } from '@strapi/strapi/admin';
import type { ReactNode } from 'react';
import type { Budget, ListBudgets } from '../../../../shared/contracts/budgets';
import { useTranslate } from '../../hooks/useTranslate';
import { PERMISSIONS } from '../../permissions';
import { BudgetForm } from './BudgetForm';
import { BudgetsTable } from './BudgetsTable';
import { RateLimitsSection } from './RateLimits';
import { useBudgets } from './useBudgets';

/** The list could not be loaded: the server's message, and a way to try again. */
const BudgetsError = ({ error, onRetry }: { error: unknown; onRetry: () => void }) => {
  const t = useTranslate();
  const { _unstableFormatAPIError: formatAPIError } = useAPIErrorHandler();
  return (
    <Page.Error
      content={
        error
          ? formatAPIError(error as Parameters<typeof formatAPIError>[0])
          : t('budgets.loadFailed', 'The budgets could not be loaded')
      }
      action={
        <Button
          variant="secondary"
          startIcon={<ArrowClockwise />}
          onClick={onRetry}
          data-testid="llm-budgets-retry"
        >
          {t('budgets.retry', 'Retry')}
        </Button>
      }
    />
  );
};

interface DeleteProps {
  budget: Budget | null;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** Deleting a budget is asked for again, in the admin's own confirm dialog. */
const DeleteBudgetDialog = ({ budget, onConfirm, onClose }: DeleteProps) => {
  const t = useTranslate();
  return (
    <Dialog.Root open={budget !== null} onOpenChange={(open) => !open && onClose()}>
      <ConfirmDialog title={t('budgets.delete.title', 'Delete this budget?')} onConfirm={onConfirm}>
        {t(
          'budgets.delete.body',
          'Budget "{name}" will be deleted: its limits will no longer be checked. Usage already recorded is kept.',
          { name: budget?.name ?? '' }
        )}
      </ConfirmDialog>
    </Dialog.Root>
  );
};

interface ListProps {
  budgets: Budget[];
  meta: ListBudgets.Response['meta'];
  fetching: boolean;
  add: ReactNode;
  onEdit: (budget: Budget) => void;
  onRemove: (budget: Budget) => void;
}

/** The budgets, dimmed while they are refetched; without any, what that means and the way to add one. */
const BudgetsList = ({ budgets, fetching, add, ...table }: ListProps) => {
  const t = useTranslate();
  return budgets.length === 0 ? (
    <Box data-testid="llm-budgets-empty">
      <EmptyStateLayout
        icon={<EmptyDocuments width="16rem" />}
        content={t('budgets.empty', 'No budget yet: every user may spend without limit.')}
        action={add}
      />
    </Box>
  ) : (
    <Box style={{ opacity: fetching ? 0.6 : 1 }}>
      <BudgetsTable budgets={budgets} {...table} />
    </Box>
  );
};

const BudgetsPage = () => {
  const t = useTranslate();
  const { list, editing, setEditing, save, deleting, setDeleting, remove } = useBudgets();

  if (list.isLoading) return <Page.Loading>{t('budgets.loading', 'Loading budgets')}</Page.Loading>;
  if (!list.data) {
    return <BudgetsError error={list.error} onRetry={() => void list.refetch()} />;
  }
  const { data: budgets, meta } = list.data;
  const add = (
    <Button startIcon={<Plus />} onClick={() => setEditing('new')}>
      {t('budgets.add', 'Add a budget')}
    </Button>
  );

  return (
    <Page.Main aria-busy={list.isFetching}>
      <Page.Title>{t('budgets.pageTitle', 'LLM budgets')}</Page.Title>
      <Layouts.Header
        title={t('budgets.title', 'Budgets')}
        subtitle={t(
          'budgets.subtitle',
          'Limits checked before every LLM call. Days and months in {timeZone}.',
          { timeZone: meta.timeZone }
        )}
        primaryAction={budgets.length > 0 ? add : undefined}
        secondaryAction={
          list.isFetching ? <Loader small>{t('budgets.refreshing', 'Refreshing')}</Loader> : null
        }
      />
      <Layouts.Content>
        <BudgetsList
          budgets={budgets}
          meta={meta}
          fetching={list.isFetching}
          add={add}
          onEdit={setEditing}
          onRemove={setDeleting}
        />
        <RateLimitsSection />
      </Layouts.Content>
      {editing && (
        <BudgetForm
          initial={editing === 'new' ? undefined : editing}
          meta={meta}
          onSubmit={save}
          onClose={() => setEditing(null)}
        />
      )}
      <DeleteBudgetDialog budget={deleting} onConfirm={remove} onClose={() => setDeleting(null)} />
    </Page.Main>
  );
};

export const ProtectedBudgetsPage = () => (
  <Page.Protect permissions={PERMISSIONS.budgets}>
    <BudgetsPage />
  </Page.Protect>
);
