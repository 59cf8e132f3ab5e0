import { configurationLifecycles } from '../../lifecycles/shared';
import { refuseFallbackLoop } from './fallback-chain';

export default configurationLifecycles(refuseFallbackLoop);
