export default {
  type: 'content-api' as const,
  routes: [
    {
      method: 'POST',
      path: '/tasks/:id/run',
      handler: 'task.runFromContentApi',
      config: { policies: [] },
    },
  ],
};
