/**
 * The team hub, extension side (issue 11): membership (enrol from the options page or from
 * managed policy, leave), the events reported while enrolled (finished contacts,
 * acknowledgements, the release in use), and the options page's view of all of it. The
 * credential stays in the background's IndexedDB: no message returns it.
 */
import * as repo from '../db/repo';
import * as outbox from '../db/outbox-repo';
import { ackEvents, anchorEvent, newEventId, releaseEvent, type Reported } from '../hub-client/events';
import type { CoachingStat } from '../coaching/fade';
import { createRunReports } from './hub-runs';
import { HubUrlSchema, parseHubPolicy, parseHubState, type HubError, type HubState, type HubView } from '../hub-client/state';
import type { HandlersFor } from '../messaging/server';
import * as v from 'valibot';
import { FeedListSchema } from '../hub/wire';
import type { ServiceDeps } from './deps';
import { requestEnrolment } from './hub-enrol';
import { createHubSender, HUB_ALARM } from './hub-send';
import type { PackConfig } from './pack-config';

const KEY = 'hub';
/** Match patterns ignore the port: one grant covers the hub's site (as for pack URLs). */
const originPattern = (url: string) => `${new URL(url).protocol}//${new URL(url).hostname}/*`;
const ERROR_KEY = 'hub.enrolError';
type Handled = 'hub.get' | 'hub.enrol' | 'hub.leave' | 'hub.send' | 'hub.outbox';

export interface HubDeps extends ServiceDeps {
  config: Pick<PackConfig, 'trustNow' | 'rawPolicy'>;
  fetch: typeof fetch;
  now?: () => number;
  random?: () => number;
  /** Fetch the pack URLs just subscribed to (the subscriptions service). */
  checkPacks(): Promise<void>;
  /** Fading guidance's counts of a procedure (lib/background/coaching.ts), reported as counts. */
  coachingStats?(ref: { packId: string; version: number; procedureId: string }): Promise<CoachingStat[]>;
}

