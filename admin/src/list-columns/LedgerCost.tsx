import { Typography } from '@strapi/design-system';
import { useFormat } from '../hooks/useFormat';

/** Whole nano-USD ("410000000") as exact decimal USD text ("0.410000000"). */
export function nanoToUsd(nano: string): string {
  const negative = nano.startsWith('-');
  const digits = (negative ? nano.slice(1) : nano).padStart(10, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -9)}.${digits.slice(-9)}`;
}

/** The usage ledger's cost column as money: the stored nano-dollars read "$0.41"; empty is unpriced. */
export const LedgerCost = ({ nano }: { nano: unknown }) => {
  const format = useFormat();
  const value = typeof nano === 'string' || typeof nano === 'number' ? String(nano) : null;
  return (
    <Typography textColor="neutral800" data-testid="llm-ledger-cost">
      {format.usd(value === null || !/^-?\d+$/.test(value) ? null : nanoToUsd(value))}
    </Typography>
  );
};
