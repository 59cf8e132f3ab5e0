import type { Core } from '@strapi/strapi';
import { randomUUID } from 'node:crypto';
import type { ServiceType } from '../../../shared/services';
import { recordId } from '../db/record-id';
import { currentEntry } from './entry-scope';
import { LlmError } from './errors';
import type { CallContext, CallOptions } from './types';

interface RequestAuth {
  user?: { id?: number };
  auth?: { strategy?: { name?: string }; credentials?: { id?: number } };
}

// Strapi 5.54 names them 'content-api-token' and 'admin-token'; earlier 5.x used 'api-token'.
export const API_TOKEN_STRATEGIES = new Set(['content-api-token', 'api-token', 'admin-token']);

/** Who is calling: explicit options first, then the admin user or API token of the current request. */
function callerOf(strapi: Core.Strapi, options: CallOptions) {
  const state = (strapi.requestContext.get()?.state ?? {}) as RequestAuth;
  const strategy = state.auth?.strategy?.name;
  let userId: number | null = null;
  if (options.user === null) userId = null;
  else if (typeof options.user === 'number') userId = options.user;
  else if (options.user && typeof options.user === 'object') userId = options.user.id;
  // An admin token (Strapi 5.54) acts for its owner: the owner's roles, limits and budgets apply.
  else if (
    (strategy === 'admin' || strategy === 'admin-token') &&
    typeof state.user?.id === 'number'
  )
    userId = state.user.id;

  let apiTokenId: number | null = options.apiTokenId ?? null;
  if (
    options.apiTokenId === undefined &&
    strategy &&
    API_TOKEN_STRATEGIES.has(strategy) &&
    typeof state.auth?.credentials?.id === 'number'
  )
    apiTokenId = state.auth.credentials.id;
  return { userId, apiTokenId };
}

/** The longest end-user label a usage row keeps (its column's size). */
export const MAX_END_USER = 256;

/** The options a call is attributed by, checked: they end up in integer and text columns. */
function checkAttribution(options: CallOptions, userId: number | null, apiTokenId: number | null) {
  // An id past what the columns hold would fail the usage write, not just this call.
  if (userId !== null && recordId(userId) === null)
    throw new LlmError(
      'invalid_request',
      `user must be an admin user id (got ${JSON.stringify(userId)})`
    );
  if (apiTokenId !== null && recordId(apiTokenId) === null)
    throw new LlmError(
      'invalid_request',
      `apiTokenId must be an API token id (got ${JSON.stringify(apiTokenId)})`
    );
  if (
    options.source !== undefined &&
    (typeof options.source !== 'string' || options.source.length > 120)
  )
    throw new LlmError('invalid_request', 'source must be a string of at most 120 characters');
  if (
    options.attemptOf !== undefined &&
    (typeof options.attemptOf !== 'string' || !/^[0-9a-f-]{1,64}$/i.test(options.attemptOf))
  )
    throw new LlmError('invalid_request', 'attemptOf must be a request id');
  if (
    options.endUser !== undefined &&
    (typeof options.endUser !== 'string' || options.endUser.length > MAX_END_USER)
  )
    throw new LlmError(
      'invalid_request',
      `user must be a string of at most ${MAX_END_USER} characters`,
      { exposable: true }
    );
  if (
    options.entry &&
    (typeof options.entry.uid !== 'string' || typeof options.entry.documentId !== 'string')
  )
    throw new LlmError('invalid_request', 'entry needs a uid and a documentId');
}

/** A call's context: its request id, who makes it, what it is for, and when it starts. */
export function callContext(
  strapi: Core.Strapi,
  service: ServiceType,
  options: CallOptions,
  now: Date
): CallContext {
  const { userId, apiTokenId } = callerOf(strapi, options);
  checkAttribution(options, userId, apiTokenId);
  return {
    requestId: randomUUID(),
    service,
    userId,
    apiTokenId,
    source: options.source ?? null,
    endUser: options.endUser ?? null,
    entry: options.entry ?? currentEntry(),
    metadata: options.metadata,
    startedAt: now,
    fallbackFromConfigurationId: options.fallbackFrom ?? null,
    attemptOf: options.attemptOf ?? null,
    fallbackOriginConfigurationId: options.fallbackTrail?.[0] ?? options.fallbackFrom ?? null,
  };
}
