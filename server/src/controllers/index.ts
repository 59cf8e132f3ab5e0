import budget from './budget';
import status from './status';
import task from './task';

export default { budget, status, task };
