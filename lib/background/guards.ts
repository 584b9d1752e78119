/**
 * Guarded controls and field checks in CRM tabs (issue 13.1, 13.2): the background decides what
 * is locked (from the tab's contact, lib/guards/guard-state.ts) and tells the tab's content
 * scripts; they hold real clicks and report overrides here, which go into the contact's record
 * through the engine. Page scripts cannot reach this: only our content scripts send these, and
 * they send an override only after the agent typed a reason and clicked in our closed UI.
 */
import * as repo from '../db/repo';
import type { HandlersFor, SenderInfo } from '../messaging/server';
import type { ContentPush, GuardHeld, GuardWords } from '../messaging/protocol';
import { t as packText } from '../pack/text';
import { guardState, NO_GUARDS, type GuardState } from '../guards/guard-state';
import { reduce, whyNot } from '../engine';
import type { Run } from '../engine/run';
import { activeRunForTab, storeRun } from '../runs/store-run';
import { withLabels } from '../session/labels';
import { translate, resolveLang } from '../i18n/translate';
import { guardWords } from '../guards/words';
import type { PanelServiceDeps } from './deps';
import { tabOf as tabIn } from './focus';

const tabOf = (sender: SenderInfo) => tabIn(sender, 'This request must come from a CRM tab.');
const tabUrl = (sender: SenderInfo) => (sender.tab as { url?: string } | undefined)?.url;

export { guardWords };

export function createGuardsService({ db, browser, ports }: PanelServiceDeps) {
  const session = browser.storage.session;

  async function contactOf(tabId: number): Promise<Run | undefined> {
    const runId = await activeRunForTab(db, session, tabId);
    const stored = runId ? await db.runs.get(runId) : undefined;
    if (stored?.status !== 'open') return undefined;
    // With its session label put back, so storing it again (storeRun) keeps the label.
    return (await withLabels(session, [stored]))[0];
  }

  async function stateFor(tabId: number): Promise<GuardState & { words: GuardWords }> {
    const settings = await repo.getSettings(db);
    const words = guardWords(resolveLang(settings.lang, globalThis.navigator?.language));
    const run = await contactOf(tabId);
    const pack = run && (await repo.getPack(db, run.packId, run.packVersion));
    const packs = pack ? [pack] : (await repo.latestPacks(db)).map((r) => r.pack);
    const lang = resolveLang(settings.lang, globalThis.navigator?.language);
    const state = packs.some((p) => p.sites?.some((s) => s.guards?.length || s.checks?.length)) ? guardState(packs, run, lang) : NO_GUARDS;
    return { ...state, words };
  }

  /** Tells every frame of the tab what to guard now (a tick, a contact switch, an override). */
  async function pushTo(tabId: number, pass?: { kind: 'guard' | 'check'; target: string }): Promise<void> {
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    const state = { ...(await stateFor(tabId)), ...(tab?.url ? { top: tab.url } : {}) };
    const push: ContentPush = { type: 'content.guards', state, ...(pass ? { pass } : {}) };
    // Without a frameId the message reaches every frame's content script.
    await browser.tabs.sendMessage(tabId, push).catch(() => undefined);
  }

  /** The tabs whose contact is `runId` (each tab's choice is in the session area). */
  async function tabsShowing(runId: string): Promise<number[]> {
    const all = await session.get(null);
    return Object.entries(all)
      .filter(([k, v]) => k.startsWith('activeRun:') && v === runId)
      .map(([k]) => Number(k.slice('activeRun:'.length)))
      .filter(Number.isInteger);
  }

  /** After a run changed (ticks) or a tab switched contact: re-evaluate the affected tabs. */
  async function runChanged(runId: string | null, tabId?: number): Promise<void> {
    const tabs = new Set(runId ? await tabsShowing(runId) : []);
    if (tabId !== undefined) tabs.add(tabId);
    await Promise.all([...tabs].map((t) => pushTo(t)));
  }

  /** The click each tab's content script last held, until overridden (or another is held). */
  const held = new Map<number, GuardHeld>();

  /** The guard's or check's name and its rules' names in the agent's language, if the pack declares it. */
  async function describeHold(tabId: number, kind: 'guard' | 'check', target: string, rules: readonly string[] = []): Promise<GuardHeld | null> {
    const run = await contactOf(tabId);
    const pack = run && (await repo.getPack(db, run.packId, run.packVersion));
    const packs = pack ? [pack] : (await repo.latestPacks(db)).map((r) => r.pack);
    const lang = resolveLang((await repo.getSettings(db)).lang, globalThis.navigator?.language);
    for (const site of packs.flatMap((p) => p.sites ?? [])) {
      if (kind === 'guard') {
        const g = site.guards?.find((x) => x.id === target);
        if (g) return { kind, target, name: packText(g.name, lang), at: Date.now() };
      } else {
        const c = site.checks?.find((x) => x.id === target);
        const names = rules.map((id) => c?.rules.find((r) => r.id === id));
        if (c && names.every(Boolean)) return { kind, target, name: names.map((r) => packText(r!.name, lang)).join(', '), rules: [...rules], at: Date.now() };
      }
    }
    return null;
  }

  const handlers: HandlersFor<'page.guards' | 'guard.held' | 'guard.override'> = {
    'page.guards': async (_p, sender) => ({ ...(await stateFor(tabOf(sender))), ...(tabUrl(sender) ? { top: tabUrl(sender) } : {}) }),
    'guard.held': async ({ kind, target, rules }, sender) => {
      const tabId = tabOf(sender);
      // Only what the pack declares: the request comes from a script living in a web page.
      const hold = await describeHold(tabId, kind, target, rules);
      if (!hold) throw new Error(`The pack declares no ${kind} "${target}"${rules?.length ? ` with rules ${rules.join(', ')}` : ''}.`);
      held.set(tabId, hold);
      ports.toTab(tabId, { type: 'guard.held', held: hold });
      return { ok: true };
    },
    'guard.override': async ({ kind, target, reason }, sender) => {
      const tabId = tabOf(sender);
      const hold = held.get(tabId);
      // The panel overrides the click its page held, nothing else: no hold, nothing to let through.
      if (!hold || hold.kind !== kind || hold.target !== target) throw new Error(`No click on ${kind} "${target}" is held in this tab.`);
      const run = await contactOf(tabId);
      if (!run) throw new Error(translate(resolveLang((await repo.getSettings(db)).lang, globalThis.navigator?.language), 'guard.noContact'));
      const pack = await repo.getPack(db, run.packId, run.packVersion);
      const procedure = pack?.procedures.find((p) => p.id === run.procedureId);
      if (!procedure) throw new Error(`Pack ${run.packId} version ${run.packVersion} is not installed.`);
      const { mode } = await repo.getSettings(db);
      const event = { type: 'override' as const, kind, target, ...(hold.rules?.length ? { rules: hold.rules } : {}), reason, at: Date.now() };
      const next = reduce(run, event, { procedure, mode });
      if (next === run) throw new Error(`Not recorded: ${whyNot(run, event, { procedure, mode })?.code ?? 'refused'}`);
      const stored = await storeRun(db, session, next);
      if (!stored.saved) throw new Error('Not recorded: the contact changed meanwhile; try again.');
      held.delete(tabId);
      ports.toPanels({ type: 'run.changed', run: stored.run });
      // Recorded first, then the one click is let through: the record never misses a pass.
      await pushTo(tabId, { kind, target });
      return { ok: true };
    },
  };

  return { handlers, runChanged, pushTo };
}

export type GuardsService = ReturnType<typeof createGuardsService>;
