import { Grid } from '@strapi/design-system';
import type { AnalyticsDocument } from '../../../../shared/contracts/analytics';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate } from '../../hooks/useTranslate';
import { changeOf } from './kpiChange';
import { KpiDelta } from './KpiDelta';
import { KpiTile } from './KpiTile';
import { KPI_TILES } from './kpiTileSpecs';

/** The headline figures, each with its change from the previous period of the same length. */
export const KpiTiles = ({ doc }: { doc: Pick<AnalyticsDocument, 'kpis' | 'comparison'> }) => {
  const t = useTranslate();
  const f = useFormat();
  const { kpis, comparison } = doc;
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
          >
            <KpiDelta
              kind={tile.change.kind}
              change={changeOf(tile.change, kpis, comparison?.kpis)}
              previous={comparison}
              testId={`llm-kpi-${tile.testId}-change`}
            />
          </KpiTile>
        </Grid.Item>
      ))}
    </Grid.Root>
  );
};
