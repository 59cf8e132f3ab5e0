import { JSONParseError } from 'ai';
import { LlmError } from '../gateway/errors';
import type { ProviderConnection } from './types';

/**
 * One GET of a provider's JSON (a models page, DeepL's usage) through the connection's guarded
 * fetch, read with limits: the body as a stream cut at MAX_PAGE_BYTES (a host that answers without
 * end cannot fill the server's memory), the request within the connection's timeout and the
 * caller's deadline (`signal`).
 */

/** The most bytes one page of a models list (or any such answer) may have. */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
/** The most bytes of an error answer read for its message. */
const MAX_ERROR_BYTES = 64 * 1024;

/** Fails like the AI SDK's clients do, so toLlmError names the status: `statusCode` on the error. */
export class ProviderHttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string
  ) {
    super(message);
    this.name = 'ProviderHttpError';
  }
}

const tooLarge = (url: string, limit: number) =>
  new LlmError(
    'response_too_large',
    `response_too_large: ${new URL(url).host} answered more than ${limit} bytes (the limit of one page)`
  );

/** The body as text, or response_too_large past `limit` bytes (the rest is never read). */
export async function readCapped(response: Response, url: string, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(url, limit);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(url, limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const providerMessage = (text: string): string => {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message =
      typeof body.error === 'string' ? body.error : (body.error?.message ?? body.message);
    if (typeof message === 'string') return message.slice(0, 300);
  } catch {
    // Not JSON: the status says enough.
  }
  return 'no message';
};

export async function getJson(
  connection: ProviderConnection,
  url: string,
  headers: Record<string, string>,
  signal?: AbortSignal
): Promise<Record<string, unknown>> {
  const timeout = AbortSignal.timeout(connection.timeoutMs);
  const response = await connection.fetch(url, {
    headers: { accept: 'application/json', ...headers },
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  if (!response.ok) {
    const text = await readCapped(response, url, MAX_ERROR_BYTES).catch(() => '');
    throw new ProviderHttpError(response.status, providerMessage(text));
  }
  const text = await readCapped(response, url, MAX_PAGE_BYTES);
  try {
    const body: unknown = JSON.parse(text);
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  } catch (cause) {
    throw new JSONParseError({ text: text.slice(0, 200), cause });
  }
}
