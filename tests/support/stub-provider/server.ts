import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { countStubTokens, type StubBehavior, type StubUsage } from './behavior';
import { modelRoutes } from './models';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: any;
  rawLength: number;
}

type Handler = (
  request: RecordedRequest,
  behavior: StubBehavior,
  res: http.ServerResponse
) => Promise<void>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

/** Every text a request carries, concatenated: what the stub "reads" to count prompt tokens. */
function promptText(body: any): string {
  const pieces: string[] = [];
  const visit = (value: unknown) => {
    if (typeof value === 'string') pieces.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const key of ['system', 'content', 'text', 'input', 'prompt', 'messages'])
        if (key in record) visit(record[key]);
    }
  };
  visit(body?.system);
  visit(body?.messages);
  visit(body?.input);
  visit(body?.instructions);
  visit(body?.prompt);
  visit(body?.text);
  return pieces.join('\n');
}

function usageFor(body: any, text: string, behavior: StubBehavior): StubUsage {
  return {
    input: behavior.usage?.input ?? (behavior.tokenizer ?? countStubTokens)(promptText(body)),
    output: behavior.usage?.output ?? (behavior.tokenizer ?? countStubTokens)(text),
    cacheRead: behavior.usage?.cacheRead ?? 0,
    cacheWrite: behavior.usage?.cacheWrite ?? 0,
    reasoning: behavior.usage?.reasoning ?? 0,
  };
}

const replyText = (body: any, behavior: StubBehavior) =>
  behavior.text ?? `Stub answer to: ${promptText(body).slice(-60)}`;

/** Splits a reply into a few stream chunks. */
const chunksOf = (text: string) => text.match(/.{1,12}/gs) ?? [''];

function startSse(res: http.ServerResponse) {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
}

// ---------------------------------------------------------------- OpenAI: chat completions
const openaiUsage = (u: StubUsage) => ({
  prompt_tokens: u.input,
  completion_tokens: u.output,
  total_tokens: u.input + u.output,
  prompt_tokens_details: { cached_tokens: u.cacheRead },
  completion_tokens_details: { reasoning_tokens: u.reasoning },
});

const chatCompletions: Handler = async (request, behavior, res) => {
  const { body } = request;
  const text = replyText(body, behavior);
  const usage = usageFor(body, text, behavior);
  const base = {
    id: `chatcmpl-${Date.now()}`,
    created: Math.floor(Date.now() / 1000),
    model: body.model,
  };
  if (!body.stream) {
    return json(res, 200, {
      ...base,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: text },
          finish_reason: behavior.finishReason ?? 'stop',
        },
      ],
      ...(behavior.omitUsage ? {} : { usage: openaiUsage(usage) }),
    });
  }
  startSse(res);
  const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  const chunks = chunksOf(text);
  for (const [i, chunk] of chunks.entries()) {
    if (behavior.cutStream && i >= Math.ceil(chunks.length / 2)) return void res.socket?.destroy();
    send({
      ...base,
      object: 'chat.completion.chunk',
      choices: [
        {
          index: 0,
          delta: i === 0 ? { role: 'assistant', content: chunk } : { content: chunk },
          finish_reason: null,
        },
      ],
    });
    if (behavior.chunkDelayMs) await sleep(behavior.chunkDelayMs);
  }
  send({
    ...base,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
  });
  if (!behavior.omitUsage)
    send({ ...base, object: 'chat.completion.chunk', choices: [], usage: openaiUsage(usage) });
  res.end('data: [DONE]\n\n');
};

// ---------------------------------------------------------------- OpenAI: responses
const responsesUsage = (u: StubUsage) => ({
  input_tokens: u.input,
  input_tokens_details: { cached_tokens: u.cacheRead },
  output_tokens: u.output,
  output_tokens_details: { reasoning_tokens: u.reasoning },
  total_tokens: u.input + u.output,
});

const responses: Handler = async (request, behavior, res) => {
  const { body } = request;
  const text = replyText(body, behavior);
  const usage = usageFor(body, text, behavior);
  const id = `resp_${Date.now()}`;
  const created_at = Math.floor(Date.now() / 1000);
  const message = { type: 'message', id: 'msg_stub_1', status: 'completed', role: 'assistant' };
  if (!body.stream) {
    return json(res, 200, {
      id,
      object: 'response',
      created_at,
      model: body.model,
      status: 'completed',
      incomplete_details: null,
      output: [{ ...message, content: [{ type: 'output_text', text, annotations: [] }] }],
      ...(behavior.omitUsage ? {} : { usage: responsesUsage(usage) }),
    });
  }
  startSse(res);
  const send = (data: { type: string } & Record<string, unknown>) =>
    res.write(`event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`);
  send({ type: 'response.created', response: { id, created_at, model: body.model } });
  send({
    type: 'response.output_item.added',
    output_index: 0,
    item: { type: 'message', id: message.id },
  });
  const chunks = chunksOf(text);
  for (const [i, chunk] of chunks.entries()) {
    if (behavior.cutStream && i >= Math.ceil(chunks.length / 2)) return void res.socket?.destroy();
    send({ type: 'response.output_text.delta', item_id: message.id, delta: chunk });
    if (behavior.chunkDelayMs) await sleep(behavior.chunkDelayMs);
  }
  send({
    type: 'response.output_item.done',
    output_index: 0,
    item: { type: 'message', id: message.id },
  });
  send({
    type: 'response.completed',
    response: {
      incomplete_details: null,
      ...(behavior.omitUsage ? {} : { usage: responsesUsage(usage) }),
    },
  });
  res.end();
};

