import type { Core } from '@strapi/strapi';
import { DEMO_SOURCES } from './catalog';
import type { Random } from './random';

/** The demo's content-API client: calls through it carry its id, and no admin user. */
export const DEMO_TOKEN_NAME = 'LLM demo: newsletter bot';

/**
 * The demo API token (read-only, so it can do nothing of its own), created once and listed in the
 * ledger like every other demo record; a token the command did not create is never used.
 */
export async function ensureDemoToken(strapi: Core.Strapi, ledgerIds: number[]): Promise<number> {
  const tokens = strapi.db.query('admin::api-token');
  if (ledgerIds.length) {
    const found = await tokens.findOne({ where: { id: { $in: ledgerIds } }, select: ['id'] });
    if (found) return found.id as number;
  }
  const taken = await tokens.findOne({ where: { name: DEMO_TOKEN_NAME }, select: ['id'] });
  const token = await strapi.service('admin::api-token').create({
    name: taken ? `${DEMO_TOKEN_NAME} ${Date.now()}` : DEMO_TOKEN_NAME,
    type: 'read-only',
    lifespan: null,
    description: 'Created by strapi-plugin-llm seed-usage; deleted by seed-usage --reset.',
  });
  ledgerIds.push(token.id);
  return token.id as number;
}

export async function deleteDemoTokens(strapi: Core.Strapi, ids: number[]) {
  if (ids.length)
    await strapi.db.query('admin::api-token').deleteMany({ where: { id: { $in: ids } } });
}

/** Who made a demo call: an admin user or the system, or (one call in eight) the demo content-API client. */
export function demoClient(
  apiTokenId: number | null,
  users: Array<readonly [number | null, number]>,
  random: Random
) {
  if (apiTokenId !== null && random.next() < 0.125)
    return { source: 'content-api', userId: null, apiTokenId };
  return { source: random.pick(DEMO_SOURCES), userId: random.weighted(users), apiTokenId: null };
}
