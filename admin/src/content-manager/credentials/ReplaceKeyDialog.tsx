import { Button, Modal } from '@strapi/design-system';
import { useState } from 'react';
import { MAX_API_KEY_LENGTH } from '../../../../shared/contracts/providers';
import { TextField } from '../../components/TextField';
import { useTranslate } from '../../hooks/useTranslate';

interface Props {
  open: boolean;
  onClose: () => void;
  onSave: (key: string) => Promise<void>;
}

/** The dialog that takes a new key: the only place a key is ever typed, and it is never shown back. */
export const ReplaceKeyDialog = ({ open, onClose, onSave }: Props) => {
  const t = useTranslate();
  const [key, setKey] = useState('');
  const [saving, setSaving] = useState(false);
  const invalid = key !== '' && !/^[\x21-\x7e]+$/.test(key);

  const close = () => {
    setKey('');
    onClose();
  };
  const save = async () => {
    setSaving(true);
    try {
      await onSave(key);
      close();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal.Root open={open} onOpenChange={(next: boolean) => !next && close()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('credentials.replace.title', 'Replace the API key')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <TextField
            name="llm-api-key"
            label={t('credentials.replace.label', 'New API key')}
            hint={t(
              'credentials.replace.hint',
              'Stored encrypted. Nobody can read it back, not even a super admin.'
            )}
            error={
              invalid
                ? t('credentials.replace.invalid', 'A key has no spaces or line breaks.')
                : undefined
            }
            type="password"
            autoComplete="off"
            value={key}
            maxLength={MAX_API_KEY_LENGTH}
            onChange={setKey}
          />
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={close}>
            {t('credentials.cancel', 'Cancel')}
          </Button>
          <Button onClick={save} loading={saving} disabled={key === '' || invalid}>
            {t('credentials.replace.save', 'Save key')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
