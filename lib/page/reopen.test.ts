// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { watchReopen, whenComplete } from './reopen';

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('watchReopen', () => {
  it('calls back once when the document root is replaced, not for other changes', async () => {
    const cb = vi.fn();
    const w = watchReopen(document, cb);
    document.body.append(document.createElement('p')); // an ordinary change
    await flush();
    expect(cb).not.toHaveBeenCalled();
    const old = document.documentElement;
    old.remove();
    document.append(document.createElement('html'));
    await flush();
    expect(cb).toHaveBeenCalledTimes(1);
    w.stop();
  });

  it('does nothing after stop()', async () => {
    const cb = vi.fn();
    watchReopen(document, cb).stop();
    document.documentElement.remove();
    document.append(document.createElement('html'));
    await flush();
    expect(cb).not.toHaveBeenCalled();
  });
});

describe('whenComplete', () => {
  it('runs at once (next task) for a loaded document, and after the time limit otherwise', async () => {
    vi.useFakeTimers();
    const done = vi.fn();
    whenComplete({ readyState: 'complete' } as Document, done, 1000);
    expect(done).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(done).toHaveBeenCalledTimes(1);
    const stuck = { readyState: 'loading', addEventListener: vi.fn(), removeEventListener: vi.fn() } as unknown as Document;
    const late = vi.fn();
    whenComplete(stuck, late, 1000);
    vi.advanceTimersByTime(999);
    expect(late).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(late).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });
});
