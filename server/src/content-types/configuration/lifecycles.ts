import { configurationLifecycles } from '../../lifecycles/shared';

export default configurationLifecycles();
