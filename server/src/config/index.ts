export interface LlmPluginConfig {
  /** IANA time zone in which days and months (rollups, budgets, ranges) are cut. */
  timeZone: string;
}

const isValidTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export default {
  default: (): LlmPluginConfig => ({
    timeZone: 'UTC',
  }),
  validator(config: Partial<LlmPluginConfig>) {
    if (config.timeZone !== undefined && (typeof config.timeZone !== 'string' || !isValidTimeZone(config.timeZone))) {
      throw new Error(`plugin llm: config.timeZone must be an IANA time zone such as "Europe/Berlin" (got ${JSON.stringify(config.timeZone)})`);
    }
  },
};