// ---------------------------------------------------------------- OpenAI: embeddings, images, audio
const embeddings: Handler = async (request, behavior, res) => {
  const inputs: string[] = Array.isArray(request.body.input)
    ? request.body.input
    : [request.body.input];
  const tokens =
    behavior.usage?.input ?? inputs.reduce((sum, input) => sum + countStubTokens(String(input)), 0);
  json(res, 200, {
    object: 'list',
    model: request.body.model,
    data: inputs.map((input, index) => ({
      object: 'embedding',
      index,
      embedding: [String(input).length / 100, 0.5, -0.25],
    })),
    ...(behavior.omitUsage ? {} : { usage: { prompt_tokens: tokens, total_tokens: tokens } }),
  });
};

// A 1x1 PNG: enough for the SDK to decode.
const PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

const images: Handler = async (request, _behavior, res) => {
  const n = Number(request.body.n ?? 1);
  json(res, 200, {
    created: Math.floor(Date.now() / 1000),
    data: Array.from({ length: n }, () => ({ b64_json: PIXEL_PNG })),
  });
};

const speech: Handler = async (_request, _behavior, res) => {
  res.writeHead(200, { 'content-type': 'audio/mpeg' });
  res.end(Buffer.from('ID3stub-audio'));
};

const transcriptions: Handler = async (request, behavior, res) => {
  // The stub does not parse the multipart body: one second of audio per 16 kB uploaded.
  const duration = behavior.usage?.input ?? Math.max(1, Math.round(request.rawLength / 16000));
  json(res, 200, {
    task: 'transcribe',
    language: 'english',
    duration,
    text: behavior.text ?? 'stub transcription',
    segments: [],
    words: [],
  });
};

// ---------------------------------------------------------------- Anthropic Messages
/** Anthropic's input_tokens excludes cache reads and writes; the stub converts from its total. */
const anthropicUsage = (u: StubUsage) => ({
  input_tokens: Math.max(0, u.input - u.cacheRead - u.cacheWrite),
  output_tokens: u.output,
  cache_creation_input_tokens: u.cacheWrite,
  cache_read_input_tokens: u.cacheRead,
});

const messages: Handler = async (request, behavior, res) => {
  const { body } = request;
  const text = replyText(body, behavior);
  const usage = usageFor(body, text, behavior);
  const message = {
    id: `msg_${Date.now()}`,
    type: 'message',
    role: 'assistant',
    model: body.model,
  };
  if (!body.stream) {
    return json(res, 200, {
      ...message,
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      ...(behavior.omitUsage ? {} : { usage: anthropicUsage(usage) }),
    });
  }
  startSse(res);
  const send = (type: string, data: object) =>
    res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  const startUsage = behavior.omitUsage
    ? {}
    : { usage: { ...anthropicUsage(usage), output_tokens: 1 } };
  send('message_start', {
    message: { ...message, content: [], stop_reason: null, stop_sequence: null, ...startUsage },
  });
  send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
  const chunks = chunksOf(text);
  for (const [i, chunk] of chunks.entries()) {
    if (behavior.cutStream && i >= Math.ceil(chunks.length / 2)) return void res.socket?.destroy();
    send('content_block_delta', { index: 0, delta: { type: 'text_delta', text: chunk } });
    if (behavior.chunkDelayMs) await sleep(behavior.chunkDelayMs);
  }
  send('content_block_stop', { index: 0 });
  send('message_delta', {
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    ...(behavior.omitUsage ? {} : { usage: { output_tokens: usage.output } }),
  });
  send('message_stop', {});
  res.end();
};

// ---------------------------------------------------------------- DeepL
const translate: Handler = async (request, behavior, res) => {
  const texts: string[] = Array.isArray(request.body.text)
    ? request.body.text
    : [request.body.text];
  const target = String(request.body.target_lang ?? 'DE').toUpperCase();
  json(res, 200, {
    translations: texts.map((text) => ({
      detected_source_language: request.body.source_lang ?? 'EN',
      text: behavior.text ?? `[${target}] ${text}`,
      ...(behavior.omitUsage ? {} : { billed_characters: behavior.usage?.input ?? text.length }),
    })),
  });
};

