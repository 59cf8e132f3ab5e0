import { useAPIErrorHandler, type BaseQueryError } from '@strapi/strapi/admin';
import { useCallback } from 'react';

/** The server's own message for a failed request (a 400's reason, a 429's budget), through the admin's error handler. */
export function useErrorMessage() {
  const { _unstableFormatAPIError: formatAPIError } = useAPIErrorHandler();
  return useCallback(
    (error: unknown): string => formatAPIError(error as BaseQueryError),
    [formatAPIError]
  );
}

/** The gateway's error code a failed request carries (`provider_error`, `budget_exceeded`, …), if any. */
export const errorCode = (error: unknown): string | undefined => {
  const code = (error as { details?: { code?: unknown } } | null | undefined)?.details?.code;
  return typeof code === 'string' ? code : undefined;
};

/** The HTTP status of a failed request, if the server answered. */
export const errorStatus = (error: unknown): number | undefined => {
  const status = (error as { status?: unknown } | null | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
};
