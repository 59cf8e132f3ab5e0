import { Badge, Flex, IconButton, Typography } from '@strapi/design-system';
import { Pencil } from '@strapi/icons';
import type { AccessSubject } from '../../../../shared/contracts/access-rules';
import { DataTable } from '../../components/DataTable';
import { useTranslate, type Translate } from '../../hooks/useTranslate';
import { CAPABILITY_LABELS } from './labels';

interface Props {
  subjects: AccessSubject[];
  configurations: Array<{ id: number; name: string }>;
  onEdit: (subject: AccessSubject) => void;
}

const columns = (t: Translate) => [
  t('access.column.name', 'Name'),
  t('access.column.kind', 'Kind'),
  t('access.column.configurations', 'Configurations'),
  t('access.column.capabilities', 'Capabilities'),
  t('access.column.actions', 'Actions'),
];

/** A list of names as badges; "any" when the axis is not restricted, "none" when it is empty. */
const Names = ({ names, any }: { names: string[] | null; any: string }) => {
  const t = useTranslate();
  if (names === null)
    return (
      <Typography variant="pi" textColor="neutral600">
        {any}
      </Typography>
    );
  if (names.length === 0)
    return (
      <Typography variant="pi" textColor="danger600">
        {t('access.none', 'None')}
      </Typography>
    );
  return (
    <Flex gap={1} wrap="wrap">
      {names.map((name) => (
        <Badge key={name}>{name}</Badge>
      ))}
    </Flex>
  );
};

/** Every role and API token with what it may use; "Unrestricted" for those without a rule. */
export const AccessTable = ({ subjects, configurations, onEdit }: Props) => {
  const t = useTranslate();
  const configurationName = (id: number) =>
    configurations.find((c) => c.id === id)?.name ??
    t('access.configurationId', 'Configuration {id}', { id: String(id) });
  return (
    <DataTable
      columns={columns(t)}
      rows={subjects.map((subject) => {
        const { rule } = subject;
        return {
          key: `${subject.kind}:${subject.id}`,
          testId: 'llm-access-row',
          cells: [
            <Typography fontWeight="bold">{subject.name}</Typography>,
            subject.kind === 'role'
              ? t('access.kind.role', 'Role')
              : t('access.kind.apiToken', 'API token'),
            rule ? (
              <Names
                names={rule.configurations?.map(configurationName) ?? null}
                any={t('access.anyConfiguration', 'Any')}
              />
            ) : (
              <Badge>{t('access.unrestricted', 'Unrestricted')}</Badge>
            ),
            rule ? (
              <Names
                names={rule.capabilities?.map((c) => t(CAPABILITY_LABELS[c])) ?? null}
                any={t('access.anyCapability', 'Any')}
              />
            ) : (
              <Badge>{t('access.unrestricted', 'Unrestricted')}</Badge>
            ),
            <IconButton
              label={t('access.edit', 'Edit access of {name}', { name: subject.name })}
              onClick={() => onEdit(subject)}
            >
              <Pencil />
            </IconButton>,
          ],
        };
      })}
    />
  );
};
