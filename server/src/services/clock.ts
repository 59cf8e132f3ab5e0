import { createClock } from '../time/clock';

/** `strapi.plugin('llm').service('clock')`: the plugin's "now" (see time/clock.ts). */
export default () => createClock();
