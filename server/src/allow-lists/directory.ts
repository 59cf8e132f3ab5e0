import type { Core } from '@strapi/strapi';
import type { Capability, SubjectKind } from '../../../shared/contracts/access-rules';
import { UID } from '../content-types/schemas';
import { createRoleCache } from '../utils/admin-roles';
import { createTimedCache } from '../utils/timed-cache';

/** How long the rules and a user's roles are reused before they are read again (other instances' writes). */
const CACHE_MS = 10_000;

/** A stored rule: null on an axis = any. */
export interface AccessRuleRecord {
  id: number;
  subjectKind: SubjectKind;
  subjectId: number;
  configurations: number[] | null;
  capabilities: Capability[] | null;
}

export const subjectKey = (kind: SubjectKind, id: number) => `${kind}:${id}`;

/** The rules as a call reads them: by subject, and whether any role has one (else roles are not looked up). */
export interface RuleSet {
  bySubject: Map<string, AccessRuleRecord>;
  anyRoleRule: boolean;
}

/**
 * The access rules by subject and each user's roles, cached for a few seconds (every call asks;
 * with the cache warm a check reads two maps and touches no database), and dropped whenever a
 * rule is written on this instance (the content type's lifecycles).
 */
export function createAllowListDirectory(strapi: Core.Strapi) {
  const roles = createRoleCache(strapi, CACHE_MS);
  // The database is away: keep enforcing what was known rather than letting every call through.
  const rules = createTimedCache(
    CACHE_MS,
    async (): Promise<RuleSet> => {
      const list = (await strapi.db.query(UID.accessRule).findMany({})) as AccessRuleRecord[];
      const set: RuleSet = {
        bySubject: new Map(
          list.map((rule) => [subjectKey(rule.subjectKind, rule.subjectId), rule])
        ),
        anyRoleRule: list.some((rule) => rule.subjectKind === 'role'),
      };
      return set;
    },
    (error, ageMs) =>
      strapi.log.warn(
        `llm: could not refresh access rules, using those from ${Math.round(ageMs / 1000)} s ago: ${error.message}`
      )
  );

  return {
    /** Every rule, by `subjectKey`. */
    rules: (): Promise<RuleSet> => rules.get(),
    /** The admin roles of a user, by id. */
    rolesOf: roles.rolesOf,
    invalidate() {
      rules.clear();
      roles.clear();
    },
  };
}

export type AllowListDirectory = ReturnType<typeof createAllowListDirectory>;
