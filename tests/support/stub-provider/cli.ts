/**
 * `npm run stub-provider [port]`: the provider stub on 127.0.0.1 for manual tries in the playground.
 * Point a provider's base URL at http://127.0.0.1:<port>/v1 (OpenAI, Anthropic) or
 * http://127.0.0.1:<port> (DeepL); script the next answer with
 *   curl -XPOST localhost:<port>/__stub/next -d '{"status":500}'
 */
import { StubProvider } from './server';

const port = Number(process.argv[2] ?? process.env.STUB_PORT ?? 4010);
new StubProvider().start(port).then((stub) => {
  console.log(
    `provider stub listening on ${stub.url} (OpenAI/Anthropic base URL ${stub.url}/v1, DeepL ${stub.url})`
  );
});
