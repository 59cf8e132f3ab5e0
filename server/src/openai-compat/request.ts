import type { ModelMessage } from 'ai';
import type { ChatCompletions } from '../../../shared/contracts/openai-compat';
import type { ChatOptions } from '../gateway/generation';
import { OpenAiRequestError } from './errors';

/** What a call made through this endpoint is attributed to, besides the API token and end user. */
export const OPENAI_SOURCE = 'openai-compat';

const ROLES = new Set(['system', 'developer', 'user', 'assistant']);
const MESSAGE_FIELDS = new Set(['role', 'content', 'name']);
const TOOL_FIELDS = new Set(['tool_calls', 'tool_call_id', 'function_call', 'refusal', 'audio']);

type UserPart = { type: 'text'; text: string } | { type: 'image'; image: string };

/**
 * A user message's content part: text, or an image as a data URL (a vision call). Image URLs are
 * refused: a provider that cannot fetch them would have the server download them, before any
 * control has looked at the call.
 */
function userPart(part: unknown, param: string): UserPart {
  const p = (part ?? {}) as {
    type?: unknown;
    text?: unknown;
    image_url?: { url?: unknown } | unknown;
  };
  if (p.type === 'text' && typeof p.text === 'string') return { type: 'text', text: p.text };
  if (p.type === 'image_url') {
    const url = (p.image_url as { url?: unknown } | undefined)?.url;
    if (typeof url === 'string' && /^data:image\//.test(url)) return { type: 'image', image: url };
    throw new OpenAiRequestError(
      'image_url.url must be a data:image URL (base64): this endpoint does not fetch images',
      `${param}.image_url.url`
    );
  }
  throw new OpenAiRequestError(
    'A content part must be {"type":"text","text":…} or {"type":"image_url","image_url":{"url":…}}',
    param
  );
}

/** Text-only content (system and assistant messages): a string or text parts, joined. */
function textOf(content: unknown, param: string): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content) && content.length > 0) {
    const parts = content.map((part, i) => userPart(part, `${param}[${i}]`));
    if (parts.every((part) => part.type === 'text'))
      return parts.map((part) => (part as { text: string }).text).join('');
  }
  throw new OpenAiRequestError('This message content must be a string or text parts', param);
}

/** One OpenAI message as the AI SDK's; tool messages and tool calls are refused (no tools here). */
function toModelMessage(message: unknown, index: number): ModelMessage {
  const param = `messages[${index}]`;
  if (!message || typeof message !== 'object' || Array.isArray(message))
    throw new OpenAiRequestError('A message must be an object', param);
  const m = message as { role?: unknown; content?: unknown };
  for (const key of Object.keys(m)) {
    if (TOOL_FIELDS.has(key))
      throw new OpenAiRequestError(`"${key}" is not supported by this endpoint`, `${param}.${key}`);
    if (!MESSAGE_FIELDS.has(key))
      throw new OpenAiRequestError(
        `Unrecognized request argument supplied: ${key}`,
        `${param}.${key}`
      );
  }
  if (m.role === 'tool' || m.role === 'function')
    throw new OpenAiRequestError(
      'Tool messages are not supported by this endpoint',
      `${param}.role`
    );
  if (typeof m.role !== 'string' || !ROLES.has(m.role))
    throw new OpenAiRequestError(
      'role must be one of system, developer, user, assistant',
      `${param}.role`
    );
  const contentParam = `${param}.content`;
  if (m.role === 'user') {
    if (typeof m.content === 'string') return { role: 'user', content: m.content };
    if (!Array.isArray(m.content) || m.content.length === 0)
      throw new OpenAiRequestError('content must be a string or content parts', contentParam);
    const parts = m.content.map((part, i) => userPart(part, `${contentParam}[${i}]`));
    return { role: 'user', content: parts };
  }
  const text = textOf(m.content, contentParam);
  // OpenAI's "developer" messages are the newer name for system messages.
  return m.role === 'assistant'
    ? { role: 'assistant', content: text }
    : { role: 'system', content: text };
}

/** The gateway's chat options for a validated body: the configuration is already resolved by name. */
export function chatOptionsOf(
  body: ChatCompletions.Request['body'],
  configurationId: number,
  abortSignal: AbortSignal
): ChatOptions {
  const stop = body.stop ?? undefined;
  return {
    configuration: configurationId,
    messages: body.messages.map(toModelMessage),
    source: OPENAI_SOURCE,
    ...(body.user !== undefined && { endUser: body.user }),
    abortSignal,
    maxOutputTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
    temperature: body.temperature ?? undefined,
    topP: body.top_p ?? undefined,
    stopSequences: stop === undefined ? undefined : Array.isArray(stop) ? stop : [stop],
    seed: body.seed ?? undefined,
    frequencyPenalty: body.frequency_penalty ?? undefined,
    presencePenalty: body.presence_penalty ?? undefined,
    // The API token's holder is the app, and OpenAI's API takes system messages: they follow the
    // configuration's own system prompt (which the AI SDK sends first).
    allowSystemInMessages: true,
  };
}
