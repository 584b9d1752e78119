import { describe, expect, it } from 'vitest';
import { createRouter, senderKind } from './server';

const ext = { id: 'ext-id', origin: 'chrome-extension://ext-id/' };
const panel = { id: 'ext-id', url: 'chrome-extension://ext-id/panel.html', tab: { id: 3 }, frameId: 7 };
const page = { id: 'ext-id', url: 'https://crm.example.com/console', tab: { id: 3 }, frameId: 0 };

function router() {
  return createRouter(
    {
      'runs.history': ({ limit }) => ({ runs: [], limit } as never),
      'page.focused': () => ({ ok: true }),
      'run.delete': () => {
        throw new Error('database is closed');
      },
    },
    ext,
  );
}

describe('senderKind', () => {
  it('tells extension pages from content scripts and refuses strangers', () => {
    expect(senderKind(panel, ext.id, ext.origin)).toBe('ext');
    expect(senderKind(page, ext.id, ext.origin)).toBe('page');
    expect(senderKind({ ...page, id: 'other-extension' }, ext.id, ext.origin)).toBeNull();
    expect(senderKind({ id: 'ext-id', url: 'https://x.example/' }, ext.id, ext.origin)).toBeNull();
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
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toMatch(/"runs.history" may not be sent from a web page/);
  });

  it('lets content scripts send page messages', async () => {
    expect(await router()({ type: 'page.focused', payload: {} }, page)).toEqual({ ok: true, data: { ok: true } });
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
  });

  it('turns a handler failure into an error reply', async () => {
    expect(await router()({ type: 'run.delete', payload: { runId: 'r1' } }, panel)).toEqual({ ok: false, error: 'database is closed' });
  });

  it('says so when a declared request has no handler', async () => {
    expect(await router()({ type: 'sites.sync', payload: {} }, panel)).toEqual({ ok: false, error: 'No handler for "sites.sync".' });
  });
});
