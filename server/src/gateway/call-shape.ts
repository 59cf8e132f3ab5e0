import type { CallEstimate } from './budget-seam';
import { defaultMaxOutputTokens, type LanguageModelScope } from './language-model';
import { promptTokenBound } from './quantities';
import type { CallContext, ResolvedTarget } from './types';

/** What the gate reserves: the prompt's token bound and the output cap the request carries (see transformParams). */
export function estimateOf(
  params: { prompt: Array<{ content: unknown }>; tools?: unknown; maxOutputTokens?: number },
  target: ResolvedTarget
): CallEstimate {
  return {
    inputTokensBound: promptTokenBound(params.prompt, params.tools),
    maxOutputTokens: params.maxOutputTokens ?? defaultMaxOutputTokens(target),
    units: 0,
  };
}

/** Whether a prompt carries files (images, documents) for the model to look at. */
const hasFiles = (prompt: unknown) =>
  Array.isArray(prompt) &&
  prompt.some(
    (message: { content?: unknown }) =>
      Array.isArray(message.content) &&
      message.content.some((part: { type?: unknown }) => part.type === 'file')
  );

/**
 * A provider call's context: a fresh one per call, knowing whether the call hands the model tools
 * or files (what an allow-list names "tools" and "vision", whichever service made the call).
 */
export function contextOf(
  scope: LanguageModelScope,
  params: { tools?: unknown; prompt?: unknown }
): CallContext {
  const context = scope.newContext();
  if (Array.isArray(params.tools) && params.tools.length > 0) context.usesTools = true;
  if (hasFiles(params.prompt)) context.usesFiles = true;
  return context;
}
