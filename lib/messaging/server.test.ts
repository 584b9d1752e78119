import { describe, expect, it } from 'vitest';
import { createRouter, type Handlers } from './server';
import { classifySender, type SenderInfo } from './sender';
import { requests } from './protocol';

const ext = { id: 'ext-id', origins: ['chrome-extension://ext-id/', 'chrome-extension://5e7a-dynamic/'] };
const panel: SenderInfo = { id: 'ext-id', url: 'chrome-extension://ext-id/panel.html#t', tab: { id: 3 }, frameId: 7, documentId: 'D1' };
const options: SenderInfo = { id: 'ext-id', url: 'chrome-extension://ext-id/options.html', tab: { id: 4 }, frameId: 0 };
const page: SenderInfo = { id: 'ext-id', url: 'https://crm.example.com/console', tab: { id: 3 }, frameId: 0 };
const bound = new Set(['D1']);
const classify = (s: SenderInfo) => classifySender(s, ext, async (x) => bound.has(x.documentId ?? ''));

/** Every handler answers with its type, so a test sees which ran; a few do something else. */
function handlers(): Handlers {
  const all = Object.fromEntries(Object.keys(requests).map((t) => [t, () => ({ handled: t })])) as unknown as Handlers;
  return {
    ...all,
    'runs.history': ({ limit }) => ({ runs: [], limit }) as never,
    'run.delete': () => {
      throw new Error('database is closed');
    },
  };
}
const router = () => createRouter(handlers(), classify);

describe('classifySender', () => {
  it('tells content scripts, bound panels, claimants and options pages apart, and refuses strangers', async () => {
    expect(await classify(page)).toBe('page');
    expect(await classify(panel)).toBe('panel');
    expect(await classify({ ...panel, documentId: 'D2' })).toBe('claimant');
    expect(await classify({ ...panel, url: 'chrome-extension://5e7a-dynamic/panel.html' })).toBe('panel');
    expect(await classify(options)).toBe('options');
    expect(await classify({ id: 'ext-id', url: 'chrome-extension://ext-id/options.html' })).toBe('options');
  });

  it('refuses other extensions, panel.html top-level, our other pages framed, and page-less senders', async () => {
    expect(await classify({ ...page, id: 'other-extension' })).toBeNull();
    expect(await classify({ ...panel, frameId: 0 })).toBeNull();
    expect(await classify({ ...panel, tab: undefined })).toBeNull();
    expect(await classify({ ...options, frameId: 5 })).toBeNull();
    expect(await classify({ id: 'ext-id', url: 'https://x.example/' })).toBeNull();
    expect(await classify({ ...panel, url: 'chrome-extension://ext-id.evil/panel.html' })).toBe('page');
  });
});

