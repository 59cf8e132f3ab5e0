/** What the stub does with the next request it receives (tests script it; defaults are a normal answer). */
export interface StubBehavior {
  /** Answer with this HTTP status and a provider-shaped error body. */
  status?: number;
  /** Wait this long before answering (a timeout when it exceeds the client's). */
  delayMs?: number;
  /** Send a 200 whose body is not valid JSON. */
  malformed?: boolean;
  /** Leave the usage block out of the answer (and out of the stream). */
  omitUsage?: boolean;
  /** Close the connection half way through a streamed answer. */
  cutStream?: boolean;
  /** Destroy the socket without answering (a connection reset). */
  reset?: boolean;
  /** The OpenAI wire format's finish_reason of a plain answer (default 'stop'). */
  finishReason?: string;
  /** The answer's text (default: a short echo of the prompt). */
  text?: string;
  /** Count tokens with this instead of the stub's four-characters rule (e.g. the plugin's o200k tokenizer). */
  tokenizer?: (text: string) => number;
  /** Token counts to report instead of counting them. */
  usage?: Partial<StubUsage>;
  /** Pause between streamed chunks. */
  chunkDelayMs?: number;
  /** The model ids a models endpoint lists (default: a few per wire format, see models.ts). */
  models?: string[];
  /** Paged models lists (Anthropic) say there is a next page. */
  morePages?: boolean;
  /** Answer 302 with this Location (a client must not follow it). */
  redirect?: string;
  /** Answer 200 with a JSON body of about this many bytes, streamed without a content-length. */
  bodyBytes?: number;
  /** With `status`: the error message repeats the request's headers (a provider echoing the key). */
  echoHeaders?: boolean;
}

export interface StubUsage {
  /** Prompt tokens, cached ones included (the stub converts to each wire format's convention). */
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  reasoning: number;
}

/** The stub's own token count: about four characters a token, never zero for non-empty text. */
export const countStubTokens = (text: string): number =>
  text.length === 0 ? 0 : Math.ceil(text.length / 4);
