/**
 * Type test: what an app writes against the published types, resolved through the package's own
 * `exports` (self-reference, as an app resolves it from node_modules). `npm test` compiles it after
 * the build; the `@ts-expect-error` lines fail the compile if the types ever degrade to `any`.
 */
import type { Core } from '@strapi/strapi';
import {
  BudgetExceededError,
  LlmError,
  type ChatOptions,
  type EmbedOptions,
  type EmbedResult,
  type RunTaskResult,
  type StreamResult,
  type ChatResult,
  type LlmErrorCode,
  type LlmService,
  type UsageSummary,
} from 'strapi-plugin-llm';

export async function summarise(strapi: Core.Strapi, text: string): Promise<string> {
  const llm = strapi.plugin('llm').service('llm') as LlmService;
  const options: ChatOptions = {
    configuration: 'summarise',
    messages: [{ role: 'user', content: text }],
    source: 'type-test',
  };
  try {
    const result: ChatResult = await llm.chat(options);
    const usage: UsageSummary = result.usage;
    const cost: string | null = usage.costUsd;
    return `${result.text} (${cost ?? 'unpriced'})`;
  } catch (error) {
    if (error instanceof LlmError) {
      const code: LlmErrorCode = error.code;
      return code;
    }
    throw error;
  }
}

export async function misuse(llm: LlmService) {
  // @ts-expect-error: a configuration is named by text, an id or a reference, never a boolean.
  await llm.chat({ configuration: true, prompt: 'x' });
  // @ts-expect-error: the gateway has no such method.
  await llm.summarizeEverything();
  // @ts-expect-error: the result's text is a string.
  const wrong: number = (await llm.chat({ prompt: 'x' })).text;
  return wrong;
}

export async function everyResultTyped(llm: LlmService) {
  const task: RunTaskResult = await llm.runTask('summarise-article', { text: 'x' });
  const chat = task as ChatResult;
  const stream: StreamResult = await llm.stream({ prompt: 'x' });
  const embedding: EmbedResult = await llm.embed({ values: ['x'] } satisfies EmbedOptions);
  // @ts-expect-error: internal helpers are not part of the public service.
  llm.invalidateCache();
  return [chat.text, stream, embedding] as const;
}

export function budgetRefusal(error: unknown): string | undefined {
  if (error instanceof BudgetExceededError) return error.details.budgetName;
  return undefined;
}
