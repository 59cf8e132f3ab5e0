import type { ErrorBody } from '../../../shared/contracts/tasks';

/**
 * What a failed `useFetchClient` call throws, as far as this plugin reads it: an Error whose
 * `response` carries the server's error body (Strapi's FetchError).
 */
export interface RequestError {
  message?: string;
  response?: { status?: number; data?: Partial<ErrorBody> };
}

/** The server's own message for a failed request (429 budget, 400 validation, …), if it sent one. */
export const serverMessage = (error: unknown): string | undefined =>
  (error as RequestError | null | undefined)?.response?.data?.error?.message;

/**
 * What to tell the user about a failed request: the server's message, else the error's own, else
 * `fallback` (a translated "Request failed").
 */
export const requestFailure = (error: unknown, fallback: string): string =>
  serverMessage(error) ?? (error as RequestError | null | undefined)?.message ?? fallback;
