import type { Core } from '@strapi/strapi';
import type supertest from 'supertest';

export type RoleCode = 'strapi-super-admin' | 'strapi-editor' | 'strapi-author';

export interface AdminCredentials {
  id: number;
  email: string;
  password: string;
}

let counter = 0;

export const DEFAULT_PASSWORD = 'Testing123!';

/** Creates an active admin user holding the given roles (by code or id). */
export async function createAdminUser(
  strapi: Core.Strapi,
  roles: Array<RoleCode | number> = ['strapi-super-admin'],
  overrides: Partial<{ email: string; password: string; firstname: string; lastname: string }> = {}
): Promise<AdminCredentials> {
  counter += 1;
  const email = overrides.email ?? `user${counter}.${Date.now()}@example.com`;
  const password = overrides.password ?? DEFAULT_PASSWORD;
  const roleIds = await Promise.all(
    roles.map(async (role) => {
      if (typeof role === 'number') return role;
      const found = await strapi.db.query('admin::role').findOne({ where: { code: role } });
      if (!found) throw new Error(`No admin role with code ${role}`);
      return found.id as number;
    })
  );
  const user = await strapi.service('admin::user').create({
    email,
    password,
    firstname: overrides.firstname ?? 'Test',
    lastname: overrides.lastname ?? `User${counter}`,
    isActive: true,
    roles: roleIds,
  });
  return { id: user.id, email, password };
}

/** Logs in through the real admin login route and returns the JWT. */
export async function login(
  request: ReturnType<typeof supertest>,
  credentials: Pick<AdminCredentials, 'email' | 'password'>
) {
  const response = await request
    .post('/admin/login')
    .send({ email: credentials.email, password: credentials.password });
  if (response.status !== 200) {
    throw new Error(
      `POST /admin/login answered ${response.status}: ${JSON.stringify(response.body)}`
    );
  }
  return response.body.data.token as string;
}

/** An admin user in the given roles, logged in: the token to send as a bearer. */
export async function adminToken(
  strapi: Core.Strapi,
  request: ReturnType<typeof supertest>,
  roles: Array<RoleCode | number> = ['strapi-super-admin']
) {
  const user = await createAdminUser(strapi, roles);
  return { user, token: await login(request, user) };
}

/** A full-access API token: its id (what usage rows record) and the key a client sends as Bearer. */
export async function createFullAccessToken(
  strapi: Core.Strapi,
  name = 'test'
): Promise<{ id: number; accessKey: string }> {
  counter += 1;
  const token = await strapi.service('admin::api-token').create({
    name: `${name} ${Date.now()}-${counter}`,
    type: 'full-access',
    lifespan: null,
    description: '',
  });
  return { id: token.id, accessKey: token.accessKey };
}
