import { describe, expect, it, vi } from 'vitest';
import type { Run } from '../engine/run';
import type { PanelState, StoreDeps } from './panel-store';
import { createSaveSlice } from './save-slice';

const run = (rev: number): Run =>
  ({
    id: 'r1',
    packId: 'p',
    packVersion: 1,
    procedureId: 'x',
    status: 'open',
    path: [{ stepId: 's', at: 0 }],
    ticks: {},
    skips: {},
    choices: {},
    createdAt: 0,
    updatedAt: rev,
    rev,
  }) as Run;

/** The slice on its own, over a hand-driven background: each reply resolves when the test says. */
function harness() {
  const replies: Array<{ run: Run; ok(): void; lose(winner: Run): void; fail(e: Error): void }> = [];
  const send = vi.fn(
    (_type: string, payload: { run: Run }) =>
      new Promise((ok, fail) =>
        replies.push({ run: payload.run, ok: () => ok({ saved: true, run: payload.run }), lose: (winner) => ok({ saved: false, run: winner }), fail }),
      ),
  );
  const load = vi.fn(async () => undefined);
  let state = { runs: {}, load } as unknown as PanelState;
  const set = (p: Partial<PanelState> | ((s: PanelState) => Partial<PanelState>)) => {
    state = { ...state, ...(typeof p === 'function' ? p(state) : p) };
  };
  const deps = { send, now: () => 0, newId: () => 'id' } as unknown as StoreDeps;
  state = { ...state, ...createSaveSlice(set, () => state, deps) };
  return { get: () => state, set, replies, send, load };
}

describe('save slice', () => {
  it('adopts the revision the background kept when it is higher than ours', async () => {
    const { get, set, replies } = harness();
    set({ runs: { r1: run(3) } });
    const sent = get().persist(run(3));
    const theirs = { ...run(5), ticks: { other: 1 } };
    replies[0]!.lose(theirs);
    await sent;
    expect(get().runs.r1).toEqual(theirs);
    expect(get().unsaved).toEqual({});
  });

  it('keeps its own run when it has moved past the winner meanwhile (that write will win)', async () => {
    const { get, set, replies } = harness();
    set({ runs: { r1: run(3) } });
    const first = get().persist(run(3));
    set({ runs: { r1: run(7) } });
    const second = get().persist(run(7));
    replies[0]!.lose(run(5));
    await first;
    expect(get().runs.r1?.rev).toBe(7);
    replies[1]!.ok();
    await second;
    expect(get().runs.r1?.rev).toBe(7);
  });

  it('sends every write at once, so none waits in the frame for an earlier reply', () => {
    const { get, send } = harness();
    void get().persist(run(1));
    void get().persist(run(2));
    void get().persist(run(3));
    // A page that removes the panel's frame now loses nothing: all three are with the background.
    expect(send.mock.calls.map(([, p]) => p.run.rev)).toEqual([1, 2, 3]);
    expect(get().unsaved.r1?.rev).toBe(3);
  });

  it('clears the newest state only once it is stored, whatever order the replies come in', async () => {
    const { get, replies } = harness();
    const first = get().persist(run(1));
    const second = get().persist(run(2));
    replies[1]!.ok();
    await second;
    expect(get().unsaved).toEqual({});
    replies[0]!.fail(new Error('QuotaExceededError'));
    await first;
    // The failed write was superseded by a stored newer one: no error, nothing to retry.
    expect(get().saveError).toBeUndefined();
    expect(get().unsaved).toEqual({});
  });

  it('keeps the newest state and reports when it is the one that failed', async () => {
    vi.useFakeTimers();
    try {
      const { get, replies } = harness();
      const first = get().persist(run(1));
      const second = get().persist(run(2));
      replies[0]!.ok();
      replies[1]!.fail(new Error('UnknownError: disk I/O'));
      await Promise.all([first, second]);
      expect(get().saveError).toMatch(/disk I\/O/);
      expect(get().unsaved.r1?.rev).toBe(2);
      await vi.advanceTimersByTimeAsync(1000);
      expect(replies.map((r) => r.run.rev)).toEqual([1, 2, 2]);
      replies[2]!.ok();
      await vi.advanceTimersByTimeAsync(0);
      expect(get().saveError).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a state read that raced this panel keeps what changed here since (our writes, pushes taken)', () => {
    const { get, set } = harness();
    const mark = get().saveMark();
    void get().persist(run(2));
    set({ runs: { r1: run(2), r2: { ...run(7), id: 'r2' } } });
    expect(get().notePush('r2')).toBe(false);
    const loaded = get().overlayLocal({ r1: run(1), r2: { ...run(6), id: 'r2' }, r3: { ...run(1), id: 'r3' } }, mark);
    expect([loaded.r1?.rev, loaded.r2?.rev, loaded.r3?.rev]).toEqual([2, 7, 1]);
    // A read begun after those changes is the truth.
    expect(get().overlayLocal({ r2: { ...run(9), id: 'r2' } }, get().saveMark()).r2?.rev).toBe(9);
  });

  it("sets aside another tab's change while our write is in flight, and reads back once it lands", async () => {
    const { get, replies, load } = harness();
    const mine = get().persist(run(4));
    expect(get().notePush('r1')).toBe(true);
    expect(load).not.toHaveBeenCalled();
    replies[0]!.ok();
    await mine;
    // Whichever write the background stored last is what the panel shows next.
    expect(load).toHaveBeenCalledTimes(1);
  });
});
