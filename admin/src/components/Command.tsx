import { Typography } from '@strapi/design-system';

/** The command that fills a site with demo usage: the plugin's bin, as an app runs it. */
export const SEED_USAGE_COMMAND = 'npx strapi-llm seed-usage';

/** A command to type, set as code in a monospace face. */
export const Command = ({ children }: { children: string }) => (
  <Typography tag="code" textColor="neutral800" style={{ fontFamily: 'monospace' }}>
    {children}
  </Typography>
);
