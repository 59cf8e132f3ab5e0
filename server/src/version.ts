// A named import: the bundler keeps only this field of package.json.
import { version as packageVersion } from '../../package.json';

export const version: string = packageVersion;
