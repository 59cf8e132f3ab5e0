// Read at run time so the compiled output does not embed a copy of package.json.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const version: string = require('../../../package.json').version;
