import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { UID } from '../../../content-types';
import type { EntryRef } from '../../../shared/contracts/entries';
import type { ListTasks, RunTask } from '../../../shared/contracts/tasks';
import { looksLikeId, recordId } from '../db/record-id';
import { LlmError } from '../gateway/errors';
import { entryView, mayReadEntry } from '../entries/access';
import { sendLlmError } from './respond';

const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function run(ctx: Context, { contentApi }: { contentApi: boolean }) {
    const audience = contentApi ? 'content-api' : 'admin';
    /** A mistake in the request itself: its message is for the caller, whoever they are. */
    const invalid = (message: string) =>
      sendLlmError(ctx, new LlmError('invalid_request', message, { exposable: true }), {
        audience,
      });
    const body = (ctx.request as { body?: unknown }).body ?? {};
    const variables = isPlainObject(body) ? (body.variables ?? {}) : null;
    if (!isPlainObject(variables)) return invalid('body.variables must be an object');

    const entry = isPlainObject(body) ? body.entry : undefined;
    if (entry !== undefined) {
      if (contentApi) return invalid('Runs on a content entry are made from the admin');
      if (
        !isPlainObject(entry) ||
        typeof entry.uid !== 'string' ||
        typeof entry.documentId !== 'string' ||
        (entry.locale != null && typeof entry.locale !== 'string')
      ) {
        return invalid('body.entry needs a uid, a documentId and optionally a locale');
      }
      if (!strapi.contentTypes[entry.uid as keyof typeof strapi.contentTypes])
        return invalid(`Unknown content type "${entry.uid}"`);
      // The entry's fields go into the prompt and the answer comes back: only for those who may read it.
      if (!(await mayReadEntry(strapi, ctx, entry.uid, entry.documentId)))
        return ctx.forbidden(`You may not read this entry of ${entry.uid}`);
    }

    // An id past what the database stores is no task (not a query error); anything else is a document id.
    const id = recordId(ctx.params.id);
    const where =
      id !== null
        ? { id }
        : looksLikeId(ctx.params.id) || !DOCUMENT_ID.test(ctx.params.id)
          ? null
          : { documentId: ctx.params.id };
    const task = where ? await strapi.db.query(UID.task).findOne({ where }) : null;
    // To the content API, a task not open to it does not exist.
    if (!task || (contentApi && !task.contentApi))
      return sendLlmError(ctx, new LlmError('not_found', `No LLM task ${ctx.params.id}`), {
        audience,
      });
    try {
      const target = entry as EntryRef | undefined;
      let values = variables;
      if (target) {
        const fields = await strapi
          .plugin('llm')
          .service('entries')
          .variables(target, entryView(strapi, ctx, target.uid));
        if (!fields)
          return sendLlmError(
            ctx,
            new LlmError('not_found', `No entry ${target.documentId} of ${target.uid}`)
          );
        values = { ...fields, ...variables };
      }
      const options = {
        source: contentApi ? 'content-api' : 'admin',
        ...(target
          ? {
              entry: {
                uid: target.uid,
                documentId: target.documentId,
                locale: target.locale ?? null,
              },
            }
          : {}),
      };
      const result = (await strapi
        .plugin('llm')
        .service('llm')
        .runTask(task.id, values, options)) as any;
      const { costNano: _internal, ...usage } = result.usage;
      const response: RunTask.Response = {
        data: { text: result.text, texts: result.texts, embeddings: result.embeddings, usage },
      };
      ctx.body = response;
    } catch (error) {
      if (!(error instanceof LlmError)) throw error;
      // The content API caller gets a generic message; the whole one goes to the log (and is in the usage row).
      if (contentApi)
        strapi.log.warn(
          `llm: content API run of task ${task.id} failed [${error.code}]${error.requestId ? ` request ${error.requestId}` : ''}: ${error.message}`
        );
      return sendLlmError(ctx, error, { audience });
    }
  }

  return {
    // GET /llm/tasks
    async list(ctx: Context) {
      const tasks = await strapi.db.query(UID.task).findMany({
        select: ['id', 'name', 'service', 'promptTemplate'],
        orderBy: { name: 'asc' },
      });
      const body: ListTasks.Response = {
        data: tasks.map((t: any) => ({
          id: t.id,
          name: t.name,
          service: t.service,
          promptTemplate: t.promptTemplate,
        })),
      };
      ctx.body = body;
    },
    // POST /api/llm/tasks/:id/run
    runFromContentApi: (ctx: Context) => run(ctx, { contentApi: true }),
    // POST /llm/tasks/:id/run
    runFromAdmin: (ctx: Context) => run(ctx, { contentApi: false }),
  };
};
