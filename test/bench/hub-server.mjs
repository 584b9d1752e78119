// One hub process for test/bench/hub-bench.ts, so its memory is the hub's alone (for PGlite
// that includes the embedded database): started with fork(), it answers over IPC.
//   env HUB_DATA (PGlite data folder) or DATABASE_URL; messages: 'mem' → { rss, maxRss }, 'close'.
import { createJiti } from 'jiti';

const jiti = createJiti(import.meta.url);
const { startHub } = await jiti.import('../../lib/hub/serve.ts');
const { DEFAULT_CONFIG } = await jiti.import('../../lib/hub/config.ts');
const unlimited = { burst: 1e9, perMinute: 1e9 };
const hub = await startHub({
  port: 0,
  host: '127.0.0.1',
  dataDir: process.env.HUB_DATA,
  databaseUrl: process.env.DATABASE_URL || undefined,
  // The load comes from one address at hundreds of batches a second: no rate limits here.
  config: { ...DEFAULT_CONFIG, limits: { enrol: unlimited, events: unlimited, login: unlimited, api: unlimited } },
});
process.on('message', async (m) => {
  if (m === 'mem') process.send({ rss: process.memoryUsage().rss, maxRss: process.resourceUsage().maxRSS * 1024 });
  if (m === 'close') {
    await hub.close();
    process.send({ closed: true }, () => process.exit(0));
  }
});
process.send({ url: hub.url });
