import { performance } from 'node:perf_hooks';
import { startStrapi } from '/work/main/tests/support/strapi';
(async () => {
  const app = await startStrapi();
  const { ensureDemoRecords } = require('/work/main/dist/server/src/seed/demo-records');
  const { generateDays } = require('/work/main/dist/server/src/seed/generate');
  const { createRandom } = require('/work/main/dist/server/src/seed/random');
  const { createUsageStore } = require('/work/main/dist/server/src/usage/store');
  const site = await ensureDemoRecords(app.strapi);
  let t = performance.now();
  const all: any[] = [];
  for (const d of generateDays(site, { days: 30, perDay: 4000, now: new Date(), timeZone: 'UTC' }, createRandom(1))) all.push(...d);
  console.log('generate', all.length, 'events', ((performance.now() - t) / 1000).toFixed(2), 's');
  const store = createUsageStore(app.strapi);
  t = performance.now();
  for (let i = 0; i < all.length; i += 5000) await store.writeGenerated(all.slice(i, i + 5000));
  console.log('write', ((performance.now() - t) / 1000).toFixed(2), 's');
  await app.stop(); process.exit(0);
})();
