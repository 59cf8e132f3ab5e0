import type { Core, UID as StrapiUID } from '@strapi/strapi';
import { contentTypes, errors, isOperator } from '@strapi/utils';
import { LlmError } from '../gateway/errors';
import {
  permissionChecker,
  type Filters,
  type PermissionChecker,
  type UserAbility,
} from '../policies/content-access';

/**
 * Checks on the filters a caller selects entries with (estimates, the request log): the Content
 * Manager's own validation and sanitiser, then the plugin's stricter walk (below).
 */

const refuse = (path: string, why: string): never => {
  throw new LlmError('invalid_request', `body.filters may not use "${path}": ${why}`);
};

/**
 * The Content Manager's own query validation, then its sanitiser as a tripwire: whatever the
 * sanitiser would still strip is refused, never dropped — dropping a condition silently widens
 * the selection (and turns a refused probe into a count of everything).
 */
export async function refuseWhatTheContentManagerRefuses(
  checker: PermissionChecker,
  filters: Filters
) {
  try {
    await checker.validateQuery({ filters });
  } catch (error) {
    if (error instanceof errors.ValidationError)
      throw new LlmError('invalid_request', `body.filters: ${error.message}`);
    throw error;
  }
  const sanitized = await checker.sanitizeQuery({ filters });
  if (JSON.stringify(sanitized.filters ?? {}) !== JSON.stringify(filters))
    throw new LlmError('invalid_request', 'body.filters use fields you may not read');
}

// ---------------------------------------------------------------------------------------------
// The plugin's own walk over the filters, stricter than the Content Manager's: an allow-list of
// what may appear, each path named when refused. The Content Manager lets a filter reach into
// `createdBy` (an admin user: e-mail, names) and, through a relation, any field of the target
// type whatever the caller may read of it; the database layer takes unknown keys as raw column
// names. None of that gets through here.
// ---------------------------------------------------------------------------------------------

interface Attribute {
  type: string;
  target?: string;
  relation?: string;
  component?: string;
  private?: boolean;
}

interface Schema {
  uid: string;
  attributes: Record<string, Attribute>;
  config?: { attributes?: Record<string, { hidden?: boolean }> };
}

/** Where in the filters the walk is, and which type's read permission decides the fields there. */
interface Place {
  schema: Schema;
  /** The dotted path from the filters' root, for messages. */
  path: string;
  /** The type whose read permission decides, and the field path inside it (components nest). */
  checker: PermissionChecker;
  fieldPrefix: string;
  /** Behind a relation the caller reads only under conditions: only the related entry's ids. */
  identifiersOnly: boolean;
}

/** Fields the Content Manager lets every reader of a type filter on. */
const ALWAYS_FILTERABLE = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt']);
const IDENTIFIERS = new Set(['id', 'documentId']);
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

export function refuseUnsafePaths(
  strapi: Core.Strapi,
  userAbility: UserAbility,
  uid: string,
  filters: Filters
) {
  const schema = strapi.getModel(uid as StrapiUID.Schema) as unknown as Schema;
  const walk = { strapi, userAbility };
  checkWhere(walk, filters, {
    schema,
    path: '',
    checker: permissionChecker(strapi, userAbility, uid),
    fieldPrefix: '',
    identifiersOnly: false,
  });
}

type Walk = { strapi: Core.Strapi; userAbility: UserAbility };

/** A where clause on entries of `place.schema`: attributes, `$and` / `$or` / `$not`, or an operator on the entry's id. */
function checkWhere(walk: Walk, where: unknown, place: Place) {
  if (Array.isArray(where))
    return where.forEach((clause, i) =>
      checkWhere(walk, clause, { ...place, path: `${place.path}[${i}]` })
    );
  if (!isPlainObject(where)) return;
  for (const [key, value] of Object.entries(where)) {
    const path = join(place.path, key);
    if (key === '$and' || key === '$or' || key === '$not')
      checkWhere(walk, value, { ...place, path });
    else if (isOperator(key)) checkOperand(value, path);
    // Not in a schema's attributes, and every reader of an entry may name it by its ids.
    else if (IDENTIFIERS.has(key)) checkOperand(value, path);
    else if (place.schema.attributes[key])
      checkAttribute(walk, key, place.schema.attributes[key], value, place);
    else refuse(path, `${place.schema.uid} has no such field`);
  }
}

