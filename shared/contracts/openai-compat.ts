/**
 * The OpenAI-compatible endpoint (content API, an API token as the bearer key):
 *   POST /api/llm/v1/chat/completions   GET /api/llm/v1/models   POST /api/llm/v1/embeddings
 * Shapes follow OpenAI's API; `model` names a plugin configuration.
 */

export type OpenAiRole = 'system' | 'developer' | 'user' | 'assistant';

export type OpenAiContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } };

export interface OpenAiMessage {
  role: OpenAiRole;
  content: string | OpenAiContentPart[] | null;
  name?: string;
}

export interface OpenAiUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export type OpenAiFinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls';

export declare namespace ChatCompletions {
  interface Request {
    body: {
      model: string;
      messages: OpenAiMessage[];
      temperature?: number | null;
      top_p?: number | null;
      max_tokens?: number | null;
      max_completion_tokens?: number | null;
      stop?: string | string[] | null;
      seed?: number | null;
      frequency_penalty?: number | null;
      presence_penalty?: number | null;
      n?: 1 | null;
      stream?: boolean | null;
      stream_options?: { include_usage?: boolean } | null;
      response_format?: { type: 'text' } | null;
      user?: string;
    };
  }
  interface Response {
    id: string;
    object: 'chat.completion';
    created: number;
    model: string;
    choices: Array<{
      index: 0;
      message: { role: 'assistant'; content: string; refusal: null };
      logprobs: null;
      finish_reason: OpenAiFinishReason;
    }>;
    usage: OpenAiUsage;
  }
  /** One `data:` event of a streamed answer (then `data: [DONE]`). */
  interface Chunk {
    id: string;
    object: 'chat.completion.chunk';
    created: number;
    model: string;
    choices: Array<{
      index: 0;
      delta: { role?: 'assistant'; content?: string };
      logprobs: null;
      finish_reason: OpenAiFinishReason | null;
    }>;
    /** Only with `stream_options.include_usage`: null on every chunk but the last, which has no choices. */
    usage?: OpenAiUsage | null;
  }
}

export declare namespace Embeddings {
  interface Request {
    body: {
      model: string;
      input: string | string[];
      encoding_format?: 'float' | 'base64';
      user?: string;
    };
  }
  interface Response {
    object: 'list';
    data: Array<{ object: 'embedding'; index: number; embedding: number[] | string }>;
    model: string;
    usage: { prompt_tokens: number; total_tokens: number };
  }
}

export declare namespace ListModels {
  interface Response {
    object: 'list';
    data: Array<{ id: string; object: 'model'; created: number; owned_by: 'strapi-plugin-llm' }>;
  }
}

/** Every error of the endpoint; `code` is the plugin's stable error code (budget_exceeded, …). */
export interface OpenAiErrorBody {
  error: {
    message: string;
    type: string;
    param: string | null;
    code: string | null;
    /** The usage row of the refused or failed call, when one was recorded (also `x-request-id`). */
    request_id?: string;
  };
}
