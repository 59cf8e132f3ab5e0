import { useAPIErrorHandler, useNotification } from '@strapi/strapi/admin';
import { useState } from 'react';
import type { AccessRuleInput, AccessSubject } from '../../../../shared/contracts/access-rules';
import { useTranslate } from '../../hooks/useTranslate';
import {
  useDeleteAccessRuleMutation,
  useGetAccessRulesQuery,
  usePutAccessRuleMutation,
} from '../../services/access-rules';

/**
 * The Access page's state: the roles and API tokens with their rules, the one being edited, and
 * the requests that change a rule (an empty rule on both axes is no rule: unrestricted again).
 */
export function useAccessRules() {
  const list = useGetAccessRulesQuery();
  const [put] = usePutAccessRuleMutation();
  const [destroy] = useDeleteAccessRuleMutation();
  const { toggleNotification } = useNotification();
  const { _unstableFormatAPIError: formatAPIError } = useAPIErrorHandler();
  const t = useTranslate();
  const [editing, setEditing] = useState<AccessSubject | null>(null);

  /** Saves the rule of the subject being edited: null when saved, else the server's message. */
  const save = async (rule: AccessRuleInput | null): Promise<string | null> => {
    if (!editing) return null;
    const subject = { kind: editing.kind, id: editing.id };
    const result =
      rule === null
        ? editing.rule
          ? await destroy(subject)
          : { data: null }
        : await put({ ...subject, body: rule });
    if ('error' in result && result.error) return formatAPIError(result.error as never);
    toggleNotification({
      type: 'success',
      message: t('access.saved', 'Access of "{name}" saved', { name: editing.name }),
    });
    setEditing(null);
    return null;
  };

  return { list, editing, setEditing, save };
}
