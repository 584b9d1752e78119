/**
 * The team lead's CLI against a hub on a socket (in-process, PGlite): publish refusals with
 * the extension's reason, promote to a pilot, pause, and rollback as a new signed release.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main';
import type { CliContext } from '../../lib/cli/context';
import { createApiKey } from '../../lib/hub/accounts';
import { DEFAULT_CONFIG } from '../../lib/hub/config';
import { releaseFor } from '../../lib/hub/releases';
import { startHub, type RunningHub } from '../../lib/hub/serve';
import { generateSigningKey, readSignedEnvelope } from '../../lib/pack/sign';
import { signedTeamPack } from './kit';

const dir = mkdtempSync(join(tmpdir(), 'cuecard-hub-cli-'));
let hub: RunningHub;
let key: Awaited<ReturnType<typeof generateSigningKey>>;

beforeAll(async () => {
  key = await generateSigningKey();
  hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: join(dir, 'data'), config: { ...DEFAULT_CONFIG, trustedKeys: [{ publicKey: key.publicKey }] } });
  process.env.CUECARD_HUB_KEY = (await createApiKey(hub.db, 'cli', Date.now())).key;
  writeFileSync(join(dir, 'lead.key'), `${key.privateKey}\n`);
  writeFileSync(join(dir, 'v1.json'), await signedTeamPack(key.privateKey, 1, 1));
  writeFileSync(join(dir, 'v2.json'), await signedTeamPack(key.privateKey, 2, 2));
  writeFileSync(join(dir, 'old.json'), await signedTeamPack(key.privateKey, 2, 1));
}, 60_000);
afterAll(async () => {
  delete process.env.CUECARD_HUB_KEY;
  await hub.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cuecard(...argv: string[]) {
  let out = '';
  let err = '';
  const ctx: CliContext = { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`), cwd: dir, root: dir, color: false, now: () => Date.now() };
  const code = await main(argv, ctx);
  return { code, out, err };
}

const served = async (agent?: { agent_id: string; team: string }) => {
  const r = await releaseFor(hub.db, 'acme.team-b', agent);
  const env = r ? readSignedEnvelope(r.signed_text) : undefined;
  return env?.ok ? { sequence: env.payload!.sequence, version: (env.payload!.pack as { version: number }).version } : undefined;
};

describe('cuecard pack publish / promote / pause / rollback', { timeout: 60_000 }, () => {
  it('runs a release through its stages and rolls back by re-signing older content as a new release', async () => {
    expect(await cuecard('pack', 'publish', 'v1.json', '--hub', hub.url)).toMatchObject({
      code: 0,
      out: expect.stringContaining('release 1: pack acme.team-b version 1 sequence 1, stage draft'),
    });
    expect(await cuecard('pack', 'promote', '1', '--stage', 'everyone', '--hub', hub.url)).toMatchObject({ code: 0 });
    const refused = await cuecard('pack', 'publish', 'old.json', '--hub', hub.url);
    expect(refused).toMatchObject({
      code: 1,
      err: expect.stringContaining('The hub refused (422 rollback): This is release 1 of pack "acme.team-b" from key'),
    });
    expect((await cuecard('pack', 'publish', 'v2.json', '--hub', hub.url)).code).toBe(0);
    expect((await cuecard('pack', 'promote', '2', '--stage', 'pilot', '--agents', 'a1', '--hub', hub.url)).code).toBe(0);
    expect(await served({ agent_id: 'a1', team: 't' })).toEqual({ sequence: 2, version: 2 });
    expect(await served({ agent_id: 'b1', team: 't' })).toEqual({ sequence: 1, version: 1 });
    expect((await cuecard('pack', 'pause', '2', '--hub', hub.url)).out).toContain('stage paused');
    expect(await served({ agent_id: 'a1', team: 't' })).toEqual({ sequence: 1, version: 1 });
    expect((await cuecard('pack', 'promote', '2', '--stage', 'everyone', '--hub', hub.url)).code).toBe(0);
    // v2 is out to everyone and turns out wrong: back to v1's content, as release 3 (version 3).
    const rolled = await cuecard('pack', 'rollback', '1', '--key', 'lead.key', '--hub', hub.url);
    expect(rolled).toMatchObject({
      code: 0,
      out: expect.stringContaining('Rolled back to the content of release 1: release 3: pack acme.team-b version 3 sequence 3, stage everyone'),
    });
    expect(await served()).toEqual({ sequence: 3, version: 3 });
    const [row] = await hub.db.query<{ signed_text: string }>('SELECT signed_text FROM releases WHERE id = 3');
    const pack = readSignedEnvelope(row!.signed_text);
    expect(pack.ok && (pack.payload!.pack as { procedures: { steps: { id: string }[] }[] }).procedures[0]!.steps.map((s) => s.id)).toEqual(['open', 'close']);
  });

  it('names what is missing: no API key, an unknown hub command', async () => {
    const saved = process.env.CUECARD_HUB_KEY;
    delete process.env.CUECARD_HUB_KEY;
    expect(await cuecard('pack', 'publish', 'v1.json', '--hub', hub.url)).toMatchObject({ code: 2, err: expect.stringContaining('set CUECARD_HUB_KEY') });
    process.env.CUECARD_HUB_KEY = saved;
    expect(await cuecard('hub', 'frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining("unknown command 'hub frobnicate'") });
    expect(await cuecard('hub', '--help')).toMatchObject({ code: 0, out: expect.stringContaining('cuecard hub key create --label TEXT') });
  });
});
