'use strict';

// Strapi's loader reads only CommonJS: this points at the compiled server (npm run build).
module.exports = require('./dist/server/src/index.js').default;
