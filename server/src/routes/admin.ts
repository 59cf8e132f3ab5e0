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
  ],
};
