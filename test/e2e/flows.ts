/** Agent actions shared by the e2e tests, written against the panel's test ids. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { Pack, Procedure, Step } from '../../lib/pack/schema';
import type { Browser } from './harness';

export const defaultPack: Pack = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/packs/default.json'), 'utf8'));

export function procedure(id: string): Procedure {
  const p = defaultPack.procedures.find((x) => x.id === id);
  if (!p) throw new Error(`No procedure ${id} in the default pack`);
  return p;
}

export function step(proc: Procedure, id: string): Step {
  const s = proc.steps.find((x) => x.id === id);
  if (!s) throw new Error(`No step ${id} in ${proc.id}`);
  return s;
}

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/** A profile field as the background holds it, asked from the options page. */
function storedProfile(page: Page, key: 'company' | 'agentId'): Promise<string | undefined> {
  return page.evaluate(async (k) => {
    const reply = (await chrome.runtime.sendMessage({ type: 'state.load', payload: {} })) as { ok: boolean; data?: { settings: { profile: Record<string, string> } } };
    return reply.data?.settings.profile[k];
  }, key);
}

/** Waits (setOptions runs in beforeAll too, where expect.poll is not allowed) until the field is stored. */
async function untilStored(page: Page, key: 'company' | 'agentId', value: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let held: string | undefined;
  while ((held = await storedProfile(page, key)) !== value) {
    if (Date.now() > deadline) throw new Error(`The options page did not store ${key} "${value}" (it holds "${held}").`);
    await page.waitForTimeout(50);
  }
}

/** Change settings the way an agent does: on the options page. */
export async function setOptions(b: Browser, change: { mode?: 'newHire' | 'experienced'; company?: string; agentId?: string }) {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/options.html`);
  let changed = false;
  const radio = change.mode && page.getByTestId(`cc-opt-mode-${change.mode}`);
  if (radio && !(await radio.isChecked())) {
    await radio.check();
    changed = true;
  }
  for (const key of ['company', 'agentId'] as const) {
    const value = change[key];
    if (value !== undefined) {
      await page.getByTestId(`cc-opt-${key}`).fill(value);
      await page.getByTestId(`cc-opt-${key}`).blur();
      changed = true;
      // One field at a time, as an agent who pauses would: the reply to an earlier save
      // re-renders the (controlled) inputs, and under load it could land between the next
      // field's fill and blur, putting the stored '' back before its change event.
      await untilStored(page, key, value);
    }
  }
  if (changed) await page.getByText(/已保存|Saved/).waitFor();
  await page.close();
}

export async function startProcedure(panel: Frame, procedureId: string, channel?: string) {
  const id = channel ? `cc-start-${procedureId}-${channel}` : `cc-start-${procedureId}`;
  // The panel shows either the picker (no open contact) or a run with a "New contact" button.
  await panel.locator(`[data-testid="${id}"], [data-testid="cc-new-run"]`).first().waitFor();
  if (!(await panel.getByTestId(id).isVisible())) await panel.getByTestId('cc-new-run').click();
  await panel.getByTestId(id).click();
}

export async function tickRequired(panel: Frame, s: Step) {
  for (const item of s.checklist ?? []) {
    if (item.required) await panel.getByTestId(`cc-item-${item.id}`).check();
  }
}

export async function currentTitle(panel: Frame): Promise<string> {
  return (await panel.getByTestId('cc-step-title').textContent()) ?? '';
}

/** Tick the required items and press Next until the current step offers choices. */
export async function walkToChoice(panel: Frame, proc: Procedure): Promise<Step> {
  let s = step(proc, proc.start);
  for (let guard = 0; !s.choices?.length; guard++) {
    if (guard > 20 || !s.next) throw new Error(`No choice step reached in ${proc.id}`);
    await tickRequired(panel, s);
    await panel.getByTestId('cc-next').click();
    s = step(proc, s.next);
    const title = s.title['zh-CN'];
    await panel.waitForFunction((t) => document.querySelector('[data-testid="cc-step-title"]')?.textContent?.includes(t), title);
  }
  return s;
}
