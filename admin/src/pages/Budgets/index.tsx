import { Button, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Card } from '../../components/Card';
import { PERMISSIONS } from '../../permissions';
import { BudgetForm } from './BudgetForm';
import { BudgetsTable } from './BudgetsTable';
import { useBudgets } from './useBudgets';

const BudgetsPage = () => {
  const { budgets, meta, failed, editing, setEditing, save, remove } = useBudgets();

  if (failed) return <Page.Error />;
  if (!budgets || !meta) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>LLM budgets</Page.Title>
      <Layouts.Header
        title="Budgets"
        subtitle={`Limits checked before every LLM call. Days and months in ${meta.timeZone}.`}
        primaryAction={
          <Button startIcon={<Plus />} onClick={() => setEditing('new')}>
            Add a budget
          </Button>
        }
      />
      <Layouts.Content>
        {budgets.length === 0 ? (
          <Card padding={8}>
            <Typography>No budget yet: every user may spend without limit.</Typography>
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
