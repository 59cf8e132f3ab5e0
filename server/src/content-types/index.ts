import { CONTENT_MANAGER_TYPES, schemaMetadatas } from './content-manager';
import { COMMON_FIELDS } from './labels';
import { schemas, UID, type ContentTypeName } from './schemas';
import accessRuleLifecycles from './access-rule/lifecycles';
import configurationLifecycles from './configuration/lifecycles';
import modelLifecycles from './model/lifecycles';
import providerLifecycles from './provider/lifecycles';
import taskLifecycles from './task/lifecycles';
import usageCubeLifecycles from './usage-cube/lifecycles';
import usageRollupLifecycles from './usage-rollup/lifecycles';
import usageLifecycles from './usage/lifecycles';

/**
 * A schema with its fields' labels and descriptions as `config.metadatas`: what the Content Manager
 * starts a type's view configuration from (content-manager.ts keeps existing ones up to date).
 */
function labelled<N extends ContentTypeName>(name: N) {
  const type = CONTENT_MANAGER_TYPES.find((t) => t.uid === `plugin::llm.${name}`);
  if (!type) return schemas[name];
  const metadatas = schemaMetadatas({ ...COMMON_FIELDS, ...type.fields }, type.readOnly);
  return { ...schemas[name], config: { metadatas } };
}

/** The plugin's content types for Strapi: each schema with the lifecycles kept beside it. */
export default {
  provider: { schema: labelled('provider'), lifecycles: providerLifecycles },
  model: { schema: labelled('model'), lifecycles: modelLifecycles },
  configuration: { schema: labelled('configuration'), lifecycles: configurationLifecycles },
  task: { schema: labelled('task'), lifecycles: taskLifecycles },
  usage: { schema: labelled('usage'), lifecycles: usageLifecycles },
  'usage-rollup': { schema: schemas['usage-rollup'], lifecycles: usageRollupLifecycles },
  'usage-cube': { schema: schemas['usage-cube'], lifecycles: usageCubeLifecycles },
  budget: { schema: schemas.budget },
  'budget-counter': { schema: schemas['budget-counter'] },
  'alert-log': { schema: schemas['alert-log'] },
  circuit: { schema: schemas.circuit },
  'access-rule': { schema: schemas['access-rule'], lifecycles: accessRuleLifecycles },
  'rate-limit': { schema: schemas['rate-limit'] },
  'rate-limit-counter': { schema: schemas['rate-limit-counter'] },
  'response-cache': { schema: schemas['response-cache'] },
};

export { UID };
