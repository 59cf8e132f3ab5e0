import type { Core } from '@strapi/strapi';
import { defaults } from '../config/defaults';
import type { DigestRule, SpikeRule } from '../config/types';
import { pluginConfig } from '../plugin-config';

// The config is completed at register; an app (or a test) that later replaces `alerts` wholesale
// still gets working rules rather than a crash in a cron job.
export const spikeRule = (strapi: Core.Strapi): SpikeRule =>
  pluginConfig(strapi).alerts?.spike ?? defaults().alerts.spike;

export const digestRule = (strapi: Core.Strapi): DigestRule =>
  pluginConfig(strapi).alerts?.digest ?? defaults().alerts.digest;

/** A factor as an exact fraction (thousandths): 2.5 → 2500 / 1000, so comparisons stay bigint. */
export const factorThousandths = (factor: number): bigint => BigInt(Math.round(factor * 1000));
