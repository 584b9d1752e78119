/**
 * Framing attacks on panel.html (issue #10, item 1), as an attacker would make them, against the
 * built demo extension: an unrelated site and an enabled CRM page framing the panel under a
 * decoy, a replayed panel URL, and probes for whether Cuecard is installed. Each attacker frame
 * must show nothing of the agent's run, change nothing when clicked, and be refused by the
 * background whatever it sends; the genuine panel keeps working throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { faultKit, shift } from './faults-kit';
import { step } from './flows';
import { attackerSite, childFrame, decoyPage, portFrom, probe, requestsFrom } from './attack-kit';

const kit = faultKit();
const { open, startShift, storedRun, inWorker } = kit;
let evil: Awaited<ReturnType<typeof attackerSite>>;
beforeAll(async () => void (evil = await attackerSite()));
afterAll(() => evil?.close());

const NOT_AVAILABLE = 'Cuecard 在此处不可用。';
const items = (step(shift, 'environment').checklist ?? []).map((i) => i.id);

const origin = async (frame: Frame) => {
  const box = await (await frame.frameElement()).boundingBox();
  if (!box) throw new Error(`frame ${frame.url()} is not laid out`);
  return box;
};

/** Where the agent's controls are in the panel, relative to its frame: an attacker's frame of panel.html would have its own controls there. */
async function controlSpots(panel: Frame) {
  const at = await origin(panel);
  const spots: { x: number; y: number }[] = [];
  for (const id of [...items.map((i) => `cc-item-${i}`), 'cc-next', 'cc-runs', 'cc-new-run', 'cc-collapse']) {
    const box = await panel
      .getByTestId(id)
      .first()
      .boundingBox()
      .catch(() => null);
    if (box) spots.push({ x: box.x - at.x + box.width / 2, y: box.y - at.y + box.height / 2 });
  }
  expect(spots.length).toBeGreaterThanOrEqual(4);
  return spots;
}

// In a CRM tab the genuine panel is docked on the right: attacker frames go on the left, where
// clicks reach them and not the genuine panel (covering the panel is the clickjacking suite's).
const LEFT_FRAME = 'position:fixed;top:0;left:0;width:360px;height:100vh;border:0;opacity:0.01;z-index:2147483647';

/** An attacker frame: what it shows, and that clicking where the controls are and sending requests changes nothing. */
async function assertPowerless(page: Page, frame: Frame, runId: string, spots: { x: number; y: number }[]) {
  await expect
    .poll(() =>
      frame
        .locator('[data-testid="cc-unavailable"]')
        .textContent()
        .catch(() => null),
    )
    .toBe(NOT_AVAILABLE);
  expect(await frame.locator('body').innerText()).toBe(NOT_AVAILABLE);
  const before = JSON.stringify(await storedRun(runId));
  const at = await origin(frame);
  for (const { x, y } of spots) await page.mouse.click(at.x + x, at.y + y);
  const refused = await requestsFrom(frame, [
    ['state.load', {}],
    ['runs.history', {}],
    ['run.put', { run: JSON.parse(before) }],
    ['run.delete', { runId }],
    ['run.activate', { runId: null }],
    ['prefs.patch', { patch: { mode: 'experienced' } }],
    ['page.insert', { text: 'phished' }],
    ['context.read', { packId: 'x', version: 1 }],
    ['followups.list', {}],
  ]);
  for (const r of refused)
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^Message refused: ".+" may not be sent from a panel that Cuecard did not open here\.$/) });
  expect(await portFrom(frame)).toEqual({ open: false, heard: 0 });
  await page.waitForTimeout(300);
  expect(JSON.stringify(await storedRun(runId))).toBe(before);
}

async function genuineRun() {
  const { page, panel } = await open();
  const runId = await startShift(panel);
  await panel.getByTestId(`cc-item-${items[0]}`).check();
  await expect.poll(async () => Object.keys((await storedRun(runId))?.ticks ?? {})).toEqual([items[0]]);
  return { page, panel, runId, spots: await controlSpots(panel) };
}

const dynamicUrl = () => inWorker(() => (globalThis as unknown as { chrome: { runtime: { getURL(p: string): string } } }).chrome.runtime.getURL('/panel.html'));

