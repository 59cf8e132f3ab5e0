import { configurationLifecycles } from '../../server/src/lifecycles/shared';

export default configurationLifecycles();
