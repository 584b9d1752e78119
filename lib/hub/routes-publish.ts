/**
 * What the team lead's CLI calls with an API key: upload a signed release, list releases,
 * fetch one back (for a rollback re-sign), promote, pause.
 */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { MAX_SIGNED_PACK_CHARS } from '../pack/sign';
import { checkApiKey } from './accounts';
import { clientIp, limited, problem, type HubEnv } from './http';
import { listReleases, pause, promote, publish, signedText, type ActionResult } from './releases';
import { AgentIdSchema, describeIssue } from './wire';
import { IdSchema } from '../pack/schema';
import { readBytes, readJson } from './read-body';

export const PromoteSchema = v.strictObject({
  stage: v.picklist(['pilot', 'everyone']),
  agents: v.optional(v.pipe(v.array(AgentIdSchema), v.maxLength(1000))),
  teams: v.optional(v.pipe(v.array(IdSchema), v.maxLength(100))),
  at: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

async function authorised(c: Context<HubEnv>): Promise<Response | undefined> {
  const over = limited(c, 'api', `ip:${clientIp(c)}`);
  if (over) return over;
  const key = /^Bearer (ck_[A-Za-z0-9_-]+)$/.exec(c.req.header('Authorization') ?? '')?.[1];
  if (!key || !(await checkApiKey(c.get('deps').db, key))) {
    return problem(c, 401, 'unauthorized', 'Send a hub API key (from "cuecard hub key create") as "Authorization: Bearer …".');
  }
  return undefined;
}

const answer = (c: Context, r: ActionResult) =>
  r.ok ? c.json({ release: r.release }) : problem(c, r.status, r.status === 404 ? 'not-found' : 'conflict', r.message);

export function publishRoutes() {
  const app = new Hono<HubEnv>();
  app.use('/api/releases/*', async (c, next) => (await authorised(c)) ?? next());
  app.use('/api/releases', async (c, next) => (await authorised(c)) ?? next());

  app.post('/api/releases', async (c) => {
    const { db, now, config } = c.get('deps');
    const bytes = await readBytes(c, MAX_SIGNED_PACK_CHARS * 2);
    const text = bytes instanceof Response ? undefined : new TextDecoder().decode(bytes);
    if (text === undefined || text.length > MAX_SIGNED_PACK_CHARS)
      return problem(c, 413, 'too-large', `A signed pack is at most ${MAX_SIGNED_PACK_CHARS} characters.`);
    const result = await publish(db, text, { keys: config.trustedKeys, now: now() });
    if (!result.ok) return problem(c, result.code === 'duplicate' ? 409 : 422, result.code, result.message);
    return c.json({ release: result.release }, 201);
  });

  app.get('/api/releases', async (c) => c.json({ releases: await listReleases(c.get('deps').db) }));

  app.get('/api/releases/:id/signed', async (c) => {
    const text = await signedText(c.get('deps').db, Number(c.req.param('id')) || 0);
    return text === undefined ? problem(c, 404, 'not-found', 'There is no such release.') : c.body(text, 200, { 'Content-Type': 'application/json' });
  });

  app.post('/api/releases/:id/promote', async (c) => {
    const read = await readJson(c, 64 * 1024);
    if (read instanceof Response) return read;
    const req = v.safeParse(PromoteSchema, read.body);
    if (!req.success) return problem(c, 400, 'invalid', describeIssue(req.issues));
    const { db, now } = c.get('deps');
    return answer(c, await promote(db, Number(c.req.param('id')) || 0, req.output, now()));
  });

  app.post('/api/releases/:id/pause', async (c) => {
    const { db, now } = c.get('deps');
    return answer(c, await pause(db, Number(c.req.param('id')) || 0, now()));
  });
  return app;
}
