import { formats, winston } from '@strapi/logger';

const { prettyPrint } = formats;

// STRAPI_LOG_LEVEL is a threshold (tests set "error"); the default shows requests and everything above.
const level = process.env.STRAPI_LOG_LEVEL || 'http';

export default {
  transports: [
    new winston.transports.Console({
      level,
      format: prettyPrint({ timestamps: 'YYYY-MM-DD hh:mm:ss.SSS' }),
    }),
  ],
};
