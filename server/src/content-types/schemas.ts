import budgetCounter from './budget-counter/schema.json';
import budget from './budget/schema.json';
import configuration from './configuration/schema.json';
import model from './model/schema.json';
import provider from './provider/schema.json';
import task from './task/schema.json';
import usageRollup from './usage-rollup/schema.json';
import usage from './usage/schema.json';

/** Every content type of the plugin, by the name Strapi registers it under (`plugin::llm.<name>`). */
export const schemas = {
  provider,
  model,
  configuration,
  task,
  usage,
  'usage-rollup': usageRollup,
  budget,
  'budget-counter': budgetCounter,
};

export type ContentTypeName = keyof typeof schemas;

export const UID = {
  provider: 'plugin::llm.provider',
  model: 'plugin::llm.model',
  configuration: 'plugin::llm.configuration',
  task: 'plugin::llm.task',
  usage: 'plugin::llm.usage',
  usageRollup: 'plugin::llm.usage-rollup',
  budget: 'plugin::llm.budget',
  budgetCounter: 'plugin::llm.budget-counter',
} as const;
