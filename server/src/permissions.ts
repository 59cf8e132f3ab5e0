import { PLUGIN_ID } from '../../shared/plugin-id';

/** Admin RBAC actions this plugin adds; each becomes `plugin::llm.<uid>`. */
export const ACTIONS = {
  analyticsRead: `plugin::${PLUGIN_ID}.analytics.read`,
  tasksRun: `plugin::${PLUGIN_ID}.tasks.run`,
  budgetsManage: `plugin::${PLUGIN_ID}.budgets.manage`,
  settingsManage: `plugin::${PLUGIN_ID}.settings.manage`,
} as const;

export const actionDefinitions = [
  {
    section: 'plugins',
    displayName: 'Read usage analytics',
    uid: 'analytics.read',
    pluginName: PLUGIN_ID,
  },
  { section: 'plugins', displayName: 'Run LLM tasks', uid: 'tasks.run', pluginName: PLUGIN_ID },
  {
    section: 'plugins',
    displayName: 'Manage LLM budgets',
    uid: 'budgets.manage',
    pluginName: PLUGIN_ID,
  },
  {
    section: 'plugins',
    displayName:
      'Configure the LLM gateway (providers, API keys, models and prices, configurations, tasks)',
    uid: 'settings.manage',
    pluginName: PLUGIN_ID,
  },
];
