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
    route('GET', '/budgets/forecast', 'forecast.budgets', allowed(ACTIONS.budgetsManage)),
    route('POST', '/budgets', 'budget.create', allowed(ACTIONS.budgetsManage)),
    route('PUT', '/budgets/:id', 'budget.update', allowed(ACTIONS.budgetsManage)),
    route('DELETE', '/budgets/:id', 'budget.remove', allowed(ACTIONS.budgetsManage)),
    // Allow-lists: which configurations and capabilities each role and API token may use. Reading
    // them is for those who may configure the gateway; rules name roles and tokens, never keys.
    route('GET', '/access-rules', 'access-rule.list', allowed(ACTIONS.settingsManage)),
    route(
      'PUT',
      '/access-rules/:subjectKind/:subjectId',
      'access-rule.put',
      allowed(ACTIONS.settingsManage)
    ),
    route(
      'DELETE',
      '/access-rules/:subjectKind/:subjectId',
      'access-rule.remove',
      allowed(ACTIONS.settingsManage)
    ),
    // Rate limits are spend controls like budgets: the same permission reads and writes them.
    route('GET', '/rate-limits', 'rate-limit.list', allowed(ACTIONS.budgetsManage)),
    route('POST', '/rate-limits', 'rate-limit.create', allowed(ACTIONS.budgetsManage)),
    route('PUT', '/rate-limits/:id', 'rate-limit.update', allowed(ACTIONS.budgetsManage)),
    route('DELETE', '/rate-limits/:id', 'rate-limit.remove', allowed(ACTIONS.budgetsManage)),
    route('GET', '/analytics', 'analytics.get', allowed(ACTIONS.analyticsRead)),
    route('GET', '/analytics/forecast', 'forecast.get', allowed(ACTIONS.analyticsRead)),
    route('GET', '/analytics/export', 'analytics.exportAll', allowed(ACTIONS.analyticsRead)),
    route('GET', '/analytics/performance', 'performance.get', allowed(ACTIONS.analyticsRead)),
    // The request log: every usage row, its detail (error message included) and a CSV export.
    route('GET', '/requests', 'request-log.list', allowed(ACTIONS.analyticsRead)),
    route('GET', '/requests/export', 'request-log.exportCsv', allowed(ACTIONS.analyticsRead)),
    route('GET', '/requests/:id', 'request-log.get', allowed(ACTIONS.analyticsRead)),
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
    // Provider tools, for those who may configure the gateway: one minimal request to the provider
    // with its latency; the models it offers (with catalogue prices); the chosen ones created.
    route(
      'POST',
      '/providers/:documentId/test-connection',
      'provider-tools.testConnection',
      allowed(ACTIONS.settingsManage)
    ),
    route(
      'GET',
      '/providers/:documentId/available-models',
      'provider-tools.availableModels',
      allowed(ACTIONS.settingsManage)
    ),
    route(
      'POST',
      '/providers/:documentId/models/import',
      'provider-tools.importModels',
      allowed(ACTIONS.settingsManage)
    ),
    // Every admin user sees their own usage and budget; no permission beyond being signed in.
    route('GET', '/me/budget', 'budget.mine'),
    route('GET', '/me/analytics', 'analytics.getMine'),
    route('GET', '/me/analytics/export', 'analytics.exportMine'),
  ],
};
