import { ACTIONS } from '../permissions';

const authenticated = ['admin::isAuthenticatedAdmin'];
const allowed = (action: string) => [
  ...authenticated,
  { name: 'admin::hasPermissions', config: { actions: [action] } },
];

export default {
  type: 'admin' as const,
  routes: [
    { method: 'GET', path: '/status', handler: 'status.get', config: { policies: authenticated } },
    {
      method: 'GET',
      path: '/tasks',
      handler: 'task.list',
      config: { policies: allowed(ACTIONS.tasksRun) },
    },
    {
      method: 'POST',
      path: '/tasks/:id/run',
      handler: 'task.runFromAdmin',
      config: { policies: allowed(ACTIONS.tasksRun) },
    },
    // Also checked in the controller: read access to the content type whose entries are estimated.
    {
      method: 'POST',
      path: '/tasks/:id/estimate',
      handler: 'entries.estimate',
      config: { policies: allowed(ACTIONS.tasksRun) },
    },
    {
      method: 'GET',
      path: '/budgets',
      handler: 'budget.list',
      config: { policies: allowed(ACTIONS.budgetsManage) },
    },
    {
      method: 'POST',
      path: '/budgets',
      handler: 'budget.create',
      config: { policies: allowed(ACTIONS.budgetsManage) },
    },
    {
      method: 'PUT',
      path: '/budgets/:id',
      handler: 'budget.update',
      config: { policies: allowed(ACTIONS.budgetsManage) },
    },
    {
      method: 'DELETE',
      path: '/budgets/:id',
      handler: 'budget.remove',
      config: { policies: allowed(ACTIONS.budgetsManage) },
    },
    {
      method: 'GET',
      path: '/analytics',
      handler: 'analytics.get',
      config: { policies: allowed(ACTIONS.analyticsRead) },
    },
    {
      method: 'GET',
      path: '/analytics/export',
      handler: 'analytics.exportAll',
      config: { policies: allowed(ACTIONS.analyticsRead) },
    },
    // Checked in the controller: whoever may read that content type in the Content Manager.
    {
      method: 'GET',
      path: '/usage-columns/:kind',
      handler: 'usage-columns.get',
      config: { policies: [...authenticated, 'plugin::llm.may-read-kind'] },
    },
    {
      method: 'GET',
      path: '/entries/:uid/:documentId/usage',
      handler: 'entries.usage',
      config: { policies: [...authenticated, 'plugin::llm.may-read-entry'] },
    },
    // Whether a provider's key is set, never the key: whoever may read this provider in the Content Manager.
    {
      method: 'GET',
      path: '/providers/:documentId/credentials',
      handler: 'provider.credentials',
      config: {
        policies: [
          ...authenticated,
          { name: 'plugin::llm.may-read-entry', config: { uid: 'plugin::llm.provider' } },
        ],
      },
    },
    // The key is write-only: replaced or removed here, by those who may configure the gateway.
    {
      method: 'PUT',
      path: '/providers/:documentId/api-key',
      handler: 'provider.setApiKey',
      config: { policies: allowed(ACTIONS.settingsManage) },
    },
    // Every admin user sees their own usage and budget; no permission beyond being signed in.
    {
      method: 'GET',
      path: '/me/budget',
      handler: 'budget.mine',
      config: { policies: authenticated },
    },
    {
      method: 'GET',
      path: '/me/analytics',
      handler: 'analytics.getMine',
      config: { policies: authenticated },
    },
    {
      method: 'GET',
      path: '/me/analytics/export',
      handler: 'analytics.exportMine',
      config: { policies: authenticated },
    },
  ],
};
