import type { Core, UID as StrapiUID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID } from '../content-types/schemas';
import { filterPaths, sortPaths } from './query-paths';

/**
 * Stored secrets are write-only: the Document Service never hands them out, and no query may
 * filter, sort or populate-filter on them (a `$startsWith` filter is a read, one character at a
 * time). The gateway reads the stored key through the query engine, which this does not touch.
 */
const SECRET_FIELDS: Record<string, readonly string[]> = { [UID.provider]: ['apiKey'] };

export const secretFieldsOf = (uid: string): readonly string[] => SECRET_FIELDS[uid] ?? [];

type Attribute = { type?: string; target?: string; component?: string; components?: string[] };
type Getter = (uid: string) => { attributes: Record<string, Attribute> } | undefined;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The uid an attribute's value holds documents of, when it holds any. */
function nestedUid(attribute: Attribute | undefined, value: unknown): string | undefined {
  if (!attribute) return undefined;
  if (attribute.type === 'relation') return attribute.target;
  if (attribute.type === 'component') return attribute.component;
  if (attribute.type === 'dynamiczone' && isObject(value) && typeof value.__component === 'string')
    return value.__component;
  return undefined;
}

/** Removes every secret field from a Document Service result, populated relations and components included. */
export function withoutSecrets<T>(getModel: Getter, uid: string, value: T, depth = 0): T {
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (const item of value) withoutSecrets(getModel, uid, item, depth + 1);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const field of SECRET_FIELDS[uid] ?? []) delete record[field];
  // Results of delete/publish-like actions: { documentId, entries: [...] }.
  if (Array.isArray(record.entries)) withoutSecrets(getModel, uid, record.entries, depth + 1);
  const attributes = getModel(uid)?.attributes ?? {};
  for (const [name, nested] of Object.entries(record)) {
    const attribute = attributes[name];
    if (attribute?.type === 'dynamiczone' && Array.isArray(nested)) {
      for (const item of nested) {
        const component = nestedUid(attribute, item);
        if (component) withoutSecrets(getModel, component, item, depth + 1);
      }
      continue;
    }
    const target = nestedUid(attribute, nested);
    if (target) withoutSecrets(getModel, target, nested, depth + 1);
  }
  return value;
}

/** Whether a path from `uid` ends on (or passes through) a secret field. */
function reachesSecret(getModel: Getter, uid: string, path: string[]): boolean {
  let current: string | undefined = uid;
  for (const segment of path) {
    if (!current) return false;
    if ((SECRET_FIELDS[current] ?? []).includes(segment)) return true;
    current = nestedUid(getModel(current)?.attributes?.[segment], undefined);
  }
  return false;
}

/** The filters and sorts of a query and of every populate inside it, each with the uid it applies to. */
function* queryParts(
  getModel: Getter,
  uid: string,
  params: Record<string, unknown>,
  depth = 0
): Generator<{ uid: string; paths: string[][] }> {
  if (depth > 10) return;
  yield { uid, paths: [...filterPaths(params.filters), ...sortPaths(params.sort)] };
  if (!isObject(params.populate)) return;
  const attributes = getModel(uid)?.attributes ?? {};
  for (const [name, nested] of Object.entries(params.populate)) {
    const target = nestedUid(attributes[name], undefined);
    if (target && isObject(nested)) yield* queryParts(getModel, target, nested, depth + 1);
  }
}

/** Refuses (400) a query that filters or sorts on a secret field, however deep. */
export function assertNoSecretInQuery(
  getModel: Getter,
  uid: string,
  params: Record<string, unknown> | undefined
) {
  if (!params) return;
  for (const part of queryParts(getModel, uid, params)) {
    const path = part.paths.find((p) => reachesSecret(getModel, part.uid, p));
    if (path)
      throw new errors.ValidationError(
        `${path.join('.')} is a stored secret: it cannot be filtered or sorted on`
      );
  }
}

export const modelGetter =
  (strapi: Core.Strapi): Getter =>
  (uid) =>
    strapi.getModel(uid as StrapiUID.Schema) as ReturnType<Getter>;

/**
 * The same rules at the query engine, for the provider itself: the Content Manager's relation
 * pickers (and any plugin) query a relation's target with `strapi.db.query` and the caller's own
 * `fields`, `filters` and `sort`, past the Document Service. As database lifecycles of the provider
 * type: no read may name the key, and no read hands it out. (The gateway never reads providers as
 * the root of a query; it reads them populated from a model, which these hooks do not touch.)
 */
export function secretLifecycles(uid: string) {
  const secrets = secretFieldsOf(uid);
  const refuseInQuery = (event: { params?: { where?: unknown; orderBy?: unknown } }) => {
    const path = [...filterPaths(event.params?.where), ...sortPaths(event.params?.orderBy)].find(
      (p) => p.some((segment) => secrets.includes(segment))
    );
    if (path)
      throw new errors.ValidationError(
        `${path.join('.')} is a stored secret: it cannot be filtered or sorted on`
      );
  };
  const strip = (row: unknown) => {
    if (row && typeof row === 'object')
      for (const field of secrets) delete (row as Record<string, unknown>)[field];
  };
  return {
    beforeFindOne: refuseInQuery,
    beforeFindMany: refuseInQuery,
    beforeCount: refuseInQuery,
    afterFindOne: (event: { result?: unknown }) => strip(event.result),
    afterFindMany: (event: { result?: unknown }) =>
      Array.isArray(event.result) ? event.result.forEach(strip) : undefined,
  };
}
