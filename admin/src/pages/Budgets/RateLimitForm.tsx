import {
  Alert,
  Button,
  Field,
  Flex,
  Grid,
  Modal,
  SingleSelect,
  SingleSelectOption,
  Switch,
} from '@strapi/design-system';
import { useState } from 'react';
import type {
  ListRateLimits,
  RateLimit,
  RateLimitInput,
} from '../../../../shared/contracts/rate-limits';
import { TextField } from '../../components/TextField';
import { msg, useTranslate, type Message, type Translate } from '../../hooks/useTranslate';

type Meta = ListRateLimits.Response['meta'];
type Scope = RateLimitInput['scope'];
type FieldName = 'subjectId' | 'requestsPerMinute' | 'tokensPerMinute' | 'limits';
export type RateLimitErrors = Partial<Record<FieldName, string>>;

/** What the server said when it refused the limit: messages by field, and one for the rest. */
export interface RateLimitRefusal {
  fields: RateLimitErrors;
  general?: string;
}

interface Draft {
  scope: Scope;
  subjectId: string;
  requestsPerMinute: string;
  tokensPerMinute: string;
  enabled: boolean;
}

const draftOf = (limit?: RateLimit): Draft => ({
  scope: limit?.scope ?? 'user',
  subjectId: limit ? String(limit.subjectId) : '',
  requestsPerMinute: limit?.requestsPerMinute ? String(limit.requestsPerMinute) : '',
  tokensPerMinute: limit?.tokensPerMinute ? String(limit.tokensPerMinute) : '',
  enabled: limit?.enabled ?? true,
});

const MAX = 2 ** 31 - 1;
const perMinuteOk = (text: string) =>
  text.trim() === '' || (/^\d+$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= MAX);
const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text.trim()));

/** The problems the server would answer, found before sending. */
function problemsOf(draft: Draft, t: Translate): RateLimitErrors {
  const errors: RateLimitErrors = {};
  const perMinute = t('rateLimits.error.perMinute', 'Enter a whole number from 1, or leave empty');
  if (!draft.subjectId)
    errors.subjectId = t('rateLimits.error.subject', 'Choose who it applies to');
  if (!perMinuteOk(draft.requestsPerMinute)) errors.requestsPerMinute = perMinute;
  if (!perMinuteOk(draft.tokensPerMinute)) errors.tokensPerMinute = perMinute;
  if (!draft.requestsPerMinute.trim() && !draft.tokensPerMinute.trim())
    errors.limits = t(
      'rateLimits.error.limits',
      'Set requests per minute, tokens per minute or both'
    );
  return errors;
}

/** The choices for the subject of each scope. */
const subjects = (scope: Scope, meta: Meta) =>
  scope === 'user'
    ? meta.users.map((u) => ({ id: u.id, name: `${u.name} (${u.email})` }))
    : scope === 'role'
      ? meta.roles
      : scope === 'apiToken'
        ? meta.apiTokens
        : meta.configurations;

const SCOPES: Array<[Scope, Message]> = [
  ['user', msg('budgets.form.scope.user', 'One user')],
  ['role', msg('budgets.form.scope.role', 'Each member of a role')],
  ['apiToken', msg('budgets.form.scope.apiToken', 'One API token')],
  ['configuration', msg('rateLimits.form.scope.configuration', 'One configuration')],
];

interface FieldsProps {
  draft: Draft;
  set: <K extends keyof Draft>(key: K) => (value: Draft[K]) => void;
  errors: RateLimitErrors;
  meta: Meta;
}

