import { LlmError } from './errors';

/** Provider failures that may pass on a second try (overload, 5xx, network), not the caller's mistakes. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof LlmError)) return false;
  if (error.code === 'provider_unreachable' || error.code === 'provider_timeout') return true;
  if (error.code !== 'provider_error') return false;
  const status = error.providerStatus;
  return status === undefined || status === 408 || status === 429 || status >= 500;
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