export function createHubService({ db, browser, config, fetch: fetchFn, checkPacks, coachingStats, now = Date.now, random = Math.random }: HubDeps) {
  const newId = () => newEventId((n) => crypto.getRandomValues(new Uint8Array(n)));
  const getState = async () => parseHubState((await db.kv.get(KEY))?.value);
  const update = async (credential: string, change: (s: HubState) => HubState) => {
    await db.transaction('rw', db.kv, async () => {
      const s = parseHubState((await db.kv.get(KEY))?.value);
      if (s && s.credential === credential) await db.kv.put({ key: KEY, value: change(s) });
    });
  };
  const sender = createHubSender({ db, browser, fetch: fetchFn, now, random, getState, update });
  const setEnrolError = (error: HubError | undefined) => (error ? db.kv.put({ key: ERROR_KEY, value: error }) : db.kv.delete(ERROR_KEY));

  async function enrol(rawUrl: string, token: string, source: HubState['source']): Promise<void> {
    const url = v.safeParse(HubUrlSchema, rawUrl);
    if (!url.success) return void (await setEnrolError({ code: 'invalid', message: `The hub address ${url.issues[0].message}.`, at: now() }));
    const { agentId } = (await repo.getSettings(db)).profile;
    const got = await requestEnrolment(fetchFn, url.output, token, agentId, now());
    if (!got.ok) return void (await setEnrolError(got.error));
    const prev = await getState();
    // Another hub's queue cannot be sent with this credential: it goes with the old membership.
    if (prev && prev.url !== url.output) await outbox.clearOutbox(db);
    const { team, credential, feedUrl } = got.answer;
    // As for every later feed list (refreshFeed): only the hub's own feed URLs become subscriptions.
    const packUrls = got.answer.packUrls.filter((u) => u.startsWith(`${feedUrl}/`));
    const state: HubState = {
      url: url.output,
      source,
      agentId: got.answer.agentId,
      team,
      credential,
      feedUrl,
      packUrls,
      enrolledAt: now(),
      failures: 0,
      overflow: 0,
      reported: {},
    };
    await db.kv.put({ key: KEY, value: state });
    await setEnrolError(undefined);
    await checkPacks().catch(() => undefined);
    await reportReleases();
  }

  async function leave(): Promise<void> {
    await db.kv.delete(KEY);
    await setEnrolError(undefined);
    await outbox.clearOutbox(db);
    await browser.alarms.clear(HUB_ALARM);
  }

  /** Managed policy's hub: enrol when it is set and we are not (or under another ID); leave when it is removed. */
  async function syncPolicy(): Promise<void> {
    const { hub } = parseHubPolicy(await config.rawPolicy());
    const state = await getState();
    if (!hub) return state?.source === 'policy' ? leave() : undefined;
    const { agentId } = (await repo.getSettings(db)).profile;
    if (state && state.url === hub.url && state.agentId === agentId.trim()) return;
    await enrol(hub.url, hub.token, 'policy');
  }

  /**
   * The hub's current pack list for this agent (before each scheduled subscription check):
   * a pack first published after enrolment is subscribed to without enrolling again.
   */
  async function refreshFeed(): Promise<void> {
    const state = await getState();
    if (!state) return;
    const res = await fetchFn(state.feedUrl, { credentials: 'omit', referrerPolicy: 'no-referrer' }).catch(() => undefined);
    const list = res?.ok ? v.safeParse(FeedListSchema, await res.json().catch(() => null)) : undefined;
    if (!list?.success) return;
    const packUrls = list.output.packUrls.filter((u) => u.startsWith(`${state.feedUrl}/`));
    if (packUrls.join('\n') === state.packUrls.join('\n')) return;
    await update(state.credential, (s) => ({ ...s, packUrls }));
  }

  /** Queues what happened (only while enrolled), and sends at once. */
  async function record(make: (state: HubState) => Promise<Reported[]> | Reported[]): Promise<void> {
    const state = await getState();
    if (!state) return;
    const items = await make(state);
    if (!items.length) return;
    const { overflow } = await outbox.enqueue(db, items, now());
    if (overflow) await update(state.credential, (s) => ({ ...s, overflow: s.overflow + overflow }));
    void sender.flush().catch(() => undefined);
  }

  const onRunStored = createRunReports({ db, now, newId, record, update, coachingStats });

  const onAck = (a: { packId: string; version: number; procedureId: string; phraseIds: string[] }) =>
    record(async () => ackEvents({ ...a, at: now() }, await repo.getPack(db, a.packId, a.version), newId));

  const onBrokenAnchor = (a: { packId: string; version: number; procedureId: string; stepId: string; index: number; page: string }) =>
    record(() => [anchorEvent({ ...a, at: now() }, newId())].flatMap((r) => (r ? [r] : [])));

  /** The release of each pack in use, when it differs from the one last reported (all of them after enrolling). */
  async function reportReleases(): Promise<void> {
    const state = await getState();
    if (!state) return;
    const inUse = await repo.latestPacks(db, (await config.trustNow()).rankOf);
    const changed = inUse.map((p) => ({ p, key: `${p.id}@${p.version}#${p.sequence ?? 0}` })).filter(({ p, key }) => state.reported[p.id] !== key);
    if (!changed.length) return;
    // The origin names the enrolment, so enrolling again reports the releases again.
    await record(() =>
      changed.map(({ p }) => ({ ...releaseEvent(p, now(), newId()), origin: `release:${p.id}@${p.version}#${p.sequence ?? 0}~${state.enrolledAt}` })),
    );
    await update(state.credential, (s) => ({ ...s, reported: { ...s.reported, ...Object.fromEntries(changed.map(({ p, key }) => [p.id, key])) } }));
  }

  /** Packs installed by any path (subscription, import, the bundled pack) are reported once stored. */
  function watchReleases() {
    db.packs.hook('creating', function () {
      this.onsuccess = () => setTimeout(() => void reportReleases().catch(() => undefined), 0);
    });
  }

  async function view(): Promise<HubView> {
    const [state, counts, policy, enrolError] = await Promise.all([getState(), outbox.outboxCounts(db), config.rawPolicy(), db.kv.get(ERROR_KEY)]);
    const policyUrl = parseHubPolicy(policy).hub?.url;
    const url = state?.url ?? policyUrl;
    const hasAccess = url
      ? await Promise.resolve()
          .then(() => browser.permissions.contains({ origins: [originPattern(url)] }))
          .catch(() => false)
      : false;
    const enrolled = state && (({ credential: _c, reported: _r, abandoned: _a, ...rest }) => rest)(state);
    return {
      ...(enrolled ? { enrolled } : {}),
      ...(policyUrl ? { policyUrl } : {}),
      ...(enrolError ? { enrolError: enrolError.value as HubError } : {}),
      ...counts,
      capacity: outbox.QUEUE_CAP,
      hasAccess,
    };
  }

  const handlers: HandlersFor<Handled> = {
    'hub.get': async () => {
      await syncPolicy();
      return view();
    },
    'hub.enrol': async ({ url, token }) => {
      if (parseHubPolicy(await config.rawPolicy()).hub) throw new Error('Your administrator set the team hub by policy; it cannot be changed here.');
      await enrol(url, token, 'agent');
      return view();
    },
    'hub.leave': async () => {
      if ((await getState())?.source === 'policy') throw new Error('Your administrator set the team hub by policy; leaving it is theirs to decide.');
      await leave();
      return view();
    },
    'hub.send': async () => {
      await syncPolicy();
      await sender.flush(true);
      return view();
    },
    'hub.outbox': async ({ limit }) => ({
      rows: (await outbox.outboxHistory(db, limit ?? 200)).map(({ event, state, queuedAt, sentAt, problem }) => ({ event, state, queuedAt, sentAt, problem })),
    }),
  };

  return { handlers, flush: sender.flush, syncPolicy, refreshFeed, onRunStored, onAck, onBrokenAnchor, reportReleases, watchReleases, getState };
}

export type HubService = ReturnType<typeof createHubService>;
