/**
 * `/studio` on the hub: the same Studio client as `cuecard studio <folder>`, behind the
 * dashboard's login, over drafts kept in the hub's database (migration 004). Writes carry the
 * session's CSRF token as `x-csrf-token` (JSON calls, not forms) and a same-origin Origin.
 * `api/publish` verifies exactly as `POST /api/releases` does (releases.ts `publish`), then
 * stages the release; an anchor-test override is stored with it.
 */
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import * as v from 'valibot';
import { keyIdOf, MAX_SIGNED_PACK_CHARS } from '../pack/sign';
import { AgentIdSchema, describeIssue } from './wire';
import { getSession } from './accounts';
import { problem, type HubEnv } from './http';
import { listReleases, promote, publish, signedText, type Release } from './releases';
import { readJson } from './read-body';
import { PublishRequest, PutFile } from '../studio/contract';
import { anchorGate } from '../studio/publish/gate';
import { defaultPack, putDraft, readDrafts, recordOverride } from '../studio/publish/hub-drafts';
import { signedPackAnchorFailures } from '../studio/publish/server-anchors';
import { readSignedEnvelope } from '../pack/sign';
import { studioAsset } from '../studio/assets';

/** Where the built Studio client is (lib/studio/assets.ts; built on first use in a clone). */
export type StudioAssets = () => Promise<string>;

const StudioPublish = v.object({
  ...PublishRequest.entries,
  release: v.pipe(v.string(), v.maxLength(MAX_SIGNED_PACK_CHARS)),
  stage: v.picklist(['draft', 'pilot', 'everyone']),
  audience: v.optional(v.pipe(v.array(AgentIdSchema), v.maxLength(1000))),
  at: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

const STAGES = ['draft', 'pilot', 'everyone'];

function sameOrigin(c: Context): boolean {
  return c.req.header('Origin') === new URL(c.req.url).origin;
}

export function studioRoutes(assets: StudioAssets) {
  const app = new Hono<HubEnv>();

  // Scoped: this app is mounted at the hub's root, beside the agents' and dashboard's routes.
  const signedIn = async (c: Context<HubEnv>, next: () => Promise<void>) => {
    const { db, now } = c.get('deps');
    const token = getCookie(c, 'cuecard_session');
    const session = token ? await getSession(db, token, now()) : undefined;
    const api = c.req.path.startsWith('/studio/api/');
    if (!session) return api ? problem(c, 401, 'unauthorized', 'Sign in to the hub again (your session ended).') : c.redirect('/login', 303);
    // Browsers always send Origin on a fetch() write, so a missing one is refused too.
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && (!sameOrigin(c) || c.req.header('x-csrf-token') !== session.csrf))
      return problem(c, 403, 'csrf', 'This request came from another site or a stale page; reload Studio.');
    c.set('email', session.email);
    c.set('csrf', session.csrf);
    return next();
  };
  app.use('/studio', signedIn);
  app.use('/studio/*', signedIn);

  // Relative `api/…` paths need the trailing slash.
  app.get('/studio', (c) => c.redirect('/studio/', 301));
  app.get('/studio/', async (c) => (await studioAsset(c, await assets(), '')) ?? notFound(c));

  app.get('/studio/api/session', (c) => c.json({ mode: 'hub', csrf: c.get('csrf'), stages: STAGES }));

  app.get('/studio/api/pack', async (c) => {
    const { db, now } = c.get('deps');
    return c.json({ files: await readDrafts(db, defaultPack().id, c.get('email'), now()) });
  });

  app.put('/studio/api/file', async (c) => {
    const read = await readJson(c, 2_100_000);
    if (read instanceof Response) return read;
    const req = v.safeParse(PutFile, read.body);
    if (!req.success) return problem(c, 400, 'invalid', describeIssue(req.issues));
    const { db, now } = c.get('deps');
    // Seed first: a file saved into an empty draft must not stand in for the whole pack.
    await readDrafts(db, defaultPack().id, c.get('email'), now());
    await putDraft(db, defaultPack().id, req.output.path, req.output.text, c.get('email'), now());
    return c.json({ ok: true });
  });

  app.get('/studio/api/published', async (c) => {
    const db = c.get('deps').db;
    const newest = (await listReleases(db)).find((r) => r.pack_id === defaultPack().id);
    return c.json({ release: newest ? await describe(newest, await signedText(db, newest.id)) : null });
  });

  app.get('/studio/api/keys', async (c) => {
    const keys = c.get('deps').config.trustedKeys;
    return c.json({ keyIds: await Promise.all(keys.map((k) => keyIdOf(k.publicKey.trim()))) });
  });

  app.post('/studio/api/publish', async (c) => {
    const read = await readJson(c, MAX_SIGNED_PACK_CHARS * 2);
    if (read instanceof Response) return read;
    const req = v.safeParse(StudioPublish, read.body);
    if (!req.success) return problem(c, 400, 'invalid', describeIssue(req.issues));
    const { release: text, stage, audience, at, overrideReason } = req.output;
    const { db, now, config } = c.get('deps');
    const anchorFailures = signedPackAnchorFailures(text, await readDrafts(db, defaultPack().id, c.get('email'), now()), req.output.anchorFailures);
    const gate = anchorGate(anchorFailures, overrideReason);
    if (!gate.ok) return problem(c, 409, gate.code, gate.message);
    if (stage === 'pilot' && !audience?.length) return problem(c, 400, 'invalid', 'A pilot needs at least one agent or team.');
    const result = await publish(db, text, { keys: config.trustedKeys, now: now() });
    if (!result.ok) return problem(c, result.code === 'duplicate' ? 409 : 422, result.code, result.message);
    await recordOverride(db, result.release.id, { reason: gate.reason, failures: anchorFailures, by: c.get('email') });
    if (stage === 'draft') return c.json({ release: result.release }, 201);
    const staged = await promote(db, result.release.id, { stage, agents: audience, teams: audience, at }, now());
    return staged.ok ? c.json({ release: staged.release }, 201) : problem(c, staged.status, 'conflict', staged.message);
  });

  // The client's own files (studio.js, studio.css, compile-worker.js), after the API.
  app.get('/studio/:name', async (c) =>
    c.req.param('name') === 'api' ? notFound(c) : ((await studioAsset(c, await assets(), c.req.param('name'))) ?? notFound(c)),
  );
  return app;
}

const notFound = (c: Context) => problem(c, 404, 'not-found', 'No such Studio file.');

/** For the diff and the next sequence: what agents have now, without the signature. */
async function describe(r: Release, text: string | undefined) {
  const env = text === undefined ? undefined : readSignedEnvelope(text);
  const pack = env?.ok ? env.payload?.pack : undefined;
  return { id: r.id, sequence: r.sequence, version: r.version, keyId: r.key_id, stage: r.stage, pack };
}
