import type { Capability } from '../../../../shared/contracts/access-rules';
import { msg, type Message } from '../../hooks/useTranslate';

/** Each capability as admins read it. */
export const CAPABILITY_LABELS: Record<Capability, Message> = {
  chat: msg('access.capability.chat', 'Chat'),
  vision: msg('access.capability.vision', 'Vision'),
  tools: msg('access.capability.tools', 'Tools'),
  embeddings: msg('access.capability.embeddings', 'Embeddings'),
  image: msg('access.capability.image', 'Images'),
  speech: msg('access.capability.speech', 'Speech'),
  transcription: msg('access.capability.transcription', 'Transcription'),
  translation: msg('access.capability.translation', 'Translation'),
};
