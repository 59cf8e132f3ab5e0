const authenticated = ['admin::isAuthenticatedAdmin'];

export default {
  type: 'admin' as const,
  routes: [
    {
      method: 'GET',
      path: '/status',
      handler: 'status.get',
      config: { policies: authenticated },
    },
    {
      method: 'POST',
      path: '/tasks/:id/run',
      handler: 'task.runFromAdmin',
      config: {
        policies: [...authenticated, { name: 'admin::hasPermissions', config: { actions: ['plugin::llm.tasks.run'] } }],
      },
    },
  ],
};
