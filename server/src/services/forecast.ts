import type { Core } from '@strapi/strapi';
import type { Forecast } from '../../../shared/contracts/forecast';
import { computeForecast } from '../forecast/forecast';
import { pluginConfig } from '../plugin-config';
import { getService } from '../utils/get-service';

/** `strapi.plugin('llm').service('forecast')`: projected month-end spend and budget run-outs. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** At the plugin clock's "now" (tests pin it with the clock service). */
  get(): Promise<Forecast> {
    return computeForecast(
      strapi,
      getService(strapi, 'clock').now(),
      pluginConfig(strapi).timeZone
    );
  },
});
