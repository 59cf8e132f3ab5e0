/** The longest provider message the provider tools return. */
export const MAX_PROVIDER_MESSAGE = 300;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Any credential after `Bearer` or `DeepL-Auth-Key` masked as *** (error messages the gateway stores). */
export const redactCredentials = (text: string) =>
  text.replace(/\b(Bearer|DeepL-Auth-Key)(\s+|%20|\+)[^\s"'`,;}\]]+/gi, '$1$2***');

/**
 * A provider's error text as the admin may see it: the connection's key (anywhere in it) and any
 * credential after `Bearer` or `DeepL-Auth-Key` masked as ***, cut to MAX_PROVIDER_MESSAGE
 * characters. A provider that echoes the request's headers into its error body does not hand the
 * key back to whoever pointed the provider at it.
 */
export function redactProviderMessage(message: string, apiKey?: string | null): string {
  let text = message;
  if (apiKey && apiKey.length >= 4) text = text.replace(new RegExp(escape(apiKey), 'g'), '***');
  text = redactCredentials(text);
  return text.length > MAX_PROVIDER_MESSAGE ? `${text.slice(0, MAX_PROVIDER_MESSAGE - 1)}…` : text;
}
