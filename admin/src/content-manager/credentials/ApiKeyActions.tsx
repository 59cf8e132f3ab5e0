import { Button, Dialog, Flex } from '@strapi/design-system';
import { ConfirmDialog } from '@strapi/strapi/admin';
import { useTranslate } from '../../hooks/useTranslate';

interface Props {
  stored: boolean;
  onReplace: () => void;
  onRemove: () => void;
}

/** Set or replace the key; remove a stored one, after a confirmation. */
export const ApiKeyActions = ({ stored, onReplace, onRemove }: Props) => {
  const t = useTranslate();
  return (
    <Flex gap={2} wrap="wrap">
      <Button variant="secondary" size="S" onClick={onReplace}>
        {stored ? t('credentials.replace', 'Replace key') : t('credentials.set', 'Set key')}
      </Button>
      {stored && (
        <Dialog.Root>
          <Dialog.Trigger>
            <Button variant="danger-light" size="S">
              {t('credentials.remove', 'Remove key')}
            </Button>
          </Dialog.Trigger>
          <ConfirmDialog onConfirm={onRemove}>
            {t(
              'credentials.remove.confirm',
              'Calls through this provider will fail until a key is set again. Remove the stored key?'
            )}
          </ConfirmDialog>
        </Dialog.Root>
      )}
    </Flex>
  );
};
