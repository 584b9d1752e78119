/**
 * The service worker under a running contact, in real Chromium with the built demo extension:
 * stopped mid-run (as Chrome does when it idles), and two tabs on one run while it restarts.
 * No tick may be lost, and each tab must see the other's change within 1 s.
 */
import { describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { panelFrame } from './harness';
import { currentTitle } from './flows';
import { faultKit, title } from './faults-kit';

const kit = faultKit();
const { open, startShift, storedRun, storedTicks, stopWorker, sameWorker, ticked } = kit;

describe('the service worker stops mid-run', () => {
  it('the next tick wakes it and is stored; nothing before it is lost', async () => {
    const { page, panel } = await open();
    const id = await startShift(panel);
    await panel.getByTestId('cc-item-workspace-tidy').check();
    await expect.poll(() => storedTicks(id)).toEqual(['workspace-tidy']);

    await stopWorker();
    // Straight after the stop, while a new worker is still starting (woken by this message or
    // by the panel's port, whichever is first): the tick must land all the same.
    await panel.getByTestId('cc-item-equipment-working').check();
    await panel.getByTestId('cc-next').click();
    await expect.poll(() => currentTitle(panel)).toContain(title('mindset'));
    await expect.poll(async () => (await storedRun(id))?.path.length).toBe(2);
    expect(await sameWorker()).toBe(false);

    // Stopped again and left stopped a while (the port reconnects, the panel reloads its state).
    await stopWorker();
    await page.waitForTimeout(1500);
    await panel.getByTestId('cc-item-mindset-ready').check();
    await expect.poll(() => storedTicks(id)).toEqual(['equipment-working', 'mindset-ready', 'workspace-tidy']);

    await page.reload();
    const again = await panelFrame(page, kit.browser.extensionId);
    await expect.poll(() => currentTitle(again)).toContain(title('mindset'));
    expect(await ticked(again)).toEqual(['mindset-ready']);
    await page.close();
  });
});

describe('two tabs on the same run', () => {
  it("each sees the other's change within 1 s, and both end on the last write", async () => {
    const a = await open();
    const id = await startShift(a.panel);
    const b = await open();
    await expect.poll(() => currentTitle(b.panel)).toContain(title('environment'));
    /** Ms from the agent's click in one tab until the other tab shows it; fails past `limit`. */
    const relay = async (from: Frame, to: Frame, item: string, checked: boolean, limit = 1000) => {
      const sel = `#cc-item-${item}`;
      await from.locator(sel).waitFor();
      const clickedAt = await from.evaluate(
        ([s, want]) => {
          const box = document.querySelector(s) as HTMLInputElement;
          if (box.checked !== want) box.click();
          return Date.now();
        },
        [sel, checked] as const,
      );
      await to.waitForFunction(([s, want]) => (document.querySelector(s) as HTMLInputElement | null)?.checked === want, [sel, checked] as const, {
        timeout: limit + 5000,
      });
      const took = Date.now() - clickedAt;
      expect(took, `${item} → ${checked} took ${took} ms to reach the other tab`).toBeLessThan(limit);
      return took;
    };
    const aToB = await relay(a.panel, b.panel, 'workspace-tidy', true);
    const bToA = await relay(b.panel, a.panel, 'equipment-working', true);
    // Right after the worker was stopped, again and again (it idles out every 30 s): the
    // panels' ports must be back at once, or pushes are missed until they are (a reconnect
    // backoff that grew to 5 s did that). This relay includes the worker's cold start.
    for (let i = 0; i < 5; i++) {
      await stopWorker({ untilRestarted: true });
      await a.page.waitForTimeout(1200); // ports that lived a while: idle stops, not a crash loop
    }
    await stopWorker();
    const afterStops = await relay(b.panel, a.panel, 'equipment-working', false, 2500);
    await relay(a.panel, b.panel, 'equipment-working', true);
    console.log(`run.changed reached the other tab in ${aToB} ms (A→B), ${bToA} ms (B→A), ${afterStops} ms just after 6 worker stops`);

    // Both at once, on different items: whichever write is stored last is what both tabs show.
    await Promise.all([a.panel.getByTestId('cc-item-workspace-tidy').uncheck(), b.panel.getByTestId('cc-item-equipment-working').uncheck()]);
    await expect
      .poll(
        async () => {
          const stored = await storedTicks(id);
          return [await ticked(a.panel), await ticked(b.panel)].every((t) => JSON.stringify(t) === JSON.stringify(stored));
        },
        { timeout: 3000 },
      )
      .toBe(true);
    await a.page.close();
    await b.page.close();
  });
});
