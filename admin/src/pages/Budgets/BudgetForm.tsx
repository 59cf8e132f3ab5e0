import { Button, Flex, Grid, Modal } from '@strapi/design-system';
import { useState } from 'react';
import type { Budget, BudgetInput, ListBudgets } from '../../../../shared/contracts/budgets';
import { TextField } from '../../components/TextField';
import { useTranslate } from '../../hooks/useTranslate';
import { ActiveField, ExceedFields, LimitFields, ScopeFields } from './BudgetFields';
import { toInput } from './budgetFormState';
import { useBudgetFormState } from './useBudgetFormState';

interface Props {
  initial?: Budget;
  meta: ListBudgets.Response['meta'];
  /** Answers the server's message when it refuses the budget, null when saved. */
  onSubmit: (input: BudgetInput) => Promise<string | null>;
  onClose: () => void;
}

export const BudgetForm = ({ initial, meta, onSubmit, onClose }: Props) => {
  const t = useTranslate();
  const form = useBudgetFormState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(await onSubmit(toInput(form.state)));
    setSaving(false);
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <form onSubmit={submit} noValidate>
          <Modal.Header>
            <Modal.Title>
              {initial
                ? t('budgets.form.title.edit', 'Edit budget "{name}"', { name: initial.name })
                : t('budgets.form.title.add', 'Add a budget')}
            </Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <TextField
                {...form.field('name')}
                label={t('budgets.form.name', 'Name')}
                required
                error={error ?? undefined}
              />
              <Grid.Root gap={4}>
                <ScopeFields form={form} meta={meta} />
                <LimitFields form={form} />
                <Grid.Item col={6} s={12}>
                  <TextField
                    {...form.field('alertThresholds')}
                    label={t('budgets.form.alertAt', 'Alert at')}
                    hint={t(
                      'budgets.form.alertAt.hint',
                      'Percentages, e.g. "80, 100". Days and months in {timeZone}.',
                      { timeZone: meta.timeZone }
                    )}
                  />
                </Grid.Item>
                <ExceedFields form={form} meta={meta} />
                <Grid.Item col={6} s={12}>
                  <ActiveField form={form} />
                </Grid.Item>
              </Grid.Root>
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('budgets.form.cancel', 'Cancel')}</Button>
            </Modal.Close>
            <Button type="submit" loading={saving}>
              {t('budgets.form.save', 'Save')}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
