// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { guardLifecycle } from './lifecycle';

const NAME = 'abc:crm:wxt:content-script-started';
const announce = () => document.dispatchEvent(new CustomEvent(NAME, { detail: { contentScriptName: 'crm', messageId: 'forged' } }));

describe('guardLifecycle', () => {
  it('stops the "another copy started" event before a listener on document hears it, while alive', () => {
    const heard = vi.fn();
    document.addEventListener(NAME, heard); // where WXT listens
    const stop = new AbortController();
    let alive = true;
    guardLifecycle(window, NAME, () => alive, stop.signal);
    announce();
    expect(heard).not.toHaveBeenCalled();
    // Once this copy is dead (extension updated away), the event goes through again.
    alive = false;
    announce();
    expect(heard).toHaveBeenCalledTimes(1);
    alive = true;
    stop.abort();
    announce();
    expect(heard).toHaveBeenCalledTimes(2);
    document.removeEventListener(NAME, heard);
  });
});
