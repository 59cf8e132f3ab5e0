import {
  Badge,
  Checkbox,
  Flex,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import type { AvailableModel } from '../../../../shared/contracts/providers';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate } from '../../hooks/useTranslate';

interface Props {
  models: AvailableModel[];
  chosen: Set<string>;
  onToggle: (modelId: string, checked: boolean) => void;
}

/** The catalogue's input and output price per 1 M tokens, or that it does not know the model. */
const CataloguePrice = ({ model }: { model: AvailableModel }) => {
  const t = useTranslate();
  const format = useFormat();
  if (!model.catalogue || (!model.catalogue.priceInput && !model.catalogue.priceOutput))
    return (
      <Typography variant="pi" textColor="neutral500">
        {t('providerTools.import.noPrice', 'Not in the catalogue')}
      </Typography>
    );
  const { priceInput, priceOutput } = model.catalogue;
  return (
    <Typography variant="pi">
      {priceOutput === null
        ? t('providerTools.import.priceInput', '{input} / 1M tokens', {
            input: format.usd(priceInput),
          })
        : t('providerTools.import.price', '{input} in · {output} out / 1M tokens', {
            input: format.usd(priceInput),
            output: format.usd(priceOutput),
          })}
    </Typography>
  );
};

/** Already added, and whether the catalogue prices it by tier (an import never pins those). */
const ModelStatus = ({ model }: { model: AvailableModel }) => {
  const t = useTranslate();
  return (
    <Flex gap={1} wrap="wrap">
      {model.configured && <Badge active>{t('providerTools.import.added', 'Already added')}</Badge>}
      {model.tiered && (
        <Badge data-testid="llm-model-tiered">
          {t('providerTools.import.tiered', 'Tiered prices: follows the catalogue')}
        </Badge>
      )}
    </Flex>
  );
};

/** The provider's models, each with a checkbox, its capabilities, catalogue prices and whether it is already added. */
export const ModelChoices = ({ models, chosen, onToggle }: Props) => {
  const t = useTranslate();
  return (
    <Table colCount={4} rowCount={models.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">{t('providerTools.import.model', 'Model')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">
              {t('providerTools.import.capabilities', 'Capabilities')}
            </Typography>
          </Th>
          <Th>
            <Typography variant="sigma">
              {t('providerTools.import.catalogue', 'Catalogue price')}
            </Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('providerTools.import.status', 'Status')}</Typography>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {models.map((model) => (
          <Tr key={model.modelId} data-testid="llm-available-model">
            <Td>
              <Checkbox
                checked={model.configured || chosen.has(model.modelId)}
                disabled={model.configured}
                onCheckedChange={(checked: boolean) => onToggle(model.modelId, checked)}
              >
                {model.modelId}
              </Checkbox>
            </Td>
            <Td>
              <Flex gap={1} wrap="wrap">
                {model.capabilities.map((capability) => (
                  <Badge key={capability}>{capability}</Badge>
                ))}
              </Flex>
            </Td>
            <Td>
              <CataloguePrice model={model} />
            </Td>
            <Td>
              <ModelStatus model={model} />
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
