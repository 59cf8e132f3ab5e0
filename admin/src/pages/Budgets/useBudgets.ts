import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import type { Budget, BudgetInput, ListBudgets } from '../../../../shared/contracts/budgets';
import { useTranslate } from '../../hooks/useTranslate';
import { PLUGIN_ID } from '../../pluginId';
import { serverMessage } from '../../utils/requestError';

type Meta = ListBudgets.Response['meta'];

/** The Budgets page's state: the list, the budget being edited, and the requests that change them. */
export function useBudgets() {
  const { get, post, put, del } = useFetchClient();
  const { toggleNotification } = useNotification();
  const t = useTranslate();
  const [budgets, setBudgets] = useState<Budget[] | null>(null);
  const [meta, setMeta] = useState<Meta | null>(null);
  const [editing, setEditing] = useState<Budget | 'new' | null>(null);
  const [failed, setFailed] = useState(false);

  const load = useCallback(async () => {
    try {
      const { data } = await get<ListBudgets.Response>(`/${PLUGIN_ID}/budgets`);
      setBudgets(data.data);
      setMeta(data.meta);
    } catch {
      setFailed(true);
    }
  }, [get]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Saves the budget being edited; answers the server's message when it refuses. */
  const save = async (input: BudgetInput): Promise<string | null> => {
    try {
      if (editing === 'new') await post(`/${PLUGIN_ID}/budgets`, input);
      else if (editing) await put(`/${PLUGIN_ID}/budgets/${editing.id}`, input);
      setEditing(null);
      toggleNotification({ type: 'success', message: t('budgets.saved', 'Budget saved') });
      await load();
      return null;
    } catch (error) {
      return serverMessage(error) ?? t('budgets.saveFailed', 'The budget could not be saved');
    }
  };

  const remove = async (budget: Budget) => {
    await del(`/${PLUGIN_ID}/budgets/${budget.id}`);
    toggleNotification({
      type: 'success',
      message: t('budgets.deleted', 'Budget "{name}" deleted', { name: budget.name }),
    });
    await load();
  };

  return { budgets, meta, failed, editing, setEditing, save, remove };
}
