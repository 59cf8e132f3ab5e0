import { Alert, Button, Flex, Grid, Modal } from '@strapi/design-system';
import { useRef, useState } from 'react';
import { BUDGET_NAME_MAX_LENGTH, budgetProblems } from '../../../../shared/budget-rules';
import type { Budget, BudgetInput, ListBudgets } from '../../../../shared/contracts/budgets';
import { TextField } from '../../components/TextField';
import { useTranslate } from '../../hooks/useTranslate';
import { ActiveField, ExceedFields, LimitFields, ScopeFields } from './BudgetFields';
import { useBudgetErrorText } from './budgetErrors';
import { toDraft, toInput, type FormErrors } from './budgetFormState';
import { useBudgetFormState, type BudgetFormState } from './useBudgetFormState';

/** What the server said when it refused the budget: messages by field, and one for the rest. */
export interface SaveRefusal {
  fields: FormErrors;
  general?: string;
}

interface Props {
  initial?: Budget;
  meta: ListBudgets.Response['meta'];
  /** Saves the budget: null when saved, else what the server refused. */
  onSubmit: (input: BudgetInput) => Promise<SaveRefusal | null>;
  onClose: () => void;
}

/** The form's fields, each with its error under it. */
const BudgetFields = ({ form, meta }: { form: BudgetFormState; meta: Props['meta'] }) => {
  const t = useTranslate();
  return (
    <>
      <TextField
        {...form.field('name')}
        label={t('budgets.form.name', 'Name')}
        required
        maxLength={BUDGET_NAME_MAX_LENGTH}
      />
      <Grid.Root gap={4}>
        <ScopeFields form={form} meta={meta} />
        <LimitFields form={form} />
        <Grid.Item xs={12} m={6} direction="column" alignItems="stretch">
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
        <Grid.Item xs={12} m={6} direction="column" alignItems="stretch">
          <ActiveField form={form} />
        </Grid.Item>
      </Grid.Root>
    </>
  );
};

export const BudgetForm = ({ initial, meta, onSubmit, onClose }: Props) => {
  const t = useTranslate();
  const errorText = useBudgetErrorText();
  const form = useBudgetFormState(initial);
  const formRef = useRef<HTMLFormElement>(null);
  const [general, setGeneral] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  /** Shows every problem at once, under its field, and moves the focus to the first one. */
  const showErrors = (errors: FormErrors) => {
    form.setErrors(errors);
    const first = Object.keys(errors)[0];
    if (first) {
      requestAnimationFrame(() =>
        formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus()
      );
    }
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setGeneral(undefined);
    // The server's own rules (shared/budget-rules.ts), checked before anything is sent.
    const problems = budgetProblems(toDraft(form.state));
    if (problems.length > 0) {
      showErrors(Object.fromEntries(problems.map((path) => [path, errorText(path)])));
      return;
    }
    setSaving(true);
    const refusal = await onSubmit(toInput(form.state));
    setSaving(false);
    if (refusal) {
      showErrors(refusal.fields);
      setGeneral(refusal.general);
    }
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <form ref={formRef} onSubmit={submit} noValidate data-testid="llm-budget-form">
          <Modal.Header>
            <Modal.Title>
              {initial
                ? t('budgets.form.title.edit', 'Edit budget "{name}"', { name: initial.name })
                : t('budgets.form.title.add', 'Add a budget')}
            </Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              {general && (
                <Alert
                  variant="danger"
                  closeLabel={t('budgets.form.closeError', 'Close')}
                  onClose={() => setGeneral(undefined)}
                  title={t('budgets.saveFailed', 'The budget could not be saved')}
                >
                  {general}
                </Alert>
              )}
              <BudgetFields form={form} meta={meta} />
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
