import {
  Field,
  Grid,
  SingleSelect,
  SingleSelectOption,
  Switch,
  Typography,
} from '@strapi/design-system';
import type { ReactNode } from 'react';
import type { ListBudgets } from '../../../../shared/contracts/budgets';
import { TextField } from '../../components/TextField';
import { useTranslate } from '../../hooks/useTranslate';
import { LIMIT_FIELDS } from './budgetFormState';
import type { BudgetFormState } from './useBudgetFormState';

type Meta = ListBudgets.Response['meta'];

interface SectionProps {
  form: BudgetFormState;
  meta: Meta;
}

interface SelectFieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string | number) => void;
  error?: string;
  required?: boolean;
  placeholder?: string;
  children: ReactNode;
}

/** A labelled select with its error under it. */
const SelectField = ({ name, label, required, error, children, ...select }: SelectFieldProps) => (
  <Field.Root name={name} required={required} error={error}>
    <Field.Label>{label}</Field.Label>
    <SingleSelect {...select} name={name}>
      {children}
    </SingleSelect>
    <Field.Error />
  </Field.Root>
);

/** One option per item of a list the server sent (users, roles, configurations, API tokens). */
const options = (items: Array<{ id: number; name: string }>) =>
  items.map((item) => (
    <SingleSelectOption key={item.id} value={String(item.id)}>
      {item.name}
    </SingleSelectOption>
  ));

/** Who the budget applies to: a user, each member of a role, the whole site, or one API token. */
export const ScopeFields = ({ form: { state, field }, meta }: SectionProps) => {
  const t = useTranslate();
  return (
    <>
      <Grid.Item xs={12} m={6} direction="column" alignItems="stretch">
        <SelectField {...field('scope')} label={t('budgets.form.scope', 'Applies to')} required>
          <SingleSelectOption value="user">
            {t('budgets.form.scope.user', 'One user')}
          </SingleSelectOption>
          <SingleSelectOption value="role">
            {t('budgets.form.scope.role', 'Each member of a role')}
          </SingleSelectOption>
          <SingleSelectOption value="site">
            {t('budgets.form.scope.site', 'The whole site')}
          </SingleSelectOption>
          <SingleSelectOption value="apiToken">
            {t('budgets.form.scope.apiToken', 'One API token')}
          </SingleSelectOption>
        </SelectField>
      </Grid.Item>
      <Grid.Item xs={12} m={6} direction="column" alignItems="stretch">
        {state.scope === 'user' && (
          <SelectField
            {...field('userId')}
            label={t('budgets.form.user', 'User')}
            required
            placeholder={t('budgets.form.user.placeholder', 'Choose a user')}
          >
            {options(meta.users.map((u) => ({ id: u.id, name: `${u.name} (${u.email})` })))}
          </SelectField>
        )}
        {state.scope === 'role' && (
          <SelectField
            {...field('roleId')}
            label={t('budgets.form.role', 'Role')}
            required
            placeholder={t('budgets.form.role.placeholder', 'Choose a role')}
          >
            {options(meta.roles)}
          </SelectField>
        )}
        {state.scope === 'apiToken' && (
          <SelectField
            {...field('apiTokenId')}
            label={t('budgets.form.apiToken', 'API token')}
            required
            placeholder={t('budgets.form.apiToken.placeholder', 'Choose an API token')}
          >
            {options(meta.apiTokens)}
          </SelectField>
        )}
      </Grid.Item>
    </>
  );
};

/** The six limits, and above them the error when none is set. */
export const LimitFields = ({ form: { field, errors } }: Pick<SectionProps, 'form'>) => {
  const t = useTranslate();
  return (
    <>
      {errors.limits && (
        <Grid.Item xs={12}>
          <Typography
            variant="pi"
            textColor="danger600"
            role="alert"
            data-testid="llm-budget-limits-error"
          >
            {errors.limits}
          </Typography>
        </Grid.Item>
      )}
      {LIMIT_FIELDS.map(([key, label]) => (
        <Grid.Item key={key} xs={12} m={6} direction="column" alignItems="stretch">
          <TextField
            {...field(key)}
            label={t(label)}
            hint={t('budgets.form.noLimit', 'Empty: no limit')}
            inputMode="decimal"
          />
        </Grid.Item>
      ))}
    </>
  );
};

/** What happens to a call that would exceed the budget: refused, or sent to a cheaper configuration. */
export const ExceedFields = ({ form: { state, field }, meta }: SectionProps) => {
  const t = useTranslate();
  return (
    <>
      <Grid.Item xs={12} m={6} direction="column" alignItems="stretch">
        <SelectField
          {...field('onExceed')}
          label={t('budgets.form.onExceed', 'When a call would exceed it')}
        >
          <SingleSelectOption value="block">
            {t('budgets.form.onExceed.block', 'Block the call')}
          </SingleSelectOption>
          <SingleSelectOption value="fallback">
            {t('budgets.form.onExceed.fallback', 'Use a cheaper configuration')}
          </SingleSelectOption>
        </SelectField>
      </Grid.Item>
      {state.onExceed === 'fallback' && (
        <Grid.Item xs={12} m={6} direction="column" alignItems="stretch">
          <SelectField
            {...field('fallbackConfigurationId')}
            label={t('budgets.form.fallback', 'Fallback configuration')}
            required
            placeholder={t('budgets.form.fallback.placeholder', 'Choose a configuration')}
          >
            {options(meta.configurations)}
          </SelectField>
        </Grid.Item>
      )}
    </>
  );
};

const ACTIVE_ID = 'llm-budget-active';

/** On or off, as a switch; a budget switched off is kept but not checked. */
export const ActiveField = ({ form: { state, set } }: Pick<SectionProps, 'form'>) => {
  const t = useTranslate();
  return (
    <Field.Root
      name="active"
      id={ACTIVE_ID}
      hint={t(
        'budgets.form.active.hint',
        'Off: the budget is kept but no call is checked against it'
      )}
    >
      <Field.Label>{t('budgets.form.active', 'Active')}</Field.Label>
      <Switch
        id={ACTIVE_ID}
        checked={Boolean(state.active)}
        onCheckedChange={(checked: boolean) => set('active')(checked)}
        onLabel={t('budgets.form.active.on', 'On')}
        offLabel={t('budgets.form.active.off', 'Off')}
        visibleLabels
      />
      <Field.Hint />
    </Field.Root>
  );
};
