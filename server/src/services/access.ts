import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type {
  AccessRule,
  AccessSubject,
  ListAccessRules,
  SubjectKind,
} from '../../../shared/contracts/access-rules';
import { allowListControl } from '../allow-lists/control';
import {
  createAllowListDirectory,
  subjectKey,
  type AccessRuleRecord,
} from '../allow-lists/directory';
import { UID } from '../content-types/schemas';
import { refusalBy } from '../allow-lists/decide';
import { subjectOf, validateAccessRule } from '../controllers/validation/access-rules';
import type { CallControl } from '../gateway/controls';

type Named = Array<{ id: number; name: string }>;

const SUBJECT_UID: Record<SubjectKind, string> = {
  role: 'admin::role',
  apiToken: 'admin::api-token',
};

const toRule = (record: AccessRuleRecord): AccessRule => ({
  subjectKind: record.subjectKind,
  subjectId: record.subjectId,
  configurations: record.configurations ?? null,
  capabilities: record.capabilities ?? null,
});

/**
 * `strapi.plugin('llm').service('access')`: the allow-lists — which configurations and capabilities
 * each admin role and each API token may use (admin CRUD), and the control every call passes first.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const directory = createAllowListDirectory(strapi);
  const control = allowListControl(directory);
  const named = (uid: string, orderBy: string) =>
    // An API token is read by id and name only: its key never leaves the database.
    strapi.db
      .query(uid as never)
      .findMany({ select: ['id', 'name'], orderBy: { [orderBy]: 'asc' } }) as Promise<Named>;

  async function assertExists(kind: SubjectKind, id: number) {
    const found = await strapi.db
      .query(SUBJECT_UID[kind] as never)
      .findOne({ where: { id }, select: ['id'] });
    if (!found)
      throw new errors.NotFoundError(`No ${kind === 'role' ? 'admin role' : 'API token'} ${id}`);
  }

  async function assertConfigurations(ids: number[] | null) {
    if (!ids || ids.length === 0) return;
    const found = (await strapi.db
      .query(UID.configuration)
      .findMany({ where: { id: { $in: ids } }, select: ['id'] })) as Array<{ id: number }>;
    const missing = ids.filter((id) => !found.some((row) => row.id === id));
    if (missing.length > 0)
      throw new errors.ValidationError(`No configuration ${missing.join(', ')}`, {
        errors: [
          {
            path: ['configurations'],
            message: `No configuration ${missing.join(', ')}`,
            name: 'ValidationError',
          },
        ],
      });
  }

  const findRule = (kind: SubjectKind, id: number) =>
    strapi.db
      .query(UID.accessRule)
      .findOne({ where: { subjectKind: kind, subjectId: id } }) as Promise<AccessRuleRecord | null>;

  return {
    /** The control the gateway runs first (services/llm.ts). */
    control: (): CallControl => control,
    invalidate: () => directory.invalidate(),

    /**
     * The configurations among `ids` an API token's allow-list lets it call (the same decision the
     * gateway's control makes, on the configuration axis): what GET /api/llm/v1/models lists.
     */
    async configurationsAllowedFor(apiTokenId: number | null, ids: number[]): Promise<number[]> {
      if (apiTokenId === null) return ids;
      const rule = (await directory.rules()).bySubject.get(subjectKey('apiToken', apiTokenId));
      return ids.filter(
        (configurationId) =>
          !refusalBy(rule, { configurationId, fallbackFromConfigurationId: null, capabilities: [] })
      );
    },

    /** Every role and API token with its rule (null = unrestricted), and the configurations to choose from. */
    async list(): Promise<ListAccessRules.Response> {
      const [roles, apiTokens, configurations, records] = await Promise.all([
        named('admin::role', 'id'),
        named('admin::api-token', 'name'),
        named(UID.configuration, 'name'),
        strapi.db.query(UID.accessRule).findMany({}) as Promise<AccessRuleRecord[]>,
      ]);
      const byKey = new Map(records.map((r) => [subjectKey(r.subjectKind, r.subjectId), r]));
      const subjects = (kind: SubjectKind, rows: Named): AccessSubject[] =>
        rows.map(({ id, name }) => {
          const rule = byKey.get(subjectKey(kind, id));
          return {
            kind,
            id,
            name,
            rule: rule
              ? {
                  configurations: rule.configurations ?? null,
                  capabilities: rule.capabilities ?? null,
                }
              : null,
          };
        });
      return {
        data: [...subjects('role', roles), ...subjects('apiToken', apiTokens)],
        meta: { configurations: configurations.map(({ id, name }) => ({ id, name })) },
      };
    },

    /** Sets a subject's rule (one per subject), checked: the subject and every configuration exist. */
    async put(kind: unknown, id: unknown, body: unknown): Promise<AccessRule> {
      const subject = subjectOf(kind, id);
      await assertExists(subject.kind, subject.id);
      const input = await validateAccessRule(body);
      await assertConfigurations(input.configurations);
      const existing = await findRule(subject.kind, subject.id);
      const data = { subjectKind: subject.kind, subjectId: subject.id, ...input };
      const saved = (
        existing
          ? await strapi.db.query(UID.accessRule).update({ where: { id: existing.id }, data })
          : await strapi.db.query(UID.accessRule).create({ data })
      ) as AccessRuleRecord;
      return toRule(saved);
    },

    /** Removes a subject's rule: it is unrestricted again. False when it had none. */
    async remove(kind: unknown, id: unknown): Promise<boolean> {
      const subject = subjectOf(kind, id);
      const existing = await findRule(subject.kind, subject.id);
      if (!existing) return false;
      await strapi.db.query(UID.accessRule).delete({ where: { id: existing.id } });
      return true;
    },
  };
};
