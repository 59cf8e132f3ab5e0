import {
  isBaseQueryError,
  useAPIErrorHandler,
  useNotification,
  type BaseQueryError,
} from '@strapi/strapi/admin';
import type { SerializedError } from '@reduxjs/toolkit';
import { useState } from 'react';
import { BUDGET_FIELD_RULES, type BudgetProblemPath } from '../../../../shared/budget-rules';
import type { Budget, BudgetInput } from '../../../../shared/contracts/budgets';
import { useTranslate } from '../../hooks/useTranslate';
import {
  useCreateBudgetMutation,
  useDeleteBudgetMutation,
  useGetBudgetsQuery,
  useUpdateBudgetMutation,
} from '../../services/budgets';
import type { FormErrors } from './budgetFormState';
import type { SaveRefusal } from './BudgetForm';

const FORM_PATHS = new Set<string>([...Object.keys(BUDGET_FIELD_RULES), 'limits']);

type RequestError = BaseQueryError | SerializedError;

/**
 * The Budgets page's state: the list (the admin's data layer, refetched after every change), the
 * budget being edited or deleted, and the requests that change them, with their notifications.
 */
export function useBudgets() {
  const list = useGetBudgetsQuery();
  const [create] = useCreateBudgetMutation();
  const [update] = useUpdateBudgetMutation();
  const [destroy] = useDeleteBudgetMutation();
  const { toggleNotification } = useNotification();
  const {
    _unstableFormatAPIError: formatAPIError,
    _unstableFormatValidationErrors: formatValidationErrors,
  } = useAPIErrorHandler();
  const t = useTranslate();
  const [editing, setEditing] = useState<Budget | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Budget | null>(null);

  /** The server's refusal: its validation details under their fields, anything else as one message. */
  const refusalOf = (error: RequestError): SaveRefusal => {
    if (isBaseQueryError(error) && error.name === 'ValidationError') {
      const byPath = formatValidationErrors(error);
      const fields: FormErrors = {};
      const others: string[] = [];
      for (const [path, message] of Object.entries(byPath)) {
        if (FORM_PATHS.has(path)) fields[path as BudgetProblemPath] = String(message);
        else others.push(String(message));
      }
      if (Object.keys(fields).length > 0) return { fields, general: others.join(' ') || undefined };
    }
    return { fields: {}, general: formatAPIError(error) };
  };

  /** Saves the budget being edited: null when saved, else what the server refused. */
  const save = async (input: BudgetInput): Promise<SaveRefusal | null> => {
    const result =
      editing === 'new' || editing === null
        ? await create(input)
        : await update({ id: editing.id, body: input });
    if ('error' in result) {
      toggleNotification({
        type: 'danger',
        message: t('budgets.saveFailed', 'The budget could not be saved'),
      });
      return refusalOf(result.error);
    }
    setEditing(null);
    toggleNotification({
      type: 'success',
      message: t('budgets.saved', 'Budget "{name}" saved', { name: input.name.trim() }),
    });
    return null;
  };

  /** Deletes the budget the user confirmed. */
  const remove = async () => {
    if (!deleting) return;
    const budget = deleting;
    const result = await destroy(budget.id);
    setDeleting(null);
    toggleNotification(
      'error' in result
        ? { type: 'danger', message: formatAPIError(result.error) }
        : {
            type: 'success',
            message: t('budgets.deleted', 'Budget "{name}" deleted', { name: budget.name }),
          }
    );
  };

  return { list, editing, setEditing, save, deleting, setDeleting, remove };
}
