import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import destroy from './destroy';
import policies from './policies';
import register from './register';
import routes from './routes';
import services from './services';

export default {
  register,
  bootstrap,
  destroy,
  config,
  contentTypes,
  controllers,
  routes,
  services,
  policies,
};

// What an app imports from 'strapi-plugin-llm' (see public-types.ts).
export { LlmError } from './gateway/errors';
export { BudgetExceededError } from './budgets/budget-exceeded';
export type * from './public-types';
