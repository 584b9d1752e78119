import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { sendPatiently } from './client';

const layout = { open: true, width: 360 };

describe('sendPatiently', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('asks again, after each wait, while the background does not answer, then has the answer', async () => {
    const answers = [new Error('Could not establish connection. Receiving end does not exist.'), undefined, { ok: true, data: layout }];
    const sendMessage = vi.fn(async () => {
      const next = answers.shift();
      if (next instanceof Error) throw next;
      return next;
    });
    fakeBrowser.runtime.sendMessage = sendMessage as never;
    const reply = sendPatiently('page.layout', {}, [100, 200]);
    await vi.advanceTimersByTimeAsync(99);
    expect(sendMessage).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sendMessage).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(200);
    await expect(reply).resolves.toEqual(layout);
    expect(sendMessage).toHaveBeenCalledTimes(3);
  });

  it('gives up with the last error once the waits are used up', async () => {
    const sendMessage = vi.fn(async () => {
      throw new Error('Extension context invalidated.');
    });
    fakeBrowser.runtime.sendMessage = sendMessage as never;
    const reply = sendPatiently('page.layout', {}, [100]);
    const settled = expect(reply).rejects.toThrow(/did not answer \(Extension context invalidated\.\)/);
    await vi.advanceTimersByTimeAsync(100);
    await settled;
    expect(sendMessage).toHaveBeenCalledTimes(2);
  });

  it('does not ask again when the background answered with an error', async () => {
    const sendMessage = vi.fn(async () => ({ ok: false, error: 'This page is not one of your sites.' }));
    fakeBrowser.runtime.sendMessage = sendMessage as never;
    await expect(sendPatiently('page.layout', {}, [100])).rejects.toThrow('This page is not one of your sites.');
    expect(sendMessage).toHaveBeenCalledTimes(1);
  });
});
