import access from './access';
import adapters from './adapters';
import alerts from './alerts';
import analytics from './analytics';
import budget from './budget';
import clock from './clock';
import forecast from './forecast';
import llm from './llm';
import overview from './overview';
import performance from './performance';
import providerTools from './provider-tools';
import rateLimit from './rate-limit';
import requestLog from './request-log';
import seed from './seed';
import usage from './usage';
import usageColumns from './usage-columns';
import entries from './entries';

export default {
  access,
  adapters,
  alerts,
  analytics,
  budget,
  clock,
  entries,
  forecast,
  llm,
  overview,
  performance,
  'provider-tools': providerTools,
  'rate-limit': rateLimit,
  'request-log': requestLog,
  seed,
  usage,
  'usage-columns': usageColumns,
};
