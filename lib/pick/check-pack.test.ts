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

  it('tests each anchor only on the snapshots that list it; the others report it untested', () => {
    // Two pages of one site: the customer page holds the name and phone, the plan page the guard and notes.
    const customer = { ...crmSnapshot(), version: 2, anchors: ['field customer.name', 'field customer.phone'] };
    const plan = { ...crmSnapshot(), version: 2, anchors: ['guard change-plan'] };
    const files = withSnapshot(withSnapshot(anchorPackFiles('#phone'), customer, 'customer'), plan, 'plan');
    const report = testPackAnchors(files, nodeDocument);
    expect(report.failures).toEqual([]);
    expect(report.untested).toEqual(['step p/a anchor 1']);
    expect(report.snapshots).toBe(2);
  });

  it('an unlisted anchor that matches nothing is no failure; one that matches many always is', () => {
    const listed = { ...crmSnapshot(true), version: 2, anchors: ['guard change-plan'] };
    const report = testPackAnchors(withSnapshot(anchorPackFiles(), listed), nodeDocument);
    expect(report.failures.map((f) => [f.anchor, f.matched])).toEqual([['field customer.phone', 2]]);
    expect(report.untested).toContain('field customer.phone');
    const none = testPackAnchors(withSnapshot(anchorPackFiles('#mobile'), { ...crmSnapshot(), version: 2, anchors: [] }), nodeDocument);
    expect(none.failures).toEqual([]);
    expect(none.untested).toHaveLength(4);
  });

  it('a version 1 snapshot (no list) tests every anchor that matches on its page', () => {
    const report = testPackAnchors(withSnapshot(anchorPackFiles('#mobile'), crmSnapshot()), nodeDocument);
    expect(report.failures).toEqual([]);
    expect(report.untested).toEqual(['field customer.phone']);
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
