import type { Capability } from '../../../shared/contracts/access-rules';
import type { AccessRuleRecord } from './directory';

/** What a call asks for, as the rules judge it. */
export interface AccessRequest {
  /** The configuration serving the call (null: a model named directly, no configuration). */
  configurationId: number | null;
  /** The configuration a fallback serves: a fallback of an allowed configuration is allowed too. */
  fallbackFromConfigurationId: number | null;
  capabilities: Capability[];
}

/** Why a rule refuses a call: the configuration, or the first capability it does not allow. */
export type Refusal = { configuration: true } | { capability: Capability };

/** Null when the rule allows the call (a missing rule allows everything). */
export function refusalBy(
  rule: AccessRuleRecord | undefined,
  request: AccessRequest
): Refusal | null {
  if (!rule) return null;
  const configurations = rule.configurations;
  if (
    configurations &&
    !(request.configurationId !== null && configurations.includes(request.configurationId)) &&
    !(
      request.fallbackFromConfigurationId !== null &&
      configurations.includes(request.fallbackFromConfigurationId)
    )
  )
    return { configuration: true };
  const missing = rule.capabilities
    ? request.capabilities.find((capability) => !rule.capabilities!.includes(capability))
    : undefined;
  return missing ? { capability: missing } : null;
}

/**
 * A user's roles as one: the call is allowed when any role allows all of it (Strapi's permissions
 * are a union too), and a role without a rule allows everything. A user without roles is not
 * restricted (the admin panel does not let them in anyway). When every role refuses, the refusal
 * reported is the configuration's if no role allows it, else a capability's.
 */
export function refusalByRoles(
  rules: ReadonlyArray<AccessRuleRecord | undefined>,
  request: AccessRequest
): Refusal | null {
  if (rules.length === 0) return null;
  const refusals: Refusal[] = [];
  for (const rule of rules) {
    const refusal = refusalBy(rule, request);
    if (!refusal) return null;
    refusals.push(refusal);
  }
  return refusals.find((refusal) => 'capability' in refusal) ?? refusals[0];
}
