import analytics from './analytics';
import budget from './budget';
import status from './status';
import task from './task';
import usageColumns from './usage-columns';

export default { analytics, budget, status, task, 'usage-columns': usageColumns };
