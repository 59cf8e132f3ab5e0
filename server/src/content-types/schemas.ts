import accessRule from './access-rule/schema.json';
import alertLog from './alert-log/schema.json';
import budgetCounter from './budget-counter/schema.json';
import budget from './budget/schema.json';
import circuit from './circuit/schema.json';
import configuration from './configuration/schema.json';
import model from './model/schema.json';
import provider from './provider/schema.json';
import rateLimitCounter from './rate-limit-counter/schema.json';
import rateLimit from './rate-limit/schema.json';
import responseCache from './response-cache/schema.json';
import task from './task/schema.json';
import usageCube from './usage-cube/schema.json';
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
  'usage-cube': usageCube,
  budget,
  'budget-counter': budgetCounter,
  'alert-log': alertLog,
  circuit,
  'access-rule': accessRule,
  'rate-limit': rateLimit,
  'rate-limit-counter': rateLimitCounter,
  'response-cache': responseCache,
};

export type ContentTypeName = keyof typeof schemas;

export const UID = {
  provider: 'plugin::llm.provider',
  model: 'plugin::llm.model',
  configuration: 'plugin::llm.configuration',
  task: 'plugin::llm.task',
  usage: 'plugin::llm.usage',
  usageRollup: 'plugin::llm.usage-rollup',
  usageCube: 'plugin::llm.usage-cube',
  budget: 'plugin::llm.budget',
  budgetCounter: 'plugin::llm.budget-counter',
  alertLog: 'plugin::llm.alert-log',
  circuit: 'plugin::llm.circuit',
  accessRule: 'plugin::llm.access-rule',
  rateLimit: 'plugin::llm.rate-limit',
  rateLimitCounter: 'plugin::llm.rate-limit-counter',
  responseCache: 'plugin::llm.response-cache',
} as const;
