/**
 * Which environment variables a provider may take its key from. A provider's `apiKeyEnv` is set by
 * whoever configures it, and the value is sent to the provider's base URL: without a list, a
 * provider could be made to send `DATABASE_PASSWORD` or `ADMIN_JWT_SECRET` anywhere. The list is
 * the app's config (`security.apiKeyEnv`): exact names, or prefixes ending in `*`.
 */
export function isAllowedKeyEnv(name: string, allowed: readonly string[]): boolean {
  return allowed.some((pattern) =>
    pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern
  );
}

export const describeAllowedKeyEnv = (allowed: readonly string[]) =>
  allowed.length === 0
    ? 'none (security.apiKeyEnv is empty)'
    : allowed
        .map((p) => (p.endsWith('*') ? `names starting with ${p.slice(0, -1)}` : p))
        .join(', ');
