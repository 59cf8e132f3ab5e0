import { getFetchClient } from '@strapi/strapi/admin';
import type {
  GetUsageColumns,
  UsageColumnKind,
  UsageFigures,
} from '../../../shared/contracts/usage-columns';
import { PLUGIN_ID } from '../pluginId';

type Figures = UsageFigures | null;

const FRESH_MS = 30_000;

/**
 * All the cells of a list page ask at once; their ids are gathered for one tick and fetched in one
 * request per content type. Answers are kept for a short while so re-renders do not refetch.
 */
const cache = new Map<string, { at: number; value: Promise<Figures> }>();
const pending = new Map<UsageColumnKind, Map<number, Array<(f: Figures | Error) => void>>>();

function flush(kind: UsageColumnKind) {
  const waiters = pending.get(kind);
  pending.delete(kind);
  if (!waiters || waiters.size === 0) return;
  const ids = [...waiters.keys()];
  getFetchClient()
    .get<GetUsageColumns.Response>(`/${PLUGIN_ID}/usage-columns/${kind}?ids=${ids.join(',')}`)
    .then(({ data }) => {
      for (const [id, resolvers] of waiters)
        for (const resolve of resolvers) resolve(data.data[String(id)] ?? null);
    })
    .catch((error: Error) => {
      for (const resolvers of waiters.values()) for (const resolve of resolvers) resolve(error);
    });
}

export function loadFigures(kind: UsageColumnKind, id: number): Promise<Figures> {
  const key = `${kind}:${id}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < FRESH_MS) return hit.value;
  const value = new Promise<Figures>((resolve, reject) => {
    let forKind = pending.get(kind);
    if (!forKind) {
      forKind = new Map();
      pending.set(kind, forKind);
      setTimeout(() => flush(kind), 0);
    }
    const resolvers = forKind.get(id) ?? [];
    resolvers.push((result) => (result instanceof Error ? reject(result) : resolve(result)));
    forKind.set(id, resolvers);
  });
  cache.set(key, { at: Date.now(), value });
  value.catch(() => cache.delete(key));
  return value;
}