describe('createRouter', () => {
  it('answers a valid request from an allowed sender', async () => {
    expect(await router()({ type: 'runs.history', payload: { limit: 5 } }, panel)).toEqual({ ok: true, data: { runs: [], limit: 5 } });
  });

  it('refuses messages from another extension', async () => {
    const reply = await router()({ type: 'runs.history', payload: {} }, { ...panel, id: 'evil' });
    expect(reply).toEqual({ ok: false, error: 'Message refused: unknown sender.' });
  });

  it('refuses extension-only requests from a web page content script', async () => {
    const reply = await router()({ type: 'runs.history', payload: {} }, page);
    expect(reply).toEqual({ ok: false, error: 'Message refused: "runs.history" may not be sent from a web page.' });
  });

  it('refuses every request but the claim from a panel frame that has no ticket', async () => {
    const stranger = { ...panel, documentId: 'D9' };
    for (const type of ['state.load', 'run.put', 'run.delete', 'run.owned', 'run.activate', 'prefs.patch', 'page.insert', 'context.read', 'followups.list']) {
      const reply = await router()({ type, payload: {} }, stranger);
      expect(reply).toEqual({ ok: false, error: `Message refused: "${type}" may not be sent from a panel that Cuecard did not open here.` });
    }
    expect(await router()({ type: 'panel.claim', payload: { ticket: 'a'.repeat(64) } }, stranger)).toEqual({ ok: true, data: { handled: 'panel.claim' } });
  });

  it('takes trust settings only from the options page: a panel is refused, and names why', async () => {
    const trust = { patch: { allowUnsigned: true } };
    expect(await router()({ type: 'settings.patch', payload: trust }, panel)).toEqual({
      ok: false,
      error: 'Message refused: "settings.patch" may not be sent from the panel.',
    });
    const smuggled = await router()({ type: 'prefs.patch', payload: trust }, panel);
    expect(!smuggled.ok && smuggled.error).toMatch(/^Message "prefs.patch" is invalid: patch.allowUnsigned: /);
    for (const patch of [
      { trustedKeys: [] },
      { subscriptions: [] },
      { sites: ['https://evil.example/*'] },
      { profile: { company: 'x', agentId: '', name: '' } },
    ]) {
      const r = await router()({ type: 'prefs.patch', payload: { patch } }, panel);
      expect(r.ok, JSON.stringify(patch)).toBe(false);
    }
    expect(await router()({ type: 'prefs.patch', payload: { patch: { mode: 'experienced', panelWidth: 400 } } }, panel)).toEqual({
      ok: true,
      data: { handled: 'prefs.patch' },
    });
    expect(await router()({ type: 'settings.patch', payload: trust }, options)).toEqual({ ok: true, data: { handled: 'settings.patch' } });
  });

  it("changes a tab's contact only through run.activate, from a panel", async () => {
    // Per tab (lib/session/active-run.ts): not a preference a patch could change for every tab.
    const viaPrefs = await router()({ type: 'prefs.patch', payload: { patch: { activeRunId: null } } }, panel);
    expect(!viaPrefs.ok && viaPrefs.error).toMatch(/^Message "prefs.patch" is invalid: patch.activeRunId: /);
    expect(await router()({ type: 'run.activate', payload: { runId: 'r1' } }, panel)).toEqual({ ok: true, data: { handled: 'run.activate' } });
    expect(await router()({ type: 'run.activate', payload: { runId: null } }, panel)).toEqual({ ok: true, data: { handled: 'run.activate' } });
    expect((await router()({ type: 'run.activate', payload: { runId: '' } }, panel)).ok).toBe(false);
    for (const type of ['run.activate', 'run.owned', 'run.delete']) {
      expect(await router()({ type, payload: { runId: 'r1' } }, options)).toEqual({
        ok: false,
        error: `Message refused: "${type}" may not be sent from the options page.`,
      });
      expect(await router()({ type, payload: { runId: 'r1' } }, page)).toEqual({
        ok: false,
        error: `Message refused: "${type}" may not be sent from a web page.`,
      });
    }
  });

  it('lets content scripts send page messages, and only those', async () => {
    expect(await router()({ type: 'page.focused', payload: {} }, page)).toEqual({ ok: true, data: { handled: 'page.focused' } });
    expect((await router()({ type: 'panel.ticket', payload: {} }, panel)).ok).toBe(false);
  });

  it('names what is wrong with a malformed message', async () => {
    const r = router();
    expect(await r(null, panel)).toEqual({ ok: false, error: 'Message refused: it has no type.' });
    expect(await r({ type: 42 }, panel)).toEqual({ ok: false, error: 'Message refused: it has no type.' });
    expect(await r({ type: '__proto__' }, panel)).toEqual({ ok: false, error: 'Message refused: unknown type "__proto__".' });
    const bad = await r({ type: 'runs.history', payload: { limit: 'ten' } }, panel);
    expect(!bad.ok && bad.error).toMatch(/^Message "runs.history" is invalid: limit: /);
    const extra = await r({ type: 'page.focused', payload: { sneaky: 1 } }, page);
    expect(!extra.ok && extra.error).toMatch(/sneaky/);
    const ticket = await r({ type: 'panel.claim', payload: { ticket: '../x' } }, panel);
    expect(!ticket.ok && ticket.error).toMatch(/ticket: is not a panel ticket/);
  });

  it('turns a handler failure into an error reply', async () => {
    expect(await router()({ type: 'run.delete', payload: { runId: 'r1' } }, panel)).toEqual({ ok: false, error: 'database is closed' });
  });

  it('every declared message lists at least one sender kind', () => {
    for (const [type, spec] of Object.entries(requests)) expect(spec.from.length, type).toBeGreaterThan(0);
  });
});
