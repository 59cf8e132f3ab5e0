import type { Core } from '@strapi/strapi';
import type { ServiceType } from '../../../shared/services';
import type { AdapterRegistry } from '../adapters/registry';
import type { ProviderAdapter, ProviderConnection } from '../adapters/types';
import { createConnections, type ConnectionParts } from './connection';
import { callContext } from './context';
import { LlmError } from './errors';
import type { Resolver } from './resolve';
import type { CallContext, CallOptions, ResolvedTarget } from './types';

export interface PrepareParts extends ConnectionParts {
  resolver: Resolver;
  adapters: AdapterRegistry;
  /** The plugin's "now": each call is stamped with it (and counted in the budget windows it gives). */
  now: () => Date;
}

/** A call ready to run: where it goes, through which adapter, who makes it, how long it may take. */
export interface Prepared {
  target: ResolvedTarget;
  adapter: ProviderAdapter;
  connection: ProviderConnection;
  abortSignal: AbortSignal;
  /** The context of the next provider request this call makes (the first keeps the call's own). */
  newContext: () => CallContext;
  /** The logical call's id: its first attempt's request id, which every later attempt names. */
  callId: string;
  /** Clears the call's deadline: whoever prepares a call calls it when the call ends or fails. */
  done: () => void;
}

/** The adapter's implementation of one service, or a clear error when the provider lacks it. */
export function capability<K extends keyof ProviderAdapter>(
  prepared: Pick<Prepared, 'adapter' | 'target'>,
  key: K,
  service: ServiceType
): NonNullable<ProviderAdapter[K]> {
  const fn = prepared.adapter[key];
  if (!fn) {
    const { provider } = prepared.target;
    throw new LlmError(
      'unsupported_service',
      `Provider "${provider.name}" (${provider.adapter}) does not offer ${service}`
    );
  }
  return fn as NonNullable<ProviderAdapter[K]>;
}

/** Prepares calls: resolves the target once, connects its provider once, starts one deadline. */
export function createPreparer(strapi: Core.Strapi, parts: PrepareParts) {
  const connectionFor = createConnections(parts);

  function adapterFor(target: ResolvedTarget) {
    const connection = connectionFor(target.provider);
    const version = String(target.provider.updatedAt ?? '');
    try {
      return { adapter: parts.adapters.forConnection(connection, version), connection };
    } catch (error) {
      throw new LlmError('invalid_request', (error as Error).message, { cause: error });
    }
  }

  return async function prepare(service: ServiceType, options: CallOptions): Promise<Prepared> {
    const base = callContext(strapi, service, options, parts.now());
    const target = await parts.resolver.resolve(options);
    const { adapter, connection } = adapterFor(target);
    // One timer per call, cleared when the call ends (AbortSignal.timeout would keep every call's
    // signal and timer alive for the whole timeout).
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new DOMException('The provider did not answer in time', 'TimeoutError')),
      connection.timeoutMs
    );
    const abortSignal = options.abortSignal
      ? AbortSignal.any([options.abortSignal, deadline.signal])
      : deadline.signal;
    let first = true;
    const callId = base.attemptOf ?? base.requestId;
    // The first provider request keeps the context made above; later ones (retries, tool steps) get
    // their own request id and name the call's first attempt.
    const newContext = (): CallContext => {
      if (first) {
        first = false;
        return { ...base, startedAt: parts.now() };
      }
      return { ...callContext(strapi, service, options, parts.now()), attemptOf: callId };
    };
    return {
      target,
      adapter,
      connection,
      abortSignal,
      newContext,
      callId,
      done: () => clearTimeout(timer),
    };
  };
}

export type Prepare = ReturnType<typeof createPreparer>;