/** Who the limit holds, its two limits and whether it is on. */
const Fields = ({ draft, set, errors, meta }: FieldsProps) => {
  const t = useTranslate();
  const text = (name: 'requestsPerMinute' | 'tokensPerMinute', label: string) => (
    <TextField
      name={name}
      label={label}
      value={draft[name]}
      onChange={set(name)}
      error={errors[name] ?? errors.limits}
      inputMode="numeric"
      hint={t('rateLimits.form.empty', 'Empty: no limit')}
    />
  );

  return (
    <Grid.Root gap={4}>
      <Grid.Item xs={12} m={6} direction="column" alignItems="stretch">
        <Field.Root name="scope" required>
          <Field.Label>{t('rateLimits.form.scope', 'Applies to')}</Field.Label>
          <SingleSelect
            name="scope"
            value={draft.scope}
            onChange={(value: string | number) => set('scope')(String(value) as Scope)}
          >
            {SCOPES.map(([scope, label]) => (
              <SingleSelectOption key={scope} value={scope}>
                {t(label)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      </Grid.Item>
      <Grid.Item xs={12} m={6} direction="column" alignItems="stretch">
        <Field.Root name="subjectId" required error={errors.subjectId}>
          <Field.Label>{t('rateLimits.form.subject', 'Who')}</Field.Label>
          <SingleSelect
            name="subjectId"
            value={draft.subjectId}
            placeholder={t('rateLimits.form.subject.placeholder', 'Choose')}
            onChange={(value: string | number) => set('subjectId')(String(value))}
          >
            {subjects(draft.scope, meta).map((item) => (
              <SingleSelectOption key={item.id} value={String(item.id)}>
                {item.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Error />
        </Field.Root>
      </Grid.Item>
      <Grid.Item xs={12} m={6} direction="column" alignItems="stretch">
        {text('requestsPerMinute', t('rateLimits.form.rpm', 'Requests per minute'))}
      </Grid.Item>
      <Grid.Item xs={12} m={6} direction="column" alignItems="stretch">
        {text('tokensPerMinute', t('rateLimits.form.tpm', 'Tokens per minute'))}
      </Grid.Item>
      <Grid.Item xs={12} m={6} direction="column" alignItems="stretch">
        <Field.Root name="enabled">
          <Field.Label>{t('rateLimits.form.enabled', 'Enabled')}</Field.Label>
          <Switch
            checked={draft.enabled}
            onCheckedChange={(checked: boolean) => set('enabled')(checked)}
            onLabel={t('budgets.form.active.on', 'On')}
            offLabel={t('budgets.form.active.off', 'Off')}
            visibleLabels
          />
        </Field.Root>
      </Grid.Item>
    </Grid.Root>
  );
};

interface Props {
  initial?: RateLimit;
  meta: Meta;
  onSubmit: (input: RateLimitInput) => Promise<RateLimitRefusal | null>;
  onClose: () => void;
}

export const RateLimitForm = ({ initial, meta, onSubmit, onClose }: Props) => {
  const t = useTranslate();
  const [draft, setDraft] = useState(() => draftOf(initial));
  const [errors, setErrors] = useState<RateLimitErrors>({});
  const [general, setGeneral] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [key]: value, ...(key === 'scope' && { subjectId: '' }) }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setGeneral(undefined);
    const problems = problemsOf(draft, t);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setSaving(true);
    const refusal = await onSubmit({
      scope: draft.scope,
      subjectId: Number(draft.subjectId),
      requestsPerMinute: numberOrNull(draft.requestsPerMinute),
      tokensPerMinute: numberOrNull(draft.tokensPerMinute),
      enabled: draft.enabled,
    });
    setSaving(false);
    if (refusal) {
      setErrors(refusal.fields);
      setGeneral(refusal.general);
    }
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <form onSubmit={submit} noValidate data-testid="llm-rate-limit-form">
          <Modal.Header>
            <Modal.Title>
              {initial
                ? t('rateLimits.form.title.edit', 'Edit rate limit')
                : t('rateLimits.form.title.add', 'Add a rate limit')}
            </Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              {general && (
                <Alert
                  variant="danger"
                  closeLabel={t('budgets.form.closeError', 'Close')}
                  onClose={() => setGeneral(undefined)}
                  title={t('rateLimits.saveFailed', 'The rate limit could not be saved')}
                >
                  {general}
                </Alert>
              )}
              <Fields draft={draft} set={set} errors={errors} meta={meta} />
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
