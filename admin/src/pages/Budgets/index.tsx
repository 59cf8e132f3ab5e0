import { Button, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Card } from '../../components/Card';
import { useTranslate } from '../../hooks/useTranslate';
import { PERMISSIONS } from '../../permissions';
import { BudgetForm } from './BudgetForm';
import { BudgetsTable } from './BudgetsTable';
import { useBudgets } from './useBudgets';

const BudgetsPage = () => {
  const t = useTranslate();
  const { budgets, meta, failed, editing, setEditing, save, remove } = useBudgets();

  if (failed) return <Page.Error />;
  if (!budgets || !meta) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>{t('budgets.pageTitle', 'LLM budgets')}</Page.Title>
      <Layouts.Header
        title={t('budgets.title', 'Budgets')}
        subtitle={t(
          'budgets.subtitle',
          'Limits checked before every LLM call. Days and months in {timeZone}.',
          { timeZone: meta.timeZone }
        )}
        primaryAction={
          <Button startIcon={<Plus />} onClick={() => setEditing('new')}>
            {t('budgets.add', 'Add a budget')}
          </Button>
        }
      />
      <Layouts.Content>
        {budgets.length === 0 ? (
          <Card padding={8}>
            <Typography>
              {t('budgets.empty', 'No budget yet: every user may spend without limit.')}
            </Typography>
          </Card>
        ) : (
          <BudgetsTable
            budgets={budgets}
            meta={meta}
            onEdit={setEditing}
            onRemove={(b) => void remove(b)}
          />
        )}
      </Layouts.Content>
      {editing && (
        <BudgetForm
          initial={editing === 'new' ? undefined : editing}
          meta={meta}
          onSubmit={save}
          onClose={() => setEditing(null)}
        />
      )}
    </Page.Main>
  );
};

export const ProtectedBudgetsPage = () => (
  <Page.Protect permissions={PERMISSIONS.budgets}>
    <BudgetsPage />
  </Page.Protect>
);
