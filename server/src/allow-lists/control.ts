import { NO_RESERVATION } from '../gateway/budget-seam';
import type { CallControl } from '../gateway/controls';
import { LlmError } from '../gateway/errors';
import type { CallContext, ResolvedTarget } from '../gateway/types';
import { capabilitiesOf } from './capabilities';
import { refusalBy, refusalByRoles, type AccessRequest, type Refusal } from './decide';
import { subjectKey, type AllowListDirectory } from './directory';

/** The refusal as the caller reads it: who is refused ("Your role", "This API token") and what. */
function notAllowed(who: string, refusal: Refusal, target: ResolvedTarget): LlmError {
  if ('capability' in refusal)
    return new LlmError('not_allowed', `${who} may not use the capability "${refusal.capability}"`);
  const what = target.configuration
    ? `configuration "${target.configuration.name}"`
    : `model "${target.model.displayName}" without one of its allowed configurations`;
  return new LlmError('not_allowed', `${who} may not use ${what}`);
}

const requestOf = (target: ResolvedTarget, context: CallContext): AccessRequest => ({
  configurationId: target.configuration?.id ?? null,
  // A fallback stands in for the configuration the call was made with, at any hop of the chain.
  fallbackFromConfigurationId:
    context.fallbackOriginConfigurationId ?? context.fallbackFromConfigurationId ?? null,
  capabilities: capabilitiesOf(context),
});

/**
 * The allow-list as the gateway's first control: a call by an API token needs that token's rule to
 * allow it; a call by an admin user needs one of the user's roles to allow it. A call with neither
 * (app code that names no caller, cron jobs) is not restricted. A refusal is a 403 `not_allowed`,
 * recorded as a usage row whose status is "denied".
 */
export const allowListControl = (directory: AllowListDirectory): CallControl => ({
  name: 'allow-list',
  async admit(target, context) {
    if (context.userId === null && context.apiTokenId === null) return NO_RESERVATION;
    const rules = await directory.rules();
    if (rules.bySubject.size === 0) return NO_RESERVATION;
    const request = requestOf(target, context);
    if (context.apiTokenId !== null) {
      const rule = rules.bySubject.get(subjectKey('apiToken', context.apiTokenId));
      const refusal = refusalBy(rule, request);
      if (refusal) throw notAllowed('This API token', refusal, target);
    }
    if (context.userId !== null && rules.anyRoleRule) {
      const roleIds = await directory.rolesOf(context.userId);
      const refusal = refusalByRoles(
        roleIds.map((id) => rules.bySubject.get(subjectKey('role', id))),
        request
      );
      if (refusal)
        throw notAllowed(roleIds.length > 1 ? 'Your roles' : 'Your role', refusal, target);
    }
    return NO_RESERVATION;
  },
});
