import adapters from './adapters';
import budget from './budget';
import llm from './llm';
import usage from './usage';

export default { adapters, budget, llm, usage };
