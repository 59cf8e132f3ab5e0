/**
 * Content-API routes (mounted at /api/llm). Each has its own permission, derived by Strapi from its
 * handler: an API token of type "custom" needs `plugin::llm.<controller>.<action>` ticked.
 */
export default {
  type: 'content-api' as const,
  routes: [
    {
      method: 'POST',
      path: '/tasks/:id/run',
      handler: 'task.runFromContentApi',
      config: { policies: [] },
    },
    // The OpenAI-compatible endpoint (controllers/openai-compat.ts): `model` names a configuration.
    {
      method: 'POST',
      path: '/v1/chat/completions',
      handler: 'openai-compat.chatCompletions',
      config: { policies: [] },
    },
    {
      method: 'POST',
      path: '/v1/embeddings',
      handler: 'openai-compat.embeddings',
      config: { policies: [] },
    },
    {
      method: 'GET',
      path: '/v1/models',
      handler: 'openai-compat.models',
      config: { policies: [] },
    },
  ],
};
