import { LlmError } from './errors';

/** Provider failures that may pass on a second try (overload, 5xx, network), not the caller's mistakes. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof LlmError)) return false;
  if (error.code === 'provider_unreachable' || error.code === 'provider_timeout') return true;
  if (error.code !== 'provider_error') return false;
  const status = error.providerStatus;
  return status === undefined || status === 408 || status === 429 || status >= 500;
}

/**
 * Failures that say the provider is down: no answer, or an HTTP 5xx or 408 answer. Not a caller's
 * bad request, a wrong key, the provider's rate limit (429: too many calls, not a broken provider)
 * or an error without an HTTP status (a client library's own check): no caller can open a
 * provider's circuit for everyone by sending bad requests.
 */
export function isProviderDown(error: LlmError | undefined): boolean {
  if (!error) return false;
  if (error.code === 'provider_timeout' || error.code === 'provider_unreachable') return true;
  const status = error.providerStatus;
  return (
    error.code === 'provider_error' && status !== undefined && (status >= 500 || status === 408)
  );
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true }
    );
  });

/** Runs `attempt` up to 1 + maxRetries times with exponential backoff (250 ms, 500 ms, 1 s, …). */
export async function retrying<T>(
  maxRetries: number,
  signal: AbortSignal | undefined,
  attempt: () => Promise<T>
): Promise<T> {
  for (let n = 0; ; n += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= maxRetries || !isRetryable(error) || signal?.aborted) throw error;
      await sleep(250 * 2 ** n, signal);
    }
  }
}
