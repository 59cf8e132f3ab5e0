import { ProgressBar } from '@strapi/design-system';

/** How full a budget is, as a small bar; past 100 % it stays full. */
export const PercentBar = ({ percent, label }: { percent: number; label: string }) => (
  <ProgressBar value={Math.min(percent, 100)} size="S" aria-label={label} />
);
