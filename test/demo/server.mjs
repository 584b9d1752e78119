// The demo CRM's server (lib/cli/demo-server.mjs), for tests and `node test/demo/server.mjs [port]`.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startDemoServer } from '../../lib/cli/demo-server.mjs';

export * from '../../lib/cli/demo-server.mjs';

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 5173);
  const { url } = await startDemoServer({ port, host: process.env.HOST ?? '127.0.0.1' });
  console.log(`Demo CRM: ${url}/index.html  (also frameset.html, iframes.html, widgets.html, gbk.html, spa.html, heavy.html)`);
}
