import { schemas, UID } from './schemas';
import configurationLifecycles from './configuration/lifecycles';
import modelLifecycles from './model/lifecycles';
import providerLifecycles from './provider/lifecycles';
import taskLifecycles from './task/lifecycles';
import usageRollupLifecycles from './usage-rollup/lifecycles';
import usageLifecycles from './usage/lifecycles';

/** The plugin's content types for Strapi: each schema with the lifecycles kept beside it. */
export default {
  provider: { schema: schemas.provider, lifecycles: providerLifecycles },
  model: { schema: schemas.model, lifecycles: modelLifecycles },
  configuration: { schema: schemas.configuration, lifecycles: configurationLifecycles },
  task: { schema: schemas.task, lifecycles: taskLifecycles },
  usage: { schema: schemas.usage, lifecycles: usageLifecycles },
  'usage-rollup': { schema: schemas['usage-rollup'], lifecycles: usageRollupLifecycles },
  budget: { schema: schemas.budget },
  'budget-counter': { schema: schemas['budget-counter'] },
};

export { UID };
