import analytics from './analytics';
import budget from './budget';
import status from './status';
import task from './task';

export default { analytics, budget, status, task };
