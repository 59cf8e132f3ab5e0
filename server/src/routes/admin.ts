import { ACTIONS } from '../permissions';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Policy = string | { name: string; config: Record<string, unknown> };

const AUTHENTICATED = 'admin::isAuthenticatedAdmin';
/** An admin route: signed in, and whatever else it names (a permission, a plugin policy). */
const route = (method: Method, path: string, handler: string, ...policies: Policy[]) => ({
  method,
  path,
  handler,
  config: { policies: [AUTHENTICATED, ...policies] },
});
const allowed = (action: string): Policy => ({
  name: 'admin::hasPermissions',
  config: { actions: [action] },
});

/**
 * The admin API: every route names what it needs (docs/SECURITY.md lists them). Routes on content
 * need what the Content Manager would ask for the same content (plugin::llm.may-read-*).
 */
export default {
  type: 'admin' as const,
  routes: [
    route('GET', '/status', 'status.get'),
    route('GET', '/tasks', 'task.list', allowed(ACTIONS.tasksRun)),
    route('POST', '/tasks/:id/run', 'task.runFromAdmin', allowed(ACTIONS.tasksRun)),
    // Also checked in the controller: read access to the content type whose entries are estimated.
    route('POST', '/tasks/:id/estimate', 'entries.estimate', allowed(ACTIONS.tasksRun)),
    route('GET', '/budgets', 'budget.list', allowed(ACTIONS.budgetsManage)),
    route('POST', '/budgets', 'budget.create', allowed(ACTIONS.budgetsManage)),
    route('PUT', '/budgets/:id', 'budget.update', allowed(ACTIONS.budgetsManage)),
    route('DELETE', '/budgets/:id', 'budget.remove', allowed(ACTIONS.budgetsManage)),
    route('GET', '/analytics', 'analytics.get', allowed(ACTIONS.analyticsRead)),
    route('GET', '/analytics/export', 'analytics.exportAll', allowed(ACTIONS.analyticsRead)),
    // Site-wide figures of the Overview page and the homepage widget.
    route('GET', '/overview', 'overview.get', allowed(ACTIONS.analyticsRead)),
    // Whoever may read that plugin content type in the Content Manager.
    route('GET', '/usage-columns/:kind', 'usage-columns.get', 'plugin::llm.may-read-kind'),
    // Whoever may read that entry in the Content Manager, conditions included.
    route('GET', '/entries/:uid/:documentId/usage', 'entries.usage', 'plugin::llm.may-read-entry'),
    // Whether a provider's key is set, never the key: whoever may read this provider.
    route('GET', '/providers/:documentId/credentials', 'provider.credentials', {
      name: 'plugin::llm.may-read-entry',
      config: { uid: 'plugin::llm.provider' },
    }),
    // The key is write-only: replaced or removed here, by those who may configure the gateway.
    route(
      'PUT',
      '/providers/:documentId/api-key',
      'provider.setApiKey',
      allowed(ACTIONS.settingsManage)
    ),
    // Every admin user sees their own usage and budget; no permission beyond being signed in.
    route('GET', '/me/budget', 'budget.mine'),
    route('GET', '/me/analytics', 'analytics.getMine'),
    route('GET', '/me/analytics/export', 'analytics.exportMine'),
  ],
};
