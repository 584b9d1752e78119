import { describe, expect, it } from 'vitest';
import { checkPackAnchors, testPackAnchors } from './check-pack';
import { nodeDocument } from './node-dom';
import { listAnchors } from './snapshot-anchors';
import type { Snapshot } from './snapshot-schema';
import { compile } from '../pack/authoring/compile';
import { anchorPackFiles } from './test-pack';

/** A CRM page: a label cell beside the name, the phone in a shadow root, notes in a frame. */
function crmSnapshot(extraPhone = false): Snapshot {
  const phone = { t: 'input', a: { id: 'phone', value: '***' } };
  return {
    kind: 'cuecard-snapshot',
    version: 1,
    taken: '2026-12-05T07:00:00.000Z',
    frames: [
      {
        name: '',
        page: 'https://crm.test/customers/*',
        body: {
          t: 'body',
          c: [
            {
              t: 'table',
              c: [
                {
                  t: 'tbody',
                  c: [
                    {
                      t: 'tr',
                      c: [
                        { t: 'td', c: ['客户姓名：'] },
                        { t: 'td', c: [{ t: 'input', a: { name: 'cname' } }] },
                      ],
                    },
                  ],
                },
              ],
            },
            { t: 'x-phone', s: [phone] },
            ...(extraPhone ? [{ t: 'div', c: [{ t: 'input', a: { id: 'phone' } }] }] : []),
            { t: 'button', c: ['Change plan'] },
            { t: 'iframe', a: { name: 'notes-frame' }, f: 1 },
          ],
        },
      },
      { name: 'notes-frame', page: 'https://crm.test/notes', body: { t: 'body', c: [{ t: 'textarea', a: { id: 'notes' }, c: ['***'] }] } },
    ],
  };
}

const withSnapshot = (files: Record<string, string>, snap: unknown, name = 'account') => ({ ...files, [`snapshots/${name}.json`]: JSON.stringify(snap) });

