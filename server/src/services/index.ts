import adapters from './adapters';
import analytics from './analytics';
import budget from './budget';
import llm from './llm';
import seed from './seed';
import usage from './usage';
import usageColumns from './usage-columns';
import entries from './entries';

export default { adapters, analytics, budget, entries, llm, seed, usage, 'usage-columns': usageColumns };
