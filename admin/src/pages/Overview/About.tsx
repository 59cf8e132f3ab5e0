import { Flex, Typography } from '@strapi/design-system';
import { useGetLlmStatusQuery } from '../../services/overview';
import { useTranslate } from '../../hooks/useTranslate';
import { Section } from './Tile';

/** Database, time zone and version: small, at the end of the page. */
export const About = () => {
  const t = useTranslate();
  const { data: status } = useGetLlmStatusQuery();
  if (!status) return null;
  const rows: Array<[string, string]> = [
    [t('home.status.database', 'Database'), status.database],
    [t('home.status.timeZone', 'Time zone'), status.timeZone],
    [t('home.status.version', 'Plugin version'), status.version],
  ];
  return (
    <Section title={t('overview.about.title', 'About')} testId="about">
      <Flex direction="column" alignItems="stretch" gap={2} data-testid="llm-status">
        {rows.map(([label, value]) => (
          <Flex key={label} gap={2} wrap="wrap">
            <Typography variant="sigma" textColor="neutral600">
              {label}
            </Typography>
            <Typography>{value}</Typography>
          </Flex>
        ))}
      </Flex>
    </Section>
  );
};
