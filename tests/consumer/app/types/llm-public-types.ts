/**
 * Compile-time only (the consumer test's type test): the plugin's public types must be real types,
 * not `any` (a missing or broken declaration file would make every use above type-check).
 */
import type {
  ChatOptions,
  ChatResult,
  LlmError,
  LlmService,
  UsageSummary,
} from 'strapi-plugin-llm';

type IsAny<T> = 0 extends 1 & T ? true : false;
type NotAny<T> = IsAny<T> extends true ? never : true;

export const publicTypesAreTyped: [
  NotAny<LlmService>,
  NotAny<LlmService['chat']>,
  NotAny<ChatOptions>,
  NotAny<ChatResult>,
  NotAny<ChatResult['text']>,
  NotAny<UsageSummary>,
  NotAny<LlmError>,
  NotAny<LlmError['code']>,
] = [true, true, true, true, true, true, true, true];
