import adapters from './adapters';
import analytics from './analytics';
import budget from './budget';
import llm from './llm';
import usage from './usage';
import usageColumns from './usage-columns';

export default { adapters, analytics, budget, llm, usage, 'usage-columns': usageColumns };
