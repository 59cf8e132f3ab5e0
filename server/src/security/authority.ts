import type { Core, UID as StrapiUID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID } from '../content-types/schemas';
import { ACTIONS } from '../permissions';
import { secretFieldsOf } from './secret-fields';

/**
 * Who may change what the gateway does. Configuring it (providers and their keys, models and their
 * prices, configurations, tasks) is a plugin permission, not a Content Manager grant: a role that an
 * admin gave Content Manager update on these types still cannot change them without
 * `plugin::llm.settings.manage`. The usage ledger is readable only with `plugin::llm.analytics.read`
 * and writable by nobody. See docs/SECURITY.md.
 */

/** The types that configure the gateway: what a call resolves to and what it costs. */
export const CONFIGURATION_TYPES: readonly string[] = [
  UID.provider,
  UID.model,
  UID.configuration,
  UID.task,
];
/** The recorded usage: the gateway writes it, analytics readers read it. */
export const LEDGER_TYPES: readonly string[] = [UID.usage, UID.usageRollup, UID.usageCube];

const CONTENT_MANAGER = 'plugin::content-manager.explorer.';
const WRITES = new Set(
  ['create', 'update', 'delete', 'publish'].map((action) => `${CONTENT_MANAGER}${action}`)
);
const READ = `${CONTENT_MANAGER}read`;

interface StoredPermission {
  action: string;
  subject?: string | null;
  properties?: { fields?: string[] | null } & Record<string, unknown>;
}

/** Fields no Content Manager permission reaches: the stored secrets (security/secret-fields.ts). */
export interface FieldRule {
  /** The attributes of a type, to list when a permission names no fields (which means "all"). */
  fieldsOf: (uid: string) => string[];
  /** The secret fields of a type. */
  secretsOf: (uid: string) => readonly string[];
}

/**
 * A user's permissions as they take effect: Content Manager writes on the configuration types only
 * alongside `settings.manage`; ledger reads only alongside `analytics.read`; ledger writes never.
 * Applied where Strapi computes every admin ability and the admin's own permission list, so the
 * server refuses and the admin shows read-only screens from the same source.
 */
export function effectivePermissions<P extends StoredPermission>(
  permissions: P[],
  fields: FieldRule
): P[] {
  const holds = (action: string) => permissions.some((p) => p.action === action);
  const mayConfigure = holds(ACTIONS.settingsManage);
  const mayReadUsage = holds(ACTIONS.analyticsRead);
  return permissions
    .filter(({ action, subject }) => {
      if (!subject) return true;
      if (CONFIGURATION_TYPES.includes(subject) && WRITES.has(action)) return mayConfigure;
      if (LEDGER_TYPES.includes(subject) && WRITES.has(action)) return false;
      if (LEDGER_TYPES.includes(subject) && action === READ) return mayReadUsage;
      return true;
    })
    .map((permission) => withoutSecretFields(permission, fields));
}

/**
 * A Content Manager permission never reaches a secret field: the Content Manager then leaves it out
 * of its answers, refuses filters and sorts on it, never uses it as a relation's label, and never
 * writes it (the key is written through its own route).
 */
function withoutSecretFields<P extends StoredPermission>(permission: P, rule: FieldRule): P {
  const secrets =
    permission.subject && permission.action.startsWith(CONTENT_MANAGER)
      ? rule.secretsOf(permission.subject)
      : [];
  if (secrets.length === 0) return permission;
  const named = permission.properties?.fields ?? rule.fieldsOf(permission.subject!);
  return {
    ...permission,
    properties: {
      ...permission.properties,
      fields: named.filter((field) => !secrets.includes(field)),
    },
  };
}

/** Wraps the admin's permission service (Strapi's service `extend`) so every ability is built from effective permissions. */
export function applyEffectivePermissions(strapi: Core.Strapi) {
  type PermissionService = { findUserPermissions: (user: unknown) => Promise<StoredPermission[]> };
  const fields: FieldRule = {
    fieldsOf: (uid) =>
      Object.keys(
        (strapi.getModel(uid as StrapiUID.Schema) as { attributes?: object } | undefined)
          ?.attributes ?? {}
      ),
    secretsOf: secretFieldsOf,
  };
  strapi.get('services').extend('admin::permission', (service: PermissionService) => ({
    ...service,
    findUserPermissions: async (user: unknown) =>
      effectivePermissions(await service.findUserPermissions(user), fields),
  }));
}

interface RequestState {
  state?: {
    userAbility?: { can(action: string, subject?: string): boolean };
    auth?: { strategy?: { name?: string } };
  };
}

/** The HTTP request being served, if any (Strapi keeps it in an AsyncLocalStorage). */
const currentRequest = (strapi: Core.Strapi) =>
  strapi.requestContext.get() as RequestState | undefined;

/**
 * Refuses a write to a configuration type unless it is made by an admin holding `settings.manage`.
 * Runs in the types' database lifecycles, so it holds for every path that reaches the database —
 * Content Manager (create, update, delete, clone, bulk actions), the Document Service, the query
 * engine — whatever the role's Content Manager rights. Code running outside any request (bootstrap,
 * cron, the `strapi-llm` command, scripts) is the app's own and may write; so may a data transfer,
 * whose token is site-wide by design. Any other request (content API, public routes) may not.
 */
export function assertMayConfigure(strapi: Core.Strapi, uid: string) {
  const request = currentRequest(strapi);
  if (!request) return;
  const ability = request.state?.userAbility;
  if (ability) {
    if (ability.can(ACTIONS.settingsManage)) return;
    throw new errors.ForbiddenError(
      `Changing ${uid} needs the "Configure the LLM gateway" permission (${ACTIONS.settingsManage})`
    );
  }
  if (request.state?.auth?.strategy?.name === 'data-transfer') return;
  throw new errors.ForbiddenError(
    `${uid} can only be changed from the admin panel by users with ${ACTIONS.settingsManage}, or by server code`
  );
}

/** Refuses reading the usage ledger in an admin request without `analytics.read` (the Content Manager's own check comes first). */
export function assertMayReadLedger(strapi: Core.Strapi, uid: string) {
  const ability = currentRequest(strapi)?.state?.userAbility;
  if (ability && !ability.can(ACTIONS.analyticsRead)) {
    throw new errors.ForbiddenError(`Reading ${uid} needs ${ACTIONS.analyticsRead}`);
  }
}
