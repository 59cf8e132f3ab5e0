import { readOnlyLedger } from '../../server/src/lifecycles/shared';

export default readOnlyLedger;
