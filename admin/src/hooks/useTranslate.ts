import { useCallback, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/getTranslation';

export type MessageValues = Record<string, string | number>;

/** A message of this plugin kept in a table: its id in translations/en.json and its English text. */
export interface Message {
  id: string;
  defaultMessage: string;
}

/** Names a message to translate where it is shown: `msg('range.7d', '7 days')`. */
export const msg = (id: string, defaultMessage: string): Message => ({ id, defaultMessage });

export interface Translate {
  (id: string, defaultMessage: string, values?: MessageValues): string;
  (message: Message, values?: MessageValues): string;
}

/**
 * `formatMessage` for this plugin's own messages: `t('kpi.cost', 'Total cost (estimated)')`, or
 * `t(message)` for one named with `msg`. Ids are those of translations/en.json, without the prefix.
 */
export function useTranslate(): Translate {
  const { formatMessage } = useIntl();
  return useCallback(
    (first: string | Message, second?: string | MessageValues, third?: MessageValues) => {
      const { id, defaultMessage } = typeof first === 'string' ? msg(first, String(second)) : first;
      const values = typeof first === 'string' ? third : (second as MessageValues | undefined);
      return formatMessage({ id: getTranslation(id), defaultMessage }, values);
    },
    [formatMessage]
  ) as Translate;
}

/** Like `t`, for a message whose values are elements (a command set as code, a link). */
export type TranslateRich = (
  id: string,
  defaultMessage: string,
  values: Record<string, ReactNode>
) => ReactNode;

export function useTranslateRich(): TranslateRich {
  const { formatMessage } = useIntl();
  return useCallback(
    (id, defaultMessage, values) =>
      formatMessage({ id: getTranslation(id), defaultMessage }, values),
    [formatMessage]
  );
}
