/** POST /api/ask: one chat turn through the llm plugin (public: the consumer test calls it). */
export default {
  routes: [
    {
      method: 'POST',
      path: '/ask',
      handler: 'ask.ask',
      config: { auth: false },
    },
  ],
};
