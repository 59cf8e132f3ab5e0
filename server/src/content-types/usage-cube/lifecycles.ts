import { readOnlyLedger } from '../../lifecycles/shared';

export default readOnlyLedger;
