/**
 * An app developer's use of the llm plugin's public types and its LlmError class: the consumer test type-checks this file
 * with `tsc --noEmit -p .` and calls it over HTTP (POST /api/ask).
 */
import type { Core } from '@strapi/strapi';
import {
  LlmError,
  type ChatOptions,
  type ChatResult,
  type LlmService,
  type UsageSummary,
} from 'strapi-plugin-llm';

interface AskBody {
  prompt?: unknown;
  configuration?: unknown;
}

export default ({ strapi }: { strapi: Core.Strapi }): Core.Controller => ({
  async ask(ctx) {
    const body = (ctx.request.body ?? {}) as AskBody;
    if (typeof body.prompt !== 'string' || body.prompt.length === 0) {
      ctx.status = 400;
      ctx.body = { error: { message: 'prompt must be a non-empty string' } };
      return;
    }
    const llm = strapi.plugin('llm').service('llm') as LlmService;
    try {
      const result: ChatResult = await llm.chat({
        configuration: typeof body.configuration === 'string' ? body.configuration : undefined,
        prompt: body.prompt,
        source: 'consumer-test',
        maxOutputTokens: 64,
      } satisfies ChatOptions);
      const usage: UsageSummary = result.usage;
      ctx.body = {
        text: result.text,
        usage: {
          inputTokens: usage.inputTokens,
          outputTokens: usage.outputTokens,
          costUsd: usage.costUsd,
        },
      };
    } catch (error) {
      // The README's pattern: the class from the package root, at run time.
      if (!(error instanceof LlmError)) throw error;
      ctx.status = error.status;
      ctx.body = { error: { code: error.code, llmError: true } };
    }
  },
});
