import adapters from './adapters';
import analytics from './analytics';
import budget from './budget';
import llm from './llm';
import usage from './usage';

export default { adapters, analytics, budget, llm, usage };
