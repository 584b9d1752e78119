import { beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, signPack } from '../pack/sign';
import type { Pack } from '../pack/schema';
import { checkSubscription, type CheckDeps, type FetchLike } from './check-url';
import type { Installed } from './evaluate';
import { FETCH_POLICY, type SubState } from './fetch-policy';
import { teamPack } from './fixtures';

const URL = 'https://packs.example.com/team-b.json';
const NOW = Date.parse('2026-06-01T09:00:00Z');
let key: Awaited<ReturnType<typeof generateSigningKey>>;
let v1: string;
let v2: string;

beforeAll(async () => {
  key = await generateSigningKey();
  v1 = await signPack(teamPack(1), key.privateKey, { sequence: 1, signedAt: NOW - 1000 });
  v2 = await signPack(teamPack(2), key.privateKey, { sequence: 2, signedAt: NOW - 1000 });
});

/** A fake server: answers from `reply`, records what it was asked. */
function setup(reply: (headers: Record<string, string>) => Response | Promise<Response>) {
  const store = new Map<string, { pack: Pack; sequence?: number }>();
  const requests: Record<string, string>[] = [];
  const fetchFn: FetchLike = async (_url, init) => {
    requests.push(init.headers);
    return new Promise<Response>((resolve, reject) => {
      init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      Promise.resolve(reply(init.headers)).then(resolve, reject);
    });
  };
  const deps: CheckDeps = {
    fetch: fetchFn,
    now: () => NOW,
    random: () => 0.5,
    trust: { keys: [{ publicKey: key.publicKey, keyId: key.keyId, source: 'agent', packIds: ['acme.*'] }], allowUnsigned: false },
    held: async (id): Promise<Installed[]> => {
      const h = store.get(id);
      return h ? [{ version: h.pack.version, pack: h.pack, keyId: key.keyId, sequence: h.sequence }] : [];
    },
    install: async (v) => void store.set(v.pack.id, { pack: v.pack, sequence: v.sequence }),
    policy: { ...FETCH_POLICY, timeoutMs: 50 },
  };
  return { deps, store, requests };
}

const ok = (body: string, etag = '"e1"') => new Response(body, { status: 200, headers: { ETag: etag, 'Content-Type': 'application/json' } });

describe('checkSubscription', () => {
  it('200: installs a signed pack, keeps its ETag, and schedules the next check ~30 min on', async () => {
    const { deps, store } = setup(() => ok(v1));
    const r = await checkSubscription(URL, undefined, deps);
    expect(r).toMatchObject({ httpStatus: 200, bytes: new TextEncoder().encode(v1).byteLength, verdict: { kind: 'accept' } });
    expect(r.state).toMatchObject({
      status: 'installed',
      etag: '"e1"',
      packId: 'acme.team-b',
      version: 1,
      sequence: 1,
      failures: 0,
      nextAt: NOW + 30 * 60_000,
    });
    expect(store.get('acme.team-b')?.pack.version).toBe(1);
  });

  it('304: sends If-None-Match, installs nothing, and counts as a success', async () => {
    const { deps, requests, store } = setup((h) => (h['If-None-Match'] === '"e2"' ? new Response(null, { status: 304 }) : ok(v2, '"e2"')));
    const first = await checkSubscription(URL, undefined, deps);
    const again = await checkSubscription(URL, first.state, deps);
    expect(requests).toEqual([{}, { 'If-None-Match': '"e2"' }]);
    expect(again).toMatchObject({ httpStatus: 304, bytes: 0 });
    expect(again.verdict).toBeUndefined();
    expect(again.state).toMatchObject({ status: 'unchanged', etag: '"e2"', failures: 0, version: 2 });
    expect(store.get('acme.team-b')?.pack.version).toBe(2);
  });

  it('timeout: aborts after the policy timeout and backs off', async () => {
    const { deps } = setup(() => new Promise<Response>(() => undefined));
    const started = Date.now();
    const r = await checkSubscription(URL, undefined, deps);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.state).toMatchObject({ status: 'error', failures: 1, lastError: { code: 'timeout', message: expect.stringMatching(/did not answer/) } });
    expect(r.state.nextAt - NOW).toBeGreaterThanOrEqual(FETCH_POLICY.backoff.baseMs / 2);
    expect(r.state.nextAt - NOW).toBeLessThanOrEqual(FETCH_POLICY.backoff.baseMs);
  });

  it('500 and network errors: an error with the status, failures counted, backoff growing', async () => {
    const { deps } = setup(() => new Response('boom', { status: 500 }));
    const a = await checkSubscription(URL, undefined, deps);
    const b = await checkSubscription(URL, a.state, deps);
    expect(a).toMatchObject({
      httpStatus: 500,
      state: { status: 'error', failures: 1, lastError: { code: 'http', message: expect.stringMatching(/HTTP 500/) } },
    });
    expect(b.state.failures).toBe(2);
    expect(b.state.nextAt - NOW).toBeGreaterThan(a.state.nextAt - NOW);
    const down = setup(() => Promise.reject(new TypeError('Failed to fetch')));
    expect((await checkSubscription(URL, undefined, down.deps)).state.lastError).toMatchObject({
      code: 'network',
      message: expect.stringMatching(/Failed to fetch/),
    });
  });

  it('invalid, rollback, expired: refused with the reason, the held pack and the last good ETag kept', async () => {
    let body = v2;
    const { deps, store } = setup(() => ok(body, `"${body.length}"`));
    const good = await checkSubscription(URL, undefined, deps);
    const cases: [string, string][] = [
      ['{"cuecard":"signed-pack/1","payload":"!!"}', 'malformed'],
      [v1, 'rollback'],
      [await signPack(teamPack(2), key.privateKey, { sequence: 3, signedAt: NOW - 2000, expiresAt: NOW - 1000 }), 'expired'],
      [JSON.stringify(teamPack(2)), 'unsigned'],
    ];
    for (const [text, code] of cases) {
      body = text;
      const r = await checkSubscription(URL, good.state, deps);
      expect(r.state, code).toMatchObject({ status: 'refused', etag: good.state.etag, failures: 1, lastError: { code } });
      expect(store.get('acme.team-b')?.pack.version).toBe(2);
    }
  });

  it('refuses a different pack id from the same address, and a file over the size limit', async () => {
    const { deps } = setup(() => ok(v1));
    const held = { url: URL, nextAt: NOW, failures: 0, status: 'installed', packId: 'acme.team-a' } satisfies SubState;
    expect((await checkSubscription(URL, held, deps)).state.lastError?.code).toBe('id-mismatch');
    const big = setup(() => ok('x'.repeat(200)));
    const r = await checkSubscription(URL, undefined, { ...big.deps, policy: { ...FETCH_POLICY, maxBytes: 100 } });
    expect(r.state.lastError).toMatchObject({ code: 'too-large' });
  });

  it('a failed install counts as a failure and the state does not claim the new version', async () => {
    const { deps } = setup(() => ok(v1));
    const r = await checkSubscription(URL, undefined, { ...deps, install: () => Promise.reject(new Error('QuotaExceededError')) });
    expect(r.state).toMatchObject({ status: 'error', lastError: { code: 'install', message: expect.stringMatching(/QuotaExceeded/) } });
    expect(r.state.version).toBeUndefined();
  });
});
