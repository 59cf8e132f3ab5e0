import { errors } from '@strapi/utils';
import { UID } from '../schemas';
import { strapi, type LifecycleEvent } from '../../lifecycles/shared';

/** Longer chains are refused on save too: the gateway never follows more hops than this. */
const MAX_CHAIN = 10;

type Ref = { id?: number; documentId?: string };

/**
 * The configuration a write points `fallback` at, in any of the shapes Strapi accepts for a
 * relation (an id, a documentId, `{ id }`, `{ connect: [...] }`, `{ set: [...] }`); undefined when
 * the write does not set one.
 */
export function fallbackRefOf(value: unknown): Ref | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return { id: value };
  if (typeof value === 'string')
    return /^\d+$/.test(value) ? { id: Number(value) } : { documentId: value };
  if (typeof value !== 'object') return undefined;
  const relation = value as Record<string, unknown>;
  for (const key of ['set', 'connect'] as const) {
    const list = relation[key];
    if (Array.isArray(list)) return list.length ? fallbackRefOf(list[list.length - 1]) : undefined;
  }
  if (typeof relation.id === 'number' || typeof relation.id === 'string')
    return fallbackRefOf(relation.id);
  if (typeof relation.documentId === 'string') return { documentId: relation.documentId };
  return undefined;
}

async function configurationOf(ref: Ref) {
  return (await strapi()
    .db.query(UID.configuration)
    .findOne({
      where: ref.id !== undefined ? { id: ref.id } : { documentId: ref.documentId },
      select: ['id', 'documentId', 'name'],
      populate: { fallback: { select: ['id'] } },
    })) as {
    id: number;
    documentId: string;
    name: string;
    fallback?: { id: number } | null;
  } | null;
}

/**
 * Refuses a configuration update whose fallback chain would come back to the configuration itself
 * (A → B → A), naming the chain. The gateway stops at a configuration it already tried anyway;
 * this says so to the admin when they save.
 */
export async function refuseFallbackLoop(event: LifecycleEvent & { params: { where?: unknown } }) {
  const target = fallbackRefOf(event.params.data?.fallback);
  const self = event.params.where as Ref | undefined;
  if (!target || !self || (self.id === undefined && self.documentId === undefined)) return;
  const names: string[] = [];
  let next: Ref | undefined = target;
  for (let hop = 0; next && hop < MAX_CHAIN; hop++) {
    const found = await configurationOf(next);
    if (!found) return;
    names.push(found.name);
    if (found.id === self.id || found.documentId === self.documentId)
      throw new errors.ValidationError(
        `This fallback makes a loop: the chain comes back to this configuration (${names.join(' → ')} → …)`
      );
    next = found.fallback ? { id: found.fallback.id } : undefined;
  }
  if (next)
    throw new errors.ValidationError(
      `This fallback chain is longer than ${MAX_CHAIN} configurations`
    );
}
