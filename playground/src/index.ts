import type { Core } from '@strapi/strapi';

const DEFAULT_ADMIN = {
  email: 'admin@example.com',
  password: 'Admin12345!',
  firstname: 'Dev',
  lastname: 'Admin',
};

/**
 * A newcomer should land in a working admin, so `npm run develop` (which sets
 * PLAYGROUND_CREATE_ADMIN=1) creates a super admin when none exists. Never in production:
 * well-known credentials on a real site would be a hole.
 */
async function ensureDevelopmentAdmin(strapi: Core.Strapi) {
  if (process.env.PLAYGROUND_CREATE_ADMIN !== '1') return;
  if (process.env.NODE_ENV === 'production') {
    strapi.log.warn(
      '[playground] refusing to create a development admin user: NODE_ENV=production'
    );
    return;
  }
  if (await strapi.service('admin::user').exists()) return;

  const credentials = {
    email: process.env.PLAYGROUND_ADMIN_EMAIL || DEFAULT_ADMIN.email,
    password: process.env.PLAYGROUND_ADMIN_PASSWORD || DEFAULT_ADMIN.password,
  };
  const superAdminRole = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    ...credentials,
    firstname: DEFAULT_ADMIN.firstname,
    lastname: DEFAULT_ADMIN.lastname,
    isActive: true,
    roles: superAdminRole ? [superAdminRole.id] : [],
  });
  strapi.log.info(
    `[playground] created a development super admin: ${credentials.email} / ${credentials.password} ` +
      '(override with PLAYGROUND_ADMIN_EMAIL and PLAYGROUND_ADMIN_PASSWORD)'
  );
}

/**
 * The first `npm run develop` on an empty database fills it with demo usage, so a newcomer's first
 * look at Analytics has something to show. Once only (remembered in the plugin store); never in
 * production; PLAYGROUND_SEED=0 turns it off.
 */
async function seedOnFirstStart(strapi: Core.Strapi) {
  if (process.env.PLAYGROUND_CREATE_ADMIN !== '1' || process.env.PLAYGROUND_SEED === '0') return;
  if (process.env.NODE_ENV === 'production') return;
  const store = strapi.store({ type: 'plugin', name: 'llm' });
  if (await store.get({ key: 'playground-auto-seeded' })) return;
  if ((await strapi.db.query('plugin::llm.usage').count()) > 0) return;
  const summary = await strapi.plugin('llm').service('seed').run({ days: 90, perDay: 300 });
  await store.set({ key: 'playground-auto-seeded', value: new Date().toISOString() });
  strapi.log.info(
    `[playground] seeded ${summary.events} demo usage events over ${summary.days} days ` +
      '(`npm run seed-usage -- --reset` removes them)'
  );
}

export default {
  register() {},
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureDevelopmentAdmin(strapi);
    await seedOnFirstStart(strapi);
  },
};
