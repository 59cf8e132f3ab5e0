import type { Core } from '@strapi/strapi';

/**
 * The consumer test's config/plugins.ts: the file create-strapi-app@5.54.0 writes, plus the llm
 * plugin enabled the way the README tells an app developer to.
 */
const allowedMediaTypes = [
  'image/*',
  'video/*',
  'audio/*',
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.*',
  'text/plain',
  'text/csv',
];

const deniedTypes = [
  'image/svg+xml',
  'application/vnd.microsoft.portable-executable',
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-executable',
  'application/x-dosexec',
  'application/x-sh',
  'text/x-shellscript',
  'application/x-mach-binary',
];

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'users-permissions': {
    config: {
      jwtManagement: 'refresh',
      sessions: {
        httpOnly: true,
      },
    },
  },
  upload: {
    config: {
      security: {
        allowedTypes: allowedMediaTypes,
        deniedTypes,
      },
    },
  },
  llm: {
    enabled: true,
    config: {
      timeZone: env('LLM_TIME_ZONE', 'UTC'),
      security: {
        // The consumer test's provider stub listens on 127.0.0.1 over plain http.
        allowedHosts: ['127.0.0.1'],
        apiKeyEnv: ['LLM_*'],
      },
    },
  },
});

export default config;
