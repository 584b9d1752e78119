/**
 * Page context: reads of the pack's CRM fields and "Show me" outlines go to every frame of
 * the panel's tab (each frame's content script answers for its own document) and the
 * answers are merged here. Misses of step anchors are recorded for the team lead, and
 * storable fields are kept masked. Nothing read from a page is stored unmasked.
 */
import * as repo from '../db/repo';
import type { HandlersFor, SenderInfo } from '../messaging/server';
import type { ContentPush, PageContext } from '../messaging/protocol';
import { mergeReads, type FrameRead } from '../context/merge';
import { packFields, pageSites, storableValues } from '../context/pack-context';
import { brokenCode, pageOf } from '../context/broken-anchors';
import { brokenAnchors, keepValues, noteBroken } from '../db/context-repo';
import type { Pack } from '../pack/schema';
import type { ServiceDeps } from './deps';
import { tabOf as tabIn } from './focus';

const tabOf = (sender: SenderInfo) => tabIn(sender, 'This request must come from the panel in a CRM tab.');

// The router hands over the browser's own sender, whose tab has the URL (we hold host access).
const tabUrl = (sender: SenderInfo) => (sender.tab as { url?: string } | undefined)?.url;

const isFrameRead = (r: unknown): r is FrameRead =>
  typeof r === 'object' &&
  r !== null &&
  typeof (r as FrameRead).values === 'object' &&
  Array.isArray((r as FrameRead).fields) &&
  Array.isArray((r as FrameRead).suggest);

/** Only what the pack declared gets through: answers come from scripts that live in web pages. */
function screen(pack: Pack, merged: FrameRead): FrameRead {
  const fields = new Set(packFields(pack).map((f) => f.id));
  const procedures = new Set(pack.procedures.map((p) => p.id));
  const values: Record<string, string> = {};
  for (const [id, value] of Object.entries(merged.values)) if (fields.has(id)) values[id] = String(value).slice(0, 500);
  return { values, fields: merged.fields.filter((f) => fields.has(f)), suggest: merged.suggest.filter((p) => procedures.has(p)) };
}

export function createContextService({ db, browser }: ServiceDeps) {
  async function packOf(packId: string, version: number): Promise<Pack> {
    const pack = await repo.getPack(db, packId, version);
    if (!pack) throw new Error(`Pack ${packId} version ${version} is not installed.`);
    return pack;
  }

  /**
   * The tab's frames, top first. A no-op script reports every frame we may run in, with no
   * extra permission (webNavigation.getAllFrames would need one that warns about history).
   */
  async function framesOf(tabId: number): Promise<number[] | undefined> {
    try {
      const results = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func: () => 0 });
      return [...new Set(results.map((r) => r.frameId))].sort((a, b) => a - b);
    } catch {
      return undefined; // the top page is not ours: ask whichever frame answers first
    }
  }

  async function sendTo<T>(tabId: number, frameId: number | undefined, push: ContentPush): Promise<T | undefined> {
    try {
      return (await (frameId === undefined ? browser.tabs.sendMessage(tabId, push) : browser.tabs.sendMessage(tabId, push, { frameId }))) as T;
    } catch {
      return undefined; // a frame without our content script (yet), or gone
    }
  }

  async function toAllFrames<T>(tabId: number, push: ContentPush): Promise<Array<{ frameId?: number; reply: Promise<T | undefined> }>> {
    const frames = (await framesOf(tabId)) ?? [undefined];
    return frames.map((frameId) => ({ frameId, reply: sendTo<T>(tabId, frameId, push) }));
  }

  const handlers: HandlersFor<'context.read' | 'context.show' | 'context.clear' | 'context.keep' | 'anchors.broken'> = {
    'context.read': async ({ packId, version, only }, sender): Promise<PageContext> => {
      const pack = await packOf(packId, version);
      // Suggestions only: the frames get no fields to look for, and sites without rules stay home.
      const sites = only === 'suggest' ? pageSites(pack).flatMap((s) => (s.suggest?.length ? [{ ...s, fields: [] }] : [])) : pageSites(pack);
      if (!sites.length) return { values: {}, fields: [], suggest: [], frames: 0 };
      const sent = await toAllFrames<unknown>(tabOf(sender), { type: 'content.read', sites, top: tabUrl(sender) });
      const reads = (await Promise.all(sent.map((s) => s.reply))).filter(isFrameRead);
      return { ...screen(pack, mergeReads(reads)), frames: reads.length };
    },
    'context.show': async ({ packId, version, procedureId, stepId, anchor: index }, sender) => {
      const pack = await packOf(packId, version);
      const step = pack.procedures.find((p) => p.id === procedureId)?.steps.find((s) => s.id === stepId);
      const anchor = step?.anchors?.[index];
      if (!anchor) throw new Error(`Step ${procedureId}/${stepId} has no anchor ${index + 1} in pack ${packId} version ${version}.`);
      const tabId = tabOf(sender);
      const locator = { selector: anchor.selector, labelText: anchor.labelText, frame: anchor.frame };
      const sent = await toAllFrames<{ found: boolean; error?: string }>(tabId, { type: 'content.highlight', anchor: locator });
      // Done as soon as one frame shows it; the others stop looking.
      const winner = await new Promise<number | undefined | null>((resolve) => {
        let left = sent.length;
        if (!left) resolve(null);
        for (const s of sent) {
          void s.reply.then((r) => (r?.found ? resolve(s.frameId) : --left === 0 && resolve(null)));
        }
      });
      if (winner !== null) {
        for (const s of sent) if (s.frameId !== winner) void sendTo(tabId, s.frameId, { type: 'content.unhighlight' });
        return { found: true };
      }
      const error = (await Promise.all(sent.map((s) => s.reply))).find((r) => r?.error)?.error;
      // Stored: our own code for whatever the frame said, and the page with personal segments masked.
      const code = brokenCode(error);
      await noteBroken(
        db,
        {
          packId,
          packVersion: version,
          procedureId,
          stepId,
          index,
          page: pageOf(tabUrl(sender)),
          anchor: { ...locator, name: anchor.name['zh-CN'] },
          ...(code ? { error: code } : {}),
        },
        Date.now(),
      ).catch(() => undefined);
      return error ? { found: false, error: String(error).slice(0, 300) } : { found: false };
    },
    'context.clear': async (_p, sender) => {
      await toAllFrames(tabOf(sender), { type: 'content.unhighlight' }); // replies are not needed
      return { ok: true };
    },
    'context.keep': async ({ packId, version, runId, values }) => {
      const stored = storableValues(await packOf(packId, version), values);
      // Checked against the run in the same transaction: a deleted run gets nothing back.
      const kept = await keepValues(db, { runId, packId, version, values: stored, at: Date.now() });
      return { stored: kept ? stored : {} };
    },
    'anchors.broken': async () => ({ anchors: await brokenAnchors(db) }),
  };

  return { handlers };
}
