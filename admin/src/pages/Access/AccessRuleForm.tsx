import {
  Alert,
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  Grid,
  Modal,
  MultiSelect,
  MultiSelectOption,
  Typography,
} from '@strapi/design-system';
import { useState } from 'react';
import {
  CAPABILITIES,
  type AccessRuleInput,
  type AccessSubject,
  type Capability,
} from '../../../../shared/contracts/access-rules';
import { useTranslate } from '../../hooks/useTranslate';
import { CAPABILITY_LABELS } from './labels';

interface Props {
  subject: AccessSubject;
  configurations: Array<{ id: number; name: string }>;
  /** Saves the rule (null: unrestricted): null when saved, else the server's message. */
  onSubmit: (rule: AccessRuleInput | null) => Promise<string | null>;
  onClose: () => void;
}

/** One axis of the form: "any" (no restriction), or the values chosen. */
interface Axis<T> {
  any: boolean;
  chosen: T[];
}

const axisOf = <T,>(list: T[] | null | undefined): Axis<T> => ({
  any: list == null,
  chosen: list ?? [],
});

/** The configurations a subject may use: any, or those chosen. */
const ConfigurationsField = ({
  axis,
  onChange,
  configurations,
}: {
  axis: Axis<number>;
  onChange: (next: Axis<number>) => void;
  configurations: Props['configurations'];
}) => {
  const t = useTranslate();
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Checkbox
        checked={axis.any}
        onCheckedChange={(checked: boolean) => onChange({ ...axis, any: checked })}
      >
        {t('access.form.anyConfiguration', 'Any configuration')}
      </Checkbox>
      {!axis.any && (
        <Field.Root name="configurations">
          <Field.Label>{t('access.form.configurations', 'Allowed configurations')}</Field.Label>
          <MultiSelect
            withTags
            value={axis.chosen.map(String)}
            onChange={(values: string[]) => onChange({ any: false, chosen: values.map(Number) })}
            placeholder={t('access.form.noConfiguration', 'None: no configuration may be used')}
          >
            {configurations.map((c) => (
              <MultiSelectOption key={c.id} value={String(c.id)}>
                {c.name}
              </MultiSelectOption>
            ))}
          </MultiSelect>
        </Field.Root>
      )}
    </Flex>
  );
};

/** The capabilities a subject may use: any, or those checked. */
const CapabilitiesField = ({
  axis,
  onChange,
}: {
  axis: Axis<Capability>;
  onChange: (next: Axis<Capability>) => void;
}) => {
  const t = useTranslate();
  const toggle = (capability: Capability, on: boolean) =>
    onChange({
      any: false,
      chosen: CAPABILITIES.filter((c) => (c === capability ? on : axis.chosen.includes(c))),
    });
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Checkbox
        checked={axis.any}
        onCheckedChange={(checked: boolean) => onChange({ ...axis, any: checked })}
      >
        {t('access.form.anyCapability', 'Any capability')}
      </Checkbox>
      {!axis.any && (
        <Box tag="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Typography tag="legend" variant="pi" fontWeight="bold">
            {t('access.form.capabilities', 'Allowed capabilities')}
          </Typography>
          <Grid.Root gap={2} paddingTop={2}>
            {CAPABILITIES.map((capability) => (
              <Grid.Item key={capability} xs={6} s={4}>
                <Checkbox
                  name={`capability-${capability}`}
                  checked={axis.chosen.includes(capability)}
                  onCheckedChange={(checked: boolean) => toggle(capability, checked)}
                >
                  {t(CAPABILITY_LABELS[capability])}
                </Checkbox>
              </Grid.Item>
            ))}
          </Grid.Root>
        </Box>
      )}
    </Flex>
  );
};

/** Edits one role's or API token's allow-list in a modal. */
export const AccessRuleForm = ({ subject, configurations, onSubmit, onClose }: Props) => {
  const t = useTranslate();
  const [configurationAxis, setConfigurations] = useState(() =>
    axisOf(subject.rule?.configurations)
  );
  const [capabilityAxis, setCapabilities] = useState(() => axisOf(subject.rule?.capabilities));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    // "Any" on both axes is no rule at all: the subject is unrestricted.
    const rule =
      configurationAxis.any && capabilityAxis.any
        ? null
        : {
            configurations: configurationAxis.any ? null : configurationAxis.chosen,
            capabilities: capabilityAxis.any ? null : capabilityAxis.chosen,
          };
    setError(await onSubmit(rule));
    setSaving(false);
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <form onSubmit={submit} noValidate data-testid="llm-access-form">
          <Modal.Header>
            <Modal.Title>
              {t('access.form.title', 'Access of "{name}"', { name: subject.name })}
            </Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={6}>
              {error && (
                <Alert
                  variant="danger"
                  closeLabel={t('access.form.closeError', 'Close')}
                  onClose={() => setError(null)}
                  title={t('access.saveFailed', 'The access could not be saved')}
                >
                  {error}
                </Alert>
              )}
              <ConfigurationsField
                axis={configurationAxis}
                onChange={setConfigurations}
                configurations={configurations}
              />
              <CapabilitiesField axis={capabilityAxis} onChange={setCapabilities} />
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('access.form.cancel', 'Cancel')}</Button>
            </Modal.Close>
            <Button type="submit" loading={saving}>
              {t('access.form.save', 'Save')}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
