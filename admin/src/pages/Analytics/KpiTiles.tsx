import { Grid } from '@strapi/design-system';
import type { Kpis } from '../../../../shared/contracts/analytics';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate } from '../../hooks/useTranslate';
import { KpiTile } from './KpiTile';
import { KPI_TILES } from './kpiTileSpecs';

export const KpiTiles = ({ kpis }: { kpis: Kpis }) => {
  const t = useTranslate();
  const f = useFormat();
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
            label={t(tile.label)}
            value={tile.value(kpis, t, f)}
            hint={tile.hint?.(kpis, t, f)}
            definition={t(tile.definition)}
          />
        </Grid.Item>
      ))}
    </Grid.Root>
  );
};
