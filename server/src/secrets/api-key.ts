import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

/** AES-256-GCM with a key derived from the configured secret; the stored form says which version. */
const keyFrom = (secret: string) =>
  createHash('sha256').update(`strapi-plugin-llm:${secret}`).digest();

export const isEncrypted = (value: string) => value.startsWith(PREFIX);

export function encryptApiKey(plain: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${PREFIX}${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${body.toString('base64')}`;
}

export function decryptApiKey(stored: string, secret: string): string {
  if (!isEncrypted(stored)) throw new Error('API key is not in the encrypted form');
  const [iv, tag, body] = stored
    .slice(PREFIX.length)
    .split(':')
    .map((part) => Buffer.from(part, 'base64'));
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}