/** An operator's operand: a value or a list of values, or (`$not`) another operator map. */
function checkOperand(operand: unknown, path: string) {
  if (Array.isArray(operand))
    return operand.forEach((item, i) => checkOperand(item, `${path}[${i}]`));
  if (isPlainObject(operand)) return checkOperators(operand, path);
}

/** The operator map of one field: `{ $startsWith: 'a' }`, `{ $not: { $eq: 'x' } }`. */
function checkOperators(operators: Record<string, unknown>, path: string) {
  for (const [operator, operand] of Object.entries(operators)) {
    if (!isOperator(operator)) refuse(join(path, operator), 'expected an operator such as $eq');
    checkOperand(operand, join(path, operator));
  }
}

function checkAttribute(
  walk: Walk,
  key: string,
  attribute: Attribute,
  value: unknown,
  place: Place
) {
  const path = join(place.path, key);
  const field = join(place.fieldPrefix, key);
  if (attribute.type === 'relation' && attribute.target?.startsWith('admin::'))
    refuse(path, 'admin users and other admin records are never filterable');
  if (attribute.type === 'password' || contentTypes.isPrivateAttribute(place.schema as never, key))
    refuse(path, 'private fields are not filterable');
  if (place.schema.config?.attributes?.[key]?.hidden)
    refuse(path, 'hidden fields are not filterable');
  if (place.identifiersOnly && !IDENTIFIERS.has(key))
    refuse(path, 'you read these entries under conditions: only their id or documentId');
  // A component's own key is no field permission (they name its leaves, `seo.metaTitle`): checked below it.
  const mayRead =
    attribute.type === 'component' ||
    (place.fieldPrefix === '' && ALWAYS_FILTERABLE.has(key)) ||
    place.checker.can.read(undefined, field);
  if (!mayRead) refuse(path, 'you may not read this field');

  switch (attribute.type) {
    case 'relation':
    case 'media':
      return checkRelated(walk, attribute, value, path);
    case 'component':
      return checkWhere(walk, value, {
        ...place,
        schema: walk.strapi.getModel(attribute.component as StrapiUID.Schema) as unknown as Schema,
        path,
        fieldPrefix: field,
      });
    case 'dynamiczone':
      return refuse(path, 'dynamic zones are not filterable');
    default:
      return checkOperand(value, path);
  }
}

/**
 * Behind a relation the target type's own read permission decides: refused if the caller may not
 * read it at all, only ids if they read it under conditions (its field contents would otherwise
 * leak for entries the conditions hide), its readable fields otherwise.
 */
function checkRelated(walk: Walk, attribute: Attribute, value: unknown, path: string) {
  const target = attribute.type === 'media' ? 'plugin::upload.file' : attribute.target;
  if (!target || attribute.relation?.toLowerCase().startsWith('morph'))
    return refuse(path, 'polymorphic relations are not filterable');
  if (!isPlainObject(value)) return checkOperand(value, path);
  const checker = permissionChecker(walk.strapi, walk.userAbility, target);
  // Media has no Content Manager permission of its own: only the file's id.
  const conditional = attribute.type === 'media' || checker.requiresEntity.read();
  if (attribute.type !== 'media' && !checker.can.read())
    return refuse(path, `you may not read ${target}`);
  checkWhere(walk, value, {
    schema: walk.strapi.getModel(target as StrapiUID.Schema) as unknown as Schema,
    path,
    checker,
    fieldPrefix: '',
    identifiersOnly: conditional,
  });
}
