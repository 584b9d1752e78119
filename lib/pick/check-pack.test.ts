import { describe, expect, it } from 'vitest';
import { checkPackAnchors } from './check-pack';
import { nodeDocument } from './node-dom';
import type { Snapshot } from './snapshot-schema';
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

  it('names the anchor, the snapshot and nothing matched', () => {
    const failures = checkPackAnchors(withSnapshot(anchorPackFiles('#mobile'), crmSnapshot()), nodeDocument);
    expect(failures).toEqual([
      {
        anchor: 'field customer.phone',
        snapshot: 'account',
        matched: 0,
        message: 'field customer.phone (selector "#mobile") matches nothing in snapshot "account"',
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
});