const ROUTES: Record<string, Handler> = {
  'POST /v1/chat/completions': chatCompletions,
  'POST /v1/responses': responses,
  'POST /v1/embeddings': embeddings,
  'POST /v1/images/generations': images,
  'POST /v1/audio/speech': speech,
  'POST /v1/audio/transcriptions': transcriptions,
  'POST /v1/messages': messages,
  'POST /v2/translate': translate,
  ...modelRoutes(json),
};

/** A 200 JSON body of about `bytes` bytes, written in 64 kB chunks without a content-length. */
async function streamPadding(res: http.ServerResponse, bytes: number) {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"object":"list","data":[],"padding":"');
  const chunk = 'x'.repeat(64 * 1024);
  for (let sent = 0; sent < bytes && !res.destroyed; sent += chunk.length) {
    if (!res.write(chunk))
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.once('drain', done);
        res.once('close', done);
      });
  }
  res.end('"}');
}

function parseBody(raw: Buffer, contentType: string | undefined): any {
  if (raw.length === 0) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw.toString('utf8'));
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    const out: Record<string, string | string[]> = {};
    for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) {
      const existing = out[key];
      out[key] =
        existing === undefined
          ? value
          : Array.isArray(existing)
            ? [...existing, value]
            : [existing, value];
    }
    return out;
  }
  return { binary: true };
}

/**
 * A real HTTP server on 127.0.0.1 that answers in the OpenAI, Anthropic and DeepL wire formats (and
 * the models endpoints of OpenAI, Anthropic, Gemini and Ollama, models.ts), so
 * the AI SDK and deepl-node parse it exactly as they would the real APIs. Behaviour is scripted per
 * request with `next()`, or over HTTP with `POST /__stub/next`.
 */
export class StubProvider {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: StubBehavior[] = [];
  private server?: http.Server;
  private readonly sockets = new Set<import('node:net').Socket>();
  /** Applied when the queue is empty. */
  defaultBehavior: StubBehavior = {};

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('stub provider is not started');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Scripts the next request(s); each behaviour is used once, in order. */
  next(...behaviors: StubBehavior[]) {
    this.queue.push(...behaviors);
    return this;
  }

  reset() {
    this.queue.length = 0;
    this.requests.length = 0;
    this.defaultBehavior = {};
  }

  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error) => {
        console.error('stub provider:', error);
        if (!res.headersSent)
          json(res, 500, { error: { message: `stub: ${(error as Error).message}` } });
        else res.destroy();
      });
    });
    // The stub never closes an idle keep-alive socket (0: no server-side timeout, and no
    // `Keep-Alive: timeout` hint), so only the client closes them. With Node's 5 s default the stub,
    // in the same busy event loop as the gateway, could close one just as a burst reused it: the
    // call failed with ECONNRESET (tests run with maxRetries 0, so nothing retried it).
    this.server.keepAliveTimeout = 0;
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return this;
  }

  async stop() {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve()
    );
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const path = (req.url ?? '/').split('?')[0];

    if (path === '/__stub/next' && req.method === 'POST') {
      this.next(JSON.parse(raw.toString('utf8') || '{}'));
      return json(res, 200, { queued: this.queue.length });
    }
    if (path === '/__stub/requests' && req.method === 'GET')
      return json(
        res,
        200,
        this.requests.map(({ headers: _h, ...r }) => r)
      );

    const handler = ROUTES[`${req.method} ${path}`];
    let body: any;
    try {
      body = parseBody(raw, req.headers['content-type']);
    } catch {
      return json(res, 400, { error: { message: 'stub: request body is not valid JSON' } });
    }
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      body,
      rawLength: raw.length,
    };
    this.requests.push(recorded);
    if (!handler)
      return json(res, 404, { error: { message: `stub: no route ${req.method} ${path}` } });

    const behavior = this.queue.shift() ?? this.defaultBehavior;
    if (behavior.delayMs) await sleep(behavior.delayMs);
    if (res.destroyed || !res.socket || res.socket.destroyed) return;
    if (behavior.reset) return void req.socket.destroy();
    if (behavior.redirect) {
      res.writeHead(302, { location: behavior.redirect });
      return void res.end();
    }
    if (behavior.bodyBytes) return streamPadding(res, behavior.bodyBytes);
    if (behavior.status) {
      const message = behavior.echoHeaders
        ? `stub: scripted ${behavior.status}; you sent ${JSON.stringify(req.headers)}`
        : `stub: scripted ${behavior.status}`;
      return json(res, behavior.status, {
        type: 'error',
        error: { type: 'api_error', message, code: `stub_${behavior.status}` },
        message,
      });
    }
    if (behavior.malformed) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"this is": not json');
    }
    await handler(recorded, behavior, res);
  }
}
