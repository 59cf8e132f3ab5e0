import type {
  ChatCompletions,
  Embeddings,
  OpenAiFinishReason,
  OpenAiUsage,
} from '../../../shared/contracts/openai-compat';
import type { UsageSummary } from '../gateway/results';

/** The AI SDK's finish reasons as OpenAI names them ("error", "other": the answer simply stopped). */
export function finishReasonOf(reason: string | undefined): OpenAiFinishReason {
  switch (reason) {
    case 'length':
      return 'length';
    case 'content-filter':
      return 'content_filter';
    case 'tool-calls':
      return 'tool_calls';
    default:
      return 'stop';
  }
}

/** The metered usage (what the usage row records) in OpenAI's terms. */
export const usageOf = (usage: UsageSummary): OpenAiUsage => ({
  prompt_tokens: usage.inputTokens,
  completion_tokens: usage.outputTokens,
  total_tokens: usage.inputTokens + usage.outputTokens,
});

export const completionId = (requestId: string) => `chatcmpl-${requestId}`;
export const nowSeconds = () => Math.floor(Date.now() / 1000);

export function chatCompletion(
  model: string,
  result: { text: string; finishReason: string; usage: UsageSummary }
): ChatCompletions.Response {
  return {
    id: completionId(result.usage.requestId),
    object: 'chat.completion',
    created: nowSeconds(),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: result.text, refusal: null },
        logprobs: null,
        finish_reason: finishReasonOf(result.finishReason),
      },
    ],
    usage: usageOf(result.usage),
  };
}

/** A float32 vector as OpenAI's base64 encoding (little-endian bytes). */
function base64Of(vector: number[]): string {
  const floats = Float32Array.from(vector);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
}

export function embeddingList(
  model: string,
  embeddings: number[][],
  usage: UsageSummary,
  encoding: 'float' | 'base64'
): Embeddings.Response {
  return {
    object: 'list',
    data: embeddings.map((embedding, index) => ({
      object: 'embedding',
      index,
      embedding: encoding === 'base64' ? base64Of(embedding) : embedding,
    })),
    model,
    usage: { prompt_tokens: usage.inputTokens, total_tokens: usage.inputTokens },
  };
}
