import type { Core, UID as StrapiUID } from '@strapi/strapi';
import { UID } from '../content-types/schemas';
import { looksLikeId, recordId } from '../db/record-id';
import { LlmError } from './errors';
import type {
  ConfigurationRecord,
  ModelRecord,
  RecordRef,
  ResolvedTarget,
  TaskRecord,
} from './types';

const MODEL_POPULATE = { provider: true } as const;
const CONFIGURATION_POPULATE = { model: { populate: MODEL_POPULATE }, fallback: true } as const;
const TASK_POPULATE = { configuration: { populate: CONFIGURATION_POPULATE } } as const;

/** A where clause for a ref: numeric id, documentId, or unique name; null when the ref can name no record. */
function whereFor(ref: RecordRef, nameField?: string): Record<string, unknown> | null {
  // An id past what the database stores names no record (on PostgreSQL it would be a query error).
  const byId = (value: unknown) => {
    const id = recordId(value);
    return id === null ? null : { id };
  };
  if (typeof ref === 'number') return byId(ref);
  if (typeof ref === 'object' && ref !== null)
    return 'id' in ref
      ? byId(ref.id)
      : typeof ref.documentId === 'string'
        ? { documentId: ref.documentId }
        : null;
  if (typeof ref === 'string' && looksLikeId(ref)) return byId(ref);
  if (typeof ref === 'string')
    return nameField ? { $or: [{ documentId: ref }, { [nameField]: ref }] } : { documentId: ref };
  throw new LlmError(
    'invalid_request',
    `Cannot resolve ${JSON.stringify(ref)}: pass an id, a documentId or a name`
  );
}

// Configurations change rarely and calls are frequent: resolved targets are cached for a short
// while, and dropped whenever a provider, model, configuration or task is written.
const CACHE_TTL_MS = 30_000;

export function createResolver(strapi: Core.Strapi) {
  const cache = new Map<string, { value: ResolvedTarget; expires: number }>();

  async function load<T>(
    uid: string,
    ref: RecordRef,
    populate: object,
    label: string,
    nameField?: string
  ): Promise<T> {
    const where = whereFor(ref, nameField);
    const record = where
      ? await strapi.db.query(uid as StrapiUID.Schema).findOne({ where, populate })
      : null;
    if (!record) throw new LlmError('not_found', `No LLM ${label} ${JSON.stringify(ref)}`);
    return record as T;
  }

  function target(
    model: ModelRecord | null | undefined,
    extra: Partial<ResolvedTarget>,
    what: string
  ): ResolvedTarget {
    if (!model) throw new LlmError('invalid_request', `${what} has no model`);
    if (!model.provider)
      throw new LlmError('invalid_request', `Model "${model.displayName}" has no provider`);
    if (!model.active) throw new LlmError('inactive', `Model "${model.displayName}" is not active`);
    if (!model.provider.active)
      throw new LlmError('inactive', `Provider "${model.provider.name}" is not active`);
    if (extra.configuration && !extra.configuration.active)
      throw new LlmError('inactive', `Configuration "${extra.configuration.name}" is not active`);
    return { model, provider: model.provider, ...extra };
  }

  async function resolveUncached(options: {
    configuration?: RecordRef;
    model?: RecordRef;
    task?: RecordRef;
  }): Promise<ResolvedTarget> {
    if (options.task !== undefined) {
      const task = await load<TaskRecord>(UID.task, options.task, TASK_POPULATE, 'task', 'name');
      const configuration =
        options.configuration !== undefined
          ? await load<ConfigurationRecord>(
              UID.configuration,
              options.configuration,
              CONFIGURATION_POPULATE,
              'configuration',
              'name'
            )
          : task.configuration;
      if (!configuration)
        throw new LlmError('invalid_request', `Task "${task.name}" has no configuration`);
      return target(
        configuration.model,
        { configuration, task },
        `Configuration "${configuration.name}"`
      );
    }
    if (options.configuration !== undefined) {
      const configuration = await load<ConfigurationRecord>(
        UID.configuration,
        options.configuration,
        CONFIGURATION_POPULATE,
        'configuration',
        'name'
      );
      return target(
        configuration.model,
        { configuration },
        `Configuration "${configuration.name}"`
      );
    }
    if (options.model !== undefined) {
      const model = await load<ModelRecord>(UID.model, options.model, MODEL_POPULATE, 'model');
      return target(model, {}, 'The call');
    }
    throw new LlmError('invalid_request', 'Name a configuration, a model or a task for the call');
  }

  return {
    async resolve(options: {
      configuration?: RecordRef;
      model?: RecordRef;
      task?: RecordRef;
    }): Promise<ResolvedTarget> {
      const key = JSON.stringify([options.task, options.configuration, options.model]);
      const hit = cache.get(key);
      if (hit && hit.expires > Date.now()) return hit.value;
      let value: ResolvedTarget;
      try {
        value = await resolveUncached(options);
      } catch (error) {
        // The database is away: keep serving from what was resolved last, until it is back.
        if (!hit || error instanceof LlmError) throw error;
        strapi.log.warn(
          `llm: could not refresh ${key}, using the cached configuration: ${(error as Error).message}`
        );
        return hit.value;
      }
      cache.set(key, { value, expires: Date.now() + CACHE_TTL_MS });
      return value;
    },
    invalidate: () => cache.clear(),
  };
}

export type Resolver = ReturnType<typeof createResolver>;
