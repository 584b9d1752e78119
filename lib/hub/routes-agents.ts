/** What agents' extensions call: enrol, the pack feed, event batches. */
import { Hono, type Context } from 'hono';
import { gzipSync } from 'node:zlib';
import * as v from 'valibot';
import { agentByCredential, agentByFeed, enrolAgent, type Agent } from './accounts';
import { clientIp, limited, problem, type HubEnv } from './http';
import { readJson } from './read-body';
import { ingest } from './ingest';
import { applyDue, releaseFor, servedPackIds } from './releases';
import { BatchSchema, describeIssue, EnrolRequestSchema, WIRE_LIMITS } from './wire';

const MAX_ENROL_BYTES = 4096;

function bearer(c: Context): string | undefined {
  const m = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(c.req.header('Authorization') ?? '');
  return m?.[1];
}

export function agentRoutes() {
  const app = new Hono<HubEnv>();

  app.post('/api/enrol', async (c) => {
    const { db, now } = c.get('deps');
    const over = limited(c, 'enrol', `ip:${clientIp(c)}`);
    if (over) return over;
    const read = await readJson(c, MAX_ENROL_BYTES);
    if (read instanceof Response) return read;
    const parsed = v.safeParse(EnrolRequestSchema, read.body);
    if (!parsed.success) return problem(c, 400, 'invalid', describeIssue(parsed.issues));
    // Per token too: a leaked token tried from many addresses is still slowed down.
    const overToken = limited(c, 'enrol', `token:${parsed.output.token}`);
    if (overToken) return overToken;
    const got = await enrolAgent(db, parsed.output.token, parsed.output.agentId, now());
    if (!got) return problem(c, 403, 'bad-token', 'This enrolment token is not valid or has been revoked. Ask your team lead for the current one.');
    const base = c.get('deps').config.publicUrl ?? new URL(c.req.url).origin;
    const feedUrl = `${base}/feed/${got.feedId}`;
    const packUrls = (await servedPackIds(db)).map((id) => `${feedUrl}/${id}`);
    return c.json({ agentId: parsed.output.agentId, team: got.team, credential: got.credential, feedUrl, packUrls });
  });

  app.post('/api/events', async (c) => {
    const { db, now } = c.get('deps');
    const credential = bearer(c);
    const agent = credential ? await agentByCredential(db, credential) : undefined;
    if (!agent)
      return problem(c, 401, 'unauthorized', 'Send the agent credential from enrolment as "Authorization: Bearer …"; enrol again if it was replaced.');
    const over = limited(c, 'events', `agent:${agent.agent_id}`);
    if (over) return over;
    const read = await readJson(c, WIRE_LIMITS.batchBytes);
    if (read instanceof Response) return read;
    const batch = v.safeParse(BatchSchema, read.body);
    if (!batch.success) return problem(c, 400, 'invalid-batch', describeIssue(batch.issues));
    const result = await ingest(db, agent, batch.output.events, now());
    // 422 when any event was refused: the body still lists what was stored, so the
    // extension drops the refused ones and marks the rest sent.
    return c.json(result, result.rejected.length ? 422 : 200);
  });

  const serve = async (c: Context<HubEnv>, packId: string, agent: Agent | undefined) => {
    const { db, now } = c.get('deps');
    await applyDue(db, now());
    const rel = await releaseFor(db, packId, agent);
    if (!rel) return problem(c, 404, 'no-release', `No release of pack "${packId}" is published for you.`);
    c.header('ETag', rel.etag);
    c.header('Cache-Control', 'no-cache');
    c.header('Vary', 'Accept-Encoding');
    c.header('Access-Control-Allow-Origin', '*');
    // Signed packs are public by design; let the extension's service worker read them from any origin.
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    const inm = c.req.header('If-None-Match') ?? '';
    if (inm.split(',').some((t) => t.trim().replace(/^W\//, '') === rel.etag)) return c.body(null, 304);
    c.header('Content-Type', 'application/json; charset=utf-8');
    if (/\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')) {
      c.header('Content-Encoding', 'gzip');
      return c.body(gzipped(rel.id, rel.signed_text));
    }
    return c.body(rel.signed_text);
  };

  /** The release everyone gets (no pilots): for extensions subscribed without enrolling. */
  app.get('/packs/:packId', (c) => serve(c, c.req.param('packId'), undefined));
  /** The agent's feed URLs of every pack served now: extensions enrolled before a pack was first published learn of it here. */
  app.get('/feed/:feedId', async (c) => {
    const { db } = c.get('deps');
    const agent = await agentByFeed(db, c.req.param('feedId'));
    if (!agent) return problem(c, 404, 'unknown-feed', 'This feed address is not known; enrol again.');
    const feedUrl = `${c.get('deps').config.publicUrl ?? new URL(c.req.url).origin}/feed/${c.req.param('feedId')}`;
    c.header('Cache-Control', 'no-cache');
    return c.json({ packUrls: (await servedPackIds(db)).map((id) => `${feedUrl}/${id}`) });
  });
  app.get('/feed/:feedId/:packId', async (c) => {
    const agent = await agentByFeed(c.get('deps').db, c.req.param('feedId'));
    if (!agent) return problem(c, 404, 'unknown-feed', 'This feed address is not known; enrol again.');
    return serve(c, c.req.param('packId'), agent);
  });
  return app;
}

// A release's bytes never change, so its gzip is computed once per process.
const gzCache = new Map<number, Uint8Array<ArrayBuffer>>();
function gzipped(id: number, text: string): Uint8Array<ArrayBuffer> {
  let gz = gzCache.get(id);
  if (!gz) {
    if (gzCache.size > 64) gzCache.clear();
    gz = new Uint8Array(gzipSync(text));
    gzCache.set(id, gz);
  }
  return gz;
}
