import analytics from './analytics';
import budget from './budget';
import status from './status';
import task from './task';
import usageColumns from './usage-columns';
import entries from './entries';
import overview from './overview';
import provider from './provider';

export default {
  analytics,
  budget,
  entries,
  overview,
  provider,
  status,
  task,
  'usage-columns': usageColumns,
};
