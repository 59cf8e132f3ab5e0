import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/getTranslation';

export type Translate = (
  id: string,
  defaultMessage: string,
  values?: Record<string, string | number>
) => string;

/** `formatMessage` for this plugin's own messages: `t('kpi.cost', 'Total cost (estimated)')`. */
export function useTranslate(): Translate {
  const { formatMessage } = useIntl();
  return useCallback(
    (id, defaultMessage, values) =>
      formatMessage({ id: getTranslation(id), defaultMessage }, values),
    [formatMessage]
  );
}
