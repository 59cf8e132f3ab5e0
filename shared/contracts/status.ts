/**
 * GET /llm/status
 *
 * What the admin shell asks first: is the plugin loaded, on which database, in which time zone.
 */
export declare namespace GetStatus {
  interface Request {
    query: Record<string, never>;
  }
  interface Response {
    data: {
      plugin: 'llm';
      version: string;
      database: 'sqlite' | 'postgres' | 'mysql';
      timeZone: string;
    };
  }
}
