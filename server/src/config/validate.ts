import { yup } from '@strapi/utils';
import { isPriceText } from '../pricing/money';
import { urlRefusal } from '../security/outbound';
import { defaults } from './defaults';
import { WEEKDAYS, type LlmPluginUserConfig } from './types';

const isValidTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** An environment variable name, or a prefix of one ending in `*`. */
const ENV_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*\*?$/;

const positiveInteger = () => yup.number().strict().integer().min(1);

const SECURITY = yup
  .object({
    apiKeyEnv: yup.array(yup.string().strict().matches(ENV_PATTERN)),
    allowedHosts: yup.array(yup.string().strict().min(1)),
    allowPrivateNetworks: yup.boolean().strict(),
  })
  .nullable();

/** Every key an app may set in config/plugins, each with what a wrong value is told. */
// Sections may be null (an env-driven config): null is the defaults, as when absent.
const CONFIG_SCHEMA = yup.object({
  timeZone: yup
    .string()
    .strict()
    .test('zone', '', (zone) => zone === undefined || isValidTimeZone(zone)),
  encryptionKey: yup.string().strict().min(16),
  security: SECURITY,
  alerts: yup
    .object({
      webhookUrl: yup.mixed().nullable(),
      spike: yup
        .object({
          enabled: yup.boolean().strict(),
          factor: yup.number().strict().moreThan(0).max(1000),
          minUsd: yup
            .string()
            .strict()
            .test('usd', '', (v) => v === undefined || isPriceText(v)),
          lookbackDays: yup.number().strict().integer().min(3).max(90),
          cron: yup.string().strict(),
        })
        .nullable(),
      digest: yup
        .object({
          enabled: yup.boolean().strict(),
          day: yup
            .string()
            .strict()
            .oneOf([...WEEKDAYS]),
          hour: yup.number().strict().integer().min(0).max(23),
          to: yup.array(yup.string().strict().email()),
        })
        .nullable(),
    })
    .nullable(),
  usage: yup
    .object({
      flushIntervalMs: positiveInteger(),
      batchSize: positiveInteger(),
      replayIntervalMs: positiveInteger(),
      spoolDir: yup.string().strict(),
    })
    .nullable(),
  circuitBreaker: yup
    .object({
      enabled: yup.boolean().strict(),
      failureThreshold: positiveInteger().max(1000),
      windowMs: positiveInteger(),
      openMs: positiveInteger(),
    })
    .nullable(),
  cache: yup
    .object({
      store: yup.string().strict().oneOf(['database', 'redis']),
      url: yup
        .string()
        .strict()
        .matches(/^rediss?:\/\/\S+$/)
        .when('store', {
          is: 'redis',
          then: (schema) => schema.required(),
        }),
      keyPrefix: yup.string().strict().max(64),
      pruneCron: yup.string().strict(),
      pruneBatchSize: positiveInteger(),
    })
    .nullable(),
  retention: yup
    .object({
      rawDays: yup.number().strict().integer().min(2),
      batchSize: positiveInteger(),
      cron: yup.string().strict(),
    })
    .nullable(),
});

/** What each key must be, for the message that names it. */
const EXPECTED: Record<string, string> = {
  timeZone: 'an IANA time zone such as "Europe/Berlin"',
  encryptionKey: 'a string of at least 16 characters',
  'security.apiKeyEnv':
    'a list of environment variable names or prefixes ending in * (e.g. ["LLM_*"])',
  'security.allowedHosts': 'a list of host names or IP addresses',
  'security.allowPrivateNetworks': 'true or false',
  'usage.flushIntervalMs': 'a positive integer',
  'usage.batchSize': 'a positive integer',
  'usage.replayIntervalMs': 'a positive integer',
  'usage.spoolDir': 'a path',
  'circuitBreaker.enabled': 'true or false',
  'circuitBreaker.failureThreshold': 'a positive integer (at most 1000)',
  'circuitBreaker.windowMs': 'a positive integer (milliseconds)',
  'circuitBreaker.openMs': 'a positive integer (milliseconds)',
  'cache.store': "'database' or 'redis'",
  'cache.url': "a redis:// or rediss:// URL (required when cache.store is 'redis')",
  'cache.keyPrefix': 'text of at most 64 characters',
  'cache.pruneCron': 'a cron rule',
  'cache.pruneBatchSize': 'a positive integer',
  'retention.batchSize': 'a positive integer',
  'retention.rawDays': 'an integer of at least 2',
  'retention.cron': 'a cron rule',
  'alerts.spike.enabled': 'true or false',
  'alerts.spike.factor': 'a number above 0 (at most 1000)',
  'alerts.spike.minUsd': 'a decimal amount of USD as text, e.g. "5" or "2.50"',
  'alerts.spike.lookbackDays': 'an integer from 3 to 90',
  'alerts.spike.cron': 'a cron rule',
  'alerts.digest.enabled': 'true or false',
  'alerts.digest.day': `one of ${WEEKDAYS.join(', ')}`,
  'alerts.digest.hour': 'an integer from 0 to 23',
  'alerts.digest.to': 'a list of e-mail addresses',
};

/** The key a yup error path points at ("security.apiKeyEnv[1]" → "security.apiKeyEnv"). */
const keyOf = (path: string | undefined) => (path ?? '').replace(/\[\d+\]$/, '');

/**
 * Checks the app's plugin config when Strapi loads the plugin; a wrong value stops the app with a
 * message that names the key and says what it must be.
 */
export function validateConfig(config: LlmPluginUserConfig) {
  try {
    CONFIG_SCHEMA.validateSync(config ?? {}, { abortEarly: true, strict: true });
  } catch (error) {
    if (!(error instanceof yup.ValidationError)) throw error;
    const key = keyOf(error.path);
    const expected = EXPECTED[key];
    // The value is not repeated: it may be a secret (encryptionKey).
    throw new Error(
      expected
        ? `plugin llm: config.${key} must be ${expected}`
        : `plugin llm: config.${key || '(root)'} is not what the plugin expects (see the README, "Configuration reference")`
    );
  }
  const webhookUrl = config?.alerts?.webhookUrl;
  if (webhookUrl !== undefined && webhookUrl !== null && webhookUrl !== '') {
    const policy = { ...defaults().security, ...(config.security ?? {}) };
    const refusal =
      typeof webhookUrl === 'string' ? urlRefusal(webhookUrl, policy) : 'it is not a string';
    if (refusal) throw new Error(`plugin llm: config.alerts.webhookUrl is not allowed: ${refusal}`);
  }
}
