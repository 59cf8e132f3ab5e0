import {
  Button,
  Field,
  Flex,
  Grid,
  Modal,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Toggle,
} from '@strapi/design-system';
import { useState } from 'react';
import type { Budget, BudgetInput, ListBudgets } from '../../../../shared/contracts/budgets';

type Meta = ListBudgets.Response['meta'];

interface Props {
  initial?: Budget;
  meta: Meta;
  onSubmit: (input: BudgetInput) => Promise<string | null>;
  onClose: () => void;
}

type FormState = Record<string, string | boolean>;

const LIMIT_FIELDS = [
  ['dailyCost', 'Daily cost (USD)'],
  ['monthlyCost', 'Monthly cost (USD)'],
  ['dailyTokens', 'Daily tokens'],
  ['monthlyTokens', 'Monthly tokens'],
  ['dailyRequests', 'Daily requests'],
  ['monthlyRequests', 'Monthly requests'],
] as const;

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));

function toState(budget?: Budget): FormState {
  return {
    name: text(budget?.name),
    scope: budget?.scope ?? 'user',
    userId: text(budget?.userId),
    roleId: text(budget?.roleId),
    ...Object.fromEntries(LIMIT_FIELDS.map(([key]) => [key, text(budget?.[key])])),
    alertThresholds: (budget?.alertThresholds ?? [80, 100]).join(', '),
    onExceed: budget?.onExceed ?? 'block',
    fallbackConfigurationId: text(budget?.fallbackConfigurationId),
    active: budget?.active ?? true,
  };
}

/** Empty text means "no limit"; the server validates and answers with a message naming the field. */
function toInput(state: FormState): BudgetInput {
  const optional = (key: string) => (state[key] === '' ? null : String(state[key]).trim());
  const count = (key: string) => (state[key] === '' ? null : Number(state[key]));
  return {
    name: String(state.name),
    scope: state.scope as BudgetInput['scope'],
    userId: state.scope === 'user' ? count('userId') : null,
    roleId: state.scope === 'role' ? count('roleId') : null,
    dailyCost: optional('dailyCost'),
    monthlyCost: optional('monthlyCost'),
    dailyTokens: count('dailyTokens'),
    monthlyTokens: count('monthlyTokens'),
    dailyRequests: count('dailyRequests'),
    monthlyRequests: count('monthlyRequests'),
    alertThresholds: String(state.alertThresholds)
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean)
      .map(Number),
    onExceed: state.onExceed as BudgetInput['onExceed'],
    fallbackConfigurationId:
      state.onExceed === 'fallback' ? count('fallbackConfigurationId') : null,
    active: Boolean(state.active),
  };
}

export const BudgetForm = ({ initial, meta, onSubmit, onClose }: Props) => {
  const [state, setState] = useState<FormState>(() => toState(initial));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (key: string) => (value: string | number | boolean) =>
    setState((s) => ({ ...s, [key]: typeof value === 'number' ? String(value) : value }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(await onSubmit(toInput(state)));
    setSaving(false);
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <form onSubmit={submit} noValidate>
          <Modal.Header>
            <Modal.Title>{initial ? `Edit budget "${initial.name}"` : 'Add a budget'}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Field.Root name="name" required error={error ?? undefined}>
                <Field.Label>Name</Field.Label>
                <TextInput
                  value={String(state.name)}
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('name')(e.target.value)}
                />
                <Field.Error />
              </Field.Root>
              <Grid.Root gap={4}>
                <Grid.Item col={6} s={12}>
                  <Field.Root name="scope" required>
                    <Field.Label>Applies to</Field.Label>
                    <SingleSelect value={String(state.scope)} onChange={set('scope')}>
                      <SingleSelectOption value="user">One user</SingleSelectOption>
                      <SingleSelectOption value="role">Each member of a role</SingleSelectOption>
                      <SingleSelectOption value="site">The whole site</SingleSelectOption>
                    </SingleSelect>
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={6} s={12}>
                  {state.scope === 'user' && (
                    <Field.Root name="userId" required>
                      <Field.Label>User</Field.Label>
                      <SingleSelect
                        value={String(state.userId)}
                        onChange={set('userId')}
                        placeholder="Choose a user"
                      >
                        {meta.users.map((u) => (
                          <SingleSelectOption
                            key={u.id}
                            value={String(u.id)}
                          >{`${u.name} (${u.email})`}</SingleSelectOption>
                        ))}
                      </SingleSelect>
                    </Field.Root>
                  )}
                  {state.scope === 'role' && (
                    <Field.Root name="roleId" required>
                      <Field.Label>Role</Field.Label>
                      <SingleSelect
                        value={String(state.roleId)}
                        onChange={set('roleId')}
                        placeholder="Choose a role"
                      >
                        {meta.roles.map((r) => (
                          <SingleSelectOption key={r.id} value={String(r.id)}>
                            {r.name}
                          </SingleSelectOption>
                        ))}
                      </SingleSelect>
                    </Field.Root>
                  )}
                </Grid.Item>
                {LIMIT_FIELDS.map(([key, label]) => (
                  <Grid.Item key={key} col={6} s={12}>
                    <Field.Root name={key} hint="Empty: no limit">
                      <Field.Label>{label}</Field.Label>
                      <TextInput
                        inputMode="decimal"
                        value={String(state[key])}
                        onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                          set(key)(e.target.value)
                        }
                      />
                      <Field.Hint />
                    </Field.Root>
                  </Grid.Item>
                ))}
                <Grid.Item col={6} s={12}>
                  <Field.Root
                    name="alertThresholds"
                    hint={`Percentages, e.g. "80, 100". Days and months in ${meta.timeZone}.`}
                  >
                    <Field.Label>Alert at</Field.Label>
                    <TextInput
                      value={String(state.alertThresholds)}
                      onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                        set('alertThresholds')(e.target.value)
                      }
                    />
                    <Field.Hint />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={6} s={12}>
                  <Field.Root name="onExceed">
                    <Field.Label>When a call would exceed it</Field.Label>
                    <SingleSelect value={String(state.onExceed)} onChange={set('onExceed')}>
                      <SingleSelectOption value="block">Block the call</SingleSelectOption>
                      <SingleSelectOption value="fallback">
                        Use a cheaper configuration
                      </SingleSelectOption>
                    </SingleSelect>
                  </Field.Root>
                </Grid.Item>
                {state.onExceed === 'fallback' && (
                  <Grid.Item col={6} s={12}>
                    <Field.Root name="fallbackConfigurationId" required>
                      <Field.Label>Fallback configuration</Field.Label>
                      <SingleSelect
                        value={String(state.fallbackConfigurationId)}
                        onChange={set('fallbackConfigurationId')}
                        placeholder="Choose a configuration"
                      >
                        {meta.configurations.map((c) => (
                          <SingleSelectOption key={c.id} value={String(c.id)}>
                            {c.name}
                          </SingleSelectOption>
                        ))}
                      </SingleSelect>
                    </Field.Root>
                  </Grid.Item>
                )}
                <Grid.Item col={6} s={12}>
                  <Field.Root name="active">
                    <Field.Label>Active</Field.Label>
                    <Toggle
                      onLabel="On"
                      offLabel="Off"
                      checked={Boolean(state.active)}
                      onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                        set('active')(e.target.checked)
                      }
                    />
                  </Field.Root>
                </Grid.Item>
              </Grid.Root>
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">Cancel</Button>
            </Modal.Close>
            <Button type="submit" loading={saving}>
              Save
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
