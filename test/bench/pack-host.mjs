#!/usr/bin/env node
// Pack hosting at scale, measured: a local HTTP server serves a signed pack with ETag (and
// gzip when asked), and simulated agents run the background's own fetch policy
// (lib/distribution/check-url.ts + fetch-policy.ts, the same functions, real fetch and real HTTP) over
// a working day. Bytes are counted on the server's sockets (headers + body, every request
// on its own connection), not estimated.
//   node test/bench/pack-host.mjs          prints the figures as JSON
//   benchPackHost()                        returns them (test/bench/main.ts calls it)
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createJiti } from 'jiti';

const root = fileURLToPath(new URL('../..', import.meta.url));
const MIN = 60_000;
const HOUR = 60 * MIN;

/** mulberry32: seeded, so every run simulates the same day. */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The pack host: one file, an ETag, 304 for a matching If-None-Match, gzip if accepted. */
async function startHost() {
  let file = { text: '', gzip: Buffer.alloc(0), etag: '' };
  const totals = { requests: 0, ok200: 0, not304: 0, bytesOut: 0, bytesIn: 0 };
  const server = createServer((req, res) => {
    totals.requests++;
    // One connection per request, so each socket's byte count is exactly one exchange.
    res.setHeader('Connection', 'close');
    res.setHeader('ETag', file.etag);
    res.setHeader('Cache-Control', 'no-cache');
    if (req.headers['if-none-match'] === file.etag) {
      totals.not304++;
      res.writeHead(304).end();
      return;
    }
    totals.ok200++;
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    res.writeHead(200, { 'Content-Type': 'application/json', ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) });
    res.end(gzip ? file.gzip : file.text);
  });
  server.on('connection', (socket) =>
    socket.on('close', () => {
      totals.bytesOut += socket.bytesWritten;
      totals.bytesIn += socket.bytesRead;
    }),
  );
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/packs/team.signed.json`,
    totals,
    publish(text) {
      file = { text, gzip: gzipSync(text), etag: `"${createHash('sha256').update(text).digest('hex').slice(0, 16)}"` };
    },
    reset: () => Object.assign(totals, { requests: 0, ok200: 0, not304: 0, bytesOut: 0, bytesIn: 0 }),
    // Sockets report their bytes on close; give the last ones a moment.
    close: () => new Promise((ok) => setTimeout(() => server.close(ok), 50)),
    packBytes: () => Buffer.byteLength(file.text),
    packBytesGzip: () => file.gzip.length,
  };
}

/**
 * One agent-day: the browser starts around 9:00 and again after lunch (~13:30), the alarm
 * wakes every ~30 min until 18:00, and the team lead publishes one release at 11:00. The
 * agent starts the day holding yesterday's release (fetched the evening before, not counted).
 */
export async function benchPackHost({ agents = 20, startHour = 9, endHour = 18, publishHour = 11 } = {}) {
  const jiti = createJiti(import.meta.url);
  const { checkSubscription } = await jiti.import(`${root}lib/distribution/check-url.ts`);
  const { isDue } = await jiti.import(`${root}lib/distribution/fetch-policy.ts`);
  const { generateSigningKey, signPack } = await jiti.import(`${root}lib/pack/sign.ts`);
  const pack = JSON.parse(readFileSync(`${root}public/packs/default.json`, 'utf8'));
  const key = await generateSigningKey();
  const release = (n) => signPack({ ...pack, version: pack.version + n }, key.privateKey, { sequence: n, signedAt: Date.UTC(2026, 0, 1) });
  const releases = [await release(1), await release(2)];

  const host = await startHost();
  const day = Date.UTC(2026, 5, 1);
  const trust = { keys: [{ publicKey: key.publicKey, keyId: key.keyId, source: 'policy', packIds: [pack.id] }], allowUnsigned: false };
  const started = performance.now();
  try {
    const sims = [];
    host.publish(releases[0]);
    for (let a = 0; a < agents; a++) {
      const random = prng(a + 1);
      const sim = { clock: day - 14 * HOUR, held: undefined, state: undefined, random };
      sim.deps = {
        fetch: (url, init) => fetch(url, init),
        now: () => sim.clock,
        random,
        trust,
        held: async () => (sim.held ? [sim.held] : []),
        install: async (v) => void (sim.held = { version: v.pack.version, pack: v.pack, keyId: v.keyId, sequence: v.sequence }),
      };
      sim.state = (await checkSubscription(host.url, undefined, sim.deps)).state; // yesterday evening
      sims.push(sim);
    }
    host.reset();
    const events = (sim) => {
      const morning = day + startHour * HOUR + Math.floor(sim.random() * 15) * MIN;
      const afternoon = day + 13 * HOUR + 30 * MIN + Math.floor(sim.random() * 15) * MIN;
      return { starts: [morning, afternoon], lunch: [day + 12 * HOUR + 30 * MIN, afternoon] };
    };
    const plans = sims.map(events);
    let published = false;
    for (let t = day + startHour * HOUR; t <= day + endHour * HOUR; t += MIN) {
      if (!published && t >= day + publishHour * HOUR) {
        host.publish(releases[1]);
        published = true;
      }
      for (const [i, sim] of sims.entries()) {
        const { starts, lunch } = plans[i];
        if (t < starts[0] || (t >= lunch[0] && t < lunch[1])) continue; // browser closed
        sim.clock = t;
        const trigger = starts.includes(t) ? 'startup' : 'schedule';
        if (isDue(sim.state, trigger, t)) sim.state = (await checkSubscription(host.url, sim.state, sim.deps)).state;
      }
    }
    await new Promise((ok) => setTimeout(ok, 100));
    const { requests, ok200, not304, bytesOut, bytesIn } = host.totals;
    const hours = endHour - startHour;
    const installedAll = sims.every((s) => s.held?.version === pack.version + 2);
    if (!installedAll) throw new Error('not every simulated agent installed the 11:00 release');
    const per = (n) => Math.round((n / agents) * 10) / 10;
    return {
      packHostAgents: agents,
      packBytes: host.packBytes(),
      packBytesGzip: host.packBytesGzip(),
      requestsPerAgentDay: per(requests),
      responses200PerAgentDay: per(ok200),
      responses304PerAgentDay: per(not304),
      bytesPerAgentDay: Math.round(bytesOut / agents),
      requestBytesPerAgentDay: Math.round(bytesIn / agents),
      tenThousandAgentsRequestsPerDay: Math.round((requests / agents) * 10_000),
      tenThousandAgentsBytesPerDay: Math.round((bytesOut / agents) * 10_000),
      tenThousandAgentsMeanRequestsPerSecond: Math.round((((requests / agents) * 10_000) / (hours * 3600)) * 100) / 100,
      packHostSimulationMs: Math.round(performance.now() - started),
    };
  } finally {
    await host.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchPackHost(), null, 2));
}
