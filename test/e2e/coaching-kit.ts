/**
 * Shared pieces of the coaching e2e suites (coaching, practice): a small test pack in two
 * releases, the options page's protocol calls, and a clean pass through the pack's procedure.
 */
import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** Release 2 changes the greeting step's wording (guidance and phrase); nothing else. */
export function coachPack(version: 1 | 2, opts: { requireDrill?: boolean } = {}) {
  return {
    format: 1,
    id: 'acme.coach',
    version,
    title: L('辅导测试', 'Coaching test'),
    languages: ['zh-CN', 'en'],
    coaching: { fadeAfter: 2, ...(opts.requireDrill ? { requireDrill: true } : {}) },
    procedures: [
      {
        id: 'call',
        title: L('练习来电', 'Coach call'),
        kind: 'contact',
        start: 'hello',
        steps: [
          {
            id: 'hello',
            title: L('问候', 'Hello'),
            guidance:
              version === 1 ? L('热情问候客户。', 'Greet the customer warmly.') : L('三声内接听并热情问候。', 'Answer within three rings and greet warmly.'),
            phrases: [{ id: 'hi', text: version === 1 ? L('您好', 'Hello') : L('您好,很高兴为您服务', 'Hello, glad to help') }],
            checklist: [{ id: 'greeted', text: L('已问候', 'Greeted'), required: true }],
            next: 'verify',
          },
          {
            id: 'verify',
            title: L('核实身份', 'Verify'),
            guidance: L('询问姓名和号码。', 'Ask for the name and number.'),
            checklist: [{ id: 'verified', text: L('已核实', 'Verified'), required: true, verifiesIdentity: true }],
            next: 'act',
          },
          {
            id: 'act',
            title: L('办理', 'Act'),
            guidance: L('办理业务。', 'Do what was asked.'),
            requiresIdentity: true,
            checklist: [{ id: 'done', text: L('已办理', 'Done'), required: true }],
          },
        ],
        scenarios: [{ id: 'coach-s1', title: L('练习场景', 'Practice scenario'), lines: [{ step: 'hello', say: L('喂,你好', 'Hello? Anyone there?') }] }],
      },
    ],
  };
}

type Ext = { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data?: unknown; error?: string }> } } };

/** A protocol message from one of our pages (options, a panel frame); throws the background's error. */
export async function call<T>(from: Page | Frame, type: string, payload: object = {}): Promise<T> {
  const reply = await from.evaluate(([t, p]) => (globalThis as unknown as Ext).chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const);
  if (!reply.ok) throw new Error(reply.error);
  return reply.data as T;
}

/** Installs a pack release through the options page's import (unsigned packs allowed for the test). */
export async function importPack(options: Page, pack: object): Promise<void> {
  await call(options, 'settings.patch', { patch: { allowUnsigned: true } });
  await call(options, 'pack.import', { text: JSON.stringify(pack) });
}

/** Ticks the step's items in order and moves on; the last step finishes the contact. */
export async function cleanPass(panel: Frame, items: string[][], finish = true): Promise<void> {
  for (const [i, step] of items.entries()) {
    for (const item of step) await panel.locator(`#cc-item-${item}`).check();
    await panel.getByTestId(finish && i === items.length - 1 ? 'cc-finish' : 'cc-next').click();
  }
}

export const guidance = (panel: Frame) => panel.getByTestId('cc-guidance');
export async function fadeOf(panel: Frame): Promise<{ fade: string | null; reason: string | null; text: string }> {
  const g = guidance(panel);
  await g.waitFor();
  await expect.poll(() => g.getAttribute('data-reason')).not.toBeNull();
  return { fade: await g.getAttribute('data-fade'), reason: await g.getAttribute('data-reason'), text: (await g.textContent()) ?? '' };
}