describe('panel.html framed by anything but Cuecard', () => {
  it('an unrelated site framing the static and the real (dynamic) panel URL under a decoy gets nothing and changes nothing', async () => {
    const { spots, runId, page: crm } = await genuineRun();
    const staticUrl = `chrome-extension://${kit.browser.extensionId}/panel.html`;
    evil.pages.set(
      '/prize.html',
      decoyPage([
        { name: 'static', src: staticUrl },
        { name: 'dynamic', src: await dynamicUrl() },
      ]),
    );
    const page = await kit.browser.context.newPage();
    await page.goto(`${evil.url}/prize.html`);
    // The static URL is not web-accessible any more (use_dynamic_url): Chromium's error page.
    await expect.poll(async () => (await childFrame(page, 'static')).url()).toBe('chrome-error://chromewebdata/');
    await assertPowerless(page, await childFrame(page, 'dynamic'), runId, spots);
    await page.close();
    await crm.close();
  });

  it('an enabled CRM page making its own iframe of the panel gets nothing, and the genuine panel keeps working', async () => {
    const { page, panel, runId, spots } = await genuineRun();
    const src = await dynamicUrl();
    await page.evaluate(
      ({ u, css }) => {
        const f = Object.assign(document.createElement('iframe'), { name: 'crm-own', src: u });
        f.style.cssText = css;
        document.body.append(f);
      },
      { u: src, css: LEFT_FRAME },
    );
    await assertPowerless(page, await childFrame(page, 'crm-own'), runId, spots);
    await panel.getByTestId(`cc-item-${items[1]}`).check();
    await expect.poll(async () => Object.keys((await storedRun(runId))?.ticks ?? {}).sort()).toEqual([items[0], items[1]].sort());
    await page.close();
  });

  it('a replayed panel URL, ticket included, is refused in the same tab and in another site', async () => {
    const { page, panel, runId, spots } = await genuineRun();
    const ticket = new URL(panel.url()).hash;
    expect(ticket).toMatch(/^#[0-9a-f]{64}$/);
    const replay = `${await dynamicUrl()}${ticket}`;
    await page.evaluate(
      ({ u, css }) => {
        const f = Object.assign(document.createElement('iframe'), { name: 'replay', src: u });
        f.style.cssText = css;
        document.body.append(f);
      },
      { u: replay, css: LEFT_FRAME },
    );
    const frame = await childFrame(page, 'replay');
    await assertPowerless(page, frame, runId, spots);
    expect(await requestsFrom(frame, [['panel.claim', { ticket: ticket.slice(1) }]])).toEqual([
      { ok: false, error: 'Cuecard is not available here: its ticket was already used by another frame.' },
    ]);
    evil.pages.set('/replay.html', decoyPage([{ name: 'replay', src: replay }]));
    const other = await kit.browser.context.newPage();
    await other.goto(`${evil.url}/replay.html`);
    await assertPowerless(other, await childFrame(other, 'replay'), runId, spots);
    await other.close();
    // The genuine panel was not disturbed by either replay.
    await panel.getByTestId(`cc-item-${items[1]}`).check();
    await expect.poll(async () => Object.keys((await storedRun(runId))?.ticks ?? {}).length).toBe(2);
    await page.close();
  });
});

describe('probing for Cuecard from an unrelated site', () => {
  it('the static panel URL answers exactly as for an extension that is not installed', async () => {
    evil.pages.set('/probe.html', '<!doctype html><body>probe</body>');
    const page = await kit.browser.context.newPage();
    await page.goto(`${evil.url}/probe.html`);
    const ours = await probe(page, `chrome-extension://${kit.browser.extensionId}/panel.html`);
    const absent = await probe(page, 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/panel.html');
    expect(ours).toEqual(absent);
    expect(ours.fetched).toMatch(/^error/);
    expect(ours.img).toBe('error');
    // The dynamic URL is a per-session random origin: nothing in it names the extension.
    const dynamic = new URL(await dynamicUrl());
    expect(dynamic.host).not.toBe(kit.browser.extensionId);
    expect(dynamic.host).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await page.close();
  });
});
