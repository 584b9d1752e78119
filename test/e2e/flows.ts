/** Agent actions shared by the e2e tests, written against the panel's test ids. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Frame } from 'playwright-core';
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

/** Change settings the way an agent does: on the options page's Profile section. */
export async function setOptions(b: Browser, change: { mode?: 'newHire' | 'experienced'; company?: string; agentId?: string }) {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/options.html#profile`);
  const saved = (testid: string) =>
    page
      .getByTestId(testid)
      .getByText(/已保存|Saved/)
      .waitFor();
  const radio = change.mode && page.getByTestId(`cc-opt-mode-${change.mode}`);
  if (radio && !(await radio.isChecked())) {
    await radio.check();
    await saved('cc-opt-prefs-status');
  }
  let typed = false;
  for (const key of ['company', 'agentId'] as const) {
    const value = change[key];
    if (value !== undefined) {
      await page.getByTestId(`cc-opt-${key}`).fill(value);
      typed = true;
    }
  }
  if (typed) {
    await page.getByTestId('cc-opt-profile-save').click();
    await saved('cc-opt-profile-status');
  }
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
