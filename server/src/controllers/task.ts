import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { UID } from '../content-types/schemas';
import type { EntryRef } from '../../../shared/contracts/entries';
import type { ListTasks, RunTask } from '../../../shared/contracts/tasks';
import { looksLikeId, recordId } from '../db/record-id';
import { LlmError } from '../gateway/errors';
import { MissingVariablesError } from '../gateway/template';
import { entryView, mayReadEntry } from '../policies/content-access';
import { entryLabel, mainFieldOf } from '../entries/label';
import { getService } from '../utils/get-service';
import { RUN_SCHEMA } from './validation/entries';
import { DOCUMENT_ID, validate } from './validation/validate';
import { sendLlmError } from './respond';

/** What any task run answers with: its output (by service) and its usage. */
type TaskResult = {
  text?: string;
  texts?: string[];
  embeddings?: number[][];
  usage: RunTask.Response['data']['usage'] & { costNano?: unknown };
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** A task by id, or by document id; null for anything else (an id past what the database stores is no task). */
  async function findTask(param: string) {
    const id = recordId(param);
    const where =
      id !== null
        ? { id }
        : looksLikeId(param) || !DOCUMENT_ID.test(param)
          ? null
          : { documentId: param };
    return where ? strapi.db.query(UID.task).findOne({ where }) : null;
  }

  /** The run's variables and entry, checked; the entry only for those who may read it. */
  async function runInput(ctx: Context, contentApi: boolean) {
    const sent = (ctx.request as { body?: unknown }).body ?? {};
    if (contentApi && (sent as { entry?: unknown }).entry !== undefined)
      throw new errors.ValidationError('Runs on a content entry are made from the admin');
    const body = await validate(RUN_SCHEMA, sent);
    const entry = body.entry as EntryRef | undefined;
    if (entry) {
      if (!strapi.contentTypes[entry.uid as keyof typeof strapi.contentTypes])
        throw new errors.ValidationError(`Unknown content type "${entry.uid}"`);
      // The entry's fields go into the prompt and the answer comes back: only for those who may read it.
      if (!(await mayReadEntry(strapi, ctx, entry.uid, entry.documentId)))
        throw new errors.ForbiddenError(`You may not read this entry of ${entry.uid}`);
    }
    return { variables: (body.variables ?? {}) as Record<string, unknown>, entry };
  }

  /**
   * The entry's fields as variables, and how its errors name it: a missing variable names the
   * entry as people know it (its title), not by its document id.
   */
  async function entryValues(ctx: Context, entry: EntryRef) {
    const fields = await getService(strapi, 'entries').variables(
      entry,
      entryView(strapi, ctx, entry.uid)
    );
    if (!fields) throw new LlmError('not_found', `No entry ${entry.documentId} of ${entry.uid}`);
    const label = entryLabel(fields, await mainFieldOf(strapi, entry.uid));
    // Only the entry's own fault names it: a provider's misconfiguration is no fault of the entry.
    const named = (error: LlmError) =>
      error instanceof MissingVariablesError
        ? new LlmError('invalid_request', `Entry ${label}: ${error.message}`, {
            exposable: error.exposable,
          })
        : error;
    return { fields, named };
  }

  async function run(ctx: Context, { contentApi }: { contentApi: boolean }) {
    const audience = contentApi ? 'content-api' : 'admin';
    let input: Awaited<ReturnType<typeof runInput>>;
    try {
      input = await runInput(ctx, contentApi);
    } catch (error) {
      // A mistake in the request itself: its message is for the caller, whoever they are.
      if (!(error instanceof errors.ValidationError)) throw error;
      return sendLlmError(
        ctx,
        new LlmError('invalid_request', error.message, { exposable: true }),
        {
          audience,
        }
      );
    }
    const { variables, entry } = input;

    const task = await findTask(ctx.params.id);
    // To the content API, a task not open to it does not exist.
    if (!task || (contentApi && !task.contentApi))
      return sendLlmError(ctx, new LlmError('not_found', `No LLM task ${ctx.params.id}`), {
        audience,
      });
    let named = (error: LlmError) => error;
    try {
      let values = variables;
      if (entry) {
        const fromEntry = await entryValues(ctx, entry);
        values = { ...fromEntry.fields, ...variables };
        named = fromEntry.named;
      }
      const source = contentApi ? 'content-api' : 'admin';
      const on = entry && {
        uid: entry.uid,
        documentId: entry.documentId,
        locale: entry.locale ?? null,
      };
      const result = (await getService(strapi, 'llm').runTask(task.id, values, {
        source,
        ...(on ? { entry: on } : {}),
      })) as TaskResult;
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
      return sendLlmError(ctx, named(error), { audience });
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
        data: (
          tasks as Array<{ id: number; name: string; service: string; promptTemplate: string }>
        ).map((t) => ({
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
