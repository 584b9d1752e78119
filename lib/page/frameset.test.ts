// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { panelHostDecision } from './frameset';

/*
 * happy-dom neither parses <frameset> documents nor lays out frames, so the window tree is
 * built by hand: real elements, with the few Window/Document members the decision reads.
 * Real framesets are covered by the e2e suite against test/fixtures/crm/frameset.html.
 */
interface FakeWin {
  top: FakeWin;
  parent: FakeWin;
  document: Document;
  innerWidth: number;
  innerHeight: number;
  screen: { width: number; height: number };
}

function fakeDoc(bodyTag: 'body' | 'frameset', frames: Array<[FakeWin, number, number]> = []): Document {
  const body = document.createElement(bodyTag);
  for (const [win, w, h] of frames) {
    const f = document.createElement('frame');
    Object.defineProperty(f, 'contentWindow', { value: win });
    f.getBoundingClientRect = () => ({ width: w, height: h }) as DOMRect;
    body.appendChild(f);
  }
  return { body, querySelectorAll: (s: string) => body.querySelectorAll(s) } as unknown as Document;
}

function win(parent: FakeWin | null, bodyTag: 'body' | 'frameset' = 'body', size = [800, 600]): FakeWin {
  const w = { innerWidth: size[0], innerHeight: size[1], screen: { width: 1600, height: 900 } } as FakeWin;
  w.parent = parent ?? w;
  w.top = parent ? parent.top : w;
  w.document = fakeDoc(bodyTag);
  return w;
}
const decide = (w: FakeWin) => panelHostDecision(w as unknown as Window);

describe('panelHostDecision', () => {
  it('mounts in a normal top page and skips its iframes', () => {
    const top = win(null);
    const iframe = win(top);
    expect(decide(top)).toBe('mount');
    expect(decide(iframe)).toBe('skip');
  });

  it('skips a frameset document and mounts only in its largest frame', () => {
    const top = win(null);
    const nav = win(top);
    const main = win(top);
    top.document = fakeDoc('frameset', [
      [nav, 180, 900],
      [main, 1420, 900],
    ]);
    expect([decide(top), decide(nav), decide(main)]).toEqual(['skip', 'skip', 'mount']);
  });

  it('follows nested framesets down the largest branch only', () => {
    const top = win(null);
    const banner = win(top);
    const body = win(top, 'frameset');
    const nav = win(body);
    const main = win(body);
    top.document = fakeDoc('frameset', [
      [banner, 1600, 60],
      [body, 1600, 840],
    ]);
    body.document = fakeDoc('frameset', [
      [nav, 200, 840],
      [main, 1400, 840],
    ]);
    expect([banner, body, nav, main].map(decide)).toEqual(['skip', 'skip', 'skip', 'mount']);
  });

  it('skips a frameset that sits inside a normal page (the page shows the panel)', () => {
    const top = win(null);
    const inner = win(top, 'frameset');
    const main = win(inner);
    inner.document = fakeDoc('frameset', [[main, 800, 600]]);
    expect(decide(main)).toBe('skip');
  });

  it('guesses by size when the frameset parent is cross-origin', () => {
    const top = win(null);
    Object.defineProperty(top, 'document', {
      get() {
        throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
      },
    });
    expect(decide(win(top, 'body', [1400, 800]))).toBe('mount'); // 78% of the screen
    expect(decide(win(top, 'body', [400, 300]))).toBe('skip');
  });
});
