import { assertMayConfigure } from '../../security/authority';
import { strapi, type LifecycleEvent } from '../../lifecycles/shared';
import { getService } from '../../utils/get-service';

/**
 * Access rules decide who may call what: written only by admins who may configure the gateway, or
 * by server code (security/authority.ts), and every write drops this instance's cached rules (other
 * instances reread theirs within seconds: allow-lists/directory.ts).
 */
const guarded = (event: LifecycleEvent) => assertMayConfigure(strapi(), event.model.uid);
const invalidate = () => getService(strapi(), 'access').invalidate();

export default {
  beforeCreate: guarded,
  beforeUpdate: guarded,
  beforeDelete: guarded,
  beforeCreateMany: guarded,
  beforeUpdateMany: guarded,
  beforeDeleteMany: guarded,
  afterCreate: invalidate,
  afterUpdate: invalidate,
  afterDelete: invalidate,
  afterUpdateMany: invalidate,
  afterDeleteMany: invalidate,
};
