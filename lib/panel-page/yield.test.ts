import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextMessage, nextTask } from './yield';

const g = globalThis as { scheduler?: { yield?: () => Promise<void> } };

describe('yielding to the browser', () => {
  afterEach(() => delete g.scheduler);

  it('resumes in a later task, not after the current one’s microtasks', async () => {
    let resumed = false;
    const pending = nextMessage().then(() => (resumed = true));
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(resumed).toBe(false);
    await pending;
    expect(resumed).toBe(true);
  });

  it('uses scheduler.yield() where the browser has it, a message where it has not', async () => {
    g.scheduler = { yield: vi.fn(() => Promise.resolve()) };
    await nextTask();
    expect(g.scheduler.yield).toHaveBeenCalledOnce();
    g.scheduler = {};
    await expect(nextTask()).resolves.toBeUndefined();
  });
});
