import status from './status';
import task from './task';

export default { status, task };
