import { isBaseQueryError, useAPIErrorHandler, useNotification } from '@strapi/strapi/admin';
import { useState } from 'react';
import type { RateLimit, RateLimitInput } from '../../../../shared/contracts/rate-limits';
import { useTranslate } from '../../hooks/useTranslate';
import {
  useCreateRateLimitMutation,
  useDeleteRateLimitMutation,
  useGetRateLimitsQuery,
  useUpdateRateLimitMutation,
} from '../../services/rate-limits';
import type { RateLimitErrors, RateLimitRefusal } from './RateLimitForm';

const FORM_PATHS = new Set(['subjectId', 'requestsPerMinute', 'tokensPerMinute', 'limits']);

/**
 * The rate-limits section's state: the list, the limit being edited or deleted, and the requests
 * that change them, with their notifications.
 */
export function useRateLimits() {
  const list = useGetRateLimitsQuery();
  const [create] = useCreateRateLimitMutation();
  const [update] = useUpdateRateLimitMutation();
  const [destroy] = useDeleteRateLimitMutation();
  const { toggleNotification } = useNotification();
  const {
    _unstableFormatAPIError: formatAPIError,
    _unstableFormatValidationErrors: formatValidationErrors,
  } = useAPIErrorHandler();
  const t = useTranslate();
  const [editing, setEditing] = useState<RateLimit | 'new' | null>(null);
  const [deleting, setDeleting] = useState<RateLimit | null>(null);

  const refusalOf = (error: Parameters<typeof formatAPIError>[0]): RateLimitRefusal => {
    if (isBaseQueryError(error) && error.name === 'ValidationError') {
      const fields: RateLimitErrors = {};
      const others: string[] = [];
      for (const [path, message] of Object.entries(formatValidationErrors(error))) {
        if (FORM_PATHS.has(path)) fields[path as keyof RateLimitErrors] = String(message);
        else others.push(String(message));
      }
      return { fields, general: others.join(' ') || undefined };
    }
    return { fields: {}, general: formatAPIError(error) };
  };

  /** Saves the limit being edited: null when saved, else what the server refused. */
  const save = async (input: RateLimitInput): Promise<RateLimitRefusal | null> => {
    const result =
      editing === 'new' || editing === null
        ? await create(input)
        : await update({ id: editing.id, body: input });
    if ('error' in result) return refusalOf(result.error as Parameters<typeof formatAPIError>[0]);
    setEditing(null);
    toggleNotification({ type: 'success', message: t('rateLimits.saved', 'Rate limit saved') });
    return null;
  };

  /** Deletes the limit the user confirmed. */
  const remove = async () => {
    if (!deleting) return;
    const result = await destroy(deleting.id);
    setDeleting(null);
    toggleNotification(
      'error' in result
        ? { type: 'danger', message: formatAPIError(result.error as never) }
        : { type: 'success', message: t('rateLimits.deleted', 'Rate limit deleted') }
    );
  };

  return { list, editing, setEditing, save, deleting, setDeleting, remove };
}
