import type { Capability } from '../../../shared/contracts/access-rules';
import type { ServiceType } from '../../../shared/services';
import type { CallContext } from '../gateway/types';

/** The capability each service uses: chat and completion are both "chat" (a stream is a chat too). */
const BY_SERVICE: Record<ServiceType, Capability> = {
  chat: 'chat',
  completion: 'chat',
  vision: 'vision',
  embedding: 'embeddings',
  translation: 'translation',
  image: 'image',
  speech: 'speech',
  transcription: 'transcription',
};

/**
 * What a call uses, as allow-lists name it: its service's capability, "tools" when it passes tools
 * and "vision" when its prompt carries images or files (a chat with an image is a vision call).
 */
export function capabilitiesOf(
  context: Pick<CallContext, 'service' | 'usesTools' | 'usesFiles'>
): Capability[] {
  const own = BY_SERVICE[context.service];
  const all: Capability[] = [own];
  if (context.usesFiles && own !== 'vision') all.push('vision');
  if (context.usesTools) all.push('tools');
  return all;
}
