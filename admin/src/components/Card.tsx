import { Box, type BoxProps } from '@strapi/design-system';

/** The white, rounded, shadowed surface each block of the plugin's pages stands on. */
export const Card = (props: BoxProps) => (
  <Box background="neutral0" hasRadius shadow="filterShadow" {...props} />
);
