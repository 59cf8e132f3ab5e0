import { Grid } from '@strapi/design-system';
import type { Kpis } from '../../../../shared/contracts/analytics';
import { useTranslate } from '../../hooks/useTranslate';
import { KpiTile } from './KpiTile';
import { KPI_MESSAGES, KPI_TILES, type KpiMessageId } from './kpiTileSpecs';

export const KpiTiles = ({ kpis }: { kpis: Kpis }) => {
  const t = useTranslate();
  const message = (id: KpiMessageId, values?: Record<string, string>) =>
    t(id, KPI_MESSAGES[id], values);
  return (
    <Grid.Root gap={4}>
      {KPI_TILES.map((tile) => (
        <Grid.Item
          key={tile.testId}
          col={2}
          m={3}
          s={6}
          xs={12}
          direction="column"
          alignItems="stretch"
        >
          <KpiTile
            testId={tile.testId}
            label={message(tile.id)}
            value={tile.value(kpis)}
            hint={tile.hint?.(kpis, message)}
            definition={message(`${tile.id}.definition`)}
          />
        </Grid.Item>
      ))}
    </Grid.Root>
  );
};
