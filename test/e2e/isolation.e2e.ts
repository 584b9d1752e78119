/** The CRM page is untrusted: its scripts can neither read nor change the panel. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServer, launch, panelFrame, type Browser } from './harness';
import { startProcedure } from './flows';

let server: Awaited<ReturnType<typeof demoServer>>;
let browser: Browser;

beforeAll(async () => {
  server = await demoServer();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('isolation from the CRM page', () => {
  it('page scripts cannot reach into the panel', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url + '/index.html');
    const panel = await panelFrame(page, browser.extensionId);
    await startProcedure(panel, 'inbound-phone', 'phone');
    const probe = await page.evaluate(() => {
      const host = document.querySelector('cuecard-panel') as HTMLElement & { shadowRoot: ShadowRoot | null };
      const readable: string[] = [];
      for (let i = 0; i < window.frames.length; i++) {
        try {
          readable.push(window.frames[i]!.document.body.innerText.slice(0, 20));
        } catch {
          /* cross-origin: what we expect for the panel */
        }
      }
      return {
        hostFound: !!host,
        shadowRoot: host?.shadowRoot ?? null,
        framesInDocument: document.querySelectorAll('iframe').length,
        // Frames inside shadow trees are not in window.frames: the page gets no handle on the panel's window.
        windowFrames: window.frames.length,
        readable,
        text: document.body.innerText.includes('Cuecard'),
      };
    });
    expect(probe.hostFound).toBe(true);
    expect(probe.shadowRoot).toBeNull();
    expect(probe.framesInDocument).toBe(0);
    expect(probe.windowFrames).toBe(0);
    expect(probe.readable).toEqual([]);
    expect(probe.text).toBe(false);
    await page.close();
  });
});
