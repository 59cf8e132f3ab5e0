import adapters from './adapters';
import analytics from './analytics';
import budget from './budget';
import clock from './clock';
import llm from './llm';
import overview from './overview';
import seed from './seed';
import usage from './usage';
import usageColumns from './usage-columns';
import entries from './entries';

export default {
  adapters,
  analytics,
  budget,
  clock,
  entries,
  llm,
  overview,
  seed,
  usage,
  'usage-columns': usageColumns,
};
