import {
  embedMany,
  experimental_generateSpeech as generateSpeech,
  experimental_transcribe as transcribeAudio,
  generateImage,
} from 'ai';
import type { ServiceType } from '../../../shared/services';
import type { CallEstimate } from './budget-seam';
import { LlmError } from './errors';
import { meteredCall, type Measured, type MeterDeps } from './meter';
import { capability, type Prepare, type Prepared } from './prepare';
import { countTokens, textsTokenBound } from './quantities';
import { summarize } from './results';
import { retrying } from './retry';
import type { CallOptions } from './types';

/** A non-language-model call's estimate: nothing but units (characters, images, seconds). */
const unitsOnly = (units: number) => (): CallEstimate => ({
  inputTokensBound: 0,
  maxOutputTokens: 0,
  units,
});

/** What every SDK call gets: the call's deadline, and no SDK retries (retries are metered here). */
const sdkOptions = (call: Prepared) => ({ abortSignal: call.abortSignal, maxRetries: 0 });

/**
 * The services that are one provider request each (embeddings, DeepL translation, images, speech,
 * transcription): prepare → metered request (retried) → clear the deadline.
 */
export function createUnitCalls(deps: { prepare: Prepare; meter: MeterDeps }) {
  async function runMetered<T>(
    service: ServiceType,
    options: CallOptions,
    estimate: () => CallEstimate,
    perform: (prepared: Prepared) => Promise<{ value: T; measured: Measured }>,
    prepared?: Prepared
  ) {
    const call = prepared ?? (await deps.prepare(service, options));
    try {
      return await retrying(call.connection.maxRetries, call.abortSignal, () =>
        meteredCall(deps.meter, call.target, call.newContext(), estimate, () => perform(call), {
          abortSignal: options.abortSignal,
          timeoutMs: call.connection.timeoutMs,
        })
      );
    } finally {
      call.done();
    }
  }

  return {
    /** Embeddings for one or more texts. */
    async embed(options: CallOptions & { values: string[] }) {
      if (!Array.isArray(options.values) || options.values.some((v) => typeof v !== 'string'))
        throw new LlmError('invalid_request', 'embed needs values: an array of strings');
      const estimate = () => ({
        inputTokensBound: textsTokenBound(options.values),
        maxOutputTokens: 0,
        units: 0,
      });
      const { value, event } = await runMetered('embedding', options, estimate, async (call) => {
        const model = capability(call, 'embeddingModel', 'embedding')(call.target.model.modelId);
        const result = await embedMany({
          model,
          values: options.values,
          ...sdkOptions(call),
        });
        const reported = result.usage?.tokens;
        const tokens =
          typeof reported === 'number' && Number.isFinite(reported) && reported >= 0
            ? reported
            : undefined;
        const counts = {
          inputTokens: tokens ?? countTokens(options.values.join('\n')),
          outputTokens: 0,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
          reasoningTokens: 0,
        };
        return {
          value: result.embeddings,
          measured: { tokens: { ...counts, estimated: tokens === undefined } },
        };
      });
      return { embeddings: value, usage: summarize(event) };
    },

    /** Translation by a provider that translates (DeepL: billed characters), on a prepared call. */
    async translateWith(
      prepared: Prepared,
      options: CallOptions & { targetLanguage: string; sourceLanguage?: string },
      texts: string[]
    ) {
      const characters = texts.reduce((sum, t) => sum + t.length, 0);
      const { value, event } = await runMetered(
        'translation',
        options,
        unitsOnly(characters),
        async (call) => {
          const out = await call.adapter.translate!({
            texts,
            targetLanguage: options.targetLanguage,
            sourceLanguage: options.sourceLanguage,
            abortSignal: call.abortSignal,
          });
          return { value: out, measured: { units: out.billedCharacters || characters } };
        },
        prepared
      );
      return {
        texts: value.texts,
        text: value.texts.join('\n'),
        detectedSourceLanguage: value.detectedSourceLanguage,
        usage: summarize(event),
      };
    },

    /** Image generation; priced per image. */
    async image(
      options: CallOptions & { prompt: string; n?: number; size?: `${number}x${number}` }
    ) {
      const n = options.n ?? 1;
      if (!Number.isInteger(n) || n < 1 || n > 10)
        throw new LlmError('invalid_request', 'n must be a whole number from 1 to 10');
      const { value, event } = await runMetered('image', options, unitsOnly(n), async (call) => {
        const model = capability(call, 'imageModel', 'image')(call.target.model.modelId);
        const result = await generateImage({
          model,
          prompt: options.prompt,
          n,
          size: options.size,
          ...sdkOptions(call),
        });
        return { value: result.images, measured: { units: result.images.length } };
      });
      return {
        images: value.map((image) => ({ base64: image.base64, mediaType: image.mediaType })),
        usage: summarize(event),
      };
    },

    /** Text to speech; priced per character of input. */
    async speech(options: CallOptions & { text: string; voice?: string; outputFormat?: string }) {
      if (typeof options.text !== 'string' || options.text.length === 0)
        throw new LlmError('invalid_request', 'speech needs text');
      const characters = options.text.length;
      const { value, event } = await runMetered(
        'speech',
        options,
        unitsOnly(characters),
        async (call) => {
          const model = capability(call, 'speechModel', 'speech')(call.target.model.modelId);
          const result = await generateSpeech({
            model,
            text: options.text,
            voice: options.voice,
            outputFormat: options.outputFormat,
            ...sdkOptions(call),
          });
          return { value: result.audio, measured: { units: characters } };
        }
      );
      return { audio: value.uint8Array, mediaType: value.mediaType, usage: summarize(event) };
    },

    /** Speech to text; priced per second of audio (as the provider reports the duration). */
    async transcribe(options: CallOptions & { audio: Uint8Array; mediaType?: string }) {
      if (!(options.audio instanceof Uint8Array) || options.audio.length === 0)
        throw new LlmError('invalid_request', 'transcribe needs audio bytes');
      // The duration is known only afterwards: bound it by the bytes, at a bitrate lower than any speech codec's (4 kbit/s).
      const secondsBound = Math.ceil(options.audio.length / 500);
      const { value, event } = await runMetered(
        'transcription',
        options,
        unitsOnly(secondsBound),
        async (call) => {
          const model = capability(
            call,
            'transcriptionModel',
            'transcription'
          )(call.target.model.modelId);
          const result = await transcribeAudio({
            model,
            audio: options.audio,
            ...sdkOptions(call),
          });
          const seconds = result.durationInSeconds;
          return {
            value: result,
            measured: { units: seconds === undefined ? undefined : Math.ceil(seconds) },
          };
        }
      );
      return {
        text: value.text,
        durationSeconds: value.durationInSeconds ?? null,
        usage: summarize(event),
      };
    },
  };
}
