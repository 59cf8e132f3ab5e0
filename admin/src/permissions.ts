/** The plugin's RBAC actions as the admin's permission checks expect them. */
export const PERMISSIONS = {
  budgets: [{ action: 'plugin::llm.budgets.manage', subject: null }],
  analytics: [{ action: 'plugin::llm.analytics.read', subject: null }],
  runTasks: [{ action: 'plugin::llm.tasks.run', subject: null }],
  settings: [{ action: 'plugin::llm.settings.manage', subject: null }],
};
