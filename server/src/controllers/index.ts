import accessRule from './access-rule';
import analytics from './analytics';
import budget from './budget';
import status from './status';
import task from './task';
import usageColumns from './usage-columns';
import entries from './entries';
import forecast from './forecast';
import openaiCompat from './openai-compat';
import overview from './overview';
import performance from './performance';
import provider from './provider';
import providerTools from './provider-tools';
import rateLimit from './rate-limit';
import requestLog from './request-log';

export default {
  'access-rule': accessRule,
  analytics,
  budget,
  entries,
  forecast,
  'openai-compat': openaiCompat,
  overview,
  performance,
  provider,
  'provider-tools': providerTools,
  'rate-limit': rateLimit,
  'request-log': requestLog,
  status,
  task,
  'usage-columns': usageColumns,
};