describe('checkPackAnchors', () => {
  it('passes when every anchor matches exactly one element (label cell, shadow root, frame, button text)', () => {
    expect(checkPackAnchors(withSnapshot(anchorPackFiles(), crmSnapshot()), nodeDocument)).toEqual([]);
  });

  it('names a listed anchor, the snapshot and nothing matched', () => {
    const snap = { ...crmSnapshot(), version: 2, anchors: ['field customer.phone'] };
    const failures = checkPackAnchors(withSnapshot(anchorPackFiles('#mobile'), snap), nodeDocument);
    expect(failures).toEqual([
      {
        anchor: 'field customer.phone',
        snapshot: 'account',
        matched: 0,
        message: 'field customer.phone (selector "#mobile") matches nothing in snapshot "account", which lists it as tested there',
      },
    ]);
  });

  it('lists what matched when an anchor is ambiguous', () => {
    const [f] = checkPackAnchors(withSnapshot(anchorPackFiles(), crmSnapshot(true)), nodeDocument);
    expect(f?.matched).toBe(2);
    expect(f?.message).toContain('matches 2 elements in snapshot "account": input#phone, input#phone');
  });

  it('reports a malformed selector by anchor', () => {
    const [f] = checkPackAnchors(withSnapshot(anchorPackFiles('input[name='), crmSnapshot()), nodeDocument);
    expect(f?.message).toBe('field customer.phone: "input[name=" is not a valid CSS selector');
  });

  it('says clearly when a snapshot file is not a snapshot', () => {
    const files = { ...anchorPackFiles(), 'snapshots/notes.json': '{"hello": 1}', 'snapshots/broken.json': '{' };
    const failures = checkPackAnchors(files, nodeDocument).map((f) => f.message);
    expect(failures[0]).toMatch(/^snapshots\/broken\.json is not JSON/);
    expect(failures[1]).toBe('snapshots/notes.json is not a Cuecard page snapshot (no "kind": "cuecard-snapshot"); save one with "Save snapshot" in Studio');
  });

  it('skips snapshots of pages no site covers, and says so', () => {
    const snap = crmSnapshot();
    snap.frames[0]!.page = 'https://other.test/x';
    snap.frames[1]!.page = 'https://other.test/y';
    const [f] = checkPackAnchors(withSnapshot(anchorPackFiles('#mobile'), snap), nodeDocument);
    expect(f?.message).toBe('snapshots/account.json: no anchor of the pack applies to its page https://other.test/x (no site matches it)');
  });

  it('has nothing to test without snapshots', () => {
    expect(checkPackAnchors(anchorPackFiles('#mobile'), nodeDocument)).toEqual([]);
  });

  /** Two pages of one site: the customer page holds the name and phone, the plan page the guard and notes. */
  const pages = (lists: { customer?: string[]; plan?: string[] } = {}) => {
    const full = crmSnapshot();
    const body = full.frames[0]!.body as { c: unknown[] };
    const customer = { ...full, version: 2, anchors: lists.customer, frames: [{ ...full.frames[0]!, body: { t: 'body', c: body.c.slice(0, 2) } }] };
    const plan = { ...full, version: 2, anchors: lists.plan, frames: [{ ...full.frames[0]!, body: { t: 'body', c: body.c.slice(2) } }, full.frames[1]!] };
    return (files: Record<string, string>) => withSnapshot(withSnapshot(files, customer, 'customer'), plan, 'plan');
  };

  it('passes when each anchor matches exactly one element on some page of its site', () => {
    const report = testPackAnchors(pages()(anchorPackFiles()), nodeDocument);
    expect(report).toEqual({ failures: [], untested: [], unknown: [], snapshots: 2 });
  });

  it('an anchor found on no page of its site fails by name, and says its page may want a snapshot', () => {
    const [f, more] = checkPackAnchors(pages()(anchorPackFiles('#mobile')), nodeDocument);
    expect(more).toBeUndefined();
    expect(f?.message).toBe(
      'field customer.phone (selector "#mobile") matches nothing in any snapshot of its site ("customer", "plan"); if it is on another page, save a snapshot of that page',
    );
  });

  it('a listed anchor must match on its snapshot, though it matches on another', () => {
    const failures = checkPackAnchors(pages({ plan: ['field customer.phone'] })(anchorPackFiles()), nodeDocument);
    expect(failures.map((f) => [f.anchor, f.snapshot, f.matched])).toEqual([['field customer.phone', 'plan', 0]]);
  });

  it('an anchor whose site has no snapshot is untested, not failed', () => {
    const snap = { ...crmSnapshot(), version: 2, anchors: ['guard change-plan'] };
    snap.frames[0]!.page = 'https://other.test/x';
    snap.frames[1]!.page = 'https://other.test/y';
    const report = testPackAnchors(withSnapshot(anchorPackFiles(), snap), nodeDocument);
    expect(report.failures).toEqual([]);
    expect(report.untested).toEqual(['field customer.name', 'field customer.phone', 'step p/a anchor 1']);
  });

  it('warns about listed names the pack no longer has', () => {
    const snap = { ...crmSnapshot(), version: 2, anchors: ['field customer.gone'] };
    expect(testPackAnchors(withSnapshot(anchorPackFiles(), snap), nodeDocument).unknown).toEqual([{ snapshot: 'account', anchor: 'field customer.gone' }]);
  });

  it('a malformed selector fails even where no snapshot lists the anchor', () => {
    const snap = { ...crmSnapshot(), version: 2, anchors: [] };
    expect(checkPackAnchors(withSnapshot(anchorPackFiles('input[name='), snap), nodeDocument).map((f) => f.anchor)).toEqual(['field customer.phone']);
  });
});

describe('listAnchors', () => {
  const pack = () => {
    const c = compile(new Map(Object.entries(anchorPackFiles('#mobile'))));
    if (!c.ok) throw new Error('test pack does not compile');
    return c.pack;
  };

  it('fills a captured snapshot with the anchors found on its page, as version 2', () => {
    const text = listAnchors(JSON.stringify(crmSnapshot()), undefined, pack(), nodeDocument)!;
    const out = JSON.parse(text) as { version: number; anchors: string[] };
    expect(out.version).toBe(2);
    expect(out.anchors).toEqual(['field customer.name', 'guard change-plan', 'step p/a anchor 1']);
  });

  it('keeps what the snapshot of the same name listed before', () => {
    const before = JSON.stringify({ ...crmSnapshot(), version: 2, anchors: ['field customer.phone'] });
    const out = JSON.parse(listAnchors(JSON.stringify(crmSnapshot()), before, pack(), nodeDocument)!) as { anchors: string[] };
    expect(out.anchors).toContain('field customer.phone');
    expect(out.anchors).toContain('field customer.name');
  });

  it('gives nothing for a text that is not a snapshot', () => {
    expect(listAnchors('{', undefined, pack(), nodeDocument)).toBeUndefined();
  });
});
