import net from 'node:net';
import { adminToken, createFullAccessToken } from '../support/admin';
import { currentClient } from '../support/database';
import {
  createTask,
  flushUsage,
  llm,
  setupGatewayFixture,
  usageRows,
  withConfiguredModel,
} from '../support/fixtures';

/**
 * Finding 6 of the trust-boundary issue: ids past 2^31 (a 500 on PostgreSQL before the fix),
 * templates that resolved inherited names, and content-API errors that carried provider text,
 * variable names and socket details.
 */
const BIG = ['2147483648', '9999999999'];

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe(`edges: ids, templates and what the content API is told (${currentClient()})`, () => {
  const { app, stub } = setupGatewayFixture();
  let admin: string;
  let apiToken: string;
  const logged: string[] = [];

  beforeAll(async () => {
    admin = (await adminToken(app.strapi, app.request, ['strapi-super-admin'])).token;
    apiToken = (await createFullAccessToken(app.strapi, 'edges')).accessKey;
    const warn = app.strapi.log.warn.bind(app.strapi.log);
    app.strapi.log.warn = ((...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
      return warn(...(args as [string]));
    }) as typeof app.strapi.log.warn;
  });

  const asAdmin = (method: 'get' | 'post' | 'put' | 'delete', path: string) =>
    app.request[method](path).set('Authorization', `Bearer ${admin}`);
  const asApi = (path: string) => app.request.post(path).set('Authorization', `Bearer ${apiToken}`);

  it('ids past what the database stores are 404 on every route, never 500', async () => {
    const budget = {
      name: 'edge',
      scope: 'site',
      dailyRequests: 10,
      onExceed: 'block',
      active: false,
    };
    for (const id of BIG) {
      const statuses = {
        put: (await asAdmin('put', `/llm/budgets/${id}`).send(budget)).status,
        delete: (await asAdmin('delete', `/llm/budgets/${id}`)).status,
        run: (await asAdmin('post', `/llm/tasks/${id}/run`).send({ variables: {} })).status,
        estimate: (
          await asAdmin('post', `/llm/tasks/${id}/estimate`).send({
            contentType: 'api::article.article',
            documentIds: ['x'],
          })
        ).status,
        contentApi: (await asApi(`/api/llm/tasks/${id}/run`).send({ variables: {} })).status,
      };
      expect([id, statuses]).toEqual([
        id,
        { put: 404, delete: 404, run: 404, estimate: 404, contentApi: 404 },
      ]);
      const columns = await asAdmin('get', `/llm/usage-columns/model?ids=1,${id}`);
      expect([id, columns.status, columns.body.data]).toEqual([id, 200, {}]);
    }
  });

  it('the gateway answers not_found for an id past what the database stores', async () => {
    for (const ref of [9_999_999_999, 2_147_483_648, '9999999999', { id: 2_147_483_648 }]) {
      await expect(
        llm(app.strapi).chat({ configuration: ref as any, prompt: 'x' })
      ).rejects.toMatchObject({ code: 'not_found' });
      await expect(llm(app.strapi).runTask(ref as any, {})).rejects.toMatchObject({
        code: 'not_found',
      });
    }
  });

  it('a user or API token id past what the database stores is refused before the call (it would fail the usage write)', async () => {
    for (const options of [
      { user: 9_999_999_999 },
      { user: { id: 2_147_483_648 } },
      { apiTokenId: 2_147_483_648 },
      { user: 1.5 },
    ]) {
      await expect(
        llm(app.strapi).chat({ model: 1, prompt: 'x', ...options } as any)
      ).rejects.toMatchObject({ code: 'invalid_request' });
    }
  });

  it('templates see only the variables passed: inherited names are missing variables', async () => {
    const { configuration } = await withConfiguredModel(app.strapi, stub, {
      model: { modelId: 'edges-template', priceInput: '1', priceOutput: '1' },
    });
    const task = await createTask(app.strapi, configuration, {
      promptTemplate: 'A {{constructor}} B {{__proto__}} C {{toString}} D {{hasOwnProperty}}',
    });
    const sent = stub.requests.length;
    const response = await asAdmin('post', `/llm/tasks/${task.id}/run`).send({ variables: {} });
    // Before the fix: 200, and the prompt read "A undefined B {} C …".
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      'Missing task variable(s): constructor, __proto__, toString, hasOwnProperty'
    );
    await expect(llm(app.strapi).runTask(task.id, {})).rejects.toMatchObject({
      code: 'invalid_request',
    });
    expect(stub.requests.length).toBe(sent);
    // A variable the caller does pass under such a name is theirs.
    await llm(app.strapi).runTask(
      task.id,
      Object.fromEntries([
        ['constructor', 'c'],
        ['__proto__', 'p'],
        ['toString', 't'],
        ['hasOwnProperty', 'h'],
      ])
    );
    expect(JSON.stringify(stub.requests.at(-1)!.body)).toContain('A c B p C t D h');
  });

  describe('content-API errors', () => {
    const leaks = (text: string, secrets: string[]) =>
      secrets.filter((secret) => text.includes(secret));

    async function contentApiTask(provider: object) {
      const { provider: record, configuration } = await withConfiguredModel(app.strapi, stub, {
        provider: { maxRetries: 0, ...provider },
        model: { modelId: 'edges-api', priceInput: '1', priceOutput: '1' },
      });
      const task = await createTask(app.strapi, configuration, {
        promptTemplate: 'Echo {{x}}',
        contentApi: true,
      });
      return { task, provider: record, configuration };
    }

    it('carry a stable code, a generic message and the request id; the admin and the log get the detail', async () => {
      const port = await closedPort();
      const cases = [
        {
          name: 'provider 500',
          provider: { baseURL: `${stub.url}/v1` },
          script: () => stub.next({ status: 500 }),
          code: 'provider_error',
          secrets: ['stub: scripted', 'HTTP 500'],
        },
        {
          name: 'unset variable',
          provider: { baseURL: `${stub.url}/v1`, apiKey: null, apiKeyEnv: 'LLM_UNSET_TEST_VAR' },
          script: () => undefined,
          code: 'invalid_request',
          secrets: ['LLM_UNSET_TEST_VAR', 'environment'],
        },
        {
          name: 'unreachable',
          provider: { baseURL: `http://127.0.0.1:${port}/v1` },
          script: () => undefined,
          code: 'provider_unreachable',
          secrets: ['ECONNREFUSED', String(port), '127.0.0.1'],
        },
      ];
      for (const c of cases) {
        const { task, provider } = await contentApiTask(c.provider);
        c.script();
        const response = await asApi(`/api/llm/tasks/${task.id}/run`).send({
          variables: { x: 'y' },
        });
        // Before the fix: the provider's text, the variable's name and the socket error came back verbatim.
        expect([c.name, response.body.error?.details?.code]).toEqual([c.name, c.code]);
        expect([c.name, leaks(response.text, [...c.secrets, provider.name])]).toEqual([c.name, []]);
        const requestId = response.body.error.details.requestId;
        if (c.code !== 'invalid_request') {
          expect(typeof requestId).toBe('string');
          expect(
            logged.some((line) => line.includes(requestId) && line.includes(c.secrets[0]))
          ).toBe(true);
          await flushUsage(app.strapi);
          const [row] = await usageRows(app.strapi, { requestId });
          expect(row.errorMessage ?? '').toContain(c.secrets[0]);
        } else {
          expect(logged.some((line) => line.includes(c.secrets[0]))).toBe(true);
        }
        // The admin route keeps the detail.
        c.script();
        const fromAdmin = await asAdmin('post', `/llm/tasks/${task.id}/run`).send({
          variables: { x: 'y' },
        });
        expect([c.name, fromAdmin.body.error.message.includes(c.secrets[0])]).toEqual([
          c.name,
          true,
        ]);
      }
    });

    it('a task not open to the content API looks exactly like one that does not exist', async () => {
      const { configuration } = await contentApiTask({ baseURL: `${stub.url}/v1` });
      const closed = await createTask(app.strapi, configuration, {
        promptTemplate: 'x',
        contentApi: false,
      });
      const hidden = await asApi(`/api/llm/tasks/${closed.id}/run`).send({});
      const missing = await asApi('/api/llm/tasks/2147483647/run').send({});
      expect(hidden.status).toBe(404);
      expect(hidden.body).toEqual(missing.body);
    });

    it('a missing variable is the caller’s own mistake: they are told which', async () => {
      const { task } = await contentApiTask({ baseURL: `${stub.url}/v1` });
      const response = await asApi(`/api/llm/tasks/${task.id}/run`).send({ variables: {} });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe('Missing task variable(s): x');
    });
  });
});
