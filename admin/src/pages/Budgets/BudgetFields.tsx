import { Field, Grid, SingleSelect, SingleSelectOption, Toggle } from '@strapi/design-system';
import type { ReactNode } from 'react';
import type { ListBudgets } from '../../../../shared/contracts/budgets';
import { TextField } from '../../components/TextField';
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
  required?: boolean;
  placeholder?: string;
  children: ReactNode;
}

const SelectField = ({ name, label, required, children, ...select }: SelectFieldProps) => (
  <Field.Root name={name} required={required}>
    <Field.Label>{label}</Field.Label>
    <SingleSelect {...select}>{children}</SingleSelect>
  </Field.Root>
);

/** One option per item of a list the server sent (users, roles, configurations). */
const options = (items: Array<{ id: number; name: string }>) =>
  items.map((item) => (
    <SingleSelectOption key={item.id} value={String(item.id)}>
      {item.name}
    </SingleSelectOption>
  ));

/** Who the budget applies to: a user, each member of a role, or the whole site. */
export const ScopeFields = ({ form: { state, field }, meta }: SectionProps) => (
  <>
    <Grid.Item col={6} s={12}>
      <SelectField {...field('scope')} label="Applies to" required>
        <SingleSelectOption value="user">One user</SingleSelectOption>
        <SingleSelectOption value="role">Each member of a role</SingleSelectOption>
        <SingleSelectOption value="site">The whole site</SingleSelectOption>
      </SelectField>
    </Grid.Item>
    <Grid.Item col={6} s={12}>
      {state.scope === 'user' && (
        <SelectField {...field('userId')} label="User" required placeholder="Choose a user">
          {options(meta.users.map((u) => ({ id: u.id, name: `${u.name} (${u.email})` })))}
        </SelectField>
      )}
      {state.scope === 'role' && (
        <SelectField {...field('roleId')} label="Role" required placeholder="Choose a role">
          {options(meta.roles)}
        </SelectField>
      )}
    </Grid.Item>
  </>
);

export const LimitFields = ({ form: { field } }: Pick<SectionProps, 'form'>) =>
  LIMIT_FIELDS.map(([key, label]) => (
    <Grid.Item key={key} col={6} s={12}>
      <TextField {...field(key)} label={label} hint="Empty: no limit" inputMode="decimal" />
    </Grid.Item>
  ));

/** What happens to a call that would exceed the budget: refused, or sent to a cheaper configuration. */
export const ExceedFields = ({ form: { state, field }, meta }: SectionProps) => (
  <>
    <Grid.Item col={6} s={12}>
      <SelectField {...field('onExceed')} label="When a call would exceed it">
        <SingleSelectOption value="block">Block the call</SingleSelectOption>
        <SingleSelectOption value="fallback">Use a cheaper configuration</SingleSelectOption>
      </SelectField>
    </Grid.Item>
    {state.onExceed === 'fallback' && (
      <Grid.Item col={6} s={12}>
        <SelectField
          {...field('fallbackConfigurationId')}
          label="Fallback configuration"
          required
          placeholder="Choose a configuration"
        >
          {options(meta.configurations)}
        </SelectField>
      </Grid.Item>
    )}
  </>
);

export const ActiveField = ({ form: { state, set } }: Pick<SectionProps, 'form'>) => (
  <Field.Root name="active">
    <Field.Label>Active</Field.Label>
    <Toggle
      onLabel="On"
      offLabel="Off"
      checked={Boolean(state.active)}
      onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('active')(e.target.checked)}
    />
  </Field.Root>
);
