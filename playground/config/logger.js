'use strict';

const {
  winston,
  formats: { prettyPrint },
} = require('@strapi/logger');

// STRAPI_LOG_LEVEL is a threshold (tests set "error"); the default shows requests and everything above.
const level = process.env.STRAPI_LOG_LEVEL || 'http';

module.exports = {
  transports: [
    new winston.transports.Console({
      level,
      format: prettyPrint({ timestamps: 'YYYY-MM-DD hh:mm:ss.SSS' }),
    }),
  ],
};
