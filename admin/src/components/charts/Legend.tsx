import { Flex, Typography } from '@strapi/design-system';
import { styled } from 'styled-components';

export interface LegendItem {
  key: string;
  label: string;
  color: string;
}

const Toggle = styled.button`
  display: inline-flex;
  align-items: center;
  gap: ${({ theme }) => theme.spaces[2]};
  padding: ${({ theme }) => `${theme.spaces[1]} ${theme.spaces[2]}`};
  border: 1px solid ${({ theme }) => theme.colors.neutral200};
  border-radius: ${({ theme }) => theme.borderRadius};
  background: ${({ theme }) => theme.colors.neutral0};
  cursor: pointer;
  max-width: 100%;
  &[aria-pressed='false'] {
    opacity: 0.55;
  }
  &[aria-pressed='false'] span[data-swatch] {
    background: transparent !important;
  }
  &:focus-visible {
    outline: 2px solid ${({ theme }) => theme.colors.primary600};
    outline-offset: 2px;
  }
`;

const Swatch = styled.span`
  flex: none;
  width: 1.2rem;
  height: 1.2rem;
  border-radius: 2px;
  border: 2px solid;
`;

/**
 * A chart's legend, in the order the series are drawn (bottom of the stack first): each entry a
 * button that shows or hides its series, reachable and operable by keyboard (`aria-pressed`).
 * Without `onToggle` the entries are plain labels.
 */
export const Legend = ({
  items,
  hidden,
  onToggle,
  testId,
}: {
  items: LegendItem[];
  hidden?: Set<string>;
  onToggle?: (key: string) => void;
  testId: string;
}) => (
  <Flex tag="ul" gap={2} wrap="wrap" paddingBottom={3} data-testid={testId}>
    {items.map((item) => {
      const body = (
        <>
          <Swatch
            data-swatch
            aria-hidden
            style={{ background: item.color, borderColor: item.color }}
          />
          <Typography variant="pi" textColor="neutral800" ellipsis title={item.label}>
            {item.label}
          </Typography>
        </>
      );
      return (
        <li
          key={item.key}
          data-testid="llm-legend-item"
          data-series={item.key}
          data-color={item.color}
          style={{ listStyle: 'none', maxWidth: '100%' }}
        >
          {onToggle ? (
            <Toggle
              type="button"
              aria-pressed={!hidden?.has(item.key)}
              onClick={() => onToggle(item.key)}
            >
              {body}
            </Toggle>
          ) : (
            <Flex gap={2}>{body}</Flex>
          )}
        </li>
      );
    })}
  </Flex>
);

/** Which series the reader switched off in a legend. */
export { useHiddenSeries } from './useHiddenSeries';
